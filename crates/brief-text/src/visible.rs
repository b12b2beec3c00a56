//! Names shown as they are, harmlessly: file names (and messages that quote them) may hold
//! any character, and a control or bidi character printed raw would act on the terminal or
//! reorder the line. Here each becomes a visible escape, as `ls` shows them (`\x1b`,
//! `\u{202e}`), so the name can still be told apart and typed. JSON output gets the same
//! characters as `\u` escapes, which `jq` turns back into the name exactly.
//!
//! Works on text alone; depends on nothing else in brief.

use std::borrow::Cow;
use std::fmt::Write;
use std::path::Path;

/// Control characters (C0, DEL, C1), bidi formatting characters and line separators.
pub fn is_hazard(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every [`is_hazard`] character written as an escape.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hazard) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !is_hazard(c) => out.push(c),
            c if c.is_ascii() => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    Cow::Owned(out)
}

/// A path as shown to a person: [`visible`], bytes that are not UTF-8 as `�`.
pub fn visible_path(path: &Path) -> String {
    visible(&path.to_string_lossy()).into_owned()
}

/// JSON text with every hazard that serde_json leaves raw (DEL, C1, bidi, line separators)
/// written as a `\uXXXX` escape. Outside strings JSON is ASCII, so only strings change, and
/// they decode to the same characters.
pub fn escape_json_hazards(json: &[u8]) -> Cow<'_, [u8]> {
    // Every such character is DEL or starts with one of the lead bytes 0xc2, 0xd8, 0xe2, so
    // only those places are decoded; the text between them is copied whole (or not at all).
    let mut out: Vec<u8> = Vec::new();
    let mut copied = 0;
    let mut from = 0;
    let mut next_d8 = memchr::memchr(0xd8, json);
    while from < json.len() {
        if next_d8.is_some_and(|d8| d8 < from) {
            next_d8 = memchr::memchr(0xd8, &json[from..]).map(|i| i + from);
        }
        let candidate = memchr::memchr3(0x7f, 0xc2, 0xe2, &json[from..]).map(|i| i + from);
        let Some(at) = [candidate, next_d8].into_iter().flatten().min() else {
            break;
        };
        let len = match json[at] {
            0x7f => 1,
            0xe2 => 3,
            _ => 2,
        };
        let hazard = json
            .get(at..at + len)
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .and_then(|s| s.chars().next())
            .filter(|&c| is_hazard(c));
        if let Some(c) = hazard {
            out.extend_from_slice(&json[copied..at]);
            out.extend_from_slice(format!("\\u{:04x}", u32::from(c)).as_bytes());
            copied = at + len;
        }
        from = at + 1;
    }
    if copied == 0 {
        return Cow::Borrowed(json);
    }
    out.extend_from_slice(&json[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hazards_become_visible_escapes() {
        assert_eq!(visible("简报.md"), "简报.md");
        assert_eq!(
            visible("a\u{1b}[31mb\u{7}\u{9b}c\u{202e}d\te"),
            "a\\x1b[31mb\\x07\\u{9b}c\\u{202e}d\\x09e"
        );
        assert!(!visible("\u{1b}\u{9b}\u{202e}").chars().any(is_hazard));
    }

    #[test]
    fn json_hazards_are_escaped_and_decode_back() {
        let name = "x\u{9b}y\u{202e}z\u{7f}名";
        let json = serde_json::to_vec(&name).unwrap();
        let escaped = escape_json_hazards(&json);
        let text = std::str::from_utf8(&escaped).unwrap();
        assert!(!text.chars().any(is_hazard), "{text}");
        assert!(text.contains("\\u009b") && text.contains("\\u202e"));
        assert_eq!(serde_json::from_slice::<String>(&escaped).unwrap(), name);
        // Lead bytes of harmless characters (“…” £ ؛) are left alone, and nothing is copied.
        let plain = serde_json::to_vec("“引号”…£؛").unwrap();
        assert!(matches!(escape_json_hazards(&plain), Cow::Borrowed(_)));
        // A hazard at either end, and one after a harmless lead byte.
        let edges = "\u{202e}“\u{61c}a\u{2029}";
        let json = serde_json::to_vec(&edges).unwrap();
        let escaped = escape_json_hazards(&json);
        assert_eq!(
            std::str::from_utf8(&escaped).unwrap(),
            "\"\\u202e“\\u061ca\\u2029\""
        );
    }
}
