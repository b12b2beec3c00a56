//! The quiet note after each title in the stories outline (`O`): whether the story has been
//! seen ("seen 02-13" when first seen in an earlier post, "seen" when only here), then the
//! "perhaps also: 02-13" hint of a near heading. A story not seen yet has no seen note.
//!
//! Part of `app`: no input or output here.

use crate::app::App;
use brief_core::stories::seen::story_keys;
use brief_i18n::fill;

impl App {
    /// Per story of the article on screen, in order: its note, if it has one.
    pub fn story_outline_notes(&self) -> Vec<Option<String>> {
        let words = self.words();
        let stories = self.stories_with_lines();
        let hints = self.story_near_hints();
        let post = self.article_post();
        let id = post.map(|p| brief_core::marks::post_id(p, &self.roots));
        let day = post.and_then(|p| p.date).map(|d| d.day());
        let state = &self.story_state;
        stories
            .iter()
            .zip(hints)
            .map(|((story, _), hint)| {
                let earlier = id
                    .as_deref()
                    .and_then(|id| state.seen_before(story, id, day))
                    .map(|date| {
                        let date = format!("{:02}-{:02}", date.month(), date.day());
                        fill(words.story_seen, &[("date", &date)])
                    });
                let here = || {
                    (!state.in_section(story.heading_key.as_deref())
                        && story_keys(story).iter().any(|k| state.seen.contains(k)))
                    .then(|| words.story_seen_here.to_string())
                };
                let parts: Vec<String> = earlier.or_else(here).into_iter().chain(hint).collect();
                (!parts.is_empty()).then(|| parts.join(" · "))
            })
            .collect()
    }
}
