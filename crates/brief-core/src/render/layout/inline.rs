//! Inline content to pieces to wrap: styles from emphasis, links and images numbered as they
//! are met (`text[3]`, `[图片 4: alt]`), and source line ends made a space or nothing (nothing
//! between two CJK characters).
//!
//! Knows nothing of prefixes or of how lines are broken.

use super::Layout;
use crate::render::doc::{Emphasis, Inline};
use crate::render::{Role, Style};
use brief_text::display_width;
use brief_text::linebreak::{Piece, StyledText};
use brief_text::truncate_to_width;
use unicode_width::UnicodeWidthChar;

impl Layout {
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

    pub(super) fn collect(
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
                    crate::render::doc::plain_text(content, &mut text);
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

/// The index into the article's links of link number `n` (from 1).
fn link_index(n: usize) -> Option<u32> {
    n.checked_sub(1).and_then(|i| u32::try_from(i).ok())
}

/// Appends `[n]`, a link's number as the text shows it.
pub fn push_link_number(out: &mut String, n: usize) {
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

/// Where [`Layout::collect`] puts inline content: pieces of text with their flags, and the
/// soft breaks between them, which become a space or nothing once their neighbours are known.
pub(super) trait Pieces {
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
pub(super) struct Flat<'a> {
    pub(super) text: &'a mut StyledText<Style>,
    /// Soft breaks met since the last text, with their styles.
    pub(super) pending: Vec<Style>,
}

impl Flat<'_> {
    fn resolve(&mut self, after: Option<char>) {
        for style in self.pending.drain(..) {
            if !joins(self.text.last_char(), after) {
                self.text.push(" ", style, false, false);
            }
        }
    }

    pub(super) fn finish(mut self) {
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
pub fn image_placeholder(
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
