//! The index cache: every post's parsed fields and problems, keyed by path, size and
//! modification time, so that a folder read before loads with one `stat` per file and no
//! reads. A cache entry is used only when size and modification time (to the nanosecond)
//! match the file; a cache that is stale, from another version of brief or corrupt is
//! ignored and rebuilt, never trusted blindly: each chunk carries a CRC-32 checked before it
//! is decoded (a chunk that fails is dropped and its posts read again), and every string
//! taken from the cache is sanitised again as if it came from a post.
//!
//! One file per posts folder, named by a hash of the folder's canonical path, written
//! atomically. The store decides nothing about where cache files live: callers pass the
//! folder.

use super::date::PostDate;
use super::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use super::load::fnv1a;
use super::post::{BodyFormat, FrontMatterState, Post, relative_key};
use super::value::FrontValue;
use jiff::civil::{Date, Time};
use jiff::tz::Offset;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// Bumped whenever what the store extracts from a post, or this file's layout, changes.
const FORMAT_VERSION: u32 = 7;

/// The most memory a cache file may claim while it is decoded (a million posts take a few
/// hundred MiB).
const DECODE_LIMIT: usize = 1 << 30;

/// A cached post with its problems, keyed by path relative to the root.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CacheEntry {
    pub relative_path: String,
    pub size: u64,
    pub modified: i64,
    post: CachedPost,
    diagnostics: Vec<CachedDiagnostic>,
    /// False for a file that is not a post (a README); it is remembered so it is not read again.
    is_post: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CachedPost {
    title: String,
    date: Option<CachedDate>,
    author: Option<String>,
    source: Option<String>,
    tags: Vec<String>,
    categories: Vec<String>,
    summary: Option<String>,
    lang: Vec<String>,
    id: Option<String>,
    extra: Vec<(String, CachedValue)>,
    html: bool,
    front_matter: u8,
    decoded_from: Option<String>,
    content_hash: u64,
}

/// [`PostDate`] in plain numbers.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct CachedDate {
    /// 0 a day, 1 a zone-less time, 2 a time at an offset.
    kind: u8,
    year: i16,
    month: i8,
    day: i8,
    hour: i8,
    minute: i8,
    second: i8,
    subsec_nanosecond: i32,
    offset_seconds: i32,
}

/// [`FrontValue`] in a form the cache's format can hold (it has no self-describing values).
#[derive(Debug, Clone, Serialize, Deserialize)]
enum CachedValue {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    List(Vec<CachedValue>),
    Map(Vec<(String, CachedValue)>),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CachedDiagnostic {
    line: Option<usize>,
    error: bool,
    /// Kept as data, so that it is worded in whatever language reads the cache.
    kind: DiagnosticKind,
}

/// The start of a cache file. The entries follow in chunks, each a `Vec<CacheEntry>`
/// encoded on its own, so that loading decodes them on every core.
#[derive(Debug, Serialize, Deserialize)]
struct IndexHeader {
    version: u32,
    root: String,
    chunk_lengths: Vec<u64>,
    /// CRC-32 of each chunk's bytes.
    chunk_sums: Vec<u32>,
}

/// Entries per chunk: enough chunks for every core, few enough that each is worth a task.
const ENTRIES_PER_CHUNK: usize = 4096;

/// A loaded index, ready for lookups from several walking threads at once. A lookup that
/// matches hands its entry over (no copy), so each entry is used at most once.
#[derive(Debug, Default)]
pub struct IndexCache {
    slots: SlotMap,
    /// Chunks dropped because their checksum or their decoding failed.
    pub dropped_chunks: usize,
    /// Why the file was not read at all (a FIFO, a device, too large), if it was not.
    pub refused: Option<crate::bounded_read::Refused>,
}

type SlotMap = HashMap<String, Mutex<Option<CacheEntry>>, foldhash::fast::RandomState>;

/// What a cache lookup gives back: the post (absent for a non-post file) and its problems.
pub type Cached = (Option<Post>, Vec<Diagnostic>);

impl IndexCache {
    /// The cache file for `root` inside `cache_dir`.
    pub fn file_for(cache_dir: &Path, root: &Path) -> PathBuf {
        let hash = fnv1a(root_key(root).bytes());
        cache_dir.join(format!("index-{hash:016x}.bin"))
    }

