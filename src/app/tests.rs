//! `update` driven by keys, without a terminal: every key of the reader.

use super::*;
use crate::app::keymap::action_for_key;
use crate::render::render_article;
use crate::store::PostDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

/// An app on 30 posts at `width`x`height`, loaded, with effects run synchronously.
struct Harness {
    app: App,
    opened: Vec<String>,
    copied: Vec<String>,
    quit: bool,
    reloads: usize,
    renders: usize,
    saved: Vec<crate::marks::MarkChange>,
    positions_saved: Vec<crate::positions::PositionChange>,
    searches_saved: Vec<String>,
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
            opened: vec![],
            copied: vec![],
            quit: false,
            reloads: 0,
            renders: 0,
            saved: vec![],
            positions_saved: vec![],
            searches_saved: vec![],
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
        let mut queue = vec![action];
        while let Some(action) = queue.pop() {
            if let Some(effect) = self.app.update(action) {
                self.run(effect, &mut queue);
            }
        }
    }

    fn run(&mut self, effect: Effect, queue: &mut Vec<Action>) {
        match effect {
            Effect::LoadArticle { post, width } => {
                self.renders += 1;
                let article = render_article(&post, &body_of(&post.path), width);
                queue.push(Action::ArticleReady {
                    path: post.path.clone(),
                    width,
                    article: Arc::new(article),
                });
            }
            Effect::SearchBodies {
                generation,
                query,
                paths,
            } => {
                // As the worker does: every text term in the post.
                let terms = crate::store::SearchTerms::parse(&query).text;
                let hits = paths
                    .iter()
                    .filter(|p| {
                        let body = body_of(p);
                        terms
                            .iter()
                            .all(|t| crate::store::contains_ignore_case(&body, t))
                    })
                    .cloned()
                    .collect();
                queue.push(Action::SearchHits {
                    generation,
                    paths: hits,
                    done: true,
                });
            }
            Effect::OpenUrl(url) => self.opened.push(url),
            Effect::CopyToClipboard(text) => self.copied.push(text),
            Effect::Quit => self.quit = true,
            Effect::Reload => self.reloads += 1,
            Effect::SaveMarks(changes) => self.saved.extend(changes),
            Effect::SavePositions(changes) => self.positions_saved.extend(changes),
            Effect::SaveSearch(query) => self.searches_saved.push(query),
            Effect::Batch(effects) => effects.into_iter().for_each(|e| self.run(e, queue)),
            Effect::Suspend
            | Effect::CancelSearch
            | Effect::SaveSeen(_)
            | Effect::SaveFoldRepeats(_)
            | Effect::FindStories(_) => {}
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

#[test]
fn posts_are_newest_first_and_j_k_arrows_move() {
    let mut h = Harness::new(120, 40);
    assert_eq!(h.app.view.len(), 30);
    let first = h.selected_name();
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Down);
    assert_eq!(h.app.selected, 2);
    h.key(KeyCode::Char('k'));
    assert_eq!(h.app.selected, 1);
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    assert_eq!(h.app.selected, 0);
    assert_eq!(h.selected_name(), first);
}

#[test]
fn g_shift_g_home_end_jump() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('G'));
    assert_eq!(h.app.selected, 29);
    h.key(KeyCode::Char('g'));
    assert_eq!(h.app.selected, 0);
    h.key(KeyCode::End);
    assert_eq!(h.app.selected, 29);
    h.key(KeyCode::Home);
    assert_eq!(h.app.selected, 0);
}

#[test]
fn paging_keys_move_by_the_list_height() {
    let mut h = Harness::new(80, 12);
    let page = h.app.list_height();
    h.key(KeyCode::PageDown);
    assert_eq!(h.app.selected, page);
    h.key(KeyCode::PageUp);
    assert_eq!(h.app.selected, 0);
    h.key(KeyCode::Char(' '));
    assert_eq!(h.app.selected, page);
    h.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(h.app.selected, page - page / 2);
    h.key_with(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(h.app.selected, page);
    assert!(
        h.app.list_top + h.app.list_height() > h.app.selected_row(),
        "selection stays visible"
    );
}

#[test]
fn enter_opens_the_article_and_esc_h_q_go_back() {
    for back in [KeyCode::Esc, KeyCode::Char('h'), KeyCode::Char('q')] {
        let mut h = Harness::new(80, 24);
        h.key(KeyCode::Char('j'));
        h.key(KeyCode::Enter);
        assert_eq!(h.app.focus, Focus::Article);
        assert!(h.app.rendered_article().is_some());
        assert!(
            h.app.areas().list.is_none(),
            "narrow: the article takes the screen"
        );
        h.key(back);
        assert_eq!(h.app.focus, Focus::List);
        assert!(!h.quit);
    }
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Char('l'));
    assert_eq!(h.app.focus, Focus::Article);
}

#[test]
fn article_scrolls_and_pages_inside() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('j'));
    assert_eq!(h.scroll(), 1);
    h.key(KeyCode::PageDown);
    assert_eq!(h.scroll(), 1 + h.app.article_height());
    h.key(KeyCode::Char('G'));
    let lines = h.app.rendered_article().unwrap().lines.len();
    assert_eq!(h.scroll(), lines - h.app.article_height());
    h.key(KeyCode::Char('j'));
    assert_eq!(
        h.scroll(),
        lines - h.app.article_height(),
        "no scrolling past the end"
    );
    h.key(KeyCode::Char('g'));
    assert_eq!(h.scroll(), 0);
}

