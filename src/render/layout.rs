//! The document model to styled lines at a width: prefixes for quotes, lists, headings and
//! code; paragraphs wrapped with [`crate::text::linebreak`]; links numbered as they are met.

use super::doc::{Block, Emphasis, Inline};
use super::links::LinkTable;
use super::{Line, Role, Span, Style, TableBorders};
use crate::i18n::Catalog;
use crate::text::display_width;
use crate::text::linebreak::{Piece, StyledText};
use crate::text::truncate_to_width;
use std::borrow::Cow;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Bullets for unordered lists, by depth.
const BULLETS: [&str; 3] = ["• ", "◦ ", "▪ "];
const QUOTE_MARKER: &str = "│ ";
const CODE_INDENT: &str = "  ";
/// The display width of each of the markers above (the tests check it).
const MARKER_WIDTH: usize = 2;

/// Where lines are collected, with the links met so far.
#[derive(Debug)]
pub(crate) struct Layout {
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
pub(crate) struct Body {
    prefix: Prefix,
    started: bool,
}

/// What goes before each line of a block: `first` on its first line, `rest` after.
#[derive(Debug, Clone, Default)]
pub(crate) struct Prefix {
    first: Marks,
    rest: Marks,
    used: bool,
    /// The role of plain text here (quotes colour their text).
    role: Role,
    list_depth: usize,
}

/// One span of a prefix (a quote's bar, a list's bullet, the indent under them), with its
/// width. Most are constant text.
#[derive(Debug, Clone)]
struct Mark {
    text: Cow<'static, str>,
    style: Style,
    width: usize,
}

impl Mark {
    const NONE: Self = Self {
        text: Cow::Borrowed(""),
        style: Style {
            role: Role::Plain,
            strong: false,
            emphasis: false,
            strike: false,
            link: None,
        },
        width: 0,
    };

    fn new(text: impl Into<Cow<'static, str>>, style: Style) -> Self {
        let text = text.into();
        let width = display_width(&text);
        Self { text, style, width }
    }

    /// One of the constant markers, [`MARKER_WIDTH`] wide.
    fn fixed(text: &'static str, style: Style) -> Self {
        Self {
            text: Cow::Borrowed(text),
            style,
            width: MARKER_WIDTH,
        }
    }

    /// `width` spaces.
    fn indent(width: usize, style: Style) -> Self {
        const SPACES: &str = "                                ";
        let text = match SPACES.get(..width) {
            Some(spaces) => Cow::Borrowed(spaces),
            None => Cow::Owned(" ".repeat(width)),
        };
        Self { text, style, width }
    }
}

fn marks_width(marks: &[Mark]) -> usize {
    marks.iter().map(|m| m.width).sum()
}

/// The marks of a prefix: a few kept in place, more in a vector.
#[derive(Debug, Clone)]
struct Marks {
    len: usize,
    few: [Mark; Marks::FEW],
    more: Vec<Mark>,
}

impl Default for Marks {
    fn default() -> Self {
        Self {
            len: 0,
            few: [const { Mark::NONE }; Marks::FEW],
            more: Vec::new(),
        }
    }
}

impl Marks {
    const FEW: usize = 4;

    /// `marks`, then `last`.
    fn with(marks: &[Mark], last: Mark) -> Self {
        let len = marks.len() + 1;
        let mut new = Self {
            len,
            ..Self::default()
        };
        if len <= Self::FEW {
            new.few[..marks.len()].clone_from_slice(marks);
            new.few[marks.len()] = last;
        } else {
            new.more.reserve_exact(len);
            new.more.extend_from_slice(marks);
            new.more.push(last);
        }
        new
    }

    fn as_slice(&self) -> &[Mark] {
        if self.len <= Self::FEW {
            &self.few[..self.len]
        } else {
            &self.more
        }
    }
}

impl Prefix {
    fn current(&self) -> &[Mark] {
        if self.used {
            self.rest.as_slice()
        } else {
            self.first.as_slice()
        }
    }
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

