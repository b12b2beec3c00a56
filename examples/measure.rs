//! Headless measurements of the reader at scale, printed as a table: loading with and without
//! the index cache, time to the first frame and to a complete list, app-side time per key
//! (update plus drawing into an off-screen buffer), full-text search, opening an article, and
//! peak memory.
//!
//! ```text
//! cargo run --release --example gen_corpus -- /tmp/c100k 100000 --long-every 10000
//! cargo run --release --example measure -- /tmp/c100k
//! ```
//!
//! The reader's own threads are stood in for: posts arrive in the same growing batches the
//! loader sends, and key presses go through the same key map, `update` and `ui::draw`.

use brief::app::input::{KeyCode, KeyEvent, KeyModifiers};
use brief::app::keymap::action_for_key;
use brief::app::{Action, App, Effect, ReaderSettings};
use brief::ui::{self, Theme};
use brief_core::marks::Marks;
use brief_core::render::render_article;
use brief_core::store::{self, IndexCache, LoadOptions};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = PathBuf::from(args.get(1).expect("usage: measure CORPUS_DIR"));
    if let (Some("--reader"), Some(cache_file)) = (args.get(2).map(String::as_str), args.get(3)) {
        reader_phase(&root, Path::new(cache_file));
        return;
    }
    let cache_dir = std::env::temp_dir().join(format!("brief-measure-{}", std::process::id()));
    let cache_file = IndexCache::file_for(&cache_dir, &root);
    println!("corpus: {}", root.display());
    load_phase(&root, &cache_file);
    // The reader runs in a process of its own, so that its peak memory is its own.
    let status = std::process::Command::new(std::env::current_exe().expect("this program"))
        .arg(&root)
        .arg("--reader")
        .arg(&cache_file)
        .status()
        .expect("the reader phase");
    let _ = std::fs::remove_dir_all(&cache_dir);
    assert!(status.success());
}

/// Loading with and without the index cache; leaves a warm cache in `cache_file`.
fn load_phase(root: &Path, cache_file: &Path) {
    let options = LoadOptions::default();
    let cold = time(|| store::load_path_cached(root, &options, None));
    println!(
        "load, no index cache          {:>9.1} ms  ({} posts)",
        ms(cold.0),
        cold.1.posts.len()
    );
    let build = time(|| store::load_path_cached(root, &options, Some(cache_file)));
    println!("load, writing the index cache {:>9.1} ms", ms(build.0));
    let warm = time(|| store::load_path_cached(root, &options, Some(cache_file)));
    println!("load, warm index cache        {:>9.1} ms", ms(warm.0));
}

/// The reader on a warm cache: first frame, list complete, keys, search, articles, memory.
fn reader_phase(root: &Path, cache_file: &Path) {
    let (first_frame, complete, mut app, mut terminal) = start_reader(root, cache_file);
    println!("first frame                   {:>9.1} ms", ms(first_frame));
    println!(
        "list complete                 {:>9.1} ms  ({} posts)",
        ms(complete),
        app.posts.len()
    );

    let theme = Theme::monochrome();
    let j = per_key(&mut app, &mut terminal, &theme, &[KeyCode::Char('j')], 2000);
    report("key j in the list", &j);
    let k = per_key(&mut app, &mut terminal, &theme, &[KeyCode::Char('k')], 2000);
    report("key k in the list", &k);
    let end = per_key(
        &mut app,
        &mut terminal,
        &theme,
        &[KeyCode::Char('G'), KeyCode::Char('g')],
        200,
    );
    report("keys G/g (jump to the ends)", &end);

    // Tag toggling: J steps the filter to the next tag, from anywhere.
    let tags = per_key(&mut app, &mut terminal, &theme, &[KeyCode::Char('J')], 200);
    report("key J (filter by next tag)", &tags);
    press(&mut app, KeyCode::Char('c'));

    // Typing a search: each character narrows the list; bodies are searched off-thread.
    press(&mut app, KeyCode::Char('/'));
    let mut typing = Vec::new();
    for _ in 0..20 {
        for c in "云计算".chars() {
            typing.push(timed_key(&mut app, &mut terminal, &theme, KeyCode::Char(c)));
        }
        for _ in 0..3 {
            typing.push(timed_key(
                &mut app,
                &mut terminal,
                &theme,
                KeyCode::Backspace,
            ));
        }
    }
    report("typing a search (per key)", &typing);
    press(&mut app, KeyCode::Esc);

    let (search, hits) = time(|| {
        full_text_search(
            &app.posts.iter().map(|p| p.path.clone()).collect::<Vec<_>>(),
            "供应链",
        )
    });
    println!(
        "full-text search of bodies    {:>9.1} ms  ({hits} hits)",
        ms(search)
    );

    let longest = app
        .posts
        .iter()
        .max_by_key(|p| p.size)
        .cloned()
        .expect("posts");
    let typical = app.posts[app.posts.len() / 2].clone();
    for (label, post) in [
        ("open a typical article", &typical),
        ("open the longest article", &longest),
    ] {
        let (elapsed, lines) = time(|| {
            let body = store::read_body(post).expect("readable");
            render_article(post, &body, 80).lines.len()
        });
        println!(
            "{label:<30}{:>9.1} ms  ({} KB, {lines} lines)",
            ms(elapsed),
            post.size / 1024
        );
    }

    // Paging deep in the longest article.
    let position = app
        .posts
        .iter()
        .position(|p| p.path == longest.path)
        .expect("present");
    let view_position = app
        .view
        .iter()
        .position(|&i| i == position)
        .expect("in view");
    app.update(Action::MoveTop);
    for _ in 0..view_position {
        app.update(Action::MoveDown);
    }
    let body = store::read_body(&longest).expect("readable");
    let width = app.article_width();
    app.update(Action::OpenSelected);
    app.update(Action::ArticleReady {
        path: longest.path.clone(),
        width,
        article: Arc::new(render_article(&longest, &body, width)),
    });
    app.update(Action::MoveBottom);
    let deep = per_key(&mut app, &mut terminal, &theme, &[KeyCode::PageUp], 300);
    report("PgUp at the end of the longest", &deep);
    let down = per_key(&mut app, &mut terminal, &theme, &[KeyCode::PageDown], 300);
    report("PgDn near the end", &down);

    println!("peak memory of the reader     {:>9.1} MiB", peak_mib());
}

