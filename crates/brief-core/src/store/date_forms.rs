//! The date forms people write besides ISO 8601, and dates found in paths.
//!
//! Accepted: `2024/06/17`, `2024.6.17`, `2024年6月17日`, one-digit months, days and hours
//! (`2024-05-29 9:00:00 +0000`), month names (`Jul 1, 2019`, `1 July 2019`, RFC 2822's
//! `Mon, 01 Jul 2019 10:00:00 +0000`), and `d/m/yyyy` or `m/d/yyyy` when one of the first two
//! numbers is over 12. `01/02/2024` could be either and is refused ([`is_ambiguous`]).
//! Paths: a `YYYY-MM-DD` file or folder name (or its prefix), folders `YYYY/MM[/DD]`, and
//! the same in a `url`/`slug`/`path` value.
//!
//! Depends only on jiff and [`super::date`].

use super::date::PostDate;
use jiff::civil::Date;
use std::path::Path;

/// A date in one of the looser forms; `None` for anything else.
pub fn parse_loose(text: &str) -> Option<PostDate> {
    let text = text.trim();
    if let Some((year, month, day, rest)) = leading_ymd(text) {
        let date = Date::new(year, month, day).ok()?;
        let rest = rest.trim_start_matches(['T', 't', ' ']);
        if rest.is_empty() {
            return Some(PostDate::Day(date));
        }
        let (hour, after_hour) = split_number(rest, 2)?;
        if !after_hour.starts_with(':') {
            return None;
        }
        let iso = format!("{date}T{hour:02}{after_hour}");
        return PostDate::parse_iso(&iso);
    }
    if let Some(date) = month_day_year(text) {
        return Some(PostDate::Day(date));
    }
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(text) {
        return Some(PostDate::Offset(zoned.datetime(), zoned.offset()));
    }
    for format in [
        "%b %d, %Y",
        "%B %d, %Y",
        "%b %d %Y",
        "%B %d %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%d %b, %Y",
        "%d %B, %Y",
        "%a, %b %d, %Y",
        "%A, %B %d, %Y",
    ] {
        if let Ok(date) = Date::strptime(format, text) {
            return Some(PostDate::Day(date));
        }
    }
    None
}

/// `01/02/2024`: day and month could be either way round, so no date is guessed.
pub fn is_ambiguous(text: &str) -> bool {
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).collect();
    let [a, b, y] = parts.as_slice() else {
        return false;
    };
    let (Ok(a), Ok(b)) = (a.parse::<u8>(), b.parse::<u8>()) else {
        return false;
    };
    y.len() == 4
        && y.bytes().all(|c| c.is_ascii_digit())
        && (1..=12).contains(&a)
        && (1..=12).contains(&b)
        && a != b
}

/// `13/02/2024` or `02/13/2024`: the number over 12 is the day.
fn month_day_year(text: &str) -> Option<Date> {
    let parts: Vec<&str> = text.split(['/', '.']).collect();
    let [a, b, y] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 {
        return None;
    }
    let (a, b, year) = (
        a.parse::<i8>().ok()?,
        b.parse::<i8>().ok()?,
        y.parse().ok()?,
    );
    let (month, day) = match (a > 12, b > 12) {
        (true, false) => (b, a),
        (false, true) => (a, b),
        _ if a == b => (a, b),
        _ => return None,
    };
    Date::new(year, month, day).ok()
}

/// A leading `YYYY-M-D`, `YYYY/M/D`, `YYYY.M.D` or `YYYY年M月D日`, and what follows.
fn leading_ymd(text: &str) -> Option<(i16, i8, i8, &str)> {
    let (year, rest) = split_number(text, 4)?;
    if year < 1000 {
        return None;
    }
    let (sep_month, sep_day) = match rest.chars().next()? {
        c @ ('-' | '/' | '.') => (c, Some(c)),
        '年' => ('年', None),
        _ => return None,
    };
    let (month, rest) = split_number(&rest[sep_month.len_utf8()..], 2)?;
    let rest = match sep_day {
        Some(sep) => rest.strip_prefix(sep)?,
        None => rest.strip_prefix('月')?,
    };
    let (day, rest) = split_number(rest, 2)?;
    let rest = if sep_day.is_none() {
        rest.strip_prefix('日')?
    } else {
        rest
    };
    // `2024-06-170` is not a date followed by something.
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
        rest,
    ))
}

/// Up to `max` leading ASCII digits as a number, and the rest.
fn split_number(text: &str, max: usize) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > max {
        return None;
    }
    Some((text[..digits].parse().ok()?, &text[digits..]))
}

/// The text with a leading `YYYY-MM-DD-` (or `_`) removed; the whole name when it is a date.
pub fn strip_date_prefix(name: &str) -> &str {
    match leading_ymd(name) {
        Some((.., rest)) if rest.is_empty() || rest.starts_with(['-', '_', ' ']) => {
            rest.trim_start_matches(['-', '_', ' '])
        }
        _ => name,
    }
}

/// A date from a file's name or folders: `2023-08-01-name.md`, `2023-08-01.md`,
/// `2023-08-01-name/index.md`, `2023/08/01/name.md`, `2023/08/name.md` (the month's first day).
pub fn from_path(path: &Path) -> Option<PostDate> {
    let names: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let (file, folders) = names.split_last()?;
    let stem = file
        .rsplit_once('.')
        .map_or(file.as_str(), |(stem, _)| stem);
    if let Some(date) = name_date(stem) {
        return Some(date);
    }
    if let Some(parent) = folders.last()
        && let Some(date) = name_date(parent)
    {
        return Some(date);
    }
    folder_date(folders.iter().map(String::as_str))
}