#[test]
fn wide_screens_preview_the_selection_and_tab_cycles_focus() {
    let mut h = Harness::new(120, 40);
    assert!(
        h.app.rendered_article().is_some(),
        "the article pane previews the selection"
    );
    h.key(KeyCode::Char('j'));
    assert!(
        h.app
            .is_article(&h.app.selected_post().unwrap().path.clone())
    );
    h.key(KeyCode::Tab);
    assert_eq!(h.app.focus, Focus::Article);
    h.key(KeyCode::Tab);
    assert_eq!(h.app.focus, Focus::Tags);
    h.key(KeyCode::BackTab);
    assert_eq!(h.app.focus, Focus::Article);
}

#[test]
fn t_then_space_or_enter_toggles_tags_which_and_together() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('t'));
    assert_eq!(h.app.focus, Focus::Tags);
    // The first tag row is the most used tag: AI (20 posts).
    h.key(KeyCode::Char(' '));
    assert_eq!(h.app.view.len(), 20);
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Enter);
    assert_eq!(h.app.view.len(), 10, "AI and 云计算 together");
    assert!(
        h.app
            .view
            .iter()
            .all(|&i| h.app.posts[i].tags.contains(&"云计算".to_string()))
    );
    h.key(KeyCode::Enter);
    assert_eq!(h.app.view.len(), 20, "toggled off again");
    h.key(KeyCode::Char('k'));
    h.key(KeyCode::Char(' '));
    assert_eq!(h.app.view.len(), 30);
}

#[test]
fn capital_j_k_and_brackets_step_the_filter_from_anywhere() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('J'));
    assert_eq!(h.app.filter.names().collect::<Vec<_>>(), ["AI"]);
    h.key(KeyCode::Char(']'));
    assert_eq!(h.app.filter.names().collect::<Vec<_>>(), ["云计算"]);
    h.key(KeyCode::Char('K'));
    assert_eq!(h.app.filter.names().collect::<Vec<_>>(), ["AI"]);
    h.key(KeyCode::Char('['));
    assert_eq!(h.app.filter.names().count(), 1, "wraps to the last tag");
    h.key(KeyCode::Char('c'));
    assert!(h.app.filter.is_empty());
    assert_eq!(h.app.view.len(), 30);
}

#[test]
fn slash_searches_incrementally_enter_keeps_esc_drops() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('/'));
    assert!(h.app.search.editing);
    h.chars("p0");
    assert_eq!(h.app.view.len(), 10, "titles p00..p09 contain p0");
    h.chars("3");
    assert_eq!(h.app.view.len(), 1);
    h.key(KeyCode::Backspace);
    assert_eq!(h.app.view.len(), 10);
    h.key(KeyCode::Enter);
    assert!(!h.app.search.editing);
    assert_eq!(h.app.view.len(), 10, "Enter keeps the results");
    assert_eq!(
        h.selected_name(),
        "p03",
        "the selection survives the query changing"
    );
    let before = h.app.selected;
    h.key(KeyCode::Char('j'));
    assert_eq!(h.app.selected, before + 1, "keys act on the list again");
    h.key(KeyCode::Char('/'));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.view.len(), 30, "Esc drops the search");
}

#[test]
fn search_finds_bodies_and_chinese_without_spaces() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('/'));
    h.chars("p17");
    assert_eq!(h.app.view.len(), 1);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('/'));
    h.chars("链接甲");
    assert_eq!(h.app.view.len(), 30, "every body has it; titles do not");
    assert!(h.app.search.bodies_done);
}

#[test]
fn n_and_capital_n_jump_between_matches_in_the_article() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Char('/'));
    h.chars("第1");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    let matches = h.app.article.as_ref().unwrap().matches.clone();
    assert!(matches.len() > 2, "{matches:?}");
    h.key(KeyCode::Char('n'));
    assert_eq!(h.scroll(), matches[0].min(h.app.max_article_scroll()));
    h.key(KeyCode::Char('n'));
    assert_eq!(h.scroll(), matches[1].min(h.app.max_article_scroll()));
    h.key(KeyCode::Char('N'));
    assert_eq!(h.scroll(), matches[0].min(h.app.max_article_scroll()));
}

#[test]
fn o_opens_the_source_and_digits_open_numbered_links() {
    let mut h = Harness::new(120, 40);
    h.select_post_with_source();
    let source = h.app.selected_post().unwrap().source.clone().unwrap();
    h.key(KeyCode::Char('o'));
    assert_eq!(h.opened, std::slice::from_ref(&source));
    h.key(KeyCode::Char('1'));
    assert_eq!(h.opened.last().unwrap(), &source, "the source is [1]");
    h.key(KeyCode::Char('2'));
    assert!(
        h.opened
            .last()
            .unwrap()
            .starts_with("https://a.example.com/")
    );
    h.key(KeyCode::Char('3'));
    assert_eq!(h.opened.len(), 3, "ftp links are refused");
    assert!(h.app.status.as_deref().unwrap().contains("refused"));
    h.key(KeyCode::Char('9'));
    assert!(h.app.status.as_deref().unwrap().contains("no link [9]"));
}

