//! Finds the stories of every post in the background, after the list is shown, and streams
//! their keys to the app in batches; the first frame and the keys never wait for it. Posts
//! whose file is unchanged take their stories from the stories cache.

use super::Message;
use crate::app::Action;
use brief_core::render::find_stories;
use brief_core::store::{self, Post};
use brief_core::stories::cache::StoryCache;
use brief_core::stories::post_stories;
use brief_core::stories::seen::FoundKeys;
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
                let stories = match kept.as_ref().and_then(|c| c.get(post)) {
                    Some(stories) => stories,
                    None => {
                        let stories = store::read_body(post)
                            .map(|body| find_stories(post, &body))
                            .unwrap_or_default();
                        if let Some(cache) = kept.as_mut() {
                            cache.insert(post, &stories);
                        }
                        stories
                    }
                };
                let keys = post_stories(post, &stories)
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
