//! The post store: finds briefing files under a folder, decodes them, splits and parses their
//! front matter, normalises the fields every dialect spells differently, and reports problems
//! per file with its line.
//!
//! The store knows nothing of terminals: it must not depend on ratatui, crossterm, or the
//! `render`, `app`, `ui`, `tui` and `cli` modules. It only reads posts, never writes them. All
//! text it hands out has been through [`brief_text::sanitize_inline`] or
//! [`brief_text::sanitize_block`].
//!
//! Threads: loading a folder walks it with the `ignore` crate's parallel walker, reads the
//! index cache on one scoped thread meanwhile, and parses, sorts, indexes tags and searches on
//! rayon's pool; all of it ends before the call returns.

mod cache;
mod date;
mod date_forms;
mod decode;
mod diagnostic;
mod discover;
mod fields;
mod front_matter;
pub(crate) mod hash;
mod load;
mod post;
mod query;
mod tags;
mod terms;
mod toml_front_matter;
mod value;
mod yaml;

pub use cache::{CacheRewrite, IndexCache};
pub use date::PostDate;
pub use diagnostic::{Diagnostic, DiagnosticKind, LoadNote, Severity};
pub use discover::{discover, is_post_file};
pub use load::{
    BodyVisit, LoadBatch, LoadOptions, Loaded, LoadedPost, body_contains, file_contains_all,
    load_file, load_path, load_path_cached, load_paths_cached, load_paths_cached_then, read_body,
    stream_in_growing_batches, stream_path, stream_path_cached, stream_path_deferred,
};
pub use post::{BodyFormat, FrontMatterState, Post, relative_key};
pub(crate) use query::compare_paths;
pub use query::{Needle, Query, contains_ignore_case, sort_newest_first};
pub use tags::{TagCount, TagIndex, TagKind, tag_key, unify_spellings};
pub use terms::SearchTerms;
pub use value::FrontValue;
