//! Headings that name a digest's sections rather than an event. A daily or weekly digest
//! repeats its section names (`## What we're reading`, `## 本周值得关注`) with new stories
//! under them, often ending on the same link (`submit your suggestions`); an event's headline
//! is repeated over a few days at most. So a folded heading carried by posts dated more than
//! [`HEADING_DAYS`] days apart is taken for a section name, and its stories are of their post
//! only: neither the heading nor the source makes them the same as another.
//!
//! Depends on the heading keys and dates only.

use super::{HEADING_DAYS, Map, days_apart};
use jiff::civil::Date;

/// Per folded heading, the first and last day of the posts carrying it.
#[derive(Debug, Clone, Default)]
pub struct RecurringHeadings {
    days: Map<String, (Date, Date)>,
}

impl RecurringHeadings {
    /// Notes that a post of day `day` carries a story with the folded heading `key`.
    pub fn note(&mut self, key: &str, day: Date) {
        match self.days.get_mut(key) {
            Some((first, last)) => {
                *first = (*first).min(day);
                *last = (*last).max(day);
            }
            None => {
                self.days.insert(key.to_string(), (day, day));
            }
        }
    }

    /// Whether `key` is carried by posts more than [`HEADING_DAYS`] days apart: a section's
    /// name, not an event's.
    pub fn is_section(&self, key: &str) -> bool {
        self.days
            .get(key)
            .is_some_and(|&(first, last)| spans_a_section(first, last))
    }
}

/// Whether a heading carried by posts from day `first` to day `last` names a section.
pub fn spans_a_section(first: Date, last: Date) -> bool {
    days_apart(first, last) > HEADING_DAYS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn a_heading_over_more_than_a_week_of_posts_is_a_section() {
        let mut headings = RecurringHeadings::default();
        for d in ["2026-02-12", "2026-02-13", "2026-02-19"] {
            headings.note("event", day(d));
        }
        for d in ["2026-02-20", "2026-02-06", "2026-02-13"] {
            headings.note("section", day(d));
        }
        assert!(!headings.is_section("event"), "seven days apart at most");
        assert!(headings.is_section("section"), "fourteen days apart");
        assert!(!headings.is_section("unknown"));
    }
}
