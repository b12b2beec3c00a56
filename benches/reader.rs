//! The reader's hot paths at scale: loading a folder with and without the index cache, and
//! the app-side cost of a key (key map, `update`, drawing into an off-screen buffer) with ten
//! thousand posts: moving in the list, toggling a tag filter, typing a search.
//!
//! Run with `cargo bench --bench reader`. The folder is generated once per run (see
//! `brief_corpus`); for 100,000 posts and whole-process timings see the README's
//! "Performance" section and `examples/measure.rs`.

use brief::app::input::{KeyCode, KeyEvent, KeyModifiers};
use brief::app::keymap::action_for_key;
use brief::app::runner::{self, InMemory};
use brief::app::{Action, App};
use brief::ui::{self, Theme};
use brief_core::store::{IndexCache, LoadOptions, load_path, load_path_cached};
use brief_corpus::{CorpusOptions, write_corpus};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::hint::black_box;

fn loading(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a corpus folder");
    let root = dir.path().join("posts");
    write_corpus(&root, CorpusOptions::new(1_000)).expect("writing the corpus");
    let cache = IndexCache::file_for(dir.path(), &root);
    let mut group = c.benchmark_group("load 1k posts");
    group.sample_size(20);
    group.bench_function("no index cache", |b| {
        b.iter(|| black_box(load_path(&root, &LoadOptions::default())))
    });
    load_path_cached(&root, &LoadOptions::default(), Some(&cache));
    group.bench_function("warm index cache", |b| {
        b.iter(|| {
            black_box(load_path_cached(
                &root,
                &LoadOptions::default(),
                Some(&cache),
            ))
        })
    });
    group.finish();
}

/// An app showing ten thousand posts at 120x40, with a terminal to draw into.
fn app_with_posts() -> (App, Terminal<TestBackend>) {
    let dir = tempfile::tempdir().expect("a corpus folder");
    let root = dir.path().join("posts");
    write_corpus(&root, CorpusOptions::new(10_000)).expect("writing the corpus");
    let loaded = load_path(&root, &LoadOptions::default());
    let mut app = App::new(root, Rect::new(0, 0, 120, 40));
    app.update(Action::Resize(120, 40));
    app.update(Action::PostsLoaded {
        posts: loaded.posts,
        diagnostics: loaded.diagnostics,
        done: true,
    });
    (
        app,
        Terminal::new(TestBackend::new(120, 40)).expect("backend"),
    )
}

fn key(app: &mut App, terminal: &mut Terminal<TestBackend>, theme: &Theme, code: KeyCode) {
    if let Some(action) = action_for_key(app, KeyEvent::new(code, KeyModifiers::NONE)) {
        // As the event loop's workers do, requests are answered after the frame: nothing is
        // reported back here, and nothing is saved.
        black_box(runner::settle(app, action, &mut InMemory::silent()));
    }
    terminal
        .draw(|frame| ui::draw(frame, app, theme))
        .expect("draw");
}

fn keys(c: &mut Criterion) {
    let theme = Theme::monochrome();
    let (mut app, mut terminal) = app_with_posts();
    let mut group = c.benchmark_group("a key with 10k posts");
    group.bench_function("j then k", |b| {
        b.iter(|| {
            key(&mut app, &mut terminal, &theme, KeyCode::Char('j'));
            key(&mut app, &mut terminal, &theme, KeyCode::Char('k'));
        })
    });
    group.bench_function("J (filter by the next tag)", |b| {
        b.iter(|| key(&mut app, &mut terminal, &theme, KeyCode::Char('J')))
    });
    key(&mut app, &mut terminal, &theme, KeyCode::Char('c'));
    key(&mut app, &mut terminal, &theme, KeyCode::Char('/'));
    group.bench_function("a search character typed, then deleted", |b| {
        b.iter(|| {
            key(&mut app, &mut terminal, &theme, KeyCode::Char('云'));
            key(&mut app, &mut terminal, &theme, KeyCode::Backspace);
        })
    });
    group.finish();
}

criterion_group!(benches, loading, keys);
criterion_main!(benches);
