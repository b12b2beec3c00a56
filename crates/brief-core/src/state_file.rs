//! A JSON-lines state file kept beside the marks and written under the marks' lock: reading
//! positions, search history, seen stories. Only a regular file of bounded size is read (a FIFO or
//! `/dev/zero` is refused, never opened to block); a line that does not parse sets the whole
//! file aside as `<name>.corrupt-<time>` with a message naming the path and line. A save waits
//! for the lock a bounded time ([`LOCK_WAIT`]) and otherwise fails with a message, re-reads
//! the file, lets the caller apply its changes, and writes the result with [`atomic_file`].
//! What a line holds and what is kept is the caller's business.
//!
//! This module must not depend on the terminal, `app`, `ui` or `store`; it never touches
//! posts.

use crate::atomic_file;
use crate::bounded_read::{self, Refused};
use brief_i18n::{Catalog, fill};
use brief_text::visible_path;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a save waits for another process's lock before going on without saving.
pub const LOCK_WAIT: Duration = Duration::from_secs(2);
/// The largest state file read; these files hold a few thousand short lines at most.
const MAX_BYTES: u64 = 16 << 20;

/// Why a state file could not be used; the reader shows it and goes on without.
/// [`StateError::localized`] words it; English is its `Display`.
#[derive(Debug)]
pub enum StateError {
    /// A line did not parse; the file was set aside as `aside`.
    Corrupt {
        path: PathBuf,
        line: usize,
        error: String,
        aside: PathBuf,
    },
    Io {
        path: PathBuf,
        error: io::Error,
    },
    /// Not a regular file of bounded size (the state file or its lock).
    Refused {
        path: PathBuf,
        refused: Refused,
    },
    /// Another process holds the lock; this save was not made.
    Locked {
        path: PathBuf,
    },
}

impl std::fmt::Display for StateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localized(brief_i18n::Lang::En.catalog()))
    }
}

impl std::error::Error for StateError {}

impl StateError {
    /// The message in the language of `words`; the JSON parser's and the system's own text
    /// stay as they came.
    pub fn localized(&self, words: &Catalog) -> String {
        match self {
            StateError::Corrupt {
                path,
                line,
                error,
                aside,
            } => fill(
                words.state_corrupt,
                &[
                    ("path", &visible_path(path)),
                    ("line", line),
                    ("error", error),
                    ("aside", &visible_path(aside)),
                ],
            ),
            StateError::Io { path, error } => fill(
                words.marks_io,
                &[("path", &visible_path(path)), ("error", error)],
            ),
            StateError::Refused { path, refused } => fill(
                words.marks_io,
                &[
                    ("path", &visible_path(path)),
                    ("error", &refused.message(words)),
                ],
            ),
            StateError::Locked { path } => {
                fill(words.state_locked, &[("path", &visible_path(path))])
            }
        }
    }
}

/// One state file beside the marks, and the marks' lock it is written under.
#[derive(Debug, Clone)]
pub struct StateFile {
    pub path: PathBuf,
    lock: PathBuf,
}

impl StateFile {
    /// The file `name` beside the marks file at `marks`, sharing its lock.
    pub fn beside_marks(marks: &Path, name: &str) -> Self {
        Self {
            path: marks.with_file_name(name),
            lock: marks.with_extension("lock"),
        }
    }

    /// The lines, in file order; a missing file is none, a corrupt one is set aside.
    pub fn load<T: DeserializeOwned>(&self) -> Result<Vec<T>, StateError> {
        match self.read() {
            Ok(lines) => Ok(lines),
            Err(ReadError::Refused(refused)) => Err(self.refused(refused)),
            Err(ReadError::Corrupt { line, error }) => Err(self.set_aside(line, error)),
        }
    }