#[test]
fn f_picks_a_link_and_y_copies_it() {
    let mut h = Harness::new(120, 40);
    h.select_post_with_source();
    h.key(KeyCode::Char('f'));
    assert!(matches!(h.app.overlay, Some(Overlay::Links { cursor: 0 })));
    h.key(KeyCode::Char('j'));
    let second = h.app.rendered_article().unwrap().links[1].url.clone();
    assert!(second.starts_with("https://a.example.com/"));
    h.key(KeyCode::Char('y'));
    assert_eq!(h.copied.last(), Some(&second));
    h.key(KeyCode::Enter);
    assert_eq!(h.opened.last(), Some(&second));
    assert!(h.app.overlay.is_none());
    h.key(KeyCode::Char('y'));
    assert_eq!(
        h.copied.last(),
        h.app.selected_post().unwrap().source.as_ref(),
        "outside the picker y copies the source"
    );
}

#[test]
fn question_mark_shows_scrollable_help() {
    let mut h = Harness::new(40, 15);
    h.key(KeyCode::Char('?'));
    assert!(matches!(h.app.overlay, Some(Overlay::Help { scroll: 0 })));
    h.key(KeyCode::Char('j'));
    assert!(matches!(h.app.overlay, Some(Overlay::Help { scroll: 1 })));
    h.key(KeyCode::Char('j'));
    assert_eq!(h.app.selected, 0, "keys go to the overlay");
    h.key(KeyCode::Esc);
    assert!(h.app.overlay.is_none());
    h.key(KeyCode::Char('?'));
    h.key(KeyCode::Char('?'));
    assert!(h.app.overlay.is_none());
}

#[test]
fn r_reloads_and_replaces_the_posts() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('r'));
    assert_eq!(h.reloads, 1);
    h.act(Action::PostsLoaded {
        posts: vec![post("new", "2026-05-01", &["AI"], None)],
        diagnostics: vec![],
        done: true,
    });
    assert_eq!(h.app.posts.len(), 1);
}

#[test]
fn q_quits_from_the_list_and_capital_q_ctrl_c_at_once() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Char('q'));
    assert!(h.quit);
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('Q'));
    assert!(h.quit);
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Char('/'));
    h.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.quit, "Ctrl-c quits even while typing a search");
}

#[test]
fn ctrl_z_asks_to_suspend() {
    let h = Harness::new(80, 24);
    let action = action_for_key(
        &h.app,
        KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL),
    )
    .unwrap();
    let mut app = h.app;
    assert_eq!(app.update(action), Some(Effect::Suspend));
}

#[test]
fn narrow_screens_open_tags_as_an_overlay() {
    let mut h = Harness::new(60, 20);
    assert!(h.app.areas().tags.is_none());
    h.key(KeyCode::Char('t'));
    assert!(h.app.areas().tags.is_some() && h.app.areas().list.is_some());
    h.key(KeyCode::Esc);
    assert!(h.app.areas().tags.is_none());
}

#[test]
fn resizing_re_renders_the_article_for_the_new_width() {
    let mut h = Harness::new(120, 40);
    let wide = h.app.rendered_article().unwrap().width;
    h.act(Action::Resize(70, 20));
    h.key(KeyCode::Enter);
    let narrow = h.app.rendered_article().unwrap().width;
    assert!(narrow != wide && narrow == h.app.article_width());
}

#[test]
fn mouse_wheel_and_clicks_map_to_panes() {
    use crossterm::event::{Event, MouseEvent, MouseEventKind};
    let mut h = Harness::new(120, 40);
    let list = h.app.areas().list.unwrap();
    let click = |kind, column, row| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let action = crate::tui::action_for_event(
        &h.app,
        click(
            MouseEventKind::Down(crossterm::event::MouseButton::Left),
            list.x + 3,
            list.y + 4,
        ),
    );
    h.act(action.unwrap());
    // Each post of the harness has a day of its own: rows go heading, post, heading, post.
    assert_eq!(h.app.list_rows[3], crate::app::days::ListRow::Post(1));
    assert_eq!(h.app.selected, 1);
    let article = h.app.areas().article.unwrap();
    let action = crate::tui::action_for_event(
        &h.app,
        click(MouseEventKind::ScrollDown, article.x + 5, article.y + 5),
    );
    h.act(action.unwrap());
    assert_eq!(h.scroll(), 3);
    assert_eq!(h.app.focus, Focus::List, "the wheel does not steal focus");
    let tags = h.app.areas().tags.unwrap();
    let action = crate::tui::action_for_event(
        &h.app,
        click(
            MouseEventKind::Down(crossterm::event::MouseButton::Left),
            tags.x + 3,
            tags.y + 2,
        ),
    );
    h.act(action.unwrap());
    assert_eq!(h.app.filter.names().collect::<Vec<_>>(), ["AI"]);
}

