//! Bytes on disk to text: UTF-8 (with or without a BOM), UTF-16 with a BOM, and legacy CJK
//! encodings (GBK/GB18030, Big5, Shift-JIS, EUC-*) detected by `chardetng`. Binary files are
//! recognised and refused.

use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;

/// Decoded text, borrowed from the bytes when they were UTF-8 already, and the encoding's name
/// when they were not.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub decoded_from: Option<&'static str>,
}

/// Why bytes are not text.
#[derive(Debug, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary,
}

/// How many leading bytes are inspected for NUL bytes and fed to the detector.
const SNIFF_LEN: usize = 1024;

/// Decodes a whole file, or with `complete == false` the first part of one: a character cut
/// in half at the end is then left out rather than taken for an encoding error.
pub fn decode(bytes: &[u8], complete: bool) -> Result<Decoded<'_>, NotText> {
    let bytes = if complete {
        bytes
    } else {
        without_partial_utf8(bytes)
    };
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let decoded_from = (encoding != UTF_8).then(|| encoding.name());
        return check_text(text, decoded_from);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(NotText::Empty);
    }
    if memchr::memchr(0, &bytes[..bytes.len().min(SNIFF_LEN)]).is_some() {
        return Err(NotText::Binary);
    }
    // Most posts are UTF-8 and mostly CJK, where a vectorised check is many times faster
    // than the standard library's.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        // Valid UTF-8 with no NUL byte is text: binary data practically never passes both.
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            decoded_from: None,
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors && replacement_share(&text) > 0.05 {
        return Err(NotText::Binary);
    }
    check_text(text, Some(encoding.name()))
}

/// `bytes` without an incomplete UTF-8 sequence at its very end.
fn without_partial_utf8(bytes: &[u8]) -> &[u8] {
    let tail_start = bytes.len().saturating_sub(3);
    if let Some(lead) = (tail_start..bytes.len())
        .rev()
        .find(|&i| bytes[i] & 0xc0 != 0x80)
    {
        let needed = match bytes[lead] {
            b if b >= 0xf0 => 4,
            b if b >= 0xe0 => 3,
            b if b >= 0xc0 => 2,
            _ => 1,
        };
        if bytes.len() - lead < needed {
            return &bytes[..lead];
        }
    }
    bytes
}

/// Refuses text whose start is more than a tenth control bytes (other than whitespace and ESC,
/// which the sanitiser handles): that is a binary file that happened to decode.
fn check_text<'a>(
    text: Cow<'a, str>,
    decoded_from: Option<&'static str>,
) -> Result<Decoded<'a>, NotText> {
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    let sample = &text.as_bytes()[..text.len().min(SNIFF_LEN)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    if controls * 10 > sample.len() {
        return Err(NotText::Binary);
    }
    Ok(Decoded { text, decoded_from })
}

fn replacement_share(text: &str) -> f64 {
    let total = text.chars().count().max(1);
    text.chars().filter(|&c| c == '\u{fffd}').count() as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("标题".as_bytes(), true).unwrap().text, "标题");
        let mut bom = vec![0xef, 0xbb, 0xbf];
        bom.extend_from_slice("---\n".as_bytes());
        let d = decode(&bom, true).unwrap();
        assert_eq!(d.text, "---\n");
        assert_eq!(d.decoded_from, None);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "日本語".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes, true).unwrap();
        assert_eq!(d.text, "日本語");
        assert_eq!(d.decoded_from, Some("UTF-16LE"));
    }

    #[test]
    fn gbk_is_detected() {
        let text = "---\ntitle: 科技行业动态，云计算收入增长\n---\n本周科技行业传来多项重要消息，生成式人工智能持续推动云基础设施增长。";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        let d = decode(&bytes, true).unwrap();
        assert_eq!(d.text, text);
        assert!(
            matches!(d.decoded_from, Some("GBK" | "gb18030")),
            "{:?}",
            d.decoded_from
        );
    }

    #[test]
    fn shift_jis_is_detected() {
        let text = "---\ntitle: 日本経済の動向について\n---\n東京株式市場は続伸し、日経平均株価は高値を更新した。";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        let d = decode(&bytes, true).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.decoded_from, Some("Shift_JIS"));
    }

    #[test]
    fn a_prefix_cut_inside_a_character_is_still_utf8() {
        let d = decode(&"标题".as_bytes()[..4], false).unwrap();
        assert_eq!((d.text.as_ref(), d.decoded_from), ("标", None));
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(
            decode(&[0x89, b'P', b'N', b'G', 0, 0, 1, 2], true),
            Err(NotText::Binary)
        );
        assert_eq!(decode(b"  \n\n", true), Err(NotText::Empty));
        assert_eq!(decode(&[], true), Err(NotText::Empty));
    }
}
