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
//! - Every line is at most `width` columns (measured by [`crate::width`] over grapheme
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
//! The work goes in stages, one file each (as textwrap keeps break opportunities, fitting and
//! fragments apart):
//!
//! - `utf8`, `graphemes`, `ideograph`: reading characters and grapheme clusters, fast on
//!   plain and CJK text;
//! - `pair_table`, `opportunities`: where UAX #14 allows a break;
//! - `rules`: the CJK rules and `rules::break_taken`, the one place that decides whether a
//!   break opportunity is taken;
//! - `units`: the text cut into units between the breaks taken;
//! - `fit`: units placed on lines of the width (first fit), a unit wider than a line cut;
//! - `styled`: styled pieces and runs, and the breaks their flags forbid.
//!
//! This module knows nothing of posts, Markdown or terminals. Styled text goes through
//! [`wrap_pieces`] or, without a `String` per piece, [`StyledText`]; both are generic over
//! the caller's style type.

mod fit;
mod graphemes;
mod ideograph;
mod opportunities;
mod pair_table;
mod rules;
mod styled;
#[cfg(test)]
mod tests;
mod units;
mod utf8;

pub(super) use graphemes::measure;
pub use rules::{is_no_end, is_no_start};
pub use styled::{Piece, Run, StyledText, min_unbroken_width, wrap_pieces};

use crate::width::grapheme_width;
use fit::Layout;
use graphemes::is_newline;
use std::borrow::Cow;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use units::{Free, Scratch, Tabs, for_each_unit};

/// Columns between tab stops.
pub const TAB_WIDTH: usize = 4;

/// Wraps plain text to `width` columns. See the module docs for the guarantees.
///
/// ```
/// use brief_text::linebreak::wrap;
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
/// use brief_text::linebreak::wrap_with_prefix;
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

/// The core for plain text: byte ranges of `text`, one per line.
fn break_lines(text: &str, first_width: usize, rest_width: usize) -> Vec<Range<usize>> {
    let mut layout = Layout::new(first_width, rest_width, Vec::new());
    for_each_unit(text, Free, &mut layout, &mut Scratch::default(), Tabs::Keep);
    layout.finish()
}