#[test]
fn opening_marks_read_and_u_s_v_toggle_and_filter() {
    use crate::marks::MarkChange;
    let mut h = Harness::new(80, 24);
    let index = h.app.view[0];
    assert!(!h.app.mark_of(index).read);
    h.key(KeyCode::Enter);
    assert!(h.app.mark_of(index).read, "opening marks read");
    assert!(matches!(h.saved.last(), Some(MarkChange::Read(_, true))));
    h.key(KeyCode::Char('q'));
    h.key(KeyCode::Char('u'));
    assert!(!h.app.mark_of(index).read, "u toggles back to unread");
    h.key(KeyCode::Char('s'));
    assert!(h.app.mark_of(index).starred);
    h.key(KeyCode::Char('j'));
    let second = h.app.view[1];
    h.key(KeyCode::Char('u'));
    assert!(h.app.mark_of(second).read, "u marks an unread post read");
    h.key(KeyCode::Char('v'));
    assert_eq!(h.app.view_mode, ViewMode::Unread);
    assert_eq!(h.app.view.len(), 29);
    assert!(!h.app.view.contains(&second));
    h.key(KeyCode::Char('v'));
    assert_eq!(h.app.view_mode, ViewMode::Starred);
    assert_eq!(h.app.view, [index]);
    h.key(KeyCode::Char('v'));
    assert_eq!(h.app.view.len(), 30);
    assert_eq!(h.saved.len(), 4);
}

#[test]
fn tag_counts_show_unread() {
    let mut h = Harness::new(120, 40);
    assert_eq!(h.app.unread_count(TagKind::Tag, "AI"), 20);
    let first_ai = h
        .app
        .view
        .iter()
        .position(|&i| h.app.posts[i].tags.contains(&"AI".to_string()))
        .unwrap();
    h.app.selected = first_ai;
    h.key(KeyCode::Char('u'));
    assert_eq!(h.app.unread_count(TagKind::Tag, "ai"), 19);
}

#[test]
fn mark_read_on_end_waits_for_the_last_line() {
    let mut settings = ReaderSettings {
        mark_read_on: MarkReadOn::End,
        ..ReaderSettings::default()
    };
    settings.keymap = keymap::KeyMap::default();
    let mut h = Harness::new(80, 24);
    h.app.settings = settings;
    let index = h.app.view[0];
    h.key(KeyCode::Enter);
    assert!(!h.app.mark_of(index).read);
    h.key(KeyCode::Char('G'));
    assert!(h.app.mark_of(index).read);
}

#[test]
fn configured_keys_replace_the_defaults() {
    let (keymap, problems) =
        keymap::KeyMap::with_overrides(&[(keymap::Command::MoveDown, vec!["x".into()])]);
    assert!(problems.is_empty());
    let mut h = Harness::new(80, 24);
    h.app.settings.keymap = keymap;
    h.key(KeyCode::Char('j'));
    assert_eq!(h.app.selected, 0);
    h.key(KeyCode::Char('x'));
    assert_eq!(h.app.selected, 1);
}

#[test]
fn changed_files_update_in_place_keeping_the_selection() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('j'));
    let selected = h.app.selected_post().unwrap().path.clone();
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char('j'));
    let scroll = h.scroll();
    let new = post("new", "2027-01-01", &["新"], None);
    let mut changed = h.app.selected_post().unwrap().clone();
    changed.title = "改过的标题".into();
    let gone = h
        .app
        .posts
        .iter()
        .find(|p| p.path != selected)
        .unwrap()
        .path
        .clone();
    h.act(Action::PostsChanged {
        updated: vec![new, changed],
        removed: vec![gone.clone()],
        diagnostics: vec![],
    });
    assert_eq!(h.app.posts.len(), 30);
    assert!(h.app.posts.iter().all(|p| p.path != gone));
    assert_eq!(
        h.app.selected_post().unwrap().path,
        selected,
        "selection kept"
    );
    assert_eq!(h.app.selected_post().unwrap().title, "改过的标题");
    assert_eq!(h.scroll(), scroll, "scroll kept");
    assert!(
        h.app
            .rendered_article()
            .is_some_and(|a| a.lines.iter().any(|l| l.plain().contains("改过的标题"))),
        "the changed article was rendered again"
    );
    assert_eq!(
        h.app
            .tags
            .entries
            .iter()
            .find(|t| t.name == "新")
            .map(|t| t.count),
        Some(1)
    );
}

#[test]
fn a_newer_post_arriving_keeps_the_selected_post_selected() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('j'));
    let selected = h.app.selected_post().unwrap().path.clone();
    h.act(Action::PostsChanged {
        updated: vec![post("new", "2027-01-01", &["新"], None)],
        removed: vec![],
        diagnostics: vec![],
    });
    assert_eq!(h.app.selected_post().unwrap().path, selected);
    h.act(Action::PostsLoaded {
        posts: vec![post("newer", "2028-01-01", &[], None)],
        diagnostics: vec![],
        done: true,
    });
    assert_eq!(h.app.selected_post().unwrap().path, selected);
}

#[test]
fn a_body_search_survives_a_file_change() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('/'));
    h.chars("a.example.com/p05");
    assert_eq!(h.app.view.len(), 1, "only p05's body has that link");
    let other = h
        .app
        .posts
        .iter()
        .find(|p| !p.path.ends_with("p05.md"))
        .unwrap();
    let mut changed = other.clone();
    changed.title = "改过的标题".into();
    h.act(Action::PostsChanged {
        updated: vec![changed],
        removed: vec![],
        diagnostics: vec![],
    });
    assert_eq!(h.app.view.len(), 1);
    assert_eq!(h.selected_name(), "p05");
}

