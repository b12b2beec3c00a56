//! The builder's allocation pool: strings and inline lists of blocks already laid out, kept
//! to be filled again, so a long article does not allocate for every paragraph.
//!
//! Knows the document model only; nothing of parsing or layout.

use super::{Block, Inline};

/// Strings and inline lists of blocks already laid out, handed back with
/// [`Builder::recycle`](super::Builder::recycle) to be filled again instead of allocating new ones.
#[derive(Debug, Default)]
pub(super) struct Spare {
    strings: Vec<String>,
    pub(super) lists: Vec<Vec<Inline>>,
}

impl Spare {
    /// Keep no more than this many of each.
    const KEEP: usize = 64;

    /// `text` in a string.
    pub(super) fn string(&mut self, text: &str) -> String {
        match self.strings.pop() {
            Some(mut string) => {
                string.push_str(text);
                string
            }
            None => text.to_string(),
        }
    }

    /// An empty list of inlines, with room for a few.
    pub(super) fn list(&mut self) -> Vec<Inline> {
        self.lists.pop().unwrap_or_else(|| Vec::with_capacity(8))
    }

    fn keep_string(&mut self, mut string: String) {
        if self.strings.len() < Self::KEEP && string.capacity() > 0 {
            string.clear();
            self.strings.push(string);
        }
    }

    fn keep_list(&mut self, mut list: Vec<Inline>) {
        for inline in list.drain(..) {
            self.keep_inline(inline);
        }
        if self.lists.len() < Self::KEEP && list.capacity() > 0 {
            self.lists.push(list);
        }
    }

    fn keep_inline(&mut self, inline: Inline) {
        match inline {
            Inline::Text(text) | Inline::Code(text) => self.keep_string(text),
            Inline::Styled(_, content) => self.keep_list(content),
            Inline::Link { url, content } => {
                self.keep_string(url);
                self.keep_list(content);
            }
            Inline::Image { url, alt } => {
                self.keep_string(url);
                self.keep_string(alt);
            }
            Inline::SoftBreak | Inline::HardBreak => {}
        }
    }

    pub(super) fn keep_block(&mut self, block: Block) {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => self.keep_list(content),
            Block::List { items, .. } => items
                .into_iter()
                .flatten()
                .for_each(|block| self.keep_block(block)),
            Block::Quote(blocks) => blocks.into_iter().for_each(|block| self.keep_block(block)),
            Block::Code(text) => self.keep_string(text),
            Block::Table(table) => table
                .rows
                .into_iter()
                .flat_map(|row| row.cells)
                .for_each(|cell| self.keep_list(cell)),
            Block::Rule => {}
        }
    }
}
