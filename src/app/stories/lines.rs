//! Each story of the article on screen with its identity and the lines it covers, worked out
//! once per laid-out article.
//!
//! Part of `app`: no input or output here.

use super::{LinesMemo, StoryLines};
use crate::app::App;
use brief_core::stories::{PostStory, post_stories};
use std::sync::Arc;

impl App {
    /// The stories of the article on screen with their identities (the whole post as one
    /// story when it has no sections), and the range of lines each covers.
    pub(in crate::app) fn stories_with_lines(&self) -> StoryLines {
        let shown = self.article.as_ref().and_then(|v| v.article.clone());
        let (Some(post), Some(article)) = (self.article_post(), shown) else {
            return StoryLines::default();
        };
        let mut memo = self.story_state.lines_memo.borrow_mut();
        if let Some(memo) = memo.as_ref()
            && Arc::ptr_eq(&memo.article, &article)
            && memo.post == post.path
        {
            return Arc::clone(&memo.lines);
        }
        let lines = Arc::new(story_lines(post, &article));
        *memo = Some(LinesMemo {
            article,
            post: post.path.clone(),
            lines: Arc::clone(&lines),
        });
        lines
    }
}

/// What [`App::stories_with_lines`] works out for `article`, laid out from `post`.
fn story_lines(
    post: &brief_core::store::Post,
    article: &brief_core::render::Article,
) -> Vec<(PostStory, std::ops::Range<usize>)> {
    {
        if article.stories.is_empty() {
            let whole = post_stories(post, &[]);
            return whole
                .into_iter()
                .map(|s| (s, 0..article.lines.len()))
                .collect();
        }
        let identities = post_stories(post, &article.stories);
        // The last story ends where the link list begins.
        let body_end = article
            .lines
            .iter()
            .rposition(|line| {
                line.spans
                    .first()
                    .is_some_and(|s| s.style.role == brief_core::render::Role::LinkListTitle)
            })
            .unwrap_or(article.lines.len());
        let ends = article
            .stories
            .iter()
            .skip(1)
            .map(|s| s.line)
            .chain([body_end]);
        identities
            .into_iter()
            .zip(article.stories.iter().map(|s| s.line).zip(ends))
            .map(|(story, (start, end))| (story, start..end.max(start + 1)))
            .collect()
    }
}
