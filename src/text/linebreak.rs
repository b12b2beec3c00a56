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
//! The work is linear and mostly cheap: between two CJK ideographs the break is known
//! without looking anything up; after nearly every other character UAX #14 has forgotten what
//! came before, so the opportunity comes from a table of class pairs (filled once from
//! `unicode-linebreak`); only after spaces, hyphens, combining marks and the like does
//! `unicode-linebreak` run, over the few characters since the last one that forgot. The tests
//! check these shortcuts against `unicode-linebreak` itself.
//!
//! This module knows nothing of posts, Markdown or terminals. Styled text goes through
//! [`wrap_pieces`] or, without a `String` per piece, [`StyledText`]; both are generic over
//! the caller's style type.

use super::width::grapheme_width;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;
use unicode_linebreak::{BreakClass, BreakOpportunity, break_property, linebreaks};
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
    break_lines(&text, first_width, rest_width)
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

/// One stretch of a [`StyledText`]: where it ends, its style and its break flags.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stretch<S> {
    end: usize,
    style: S,
    keep_with_previous: bool,
    unbreakable: bool,
}

/// Styled text gathered into one string for wrapping: what [`wrap_pieces`] takes as pieces,
/// without a `String` per piece. Fill it with [`StyledText::push`], break it with
/// [`StyledText::wrap`] and read each line back with [`StyledText::runs`];
/// [`StyledText::clear`] keeps the buffers for the next paragraph.
#[derive(Debug, Clone)]
pub struct StyledText<S> {
    text: String,
    stretches: Vec<Stretch<S>>,
    scratch: Scratch,
}

impl<S> Default for StyledText<S> {
    fn default() -> Self {
        Self::new()
    }
}

impl<S> StyledText<S> {
    pub fn new() -> Self {
        Self {
            text: String::new(),
            stretches: Vec::new(),
            scratch: Scratch::default(),
        }
    }

    /// Empties the text, keeping its buffers.
    pub fn clear(&mut self) {
        self.text.clear();
        self.stretches.clear();
    }

    /// The text so far (tabs expanded once [`StyledText::wrap`] ran).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The last character so far.
    pub fn last_char(&self) -> Option<char> {
        self.text.chars().next_back()
    }

    /// Appends text with the flags of a [`Piece`]; empty text is left out, as an empty piece is.
    pub fn push(&mut self, text: &str, style: S, keep_with_previous: bool, unbreakable: bool) {
        if text.is_empty() {
            return;
        }
        self.text.push_str(text);
        self.stretches.push(Stretch {
            end: self.text.len(),
            style,
            keep_with_previous,
            unbreakable,
        });
    }

    fn from_pieces(pieces: &[Piece<S>]) -> Self
    where
        S: Clone,
    {
        let mut text = Self {
            text: String::with_capacity(pieces.iter().map(|p| p.text.len()).sum()),
            stretches: Vec::with_capacity(pieces.len()),
            scratch: Scratch::default(),
        };
        for piece in pieces {
            text.push(
                &piece.text,
                piece.style.clone(),
                piece.keep_with_previous,
                piece.unbreakable,
            );
        }
        text
    }

    /// Expands tabs, counting columns from the start of the text or the last `\n`, across
    /// stretches.
    fn expand_tabs(&mut self) {
        if !self.text.as_bytes().contains(&b'\t') {
            return;
        }
        let mut text = String::with_capacity(self.text.len() + 16);
        let mut column = 0;
        let mut start = 0;
        for stretch in &mut self.stretches {
            push_expanded(&mut text, &self.text[start..stretch.end], &mut column);
            start = stretch.end;
            stretch.end = text.len();
        }
        self.text = text;
    }

    /// Breaks the text into lines: `first_width` columns for the first, `rest_width` for the
    /// others. Puts each line's byte range of [`StyledText::as_str`] into `lines` (which is
    /// cleared first). The same guarantees as [`wrap`] hold.
    pub fn wrap(&mut self, first_width: usize, rest_width: usize, lines: &mut Vec<Range<usize>>) {
        lines.clear();
        let vetoes = Vetoes::new(&self.stretches);
        let mut layout = Layout::new(first_width, rest_width, std::mem::take(lines));
        // Tabs are rare: the breaker stops at one, before anything depends on it, and then
        // starts again on the text with its tabs expanded.
        if for_each_unit(
            &self.text,
            vetoes,
            &mut layout,
            &mut self.scratch,
            Tabs::Stop,
        ) == Finished::AtTab
        {
            self.expand_tabs();
            let mut lines = layout.lines;
            lines.clear();
            layout = Layout::new(first_width, rest_width, lines);
            let vetoes = Vetoes::new(&self.stretches);
            for_each_unit(
                &self.text,
                vetoes,
                &mut layout,
                &mut self.scratch,
                Tabs::Keep,
            );
        }
        *lines = layout.finish();
    }

    /// The styled runs of `line`, a range [`StyledText::wrap`] gave, in order; empty runs are
    /// left out.
    pub fn runs(&self, line: Range<usize>) -> impl ExactSizeIterator<Item = (&str, &S)> + '_ {
        // The stretches that overlap the line, each by a part that is not empty.
        let first = self.stretches.partition_point(|s| s.end <= line.start);
        let last = self.stretches.partition_point(|s| s.end < line.end);
        let overlapping = if line.is_empty() {
            &[]
        } else {
            &self.stretches[first..(last + 1).min(self.stretches.len())]
        };
        let mut start = first.checked_sub(1).map_or(0, |i| self.stretches[i].end);
        overlapping.iter().map(move |s| {
            let range = start.max(line.start)..s.end.min(line.end);
            start = s.end;
            (&self.text[range], &s.style)
        })
    }
}

/// Where the break opportunities may not be taken, asked for at increasing positions.
trait Veto {
    /// Whether the break before byte `pos` is forbidden.
    fn blocked(&mut self, pos: usize) -> bool;
    /// The first position at or after `from` whose break is forbidden (`usize::MAX` if none).
    fn next_blocked(&mut self, from: usize) -> usize;
}

