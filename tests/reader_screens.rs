//! Whole reader screens drawn headlessly into a `TestBackend`: insta snapshots of the list,
//! an open Chinese article, the tag filter, the help overlay and a search in progress at
//! 120x40, 80x24 and 40x15, and properties every screen must have at every size (rows exactly
//! as wide as the screen, whole borders, no wide character cut or overdrawn, no control
//! characters).
//!
//! The app is driven the way the event loop drives it: keys go through the key map, and the
//! effects `update` returns go through the app's one runner (`app::runner::settle`), with
//! in-memory fakes that render an article or search bodies at once, so no thread, timer or
//! terminal is involved.

use brief::app::input::{KeyCode, KeyEvent, KeyModifiers};
use brief::app::keymap::action_for_key;
use brief::app::layout::{centered, inner};
use brief::app::runner::{self, InMemory};
use brief::app::{Action, App, Focus, TagRow};
use brief::ui::{self, Theme};
use brief_core::render::{RenderOptions, render_article_with};
use brief_core::store::{LoadOptions, Post, contains_ignore_case, load_path, read_body};
use brief_i18n::Lang;
use brief_text::display_width;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The sizes every screen is snapshotted at.
const SNAPSHOT_SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 15)];

/// Small, odd and large sizes, on both sides of the wide-layout threshold.
const SWEEP_SIZES: [(u16, u16); 12] = [
    (20, 5),
    (21, 7),
    (24, 6),
    (33, 9),
    (40, 15),
    (80, 24),
    (99, 30),
    (100, 30),
    (101, 12),
    (120, 40),
    (133, 7),
    (200, 60),
];

/// The Chinese post opened in the article screens.
const ARTICLE_TITLE: &str = "科技早报";
/// The tag toggled in the tag-filter screens.
const FILTER_TAG: &str = "云计算";
/// The text typed into the search.
const QUERY: &str = "云计算";

mod common;
use common::samples as sample_root;

/// An app with the sample posts loaded, and its side effects run in memory.
struct Harness {
    app: App,
    fx: InMemory<'static>,
}

/// Articles read from the sample folder and rendered in the app's language, bodies searched
/// in the files; what the app asks besides (the browser, saves) is only recorded.
fn fakes(language: Lang) -> InMemory<'static> {
    let render = move |post: &Post, width: usize| {
        Some(match read_body(post) {
            Ok(body) => Action::ArticleReady {
                path: post.path.clone(),
                width,
                article: Arc::new(render_article_with(
                    post,
                    &body,
                    &RenderOptions::new(width).in_language(language),
                )),
            },
            Err(diagnostic) => Action::ArticleFailed {
                path: post.path.clone(),
                message: diagnostic.to_string(),
            },
        })
    };
    let search = |query: &str, paths: &[PathBuf]| {
        let hits = paths.iter().filter(|path| body_contains(path, query));
        Some(hits.cloned().collect())
    };
    InMemory::new(Box::new(render), Box::new(search))
}

impl Harness {
    fn new(width: u16, height: u16) -> Self {
        Self::with_posts(width, height, |_| true)
    }

    /// The sample posts that pass `keep`, loaded in one batch.
    fn with_posts(width: u16, height: u16, keep: impl Fn(&Post) -> bool) -> Self {
        Self::with_posts_in(Lang::En, width, height, keep)
    }

    /// Every sample post, in an app speaking `lang`.
    fn in_language(lang: Lang, width: u16, height: u16) -> Self {
        Self::with_posts_in(lang, width, height, |_| true)
    }

    fn with_posts_in(lang: Lang, width: u16, height: u16, keep: impl Fn(&Post) -> bool) -> Self {
        let root = sample_root();
        let mut harness = Harness {
            app: App::new(root.clone(), Rect::new(0, 0, width, height)),
            fx: fakes(lang),
        };
        harness.app.settings.language = lang;
        harness.apply(Action::Resize(width, height));
        let loaded = load_path(&root, &LoadOptions::default());
        let posts: Vec<Post> = loaded.posts.into_iter().filter(|p| keep(p)).collect();
        harness.apply(Action::PostsLoaded {
            posts,
            diagnostics: loaded.diagnostics,
            done: true,
        });
        harness
    }

    /// Applies an action and every action its effects lead to, as the event loop would.
    fn apply(&mut self, action: Action) {
        runner::settle(&mut self.app, action, &mut self.fx);
    }

    fn press_with(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        if let Some(action) = action_for_key(&self.app, KeyEvent::new(code, modifiers)) {
            self.apply(action);
        }
    }

    fn press(&mut self, code: KeyCode) {
        self.press_with(code, KeyModifiers::NONE);
    }

    fn char(&mut self, c: char) {
        self.press(KeyCode::Char(c));
    }

    fn type_text(&mut self, text: &str) {
        text.chars().for_each(|c| self.char(c));
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.apply(Action::Resize(width, height));
    }

    /// Presses `j` until the post whose title contains `title` is selected.
    fn select_post(&mut self, title: &str) {
        let target = self
            .app
            .view
            .iter()
            .position(|&i| self.app.posts[i].title.contains(title))
            .unwrap_or_else(|| panic!("no post titled {title:?} in view"));
        self.char('g');
        for _ in 0..target {
            self.char('j');
        }
        let selected = self.app.selected_post().map(|p| p.title.clone());
        assert!(
            selected.as_deref().is_some_and(|t| t.contains(title)),
            "j should reach {title:?}, selected {selected:?}"
        );
    }

    /// Presses `j` in the tag pane until the cursor is on `name`.
    fn move_tag_cursor_to(&mut self, name: &str) {
        for _ in 0..=self.app.tag_rows.len() {
            if self.tag_under_cursor().as_deref() == Some(name) {
                return;
            }
            self.char('j');
        }
        panic!(
            "j in the tag pane never reached {name:?}; cursor on {:?}",
            self.tag_under_cursor()
        );
    }

