//! Display width over grapheme clusters, and cutting or padding text to a width.
//!
//! Widths use `unicode-width` on whole grapheme clusters, the same measure ratatui uses when it
//! draws, so a string measured here occupies exactly that many cells on screen. Strings are
//! never sliced by byte index or by `char`; a wide character is never cut in half.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The ellipsis put at the end of truncated text.
pub const ELLIPSIS: &str = "…";

/// Columns the text occupies on a terminal: the sum of [`grapheme_width`] over its clusters,
/// worked out by the line breaker's measure, which skips segmentation where it cannot matter.
pub fn display_width(text: &str) -> usize {
    super::linebreak::measure(text)
}

/// Columns one grapheme cluster occupies. A control character occupies none (unicode-width
/// counts one inside a string; sanitised text has none but line ends anyway).
pub fn grapheme_width(grapheme: &str) -> usize {
    if grapheme.starts_with(char::is_control) {
        0
    } else {
        grapheme.width()
    }
}

/// Cuts `text` to at most `max_width` columns, ending with `…` when anything was cut. A wide
/// character that would straddle the limit is left out whole.
pub fn truncate_to_width(text: &str, max_width: usize) -> String {
    // No grapheme is wider than it is long in UTF-8 (ASCII is one column at most, anything
    // else two at most), so short text fits without measuring.
    if text.len() <= max_width || display_width(text) <= max_width {
        return text.to_string();
    }
    if max_width == 0 {
        return String::new();
    }
    let budget = max_width - 1; // the ellipsis is one column wide
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > budget {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push_str(ELLIPSIS);
    out
}

/// `text` truncated to `width` and padded with spaces to exactly `width` columns.
pub fn pad_to_width(text: &str, width: usize) -> String {
    let mut out = truncate_to_width(text, width);
    let used = display_width(&out);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_and_emoji_are_two_columns() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("中文"), 4);
        assert_eq!(display_width("「日本」"), 8);
        assert_eq!(display_width("👩‍💻"), 2);
        assert_eq!(display_width("e\u{301}"), 1);
    }

    #[test]
    fn truncation_never_splits_a_wide_character() {
        assert_eq!(truncate_to_width("中文标题很长", 7), "中文标…");
        assert_eq!(truncate_to_width("中文标题很长", 6), "中文…");
        assert_eq!(truncate_to_width("short", 10), "short");
        assert_eq!(truncate_to_width("abcdef", 1), "…");
        assert_eq!(truncate_to_width("abcdef", 0), "");
    }

    #[test]
    fn padding_reaches_the_exact_width() {
        assert_eq!(pad_to_width("中", 5), "中   ");
        assert_eq!(display_width(&pad_to_width("中文标题很长", 7)), 7);
    }
}
