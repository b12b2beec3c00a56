//! Emoji sequences rewritten to text that every terminal draws at the width brief lays out.
//!
//! unicode-width, which ratatui and brief measure with, gives `❤️` (a heart with variation
//! selector 16), `👍🏽` (with a skin tone) and `1️⃣` (a keycap) two columns. tmux 3.3 draws
//! them in one, four and one; other terminals differ again on flags and `‍` (zero-width
//! joiner) sequences. When a terminal's width differs from the layout's, the rest of the row
//! shifts and cells ratatui believes unchanged are left garbled. So, before a frame goes to
//! the terminal, such a cluster keeps only its first emoji without joiners, tones, selectors
//! or tags; a flag becomes its two letters (`🇯🇵` → `JP`); and spaces pad the result to the
//! width the layout gave the cluster.
//!
//! This module must not depend on ratatui or crossterm: it maps text to text.

use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

const ZERO_WIDTH_JOINER: char = '\u{200D}';

/// `grapheme` as text whose width no terminal disputes, exactly as wide as unicode-width
/// measures `grapheme`. Most clusters come back unchanged, without copying.
pub fn steady_grapheme(grapheme: &str) -> Cow<'_, str> {
    // Letters, CJK and most symbols: every cluster that needs steadying is longer.
    if grapheme.len() <= 3 {
        return Cow::Borrowed(grapheme);
    }
    let mut chars = grapheme.chars();
    let Some(first) = chars.next() else {
        return Cow::Borrowed(grapheme);
    };
    let lone = chars.next().is_none();
    if (lone && !is_regional_indicator(first))
        || !grapheme
            .chars()
            .any(|c| is_regional_indicator(c) || c == ZERO_WIDTH_JOINER || is_decoration(c))
    {
        return Cow::Borrowed(grapheme);
    }
    let width = grapheme.width();
    let mut steady: String = if is_regional_indicator(first) {
        grapheme
            .chars()
            .filter_map(regional_indicator_letter)
            .collect()
    } else {
        grapheme
            .chars()
            .take_while(|&c| c != ZERO_WIDTH_JOINER)
            .filter(|&c| !is_decoration(c))
            .collect()
    };
    if steady.width() > width {
        steady.clear();
    }
    let padding = width - steady.width();
    steady.extend(std::iter::repeat_n(' ', padding));
    Cow::Owned(steady)
}

/// `text` with every grapheme cluster made steady by [`steady_grapheme`]: for text written
/// straight to a terminal, outside ratatui.
pub fn steady_text(text: &str) -> Cow<'_, str> {
    use unicode_segmentation::UnicodeSegmentation;
    if text.is_ascii()
        || !text
            .graphemes(true)
            .any(|g| matches!(steady_grapheme(g), Cow::Owned(_)))
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.graphemes(true).map(steady_grapheme).collect())
}

/// One of the 26 letters that pair up into flags.
fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

fn regional_indicator_letter(c: char) -> Option<char> {
    let offset = u32::from(c).checked_sub(0x1F1E6)?;
    char::from_u32(u32::from('A') + offset).filter(char::is_ascii_uppercase)
}

/// Marks that change how the emoji before them is drawn: variation selectors, the keycap,
/// skin tones and the tag characters of subdivision flags.
fn is_decoration(c: char) -> bool {
    matches!(
        c,
        '\u{FE0E}' | '\u{FE0F}' | '\u{20E3}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_keep_their_first_emoji_at_the_laid_out_width() {
        for (cluster, shown) in [
            ("👩\u{200D}💻", "👩"),
            ("👨\u{200D}👩\u{200D}👧", "👨"),
            ("👍🏽", "👍"),
            ("❤\u{FE0F}", "❤ "),
            ("⚠\u{FE0F}", "⚠ "),
            ("1\u{FE0F}\u{20E3}", "1 "),
            (
                "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
                "🏴",
            ),
            ("🇯🇵", "JP"),
            ("🇯", "J"),
        ] {
            let steady = steady_grapheme(cluster);
            assert_eq!(steady, shown, "{cluster:?}");
            assert_eq!(steady.width(), cluster.width(), "{cluster:?}");
        }
    }

    #[test]
    fn text_keeps_its_width_and_plain_text_is_not_copied() {
        let text = "第1\u{FE0F}\u{20E3}名 🇯🇵 a\u{301}";
        assert_eq!(steady_text(text), "第1 名 JP a\u{301}");
        assert_eq!(steady_text(text).width(), text.width());
        assert!(matches!(steady_text("中文 text"), Cow::Borrowed(_)));
    }

    #[test]
    fn everything_else_is_left_alone() {
        for cluster in ["a", "中", "한", "é", "e\u{301}", "🦀", "…", " ", ""] {
            assert!(
                matches!(steady_grapheme(cluster), Cow::Borrowed(s) if s == cluster),
                "{cluster:?}"
            );
        }
    }
}
