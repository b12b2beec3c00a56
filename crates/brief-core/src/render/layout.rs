//! The document model to styled lines at a width: prefixes for quotes, lists, headings and
//! code; paragraphs wrapped with [`brief_text::linebreak`]; links numbered as they are met.
//!
//! Blocks and lines are laid out here; the prefixes before each line (bars, bullets,
//! indents) are in `marks`, and inline content turned into pieces to wrap, with links and
//! images numbered, in `inline`.

mod inline;
mod marks;

pub use inline::push_link_number;

use inline::Flat;
use marks::{BULLETS, CODE_INDENT, Mark, Marks, QUOTE_MARKER, marks_width};

use super::doc::{Block, Inline};
use super::links::LinkTable;
use super::{Line, Role, Span, Style, TableBorders};
use brief_i18n::Catalog;
use brief_text::linebreak::{Piece, StyledText};
use std::borrow::Cow;
use std::ops::Range;

/// Where lines are collected, with the links met so far.
#[derive(Debug)]
pub struct Layout {
    pub width: usize,
    pub lines: Vec<Line>,
    pub links: LinkTable,
    pub borders: TableBorders,
    /// The words placed in the article (image, source, tags…), in the post's language.
    pub labels: &'static Catalog,
    /// The line the last top-level block started on, and, when it was a list, the line each
    /// of its items started on (for finding stories).
    pub block_start: usize,
    pub item_lines: Vec<usize>,
    /// The next list laid out is a top-level block: record its items' lines.
    record_items: bool,
    /// The paragraph being wrapped, its line ranges and a scratch string, kept between
    /// paragraphs so their buffers are reused.
    text: StyledText<Style>,
    breaks: Vec<Range<usize>>,
    scratch: String,
}

/// The top level of a body being laid out block by block (see [`Layout::body_block`]).
#[derive(Debug, Default)]
pub struct Body {
    prefix: Prefix,
    started: bool,
}

/// What goes before each line of a block: `first` on its first line, `rest` after.
#[derive(Debug, Clone, Default)]
pub struct Prefix {
    first: Marks,
    rest: Marks,
    used: bool,
    /// The role of plain text here (quotes colour their text).
    role: Role,
    list_depth: usize,
}

impl Layout {
    pub fn new(width: usize, borders: TableBorders, labels: &'static Catalog) -> Self {
        Self {
            width,
            lines: Vec::new(),
            links: LinkTable::default(),
            borders,
            labels,
            block_start: 0,
            item_lines: Vec::new(),
            record_items: false,
            text: StyledText::new(),
            breaks: Vec::new(),
            scratch: String::new(),
        }
    }

    /// Lays out one block of the body at the top level; the first is set apart from the
    /// header by an empty line.
    pub fn body_block(&mut self, body: &mut Body, block: &Block) {
        if body.started {
            self.blank(&mut body.prefix);
        } else {
            self.lines.push(Line::default());
            body.started = true;
        }
        self.block_start = self.lines.len();
        self.item_lines.clear();
        self.record_items = matches!(block, Block::List { .. });
        self.block(block, &mut body.prefix);
    }

    /// Appends one line: the prefix, then `content`. Trailing spaces are dropped and adjacent
    /// spans of one style merged.
    pub fn emit(&mut self, prefix: &mut Prefix, content: Vec<Span>) {
        let head = prefix.current();
        let spans = if head.is_empty() {
            merged_in_place(content)
        } else {
            let mut spans: Vec<Span> = Vec::with_capacity(head.len() + content.len());
            for mark in head {
                push_merged(&mut spans, &mark.text, mark.style);
            }
            for span in content {
                // Moved, not copied, unless it joins the span before it.
                match spans.last_mut() {
                    _ if span.text.is_empty() => {}
                    Some(last) if last.style == span.style => last.text.push_str(&span.text),
                    _ => spans.push(span),
                }
            }
            spans
        };
        prefix.used = true;
        self.push_line(spans);
    }

    /// Adds a line, its trailing spaces dropped.
    fn push_line(&mut self, mut spans: Vec<Span>) {
        while let Some(last) = spans.last_mut() {
            if !last.text.is_empty() && !last.text.ends_with(' ') {
                break;
            }
            let trimmed = last.text.trim_end_matches(' ').len();
            if trimmed == 0 {
                spans.pop();
            } else {
                last.text.truncate(trimmed);
                break;
            }
        }
        self.lines.push(Line { spans });
    }

