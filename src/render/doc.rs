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

use crate::text::{needs_sanitizing, sanitize_block, sanitize_inline};

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

/// Inline content being collected, with the styles still open.
#[derive(Debug, Default)]
struct Inlines {
    base: Vec<Inline>,
    /// Open styles, at most [`MAX_INLINE_DEPTH`].
    open: Vec<(InlineOpen, Vec<Inline>)>,
    /// Styles opened past [`MAX_INLINE_DEPTH`]: only counted, their content going straight
    /// into the innermost kept style (moving it up level by level on each close made hostile
    /// nesting quadratic).
    flat: usize,
    /// Some text added may need sanitising (see [`needs_sanitizing`]).
    dirty: bool,
}

/// Strings and inline lists of blocks already laid out, handed back with
/// [`Builder::recycle`] to be filled again instead of allocating new ones.
#[derive(Debug, Default)]
struct Spare {
    strings: Vec<String>,
    lists: Vec<Vec<Inline>>,
}

impl Spare {
    /// Keep no more than this many of each.
    const KEEP: usize = 64;

    /// `text` in a string.
    fn string(&mut self, text: &str) -> String {
        match self.strings.pop() {
            Some(mut string) => {
                string.push_str(text);
                string
            }
            None => text.to_string(),
        }
    }

