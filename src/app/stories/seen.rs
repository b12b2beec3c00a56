//! Stories seen: what is on screen in an opened article is recorded, a post of nothing but
//! repeats counts as read, repeats carry `seen 02-12`, and the list counts new stories.
//!
//! Part of `app`: no input or output here.

use crate::app::{App, Effect, Focus};
use brief_core::marks::post_id;
use brief_core::stories::seen::{SeenChange, Sighting, story_keys};
use brief_i18n::fill;

impl App {
    /// Records as seen the stories among `which` (indices) not yet known to be seen.
    pub(super) fn record_seen(&mut self, which: std::ops::Range<usize>) -> Option<Effect> {
        let post = self.article_post()?;
        let sighting = Sighting {
            date: post
                .date
                .map(|d| d.day())
                .unwrap_or_else(|| jiff::Zoned::now().date()),
            post: post_id(post, &self.roots),
        };
        let stories = self.stories_with_lines();
        let mut changes = Vec::new();
        for (story, _) in stories.get(which)? {
            for key in story_keys(story) {
                if !self.story_state.seen.contains(&key)
                    && self.story_state.recorded.insert(key.clone())
                {
                    changes.push(SeenChange {
                        key,
                        sighting: sighting.clone(),
                    });
                }
            }
        }
        for change in &changes {
            self.story_state.seen.apply(change);
        }
        (!changes.is_empty()).then_some(Effect::SaveSeen(changes))
    }

    /// After every action: the stories whose text is on screen in an opened article (not a
    /// preview) are seen.
    pub(in crate::app) fn note_seen_stories(&mut self) -> Option<Effect> {
        if self.focus != Focus::Article || self.overlay.is_some() {
            return None;
        }
        let view = self.article.as_ref()?;
        view.article.as_ref()?;
        let read = self.read_if_all_repeats();
        crate::app::both(read, self.record_visible())
    }

    /// Marks the opened post read when every story it carries that has an identity was
    /// first seen in an earlier post (checked once per article).
    fn read_if_all_repeats(&mut self) -> Option<Effect> {
        let path = self.article.as_ref()?.path.clone();
        if self.story_state.read_checked.as_ref() == Some(&path) {
            return None;
        }
        self.story_state.read_checked = Some(path.clone());
        let post = self.article_post()?;
        let id = post_id(post, &self.roots);
        let day = post.date.map(|d| d.day());
        let stories = self.stories_with_lines();
        let mut with_identity = stories
            .iter()
            .filter(|(story, _)| {
                !story_keys(story).is_empty()
                    && !self.story_state.in_section(story.heading_key.as_deref())
            })
            .peekable();
        with_identity.peek()?;
        let state = &self.story_state;
        if !with_identity.all(|(story, _)| state.seen_before(story, &id, day).is_some()) {
            return None;
        }
        let index = self.index.position(&path)?;
        if self.mark_of(index).read {
            return None;
        }
        self.change_mark(index, |id| brief_core::marks::MarkChange::Read(id, true))
    }

    /// Records the stories whose text is on screen.
    fn record_visible(&mut self) -> Option<Effect> {
        let view = self.article.as_ref()?;
        let top = view.scroll;
        let bottom = top + self.article_height();
        let stories = self.stories_with_lines();
        let first = stories.iter().position(|(_, r)| r.end > top)?;
        let last = stories.iter().rposition(|(_, r)| r.start < bottom)?;
        if first > last {
            return None;
        }
        self.record_seen(first..last + 1)
    }

    /// `(line, "seen 02-12")` for each story on screen first seen in an earlier post.
    pub fn story_seen_marks(&self, top: usize, height: usize) -> Vec<(usize, String)> {
        let Some(post) = self.article_post() else {
            return Vec::new();
        };
        if self.story_state.seen.is_empty() {
            return Vec::new();
        }
        let id = post_id(post, &self.roots);
        let day = post.date.map(|d| d.day());
        let words = self.words();
        self.stories_with_lines()
            .iter()
            .filter(|(_, lines)| lines.start >= top && lines.start < top + height)
            .filter_map(|(story, lines)| {
                let date = self.story_state.seen_before(story, &id, day)?;
                let date = format!("{:02}-{:02}", date.month(), date.day());
                Some((lines.start, fill(words.story_seen, &[("date", &date)])))
            })
            .collect()
    }

    /// Once the folder is loaded: asks for every post's stories, found in the background.
    pub(in crate::app) fn request_stories(&mut self) -> Option<Effect> {
        if !self.loading.done || self.story_state.requested_for == Some(self.posts.len()) {
            return None;
        }
        self.story_state.requested_for = Some(self.posts.len());
        let posts = self
            .posts
            .iter()
            .filter(|p| !self.story_state.keys_by_post.contains_key(&p.path))
            .map(|p| brief_core::store::Post {
                path: p.path.clone(),
                title: p.title.clone(),
                source: p.source.clone(),
                format: p.format,
                size: p.size,
                modified: p.modified,
                ..brief_core::store::Post::default()
            })
            .collect::<Vec<_>>();
        (!posts.is_empty()).then_some(Effect::FindStories(posts))
    }

    /// `(new, total)`: the post's stories not yet seen (by any key; a story without a
    /// source is new while the post is unread), out of all, once they are known.
    pub fn story_counts(&self, index: usize) -> Option<(usize, usize)> {
        let stories = self
            .story_state
            .keys_by_post
            .get(&self.posts.get(index)?.path)?;
        let read = self.mark_of(index).read;
        let state = &self.story_state;
        let new = stories
            .iter()
            .filter(|story| {
                if story.keys.is_empty() || state.in_section(story.heading.as_deref()) {
                    !read
                } else {
                    !story.keys.iter().any(|k| state.seen.contains(k))
                }
            })
            .count();
        Some((new, stories.len()))
    }

    /// For the "with new stories" view: per post, whether it has a story not yet seen (true
    /// while its stories are unknown). Empty in the other views.
    pub(in crate::app) fn posts_with_new_stories(&self) -> Vec<bool> {
        if self.view_mode != crate::app::ViewMode::NewStories {
            return Vec::new();
        }
        (0..self.posts.len())
            .map(|i| self.story_counts(i).is_none_or(|(new, _)| new > 0))
            .collect()
    }
}
