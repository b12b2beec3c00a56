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
//! Depends on `atomic_file` and `store` dates only; nothing of the UI.

use super::{HEADING_DAYS, PostStory};
use crate::atomic_file;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader};
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

/// The keys a story is remembered under.
pub fn story_keys(story: &PostStory) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(url) = &story.source_key {
        keys.push(format!("u:{url}"));
    }
    if let Some(heading) = &story.heading_key {
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
            .heading_key
            .as_ref()
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
#[derive(Debug, thiserror::Error)]
pub enum SeenError {
    #[error("{path}:{line}: seen-stories file is corrupt ({message}); set aside as {aside}")]
    Corrupt {
        path: PathBuf,
        line: usize,
        message: String,
        aside: PathBuf,
    },
    #[error("{path}: {error}")]
    Io { path: PathBuf, error: io::Error },
}

/// The seen-stories file beside a marks file.
#[derive(Debug, Clone)]
pub struct SeenStore {
    pub path: PathBuf,
    lock: PathBuf,
}

impl SeenStore {
    /// The store beside the marks file `marks`, sharing its lock.
    pub fn beside_marks(marks: &Path) -> Self {
        Self {
            path: marks.with_file_name("seen-stories.jsonl"),
            lock: marks.with_extension("lock"),
        }
    }

    /// Reads the file; missing is nothing seen, corrupt is set aside.
    pub fn load(&self) -> Result<Seen, SeenError> {
        match self.read() {
            Ok(seen) => Ok(seen),
            Err(Read::Io(error)) => Err(self.io(error)),
            Err(Read::Corrupt(line, message)) => Err(self.set_aside(line, message)),
        }
    }

    /// Applies `changes` to the file's contents under the lock and writes it atomically;
    /// returns what is now on disk.
    pub fn save(&self, changes: &[SeenChange]) -> Result<Seen, SeenError> {
        let folder = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(folder).map_err(|e| self.io(e))?;
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&self.lock)
            .map_err(|e| self.io(e))?;
        lock.lock().map_err(|e| self.io(e))?;
        let mut aside = None;
        let mut seen = match self.read() {
            Ok(seen) => seen,
            Err(Read::Io(error)) => return Err(self.io(error)),
            Err(Read::Corrupt(line, message)) => {
                aside = Some(self.set_aside(line, message));
                Seen::default()
            }
        };
        for change in changes {
            seen.apply(change);
        }
        let mut text = String::new();
        for (key, sighting) in &seen.by_key {
            let line = Line {
                key: key.clone(),
                sighting: sighting.clone(),
            };
            text.push_str(&serde_json::to_string(&line).map_err(|e| self.io(io::Error::other(e)))?);
            text.push('\n');
        }
        atomic_file::write_atomically(&self.path, text.as_bytes()).map_err(|e| self.io(e))?;
        drop(lock);
        match aside {
            Some(error) => Err(error),
            None => Ok(seen),
        }
    }

    fn io(&self, error: io::Error) -> SeenError {
        SeenError::Io {
            path: self.path.clone(),
            error,
        }
    }

    fn read(&self) -> Result<Seen, Read> {
        let file = match File::open(&self.path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Seen::default()),
            Err(e) => return Err(Read::Io(e)),
        };
        let mut seen = Seen::default();
        for (index, line) in BufReader::new(file).lines().enumerate() {
            let line = line.map_err(|e| Read::Corrupt(index + 1, e.to_string()))?;
            if line.trim().is_empty() {
                continue;
            }
            let parsed: Line =
                serde_json::from_str(&line).map_err(|e| Read::Corrupt(index + 1, e.to_string()))?;
            seen.by_key.insert(parsed.key, parsed.sighting);
        }
        Ok(seen)
    }

    fn set_aside(&self, line: usize, message: String) -> SeenError {
        let stamp = jiff::Timestamp::now().as_second();
        let aside = self.path.with_extension(format!("corrupt-{stamp}"));
        let _ = fs::rename(&self.path, &aside);
        SeenError::Corrupt {
            path: self.path.clone(),
            line,
            message,
            aside,
        }
    }
}

enum Read {
    Io(io::Error),
    Corrupt(usize, String),
}

#[cfg(test)]
mod tests {
    use super::*;

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
            title: String::new(),
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
        seen.apply(&change("h:同一事件", "2026-02-13", "p13"));
        let day = |d: &str| d.parse().ok();
        let by_url = story(Some("a.example/x"), None);
        assert_eq!(seen.seen_before(&by_url, "p13", day("2026-02-13")), None);
        assert!(
            seen.seen_before(&by_url, "p14", day("2026-02-14"))
                .is_some()
        );
        let by_heading = story(Some("other.example/z"), Some("同一事件"));
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
}