/// No veto: plain text.
struct Free;

impl Veto for Free {
    fn blocked(&mut self, _pos: usize) -> bool {
        false
    }

    fn next_blocked(&mut self, _from: usize) -> usize {
        usize::MAX
    }
}

/// The veto the stretches' flags ask for: no break inside an unbreakable stretch, nor at the
/// start of a glued one.
struct Vetoes<'s, S> {
    stretches: &'s [Stretch<S>],
    /// The first stretch that ends after the last position asked about.
    cursor: usize,
    /// The last answer of [`Veto::next_blocked`]: still the answer for any position up to it.
    next: Option<usize>,
}

impl<'s, S> Vetoes<'s, S> {
    fn new(stretches: &'s [Stretch<S>]) -> Self {
        Self {
            stretches,
            cursor: 0,
            next: None,
        }
    }

    fn start(&self, index: usize) -> usize {
        index.checked_sub(1).map_or(0, |i| self.stretches[i].end)
    }
}

impl<S> Veto for Vetoes<'_, S> {
    #[inline]
    fn blocked(&mut self, pos: usize) -> bool {
        while self.cursor < self.stretches.len() && self.stretches[self.cursor].end <= pos {
            self.cursor += 1;
        }
        self.stretches.get(self.cursor).is_some_and(|s| {
            let start = self.start(self.cursor);
            (s.unbreakable && start < pos) || (s.keep_with_previous && start == pos)
        })
    }

    fn next_blocked(&mut self, from: usize) -> usize {
        if let Some(next) = self.next.filter(|&next| next >= from) {
            return next;
        }
        while self.cursor < self.stretches.len() && self.stretches[self.cursor].end <= from {
            self.cursor += 1;
        }
        let next = self
            .stretches
            .iter()
            .enumerate()
            .skip(self.cursor)
            .find_map(|(index, s)| {
                let start = self.start(index);
                let inside = (start + 1).max(from);
                if s.keep_with_previous && start >= from {
                    Some(start)
                } else if s.unbreakable && inside < s.end {
                    Some(inside)
                } else {
                    None
                }
            })
            .unwrap_or(usize::MAX);
        self.next = Some(next);
        next
    }
}

/// Buffers the line breaker reuses from one text to the next.
#[derive(Debug, Clone, Default)]
struct Scratch {
    /// The break opportunities of a stretch of text (see [`Opportunities`]).
    found: Vec<(usize, BreakOpportunity)>,
    /// The graphemes of a unit that must be cut (see [`Layout::force`]).
    graphemes: Vec<Grapheme>,
}

/// Wraps styled pieces: `first_width` columns for the first line, `rest_width` for the others.
/// Each output line is a list of runs (adjacent runs may share a style; empty runs are left
/// out). The same guarantees as [`wrap`] hold for the concatenated text.
pub fn wrap_pieces<S: Clone>(
    pieces: &[Piece<S>],
    first_width: usize,
    rest_width: usize,
) -> Vec<Vec<Run<S>>> {
    let mut text = StyledText::from_pieces(pieces);
    let mut lines = Vec::new();
    text.wrap(first_width, rest_width, &mut lines);
    lines
        .into_iter()
        .map(|line| {
            text.runs(line)
                .map(|(t, style)| Run {
                    text: t.to_string(),
                    style: style.clone(),
                })
                .collect()
        })
        .collect()
}

/// The width of the widest unit that cannot be broken (a Latin word, a CJK character with
/// the punctuation that may not be parted from it): the narrowest width at which the pieces
/// wrap without cutting a word.
pub fn min_unbroken_width<S: Clone>(pieces: &[Piece<S>]) -> usize {
    /// The widest unit's content.
    struct Widest(usize);
    impl Units for Widest {
        fn unit(&mut self, unit: &Unit, _text: &str, _scratch: &mut Vec<Grapheme>) {
            self.0 = self.0.max(unit.width);
        }

        fn ideographs(&mut self, _start: usize, count: usize) {
            if count > 0 {
                self.0 = self.0.max(2);
            }
        }
    }
    let mut text = StyledText::from_pieces(pieces);
    text.expand_tabs();
    let mut widest = Widest(0);
    let vetoes = Vetoes::new(&text.stretches);
    for_each_unit(
        &text.text,
        vetoes,
        &mut widest,
        &mut text.scratch,
        Tabs::Keep,
    );
    widest.0
}

