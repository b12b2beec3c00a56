//! The interactive reader's event loop: the only place that touches the terminal, starts
//! processes (the browser), writes escape sequences, or starts long-lived threads.
//!
//! One channel feeds the loop: terminal input, posts from the loader, rendered articles,
//! search hits and signals. The loop drains everything pending, turns terminal events into the
//! app's input events ([`input`]), applies each action with [`crate::app::runner::settle`]
//! (which runs the effects `update` returns through `effects` and applies what they report),
//! and draws once, only when something changed.
//!
//! Threads: `workers` starts the input reader, the signal handler, the folder loader (again on
//! each reload), the watcher (and the `notify` crate its own), the article renderer and the
//! body searcher; `stories` starts the story finder. The searcher and the loader also use
//! rayon's pool, and the loader `store`'s walker threads. Elsewhere threads are only started
//! for data-parallel work that ends before the call returns: `store` (walking and loading a
//! folder, the index cache, tags, search) and `cli` (`list`, `check`, `stories`), through
//! rayon, the `ignore` crate's parallel walk and one scoped thread.

mod browser;
mod clipboard;
mod effects;
mod hyperlinks;
pub mod input;
mod stories;
mod terminal;
mod workers;

pub use browser::{BrowserCommand, commands_from_env};

use crate::app::runner::{self, Flow};
use crate::app::{Action, App};
use crate::config::Config;
use crate::ui::{self, Theme};
use brief_core::marks::{MarkStore, Marks};
use brief_core::stories::seen::SeenStore;
use crossterm::event::Event;
use ratatui::layout::Rect;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::sync::mpsc::channel;

/// What reaches the event loop.
#[derive(Debug)]
pub enum Message {
    Input(Event),
    Action(Action),
    /// A signal asked the reader to end.
    Terminate(i32),
}

/// What the reader needs besides the terminal.
#[derive(Debug, Clone)]
pub struct ReaderOptions {
    /// Folders (or files) to read.
    pub roots: Vec<PathBuf>,
    pub config: Config,
    pub marks: MarkStore,
    /// Where index caches live; `None` reads every post afresh.
    pub cache_dir: Option<PathBuf>,
    /// Problems to show in the status bar at start (config, state file).
    pub startup_messages: Vec<String>,
}

/// Runs the reader until the user quits. A terminal that went away (hung up, writes failing
/// with EIO) ends it quietly: what can be restored was, and there is no one to tell.
pub fn run(options: ReaderOptions) -> io::Result<()> {
    match run_reader(options) {
        Err(error) if terminal::is_gone(&error) => Ok(()),
        other => other,
    }
}

fn run_reader(options: ReaderOptions) -> io::Result<()> {
    let (marks, problem) = options.marks.load_keeping();
    if let Some(problem) = problem {
        let mut options = options.clone();
        let words = options.config.reader_settings().language.catalog();
        options.startup_messages.push(problem.localized(words));
        return run_with_marks(options, marks);
    }
    run_with_marks(options, marks)
}

fn run_with_marks(options: ReaderOptions, marks: Marks) -> io::Result<()> {
    // Never dropped: ratatui's Terminal shows the cursor on drop and reports a failure with
    // `eprintln!`, which panics when the terminal has hung up. `Restore` shows it instead.
    let mut terminal = std::mem::ManuallyDrop::new(terminal::enter()?);
    let _restore = terminal::Restore;
    let theme = Theme::from_config(&options.config.theme, options.config.ascii_borders);
    let size = terminal.size()?;
    let mut settings = options.config.reader_settings();
    settings.hyperlinks = hyperlinks::hyperlinks_here(options.config.hyperlinks);
    let language = settings.language;
    let mut app = App::with_settings(
        options.roots.clone(),
        Rect::new(0, 0, size.width, size.height),
        settings,
        marks,
    );
    app.today = Some(jiff::Zoned::now().date());
    let positions = brief_core::positions::PositionStore::beside_marks(&options.marks.path);
    let mut startup_messages = options.startup_messages.clone();
    match positions.load() {
        Ok(loaded) => app.positions = loaded,
        Err(error) => startup_messages.push(error.localized(app.words())),
    }
    match brief_core::search_history::HistoryStore::beside_marks(&options.marks.path).load() {
        Ok(history) => app.search_history = history,
        Err(error) => startup_messages.push(error.localized(app.words())),
    }
    match brief_core::reader_state::ReaderStateStore::beside_marks(&options.marks.path).load() {
        Ok(state) => app.story_state.fold = state.fold_repeats,
        Err(error) => startup_messages.push(error.localized(app.words())),
    }
    match SeenStore::beside_marks(&options.marks.path).load() {
        Ok(seen) => {
            app.update(Action::SeenLoaded(seen));
        }
        Err(error) => startup_messages.push(error.localized(app.words())),
    }
    app.set_warnings(startup_messages);
    // The first frame goes out before any work starts.
    terminal.draw(|frame| ui::draw(frame, &app, &theme))?;
    let (tx, rx) = channel::<Message>();
    workers::spawn_input(tx.clone());
    workers::spawn_signals(tx.clone());
    let load_generation = Arc::new(AtomicU64::new(0));
    workers::spawn_loader(
        options.roots.clone(),
        options.cache_dir.clone(),
        tx.clone(),
        load_generation.clone(),
    );
    workers::spawn_watcher(options.roots.clone(), tx.clone());
    let zone = (!options.config.utc).then(jiff::tz::TimeZone::system);
    let renderer = workers::spawn_renderer(tx.clone(), language, zone);
    let search_generation = Arc::new(AtomicU64::new(0));
    let searcher = workers::spawn_searcher(tx.clone(), search_generation.clone());
    let mut effects = effects::LiveEffects {
        tx,
        load_generation,
        renderer,
        searcher,
        search_generation,
        options,
    };

    while let Ok(first) = rx.recv() {
        let mut pending = vec![first];
        pending.extend(rx.try_iter());
        let mut flow = Flow::Continue;
        for message in pending {
            let action = match message {
                Message::Terminate(_) => {
                    flow = Flow::Quit;
                    break;
                }
                Message::Action(action) => Some(action),
                Message::Input(event) => action_for_event(&app, event),
            };
            if let Some(action) = action {
                flow = flow.max(runner::settle(&mut app, action, &mut effects));
            }
            if flow == Flow::Quit {
                break;
            }
        }
        match flow {
            Flow::Quit => break,
            Flow::Suspend => {
                terminal::leave();
                #[cfg(unix)]
                let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
                // The terminal may have been resized meanwhile: the check before the frame
                // below catches that, as for any other frame.
                *terminal = terminal::enter()?;
            }
            Flow::Continue => {}
        }
        // A resize reaches the terminal before its event reaches the app; a frame laid out
        // for the old size would draw past the new one's edge.
        let size = terminal.size()?;
        if (size.width, size.height) != (app.size.width, app.size.height) {
            runner::settle(
                &mut app,
                Action::Resize(size.width, size.height),
                &mut effects,
            );
        }
        terminal.draw(|frame| ui::draw(frame, &app, &theme))?;
    }
    Ok(())
}

/// Turns a terminal event into an action: converted to the app's input event, then mapped
/// by the app (keys through the key map, the pointer by where it is).
fn action_for_event(app: &App, event: Event) -> Option<Action> {
    crate::app::input::action_for_input(app, input::input_event(event)?)
}
