//! The stories cache: each post's stories (title, source and the keys they are matched by, as
//! found in its body), keyed by the post's path, size and modification time, so that
//! `brief stories` and the reader's background finder read and parse a body only when it
//! changed.
//!
//! One file per set of posts folders (`stories-<hash>.bin` in the cache folder), in
//! `postcard`'s format, replaced atomically but not synced (losing it costs one rebuild). An
//! entry is used only when size and modification time (to the nanosecond) match the post as
//! just loaded; a file from another version of brief or of other folders is ignored whole,
//! and its entries come in chunks, each with a CRC-32 checked before it is decoded (a chunk
//! that fails is dropped and its posts read again), decoded on every core. Every string read
//! back is sanitised again as if it came from a post.
//!
//! Entries are written in the order of the posts as loaded, so that a warm run matches post
//! `i` with entry `i` by comparing paths, without hashing; a map by path is built only when
//! that fails. Depends on `store` (the post's size and time), the found [`Story`] and the
//! story keys of [`super`]; nothing of the UI.

#[cfg(test)]
mod tests;

use super::{PostStory, post_stories};
use crate::render::stories::Story;
use crate::store::Post;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Bumped whenever what is found in a body, how it is folded, or this file's layout changes.
/// 2: chunks with checksums, `postcard`, the folded keys kept.
const FORMAT_VERSION: u32 = 2;

/// The largest cache file read.
const DECODE_LIMIT: u64 = 1 << 30;

/// Entries per chunk: enough chunks for every core, few enough that each is worth a task.
const ENTRIES_PER_CHUNK: usize = 4096;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    version: u32,
    roots: Vec<String>,
    chunk_lengths: Vec<u64>,
    /// CRC-32 of each chunk's bytes.
    chunk_sums: Vec<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    path: String,
    size: u64,
    modified: i64,
    /// The stories found in the body, with their keys (none: the post is one story).
    stories: Vec<PostStory>,
}

/// Stories by post, as read from the cache file and added to since.
#[derive(Debug, Default)]
pub struct StoryCache {
    roots: Vec<String>,
    /// In the order written. A taken entry keeps its key but not its stories.
    entries: Vec<Entry>,
    taken: Vec<bool>,
    /// Index of each entry by path, built on the first lookup that is not positional.
    by_path: OnceLock<HashMap<String, usize>>,
    /// Entries added since loading.
    fresh: Vec<Entry>,
    /// Chunks dropped because their checksum or their decoding failed.
    pub dropped_chunks: usize,
}

fn key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn same_path(entry: &Entry, path: &Path) -> bool {
    entry.path.as_bytes() == path.as_os_str().as_encoded_bytes()
}

fn is_current(entry: &Entry, post: &Post) -> bool {
    entry.size == post.size && entry.modified == post.modified && post.modified != 0
}

impl StoryCache {
    /// The cache file for `roots` inside `cache_dir`.
    pub fn file_for(cache_dir: &Path, roots: &[PathBuf]) -> PathBuf {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in roots_key(roots).join("\n").bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        cache_dir.join(format!("stories-{hash:016x}.bin"))
    }

    /// Reads the cache file for `roots`; anything wrong with it gives an empty cache. Only a
    /// regular file of at most [`DECODE_LIMIT`] bytes is read.
    pub fn load(file: &Path, roots: &[PathBuf]) -> Self {
        let roots = roots_key(roots);
        let (entries, dropped_chunks) = crate::bounded_read::read_regular(file, DECODE_LIMIT)
            .ok()
            .flatten()
            .and_then(|bytes| decode(&bytes, &roots))
            .unwrap_or_default();
        Self {
            roots,
            taken: vec![false; entries.len()],
            entries,
            dropped_chunks,
            ..Self::default()
        }
    }

    /// The entry kept for `post`, trying position `at` first.
    fn find(&self, at: usize, post: &Post) -> Option<usize> {
        let index = match self.entries.get(at) {
            Some(entry) if same_path(entry, &post.path) => at,
            _ => *self
                .by_path
                .get_or_init(|| {
                    self.entries
                        .iter()
                        .enumerate()
                        .map(|(i, e)| (e.path.clone(), i))
                        .collect()
                })
                .get(&key(&post.path))?,
        };
        (is_current(&self.entries[index], post) && !self.taken[index]).then_some(index)
    }

    /// The stories of `post`, the `at`-th post as loaded, if kept for its current size and
    /// modification time, moved out of the cache: the stories found in its body with their
    /// keys (empty for a post that is one story).
    pub fn take(&mut self, at: usize, post: &Post) -> Option<Vec<PostStory>> {
        let index = self.find(at, post)?;
        self.taken[index] = true;
        Some(std::mem::take(&mut self.entries[index].stories))
    }

    /// The stories of `post` if kept for its current size and modification time.
    pub fn get(&self, post: &Post) -> Option<Vec<Story>> {
        let index = self.find(usize::MAX, post)?;
        Some(
            self.entries[index]
                .stories
                .iter()
                .map(|story| Story {
                    title: story.title.clone(),
                    source: story.source.clone(),
                    line: 0,
                })
                .collect(),
        )
    }

    /// Keeps the stories just found in `post` (not for a post whose time is unknown).
    pub fn insert(&mut self, post: &Post, stories: &[Story]) {
        let stories = if stories.is_empty() {
            Vec::new()
        } else {
            post_stories(post, stories)
        };
        self.insert_keyed(post, stories);
    }

