//! The outline's quiet hint "perhaps also: 02-13": a story of another post at most a week away
//! whose heading is near this story's ([`brief_core::stories::near`]). Only a hint: the stories
//! stay apart, nothing is marked seen or folded by it.
//!
//! Part of `app`: no input or output here. Reads the keys the background story finder
//! reported per post; a post whose stories are not known yet proposes nothing.

use crate::app::App;
use brief_core::stories::near::near;
use brief_core::stories::seen::story_keys;
use brief_i18n::fill;

impl App {
    /// Per story of the article on screen, in order: the hint, when a story of another post
    /// within a week has a near heading (the closest such post's date; the earlier of two as
    /// close).
    pub fn story_near_hints(&self) -> Vec<Option<String>> {
        let stories = self.stories_with_lines();
        let mut hints = vec![None; stories.len()];
        let Some(post) = self.article_post() else {
            return hints;
        };
        let Some(day) = post.date.map(|d| d.day()) else {
            return hints;
        };
        let mine: Vec<(Vec<String>, Option<&str>)> = stories
            .iter()
            .map(|(story, _)| {
                let keys = story_keys(story);
                let heading = story.heading_identity();
                (keys, heading)
            })
            .collect();
        if mine.iter().all(|(_, heading)| heading.is_none()) {
            return hints;
        }
        let mut best: Vec<Option<(i64, jiff::civil::Date)>> = vec![None; stories.len()];
        for other in &self.posts {
            let Some(other_day) = other.date.map(|d| d.day()) else {
                continue;
            };
            let Ok(span) = day.until(other_day) else {
                continue;
            };
            let days = i64::from(span.get_days());
            if other.path == post.path || days.abs() > brief_core::stories::HEADING_DAYS {
                continue;
            }
            let Some(their_stories) = self.story_state.keys_by_post.get(&other.path) else {
                continue;
            };
            for (index, (keys, heading)) in mine.iter().enumerate() {
                let Some(heading) = heading else {
                    continue;
                };
                let proposed = their_stories.iter().any(|theirs| {
                    // Sharing a key is being one story already, not a near one.
                    !theirs.keys.iter().any(|k| keys.contains(k))
                        && theirs
                            .keys
                            .iter()
                            .filter_map(|k| k.strip_prefix("h:"))
                            .any(|h| near(heading, h, days))
                });
                let closer =
                    best[index].is_none_or(|(d, date)| (days.abs(), other_day) < (d, date));
                if proposed && closer {
                    best[index] = Some((days.abs(), other_day));
                }
            }
        }
        let words = self.words();
        for (hint, best) in hints.iter_mut().zip(best) {
            *hint = best.map(|(_, date)| {
                let date = format!("{:02}-{:02}", date.month(), date.day());
                fill(words.story_perhaps_also, &[("date", &date)])
            });
        }
        hints
    }
}
