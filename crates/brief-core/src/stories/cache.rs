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
//! that fails. Each entry's stories are encoded apart and decoded only when asked for, on the
//! asking thread: the file's bytes stay whole, never every story of every post at once. Depends on `store` (the post's size and time), the found [`Story`] and the
//! story keys of [`super`]; nothing of the UI.

#[cfg(test)]
mod tests;

use super::PostStory;
use crate::chunked_file::{self, Slot};
#[cfg(test)]
use crate::render::stories::Story;
use crate::store::Post;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Bumped whenever what is found in a body, how it is folded, or this file's layout changes.
/// 2: chunks with checksums, `postcard`, the folded keys kept. 3: each entry's stories
/// encoded apart ([`chunked_file::Entry`]). 5: the heading key of every story with a source (4 had
/// none for a heading too narrow to name an event).
const FORMAT_VERSION: u32 = 5;

// Each entry of the file ([`chunked_file::Entry`]) is keyed by the post's path; its value is
// the post's stories (a `Vec<PostStory>`; none: the post is one story), encoded apart.

/// An entry added since loading.
#[derive(Debug, Clone)]
struct Entry {
    path: String,
    size: u64,
    modified: i64,
    stories: EncodedStories,
}

/// A post's stories as the cache file holds them (see [`StoryCache::encode`]).
#[derive(Debug, Clone)]
pub struct EncodedStories(Vec<u8>);

type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Stories by post, as read from the cache file and added to since.
#[derive(Debug, Default)]
pub struct StoryCache {
    roots: Vec<String>,
    /// The file as read: paths and stories are taken from it when asked for.
    bytes: Vec<u8>,
    /// In the order written.
    slots: Vec<Slot>,
    /// Index of each slot by path, built on the first lookup that is not positional.
    by_path: OnceLock<HashMap<String, usize>>,
    /// Entries added since loading.
    fresh: Vec<Entry>,
    /// Chunks dropped because their checksum or their decoding failed.
    pub dropped_chunks: usize,
}

fn key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn is_current(slot: &Slot, post: &Post) -> bool {
    slot.size == post.size && slot.modified == post.modified && post.modified != 0
}

impl StoryCache {
    /// The cache file for `roots` inside `cache_dir`.
    pub fn file_for(cache_dir: &Path, roots: &[PathBuf]) -> PathBuf {
        let hash = crate::store::hash::fnv1a(roots_key(roots).join("\n").bytes());
        cache_dir.join(format!("stories-{hash:016x}.bin"))
    }

    /// Reads the cache file for `roots`; anything wrong with it gives an empty cache. Only a
    /// regular file of at most [`chunked_file::DECODE_LIMIT`] bytes is read.
    pub fn load(file: &Path, roots: &[PathBuf]) -> Self {
        let roots = roots_key(roots);
        let bytes = chunked_file::read(file).ok().flatten().unwrap_or_default();
        let Some((slots, dropped_chunks)) = decode(&bytes, &roots) else {
            return Self {
                roots,
                ..Self::default()
            };
        };
        Self {
            roots,
            bytes,
            slots,
            dropped_chunks,
            ..Self::default()
        }
    }

    fn path_bytes(&self, slot: &Slot) -> &[u8] {
        slot.key(&self.bytes).unwrap_or_default()
    }

    fn same_path(&self, slot: &Slot, path: &Path) -> bool {
        self.path_bytes(slot) == path.as_os_str().as_encoded_bytes()
    }

    /// The slot kept for `post`, trying position `at` first.
    fn find(&self, at: usize, post: &Post) -> Option<usize> {
        let index = match self.slots.get(at) {
            Some(slot) if self.same_path(slot, &post.path) => at,
            _ => *self
                .by_path
                .get_or_init(|| {
                    self.slots
                        .iter()
                        .enumerate()
                        .map(|(i, slot)| {
                            (
                                String::from_utf8_lossy(self.path_bytes(slot)).into_owned(),
                                i,
                            )
                        })
                        .collect()
                })
                .get(&key(&post.path))?,
        };
        is_current(&self.slots[index], post).then_some(index)
    }

