//! Loading posts: one file to a [`Post`] with its problems, and a whole folder in parallel.
//! One bad file never stops the others, and nothing a user wrote disappears: a post whose
//! front matter does not parse is kept with what could be salvaged and flagged.

use super::cache::{CacheEntry, IndexCache};
use super::decode::{Decoded, NotText, decode};
use super::diagnostic::{Diagnostic, DiagnosticKind, LoadNote, tenths_of_mib};
use super::discover::{Visitor, WalkError, walk_parallel};
use super::fields::{FrontText, apply_fallbacks, apply_front_matter};
use super::front_matter::{self, split};
use super::post::{FrontMatterState, Post};
use super::query::{Needle, apply_order, newest_first_order};
use super::tags::{apply_spellings, preferred_spellings};
use crate::text::sanitize_block;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

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
    let batches: Mutex<Vec<LoadBatch>> = Mutex::new(Vec::new());
    for &(root, cache_file) in roots {
        stream_path_cached(root, options, cache_file, 256, &|batch| {
            batches
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(batch)
        });
    }
    let batches = batches.into_inner().unwrap_or_else(PoisonError::into_inner);
    let mut loaded = Loaded {
        posts: Vec::with_capacity(batches.iter().map(|b| b.posts.len()).sum()),
        ..Loaded::default()
    };
    for batch in batches {
        loaded.posts.extend(batch.posts);
        loaded.diagnostics.extend(batch.diagnostics);
        loaded.files_seen += batch.files_seen;
        loaded.notes.extend(batch.notes);
    }
    loaded
        .diagnostics
        .sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    unify_and_sort(&mut loaded.posts);
    loaded
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
}

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
    // The cache is decoded on its own thread while the walk starts stating files.
    let cache: Option<OnceLock<IndexCache>> = cache_file.map(|_| OnceLock::new());
    let entries: Mutex<CacheUse> = Mutex::new(CacheUse::default());
    let misses = AtomicUsize::new(0);
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
    if let (Some(file), Some(cache)) = (cache_file, cache) {
        let used = entries.into_inner().unwrap_or_else(PoisonError::into_inner);
        // Rewrite only when something was read afresh or a cached file is gone.
        if misses.load(Ordering::Relaxed) > 0 || used.kept.len() != cache.len() {
            let _ = IndexCache::rewrite(file, root, &used.kept, used.fresh);
        }
    }
}

