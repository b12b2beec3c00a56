//! Earlier searches, kept across restarts for the prompt's `Up` and `Down`: one JSON string a
//! line, oldest first, at most [`KEPT`]. Read and written by [`state_file`] beside the marks:
//! under the marks' lock (waited for a bounded time), after re-reading the file (so two
//! readers lose no search), atomically; a file that cannot be read is set aside with a
//! message, never fatal.
//!
//! This module must not depend on the terminal, `app` or `ui`.

use crate::state_file::{self, StateFile};
use std::path::{Path, PathBuf};

/// How many searches are kept.
pub const KEPT: usize = 100;

/// Why the history could not be used; the reader shows it and goes on without.
pub type HistoryError = state_file::StateError;

/// The history file and how to read and write it.
#[derive(Debug, Clone)]
pub struct HistoryStore {
    pub path: PathBuf,
    file: StateFile,
}

impl HistoryStore {
    /// The history file beside the marks file at `marks`, sharing its lock.
    pub fn beside_marks(marks: &Path) -> Self {
        let file = StateFile::beside_marks(marks, "search-history.jsonl");
        Self {
            path: file.path.clone(),
            file,
        }
    }

    /// The searches, oldest first; a missing file is none, a corrupt one is set aside.
    pub fn load(&self) -> Result<Vec<String>, HistoryError> {
        self.file.load()
    }

    /// Adds `query` as the newest search (dropping an earlier copy) to what the file holds now.
    pub fn add(&self, query: &str) -> Result<(), HistoryError> {
        self.file.save(|mut history: Vec<String>| {
            history.retain(|q| q != query);
            history.push(query.to_string());
            let extra = history.len().saturating_sub(KEPT);
            history.drain(..extra);
            history
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

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
        let japanese = error.localized(brief_i18n::Lang::Ja.catalog());
        assert!(japanese.contains("search-history.jsonl:2"), "{japanese}");
        assert!(japanese.contains("退避"), "{japanese}");
        assert!(store.load().unwrap().is_empty());
        store.add("again").unwrap();
        assert_eq!(store.load().unwrap(), ["again"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_device_named_like_the_history_is_refused_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = HistoryStore::beside_marks(&dir.path().join("marks.jsonl"));
        std::os::unix::fs::symlink("/dev/zero", &store.path).unwrap();
        let error = crate::test_support::within_ten_seconds(move || {
            store.load().map(|_| ()).unwrap_err().to_string()
        });
        assert!(error.contains("device"), "{error}");
    }
}
