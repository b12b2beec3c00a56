//! Writing brief's own files (marks, the index cache) so that a crash or a second writer
//! never leaves a mix of old and new: a temp file in the same folder, fsync, rename over the
//! old file, fsync the folder. Caches, which cost only a rebuild when lost, skip the two
//! fsyncs ([`replace_unsynced`]): still never half written, but not waiting for the disk.
//!
//! This module depends on nothing else in brief.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Replaces the file at `path` with `bytes`, atomically and durably. The folder must exist.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, true)
}

/// Replaces the file at `path` with `bytes` atomically (a reader sees the old file or the
/// new one whole) without waiting for the disk: after a crash the file may be the old one,
/// or, on some file systems, empty. For caches only. The folder must exist.
pub fn replace_unsynced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, false)
}

fn replace(path: &Path, bytes: &[u8], durable: bool) -> io::Result<()> {
    // Unique per process and per write: a reload can save the cache from a second thread
    // while the first is still writing.
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let folder = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = folder.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        WRITES.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        if durable {
            file.sync_all()?;
        }
        drop(file);
        fs::rename(&temp, path)?;
        if durable {
            sync_folder(folder)?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        fs::write(&path, "old").unwrap();
        write_atomically(&path, "新的内容".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "新的内容");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn an_unsynced_replace_is_whole_too() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.bin");
        fs::write(&path, "old").unwrap();
        replace_unsynced(&path, b"new cache").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new cache");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn a_failed_write_leaves_what_was_there_and_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should go: the rename fails.
        let path = dir.path().join("state.json");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), "kept").unwrap();
        assert!(write_atomically(&path, b"new").is_err());
        assert_eq!(fs::read_to_string(path.join("inside")).unwrap(), "kept");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }
}
