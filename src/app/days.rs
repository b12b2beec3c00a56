//! The list as a timeline: posts sorted by date are grouped under a heading per day
//! (`2026-02-13 Fri`, with "today" and "yesterday"). Headings are rows of the list but never
//! selected: the selection stays an index into the view, so `j`/`k` skip them, and `}`/`{`
//! jump a day. The rows are built once per rebuild of the view, never per frame or key.
//!
//! Part of `app`: no input or output here.

use super::messages::Message;
use super::{App, Effect, SortOrder};
use brief_i18n::{Catalog, localize_date_format};
use jiff::civil::Date;

/// A row of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListRow {
    /// The heading of a day (`None`: the posts without a date).
    Day(Option<Date>),
    /// The post at this position of the view.
    Post(usize),
}

/// The list's rows: a heading before each day's first post when the list is sorted by date;
/// only posts otherwise. Also returns the row of each post of the view.
pub fn list_rows(
    days: impl Iterator<Item = Option<Date>>,
    by_date: bool,
) -> (Vec<ListRow>, Vec<usize>) {
    let (low, _) = days.size_hint();
    let mut rows = Vec::with_capacity(low + low / 4 + 1);
    let mut row_of = Vec::with_capacity(low);
    let mut last: Option<Option<Date>> = None;
    for (position, day) in days.enumerate() {
        if by_date && last != Some(day) {
            rows.push(ListRow::Day(day));
            last = Some(day);
        }
        row_of.push(rows.len());
        rows.push(ListRow::Post(position));
    }
    (rows, row_of)
}

/// A day's heading: the date as configured, the weekday, and "today" or "yesterday".
pub fn day_heading(
    day: Option<Date>,
    date_format: &str,
    today: Option<Date>,
    words: &Catalog,
) -> String {
    let Some(day) = day else {
        return Message::Undated.text(words);
    };
    // The year is always shown, also when the configured format leaves it out.
    let format = with_year(date_format);
    let mut text = day
        .strftime(&localize_date_format(&format, day, words))
        .to_string();
    text.push(' ');
    text.push_str(
        &day.strftime(&localize_date_format("%a", day, words))
            .to_string(),
    );
    if let Some(today) = today {
        if day == today {
            text.push_str(&format!(" · {}", Message::Today.text(words)));
        } else if today.yesterday().ok() == Some(day) {
            text.push_str(&format!(" · {}", Message::Yesterday.text(words)));
        }
    }
    text
}

/// Whether a strftime format writes the year.
pub fn shows_year(format: &str) -> bool {
    ["%Y", "%y", "%G", "%g", "%F", "%D", "%C", "%c", "%x"]
        .iter()
        .any(|spec| format.contains(spec))
}

/// `format`, with the year put before it when it leaves the year out: `%m-%d` becomes
/// `%Y-%m-%d`, `%d/%m` becomes `%Y %d/%m`.
pub fn with_year(format: &str) -> std::borrow::Cow<'_, str> {
    if shows_year(format) {
        return format.into();
    }
    let separator = if format.starts_with("%m-") { "-" } else { " " };
    format!("%Y{separator}{format}").into()
}

impl App {
    /// Whether the list is grouped by day.
    pub fn list_by_day(&self) -> bool {
        self.settings.sort != SortOrder::Title
    }

    /// Builds the rows of the list from the view.
    pub(super) fn rebuild_rows(&mut self) {
        let known = &self.index.days;
        let days = self.view.iter().map(|&i| known.get(i).copied().flatten());
        let (rows, row_of) = list_rows(days, self.list_by_day());
        self.list_rows = rows;
        self.row_of_post = row_of;
        self.view_spans_years = !self.list_by_day() && {
            let mut years = self
                .view
                .iter()
                .filter_map(|&i| known.get(i).copied().flatten().map(|d| d.year()));
            years
                .next()
                .is_some_and(|first| years.any(|year| year != first))
        };
    }

    /// The list row of the selected post.
    pub fn selected_row(&self) -> usize {
        self.row_of_post.get(self.selected).copied().unwrap_or(0)
    }

    /// `}` (`forward`) or `{`: the first post of the next day, or of this day (when not on it)
    /// or the day before.
    pub(super) fn jump_day(&mut self, forward: bool) -> Option<Effect> {
        if self.view.is_empty() {
            return None;
        }
        let day_of = |at: usize| self.index.days.get(self.view[at]).copied().flatten();
        let here = day_of(self.selected);
        let target = if forward {
            (self.selected + 1..self.view.len()).find(|&at| day_of(at) != here)
        } else {
            let start = (0..self.selected)
                .rev()
                .take_while(|&at| day_of(at) == here)
                .last()
                .unwrap_or(self.selected);
            if start < self.selected {
                Some(start)
            } else if start > 0 {
                let before = day_of(start - 1);
                (0..start)
                    .rev()
                    .take_while(|&at| day_of(at) == before)
                    .last()
            } else {
                None
            }
        };
        let Some(target) = target else {
            self.status = Some(
                if forward {
                    Message::NoLaterDay
                } else {
                    Message::NoEarlierDay
                }
                .text(self.words()),
            );
            return None;
        };
        self.selected = target;
        self.keep_list_selection_visible();
        self.request_article()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> &'static Catalog {
        brief_i18n::Lang::En.catalog()
    }

    fn day(text: &str) -> Option<Date> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn a_heading_goes_before_each_day_and_none_when_sorted_by_title() {
        let days = [
            day("2026-02-13"),
            day("2026-02-13"),
            day("2026-02-12"),
            None,
        ];
        let (rows, row_of) = list_rows(days.iter().copied(), true);
        assert_eq!(
            rows,
            [
                ListRow::Day(day("2026-02-13")),
                ListRow::Post(0),
                ListRow::Post(1),
                ListRow::Day(day("2026-02-12")),
                ListRow::Post(2),
                ListRow::Day(None),
                ListRow::Post(3),
            ]
        );
        assert_eq!(row_of, [1, 2, 4, 6]);
        let (rows, row_of) = list_rows(days.iter().copied(), false);
        assert_eq!(rows.len(), 4);
        assert_eq!(row_of, [0, 1, 2, 3]);
    }

    #[test]
    fn headings_show_the_year_the_weekday_and_today_or_yesterday() {
        let today = day("2026-02-14");
        assert_eq!(
            day_heading(day("2026-02-13"), "%Y-%m-%d", today, en()),
            "2026-02-13 Fri · yesterday"
        );
        assert_eq!(
            day_heading(day("2026-02-14"), "%d/%m/%Y", today, en()),
            "14/02/2026 Sat · today"
        );
        assert_eq!(
            day_heading(day("2025-02-14"), "%Y-%m-%d", today, en()),
            "2025-02-14 Fri"
        );
        assert_eq!(
            day_heading(day("2025-02-14"), "%m-%d", None, en()),
            "2025-02-14 Fri",
            "the year is always visible"
        );
    }
}
