//! Finds the stories of every post in the background, after the list is shown, and streams
//! their keys to the app in batches; the first frame and the keys never wait for it.

use super::Message;
use crate::app::Action;
use crate::render::find_stories;
use crate::store::{self, Post};
use crate::stories::post_stories;
use crate::stories::seen::story_keys;
use std::sync::mpsc::Sender;
use std::thread;

/// Posts per message: few enough messages that drawing keeps up, small enough that the
/// list fills in steadily.
const BATCH: usize = 256;

pub fn spawn_story_finder(posts: Vec<Post>, tx: Sender<Message>) {
    thread::spawn(move || {
        for chunk in posts.chunks(BATCH) {
            let found = chunk
                .iter()
                .map(|post| {
                    let stories = store::read_body(post)
                        .map(|body| find_stories(post, &body))
                        .unwrap_or_default();
                    let keys = post_stories(post, &stories)
                        .iter()
                        .map(story_keys)
                        .collect();
                    (post.path.clone(), keys)
                })
                .collect();
            if tx
                .send(Message::Action(Action::StoriesFound(found)))
                .is_err()
            {
                break;
            }
        }
    });
}