    /// Under the lock, re-reads the file, gives its lines to `change` and writes what it
    /// returns, atomically. A corrupt file is set aside (and reported) and `change` starts
    /// from nothing; a lock held elsewhere for [`LOCK_WAIT`] fails the save.
    pub fn save<T: Serialize + DeserializeOwned>(
        &self,
        change: impl FnOnce(Vec<T>) -> Vec<T>,
    ) -> Result<(), StateError> {
        let io_error = |error| StateError::Io {
            path: self.path.clone(),
            error,
        };
        let folder = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(folder).map_err(io_error)?;
        // Opening a FIFO to write waits for a reader: only a regular lock file is opened.
        if let Ok(meta) = fs::metadata(&self.lock)
            && let Some(kind) = bounded_read::kind_of(&meta)
        {
            return Err(StateError::Refused {
                path: self.lock.clone(),
                refused: Refused::NotRegular(kind),
            });
        }
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&self.lock)
            .map_err(io_error)?;
        if !wait_for_lock(&lock, LOCK_WAIT).map_err(io_error)? {
            return Err(StateError::Locked {
                path: self.path.clone(),
            });
        }
        let mut setaside = None;
        let lines = match self.read() {
            Ok(lines) => lines,
            Err(ReadError::Refused(refused)) => return Err(self.refused(refused)),
            Err(ReadError::Corrupt { line, error }) => {
                setaside = Some(self.set_aside(line, error));
                Vec::new()
            }
        };
        let mut text = String::new();
        for line in change(lines) {
            text.push_str(
                &serde_json::to_string(&line).map_err(|e| io_error(io::Error::other(e)))?,
            );
            text.push('\n');
        }
        atomic_file::write_atomically(&self.path, text.as_bytes()).map_err(io_error)?;
        drop(lock);
        setaside.map_or(Ok(()), Err)
    }

    fn read<T: DeserializeOwned>(&self) -> Result<Vec<T>, ReadError> {
        let bytes = match bounded_read::read_regular(&self.path, MAX_BYTES) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Ok(Vec::new()),
            Err(refused) => return Err(ReadError::Refused(refused)),
        };
        let mut lines = Vec::new();
        for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if line.trim_ascii().is_empty() {
                continue;
            }
            match serde_json::from_slice(line) {
                Ok(parsed) => lines.push(parsed),
                Err(error) => {
                    return Err(ReadError::Corrupt {
                        line: index + 1,
                        error: error.to_string(),
                    });
                }
            }
        }
        Ok(lines)
    }

    fn refused(&self, refused: Refused) -> StateError {
        StateError::Refused {
            path: self.path.clone(),
            refused,
        }
    }

    fn set_aside(&self, line: usize, error: String) -> StateError {
        let stamp = jiff::Timestamp::now().as_second();
        let aside = self.path.with_extension(format!("corrupt-{stamp}"));
        let _ = fs::rename(&self.path, &aside);
        StateError::Corrupt {
            path: self.path.clone(),
            line,
            error,
            aside,
        }
    }
}

enum ReadError {
    Refused(Refused),
    Corrupt { line: usize, error: String },
}

/// Takes the lock, waiting at most `wait`; false if another process still holds it.
pub fn wait_for_lock(lock: &fs::File, wait: Duration) -> io::Result<bool> {
    let start = Instant::now();
    loop {
        match lock.try_lock() {
            Ok(()) => return Ok(true),
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(25));
            }
            Err(fs::TryLockError::WouldBlock) => return Ok(false),
            Err(fs::TryLockError::Error(error)) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use brief_i18n::Lang;

    fn file() -> (tempfile::TempDir, StateFile) {
        let dir = tempfile::tempdir().unwrap();
        let file = StateFile::beside_marks(&dir.path().join("state/marks.jsonl"), "x.jsonl");
        (dir, file)
    }

    #[test]
    fn a_corrupt_line_sets_the_file_aside_naming_path_and_line() {
        let (_dir, file) = file();
        fs::create_dir_all(file.path.parent().unwrap()).unwrap();
        fs::write(&file.path, "\"一\"\n\n\"二\"\n{oops\n").unwrap();
        let error = file.load::<String>().unwrap_err();
        let StateError::Corrupt { line, aside, .. } = &error else {
            panic!("{error}");
        };
        assert_eq!(*line, 4);
        assert_eq!(
            fs::read_to_string(aside).unwrap(),
            "\"一\"\n\n\"二\"\n{oops\n"
        );
        assert!(!file.path.exists());
        let english = error.to_string();
        assert!(english.contains("x.jsonl:4:"), "{english}");
        assert!(english.contains("set aside"), "{english}");
        let japanese = error.localized(Lang::Ja.catalog());
        assert!(japanese.contains("x.jsonl:4"), "{japanese}");
        assert!(japanese.contains("退避"), "{japanese}");
        assert!(file.load::<String>().unwrap().is_empty());
    }

    #[test]
    fn a_save_applies_changes_to_what_the_file_holds_now() {
        let (_dir, file) = file();
        let other = file.clone();
        file.save(|mut lines: Vec<String>| {
            lines.push("a".into());
            lines
        })
        .unwrap();
        other
            .save(|mut lines: Vec<String>| {
                lines.push("b".into());
                lines
            })
            .unwrap();
        assert_eq!(file.load::<String>().unwrap(), ["a", "b"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_fifo_is_refused_not_opened() {
        let (dir, file) = file();
        fs::create_dir_all(dir.path().join("state")).unwrap();
        crate::test_support::make_fifo(&dir.path().join("state/marks.lock"));
        let error = file.save(|lines: Vec<String>| lines).unwrap_err();
        assert!(
            matches!(&error, StateError::Refused { path, .. } if path.ends_with("marks.lock")),
            "{error}"
        );
        assert!(error.localized(Lang::Ja.catalog()).contains("FIFO"));
    }

    #[test]
    fn a_locked_file_is_worded_in_every_language() {
        let error = StateError::Locked {
            path: PathBuf::from("/s/positions.jsonl"),
        };
        assert!(error.to_string().contains("locked by another process"));
        let japanese = error.localized(Lang::Ja.catalog());
        assert!(japanese.contains("ロック"), "{japanese}");
        for lang in Lang::ALL {
            assert!(error.localized(lang.catalog()).contains("positions.jsonl"));
        }
    }
}