/// One grapheme of a unit.
#[derive(Debug, Clone, Copy)]
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

    #[inline]
    fn simple(start: usize, c: char) -> Self {
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

/// A unit being gathered, graphemes between two breaks that are taken: what
/// [`Layout::place`] needs of it.
#[derive(Debug, Clone, Copy)]
struct Unit {
    /// Where its first grapheme starts.
    start: usize,
    /// Where its content ends: its last grapheme that is not a space or a line end.
    content_end: usize,
    /// Columns of the content (spaces inside it included).
    width: usize,
    /// Columns of the spaces after the content.
    trailing: usize,
    /// It holds something besides spaces and a line end.
    has_content: bool,
    /// It ends with a line end.
    newline: bool,
    /// It holds nothing yet.
    empty: bool,
}

impl Unit {
    const EMPTY: Self = Self {
        start: 0,
        content_end: 0,
        width: 0,
        trailing: 0,
        has_content: false,
        newline: false,
        empty: true,
    };

    #[inline]
    fn push(&mut self, g: &Grapheme) {
        if self.empty {
            self.start = g.start;
            self.empty = false;
        }
        if g.newline {
            self.newline = true;
        } else if g.space {
            self.trailing += g.width;
        } else {
            self.push_content(g.end, g.width);
        }
    }

    /// Adds graphemes that are neither spaces nor line ends, `width` columns, up to `end`.
    #[inline]
    fn push_content(&mut self, end: usize, width: usize) {
        self.width += self.trailing + width;
        self.trailing = 0;
        self.content_end = end;
        self.has_content = true;
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
    fn new(first_width: usize, rest_width: usize, lines: Vec<Range<usize>>) -> Self {
        Self {
            first_width,
            rest_width,
            lines,
            current: None,
        }
    }

    /// The lines, once every unit is placed.
    fn finish(mut self) -> Vec<Range<usize>> {
        self.flush(false);
        self.lines
    }

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

    /// `count` units of one ideograph each (three bytes, two columns), from byte `start`: as
    /// many [`Layout::place`] calls, a line at a time.
    fn place_ideographs(&mut self, mut start: usize, mut count: usize) {
        while count > 0 {
            let available = self.available();
            match &mut self.current {
                Some(c) if c.width + c.pending + 2 <= available => {
                    let fit = ((available - c.width - c.pending) / 2).min(count);
                    c.width += c.pending + 2 * fit;
                    c.pending = 0;
                    start += 3 * fit;
                    c.end = start;
                    count -= fit;
                }
                _ => {
                    // One ideograph wider than the line goes alone on it, as `force` would.
                    self.flush(false);
                    self.current = Some(Current {
                        start,
                        end: start + 3,
                        width: 2,
                        pending: 0,
                    });
                    start += 3;
                    count -= 1;
                }
            }
        }
    }

    /// Places one unbreakable unit: its content, then trailing spaces and perhaps a newline.
    /// `text` is what the unit's positions refer to; `scratch` holds its graphemes if it has
    /// to be cut.
    fn place(&mut self, unit: &Unit, text: &str, scratch: &mut Vec<Grapheme>) {
        let trailing = unit.trailing;
        if !unit.has_content {
            match &mut self.current {
                Some(c) => c.pending += trailing,
                None if trailing > 0 => {
                    self.current = Some(Current {
                        start: unit.start,
                        end: unit.start,
                        width: 0,
                        pending: trailing,
                    });
                }
                None => {}
            }
        } else {
            let (start, end, width) = (unit.start, unit.content_end, unit.width);
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
                        // The content starts and ends on grapheme boundaries, so it splits into
                        // the same graphemes alone as inside the text.
                        scratch.clear();
                        scratch.extend(FastGraphemes::new(&text[start..end]).records().map(|g| {
                            Grapheme {
                                start: g.start + start,
                                end: g.end + start,
                                ..g
                            }
                        }));
                        self.force(scratch);
                        if let Some(c) = &mut self.current {
                            c.pending = trailing;
                        }
                    }
                }
            }
        }
        if unit.newline {
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
            self.current = Some(current);
            if j < content.len() {
                self.flush(true);
            }
            i = j;
        }
    }
}

/// The core for plain text: byte ranges of `text`, one per line.
fn break_lines(text: &str, first_width: usize, rest_width: usize) -> Vec<Range<usize>> {
    let mut layout = Layout::new(first_width, rest_width, Vec::new());
    for_each_unit(text, Free, &mut layout, &mut Scratch::default(), Tabs::Keep);
    layout.finish()
}