    fn tag_under_cursor(&self) -> Option<String> {
        match self.app.tag_rows.get(self.app.tag_cursor)? {
            TagRow::Tag(i) => Some(self.app.tags.entries[*i].name.clone()),
            TagRow::Heading(_) => None,
        }
    }

    fn draw(&self) -> Drawn {
        draw(&self.app)
    }
}

fn body_contains(path: &Path, query: &str) -> bool {
    let post = Post {
        path: path.to_path_buf(),
        ..Post::default()
    };
    read_body(&post).is_ok_and(|body| contains_ignore_case(&body, query))
}

/// One frame: what the widgets wrote, and what a terminal shows after ratatui's diff, which
/// never sends a cell hidden under a wide character.
struct Drawn {
    frame: Buffer,
    screen: Buffer,
}

fn draw(app: &App) -> Drawn {
    let (width, height) = (app.size.width, app.size.height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    let theme = Theme::monochrome();
    let frame = terminal
        .draw(|frame| ui::draw(frame, app, &theme))
        .expect("drawing into a TestBackend")
        .buffer
        .clone();
    let screen = terminal.backend().buffer().clone();
    Drawn { frame, screen }
}

/// The screens of the reader that are snapshotted and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Screen {
    /// The list as it comes up.
    List,
    /// The 科技早报 post open.
    Article,
    /// The open article scrolled to its end.
    ArticleEnd,
    /// The tag pane focused with 云计算 toggled on.
    TagFilter,
    /// The `?` overlay.
    Help,
    /// The `?` overlay scrolled down.
    HelpScrolled,
    /// `/` and 云计算 typed, the prompt still open.
    Search,
    /// A kept search, the article open on its first match.
    ArticleMatch,
    /// The `f` link picker over the open article.
    Links,
}

const ALL_SCREENS: [Screen; 9] = [
    Screen::List,
    Screen::Article,
    Screen::ArticleEnd,
    Screen::TagFilter,
    Screen::Help,
    Screen::HelpScrolled,
    Screen::Search,
    Screen::ArticleMatch,
    Screen::Links,
];

impl Screen {
    fn name(self) -> &'static str {
        match self {
            Screen::List => "list",
            Screen::Article => "article",
            Screen::ArticleEnd => "article_end",
            Screen::TagFilter => "tag_filter",
            Screen::Help => "help",
            Screen::HelpScrolled => "help_scrolled",
            Screen::Search => "search",
            Screen::ArticleMatch => "article_match",
            Screen::Links => "links",
        }
    }

    /// Drives a freshly loaded harness to this screen with keys.
    fn drive(self, h: &mut Harness) {
        match self {
            Screen::List => {}
            Screen::Article => {
                h.select_post(ARTICLE_TITLE);
                h.press(KeyCode::Enter);
            }
            Screen::ArticleEnd => {
                Screen::Article.drive(h);
                h.char('G');
            }
            Screen::TagFilter => {
                h.char('t');
                h.move_tag_cursor_to(FILTER_TAG);
                h.char(' ');
            }
            Screen::Help => h.char('?'),
            Screen::HelpScrolled => {
                h.char('?');
                h.char('G');
            }
            Screen::Search => {
                h.char('/');
                h.type_text(QUERY);
            }
            Screen::ArticleMatch => {
                Screen::Search.drive(h);
                h.press(KeyCode::Enter);
                Screen::Article.drive(h);
                h.char('n');
            }
            Screen::Links => {
                Screen::Article.drive(h);
                h.char('f');
            }
        }
    }
}

// ---- reading a buffer ---------------------------------------------------------------------

/// The rows of the buffer as a terminal shows them: a wide character's symbol once, the cells
/// it covers left out.
fn rows(buf: &Buffer) -> Vec<String> {
    let width = usize::from(buf.area.width);
    buf.content
        .chunks(width.max(1))
        .take(usize::from(buf.area.height))
        .map(|cells| {
            let mut row = String::new();
            let mut skip = 0usize;
            for cell in cells {
                if skip == 0 {
                    row.push_str(cell.symbol());
                }
                skip = skip.max(display_width(cell.symbol())).saturating_sub(1);
            }
            row
        })
        .collect()
}

/// The screen as text for a snapshot: one line per row between `|` guards, so trailing
/// spaces stay visible and every line of a correct screen is equally long.
fn screen_text(buf: &Buffer) -> String {
    rows(buf).iter().map(|row| format!("|{row}|\n")).collect()
}

fn symbol_at(buf: &Buffer, x: u16, y: u16) -> &str {
    buf.cell(Position::new(x, y))
        .map_or("<outside>", |cell| cell.symbol())
}

const BORDER_SYMBOLS: &[&str] = &["│", "─", "┌", "┐", "└", "┘"];

// ---- properties ---------------------------------------------------------------------------

/// The `?` or `f` box, found in what the widgets drew: the largest centred rectangle, other
/// than a pane, whose corners and sides are all border. Found rather than computed, so the
/// test does not repeat how the overlay sizes itself.
fn overlay_box(app: &App, frame: &Buffer) -> Option<Rect> {
    let overlay = app.overlay?;
    // The help is centred above the status bar, which it leaves visible.
    let help = matches!(
        overlay,
        brief::app::Overlay::Help { .. } | brief::app::Overlay::Warnings { .. }
    );
    let height = if help && app.size.height > 1 {
        app.size.height - 1
    } else {
        app.size.height
    };
    let screen = Rect::new(0, 0, app.size.width, height);
    let areas = app.areas();
    let panes = [areas.tags, areas.list, areas.article];
    let mut best: Option<Rect> = None;
    for height in (2..=screen.height).rev() {
        for width in (2..=screen.width).rev() {
            if best.is_some_and(|b| b.area() >= u32::from(width) * u32::from(height)) {
                break;
            }
            let area = centered(screen, width, height);
            // Above the status bar the help may cover a pane exactly; its title tells them apart.
            let titled_help = help
                && rows_in(frame, Rect { height: 1, ..area })
                    .first()
                    .is_some_and(|row| {
                        let words = app.words();
                        [words.help_title, words.warnings_title]
                            .iter()
                            .any(|title| row.contains(title.split(" · ").next().unwrap_or("")))
                    });
            if (panes.contains(&Some(area)) && !titled_help) || !is_box(frame, area) {
                continue;
            }
            best = Some(area);
        }
    }
    best
}

