//! The identity of a story's heading: its letters and digits, with width forms, case,
//! punctuation and spaces folded, so that `Snowflake与OpenAI达成2亿美元合作` and
//! `ＳＮＯＷＦＬＡＫＥ 与 OpenAI 达成 2 亿美元合作！` are one key.
//!
//! Folding: full-width ASCII (U+FF01–FF5E) to ASCII, half-width katakana to full-width, then
//! lower case; every character that is not a letter or a digit (punctuation, symbols, emoji,
//! spaces) is dropped. A heading with nothing left has no key. Near but unequal headings stay
//! unequal: no fuzzy matching. Depends on nothing else of brief.

/// The folded key of `heading`, or `None` when nothing of it is a letter or digit.
pub fn heading_key(heading: &str) -> Option<String> {
    let mut key = String::with_capacity(heading.len());
    for c in heading.chars() {
        if let Some(voiced) = voice(key.chars().last(), c) {
            key.pop();
            key.push(voiced);
            continue;
        }
        let c = fold_width(c);
        if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        }
    }
    (!key.is_empty()).then_some(key)
}

/// Half-width katakana U+FF66–FF9D in order, for their full-width forms (a voicing mark after
/// one is composed by [`voice`]).
const HALF_KATAKANA: &str = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

/// A half-width voicing mark after a kana: the voiced kana (`ｿﾞ` → `ゾ`).
fn voice(previous: Option<char>, mark: char) -> Option<char> {
    let previous = previous?;
    let step = match mark {
        '\u{FF9E}' | '\u{309B}' => 1,
        '\u{FF9F}' | '\u{309C}' => 2,
        _ => return None,
    };
    match (previous, step) {
        ('ウ', 1) => Some('ヴ'),
        ('カ'..='ト', 1) if "カキクケコサシスセソタチツテト".contains(previous) => {
            char::from_u32(previous as u32 + 1)
        }
        ('ハ'..='ホ', _) if "ハヒフヘホ".contains(previous) => {
            char::from_u32(previous as u32 + step)
        }
        _ => None,
    }
}

fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{FF66}'..='\u{FF9D}' => HALF_KATAKANA
            .chars()
            .nth((c as u32 - 0xFF66) as usize)
            .unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::heading_key;

    #[test]
    fn width_case_punctuation_and_spaces_fold() {
        assert_eq!(
            heading_key("Snowflake与OpenAI达成2亿美元合作"),
            heading_key("ＳＮＯＷＦＬＡＫＥ 与 OpenAI 达成 2 亿美元合作！")
        );
        assert_eq!(heading_key("“AI” — Boom?"), heading_key("ai boom"));
        assert_eq!(heading_key("ｱﾏｿﾞﾝ"), heading_key("アマゾン"));
        assert_ne!(heading_key("ｱﾏｿﾝ"), heading_key("アマゾン"));
    }

    #[test]
    fn near_headings_stay_apart() {
        assert_ne!(
            heading_key("Amazon追加200亿美元投资AI基础设施"),
            heading_key("亚马逊追加2000亿美元AI投资")
        );
        assert_ne!(heading_key("2亿美元"), heading_key("20亿美元"));
    }

    #[test]
    fn emoji_only_and_empty_headings_have_no_key() {
        assert_eq!(heading_key("🚀🔥 ✨"), None);
        assert_eq!(heading_key(""), None);
        assert_eq!(heading_key("  ！？ "), None);
    }
}
