//! Where the user left off in each post: the first visible line, the width it was laid out at,
//! the post's content hash then, and the heading above that line, so that a post changed on
//! disk (or shown at another width) reopens at the nearest heading.
//!
//! Kept beside the marks file as JSON lines sorted by id, written the same safe way: under
//! the marks' lock, after re-reading the file and applying only this process's changes, with
//! [`atomic_file`]. A file that cannot be read is set aside with a message, never fatal. Only
//! the most recently read [`KEPT`] posts are kept, so the file stays small.
//!
//! This module must not depend on the terminal, `app` or `ui`; it never touches posts.

use crate::atomic_file;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader};
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

#[derive(Debug, Serialize, Deserialize)]
struct Line {
    id: String,
    #[serde(flatten)]
    position: Position,
}

/// Why the positions file could not be used; the reader shows it and goes on without.
#[derive(Debug, thiserror::Error)]
pub enum PositionsError {
    #[error("{path}:{line}: reading positions file is corrupt ({message}); set aside as {aside}")]
    Corrupt {
        path: PathBuf,
        line: usize,
        message: String,
        aside: PathBuf,
    },
    #[error("{path}: {error}")]
    Io { path: PathBuf, error: io::Error },
}

/// The positions file and how to read and write it.
#[derive(Debug, Clone)]
pub struct PositionStore {
    pub path: PathBuf,
    /// The marks' lock file: positions and marks are written one process at a time.
    lock: PathBuf,
}

impl PositionStore {
    /// The positions file beside the marks file at `marks`, sharing its lock.
    pub fn beside_marks(marks: &Path) -> Self {
        Self {
            path: marks.with_file_name("positions.jsonl"),
            lock: marks.with_extension("lock"),
        }
    }

    /// Reads the positions; a missing file is none, a corrupt one is set aside.
    pub fn load(&self) -> Result<Positions, PositionsError> {
        match self.read() {
            Ok(positions) => Ok(positions),
            Err(ReadError::Io(error)) => Err(PositionsError::Io {
                path: self.path.clone(),
                error,
            }),
            Err(ReadError::Corrupt { line, message }) => Err(self.set_aside(line, message)),
        }
    }

    /// Applies `changes` to the file's current contents under the lock and writes the result
    /// atomically.
    pub fn save(&self, changes: &[PositionChange]) -> Result<(), PositionsError> {
        let io_error = |error| PositionsError::Io {
            path: self.path.clone(),
            error,
        };
        let folder = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(folder).map_err(io_error)?;
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&self.lock)
            .map_err(io_error)?;
        lock.lock().map_err(io_error)?;
        let mut setaside = None;
        let mut positions = match self.read() {
            Ok(positions) => positions,
            Err(ReadError::Io(error)) => return Err(io_error(error)),
            Err(ReadError::Corrupt { line, message }) => {
                setaside = Some(self.set_aside(line, message));
                Positions::new()
            }
        };
        for (id, position) in changes {
            match position {
                Some(position) => positions.insert(id.clone(), position.clone()),
                None => positions.remove(id),
            };
        }
        self.write_atomically(&positions).map_err(io_error)?;
        drop(lock);
        setaside.map_or(Ok(()), Err)
    }

    fn read(&self) -> Result<Positions, ReadError> {
        let file = match File::open(&self.path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Positions::new()),
            Err(e) => return Err(ReadError::Io(e)),
        };
        let mut positions = Positions::new();
        for (index, line) in BufReader::new(file).lines().enumerate() {
            let corrupt = |message: String| ReadError::Corrupt {
                line: index + 1,
                message,
            };
            let line = line.map_err(|e| corrupt(e.to_string()))?;
            if line.trim().is_empty() {
                continue;
            }
            let parsed: Line = serde_json::from_str(&line).map_err(|e| corrupt(e.to_string()))?;
            positions.insert(parsed.id, parsed.position);
        }
        Ok(positions)
    }

    /// Writes the [`KEPT`] most recent positions as sorted JSON lines, atomically.
    fn write_atomically(&self, positions: &Positions) -> io::Result<()> {
        let mut entries: Vec<(&String, &Position)> = positions.iter().collect();
        if entries.len() > KEPT {
            entries.sort_unstable_by(|a, b| b.1.at.cmp(&a.1.at).then_with(|| a.0.cmp(b.0)));
            entries.truncate(KEPT);
        }
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut text = String::new();
        for (id, position) in entries {
            let line = Line {
                id: id.clone(),
                position: position.clone(),
            };
            text.push_str(&serde_json::to_string(&line).map_err(io::Error::other)?);
            text.push('\n');
        }
        atomic_file::write_atomically(&self.path, text.as_bytes())
    }

    fn set_aside(&self, line: usize, message: String) -> PositionsError {
        let stamp = jiff::Timestamp::now().as_second();
        let aside = self.path.with_extension(format!("corrupt-{stamp}"));
        let _ = fs::rename(&self.path, &aside);
        PositionsError::Corrupt {
            path: self.path.clone(),
            line,
            message,
            aside,
        }
    }
}

enum ReadError {
    Io(io::Error),
    Corrupt { line: usize, message: String },
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(error.to_string().contains("set aside"));
        assert!(store.load().unwrap().is_empty());
        store.save(&[("b".into(), Some(at(5, 1)))]).unwrap();
        assert_eq!(store.load().unwrap().len(), 1);
    }
}