/// A date in a site-relative address: `/2018/09/05/intro/` or `/posts/2018-09-05-intro`.
pub fn from_url_path(value: &str) -> Option<PostDate> {
    let segments: Vec<&str> = value
        .split('/')
        .filter(|s| !s.is_empty() && !s.contains(':'))
        .collect();
    segments
        .iter()
        .find_map(|s| name_date(s))
        .or_else(|| folder_date(segments.iter().copied()))
}

/// A name that is a date or starts with one followed by `-`, `_` or a space.
fn name_date(name: &str) -> Option<PostDate> {
    let (year, month, day, rest) = leading_ymd(name)?;
    if !(rest.is_empty() || rest.starts_with(['-', '_', ' '])) || !name[4..].starts_with('-') {
        return None;
    }
    Date::new(year, month, day).ok().map(PostDate::Day)
}

/// The last `YYYY/MM[/DD]` run of folder names.
fn folder_date<'a>(names: impl Iterator<Item = &'a str>) -> Option<PostDate> {
    let names: Vec<&str> = names.collect();
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i16>().ok())
            .flatten()
    };
    (0..names.len().saturating_sub(1)).rev().find_map(|i| {
        let year = number(names[i], 4..=4).filter(|y| (1900..=2200).contains(y))?;
        let month = i8::try_from(number(names[i + 1], 1..=2)?).ok()?;
        let day = names
            .get(i + 2)
            .and_then(|d| number(d, 1..=2))
            .and_then(|d| i8::try_from(d).ok())
            .filter(|d| Date::new(year, month, *d).is_ok())
            .unwrap_or(1);
        Date::new(year, month, day).ok().map(PostDate::Day)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        PostDate::parse(text).map_or_else(|| "none".into(), |d| d.to_string())
    }

    #[test]
    fn forms_seen_in_the_wild() {
        assert_eq!(shown("2024/06/17"), "2024-06-17");
        assert_eq!(shown("2024.6.7"), "2024-06-07");
        assert_eq!(shown("2024-05-29 9:00:00 +0000"), "2024-05-29T09:00:00Z");
        assert_eq!(
            shown("2019-07-01 10:00:00 +09:00"),
            "2019-07-01T10:00:00+09:00"
        );
        assert_eq!(shown("Jul 1, 2019"), "2019-07-01");
        assert_eq!(shown("July 12, 2019"), "2019-07-12");
        assert_eq!(shown("1 July 2019"), "2019-07-01");
        assert_eq!(
            shown("Mon, 01 Jul 2019 10:00:00 +0000"),
            "2019-07-01T10:00:00Z"
        );
        assert_eq!(shown("2024年6月17日"), "2024-06-17");
        assert_eq!(shown("2024年6月17日 8:30"), "2024-06-17T08:30:00");
        assert_eq!(shown("13/02/2024"), "2024-02-13");
        assert_eq!(shown("02/13/2024"), "2024-02-13");
    }

    #[test]
    fn ambiguous_forms_are_refused() {
        assert_eq!(shown("01/02/2024"), "none");
        assert!(is_ambiguous("01/02/2024"));
        assert!(!is_ambiguous("13/02/2024"));
        assert!(!is_ambiguous("2024/01/02"));
        assert_eq!(shown("2024/13/01"), "none");
        assert_eq!(shown("2024-05-29 9:00:61"), "none");
        assert_eq!(shown("2024-05-29 9"), "none");
    }

    #[test]
    fn dates_in_paths() {
        let from = |p: &str| from_path(Path::new(p)).map(|d| d.to_string());
        assert_eq!(from("posts/2023/08/post.md").as_deref(), Some("2023-08-01"));
        assert_eq!(from("2023/08/15/post.md").as_deref(), Some("2023-08-15"));
        assert_eq!(
            from("content/2023-08-01-name/index.md").as_deref(),
            Some("2023-08-01")
        );
        assert_eq!(
            from("_posts/2026-01-05-weekly.md").as_deref(),
            Some("2026-01-05")
        );
        assert_eq!(from("notes/2024-06-17.md").as_deref(), Some("2024-06-17"));
        assert_eq!(from("notes/2024/post.md"), None);
        assert_eq!(from("issue-2023.md"), None);
        let url = |u: &str| from_url_path(u).map(|d| d.to_string());
        assert_eq!(url("/2018/09/05/intro/").as_deref(), Some("2018-09-05"));
        assert_eq!(url("blog/2018-09-05-intro").as_deref(), Some("2018-09-05"));
        assert_eq!(url("/about/"), None);
    }

    #[test]
    fn date_prefixes_come_off_names() {
        assert_eq!(strip_date_prefix("2023-08-01-camera"), "camera");
        assert_eq!(strip_date_prefix("2023-08-01"), "");
        assert_eq!(strip_date_prefix("issue-123"), "issue-123");
    }

    proptest::proptest! {
        #[test]
        fn any_text_parses_or_not_without_panicking(text in "[0-9/.:年月日 +TZa-zA-Z,-]{0,40}") {
            let _ = PostDate::parse(&text);
            let _ = is_ambiguous(&text);
            let _ = strip_date_prefix(&text);
            let _ = from_url_path(&text);
            let _ = from_path(Path::new(&text));
        }
    }
}
