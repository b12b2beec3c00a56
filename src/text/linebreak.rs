//! Breaking text into lines that fit a width, with the Chinese and Japanese line rules.
//!
//! Break opportunities come from UAX #14 (`unicode-linebreak`): a line may break between two
//! CJK characters, after a space, and never inside a Latin word. On top of that the CJK
//! line-start and line-end rules (kinsoku) are applied: no line starts with a character of
//! [`is_no_start`] (`，。、；：？！）」』】》…` and the like) and none ends with one of
//! [`is_no_end`] (`（「『【《“`). Obeying them may push the last character of a line over to the
//! next one, together with the punctuation that may not start it.
//!
//! The layout is greedy (first fit) and linear in the length of the text. Guarantees:
//!
//! - Every line is at most `width` columns (measured by [`crate::text::width`] over grapheme
//!   clusters). The one exception: a single grapheme wider than the whole width (a wide
//!   character at width 1) is put alone on its line, since it cannot be cut.
//! - A grapheme cluster is never split; a word longer than the line is broken between
//!   graphemes, obeying the CJK rules where it can.
//! - Nothing is lost or reordered: the lines joined give back the input, less the spaces and
//!   line feeds at the breaks. Leading spaces of the text (and after a `\n`) are kept.
//! - `\n` (and the other mandatory breaks of UAX #14) always end a line.
//! - Tabs are expanded to the next multiple of [`TAB_WIDTH`] columns, counted from the last
//!   `\n`; no-break spaces (U+00A0, U+202F) never break.
//!
//! This module knows nothing of posts, Markdown or terminals. Styled text goes through
//! [`wrap_pieces`], which is generic over the caller's style type.

use super::width::grapheme_width;
use std::borrow::Cow;
use std::ops::Range;
use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

/// Columns between tab stops.
pub const TAB_WIDTH: usize = 4;

/// Characters that must not begin a line: closing punctuation and brackets, CJK full stops and
/// commas, iteration marks, the prolonged sound mark and small kana.
pub fn is_no_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '；' | '：' | '？' | '！' | '．' | '｡' | '､'
            | '）' | '」' | '』' | '】' | '》' | '〕' | '〉' | '〗' | '〙' | '〛' | '］' | '｝' | '｣' | '〟'
            | '”' | '’' | '…' | '‥' | '・' | '･' | '‼' | '⁇' | '⁈' | '⁉' | '〜' | '～'
            | 'ー' | 'ｰ' | '々' | '〻' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ' | '゛' | '゜'
            | 'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ' | 'ゎ' | 'ゕ' | 'ゖ'
            | 'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ' | 'ヵ' | 'ヶ'
            | '\u{31f0}'..='\u{31ff}'
            | '\u{ff67}'..='\u{ff6f}'
    )
}

/// Characters that must not end a line: opening brackets and opening quotation marks.
pub fn is_no_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '【'
            | '《'
            | '〔'
            | '〈'
            | '〖'
            | '〘'
            | '〚'
            | '［'
            | '｛'
            | '｢'
            | '〝'
            | '“'
            | '‘'
    )
}

/// True for a grapheme that is a mandatory line break (it is dropped from the output).
fn is_newline(grapheme: &str) -> bool {
    matches!(
        grapheme,
        "\n" | "\r" | "\r\n" | "\u{0b}" | "\u{0c}" | "\u{85}" | "\u{2028}" | "\u{2029}"
    )
}

/// Wraps plain text to `width` columns. See the module docs for the guarantees.
///
/// ```
/// use brief::text::linebreak::wrap;
/// assert_eq!(wrap("中文的句子。还有", 6), ["中文的", "句子。", "还有"]);
/// assert_eq!(wrap("hello wide world", 11), ["hello wide", "world"]);
/// ```
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_hanging(text, width, width)
}

/// Wraps plain text with one width for the first line and another for the rest, as a hanging
/// indent or a list marker needs.
pub fn wrap_hanging(text: &str, first_width: usize, rest_width: usize) -> Vec<String> {
    let text = expand_tabs(text);
    break_lines(&text, first_width, rest_width, &mut |_| false)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}

