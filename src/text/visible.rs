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
    // Every such character is DEL or starts with one of these lead bytes.
    if !json.iter().any(|&b| matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2)) {
        return Cow::Borrowed(json);
    }
    let Ok(text) = std::str::from_utf8(json) else {
        return Cow::Borrowed(json);
    };
    let mut out = String::with_capacity(json.len() + 16);
    for c in text.chars() {
        if is_hazard(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out.into_bytes())
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
    }
}
