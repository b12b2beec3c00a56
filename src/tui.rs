//! The interactive reader's event loop: the only place that touches the terminal, starts
//! threads and processes, or writes escape sequences.
//!
//! One channel feeds the loop: terminal input, posts from the loader, rendered articles,
//! search hits and signals. The loop drains everything pending, applies it through
//! [`App::update`], runs the returned effects, and draws once, only when something changed.

mod browser;
mod clipboard;
mod hyperlinks;
mod stories;
mod terminal;
mod workers;

pub use browser::{BrowserCommand, commands_from_env};

use crate::app::{Action, App, Effect, PaneId, keymap};
use crate::config::Config;
use crate::marks::{MarkStore, Marks};
use crate::stories::cache::StoryCache;
use crate::stories::seen::SeenStore;
use crate::ui::{self, Theme};
use crossterm::event::{Event, MouseButton, MouseEventKind};
use ratatui::layout::{Position, Rect};
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Sender, channel};

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
    let positions = crate::positions::PositionStore::beside_marks(&options.marks.path);
    let mut startup_messages = options.startup_messages.clone();
    match positions.load() {
        Ok(loaded) => app.positions = loaded,
        Err(error) => startup_messages.push(error.localized(app.words())),
    }
    match crate::search_history::HistoryStore::beside_marks(&options.marks.path).load() {
        Ok(history) => app.search_history = history,
        Err(error) => startup_messages.push(error.localized(app.words())),
    }
    match crate::reader_state::ReaderStateStore::beside_marks(&options.marks.path).load() {
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
    let mut runner = EffectRunner {
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
            if let Some(effect) = action.and_then(|action| app.update(action)) {
                flow = flow.max(runner.run(effect, &mut app));
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
        if (size.width, size.height) != (app.size.width, app.size.height)
            && let Some(effect) = app.update(Action::Resize(size.width, size.height))
        {
            runner.run(effect, &mut app);
        }
        terminal.draw(|frame| ui::draw(frame, &app, &theme))?;
    }
    Ok(())
}

/// What the loop does after a batch of messages; later variants win.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Flow {
    Continue,
    Suspend,
    Quit,
}

/// Carries out effects on behalf of the loop.
struct EffectRunner {
    tx: Sender<Message>,
    load_generation: Arc<AtomicU64>,
    renderer: Sender<workers::RenderRequest>,
    searcher: Sender<workers::SearchRequest>,
    search_generation: Arc<AtomicU64>,
    options: ReaderOptions,
}

impl EffectRunner {
    fn run(&mut self, effect: Effect, app: &mut App) -> Flow {
        match effect {
            Effect::Quit => return Flow::Quit,
            Effect::Suspend => return Flow::Suspend,
            Effect::Batch(effects) => {
                return effects
                    .into_iter()
                    .map(|e| self.run(e, app))
                    .max()
                    .unwrap_or(Flow::Continue);
            }
            Effect::OpenUrl(url) => {
                let message = match browser::open(
                    &url,
                    self.options.config.browser.as_deref(),
                    app.words(),
                ) {
                    Ok(message) | Err(message) => message,
                };
                app.update(Action::Notify(message));
            }
            Effect::CopyToClipboard(text) => {
                use base64::Engine;
                let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
                let mut out = io::stdout();
                let _ = write!(out, "\x1b]52;c;{encoded}\x07").and_then(|()| out.flush());
                app.update(Action::Notify(
                    clipboard::outcome().message(&text, app.words()),
                ));
            }
            Effect::Reload => {
                self.load_generation.fetch_add(1, Ordering::SeqCst);
                workers::spawn_loader(
                    self.options.roots.clone(),
                    self.options.cache_dir.clone(),
                    self.tx.clone(),
                    self.load_generation.clone(),
                );
            }
            Effect::LoadArticle { post, width } => {
                let _ = self
                    .renderer
                    .send(workers::RenderRequest { post: *post, width });
            }
            Effect::SearchBodies {
                generation,
                query,
                paths,
            } => {
                self.search_generation.store(generation, Ordering::SeqCst);
                let _ = self.searcher.send(workers::SearchRequest {
                    generation,
                    query,
                    paths,
                });
            }
            Effect::CancelSearch => {
                self.search_generation.fetch_add(1 << 32, Ordering::SeqCst);
            }
            Effect::FindStories(posts) => {
                let cache = self.options.cache_dir.as_ref().map(|dir| {
                    let roots = &self.options.roots;
                    (StoryCache::file_for(dir, roots), roots.clone())
                });
                stories::spawn_story_finder(posts, cache, self.tx.clone());
            }
            Effect::SaveSeen(changes) => {
                match SeenStore::beside_marks(&self.options.marks.path).save(&changes) {
                    Ok(seen) => app.update(Action::SeenLoaded(seen)),
                    Err(error) => app.update(Action::Notify(error.localized(app.words()))),
                };
            }
            // A few milliseconds, and done here so that no mark is lost on quit.
            Effect::SaveMarks(changes) => match self.options.marks.save(&changes) {
                Ok(marks) => {
                    app.update(Action::MarksLoaded(marks));
                }
                Err(error) => {
                    let message = error.localized(app.words());
                    app.update(Action::Notify(message));
                }
            },
            Effect::SaveSearch(query) => {
                let store =
                    crate::search_history::HistoryStore::beside_marks(&self.options.marks.path);
                if let Err(error) = store.add(&query) {
                    let message = error.localized(app.words());
                    app.update(Action::Notify(message));
                }
            }
            Effect::SaveFoldRepeats(fold) => {
                let store =
                    crate::reader_state::ReaderStateStore::beside_marks(&self.options.marks.path);
                if let Err(error) = store.set_fold_repeats(fold) {
                    app.update(Action::Notify(error.localized(app.words())));
                }
            }
            Effect::SavePositions(mut changes) => {
                let now = jiff::Timestamp::now().as_second();
                for position in changes.iter_mut().filter_map(|(_, p)| p.as_mut()) {
                    position.at = now;
                }
                let store = crate::positions::PositionStore::beside_marks(&self.options.marks.path);
                if let Err(error) = store.save(&changes) {
                    let message = error.localized(app.words());
                    app.update(Action::Notify(message));
                }
            }
        }
        Flow::Continue
    }
}

/// Turns a terminal event into an action: keys through the key map, mouse by where it is.
pub fn action_for_event(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => keymap::action_for_key(app, key),
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        Event::Mouse(mouse) => {
            let at = Position::new(mouse.column, mouse.row);
            let areas = app.areas();
            // The tag overlay lies on top on narrow screens, so it is hit first.
            let pane = [
                (areas.tags, PaneId::Tags),
                (areas.list, PaneId::List),
                (areas.article, PaneId::Article),
            ]
            .into_iter()
            .find_map(|(area, pane)| area.filter(|a| a.contains(at)).map(|a| (a, pane)))?;
            let (area, pane) = pane;
            let inner = crate::app::layout::inner(area);
            match mouse.kind {
                MouseEventKind::ScrollDown => Some(Action::ScrollPane(pane, 3)),
                MouseEventKind::ScrollUp => Some(Action::ScrollPane(pane, -3)),
                MouseEventKind::Down(MouseButton::Left) if inner.contains(at) => {
                    let row = usize::from(at.y - inner.y);
                    match pane {
                        PaneId::List => Some(Action::ClickListRow(row)),
                        PaneId::Tags => Some(Action::ClickTagRow(row)),
                        PaneId::Article => None,
                    }
                }
                _ => None,
            }
        }
        _ => None,
    }
}
