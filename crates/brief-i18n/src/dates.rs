//! Weekday and month names in a `date_format`: `%a`, `%A`, `%b`, `%h` and `%B` become the
//! interface language's names before strftime sees the format, so numeric dates stay as
//! they are and only the words change.

use super::Catalog;

/// `format` with the name directives replaced by `date`'s names from `words`, escaped for
/// strftime. Other directives, and `%%`, are left alone.
pub fn localize_date_format(format: &str, date: jiff::civil::Date, words: &Catalog) -> String {
    if !format.contains('%') {
        return format.to_string();
    }
    let weekday = usize::from(date.weekday().to_monday_zero_offset().unsigned_abs());
    let month = usize::from(date.month().unsigned_abs()).saturating_sub(1);
    let name = |list: &str, i: usize| list.split(' ').nth(i).unwrap_or("").replace('%', "%%");
    let mut out = String::with_capacity(format.len() + 8);
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('a') => out.push_str(&name(words.weekdays_short, weekday)),
            Some('A') => out.push_str(&name(words.weekdays_long, weekday)),
            Some('b' | 'h') => out.push_str(&name(words.months_short, month)),
            Some('B') => out.push_str(&name(words.months_long, month)),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn every_language_names_seven_days_and_twelve_months() {
        for lang in Lang::ALL {
            let words = lang.catalog();
            for (list, n) in [
                (words.weekdays_short, 7),
                (words.weekdays_long, 7),
                (words.months_short, 12),
                (words.months_long, 12),
            ] {
                let names: Vec<&str> = list.split(' ').collect();
                assert_eq!(names.len(), n, "{lang}: {list}");
                assert!(names.iter().all(|n| !n.is_empty()), "{lang}: {list}");
            }
        }
    }

    #[test]
    fn names_are_translated_and_numbers_stay() {
        let date = jiff::civil::date(2026, 2, 13);
        let shown = |format: &str, lang: Lang| {
            date.strftime(&localize_date_format(format, date, lang.catalog()))
                .to_string()
        };
        assert_eq!(shown("%Y-%m-%d", Lang::Ja), "2026-02-13");
        assert_eq!(shown("%a %m-%d", Lang::En), "Fri 02-13");
        assert_eq!(shown("%a %m-%d", Lang::ZhHans), "周五 02-13");
        assert_eq!(shown("%A", Lang::ZhHant), "星期五");
        assert_eq!(shown("%m/%d (%a)", Lang::Ja), "02/13 (金)");
        assert_eq!(shown("%B %-d", Lang::En), "February 13");
        assert_eq!(shown("%b", Lang::ZhHans), "2月");
        assert_eq!(shown("100%% %a", Lang::En), "100% Fri");
    }
}
