//! The document model every body becomes, Markdown or HTML alike, and the [`Builder`] both
//! parsers drive with start/end calls.
//!
//! The builder owns the rules that make the model regular whatever the input did:
//! - text that sits directly in a block container (a tight list item, a `<div>`) becomes an
//!   implicit paragraph;
//! - a block that opens where only inline content fits (a `<p>` in a table cell, a list in a
//!   heading) becomes a line break instead;
//! - nesting deeper than [`MAX_BLOCK_DEPTH`] blocks or [`MAX_INLINE_DEPTH`] inline styles is
//!   flattened, so hostile input cannot make layout recurse without bound;
//! - every piece of text, URL and alt text is sanitised here, after entities were decoded.
//!
//! Paragraphs are trimmed of leading and trailing white space (no-break and ideographic spaces
//! too); a paragraph of nothing but white space is dropped.
//!
//! The model is defined here; the builder's frames and rules are in `builder`, the inline
//! content it collects (open styles, trimming, sanitising) in `inlines`, and the strings and
//! lists it reuses in `pool`. None of them knows Markdown, HTML or layout.

mod builder;
mod inlines;
mod pool;
#[cfg(test)]
mod tests;

pub use builder::Builder;

/// Deepest nesting of quotes, lists and list items that is kept; deeper ones are flattened.
pub const MAX_BLOCK_DEPTH: usize = 32;
/// Deepest nesting of emphasis, strong, strikethrough, code and links that is kept.
pub const MAX_INLINE_DEPTH: usize = 32;

/// A block of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 1 to 6.
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    /// `start` is the first number of an ordered list, `None` for a bulleted one. Each item is
    /// a list of blocks.
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    /// Preformatted text, line ends as `\n`, no trailing newline.
    Code(String),
    Table(Table),
    Rule,
}

/// A table: rows of cells, each cell inline content (blocks inside a cell become line breaks).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Alignment per column; columns past its end are left-aligned.
    pub align: Vec<Align>,
    pub rows: Vec<Row>,
}

/// One table row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// A heading row (`<th>` cells, a Markdown table's first row).
    pub header: bool,
    pub cells: Vec<Vec<Inline>>,
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Code(String),
    /// A line end inside a paragraph: a space between words, nothing between two CJK
    /// characters.
    SoftBreak,
    HardBreak,
    Styled(Emphasis, Vec<Inline>),
    Link {
        url: String,
        content: Vec<Inline>,
    },
    Image {
        url: String,
        alt: String,
    },
}

/// Inline styles that nest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    Emphasis,
    Strong,
    Strike,
}

/// What a parser opens with [`Builder::open`].
#[derive(Debug, Clone, PartialEq)]
pub enum Open {
    Quote,
    List { start: Option<u64> },
    Item,
    Heading(u8),
    Paragraph,
    Table(Vec<Align>),
    Row { header: bool },
    Cell,
}

/// What a parser opens with [`Builder::open_inline`].
#[derive(Debug, Clone, PartialEq)]
pub enum InlineOpen {
    Style(Emphasis),
    /// Content collected as plain text and kept as one [`Inline::Code`].
    Code,
    Link(String),
}

/// The text of inline content, breaks as spaces, images as their alt text.
pub fn plain_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
            Inline::Styled(_, c) | Inline::Link { content: c, .. } => plain_text(c, out),
            Inline::Image { alt, .. } => out.push_str(alt),
        }
    }
}