#[test]
fn a_file_change_updates_the_count_of_files_with_errors() {
    let mut h = Harness::new(120, 40);
    assert_eq!(h.app.loading.files_with_errors, 0);
    h.act(Action::PostsChanged {
        updated: vec![],
        removed: vec![],
        diagnostics: vec![Diagnostic::error(
            "posts/bad.md",
            Some(2),
            crate::store::DiagnosticKind::Binary,
        )],
    });
    assert_eq!(h.app.loading.files_with_errors, 1);
}

#[test]
fn reloading_lays_the_open_article_out_again() {
    let mut h = Harness::new(120, 40);
    let posts = h.app.posts.clone();
    let renders = h.renders;
    assert!(h.app.rendered_article().is_some());
    h.key(KeyCode::Char('r'));
    assert_eq!(h.reloads, 1);
    h.act(Action::PostsLoaded {
        posts,
        diagnostics: vec![],
        done: true,
    });
    assert_eq!(h.renders, renders + 1, "the open article is read again");
}

#[test]
fn after_g_in_the_help_one_k_scrolls_it_up_one_line() {
    let mut h = Harness::new(40, 15);
    h.key(KeyCode::Char('?'));
    h.key(KeyCode::Char('G'));
    let lines = keymap::help_lines(&h.app.settings.keymap, h.app.words()).len();
    // The box's borders and the status bar below it.
    let rows = usize::from(h.app.size.height) - 3;
    assert_eq!(
        h.app.overlay,
        Some(Overlay::Help {
            scroll: lines - rows
        })
    );
    h.key(KeyCode::Char('k'));
    assert_eq!(
        h.app.overlay,
        Some(Overlay::Help {
            scroll: lines - rows - 1
        })
    );
}

#[test]
fn the_tag_pane_is_not_left_scrolled_past_its_rows_when_tags_go() {
    let mut h = Harness::new(120, 6);
    h.key(KeyCode::Char('t'));
    for _ in 0..10 {
        h.key(KeyCode::Char('j'));
    }
    assert!(h.app.tag_top > 0, "the pane scrolled");
    // Every post goes, and with them every tag.
    let removed: Vec<PathBuf> = h.app.posts.iter().map(|p| p.path.clone()).collect();
    h.act(Action::PostsChanged {
        updated: vec![],
        removed,
        diagnostics: vec![],
    });
    assert!(h.app.tag_rows.is_empty());
    assert_eq!(h.app.tag_top, 0);
}

#[test]
fn the_preview_follows_the_selection_a_search_moves() {
    let mut h = Harness::new(120, 40);
    let first = h.app.selected_post().unwrap().path.clone();
    h.key(KeyCode::Char('/'));
    // Only p05's body has this link, and p05 is not the newest post.
    h.chars("a.example.com/p05");
    let selected = h.app.selected_post().unwrap().path.clone();
    assert_ne!(selected, first);
    assert_eq!(h.app.article.as_ref().map(|v| &v.path), Some(&selected));
    assert!(h.app.rendered_article().is_some());
}

#[test]
fn in_the_unread_view_the_opened_post_stays_and_s_stars_it() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut h = Harness::new(width, height);
        h.key(KeyCode::Char('v'));
        assert_eq!(h.app.view_mode, ViewMode::Unread);
        h.key(KeyCode::Char('j'));
        let opened = h.app.view[1];
        let next = h.app.view[2];
        h.key(KeyCode::Enter);
        assert!(h.app.mark_of(opened).read, "opening marks read");
        assert_eq!(
            h.app.view.get(h.app.selected),
            Some(&opened),
            "the read post stays selected in the unread view at {width}x{height}"
        );
        assert_eq!(h.app.post_on_screen(), Some(opened));
        h.key(KeyCode::Char('s'));
        assert!(h.app.mark_of(opened).starred, "s stars the post on screen");
        assert!(!h.app.mark_of(next).starred, "and not the next one");
        h.select_post_with_source_on_screen_check(opened);
        // Leaving the post drops it from the unread view.
        h.key(KeyCode::Char('q'));
        h.key(KeyCode::Char('j'));
        assert!(!h.app.view.contains(&opened), "left behind, it goes");
        assert_eq!(h.app.view.get(h.app.selected), Some(&next));
        assert_eq!(h.app.view.len(), 29);
    }
}

#[test]
fn o_and_u_act_on_the_article_shown() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Char('v'));
    let opened = h.app.view[0];
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('u'));
    assert!(
        !h.app.mark_of(opened).read,
        "u marks the shown post unread again"
    );
    assert_eq!(h.app.view.get(h.app.selected), Some(&opened));
}

impl Harness {
    /// `o` on a post whose article has no primary link opens the source of the post shown.
    fn select_post_with_source_on_screen_check(&mut self, shown: usize) {
        let before = self.opened.len();
        self.key(KeyCode::Char('o'));
        let expected = self
            .app
            .rendered_article()
            .and_then(|a| a.primary())
            .map(|l| l.url.clone())
            .or_else(|| self.app.posts[shown].source.clone());
        assert_eq!(self.opened.get(before).cloned(), expected);
    }
}