/// The display width of `text` (see [`crate::text::display_width`], which is this), fast on
/// CJK text: single-character clusters are measured without the full segmentation.
pub(super) fn measure(text: &str) -> usize {
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
fn fast_width(g: &str) -> usize {
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
fn is_simple(c: char) -> bool {
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
struct FastGraphemes<'t> {
    text: &'t str,
    pos: usize,
    /// The clusters of a stretch being segmented the slow way, and where it ends.
    slow: Option<(unicode_segmentation::GraphemeIndices<'t>, usize, usize)>,
    /// The character at a position (its length, and whether it is simple), decoded ahead.
    ahead: Option<(usize, char, usize, bool)>,
}

impl<'t> FastGraphemes<'t> {
    fn new(text: &'t str) -> Self {
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
    fn records(mut self) -> impl Iterator<Item = Grapheme> + 't {
        std::iter::from_fn(move || self.next_record())
    }
}

/// Where a stretch that starts with a character that is not simple (or is followed by one)
/// can end: the first point after its first character between two simple characters, where
/// a grapheme boundary is certain whatever came before; else the end of `rest`.
fn certain_boundary(rest: &str) -> usize {
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

/// The character at byte `pos` of valid UTF-8 (a character boundary), and its length.
#[inline(always)]
fn char_at(bytes: &[u8], pos: usize) -> Option<(char, usize)> {
    let lead = *bytes.get(pos)?;
    let continuation = |i: usize| u32::from(bytes[pos + i] & 0x3f);
    let (code, len) = match lead {
        0..=0x7f => return Some((char::from(lead), 1)),
        0xc0..=0xdf => ((u32::from(lead & 0x1f) << 6) | continuation(1), 2),
        0xe0..=0xef => (
            (u32::from(lead & 0x0f) << 12) | (continuation(1) << 6) | continuation(2),
            3,
        ),
        _ => (
            (u32::from(lead & 0x07) << 18)
                | (continuation(1) << 12)
                | (continuation(2) << 6)
                | continuation(3),
            4,
        ),
    };
    Some((
        char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
        len,
    ))
}

/// The character that ends at byte `pos` of valid UTF-8 (a character boundary), and its
/// length.
#[inline]
fn char_before(bytes: &[u8], pos: usize) -> Option<(char, usize)> {
    let mut start = pos.checked_sub(1)?;
    while start > 0 && bytes[start] & 0xc0 == 0x80 {
        start -= 1;
    }
    char_at(bytes, start)
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

/// What [`for_each_unit`] hands its units to.
trait Units {
    /// A unit; `text` is what its positions refer to, `scratch` a buffer for its graphemes.
    fn unit(&mut self, unit: &Unit, text: &str, scratch: &mut Vec<Grapheme>);
    /// `count` units of one ideograph each (three bytes, two columns, nothing else), one after
    /// the other from byte `start`: the same as as many [`Units::unit`] calls, only quicker.
    fn ideographs(&mut self, start: usize, count: usize);
}

impl Units for Layout {
    #[inline]
    fn unit(&mut self, unit: &Unit, text: &str, scratch: &mut Vec<Grapheme>) {
        self.place(unit, text, scratch);
    }

    fn ideographs(&mut self, start: usize, count: usize) {
        self.place_ideographs(start, count);
    }
}

/// CJK ideographs of the two big blocks (Unified and Extension A): three bytes in UTF-8, two
/// columns, line break class ID, a grapheme of their own, in neither CJK rule set. Between two
/// of them UAX #14 always allows a break, and after one its state is always the same (the
/// tests check both against `unicode-linebreak`): text in between can be looked at alone.
fn is_ideograph(c: char) -> bool {
    let code = c as u32;
    // Two range checks without branches between them.
    (code.wrapping_sub(0x4e00) <= 0x9fff - 0x4e00) | (code.wrapping_sub(0x3400) <= 0x4dbf - 0x3400)
}

/// True when a character whose UTF-8 starts with bytes `lead`, `second` is an ideograph.
#[inline(always)]
fn is_ideograph_encoded(lead: u8, second: u8) -> bool {
    /// By lead byte, the second bytes (their low six bits) that make an ideograph:
    /// U+3400..=U+4DBF and U+4E00..=U+9FFF have lead bytes E3 to E9. A table rather than
    /// branches, as E4 (U+4000..U+4FFF) and E5 to E9 follow each other at random in Chinese.
    const SECONDS: [u64; 256] = {
        let mut table = [0; 256];
        table[0xe3] = !0 << 0x10; // E3 90 80 = U+3400
        table[0xe4] = !(1 << 0x37); // E4 B7 xx = U+4DC0..U+4DFF, the Yijing hexagrams
        let mut lead = 0xe5;
        while lead <= 0xe9 {
            table[lead] = !0;
            lead += 1;
        }
        table
    };
    SECONDS[usize::from(lead)] >> (second & 0x3f) & 1 != 0
}

/// How many ideographs follow one another from byte `from`, stopping before one that would
/// start at or after `limit`.
#[inline]
fn ideographs_from(bytes: &[u8], from: usize, limit: usize) -> usize {
    let end = bytes.len().min(limit.saturating_add(2));
    bytes
        .get(from..end)
        .unwrap_or_default()
        .chunks_exact(3)
        .take_while(|encoded| is_ideograph_encoded(encoded[0], encoded[1]))
        .count()
}

/// One character of each line break class, by class number (`BreakClass as usize`). There is
/// none for surrogates, which cannot occur in a `str`.
const CLASS_SAMPLES: [char; CLASSES] = [
    '\u{0b}',    // BK
    '\r',        // CR
    '\n',        // LF
    '\u{300}',   // CM
    '\u{85}',    // NL
    '\u{fffd}',  // SG: none, a placeholder
    '\u{2060}',  // WJ
    '\u{200b}',  // ZW
    '\u{a0}',    // GL
    ' ',         // SP
    '\u{200d}',  // ZWJ
    '\u{2014}',  // B2
    '\t',        // BA
    '\u{b4}',    // BB
    '-',         // HY
    '\u{fffc}',  // CB
    '}',         // CL
    ')',         // CP
    '!',         // EX
    '\u{2024}',  // IN
    '\u{17d6}',  // NS
    '(',         // OP
    '"',         // QU
    ',',         // IS
    '0',         // NU
    '%',         // PO
    '$',         // PR
    '/',         // SY
    '\u{a7}',    // AI
    '#',         // AL
    '\u{3041}',  // CJ
    '\u{261d}',  // EB
    '\u{1f3fb}', // EM
    '\u{ac00}',  // H2
    '\u{ac01}',  // H3
    '\u{5d0}',   // HL
    '\u{231a}',  // ID
    '\u{1100}',  // JL
    '\u{1160}',  // JV
    '\u{11a8}',  // JT
    '\u{1f1e6}', // RI
    '\u{e01}',   // SA
    '\u{378}',   // XX
];

/// Whether UAX #14 forgets the context before a character of this class: after one, breaks
/// go on the same whatever came before it. Only spaces, combining marks, joiners, hyphens,
/// break-after characters and regional indicators carry context over (they are the first
/// half of every pair `unicode-linebreak` marks unsafe to restart at; the tests check it).
fn forgets_context(class: BreakClass) -> bool {
    FORGETS_CONTEXT & (1 << class as u64) != 0
}

/// The classes after which UAX #14 may still look back (see [`forgets_context`]).
const CARRIES_CONTEXT: [BreakClass; 7] = [
    BreakClass::CombiningMark,
    BreakClass::Space,
    BreakClass::ZeroWidthJoiner,
    BreakClass::After,
    BreakClass::Hyphen,
    BreakClass::RegionalIndicator,
    BreakClass::Surrogate,
];

/// How many line break classes there are.
const CLASSES: usize = BreakClass::Unknown as usize + 1;

/// What the breaker needs to know of a character: its line break class, its width when it is
/// a cluster of its own, whether it is simple (see [`is_simple`]) and whether the CJK rules
/// keep it off the start or the end of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Info {
    class: u8,
    width: u8,
    simple: bool,
    no_start: bool,
    no_end: bool,
}

impl Info {
    /// What is known of `c`, ASCII from `table`.
    #[inline]
    fn from_table(table: &PairTable, c: char) -> Self {
        if is_ideograph(c) {
            return Self {
                class: BreakClass::Ideographic as u8,
                width: 2,
                simple: true,
                no_start: false,
                no_end: false,
            };
        }
        let code = c as usize;
        match code {
            0..0x80 => table.ascii[code],
            0x2000..0x2070 => table.punctuation[code - 0x2000],
            0x3000..0x3100 => table.cjk[code - 0x3000],
            0xff00..0xfff0 => table.fullwidth[code - 0xff00],
            _ => Self::look_up(c),
        }
    }

    fn look_up(c: char) -> Self {
        Self {
            class: break_property(u32::from(c)) as u8,
            width: Grapheme::simple(0, c).width as u8,
            simple: is_simple(c),
            no_start: is_no_start(c),
            no_end: is_no_end(c),
        }
    }
}

/// [`forgets_context`] as a mask of class numbers: every class but [`CARRIES_CONTEXT`].
const FORGETS_CONTEXT: u64 = {
    let mut mask = (1 << CLASSES) - 1;
    let mut i = 0;
    while i < CARRIES_CONTEXT.len() {
        mask &= !(1 << CARRIES_CONTEXT[i] as u64);
        i += 1;
    }
    mask
};

/// The line break class of `c`, ideographs without a lookup.
#[inline]
fn class_of(c: char) -> BreakClass {
    if is_ideograph(c) {
        BreakClass::Ideographic
    } else {
        break_property(u32::from(c))
    }
}

/// Opportunities that depend on two classes alone, found once with `unicode-linebreak`
/// between samples of the classes.
struct PairTable {
    /// Between a character of a class that forgets the context and the next character.
    pairs: [[Option<BreakOpportunity>; CLASSES]; CLASSES],
    /// Between the last of the spaces after such a character and the next character; the last
    /// row is for spaces at the start of the text.
    after_spaces: [[Option<BreakOpportunity>; CLASSES]; CLASSES + 1],
    /// [`Info`] of each ASCII character, of General Punctuation (U+2000..U+206F), of CJK
    /// punctuation and kana (U+3000..U+30FF) and of the fullwidth forms (U+FF00..U+FFEF).
    ascii: [Info; 0x80],
    punctuation: [Info; 0x70],
    cjk: [Info; 0x100],
    fullwidth: [Info; 0xf0],
}

/// The row of [`PairTable::after_spaces`] for spaces at the start of the text.
const START: usize = CLASSES;

fn pair_table() -> &'static PairTable {
    static TABLE: OnceLock<PairTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = PairTable {
            pairs: [[None; CLASSES]; CLASSES],
            after_spaces: [[None; CLASSES]; CLASSES + 1],
            ascii: [Info::look_up(' '); 0x80],
            punctuation: [Info::look_up(' '); 0x70],
            cjk: [Info::look_up(' '); 0x100],
            fullwidth: [Info::look_up(' '); 0xf0],
        };
        for (infos, first) in [
            (&mut table.ascii[..], 0),
            (&mut table.punctuation[..], 0x2000),
            (&mut table.cjk[..], 0x3000),
            (&mut table.fullwidth[..], 0xff00),
        ] {
            for (offset, info) in infos.iter_mut().enumerate() {
                let c = char::from_u32(first + offset as u32).expect("no surrogates here");
                *info = Info::look_up(c);
            }
        }
        let mut text = String::new();
        let mut find = |before: Option<char>, spaces: usize, after: char| {
            text.clear();
            text.extend(before);
            text.extend(std::iter::repeat_n(' ', spaces));
            let at = text.len();
            text.push(after);
            linebreaks(&text)
                .find(|&(p, _)| p == at)
                .map(|(_, kind)| kind)
        };
        for (r, &b) in CLASS_SAMPLES.iter().enumerate() {
            for (l, &a) in CLASS_SAMPLES.iter().enumerate() {
                table.pairs[l][r] = find(Some(a), 0, b);
                table.after_spaces[l][r] = find(Some(a), 1, b);
            }
            table.after_spaces[START][r] = find(None, 1, b);
        }
        table
    })
}

/// UAX #14 break opportunities, asked for at increasing positions. After a character that
/// forgets the context (nearly all do) the answer depends on the two characters alone: between
/// two ideographs it is known, else it comes from a table of class pairs. Elsewhere (after a
/// space, a hyphen, a combining mark…) `unicode-linebreak` runs over the few characters from
/// the last one that forgot the context.
struct Opportunities<'t, 'f> {
    text: &'t str,
    table: &'static PairTable,
    /// The opportunities of the stretch looked at last, by absolute position.
    found: &'f mut Vec<(usize, BreakOpportunity)>,
    next: usize,
    /// Where that stretch ends: positions before it are answered by `found`.
    until: usize,
}

impl<'t, 'f> Opportunities<'t, 'f> {
    fn new(text: &'t str, found: &'f mut Vec<(usize, BreakOpportunity)>) -> Self {
        found.clear();
        Self {
            text,
            table: pair_table(),
            found,
            next: 0,
            until: 0,
        }
    }

    /// The opportunity before byte `pos`, between the characters `left` and `right` there.
    #[inline]
    fn at(&mut self, pos: usize, left: char, right: char) -> Option<BreakOpportunity> {
        self.between(pos, left, class_of(left) as u8, class_of(right) as u8)
    }

    /// [`Opportunities::at`], the classes of the two characters known.
    #[inline(always)]
    fn between(
        &mut self,
        pos: usize,
        left: char,
        left_class: u8,
        right_class: u8,
    ) -> Option<BreakOpportunity> {
        if FORGETS_CONTEXT & (1 << left_class) != 0 {
            self.table.pairs[usize::from(left_class)][usize::from(right_class)]
        } else {
            self.after_context(pos, left, right_class)
        }
    }

    /// [`Opportunities::between`] after a character that carries context over.
    #[inline(never)]
    fn after_context(
        &mut self,
        pos: usize,
        left: char,
        right_class: u8,
    ) -> Option<BreakOpportunity> {
        if left == ' ' {
            if right_class == BreakClass::Space as u8 {
                // No break before a space (LB7).
                return None;
            }
            // After spaces, what counts is the character before them, if it forgets the
            // context (or the start of the text).
            let bytes = self.text.as_bytes();
            let mut start = pos - 1;
            while start > 0 && bytes[start - 1] == b' ' {
                start -= 1;
            }
            let row = match char_before(bytes, start) {
                None => Some(START),
                Some((c, _)) => {
                    let class = break_property(u32::from(c));
                    forgets_context(class).then_some(class as usize)
                }
            };
            if let Some(row) = row {
                return self.table.after_spaces[row][usize::from(right_class)];
            }
        }
        if pos >= self.until {
            self.look_around(pos);
        }
        while self.found.get(self.next).is_some_and(|&(p, _)| p < pos) {
            self.next += 1;
        }
        match self.found.get(self.next) {
            Some(&(p, kind)) if p == pos => Some(kind),
            _ => None,
        }
    }

    /// Finds the opportunities from the last character before `pos` that forgets the context
    /// (or the start) to the first one at or after it (or the end).
    fn look_around(&mut self, pos: usize) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut from = pos;
        while let Some((c, len)) = char_before(bytes, from) {
            from -= len;
            if forgets_context(break_property(u32::from(c))) {
                break;
            }
        }
        let mut to = pos;
        while let Some((c, len)) = char_at(bytes, to) {
            to += len;
            if forgets_context(break_property(u32::from(c))) {
                break;
            }
        }
        self.found.clear();
        self.next = 0;
        self.until = to;
        let at_end = to == bytes.len();
        self.found.extend(
            linebreaks(&text[from..to])
                .map(|(p, kind)| (from + p, kind))
                .filter(|&(p, _)| p < to || at_end),
        );
    }
}

