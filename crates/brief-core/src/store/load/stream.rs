//! Walking a folder and handing its posts over in batches, from several threads, with the
//! index cache: a file whose size and modification time match its entry is not read.

use super::file::{Listed, load_listed_file};
use super::stamp::Stamps;
use super::{BodyVisit, LoadBatch, LoadOptions, LoadedPost};
use crate::store::cache::{CacheRewrite, Encoded, IndexCache, encode_entry};
use crate::store::diagnostic::{Diagnostic, LoadNote};
use crate::store::discover::{Visitor, WalkError, walk_parallel};
use crate::store::post::Post;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

/// Loads every post under `root`, handing them to `sink` in batches of about `batch_size` as
/// they are read, from several threads.
pub fn stream_path(
    root: &Path,
    options: &LoadOptions,
    batch_size: usize,
    sink: &(dyn Fn(LoadBatch) + Sync),
) {
    stream_path_cached(root, options, None, batch_size, sink);
}

/// Every post under several folders (each with its index cache, if any), handed to `sink` in
/// growing batches: the first of about `first_batch` posts, so a reader can show a list at
/// once, each next one twice as large, so that work per batch adds up to little more than
/// one pass over all posts. The last batch holds whatever is left, and may be empty.
pub fn stream_in_growing_batches(
    roots: &[(&Path, Option<&Path>)],
    options: &LoadOptions,
    first_batch: usize,
    sink: &(dyn Fn(LoadBatch) + Sync),
) {
    let pending = Mutex::new((LoadBatch::default(), first_batch.max(1)));
    for &(root, cache_file) in roots {
        stream_path_cached(root, options, cache_file, 128, &|batch| {
            let mut guard = pending.lock().unwrap_or_else(PoisonError::into_inner);
            let (gathered, threshold) = &mut *guard;
            gathered.posts.extend(batch.posts);
            gathered.diagnostics.extend(batch.diagnostics);
            gathered.files_seen += batch.files_seen;
            gathered.expected_posts += batch.expected_posts;
            if gathered.posts.len() >= *threshold {
                *threshold *= 2;
                sink(std::mem::take(gathered));
            }
        });
    }
    let (rest, _) = pending.into_inner().unwrap_or_else(PoisonError::into_inner);
    sink(rest);
}

/// Like [`stream_path`], using and then refreshing the index cache in `cache_file`: a file
/// whose size and modification time match its entry is not read at all.
pub fn stream_path_cached(
    root: &Path,
    options: &LoadOptions,
    cache_file: Option<&Path>,
    batch_size: usize,
    sink: &(dyn Fn(LoadBatch) + Sync),
) {
    if let Some(rewrite) = stream_path_deferred(root, options, cache_file, batch_size, None, sink) {
        // Not reported: a cache that cannot be written costs a rebuild next time, nothing more.
        let _ = rewrite.write();
    }
}

/// [`stream_path_cached`], handing back the cache's rewrite (when one is needed) instead of
/// doing it, so that a caller can write the cache while it works with the posts. Each body
/// read whole on the way is handed to `bodies`, when given (files the cache answers are not
/// read).
pub fn stream_path_deferred(
    root: &Path,
    options: &LoadOptions,
    cache_file: Option<&Path>,
    batch_size: usize,
    bodies: Option<BodyVisit<'_>>,
    sink: &(dyn Fn(LoadBatch) + Sync),
) -> Option<CacheRewrite> {
    // The cache is decoded on its own thread while the walk starts stating files.
    let cache: Option<OnceLock<IndexCache>> = cache_file.map(|_| OnceLock::new());
    let entries: Mutex<CacheUse> = Mutex::new(CacheUse::default());
    let misses = AtomicUsize::new(0);
    let hinted = AtomicBool::new(false);
    let make_visitor = || -> Visitor<'_> {
        let mut batcher = Batcher {
            batch: LoadBatch::default(),
            batch_size,
            sink,
            root,
            cache: cache.as_ref(),
            entries: cache_file.map(|_| CacheUse::default()),
            shared_entries: &entries,
            misses: &misses,
            hinted: &hinted,
            stamps: Stamps::default(),
            bodies,
        };
        Box::new(move |entry| batcher.add(entry, options))
    };
    std::thread::scope(|scope| {
        if let (Some(file), Some(cell)) = (cache_file, cache.as_ref()) {
            scope.spawn(move || cell.get_or_init(|| IndexCache::load(file, root)));
        }
        walk_parallel(root, &make_visitor);
    });
    let mut cache = cache.and_then(|mut cell| cell.take());
    if let (Some(file), Some(cache)) = (cache_file, cache.as_mut()) {
        let mut notes = Vec::new();
        if cache.dropped_chunks > 0 {
            notes.push(LoadNote::CacheDropped {
                file: file.to_path_buf(),
                chunks: cache.dropped_chunks,
            });
        }
        if let Some(reason) = cache.refused.take() {
            notes.push(LoadNote::CacheRefused {
                file: file.to_path_buf(),
                reason,
            });
        }
        if !notes.is_empty() {
            sink(LoadBatch {
                notes,
                ..LoadBatch::default()
            });
        }
    }
    let (file, cache) = (cache_file?, cache?);
    let used = entries.into_inner().unwrap_or_else(PoisonError::into_inner);
    // Rewrite only when something was read afresh or a cached file is gone.
    (misses.load(Ordering::Relaxed) > 0 || used.kept.len() != cache.len())
        .then(|| CacheRewrite::new(file, root, cache, used.kept, used.fresh))
}