/// Wraps `text` into `width` columns, each line starting with a prefix: `first_prefix` on the
/// first line, `rest_prefix` on the others (usually spaces as wide as the first, so wrapped
/// lines stay under their marker). The prefixes count towards the width.
///
/// ```
/// use brief::text::linebreak::wrap_with_prefix;
/// assert_eq!(wrap_with_prefix("一二三四五六", 8, "• ", "  "), ["• 一二三", "  四五六"]);
/// ```
pub fn wrap_with_prefix(
    text: &str,
    width: usize,
    first_prefix: &str,
    rest_prefix: &str,
) -> Vec<String> {
    let first = width.saturating_sub(super::display_width(first_prefix));
    let rest = width.saturating_sub(super::display_width(rest_prefix));
    wrap_hanging(text, first, rest)
        .into_iter()
        .enumerate()
        .map(|(i, line)| format!("{}{line}", if i == 0 { first_prefix } else { rest_prefix }))
        .collect()
}

/// Replaces each tab by spaces up to the next multiple of [`TAB_WIDTH`] columns, counting
/// columns from the start of the text or the last `\n`.
pub fn expand_tabs(text: &str) -> Cow<'_, str> {
    if !text.contains('\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut column = 0;
    push_expanded(&mut out, text, &mut column);
    Cow::Owned(out)
}

fn push_expanded(out: &mut String, text: &str, column: &mut usize) {
    for g in text.graphemes(true) {
        match g {
            "\t" => {
                let spaces = TAB_WIDTH - *column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                *column += spaces;
            }
            g if is_newline(g) => {
                out.push_str(g);
                *column = 0;
            }
            g => {
                out.push_str(g);
                *column += grapheme_width(g);
            }
        }
    }
}

/// A run of styled text given to [`wrap_pieces`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<S> {
    pub text: String,
    pub style: S,
    /// No break between this piece and the text before it (a link's `[3]` stays on the line
    /// of the link's last word).
    pub keep_with_previous: bool,
    /// No break inside this piece (an image placeholder); it is still cut between graphemes
    /// when it is wider than a whole line.
    pub unbreakable: bool,
}

impl<S> Piece<S> {
    /// Text that breaks normally.
    pub fn new(text: impl Into<String>, style: S) -> Self {
        Self {
            text: text.into(),
            style,
            keep_with_previous: false,
            unbreakable: false,
        }
    }

    /// Sets [`Piece::keep_with_previous`].
    pub fn glued(mut self) -> Self {
        self.keep_with_previous = true;
        self
    }

    /// Sets [`Piece::unbreakable`].
    pub fn whole(mut self) -> Self {
        self.unbreakable = true;
        self
    }
}

/// One styled run of an output line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run<S> {
    pub text: String,
    pub style: S,
}

/// Pieces joined into one string, with where each lies and which piece it is.
struct Flat<'p, S> {
    text: String,
    spans: Vec<(Range<usize>, usize)>,
    pieces: &'p [Piece<S>],
}

impl<'p, S> Flat<'p, S> {
    fn new(pieces: &'p [Piece<S>]) -> Self {
        let has_tab = pieces.iter().any(|p| p.text.contains('\t'));
        let mut text = String::with_capacity(pieces.iter().map(|p| p.text.len()).sum());
        let mut spans: Vec<(Range<usize>, usize)> = Vec::with_capacity(pieces.len());
        let mut column = 0;
        for (index, piece) in pieces.iter().enumerate() {
            if piece.text.is_empty() {
                continue;
            }
            let start = text.len();
            if has_tab {
                push_expanded(&mut text, &piece.text, &mut column);
            } else {
                text.push_str(&piece.text);
            }
            spans.push((start..text.len(), index));
        }
        Self {
            text,
            spans,
            pieces,
        }
    }

    /// The veto on breaks the pieces' flags ask for; call with increasing positions.
    fn blocker(&self) -> impl FnMut(usize) -> bool + '_ {
        let mut cursor = 0;
        move |pos: usize| {
            while cursor < self.spans.len() && self.spans[cursor].0.end <= pos {
                cursor += 1;
            }
            // A break before `pos` that lies inside a piece, or at the start of a glued one.
            self.spans.get(cursor).is_some_and(|(range, index)| {
                let piece = &self.pieces[*index];
                (piece.unbreakable && range.start < pos)
                    || (piece.keep_with_previous && range.start == pos)
            })
        }
    }
}

