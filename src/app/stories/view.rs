//! The story in view and moving by story: `}`/`{`, `o`, the status bar's `story 3/7`, the
//! outline `O` and where the link picker starts.
//!
//! Part of `app`: no input or output here.

use crate::app::{Action, App, Effect, Focus, Overlay, movement, step};
use brief_core::render::stories::Story;
use brief_i18n::fill;

impl App {
    /// The stories of the article on screen.
    pub fn article_stories(&self) -> &[Story] {
        self.rendered_article().map_or(&[], |a| &a.stories)
    }

    /// Index of the story in view, if the pane is at or below the first story.
    pub fn story_in_view(&self) -> Option<usize> {
        let view = self.article.as_ref()?;
        let stories = &view.article.as_ref()?.stories;
        if let Some((scroll, story)) = view.story_pin
            && scroll == view.scroll
            && story < stories.len()
        {
            return Some(story);
        }
        stories.iter().rposition(|story| story.line <= view.scroll)
    }

    /// `story 3/7 · host` for the status bar, when the article has stories and one is in view.
    pub fn story_status(&self) -> Option<String> {
        let stories = self.article_stories();
        let index = self.story_in_view()?;
        let words = self.words();
        let mut text = fill(
            words.story_status,
            &[("i", &(index + 1)), ("n", &stories.len())],
        );
        if let Some(source) = &stories[index].source {
            text.push_str(" · ");
            text.push_str(&brief_core::render::stories::source_host(source));
        }
        Some(text)
    }

    /// Scrolls the article so the next (or previous) story's heading is at the top.
    pub(in crate::app) fn jump_story(&mut self, forward: bool) -> Option<Effect> {
        // In the list, `}`/`{` belong to the list (a day's posts), not to the preview.
        if self.focus != Focus::Article {
            return None;
        }
        let current = self.story_in_view();
        let count = self.article_stories().len();
        if count == 0 {
            self.status = Some(self.words().msg_no_stories.into());
            return None;
        }
        let target = match (current, forward) {
            (None, true) => 0,
            (None, false) => return None,
            (Some(i), true) if i + 1 < count => i + 1,
            (Some(_), true) => return None,
            (Some(i), false) => {
                // Back to the start of this story first, when it is scrolled past.
                let line = self.article_stories()[i].line;
                let view = self.article.as_ref()?;
                let pinned = view.story_pin.is_some_and(|(at, _)| at == view.scroll);
                if view.scroll > line && !pinned {
                    i
                } else if i == 0 {
                    return self.scroll_article_to(0, None);
                } else {
                    i - 1
                }
            }
        };
        let line = self.article_stories()[target].line;
        self.scroll_article_to(line, Some(target))
    }

    fn scroll_article_to(&mut self, line: usize, story: Option<usize>) -> Option<Effect> {
        let max = self.max_article_scroll();
        let view = self.article.as_mut()?;
        view.scroll = line.min(max);
        view.story_pin = story.map(|s| (view.scroll, s));
        None
    }

    /// The URL `o` opens: the story in view's source, else the article's primary link, else
    /// the post's source.
    pub fn source_in_view(&self) -> Option<String> {
        let story_source = self
            .story_in_view()
            .and_then(|i| self.article_stories()[i].source.clone());
        story_source
            .or_else(|| {
                self.rendered_article()
                    .and_then(|a| a.primary())
                    .map(|l| l.url.clone())
            })
            .or_else(|| self.selected_post().and_then(|p| p.source.clone()))
    }

    pub(in crate::app) fn open_source_in_view(&mut self) -> Option<Effect> {
        match self.source_in_view() {
            // Opening a story's source counts as having seen it.
            Some(url) => {
                let seen = self
                    .story_in_view()
                    .and_then(|i| self.record_seen(i..i + 1));
                crate::app::both(self.open_url(url), seen)
            }
            None => {
                self.status = Some(self.words().msg_no_link_to_open.into());
                None
            }
        }
    }

    /// Index into the article's links of the first link of the story in view: where the link
    /// picker starts. That is the first link of the story's group when the article groups its
    /// links, else the first link numbered in the story's text.
    pub(in crate::app) fn first_link_of_story_in_view(&self) -> Option<usize> {
        let story = self.story_in_view()?;
        let article = self.rendered_article()?;
        if let Some(group) = article.link_groups.iter().find(|g| g.story == Some(story)) {
            return Some(group.first);
        }
        let (_, lines) = self.stories_with_lines().get(story).cloned()?;
        crate::app::link_count::first_numbered_link(article.lines.get(lines)?)
    }

    /// Opens the outline at the story in view.
    pub(in crate::app) fn show_story_outline(&mut self) {
        if self.article_stories().is_empty() {
            self.status = Some(self.words().msg_no_stories.into());
        } else {
            let cursor = self.story_in_view().unwrap_or(0);
            self.overlay = Some(Overlay::Stories { cursor });
        }
    }

    /// Keys while the outline is open: move, Enter jumps, `O` closes.
    pub(in crate::app) fn update_story_outline(
        &mut self,
        cursor: usize,
        action: Action,
    ) -> Option<Effect> {
        let count = self.article_stories().len();
        match action {
            Action::ShowStoryOutline => self.overlay = None,
            Action::OpenSelected => {
                self.overlay = None;
                if let Some(story) = self.article_stories().get(cursor) {
                    let line = story.line;
                    self.focus = Focus::Article;
                    return self.scroll_article_to(line, Some(cursor));
                }
            }
            action => {
                let moved = movement(&action, self.article_height());
                if count > 0 && moved.is_some() {
                    let cursor = step(cursor, count, moved).min(count - 1);
                    self.overlay = Some(Overlay::Stories { cursor });
                }
            }
        }
        None
    }
}