/// Whether `area` has border corners, border sides on every inner row, and no other corner on
/// its top and bottom rows (as two panes side by side would have), in `buf`.
fn is_box(buf: &Buffer, area: Rect) -> bool {
    let (left, right) = (area.x, area.right() - 1);
    let (top, bottom) = (area.y, area.bottom() - 1);
    let corners = [
        (left, top, "┌"),
        (right, top, "┐"),
        (left, bottom, "└"),
        (right, bottom, "┘"),
    ];
    corners
        .into_iter()
        .all(|(x, y, want)| symbol_at(buf, x, y) == want)
        && (top + 1..bottom)
            .all(|y| symbol_at(buf, left, y) == "│" && symbol_at(buf, right, y) == "│")
        && (left + 1..right).all(|x| {
            [top, bottom]
                .iter()
                .all(|&y| !["┌", "┐", "└", "┘"].contains(&symbol_at(buf, x, y)))
        })
}

/// Checks every property a screen must have, whatever the state; `what` names the case.
fn assert_screen_properties(app: &App, drawn: &Drawn, what: &str) {
    let (width, height) = (app.size.width, app.size.height);
    let (frame, screen) = (&drawn.frame, &drawn.screen);
    assert_eq!(
        screen.area,
        Rect::new(0, 0, width, height),
        "{what}: screen area"
    );
    let overlay = overlay_box(app, frame);
    assert_eq!(
        overlay.is_some(),
        app.overlay.is_some() && width >= 2 && height >= 2,
        "{what}: the {:?} box is drawn whole",
        app.overlay
    );

    // Every row is exactly as wide as the screen: nothing spills, nothing is short.
    for (y, row) in rows(screen).iter().enumerate() {
        assert_eq!(
            display_width(row),
            usize::from(width),
            "{what}: row {y} is {} columns wide, not {width}: {row:?}",
            display_width(row)
        );
    }

    // No emoji sequence that terminals draw at widths of their own reaches a cell.
    for cell in &screen.content {
        assert!(
            matches!(
                brief_text::steady_grapheme(cell.symbol()),
                std::borrow::Cow::Borrowed(_)
            ),
            "{what}: {:?} reaches the terminal",
            cell.symbol()
        );
    }

    // No control character reaches a cell, and nothing is drawn into the hidden half of a wide
    // character (the terminal would never show it, and the character would be cut).
    for y in 0..height {
        let mut covered = 0usize;
        for x in 0..width {
            let symbol = symbol_at(frame, x, y);
            assert!(
                !symbol.chars().any(char::is_control),
                "{what}: control character in cell ({x}, {y}): {symbol:?}"
            );
            if covered > 0 {
                assert_eq!(
                    symbol,
                    " ",
                    "{what}: cell ({x}, {y}) lies under the wide character {:?} at ({}, {y}) \
                     but was drawn with {symbol:?}",
                    symbol_at(frame, x - 1, y),
                    x - 1
                );
            }
            covered = covered.max(display_width(symbol)).saturating_sub(1);
        }
        assert_eq!(covered, 0, "{what}: a wide character spills off row {y}");
    }

    // Borders are whole wherever a pane is not covered by something drawn after it.
    let areas = app.areas();
    let tags_over = if app.is_wide() { None } else { areas.tags };
    let panes = [
        ("list", areas.list, vec![tags_over, overlay]),
        ("article", areas.article, vec![tags_over, overlay]),
        ("tags", areas.tags, vec![overlay]),
    ];
    for (pane, area, over) in panes {
        let Some(area) = area else { continue };
        let over: Vec<Rect> = over.into_iter().flatten().collect();
        assert_border(
            screen,
            area,
            &over,
            &|_, _| false,
            &format!("{what}: {pane} pane"),
        );
    }
    if let Some(area) = overlay {
        assert_border(
            screen,
            area,
            &[],
            &|_, _| false,
            &format!("{what}: overlay"),
        );
    }

    // The body's outermost columns are border wherever a pane (or an overlay's edge) is there.
    if width >= 2 && areas.status.height > 0 {
        for y in 0..areas.status.y {
            for x in [0, width - 1] {
                let inside_overlay = overlay.is_some_and(|o| {
                    let i = inner(o);
                    i.width > 0 && i.height > 0 && i.contains(Position::new(x, y))
                });
                if inside_overlay {
                    continue;
                }
                let symbol = symbol_at(screen, x, y);
                assert!(
                    BORDER_SYMBOLS.contains(&symbol),
                    "{what}: column {x} of row {y} should be a border, is {symbol:?}"
                );
            }
        }
    }

    // The status bar is the last row (unless a box covers it) and starts with the count.
    let status_covered = overlay.is_some_and(|o| o.bottom() >= height);
    if height > 0 && width >= 8 && !status_covered {
        let status = rows(screen).pop().unwrap_or_default();
        let count = format!("{}/{}", app.view.len(), app.posts.len());
        assert!(
            status.starts_with(&count),
            "{what}: status bar should start with {count}: {status:?}"
        );
    }
}

