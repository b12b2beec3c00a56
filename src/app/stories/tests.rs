//! Tests of reading story by story and of seen stories.

use crate::app::input::{KeyCode, KeyEvent, KeyModifiers};
use crate::app::keymap::action_for_key;
use crate::app::runner::InMemory;
use crate::app::{Action, App, Effect, Overlay};
use brief_core::render::render_article;
use brief_core::store::Post;
use brief_core::stories::seen::{FoundKeys, Seen, SeenChange, Sighting};
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
    fx: InMemory<'static>,
}

impl Reader {
    fn new(width: u16, height: u16, bodies: Vec<(Post, String)>) -> Self {
        let posts: Vec<Post> = bodies.iter().map(|(p, _)| p.clone()).collect();
        let render = move |post: &Post, width: usize| {
            let body = &bodies.iter().find(|(p, _)| p.path == post.path)?.1;
            Some(Action::ArticleReady {
                path: post.path.clone(),
                width,
                article: Arc::new(render_article(post, body, width)),
            })
        };
        let mut reader = Reader {
            app: App::new(PathBuf::from("posts"), Rect::new(0, 0, width, height)),
            fx: InMemory::new(Box::new(render), Box::new(|_, _| None)),
        };
        // Read marks come from scrolling to the end, so that opening alone marks nothing.
        reader.app.settings.mark_read_on = crate::app::MarkReadOn::End;
        reader.act(Action::Resize(width, height));
        reader.act(Action::PostsLoaded {
            posts,
            diagnostics: Vec::new(),
            done: true,
        });
        reader
    }

    /// Whether this reader was asked to mark post `index` read.
    fn marked_read(&self, index: usize) -> bool {
        let id = brief_core::marks::post_id(&self.app.posts[index], &self.app.roots);
        self.fx
            .recorded
            .marks
            .contains(&brief_core::marks::MarkChange::Read(id, true))
    }

    /// The stories this reader was asked to record as seen.
    fn seen(&self) -> &[SeenChange] {
        &self.fx.recorded.seen
    }

    /// The seen stories this reader recorded, come back as a save returns them.
    fn seen_as_saved(&mut self) {
        let mut seen = Seen::default();
        self.seen().iter().for_each(|c| seen.apply(c));
        self.act(Action::SeenLoaded(seen));
    }

    /// Of two posts: opens the older (listed second), then comes back to the newer.
    fn read_the_older_and_select_the_newer(&mut self) {
        self.act(Action::MoveDown);
        self.act(Action::OpenSelected);
        self.seen_as_saved();
        self.act(Action::Back);
        self.act(Action::MoveUp);
    }

    /// Of [`pair`]: opens the older briefing (02-13, listed second), then the newer.
    fn read_the_older_then_open_the_newer(&mut self) {
        self.read_the_older_and_select_the_newer();
        self.act(Action::OpenSelected);
    }

    fn act(&mut self, action: Action) {
        crate::app::runner::settle(&mut self.app, action, &mut self.fx);
    }
}

/// What the background finder reports of `posts` (post, body).
fn found_keys(posts: &[(Post, String)]) -> Vec<(PathBuf, Vec<FoundKeys>)> {
    posts
        .iter()
        .map(|(post, body)| {
            let stories = brief_core::render::find_stories(post, body);
            let keys = brief_core::stories::post_stories(post, &stories)
                .iter()
                .map(FoundKeys::of)
                .collect();
            (post.path.clone(), keys)
        })
        .collect()
}