/// Cache entries still valid (by their place in the cache) and entries made for files read
/// afresh.
#[derive(Debug, Default)]
struct CacheUse {
    kept: Vec<u32>,
    fresh: Vec<Encoded>,
}

/// One walking thread's batch, handed to the sink when full and when the thread is done.
struct Batcher<'a> {
    batch: LoadBatch,
    batch_size: usize,
    sink: &'a (dyn Fn(LoadBatch) + Sync),
    root: &'a Path,
    cache: Option<&'a OnceLock<IndexCache>>,
    /// What this thread took from and adds to the cache, when a cache is kept.
    entries: Option<CacheUse>,
    shared_entries: &'a Mutex<CacheUse>,
    misses: &'a AtomicUsize,
    /// Whether a batch has said how many posts the cache expects.
    hinted: &'a AtomicBool,
    stamps: Stamps,
    bodies: Option<BodyVisit<'a>>,
}

impl Batcher<'_> {
    fn add(&mut self, entry: Result<PathBuf, WalkError>, options: &LoadOptions) {
        match entry {
            Ok(path) => {
                self.batch.files_seen += 1;
                let (post, diagnostics) = self.load(&path, options);
                self.batch.diagnostics.extend(diagnostics);
                self.batch.posts.extend(post);
            }
            Err(error) => self
                .batch
                .diagnostics
                .push(Diagnostic::error(error.path, None, error.kind)),
        }
        if self.batch.files_seen >= self.batch_size {
            (self.sink)(std::mem::take(&mut self.batch));
        }
    }

    /// A file's post and problems, from the cache when it is still valid.
    fn load(&mut self, path: &Path, options: &LoadOptions) -> (Option<Post>, Vec<Diagnostic>) {
        let Some(entries) = self.entries.as_mut() else {
            return split_result(load_listed_file(path, options, self.bodies).result);
        };
        // An empty cache (a first run) has nothing to compare with: the file's own look, taken
        // when it is opened, is all its new entry needs.
        let cache = self.cache.map(OnceLock::wait).filter(|c| !c.is_empty());
        if let Some(cache) = cache
            && !self.hinted.swap(true, Ordering::Relaxed)
        {
            self.batch.expected_posts = cache.len();
        }
        let stat = cache.and_then(|_| self.stamps.of(path));
        if let (Some(cache), Some((size, modified))) = (cache, stat)
            && let Some((key, cached)) = cache.lookup(self.root, path, size, modified)
        {
            entries.kept.push(key);
            return cached;
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let Listed { result, stamp } = load_listed_file(path, options, self.bodies);
        let (post, diagnostics) = split_result(result);
        // A file that was not opened is still remembered, by a look at its path, so that it
        // is not tried again while it stays as it is.
        // Encoded here, on the thread that read the file, from the post itself.
        if let Some((size, modified)) = stamp.or(stat).or_else(|| self.stamps.of(path))
            && let Ok(encoded) =
                encode_entry(self.root, path, size, modified, post.as_ref(), &diagnostics)
        {
            entries.fresh.push(encoded);
        }
        (post, diagnostics)
    }
}

fn split_result(result: Result<Option<LoadedPost>, Diagnostic>) -> (Option<Post>, Vec<Diagnostic>) {
    match result {
        Ok(Some(loaded)) => (Some(loaded.post), loaded.diagnostics),
        Ok(None) => (None, Vec::new()),
        Err(diagnostic) => (None, vec![diagnostic]),
    }
}

impl Drop for Batcher<'_> {
    fn drop(&mut self) {
        if self.batch.files_seen > 0 || !self.batch.diagnostics.is_empty() {
            (self.sink)(std::mem::take(&mut self.batch));
        }
        if let Some(entries) = self.entries.take() {
            let mut shared = self
                .shared_entries
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            shared.kept.extend(entries.kept);
            shared.fresh.extend(entries.fresh);
        }
    }
}