#[test]
fn n_and_capital_n_open_the_next_and_previous_unread_post_without_a_search() {
    for (width, height) in [(120, 40), (80, 24), (40, 15)] {
        let mut h = Harness::new(width, height);
        // The second post is read already: n skips it.
        h.key(KeyCode::Char('j'));
        h.key(KeyCode::Char('u'));
        h.key(KeyCode::Char('k'));
        let (first, second, third) = (h.app.view[0], h.app.view[1], h.app.view[2]);
        h.key(KeyCode::Enter);
        h.key(KeyCode::Char('n'));
        assert_eq!(h.app.focus, Focus::Article, "n opens the post");
        assert_eq!(h.app.post_on_screen(), Some(third), "n skips the read post");
        assert!(h.app.mark_of(third).read, "opening it marks it read");
        assert!(!h.app.mark_of(second).starred);
        // From the list too.
        h.key(KeyCode::Char('q'));
        h.key(KeyCode::Char('u'));
        h.key(KeyCode::Char('g'));
        h.key(KeyCode::Char('n'));
        assert_eq!(h.app.post_on_screen(), Some(third));
        h.key(KeyCode::Char('N'));
        assert_eq!(h.app.status.as_deref(), Some("no earlier unread post"));
        h.key(KeyCode::Char('q'));
        h.key(KeyCode::Char('G'));
        h.key(KeyCode::Char('n'));
        assert_eq!(h.app.status.as_deref(), Some("no more unread posts"));
        assert!(h.app.mark_of(first).read);
    }
}

#[test]
fn with_a_search_n_still_moves_between_matches() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Char('/'));
    h.chars("云计算");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    let shown = h.app.post_on_screen();
    h.key(KeyCode::Char('n'));
    assert_eq!(h.app.post_on_screen(), shown, "n stays in the article");
    assert!(h.app.status.as_deref().unwrap_or("").starts_with("match "));
}

#[test]
fn space_at_the_end_of_an_article_opens_the_next_unread_post() {
    let mut h = Harness::new(80, 24);
    let second = h.app.view[1];
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('G'));
    h.key(KeyCode::Char(' '));
    assert_eq!(h.app.post_on_screen(), Some(second));
    assert_eq!(h.scroll(), 0, "the next post opens at its top");
    // At the end of the last post it says so.
    h.key(KeyCode::Char('A'));
    h.key(KeyCode::Char('G'));
    let shown = h.app.post_on_screen();
    h.key(KeyCode::Char(' '));
    assert_eq!(h.app.post_on_screen(), shown);
    assert_eq!(h.app.status.as_deref(), Some("end of the last unread post"));
}

#[test]
fn capital_a_marks_the_view_read_and_capital_u_undoes_it() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('u'));
    // Only the posts p00 to p09 are in view.
    h.key(KeyCode::Char('/'));
    h.chars("p0");
    h.key(KeyCode::Enter);
    let in_view = h.app.view.clone();
    assert!(in_view.len() < 30);
    h.key(KeyCode::Char('A'));
    assert!(in_view.iter().all(|&i| h.app.mark_of(i).read));
    let read = (0..30).filter(|&i| h.app.mark_of(i).read).count();
    assert!(read < 30, "posts out of view stay unread");
    assert!(h.app.status.as_deref().unwrap_or("").starts_with("marked "));
    let saved = h.saved.len();
    h.key(KeyCode::Char('U'));
    let still_read: Vec<usize> = (0..30).filter(|&i| h.app.mark_of(i).read).collect();
    assert_eq!(
        still_read.len(),
        1,
        "only the post read before A stays read"
    );
    assert!(h.saved.len() > saved, "the undo is saved");
    assert!(
        (0..30).any(|i| h.app.mark_of(i).starred),
        "stars are untouched"
    );
    h.key(KeyCode::Char('U'));
    assert_eq!(h.app.status.as_deref(), Some("no change of marks to undo"));
}

#[test]
fn the_reading_position_comes_back_when_a_post_is_opened_again() {
    let mut h = Harness::new(80, 24);
    h.select_post_with_source();
    let first = h.app.view[h.app.selected];
    h.key(KeyCode::Enter);
    for _ in 0..10 {
        h.key(KeyCode::Char('j'));
    }
    assert_eq!(h.scroll(), 10);
    h.key(KeyCode::Char('q'));
    assert_eq!(
        h.positions_saved.len(),
        1,
        "leaving the article notes where"
    );
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Enter);
    assert_eq!(h.scroll(), 0, "another post opens at its top");
    h.key(KeyCode::Char('q'));
    h.key(KeyCode::Char('k'));
    h.key(KeyCode::Enter);
    assert_eq!(h.app.post_on_screen(), Some(first));
    assert_eq!(h.scroll(), 10, "the first post reopens where it was left");

    // After a restart, with the positions read back from the state folder.
    let noted: crate::positions::Positions = h
        .positions_saved
        .iter()
        .filter_map(|(id, p)| Some((id.clone(), p.clone()?)))
        .collect();
    let mut again = Harness::new(80, 24);
    again.app.positions = noted.clone();
    again.select_post_with_source();
    again.key(KeyCode::Enter);
    assert_eq!(again.scroll(), 10, "and after a restart");

    // Changed on disk: the nearest heading, not the old line.
    let mut changed = Harness::new(80, 24);
    changed.app.positions = noted;
    changed.select_post_with_source();
    let index = changed.app.view[changed.app.selected];
    changed.app.posts[index].content_hash ^= 1;
    changed.key(KeyCode::Enter);
    let article = changed.app.rendered_article().unwrap();
    let heading = article
        .lines
        .iter()
        .position(|l| l.plain().contains("# p"))
        .unwrap();
    assert_eq!(
        changed.scroll(),
        heading.min(changed.app.max_article_scroll())
    );
    assert_ne!(changed.scroll(), 10);
}

