//! Finding post files under a folder: recursive, hidden folders skipped, symlink loops cut,
//! and the same order on every run.

use std::path::{Path, PathBuf};

/// Extensions of files that may be posts, compared case-insensitively.
pub const POST_EXTENSIONS: [&str; 3] = ["md", "markdown", "txt"];

/// Whether the file name has a post extension and is not hidden, or is a page of a Jekyll
/// `_posts` folder (`.html`; one without front matter is then left out by the loader). Hugo's
/// `_index.md` is a section's page, not a post.
pub fn is_post_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let section_page = path
        .file_stem()
        .is_some_and(|s| s.eq_ignore_ascii_case("_index"));
    !name.starts_with('.')
        && !section_page
        && (POST_EXTENSIONS
            .iter()
            .any(|e| e.eq_ignore_ascii_case(extension))
            || is_posts_folder_page(path))
}

/// An `.html` file in a Jekyll `_posts` folder (at any depth below it).
pub fn is_posts_folder_page(path: &Path) -> bool {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    (extension.eq_ignore_ascii_case("html") || extension.eq_ignore_ascii_case("htm"))
        && path
            .parent()
            .is_some_and(|p| p.components().any(|c| c.as_os_str() == "_posts"))
}

/// A folder or file that could not be read while walking.
#[derive(Debug)]
pub struct WalkError {
    pub path: PathBuf,
    pub kind: super::diagnostic::DiagnosticKind,
}

/// Post files under `root` (or `root` itself when it is a file), sorted by path within each
/// folder, folders visited depth-first. Names starting with `.` are skipped; symbolic links
/// are followed, but a link back to a folder being walked is not.
pub fn discover(root: &Path) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for entry in walker(root).sort_by_file_name(|a, b| a.cmp(b)).build() {
        match entry {
            Ok(entry) => {
                if is_wanted(&entry, root) {
                    files.push(entry.into_path());
                } else if let Some(error) = not_regular(&entry, root) {
                    errors.push(error);
                }
            }
            Err(error) => errors.push(walk_error(root, error)),
        }
    }
    (files, errors)
}

/// A per-thread visitor of post files (or walk errors), made once for each walking thread.
pub type Visitor<'a> = Box<dyn FnMut(Result<PathBuf, WalkError>) + Send + 'a>;

/// Walks `root` on several threads at once, in no particular order, calling a visitor made by
/// `make_visitor` for each thread; for loading, where the walk and the reading overlap. Each
/// visitor is dropped when its thread is done, so it can hand over what it gathered.
pub fn walk_parallel<'a>(root: &'a Path, make_visitor: &(dyn Fn() -> Visitor<'a> + Sync)) {
    walker(root).build_parallel().run(|| {
        let mut visit = make_visitor();
        Box::new(move |entry| {
            match entry {
                Ok(entry) => {
                    if is_wanted(&entry, root) {
                        visit(Ok(entry.into_path()));
                    } else if let Some(error) = not_regular(&entry, root) {
                        visit(Err(error));
                    }
                }
                Err(error) => visit(Err(walk_error(root, error))),
            }
            ignore::WalkState::Continue
        })
    });
}

fn walker(root: &Path) -> ignore::WalkBuilder {
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .standard_filters(false)
        .hidden(true)
        .follow_links(true);
    builder
}

/// Post files below the root; the root itself whatever its name, since the user named it.
fn is_wanted(entry: &ignore::DirEntry, root: &Path) -> bool {
    let is_file = entry.file_type().is_some_and(|t| t.is_file())
        || (entry.path_is_symlink() && entry.path().is_file());
    is_file && (entry.depth() == 0 || entry.path() == root || is_post_file(entry.path()))
}

/// A FIFO, device or socket named like a post (or named as the root): skipped, and said so.
fn not_regular(entry: &ignore::DirEntry, root: &Path) -> Option<WalkError> {
    let named = entry.depth() == 0 || entry.path() == root || is_post_file(entry.path());
    if !named || entry.file_type().is_some_and(|t| t.is_file() || t.is_dir()) {
        return None;
    }
    // A symbolic link is judged by what it points to; a dangling one is left alone.
    let meta = std::fs::metadata(entry.path()).ok()?;
    let kind = crate::bounded_read::kind_of(&meta).filter(|_| !meta.is_dir())?;
    Some(WalkError {
        path: entry.path().to_path_buf(),
        kind: super::diagnostic::DiagnosticKind::NotRegular(kind),
    })
}

fn walk_error(root: &Path, error: ignore::Error) -> WalkError {
    let path = walk_error_path(&error).unwrap_or(root).to_path_buf();
    WalkError {
        path,
        kind: super::diagnostic::DiagnosticKind::CannotRead(error.to_string()),
    }
}

fn walk_error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::fs;

    #[test]
    fn finds_posts_in_order_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        fs::create_dir_all(root.join("_posts")).unwrap();
        for name in [
            "b/2.md",
            "a.TXT",
            "c.markdown",
            "skip.png",
            "_index.md",
            "page.html",
            "_posts/2020-01-01-x.html",
            ".hidden.md",
            ".git/x.md",
        ] {
            fs::write(root.join(name), "x").unwrap();
        }
        let (files, errors) = discover(root);
        assert!(errors.is_empty());
        let names: Vec<_> = files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            names,
            [
                PathBuf::from("_posts/2020-01-01-x.html"),
                "a.TXT".into(),
                "b/2.md".into(),
                "c.markdown".into()
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_named_like_a_post_is_skipped_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("a.md"), "x").unwrap();
        crate::test_support::make_fifo(&root.join("pipe.md"));
        let (files, errors) = discover(root);
        assert_eq!(files, [root.join("a.md")]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, root.join("pipe.md"));
        assert_eq!(
            errors[0].kind,
            super::super::diagnostic::DiagnosticKind::NotRegular(
                crate::bounded_read::FileKind::Fifo
            )
        );
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