    /// The stories kept in slot `index` that are `wanted`, sanitised, and whether the slot
    /// holds none at all; `None` when they do not decode. The others are read as borrowed
    /// text and skipped where they lie, never made into strings.
    fn decode_at(&self, index: usize, wanted: impl Fn(&StoryRef<'_>) -> bool) -> Option<Sourced> {
        let encoded = self.slots.get(index)?.value(&self.bytes)?;
        let all: Vec<StoryRef<'_>> = postcard::from_bytes(encoded).ok()?;
        let mut stories: Vec<PostStory> = all
            .iter()
            .filter(|story| wanted(story))
            .map(StoryRef::to_owned_clean)
            .collect();
        stories.shrink_to_fit();
        Some(Sourced {
            found_none: all.is_empty(),
            stories,
        })
    }

    /// Like [`Self::kept`], with only the stories that have a web source: `brief stories`
    /// prints nothing else, and at 100,000 posts the others were seven stories in ten.
    pub fn kept_sourced(&self, at: usize, post: &Post) -> Option<Sourced> {
        self.decode_at(self.find(at, post)?, |story| story.source_key.is_some())
    }

    /// The stories kept for `post`, the `at`-th post as loaded, if kept for its current size
    /// and modification time: those found in its body with their keys (empty for a post that
    /// is one story). Decoded on the asking thread; the entry stays in the cache. `at` is
    /// only where to look first: any other position (`usize::MAX` when none is known) finds
    /// the post by its path.
    pub fn kept(&self, at: usize, post: &Post) -> Option<Vec<PostStory>> {
        Some(self.decode_at(self.find(at, post)?, |_| true)?.stories)
    }

    /// The stories of `post` as found, if kept for its current size and modification time:
    /// what the tests put in with [`Self::insert`].
    #[cfg(test)]
    pub fn get(&self, post: &Post) -> Option<Vec<Story>> {
        let index = self.find(usize::MAX, post)?;
        Some(
            self.decode_at(index, |_| true)?
                .stories
                .into_iter()
                .map(|story| Story {
                    title: story.title,
                    source: story.source,
                    line: 0,
                })
                .collect(),
        )
    }

    /// Keeps the stories just found in `post`: [`Self::insert_keyed`] of their
    /// [`super::keyed_stories`].
    #[cfg(test)]
    pub fn insert(&mut self, post: &Post, stories: &[Story]) {
        self.insert_keyed(post, &super::keyed_stories(stories));
    }

    /// Keeps the [`super::keyed_stories`] just found in `post` (not for a post whose time is
    /// unknown).
    pub fn insert_keyed(&mut self, post: &Post, stories: &[PostStory]) {
        if let Ok(encoded) = Self::encode(stories) {
            self.insert_encoded(post, encoded);
        }
    }

    /// Keyed stories as [`Self::insert_encoded`] takes them: made wherever they were found,
    /// so that many posts' stories can be encoded on every core.
    pub fn encode(stories: &[PostStory]) -> Result<EncodedStories, postcard::Error> {
        postcard::to_stdvec(stories).map(EncodedStories)
    }

    /// [`Self::insert_keyed`] with the stories already [`Self::encode`]d.
    pub fn insert_encoded(&mut self, post: &Post, stories: EncodedStories) {
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
            && self.slots.len() == live.len()
            && self
                .slots
                .par_iter()
                .zip(live)
                .all(|(slot, post)| self.same_path(slot, &post.path) && is_current(slot, post))
    }

    /// Forgets the posts not in `live` (when given) and writes the file, if anything changed.
    pub fn save(self, file: &Path, live: Option<&[&Post]>) -> std::io::Result<()> {
        let before = self.slots.len();
        let unchanged = self.fresh.is_empty();
        let mut fresh_at: Map<&str, usize> = Map::default();
        let mut entries: Vec<Written<'_>> = Vec::with_capacity(before + self.fresh.len());
        for entry in &self.fresh {
            let written = Written {
                path: &entry.path,
                size: entry.size,
                modified: entry.modified,
                stories: Cow::Borrowed(&entry.stories.0),
            };
            match fresh_at.get(entry.path.as_str()) {
                Some(&at) => entries[at] = written,
                None => {
                    fresh_at.insert(&entry.path, entries.len());
                    entries.push(written);
                }
            }
        }
        for slot in &self.slots {
            let Ok(path) = std::str::from_utf8(self.path_bytes(slot)) else {
                continue;
            };
            if !fresh_at.contains_key(path) {
                entries.push(Written {
                    path,
                    size: slot.size,
                    modified: slot.modified,
                    stories: Cow::Borrowed(slot.value(&self.bytes).unwrap_or_default()),
                });
            }
        }
        if let Some(posts) = live {
            // Written in the order of `live`, so that the next run finds entries by position.
            let mut by_path: Map<&str, Written<'_>> =
                entries.into_iter().map(|e| (e.path, e)).collect();
            entries = posts
                .iter()
                .filter_map(|post| by_path.remove(post.path.to_string_lossy().as_ref()))
                .collect();
        }
        let same_order = entries
            .iter()
            .zip(&self.slots)
            .all(|(entry, slot)| entry.path.as_bytes() == self.path_bytes(slot));
        if unchanged && entries.len() == before && same_order {
            return Ok(());
        }
        write(file, &self.roots, &entries)
    }
}

/// An entry about to be written: from the file as read, or added since and encoded.
#[derive(Debug)]
struct Written<'a> {
    path: &'a str,
    size: u64,
    modified: i64,
    stories: Cow<'a, [u8]>,
}