#[test]
fn a_post_read_to_its_end_reopens_at_the_top() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('G'));
    assert!(h.scroll() > 0);
    h.key(KeyCode::Char('q'));
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('q'));
    h.key(KeyCode::Char('k'));
    h.key(KeyCode::Enter);
    assert_eq!(h.scroll(), 0);
}

#[test]
fn the_list_has_a_heading_per_day_that_j_k_skip_and_braces_jump_a_day() {
    use crate::app::days::ListRow;
    let mut h = Harness::new(80, 24);
    h.app.today = jiff::civil::Date::new(2026, 1, 29).ok();
    // 28 days, two posts on each of the last two.
    let headings = h
        .app
        .list_rows
        .iter()
        .filter(|r| matches!(r, ListRow::Day(_)))
        .count();
    assert_eq!(headings, 28);
    assert_eq!(h.app.list_rows.len(), 58);
    assert!(matches!(h.app.list_rows[0], ListRow::Day(_)));
    assert_eq!(h.app.list_top, 0, "the first heading shows");
    h.key(KeyCode::Char('j'));
    assert_eq!(h.app.selected, 1);
    assert_eq!(h.app.selected_row(), 3, "j skips the heading");
    h.key(KeyCode::Char('k'));
    assert_eq!(h.app.selected_row(), 1);
    h.key(KeyCode::Char('}'));
    assert_eq!(h.app.selected, 1);
    h.key(KeyCode::Char('G'));
    let last = h.app.view.len() - 1;
    h.key(KeyCode::Char('{'));
    assert_eq!(h.app.selected, last - 1, "to the first post of this day");
    h.key(KeyCode::Char('{'));
    assert_eq!(h.app.selected, last - 3, "then to the day before's first");
    h.key(KeyCode::Char('}'));
    assert_eq!(h.app.selected, last - 1);
    h.key(KeyCode::Char('}'));
    assert_eq!(h.app.status.as_deref(), Some("no later day in the list"));
    // Sorted by title, no headings.
    h.app.settings.sort = SortOrder::Title;
    h.app.recompute_view();
    assert!(
        h.app
            .list_rows
            .iter()
            .all(|r| matches!(r, ListRow::Post(_)))
    );
}

#[test]
fn several_words_are_all_required_in_any_order_phrases_and_tags() {
    let mut h = Harness::new(80, 24);
    let names = |h: &Harness| -> Vec<String> {
        let mut names: Vec<String> = h
            .app
            .view
            .iter()
            .map(|&i| h.app.posts[i].title.clone())
            .collect();
        names.sort();
        names
    };
    h.key(KeyCode::Char('/'));
    h.chars("云计算 p0");
    assert_eq!(
        h.app.view.len(),
        10,
        "body term and title term, both required"
    );
    h.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.chars("p0 #芯片");
    assert_eq!(names(&h), ["标题 p02", "标题 p05", "标题 p08"]);
    h.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.chars("p01 标题");
    assert_eq!(names(&h), ["标题 p01"], "any order");
    h.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.chars("\"p01 标题\"");
    assert!(h.app.view.is_empty(), "a quoted phrase is one term");
    h.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.chars("\"标题 p01\"");
    assert_eq!(names(&h), ["标题 p01"]);
}

#[test]
fn the_prompt_edits_like_a_shell_line_and_recalls_earlier_searches() {
    let mut h = Harness::new(80, 24);
    let ctrl = |h: &mut Harness, c: char| h.key_with(KeyCode::Char(c), KeyModifiers::CONTROL);
    h.key(KeyCode::Char('/'));
    h.chars("云计算 p01");
    ctrl(&mut h, 'w');
    assert_eq!(h.app.search.input, "云计算 ");
    h.chars("p02");
    ctrl(&mut h, 'a');
    h.chars("标题 ");
    assert_eq!(h.app.search.input, "标题 云计算 p02");
    ctrl(&mut h, 'e');
    h.key(KeyCode::Left);
    h.key(KeyCode::Backspace);
    assert_eq!(h.app.search.input, "标题 云计算 p2");
    h.key(KeyCode::Right);
    ctrl(&mut h, 'u');
    assert_eq!(h.app.search.input, "");
    h.chars("p03");
    h.key(KeyCode::Enter);
    assert_eq!(
        h.searches_saved,
        ["p03"],
        "Enter keeps the search in the history"
    );
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::Char('/'));
    h.chars("p1");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::Char('/'));
    h.chars("half");
    h.key(KeyCode::Up);
    assert_eq!(h.app.search.input, "p1");
    h.key(KeyCode::Up);
    assert_eq!(h.app.search.input, "p03");
    assert_eq!(h.app.view.len(), 1, "a recalled search applies");
    h.key(KeyCode::Up);
    assert_eq!(h.app.search.input, "p03", "the oldest stays");
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    assert_eq!(h.app.search.input, "half", "back to the line as typed");
}

