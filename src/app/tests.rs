//! `update` driven by keys, without a terminal: every key of the reader. The harness is here;
//! the tests are in one file per area.

use super::*;
use crate::app::input::{
    KeyCode, KeyEvent, KeyModifiers, PointerEvent, PointerKind, action_for_pointer,
};
use crate::app::keymap::action_for_key;
use crate::app::runner::{self, InMemory};
use brief_core::render::render_article;
use brief_core::store::PostDate;
use std::path::Path;

mod links;
mod loading;
mod marks;
mod moving;
mod search;
mod tags;

fn post(name: &str, date: &str, tags: &[&str], source: Option<&str>) -> Post {
    Post {
        path: PathBuf::from(format!("posts/{name}.md")),
        title: format!("标题 {name}"),
        date: PostDate::parse(date),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        categories: vec!["tech".into()],
        source: source.map(str::to_string),
        ..Post::default()
    }
}

fn body_of(path: &Path) -> String {
    let name = path.file_stem().unwrap().to_string_lossy();
    let mut body = format!(
        "# {name}\n\n第一段，[链接甲](https://a.example.com/{name})与[链接乙](ftp://files.example.com/x)。\n\n"
    );
    for i in 0..60 {
        body.push_str(&format!("第{i}行：云计算与芯片。\n\n"));
    }
    body
}

/// An app on 30 posts at `width`x`height`, loaded, with effects run synchronously in memory
/// ([`fakes`]).
struct Harness {
    app: App,
    fx: InMemory<'static>,
    quit: bool,
}

/// In-memory side effects: articles rendered from [`body_of`], bodies searched the same way
/// (as the worker does: every text term in the post), everything else recorded.
fn fakes() -> InMemory<'static> {
    let render = |post: &Post, width: usize| {
        Some(Action::ArticleReady {
            path: post.path.clone(),
            width,
            article: Arc::new(render_article(post, &body_of(&post.path), width)),
        })
    };
    let search = |query: &str, paths: &[PathBuf]| {
        let terms = brief_core::store::SearchTerms::parse(query).text;
        let hits = paths.iter().filter(|p| {
            let body = body_of(p);
            terms
                .iter()
                .all(|t| brief_core::store::contains_ignore_case(&body, t))
        });
        Some(hits.cloned().collect())
    };
    InMemory::new(Box::new(render), Box::new(search))
}

impl Harness {
    fn new(width: u16, height: u16) -> Self {
        let mut posts = Vec::new();
        for i in 0..30 {
            let tags: &[&str] = match i % 3 {
                0 => &["AI", "云计算"],
                1 => &["AI"],
                _ => &["芯片"],
            };
            let source = (i % 2 == 0).then(|| format!("https://news.example.com/{i}"));
            posts.push(post(
                &format!("p{i:02}"),
                &format!("2026-01-{:02}", i % 28 + 1),
                tags,
                source.as_deref(),
            ));
        }
        let mut h = Harness {
            app: App::new(PathBuf::from("posts"), Rect::new(0, 0, width, height)),
            fx: fakes(),
            quit: false,
        };
        h.act(Action::Resize(width, height));
        h.act(Action::PostsLoaded {
            posts,
            diagnostics: Vec::new(),
            done: true,
        });
        h
    }

    fn act(&mut self, action: Action) {
        if runner::settle(&mut self.app, action, &mut self.fx) == runner::Flow::Quit {
            self.quit = true;
        }
    }

    fn key(&mut self, code: KeyCode) {
        self.key_with(code, KeyModifiers::NONE);
    }

    fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        if let Some(action) = action_for_key(&self.app, KeyEvent::new(code, modifiers)) {
            self.act(action);
        }
    }

    fn chars(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    fn selected_name(&self) -> String {
        self.app
            .selected_post()
            .unwrap()
            .path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    }

    /// Moves down to the first post that has a source link.
    fn select_post_with_source(&mut self) {
        while self.app.selected_post().unwrap().source.is_none() {
            self.key(KeyCode::Char('j'));
        }
    }

    fn scroll(&self) -> usize {
        self.app.article.as_ref().unwrap().scroll
    }
}

impl Harness {
    /// `o` on a post whose article has no primary link opens the source of the post shown.
    fn select_post_with_source_on_screen_check(&mut self, shown: usize) {
        let before = self.fx.recorded.opened.len();
        self.key(KeyCode::Char('o'));
        let expected = self
            .app
            .rendered_article()
            .and_then(|a| a.primary())
            .map(|l| l.url.clone())
            .or_else(|| self.app.posts[shown].source.clone());
        assert_eq!(self.fx.recorded.opened.get(before).cloned(), expected);
    }
}
