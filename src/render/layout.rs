//! The document model to styled lines at a width: prefixes for quotes, lists, headings and
//! code; paragraphs wrapped with [`crate::text::linebreak`]; links numbered as they are met.

use super::doc::{Block, Emphasis, Inline};
use super::links::LinkTable;
use super::{IMAGE_LABEL, Line, Role, Span, Style, TableBorders};
use crate::text::linebreak::measure as display_width;
use crate::text::linebreak::{Piece, wrap_pieces};
use crate::text::truncate_to_width;
use unicode_width::UnicodeWidthChar;

/// Bullets for unordered lists, by depth.
const BULLETS: [&str; 3] = ["• ", "◦ ", "▪ "];
const QUOTE_MARKER: &str = "│ ";
const CODE_INDENT: &str = "  ";

/// Where lines are collected, with the links met so far.
#[derive(Debug)]
pub(crate) struct Layout {
    pub width: usize,
    pub lines: Vec<Line>,
    pub links: LinkTable,
    pub borders: TableBorders,
}

/// What goes before each line of a block: `first` on its first line, `rest` after.
#[derive(Debug, Clone, Default)]
pub(crate) struct Prefix {
    first: Vec<Span>,
    rest: Vec<Span>,
    used: bool,
    /// The role of plain text here (quotes colour their text).
    role: Role,
    list_depth: usize,
}

fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| display_width(&s.text)).sum()
}

impl Prefix {
    fn current(&self) -> &[Span] {
        if self.used { &self.rest } else { &self.first }
    }
}

impl Layout {
    pub fn new(width: usize, borders: TableBorders) -> Self {
        Self {
            width,
            lines: Vec::new(),
            links: LinkTable::default(),
            borders,
        }
    }

    /// Lays out a whole body at the top level.
    pub fn body(&mut self, blocks: &[Block]) {
        let mut prefix = Prefix::default();
        self.blocks(blocks, &mut prefix, false);
    }