#[test]
fn c_clears_the_view_mode_too() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Char('u'));
    h.key(KeyCode::Char('v'));
    assert_eq!(h.app.view_mode, ViewMode::Unread);
    h.key(KeyCode::Char('c'));
    assert_eq!(h.app.view_mode, ViewMode::All);
    assert_eq!(h.app.view.len(), 30);
}

#[test]
fn narrow_t_then_esc_returns_to_the_article() {
    let mut h = Harness::new(40, 15);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.focus, Focus::Article);
    h.key(KeyCode::Char('t'));
    assert_eq!(h.app.focus, Focus::Tags);
    h.key(KeyCode::Esc);
    assert_eq!(
        h.app.focus,
        Focus::Article,
        "Esc goes back where t came from"
    );
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('t'));
    assert_eq!(h.app.focus, Focus::Article);
    h.key(KeyCode::Char('q'));
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.focus, Focus::List);
}

#[test]
fn reloading_clears_its_message_when_done() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Char('r'));
    assert_eq!(h.app.status.as_deref(), Some("reloading…"));
    let posts = h.app.posts.clone();
    h.act(Action::PostsLoaded {
        posts,
        diagnostics: Vec::new(),
        done: true,
    });
    assert_eq!(h.app.status, None);
}

/// An article with `count` numbered links, shown at 80x24.
fn harness_with_links(count: usize) -> Harness {
    let mut h = Harness::new(80, 24);
    let mut body = String::from("# 多链接\n\n");
    for i in 1..=count {
        body.push_str(&format!(
            "第{i}段，[链接{i}](https://l.example.com/{i})。\n\n"
        ));
    }
    h.key(KeyCode::Enter);
    let post = h.app.article_post().unwrap().clone();
    let width = h.app.article_width();
    let article = render_article(&post, &body, width);
    h.act(Action::ArticleReady {
        path: post.path.clone(),
        width,
        article: Arc::new(article),
    });
    h
}

#[test]
fn a_count_before_o_opens_that_link_and_1_2_opens_one_link() {
    let mut h = harness_with_links(15);
    h.chars("12o");
    assert_eq!(h.opened, ["https://l.example.com/12"]);
    h.chars("12");
    assert_eq!(
        h.opened.len(),
        2,
        "1 then 2 opens link 12, not links 1 and 2"
    );
    assert_eq!(h.opened[1], "https://l.example.com/12");
    h.chars("3");
    assert_eq!(
        h.opened[2], "https://l.example.com/3",
        "no longer number starts with 3"
    );
    h.chars("1");
    h.key(KeyCode::Enter);
    assert_eq!(h.opened[3], "https://l.example.com/1");
    h.chars("10o");
    assert_eq!(h.opened[4], "https://l.example.com/10");
    h.chars("1j");
    h.chars("5");
    assert_eq!(
        h.opened[5], "https://l.example.com/5",
        "another key drops the count"
    );
}

#[test]
fn the_link_picker_starts_at_the_first_link_in_view() {
    let mut h = harness_with_links(40);
    for _ in 0..20 {
        h.key(KeyCode::Char('j'));
    }
    h.key(KeyCode::Char('f'));
    let Some(Overlay::Links { cursor }) = h.app.overlay else {
        panic!("the picker is open");
    };
    let article = h.app.rendered_article().unwrap();
    let shown: String = article.lines[h.scroll()..]
        .iter()
        .take(h.app.article_height())
        .map(|l| l.plain())
        .collect::<Vec<_>>()
        .join("\n");
    let number = article.links[cursor].number;
    assert!(cursor > 0);
    assert!(shown.contains(&format!("[{number}]")));
    assert!(!shown.contains(&format!("[{}]", number - 1)));
}

#[test]
fn start_up_warnings_are_counted_and_bang_lists_them() {
    let mut h = Harness::new(80, 24);
    h.app.set_warnings(vec![
        "config.toml:3: warning: unknown key `colour`; using the default".into(),
        "config.toml:7: warning: `keys.quit`: `j` is also bound to `move_down`, which keeps it; using the default".into(),
        "marks.jsonl:2: state file is corrupt (expected value); set aside as marks.corrupt-1".into(),
    ]);
    assert_eq!(h.app.status.as_deref(), Some("3 warnings (! to show)"));
    h.key(KeyCode::Char('!'));
    assert_eq!(h.app.overlay, Some(Overlay::Warnings { scroll: 0 }));
    let lines = h.app.warnings_lines().join(" ");
    assert!(lines.contains("colour") && lines.contains("move_down") && lines.contains("corrupt"));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.overlay, None);
    let mut one = Harness::new(80, 24);
    one.app.set_warnings(vec!["only one".into()]);
    assert_eq!(one.app.status.as_deref(), Some("only one"));
}
