//! Read and starred marks: which posts the user has read or starred, keyed by an id that
//! survives moving the posts folder, and their state file.
//!
//! The state file is JSON lines, one post a line, sorted by id, so it merges and syncs well
//! between machines. Writes are atomic (temp file in the same folder, fsync, rename, fsync the
//! folder) and made under an exclusive lock after re-reading the file, applying only this
//! process's changes: two readers on the same folder lose no marks. Every line that parses is
//! kept; lines that do not are reported with their numbers and, at the next save, set aside
//! in a file of their own, never trusted and never fatal. Reading never moves or changes a
//! file. Only a regular file of bounded size is read (a FIFO or `/dev/zero` is refused), and
//! the lock is waited for a bounded time: held by another process, it leaves this one
//! read-only, its changes kept for a later save.
//!
//! This module must not depend on the terminal, `app` or `ui`; it never touches posts.

use crate::atomic_file;
use crate::state_file::{LOCK_WAIT, wait_for_lock};
use crate::store::Post;
use brief_text::visible_path;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// The largest state file read: about 200 bytes a mark, so some five million marks.
const MAX_STATE_BYTES: u64 = 1 << 30;

/// What the user marked on one post.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    #[serde(default)]
    pub read: bool,
    #[serde(default)]
    pub starred: bool,
}

/// One change made by this process, applied on top of whatever the file holds by then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkChange {
    Read(String, bool),
    Starred(String, bool),
}

/// Marks by post id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    by_id: BTreeMap<String, Mark>,
}

impl Marks {
    pub fn get(&self, id: &str) -> Mark {
        self.by_id.get(id).copied().unwrap_or_default()
    }

    pub fn apply(&mut self, change: &MarkChange) {
        match change {
            MarkChange::Read(id, read) => self.by_id.entry(id.clone()).or_default().read = *read,
            MarkChange::Starred(id, starred) => {
                self.by_id.entry(id.clone()).or_default().starred = *starred
            }
        }
        self.by_id.retain(|_, mark| mark.read || mark.starred);
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

/// A post's stable id: the front matter's `id`, else its source URL, else its path under the
/// posts folder plus a hash of its front matter and size, so moving the folder keeps marks.
pub fn post_id(post: &Post, roots: &[PathBuf]) -> String {
    if let Some(id) = &post.id {
        return format!("id:{id}");
    }
    if let Some(source) = &post.source {
        return source.clone();
    }
    let relative = crate::store::relative_key(&post.path, roots);
    format!("{relative}#{:016x}", post.content_hash)
}

#[derive(Debug, Serialize, Deserialize)]
struct Line {
    id: String,
    #[serde(flatten)]
    mark: Mark,
}

/// Why the state file could not be used; the caller shows it and goes on with no marks.
/// [`MarksError::localized`] words it; English is its `Display`.
#[derive(Debug)]
pub enum MarksError {
    /// Some lines did not parse; the others are used.
    Corrupt {
        path: PathBuf,
        /// Line numbers and what was wrong with each.
        bad: Vec<(usize, String)>,
        /// Where the bad lines were put, once a save set them aside.
        aside: Option<PathBuf>,
    },
    Io {
        path: PathBuf,
        error: io::Error,
    },
    Refused {
        path: PathBuf,
        refused: crate::bounded_read::Refused,
    },
    /// Locked by another process; marks will not be saved until it is free.
    Locked {
        path: PathBuf,
    },
}

impl std::fmt::Display for MarksError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localized(brief_i18n::Lang::En.catalog()))
    }
}

impl std::error::Error for MarksError {}

impl MarksError {
    /// The message in the language of `words`; the JSON parser's and the system's own text
    /// stay as they came.
    pub fn localized(&self, words: &brief_i18n::Catalog) -> String {
        use brief_i18n::fill;
        match self {
            MarksError::Corrupt { path, bad, aside } => {
                let then = match aside {
                    Some(aside) => fill(words.marks_set_aside, &[("path", &visible_path(aside))]),
                    None => words.marks_others_used.to_string(),
                };
                fill(
                    words.marks_corrupt,
                    &[
                        ("path", &visible_path(path)),
                        ("line", &bad.first().map_or(0, |b| b.0)),
                        ("error", &bad.first().map_or("", |b| b.1.as_str())),
                        ("lines", &line_numbers(bad)),
                        ("then", &then),
                    ],
                )
            }
            MarksError::Io { path, error } => fill(
                words.marks_io,
                &[("path", &visible_path(path)), ("error", error)],
            ),
            MarksError::Refused { path, refused } => fill(
                words.marks_io,
                &[
                    ("path", &visible_path(path)),
                    ("error", &refused.message(words)),
                ],
            ),
            MarksError::Locked { path } => {
                fill(words.marks_locked, &[("path", &visible_path(path))])
            }
        }
    }
}