/// Corners, and sides on every inner row, of a bordered `area`, except cells under `over` and
/// cells `skip` names.
fn assert_border(
    buf: &Buffer,
    area: Rect,
    over: &[Rect],
    skip: &dyn Fn(u16, u16) -> bool,
    what: &str,
) {
    if area.width < 2 || area.height < 2 {
        return;
    }
    let (left, right) = (area.x, area.right() - 1);
    let (top, bottom) = (area.y, area.bottom() - 1);
    let mut expected = vec![
        (left, top, "┌"),
        (right, top, "┐"),
        (left, bottom, "└"),
        (right, bottom, "┘"),
    ];
    for y in top + 1..bottom {
        expected.push((left, y, "│"));
        expected.push((right, y, "│"));
    }
    for (x, y, want) in expected {
        if skip(x, y) || over.iter().any(|o| o.contains(Position::new(x, y))) {
            continue;
        }
        let got = symbol_at(buf, x, y);
        assert_eq!(
            got, want,
            "{what} ({area:?}): border cell ({x}, {y}) should be {want:?}"
        );
    }
}

/// A screen at a size: driven, checked, and returned (as the terminal shows it) for a snapshot.
fn screen(screen: Screen, width: u16, height: u16) -> (Harness, Buffer) {
    screen_in(Lang::En, screen, width, height)
}

/// [`screen`] in an app speaking `lang`.
fn screen_in(lang: Lang, screen: Screen, width: u16, height: u16) -> (Harness, Buffer) {
    let mut h = Harness::in_language(lang, width, height);
    screen.drive(&mut h);
    let drawn = h.draw();
    assert_screen_properties(
        &h.app,
        &drawn,
        &format!("{} in {lang} at {width}x{height}", screen.name()),
    );
    (h, drawn.screen)
}

/// Snapshots of a screen at every snapshot size in every language; English keeps the plain
/// names, the others add their code (`list_ja_80x24`).
fn snapshot(screen_kind: Screen) {
    for lang in Lang::ALL {
        let name = match lang {
            Lang::En => screen_kind.name().to_string(),
            other => format!("{}_{}", screen_kind.name(), other.code()),
        };
        for (width, height) in SNAPSHOT_SIZES {
            let (_, buf) = screen_in(lang, screen_kind, width, height);
            insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen_text(&buf));
        }
    }
}

// ---- snapshots ----------------------------------------------------------------------------

#[test]
fn list_screens() {
    snapshot(Screen::List);
}

#[test]
fn article_screens() {
    snapshot(Screen::Article);
}

#[test]
fn tag_filter_screens() {
    snapshot(Screen::TagFilter);
}

#[test]
fn help_screens() {
    snapshot(Screen::Help);
}

#[test]
fn search_screens() {
    snapshot(Screen::Search);
}

// ---- what the snapshots show, asserted --------------------------------------------------

#[test]
fn the_article_screen_shows_the_chinese_post_and_its_position() {
    for (width, height) in SNAPSHOT_SIZES {
        let (h, buf) = screen(Screen::Article, width, height);
        let text = rows(&buf).join("\n");
        assert_eq!(h.app.focus, Focus::Article);
        let article = h.app.rendered_article().expect("the article was rendered");
        assert!(
            text.contains(ARTICLE_TITLE),
            "{width}x{height}: the title is on screen:\n{text}"
        );
        let article_area = h.app.areas().article.expect("an article pane");
        if article_area.width > 16 {
            assert!(
                text.contains(&format!("/{} ", article.lines.len())),
                "{width}x{height}: a line N/M indicator:\n{text}"
            );
        }
        // Narrow screens show the article alone; wide ones keep the list beside it.
        assert_eq!(h.app.areas().list.is_some(), width >= 100);
    }
}

#[test]
fn the_selected_post_is_drawn_reversed_across_the_list() {
    for (width, height) in SNAPSHOT_SIZES {
        let mut h = Harness::new(width, height);
        h.select_post(ARTICLE_TITLE);
        let drawn = h.draw();
        let list = inner(h.app.areas().list.expect("the list is shown"));
        let y = list.y + (h.app.selected_row() - h.app.list_top) as u16;
        let mut covered = 0;
        for x in list.x..list.right() {
            let cell = drawn
                .frame
                .cell(Position::new(x, y))
                .expect("inside the buffer");
            // The cell under the second half of a wide character is never sent to the terminal.
            if covered == 0 {
                assert!(
                    cell.modifier.contains(Modifier::REVERSED),
                    "{width}x{height}: cell ({x}, {y}) of the selected row is not reversed"
                );
            }
            covered = usize::max(covered, display_width(cell.symbol())).saturating_sub(1);
        }
        let buf = drawn.screen;
        let row = &rows(&buf)[usize::from(y)];
        assert!(
            row.contains(ARTICLE_TITLE),
            "{width}x{height}: the reversed row holds the title: {row:?}"
        );
    }
}

#[test]
fn the_tag_filter_marks_the_tag_and_narrows_the_list() {
    for (width, height) in SNAPSHOT_SIZES {
        let (h, buf) = screen(Screen::TagFilter, width, height);
        assert_eq!(h.app.focus, Focus::Tags);
        let text = rows(&buf).join("\n");
        assert!(
            text.contains(&format!("● {FILTER_TAG}")),
            "{width}x{height}: the toggled tag is marked:\n{text}"
        );
        let with_tag = h
            .app
            .posts
            .iter()
            .filter(|p| p.tags.iter().any(|t| t == FILTER_TAG))
            .count();
        assert_eq!(h.app.view.len(), with_tag);
        assert!(with_tag > 0 && with_tag < h.app.posts.len());
        let status = rows(&buf).pop().unwrap_or_default();
        assert!(
            status.contains(&format!("#{FILTER_TAG}")),
            "{width}x{height}: the status bar names the filter: {status:?}"
        );
    }
}

