//! Grapheme clusters as the line breaker needs them: a [`Grapheme`] record of each, and
//! [`FastGraphemes`], which takes a simple character between simple ones as it is and runs the
//! full segmentation (`unicode-segmentation`) only around the others. Also [`measure`], the
//! display width of a text on the same fast path.
//!
//! Knows nothing of break opportunities or lines.

use super::ideograph::is_ideograph;
use super::utf8::char_at;
use crate::width::grapheme_width;
use unicode_segmentation::UnicodeSegmentation;

/// True for a grapheme that is a mandatory line break (it is dropped from the output).
pub(super) fn is_newline(grapheme: &str) -> bool {
    matches!(
        grapheme,
        "\n" | "\r" | "\r\n" | "\u{0b}" | "\u{0c}" | "\u{85}" | "\u{2028}" | "\u{2029}"
    )
}

/// One grapheme of a unit.
#[derive(Debug, Clone, Copy)]
pub(super) struct Grapheme {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) width: usize,
    pub(super) first: char,
    pub(super) last: char,
    /// An ASCII space (dropped at a break).
    pub(super) space: bool,
    /// A mandatory line break (dropped from the output).
    pub(super) newline: bool,
}

impl Grapheme {
    pub(super) fn of(start: usize, g: &str) -> Self {
        let mut chars = g.chars();
        let first = chars.next().unwrap_or(' ');
        let last = chars.next_back().unwrap_or(first);
        let newline = is_newline(g);
        Self {
            start,
            end: start + g.len(),
            width: if newline { 0 } else { fast_width(g) },
            first,
            last,
            space: g == " ",
            newline,
        }
    }

    #[inline]
    pub(super) fn simple(start: usize, c: char) -> Self {
        let width = if c.is_ascii() {
            usize::from(!c.is_ascii_control())
        } else if is_ideograph(c) {
            2
        } else {
            unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
        };
        let newline = c == '\n';
        Self {
            start,
            end: start + c.len_utf8(),
            width: if newline { 0 } else { width },
            first: c,
            last: c,
            space: c == ' ',
            newline,
        }
    }
}

/// The display width of `text` (see [`crate::display_width`], which is this), fast on
/// CJK text: single-character clusters are measured without the full segmentation.
pub(crate) fn measure(text: &str) -> usize {
    if text.is_ascii() {
        return text.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    // Simple characters are clusters of their own: their widths add up.
    let simple: Option<usize> = text
        .chars()
        .map(|c| is_simple(c).then(|| Grapheme::simple(0, c).width))
        .sum();
    if let Some(width) = simple {
        return width;
    }
    FastGraphemes::new(text)
        .records()
        .map(|g| {
            if g.newline {
                fast_width(&text[g.start..g.end])
            } else {
                g.width
            }
        })
        .sum()
}

/// [`grapheme_width`] with a shortcut for clusters of one character.
pub(super) fn fast_width(g: &str) -> usize {
    let mut chars = g.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii() => usize::from(!c.is_ascii_control()),
        (Some(c), None) => unicode_width::UnicodeWidthChar::width(c).unwrap_or(0),
        _ => grapheme_width(g),
    }
}

/// Characters that never join a neighbour into one grapheme cluster: printable ASCII, the
/// line feed, Latin-1 and Latin Extended letters, common punctuation, box drawing and block
/// elements, CJK ideographs and punctuation, kana (less the combining sound marks), Hangul
/// syllables and fullwidth forms. Between two of them there is always a grapheme boundary
/// (UAX #29, GB999).
#[inline]
pub(super) fn is_simple(c: char) -> bool {
    let code = c as u32;
    // The usual cases first: ASCII and ideographs.
    if code < 0x7f {
        return code >= 0x20 || code == 0x0a;
    }
    if (0x4e00..=0x9fff).contains(&code) {
        return true;
    }
    matches!(code,
        0xA0..=0xAC | 0xAE..=0x2FF | 0x2010..=0x2027 | 0x2030..=0x205E
        | 0x2500..=0x259F | 0x3000..=0x3029 | 0x3030..=0x3098 | 0x309B..=0x30FF | 0x3400..=0x4DBF
        | 0xAC00..=0xD7A3 | 0xFF01..=0xFF60)
}

/// Grapheme clusters with their byte offsets, like `grapheme_indices(true)`, but a simple
/// character between simple ones is taken as it is; only the stretches around other
/// characters go through the full segmentation. About four times faster on CJK text.
pub(super) struct FastGraphemes<'t> {
    text: &'t str,
    pos: usize,
    /// The clusters of a stretch being segmented the slow way, and where it ends.
    slow: Option<(unicode_segmentation::GraphemeIndices<'t>, usize, usize)>,
    /// The character at a position (its length, and whether it is simple), decoded ahead.
    ahead: Option<(usize, char, usize, bool)>,
}

impl<'t> FastGraphemes<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Self {
            text,
            pos: 0,
            slow: None,
            ahead: None,
        }
    }
}

impl FastGraphemes<'_> {
    /// The next cluster as a [`Grapheme`] record, simple characters the quick way.
    #[inline]
    fn next_record(&mut self) -> Option<Grapheme> {
        if self.slow.is_none() {
            let bytes = self.text.as_bytes();
            let (c, len, simple) = match self.ahead {
                Some((at, c, len, simple)) if at == self.pos => (c, len, simple),
                _ => {
                    let (c, len) = char_at(bytes, self.pos)?;
                    (c, len, is_simple(c))
                }
            };
            if simple {
                let next = self.pos + len;
                let next_simple = match char_at(bytes, next) {
                    Some((n, n_len)) => {
                        let n_simple = is_simple(n);
                        self.ahead = Some((next, n, n_len, n_simple));
                        n_simple
                    }
                    None => true,
                };
                if next_simple {
                    let g = Grapheme::simple(self.pos, c);
                    self.pos = next;
                    return Some(g);
                }
            }
        }
        self.next().map(|(start, g)| Grapheme::of(start, g))
    }
}

impl<'t> FastGraphemes<'t> {
    /// The clusters as [`Grapheme`] records.
    pub(super) fn records(mut self) -> impl Iterator<Item = Grapheme> + 't {
        std::iter::from_fn(move || self.next_record())
    }
}

/// Where a stretch that starts with a character that is not simple (or is followed by one)
/// can end: the first point after its first character between two simple characters, where
/// a grapheme boundary is certain whatever came before; else the end of `rest`.
pub(super) fn certain_boundary(rest: &str) -> usize {
    let mut previous_simple = false;
    for (i, ch) in rest.char_indices().skip(1) {
        let simple = is_simple(ch);
        if simple && previous_simple {
            return i;
        }
        previous_simple = simple;
    }
    rest.len()
}

impl<'t> Iterator for FastGraphemes<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        if let Some((iter, offset, end)) = &mut self.slow {
            if let Some((i, g)) = iter.next() {
                return Some((*offset + i, g));
            }
            self.pos = *end;
            self.slow = None;
        }
        let rest = &self.text[self.pos..];
        let mut chars = rest.chars();
        let c = chars.next()?;
        let next = chars.next();
        if is_simple(c) && next.is_none_or(is_simple) {
            let start = self.pos;
            self.pos += c.len_utf8();
            return Some((start, &self.text[start..self.pos]));
        }
        let end = certain_boundary(rest);
        let start = self.pos;
        self.slow = Some((rest[..end].grapheme_indices(true), start, start + end));
        self.next()
    }
}
