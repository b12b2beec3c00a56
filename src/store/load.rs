//! Loading posts: one file to a [`Post`] with its problems, and a whole folder in parallel.
//! One bad file never stops the others, and nothing a user wrote disappears: a post whose
//! front matter does not parse is kept with what could be salvaged and flagged.

use super::decode::{NotText, decode};
use super::diagnostic::Diagnostic;
use super::discover::discover;
use super::fields::{FrontText, apply_fallbacks, apply_front_matter};
use super::front_matter::{self, split};
use super::post::{FrontMatterState, Post};
use super::query::sort_newest_first;
use super::tags::unify_spellings;
use crate::text::sanitize_block;
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Limits applied while loading.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Files larger than this are skipped with an error.
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self { max_file_bytes: 16 * 1024 * 1024 }
    }
}

/// Every post of a folder, newest first, with every problem found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub posts: Vec<Post>,
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were looked at, including skipped ones.
    pub files_seen: usize,
}

/// One post with its body, as `brief show` and the article pane need it.
#[derive(Debug)]
pub struct LoadedPost {
    pub post: Post,
    /// The body, sanitised, line ends as `\n`.
    pub body: String,
    /// The file line on which the body starts.
    pub body_line: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads every post under `root` (or `root` itself, a file), using all cores.
pub fn load_path(root: &Path, options: &LoadOptions) -> Loaded {
    let (files, walk_errors) = discover(root);
    let mut diagnostics: Vec<Diagnostic> = walk_errors
        .into_iter()
        .map(|e| Diagnostic::error(e.path, None, format!("cannot read: {}", e.error)))
        .collect();
    let results: Vec<Result<Option<LoadedPost>, Diagnostic>> =
        files.par_iter().map(|path| load_listed_file(path, options)).collect();
    let mut posts = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(Some(loaded)) => {
                diagnostics.extend(loaded.diagnostics);
                posts.push(loaded.post);
            }
            Ok(None) => {}
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    unify_spellings(&mut posts);
    sort_newest_first(&mut posts);
    Loaded { posts, diagnostics, files_seen: files.len() }
}

/// A file found by walking a folder. A `README` without front matter is a folder's
/// description, not a post, and is left out.
fn load_listed_file(path: &Path, options: &LoadOptions) -> Result<Option<LoadedPost>, Diagnostic> {
    let loaded = load_file(path, options)?;
    let is_readme = path.file_stem().is_some_and(|s| s.eq_ignore_ascii_case("readme"));
    if is_readme && loaded.post.front_matter == FrontMatterState::Missing {
        return Ok(None);
    }
    Ok(Some(loaded))
}

/// Loads one file with its body. `Err` is a file that is not a post at all (unreadable,
/// binary, empty, too large); every other problem is in [`LoadedPost::diagnostics`].
pub fn load_file(path: &Path, options: &LoadOptions) -> Result<LoadedPost, Diagnostic> {
    let bytes = read_capped(path, options)?;
    let size = bytes.len() as u64;
    let decoded = decode(bytes).map_err(|reason| match reason {
        NotText::Empty => Diagnostic::warning(path, None, "empty file; skipped"),
        NotText::Binary => Diagnostic::error(path, None, "binary file, not text; skipped"),
    })?;
    let mut diagnostics = Vec::new();
    if let Some(encoding) = decoded.decoded_from {
        diagnostics.push(Diagnostic::warning(path, None, format!("not UTF-8; decoded as {encoding}")));
    }
    let text = decoded.text;
    let parts = split(&text);
    let mut post = Post { path: path.to_path_buf(), decoded_from: decoded.decoded_from, size, ..Post::default() };
    match parts.front {
        None => {
            post.front_matter = FrontMatterState::Missing;
            diagnostics.push(Diagnostic::warning(path, Some(1), "no front matter (`---` or `+++` on the first line)"));
        }
        Some(block) => {
            let front = FrontText { text: block.text, first_line: block.first_line };
            match front_matter::parse(&block) {
                Ok(map) => {
                    let mut warnings = Vec::new();
                    apply_front_matter(&mut post, map, front, &mut warnings);
                    diagnostics.extend(warnings.into_iter().map(|w| Diagnostic { path: path.to_path_buf(), ..w }));
                }
                Err(error) => {
                    post.front_matter = FrontMatterState::Broken;
                    diagnostics.push(Diagnostic::error(path, error.line, error.message));
                    salvage(&mut post, front);
                }
            }
        }
    }
    let body = sanitize_block(parts.body).into_owned();
    apply_fallbacks(&mut post, &body, path);
    Ok(LoadedPost { post, body, body_line: parts.body_line, diagnostics })
}

/// Reads a post's body again from disk, for rendering or full-text search.
pub fn read_body(post: &Post) -> Result<String, Diagnostic> {
    load_file(&post.path, &LoadOptions::default()).map(|loaded| loaded.body)
}

fn salvage(post: &mut Post, front: FrontText<'_>) {
    let mut ignored = Vec::new();
    let fields: Vec<(String, super::value::FrontValue)> = ["title", "date"]
        .iter()
        .filter_map(|key| front.salvage(key).map(|v| (key.to_string(), super::value::FrontValue::String(v))))
        .collect();
    apply_front_matter(post, fields, front, &mut ignored);
}

fn read_capped(path: &Path, options: &LoadOptions) -> Result<Vec<u8>, Diagnostic> {
    let unreadable = |e: io::Error| Diagnostic::error(path, None, format!("cannot read: {e}"));
    let meta = fs::metadata(path).map_err(unreadable)?;
    if meta.len() > options.max_file_bytes {
        return Err(Diagnostic::error(
            path,
            None,
            format!(
                "file is {:.1} MiB, over the {} MiB limit; skipped",
                meta.len() as f64 / 1048576.0,
                options.max_file_bytes / 1048576
            ),
        ));
    }
    fs::read(path).map_err(unreadable)
}

/// The path of a post relative to `root`, for display; the path itself when it is not under it.
pub fn relative_to(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}
