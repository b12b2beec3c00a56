//! The Chinese and Japanese line rules (kinsoku), and the one place that decides whether a
//! break opportunity is taken.
//!
//! Depends on `unicode-linebreak` for the kinds of opportunity only.

use unicode_linebreak::BreakOpportunity;

/// Characters that must not begin a line: closing punctuation and brackets, CJK full stops and
/// commas, iteration marks, the prolonged sound mark and small kana.
pub fn is_no_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '；' | '：' | '？' | '！' | '．' | '｡' | '､'
            | '）' | '」' | '』' | '】' | '》' | '〕' | '〉' | '〗' | '〙' | '〛' | '］' | '｝' | '｣' | '〟'
            | '”' | '’' | '…' | '‥' | '・' | '･' | '‼' | '⁇' | '⁈' | '⁉' | '〜' | '～'
            | 'ー' | 'ｰ' | '々' | '〻' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ' | '゛' | '゜'
            | 'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ' | 'ゎ' | 'ゕ' | 'ゖ'
            | 'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ' | 'ヵ' | 'ヶ'
            | '\u{31f0}'..='\u{31ff}'
            | '\u{ff67}'..='\u{ff6f}'
    )
}

/// Characters that must not end a line: opening brackets and opening quotation marks.
pub fn is_no_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '【'
            | '《'
            | '〔'
            | '〈'
            | '〖'
            | '〘'
            | '〚'
            | '［'
            | '｛'
            | '｢'
            | '〝'
            | '“'
            | '‘'
    )
}

/// A character as the CJK rules see it: whether it may start and end a line. Implemented for
/// `char` and for the breaker's precomputed [`super::pair_table::Info`], so that both answer
/// from the same two lists.
pub(super) trait LineEdges {
    /// The character may not start a line ([`is_no_start`]).
    fn no_start(&self) -> bool;
    /// The character may not end a line ([`is_no_end`]).
    fn no_end(&self) -> bool;
}

impl LineEdges for char {
    #[inline]
    fn no_start(&self) -> bool {
        is_no_start(*self)
    }

    #[inline]
    fn no_end(&self) -> bool {
        is_no_end(*self)
    }
}

/// Whether the CJK rules forbid a line to end after `left` and the next to start with
/// `right`.
#[inline(always)]
pub(super) fn cjk_forbids(left: &impl LineEdges, right: &impl LineEdges) -> bool {
    left.no_end() || right.no_start()
}

/// Whether the break between `left` and `right` is taken: always at a mandatory opportunity;
/// at an allowed one unless the CJK rules forbid it ([`cjk_forbids`]) or `vetoed` says the
/// caller does (asked last, as it may cost a search); never elsewhere.
#[inline(always)]
pub(super) fn break_taken(
    opportunity: Option<BreakOpportunity>,
    left: &impl LineEdges,
    right: &impl LineEdges,
    vetoed: impl FnOnce() -> bool,
) -> bool {
    match opportunity {
        Some(BreakOpportunity::Mandatory) => true,
        Some(BreakOpportunity::Allowed) => !cjk_forbids(left, right) && !vetoed(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BreakOpportunity::{Allowed, Mandatory};

    #[test]
    fn one_place_decides_a_break() {
        // A mandatory break is taken whatever the CJK rules and the veto say.
        assert!(break_taken(Some(Mandatory), &'（', &'。', || true));
        // An allowed one, unless a line would start or end badly, or the caller forbids it.
        assert!(break_taken(Some(Allowed), &'中', &'文', || false));
        assert!(!break_taken(Some(Allowed), &'中', &'。', || false));
        assert!(!break_taken(Some(Allowed), &'（', &'中', || false));
        assert!(!break_taken(Some(Allowed), &'中', &'文', || true));
        // No opportunity, no break.
        assert!(!break_taken(None, &'中', &'文', || false));
        // The veto, which may cost a search, is asked only when the CJK rules allow the break.
        let mut asked = false;
        break_taken(Some(Allowed), &'中', &'。', || {
            asked = true;
            false
        });
        assert!(!asked);
    }
}
