//! Plain-text primitives for display: sanitising untrusted text, measuring display width and
//! truncating or padding by it, and breaking text into lines for a given width.
//!
//! This module works on `str` alone. It must not depend on posts (`store`), on the renderer, or
//! on any terminal crate: everything that measures or cuts text for the screen goes through here.

pub mod linebreak;
pub mod sanitize;
pub mod width;

pub use sanitize::{sanitize_block, sanitize_inline};
pub use width::{display_width, pad_to_width, truncate_to_width};

/// The 1-based line on which byte `offset` of `text` falls.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
