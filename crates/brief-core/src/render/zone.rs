//! Dates with a zone (`Z`, `+08:00`) shown in the reader's local zone: `2025-02-08T02:20:30Z`
//! read in Tokyo shows as `2025-02-08 11:20:30+09:00`. Days and zone-less times are left as
//! written: there is nothing to convert them from. The `utc` setting turns this off.
//!
//! Must not depend on the terminal, `app` or `ui`.

use crate::store::{Post, PostDate};
use jiff::tz::TimeZone;

/// `date` as the wall-clock time in `zone`, keeping its instant.
pub fn in_zone(date: PostDate, zone: &TimeZone) -> PostDate {
    let PostDate::Offset(datetime, offset) = date else {
        return date;
    };
    let Ok(instant) = offset.to_timestamp(datetime) else {
        return date;
    };
    let local = instant.to_zoned(zone.clone());
    PostDate::Offset(local.datetime(), local.offset())
}

/// The post with its date in `zone`, for laying out its header.
pub fn post_in_zone(post: &Post, zone: &TimeZone) -> Post {
    Post {
        date: post.date.map(|d| in_zone(d, zone)),
        ..post.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoned_times_move_to_the_zone_and_others_stay() {
        let tokyo = TimeZone::fixed(jiff::tz::offset(9));
        let utc = PostDate::parse("2025-02-08T02:20:30Z").unwrap();
        assert_eq!(
            in_zone(utc, &tokyo).to_string(),
            "2025-02-08T11:20:30+09:00"
        );
        let shanghai = PostDate::parse("2025-02-08T23:00:00+08:00").unwrap();
        assert_eq!(
            in_zone(shanghai, &tokyo).to_string(),
            "2025-02-09T00:00:00+09:00"
        );
        for unzoned in ["2025-02-08", "2025-02-08T10:00:00"] {
            let date = PostDate::parse(unzoned).unwrap();
            assert_eq!(in_zone(date, &tokyo), date);
        }
    }
}