/// Starts an app as the reader does, feeding it the loader's growing batches, and returns the
/// time to the first frame and until the list is complete.
fn start_reader(
    root: &Path,
    cache_file: &Path,
) -> (Duration, Duration, App, Terminal<TestBackend>) {
    let started = Instant::now();
    // As the reader does: the first frame, then the loader.
    let theme = Theme::monochrome();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("backend");
    let settings = ReaderSettings::default();
    let mut app = App::with_settings(
        vec![root.to_path_buf()],
        Rect::new(0, 0, 120, 40),
        settings,
        Marks::default(),
    );
    terminal
        .draw(|frame| ui::draw(frame, &app, &theme))
        .expect("draw");
    let first_frame = started.elapsed();
    let (tx, rx) = channel::<store::LoadBatch>();
    let loader_root = root.to_path_buf();
    let loader_cache = cache_file.to_path_buf();
    // As the reader's loader does (tui::workers::spawn_loader).
    std::thread::spawn(move || {
        store::stream_in_growing_batches(
            &[(loader_root.as_path(), Some(loader_cache.as_path()))],
            &LoadOptions::default(),
            256,
            &|batch| {
                let _ = tx.send(batch);
            },
        );
    });
    for batch in rx {
        app.update(Action::PostsLoaded {
            posts: batch.posts,
            diagnostics: batch.diagnostics,
            done: false,
        });
        terminal
            .draw(|frame| ui::draw(frame, &app, &theme))
            .expect("draw");
    }
    app.update(Action::PostsLoaded {
        posts: Vec::new(),
        diagnostics: Vec::new(),
        done: true,
    });
    terminal
        .draw(|frame| ui::draw(frame, &app, &theme))
        .expect("draw");
    (first_frame, started.elapsed(), app, terminal)
}

fn press(app: &mut App, code: KeyCode) -> Option<Effect> {
    let action = action_for_key(app, KeyEvent::new(code, KeyModifiers::NONE))?;
    app.update(action)
}

/// One key: the key map, `update`, and a full draw, as the event loop does per key.
fn timed_key(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    theme: &Theme,
    code: KeyCode,
) -> Duration {
    let started = Instant::now();
    let _effect = press(app, code);
    terminal
        .draw(|frame| ui::draw(frame, app, theme))
        .expect("draw");
    started.elapsed()
}

fn per_key(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    theme: &Theme,
    keys: &[KeyCode],
    rounds: usize,
) -> Vec<Duration> {
    (0..rounds)
        .flat_map(|_| keys.to_vec())
        .map(|key| timed_key(app, terminal, theme, key))
        .collect()
}

fn report(label: &str, samples: &[Duration]) {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
    println!(
        "{label:<30}{:>9.3} ms p50 {:>7.3} ms p99 {:>7.3} ms max  ({} keys)",
        ms(at(0.5)),
        ms(at(0.99)),
        ms(*sorted.last().unwrap_or(&Duration::ZERO)),
        sorted.len()
    );
}

/// The reader's body search: every file on both cores, as its search thread does.
fn full_text_search(paths: &[PathBuf], needle: &str) -> usize {
    use rayon::prelude::*;
    let needle = store::Needle::new(needle);
    paths
        .par_iter()
        .filter(|path| store::body_contains(path, &needle))
        .count()
}

fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let started = Instant::now();
    let value = f();
    (started.elapsed(), value)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The process's peak resident memory (VmHWM), from /proc.
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_string)
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}