fn briefing(day: &str, stories: &[(&str, &str)]) -> (Post, String) {
    let post = Post {
        path: PathBuf::from(format!("posts/{day}.md")),
        title: format!("简报 {day}"),
        date: brief_core::store::PostDate::parse(day),
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
    let id = brief_core::marks::post_id(&reader.app.posts[index], &reader.app.roots);
    assert!(
        reader
            .fx
            .recorded
            .marks
            .contains(&brief_core::marks::MarkChange::Read(id, true)),
        "{:?}",
        reader.fx.recorded.marks
    );
}

/// A digest's fixed sections carry new stories every day: reading one day's `## 科技动态`
/// sees nothing of the next day's, which stays unread.
#[test]
fn a_digests_daily_sections_are_new_again_the_next_day() {
    let posts = vec![
        briefing(
            "2026-02-14",
            &[
                ("科技动态", "https://n.example/14"),
                ("市场", "https://m.example/14"),
            ],
        ),
        briefing(
            "2026-02-13",
            &[
                ("科技动态", "https://n.example/13"),
                ("市场", "https://m.example/13"),
            ],
        ),
    ];
    let mut reader = Reader::new(80, 24, posts);
    reader.read_the_older_then_open_the_newer();
    assert!(reader.app.rendered_article().is_some());
    let index = reader.app.view[reader.app.selected];
    assert!(!reader.marked_read(index));
    let marks = reader.app.story_seen_marks(0, 100);
    assert!(marks.is_empty(), "{marks:?}");
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
    assert!(reader.seen().is_empty(), "a preview is not reading");
    reader.act(Action::OpenSelected);
    let keys: Vec<&str> = reader.seen().iter().map(|c| c.key.as_str()).collect();
    assert!(keys.contains(&"u:a.example/deal"), "{keys:?}");
    assert!(keys.contains(&"u:c.example/new"), "{keys:?}");
    assert!(
        reader
            .seen()
            .iter()
            .all(|c| c.sighting.date.to_string() == "2026-02-14")
    );
    // Recorded once, however often the screen is drawn again.
    let count = reader.seen().len();
    reader.act(Action::MoveDown);
    assert_eq!(reader.seen().len(), count);
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
    let keys = [
        vec!["u:a.example/1".to_string()],
        vec!["u:b.example/2".to_string(), "h:乙".to_string()],
        Vec::new(),
    ]
    .map(|keys| FoundKeys {
        keys,
        heading: None,
    })
    .to_vec();
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

#[test]
fn the_outline_hints_at_a_near_heading_in_a_post_within_a_week_and_merges_nothing() {
    let posts = vec![
        briefing(
            "2026-02-14",
            &[
                (
                    "英伟达正式发布新一代数据中心GPU芯片",
                    "https://b.example/gpu",
                ),
                ("小米汽车交付量突破20万辆", "https://c.example/cars"),
            ],
        ),
        briefing(
            "2026-02-13",
            &[
                ("英伟达发布新一代数据中心GPU", "https://a.example/gpu"),
                ("小米汽车交付量突破10万辆", "https://d.example/cars"),
            ],
        ),
        briefing(
            "2026-02-01",
            &[("英伟达发布新一代数据中心GPU", "https://e.example/gpu")],
        ),
    ];
    let found = found_keys(&posts);
    let mut reader = Reader::new(80, 24, posts);
    reader.act(Action::StoriesFound(found));
    reader.act(Action::OpenSelected);
    // The near heading one day before is proposed (not the one thirteen days before); the
    // numbers differ, so the car stories are not.
    assert_eq!(
        reader.app.story_near_hints(),
        [Some("perhaps also: 02-13".to_string()), None]
    );
    // Only a hint: the story is not a repeat, so it carries no seen mark and never folds.
    reader.act(Action::Back);
    reader.act(Action::MoveDown);
    reader.act(Action::OpenSelected);
    reader.seen_as_saved();
    reader.act(Action::Back);
    reader.act(Action::MoveUp);
    reader.act(Action::OpenSelected);
    assert!(reader.app.story_seen_marks(0, 100).is_empty());
    // And the outline shows it.
    key(&mut reader.app, 'O');
    let backend = ratatui::backend::TestBackend::new(80, 24);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    let theme = crate::ui::Theme::monochrome();
    terminal
        .draw(|frame| crate::ui::draw(frame, &reader.app, &theme))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let rows: Vec<String> = (0..24)
        .map(|y| (0..80).map(|x| buffer[(x, y)].symbol()).collect())
        .collect();
    let row = rows
        .iter()
        .find(|r| r.contains("perhaps also: 02-13"))
        .unwrap_or_else(|| panic!("{rows:#?}"));
    // (A wide character's second cell reads as a space here.)
    let squeezed = row.replace(' ', "");
    assert!(
        squeezed.contains("英伟达正式发布") && row.contains("b.example"),
        "{row}"
    );
}

#[test]
fn the_outline_tells_which_stories_were_seen_and_where() {
    let mut reader = Reader::new(80, 24, pair());
    reader.act(Action::OpenSelected);
    // 02-14 opened first: both its stories on screen, neither seen in an earlier post.
    assert_eq!(
        reader.app.story_outline_notes(),
        [Some("seen".to_string()), Some("seen".to_string())]
    );
    let mut reader = Reader::new(80, 24, pair());
    reader.read_the_older_then_open_the_newer();
    let notes = reader.app.story_outline_notes();
    assert_eq!(notes[0].as_deref(), Some("seen 02-13"), "{notes:?}");
    reader.act(Action::Back);
    reader.act(Action::MoveDown);
    reader.act(Action::OpenSelected);
    reader.seen_as_saved();
    // Back on 02-13: its own stories are seen here, not in an earlier post.
    assert_eq!(
        reader.app.story_outline_notes(),
        [Some("seen".to_string()), Some("seen".to_string())]
    );
}

#[test]
fn a_story_not_yet_seen_has_no_note_in_the_outline() {
    let reader = Reader::new(120, 40, pair());
    // The preview in the wide layout sees nothing.
    assert!(reader.app.rendered_article().is_some());
    assert_eq!(reader.app.story_outline_notes(), [None, None]);
}

/// A weekly digest's section comes back every week, ending on the same link: once the finder
/// has reported it over more than a week of posts, neither its heading nor that link is an
/// identity, so last week's reading leaves this week's section new, unmarked and unread.
#[test]
fn a_section_that_comes_back_every_week_is_new_each_week() {
    const SECTION: &str = "What we're reading";
    let weeks = ["2026-02-20", "2026-02-13", "2026-02-06"];
    let posts: Vec<(Post, String)> = weeks
        .iter()
        .map(|day| briefing(day, &[(SECTION, "https://w.example/submit-a-link")]))
        .collect();
    let found = found_keys(&posts);
    assert!(
        found[0].1[0].keys.iter().any(|k| k.starts_with("h:")),
        "{found:?}"
    );
    let mut reader = Reader::new(80, 24, posts);
    reader.act(Action::StoriesFound(found));
    // Read 02-13 (listed second); 02-20, a week later, still has its story new.
    reader.read_the_older_and_select_the_newer();
    let index = reader.app.view[reader.app.selected];
    assert_eq!(
        reader.app.posts[index].path,
        PathBuf::from("posts/2026-02-20.md")
    );
    assert_eq!(reader.app.story_counts(index), Some((1, 1)));
    reader.act(Action::OpenSelected);
    let marks = reader.app.story_seen_marks(0, 100);
    assert!(marks.is_empty(), "{marks:?}");
    assert!(!reader.marked_read(index));
}