#[test]
fn the_search_screen_shows_the_prompt_and_only_matching_posts() {
    for (width, height) in SNAPSHOT_SIZES {
        let (h, buf) = screen(Screen::Search, width, height);
        assert!(h.app.search.editing);
        let status = rows(&buf).pop().unwrap_or_default();
        assert!(
            status.contains(&format!("/{QUERY}")),
            "{width}x{height}: the prompt shows the query: {status:?}"
        );
        let expected: Vec<&str> = h
            .app
            .posts
            .iter()
            .filter(|p| {
                p.title.contains(QUERY)
                    || p.tags.iter().any(|t| t.contains(QUERY))
                    || p.summary.as_deref().is_some_and(|s| s.contains(QUERY))
                    || body_contains(&p.path, QUERY)
            })
            .map(|p| p.title.as_str())
            .collect();
        let in_view: Vec<&str> = h
            .app
            .view
            .iter()
            .map(|&i| h.app.posts[i].title.as_str())
            .collect();
        assert_eq!(in_view, expected, "{width}x{height}");
        assert!(in_view.len() < h.app.posts.len());
        let list = h.app.areas().list.expect("the list pane");
        let list_rows = rows_in(&h.draw().screen, list).join("\n");
        for post in &h.app.posts {
            let start: String = as_shown(&post.title).chars().take(6).collect();
            assert_eq!(
                list_rows.contains(&start),
                expected.contains(&post.title.as_str()),
                "{width}x{height}: the list pane shows {:?} only if it matches:\n{list_rows}",
                post.title
            );
        }
    }
}

/// The lines inside the `?` box, trimmed, empty ones left out.
/// Text as the screen shows it, emoji sequences made steady.
fn as_shown(text: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    text.graphemes(true)
        .map(brief_text::steady_grapheme)
        .collect()
}

fn help_lines_shown(h: &Harness) -> Vec<String> {
    let drawn = h.draw();
    let area = inner(overlay_box(&h.app, &drawn.frame).expect("the help box"));
    let rows = rows_in(&drawn.screen, area);
    rows.into_iter()
        .map(|row| row.trim().to_string())
        .filter(|row| !row.is_empty())
        .collect()
}

/// The text of `area`'s rows, as the terminal shows them.
fn rows_in(buf: &Buffer, area: Rect) -> Vec<String> {
    (area.y..area.bottom())
        .map(|y| {
            let mut row = String::new();
            let mut covered = 0usize;
            for x in area.x..area.right() {
                let symbol = symbol_at(buf, x, y);
                if covered == 0 {
                    row.push_str(symbol);
                }
                covered = covered.max(display_width(symbol)).saturating_sub(1);
            }
            row
        })
        .collect()
}

#[test]
fn help_shows_every_line_when_tall_enough_and_scrolls_to_the_last_otherwise() {
    let mut tall = Harness::new(200, 60);
    tall.char('?');
    let all = help_lines_shown(&tall);
    for (keys, what) in brief::app::keymap::help_lines(&tall.app.settings.keymap, tall.app.words())
    {
        assert!(
            all.iter()
                .any(|line| line.starts_with(&keys) && line.ends_with(&what)),
            "the help shows `{keys}  {what}`: {all:?}"
        );
    }

    let mut short = Harness::new(40, 15);
    short.char('?');
    let first_page = help_lines_shown(&short);
    assert!(first_page.len() < all.len(), "15 rows cannot show all");
    short.char('G');
    let last_page = help_lines_shown(&short);
    let last = all.last().expect("a last line");
    // At 40 columns the line may be cut with …; its start is there.
    let start: String = last.chars().take(8).collect();
    assert!(
        last_page.iter().any(|line| line.starts_with(&start)),
        "scrolled to the end, the help shows its last line {last:?}: {last_page:?}"
    );
    assert_ne!(first_page, last_page);
}

#[test]
fn o_in_the_article_opens_its_source() {
    let (mut h, _) = screen(Screen::Article, 80, 24);
    let source = h
        .app
        .article_post()
        .and_then(|p| p.source.clone())
        .expect("the post has a source");
    h.char('o');
    assert_eq!(h.fx.recorded.opened, vec![source]);
}

// ---- every size, every screen -------------------------------------------------------------

#[test]
fn every_screen_draws_whole_at_every_size_in_every_language() {
    for lang in Lang::ALL {
        for (width, height) in SWEEP_SIZES {
            for kind in ALL_SCREENS {
                screen_in(lang, kind, width, height);
            }
        }
    }
}

#[test]
fn every_screen_survives_resizing_to_every_size() {
    for kind in ALL_SCREENS {
        let mut h = Harness::new(120, 40);
        kind.drive(&mut h);
        for (width, height) in SWEEP_SIZES.iter().rev().chain(SWEEP_SIZES.iter()) {
            h.resize(*width, *height);
            let drawn = h.draw();
            assert_screen_properties(
                &h.app,
                &drawn,
                &format!("{} resized to {width}x{height}", kind.name()),
            );
        }
    }
}

/// A terminal resized after the app last heard of its size: the frame must not draw past the
/// terminal's edge (it used to panic), and the resize's own event brings the screen back.
#[test]
fn a_frame_for_a_size_the_terminal_no_longer_has_draws_nothing() {
    for kind in ALL_SCREENS {
        let mut h = Harness::new(120, 40);
        kind.drive(&mut h);
        let mut terminal = Terminal::new(TestBackend::new(40, 15)).expect("a test terminal");
        let frame = terminal
            .draw(|frame| ui::draw(frame, &h.app, &Theme::monochrome()))
            .expect("drawing into a TestBackend")
            .buffer
            .clone();
        assert!(
            rows(&frame).iter().all(|row| row.trim().is_empty()),
            "{} drew for a stale size",
            kind.name()
        );
        h.resize(40, 15);
        let drawn = h.draw();
        assert_screen_properties(&h.app, &drawn, &format!("{} after the resize", kind.name()));
    }
}