    /// An empty list of inlines, with room for a few.
    fn list(&mut self) -> Vec<Inline> {
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

    fn keep_block(&mut self, block: Block) {
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

impl Inlines {
    fn push(&mut self, inline: Inline) {
        self.level().push(inline);
    }

    /// Where the next inline goes: the innermost open style, else the base. A base gets room
    /// for a paragraph's usual handful of inlines at once.
    fn level(&mut self) -> &mut Vec<Inline> {
        match self.open.last_mut() {
            Some((_, content)) => content,
            None => {
                if self.base.capacity() == 0 {
                    self.base.reserve(8);
                }
                &mut self.base
            }
        }
    }

    /// Adds text, joined to the text before it when there is some. `clean` says it is known
    /// to need no sanitising.
    fn push_text(&mut self, text: &str, clean: bool, spare: &mut Spare) {
        self.dirty |= !clean && needs_sanitizing(text);
        if self.open.is_empty() && self.base.capacity() == 0 {
            self.base = spare.list();
        }
        let current = self.level();
        match current.last_mut() {
            Some(Inline::Text(last)) => last.push_str(text),
            _ => current.push(Inline::Text(spare.string(text))),
        }
    }

    fn current(&self) -> &Vec<Inline> {
        self.open.last().map_or(&self.base, |(_, content)| content)
    }

    fn open(&mut self, kind: InlineOpen, spare: &mut Spare) {
        if self.open.len() < MAX_INLINE_DEPTH {
            self.open
                .push((kind, spare.lists.pop().unwrap_or_default()));
        } else {
            self.flat += 1;
        }
    }

    fn close(&mut self) {
        if self.flat > 0 {
            self.flat -= 1;
        } else if let Some((kind, content)) = self.open.pop() {
            self.push(wrap_inline(kind, content));
        }
    }

    /// How many styles are open, kept or flattened.
    fn depth(&self) -> usize {
        self.open.len() + self.flat
    }

    fn is_blank(&self) -> bool {
        is_blank(&self.base)
            && self
                .open
                .iter()
                .all(|(kind, c)| !matches!(kind, InlineOpen::Link(_)) && is_blank(c))
    }

    /// Takes the content collected so far, closing the open styles and opening them again
    /// empty, so that the caller's later closes still pair up.
    fn take(&mut self) -> Vec<Inline> {
        self.dirty = false;
        if self.open.is_empty() {
            return std::mem::take(&mut self.base);
        }
        let kinds: Vec<InlineOpen> = self.open.iter().map(|(k, _)| k.clone()).collect();
        while let Some((kind, content)) = self.open.pop() {
            self.push(wrap_inline(kind, content));
        }
        self.open = kinds.into_iter().map(|k| (k, Vec::new())).collect();
        self.dirty = false;
        std::mem::take(&mut self.base)
    }

    /// [`Inlines::take`], then [`tidy`], sanitising only if some text asks for it.
    fn take_tidy(&mut self) -> Option<Vec<Inline>> {
        if self.base.is_empty() && self.open.is_empty() {
            // Nothing: what `tidy` would say, without taking the vector's room.
            return None;
        }
        let dirty = self.dirty;
        tidy(self.take(), dirty)
    }

    /// The whitespace state at the end: true at the very start or after a space or break.
    fn ends_in_space(&self) -> bool {
        for level in std::iter::once(&self.base)
            .chain(self.open.iter().map(|(_, c)| c))
            .rev()
        {
            match last_char_state(level) {
                Some(space) => return space,
                None => continue,
            }
        }
        true
    }
}

/// `Some(true)` if the content ends in white space or a break, `Some(false)` if in something
/// else, `None` if empty.
fn last_char_state(inlines: &[Inline]) -> Option<bool> {
    for inline in inlines.iter().rev() {
        match inline {
            Inline::Text(t) => {
                if let Some(c) = t.chars().next_back() {
                    return Some(c.is_whitespace());
                }
            }
            Inline::SoftBreak | Inline::HardBreak => return Some(true),
            Inline::Code(_) | Inline::Image { .. } => return Some(false),
            Inline::Styled(_, content) | Inline::Link { content, .. } => {
                if let Some(state) = last_char_state(content) {
                    return Some(state);
                }
            }
        }
    }
    None
}

fn wrap_inline(kind: InlineOpen, content: Vec<Inline>) -> Inline {
    match kind {
        InlineOpen::Style(e) => Inline::Styled(e, content),
        InlineOpen::Link(url) => Inline::Link { url, content },
        InlineOpen::Code => {
            let mut text = String::new();
            plain_text(&content, &mut text);
            Inline::Code(sanitize_inline(&text))
        }
    }
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

fn is_blank(inlines: &[Inline]) -> bool {
    inlines.iter().all(|i| match i {
        Inline::Text(t) => t.chars().all(char::is_whitespace),
        Inline::SoftBreak | Inline::HardBreak => true,
        Inline::Styled(_, c) => is_blank(c),
        Inline::Code(_) | Inline::Image { .. } | Inline::Link { .. } => false,
    })
}

/// Sanitises every text (the one place body text is cleaned after entities were decoded).
fn sanitize_texts(inlines: &mut [Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => {
                if let std::borrow::Cow::Owned(clean) = sanitize_block(t) {
                    *t = clean;
                }
            }
            Inline::Styled(_, c) | Inline::Link { content: c, .. } => sanitize_texts(c),
            Inline::Code(_) | Inline::Image { .. } | Inline::SoftBreak | Inline::HardBreak => {}
        }
    }
}

/// Removes white space and breaks at both ends; `None` when nothing is left. Sanitises the
/// texts first when `dirty`.
fn tidy(mut inlines: Vec<Inline>, dirty: bool) -> Option<Vec<Inline>> {
    if dirty {
        sanitize_texts(&mut inlines);
    }
    if is_blank(&inlines) {
        return None;
    }
    trim_start(&mut inlines);
    trim_end(&mut inlines);
    Some(inlines)
}

fn trim_start(inlines: &mut Vec<Inline>) {
    while let Some(first) = inlines.first_mut() {
        match first {
            Inline::SoftBreak | Inline::HardBreak => {
                inlines.remove(0);
            }
            Inline::Text(t) => {
                let leading = t.len() - t.trim_start().len();
                if leading == t.len() {
                    inlines.remove(0);
                } else {
                    if leading > 0 {
                        t.drain(..leading);
                    }
                    return;
                }
            }
            Inline::Styled(_, c) => {
                trim_start(c);
                if c.is_empty() {
                    inlines.remove(0);
                } else {
                    return;
                }
            }
            Inline::Link { content, .. } => {
                trim_start(content);
                return;
            }
            Inline::Code(_) | Inline::Image { .. } => return,
        }
    }
}

fn trim_end(inlines: &mut Vec<Inline>) {
    while let Some(last) = inlines.last_mut() {
        match last {
            Inline::SoftBreak | Inline::HardBreak => {
                inlines.pop();
            }
            Inline::Text(t) => {
                let trimmed = t.trim_end();
                if trimmed.is_empty() {
                    inlines.pop();
                } else {
                    t.truncate(trimmed.len());
                    return;
                }
            }
            Inline::Styled(_, c) => {
                trim_end(c);
                if c.is_empty() {
                    inlines.pop();
                } else {
                    return;
                }
            }
            Inline::Link { content, .. } => {
                trim_end(content);
                return;
            }
            Inline::Code(_) | Inline::Image { .. } => return,
        }
    }
}

#[derive(Debug)]
enum Frame {
    /// The root, a quote or a list item: blocks, plus loose inline content that becomes a
    /// paragraph.
    Blocks {
        kind: BlocksKind,
        blocks: Vec<Block>,
        inlines: Inlines,
    },
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    /// A heading, paragraph or table cell.
    Inline {
        kind: InlineKind,
        inlines: Inlines,
    },
    Table(Table),
    Row(Row),
    /// An open that was not honoured: it only marks a boundary, on open and on close.
    Transparent,
    /// An item opened implicitly because content arrived directly in a list.
    ImplicitItem {
        blocks: Vec<Block>,
        inlines: Inlines,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum BlocksKind {
    Root,
    Quote,
    Item,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum InlineKind {
    Heading(u8),
    Paragraph,
    Cell,
}

/// Builds a document from start/end calls. See the module docs for the rules it enforces.
#[derive(Debug)]
pub struct Builder {
    stack: Vec<Frame>,
    /// Where in `stack` the frames that are not [`Frame::Transparent`] are, innermost last:
    /// finding the top is then one step however many opens past the depth bound were not
    /// honoured (a scan of the stack made hostile nesting quadratic).
    real: Vec<usize>,
    depth: usize,
    spare: Spare,
    /// Some nesting went past a bound and was flattened.
    flattened: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    pub fn new() -> Self {
        Self {
            stack: vec![Frame::Blocks {
                kind: BlocksKind::Root,
                blocks: Vec::new(),
                inlines: Inlines::default(),
            }],
            real: vec![0],
            depth: 0,
            spare: Spare::default(),
            flattened: false,
        }
    }

    /// The innermost frame that is not [`Frame::Transparent`] (the root at worst).
    fn top(&self) -> Option<&Frame> {
        self.real.last().and_then(|&i| self.stack.get(i))
    }

    fn top_mut(&mut self) -> Option<&mut Frame> {
        self.real.last().and_then(|&i| self.stack.get_mut(i))
    }

    fn push_frame(&mut self, frame: Frame) {
        if !matches!(frame, Frame::Transparent) {
            self.real.push(self.stack.len());
        }
        self.stack.push(frame);
    }

    fn pop_frame(&mut self) -> Option<Frame> {
        let frame = self.stack.pop()?;
        if self.real.last() == Some(&self.stack.len()) {
            self.real.pop();
        }
        Some(frame)
    }

    /// Whether [`Builder::take_finished`] has something to take.
    pub fn has_finished(&self) -> bool {
        matches!(self.stack.first(), Some(Frame::Blocks { blocks, .. }) if !blocks.is_empty())
    }

    /// The finished document.
    pub fn finish(mut self) -> Vec<Block> {
        while self.stack.len() > 1 {
            self.close();
        }
        match self.pop_frame() {
            Some(Frame::Blocks {
                mut blocks,
                mut inlines,
                ..
            }) => {
                if let Some(p) = inlines.take_tidy() {
                    blocks.push(Block::Paragraph(p));
                }
                blocks
            }
            _ => Vec::new(),
        }
    }

    /// Opens a block; every `open` must be paired with a [`Builder::close`].
    pub fn open(&mut self, open: Open) {
        self.ensure_item_for(&open);
        let too_deep = self.depth >= MAX_BLOCK_DEPTH;
        if too_deep && matches!(open, Open::Quote | Open::List { .. }) {
            self.flattened = true;
        }
        let top = self.top().expect("the root frame is never popped");
        let in_inline = matches!(top, Frame::Inline { .. });
        let frame = match open {
            Open::Quote | Open::List { .. } if in_inline || too_deep => None,
            Open::Item if in_inline => None,
            Open::Heading(_) | Open::Paragraph | Open::Table(_) if in_inline => None,
            Open::Quote => Some(Frame::Blocks {
                kind: BlocksKind::Quote,
                blocks: Vec::new(),
                inlines: Inlines::default(),
            }),
            Open::List { start } => Some(Frame::List {
                start,
                items: Vec::new(),
            }),
            Open::Item if matches!(top, Frame::List { .. }) => Some(Frame::Blocks {
                kind: BlocksKind::Item,
                blocks: Vec::new(),
                inlines: Inlines::default(),
            }),
            Open::Item => None,
            Open::Heading(level) => Some(Frame::Inline {
                kind: InlineKind::Heading(level.clamp(1, 6)),
                inlines: Inlines::default(),
            }),
            Open::Paragraph => Some(Frame::Inline {
                kind: InlineKind::Paragraph,
                inlines: Inlines::default(),
            }),
            Open::Table(align) => Some(Frame::Table(Table {
                align,
                rows: Vec::new(),
            })),
            Open::Row { header } if matches!(top, Frame::Table(_)) => Some(Frame::Row(Row {
                header,
                cells: Vec::new(),
            })),
            Open::Cell if matches!(top, Frame::Row(_)) => Some(Frame::Inline {
                kind: InlineKind::Cell,
                inlines: Inlines::default(),
            }),
            Open::Row { .. } | Open::Cell => None,
        };
        match frame {
            Some(frame) => {
                self.flush_loose();
                if counts_depth(&frame) {
                    self.depth += 1;
                }
                self.push_frame(frame);
            }
            None => {
                self.boundary();
                self.push_frame(Frame::Transparent);
            }
        }
    }

    /// Closes the block opened last.
    pub fn close(&mut self) {
        while matches!(self.stack.last(), Some(Frame::ImplicitItem { .. })) {
            self.close_one();
        }
        if self.stack.len() > 1 {
            self.close_one();
        }
    }

    fn close_one(&mut self) {
        let Some(frame) = self.pop_frame() else {
            return;
        };
        if counts_depth(&frame) {
            self.depth = self.depth.saturating_sub(1);
        }
        match frame {
            Frame::Blocks {
                kind,
                mut blocks,
                mut inlines,
            } => {
                if let Some(p) = inlines.take_tidy() {
                    blocks.push(Block::Paragraph(p));
                }
                match kind {
                    BlocksKind::Quote => self.push_block(Block::Quote(blocks)),
                    BlocksKind::Item => self.push_item(blocks),
                    BlocksKind::Root => {}
                }
            }
            Frame::ImplicitItem {
                mut blocks,
                mut inlines,
            } => {
                if let Some(p) = inlines.take_tidy() {
                    blocks.push(Block::Paragraph(p));
                }
                self.push_item(blocks);
            }
            Frame::List { start, items } => {
                if !items.is_empty() {
                    self.push_block(Block::List { start, items });
                }
            }
            Frame::Inline { kind, mut inlines } => {
                let dirty = inlines.dirty;
                let content = inlines.take();
                match kind {
                    InlineKind::Heading(level) => {
                        if let Some(content) = tidy(content, dirty) {
                            self.push_block(Block::Heading { level, content });
                        }
                    }
                    InlineKind::Paragraph => {
                        if let Some(content) = tidy(content, dirty) {
                            self.push_block(Block::Paragraph(content));
                        }
                    }
                    InlineKind::Cell => {
                        if let Some(Frame::Row(row)) = self.top_mut() {
                            row.cells.push(tidy(content, dirty).unwrap_or_default());
                        }
                    }
                }
            }
            Frame::Table(table) => {
                if table.rows.iter().any(|r| !r.cells.is_empty()) {
                    self.push_table(table);
                }
            }
            Frame::Row(row) => {
                if let Some(Frame::Table(table)) = self.top_mut() {
                    table.rows.push(row);
                }
            }
            Frame::Transparent => self.boundary(),
        }
    }

    /// A table of one column and no heading row is page layout, not data: its cells become
    /// paragraphs.
    fn push_table(&mut self, table: Table) {
        let columns = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        if columns <= 1 && !table.rows.iter().any(|r| r.header) {
            for cell in table.rows.into_iter().flat_map(|r| r.cells) {
                // Cells were tidied, and sanitised, when they closed.
                if let Some(content) = tidy(cell, false) {
                    self.push_block(Block::Paragraph(content));
                }
            }
        } else {
            self.push_block(Block::Table(table));
        }
    }

    fn push_item(&mut self, blocks: Vec<Block>) {
        if let Some(Frame::List { items, .. }) = self.top_mut() {
            items.push(blocks);
        } else {
            blocks.into_iter().for_each(|b| self.push_block(b));
        }
    }

    /// Adds a finished block to the innermost container that holds blocks.
    fn push_block(&mut self, block: Block) {
        self.ensure_item();
        match self.top_mut() {
            Some(
                Frame::Blocks {
                    blocks, inlines, ..
                }
                | Frame::ImplicitItem { blocks, inlines },
            ) => {
                if let Some(p) = inlines.take_tidy() {
                    blocks.push(Block::Paragraph(p));
                }
                blocks.push(block);
            }
            Some(Frame::Inline { inlines, .. }) => {
                // A block where only inline content fits: keep its text on a new line.
                inlines.push(Inline::HardBreak);
                block_to_inlines(block, inlines);
                inlines.push(Inline::HardBreak);
            }
            _ => {
                // Inside a table or row: a block is kept in the row's last cell, or dropped if
                // there is none; text outside cells has no place in a table.
            }
        }
    }

    /// Content arrived directly in a list: open an implicit item for it.
    fn ensure_item(&mut self) {
        if matches!(self.top(), Some(Frame::List { .. })) {
            self.push_frame(Frame::ImplicitItem {
                blocks: Vec::new(),
                inlines: Inlines::default(),
            });
        }
    }

    fn ensure_item_for(&mut self, open: &Open) {
        if matches!(open, Open::Item) {
            // A new explicit item ends an implicit one.
            while matches!(self.stack.last(), Some(Frame::ImplicitItem { .. })) {
                self.close_one();
            }
        } else {
            self.ensure_item();
        }
    }

    /// Turns loose inline content of the current block container into a paragraph.
    fn flush_loose(&mut self) {
        if let Some(
            Frame::Blocks {
                blocks, inlines, ..
            }
            | Frame::ImplicitItem { blocks, inlines },
        ) = self.top_mut()
            && let Some(p) = inlines.take_tidy()
        {
            blocks.push(Block::Paragraph(p));
        }
    }

    /// The edge of a block that has no frame of its own (`<div>`, or a block where none fits).
    pub fn boundary(&mut self) {
        match self.top_mut() {
            Some(Frame::Inline { inlines, .. }) => {
                if !inlines.is_blank()
                    && !matches!(inlines.current().last(), Some(Inline::HardBreak))
                {
                    inlines.push(Inline::HardBreak);
                }
            }
            _ => self.flush_loose(),
        }
    }

    fn inlines(&mut self) -> Option<&mut Inlines> {
        self.inlines_and_spare().0
    }

    /// [`Builder::inlines`], and the spare strings and lists beside them.
    fn inlines_and_spare(&mut self) -> (Option<&mut Inlines>, &mut Spare) {
        if let Some(Frame::List { .. }) = self.top() {
            self.ensure_item();
        }
        let top = self.real.last().and_then(|&i| self.stack.get_mut(i));
        let inlines = top.and_then(|frame| match frame {
            Frame::Blocks { inlines, .. }
            | Frame::Inline { inlines, .. }
            | Frame::ImplicitItem { inlines, .. } => Some(inlines),
            _ => None,
        });
        (inlines, &mut self.spare)
    }

    /// Moves the top-level blocks finished so far, in order, to the end of `into`. Nothing
    /// later changes a finished top-level block, so a caller may lay it out while the rest is
    /// still being read.
    pub fn take_finished(&mut self, into: &mut Vec<Block>) {
        if let Some(Frame::Blocks { blocks, .. }) = self.stack.first_mut() {
            if into.is_empty() {
                // Trade vectors, keeping both allocations in use.
                std::mem::swap(blocks, into);
            } else {
                into.append(blocks);
            }
        }
    }

    /// Hands back a block taken with [`Builder::take_finished`] once it is no longer needed:
    /// its strings and lists are filled again for the blocks still to come.
    pub fn recycle(&mut self, block: Block) {
        self.spare.keep_block(block);
    }

    /// Text as written (Markdown). Adjacent text is joined before it is sanitised (when its
    /// paragraph ends), so an escape sequence split over two parser events, as `&#27;[31m`
    /// is, goes whole.
    pub fn text(&mut self, text: &str) {
        self.add_text(text, false);
    }

    /// [`Builder::text`] of text known to need no sanitising (a stretch of a body that was
    /// sanitised whole).
    pub fn sanitized_text(&mut self, text: &str) {
        self.add_text(text, true);
    }

    fn add_text(&mut self, text: &str, clean: bool) {
        if text.is_empty() {
            return;
        }
        if let (Some(inlines), spare) = self.inlines_and_spare() {
            inlines.push_text(text, clean, spare);
        }
    }

    /// Collapsible white space from HTML: at most one space (or soft break, when the white
    /// space held a line end) between two pieces of content.
    pub fn space(&mut self, had_newline: bool) {
        if let (Some(inlines), spare) = self.inlines_and_spare()
            && !inlines.ends_in_space()
        {
            if had_newline {
                inlines.push(Inline::SoftBreak);
            } else {
                inlines.push_text(" ", true, spare);
            }
        }
    }

    pub fn code(&mut self, code: &str) {
        let clean = sanitize_inline(code);
        if !clean.is_empty() {
            self.push_inline(Inline::Code(clean));
        }
    }

    pub fn soft_break(&mut self) {
        self.push_inline(Inline::SoftBreak);
    }

    pub fn hard_break(&mut self) {
        self.push_inline(Inline::HardBreak);
    }

    pub fn image(&mut self, url: &str, alt: &str) {
        self.push_inline(Inline::Image {
            url: clean_url(url),
            alt: sanitize_inline(alt),
        });
    }

    fn push_inline(&mut self, inline: Inline) {
        if let Some(inlines) = self.inlines() {
            inlines.push(inline);
        }
    }

    /// Opens an inline style or link; pair it with [`Builder::close_inline`].
    pub fn open_inline(&mut self, open: InlineOpen) {
        let open = match open {
            InlineOpen::Link(url) => InlineOpen::Link(clean_url(&url)),
            other => other,
        };
        if let (Some(inlines), spare) = self.inlines_and_spare() {
            inlines.open(open, spare);
            if inlines.flat > 0 {
                self.flattened = true;
            }
        }
    }

    /// Whether some nesting went past [`MAX_BLOCK_DEPTH`] or [`MAX_INLINE_DEPTH`] (or an HTML
    /// bound) and was flattened, for `brief check` to say so.
    pub fn flattened(&self) -> bool {
        self.flattened
    }

    /// Records that the input was flattened before it reached the builder.
    pub fn note_flattened(&mut self) {
        self.flattened = true;
    }

    pub fn close_inline(&mut self) {
        if let Some(inlines) = self.inlines() {
            inlines.close();
        }
    }

    /// How many inline styles are open in the current container.
    pub fn inline_depth(&mut self) -> usize {
        self.inlines().map_or(0, |i| i.depth())
    }

    /// Preformatted text.
    pub fn code_block(&mut self, text: &str) {
        let clean = sanitize_block(text);
        let text = clean.trim_end_matches('\n').trim_start_matches('\n');
        self.push_block(Block::Code(text.to_string()));
    }

    pub fn rule(&mut self) {
        if matches!(self.top(), Some(Frame::Inline { .. })) {
            self.boundary();
        } else {
            self.push_block(Block::Rule);
        }
    }
}

/// Quotes and lists count towards [`MAX_BLOCK_DEPTH`].
fn counts_depth(frame: &Frame) -> bool {
    matches!(
        frame,
        Frame::Blocks {
            kind: BlocksKind::Quote,
            ..
        } | Frame::List { .. }
    )
}

/// A block's text as inline content, for a block that landed where only inlines fit.
fn block_to_inlines(block: Block, inlines: &mut Inlines) {
    match block {
        Block::Heading { content, .. } | Block::Paragraph(content) => {
            content.into_iter().for_each(|i| inlines.push(i))
        }
        Block::Code(text) => {
            for (i, line) in text.lines().enumerate() {
                if i > 0 {
                    inlines.push(Inline::HardBreak);
                }
                inlines.push(Inline::Code(line.to_string()));
            }
        }
        Block::List { items, .. } => {
            for (i, item) in items.into_iter().enumerate() {
                if i > 0 {
                    inlines.push(Inline::HardBreak);
                }
                item.into_iter().for_each(|b| block_to_inlines(b, inlines));
            }
        }
        Block::Quote(blocks) => blocks
            .into_iter()
            .for_each(|b| block_to_inlines(b, inlines)),
        Block::Table(table) => {
            for row in table.rows {
                for (i, cell) in row.cells.into_iter().enumerate() {
                    if i > 0 {
                        inlines.push(Inline::Text(" ".into()));
                    }
                    cell.into_iter().for_each(|c| inlines.push(c));
                }
                inlines.push(Inline::HardBreak);
            }
        }
        Block::Rule => inlines.push(Inline::HardBreak),
    }
}

/// A URL as kept in the model: sanitised and trimmed.
fn clean_url(url: &str) -> String {
    // `sanitize_inline` trims.
    sanitize_inline(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Inline {
        Inline::Text(t.into())
    }

    #[test]
    fn loose_text_becomes_a_paragraph() {
        let mut b = Builder::new();
        b.text("  hello ");
        b.open(Open::Quote);
        b.text("quoted");
        b.close();
        b.text("tail");
        let doc = b.finish();
        assert_eq!(
            doc,
            [
                Block::Paragraph(vec![text("hello")]),
                Block::Quote(vec![Block::Paragraph(vec![text("quoted")])]),
                Block::Paragraph(vec![text("tail")]),
            ]
        );
    }

    #[test]
    fn blank_paragraphs_are_dropped_and_nbsp_trimmed() {
        let mut b = Builder::new();
        b.open(Open::Paragraph);
        b.text("\u{a0} \u{3000}");
        b.close();
        b.open(Open::Paragraph);
        b.text("\u{a0}\u{a0}正文\u{a0}");
        b.close();
        assert_eq!(b.finish(), [Block::Paragraph(vec![text("正文")])]);
    }

    #[test]
    fn blocks_inside_cells_become_breaks() {
        let mut b = Builder::new();
        b.open(Open::Table(vec![]));
        b.open(Open::Row { header: false });
        for content in ["a", "b"] {
            b.open(Open::Cell);
            b.open(Open::Paragraph);
            b.text(content);
            b.close();
            b.open(Open::Paragraph);
            b.text("2");
            b.close();
            b.close();
        }
        b.close();
        b.close();
        let doc = b.finish();
        let Block::Table(table) = &doc[0] else {
            panic!("{doc:?}")
        };
        assert_eq!(
            table.rows[0].cells[0],
            [text("a"), Inline::HardBreak, text("2")]
        );
    }

    #[test]
    fn one_column_tables_unwrap_into_paragraphs() {
        let mut b = Builder::new();
        b.open(Open::Table(vec![]));
        for content in ["图", "说明"] {
            b.open(Open::Row { header: false });
            b.open(Open::Cell);
            b.text(content);
            b.close();
            b.close();
        }
        b.close();
        assert_eq!(
            b.finish(),
            [
                Block::Paragraph(vec![text("图")]),
                Block::Paragraph(vec![text("说明")])
            ]
        );
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let mut b = Builder::new();
        for _ in 0..200 {
            b.open(Open::List { start: None });
            b.open(Open::Item);
            b.text("x");
        }
        for _ in 0..200 {
            b.close();
            b.close();
        }
        let doc = b.finish();
        fn depth(blocks: &[Block]) -> usize {
            blocks
                .iter()
                .map(|b| match b {
                    Block::List { items, .. } => {
                        1 + items.iter().map(|i| depth(i)).max().unwrap_or(0)
                    }
                    Block::Quote(c) => 1 + depth(c),
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        assert!(depth(&doc) <= MAX_BLOCK_DEPTH);
    }

    #[test]
    fn styles_split_across_a_block_still_pair() {
        let mut b = Builder::new();
        b.open_inline(InlineOpen::Style(Emphasis::Strong));
        b.text("a");
        b.boundary();
        b.text("b");
        b.close_inline();
        b.text("c");
        assert_eq!(
            b.finish(),
            [
                Block::Paragraph(vec![Inline::Styled(Emphasis::Strong, vec![text("a")])]),
                Block::Paragraph(vec![
                    Inline::Styled(Emphasis::Strong, vec![text("b")]),
                    text("c")
                ]),
            ]
        );
    }

    #[test]
    fn escape_sequences_from_entities_are_removed() {
        let mut b = Builder::new();
        b.text("a\u{1b}[31mred\u{1b}]0;title\u{7}b");
        assert_eq!(b.finish(), [Block::Paragraph(vec![text("aredb")])]);
    }
}