/// Hands `sink` each unit of graphemes between two breaks that are taken: UAX #14
/// opportunities, less those the CJK rules or `veto` forbid. A unit ends with its trailing
/// spaces and, at a mandatory break, the line-end character.
fn for_each_unit(
    text: &str,
    veto: impl Veto,
    sink: &mut impl Units,
    scratch: &mut Scratch,
    tabs: Tabs,
) -> Finished {
    let mut units = UnitFinder {
        text,
        opportunities: Opportunities::new(text, &mut scratch.found),
        unit: Unit::EMPTY,
        veto,
        sink,
        graphemes: &mut scratch.graphemes,
        tabs,
    };
    units.run()
}

/// What [`for_each_unit`] does at a tab: take it as any other character (the caller expanded
/// the tabs, or does not care), or stop before anything depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tabs {
    Keep,
    Stop,
}

/// How [`for_each_unit`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Finished {
    AtEnd,
    /// At a tab, with [`Tabs::Stop`]: what the sink got is to be thrown away.
    AtTab,
}

/// The character at `pos`, which is known to be there, with what is known of it.
#[inline]
fn current_after(bytes: &[u8], pos: usize, table: &PairTable) -> (char, usize, Info) {
    let (c, len) = char_at(bytes, pos).expect("a run ends on a character");
    (c, len, Info::from_table(table, c))
}

