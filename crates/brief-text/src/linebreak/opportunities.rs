//! UAX #14 break opportunities at increasing positions of a text: from the pair table after
//! characters that forget the context, from `unicode-linebreak` over a short stretch elsewhere.
//!
//! Says where a break may be; whether it is taken is for [`super::rules::break_taken`].

use super::pair_table::{FORGETS_CONTEXT, PairTable, START, class_of, forgets_context, pair_table};
use super::utf8::{char_at, char_before};
use unicode_linebreak::{BreakClass, BreakOpportunity, break_property, linebreaks};

/// UAX #14 break opportunities, asked for at increasing positions. After a character that
/// forgets the context (nearly all do) the answer depends on the two characters alone: between
/// two ideographs it is known, else it comes from a table of class pairs. Elsewhere (after a
/// space, a hyphen, a combining mark…) `unicode-linebreak` runs over the few characters from
/// the last one that forgot the context.
pub(super) struct Opportunities<'t, 'f> {
    text: &'t str,
    table: &'static PairTable,
    /// The opportunities of the stretch looked at last, by absolute position.
    found: &'f mut Vec<(usize, BreakOpportunity)>,
    next: usize,
    /// Where that stretch ends: positions before it are answered by `found`.
    until: usize,
}

impl<'t, 'f> Opportunities<'t, 'f> {
    pub(super) fn new(text: &'t str, found: &'f mut Vec<(usize, BreakOpportunity)>) -> Self {
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
    pub(super) fn at(&mut self, pos: usize, left: char, right: char) -> Option<BreakOpportunity> {
        self.between(pos, left, class_of(left) as u8, class_of(right) as u8)
    }

    /// [`Opportunities::at`], the classes of the two characters known.
    #[inline(always)]
    pub(super) fn between(
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