/// Wraps styled pieces: `first_width` columns for the first line, `rest_width` for the others.
/// Each output line is a list of runs (adjacent runs may share a style; empty runs are left
/// out). The same guarantees as [`wrap`] hold for the concatenated text.
pub fn wrap_pieces<S: Clone>(
    pieces: &[Piece<S>],
    first_width: usize,
    rest_width: usize,
) -> Vec<Vec<Run<S>>> {
    let flat = Flat::new(pieces);
    let lines = break_lines(&flat.text, first_width, rest_width, &mut flat.blocker());
    let (text, spans) = (&flat.text, &flat.spans);
    let mut out = Vec::with_capacity(lines.len());
    let mut cursor = 0;
    for line in lines {
        let mut runs = Vec::new();
        while cursor < spans.len() && spans[cursor].0.end <= line.start {
            cursor += 1;
        }
        let mut i = cursor;
        while i < spans.len() && spans[i].0.start < line.end {
            let (range, index) = &spans[i];
            let a = range.start.max(line.start);
            let b = range.end.min(line.end);
            if a < b {
                runs.push(Run {
                    text: text[a..b].to_string(),
                    style: pieces[*index].style.clone(),
                });
            }
            i += 1;
        }
        out.push(runs);
    }
    out
}

/// The width of the widest unit that cannot be broken (a Latin word, a CJK character with
/// the punctuation that may not be parted from it): the narrowest width at which the pieces
/// wrap without cutting a word.
pub fn min_unbroken_width<S>(pieces: &[Piece<S>]) -> usize {
    let flat = Flat::new(pieces);
    let mut widest = 0;
    for_each_unit(&flat.text, &mut flat.blocker(), &mut |unit| {
        let content: usize = unit
            .iter()
            .rev()
            .skip_while(|g| {
                matches!(&flat.text[g.start..g.end], " ") || is_newline(&flat.text[g.start..g.end])
            })
            .map(|g| g.width)
            .sum();
        widest = widest.max(content);
    });
    widest
}

/// One grapheme of the unit being placed.
#[derive(Clone, Copy)]
struct Grapheme {
    start: usize,
    end: usize,
    width: usize,
    first: char,
    last: char,
    /// An ASCII space (dropped at a break).
    space: bool,
    /// A mandatory line break (dropped from the output).
    newline: bool,
}

