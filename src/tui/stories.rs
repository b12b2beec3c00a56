//! Finds the stories of every post in the background, after the list is shown, and streams
//! their keys to the app in batches; the first frame and the keys never wait for it. Posts
//! whose file is unchanged take their stories from the stories cache.

use super::Message;
use crate::app::Action;
use brief_core::render::find_stories;
use brief_core::store::{self, Post};
use brief_core::stories::cache::StoryCache;
use brief_core::stories::seen::FoundKeys;
use brief_core::stories::{keyed_stories, or_whole_post};
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::thread;

/// Posts per message: few enough messages that drawing keeps up, small enough that the
/// list fills in steadily.
const BATCH: usize = 256;

/// Finds the stories of `posts`, from the stories cache in `cache` (file and the posts
/// folders) where a file is unchanged, and updates the cache at the end.
pub fn spawn_story_finder(
    posts: Vec<Post>,
    cache: Option<(PathBuf, Vec<PathBuf>)>,
    tx: Sender<Message>,
) {
    thread::spawn(move || {
        let mut kept = cache
            .as_ref()
            .map(|(file, roots)| StoryCache::load(file, roots));
        for chunk in posts.chunks(BATCH) {
            let mut found = Vec::with_capacity(chunk.len());
            for post in chunk {
                // Kept with their keys: a warm start folds no URL and no heading again.
                let keyed = match kept.as_ref().and_then(|c| c.kept(usize::MAX, post)) {
                    Some(keyed) => keyed,
                    None => {
                        let keyed = store::read_body(post)
                            .map(|body| keyed_stories(&find_stories(post, &body)))
                            .unwrap_or_default();
                        if let Some(cache) = kept.as_mut() {
                            cache.insert_keyed(post, &keyed);
                        }
                        keyed
                    }
                };
                let keys = or_whole_post(post, keyed)
                    .iter()
                    .map(FoundKeys::of)
                    .collect();
                found.push((post.path.clone(), keys));
            }
            if tx
                .send(Message::Action(Action::StoriesFound(found)))
                .is_err()
            {
                return;
            }
        }
        if let (Some(cache), Some((file, _))) = (kept, cache) {
            // A cache that cannot be written only costs the next start some reading.
            let _ = cache.save(&file, None);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use brief_core::stories::post_stories;
    use std::sync::mpsc;

    /// Everything the finder reports for `posts`, in order, once its thread is done.
    fn reports(posts: &[Post], cache: &(PathBuf, Vec<PathBuf>)) -> Vec<(PathBuf, Vec<FoundKeys>)> {
        let (tx, rx) = mpsc::channel();
        spawn_story_finder(posts.to_vec(), Some(cache.clone()), tx);
        let mut found = Vec::new();
        for message in rx {
            if let Message::Action(Action::StoriesFound(batch)) = message {
                found.extend(batch);
            }
        }
        found
    }

    /// Read from the bodies, or taken with their keys from the stories cache the first run
    /// wrote, the sample briefings' stories report the same keys as the model gives them.
    #[test]
    fn a_warm_start_reports_the_keys_a_cold_one_found() {
        let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-posts"));
        let posts = store::load_path(&root, &store::LoadOptions::default()).posts;
        let dir = tempfile::tempdir().unwrap();
        let cache = (dir.path().join("stories.bin"), vec![root]);
        let expected: Vec<(PathBuf, Vec<FoundKeys>)> = posts
            .iter()
            .map(|post| {
                let body = store::read_body(post).unwrap();
                let stories = post_stories(post, &find_stories(post, &body));
                (
                    post.path.clone(),
                    stories.iter().map(FoundKeys::of).collect(),
                )
            })
            .collect();
        assert_eq!(reports(&posts, &cache), expected, "cold");
        assert!(cache.0.exists(), "the first run writes the cache");
        assert_eq!(reports(&posts, &cache), expected, "warm");
        assert!(expected.iter().any(|(_, keys)| keys.len() > 1));
    }
}
