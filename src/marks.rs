//! Read and starred marks: which posts the user has read or starred, keyed by an id that
//! survives moving the posts folder, and their state file.
//!
//! The state file is JSON lines, one post a line, sorted by id, so it merges and syncs well
//! between machines. Writes are atomic (temp file in the same folder, fsync, rename, fsync the
//! folder) and made under an exclusive lock after re-reading the file, applying only this
//! process's changes: two readers on the same folder lose no marks. A file that cannot be read
//! is set aside, never trusted and never fatal.
//!
//! This module must not depend on the terminal, `app` or `ui`; it never touches posts.

use crate::atomic_file;
use crate::store::Post;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

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
#[derive(Debug, thiserror::Error)]
pub enum MarksError {
    #[error("{path}:{line}: state file is corrupt ({message}); set aside as {aside}")]
    Corrupt {
        path: PathBuf,
        line: usize,
        message: String,
        aside: PathBuf,
    },
    #[error("{path}: {error}")]
    Io { path: PathBuf, error: io::Error },
}

/// The state file and how to read and write it.
#[derive(Debug, Clone)]
pub struct MarkStore {
    pub path: PathBuf,
}

impl MarkStore {
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    /// Reads the marks; a missing file is no marks, a corrupt one is set aside.
    pub fn load(&self) -> Result<Marks, MarksError> {
        match self.read() {
            Ok(marks) => Ok(marks),
            Err(ReadError::Io(error)) => Err(MarksError::Io {
                path: self.path.clone(),
                error,
            }),
            Err(ReadError::Corrupt { line, message }) => Err(self.set_aside(line, message)),
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
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.lock_path())
            .map_err(io_error)?;
        lock.lock().map_err(io_error)?;
        let mut setaside = None;
        let mut marks = match self.read() {
            Ok(marks) => marks,
            Err(ReadError::Io(error)) => return Err(io_error(error)),
            Err(ReadError::Corrupt { line, message }) => {
                setaside = Some(self.set_aside(line, message));
                Marks::default()
            }
        };
        for change in changes {
            marks.apply(change);
        }
        self.write_atomically(&marks).map_err(io_error)?;
        drop(lock);
        match setaside {
            Some(error) => Err(error),
            None => Ok(marks),
        }
    }

    fn lock_path(&self) -> PathBuf {
        self.path.with_extension("lock")
    }

    fn read(&self) -> Result<Marks, ReadError> {
        let file = match File::open(&self.path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Marks::default()),
            Err(e) => return Err(ReadError::Io(e)),
        };
        let mut marks = Marks::default();
        for (index, line) in BufReader::new(file).lines().enumerate() {
            let line = line.map_err(|e| ReadError::Corrupt {
                line: index + 1,
                message: e.to_string(),
            })?;
            if line.trim().is_empty() {
                continue;
            }
            let parsed: Line = serde_json::from_str(&line).map_err(|e| ReadError::Corrupt {
                line: index + 1,
                message: e.to_string(),
            })?;
            marks.by_id.insert(parsed.id, parsed.mark);
        }
        Ok(marks)
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

    fn set_aside(&self, line: usize, message: String) -> MarksError {
        let stamp = jiff::Timestamp::now().as_second();
        let aside = self.path.with_extension(format!("corrupt-{stamp}"));
        let _ = fs::rename(&self.path, &aside);
        MarksError::Corrupt {
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
    fn a_corrupt_file_is_set_aside_with_its_line() {
        let (_dir, store) = store();
        fs::create_dir_all(store.path.parent().unwrap()).unwrap();
        fs::write(&store.path, "{\"id\":\"a\",\"read\":true}\nnot json\n").unwrap();
        let error = store.load().unwrap_err();
        assert!(
            matches!(&error, MarksError::Corrupt { line: 2, .. }),
            "{error}"
        );
        assert!(!store.path.exists());
        assert!(error.to_string().contains("set aside"));
        assert!(store.load().unwrap().is_empty());
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
