//! Where the user left off in each post: the first visible line, the width it was laid out at,
//! the post's content hash then, and the heading above that line, so that a post changed on
//! disk (or shown at another width) reopens at the nearest heading.
//!
//! Kept beside the marks file as JSON lines sorted by id, read and written by [`state_file`]
//! (bounded reads, the marks' lock waited for a bounded time, a corrupt file set aside with a
//! message, never fatal). Only the most recently read [`KEPT`] posts are kept, so the file
//! stays small.
//!
//! This module must not depend on the terminal, `app` or `ui`; it never touches posts.

use crate::state_file::{self, StateFile};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// How many posts' positions are kept; the least recently left go first.
pub const KEPT: usize = 2000;

/// Where the user left one post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The first visible line.
    pub line: usize,
    /// The width the post was laid out at.
    pub width: usize,
    /// The post's content hash when it was left.
    pub hash: u64,
    /// The text of the last heading at or above `line`, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// How many headings come before that one.
    #[serde(default)]
    pub ordinal: usize,
    /// When it was left, in seconds since 1970, for keeping the most recent.
    #[serde(default)]
    pub at: i64,
}

/// Positions by post id (the marks' id).
pub type Positions = HashMap<String, Position>;

/// One change made by this process: a position to keep, or `None` to forget it.
pub type PositionChange = (String, Option<Position>);

/// Why the positions file could not be used; the reader shows it and goes on without.
pub type PositionsError = state_file::StateError;

#[derive(Debug, Serialize, Deserialize)]
struct Line {
    id: String,
    #[serde(flatten)]
    position: Position,
}

/// The positions file and how to read and write it.
#[derive(Debug, Clone)]
pub struct PositionStore {
    pub path: PathBuf,
    file: StateFile,
}

impl PositionStore {
    /// The positions file beside the marks file at `marks`, sharing its lock.
    pub fn beside_marks(marks: &Path) -> Self {
        let file = StateFile::beside_marks(marks, "positions.jsonl");
        Self {
            path: file.path.clone(),
            file,
        }
    }

    /// Reads the positions; a missing file is none, a corrupt one is set aside.
    pub fn load(&self) -> Result<Positions, PositionsError> {
        let lines: Vec<Line> = self.file.load()?;
        Ok(lines.into_iter().map(|l| (l.id, l.position)).collect())
    }

    /// Applies `changes` to the file's current contents under the lock and writes the
    /// [`KEPT`] most recent positions, sorted by id, atomically.
    pub fn save(&self, changes: &[PositionChange]) -> Result<(), PositionsError> {
        self.file.save(|lines: Vec<Line>| {
            let mut positions: Positions = lines.into_iter().map(|l| (l.id, l.position)).collect();
            for (id, position) in changes {
                match position {
                    Some(position) => positions.insert(id.clone(), position.clone()),
                    None => positions.remove(id),
                };
            }
            let mut entries: Vec<(String, Position)> = positions.into_iter().collect();
            if entries.len() > KEPT {
                entries.sort_unstable_by(|a, b| b.1.at.cmp(&a.1.at).then_with(|| a.0.cmp(&b.0)));
                entries.truncate(KEPT);
            }
            entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            entries
                .into_iter()
                .map(|(id, position)| Line { id, position })
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::within_ten_seconds;
    use std::fs::{self, OpenOptions};

    fn store() -> (tempfile::TempDir, PositionStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = PositionStore::beside_marks(&dir.path().join("state/marks.jsonl"));
        (dir, store)
    }

    fn at(line: usize, when: i64) -> Position {
        Position {
            line,
            width: 80,
            hash: 7,
            heading: Some("第二节".into()),
            ordinal: 1,
            at: when,
        }
    }

    #[test]
    fn positions_round_trip_and_merge_with_another_writer() {
        let (_dir, store) = store();
        let other = PositionStore::beside_marks(&store.path.with_file_name("marks.jsonl"));
        store.save(&[("mine".into(), Some(at(12, 1)))]).unwrap();
        other.save(&[("theirs".into(), Some(at(3, 2)))]).unwrap();
        store.save(&[("mine".into(), Some(at(40, 3)))]).unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.get("mine"), Some(&at(40, 3)));
        assert_eq!(loaded.get("theirs"), Some(&at(3, 2)));
        store.save(&[("mine".into(), None)]).unwrap();
        assert!(!store.load().unwrap().contains_key("mine"));
    }

    #[test]
    fn only_the_most_recent_positions_are_kept() {
        let (_dir, store) = store();
        let changes: Vec<PositionChange> = (0..KEPT + 5)
            .map(|i| (format!("p{i:05}"), Some(at(1, i as i64))))
            .collect();
        store.save(&changes).unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.len(), KEPT);
        assert!(!loaded.contains_key("p00000"), "the oldest goes first");
        assert!(loaded.contains_key(&format!("p{:05}", KEPT + 4)));
    }

    #[test]
    fn a_corrupt_file_is_set_aside_with_its_line_and_saving_goes_on() {
        let (_dir, store) = store();
        fs::create_dir_all(store.path.parent().unwrap()).unwrap();
        fs::write(
            &store.path,
            "{\"id\":\"a\",\"line\":1,\"width\":80,\"hash\":1}\n{oops\n",
        )
        .unwrap();
        let error = store.load().unwrap_err();
        assert!(
            matches!(&error, PositionsError::Corrupt { line: 2, .. }),
            "{error}"
        );
        assert!(error.to_string().contains("positions.jsonl:2:"), "{error}");
        assert!(error.to_string().contains("set aside"));
        let japanese = error.localized(brief_i18n::Lang::Ja.catalog());
        assert!(japanese.contains("positions.jsonl:2"), "{japanese}");
        assert!(japanese.contains("退避"), "{japanese}");
        assert!(store.load().unwrap().is_empty());
        store.save(&[("b".into(), Some(at(5, 1)))]).unwrap();
        assert_eq!(store.load().unwrap().len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_named_like_the_positions_file_is_refused_promptly() {
        let (_dir, store) = store();
        fs::create_dir_all(store.path.parent().unwrap()).unwrap();
        crate::test_support::make_fifo(&store.path);
        let loader = store.clone();
        let error = within_ten_seconds(move || loader.load().map(|_| ()).unwrap_err().to_string());
        assert!(error.contains("FIFO"), "{error}");
        let saver = store.clone();
        let error = within_ten_seconds(move || {
            saver
                .save(&[("a".into(), Some(at(1, 1)))])
                .unwrap_err()
                .to_string()
        });
        assert!(error.contains("FIFO"), "{error}");
    }

    #[test]
    fn a_lock_held_elsewhere_fails_the_save_within_seconds() {
        let (_dir, store) = store();
        store.save(&[("a".into(), Some(at(1, 1)))]).unwrap();
        let held = OpenOptions::new()
            .write(true)
            .open(store.path.with_file_name("marks.lock"))
            .unwrap();
        held.lock().unwrap();
        let saver = store.clone();
        let start = std::time::Instant::now();
        let error = within_ten_seconds(move || {
            saver
                .save(&[("b".into(), Some(at(2, 2)))])
                .unwrap_err()
                .to_string()
        });
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
        assert!(error.contains("locked by another process"), "{error}");
        held.unlock().unwrap();
        store.save(&[("b".into(), Some(at(2, 2)))]).unwrap();
        assert_eq!(store.load().unwrap().len(), 2);
    }
}
