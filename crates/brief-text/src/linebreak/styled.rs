//! Styled text: pieces or stretches of one string with a style each, wrapped as one text, the
//! pieces' flags turned into breaks the breaker may not take ([`Vetoes`]), and each line read
//! back as styled runs. Generic over the caller's style type.
//!
//! Knows nothing of terminals or of the caller's styles.

use super::fit::Layout;
use super::graphemes::Grapheme;
use super::push_expanded;
use super::units::{Finished, Scratch, Tabs, Unit, Units, Veto, for_each_unit};
use std::ops::Range;

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
pub(super) struct Stretch<S> {
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
    /// cleared first). The same guarantees as [`wrap`](super::wrap) hold.
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

/// The veto the stretches' flags ask for: no break inside an unbreakable stretch, nor at the
/// start of a glued one.
pub(super) struct Vetoes<'s, S> {
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

/// Wraps styled pieces: `first_width` columns for the first line, `rest_width` for the others.
/// Each output line is a list of runs (adjacent runs may share a style; empty runs are left
/// out). The same guarantees as [`wrap`](super::wrap) hold for the concatenated text.
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
