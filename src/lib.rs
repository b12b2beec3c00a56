//! brief: a terminal reader for folders of news briefings.
pub mod app;
pub mod atomic_file;
pub mod bounded_read;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod i18n;
pub mod marks;
pub mod positions;
pub mod reader_state;
pub mod render;
pub mod search_history;
pub mod settings;
pub mod state_file;
pub mod store;
pub mod stories;
pub mod text;
pub mod tui;
pub mod ui;

/// mimalloc serves brief's many small, short-lived strings (a set per post while loading, a
/// set per line while laying out) faster than the system allocator, across threads: a cold
/// listing of 10,000 posts takes about a sixth less time. It is declared in the library so that
/// the binary, its tests, the benchmarks and the measuring examples all run on it. `no_thp`:
/// with transparent huge pages the reader's peak memory at 100,000 posts was 18% higher.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
