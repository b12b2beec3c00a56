//! Post dates in the shapes briefings use, kept as precise as they were written.
//!
//! `2026-02-12` stays a day, `"2025-02-08 11:00:01"` stays a zone-less local time, and
//! `2025-02-08T02:20:30.000Z` or `...+08:00` keep their offset. Nothing is ever taken from the
//! file's modification time.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;
use std::fmt;

/// When a post was published, as precisely as its front matter (or file name) says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostDate {
    /// A calendar day with no time.
    Day(Date),
    /// A wall-clock time with no zone.
    Local(DateTime),
    /// A wall-clock time at a known offset from UTC.
    Offset(DateTime, Offset),
}

impl PostDate {
    /// Parses the date shapes found in front matter; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        Self::parse_iso(text).or_else(|| super::date_forms::parse_loose(text))
    }

    /// ISO 8601 and its near relatives, as most front matter writes them.
    pub(super) fn parse_iso(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.len() < 10 || !text.is_char_boundary(10) {
            return None;
        }
        if text.len() == 10 {
            return text.parse::<Date>().ok().map(PostDate::Day);
        }
        let (clock, offset) = split_offset(text);
        let datetime = parse_datetime(clock.trim_end())?;
        Some(match offset {
            Some(offset) => PostDate::Offset(datetime, offset),
            None => PostDate::Local(datetime),
        })
    }

    /// A date from a file's name or folders (see [`super::date_forms::from_path`]).
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        super::date_forms::from_path(path)
    }

    /// `name` without a leading date (`2023-08-01-camera` → `camera`).
    pub fn strip_date_prefix(name: &str) -> &str {
        super::date_forms::strip_date_prefix(name)
    }

    /// The `YYYY-MM-DD-` prefix of a file name such as `2026-01-05-weekly.md`.
    pub fn from_file_name(name: &str) -> Option<Self> {
        let prefix = name.get(..11)?;
        if !prefix.ends_with(['-', '_']) {
            return None;
        }
        prefix[..10].parse::<Date>().ok().map(PostDate::Day)
    }

    /// The calendar day as written (not converted to UTC).
    pub fn day(&self) -> Date {
        match self {
            PostDate::Day(d) => *d,
            PostDate::Local(dt) | PostDate::Offset(dt, _) => dt.date(),
        }
    }

    /// Seconds for ordering posts. Zone-less dates are ordered as if they were UTC; a day sorts
    /// at its start.
    pub fn sort_key(&self) -> i64 {
        let (datetime, offset) = match self {
            PostDate::Day(d) => (d.to_datetime(jiff::civil::Time::midnight()), Offset::UTC),
            PostDate::Local(dt) => (*dt, Offset::UTC),
            PostDate::Offset(dt, offset) => (*dt, *offset),
        };
        let days = days_from_civil(
            i64::from(datetime.year()),
            i64::from(datetime.month()),
            i64::from(datetime.day()),
        );
        let seconds = i64::from(datetime.hour()) * 3600
            + i64::from(datetime.minute()) * 60
            + i64::from(datetime.second());
        days * 86_400 + seconds - i64::from(offset.seconds())
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm): plain
/// arithmetic, so ordering thousands of posts needs no time-zone machinery.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`, or the latter with `Z` or `±HH:MM`: seconds precision.
impl fmt::Display for PostDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (day, time, offset) = match self {
            PostDate::Day(d) => (*d, None, None),
            PostDate::Local(dt) => (dt.date(), Some(dt.time()), None),
            PostDate::Offset(dt, offset) => (dt.date(), Some(dt.time()), Some(*offset)),
        };
        if !(0..=9999).contains(&day.year()) {
            write!(f, "{}", day.strftime("%Y-%m-%d"))?;
            let rest = DateText::default();
            return f.write_str(rest.time_and_offset(time, offset).as_str());
        }
        let mut text = DateText::default();
        text.two_digits(day.year() / 100);
        text.two_digits(day.year() % 100);
        text.push(b'-');
        text.two_digits(day.month().into());
        text.push(b'-');
        text.two_digits(day.day().into());
        f.write_str(text.time_and_offset(time, offset).as_str())
    }
}