    /// The content width left after the prefix of the next line and of the ones after it.
    fn widths(&self, prefix: &Prefix) -> (usize, usize) {
        let first = self
            .width
            .saturating_sub(marks_width(prefix.current()))
            .max(1);
        let rest = self
            .width
            .saturating_sub(marks_width(prefix.rest.as_slice()))
            .max(1);
        (first, rest)
    }

    /// A prefix for a nested block: the parent's, then a marker on the first line and
    /// `rest_marker` on the others. When nesting would leave less than half the width for
    /// text, the parent's prefix is left out.
    fn child(&self, parent: &Prefix, first_marker: Mark, rest_marker: Mark) -> Prefix {
        let limit = self.width - self.width / 2;
        let (head, tail) = (parent.current(), parent.rest.as_slice());
        let (first, rest) = if (marks_width(head) + first_marker.width)
            .max(marks_width(tail) + rest_marker.width)
            > limit
        {
            (
                Marks::with(&[], first_marker),
                Marks::with(&[], rest_marker),
            )
        } else {
            (
                Marks::with(head, first_marker),
                Marks::with(tail, rest_marker),
            )
        };
        Prefix {
            first,
            rest,
            used: false,
            role: parent.role,
            list_depth: parent.list_depth,
        }
    }

    /// An empty line between blocks, with the continuation prefix (a quote keeps its bar).
    /// Nothing before the first line of a block, so that a list marker is never lost.
    fn blank(&mut self, prefix: &mut Prefix) {
        if prefix.used {
            self.emit(prefix, Vec::new());
        }
    }

    fn blocks(&mut self, blocks: &[Block], prefix: &mut Prefix, in_item: bool) {
        for (i, block) in blocks.iter().enumerate() {
            if i > 0 && !(in_item && matches!(block, Block::List { .. })) {
                self.blank(prefix);
            }
            self.block(block, prefix);
        }
    }

