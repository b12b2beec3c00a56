//! Properties of line breaking over random mixes of Chinese, Japanese, Latin, digits, emoji
//! (ZWJ sequences, VS16, skin tones, flags), combining marks, no-break spaces and punctuation.

use brief_text::display_width;
use brief_text::linebreak::{Piece, is_no_end, is_no_start, wrap, wrap_pieces};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

const TOKENS: &[&str] = &[
    "中",
    "文",
    "字",
    "的",
    "新闻",
    "科技",
    "投资",
    "美国",
    "日本",
    "経済",
    "ひらがな",
    "カタカナ",
    "ちょっと",
    "コーヒー",
    "ゃ",
    "ッ",
    "ー",
    "々",
    "hello",
    "world",
    "a",
    "Rust",
    "supercalifragilisticexpialidocious",
    "DeepSeek",
    "2025",
    "1,000",
    "3.14",
    "👩‍💻",
    "❤️",
    "👍🏽",
    "🇯🇵",
    "e\u{301}",
    "a\u{308}\u{301}",
    "\u{a0}",
    "\u{202f}",
    "，",
    "。",
    "、",
    "！",
    "？",
    "：",
    "；",
    "「",
    "」",
    "（",
    "）",
    "“",
    "”",
    "…",
    ",",
    ".",
    "!",
    "(",
    ")",
    "-",
    "/",
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\u{3000}",
];

fn mixed_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..60).prop_map(|t| t.concat())
}

/// Whitespace a line break may swallow.
fn is_break_space(c: char) -> bool {
    c == ' ' || c == '\n'
}

/// Checks the lines against the input: each line is the next stretch of the input, after
/// break spaces; every line edge is a grapheme boundary; nothing but break spaces is left.
fn assert_lossless(input: &str, lines: &[String]) {
    let boundaries: std::collections::HashSet<usize> = input
        .grapheme_indices(true)
        .map(|(i, _)| i)
        .chain(std::iter::once(input.len()))
        .collect();
    let mut pos = 0;
    for (n, line) in lines.iter().enumerate() {
        let run = input[pos..].len() - input[pos..].trim_start_matches(is_break_space).len();
        let spaces = &input[pos..pos + run];
        if line.is_empty() {
            // An empty line (before a line feed) takes nothing; the spaces belong to the next.
        } else if line.starts_with(' ') {
            // Leading spaces are kept only at the start of the text or after a line feed.
            pos += spaces.rfind('\n').map_or(0, |i| i + 1);
        } else {
            pos += run;
        }
        assert!(
            input[pos..].starts_with(line.as_str()),
            "line {n} {line:?} not at {pos} of {input:?}"
        );
        assert!(
            boundaries.contains(&pos),
            "line {n} starts inside a grapheme"
        );
        pos += line.len();
        assert!(boundaries.contains(&pos), "line {n} ends inside a grapheme");
    }
    assert!(
        input[pos..].chars().all(is_break_space),
        "lost {:?} of {input:?}",
        &input[pos..]
    );
}

#[test]
fn a_leading_line_feed_keeps_the_next_lines_indent() {
    // Found by the property below: an empty first line must not take the next line's indent.
    let text = "\n 中";
    assert_lossless(text, &wrap(text, 3));
    assert_lossless(text, &wrap(text, 2));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn lines_fit_and_nothing_is_lost(text in mixed_text(), width in 1usize..50) {
        let lines = wrap(&text, width);
        for line in &lines {
            let w = display_width(line);
            prop_assert!(w <= width || line.graphemes(true).count() == 1, "{line:?} is {w} wide at {width}");
            prop_assert!(!line.ends_with(' ') || line.trim().is_empty() , "trailing space in {line:?}");
        }
        assert_lossless(&text, &lines);
    }

    #[test]
    fn styled_pieces_give_the_same_lines(parts in prop::collection::vec(mixed_text(), 1..5), width in 2usize..40) {
        let pieces: Vec<Piece<usize>> = parts.iter().enumerate().map(|(i, p)| Piece::new(p.as_str(), i)).collect();
        let joined: String = parts.concat();
        let styled: Vec<String> = wrap_pieces(&pieces, width, width)
            .into_iter()
            .map(|line| line.into_iter().map(|r| r.text).collect())
            .collect();
        prop_assert_eq!(styled, wrap(&joined, width));
    }
}

/// Text where no unbreakable stretch is wider than 16 columns, so the CJK rules can always
/// be kept: words and CJK runs, each with at most one bracket before and one mark after.
fn well_formed_text() -> impl Strategy<Value = String> {
    let core = prop::sample::select(
        &[
            "中文",
            "新闻",
            "投資",
            "ひらがな",
            "コーヒー",
            "ちょっと",
            "hello",
            "Rust",
            "2025",
            "👩‍💻",
            "e\u{301}t\u{301}e\u{301}",
        ][..],
    );
    let open = prop::sample::select(&["", "", "", "「", "（", "『", "【"][..]);
    let close = prop::sample::select(
        &[
            "", "", "", "，", "。", "、", "！", "？", "」", "）", "…", "ー", "ッ",
        ][..],
    );
    let gap = prop::sample::select(&["", "", " "][..]);
    prop::collection::vec((open, core, close, gap), 1..40).prop_map(|tokens| {
        tokens
            .into_iter()
            .map(|(o, c, e, g)| format!("{o}{c}{e}{g}"))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_line_start_or_end_faults(text in well_formed_text(), width in 16usize..60) {
        let lines = wrap(&text, width);
        for (n, line) in lines.iter().enumerate() {
            prop_assert!(display_width(line) <= width);
            if n > 0 {
                let first = line.chars().next().unwrap();
                prop_assert!(!is_no_start(first), "line {} starts with {:?}: {:?}", n, first, lines);
            }
            if n + 1 < lines.len() {
                let last = line.chars().next_back().unwrap();
                prop_assert!(!is_no_end(last), "line {} ends with {:?}: {:?}", n, last, lines);
            }
        }
        assert_lossless(&text, &lines);
    }
}
