//! The index cache: every post's parsed fields and problems, keyed by path, size and
//! modification time, so that a folder read before loads with one `stat` per file and no
//! reads. A cache entry is used only when size and modification time (to the nanosecond)
//! match the file; a cache that is stale, from another version of brief or corrupt is
//! ignored and rebuilt, never trusted blindly: each chunk carries a CRC-32 checked before it
//! is decoded (a chunk that fails is dropped and its posts read again), and every string
//! taken from the cache is sanitised again as if it came from a post ([`entry`]).
//!
//! One file per posts folder, named by a hash of the folder's canonical path, in `postcard`'s
//! format, replaced atomically but not synced to disk: losing it costs one rebuild. The store
//! decides nothing about where cache files live: callers pass the folder.

mod entry;
#[cfg(test)]
mod tests;

pub use entry::{CacheEntry, Encoded, encode_entry};

use super::diagnostic::Diagnostic;
use super::hash::fnv1a;
use super::post::{Post, relative_key_in};
use crate::chunked_file::{self, Slot};
use std::collections::HashMap;
use std::fs;
use std::hash::BuildHasher;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Bumped whenever what the store extracts from a post, or this file's layout, changes.
/// 8: `postcard` instead of `bincode`. 9: each entry's post encoded apart
/// ([`chunked_file::Entry`]).
const FORMAT_VERSION: u32 = 9;

// Each entry of the file ([`chunked_file::Entry`]) holds a [`CacheEntry`] without its key as
// its value, decoded only when its file still matches, on the thread that asks, so that the
// entries are never all decoded at once.

/// Which slot holds a key: by a 64-bit hash of the key, the key itself checked against the
/// file's bytes on every lookup (two keys sharing a hash only cost one of them a miss).
/// About a third of the memory of a table of owned key strings, at 100,000 posts.
type SlotIndex = HashMap<u64, u32, foldhash::fast::RandomState>;