/// Cache entries still valid (by key) and entries made for files read afresh.
#[derive(Debug, Default)]
struct CacheUse {
    kept: Vec<String>,
    fresh: Vec<CacheEntry>,
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
            return split_result(load_listed_file(path, options));
        };
        let stat = fs::metadata(path)
            .ok()
            .map(|meta| (meta.len(), modified_nanos(&meta)));
        if let (Some(cache), Some((size, modified))) = (self.cache.map(OnceLock::wait), stat)
            && let Some((key, cached)) = cache.lookup(self.root, path, size, modified)
        {
            entries.kept.push(key);
            return cached;
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let (post, diagnostics) = split_result(load_listed_file(path, options));
        if let Some((size, modified)) = stat {
            entries.fresh.push(CacheEntry::new(
                self.root,
                path,
                size,
                modified,
                post.as_ref(),
                &diagnostics,
            ));
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

/// A file found by walking a folder, read only as far as its fields need. A `README` without
/// front matter is a folder's description, not a post, and is left out; so is an `.html`
/// page of a `_posts` folder without front matter (Jekyll would not publish it).
fn load_listed_file(path: &Path, options: &LoadOptions) -> Result<Option<LoadedPost>, Diagnostic> {
    let loaded = load_fields(path, options)?;
    let is_readme = path
        .file_stem()
        .is_some_and(|s| s.eq_ignore_ascii_case("readme"))
        || super::discover::is_posts_folder_page(path);
    if is_readme && loaded.post.front_matter == FrontMatterState::Missing {
        return Ok(None);
    }
    Ok(Some(loaded))
}

/// Loads one file with its body. `Err` is a file that is not a post at all (unreadable,
/// binary, empty, too large); every other problem is in [`LoadedPost::diagnostics`].
pub fn load_file(path: &Path, options: &LoadOptions) -> Result<LoadedPost, Diagnostic> {
    let file = read_file(path, options, usize::MAX)?;
    let decoded = decode_file(path, &file.bytes, file.complete)?;
    let (post, body_line, diagnostics) = parse_post(path, &decoded, &file);
    let body = sanitize_block(split(&decoded.text).body).into_owned();
    Ok(LoadedPost {
        post,
        body,
        body_line,
        diagnostics,
    })
}

/// How much of a file listing reads: any ordinary front matter, and the start of the body,
/// where a missing title's heading and the body's format are found.
const FIELDS_READ_BYTES: usize = 4 * 1024;
/// How much of the body after the front matter listing looks at.
const BODY_SAMPLE_BYTES: usize = 1024;

/// Like [`load_file`] but reads and decodes only the start of the file, so listing a large
/// folder costs about one short read per file. The body in the result is empty.
fn load_fields(path: &Path, options: &LoadOptions) -> Result<LoadedPost, Diagnostic> {
    let mut file = read_file(path, options, FIELDS_READ_BYTES)?;
    let Some(needed) = fields_prefix_len(&file.bytes) else {
        return load_file(path, options).map(|loaded| LoadedPost {
            body: String::new(),
            ..loaded
        });
    };
    if needed < file.bytes.len() {
        file.bytes.truncate(needed);
        file.complete = false;
    }
    let decoded = decode_file(path, &file.bytes, file.complete)?;
    let (post, body_line, diagnostics) = parse_post(path, &decoded, &file);
    Ok(LoadedPost {
        post,
        body: String::new(),
        body_line,
        diagnostics,
    })
}

/// The length of the front matter plus a body sample, when `bytes` hold the closing fence (or
/// no front matter starts). Fences are ASCII, so this works on UTF-8 bytes before decoding;
/// other encodings give `None` and are read whole.
fn fields_prefix_len(bytes: &[u8]) -> Option<usize> {
    let start = if bytes.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    let first_end = bytes[start..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| start + i);
    let fence = bytes[start..first_end].trim_ascii_end();
    if fence != b"---" && fence != b"+++" {
        return Some(BODY_SAMPLE_BYTES);
    }
    let mut offset = first_end + 1;
    while offset < bytes.len() {
        let end = bytes[offset..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| offset + i);
        let line = bytes[offset..end].trim_ascii_end();
        if line == fence || (fence == b"---" && line == b"...") {
            return (end < bytes.len()).then_some(end + 1 + BODY_SAMPLE_BYTES);
        }
        offset = end + 1;
    }
    None
}

/// The start of a body that listing reads: [`BODY_SAMPLE_BYTES`], cut at a character boundary.
fn body_sample(body: &str) -> &str {
    let mut end = body.len().min(BODY_SAMPLE_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[..end]
}

fn decode_file<'a>(
    path: &Path,
    bytes: &'a [u8],
    complete: bool,
) -> Result<Decoded<'a>, Diagnostic> {
    decode(bytes, complete).map_err(|reason| match reason {
        NotText::Empty => Diagnostic::warning(path, None, DiagnosticKind::Empty),
        NotText::Binary => Diagnostic::error(path, None, DiagnosticKind::Binary),
    })
}

/// A post's fields from its decoded text, with the body's first line and every problem found.
fn parse_post(
    path: &Path,
    decoded: &Decoded<'_>,
    file: &FileStart,
) -> (Post, usize, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if let Some(encoding) = decoded.decoded_from {
        diagnostics.push(Diagnostic::warning(
            path,
            None,
            DiagnosticKind::DecodedAs(encoding.to_string()),
        ));
    }
    let parts = split(&decoded.text);
    let mut post = Post {
        path: path.to_path_buf(),
        decoded_from: decoded.decoded_from.map(str::to_string),
        size: file.size,
        modified: file.modified,
        ..Post::default()
    };
    match parts.front {
        None => {
            post.front_matter = FrontMatterState::Missing;
            diagnostics.push(Diagnostic::warning(
                path,
                Some(1),
                DiagnosticKind::NoFrontMatter,
            ));
        }
        Some(block) => {
            if block.headless {
                diagnostics.push(Diagnostic::warning(path, Some(1), DiagnosticKind::Headless));
            }
            let front = FrontText {
                text: block.text,
                first_line: block.first_line,
            };
            match front_matter::parse(&block) {
                Ok(map) => {
                    let mut warnings = Vec::new();
                    apply_front_matter(&mut post, map, front, &mut warnings);
                    diagnostics.extend(warnings.into_iter().map(|w| Diagnostic {
                        path: path.to_path_buf(),
                        ..w
                    }));
                }
                Err(error) => {
                    post.front_matter = FrontMatterState::Broken;
                    diagnostics.push(Diagnostic::error(path, error.line, error.kind));
                    salvage(&mut post, front);
                }
            }
        }
    }
    // Listing reads only this much of the body, so a full load looks no further: the two
    // must give a post the same title and format.
    apply_fallbacks(&mut post, body_sample(parts.body), path);
    super::fields::note_fallback_date(&post, &mut diagnostics);
    let front_text = parts.front.map_or("", |f| f.text);
    post.content_hash = fnv1a(
        front_text
            .as_bytes()
            .iter()
            .chain(&file.size.to_le_bytes())
            .copied(),
    );
    (post, parts.body_line, diagnostics)
}

/// Reads a post's body again from disk, for rendering or full-text search.
pub fn read_body(post: &Post) -> Result<String, Diagnostic> {
    load_file(&post.path, &LoadOptions::default()).map(|loaded| loaded.body)
}

/// Whether a post's body contains `needle`, ignoring case: the full-text search, which needs
/// no parsing. The front matter is left out: its fields are searched as fields, and keys
/// such as `layout: post` would make nearly every post match.
pub fn body_contains(path: &Path, needle: &Needle) -> bool {
    let options = LoadOptions::default();
    let Ok(file) = read_file(path, &options, usize::MAX) else {
        return false;
    };
    decode(&file.bytes, file.complete).is_ok_and(|text| needle.found_in(split(&text.text).body))
}

/// Whether the file at `path` (front matter and body) contains every needle: a post found by
/// several search terms, some in its fields and some in its body.
pub fn file_contains_all(path: &Path, needles: &[Needle]) -> bool {
    let options = LoadOptions::default();
    let Ok(file) = read_file(path, &options, usize::MAX) else {
        return false;
    };
    decode(&file.bytes, file.complete)
        .is_ok_and(|text| needles.iter().all(|needle| needle.found_in(&text.text)))
}

fn salvage(post: &mut Post, front: FrontText<'_>) {
    let mut ignored = Vec::new();
    let fields: Vec<(String, super::value::FrontValue)> = ["title", "date"]
        .iter()
        .filter_map(|key| {
            front
                .salvage(key)
                .map(|v| (key.to_string(), super::value::FrontValue::String(v)))
        })
        .collect();
    apply_front_matter(post, fields, front, &mut ignored);
}

/// The first bytes of a file (all of it when `limit` allows) and its size.
struct FileStart {
    bytes: Vec<u8>,
    size: u64,
    modified: i64,
    complete: bool,
}

fn read_file(path: &Path, options: &LoadOptions, limit: usize) -> Result<FileStart, Diagnostic> {
    let unreadable =
        |e: io::Error| Diagnostic::error(path, None, DiagnosticKind::CannotRead(e.to_string()));
    // Only a regular file is opened: opening a FIFO waits for a writer, forever.
    let file = match crate::bounded_read::open_regular(path, u64::MAX) {
        Ok(Some((file, _))) => file,
        Ok(None) => return Err(unreadable(io::ErrorKind::NotFound.into())),
        Err(refused) => return Err(Diagnostic::error(path, None, refused.into())),
    };
    let meta = file.metadata().map_err(unreadable)?;
    let size = meta.len();
    let modified = modified_nanos(&meta);
    if size > options.max_file_bytes {
        return Err(Diagnostic::error(
            path,
            None,
            DiagnosticKind::TooLarge {
                size_tenths_mib: tenths_of_mib(size),
                limit_mib: options.max_file_bytes / 1048576,
            },
        ));
    }
    let size_now = usize::try_from(size).unwrap_or(usize::MAX);
    let wanted = size_now.min(limit);
    // A file that fits is read to the size just stated, without the extra read that finds
    // the end; a longer one is read one byte past what is wanted, to know that it goes on.
    let mut bytes = Vec::with_capacity(wanted + 1);
    let asked = if size_now <= limit {
        wanted
    } else {
        wanted + 1
    };
    (&file)
        .take(asked as u64)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    let complete = bytes.len() <= wanted;
    bytes.truncate(wanted);
    Ok(FileStart {
        bytes,
        size,
        modified,
        complete,
    })
}

/// A file's modification time in nanoseconds since the epoch; 0 when the system has none.
pub(crate) fn modified_nanos(meta: &fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// FNV-1a: stable across runs and platforms, unlike std's hasher, so it can name files and
/// identify posts between runs.
pub(crate) fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fields_prefix_ends_after_the_closing_fence_plus_a_sample() {
        let text = b"---\ntitle: a\n---\nbody";
        assert_eq!(fields_prefix_len(text), Some(17 + BODY_SAMPLE_BYTES));
        assert_eq!(
            fields_prefix_len(b"\xef\xbb\xbf+++\r\nx = 1\r\n+++\r\n"),
            Some(20 + BODY_SAMPLE_BYTES)
        );
        assert_eq!(
            fields_prefix_len(b"# no front matter"),
            Some(BODY_SAMPLE_BYTES)
        );
        assert_eq!(fields_prefix_len(b"---\ntitle: cut off"), None);
    }

    #[test]
    fn a_heading_past_the_sample_gives_the_same_title_to_listing_and_full_loading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        let text = format!(
            "---\ntags: [a]\n---\n{}\n\n# 真正的标题\n",
            "正文。".repeat(200)
        );
        std::fs::write(&path, text).unwrap();
        let fields = load_fields(&path, &LoadOptions::default()).unwrap();
        let full = load_file(&path, &LoadOptions::default()).unwrap();
        assert_eq!(fields.post.title, "post");
        assert_eq!(full.post, fields.post);
    }

    #[test]
    fn the_body_search_looks_in_the_body_not_the_front_matter() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        std::fs::write(
            &path,
            "---\nlayout: post\ntitle: 标题\n---\nOpenAI 与云计算\n",
        )
        .unwrap();
        let found = |text: &str| body_contains(&path, &Needle::new(text));
        assert!(found("openai") && found("云计算"));
        assert!(!found("layout") && !found("标题"));
    }

    #[test]
    fn listing_and_full_loading_agree() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        let long_body = "正文。".repeat(3000);
        std::fs::write(
            &path,
            format!("---\ntitle: 标题\ntags: [a]\n---\n{long_body}\n"),
        )
        .unwrap();
        let fields = load_fields(&path, &LoadOptions::default()).unwrap();
        let full = load_file(&path, &LoadOptions::default()).unwrap();
        assert_eq!(fields.post, full.post);
        assert_eq!(full.body.trim_end(), long_body);
    }
}
