//! Seen stories: which stories the reader has had on screen (or whose source was opened),
//! remembered by identity so that a later briefing carrying one can say "seen 02-12".
//!
//! A story is remembered under each of its keys: `u:` and its folded source URL, and `h:`
//! and its folded heading when it may be matched by heading. Each key keeps the day of the
//! post it was first seen in (today's date for an undated post) and that post's id. The file
//! sits beside the marks (`seen-stories.jsonl`), one sorted JSON line a key, and is written
//! as the marks are: re-read under the marks' lock, this process's changes applied (the
//! earliest sighting of a key wins), written atomically. A file that cannot be read is set
//! aside and never fatal.
//!
//! Read and written through [`crate::state_file`] (bounded reads, a bounded wait for the
//! lock, catalogued errors). Depends on nothing of the UI.

use super::{HEADING_DAYS, PostStory};
use crate::state_file::{StateError, StateFile};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where and when a key was first seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sighting {
    /// The day of the post it was seen in.
    #[serde(with = "day_text")]
    pub date: Date,
    /// That post's id (see [`crate::marks::post_id`]).
    pub post: String,
}

/// One key seen by this process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenChange {
    pub key: String,
    pub sighting: Sighting,
}

/// Seen story keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen {
    by_key: BTreeMap<String, Sighting>,
}

/// What a reader keeps of each story of the posts it lists: the keys it is remembered under
/// ([`story_keys`]), and its folded heading, by which a recurring section is known
/// ([`super::sections`]) even when the heading is too narrow to be a key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoundKeys {
    pub keys: Vec<String>,
    pub heading: Option<String>,
}

impl FoundKeys {
    pub fn of(story: &PostStory) -> Self {
        Self {
            keys: story_keys(story),
            heading: story.heading_key.clone(),
        }
    }
}

/// The keys a story is remembered under.
pub fn story_keys(story: &PostStory) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(url) = &story.source_key {
        keys.push(format!("u:{url}"));
    }
    if let Some(heading) = story.heading_identity() {
        keys.push(format!("h:{heading}"));
    }
    keys
}