    /// Appends one line: the prefix, then `content`. Trailing spaces are dropped and adjacent
    /// spans of one style merged.
    pub fn emit(&mut self, prefix: &mut Prefix, content: Vec<Span>) {
        let head = prefix.current();
        let mut spans: Vec<Span> = if head.is_empty() {
            content
        } else {
            let mut spans = Vec::with_capacity(head.len() + content.len());
            spans.extend(head.iter().cloned());
            spans.extend(content);
            spans
        };
        prefix.used = true;
        // Merge neighbours of one style, drop empty spans, then trailing spaces.
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
        while let Some(last) = spans.last_mut() {
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
            .saturating_sub(spans_width(prefix.current()))
            .max(1);
        let rest = self.width.saturating_sub(spans_width(&prefix.rest)).max(1);
        (first, rest)
    }

    /// A prefix for a nested block: the parent's, then a marker on the first line and
    /// `rest_marker` on the others. When nesting would leave less than half the width for
    /// text, the parent's prefix is left out.
    fn child(&self, parent: &Prefix, first_marker: Span, rest_marker: Span) -> Prefix {
        let mut first: Vec<Span> = parent.current().to_vec();
        first.push(first_marker.clone());
        let mut rest = parent.rest.clone();
        rest.push(rest_marker.clone());
        let limit = self.width - self.width / 2;
        if spans_width(&first).max(spans_width(&rest)) > limit {
            first = vec![first_marker];
            rest = vec![rest_marker];
        }
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
                let marker = format!("{} ", "#".repeat(usize::from(*level)));
                let indent = " ".repeat(marker.len());
                let mut child =
                    self.child(prefix, Span::new(marker, style), Span::new(indent, style));
                self.paragraph(content, &mut child, style);
                prefix.used |= child.used;
            }
            Block::Code(text) => {
                let style = Style::new(Role::CodeBlock);
                let mut child = self.child(
                    prefix,
                    Span::new(CODE_INDENT, style),
                    Span::new(CODE_INDENT, style),
                );
                for line in text.split('\n') {
                    if line.trim().is_empty() {
                        self.emit(&mut child, Vec::new());
                        continue;
                    }
                    let (first, rest) = self.widths(&child);
                    for wrapped in wrap_pieces(&[Piece::new(line, style)], first, rest) {
                        let spans = wrapped
                            .into_iter()
                            .map(|r| Span {
                                text: r.text,
                                style: r.style,
                            })
                            .collect();
                        self.emit(&mut child, spans);
                    }
                }
                prefix.used |= child.used;
            }
            Block::Quote(blocks) => {
                let style = Style::new(Role::QuoteMarker);
                let mut child = self.child(
                    prefix,
                    Span::new(QUOTE_MARKER, style),
                    Span::new(QUOTE_MARKER, style),
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
        for (i, item) in items.iter().enumerate() {
            let marker = match start {
                Some(s) => format!("{:>digits$}. ", s.saturating_add(i as u64)),
                None => BULLETS[prefix.list_depth % BULLETS.len()].to_string(),
            };
            let indent = " ".repeat(display_width(&marker));
            let mut child = self.child(prefix, Span::new(marker, style), Span::new(indent, style));
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
        let pieces = self.pieces(content, style, first.min(rest));
        for line in wrap_pieces(&pieces, first, rest) {
            let spans = line
                .into_iter()
                .map(|r| Span {
                    text: r.text,
                    style: r.style,
                })
                .collect();
            self.emit(prefix, spans);
        }
    }

    /// Inline content as pieces to wrap, numbering links and images on the way. Image
    /// placeholders are cut to fit `max_width`.
    pub fn pieces(
        &mut self,
        content: &[Inline],
        style: Style,
        max_width: usize,
    ) -> Vec<Piece<Style>> {
        let mut out = Vec::new();
        let mut soft = Vec::new();
        self.collect(content, style, max_width, &mut out, &mut soft);
        // A line end inside a paragraph is a space, except between two CJK characters.
        for index in soft {
            let before = out[..index]
                .iter()
                .rev()
                .find_map(|p| p.text.chars().next_back());
            let after = out[index + 1..].iter().find_map(|p| p.text.chars().next());
            let joined = matches!((before, after), (Some(a), Some(b)) if is_east_asian(a) && is_east_asian(b));
            out[index].text = if joined {
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
        out: &mut Vec<Piece<Style>>,
        soft: &mut Vec<usize>,
    ) {
        for inline in content {
            match inline {
                Inline::Text(text) => out.push(Piece::new(text.as_str(), style)),
                Inline::Code(text) => out.push(Piece::new(
                    text.as_str(),
                    Style {
                        role: Role::Code,
                        ..style
                    },
                )),
                Inline::SoftBreak => {
                    soft.push(out.len());
                    out.push(Piece::new("", style));
                }
                Inline::HardBreak => out.push(Piece::new("\n", style)),
                Inline::Styled(emphasis, inner) => {
                    let mut style = style;
                    match emphasis {
                        Emphasis::Emphasis => style.emphasis = true,
                        Emphasis::Strong => style.strong = true,
                        Emphasis::Strike => style.strike = true,
                    }
                    self.collect(inner, style, max_width, out, soft);
                }
                Inline::Link { url, content } => {
                    let mut text = String::new();
                    super::doc::plain_text(content, &mut text);
                    let number = self.links.number(url, false, text.trim());
                    let link_style = if number.is_some() {
                        Style {
                            role: Role::Link,
                            ..style
                        }
                    } else {
                        style
                    };
                    self.collect(content, link_style, max_width, out, soft);
                    if let Some(n) = number {
                        out.push(
                            Piece::new(format!("[{n}]"), Style::new(Role::LinkNumber)).glued(),
                        );
                    }
                }
                Inline::Image { url, alt } => {
                    let number = self.links.number(url, true, alt);
                    out.push(
                        Piece::new(
                            image_placeholder(number, alt, max_width),
                            Style::new(Role::Image),
                        )
                        .whole(),
                    );
                }
            }
        }
    }
}

/// `[图片 4: alt text]`, the alt text cut so the whole fits `max_width` where it can.
pub(crate) fn image_placeholder(number: Option<usize>, alt: &str, max_width: usize) -> String {
    let head = match number {
        Some(n) => format!("[{IMAGE_LABEL} {n}"),
        None => format!("[{IMAGE_LABEL}"),
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
    fn placeholders_fit() {
        assert_eq!(
            image_placeholder(Some(4), "数据中心机房", 40),
            "[图片 4: 数据中心机房]"
        );
        assert_eq!(
            image_placeholder(Some(4), "数据中心机房", 14),
            "[图片 4: 数…]"
        );
        assert_eq!(image_placeholder(Some(12), "", 40), "[图片 12]");
        assert_eq!(image_placeholder(None, "x", 3), "[图片]");
        assert!(display_width(&image_placeholder(Some(4), "数据中心机房", 15)) <= 15);
    }
}