    /// Reads a cache file; anything wrong with it gives an empty cache. Only a regular file
    /// of at most [`DECODE_LIMIT`] bytes is read: a FIFO or a device there must not hang the
    /// load, nor fill memory.
    pub fn load(file: &Path, root: &Path) -> Self {
        match crate::bounded_read::read_regular(file, DECODE_LIMIT as u64) {
            Ok(bytes) => bytes
                .and_then(|bytes| Self::decode(&bytes, root))
                .unwrap_or_default(),
            Err(refused) => IndexCache {
                refused: Some(refused),
                ..IndexCache::default()
            },
        }
    }

    fn decode(bytes: &[u8], root: &Path) -> Option<Self> {
        use rayon::prelude::*;
        // The limit turns a corrupt length field into an error instead of an allocation that
        // panics: the walking threads wait for this load, and must never wait forever.
        let config = bincode::config::standard().with_limit::<DECODE_LIMIT>();
        let (header, header_len) =
            bincode::serde::decode_from_slice::<IndexHeader, _>(bytes, config).ok()?;
        if header.version != FORMAT_VERSION
            || header.root != root_key(root)
            || header.chunk_sums.len() != header.chunk_lengths.len()
        {
            return None;
        }
        let mut chunks = Vec::with_capacity(header.chunk_lengths.len());
        let mut rest = &bytes[header_len..];
        for &length in &header.chunk_lengths {
            let length = usize::try_from(length).ok().filter(|&l| l <= rest.len())?;
            let (chunk, tail) = rest.split_at(length);
            chunks.push(chunk);
            rest = tail;
        }
        let decoded: Vec<Option<Vec<CacheEntry>>> = chunks
            .par_iter()
            .zip(&header.chunk_sums)
            .map(|(chunk, &sum)| {
                if crc32fast::hash(chunk) != sum {
                    return None;
                }
                bincode::serde::decode_from_slice::<Vec<CacheEntry>, _>(chunk, config)
                    .ok()
                    .map(|(entries, _)| entries)
            })
            .collect();
        let dropped_chunks = decoded.iter().filter(|c| c.is_none()).count();
        let decoded: Vec<Vec<CacheEntry>> = decoded.into_iter().flatten().collect();
        let mut slots = SlotMap::with_capacity_and_hasher(
            decoded.iter().map(Vec::len).sum(),
            Default::default(),
        );
        for mut entry in decoded.into_iter().flatten() {
            // The key moves out of the entry; `rewrite` puts it back.
            let key = std::mem::take(&mut entry.relative_path);
            slots.insert(key, Mutex::new(Some(entry)));
        }
        Some(IndexCache {
            slots,
            dropped_chunks,
            refused: None,
        })
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The cached result for a file, when its size and modification time still match, with
    /// the key its entry was kept under.
    pub fn lookup(
        &self,
        root: &Path,
        path: &Path,
        size: u64,
        modified: i64,
    ) -> Option<(String, Cached)> {
        let key = relative_key(path, &[root]);
        let mut slot = self
            .slots
            .get(&key)?
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match slot.as_ref() {
            Some(entry) if entry.size == size && entry.modified == modified && modified != 0 => {}
            _ => return None,
        }
        let entry = slot.take()?;
        Some((key, entry.into_post(path)))
    }

    /// Rewrites the cache for `root`: the entries still valid (by key, read again from the
    /// old file, since lookups handed theirs over) plus the fresh ones.
    pub fn rewrite(
        file: &Path,
        root: &Path,
        kept: &[String],
        fresh: Vec<CacheEntry>,
    ) -> io::Result<()> {
        let old = Self::load(file, root);
        let mut entries: Vec<CacheEntry> = kept
            .iter()
            .filter_map(|key| {
                let slot = old.slots.get(key)?;
                let mut entry = slot.lock().unwrap_or_else(PoisonError::into_inner).take()?;
                entry.relative_path.clone_from(key);
                Some(entry)
            })
            .collect();
        entries.extend(fresh);
        Self::save(file, root, entries)
    }

    /// Writes `entries` as the cache for `root`, atomically.
    pub fn save(file: &Path, root: &Path, entries: Vec<CacheEntry>) -> io::Result<()> {
        use rayon::prelude::*;
        let config = bincode::config::standard().with_limit::<DECODE_LIMIT>();
        let chunks: Vec<Vec<u8>> = entries
            .par_chunks(ENTRIES_PER_CHUNK)
            .map(|chunk| bincode::serde::encode_to_vec(chunk, config))
            .collect::<Result<_, _>>()
            .map_err(io::Error::other)?;
        let header = IndexHeader {
            version: FORMAT_VERSION,
            root: root_key(root),
            chunk_lengths: chunks.iter().map(|c| c.len() as u64).collect(),
            chunk_sums: chunks.iter().map(|c| crc32fast::hash(c)).collect(),
        };
        let mut bytes = bincode::serde::encode_to_vec(&header, config).map_err(io::Error::other)?;
        bytes.reserve(chunks.iter().map(Vec::len).sum());
        for chunk in &chunks {
            bytes.extend_from_slice(chunk);
        }
        fs::create_dir_all(file.parent().unwrap_or(Path::new(".")))?;
        crate::atomic_file::write_atomically(file, &bytes)
    }
}

impl CacheEntry {
    /// An entry for a file just loaded (`post` is `None` for a file that is not a post).
    pub fn new(
        root: &Path,
        path: &Path,
        size: u64,
        modified: i64,
        post: Option<&Post>,
        diagnostics: &[Diagnostic],
    ) -> Self {
        let empty = Post::default();
        let p = post.unwrap_or(&empty);
        CacheEntry {
            relative_path: relative_key(path, &[root]),
            size,
            modified,
            is_post: post.is_some(),
            post: CachedPost {
                title: p.title.clone(),
                date: p.date.map(CachedDate::from),
                author: p.author.clone(),
                source: p.source.clone(),
                tags: p.tags.clone(),
                categories: p.categories.clone(),
                summary: p.summary.clone(),
                lang: p.lang.clone(),
                id: p.id.clone(),
                extra: p
                    .extra
                    .iter()
                    .map(|(k, v)| (k.clone(), CachedValue::from(v)))
                    .collect(),
                html: p.format == BodyFormat::Html,
                front_matter: match p.front_matter {
                    FrontMatterState::Parsed => 0,
                    FrontMatterState::Missing => 1,
                    FrontMatterState::Broken => 2,
                },
                decoded_from: p.decoded_from.clone(),
                content_hash: p.content_hash,
            },
            diagnostics: diagnostics
                .iter()
                .map(|d| CachedDiagnostic {
                    line: d.line,
                    error: d.is_error(),
                    kind: d.kind.clone(),
                })
                .collect(),
        }
    }