fn line_numbers(bad: &[(usize, String)]) -> String {
    let numbers: Vec<String> = bad.iter().take(10).map(|(n, _)| n.to_string()).collect();
    let more = if bad.len() > 10 { ", …" } else { "" };
    format!("{}{more}", numbers.join(", "))
}

/// The state file and how to read and write it.
#[derive(Debug, Clone)]
pub struct MarkStore {
    pub path: PathBuf,
    /// Changes a save could not write (the lock was held), written by the next save.
    unsaved: Arc<Mutex<Vec<MarkChange>>>,
}

impl MarkStore {
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            unsaved: Arc::default(),
        }
    }

    /// Reads the marks; a missing file is no marks. `Err` on any problem: use
    /// [`MarkStore::load_keeping`] to keep the lines that could be read.
    pub fn load(&self) -> Result<Marks, MarksError> {
        match self.load_keeping() {
            (marks, None) => Ok(marks),
            (_, Some(problem)) => Err(problem),
        }
    }

    /// The marks of every line that could be read, and what was wrong, if anything. Never
    /// moves or changes a file.
    pub fn load_keeping(&self) -> (Marks, Option<MarksError>) {
        match self.read() {
            Ok((marks, bad)) if bad.is_empty() => (marks, None),
            Ok((marks, bad)) => (
                marks,
                Some(MarksError::Corrupt {
                    path: self.path.clone(),
                    bad,
                    aside: None,
                }),
            ),
            Err(problem) => (Marks::default(), Some(problem)),
        }
    }

    /// Applies `changes` to the file's current contents under a lock and writes the result
    /// atomically. Returns the marks now on disk, other processes' changes included.
    pub fn save(&self, changes: &[MarkChange]) -> Result<Marks, MarksError> {
        let io_error = |error| MarksError::Io {
            path: self.path.clone(),
            error,
        };
        let folder = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(folder).map_err(io_error)?;
        // Opening a FIFO to write waits for a reader: only a regular lock file is opened.
        if let Ok(meta) = fs::metadata(self.lock_path())
            && let Some(kind) = crate::bounded_read::kind_of(&meta)
        {
            return Err(MarksError::Refused {
                path: self.lock_path(),
                refused: crate::bounded_read::Refused::NotRegular(kind),
            });
        }
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.lock_path())
            .map_err(io_error)?;
        let mut unsaved = self.unsaved.lock().unwrap_or_else(PoisonError::into_inner);
        // Changes already waiting mean the lock was held last time: look once, without waiting.
        let wait = if unsaved.is_empty() {
            LOCK_WAIT
        } else {
            Duration::ZERO
        };
        unsaved.extend_from_slice(changes);
        if !wait_for_lock(&lock, wait).map_err(io_error)? {
            return Err(MarksError::Locked {
                path: self.path.clone(),
            });
        }
        let (mut marks, bad) = self.read()?;
        let setaside = if bad.is_empty() {
            None
        } else {
            Some(self.set_aside(bad).map_err(io_error)?)
        };
        for change in unsaved.iter() {
            marks.apply(change);
        }
        self.write_atomically(&marks).map_err(io_error)?;
        unsaved.clear();
        self.remove_stale_temp_files();
        drop(lock);
        match setaside {
            Some(error) => Err(error),
            None => Ok(marks),
        }
    }

    fn lock_path(&self) -> PathBuf {
        self.path.with_extension("lock")
    }

    /// The marks of the lines that parse, and the number and problem of each that does not.
    fn read(&self) -> Result<(Marks, Vec<(usize, String)>), MarksError> {
        let bytes = match crate::bounded_read::read_regular(&self.path, MAX_STATE_BYTES) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Ok((Marks::default(), Vec::new())),
            Err(refused) => {
                return Err(MarksError::Refused {
                    path: self.path.clone(),
                    refused,
                });
            }
        };
        let mut marks = Marks::default();
        let mut bad = Vec::new();
        for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if line.trim_ascii().is_empty() {
                continue;
            }
            match serde_json::from_slice::<Line>(line) {
                Ok(parsed) => {
                    marks.by_id.insert(parsed.id, parsed.mark);
                }
                Err(error) => bad.push((index + 1, error.to_string())),
            }
        }
        Ok((marks, bad))
    }

    /// Removes temp files left by a save that was killed midway. Called under the lock, so
    /// no other save is writing one.
    fn remove_stale_temp_files(&self) {
        let folder = self.path.parent().unwrap_or(Path::new("."));
        let name = self.path.file_name().unwrap_or_default().to_string_lossy();
        let prefix = format!(".{name}.tmp-");
        let Ok(entries) = fs::read_dir(folder) else {
            return;
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// Writes every mark as a sorted JSON line, atomically.
    fn write_atomically(&self, marks: &Marks) -> io::Result<()> {
        let mut text = String::new();
        for (id, mark) in &marks.by_id {
            let line = Line {
                id: id.clone(),
                mark: *mark,
            };
            text.push_str(&serde_json::to_string(&line).map_err(io::Error::other)?);
            text.push('\n');
        }
        atomic_file::write_atomically(&self.path, text.as_bytes())
    }

    /// Copies the lines that could not be read to a file of their own, beside the marks.
    fn set_aside(&self, bad: Vec<(usize, String)>) -> io::Result<MarksError> {
        let bytes = crate::bounded_read::read_regular(&self.path, MAX_STATE_BYTES)
            .ok()
            .flatten()
            .unwrap_or_default();
        let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
        let mut kept = Vec::new();
        for (number, _) in &bad {
            if let Some(line) = lines.get(number - 1) {
                kept.extend_from_slice(line);
                kept.push(b'\n');
            }
        }
        let stamp = jiff::Timestamp::now().as_second();
        let aside = self.path.with_extension(format!("corrupt-{stamp}"));
        atomic_file::write_atomically(&aside, &kept)?;
        Ok(MarksError::Corrupt {
            path: self.path.clone(),
            bad,
            aside: Some(aside),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn store() -> (tempfile::TempDir, MarkStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = MarkStore::new(dir.path().join("state/marks.jsonl"));
        (dir, store)
    }

    #[test]
    fn marks_round_trip_as_sorted_json_lines() {
        let (_dir, store) = store();
        store
            .save(&[
                MarkChange::Starred("b".into(), true),
                MarkChange::Read("a".into(), true),
            ])
            .unwrap();
        let text = fs::read_to_string(&store.path).unwrap();
        assert_eq!(
            text,
            "{\"id\":\"a\",\"read\":true,\"starred\":false}\n{\"id\":\"b\",\"read\":false,\"starred\":true}\n"
        );
        let marks = store.load().unwrap();
        assert_eq!(
            marks.get("a"),
            Mark {
                read: true,
                starred: false
            }
        );
        assert_eq!(marks.get("zzz"), Mark::default());
    }

    #[test]
    fn a_save_merges_with_what_another_process_wrote() {
        let (_dir, store) = store();
        let other = MarkStore::new(store.path.clone());
        store
            .save(&[MarkChange::Read("mine".into(), true)])
            .unwrap();
        other
            .save(&[MarkChange::Starred("theirs".into(), true)])
            .unwrap();
        let merged = store
            .save(&[MarkChange::Starred("mine".into(), true)])
            .unwrap();
        assert_eq!(
            merged.get("theirs"),
            Mark {
                read: false,
                starred: true
            }
        );
        assert_eq!(
            merged.get("mine"),
            Mark {
                read: true,
                starred: true
            }
        );
    }

    #[test]
    fn bad_lines_are_reported_and_the_good_ones_kept() {
        let (_dir, store) = store();
        fs::create_dir_all(store.path.parent().unwrap()).unwrap();
        let text =
            "{\"id\":\"a\",\"read\":true}\nnot json\n{\"id\":\"b\",\"starred\":true}\n{oops\n";
        fs::write(&store.path, text).unwrap();
        let (marks, problem) = store.load_keeping();
        assert!(marks.get("a").read && marks.get("b").starred);
        let problem = problem.unwrap();
        assert!(
            matches!(&problem, MarksError::Corrupt { bad, aside: None, .. }
                if bad.iter().map(|b| b.0).collect::<Vec<_>>() == [2, 4]),
            "{problem}"
        );
        assert!(problem.to_string().contains("line(s) 2, 4"), "{problem}");
        // Reading moved nothing.
        assert_eq!(fs::read_to_string(&store.path).unwrap(), text);
        // A save keeps the good marks and sets aside only the bad lines.
        let error = store
            .save(&[MarkChange::Read("c".into(), true)])
            .unwrap_err();
        let MarksError::Corrupt {
            aside: Some(aside), ..
        } = &error
        else {
            panic!("{error}");
        };
        assert_eq!(fs::read_to_string(aside).unwrap(), "not json\n{oops\n");
        let marks = store.load().unwrap();
        assert!(marks.get("a").read && marks.get("b").starred && marks.get("c").read);
    }

    #[cfg(unix)]
    #[test]
    fn fifos_devices_and_huge_files_are_refused_not_read() {
        let (dir, store) = store();
        fs::create_dir_all(store.path.parent().unwrap()).unwrap();
        crate::test_support::make_fifo(&store.path);
        let (marks, problem) = store.load_keeping();
        assert!(marks.is_empty());
        assert!(problem.unwrap().to_string().contains("FIFO"));
        assert!(store.save(&[MarkChange::Read("a".into(), true)]).is_err());

        let zero = MarkStore::new(dir.path().join("zero.jsonl"));
        std::os::unix::fs::symlink("/dev/zero", &zero.path).unwrap();
        assert!(zero.load().unwrap_err().to_string().contains("device"));

        let huge = MarkStore::new(dir.path().join("huge.jsonl"));
        fs::File::create(&huge.path)
            .unwrap()
            .set_len(MAX_STATE_BYTES + 1)
            .unwrap();
        assert!(huge.load().unwrap_err().to_string().contains("limit"));
    }

    #[test]
    fn a_lock_held_elsewhere_is_waited_for_a_bounded_time_then_changes_wait() {
        let (_dir, store) = store();
        store.save(&[MarkChange::Read("a".into(), true)]).unwrap();
        let held = OpenOptions::new()
            .write(true)
            .open(store.lock_path())
            .unwrap();
        held.lock().unwrap();
        let start = Instant::now();
        let error = store
            .save(&[MarkChange::Read("b".into(), true)])
            .unwrap_err();
        assert!(matches!(error, MarksError::Locked { .. }), "{error}");
        assert!(start.elapsed() < LOCK_WAIT * 3);
        assert!(error.to_string().contains("will not be saved"));
        // Still locked: no second wait.
        let start = Instant::now();
        assert!(store.save(&[MarkChange::Read("c".into(), true)]).is_err());
        assert!(start.elapsed() < LOCK_WAIT / 2);
        held.unlock().unwrap();
        let marks = store.save(&[]).unwrap();
        assert!(marks.get("a").read && marks.get("b").read && marks.get("c").read);
    }

    #[test]
    fn a_save_removes_temp_files_a_killed_save_left() {
        let (_dir, store) = store();
        let folder = store.path.parent().unwrap().to_path_buf();
        fs::create_dir_all(&folder).unwrap();
        let stale = folder.join(".marks.jsonl.tmp-999999-0");
        fs::write(&stale, "half").unwrap();
        store.save(&[MarkChange::Read("a".into(), true)]).unwrap();
        assert!(!stale.exists());
    }

    #[test]
    fn two_writers_at_once_lose_no_marks() {
        let (_dir, store) = store();
        let writers: Vec<_> = (0..2)
            .map(|writer| {
                // Each writer opens the files itself, as a second process would.
                let store = MarkStore::new(store.path.clone());
                std::thread::spawn(move || {
                    for i in 0..40 {
                        store
                            .save(&[MarkChange::Read(format!("w{writer}-{i}"), true)])
                            .unwrap();
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        assert_eq!(store.load().unwrap().len(), 80);
    }

    #[test]
    fn unmarking_removes_the_line() {
        let (_dir, store) = store();
        store.save(&[MarkChange::Read("a".into(), true)]).unwrap();
        store.save(&[MarkChange::Read("a".into(), false)]).unwrap();
        assert_eq!(fs::read_to_string(&store.path).unwrap(), "");
    }

    #[test]
    fn ids_prefer_front_matter_then_source_then_path_and_hash() {
        let root = [PathBuf::from("/home/u/posts")];
        let mut post = Post {
            path: root[0].join("2026/a.md"),
            content_hash: 0xabc,
            ..Post::default()
        };
        assert_eq!(post_id(&post, &root), "2026/a.md#0000000000000abc");
        let moved = Post {
            path: PathBuf::from("/mnt/backup/posts/2026/a.md"),
            ..post.clone()
        };
        assert_eq!(
            post_id(&moved, &[PathBuf::from("/mnt/backup/posts")]),
            post_id(&post, &root)
        );
        post.source = Some("https://x.example/a".into());
        assert_eq!(post_id(&post, &root), "https://x.example/a");
        post.id = Some("42".into());
        assert_eq!(post_id(&post, &root), "id:42");
    }
}
