//! The stories cache: each post's stories (title and source as found in its body), keyed by
//! the post's path, size and modification time, so that `brief stories` and the reader's
//! background finder read and parse a body only when it changed.
//!
//! One file per set of posts folders (`stories-<hash>.bin` in the cache folder), written
//! atomically. An entry is used only when size and modification time (to the nanosecond)
//! match the post as just loaded; a file from another version of brief, of other folders, or
//! that does not decode is ignored whole and rebuilt, never trusted. Depends on `store` (the
//! post's size and time) and the found [`Story`]; nothing of the UI.

use crate::render::stories::Story;
use crate::store::Post;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Bumped whenever what is found in a body, or this file's layout, changes.
const FORMAT_VERSION: u32 = 1;

/// The most memory a cache file may claim while it is decoded.
const DECODE_LIMIT: usize = 1 << 30;

#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    roots: Vec<String>,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    path: String,
    size: u64,
    modified: i64,
    stories: Vec<(String, Option<String>)>,
}

/// Stories by post, as read from the cache file and added to since.
#[derive(Debug, Default)]
pub struct StoryCache {
    roots: Vec<String>,
    entries: HashMap<String, Entry>,
    changed: bool,
}

fn key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
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

    /// Reads the cache file for `roots`; anything wrong with it gives an empty cache.
    pub fn load(file: &Path, roots: &[PathBuf]) -> Self {
        let roots = roots_key(roots);
        let config = bincode::config::standard().with_limit::<DECODE_LIMIT>();
        let entries = fs::read(file)
            .ok()
            .and_then(|bytes| bincode::serde::decode_from_slice::<File, _>(&bytes, config).ok())
            .filter(|(file, _)| file.version == FORMAT_VERSION && file.roots == roots)
            .map(|(file, _)| {
                file.entries
                    .into_iter()
                    .map(|e| (e.path.clone(), e))
                    .collect()
            })
            .unwrap_or_default();
        Self {
            roots,
            entries,
            changed: false,
        }
    }

    /// The stories of `post` if kept for its current size and modification time.
    pub fn get(&self, post: &Post) -> Option<Vec<Story>> {
        let entry = self.entries.get(&key(&post.path))?;
        (entry.size == post.size && entry.modified == post.modified && post.modified != 0).then(
            || {
                entry
                    .stories
                    .iter()
                    .map(|(title, source)| Story {
                        title: title.clone(),
                        source: source.clone(),
                        line: 0,
                    })
                    .collect()
            },
        )
    }

    /// Keeps the stories just found in `post` (not for a post whose time is unknown).
    pub fn insert(&mut self, post: &Post, stories: &[Story]) {
        if post.modified == 0 {
            return;
        }
        self.changed = true;
        self.entries.insert(
            key(&post.path),
            Entry {
                path: key(&post.path),
                size: post.size,
                modified: post.modified,
                stories: stories
                    .iter()
                    .map(|s| (s.title.clone(), s.source.clone()))
                    .collect(),
            },
        );
    }

    /// Forgets the posts not in `live` (when given) and writes the file, if anything changed.
    pub fn save(mut self, file: &Path, live: Option<&[&Post]>) -> std::io::Result<()> {
        let before = self.entries.len();
        if let Some(posts) = live {
            let live: std::collections::HashSet<String> =
                posts.iter().map(|p| key(&p.path)).collect();
            self.entries.retain(|path, _| live.contains(path));
        }
        if !self.changed && self.entries.len() == before {
            return Ok(());
        }
        let mut entries: Vec<Entry> = self.entries.into_values().collect();
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        let config = bincode::config::standard().with_limit::<DECODE_LIMIT>();
        let bytes = bincode::serde::encode_to_vec(
            File {
                version: FORMAT_VERSION,
                roots: self.roots,
                entries,
            },
            config,
        )
        .map_err(std::io::Error::other)?;
        fs::create_dir_all(file.parent().unwrap_or(Path::new(".")))?;
        crate::atomic_file::write_atomically(file, &bytes)
    }
}

fn roots_key(roots: &[PathBuf]) -> Vec<String> {
    roots
        .iter()
        .map(|root| key(&fs::canonicalize(root).unwrap_or_else(|_| root.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(path: &str, size: u64, modified: i64) -> Post {
        Post {
            path: path.into(),
            size,
            modified,
            ..Post::default()
        }
    }

    fn story(title: &str) -> Story {
        Story {
            title: title.into(),
            source: Some(format!("https://a.example/{title}")),
            line: 0,
        }
    }

    #[test]
    fn kept_stories_are_used_only_while_the_file_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let roots = vec![dir.path().to_path_buf()];
        let file = StoryCache::file_for(dir.path(), &roots);
        let a = post("/p/a.md", 10, 111);
        let b = post("/p/b.md", 20, 222);
        let mut cache = StoryCache::load(&file, &roots);
        assert!(cache.get(&a).is_none());
        cache.insert(&a, &[story("甲"), story("乙")]);
        cache.insert(&b, &[story("丙")]);
        cache.save(&file, Some(&[&a])).unwrap();
        let cache = StoryCache::load(&file, &roots);
        assert_eq!(cache.get(&a).unwrap(), [story("甲"), story("乙")]);
        assert!(cache.get(&b).is_none(), "posts gone are forgotten");
        assert!(cache.get(&post("/p/a.md", 10, 112)).is_none(), "touched");
        assert!(cache.get(&post("/p/a.md", 11, 111)).is_none(), "resized");
        // Another set of folders, or a corrupt file, gives nothing.
        let other = vec![dir.path().join("elsewhere")];
        assert!(StoryCache::load(&file, &other).get(&a).is_none());
        fs::write(&file, b"\x01\x02garbage").unwrap();
        assert!(StoryCache::load(&file, &roots).get(&a).is_none());
    }
}