#[test]
fn degenerate_sizes_do_not_panic() {
    for (width, height) in [(0, 0), (1, 1), (2, 2), (5, 3), (19, 4), (300, 2), (3, 100)] {
        for kind in ALL_SCREENS {
            let mut h = Harness::new(width, height);
            kind.drive(&mut h);
            let _ = h.draw();
        }
    }
}

#[test]
fn an_empty_folder_and_a_filter_that_matches_nothing_draw_whole() {
    for (width, height) in SNAPSHOT_SIZES {
        let h = Harness::with_posts(width, height, |_| false);
        let drawn = h.draw();
        assert_screen_properties(&h.app, &drawn, &format!("empty at {width}x{height}"));
        assert!(rows(&drawn.screen).join("\n").contains("no posts here"));

        let mut h = Harness::new(width, height);
        h.char('/');
        h.type_text("no post says this 🦀");
        h.press(KeyCode::Enter);
        let drawn = h.draw();
        assert_screen_properties(&h.app, &drawn, &format!("no match at {width}x{height}"));
        assert!(h.app.view.is_empty());
        assert!(rows(&drawn.screen).join("\n").contains("no post matches"));
    }
}

// ---- overlays over wide characters --------------------------------------------------------

/// A `?` or `f` box drawn over CJK text keeps its left border: where a wide character of the
/// pane below straddles the box's left edge, the box must blank it, or the terminal shows the
/// character and never the border (ratatui's diff skips a cell hidden under a wide one).
#[test]
fn overlays_keep_their_left_border_over_wide_characters() {
    let mut broken = Vec::new();
    for (width, height) in SWEEP_SIZES {
        for kind in [Screen::Help, Screen::HelpScrolled, Screen::Links] {
            let mut h = Harness::new(width, height);
            kind.drive(&mut h);
            let drawn = h.draw();
            let Some(area) = overlay_box(&h.app, &drawn.frame) else {
                continue;
            };
            for y in area.y..area.bottom() {
                let want = if y == area.y {
                    "┌"
                } else if y == area.bottom() - 1 {
                    "└"
                } else {
                    "│"
                };
                let got = symbol_at(&drawn.screen, area.x, y);
                if got != want {
                    broken.push(format!(
                        "{} at {width}x{height}: ({}, {y}) shows {got:?} under {:?}, not {want:?}",
                        kind.name(),
                        area.x,
                        symbol_at(&drawn.screen, area.x.saturating_sub(1), y),
                    ));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "broken left borders:\n{}",
        broken.join("\n")
    );
}

/// Titles of the posts in the list pane as drawn, and the status bar.
fn list_titles_and_status(h: &Harness) -> (Vec<String>, String) {
    let drawn = h.draw();
    let text = rows(&drawn.screen);
    let titles = h
        .app
        .posts
        .iter()
        .map(|p| p.title.clone())
        .filter(|title| {
            let start: String = title.chars().take(6).collect();
            text.iter().any(|row| row.contains(&start))
        })
        .collect();
    (titles, text.last().cloned().unwrap_or_default())
}

/// A search typed under a tag filter covers every body, not only the tagged posts': dropping
/// the tag brings in every post whose body matches, as the same search without the tag does.
#[test]
fn dropping_a_tag_after_searching_shows_every_body_match() {
    // 推理 is only in two bodies, neither of them tagged 运维.
    let mut fresh = Harness::new(80, 24);
    fresh.char('/');
    fresh.type_text("推理");
    fresh.press(KeyCode::Enter);
    let (expected, _) = list_titles_and_status(&fresh);
    assert_eq!(expected.len(), 2, "推理 is in two bodies: {expected:?}");

    let mut h = Harness::new(80, 24);
    h.char('t');
    h.move_tag_cursor_to("运维");
    h.char(' ');
    h.char('/');
    h.type_text("推理");
    h.press(KeyCode::Enter);
    assert!(h.app.view.is_empty(), "no 运维 post mentions 推理");
    h.char('t');
    h.move_tag_cursor_to("运维");
    h.char(' ');
    h.press(KeyCode::Esc);
    assert!(h.app.filter.is_empty());
    let (titles, status) = list_titles_and_status(&h);
    assert_eq!(titles, expected, "status bar: {status:?}");
}

/// When the folder finishes loading during a search, the search is run again over every
/// body; on a wide screen the same update also asks for the newly selected article, and the
/// body search must not be lost.
#[test]
fn a_search_typed_while_loading_keeps_its_body_matches() {
    let root = sample_root();
    let loaded = load_path(&root, &LoadOptions::default());
    let mut h = Harness {
        app: App::new(root, Rect::new(0, 0, 120, 40)),
        fx: fakes(Lang::En),
    };
    h.resize(120, 40);
    h.apply(Action::PostsLoaded {
        posts: loaded.posts,
        diagnostics: loaded.diagnostics,
        done: false,
    });
    // 芯片 is in two titles or tags and, besides, in the bodies of two more posts; the
    // newest post with it (selected) has it only in its body.
    h.char('/');
    h.type_text("芯片");
    h.press(KeyCode::Enter);
    h.select_post(ARTICLE_TITLE);
    let before: Vec<_> = h.app.view.clone();
    assert_eq!(before.len(), 4);
    h.apply(Action::PostsLoaded {
        posts: Vec::new(),
        diagnostics: Vec::new(),
        done: true,
    });
    let (_, status) = list_titles_and_status(&h);
    assert!(
        h.app.search.bodies_done,
        "the body search ran again: {status:?}"
    );
    assert_eq!(h.app.view, before, "status bar: {status:?}");
}

#[test]
fn weekday_names_in_the_date_format_follow_the_interface_language() {
    for (lang, shown) in [
        (Lang::En, "02-20 Fri"),
        (Lang::ZhHans, "02-20 周五"),
        (Lang::ZhHant, "02-20 週五"),
        (Lang::Ja, "02-20 金"),
    ] {
        // At 80 columns the list has the whole width, and room for the full date.
        let mut h = Harness::in_language(lang, 80, 24);
        h.app.settings.date_format = "%m-%d %a".into();
        let text = screen_text(&h.draw().screen);
        assert!(text.contains(shown), "{lang}: {text}");
    }
}

#[test]
fn a_tag_pane_without_tags_says_so() {
    let harness = Harness::with_posts(100, 24, |_| false);
    let text = screen_text(&harness.draw().screen);
    assert!(text.contains(Lang::En.catalog().tags_none), "{text}");
}

#[test]
fn list_dates_show_the_year_when_posts_span_years() {
    // The sample posts run from 2025 into 2026.
    for width in [60, 80, 100, 140] {
        let harness = Harness::new(width, 24);
        let rows = rows(&harness.draw().screen);
        let dated = rows
            .iter()
            .filter(|row| row.contains("26-0") || row.contains("25-"))
            .count();
        assert!(dated >= 3, "{width}: {rows:#?}");
        assert!(
            !rows
                .iter()
                .any(|row| row.trim_start().starts_with("03-01") || row.contains("│03-01")),
            "{rows:#?}"
        );
    }
}
#[test]
fn unread_titles_are_bold_and_a_starred_unread_post_shows_both_marks() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut h = Harness::new(width, height);
        h.select_post(ARTICLE_TITLE);
        h.char('s');
        h.char('j');
        h.char('u');
        h.char('k');
        let drawn = h.draw();
        let list = inner(h.app.areas().list.expect("the list is shown"));
        let rows = rows(&drawn.screen);
        let starred_row = usize::from(list.y) + h.app.selected_row() - h.app.list_top;
        let row = &rows[starred_row];
        assert!(
            row.contains('●') && row.contains('★'),
            "{width}x{height}: a starred unread post shows both marks: {row:?}"
        );
        let bold_at = |y: usize| {
            let x = row_title_x(&drawn.screen, list, y);
            drawn
                .frame
                .cell(Position::new(x, y as u16))
                .is_some_and(|c| c.modifier.contains(Modifier::BOLD))
        };
        let row_of = |position: usize| {
            let row = h
                .app
                .list_rows
                .iter()
                .position(|r| *r == brief::app::days::ListRow::Post(position))
                .expect("the post has a row");
            usize::from(list.y) + row - h.app.list_top
        };
        let (read_row, unread_row) = (row_of(h.app.selected + 1), row_of(h.app.selected + 2));
        assert!(
            bold_at(unread_row),
            "{width}x{height}: unread is bold: {:?}",
            rows[unread_row]
        );
        assert!(
            !bold_at(read_row),
            "{width}x{height}: a read title is not bold: {:?}",
            rows[read_row]
        );
    }
}

/// The column where the title begins on a post row of the list grouped by day: after the
/// two mark columns and a space.
fn row_title_x(_buf: &Buffer, list: Rect, _y: usize) -> u16 {
    list.x + 3
}

#[test]
fn the_date_format_is_honoured_at_every_width_with_the_year() {
    for (width, height) in SNAPSHOT_SIZES {
        let mut h = Harness::new(width, height);
        h.app.settings.date_format = "%d/%m/%Y".into();
        h.app.recompute_view();
        let text = screen_text(&h.draw().screen);
        assert!(
            text.contains("01/03/2026 Sun"),
            "{width}x{height}: the day heading uses date_format:\n{text}"
        );
    }
}

#[test]
fn the_help_leaves_the_status_bar_visible() {
    for (width, height) in SNAPSHOT_SIZES {
        let mut h = Harness::new(width, height);
        h.char('?');
        let rows = rows(&h.draw().screen);
        let status = rows.last().unwrap();
        assert!(
            status.contains("? help"),
            "{width}x{height}: the status bar under the help: {status:?}"
        );
    }
}

#[test]
fn bang_shows_every_warning_whole_above_the_status_bar() {
    let long = "config.toml:7: warning: `keys.quit`: `j` is also bound to `move_down`, which keeps it; using the default";
    for (width, height) in SNAPSHOT_SIZES {
        let mut h = Harness::new(width, height);
        h.app.set_warnings(vec![
            "config.toml:3: warning: unknown key `colour`".into(),
            long.into(),
        ]);
        h.char('!');
        let text: String = rows(&h.draw().screen).join("\n");
        if height >= 24 {
            // Wrapped, not cut: every word is there, the last one too.
            for word in long.split_whitespace() {
                assert!(
                    text.contains(word),
                    "{width}x{height}: {word:?} of the warning:\n{text}"
                );
            }
        }
        assert!(
            rows(&h.draw().screen).last().unwrap().contains("? help"),
            "{width}x{height}: the status bar stays"
        );
    }
}

#[test]
fn ascii_borders_draw_the_header_rule_in_ascii_too() {
    for (width, height) in SNAPSHOT_SIZES {
        let mut h = Harness::new(width, height);
        h.select_post(ARTICLE_TITLE);
        h.press(KeyCode::Enter);
        let mut theme = Theme::monochrome();
        theme.ascii_borders = true;
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| ui::draw(frame, &h.app, &theme))
            .unwrap();
        let text = screen_text(terminal.backend().buffer());
        assert!(
            text.contains("------"),
            "{width}x{height}: an ASCII rule:\n{text}"
        );
        // Tables in the body keep their own borders; no other line is drawn with `─`.
        for row in text.lines().filter(|row| row.contains('─')) {
            assert!(
                ['┌', '├', '└'].iter().any(|c| row.contains(*c)),
                "{width}x{height}: a box-drawing rule outside a table: {row}"
            );
        }
    }
}

