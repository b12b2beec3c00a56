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
use crate::marks::post_id;
use crate::render::stories::Story;
use crate::stories::seen::{Seen, SeenChange, Sighting, story_keys};
use crate::stories::{PostStory, post_stories};
use std::collections::HashSet;
use std::sync::Arc;

/// Seen stories, as on disk, and the keys this process has asked to record.
#[derive(Debug, Default)]
pub struct StoryState {
    pub seen: Seen,
    recorded: HashSet<String>,
    /// `z`: stories seen in earlier posts are folded.
    pub fold: bool,
    pub(super) folded: Option<super::fold::Folded>,
    /// The article last checked for being all repeats.
    read_checked: Option<std::path::PathBuf>,
    /// Per post, the keys of each of its stories, as the background finder reports them.
    pub keys_by_post: std::collections::HashMap<std::path::PathBuf, Vec<Vec<String>>>,
    /// The number of posts whose stories were asked for (asked again when it changes).
    requested_for: Option<usize>,
    /// [`App::stories_with_lines`] of the article last asked about: worked out once per
    /// article, not on every key.
    lines_memo: std::cell::RefCell<Option<LinesMemo>>,
}

/// The stories and line ranges of one laid-out article of one post.
#[derive(Debug)]
struct LinesMemo {
    article: Arc<crate::render::Article>,
    post: std::path::PathBuf,
    lines: StoryLines,
}