/// The state of [`for_each_unit`].
struct UnitFinder<'t, 's, V, U> {
    text: &'t str,
    opportunities: Opportunities<'t, 's>,
    unit: Unit,
    veto: V,
    sink: &'s mut U,
    graphemes: &'s mut Vec<Grapheme>,
    tabs: Tabs,
}

impl<V: Veto, U: Units> UnitFinder<'_, '_, V, U> {
    fn run(&mut self) -> Finished {
        let text = self.text;
        let bytes = text.as_bytes();
        let table = pair_table();
        let read =
            |pos: usize| char_at(bytes, pos).map(|(c, len)| (c, len, Info::from_table(table, c)));
        let mut pos = 0;
        let mut current = read(0);
        while let Some((mut c, mut len, mut info)) = current {
            let mut next = read(pos + len);
            if !(info.simple && next.is_none_or(|(_, _, next)| next.simple)) {
                // Around other characters, the full segmentation, up to where a boundary is
                // certain.
                let end = pos + certain_boundary(&text[pos..]);
                if self.tabs == Tabs::Stop && text[pos..end].contains('\t') {
                    return Finished::AtTab;
                }
                for (at, cluster) in text[pos..end].grapheme_indices(true) {
                    let g = Grapheme::of(pos + at, cluster);
                    self.step(&g, char_at(bytes, g.end).map(|(n, _)| n));
                }
                pos = end;
                current = read(pos);
                continue;
            }
            // `c` is a cluster of its own. Quick ways through plain text first; each leaves
            // the last character of its run to the step below, or to the next round when it
            // is not followed by a simple character.
            let ideograph = |info: Info| info.class == BreakClass::Ideographic as u8;
            if self.unit.empty
                && ideograph(info)
                && is_ideograph(c)
                && next.is_some_and(|(n, _, _)| is_ideograph(n))
            {
                // Each ideograph followed by another is a unit of its own, unless the pieces
                // forbid the break after it.
                let limit = self.veto.next_blocked(pos + 3);
                let count = ideographs_from(bytes, pos + 3, limit);
                if count > 0 {
                    self.sink.ideographs(pos, count);
                    pos += 3 * count;
                    // The ideograph that ends the run.
                    (c, len, info) = current_after(bytes, pos, table);
                    next = read(pos + len);
                    if !next.is_none_or(|(_, _, next)| next.simple) {
                        current = Some((c, len, info));
                        continue;
                    }
                }
            } else if c.is_ascii_alphanumeric() {
                // Letters and digits hold together (LB23, LB25, LB28): each one followed by
                // another joins the unit, with no break to weigh.
                let run = bytes[pos..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                if run > 1 {
                    if self.unit.empty {
                        self.unit.start = pos;
                        self.unit.empty = false;
                    }
                    self.unit.push_content(pos + run - 1, run - 1);
                    pos += run - 1;
                    // The letter or digit that ends the run.
                    (c, len, info) = current_after(bytes, pos, table);
                    next = read(pos + len);
                    if !next.is_none_or(|(_, _, next)| next.simple) {
                        current = Some((c, len, info));
                        continue;
                    }
                }
            }
            // `step` for a simple character, what is known of it and of the next one reused.
            let end = pos + len;
            if self.unit.empty {
                self.unit.start = pos;
                self.unit.empty = false;
            }
            let newline = c == '\n';
            if newline {
                self.unit.newline = true;
            } else if c == ' ' {
                self.unit.trailing += 1;
            } else {
                self.unit.push_content(end, usize::from(info.width));
            }
            let take = match next {
                None => true,
                Some(_) if newline => true,
                Some((_, _, next)) => {
                    match self.opportunities.between(end, c, info.class, next.class) {
                        Some(BreakOpportunity::Mandatory) => true,
                        Some(BreakOpportunity::Allowed) => {
                            !info.no_end && !next.no_start && !self.veto.blocked(end)
                        }
                        None => false,
                    }
                }
            };
            if take {
                self.sink.unit(&self.unit, self.text, self.graphemes);
                self.unit = Unit::EMPTY;
            }
            pos = end;
            current = next;
        }
        Finished::AtEnd
    }

    /// Adds grapheme `g`, followed by a grapheme that starts with `next` (if any), to the
    /// unit, and hands the unit over when the break after `g` is taken.
    #[inline]
    fn step(&mut self, g: &Grapheme, next: Option<char>) {
        self.unit.push(g);
        let take = match next {
            None => true,
            Some(_) if g.newline => true,
            Some(next) => match self.opportunities.at(g.end, g.last, next) {
                Some(BreakOpportunity::Mandatory) => true,
                Some(BreakOpportunity::Allowed) => {
                    !is_no_end(g.last) && !is_no_start(next) && !self.veto.blocked(g.end)
                }
                None => false,
            },
        };
        if take {
            self.sink.unit(&self.unit, self.text, self.graphemes);
            self.unit = Unit::EMPTY;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::display_width;

    #[test]
    fn class_samples_are_of_their_class() {
        for (class, &c) in CLASS_SAMPLES.iter().enumerate() {
            if class != BreakClass::Surrogate as usize {
                assert_eq!(break_property(u32::from(c)) as usize, class, "{c:?}");
            }
        }
        assert_eq!(BreakClass::Unknown as usize + 1, CLASS_SAMPLES.len());
    }

    #[test]
    fn the_quick_tables_agree_with_the_slow_ones() {
        for (class, &c) in CLASS_SAMPLES.iter().enumerate() {
            let forgets = class != BreakClass::Surrogate as usize
                && forgets_context(break_property(u32::from(c)));
            assert_eq!(FORGETS_CONTEXT & (1 << class) != 0, forgets, "{c:?}");
        }
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let info = Info::from_table(pair_table(), c);
            assert_eq!(info, Info::look_up(c), "U+{:04X}", c as u32);
            assert_eq!(info.class, class_of(c) as u8);
            if info.simple {
                let alone = c.to_string();
                assert_eq!(usize::from(info.width), grapheme_width(&alone), "{c:?}");
            }
        }
    }

    #[test]
    fn ascii_letters_and_digits_hold_together() {
        for a in (b'0'..=b'z')
            .map(char::from)
            .filter(char::is_ascii_alphanumeric)
        {
            for b in (b'0'..=b'z')
                .map(char::from)
                .filter(char::is_ascii_alphanumeric)
            {
                let class = break_property(u32::from(a));
                assert!(forgets_context(class));
                let right = break_property(u32::from(b)) as usize;
                assert_eq!(pair_table().pairs[class as usize][right], None, "{a}{b}");
            }
        }
    }

    #[test]
    fn ideographs_are_what_the_quick_paths_assume() {
        let mut buf = [0; 4];
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let encoded = c.encode_utf8(&mut buf).as_bytes();
            let second = encoded.get(1).copied().unwrap_or(0);
            let quick = is_ideograph_encoded(encoded[0], second);
            assert_eq!(quick, is_ideograph(c), "U+{:04X}", c as u32);
            let ranges = matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}');
            assert_eq!(is_ideograph(c), ranges, "U+{:04X}", c as u32);
            if is_ideograph(c) {
                assert_eq!(break_property(c as u32), BreakClass::Ideographic);
                assert!(forgets_context(BreakClass::Ideographic));
                assert_eq!(unicode_width::UnicodeWidthChar::width(c), Some(2));
                assert!(is_simple(c) && !is_no_start(c) && !is_no_end(c));
                assert_eq!(encoded.len(), 3);
            }
        }
    }

