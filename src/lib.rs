//! brief: a terminal reader for folders of news briefings. This crate is the reader itself
//! (`config`, `app`, `ui`, `tui`, `cli`); the layers under it are crates of their own, so
//! the compiler keeps their arrows pointing down: `brief_core` (posts, articles, stories,
//! marks), `brief_i18n` (the interface-language catalog) and `brief_text` (width, sanitising,
//! line breaking). None of them may name ratatui, crossterm or this crate.
pub mod app;
pub mod cli;
pub mod config;
pub mod settings;
pub mod tui;
pub mod ui;

/// mimalloc serves brief's many small, short-lived strings (a set per post while loading, a
/// set per line while laying out) faster than the system allocator, across threads: a cold
/// listing of 10,000 posts takes about a sixth less time. It is declared in the library so that
/// the binary, its tests, the benchmarks and the measuring examples all run on it. `no_thp`:
/// with transparent huge pages the reader's peak memory at 100,000 posts was 18% higher.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