    fn block(&mut self, block: &Block, prefix: &mut Prefix) {
        let base = Style::new(prefix.role);
        match block {
            Block::Paragraph(content) => self.paragraph(content, prefix, base),
            Block::Heading { level, content } => {
                let style = Style {
                    role: Role::Heading(*level),
                    strong: true,
                    ..Style::default()
                };
                const MARKERS: [&str; 6] = ["# ", "## ", "### ", "#### ", "##### ", "###### "];
                let level = usize::from(*level);
                let marker: Cow<'static, str> = match MARKERS.get(level.wrapping_sub(1)) {
                    Some(&marker) => marker.into(),
                    None => format!("{} ", "#".repeat(level)).into(),
                };
                let indent = Mark::indent(marker.len(), style);
                let mut child = self.child(prefix, Mark::new(marker, style), indent);
                self.paragraph(content, &mut child, style);
                prefix.used |= child.used;
            }
            Block::Code(text) => {
                let style = Style::new(Role::CodeBlock);
                let mut child = self.child(
                    prefix,
                    Mark::fixed(CODE_INDENT, style),
                    Mark::fixed(CODE_INDENT, style),
                );
                let mut styled = std::mem::take(&mut self.text);
                for line in text.split('\n') {
                    if line.trim().is_empty() {
                        self.emit(&mut child, Vec::new());
                        continue;
                    }
                    let (first, rest) = self.widths(&child);
                    styled.clear();
                    styled.push(line, style, false, false);
                    self.wrap_text(&mut styled, &mut child, first, rest);
                }
                self.text = styled;
                prefix.used |= child.used;
            }
            Block::Quote(blocks) => {
                let style = Style::new(Role::QuoteMarker);
                let mut child = self.child(
                    prefix,
                    Mark::fixed(QUOTE_MARKER, style),
                    Mark::fixed(QUOTE_MARKER, style),
                );
                child.role = Role::Quote;
                self.blocks(blocks, &mut child, false);
                prefix.used |= child.used;
            }
            Block::List { start, items } => self.list(*start, items, prefix),
            Block::Rule => {
                let (width, _) = self.widths(prefix);
                self.emit(
                    prefix,
                    vec![Span::new("─".repeat(width), Style::new(Role::Rule))],
                );
            }
            Block::Table(table) => {
                let (width, rest) = self.widths(prefix);
                let lines = self.table(table, width.min(rest), base);
                for line in lines {
                    self.emit(prefix, line);
                }
            }
        }
    }

    fn list(&mut self, start: Option<u64>, items: &[Vec<Block>], prefix: &mut Prefix) {
        let style = Style::new(Role::ListMarker);
        let last_number = start.map(|s| s.saturating_add(items.len().saturating_sub(1) as u64));
        let digits = last_number.map_or(0, |n| n.to_string().len());
        let record = std::mem::take(&mut self.record_items);
        for (i, item) in items.iter().enumerate() {
            if record {
                self.item_lines.push(self.lines.len());
            }
            let marker = match start {
                Some(s) => Mark::new(format!("{:>digits$}. ", s.saturating_add(i as u64)), style),
                None => Mark::fixed(BULLETS[prefix.list_depth % BULLETS.len()], style),
            };
            let indent = Mark::indent(marker.width, style);
            let mut child = self.child(prefix, marker, indent);
            child.list_depth = prefix.list_depth + 1;
            if item.is_empty() {
                self.emit(&mut child, Vec::new());
            } else {
                self.blocks(item, &mut child, true);
            }
            prefix.used |= child.used;
        }
    }

    /// Wraps inline content under `prefix`.
    pub fn paragraph(&mut self, content: &[Inline], prefix: &mut Prefix, style: Style) {
        let (first, rest) = self.widths(prefix);
        let mut text = std::mem::take(&mut self.text);
        text.clear();
        let mut flat = Flat {
            text: &mut text,
            pending: Vec::new(),
        };
        self.collect(content, style, first.min(rest), &mut flat);
        flat.finish();
        self.wrap_text(&mut text, prefix, first, rest);
        self.text = text;
    }

    /// Wraps `text` under `prefix` and emits its lines.
    fn wrap_text(
        &mut self,
        text: &mut StyledText<Style>,
        prefix: &mut Prefix,
        first: usize,
        rest: usize,
    ) {
        let mut breaks = std::mem::take(&mut self.breaks);
        text.wrap(first, rest, &mut breaks);
        for line in &breaks {
            self.emit_runs(prefix, text.runs(line.clone()));
        }
        self.breaks = breaks;
    }

    /// [`brief_text::linebreak::wrap_pieces`] of a cell's pieces at `width`, as spans, through the layout's reused
    /// buffers.
    pub fn wrap_cell(&mut self, pieces: &[Piece<Style>], width: usize) -> Vec<Vec<Span>> {
        let mut text = std::mem::take(&mut self.text);
        let mut breaks = std::mem::take(&mut self.breaks);
        text.clear();
        for piece in pieces {
            text.push(
                &piece.text,
                piece.style,
                piece.keep_with_previous,
                piece.unbreakable,
            );
        }
        text.wrap(width, width, &mut breaks);
        let lines = breaks
            .iter()
            .map(|line| {
                text.runs(line.clone())
                    .map(|(t, style)| Span::new(t, *style))
                    .collect()
            })
            .collect();
        self.text = text;
        self.breaks = breaks;
        lines
    }

    /// [`Layout::emit`] of borrowed runs: the prefix, then the runs, adjacent spans of one
    /// style merged, empty ones left out, trailing spaces dropped.
    fn emit_runs<'t>(
        &mut self,
        prefix: &mut Prefix,
        runs: impl ExactSizeIterator<Item = (&'t str, &'t Style)>,
    ) {
        let head = prefix.current();
        let mut spans: Vec<Span> = Vec::with_capacity(head.len() + runs.len());
        for mark in head {
            push_merged(&mut spans, &mark.text, mark.style);
        }
        for (text, style) in runs {
            push_merged(&mut spans, text, *style);
        }
        prefix.used = true;
        self.push_line(spans);
    }
}

/// The spans with empty ones left out and neighbours of one style joined, in their vector.
fn merged_in_place(mut spans: Vec<Span>) -> Vec<Span> {
    let mut kept = 0;
    for i in 0..spans.len() {
        if spans[i].text.is_empty() {
            continue;
        }
        if kept > 0 && spans[kept - 1].style == spans[i].style {
            let text = std::mem::take(&mut spans[i].text);
            spans[kept - 1].text.push_str(&text);
        } else {
            spans.swap(kept, i);
            kept += 1;
        }
    }
    spans.truncate(kept);
    spans
}

/// Appends a span, or extends the last one when it has the same style; empty text is left out.
fn push_merged(spans: &mut Vec<Span>, text: &str, style: Style) {
    if text.is_empty() {
        return;
    }
    match spans.last_mut() {
        Some(last) if last.style == style => last.text.push_str(text),
        _ => spans.push(Span {
            text: text.to_string(),
            style,
        }),
    }
}