/// A loaded index, ready for lookups from several walking threads at once. A lookup that
/// matches decodes its own entry, on the asking thread, and each entry is used at most once.
#[derive(Debug, Default)]
pub struct IndexCache {
    /// The cache file, kept whole: entries are decoded from it as they are looked up.
    bytes: Vec<u8>,
    slots: Vec<Slot>,
    /// Whether each slot was handed out by a lookup.
    taken: Vec<AtomicBool>,
    index: SlotIndex,
    /// Chunks dropped because their checksum or their decoding failed.
    pub dropped_chunks: usize,
    /// Why the file was not read at all (a FIFO, a device, too large), if it was not.
    pub refused: Option<crate::bounded_read::Refused>,
}

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
        match chunked_file::read(file) {
            Ok(bytes) => bytes
                .and_then(|bytes| Self::decode(bytes, root))
                .unwrap_or_default(),
            Err(refused) => IndexCache {
                refused: Some(refused),
                ..IndexCache::default()
            },
        }
    }

    fn decode(bytes: Vec<u8>, root: &Path) -> Option<Self> {
        use rayon::prelude::*;
        // A corrupt length is an error, never an allocation that panics: the walking threads
        // wait for this load, and must never wait forever.
        let chunks = chunked_file::chunks::<String, _>(&bytes, FORMAT_VERSION, &root_key(root))?;
        // Only places and key hashes are made here; each entry is decoded by its lookup.
        let hasher = foldhash::fast::RandomState::default();
        let decoded: Vec<Option<Vec<(u64, Slot)>>> = chunks
            .par_iter()
            .map(|chunk| {
                chunk.entries(&bytes, |entry, slot| {
                    (hasher.hash_one(entry.key.as_bytes()), slot)
                })
            })
            .collect();
        let dropped_chunks = decoded.iter().filter(|c| c.is_none()).count();
        let count = decoded.iter().flatten().map(Vec::len).sum();
        let mut slots = Vec::with_capacity(count);
        let mut index = SlotIndex::with_capacity_and_hasher(count, hasher);
        for (hash, slot) in decoded.into_iter().flatten().flatten() {
            index.insert(hash, u32::try_from(slots.len()).ok()?);
            slots.push(slot);
        }
        Some(IndexCache {
            bytes,
            taken: slots.iter().map(|_| AtomicBool::new(false)).collect(),
            slots,
            index,
            dropped_chunks,
            refused: None,
        })
    }

    /// How many entries the file holds.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The slot holding `key`, if any.
    fn find(&self, key: &str) -> Option<usize> {
        let &place = self
            .index
            .get(&self.index.hasher().hash_one(key.as_bytes()))?;
        let slot = self.slots.get(place as usize)?;
        (slot.key(&self.bytes)? == key.as_bytes()).then_some(place as usize)
    }

    /// The cached result for a file, when its size and modification time still match, with
    /// the entry it came from (for [`CacheRewrite`]).
    pub fn lookup(
        &self,
        root: &Path,
        path: &Path,
        size: u64,
        modified: i64,
    ) -> Option<(u32, Cached)> {
        let key = relative_key_in(path, root);
        let place = self.find(&key)?;
        let found = self.slots[place];
        if found.size != size || found.modified != modified || modified == 0 {
            return None;
        }
        if self.taken[place].swap(true, Ordering::Relaxed) {
            return None;
        }
        // An entry that does not decode is a miss: its file is read again.
        let mut entry: CacheEntry = postcard::from_bytes(found.value(&self.bytes)?).ok()?;
        entry.size = found.size;
        entry.modified = found.modified;
        Some((u32::try_from(place).ok()?, entry.into_post(path)))
    }

    /// Rewrites the cache for `root`: the entries of `old` still valid (by the places its
    /// lookups gave) plus the fresh ones.
    fn rewrite(
        old: IndexCache,
        file: &Path,
        root: &Path,
        kept: &[u32],
        fresh: Vec<Encoded>,
    ) -> io::Result<()> {
        let mut entries: Vec<Encoded> = kept
            .iter()
            .filter_map(|&place| {
                let slot = old.slots.get(place as usize)?;
                let key = std::str::from_utf8(slot.key(&old.bytes)?).ok()?;
                let body = slot.value(&old.bytes)?.to_vec();
                Some((key.to_owned(), slot.size, slot.modified, body))
            })
            .collect();
        drop(old);
        entries.extend(fresh);
        Self::save_raw(file, root, &entries)
    }

    /// Writes `entries` as the cache for `root`, atomically (not synced: see the module).
    /// Loads write what [`encode_entry`] made; this owned form is for tests.
    #[cfg(test)]
    pub fn save(file: &Path, root: &Path, entries: Vec<CacheEntry>) -> io::Result<()> {
        Self::save_raw(file, root, &encode_bodies(entries)?)
    }

    fn save_raw(file: &Path, root: &Path, entries: &[Encoded]) -> io::Result<()> {
        let chunks =
            chunked_file::encode(entries, |(key, size, modified, body)| chunked_file::Entry {
                key,
                size: *size,
                modified: *modified,
                value: body,
            })?;
        chunked_file::write(file, FORMAT_VERSION, root_key(root), &chunks)
    }
}

/// Each entry's key and validity, and the rest of it encoded (without its key).
#[cfg(test)]
fn encode_bodies(entries: Vec<CacheEntry>) -> io::Result<Vec<Encoded>> {
    use rayon::prelude::*;
    entries
        .into_par_iter()
        .map(|mut entry| {
            let key = std::mem::take(&mut entry.relative_path);
            let body = postcard::to_stdvec(&entry).map_err(io::Error::other)?;
            Ok((key, entry.size, entry.modified, body))
        })
        .collect()
}

/// A rewrite of one folder's cache, gathered by a load and done when its caller chooses: on
/// another thread while the posts are printed, so that nobody waits for a cache.
#[derive(Debug)]
#[must_use = "the cache is written only by `write`"]
pub struct CacheRewrite {
    file: PathBuf,
    root: PathBuf,
    /// The cache as loaded, whose entries `kept` names.
    old: IndexCache,
    kept: Vec<u32>,
    fresh: Vec<Encoded>,
}

impl CacheRewrite {
    pub(crate) fn new(
        file: &Path,
        root: &Path,
        old: IndexCache,
        kept: Vec<u32>,
        fresh: Vec<Encoded>,
    ) -> Self {
        CacheRewrite {
            file: file.to_path_buf(),
            root: root.to_path_buf(),
            old,
            kept,
            fresh,
        }
    }

    /// Writes the cache: the entries kept from the old file plus the fresh ones.
    pub fn write(self) -> io::Result<()> {
        IndexCache::rewrite(self.old, &self.file, &self.root, &self.kept, self.fresh)
    }
}

fn root_key(root: &Path) -> String {
    fs::canonicalize(root)
        .unwrap_or_else(|_| root.to_path_buf())
        .to_string_lossy()
        .into_owned()
}
