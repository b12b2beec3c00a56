//! One post as the rest of brief sees it: normalised, sanitised fields and where its body is.

use super::date::PostDate;
use super::value::FrontValue;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// How the body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BodyFormat {
    #[default]
    Markdown,
    /// The body is mostly HTML elements (a site's export, a scraper's capture).
    Html,
}

impl BodyFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            BodyFormat::Markdown => "markdown",
            BodyFormat::Html => "html",
        }
    }
}

/// What became of the post's front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FrontMatterState {
    #[default]
    Parsed,
    /// The file has no front matter; fields come from the body and file name.
    Missing,
    /// The front matter could not be parsed; fields were salvaged where possible.
    Broken,
}

/// A post's normalised fields. The body is not held: [`super::read_body`] reads it when needed,
/// so that a store of a hundred thousand posts stays small.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Post {
    pub path: PathBuf,
    pub title: String,
    pub date: Option<PostDate>,
    pub author: Option<String>,
    /// The original article's link.
    pub source: Option<String>,
    /// In the spelling most posts of the store use.
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub summary: Option<String>,
    pub lang: Vec<String>,
    /// The front matter's own `id`, when it has one.
    pub id: Option<String>,
    /// Every front-matter key brief does not interpret, in file order.
    pub extra: Vec<(String, FrontValue)>,
    pub format: BodyFormat,
    pub front_matter: FrontMatterState,
    /// The encoding the file was decoded from, when it was not UTF-8.
    pub decoded_from: Option<String>,
    /// File size in bytes when loaded.
    pub size: u64,
    /// Modification time when loaded, in nanoseconds since the epoch (0 when unknown).
    pub modified: i64,
    /// A hash of the front matter and the file size: part of the post's id when it has no
    /// `id` or source.
    pub content_hash: u64,
}

/// A post's path under the first of `roots` that holds it (the path itself when none does),
/// with `/` between names on every system: how the index cache and the marks name a file, so
/// that moving the posts folder keeps both.
pub fn relative_key(path: &Path, roots: &[impl AsRef<Path>]) -> String {
    roots
        .iter()
        .find_map(|root| key_under(path, root.as_ref()))
        .unwrap_or_else(|| key_text(path))
        .into_owned()
}

/// [`relative_key`] with one root, borrowed from `path` where [`key_under`] can.
pub fn relative_key_in<'p>(path: &'p Path, root: &Path) -> Cow<'p, str> {
    key_under(path, root).unwrap_or_else(|| key_text(path))
}

/// [`relative_key`] under one root, `None` when `root` does not hold `path`. Borrowed from
/// `path` when it is `root` followed by plain names (as a folder walk gives it): a warm
/// listing of 100,000 posts looks each one up in the index cache by this key.
pub fn key_under<'p>(path: &'p Path, root: &Path) -> Option<Cow<'p, str>> {
    if let Some(plain) = plain_rest(path, root) {
        return Some(plain);
    }
    path.strip_prefix(root).ok().map(key_text)
}

fn key_text(relative: &Path) -> Cow<'_, str> {
    let text = relative.to_string_lossy();
    // Elsewhere a `\` is part of a name, not a separator.
    if cfg!(windows) {
        Cow::Owned(text.replace('\\', "/"))
    } else {
        text
    }
}

/// What follows `root` in `path` when that is plain names between single `/`s, in UTF-8:
/// then comparing components (which folds `.` and repeated separators) would give the same.
/// `None` says only that this quick look cannot tell.
fn plain_rest<'p>(path: &'p Path, root: &Path) -> Option<Cow<'p, str>> {
    if cfg!(windows) {
        return None;
    }
    let rest = path
        .as_os_str()
        .as_encoded_bytes()
        .strip_prefix(root.as_os_str().as_encoded_bytes())?;
    // The root must end where a name ends.
    let rest = if root.as_os_str().as_encoded_bytes().ends_with(b"/") {
        rest
    } else {
        rest.strip_prefix(b"/")?
    };
    let plain = !rest.is_empty()
        && rest
            .split(|&b| b == b'/')
            .all(|name| !name.is_empty() && name != b".");
    plain
        .then(|| std::str::from_utf8(rest).ok())
        .flatten()
        .map(Cow::Borrowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick look either answers as comparing components does, or does not answer.
    #[test]
    fn the_quick_key_is_the_component_key_whenever_it_answers() {
        let roots = ["/p", "/p/", "p", "./p", "/p/.", "/", "/p//q", "/pq", "."];
        let rests = [
            "a.md",
            "2026/简报.md",
            "a/./b.md",
            "a//b.md",
            "./a.md",
            "a/",
            "a/.",
            "",
            "/a.md",
            "../a.md",
            "a/../b.md",
            ".hidden/x.md",
        ];
        let mut answered = 0;
        for root in roots {
            for rest in rests {
                for joined in [format!("{root}/{rest}"), format!("{root}{rest}")] {
                    let path = Path::new(&joined);
                    let slow = path
                        .strip_prefix(root)
                        .ok()
                        .map(|r| r.to_string_lossy().into_owned());
                    if let Some(quick) = plain_rest(path, Path::new(root)) {
                        answered += 1;
                        assert_eq!(Some(quick.into_owned()), slow, "{joined} under {root}");
                    }
                    assert_eq!(
                        key_under(path, Path::new(root)).map(Cow::into_owned),
                        slow,
                        "{joined} under {root}"
                    );
                }
            }
        }
        assert!(answered > 20, "the quick look answers the plain cases");
    }
}
