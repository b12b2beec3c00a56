//! Removal of everything in untrusted text that could act on a terminal.
//!
//! Text from posts may carry raw escape sequences (CSI, OSC, DCS, APC, PM, SOS, in 7-bit and
//! 8-bit forms), other C0/C1 control characters, and bidirectional override characters that
//! would reorder what the reader sees. These functions drop whole sequences, not just the ESC
//! byte, so no parameter text is left behind on screen.

use std::borrow::Cow;

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// 8-bit String Terminator.
const ST8: char = '\u{9c}';

/// Cleans text that will be shown on one line (titles, authors, tags): control characters and
/// escape sequences removed, and any run of line breaks or tabs folded into one space.
pub fn sanitize_inline(input: &str) -> String {
    if !has_controls::<false>(input) {
        return input.trim().to_string();
    }
    let cleaned = sanitize_block(input);
    let mut out = String::with_capacity(cleaned.len());
    let mut pending_space = false;
    for c in cleaned.chars() {
        if c == '\n' || c == '\t' {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() && !out.ends_with(' ') && c != ' ' {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out.trim().to_string()
}

/// Cleans multi-line text (bodies): keeps `\n` and `\t`, turns `\r\n` and lone `\r` into `\n`,
/// and removes every other control character, whole escape sequences and bidi overrides.
pub fn sanitize_block(input: &str) -> Cow<'_, str> {
    if !has_controls::<true>(input) {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            ESC => skip_escape_sequence(&mut chars),
            '\u{9b}' => skip_csi_body(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string_body(&mut chars),
            c if is_dropped(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`sanitize_inline`] for a string the caller owns: returned as it is when already clean.
pub fn sanitize_inline_owned(input: String) -> String {
    if !has_controls::<false>(&input) && input.trim().len() == input.len() {
        return input;
    }
    sanitize_inline(&input)
}

/// Whether [`sanitize_block`] would change `text`: a quick byte scan for what it removes.
pub fn needs_sanitizing(text: &str) -> bool {
    has_controls::<true>(text)
}

/// Whether `text` holds a control character (other than `\n` and `\t` when `BREAKS_ALLOWED`)
/// or a bidi control. Every string of every post and every run of body text passes through
/// here, so it reads UTF-8 bytes, a chunk at a time without branches, looking closer only at
/// chunks where something may start: C1 controls are `C2 80`–`C2 9F`, the bidi controls
/// `D8 9C`, `E2 80 8E`/`8F`, `E2 80 AA`–`AE` and `E2 81 A6`–`A9`.
/// (`BREAKS_ALLOWED` is a constant so that the chunk loop compiles to vector code.)
fn has_controls<const BREAKS_ALLOWED: bool>(text: &str) -> bool {
    const CHUNK: usize = 32;
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(CHUNK);
    let mut at = 0;
    for chunk in &mut chunks {
        let suspect = chunk
            .iter()
            .fold(0u8, |found, &b| found | is_suspect(b, BREAKS_ALLOWED));
        if suspect != 0 && controls_in(bytes, at, chunk, BREAKS_ALLOWED) {
            return true;
        }
        at += CHUNK;
    }
    // The tail is copied into a chunk padded with spaces, so that it too is checked with
    // vector code: most titles and links are shorter than a chunk.
    let tail = chunks.remainder();
    let mut padded = [b' '; CHUNK];
    padded[..tail.len()].copy_from_slice(tail);
    let suspect = padded
        .iter()
        .fold(0u8, |found, &b| found | is_suspect(b, BREAKS_ALLOWED));
    suspect != 0 && controls_in(bytes, at, tail, BREAKS_ALLOWED)
}

/// Whether `part`, at `at` in `bytes`, starts a control: only bytes that may start one are
/// looked at closely (CJK punctuation such as `“` shares the lead byte E2 with the bidi
/// controls, so most short titles have a suspect byte or two).
fn controls_in(bytes: &[u8], at: usize, part: &[u8], breaks_allowed: bool) -> bool {
    part.iter().enumerate().any(|(k, &b)| {
        is_suspect(b, breaks_allowed) != 0 && control_at(bytes, at + k, breaks_allowed)
    })
}

/// 1 if byte `b` may start a control: a C0 control (but `\n` and `\t` when breaks are
/// allowed), DEL, or a lead byte of a C1 control (C2) or of a bidi control (D8, E2); else 0.
#[inline(always)]
fn is_suspect(b: u8, breaks_allowed: bool) -> u8 {
    let is_break = u8::from(b == b'\n') | u8::from(b == b'\t');
    (u8::from(b < 0x20) & (u8::from(!breaks_allowed) | (is_break ^ 1)))
        | u8::from(b == 0x7f)
        | u8::from(b == 0xc2)
        | u8::from(b == 0xd8)
        | u8::from(b == 0xe2)
}

/// Whether the byte at `i` starts a control.
fn control_at(bytes: &[u8], i: usize, breaks_allowed: bool) -> bool {
    match bytes[i] {
        b'\n' | b'\t' => !breaks_allowed,
        0..=0x1f | 0x7f => true,
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        0xd8 => bytes.get(i + 1) == Some(&0x9c),
        0xe2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0x8e | 0x8f | 0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    }
}

fn is_dropped(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Characters that change the visual order of text (Trojan Source style reordering).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Consumes what follows an ESC: the rest of a CSI, OSC, DCS, SOS, PM or APC sequence, or the
/// one intermediate-plus-final run of a short escape such as `ESC c` or `ESC ( B`.
fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_csi_body(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string_body(chars),
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            // Intermediate bytes, then one final byte.
            while let Some(&next) = chars.peek() {
                chars.next();
                if !('\u{20}'..='\u{2f}').contains(&next) {
                    break;
                }
            }
        }
        _ => {}
    }
}

/// Parameter and intermediate bytes up to and including the final byte (0x40..=0x7e). A
/// sequence cut short by a non-ASCII character ends there.
fn skip_csi_body(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        if !c.is_ascii() {
            return;
        }
        chars.next();
        if ('\u{40}'..='\u{7e}').contains(&c) {
            return;
        }
    }
}

/// A control string runs to BEL, ESC \ or the 8-bit ST. An unterminated one swallows the rest,
/// as a terminal would.
fn skip_string_body(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            BEL | ST8 => return,
            ESC => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_check_finds_exactly_the_characters_that_need_cleaning() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let dropped = c.is_control() || is_bidi_control(c);
            let text = format!("a{c}b");
            assert_eq!(has_controls::<false>(&text), dropped, "{:x}", c as u32);
            let in_block = dropped && c != '\n' && c != '\t';
            assert_eq!(has_controls::<true>(&text), in_block, "{:x}", c as u32);
        }
    }

    #[test]
    fn the_byte_check_agrees_with_sanitising_at_every_chunk_offset() {
        // At every offset in and around a 32-byte chunk, and in the tail after one.
        let pads: Vec<String> = (0..10).chain(27..37).map(|n| "a".repeat(n)).collect();
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            for pad in pads.iter().map(String::as_str).chain(["中文字"]) {
                let text = format!("{pad}{c}b文本文本");
                let changed = sanitize_block(&text) != text;
                assert_eq!(needs_sanitizing(&text), changed, "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn owned_clean_text_is_kept_and_dirty_text_cleaned() {
        assert_eq!(sanitize_inline_owned("标题".into()), "标题");
        assert_eq!(sanitize_inline_owned(" 标题 ".into()), "标题");
        assert_eq!(sanitize_inline_owned("a\u{1b}[31mb".into()), "ab");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(
            sanitize_block("科技 news\n\tok"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn csi_sequences_are_removed_whole() {
        assert_eq!(sanitize_block("a\x1b[31;1mred\x1b[0m b"), "ared b");
        assert_eq!(sanitize_block("x\u{9b}2Jy"), "xy");
    }

    #[test]
    fn osc_title_and_clipboard_sequences_are_removed() {
        assert_eq!(sanitize_block("t\x1b]0;pwned\x07itle"), "title");
        assert_eq!(sanitize_block("a\x1b]52;c;ZXZpbA==\x1b\\b"), "ab");
        assert_eq!(sanitize_block("a\u{9d}8;;http://x\u{9c}b"), "ab");
    }

    #[test]
    fn dcs_and_short_escapes_are_removed() {
        assert_eq!(sanitize_block("a\x1bPq#0;2;0;0;0\x1b\\b"), "ab");
        assert_eq!(sanitize_block("a\x1bcb\x1b(Bc"), "abc");
    }

    #[test]
    fn other_controls_and_bidi_overrides_are_dropped() {
        assert_eq!(sanitize_block("a\x00b\x07c\x7fd\u{85}e"), "abcde");
        assert_eq!(sanitize_block("ab\u{202e}cd\u{2066}e"), "abcde");
    }

    #[test]
    fn carriage_returns_become_line_feeds() {
        assert_eq!(sanitize_block("a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn inline_folds_breaks_into_single_spaces() {
        assert_eq!(sanitize_inline("  標題\n\n第二行\t尾 "), "標題 第二行 尾");
        assert_eq!(sanitize_inline("\x1b[2Jtitle\x1b]0;x\x07"), "title");
    }

    #[test]
    fn unterminated_string_swallows_the_rest() {
        assert_eq!(sanitize_block("ok\x1b]0;never ends"), "ok");
    }
}
