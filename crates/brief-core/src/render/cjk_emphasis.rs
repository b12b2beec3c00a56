//! Emphasis that Chinese and Japanese writers mean: `**注意：**这是重点` and
//! `这是**“引用”**的话` are bold to their authors, but CommonMark's flanking rules refuse a
//! `**` that sits between punctuation and a letter, so pulldown-cmark (0.13, which has no
//! CJK-friendly option yet) shows the asterisks raw.
//!
//! This does not parse Markdown. Before pulldown-cmark reads the text, a zero-width space
//! ([`MARK`]) is put between such a `*` run and the CJK punctuation or letter beside it, which
//! makes the run flanking on that side, as the CJK-friendly extension of CommonMark does; the
//! parser then pairs the runs by its own rules. The marks are taken out of every event
//! afterwards ([`unmark`]), so code, links and text read exactly as written. Text without
//! CJK beside a `*` run is not touched.
//!
//! Works on text alone; depends on nothing else in brief.

use std::borrow::Cow;

/// The character put beside a `*` run: neither whitespace nor punctuation to CommonMark.
pub const MARK: char = '\u{200b}';

/// `text` with [`MARK`] beside each `*` run that CJK punctuation keeps from flanking.
pub fn loosen(text: &str) -> Cow<'_, str> {
    if !text.contains('*') || text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut runs = text.match_indices('*').peekable();
    while let Some((start, _)) = runs.next() {
        let mut end = start + 1;
        while runs.peek().is_some_and(|&(at, _)| at == end) {
            runs.next();
            end += 1;
        }
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let mark_before = before.is_some_and(is_punctuation)
            && after.is_some_and(is_letter)
            && (before.is_some_and(is_cjk_punctuation) || after.is_some_and(is_cjk_letter));
        let mark_after = after.is_some_and(is_punctuation)
            && before.is_some_and(is_letter)
            && (after.is_some_and(is_cjk_punctuation) || before.is_some_and(is_cjk_letter));
        if mark_before || mark_after {
            out.push_str(&text[copied..start]);
            if mark_before {
                out.push(MARK);
            }
            out.push_str(&text[start..end]);
            if mark_after {
                out.push(MARK);
            }
            copied = end;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// `text` without the [`MARK`]s [`loosen`] put in.
pub fn unmark(text: &str) -> Cow<'_, str> {
    if text.contains(MARK) {
        Cow::Owned(text.replace(MARK, ""))
    } else {
        Cow::Borrowed(text)
    }
}

/// Neither whitespace nor punctuation.
fn is_letter(c: char) -> bool {
    !c.is_whitespace() && !is_punctuation(c) && c != '*'
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() && c != '*'
        || matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}')
        || is_cjk_punctuation(c)
}

/// Ideographic and full-width punctuation, and the quotes, dashes and ellipsis CJK text uses.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{3001}'..='\u{303f}'
            | '\u{ff01}'..='\u{ff0f}'
            | '\u{ff1a}'..='\u{ff20}'
            | '\u{ff3b}'..='\u{ff40}'
            | '\u{ff5b}'..='\u{ff65}'
            | '\u{2018}'..='\u{201f}'
            | '\u{2014}'
            | '\u{2026}'
            | '\u{30fb}'
    )
}

/// Han, kana and Hangul.
fn is_cjk_letter(c: char) -> bool {
    matches!(
        c,
        '\u{3040}'..='\u{30fa}'
            | '\u{30fc}'..='\u{30ff}'
            | '\u{3400}'..='\u{4dbf}'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{ac00}'..='\u{d7af}'
            | '\u{f900}'..='\u{faff}'
            | '\u{ff66}'..='\u{ff9f}'
            | '\u{20000}'..='\u{3134f}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_go_only_where_cjk_punctuation_keeps_a_run_from_flanking() {
        assert_eq!(loosen("**注意：**这是重点"), "**注意：\u{200b}**这是重点");
        assert_eq!(
            loosen("这是**“引用”**的话"),
            "这是**\u{200b}“引用”\u{200b}**的话"
        );
        assert_eq!(loosen("**要点**：内容"), "**要点**\u{200b}：内容");
        // English keeps CommonMark's rule; runs between letters already flank.
        for untouched in ["a **b** c", "**粗体**和正文", "**bold:**text", "没有星号"] {
            assert!(matches!(loosen(untouched), Cow::Borrowed(_)), "{untouched}");
        }
        assert_eq!(unmark(&loosen("这是**“引用”**的话")), "这是**“引用”**的话");
    }
}
