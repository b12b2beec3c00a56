//! Fitting units into lines, first fit: the line being filled, the fast placing of runs of
//! ideographs, and cutting a unit wider than a whole line between graphemes.
//!
//! Knows nothing of break opportunities: it gets units already cut.

use super::graphemes::{FastGraphemes, Grapheme};
use super::rules::cjk_forbids;
use super::units::{Unit, Units};
use std::ops::Range;

/// The line being filled.
#[derive(Clone, Copy)]
pub(super) struct Current {
    start: usize,
    /// End of the last non-space content.
    end: usize,
    /// Width up to `end`.
    width: usize,
    /// Width of the spaces after `end`, which count only if more content follows.
    pending: usize,
}

pub(super) struct Layout {
    first_width: usize,
    rest_width: usize,
    pub(super) lines: Vec<Range<usize>>,
    current: Option<Current>,
}

impl Layout {
    pub(super) fn new(first_width: usize, rest_width: usize, lines: Vec<Range<usize>>) -> Self {
        Self {
            first_width,
            rest_width,
            lines,
            current: None,
        }
    }

    /// The lines, once every unit is placed.
    pub(super) fn finish(mut self) -> Vec<Range<usize>> {
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
                let bad = |k: usize| cjk_forbids(&content[k - 1].last, &content[k].first);
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

impl Units for Layout {
    #[inline]
    fn unit(&mut self, unit: &Unit, text: &str, scratch: &mut Vec<Grapheme>) {
        self.place(unit, text, scratch);
    }

    fn ideographs(&mut self, start: usize, count: usize) {
        self.place_ideographs(start, count);
    }
}