    fn into_post(self, path: &Path) -> Cached {
        let diagnostics = self
            .diagnostics
            .into_iter()
            .map(|d| Diagnostic {
                path: path.to_path_buf(),
                line: d.line,
                severity: if d.error {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                kind: d.kind.cleaned(),
            })
            .collect();
        if !self.is_post {
            return (None, diagnostics);
        }
        let c = self.post;
        let post = Post {
            path: path.to_path_buf(),
            title: clean(c.title),
            date: c.date.and_then(CachedDate::to_post_date),
            author: c.author.map(clean),
            source: c.source.map(clean),
            tags: c.tags.into_iter().map(clean).collect(),
            categories: c.categories.into_iter().map(clean).collect(),
            summary: c.summary.map(clean),
            lang: c.lang.into_iter().map(clean).collect(),
            id: c.id.map(clean),
            extra: c
                .extra
                .into_iter()
                .map(|(k, v)| (clean(k), v.into()))
                .collect(),
            format: if c.html {
                BodyFormat::Html
            } else {
                BodyFormat::Markdown
            },
            front_matter: match c.front_matter {
                1 => FrontMatterState::Missing,
                2 => FrontMatterState::Broken,
                _ => FrontMatterState::Parsed,
            },
            decoded_from: c.decoded_from.map(clean),
            size: self.size,
            modified: self.modified,
            content_hash: c.content_hash,
        };
        (Some(post), diagnostics)
    }
}

impl From<PostDate> for CachedDate {
    fn from(date: PostDate) -> Self {
        let (kind, datetime, offset) = match date {
            PostDate::Day(d) => (0, d.to_datetime(Time::midnight()), 0),
            PostDate::Local(dt) => (1, dt, 0),
            PostDate::Offset(dt, offset) => (2, dt, offset.seconds()),
        };
        CachedDate {
            kind,
            year: datetime.year(),
            month: datetime.month(),
            day: datetime.day(),
            hour: datetime.hour(),
            minute: datetime.minute(),
            second: datetime.second(),
            subsec_nanosecond: datetime.subsec_nanosecond(),
            offset_seconds: offset,
        }
    }
}

impl CachedDate {
    fn to_post_date(self) -> Option<PostDate> {
        let date = Date::new(self.year, self.month, self.day).ok()?;
        let datetime = || {
            date.to_datetime(
                Time::new(self.hour, self.minute, self.second, self.subsec_nanosecond)
                    .unwrap_or(Time::midnight()),
            )
        };
        Some(match self.kind {
            0 => PostDate::Day(date),
            1 => PostDate::Local(datetime()),
            _ => PostDate::Offset(datetime(), Offset::from_seconds(self.offset_seconds).ok()?),
        })
    }
}

impl From<&FrontValue> for CachedValue {
    fn from(value: &FrontValue) -> Self {
        match value {
            FrontValue::Null => CachedValue::Null,
            FrontValue::Bool(b) => CachedValue::Bool(*b),
            FrontValue::Number(n) => CachedValue::Number(n.clone()),
            FrontValue::String(s) => CachedValue::String(s.clone()),
            FrontValue::List(items) => CachedValue::List(items.iter().map(Into::into).collect()),
            FrontValue::Map(entries) => {
                CachedValue::Map(entries.iter().map(|(k, v)| (k.clone(), v.into())).collect())
            }
        }
    }
}

impl From<CachedValue> for FrontValue {
    fn from(value: CachedValue) -> Self {
        match value {
            CachedValue::Null => FrontValue::Null,
            CachedValue::Bool(b) => FrontValue::Bool(b),
            CachedValue::Number(n) => FrontValue::Number(clean_block(n)),
            CachedValue::String(s) => FrontValue::String(clean_block(s)),
            CachedValue::List(items) => {
                FrontValue::List(items.into_iter().map(Into::into).collect())
            }
            CachedValue::Map(entries) => FrontValue::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (clean(k), v.into()))
                    .collect(),
            ),
        }
    }
}

/// A string from the cache, cleaned as a string from a post is: the cache file may have been
/// changed by anyone who can write it, checksums and all. Free when already clean.
fn clean(text: String) -> String {
    crate::text::sanitize_inline_owned(text)
}

/// [`clean`] for text that may span lines (values of unknown fields, messages): kept as it
/// is apart from what could act on a terminal.
fn clean_block(text: String) -> String {
    match crate::text::sanitize_block(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(clean) => clean,
    }
}

fn root_key(root: &Path) -> String {
    fs::canonicalize(root)
        .unwrap_or_else(|_| root.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::{CacheEntry, FORMAT_VERSION, IndexCache, IndexHeader, root_key};
    use crate::store::{LoadOptions, load_path_cached};
    use std::fs;
    use std::path::Path;

    /// The cache stores problems as their kind; bincode encodes a variant by its place, so
    /// adding, removing or reordering kinds changes what old files mean without failing
    /// their checksums. This pins the encoding to the format version: when it fails, bump
    /// [`FORMAT_VERSION`] and put the new fingerprint here.
    #[test]
    fn the_cached_problem_layout_is_pinned_to_the_format_version() {
        let config = bincode::config::standard();
        let bytes =
            bincode::serde::encode_to_vec(crate::store::DiagnosticKind::samples(), config).unwrap();
        let fingerprint = super::fnv1a(bytes.iter().copied());
        assert_eq!(
            (FORMAT_VERSION, fingerprint),
            (7, 0x9d2c7e04751f5118),
            "the cached layout of problems changed: bump FORMAT_VERSION"
        );
    }

    fn write_keeping_time(path: &Path, text: &str) {
        let before = fs::metadata(path).unwrap().modified().unwrap();
        fs::write(path, text).unwrap();
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(before)
            .unwrap();
    }

    fn titles(root: &Path, cache: &Path) -> Vec<String> {
        let loaded = load_path_cached(root, &LoadOptions::default(), Some(cache));
        let mut titles: Vec<String> = loaded.posts.into_iter().map(|p| p.title).collect();
        titles.sort();
        titles
    }

    #[test]
    fn matching_files_come_from_the_cache_and_changed_ones_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("posts");
        fs::create_dir(&root).unwrap();
        let cache = dir.path().join("cache/index.bin");
        let post = root.join("a.md");
        fs::write(
            &post,
            "---\ntitle: 甲\ntags: [x]\ndate: 2026-01-02\n---\nbody\n",
        )
        .unwrap();
        fs::write(root.join("bad.md"), "---\ntitle: [\n---\n").unwrap();
        assert_eq!(titles(&root, &cache), ["bad", "甲"]);
        assert!(cache.exists());

        // Same size and time: the cache answers without reading the file.
        write_keeping_time(
            &post,
            "---\ntitle: 乙\ntags: [x]\ndate: 2026-01-02\n---\nbody\n",
        );
        assert_eq!(titles(&root, &cache), ["bad", "甲"]);

        // A different size is a change.
        fs::write(
            &post,
            "---\ntitle: 丙丙\ntags: [x]\ndate: 2026-01-02\n---\nbody\n",
        )
        .unwrap();
        assert_eq!(titles(&root, &cache), ["bad", "丙丙"]);

        let cached = load_path_cached(&root, &LoadOptions::default(), Some(&cache));
        assert_eq!(cached.diagnostics.len(), 1, "problems are cached too");
        let fresh = crate::store::load_path(&root, &LoadOptions::default());
        assert_eq!(
            cached.posts, fresh.posts,
            "a cached post equals a freshly read one"
        );
        assert_eq!(
            cached
                .posts
                .iter()
                .find(|p| p.title == "丙丙")
                .unwrap()
                .date
                .unwrap()
                .to_string(),
            "2026-01-02"
        );
    }

    #[test]
    fn entries_kept_through_a_rewrite_are_still_found() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("posts");
        fs::create_dir(&root).unwrap();
        let cache = dir.path().join("index.bin");
        let kept = root.join("kept.md");
        let changed = root.join("changed.md");
        fs::write(&kept, "---\ntitle: 甲\n---\n").unwrap();
        fs::write(&changed, "---\ntitle: 乙\n---\n").unwrap();
        assert_eq!(titles(&root, &cache), ["乙", "甲"]);
        // One file read afresh makes the cache be rewritten with the other one kept.
        fs::write(&changed, "---\ntitle: 丙丙\n---\n").unwrap();
        assert_eq!(titles(&root, &cache), ["丙丙", "甲"]);
        // Same size and time: the kept entry must still answer for its file.
        write_keeping_time(&kept, "---\ntitle: 丁\n---\n");
        assert_eq!(titles(&root, &cache), ["丙丙", "甲"]);
    }

