//! Reading brief's own files (marks, the index cache) and posts without trusting what is at
//! the path: only regular files are opened (a FIFO would block the open, `/dev/zero` would
//! never end), and no more than a stated number of bytes is read, whatever the size claims.
//!
//! This module depends on nothing else in brief but `i18n`, for the words of its messages.

use brief_i18n::{Catalog, Lang, fill};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum Refused {
    /// Something other than a regular file (symbolic links to one are followed).
    NotRegular(FileKind),
    /// Larger than the limit, in bytes.
    TooLarge {
        size: u64,
        limit: u64,
    },
    Io(io::Error),
}

impl Refused {
    /// Why, in the language of `words`; an I/O error keeps the system's own text.
    pub fn message(&self, words: &Catalog) -> String {
        match self {
            Refused::NotRegular(kind) => {
                fill(words.refused_not_regular, &[("kind", &kind.name(words))])
            }
            Refused::TooLarge { size, limit } => fill(
                words.refused_too_large,
                &[
                    ("size", &format!("{:.1}", *size as f64 / 1048576.0)),
                    ("limit", &format!("{:.1}", *limit as f64 / 1048576.0)),
                ],
            ),
            Refused::Io(error) => fill(words.diag_cannot_read, &[("error", error)]),
        }
    }
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En.catalog()))
    }
}

/// A kind of file that is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    Folder,
    Fifo,
    Device,
    Socket,
    /// Anything else that is not a regular file.
    Other,
}

impl FileKind {
    /// Every kind, for tests that render them all.
    pub const ALL: [FileKind; 5] = [
        FileKind::Folder,
        FileKind::Fifo,
        FileKind::Device,
        FileKind::Socket,
        FileKind::Other,
    ];

    /// Its name in the language of `words`, as in "a FIFO".
    pub fn name(self, words: &Catalog) -> &'static str {
        match self {
            FileKind::Folder => words.kind_folder,
            FileKind::Fifo => words.kind_fifo,
            FileKind::Device => words.kind_device,
            FileKind::Socket => words.kind_socket,
            FileKind::Other => words.kind_other,
        }
    }
}

/// What kind of non-regular file `meta` describes; `None` for a regular file.
pub fn kind_of(meta: &fs::Metadata) -> Option<FileKind> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some(FileKind::Folder);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some(FileKind::Fifo);
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some(FileKind::Device);
        }
        if kind.is_socket() {
            return Some(FileKind::Socket);
        }
    }
    Some(FileKind::Other)
}

/// Opens `path` for reading if it is a regular file no larger than `limit`; `Ok(None)` when
/// nothing is there.
pub fn open_regular(path: &Path, limit: u64) -> Result<Option<(File, u64)>, Refused> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Refused::Io(e)),
    };
    check(&meta, limit)?;
    let file = File::open(path).map_err(Refused::Io)?;
    // The path may have changed between the two looks: the open file is what counts.
    let meta = file.metadata().map_err(Refused::Io)?;
    check(&meta, limit)?;
    Ok(Some((file, meta.len())))
}

/// Opens `path`, which a folder walk has just seen as a regular file, without looking at the
/// path first: one lookup of the path instead of two, which is most of a cold listing's
/// system time. It is opened without waiting (a FIFO put there since would otherwise wait for
/// a writer, forever) and checked once open, so nothing but a regular file is ever read. A
/// path of unknown kind goes through [`open_regular`], which opens nothing irregular.
pub fn open_seen_regular(path: &Path, limit: u64) -> Result<Option<(File, u64)>, Refused> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let file = match fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
            .open(path)
        {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Refused::Io(e)),
        };
        let meta = file.metadata().map_err(Refused::Io)?;
        check(&meta, limit)?;
        Ok(Some((file, meta.len())))
    }
    #[cfg(not(unix))]
    open_regular(path, limit)
}

fn check(meta: &fs::Metadata, limit: u64) -> Result<(), Refused> {
    if let Some(kind) = kind_of(meta) {
        return Err(Refused::NotRegular(kind));
    }
    if meta.len() > limit {
        return Err(Refused::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    Ok(())
}

/// The whole of `path` if it is a regular file of at most `limit` bytes; `Ok(None)` when
/// nothing is there. A file that grows past the limit while being read is refused too.
pub fn read_regular(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, Refused> {
    let Some((file, size)) = open_regular(path, limit)? else {
        return Ok(None);
    };
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(Refused::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Refused::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_and_a_missing_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        assert!(read_regular(&path, 10).unwrap().is_none());
        fs::write(&path, "记号").unwrap();
        assert_eq!(read_regular(&path, 10).unwrap().unwrap(), "记号".as_bytes());
        assert!(matches!(
            read_regular(&path, 3),
            Err(Refused::TooLarge { size: 6, limit: 3 })
        ));
        assert!(matches!(
            read_regular(dir.path(), 10),
            Err(Refused::NotRegular(FileKind::Folder))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_where_a_file_was_seen_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("post.md");
        crate::test_support::make_fifo(&fifo);
        // Opened the usual way, a FIFO waits for a writer: this must not.
        let refused = crate::test_support::within_ten_seconds(move || {
            open_seen_regular(&fifo, 1 << 20).unwrap_err()
        });
        assert!(
            matches!(refused, Refused::NotRegular(FileKind::Fifo)),
            "{refused}"
        );
        let file = dir.path().join("file.md");
        fs::write(&file, "abc").unwrap();
        assert_eq!(open_seen_regular(&file, 10).unwrap().unwrap().1, 3);
        assert!(
            open_seen_regular(&dir.path().join("gone"), 10)
                .unwrap()
                .is_none()
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading() {
        let refused = read_regular(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(
            matches!(refused, Refused::NotRegular(FileKind::Device)),
            "{refused}"
        );
    }
}
