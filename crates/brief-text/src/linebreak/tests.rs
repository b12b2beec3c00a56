use super::graphemes::*;
use super::ideograph::*;
use super::opportunities::*;
use super::pair_table::*;
use super::utf8::*;
use super::*;
use crate::display_width;
use unicode_linebreak::{BreakClass, break_property, linebreaks};

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
