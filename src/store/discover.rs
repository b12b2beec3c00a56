//! Finding post files under a folder: recursive, hidden folders skipped, symlink loops cut,
//! and the same order on every run.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Extensions of files that may be posts, compared case-insensitively.
pub const POST_EXTENSIONS: [&str; 3] = ["md", "markdown", "txt"];

/// Whether the file name has a post extension and is not hidden.
pub fn is_post_file(path: &Path) -> bool {
    let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    !hidden && POST_EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(extension))
}

/// A folder that could not be read while walking.
#[derive(Debug)]
pub struct WalkError {
    pub path: PathBuf,
    pub error: io::Error,
}

/// Post files under `root` (or `root` itself when it is a file), sorted by path within each
/// folder, folders visited depth-first. Folders whose name starts with `.` are skipped;
/// symbolic links are followed, but a folder already visited is not entered again.
pub fn discover(root: &Path) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    match fs::metadata(root) {
        Ok(meta) if meta.is_file() => files.push(root.to_path_buf()),
        Ok(_) => {
            let mut visited = HashSet::new();
            walk(root, &mut visited, &mut files, &mut errors);
        }
        Err(error) => errors.push(WalkError { path: root.to_path_buf(), error }),
    }
    (files, errors)
}

fn walk(dir: &Path, visited: &mut HashSet<DirId>, files: &mut Vec<PathBuf>, errors: &mut Vec<WalkError>) {
    match dir_id(dir) {
        Ok(id) if !visited.insert(id) => return,
        Ok(_) => {}
        Err(error) => {
            errors.push(WalkError { path: dir.to_path_buf(), error });
            return;
        }
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            errors.push(WalkError { path: dir.to_path_buf(), error });
            return;
        }
    };
    let mut children: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else { continue };
        let is_dir = if file_type.is_symlink() {
            fs::metadata(&path).map(|m| m.is_dir()).unwrap_or(false)
        } else {
            file_type.is_dir()
        };
        if is_dir || is_post_file(&path) {
            children.push((path, is_dir));
        }
    }
    children.sort();
    for (path, is_dir) in children {
        if is_dir {
            walk(&path, visited, files, errors);
        } else {
            files.push(path);
        }
    }
}

#[cfg(unix)]
type DirId = (u64, u64);
#[cfg(not(unix))]
type DirId = PathBuf;

#[cfg(unix)]
fn dir_id(dir: &Path) -> io::Result<DirId> {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::metadata(dir)?;
    Ok((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn dir_id(dir: &Path) -> io::Result<DirId> {
    fs::canonicalize(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_posts_in_order_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        for name in ["b/2.md", "a.TXT", "c.markdown", "skip.png", ".hidden.md", ".git/x.md"] {
            fs::write(root.join(name), "x").unwrap();
        }
        let (files, errors) = discover(root);
        assert!(errors.is_empty());
        let names: Vec<_> = files.iter().map(|p| p.strip_prefix(root).unwrap().to_path_buf()).collect();
        assert_eq!(names, [PathBuf::from("a.TXT"), "b/2.md".into(), "c.markdown".into()]);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::write(root.join("sub/post.md"), "x").unwrap();
        std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
        let (files, _) = discover(root);
        assert_eq!(files.len(), 1);
    }
}