// ---- OSC 8 hyperlinks ---------------------------------------------------------------------

/// The link index and text of a cell wrapped in an OSC 8 hyperlink, checking its URL is the
/// link's; `None` for a plain cell.
fn hyperlink_cell<'a>(
    symbol: &'a str,
    links: &[brief_core::render::Link],
) -> Option<(u32, &'a str)> {
    let rest = symbol.strip_prefix("\x1b]8;id=brief-")?;
    let rest = rest
        .strip_suffix("\x1b]8;;\x1b\\")
        .expect("a hyperlink cell closes its link");
    let (id, rest) = rest.split_once(';').expect("an id, then the URL");
    let index: u32 = id.parse().expect("a numeric id");
    let (url, text) = rest.split_once("\x1b\\").expect("the URL is terminated");
    assert_eq!(
        url, links[index as usize].url,
        "the id names the link of the URL"
    );
    assert!(brief::app::is_openable(url), "{url}");
    Some((index, text))
}

#[test]
fn with_hyperlinks_on_each_cell_of_a_link_is_its_osc8_link_and_off_no_escape_is_drawn() {
    for (width, height) in SNAPSHOT_SIZES {
        let mut h = Harness::new(width, height);
        Screen::ArticleEnd.drive(&mut h);
        let off = h.draw();
        for buf in [&off.frame, &off.screen] {
            assert!(
                buf.content.iter().all(|c| !c.symbol().contains('\x1b')),
                "{width}x{height}: no escape with hyperlinks off"
            );
        }
        h.app.settings.hyperlinks = true;
        let on = h.draw();
        let article = h.app.rendered_article().expect("the article was rendered");
        let area = inner(h.app.areas().article.expect("an article pane"));
        let scroll = h.app.article.as_ref().expect("an article").scroll;
        let mut linked = 0;
        for row in 0..area.height {
            let Some(line) = article.lines.get(scroll + usize::from(row)) else {
                break;
            };
            let mut x = area.x;
            for span in &line.spans {
                let link = span
                    .style
                    .link
                    .filter(|&i| brief::app::is_openable(&article.links[i as usize].url));
                for c in span.text.chars() {
                    let w = display_width(&c.to_string()) as u16;
                    if x + w > area.right() {
                        break;
                    }
                    let symbol = on.screen[(x, area.y + row)].symbol();
                    let cell = hyperlink_cell(symbol, &article.links);
                    match link {
                        Some(i) => {
                            // A line wider than the pane ends in an ellipsis.
                            let (index, text) = cell.unwrap_or_else(|| {
                                panic!("{width}x{height}: ({x}, {row}) is linked: {symbol:?}")
                            });
                            assert_eq!(index, i, "{width}x{height} at ({x}, {row})");
                            assert!(text == c.to_string() || text == "…", "{text:?} for {c:?}");
                            linked += 1;
                        }
                        None => assert_eq!(cell, None, "{width}x{height}: {symbol:?}"),
                    }
                    x += w.max(1);
                }
            }
        }
        assert!(linked > 0, "{width}x{height}: some link is on screen");
        // Without the escapes, the terminal shows what it shows with hyperlinks off: the
        // escapes take no columns.
        for (a, b) in on.screen.content.iter().zip(&off.screen.content) {
            let shown = hyperlink_cell(a.symbol(), &article.links).map_or(a.symbol(), |(_, t)| t);
            assert_eq!(shown, b.symbol());
        }
    }
}

