//! Loading posts: one file to a [`Post`] with its problems, and a whole folder in parallel.
//! One bad file never stops the others, and nothing a user wrote disappears: a post whose
//! front matter does not parse is kept with what could be salvaged and flagged.
//!
//! Split by concern: [`stream`] walks a folder and hands posts over in batches, using and
//! refreshing the index cache; [`file`] reads and parses one file; [`search`] looks for text
//! in bodies. This file holds what they share and the whole-folder entry points.

mod file;
mod search;
mod stamp;
mod stream;
#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) use file::modified_nanos;
pub use file::{load_file, read_body};
pub use search::{body_contains, file_contains_all};
pub use stream::{
    stream_in_growing_batches, stream_path, stream_path_cached, stream_path_deferred,
};

use super::diagnostic::{Diagnostic, LoadNote};
use super::post::Post;
use super::query::{apply_order, newest_first_order};
use super::tags::{apply_spellings, preferred_spellings};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

/// Limits applied while loading.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Files larger than this are skipped with an error.
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_bytes: 16 * 1024 * 1024,
        }
    }
}

/// Something done with the whole body of each post a load reads from its file, on the thread
/// that read it, before the post is handed over. Posts the index cache answers are not read,
/// so they are not visited: the caller reads those bodies itself when it needs them.
pub type BodyVisit<'a> = &'a (dyn Fn(&Post, &str) + Sync);

/// Every post of a folder, newest first, with every problem found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub posts: Vec<Post>,
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were looked at, including skipped ones.
    pub files_seen: usize,
    /// What a user asking for detail (`--verbose`) is told: index cache chunks dropped.
    pub notes: Vec<LoadNote>,
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

/// Loads every post under `root` (or `root` itself, a file), reading while walking, on
/// every core.
pub fn load_path(root: &Path, options: &LoadOptions) -> Loaded {
    load_path_cached(root, options, None)
}

/// [`load_path`] with the index cache in `cache_file`.
pub fn load_path_cached(root: &Path, options: &LoadOptions, cache_file: Option<&Path>) -> Loaded {
    load_paths_cached(&[(root, cache_file)], options)
}

/// Every post under several folders (each with its index cache, if any), as one store: tag
/// spellings unified and posts sorted once, across all of them.
pub fn load_paths_cached(roots: &[(&Path, Option<&Path>)], options: &LoadOptions) -> Loaded {
    load_paths_cached_then(roots, options, None, |loaded| loaded)
}

/// [`load_paths_cached`], handing the posts to `then` while the index caches are written on
/// threads of their own (joined before this returns): a first run prints its list without
/// waiting for the cache. Errors writing a cache are not reported: losing one costs a rebuild.
/// Each body read whole on the way is handed to `bodies`, when given.
pub fn load_paths_cached_then<R>(
    roots: &[(&Path, Option<&Path>)],
    options: &LoadOptions,
    bodies: Option<BodyVisit<'_>>,
    then: impl FnOnce(Loaded) -> R,
) -> R {
    std::thread::scope(|scope| {
        // Each batch joins the whole as it comes: gathering the batches first and copying
        // them afterwards held every post twice at the peak.
        let gathered: Mutex<Loaded> = Mutex::new(Loaded::default());
        for &(root, cache_file) in roots {
            let rewrite = stream_path_deferred(root, options, cache_file, 256, bodies, &|batch| {
                let mut loaded = gathered.lock().unwrap_or_else(PoisonError::into_inner);
                loaded.posts.reserve_exact(batch.expected_posts);
                loaded.posts.extend(batch.posts);
                loaded.diagnostics.extend(batch.diagnostics);
                loaded.files_seen += batch.files_seen;
                loaded.notes.extend(batch.notes);
            });
            if let Some(rewrite) = rewrite {
                scope.spawn(move || {
                    let _ = rewrite.write();
                });
            }
        }
        let mut loaded = gathered
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        loaded
            .diagnostics
            .sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
        unify_and_sort(&mut loaded.posts);
        then(loaded)
    })
}

/// [`super::tags::unify_spellings`] and [`super::query::sort_newest_first`] at once: both only read the posts until
/// they are done, so the counting and the ordering run side by side.
fn unify_and_sort(posts: &mut [Post]) {
    let (preferred, order) =
        rayon::join(|| preferred_spellings(posts), || newest_first_order(posts));
    apply_spellings(posts, &preferred);
    apply_order(posts, order);
}

/// Posts and problems handed over while a folder is still loading. Posts in a batch are in no
/// particular order and their tags not yet unified across the folder.
#[derive(Debug, Default)]
pub struct LoadBatch {
    pub posts: Vec<Post>,
    pub diagnostics: Vec<Diagnostic>,
    pub files_seen: usize,
    /// See [`Loaded::notes`].
    pub notes: Vec<LoadNote>,
    /// How many posts the rest of this folder's load is expected to bring (its index cache's
    /// entries), said once per folder when known: room for them can be made at once, rather
    /// than by doubling, which at 100,000 posts held two copies of the list at the peak.
    pub expected_posts: usize,
}
