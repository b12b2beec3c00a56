//! Reading choices kept across restarts that are neither marks nor positions nor the user's
//! configuration: today, whether `z` folds stories seen in earlier posts. One JSON line in
//! `reader-state.jsonl` beside the marks, read and written by [`state_file`] (bounded read,
//! under the marks' lock waited for a bounded time, atomically); a file that cannot be read is
//! set aside with a message and the defaults apply, never fatal.
//!
//! This module must not depend on the terminal, `app` or `ui`; it never touches posts or the
//! config file.

use crate::state_file::{self, StateError, StateFile};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What is kept. Fields unknown to this version are ignored; missing ones take the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ReaderState {
    /// `z`: stories first seen in an earlier post are folded to their headings.
    pub fold_repeats: bool,
}

/// The state file and how to read and write it.
#[derive(Debug, Clone)]
pub struct ReaderStateStore {
    pub path: PathBuf,
    file: StateFile,
}

impl ReaderStateStore {
    /// The file beside the marks file at `marks`, sharing its lock.
    pub fn beside_marks(marks: &Path) -> Self {
        let file = StateFile::beside_marks(marks, "reader-state.jsonl");
        Self {
            path: file.path.clone(),
            file,
        }
    }

    /// The state kept (the last line); a missing or empty file is the default.
    pub fn load(&self) -> Result<ReaderState, StateError> {
        let lines: Vec<ReaderState> = self.file.load()?;
        Ok(lines.last().copied().unwrap_or_default())
    }

    /// Records whether repeated stories are folded, keeping the rest of what the file holds.
    pub fn set_fold_repeats(&self, fold: bool) -> Result<(), state_file::StateError> {
        self.file.save(|lines: Vec<ReaderState>| {
            let mut state = lines.last().copied().unwrap_or_default();
            state.fold_repeats = fold;
            vec![state]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn the_fold_is_kept_and_read_back_as_one_line() {
        let dir = tempfile::tempdir().unwrap();
        let store = ReaderStateStore::beside_marks(&dir.path().join("state/marks.jsonl"));
        assert_eq!(store.load().unwrap(), ReaderState::default());
        store.set_fold_repeats(true).unwrap();
        let other = ReaderStateStore::beside_marks(&dir.path().join("state/marks.jsonl"));
        assert!(other.load().unwrap().fold_repeats);
        store.set_fold_repeats(false).unwrap();
        store.set_fold_repeats(true).unwrap();
        let text = fs::read_to_string(&store.path).unwrap();
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(store.load().unwrap().fold_repeats);
    }

    #[test]
    fn unknown_fields_are_ignored_and_a_corrupt_file_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let store = ReaderStateStore::beside_marks(&dir.path().join("marks.jsonl"));
        fs::write(&store.path, "{\"fold_repeats\":true,\"later\":1}\n").unwrap();
        assert!(store.load().unwrap().fold_repeats);
        fs::write(&store.path, "{\"fold_repeats\":true}\nnot json\n").unwrap();
        let error = store.load().unwrap_err();
        assert!(
            matches!(error, StateError::Corrupt { line: 2, .. }),
            "{error}"
        );
        assert_eq!(store.load().unwrap(), ReaderState::default());
    }
}