#[test]
fn sorted_by_title_a_list_spanning_years_puts_the_year_before_the_configured_date() {
    let mut h = Harness::new(100, 24);
    h.app.settings.sort = brief::app::SortOrder::Title;
    h.app.settings.date_format = "%m-%d".into();
    h.app.recompute_view();
    let text = screen_text(&h.draw().screen);
    // The sample posts run from 2025 into 2026: each row's date carries its year.
    assert!(
        text.contains("2025-10-14") && text.contains("2026-03-01"),
        "{text}"
    );
}

#[test]
fn the_link_picker_groups_links_by_story_and_opens_at_the_story_in_view() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut h = Harness::new(width, height);
        h.select_post("AI产业简报：云、电力与大额合作（2月13日）");
        h.press(KeyCode::Enter);
        // To the second story (its heading at the top), then the picker.
        h.char('}');
        h.char('}');
        assert_eq!(h.app.story_in_view(), Some(1));
        h.char('f');
        let drawn = h.draw();
        assert_screen_properties(&h.app, &drawn, &format!("link picker {width}x{height}"));
        let Some(brief::app::Overlay::Links { cursor }) = h.app.overlay else {
            panic!("the picker is open");
        };
        let article = h.app.rendered_article().unwrap();
        // The story in view's own link, under its heading, keeping the number the article shows.
        assert_eq!(article.links[cursor].number, 3);
        let boxed = overlay_box(&h.app, &drawn.screen).expect("the picker's box");
        let rows = rows_in(&drawn.screen, inner(boxed));
        let at = |text: &str| {
            rows.iter()
                .position(|row| row.contains(text))
                .unwrap_or_else(|| panic!("{text:?} in {rows:#?}"))
        };
        let heading = at("云厂商第四季度收入创新高");
        assert!(rows[heading].contains("cloudwatch.example"), "{rows:#?}");
        assert_eq!(at("[3]"), heading + 1, "{rows:#?}");
        assert!(at("数据中心用电引发地方争议") > at("[3]"), "{rows:#?}");
        // The row with the cursor is link 3's.
        let inner_area = inner(boxed);
        let y = inner_area.y + at("[3]") as u16;
        let reversed = |y: u16| {
            drawn.screen[(inner_area.x, y)]
                .modifier
                .contains(Modifier::REVERSED)
        };
        assert!(reversed(y), "{rows:#?}");
        assert!(!reversed(y - 1), "the heading is not selected");
        insta::assert_snapshot!(
            format!("link_picker_by_story_{width}x{height}"),
            screen_text(&drawn.screen)
        );
    }
}
