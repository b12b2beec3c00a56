//! Decoding one character of valid UTF-8 at a byte position, forwards or backwards, without
//! the checks `str` would repeat: the line breaker's inner loops read characters this way.
//!
//! Knows nothing of line breaking; depends on nothing.

/// The character at byte `pos` of valid UTF-8 (a character boundary), and its length.
#[inline(always)]
pub(super) fn char_at(bytes: &[u8], pos: usize) -> Option<(char, usize)> {
    let lead = *bytes.get(pos)?;
    let continuation = |i: usize| u32::from(bytes[pos + i] & 0x3f);
    let (code, len) = match lead {
        0..=0x7f => return Some((char::from(lead), 1)),
        0xc0..=0xdf => ((u32::from(lead & 0x1f) << 6) | continuation(1), 2),
        0xe0..=0xef => (
            (u32::from(lead & 0x0f) << 12) | (continuation(1) << 6) | continuation(2),
            3,
        ),
        _ => (
            (u32::from(lead & 0x07) << 18)
                | (continuation(1) << 12)
                | (continuation(2) << 6)
                | continuation(3),
            4,
        ),
    };
    Some((
        char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
        len,
    ))
}

/// The character that ends at byte `pos` of valid UTF-8 (a character boundary), and its
/// length.
#[inline]
pub(super) fn char_before(bytes: &[u8], pos: usize) -> Option<(char, usize)> {
    let mut start = pos.checked_sub(1)?;
    while start > 0 && bytes[start] & 0xc0 == 0x80 {
        start -= 1;
    }
    char_at(bytes, start)
}