    /// One character of every line-break class that text can hold (no surrogates).
    fn class_samples() -> Vec<char> {
        CLASS_SAMPLES
            .iter()
            .enumerate()
            .filter(|&(class, _)| class != BreakClass::Surrogate as usize)
            .map(|(_, &c)| c)
            .collect()
    }

    /// Whether UAX #14 forgets what came before `c` (as `unicode-linebreak` classes it).
    fn forgets(c: char) -> bool {
        forgets_context(break_property(u32::from(c)))
    }

    /// The claim the quick paths rest on: after a character of a class that forgets the
    /// context, UAX #14 goes on the same whatever came before it. Checked against
    /// `unicode-linebreak` for every class before and after, two deep. (Two characters where
    /// the first forgets the context are one deep: the claim, applied to it, covers them.)
    #[test]
    fn uax14_forgets_the_context_where_assumed() {
        let samples = class_samples();
        let mut pairs = vec![String::new()];
        for &a in &samples {
            pairs.push(a.to_string());
            for &b in samples.iter().filter(|&&b| !forgets(b)) {
                pairs.push(format!("{a}{b}"));
            }
        }
        let mut text = String::new();
        let mut got = Vec::new();
        let mut expected = Vec::new();
        for &k in samples.iter().filter(|&&k| forgets(k)) {
            for after in &pairs[1..] {
                text.clear();
                text.push(k);
                text.push_str(after);
                let skip = k.len_utf8();
                expected.clear();
                expected.extend(linebreaks(&text).filter(|&(p, _)| p >= skip));
                for before in &pairs {
                    text.clear();
                    text.push_str(before);
                    text.push(k);
                    text.push_str(after);
                    let from = before.len();
                    got.clear();
                    got.extend(
                        linebreaks(&text)
                            .filter(|&(p, _)| p >= from + skip)
                            .map(|(p, kind)| (p - from, kind)),
                    );
                    assert_eq!(got, expected, "{text:?}");
                }
            }
        }
    }

