//! Reading an article story by story: `}`/`{` put the next or previous story's heading at the
//! top of the pane, `o` opens the source of the story in view, `O` lists the stories to jump
//! to, and the status bar names the story in view.
//!
//! The story in view is the last one whose heading is at or above the pane's top line; above
//! the first story there is none, and `o` opens the post's source. Near the end of an
//! article a story's heading cannot reach the top: a jump there remembers the story it went
//! to for as long as the pane stays scrolled where the jump left it.
//!
//! Depends on the app's state and the rendered [`crate::render::Article`]; draws nothing.

use super::{Action, App, Effect, Focus, Overlay, movement, step};
use crate::i18n::fill;
use crate::render::stories::Story;

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
            text.push_str(&crate::render::stories::source_host(source));
        }
        Some(text)
    }

    /// Scrolls the article so the next (or previous) story's heading is at the top.
    pub(super) fn jump_story(&mut self, forward: bool) -> Option<Effect> {
        if self.focus != Focus::Article && !self.is_wide() {
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

    pub(super) fn open_source_in_view(&mut self) -> Option<Effect> {
        match self.source_in_view() {
            Some(url) => self.open_url(url),
            None => {
                self.status = Some(self.words().msg_no_link_to_open.into());
                None
            }
        }
    }

    /// Opens the outline at the story in view.
    pub(super) fn show_story_outline(&mut self) {
        if self.article_stories().is_empty() {
            self.status = Some(self.words().msg_no_stories.into());
        } else {
            let cursor = self.story_in_view().unwrap_or(0);
            self.overlay = Some(Overlay::Stories { cursor });
        }
    }

    /// Keys while the outline is open: move, Enter jumps, `O` closes.
    pub(super) fn update_story_outline(&mut self, cursor: usize, action: Action) -> Option<Effect> {
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

#[cfg(test)]
mod tests {
    use super::super::keymap::action_for_key;
    use super::*;
    use crate::render::render_article;
    use crate::store::Post;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::layout::Rect;
    use std::path::PathBuf;
    use std::sync::Arc;

    fn body() -> String {
        let mut body = String::from("# 简报\n\n导语一段。\n\n");
        for (i, host) in ["a.example", "b.example", "c.example"].iter().enumerate() {
            body.push_str(&format!("## 第{i}条新闻\n\n"));
            for line in 0..12 {
                body.push_str(&format!("第{i}条的第{line}段。\n\n"));
            }
            body.push_str(&format!(
                "**Source:** [原文](https://{host}/story-{i}) 另见 [其他](https://other.example/{i})\n\n"
            ));
        }
        body
    }

    /// An app with one briefing open in the article pane.
    fn app(width: u16, height: u16) -> App {
        let mut app = App::new(PathBuf::from("posts"), Rect::new(0, 0, width, height));
        app.update(Action::Resize(width, height));
        let post = Post {
            path: PathBuf::from("posts/b.md"),
            title: "简报".into(),
            source: Some("https://post.example/b".into()),
            ..Post::default()
        };
        let loaded = app.update(Action::PostsLoaded {
            posts: vec![post],
            diagnostics: Vec::new(),
            done: true,
        });
        let opened = app.update(Action::OpenSelected);
        let mut effects: Vec<Effect> = loaded.into_iter().chain(opened).collect();
        let mut load = None;
        while let Some(effect) = effects.pop() {
            match effect {
                Effect::Batch(more) => effects.extend(more),
                Effect::LoadArticle { post, width } => load = Some((post, width)),
                _ => {}
            }
        }
        let (post, width) = load.expect("the article is asked for");
        let article = render_article(&post, &body(), width);
        assert_eq!(article.stories.len(), 3);
        app.update(Action::ArticleReady {
            path: post.path.clone(),
            width,
            article: Arc::new(article),
        });
        app
    }

    fn key(app: &mut App, c: char) -> Option<Effect> {
        let action = action_for_key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))?;
        app.update(action)
    }

    fn top_line(app: &App) -> String {
        let view = app.article.as_ref().unwrap();
        view.article.as_ref().unwrap().lines[view.scroll].plain()
    }

    #[test]
    fn braces_put_each_storys_heading_at_the_top() {
        for (w, h) in [(120, 40), (80, 24)] {
            let mut app = app(w, h);
            assert_eq!(app.story_in_view(), None);
            assert_eq!(app.story_status(), None);
            key(&mut app, '}');
            assert_eq!(top_line(&app), "## 第0条新闻", "{w}x{h}");
            assert_eq!(app.story_status().as_deref(), Some("story 1/3 · a.example"));
            key(&mut app, '}');
            assert_eq!(top_line(&app), "## 第1条新闻");
            key(&mut app, 'j');
            key(&mut app, '{');
            assert_eq!(top_line(&app), "## 第1条新闻", "back to this story's start");
            key(&mut app, '{');
            assert_eq!(top_line(&app), "## 第0条新闻");
            key(&mut app, '{');
            assert_eq!(app.article.as_ref().unwrap().scroll, 0);
        }
    }

    #[test]
    fn the_last_story_is_named_even_when_its_heading_cannot_reach_the_top() {
        let mut app = app(80, 24);
        for _ in 0..3 {
            key(&mut app, '}');
        }
        assert_eq!(app.story_in_view(), Some(2));
        assert_eq!(key(&mut app, '}'), None);
        assert_eq!(app.story_in_view(), Some(2));
    }

    #[test]
    fn o_opens_the_source_of_the_story_in_view_else_the_posts() {
        let mut app = app(80, 24);
        assert_eq!(
            key(&mut app, 'o'),
            Some(Effect::OpenUrl("https://post.example/b".into()))
        );
        key(&mut app, '}');
        key(&mut app, '}');
        // Scrolled into the second story's text, not to its heading.
        key(&mut app, 'j');
        key(&mut app, 'j');
        assert_eq!(
            key(&mut app, 'o'),
            Some(Effect::OpenUrl("https://b.example/story-1".into()))
        );
    }

    #[test]
    fn the_outline_opens_at_the_story_in_view_and_jumps() {
        let mut app = app(80, 24);
        key(&mut app, '}');
        key(&mut app, 'O');
        assert_eq!(app.overlay, Some(Overlay::Stories { cursor: 0 }));
        key(&mut app, 'j');
        key(&mut app, 'j');
        assert_eq!(app.overlay, Some(Overlay::Stories { cursor: 2 }));
        app.update(Action::OpenSelected);
        assert_eq!(app.overlay, None);
        assert_eq!(app.story_in_view(), Some(2));
        key(&mut app, 'O');
        key(&mut app, 'O');
        assert_eq!(app.overlay, None);
    }
}