fn write(file: &Path, roots: &[String], entries: &[Written<'_>]) -> std::io::Result<()> {
    let chunks = chunked_file::encode(entries, |entry| chunked_file::Entry {
        key: entry.path,
        size: entry.size,
        modified: entry.modified,
        value: &entry.stories,
    })?;
    chunked_file::write(file, FORMAT_VERSION, roots, &chunks)
}

/// The slots of a cache file for `roots`, and how many chunks were dropped; `None` for a
/// file of another version or other folders, or one that does not decode.
fn decode(bytes: &[u8], roots: &[String]) -> Option<(Vec<Slot>, usize)> {
    use rayon::prelude::*;
    let decoded: Vec<Option<Vec<Slot>>> =
        chunked_file::chunks::<Vec<String>, _>(bytes, FORMAT_VERSION, roots)?
            .par_iter()
            .map(|chunk| chunk.entries(bytes, |_, slot| slot))
            .collect();
    let dropped = decoded.iter().filter(|c| c.is_none()).count();
    Some((decoded.into_iter().flatten().flatten().collect(), dropped))
}

/// What [`StoryCache::kept_sourced`] gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced {
    /// No stories were found in the body: the post is one story.
    pub found_none: bool,
    /// The stories found that have a web source.
    pub stories: Vec<PostStory>,
}

/// A [`PostStory`] as the file holds it, borrowed from its bytes.
#[derive(Debug, Deserialize)]
struct StoryRef<'a> {
    title: &'a str,
    source: Option<&'a str>,
    source_key: Option<&'a str>,
    heading_key: Option<&'a str>,
}

impl StoryRef<'_> {
    /// The story, each string sanitised as a post's are: the file may have been changed by
    /// anyone who can write it, checksums and all.
    fn to_owned_clean(&self) -> PostStory {
        let clean = brief_text::sanitize_inline;
        PostStory {
            title: clean(self.title),
            source: self.source.map(clean),
            source_key: self.source_key.map(clean),
            heading_key: self.heading_key.map(clean),
        }
    }
}

fn roots_key(roots: &[PathBuf]) -> Vec<String> {
    roots
        .iter()
        .map(|root| key(&fs::canonicalize(root).unwrap_or_else(|_| root.clone())))
        .collect()
}
