//! One post as the rest of brief sees it: normalised, sanitised fields and where its body is.

use super::date::PostDate;
use super::value::FrontValue;
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
    let relative = roots
        .iter()
        .find_map(|root| path.strip_prefix(root).ok())
        .unwrap_or(path)
        .to_string_lossy();
    // Elsewhere a `\` is part of a name, not a separator.
    if cfg!(windows) {
        relative.replace('\\', "/")
    } else {
        relative.into_owned()
    }
}