impl Grapheme {
    fn of(start: usize, g: &str) -> Self {
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

    fn simple(start: usize, c: char) -> Self {
        let width = if c.is_ascii() {
            usize::from(!c.is_ascii_control())
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

/// The line being filled.
#[derive(Clone, Copy)]
struct Current {
    start: usize,
    /// End of the last non-space content.
    end: usize,
    /// Width up to `end`.
    width: usize,
    /// Width of the spaces after `end`, which count only if more content follows.
    pending: usize,
}

struct Layout {
    first_width: usize,
    rest_width: usize,
    lines: Vec<Range<usize>>,
    current: Option<Current>,
}

impl Layout {
    fn available(&self) -> usize {
        if self.lines.is_empty() {
            self.first_width
        } else {
            self.rest_width
        }
        .max(1)
    }

    /// Ends the current line; a line of nothing but leading spaces is dropped unless `always`.
    fn flush(&mut self, always: bool) {
        match self.current.take() {
            Some(c) if c.end > c.start || always => self.lines.push(c.start..c.end),
            Some(_) => {}
            None if always => {
                let at = self.lines.last().map_or(0, |r| r.end);
                self.lines.push(at..at);
            }
            None => {}
        }
    }

    /// Places one unbreakable unit: its content, then trailing spaces and perhaps a newline.
    fn place(&mut self, unit: &[Grapheme]) {
        let newline = unit.last().is_some_and(|g| g.newline);
        let body = if newline {
            &unit[..unit.len() - 1]
        } else {
            unit
        };
        let content_len = body.iter().rposition(|g| !g.space).map_or(0, |i| i + 1);
        let content = &body[..content_len];
        let trailing: usize = body[content_len..].iter().map(|g| g.width).sum();

        if content.is_empty() {
            match &mut self.current {
                Some(c) => c.pending += trailing,
                None if trailing > 0 => {
                    let at = body[0].start;
                    self.current = Some(Current {
                        start: at,
                        end: at,
                        width: 0,
                        pending: trailing,
                    });
                }
                None => {}
            }
        } else {
            let width: usize = content.iter().map(|g| g.width).sum();
            let start = content[0].start;
            let end = content[content.len() - 1].end;
            let available = self.available();
            match &mut self.current {
                Some(c) if c.width + c.pending + width <= available => {
                    c.width += c.pending + width;
                    c.end = end;
                    c.pending = trailing;
                }
                _ => {
                    self.flush(false);
                    if width <= self.available() {
                        self.current = Some(Current {
                            start,
                            end,
                            width,
                            pending: trailing,
                        });
                    } else {
                        self.force(content);
                        if let Some(c) = &mut self.current {
                            c.pending = trailing;
                        }
                    }
                }
            }
        }
        if newline {
            self.flush(true);
        }
    }

    /// Cuts a unit wider than a whole line between graphemes, keeping the CJK rules where a
    /// short step back allows. The last piece stays the current line.
    fn force(&mut self, content: &[Grapheme]) {
        let mut i = 0;
        while i < content.len() {
            if i > 0 {
                while i < content.len() && content[i].space {
                    i += 1;
                }
                if i == content.len() {
                    break;
                }
            }
            let available = self.available();
            let mut j = i;
            let mut width = 0;
            while j < content.len() && width + content[j].width <= available {
                width += content[j].width;
                j += 1;
            }
            if j == i {
                // One grapheme wider than the line: alone on its own line.
                width = content[i].width;
                j = i + 1;
            } else if j < content.len() {
                let bad =
                    |k: usize| is_no_start(content[k].first) || is_no_end(content[k - 1].last);
                let mut k = j;
                while k > i + 1 && bad(k) {
                    k -= 1;
                }
                if !bad(k) && k != j {
                    width -= content[k..j].iter().map(|g| g.width).sum::<usize>();
                    j = k;
                }
            }
            // Spaces at the cut belong to the break, not to the line.
            let mut e = j;
            while e > i + 1 && content[e - 1].space {
                e -= 1;
                width -= content[e].width;
            }
            let current = Current {
                start: content[i].start,
                end: content[e - 1].end,
                width,
                pending: 0,
            };
            if j == content.len() {
                self.current = Some(current);
            } else {
                self.current = Some(current);
                self.flush(true);
            }
            i = j;
        }
    }
}

/// The core: byte ranges of `text`, one per line. `blocked(pos)` vetoes the break opportunity
/// before byte `pos`; it is called with increasing positions.
fn break_lines(
    text: &str,
    first_width: usize,
    rest_width: usize,
    blocked: &mut dyn FnMut(usize) -> bool,
) -> Vec<Range<usize>> {
    let mut layout = Layout {
        first_width,
        rest_width,
        lines: Vec::new(),
        current: None,
    };
    for_each_unit(text, blocked, &mut |unit| layout.place(unit));
    layout.flush(false);
    layout.lines
}

/// The display width of `text`, as [`crate::text::display_width`] measures it, faster on CJK
/// text: single-character clusters are measured without the full segmentation.
pub fn measure(text: &str) -> usize {
    if text.is_ascii() {
        return text.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    FastGraphemes {
        text,
        pos: 0,
        slow: None,
    }
    .map(|(_, g)| fast_width(g))
    .sum()
}

/// [`grapheme_width`] with a shortcut for clusters of one character.
fn fast_width(g: &str) -> usize {
    let mut chars = g.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii() => usize::from(!c.is_ascii_control()),
        (Some(c), None) => unicode_width::UnicodeWidthChar::width(c).unwrap_or(0),
        _ => grapheme_width(g),
    }
}

/// Characters that never join a neighbour into one grapheme cluster: printable ASCII, the
/// line feed, Latin-1 and Latin Extended letters, common punctuation, CJK ideographs and
/// punctuation, kana (less the combining sound marks), Hangul syllables and fullwidth forms.
/// Between two of them there is always a grapheme boundary (UAX #29, GB999).
fn is_simple(c: char) -> bool {
    matches!(c as u32,
        0x0A | 0x20..=0x7E | 0xA0..=0xAC | 0xAE..=0x2FF | 0x2010..=0x2027 | 0x2030..=0x205E
        | 0x3000..=0x3029 | 0x3030..=0x3098 | 0x309B..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7A3 | 0xFF01..=0xFF60)
}

/// Grapheme clusters with their byte offsets, like `grapheme_indices(true)`, but a simple
/// character between simple ones is taken as it is; only the stretches around other
/// characters go through the full segmentation. About four times faster on CJK text.
struct FastGraphemes<'t> {
    text: &'t str,
    pos: usize,
    /// The clusters of a stretch being segmented the slow way, and where it ends.
    slow: Option<(unicode_segmentation::GraphemeIndices<'t>, usize, usize)>,
}

impl FastGraphemes<'_> {
    /// The next cluster as a [`Grapheme`] record, simple characters the quick way.
    fn next_record(&mut self) -> Option<Grapheme> {
        if self.slow.is_none() {
            let rest = &self.text[self.pos..];
            let mut chars = rest.chars();
            let c = chars.next()?;
            if is_simple(c) && chars.next().is_none_or(is_simple) {
                let g = Grapheme::simple(self.pos, c);
                self.pos = g.end;
                return Some(g);
            }
        }
        self.next().map(|(start, g)| Grapheme::of(start, g))
    }
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
        // Segment up to the first point between two simple characters, where a boundary is
        // certain whatever came before.
        let mut end = rest.len();
        let mut previous_simple = false;
        for (i, ch) in rest.char_indices().skip(1) {
            let simple = is_simple(ch);
            if simple && previous_simple {
                end = i;
                break;
            }
            previous_simple = simple;
        }
        let start = self.pos;
        self.slow = Some((rest[..end].grapheme_indices(true), start, start + end));
        self.next()
    }
}

/// Calls `f` with each unit of graphemes between two breaks that are taken: UAX #14
/// opportunities, less those the CJK rules or `blocked` forbid. A unit ends with its
/// trailing spaces and, at a mandatory break, the line-end character.
fn for_each_unit(
    text: &str,
    blocked: &mut dyn FnMut(usize) -> bool,
    f: &mut dyn FnMut(&[Grapheme]),
) {
    let mut breaks = linebreaks(text).peekable();
    let mut graphemes = FastGraphemes {
        text,
        pos: 0,
        slow: None,
    };
    let mut unit: Vec<Grapheme> = Vec::new();
    let mut upcoming = graphemes.next_record();
    while let Some(g) = upcoming {
        upcoming = graphemes.next_record();
        let end = g.end;
        unit.push(g);
        while breaks.peek().is_some_and(|&(pos, _)| pos < end) {
            breaks.next();
        }
        let opportunity = match breaks.peek() {
            Some(&(pos, kind)) if pos == end => {
                breaks.next();
                Some(kind)
            }
            _ => None,
        };
        let take = match &upcoming {
            None => true,
            Some(_) if g.newline => true,
            Some(next) => match opportunity {
                Some(BreakOpportunity::Mandatory) => true,
                Some(BreakOpportunity::Allowed) => {
                    !is_no_end(g.last) && !is_no_start(next.first) && !blocked(end)
                }
                None => false,
            },
        };
        if take {
            f(&unit);
            unit.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::display_width;

    #[test]
    fn latin_words_stay_whole() {
        assert_eq!(wrap("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(
            wrap("a supercalifragilistic b", 8),
            ["a", "supercal", "ifragili", "stic b"]
        );
    }

    #[test]
    fn cjk_breaks_between_characters() {
        assert_eq!(wrap("一二三四五六七", 6), ["一二三", "四五六", "七"]);
        assert_eq!(wrap("一二三四五六七", 7), ["一二三", "四五六", "七"]);
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        // 。 would start line 2: the character before it is pushed over with it.
        assert_eq!(wrap("一二三。四五", 6), ["一二", "三。四", "五"]);
        assert_eq!(wrap("一二，三四", 4), ["一", "二，", "三四"]);
        assert_eq!(wrap("ab「引用」", 4), ["ab", "「引", "用」"]);
        for width in 8..30 {
            for line in wrap(
                "他说：“你好，世界！”然后（笑）离开了。ちょっと待って、コーヒー。",
                width,
            ) {
                let first = line.chars().next().unwrap();
                assert!(!is_no_start(first), "{line:?} at {width}");
                assert!(
                    !is_no_end(line.chars().last().unwrap()),
                    "{line:?} at {width}"
                );
            }
        }
    }

    #[test]
    fn no_line_ends_with_opening_bracket() {
        assert_eq!(wrap("一二（三四）", 6), ["一二", "（三", "四）"]);
    }

    #[test]
    fn mixed_scripts() {
        assert_eq!(wrap("使用Rust编写的工具", 10), ["使用Rust编", "写的工具"]);
        assert_eq!(wrap("共 2450 亿美元", 8), ["共 2450", "亿美元"]);
    }

    #[test]
    fn newlines_are_mandatory_and_spaces_at_breaks_dropped() {
        assert_eq!(wrap("ab\ncd", 10), ["ab", "cd"]);
        assert_eq!(wrap("ab\n\ncd\n", 10), ["ab", "", "cd"]);
        assert_eq!(wrap("ab    cd", 3), ["ab", "cd"]);
        assert_eq!(wrap("  indented", 20), ["  indented"]);
        assert!(wrap("", 5).is_empty());
    }

    #[test]
    fn nbsp_does_not_break() {
        assert_eq!(wrap("aa 10\u{a0}km", 6), ["aa", "10\u{a0}km"]);
    }

    #[test]
    fn wide_graphemes_are_never_split() {
        assert_eq!(wrap("中文", 1), ["中", "文"]);
        assert_eq!(wrap("👩‍💻👩‍💻👩‍💻", 5), ["👩‍💻👩‍💻", "👩‍💻"]);
        assert_eq!(
            wrap("e\u{301}e\u{301}e\u{301}", 2),
            ["e\u{301}e\u{301}", "e\u{301}"]
        );
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(wrap("a\tb", 20), ["a   b"]);
        assert_eq!(wrap("\tx", 20), ["    x"]);
    }

    #[test]
    fn hanging_widths_and_prefixes() {
        assert_eq!(
            wrap_hanging("一二三四五六", 2, 4),
            ["一", "二三", "四五", "六"]
        );
        let lines = wrap_with_prefix("item text that wraps", 10, "1. ", "   ");
        assert_eq!(lines, ["1. item", "   text", "   that", "   wraps"]);
    }

    #[test]
    fn pieces_keep_styles_and_glue() {
        let pieces = vec![
            Piece::new("看 ", 0),
            Piece::new("链接文字", 1),
            Piece::new("[12]", 2).glued(),
            Piece::new("。", 0),
        ];
        let lines = wrap_pieces(&pieces, 10, 10);
        let texts: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|r| r.text.as_str()).collect())
            .collect();
        assert_eq!(texts, ["看 链接文", "字[12]。"]);
        assert_eq!(
            lines[1][0],
            Run {
                text: "字".into(),
                style: 1
            }
        );
        assert!(texts.iter().all(|t| display_width(t) <= 10));
    }

    #[test]
    fn fast_graphemes_match_the_full_segmentation() {
        for text in [
            "",
            "中文abc",
            "e\u{301}x",
            "中\u{301}文",
            "👩\u{200d}💻中🇯🇵🇯\u{20}❤\u{fe0f}か\u{3099}ｶ\u{ff9e}",
            "a\u{ad}b\r\nc",
            "\u{1100}\u{1161}\u{11a8}가\u{11a8}",
            "\u{600}1 x",
        ] {
            let fast: Vec<(usize, &str)> = FastGraphemes {
                text,
                pos: 0,
                slow: None,
            }
            .collect();
            let full: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
            assert_eq!(fast, full, "{text:?}");
            assert_eq!(measure(text), display_width(text), "{text:?}");
        }
    }

    #[test]
    fn min_unbroken_width_is_the_widest_word() {
        assert_eq!(
            min_unbroken_width(&[Piece::new("Autocomplete, classification", ())]),
            14
        );
        assert_eq!(min_unbroken_width(&[Piece::new("一二三。", ())]), 4);
        assert_eq!(
            min_unbroken_width(&[Piece::new("ab ", ()), Piece::new("[1]", ()).glued()]),
            6
        );
        assert_eq!(
            min_unbroken_width(&[Piece::new("ab", ()), Piece::new("[1]", ()).glued()]),
            5
        );
    }

    #[test]
    fn whole_pieces_do_not_break_inside() {
        let pieces = vec![
            Piece::new("文字 ", 0),
            Piece::new("[图片 1: 机房]", 1).whole(),
        ];
        let lines = wrap_pieces(&pieces, 16, 16);
        let texts: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|r| r.text.as_str()).collect())
            .collect();
        assert_eq!(texts, ["文字", "[图片 1: 机房]"]);
    }
}