impl Seen {
    /// Keeps the earliest sighting of the change's key.
    pub fn apply(&mut self, change: &SeenChange) {
        match self.by_key.get_mut(&change.key) {
            Some(known) if known.date <= change.sighting.date => {}
            Some(known) => *known = change.sighting.clone(),
            None => {
                self.by_key
                    .insert(change.key.clone(), change.sighting.clone());
            }
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    /// When `story`, carried by the post `post` of day `day`, was first seen in an **earlier**
    /// post: by its source, or by its heading within [`HEADING_DAYS`] days.
    pub fn seen_before(&self, story: &PostStory, post: &str, day: Option<Date>) -> Option<Date> {
        let earlier = |sighting: &Sighting| {
            sighting.post != post && day.is_none_or(|day| sighting.date <= day)
        };
        let by_url = story
            .source_key
            .as_ref()
            .and_then(|url| self.by_key.get(&format!("u:{url}")))
            .filter(|s| earlier(s));
        let by_heading = story
            .heading_identity()
            .and_then(|h| self.by_key.get(&format!("h:{h}")))
            .filter(|s| earlier(s))
            .filter(|s| {
                day.is_some_and(|day| {
                    s.date
                        .until(day)
                        .is_ok_and(|span| i64::from(span.get_days()).abs() <= HEADING_DAYS)
                })
            });
        [by_url, by_heading]
            .into_iter()
            .flatten()
            .map(|s| s.date)
            .min()
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

/// A day as `YYYY-MM-DD` in the file.
mod day_text {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(date)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Line {
    key: String,
    #[serde(flatten)]
    sighting: Sighting,
}

/// Why the file could not be used; the caller shows it and goes on.
pub type SeenError = StateError;

/// The seen-stories file beside a marks file.
#[derive(Debug, Clone)]
pub struct SeenStore {
    pub path: PathBuf,
    file: StateFile,
}

impl SeenStore {
    /// The store beside the marks file `marks`, sharing its lock.
    pub fn beside_marks(marks: &Path) -> Self {
        let file = StateFile::beside_marks(marks, "seen-stories.jsonl");
        Self {
            path: file.path.clone(),
            file,
        }
    }

    /// Reads the file; missing is nothing seen, corrupt is set aside.
    pub fn load(&self) -> Result<Seen, SeenError> {
        let lines: Vec<Line> = self.file.load()?;
        Ok(Self::from_lines(lines))
    }

    /// Applies `changes` to the file's contents under the lock and writes it atomically;
    /// returns what is now on disk.
    pub fn save(&self, changes: &[SeenChange]) -> Result<Seen, SeenError> {
        let mut now = Seen::default();
        self.file.save(|lines: Vec<Line>| {
            let mut seen = Self::from_lines(lines);
            for change in changes {
                seen.apply(change);
            }
            let lines = seen
                .by_key
                .iter()
                .map(|(key, sighting)| Line {
                    key: key.clone(),
                    sighting: sighting.clone(),
                })
                .collect();
            now = seen;
            lines
        })?;
        Ok(now)
    }

    fn from_lines(lines: Vec<Line>) -> Seen {
        let mut seen = Seen::default();
        for line in lines {
            seen.by_key.insert(line.key, line.sighting);
        }
        seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn change(key: &str, date: &str, post: &str) -> SeenChange {
        SeenChange {
            key: key.into(),
            sighting: Sighting {
                date: date.parse().unwrap(),
                post: post.into(),
            },
        }
    }

    fn story(url: Option<&str>, heading: Option<&str>) -> PostStory {
        PostStory {
            title: heading.unwrap_or_default().to_string(),
            source: None,
            source_key: url.map(String::from),
            heading_key: heading.map(String::from),
        }
    }

    #[test]
    fn saves_merge_with_another_writer_and_keep_the_first_sighting() {
        let dir = tempfile::tempdir().unwrap();
        let marks = dir.path().join("state/marks.jsonl");
        let one = SeenStore::beside_marks(&marks);
        let two = SeenStore::beside_marks(&marks);
        one.save(&[change("u:a.example/x", "2026-02-13", "p13")])
            .unwrap();
        two.save(&[change("u:b.example/y", "2026-02-14", "p14")])
            .unwrap();
        let seen = one
            .save(&[change("u:a.example/x", "2026-02-14", "p14")])
            .unwrap();
        assert_eq!(seen.len(), 2);
        let date = seen.seen_before(&story(Some("a.example/x"), None), "p14", None);
        assert_eq!(date, "2026-02-13".parse().ok());
        assert_eq!(one.load().unwrap(), seen);
        let text = fs::read_to_string(&one.path).unwrap();
        assert!(text.starts_with("{\"key\":\"u:a.example/x\",\"date\":\"2026-02-13\""));
    }

    #[test]
    fn only_earlier_posts_count_and_headings_only_within_a_week() {
        let mut seen = Seen::default();
        seen.apply(&change("u:a.example/x", "2026-02-13", "p13"));
        seen.apply(&change("h:芯片公司宣布同一事件", "2026-02-13", "p13"));
        let day = |d: &str| d.parse().ok();
        let by_url = story(Some("a.example/x"), None);
        assert_eq!(seen.seen_before(&by_url, "p13", day("2026-02-13")), None);
        assert!(
            seen.seen_before(&by_url, "p14", day("2026-02-14"))
                .is_some()
        );
        let by_heading = story(Some("other.example/z"), Some("芯片公司宣布同一事件"));
        assert!(
            seen.seen_before(&by_heading, "p20", day("2026-02-20"))
                .is_some()
        );
        assert_eq!(
            seen.seen_before(&by_heading, "p21", day("2026-02-21")),
            None
        );
        assert_eq!(seen.seen_before(&story(None, None), "p14", None), None);
    }

    #[test]
    fn a_corrupt_file_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let store = SeenStore::beside_marks(&dir.path().join("marks.jsonl"));
        fs::write(&store.path, "nonsense\n").unwrap();
        assert!(matches!(
            store.load(),
            Err(SeenError::Corrupt { line: 1, .. })
        ));
        assert!(store.load().unwrap().is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_named_like_the_file_is_refused_promptly() {
        let dir = tempfile::tempdir().unwrap();
        let store = SeenStore::beside_marks(&dir.path().join("marks.jsonl"));
        crate::test_support::make_fifo(&store.path);
        let (load_refused, save_refused) = crate::test_support::within_ten_seconds(move || {
            (store.load().is_err(), store.save(&[]).is_err())
        });
        assert!(load_refused && save_refused);
    }
}
