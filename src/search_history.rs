//! Earlier searches, kept across restarts for the prompt's `Up` and `Down`: one JSON string a
//! line, oldest first, at most [`KEPT`]. Written like the marks: under the marks' lock, after
//! re-reading the file (so two readers lose no search), atomically with [`atomic_file`]; a file
//! that cannot be read is set aside with a message, never fatal.
//!
//! This module must not depend on the terminal, `app` or `ui`.

use crate::atomic_file;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

/// How many searches are kept.
pub const KEPT: usize = 100;

/// Why the history could not be used; the reader shows it and goes on without.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("{path}:{line}: search history is corrupt ({message}); set aside as {aside}")]
    Corrupt {
        path: PathBuf,
        line: usize,
        message: String,
        aside: PathBuf,
    },
    #[error("{path}: {error}")]
    Io { path: PathBuf, error: io::Error },
}

/// The history file and how to read and write it.
#[derive(Debug, Clone)]
pub struct HistoryStore {
    pub path: PathBuf,
    lock: PathBuf,
}

impl HistoryStore {
    /// The history file beside the marks file at `marks`, sharing its lock.
    pub fn beside_marks(marks: &Path) -> Self {
        Self {
            path: marks.with_file_name("search-history.jsonl"),
            lock: marks.with_extension("lock"),
        }
    }

    /// The searches, oldest first; a missing file is none, a corrupt one is set aside.
    pub fn load(&self) -> Result<Vec<String>, HistoryError> {
        match self.read() {
            Ok(history) => Ok(history),
            Err(ReadError::Io(error)) => Err(HistoryError::Io {
                path: self.path.clone(),
                error,
            }),
            Err(ReadError::Corrupt { line, message }) => Err(self.set_aside(line, message)),
        }
    }

    /// Adds `query` as the newest search (dropping an earlier copy) to what the file holds now.
    pub fn add(&self, query: &str) -> Result<(), HistoryError> {
        let io_error = |error| HistoryError::Io {
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
        let mut history = match self.read() {
            Ok(history) => history,
            Err(ReadError::Io(error)) => return Err(io_error(error)),
            Err(ReadError::Corrupt { line, message }) => {
                setaside = Some(self.set_aside(line, message));
                Vec::new()
            }
        };
        history.retain(|q| q != query);
        history.push(query.to_string());
        let extra = history.len().saturating_sub(KEPT);
        history.drain(..extra);
        let mut text = String::new();
        for query in &history {
            text.push_str(
                &serde_json::to_string(query).map_err(|e| io_error(io::Error::other(e)))?,
            );
            text.push('\n');
        }
        atomic_file::write_atomically(&self.path, text.as_bytes()).map_err(io_error)?;
        drop(lock);
        setaside.map_or(Ok(()), Err)
    }

    fn read(&self) -> Result<Vec<String>, ReadError> {
        let file = match File::open(&self.path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(ReadError::Io(e)),
        };
        let mut history = Vec::new();
        for (index, line) in BufReader::new(file).lines().enumerate() {
            let corrupt = |message: String| ReadError::Corrupt {
                line: index + 1,
                message,
            };
            let line = line.map_err(|e| corrupt(e.to_string()))?;
            if line.trim().is_empty() {
                continue;
            }
            history.push(serde_json::from_str(&line).map_err(|e| corrupt(e.to_string()))?);
        }
        Ok(history)
    }

    fn set_aside(&self, line: usize, message: String) -> HistoryError {
        let stamp = jiff::Timestamp::now().as_second();
        let aside = self.path.with_extension(format!("corrupt-{stamp}"));
        let _ = fs::rename(&self.path, &aside);
        HistoryError::Corrupt {
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

    #[test]
    fn searches_are_kept_newest_last_without_repeats_at_most_a_hundred() {
        let dir = tempfile::tempdir().unwrap();
        let store = HistoryStore::beside_marks(&dir.path().join("state/marks.jsonl"));
        let other = HistoryStore::beside_marks(&dir.path().join("state/marks.jsonl"));
        store.add("云计算 AI").unwrap();
        other.add("\"Oracle 泡沫\"").unwrap();
        store.add("云计算 AI").unwrap();
        assert_eq!(store.load().unwrap(), ["\"Oracle 泡沫\"", "云计算 AI"]);
        for i in 0..KEPT + 10 {
            store.add(&format!("q{i}")).unwrap();
        }
        let history = store.load().unwrap();
        assert_eq!(history.len(), KEPT);
        assert_eq!(history.last().unwrap(), &format!("q{}", KEPT + 9));
    }

    #[test]
    fn a_corrupt_history_is_set_aside_and_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let store = HistoryStore::beside_marks(&dir.path().join("marks.jsonl"));
        fs::write(&store.path, "\"ok\"\nnot json\n").unwrap();
        let error = store.load().unwrap_err();
        assert!(
            matches!(error, HistoryError::Corrupt { line: 2, .. }),
            "{error}"
        );
        assert!(store.load().unwrap().is_empty());
        store.add("again").unwrap();
        assert_eq!(store.load().unwrap(), ["again"]);
    }
}
