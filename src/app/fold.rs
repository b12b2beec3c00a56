//! `z`: stories first seen in an earlier post folded to their heading lines.
//!
//! The article pane shows a folded copy of the rendered article: the lines of each repeated
//! story after its heading are left out (its last, blank line kept as a gap), and the stories'
//! lines are renumbered. Everything that scrolls, searches or names a story works on the copy
//! unchanged. Folding is a toggle, kept from post to post and across runs (the effect runner
//! saves the choice in `reader-state.jsonl` beside the marks); a story new in this post never
//! folds. The copy is made once per rendered article, after the action that brought it.
//!
//! Depends on the app's state and the rendered [`Article`]; draws nothing.

use super::{App, Effect};
use brief_core::render::Article;
use brief_i18n::Catalog;
use std::sync::Arc;

/// A folded article and the one it was made from.
#[derive(Debug)]
pub struct Folded {
    original: Arc<Article>,
    folded: Arc<Article>,
    /// For each line of `folded`, its line in `original`.
    kept: Vec<usize>,
}

impl App {
    /// `z`: folds or unfolds, and has the choice kept for the next run.
    pub(super) fn toggle_fold(&mut self) -> Option<Effect> {
        self.story_state.fold = !self.story_state.fold;
        let words: &Catalog = self.words();
        self.status = Some(
            if self.story_state.fold {
                words.msg_folded
            } else {
                words.msg_unfolded
            }
            .into(),
        );
        Some(Effect::SaveFoldRepeats(self.story_state.fold))
    }

    /// Puts the folded or the whole article in the pane, as the toggle says.
    pub(super) fn apply_fold(&mut self) {
        let Some(current) = self.article.as_ref().and_then(|v| v.article.clone()) else {
            return;
        };
        let is_folded = self
            .story_state
            .folded
            .as_ref()
            .is_some_and(|f| Arc::ptr_eq(&f.folded, &current));
        if self.story_state.fold && !is_folded {
            let hidden = self.repeated_story_lines();
            if hidden.is_empty() {
                return;
            }
            let (folded, kept) = fold(&current, &hidden);
            let folded = Arc::new(folded);
            if let Some(view) = self.article.as_mut() {
                view.scroll = kept.partition_point(|&line| line < view.scroll);
                view.story_pin = None;
                view.article = Some(Arc::clone(&folded));
            }
            self.story_state.folded = Some(Folded {
                original: current,
                folded,
                kept,
            });
        } else if !self.story_state.fold && is_folded {
            let Some(folded) = self.story_state.folded.take() else {
                return;
            };
            if let Some(view) = self.article.as_mut() {
                view.scroll = folded.kept.get(view.scroll).copied().unwrap_or(0);
                view.story_pin = None;
                view.article = Some(folded.original);
            }
        }
    }

    /// The line ranges to hide: the text of each story first seen in an earlier post.
    fn repeated_story_lines(&self) -> Vec<std::ops::Range<usize>> {
        let Some(post) = self.article_post() else {
            return Vec::new();
        };
        let id = brief_core::marks::post_id(post, &self.roots);
        let day = post.date.map(|d| d.day());
        let Some(article) = self.rendered_article() else {
            return Vec::new();
        };
        if article.stories.is_empty() {
            return Vec::new();
        }
        self.stories_with_lines()
            .iter()
            .filter(|(story, _)| self.story_state.seen_before(story, &id, day).is_some())
            .map(|(_, lines)| lines.start + 1..lines.end.saturating_sub(1).max(lines.start + 1))
            .filter(|range| !range.is_empty())
            .collect()
    }
}

/// `article` without the lines in `hidden` (sorted, disjoint), and the kept lines' indices.
fn fold(article: &Article, hidden: &[std::ops::Range<usize>]) -> (Article, Vec<usize>) {
    let mut kept = Vec::with_capacity(article.lines.len());
    let mut ranges = hidden.iter().peekable();
    for line in 0..article.lines.len() {
        while ranges.peek().is_some_and(|r| r.end <= line) {
            ranges.next();
        }
        if !ranges.peek().is_some_and(|r| r.contains(&line)) {
            kept.push(line);
        }
    }
    let mut stories = article.stories.clone();
    for story in &mut stories {
        story.line = kept.partition_point(|&line| line < story.line);
    }
    let folded = Article {
        lines: kept.iter().map(|&i| article.lines[i].clone()).collect(),
        links: article.links.clone(),
        primary_link: article.primary_link,
        header_lines: article.header_lines,
        width: article.width,
        stories,
        link_groups: article.link_groups.clone(),
    };
    (folded, kept)
}