/// A date written digit by digit into a fixed buffer: listing prints one per post, and
/// `write!` with padded numbers costs several times more.
#[derive(Default)]
struct DateText {
    bytes: [u8; 25],
    len: usize,
}

impl DateText {
    fn push(&mut self, byte: u8) {
        self.bytes[self.len] = byte;
        self.len += 1;
    }

    /// `value`, which is in `0..100`, as two digits.
    fn two_digits(&mut self, value: i16) {
        let [tens, ones] = [value / 10, value % 10].map(|d| u8::try_from(d).unwrap_or(0));
        self.push(b'0' + tens);
        self.push(b'0' + ones);
    }

    /// `THH:MM:SS` when there is a time, then `Z` or `±HH:MM` when there is an offset.
    fn time_and_offset(mut self, time: Option<Time>, offset: Option<Offset>) -> Self {
        let Some(time) = time else {
            return self;
        };
        self.push(b'T');
        self.two_digits(time.hour().into());
        self.push(b':');
        self.two_digits(time.minute().into());
        self.push(b':');
        self.two_digits(time.second().into());
        match offset.map(Offset::seconds) {
            None => {}
            Some(0) => self.push(b'Z'),
            Some(seconds) => {
                self.push(if seconds < 0 { b'-' } else { b'+' });
                let minutes = i16::try_from(seconds.abs() / 60).unwrap_or(0);
                self.two_digits(minutes / 60);
                self.push(b':');
                self.two_digits(minutes % 60);
            }
        }
        self
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

/// Splits a trailing `Z`, `UTC`, `±HH:MM`, `±HHMM` or `±HH` from a date-time.
fn split_offset(text: &str) -> (&str, Option<Offset>) {
    if let Some(rest) = text.strip_suffix(['Z', 'z']) {
        return (rest, Some(Offset::UTC));
    }
    if let Some(rest) = text.strip_suffix(" UTC") {
        return (rest, Some(Offset::UTC));
    }
    // The offset starts at the last sign that comes after the time of day.
    let time_start = text.find(['T', 't', ' ']).unwrap_or(text.len());
    let Some(sign_at) = text[time_start..].rfind(['+', '-']).map(|i| time_start + i) else {
        return (text, None);
    };
    let digits: String = text[sign_at + 1..].chars().filter(|c| *c != ':').collect();
    if !(digits.len() == 2 || digits.len() == 4) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return (text, None);
    }
    let hours: i32 = digits[..2].parse().unwrap_or(0);
    let minutes: i32 = digits.get(2..).and_then(|m| m.parse().ok()).unwrap_or(0);
    let sign = if text[sign_at..].starts_with('-') {
        -1
    } else {
        1
    };
    match Offset::from_seconds(sign * (hours * 3600 + minutes * 60)) {
        Ok(offset) => (&text[..sign_at], Some(offset)),
        Err(_) => (text, None),
    }
}

fn parse_datetime(text: &str) -> Option<DateTime> {
    let normalised: String = text
        .chars()
        .map(|c| if c == ' ' || c == 't' { 'T' } else { c })
        .collect();
    normalised.parse::<DateTime>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;

    fn shown(text: &str) -> String {
        PostDate::parse(text)
            .map(|d| d.to_string())
            .unwrap_or_else(|| "none".into())
    }

    #[test]
    fn dates_print_as_strftime_prints_them() {
        for text in [
            "0001-01-01",
            "0999-12-31T23:59:59",
            "2026-02-12T08:05:09+08:00",
        ] {
            let date = PostDate::parse(text).unwrap();
            let expected = match date {
                PostDate::Day(d) => d.strftime("%Y-%m-%d").to_string(),
                PostDate::Local(dt) | PostDate::Offset(dt, _) => {
                    dt.strftime("%Y-%m-%dT%H:%M:%S").to_string()
                }
            };
            assert!(date.to_string().starts_with(&expected), "{text}");
        }
    }

    #[test]
    fn every_field_prints_with_its_padding() {
        for (year, month, day) in [(1, 1, 1), (999, 9, 9), (2026, 12, 31), (9999, 10, 10)] {
            let date = jiff::civil::date(year, month, day);
            let datetime = date.at(7, 5, 3, 0);
            let expected_day = date.strftime("%Y-%m-%d").to_string();
            assert_eq!(PostDate::Day(date).to_string(), expected_day);
            let expected_local = datetime.strftime("%Y-%m-%dT%H:%M:%S").to_string();
            assert_eq!(PostDate::Local(datetime).to_string(), expected_local);
            for (seconds, suffix) in [
                (0, "Z"),
                (-(12 * 3600), "-12:00"),
                (-(3 * 3600 + 30 * 60), "-03:30"),
                (5 * 3600 + 45 * 60, "+05:45"),
                (14 * 3600, "+14:00"),
            ] {
                let offset = Offset::from_seconds(seconds).unwrap();
                assert_eq!(
                    PostDate::Offset(datetime, offset).to_string(),
                    format!("{expected_local}{suffix}")
                );
            }
        }
    }

    #[test]
    fn the_three_front_matter_shapes() {
        assert_eq!(shown("2026-02-12"), "2026-02-12");
        assert_eq!(shown("2025-02-08 11:00:01"), "2025-02-08T11:00:01");
        assert_eq!(shown("2025-02-08T02:20:30.000Z"), "2025-02-08T02:20:30Z");
    }

    #[test]
    fn offsets_are_kept() {
        assert_eq!(
            shown("2026-03-01T09:30:00+08:00"),
            "2026-03-01T09:30:00+08:00"
        );
        assert_eq!(
            shown("2025-02-08 11:00:01 +0800"),
            "2025-02-08T11:00:01+08:00"
        );
        assert_eq!(
            shown("2025-02-08T11:00:01-05:30"),
            "2025-02-08T11:00:01-05:30"
        );
        assert_eq!(shown("2025-02-08 11:00"), "2025-02-08T11:00:00");
    }

    #[test]
    fn nonsense_is_not_a_date() {
        assert_eq!(shown("yesterday"), "none");
        assert_eq!(shown("2025-13-01"), "none");
        assert_eq!(shown("二〇二五年二月八日"), "none");
        assert_eq!(shown(""), "none");
    }

    #[test]
    fn file_name_prefix() {
        assert_eq!(
            PostDate::from_file_name("2026-01-05-weekly.md")
                .unwrap()
                .to_string(),
            "2026-01-05"
        );
        assert!(PostDate::from_file_name("2026-01-05.md").is_none());
        assert!(PostDate::from_file_name("notes.md").is_none());
    }

    #[test]
    fn sort_keys_are_seconds_since_the_epoch() {
        for text in [
            "1970-01-01",
            "2000-02-29T12:00:00",
            "2026-03-01T09:30:00+08:00",
            "1969-12-31T23:59:59Z",
            "2025-02-08T02:20:30.000Z",
        ] {
            let date = PostDate::parse(text).unwrap();
            let (datetime, offset) = match date {
                PostDate::Day(d) => (d.to_datetime(jiff::civil::Time::midnight()), Offset::UTC),
                PostDate::Local(dt) => (dt, Offset::UTC),
                PostDate::Offset(dt, offset) => (dt, offset),
            };
            let expected = datetime
                .to_zoned(TimeZone::fixed(offset))
                .unwrap()
                .timestamp()
                .as_second();
            assert_eq!(date.sort_key(), expected, "{text}");
        }
    }

    #[test]
    fn offsets_order_by_the_real_instant() {
        let tokyo = PostDate::parse("2025-02-08T09:00:00+09:00").unwrap();
        let utc = PostDate::parse("2025-02-08T01:00:00Z").unwrap();
        assert!(utc.sort_key() > tokyo.sort_key());
    }
}