    /// [`crate::text::linebreak::wrap_pieces`] of a cell's pieces at `width`, as spans, through the layout's reused
    /// buffers.
    pub(crate) fn wrap_cell(&mut self, pieces: &[Piece<Style>], width: usize) -> Vec<Vec<Span>> {
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

    /// Inline content as pieces to wrap, numbering links and images on the way. Image
    /// placeholders are cut to fit `max_width`.
    pub fn pieces(
        &mut self,
        content: &[Inline],
        style: Style,
        max_width: usize,
    ) -> Vec<Piece<Style>> {
        let mut list = PieceList::default();
        self.collect(content, style, max_width, &mut list);
        let PieceList { mut out, soft } = list;
        // A line end inside a paragraph is a space, except between two CJK characters.
        for index in soft {
            let before = out[..index]
                .iter()
                .rev()
                .find_map(|p| p.text.chars().next_back());
            let after = out[index + 1..].iter().find_map(|p| p.text.chars().next());
            out[index].text = if joins(before, after) {
                String::new()
            } else {
                " ".to_string()
            };
        }
        out
    }

    fn collect(
        &mut self,
        content: &[Inline],
        style: Style,
        max_width: usize,
        out: &mut impl Pieces,
    ) {
        for inline in content {
            match inline {
                Inline::Text(text) => out.push(text, style, false, false),
                Inline::Code(text) => out.push(
                    text,
                    Style {
                        role: Role::Code,
                        ..style
                    },
                    false,
                    false,
                ),
                Inline::SoftBreak => out.soft_break(style),
                Inline::HardBreak => out.push("\n", style, false, false),
                Inline::Styled(emphasis, inner) => {
                    let mut style = style;
                    match emphasis {
                        Emphasis::Emphasis => style.emphasis = true,
                        Emphasis::Strong => style.strong = true,
                        Emphasis::Strike => style.strike = true,
                    }
                    self.collect(inner, style, max_width, out);
                }
                Inline::Link { url, content } => {
                    let mut text = std::mem::take(&mut self.scratch);
                    text.clear();
                    super::doc::plain_text(content, &mut text);
                    let number = self.links.number(url, false, text.trim());
                    let link_style = if let Some(n) = number {
                        Style {
                            role: Role::Link,
                            link: link_index(n),
                            ..style
                        }
                    } else {
                        style
                    };
                    self.collect(content, link_style, max_width, out);
                    if let Some(n) = number {
                        text.clear();
                        push_link_number(&mut text, n);
                        out.push(&text, Style::new(Role::LinkNumber), true, false);
                    }
                    self.scratch = text;
                }
                Inline::Image { url, alt } => {
                    let number = self.links.number(url, true, alt);
                    out.push(
                        &image_placeholder(self.labels.label_image, number, alt, max_width),
                        Style {
                            link: number.and_then(link_index),
                            ..Style::new(Role::Image)
                        },
                        false,
                        true,
                    );
                }
            }
        }
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

/// The index into the article's links of link number `n` (from 1).
fn link_index(n: usize) -> Option<u32> {
    n.checked_sub(1).and_then(|i| u32::try_from(i).ok())
}

/// Appends `[n]`, a link's number as the text shows it.
pub(crate) fn push_link_number(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.push('[');
    out.push_str(std::str::from_utf8(&digits[at..]).expect("ASCII digits"));
    out.push(']');
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

/// Where [`Layout::collect`] puts inline content: pieces of text with their flags, and the
/// soft breaks between them, which become a space or nothing once their neighbours are known.
trait Pieces {
    /// Text; `glued` keeps it on the line of what precedes it, `whole` keeps it unbroken.
    fn push(&mut self, text: &str, style: Style, glued: bool, whole: bool);
    fn soft_break(&mut self, style: Style);
}

/// Pieces as a list, for tables, whose cells are measured before they are wrapped. Soft breaks
/// are empty pieces until [`Layout::pieces`] decides them.
#[derive(Default)]
struct PieceList {
    out: Vec<Piece<Style>>,
    soft: Vec<usize>,
}

impl Pieces for PieceList {
    fn push(&mut self, text: &str, style: Style, glued: bool, whole: bool) {
        self.out.push(Piece {
            text: text.to_string(),
            style,
            keep_with_previous: glued,
            unbreakable: whole,
        });
    }

    fn soft_break(&mut self, style: Style) {
        self.soft.push(self.out.len());
        self.out.push(Piece::new("", style));
    }
}

/// Pieces straight into one [`StyledText`], for paragraphs. A soft break waits for the next
/// text to decide it, with the same rule as [`Layout::pieces`].
struct Flat<'a> {
    text: &'a mut StyledText<Style>,
    /// Soft breaks met since the last text, with their styles.
    pending: Vec<Style>,
}

impl Flat<'_> {
    fn resolve(&mut self, after: Option<char>) {
        for style in self.pending.drain(..) {
            if !joins(self.text.last_char(), after) {
                self.text.push(" ", style, false, false);
            }
        }
    }

    fn finish(mut self) {
        self.resolve(None);
    }
}

impl Pieces for Flat<'_> {
    fn push(&mut self, text: &str, style: Style, glued: bool, whole: bool) {
        if text.is_empty() {
            return;
        }
        if !self.pending.is_empty() {
            self.resolve(text.chars().next());
        }
        self.text.push(text, style, glued, whole);
    }

    fn soft_break(&mut self, style: Style) {
        self.pending.push(style);
    }
}

/// Whether a source line end between `before` and `after` disappears (between two CJK
/// characters) rather than becoming a space.
fn joins(before: Option<char>, after: Option<char>) -> bool {
    matches!((before, after), (Some(a), Some(b)) if is_east_asian(a) && is_east_asian(b))
}

/// `[图片 4: alt text]` (with `label` for `图片`), the alt text cut so the whole fits
/// `max_width` where it can.
pub(crate) fn image_placeholder(
    label: &str,
    number: Option<usize>,
    alt: &str,
    max_width: usize,
) -> String {
    let head = match number {
        Some(n) => format!("[{label} {n}"),
        None => format!("[{label}"),
    };
    let alt = alt.trim();
    let room = max_width.saturating_sub(display_width(&head) + 3);
    if alt.is_empty() || room < 2 {
        format!("{head}]")
    } else {
        format!("{head}: {}]", truncate_to_width(alt, room))
    }
}

/// Characters between which a source line end is dropped rather than made a space.
fn is_east_asian(c: char) -> bool {
    c.width() == Some(2) || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_as_wide_as_said() {
        for marker in BULLETS.into_iter().chain([QUOTE_MARKER, CODE_INDENT]) {
            assert_eq!(display_width(marker), MARKER_WIDTH, "{marker:?}");
            assert_eq!(
                crate::text::display_width(marker),
                MARKER_WIDTH,
                "{marker:?}"
            );
        }
    }

    #[test]
    fn link_numbers() {
        for n in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            let mut out = String::new();
            push_link_number(&mut out, n);
            assert_eq!(out, format!("[{n}]"));
        }
    }

    #[test]
    fn placeholders_fit() {
        assert_eq!(
            image_placeholder("图片", Some(4), "数据中心机房", 40),
            "[图片 4: 数据中心机房]"
        );
        assert_eq!(
            image_placeholder("图片", Some(4), "数据中心机房", 14),
            "[图片 4: 数…]"
        );
        assert_eq!(image_placeholder("Image", Some(12), "", 40), "[Image 12]");
        assert_eq!(image_placeholder("画像", None, "x", 3), "[画像]");
        assert!(display_width(&image_placeholder("图片", Some(4), "数据中心机房", 15)) <= 15);
    }
}