    /// [`Self::insert`] for stories already keyed ([`post_stories`] of what was found).
    pub fn insert_keyed(&mut self, post: &Post, stories: Vec<PostStory>) {
        if post.modified == 0 {
            return;
        }
        self.fresh.push(Entry {
            path: key(&post.path),
            size: post.size,
            modified: post.modified,
            stories,
        });
    }

    /// Whether the file holds exactly the posts of `live`, in order, each unchanged, and
    /// nothing was added: then there is nothing to write.
    pub fn is_current_for(&self, live: &[Post]) -> bool {
        use rayon::prelude::*;
        self.fresh.is_empty()
            && self.entries.len() == live.len()
            && self
                .entries
                .par_iter()
                .zip(live)
                .all(|(entry, post)| same_path(entry, &post.path) && is_current(entry, post))
    }

    /// Forgets the posts not in `live` (when given) and writes the file, if anything changed.
    /// Taken entries are gone: give their stories back with [`Self::insert_keyed`] first.
    pub fn save(self, file: &Path, live: Option<&[&Post]>) -> std::io::Result<()> {
        let before = self.entries.len();
        let unchanged = self.fresh.is_empty();
        let mut fresh_at: HashMap<String, usize> = HashMap::new();
        let mut entries: Vec<Entry> = Vec::with_capacity(before + self.fresh.len());
        for entry in self.fresh {
            match fresh_at.get(&entry.path) {
                Some(&at) => entries[at] = entry,
                None => {
                    fresh_at.insert(entry.path.clone(), entries.len());
                    entries.push(entry);
                }
            }
        }
        entries.extend(
            self.entries
                .into_iter()
                .zip(self.taken)
                .filter(|(entry, taken)| !taken && !fresh_at.contains_key(&entry.path))
                .map(|(entry, _)| entry),
        );
        if let Some(posts) = live {
            // Written in the order of `live`, so that the next run finds entries by position.
            let mut by_path: HashMap<String, Entry> =
                entries.into_iter().map(|e| (e.path.clone(), e)).collect();
            entries = posts
                .iter()
                .filter_map(|post| by_path.remove(&key(&post.path)))
                .collect();
        }
        if unchanged && entries.len() == before {
            return Ok(());
        }
        let roots = self.roots;
        write(file, roots, &entries)
    }
}

fn write(file: &Path, roots: Vec<String>, entries: &[Entry]) -> std::io::Result<()> {
    use rayon::prelude::*;
    let chunks: Vec<Vec<u8>> = entries
        .par_chunks(ENTRIES_PER_CHUNK)
        .map(postcard::to_stdvec)
        .collect::<Result<_, _>>()
        .map_err(std::io::Error::other)?;
    let header = Header {
        version: FORMAT_VERSION,
        roots,
        chunk_lengths: chunks.iter().map(|c| c.len() as u64).collect(),
        chunk_sums: chunks.iter().map(|c| crc32fast::hash(c)).collect(),
    };
    let mut bytes = postcard::to_stdvec(&header).map_err(std::io::Error::other)?;
    bytes.reserve(chunks.iter().map(Vec::len).sum());
    for chunk in &chunks {
        bytes.extend_from_slice(chunk);
    }
    fs::create_dir_all(file.parent().unwrap_or(Path::new(".")))?;
    crate::atomic_file::replace_unsynced(file, &bytes)
}

/// The entries of a cache file for `roots`, and how many chunks were dropped; `None` for a
/// file of another version or other folders, or one that does not decode.
fn decode(bytes: &[u8], roots: &[String]) -> Option<(Vec<Entry>, usize)> {
    use rayon::prelude::*;
    let (header, mut rest) = postcard::take_from_bytes::<Header>(bytes).ok()?;
    if header.version != FORMAT_VERSION
        || header.roots != roots
        || header.chunk_sums.len() != header.chunk_lengths.len()
    {
        return None;
    }
    let mut chunks = Vec::with_capacity(header.chunk_lengths.len());
    for &length in &header.chunk_lengths {
        let length = usize::try_from(length).ok().filter(|&l| l <= rest.len())?;
        let (chunk, tail) = rest.split_at(length);
        chunks.push(chunk);
        rest = tail;
    }
    let decoded: Vec<Option<Vec<Entry>>> = chunks
        .par_iter()
        .zip(&header.chunk_sums)
        .map(|(chunk, &sum)| {
            if crc32fast::hash(chunk) != sum {
                return None;
            }
            let mut entries = postcard::from_bytes::<Vec<Entry>>(chunk).ok()?;
            entries.iter_mut().for_each(Entry::clean);
            Some(entries)
        })
        .collect();
    let dropped = decoded.iter().filter(|c| c.is_none()).count();
    Some((decoded.into_iter().flatten().flatten().collect(), dropped))
}

impl Entry {
    /// Every string sanitised as a post's are: the file may have been changed by anyone who
    /// can write it, checksums and all. Free when already clean.
    fn clean(&mut self) {
        let clean = |text: &mut String| {
            *text = brief_text::sanitize_inline_owned(std::mem::take(text));
        };
        for story in &mut self.stories {
            clean(&mut story.title);
            for text in [
                &mut story.source,
                &mut story.source_key,
                &mut story.heading_key,
            ]
            .into_iter()
            .flatten()
            {
                clean(text);
            }
        }
    }
}

fn roots_key(roots: &[PathBuf]) -> Vec<String> {
    roots
        .iter()
        .map(|root| key(&fs::canonicalize(root).unwrap_or_else(|_| root.clone())))
        .collect()
}