    #[test]
    fn a_corrupt_or_foreign_cache_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("posts");
        fs::create_dir(&root).unwrap();
        fs::write(root.join("a.md"), "---\ntitle: 甲\n---\nbody\n").unwrap();
        let cache = dir.path().join("index.bin");
        fs::write(&cache, b"\x01\x02garbage").unwrap();
        assert_eq!(titles(&root, &cache), ["甲"]);
        // The same name, size and time in another folder: only the root tells them apart.
        let other = dir.path().join("other");
        fs::create_dir(&other).unwrap();
        fs::copy(root.join("a.md"), other.join("a.md")).unwrap();
        write_keeping_time(&other.join("a.md"), "---\ntitle: 乙\n---\nbody\n");
        let stamp = fs::metadata(root.join("a.md")).unwrap().modified().unwrap();
        fs::File::options()
            .write(true)
            .open(other.join("a.md"))
            .unwrap()
            .set_modified(stamp)
            .unwrap();
        assert_eq!(
            titles(&other, &cache),
            ["乙"],
            "a cache for another folder is not used"
        );
    }

    #[test]
    fn a_corrupt_length_is_refused_without_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("index.bin");
        // One chunk of one entry whose path claims u64::MAX bytes (varint marker 253, then
        // 8 bytes).
        let mut chunk = vec![1u8, 253];
        chunk.extend_from_slice(&[0xff; 8]);
        let header = IndexHeader {
            version: FORMAT_VERSION,
            root: root_key(dir.path()),
            chunk_lengths: vec![chunk.len() as u64],
            chunk_sums: vec![crc32fast::hash(&chunk)],
        };
        let mut bytes =
            bincode::serde::encode_to_vec(&header, bincode::config::standard()).unwrap();
        bytes.extend_from_slice(&chunk);
        fs::write(&cache, &bytes).unwrap();
        assert!(IndexCache::load(&cache, dir.path()).is_empty());
        // A chunk said to run past the end of the file.
        let header = IndexHeader {
            chunk_lengths: vec![u64::MAX],
            ..header
        };
        let bytes = bincode::serde::encode_to_vec(&header, bincode::config::standard()).unwrap();
        fs::write(&cache, &bytes).unwrap();
        assert!(IndexCache::load(&cache, dir.path()).is_empty());
    }

    #[test]
    fn a_flipped_byte_drops_its_chunk_and_the_posts_are_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("posts");
        fs::create_dir(&root).unwrap();
        for i in 0..3 {
            fs::write(
                root.join(format!("{i}.md")),
                format!("---\ntitle: 生成的简报 {i}\n---\n"),
            )
            .unwrap();
        }
        let cache = dir.path().join("index.bin");
        let fresh = titles(&root, &cache);
        let good = fs::read(&cache).unwrap();
        let config = bincode::config::standard();
        let (_, header_len) =
            bincode::serde::decode_from_slice::<IndexHeader, _>(&good, config).unwrap();
        // Every byte of the chunk, flipped in turn: never a changed title.
        for at in header_len..good.len() {
            let mut bytes = good.clone();
            bytes[at] ^= 0x04;
            fs::write(&cache, &bytes).unwrap();
            let loaded = IndexCache::load(&cache, &root);
            assert!(
                loaded.is_empty() && loaded.dropped_chunks == 1,
                "byte {at} flipped"
            );
            assert_eq!(titles(&root, &cache), fresh, "byte {at} flipped");
        }
    }

    #[test]
    fn strings_planted_in_the_cache_are_sanitised() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("posts");
        fs::create_dir(&root).unwrap();
        let file = root.join("a.md");
        fs::write(&file, "---\ntitle: 标题\n---\n").unwrap();
        let meta = fs::metadata(&file).unwrap();
        let modified = crate::store::load::modified_nanos(&meta);
        let post = crate::store::Post {
            title: "红\u{1b}]0;pwned\u{7}色\u{9b}2J".into(),
            tags: vec!["\u{1b}[31m标签".into()],
            ..crate::store::Post::default()
        };
        let entry = CacheEntry::new(&root, &file, meta.len(), modified, Some(&post), &[]);
        let cache = dir.path().join("index.bin");
        IndexCache::save(&cache, &root, vec![entry]).unwrap();
        let loaded = load_path_cached(&root, &LoadOptions::default(), Some(&cache));
        let post = &loaded.posts[0];
        assert_eq!(post.title, "红色");
        assert_eq!(post.tags, ["标签"]);
    }

    #[test]
    fn dates_keep_their_fractions_through_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("posts");
        fs::create_dir(&root).unwrap();
        fs::write(
            root.join("a.md"),
            "---\ntitle: 甲\ndate: 2025-02-08T02:20:30.500Z\n---\nbody\n",
        )
        .unwrap();
        let cache = dir.path().join("index.bin");
        let fresh = load_path_cached(&root, &LoadOptions::default(), Some(&cache));
        let cached = load_path_cached(&root, &LoadOptions::default(), Some(&cache));
        assert_eq!(cached.posts, fresh.posts);
    }
}
