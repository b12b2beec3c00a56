//! CJK ideographs, the case the line breaker makes fast: recognising one from its code point or
//! its first two bytes of UTF-8, and counting a run of them.
//!
//! Depends on nothing.

/// CJK ideographs of the two big blocks (Unified and Extension A): three bytes in UTF-8, two
/// columns, line break class ID, a grapheme of their own, in neither CJK rule set. Between two
/// of them UAX #14 always allows a break, and after one its state is always the same (the
/// tests check both against `unicode-linebreak`): text in between can be looked at alone.
pub(super) fn is_ideograph(c: char) -> bool {
    let code = c as u32;
    // Two range checks without branches between them.
    (code.wrapping_sub(0x4e00) <= 0x9fff - 0x4e00) | (code.wrapping_sub(0x3400) <= 0x4dbf - 0x3400)
}

/// True when a character whose UTF-8 starts with bytes `lead`, `second` is an ideograph.
#[inline(always)]
pub(super) fn is_ideograph_encoded(lead: u8, second: u8) -> bool {
    /// By lead byte, the second bytes (their low six bits) that make an ideograph:
    /// U+3400..=U+4DBF and U+4E00..=U+9FFF have lead bytes E3 to E9. A table rather than
    /// branches, as E4 (U+4000..U+4FFF) and E5 to E9 follow each other at random in Chinese.
    const SECONDS: [u64; 256] = {
        let mut table = [0; 256];
        table[0xe3] = !0 << 0x10; // E3 90 80 = U+3400
        table[0xe4] = !(1 << 0x37); // E4 B7 xx = U+4DC0..U+4DFF, the Yijing hexagrams
        let mut lead = 0xe5;
        while lead <= 0xe9 {
            table[lead] = !0;
            lead += 1;
        }
        table
    };
    SECONDS[usize::from(lead)] >> (second & 0x3f) & 1 != 0
}

/// How many ideographs follow one another from byte `from`, stopping before one that would
/// start at or after `limit`.
#[inline]
pub(super) fn ideographs_from(bytes: &[u8], from: usize, limit: usize) -> usize {
    let end = bytes.len().min(limit.saturating_add(2));
    bytes
        .get(from..end)
        .unwrap_or_default()
        .chunks_exact(3)
        .take_while(|encoded| is_ideograph_encoded(encoded[0], encoded[1]))
        .count()
}
