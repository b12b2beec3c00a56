//! A walked file's size and modification time, looked up from its folder: on Linux, `statx`
//! relative to the folder, opened once for all its files, so that a warm listing does not walk
//! each file's whole path again (at 100,000 posts, path lookups were a tenth of its time).
//! Elsewhere, and whenever the folder cannot be opened, by the file's path.
//!
//! Depends on nothing else in the store but [`modified_nanos`]'s rule for times.

use super::file::modified_nanos;
use std::fs;
use std::path::Path;
#[cfg(target_os = "linux")]
use std::path::PathBuf;

/// Looks at files, keeping the folder of the last one open (or remembering that it could not
/// be opened, so that its files go by path without trying again for each).
#[derive(Debug, Default)]
pub(super) struct Stamps {
    #[cfg(target_os = "linux")]
    folder: Option<(PathBuf, Option<std::os::fd::OwnedFd>)>,
}

impl Stamps {
    /// The size and modification time (as [`modified_nanos`] gives it) of `path`, following
    /// symbolic links; `None` when it cannot be looked at.
    pub(super) fn of(&mut self, path: &Path) -> Option<(u64, i64)> {
        #[cfg(target_os = "linux")]
        if let Some(stamp) = self.in_folder(path) {
            return Some(stamp);
        }
        by_path(path)
    }

    #[cfg(target_os = "linux")]
    fn in_folder(&mut self, path: &Path) -> Option<(u64, i64)> {
        use rustix::fs::{AtFlags, Mode, OFlags, StatxFlags};
        let (parent, name) = (path.parent()?, path.file_name()?);
        if self.folder.as_ref().is_none_or(|(open, _)| open != parent) {
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let fd = rustix::fs::open(parent, flags, Mode::empty()).ok();
            self.folder = Some((parent.to_path_buf(), fd));
        }
        let (_, fd) = self.folder.as_ref()?;
        let fd = fd.as_ref()?;
        let wanted = StatxFlags::SIZE | StatxFlags::MTIME;
        let stat = rustix::fs::statx(fd, name, AtFlags::empty(), wanted).ok()?;
        if !StatxFlags::from_bits_retain(stat.stx_mask).contains(wanted) {
            return None;
        }
        Some((
            stat.stx_size,
            nanos(stat.stx_mtime.tv_sec, stat.stx_mtime.tv_nsec),
        ))
    }
}

fn by_path(path: &Path) -> Option<(u64, i64)> {
    fs::metadata(path)
        .ok()
        .map(|meta| (meta.len(), modified_nanos(&meta)))
}

/// Nanoseconds since the epoch, 0 before it, as [`modified_nanos`] counts them.
#[cfg(target_os = "linux")]
fn nanos(seconds: i64, nanoseconds: u32) -> i64 {
    let Ok(seconds) = u64::try_from(seconds) else {
        return 0;
    };
    let total = u128::from(seconds) * 1_000_000_000 + u128::from(nanoseconds);
    i64::try_from(total).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_look_from_the_folder_is_the_look_by_path() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("2026");
        fs::create_dir(&sub).unwrap();
        let files = [
            dir.path().join("a.md"),
            sub.join("简报.md"),
            sub.join("b.md"),
            dir.path().join("c.md"),
        ];
        for (i, file) in files.iter().enumerate() {
            fs::write(file, "x".repeat(i * 7)).unwrap();
        }
        let old = fs::File::options().write(true).open(&files[3]).unwrap();
        old.set_modified(std::time::UNIX_EPOCH + std::time::Duration::new(12, 345))
            .unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&files[1], dir.path().join("link.md")).unwrap();
        let mut stamps = Stamps::default();
        for file in files.iter().chain([&dir.path().join("link.md")]) {
            assert!(stamps.of(file).is_some());
            assert_eq!(stamps.of(file), by_path(file), "{}", file.display());
        }
        assert_eq!(stamps.of(&files[3]), Some((21, 12_000_000_345)));
        assert_eq!(stamps.of(&dir.path().join("gone.md")), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn times_before_the_epoch_count_as_unknown() {
        assert_eq!(nanos(-1, 5), 0);
        assert_eq!(nanos(1, 5), 1_000_000_005);
        assert_eq!(nanos(i64::MAX, 0), i64::MAX);
    }
}