    /// After spaces, UAX #14 goes on the same whatever their number and whatever came before
    /// the character ahead of them, when it forgets the context; there is never a break
    /// between two spaces.
    #[test]
    fn spaces_keep_only_the_character_before_them() {
        let samples = class_samples();
        let table = pair_table();
        let mut befores: Vec<String> = vec![String::new()];
        for &k in samples.iter().filter(|&&k| forgets(k)) {
            befores.push(k.to_string());
            befores.extend(samples.iter().map(|c| format!("{c}{k}")));
        }
        for before in &befores {
            let row = before
                .chars()
                .next_back()
                .map_or(START, |k| break_property(u32::from(k)) as usize);
            for spaces in 1..=3 {
                for &x in &samples {
                    let text = format!("{before}{}{x}", " ".repeat(spaces));
                    let after = text.len() - x.len_utf8();
                    let found: Vec<_> = linebreaks(&text)
                        .filter(|&(p, _)| p > before.len() && p <= after)
                        .collect();
                    let expected = table.after_spaces[row][break_property(u32::from(x)) as usize];
                    assert_eq!(
                        found,
                        Vec::from_iter(expected.map(|k| (after, k))),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn opportunities_match_unicode_linebreak() {
        let tokens = [
            "中",
            "文",
            "，",
            "。",
            "“",
            "”",
            "（",
            "）",
            "、",
            "a",
            "Rust",
            " ",
            "  ",
            "\n",
            "1",
            "2.5",
            "%",
            "$",
            "-",
            "/",
            "(",
            ")",
            "\u{a0}",
            "\u{301}",
            "\u{200d}",
            "👩",
            "🇯",
            "ー",
            "ッ",
            "か",
            "\u{3000}",
            "…",
            "—",
            "\u{200b}",
            "\u{2060}",
            "\"",
            "'",
            "!",
            "?",
            "한",
            "\r",
            "\t",
            "e\u{301}",
            "\u{5d0}",
            "\u{e01}",
            "\u{1f3fb}",
            "\u{261d}",
        ];
        let samples: Vec<String> = CLASS_SAMPLES.iter().map(char::to_string).collect();
        // A fixed pseudo-random walk over the tokens, and over one character of each class.
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..20_000 {
            let pool: Vec<&str> = if round % 2 == 0 {
                tokens.to_vec()
            } else {
                samples.iter().map(String::as_str).collect()
            };
            let mut text = String::new();
            for _ in 0..(next() % 16) {
                text.push_str(pool[(next() % pool.len() as u64) as usize]);
            }
            let expected: Vec<_> = linebreaks(&text).filter(|&(p, _)| p < text.len()).collect();
            let mut found = Vec::new();
            let mut opportunities = Opportunities::new(&text, &mut found);
            let bytes = text.as_bytes();
            let got: Vec<_> = (1..text.len())
                .filter(|&p| text.is_char_boundary(p))
                .filter_map(|p| {
                    let (left, _) = char_before(bytes, p).unwrap();
                    let (right, _) = char_at(bytes, p).unwrap();
                    opportunities.at(p, left, right).map(|k| (p, k))
                })
                .collect();
            assert_eq!(got, expected, "{text:?}");
        }
    }

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
    fn tabs_in_pieces_expand_as_in_the_joined_text() {
        for text in [
            "ab\tc 中文字\t\tx",
            "一二三四五\t六七八九十\n\t十一",
            "\tlead",
            "a\u{301}\tb",
        ] {
            let middle = (text.len() / 2..).find(|&i| text.is_char_boundary(i));
            let (head, tail) = text.split_at(middle.unwrap_or(0));
            let pieces = [Piece::new(head, 0), Piece::new(tail, 1)];
            for width in [3, 5, 8, 13] {
                let styled: Vec<String> = wrap_pieces(&pieces, width, width)
                    .into_iter()
                    .map(|line| line.into_iter().map(|r| r.text).collect())
                    .collect();
                assert_eq!(styled, wrap(text, width), "{text:?} at {width}");
            }
        }
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
            "┌─┬─┐│▀▟\u{301}─",
        ] {
            let fast: Vec<(usize, &str)> = FastGraphemes::new(text).collect();
            let full: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
            assert_eq!(fast, full, "{text:?}");
            assert_eq!(measure(text), display_width(text), "{text:?}");
        }
    }

    #[test]
    fn simple_characters_are_clusters_of_their_own() {
        for c in (0..0x1_0000)
            .filter_map(char::from_u32)
            .filter(|&c| is_simple(c))
        {
            for text in [format!("{c}{c}"), format!("a{c}中"), format!("中{c}a")] {
                let clusters: Vec<&str> = text.graphemes(true).collect();
                assert_eq!(clusters.len(), text.chars().count(), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn measure_takes_each_cluster_whole() {
        let some = (0..0x3100).chain(0x4dc0..0x4e10).chain(0xfe00..0x1_0000);
        for c in some.chain(0x1_f300..0x1_f700).filter_map(char::from_u32) {
            for text in [
                format!("{c}中a{c}"),
                format!("{c}\u{301}"),
                format!("中{c}"),
            ] {
                let clusters: usize = text.graphemes(true).map(grapheme_width).sum();
                assert_eq!(measure(&text), clusters, "U+{:04X}", c as u32);
            }
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
