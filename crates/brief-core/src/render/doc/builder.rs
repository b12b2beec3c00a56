//! The [`Builder`] both parsers drive with start/end calls, and the rules that make the model
//! regular whatever the input did (see [`super`]).
//!
//! Knows nothing of Markdown, HTML or layout.

use super::inlines::{Inlines, block_to_inlines, tidy};
use super::pool::Spare;
use super::{Block, Inline, InlineOpen, MAX_BLOCK_DEPTH, Open, Row, Table};
use brief_text::{sanitize_block, sanitize_inline};

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

    /// Whether some nesting went past [`MAX_BLOCK_DEPTH`] or
    /// [`MAX_INLINE_DEPTH`](super::MAX_INLINE_DEPTH) (or an HTML bound) and was flattened, for
    /// `brief check` to say so.
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

/// A URL as kept in the model: sanitised and trimmed.
fn clean_url(url: &str) -> String {
    // `sanitize_inline` trims.
    sanitize_inline(url)
}
