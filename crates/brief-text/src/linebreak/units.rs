//! Cutting a text into units, the graphemes between two breaks that are taken, and handing
//! each to a sink ([`Units`]): the layout that fits them into lines, or a measure of the
//! widest. Fast paths for runs of ideographs and of ASCII letters and digits.
//!
//! Knows nothing of widths of lines or of styles: breaks a caller forbids come in as a
//! [`Veto`].

use super::graphemes::{Grapheme, certain_boundary};
use super::ideograph::{ideographs_from, is_ideograph};
use super::opportunities::Opportunities;
use super::pair_table::{Info, PairTable, pair_table};
use super::rules::break_taken;
use super::utf8::char_at;
use unicode_linebreak::{BreakClass, BreakOpportunity};
use unicode_segmentation::UnicodeSegmentation;

/// Where the break opportunities may not be taken, asked for at increasing positions.
pub(super) trait Veto {
    /// Whether the break before byte `pos` is forbidden.
    fn blocked(&mut self, pos: usize) -> bool;
    /// The first position at or after `from` whose break is forbidden (`usize::MAX` if none).
    fn next_blocked(&mut self, from: usize) -> usize;
}

/// No veto: plain text.
pub(super) struct Free;

impl Veto for Free {
    fn blocked(&mut self, _pos: usize) -> bool {
        false
    }

    fn next_blocked(&mut self, _from: usize) -> usize {
        usize::MAX
    }
}

/// Buffers the line breaker reuses from one text to the next.
#[derive(Debug, Clone, Default)]
pub(super) struct Scratch {
    /// The break opportunities of a stretch of text (see [`Opportunities`]).
    found: Vec<(usize, BreakOpportunity)>,
    /// The graphemes of a unit that must be cut (see [`Layout::force`](super::fit::Layout::force)).
    graphemes: Vec<Grapheme>,
}

/// A unit being gathered, graphemes between two breaks that are taken: what
/// [`Layout::place`](super::fit::Layout::place) needs of it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Unit {
    /// Where its first grapheme starts.
    pub(super) start: usize,
    /// Where its content ends: its last grapheme that is not a space or a line end.
    pub(super) content_end: usize,
    /// Columns of the content (spaces inside it included).
    pub(super) width: usize,
    /// Columns of the spaces after the content.
    pub(super) trailing: usize,
    /// It holds something besides spaces and a line end.
    pub(super) has_content: bool,
    /// It ends with a line end.
    pub(super) newline: bool,
    /// It holds nothing yet.
    pub(super) empty: bool,
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
    pub(super) fn push_content(&mut self, end: usize, width: usize) {
        self.width += self.trailing + width;
        self.trailing = 0;
        self.content_end = end;
        self.has_content = true;
    }
}

/// What [`for_each_unit`] hands its units to.
pub(super) trait Units {
    /// A unit; `text` is what its positions refer to, `scratch` a buffer for its graphemes.
    fn unit(&mut self, unit: &Unit, text: &str, scratch: &mut Vec<Grapheme>);
    /// `count` units of one ideograph each (three bytes, two columns, nothing else), one after
    /// the other from byte `start`: the same as as many [`Units::unit`] calls, only quicker.
    fn ideographs(&mut self, start: usize, count: usize);
}

/// Hands `sink` each unit of graphemes between two breaks that are taken: UAX #14
/// opportunities, less those the CJK rules or `veto` forbid. A unit ends with its trailing
/// spaces and, at a mandatory break, the line-end character.
pub(super) fn for_each_unit(
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
pub(super) enum Tabs {
    Keep,
    Stop,
}

/// How [`for_each_unit`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Finished {
    AtEnd,
    /// At a tab, with [`Tabs::Stop`]: what the sink got is to be thrown away.
    AtTab,
}

/// The character at `pos`, which is known to be there, with what is known of it.
#[inline]
pub(super) fn current_after(bytes: &[u8], pos: usize, table: &PairTable) -> (char, usize, Info) {
    let (c, len) = char_at(bytes, pos).expect("a run ends on a character");
    (c, len, Info::from_table(table, c))
}

/// The state of [`for_each_unit`].
pub(super) struct UnitFinder<'t, 's, V, U> {
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
                Some((_, _, next)) => break_taken(
                    self.opportunities.between(end, c, info.class, next.class),
                    &info,
                    &next,
                    || self.veto.blocked(end),
                ),
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
            Some(next) => break_taken(
                self.opportunities.at(g.end, g.last, next),
                &g.last,
                &next,
                || self.veto.blocked(g.end),
            ),
        };
        if take {
            self.sink.unit(&self.unit, self.text, self.graphemes);
            self.unit = Unit::EMPTY;
        }
    }
}
