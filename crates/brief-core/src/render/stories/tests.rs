use super::{ends_with_label, lower_ends_with_label};
use proptest::prelude::*;

/// The label test as it was first written: the whole text lower-cased.
fn whole_text_lowered(text: &str) -> bool {
    let text = text.trim_end_matches([':', '：', ' ', '\u{3000}', '-', '—', '|']);
    lower_ends_with_label(&text.to_lowercase())
}

#[test]
fn labels_are_found_at_the_end_only() {
    assert!(ends_with_label(&format!(
        "{}来源：",
        "长段落。".repeat(500)
    )));
    assert!(ends_with_label("Read more via "));
    assert!(ends_with_label("SOURCE: "));
    assert!(!ends_with_label("Resources:"), "a word ending like a label");
    assert!(!ends_with_label("来源是官方公告"));
}

proptest! {
    /// Lower-casing only the end gives what lower-casing the whole text gave, with letters
    /// that fold to two characters, Greek sigma and CJK around labels in any case.
    #[test]
    fn folding_the_end_agrees_with_folding_everything(
        parts in prop::collection::vec(
            prop::sample::select(vec![
                "Source", "SOURCES", "via", "VIA", "来源", "原文链接", "出典", "ソース", "İ", "Σ",
                "ς", "ẞ", "a", "1", " ", "：", ":", "-", "—", "|", "\u{3000}", "段落", "e",
                "\u{307}", "Ω", "E", "S", "A", "\u{212A}", "考", "文",
            ]),
            0..12,
        )
    ) {
        let text: String = parts.concat();
        prop_assert_eq!(ends_with_label(&text), whole_text_lowered(&text), "{:?}", text);
    }
}
