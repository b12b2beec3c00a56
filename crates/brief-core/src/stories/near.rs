//! Near but unequal headings: a guess that two stories of posts a few days apart may be one
//! event, shown only as a quiet hint ("perhaps also: 02-13") and never merged.
//!
//! The method works on folded headings ([`brief_text::heading_key`]: width forms, case,
//! punctuation and spaces folded), so it can use what the story finder reports per post:
//! - the posts are at most [`crate::stories::HEADING_DAYS`] days apart, and the keys differ
//!   (equal keys are one story already);
//! - when both headings carry numbers, they carry the same ones (`第7周` and `第8周`, `Q3` and
//!   `Q4`, `160円` and `150円` are different events);
//! - they begin with the same two characters: a headline names its subject first, and the
//!   near misses that are other events are mostly another subject doing the same thing
//!   (`英伟达发布…` / `AMD发布…`, `日銀、政策金利を据え置き` / `FRB、…`);
//! - the Dice coefficient of their sets of character bigrams is at least [`NEAR_DICE`].
//!
//! Its precision and recall on a labelled set of Chinese, English and Japanese heading pairs
//! (`tests/fixtures/near-headings.tsv`) are measured by `tests/near_headings.rs`; the figures
//! are in the README. Depends on nothing of brief but the folded keys it is given.

use std::collections::HashSet;

/// The least bigram Dice coefficient for two folded headings to be proposed as one story.
/// Chosen on the labelled set itself (0.5 to 0.8 were tried; there is no held-out set).
pub const NEAR_DICE: f64 = 0.5;

/// Whether the stories with folded headings `a` and `b`, in posts `days_apart` days apart,
/// may be proposed as one story.
pub fn near(a: &str, b: &str, days_apart: i64) -> bool {
    if a == b || days_apart.abs() > super::HEADING_DAYS {
        return false;
    }
    let (numbers_a, numbers_b) = (numbers(a), numbers(b));
    if !numbers_a.is_empty() && !numbers_b.is_empty() && numbers_a != numbers_b {
        return false;
    }
    let head = |key: &str| key.chars().take(2).collect::<String>();
    head(a) == head(b) && dice(a, b) >= NEAR_DICE
}

/// The Dice coefficient of the sets of character bigrams of `a` and `b` (0 to 1; a key of one
/// character is its own bigram).
pub fn dice(a: &str, b: &str) -> f64 {
    let (a, b) = (bigrams(a), bigrams(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(&b).count();
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

fn bigrams(key: &str) -> HashSet<(char, char)> {
    let chars: Vec<char> = key.chars().collect();
    if chars.len() == 1 {
        return HashSet::from([(chars[0], chars[0])]);
    }
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// The runs of ASCII digits in `key`.
fn numbers(key: &str) -> HashSet<&str> {
    key.split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_headings_are_proposed_within_the_window_equal_or_conflicting_ones_not() {
        let a = "英伟达发布新一代数据中心gpu";
        let b = "英伟达正式发布新一代数据中心gpu芯片";
        assert!(dice(a, b) > 0.8);
        assert!(near(a, b, 1));
        assert!(!near(a, b, 8), "more than a week apart");
        assert!(!near(a, a, 1), "equal headings are one story already");
        assert!(
            !near("ai产业简报第7周", "ai产业简报第8周", 7),
            "numbers differ"
        );
        assert!(!near("苹果发布新款iphone", "华为发布新款手机", 1));
        assert!(!near(
            "英伟达发布新一代数据中心gpu",
            "amd发布新一代数据中心gpu",
            1
        ));
        assert!(!near(
            "円相場一時1ドル160円台に",
            "円相場一時1ドル150円台に",
            1
        ));
        assert_eq!(dice("", "a"), 0.0);
        assert_eq!(dice("a", "a"), 1.0);
    }
}