/// Each story of an article with its identity, and the lines it covers.
pub(super) type StoryLines = Arc<Vec<(PostStory, std::ops::Range<usize>)>>;

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

    pub(super) fn open_source_in_view(&mut self) -> Option<Effect> {
        match self.source_in_view() {
            // Opening a story's source counts as having seen it.
            Some(url) => {
                let seen = self
                    .story_in_view()
                    .and_then(|i| self.record_seen(i..i + 1));
                super::both(self.open_url(url), seen)
            }
            None => {
                self.status = Some(self.words().msg_no_link_to_open.into());
                None
            }
        }
    }

    /// The stories of the article on screen with their identities (the whole post as one
    /// story when it has no sections), and the range of lines each covers.
    pub(super) fn stories_with_lines(&self) -> StoryLines {
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
    post: &crate::store::Post,
    article: &crate::render::Article,
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
                    .is_some_and(|s| s.style.role == crate::render::Role::LinkListTitle)
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

impl App {
    /// Records as seen the stories among `which` (indices) not yet known to be seen.
    fn record_seen(&mut self, which: std::ops::Range<usize>) -> Option<Effect> {
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
    pub(super) fn note_seen_stories(&mut self) -> Option<Effect> {
        if self.focus != Focus::Article || self.overlay.is_some() {
            return None;
        }
        let view = self.article.as_ref()?;
        view.article.as_ref()?;
        let read = self.read_if_all_repeats();
        super::both(read, self.record_visible())
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
            .filter(|(story, _)| !story_keys(story).is_empty())
            .peekable();
        with_identity.peek()?;
        let seen = &self.story_state.seen;
        if !with_identity.all(|(story, _)| seen.seen_before(story, &id, day).is_some()) {
            return None;
        }
        let index = self.index.position(&path)?;
        if self.mark_of(index).read {
            return None;
        }
        self.change_mark(index, |id| crate::marks::MarkChange::Read(id, true))
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
                let date = self.story_state.seen.seen_before(story, &id, day)?;
                let date = format!("{:02}-{:02}", date.month(), date.day());
                Some((lines.start, fill(words.story_seen, &[("date", &date)])))
            })
            .collect()
    }

    /// Once the folder is loaded: asks for every post's stories, found in the background.
    pub(super) fn request_stories(&mut self) -> Option<Effect> {
        if !self.loading.done || self.story_state.requested_for == Some(self.posts.len()) {
            return None;
        }
        self.story_state.requested_for = Some(self.posts.len());
        let posts = self
            .posts
            .iter()
            .filter(|p| !self.story_state.keys_by_post.contains_key(&p.path))
            .map(|p| crate::store::Post {
                path: p.path.clone(),
                title: p.title.clone(),
                source: p.source.clone(),
                format: p.format,
                size: p.size,
                modified: p.modified,
                ..crate::store::Post::default()
            })
            .collect::<Vec<_>>();
        (!posts.is_empty()).then_some(Effect::FindStories(posts))
    }

    /// `(new, total)`: the post's stories not yet seen (by any key; a story without a
    /// source is new while the post is unread), out of all, once they are known.
    pub fn story_counts(&self, index: usize) -> Option<(usize, usize)> {
        let keys = self
            .story_state
            .keys_by_post
            .get(&self.posts.get(index)?.path)?;
        let read = self.mark_of(index).read;
        let seen = &self.story_state.seen;
        let new = keys
            .iter()
            .filter(|keys| {
                if keys.is_empty() {
                    !read
                } else {
                    !keys.iter().any(|k| seen.contains(k))
                }
            })
            .count();
        Some((new, keys.len()))
    }

    /// For the "with new stories" view: per post, whether it has a story not yet seen (true
    /// while its stories are unknown). Empty in the other views.
    pub(super) fn posts_with_new_stories(&self) -> Vec<bool> {
        if self.view_mode != super::ViewMode::NewStories {
            return Vec::new();
        }
        (0..self.posts.len())
            .map(|i| self.story_counts(i).is_none_or(|(new, _)| new > 0))
            .collect()
    }

    /// Index into the article's links of the first link in the text of the story in view:
    /// where the link picker starts.
    pub(super) fn first_link_of_story_in_view(&self) -> Option<usize> {
        let story = self.story_in_view()?;
        let (_, lines) = self.stories_with_lines().get(story).cloned()?;
        let article = self.rendered_article()?;
        super::link_count::first_numbered_link(article.lines.get(lines)?)
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
    fn the_link_picker_starts_at_the_story_in_view() {
        let mut app = app(80, 24);
        key(&mut app, 'f');
        assert_eq!(app.overlay, Some(Overlay::Links { cursor: 0 }));
        key(&mut app, 'q');
        key(&mut app, '}');
        key(&mut app, '}');
        key(&mut app, 'f');
        let Some(Overlay::Links { cursor }) = app.overlay else {
            panic!("the picker is open");
        };
        let links = &app.rendered_article().unwrap().links;
        assert_eq!(links[cursor].url, "https://b.example/story-1");
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

    /// A reader over `posts` (post, body) that renders synchronously and keeps what it was
    /// asked to record as seen.
    struct Reader {
        app: App,
        bodies: Vec<(Post, String)>,
        seen: Vec<SeenChange>,
        saved: Vec<crate::marks::MarkChange>,
    }

    impl Reader {
        fn new(width: u16, height: u16, bodies: Vec<(Post, String)>) -> Self {
            let mut reader = Reader {
                app: App::new(PathBuf::from("posts"), Rect::new(0, 0, width, height)),
                bodies,
                seen: Vec::new(),
                saved: Vec::new(),
            };
            // Read marks come from scrolling to the end, so that opening alone marks nothing.
            reader.app.settings.mark_read_on = crate::app::MarkReadOn::End;
            reader.act(Action::Resize(width, height));
            let posts = reader.bodies.iter().map(|(p, _)| p.clone()).collect();
            reader.act(Action::PostsLoaded {
                posts,
                diagnostics: Vec::new(),
                done: true,
            });
            reader
        }

        /// The seen stories this reader recorded, come back as a save returns them.
        fn seen_as_saved(&mut self) {
            let mut seen = Seen::default();
            self.seen.iter().for_each(|c| seen.apply(c));
            self.act(Action::SeenLoaded(seen));
        }

        /// Of [`pair`]: opens the older briefing (02-13, listed second), then the newer.
        fn read_the_older_then_open_the_newer(&mut self) {
            self.act(Action::MoveDown);
            self.act(Action::OpenSelected);
            self.seen_as_saved();
            self.act(Action::Back);
            self.act(Action::MoveUp);
            self.act(Action::OpenSelected);
        }

        fn act(&mut self, action: Action) {
            let mut queue = vec![action];
            while let Some(action) = queue.pop() {
                let mut effects: Vec<Effect> = self.app.update(action).into_iter().collect();
                while let Some(effect) = effects.pop() {
                    match effect {
                        Effect::Batch(more) => effects.extend(more),
                        Effect::LoadArticle { post, width } => {
                            let body = &self
                                .bodies
                                .iter()
                                .find(|(p, _)| p.path == post.path)
                                .unwrap()
                                .1;
                            queue.push(Action::ArticleReady {
                                path: post.path.clone(),
                                width,
                                article: Arc::new(render_article(&post, body, width)),
                            });
                        }
                        Effect::SaveSeen(changes) => self.seen.extend(changes),
                        Effect::SaveMarks(changes) => self.saved.extend(changes),
                        _ => {}
                    }
                }
            }
        }
    }

    fn briefing(day: &str, stories: &[(&str, &str)]) -> (Post, String) {
        let post = Post {
            path: PathBuf::from(format!("posts/{day}.md")),
            title: format!("简报 {day}"),
            date: crate::store::PostDate::parse(day),
            source: Some(format!("https://post.example/{day}")),
            ..Post::default()
        };
        let mut body = String::new();
        for (title, url) in stories {
            body.push_str(&format!(
                "## {title}\n\n正文。\n\n**Source:** [原文]({url})\n\n"
            ));
        }
        (post, body)
    }

    #[test]
    fn a_post_of_nothing_but_seen_repeats_counts_as_read() {
        let mut posts = pair();
        posts.insert(
            0,
            briefing(
                "2026-02-15",
                &[
                    ("一笔合作", "https://a.example/deal#x"),
                    ("用电", "https://b.example/power/amp"),
                ],
            ),
        );
        let mut reader = Reader::new(80, 24, posts);
        reader.act(Action::MoveDown);
        reader.act(Action::MoveDown);
        reader.act(Action::OpenSelected);
        reader.seen_as_saved();
        reader.act(Action::Back);
        reader.act(Action::MoveTop);
        let index = reader.app.view[reader.app.selected];
        assert!(!reader.app.mark_of(index).read);
        reader.act(Action::OpenSelected);
        assert!(reader.app.rendered_article().is_some());
        let id = crate::marks::post_id(&reader.app.posts[index], &reader.app.roots);
        assert!(
            reader
                .saved
                .contains(&crate::marks::MarkChange::Read(id, true)),
            "{:?}",
            reader.saved
        );
    }

    fn pair() -> Vec<(Post, String)> {
        vec![
            briefing(
                "2026-02-14",
                &[
                    ("另一个标题", "https://www.a.example/deal/?utm_source=x"),
                    ("新的新闻", "https://c.example/new"),
                ],
            ),
            briefing(
                "2026-02-13",
                &[
                    ("一笔合作", "https://a.example/deal"),
                    ("用电争议", "https://b.example/power"),
                ],
            ),
        ]
    }

    #[test]
    fn a_preview_sees_nothing_an_opened_article_sees_what_is_on_screen() {
        let mut reader = Reader::new(120, 40, pair());
        assert!(
            reader.app.rendered_article().is_some(),
            "the preview is shown"
        );
        assert!(reader.seen.is_empty(), "a preview is not reading");
        reader.act(Action::OpenSelected);
        let keys: Vec<&str> = reader.seen.iter().map(|c| c.key.as_str()).collect();
        assert!(keys.contains(&"u:a.example/deal"), "{keys:?}");
        assert!(keys.contains(&"u:c.example/new"), "{keys:?}");
        assert!(
            reader
                .seen
                .iter()
                .all(|c| c.sighting.date.to_string() == "2026-02-14")
        );
        // Recorded once, however often the screen is drawn again.
        let count = reader.seen.len();
        reader.act(Action::MoveDown);
        assert_eq!(reader.seen.len(), count);
    }

    #[test]
    fn a_story_seen_in_an_earlier_post_is_marked_with_that_posts_date() {
        let mut reader = Reader::new(80, 24, pair());
        reader.read_the_older_then_open_the_newer();
        let marks = reader.app.story_seen_marks(0, 100);
        let article = reader.app.rendered_article().unwrap();
        let repeated = article.stories[0].line;
        assert_eq!(marks, [(repeated, "seen 02-13".to_string())]);
        // One of its two stories is new: the post is not read for being all repeats.
        let index = reader.app.view[reader.app.selected];
        assert!(!reader.app.mark_of(index).read);
        // Reading 02-13 again does not call its own stories repeats.
        reader.act(Action::Back);
        reader.act(Action::MoveDown);
        reader.act(Action::OpenSelected);
        assert!(reader.app.story_seen_marks(0, 100).is_empty());
    }

    #[test]
    fn z_folds_repeated_stories_to_their_headings_and_back() {
        let mut reader = Reader::new(80, 24, pair());
        reader.read_the_older_then_open_the_newer();
        let whole = reader.app.rendered_article().unwrap().plain_lines();
        key(&mut reader.app, 'z');
        let folded = reader.app.rendered_article().unwrap().plain_lines();
        let repeated_at = folded.iter().position(|l| l == "## 另一个标题").unwrap();
        assert_eq!(folded[repeated_at + 1], "");
        assert_eq!(folded[repeated_at + 2], "## 新的新闻", "{folded:#?}");
        // Only the repeated story's four lines of text go.
        assert_eq!(whole.len() - folded.len(), 4, "{whole:#?}");
        // The story list follows the fold.
        key(&mut reader.app, '}');
        key(&mut reader.app, '}');
        assert_eq!(reader.app.story_in_view(), Some(1));
        let article = reader.app.rendered_article().unwrap();
        assert_eq!(
            article.lines[article.stories[1].line].plain(),
            "## 新的新闻"
        );
        // Folding is kept from post to post.
        reader.act(Action::Back);
        reader.act(Action::MoveDown);
        reader.act(Action::OpenSelected);
        assert!(reader.app.story_state.fold);
        reader.act(Action::Back);
        reader.act(Action::MoveUp);
        reader.act(Action::OpenSelected);
        assert_eq!(reader.app.rendered_article().unwrap().plain_lines(), folded);
        key(&mut reader.app, 'z');
        assert_eq!(reader.app.rendered_article().unwrap().plain_lines(), whole);
    }

    #[test]
    fn the_list_counts_stories_not_yet_seen_once_the_finder_reports() {
        let mut app = App::new(PathBuf::from("posts"), Rect::new(0, 0, 80, 24));
        let (post, _) = briefing("2026-02-13", &[("甲", "https://a.example/1")]);
        let effect = app.update(Action::PostsLoaded {
            posts: vec![post.clone()],
            diagnostics: Vec::new(),
            done: true,
        });
        let mut effects: Vec<Effect> = effect.into_iter().collect();
        let mut asked = None;
        while let Some(effect) = effects.pop() {
            match effect {
                Effect::Batch(more) => effects.extend(more),
                Effect::FindStories(posts) => asked = Some(posts),
                _ => {}
            }
        }
        let asked = asked.expect("a loaded folder asks for its stories");
        assert_eq!(asked.len(), 1);
        assert_eq!(asked[0].path, post.path);
        assert_eq!(app.update(Action::MoveDown), None, "asked once");
        assert_eq!(app.story_counts(0), None);
        let keys = vec![
            vec!["u:a.example/1".to_string()],
            vec!["u:b.example/2".to_string(), "h:乙".to_string()],
            Vec::new(),
        ];
        app.update(Action::StoriesFound(vec![(post.path.clone(), keys)]));
        assert_eq!(app.story_counts(0), Some((3, 3)));
        let mut seen = Seen::default();
        seen.apply(&SeenChange {
            key: "h:乙".into(),
            sighting: Sighting {
                date: "2026-02-12".parse().unwrap(),
                post: "other".into(),
            },
        });
        app.update(Action::SeenLoaded(seen.clone()));
        assert_eq!(app.story_counts(0), Some((2, 3)));
        // The view of posts with new stories keeps it until every story is seen.
        for _ in 0..3 {
            app.update(Action::CycleView);
        }
        assert_eq!(app.view_mode, crate::app::ViewMode::NewStories);
        assert_eq!(app.view, [0]);
        for key in ["u:a.example/1", "u:b.example/2"] {
            seen.apply(&SeenChange {
                key: key.into(),
                sighting: Sighting {
                    date: "2026-02-12".parse().unwrap(),
                    post: "other".into(),
                },
            });
        }
        app.update(Action::ToggleRead);
        app.update(Action::SeenLoaded(seen));
        assert_eq!(app.story_counts(0), Some((0, 3)));
        // The view no longer admits it; like a read post in the unread view, it stays listed
        // while it is selected.
        assert!(!app.admitted_by_mode(0));
        assert_eq!(app.view, [0]);
    }
}
