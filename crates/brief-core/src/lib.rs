//! brief's core: posts and articles, with no terminal in sight.
//!
//! - [`store`] finds, reads and parses posts and keeps the index cache;
//! - [`render`] lays a post out as styled lines of an exact width;
//! - [`stories`] finds a briefing's stories and remembers the seen ones;
//! - [`marks`], [`positions`], [`search_history`] and [`state_file`] keep the reader's
//!   own state files; [`bounded_read`] and [`atomic_file`] read and write them safely, and
//!   [`chunked_file`] is the layout of both caches.
//!
//! This crate depends on `brief-text` and `brief-i18n` only. It must not depend on
//! ratatui, crossterm or the `brief` binary crate (app, ui, tui, cli, config): the
//! compiler keeps that arrow, since `brief` depends on this crate and not the reverse.
//! Threads: the store's loader reads posts on rayon's pool (`store::load`), and the
//! stories finder does the same; nothing here touches the terminal.

pub mod atomic_file;
pub mod bounded_read;
pub mod chunked_file;
pub mod marks;
pub mod positions;
pub mod reader_state;
pub mod render;
pub mod search_history;
pub mod state_file;
pub mod store;
pub mod stories;

#[cfg(test)]
mod test_support;
