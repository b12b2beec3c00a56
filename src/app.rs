//! The reader's state and its one writer, [`App::update`]: every key, click, resize and
//! background result arrives as an [`Action`]; `update` changes the state and returns the
//! [`Effect`] (open a link, load an article, search bodies, quit) for the event loop to run.
//!
//! This module performs no input or output: it must not touch the terminal, spawn processes,
//! read files or sleep. That is what makes every behaviour testable without a terminal. The
//! `ui` module only reads this state.

pub mod action;
pub mod days;
mod fold;
mod index;
pub mod keymap;
pub mod layout;
mod link_count;
pub mod messages;
mod on_screen;
pub mod prompt;
mod reading;
mod resume;
mod search;
mod stories;
mod tag_filter;
mod view;
pub mod warnings;

pub use action::{Action, Effect, PaneId};
pub use view::{TagRow, ViewFilter};

use crate::i18n::fill;
use crate::marks::{Mark, MarkChange, Marks};
use crate::render::{Article, ArticleCache};
use crate::store::{Diagnostic, Post, TagIndex, TagKind, tag_key, unify_spellings};
use index::PostIndex;
use keymap::KeyMap;
use layout::{Areas, LayoutInput};
use messages::Message;
use ratatui::layout::Rect;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tags,
    List,
    Article,
}

/// A box drawn over the panes that takes the keyboard while open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Links {
        cursor: usize,
    },
    /// The start-up's warnings.
    Warnings {
        scroll: usize,
    },
    /// The outline of the article's stories (`O`), its cursor on one.
    Stories {
        cursor: usize,
    },
}

/// The article pane: which post it shows and where it is scrolled.
#[derive(Debug, Clone)]
pub struct ArticleView {
    pub path: PathBuf,
    /// The rendered article once it has arrived for the current width.
    pub article: Option<Arc<Article>>,
    /// First visible line.
    pub scroll: usize,
    /// Lines holding a search match.
    pub matches: Vec<usize>,
    /// Why the article could not be shown.
    pub error: Option<String>,
    /// Where the user left this post last time, to scroll to once it arrives.
    pub restore: Option<crate::positions::Position>,
    /// The story a jump went to, with the scroll it left: holds while the scroll does (see
    /// [`App::story_in_view`]).
    pub story_pin: Option<(usize, usize)>,
}

/// The search as typed and as applied.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// The text in the search prompt.
    pub input: String,
    /// The prompt has the keyboard.
    pub editing: bool,
    /// Where the prompt's cursor is, in characters.
    pub cursor: usize,
    /// Which search of the history the prompt shows (`Up`/`Down`).
    recalled: Option<usize>,
    /// The line as typed before the history was recalled.
    typed: String,
    /// Tag keys the search requires (`#tag` terms).
    pub tag_terms: Vec<String>,
    /// Bumped for every new query, so stale results from a body search are ignored.
    pub generation: u64,
    /// Posts whose body matched the current query.
    pub body_hits: Vec<bool>,
    /// Posts whose front matter matched the current query, parallel to the posts.
    field_hits: Vec<bool>,
    /// The lower-cased query `field_hits` answers.
    matched_query: String,
    /// Recent queries with their `field_hits`, for Backspace.
    earlier: Vec<(String, Vec<bool>)>,
    /// Every body has been searched for the current query.
    pub bodies_done: bool,
}

/// Loading progress for the status bar.
#[derive(Debug, Clone, Copy, Default)]
pub struct Loading {
    pub done: bool,
    pub files_with_errors: usize,
}

/// Which posts the list shows besides the filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ViewMode {
    #[default]
    All,
    Unread,
    Starred,
    /// Posts with stories not yet seen (and those whose stories are not known yet).
    NewStories,
}

impl ViewMode {
    pub fn label(self, words: &crate::i18n::Catalog) -> &'static str {
        match self {
            ViewMode::All => words.view_all,
            ViewMode::Unread => words.view_unread,
            ViewMode::Starred => words.view_starred,
            ViewMode::NewStories => words.view_new_stories,
        }
    }
}

/// When a post counts as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MarkReadOn {
    /// When it is opened.
    #[default]
    Open,
    /// When its article is scrolled to the end.
    End,
}

impl MarkReadOn {
    /// Every choice with its name in the config file.
    pub const NAMES: [(MarkReadOn, &'static str); 2] =
        [(MarkReadOn::Open, "open"), (MarkReadOn::End, "end")];
}

/// The order of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    Newest,
    Oldest,
    Title,
}

impl SortOrder {
    /// Every choice with its name in the config file.
    pub const NAMES: [(SortOrder, &'static str); 3] = [
        (SortOrder::Newest, "newest"),
        (SortOrder::Oldest, "oldest"),
        (SortOrder::Title, "title"),
    ];
}

/// The name of `choice` in a table of named choices.
pub fn name_of<T: PartialEq>(names: &[(T, &'static str)], choice: &T) -> &'static str {
    names
        .iter()
        .find(|(c, _)| c == choice)
        .map_or("", |(_, name)| name)
}

/// The choice named `name` in a table of named choices.
pub fn named<T: Copy>(names: &[(T, &'static str)], name: &str) -> Option<T> {
    names.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
}

/// What the config file can change about the reader.
#[derive(Debug, Clone)]
pub struct ReaderSettings {
    pub keymap: KeyMap,
    pub mark_read_on: MarkReadOn,
    pub sort: SortOrder,
    /// strftime format of the list's dates.
    pub date_format: String,
    /// The widest the article's text is laid out, in columns.
    pub article_max_width: Option<u16>,
    /// The interface language.
    pub language: crate::i18n::Lang,
    /// Links in the article are OSC 8 hyperlinks (decided by `tui`, which knows the terminal).
    pub hyperlinks: bool,
}

impl Default for ReaderSettings {
    fn default() -> Self {
        Self {
            keymap: KeyMap::default(),
            mark_read_on: MarkReadOn::Open,
            sort: SortOrder::Newest,
            date_format: "%Y-%m-%d".into(),
            article_max_width: None,
            language: crate::i18n::Lang::En,
            hyperlinks: false,
        }
    }
}

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    /// The folders (or files) being read.
    pub roots: Vec<PathBuf>,
    pub posts: Vec<Post>,
    /// Per-post data for filtering, marks and search, parallel to `posts`.
    index: PostIndex,
    pub marks: Marks,
    pub view_mode: ViewMode,
    /// Unread posts per tag, by (kind, key).
    unread_by_tag: HashMap<(TagKind, String), usize>,
    pub settings: ReaderSettings,
    pub tags: TagIndex,
    /// The tag pane's rows: group headings and tags.
    pub tag_rows: Vec<TagRow>,
    pub tag_cursor: usize,
    pub tag_top: usize,
    pub filter: ViewFilter,
    pub search: Search,
    /// Indices into `posts` of the posts in view, in list order.
    pub view: Vec<usize>,
    /// Index into `view` of the selected post.
    pub selected: usize,
    /// First visible row of the list (an index into `list_rows`).
    pub list_top: usize,
    /// The list's rows: day headings and the posts of the view.
    pub list_rows: Vec<days::ListRow>,
    /// The row of each post of the view.
    row_of_post: Vec<usize>,
    /// The posts in view were published in more than one year (worked out with the rows,
    /// only when the list is not grouped by day: day headings always show the year).
    pub view_spans_years: bool,
    /// The local date today, for the "today" and "yesterday" of day headings.
    pub today: Option<jiff::civil::Date>,
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    pub article: Option<ArticleView>,
    /// Rendered articles, by post and width.
    articles: ArticleCache,
    pub status: Option<String>,
    pub loading: Loading,
    /// The next `PostsLoaded` replaces the posts instead of adding to them.
    replace_on_next_batch: bool,
    pub size: Rect,
    pub diagnostics: Vec<Diagnostic>,
    pub quitting: bool,
    /// A post kept listed while selected although the view mode no longer admits it.
    held: Option<PathBuf>,
    /// The changes that put back the marks the last change replaced (`U`).
    mark_undo: Option<Vec<MarkChange>>,
    /// Digits typed before a link key (`12o`).
    link_count: Option<usize>,
    /// Every warning of the start-up (config, state files), for `!`.
    pub warnings: Vec<String>,
    /// A count of several digits has just opened its link by itself.
    link_count_done: bool,
    /// The status says work is under way until loading is done.
    status_until_loaded: bool,
    /// The pane that had the keyboard when the tag pane was opened, to return to.
    tags_opened_from: Focus,
    /// Where the user left each post, by mark id.
    pub positions: crate::positions::Positions,
    /// Earlier searches, oldest first.
    pub search_history: Vec<String>,
    /// Seen stories and which of them this process has recorded.
    pub story_state: stories::StoryState,
}

/// How many earlier search results are kept for Backspace.
const EARLIER_QUERIES_KEPT: usize = 16;

/// How many rendered articles are kept.
const ARTICLE_CACHE_SIZE: usize = 16;

impl App {
    pub fn new(root: PathBuf, size: Rect) -> Self {
        Self::with_settings(
            vec![root],
            size,
            ReaderSettings::default(),
            Marks::default(),
        )
    }

    pub fn with_settings(
        roots: Vec<PathBuf>,
        size: Rect,
        settings: ReaderSettings,
        marks: Marks,
    ) -> Self {
        App {
            roots,
            posts: Vec::new(),
            index: PostIndex::default(),
            marks,
            view_mode: ViewMode::All,
            unread_by_tag: HashMap::new(),
            settings,
            tags: TagIndex::default(),
            tag_rows: Vec::new(),
            tag_cursor: 0,
            tag_top: 0,
            filter: ViewFilter::default(),
            search: Search::default(),
            view: Vec::new(),
            selected: 0,
            list_top: 0,
            list_rows: Vec::new(),
            row_of_post: Vec::new(),
            view_spans_years: false,
            today: None,
            focus: Focus::List,
            overlay: None,
            article: None,
            articles: ArticleCache::new(ARTICLE_CACHE_SIZE),
            status: None,
            loading: Loading::default(),
            replace_on_next_batch: false,
            size,
            diagnostics: Vec::new(),
            quitting: false,
            held: None,
            mark_undo: None,
            tags_opened_from: Focus::List,
            status_until_loaded: false,
            link_count: None,
            link_count_done: false,
            warnings: Vec::new(),
            positions: Default::default(),
            search_history: Vec::new(),
            story_state: stories::StoryState::default(),
        }
    }

    /// The screen's areas now.
    pub fn areas(&self) -> Areas {
        layout::compute(
            self.size,
            LayoutInput {
                article_in_front: self.focus == Focus::Article,
                tags_open: self.focus == Focus::Tags,
                article_max_columns: self.settings.article_max_width,
            },
        )
    }

    pub fn is_wide(&self) -> bool {
        layout::is_wide(self.size)
    }

    /// The selected post, if any.
    pub fn selected_post(&self) -> Option<&Post> {
        self.view.get(self.selected).map(|&i| &self.posts[i])
    }

    /// The post the article pane shows.
    pub fn article_post(&self) -> Option<&Post> {
        let path = &self.article.as_ref()?.path;
        self.index.position(path).map(|i| &self.posts[i])
    }

    /// Columns the article is laid out at: the article pane's inside, at most the configured
    /// width.
    pub fn article_width(&self) -> usize {
        let area = self.areas().article.unwrap_or(Rect {
            height: 0,
            ..self.size
        });
        let inside = usize::from(layout::inner(area).width).max(1);
        self.settings
            .article_max_width
            .map_or(inside, |max| inside.min(usize::from(max).max(1)))
    }

    /// The marks of the post at `index` in `posts`.
    pub fn mark_of(&self, index: usize) -> Mark {
        self.index.marks.get(index).copied().unwrap_or_default()
    }

    /// Unread posts carrying this tag.
    pub fn unread_count(&self, kind: TagKind, name: &str) -> usize {
        self.unread_by_tag
            .get(&(kind, tag_key(name)))
            .copied()
            .unwrap_or(0)
    }

    /// Rows of the article's text.
    pub fn article_height(&self) -> usize {
        let area = self.areas().article.unwrap_or(Rect {
            height: self.size.height.saturating_sub(1),
            ..self.size
        });
        usize::from(layout::inner(area).height).max(1)
    }

    /// Rows of the list's items.
    pub fn list_height(&self) -> usize {
        let area = self.areas().list.unwrap_or(Rect {
            height: self.size.height.saturating_sub(1),
            ..self.size
        });
        usize::from(layout::inner(area).height).max(1)
    }

    /// Rows of the tag pane's items.
    pub fn tag_height(&self) -> usize {
        let area = self.areas().tags.unwrap_or(Rect {
            height: self.size.height.saturating_sub(1),
            ..self.size
        });
        usize::from(layout::inner(area).height).max(1)
    }

    /// The link `y` copies: the picker's, else the article's primary, else the post's source.
    pub fn current_link(&self) -> Option<String> {
        if let (Some(Overlay::Links { cursor }), Some(article)) =
            (self.overlay, self.rendered_article())
        {
            return article.links.get(cursor).map(|l| l.url.clone());
        }
        if let Some(link) = self.rendered_article().and_then(|a| a.primary()) {
            return Some(link.url.clone());
        }
        self.post_on_screen()
            .and_then(|i| self.posts[i].source.clone())
    }

    pub fn rendered_article(&self) -> Option<&Article> {
        self.article.as_ref()?.article.as_deref()
    }

    /// The one writer of the state.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let effect = self.update_state(action);
        self.apply_fold();
        let effect = both(effect, self.request_stories());
        both(effect, self.note_seen_stories())
    }

    fn update_state(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Resize(width, height) => {
                self.size = Rect::new(0, 0, width, height);
                self.keep_list_selection_visible();
                self.keep_tag_cursor_visible();
                return self.request_article();
            }
            Action::PostsLoaded {
                posts,
                diagnostics,
                done,
            } => return self.posts_loaded(posts, diagnostics, done),
            Action::ArticleReady {
                path,
                width,
                article,
            } => {
                if let Some(index) = self.index.position(&path) {
                    self.articles.insert(&self.posts[index], article.clone());
                }
                let current_width = width == self.article_width();
                if let Some(view) = self
                    .article
                    .as_mut()
                    .filter(|v| current_width && v.path == path)
                {
                    view.article = Some(article);
                    view.error = None;
                    let max = self.max_article_scroll();
                    if let Some(view) = self.article.as_mut() {
                        view.scroll = view.scroll.min(max);
                    }
                    self.restore_position();
                    self.find_article_matches();
                }
                return None;
            }
            Action::ArticleFailed { path, message } => {
                if let Some(view) = self.article.as_mut().filter(|v| v.path == path) {
                    view.error = Some(message.clone());
                }
                self.status = Some(message);
                return None;
            }
            Action::SearchHits {
                generation,
                paths,
                done,
            } => {
                if generation == self.search.generation {
                    for path in paths {
                        if let Some(i) = self.index.position(&path) {
                            self.search.body_hits[i] = true;
                        }
                    }
                    self.search.bodies_done = done;
                    self.recompute_view();
                    return self.request_article();
                }
                return None;
            }
            Action::SeenLoaded(seen) => {
                self.story_state.seen = seen;
                if self.view_mode == ViewMode::NewStories {
                    self.recompute_view();
                }
                return None;
            }
            Action::StoriesFound(found) => {
                self.story_state.keys_by_post.extend(found);
                if self.view_mode == ViewMode::NewStories {
                    self.recompute_view();
                }
                return None;
            }
            Action::Notify(message) => {
                self.status = Some(message);
                return None;
            }
            Action::MarksLoaded(marks) => {
                // Usually what this process just saved; only another process's changes cost work.
                if marks != self.marks {
                    self.marks = marks;
                    self.index.refresh_marks(&self.marks);
                    self.count_unread();
                    if self.view_mode != ViewMode::All {
                        self.recompute_view();
                    }
                }
                return None;
            }
            Action::PostsChanged {
                updated,
                removed,
                diagnostics,
            } => return self.posts_changed(updated, removed, diagnostics),
            Action::QuitNow => {
                self.quitting = true;
                return both(self.remember_position(), Some(Effect::Quit));
            }
            Action::Suspend => return Some(Effect::Suspend),
            _ => {}
        }
        self.status = None;
        if self.search.editing {
            return self.update_search_prompt(action);
        }
        if let Some(overlay) = self.overlay {
            return self.update_overlay(overlay, action);
        }
        if !Self::keeps_link_count(&action) {
            self.link_count = None;
        }
        if self.ends_finished_count(&action) {
            return None;
        }
        let effect = self.update_panes(action);
        self.release_held_if_left();
        effect
    }

    fn update_search_prompt(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::SearchInput(c) => self.prompt_insert(c),
            Action::SearchBackspace => self.prompt_backspace(),
            Action::SearchEdit(edit) => self.prompt_edit(edit),
            Action::SearchAccept => {
                self.search.editing = false;
                self.focus = Focus::List;
                self.remember_search()
            }
            Action::SearchCancel | Action::Back => self.drop_search(),
            _ => None,
        }
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action) -> Option<Effect> {
        match (overlay, action) {
            (_, Action::Back | Action::Quit) => self.overlay = None,
            (Overlay::Stories { cursor }, action) => {
                return self.update_story_outline(cursor, action);
            }
            (Overlay::Help { .. }, Action::ToggleHelp) => self.overlay = None,
            (Overlay::Links { .. }, Action::ShowLinkPicker) => self.overlay = None,
            (Overlay::Warnings { .. }, Action::ShowWarnings) => self.overlay = None,
            (Overlay::Warnings { scroll }, action) => self.scroll_warnings(scroll, &action),
            (Overlay::Help { scroll }, action) => {
                let lines = keymap::help_lines(&self.settings.keymap, self.words()).len();
                let rows = layout::help_rows(self.size, lines);
                let last_top = lines.saturating_sub(rows);
                let scroll = step(scroll, last_top + 1, movement(&action, rows)).min(last_top);
                self.overlay = Some(Overlay::Help { scroll });
            }
            (Overlay::Links { cursor }, Action::OpenSelected) => {
                let url = self
                    .rendered_article()
                    .and_then(|a| a.links.get(cursor))
                    .map(|l| l.url.clone());
                self.overlay = None;
                return url.and_then(|u| self.open_url(u));
            }
            (Overlay::Links { .. }, Action::OpenLinkNumber(n)) => {
                self.overlay = None;
                return self.open_link_number(n);
            }
            (Overlay::Links { .. }, Action::CopyLink) => return self.copy_link(),
            (Overlay::Links { cursor }, action) => {
                let count = self.rendered_article().map_or(0, |a| a.links.len());
                let moved = movement(&action, self.article_height());
                if count > 0 && moved.is_some() {
                    let cursor = step(cursor, count, moved).min(count - 1);
                    self.overlay = Some(Overlay::Links { cursor });
                }
            }
        }
        None
    }

    fn update_panes(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::ToggleHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::FocusTags => {
                self.focus = if self.focus == Focus::Tags {
                    self.focus_before_tags()
                } else {
                    self.tags_opened_from = self.focus;
                    Focus::Tags
                }
            }
            Action::FocusNext => self.cycle_focus(true),
            Action::FocusPrevious => self.cycle_focus(false),
            Action::StartSearch => {
                self.search.editing = true;
                self.search.cursor = self.search.input.chars().count();
                if self.focus == Focus::Tags || !self.is_wide() {
                    self.focus = Focus::List;
                }
            }
            Action::NextTagFilter => return self.step_tag_filter(true),
            Action::PreviousTagFilter => return self.step_tag_filter(false),
            Action::ClearFilters => {
                self.filter = ViewFilter::default();
                // "c clears the filters" means the view too: back to all posts.
                self.view_mode = ViewMode::All;
                self.held = None;
                // Dropping the search rebuilds the list, now without filters.
                return self.drop_search();
            }
            Action::NextMatch if self.search.input.is_empty() => {
                return self.open_unread(true, Message::NoMoreUnread);
            }
            Action::PreviousMatch if self.search.input.is_empty() => {
                return self.open_unread(false, Message::NoEarlierUnread);
            }
            Action::PageDown if self.focus == Focus::Article && self.article_at_end() => {
                return self.page_past_the_end();
            }
            Action::MarkViewRead => return self.mark_view_read(),
            Action::ShowWarnings => self.show_warnings(),
            Action::NextSection if self.focus == Focus::Article => return self.jump_story(true),
            Action::PreviousSection if self.focus == Focus::Article => {
                return self.jump_story(false);
            }
            Action::NextSection => return self.jump_day(true),
            Action::PreviousSection => return self.jump_day(false),
            Action::NextDay => return self.jump_day(true),
            Action::PreviousDay => return self.jump_day(false),
            Action::UndoMarks => return self.undo_marks(),
            Action::NextMatch => self.jump_to_match(true),
            Action::PreviousMatch => self.jump_to_match(false),
            Action::OpenPrimaryLink | Action::OpenSelected if self.link_count.is_some() => {
                let number = self.take_link_count()?;
                return self.open_link_number(number);
            }
            Action::OpenPrimaryLink => return self.open_source_in_view(),
            Action::NextStory => return self.jump_story(true),
            Action::PreviousStory => return self.jump_story(false),
            Action::ShowStoryOutline => self.show_story_outline(),
            Action::ToggleFoldRepeats => return self.toggle_fold(),
            Action::OpenLinkNumber(n) => return self.link_digit(n),
            Action::ShowLinkPicker => match self.rendered_article() {
                Some(a) if !a.links.is_empty() => {
                    let cursor = self
                        .first_link_of_story_in_view()
                        .unwrap_or_else(|| self.first_link_in_view());
                    self.overlay = Some(Overlay::Links { cursor });
                }
                _ => self.status = Some(self.words().msg_no_links.into()),
            },
            Action::CopyLink => return self.copy_link(),
            Action::ToggleRead => {
                let index = self.post_on_screen()?;
                let read = !self.mark_of(index).read;
                return self.change_mark(index, |id| MarkChange::Read(id, read));
            }
            Action::ToggleStar => {
                let index = self.post_on_screen()?;
                let starred = !self.mark_of(index).starred;
                return self.change_mark(index, |id| MarkChange::Starred(id, starred));
            }
            Action::CycleView => {
                self.view_mode = match self.view_mode {
                    ViewMode::All => ViewMode::Unread,
                    ViewMode::Unread => ViewMode::Starred,
                    ViewMode::Starred => ViewMode::NewStories,
                    ViewMode::NewStories => ViewMode::All,
                };
                self.held = None;
                self.recompute_view();
                let words = self.words();
                let mode = self.view_mode.label(words);
                self.status = Some(fill(words.msg_showing, &[("mode", &mode)]));
                return self.request_article();
            }
            Action::Reload => {
                self.replace_on_next_batch = true;
                self.loading.done = false;
                self.status = Some(self.words().msg_reloading.into());
                self.status_until_loaded = true;
                return Some(Effect::Reload);
            }
            Action::Quit => return self.go_back(true),
            Action::Back => return self.go_back(false),
            Action::ScrollPane(pane, delta) => return self.scroll_pane(pane, delta),
            Action::ClickListRow(row) => {
                if let Some(&days::ListRow::Post(position)) =
                    self.list_rows.get(self.list_top + row)
                {
                    self.selected = position;
                    self.focus = Focus::List;
                    return self.request_article();
                }
            }
            Action::ClickTagRow(row) => {
                if let Some(TagRow::Tag(_)) = self.tag_rows.get(self.tag_top + row) {
                    self.tag_cursor = self.tag_top + row;
                    return self.toggle_tag_at_cursor();
                }
            }
            Action::OpenSelected if self.focus == Focus::Tags => {
                return self.toggle_tag_at_cursor();
            }
            Action::ToggleTagAtCursor if self.focus == Focus::Tags => {
                return self.toggle_tag_at_cursor();
            }
            Action::OpenSelected if self.focus == Focus::List => {
                if let Some(&index) = self.view.get(self.selected) {
                    self.focus = Focus::Article;
                    let load = self.request_article();
                    let mark = if self.settings.mark_read_on == MarkReadOn::Open
                        && !self.mark_of(index).read
                    {
                        self.change_mark(index, |id| MarkChange::Read(id, true))
                    } else {
                        None
                    };
                    return match (load, mark) {
                        (Some(load), Some(mark)) => Some(Effect::Batch(vec![load, mark])),
                        (load, mark) => load.or(mark),
                    };
                }
            }
            action => {
                if let Some(moved) = movement(&action, self.page_for_focus()) {
                    return self.move_in_focus(moved);
                }
            }
        }
        None
    }

    fn page_for_focus(&self) -> usize {
        match self.focus {
            Focus::Tags => self.tag_height(),
            Focus::List => self.list_height(),
            Focus::Article => self.article_height(),
        }
    }

    fn move_in_focus(&mut self, moved: Move) -> Option<Effect> {
        match self.focus {
            Focus::Tags => {
                self.tag_cursor = self.step_tag_cursor(moved);
                self.keep_tag_cursor_visible();
                None
            }
            Focus::List => {
                let before = self.selected;
                self.selected = step(self.selected, self.view.len(), Some(moved))
                    .min(self.view.len().saturating_sub(1));
                self.keep_list_selection_visible();
                if before != self.selected {
                    self.request_article()
                } else {
                    None
                }
            }
            Focus::Article => {
                let max = self.max_article_scroll();
                let mut at_end = false;
                if let Some(view) = self.article.as_mut() {
                    view.scroll = step(view.scroll, max + 1, Some(moved)).min(max);
                    at_end = view.scroll == max && view.article.is_some();
                }
                if at_end && self.settings.mark_read_on == MarkReadOn::End {
                    let index = self
                        .article
                        .as_ref()
                        .and_then(|v| self.index.position(&v.path))?;
                    if !self.mark_of(index).read {
                        return self.change_mark(index, |id| MarkChange::Read(id, true));
                    }
                }
                None
            }
        }
    }

    fn scroll_pane(&mut self, pane: PaneId, delta: i32) -> Option<Effect> {
        let moved = Move::By(delta as isize);
        let focus_before = self.focus;
        self.focus = match pane {
            PaneId::Tags => Focus::Tags,
            PaneId::List => Focus::List,
            PaneId::Article => Focus::Article,
        };
        let effect = self.move_in_focus(moved);
        if self.is_wide() || pane == PaneId::Article {
            self.focus = focus_before;
        }
        effect
    }

    fn cycle_focus(&mut self, forward: bool) {
        let mut order = vec![Focus::Tags, Focus::List];
        if self.article.is_some() {
            order.push(Focus::Article);
        }
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(1);
        let next = if forward {
            (at + 1) % order.len()
        } else {
            (at + order.len() - 1) % order.len()
        };
        self.focus = order[next];
    }

    /// `q` (with `quit_from_list`) or `h`/`Esc`: one level up; `q` on the list quits.
    fn go_back(&mut self, quit_from_list: bool) -> Option<Effect> {
        match self.focus {
            Focus::Article => {
                self.focus = Focus::List;
                self.remember_position()
            }
            Focus::Tags => {
                self.focus = self.focus_before_tags();
                None
            }
            Focus::List if quit_from_list => {
                self.quitting = true;
                both(self.remember_position(), Some(Effect::Quit))
            }
            Focus::List => {
                if !self.search.input.is_empty() {
                    return self.drop_search();
                }
                None
            }
        }
    }

    // ---- loading ------------------------------------------------------------------------

    fn posts_loaded(
        &mut self,
        posts: Vec<Post>,
        diagnostics: Vec<Diagnostic>,
        done: bool,
    ) -> Option<Effect> {
        let selected_before = self.selected_post().map(|p| p.path.clone());
        let reloaded = std::mem::take(&mut self.replace_on_next_batch);
        if reloaded {
            self.posts.clear();
            self.diagnostics.clear();
            self.articles.clear();
            // The open article is laid out again from the file as it is now.
            if let Some(view) = self.article.as_mut() {
                view.article = None;
            }
        }
        // A file the watcher already delivered may arrive again from the loader.
        let incoming: std::collections::HashSet<&Path> =
            posts.iter().map(|p| p.path.as_path()).collect();
        self.posts.retain(|p| !incoming.contains(p.path.as_path()));
        self.posts.extend(posts);
        self.diagnostics.extend(diagnostics);
        self.posts_replaced(selected_before.clone());
        self.loading.done = done;
        // "reloading…" says work is under way; it goes when the work ends.
        if done && std::mem::take(&mut self.status_until_loaded) {
            self.status = None;
        }
        let search_effect = (done && !self.search.input.is_empty())
            .then(|| self.search_changed())
            .flatten();
        let selected_after = self.selected_post().map(|p| p.path.clone());
        if reloaded || selected_before != selected_after || self.article.is_none() {
            return both(self.request_article(), search_effect);
        }
        search_effect
    }

    /// Brings everything derived from `posts` up to date after posts were added or removed,
    /// selecting the post at `selected`, taken before `posts` changed: sorting moves posts, so
    /// the selection is kept by path.
    fn posts_replaced(&mut self, selected: Option<PathBuf>) {
        unify_spellings(&mut self.posts);
        sort_posts(&mut self.posts, self.settings.sort);
        self.index = PostIndex::build(&self.posts, &self.roots, &self.marks);
        self.search.body_hits = vec![false; self.posts.len()];
        let terms = crate::store::SearchTerms::parse(&self.search.input);
        self.search.matched_query = terms.text.join("\n");
        self.search.field_hits = self.index.fields_matching_all(&terms.text, None);
        self.search.tag_terms = terms.tags;
        self.search.earlier.clear();
        self.tags = TagIndex::build(&self.posts);
        self.tag_rows = view::tag_rows(&self.tags);
        self.tag_cursor = self.tag_cursor.min(self.tag_rows.len().saturating_sub(1));
        if matches!(self.tag_rows.get(self.tag_cursor), Some(TagRow::Heading(_))) {
            self.tag_cursor = self.step_tag_cursor(Move::By(1));
        }
        // Fewer tags than before may leave the pane scrolled past its last row.
        self.tag_top = self.tag_top.min(self.tag_rows.len().saturating_sub(1));
        self.keep_tag_cursor_visible();
        self.loading.files_with_errors = self
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| &d.path)
            .collect::<std::collections::HashSet<_>>()
            .len();
        self.count_unread();
        let keep = selected.and_then(|path| self.index.position(&path));
        self.rebuild_view(keep);
    }

    /// Files changed on disk: replace, add and remove those posts, keeping the selection and
    /// the article's scroll position, and searching the bodies again when a search is on.
    fn posts_changed(
        &mut self,
        updated: Vec<Post>,
        removed: Vec<PathBuf>,
        diagnostics: Vec<Diagnostic>,
    ) -> Option<Effect> {
        let selected = self.selected_post().map(|p| p.path.clone());
        let touched: Vec<PathBuf> = updated
            .iter()
            .map(|p| p.path.clone())
            .chain(removed.iter().cloned())
            .collect();
        self.posts
            .retain(|p| !touched.iter().any(|t| p.path.starts_with(t)));
        self.diagnostics
            .retain(|d| !touched.iter().any(|t| d.path.starts_with(t)));
        for path in &touched {
            self.articles.invalidate(path);
        }
        self.posts.extend(updated);
        self.diagnostics.extend(diagnostics);
        self.posts_replaced(selected);
        // Rebuilding forgot which bodies matched.
        let search_effect = if self.search.input.is_empty() {
            None
        } else {
            self.search_changed()
        };
        let article_touched = self
            .article
            .as_ref()
            .is_some_and(|v| touched.iter().any(|t| v.path.starts_with(t)));
        if article_touched {
            if let Some(view) = self.article.as_mut() {
                view.article = None;
            }
            return both(self.request_article(), search_effect);
        }
        search_effect
    }

    fn count_unread(&mut self) {
        self.unread_by_tag.clear();
        for index in 0..self.posts.len() {
            if !self.mark_of(index).read {
                for key in &self.index.keys[index] {
                    *self.unread_by_tag.entry(key.clone()).or_default() += 1;
                }
            }
        }
    }

    /// Applies a mark change here and asks for it to be saved.
    fn change_mark(
        &mut self,
        index: usize,
        change: impl FnOnce(String) -> MarkChange,
    ) -> Option<Effect> {
        let id = self.index.ids.get(index)?.clone();
        let change = change(id.clone());
        let was_read = self.index.marks[index].read;
        let before = self.index.marks[index];
        self.mark_undo = Some(vec![match &change {
            MarkChange::Read(id, _) => MarkChange::Read(id.clone(), before.read),
            MarkChange::Starred(id, _) => MarkChange::Starred(id.clone(), before.starred),
        }]);
        self.marks.apply(&change);
        let mark = self.marks.get(&id);
        self.index.marks[index] = mark;
        if mark.read != was_read {
            for key in &self.index.keys[index] {
                let count = self.unread_by_tag.entry(key.clone()).or_default();
                *count = if mark.read {
                    count.saturating_sub(1)
                } else {
                    *count + 1
                };
            }
        }
        if self.view_mode != ViewMode::All {
            self.hold_in_view(index);
            self.recompute_view();
        }
        Some(Effect::SaveMarks(vec![change]))
    }

    // ---- the view -----------------------------------------------------------------------

    /// Rebuilds `view` from the filters and search, keeping the selected post selected.
    pub fn recompute_view(&mut self) {
        let selected_post = self.view.get(self.selected).copied();
        self.rebuild_view(selected_post);
    }

    /// Rebuilds `view`, selecting post `keep` (an index into `posts`) when it is still shown.
    fn rebuild_view(&mut self, keep: Option<usize>) {
        // Only tag terms: no text to match.
        let searching = !self.search.matched_query.is_empty();
        let held = self.held_index();
        let with_new = self.posts_with_new_stories();
        let (filter, index, search, mode) =
            (&self.filter, &self.index, &self.search, self.view_mode);
        let tag_terms = search.tag_terms.iter().map(|k| (TagKind::Tag, k.as_str()));
        self.view = index
            .posts_with_all(filter.keys().chain(tag_terms))
            .into_iter()
            .filter(|&i| match mode {
                _ if Some(i) == held => true,
                ViewMode::All => true,
                ViewMode::Unread => !index.marks[i].read,
                ViewMode::Starred => index.marks[i].starred,
                ViewMode::NewStories => with_new.get(i).copied().unwrap_or(true),
            })
            .filter(|&i| !searching || search.field_hits[i] || search.body_hits[i])
            .collect();
        self.selected = keep
            .and_then(|post| self.view.iter().position(|&i| i == post))
            .unwrap_or(0);
        self.rebuild_rows();
        self.keep_list_selection_visible();
    }

    fn keep_list_selection_visible(&mut self) {
        let height = self.list_height();
        let row = self.selected_row();
        // A day's first post comes with its heading.
        let heading_above =
            row > 0 && matches!(self.list_rows.get(row - 1), Some(days::ListRow::Day(_)));
        let top_wanted = if heading_above && height > 1 {
            row - 1
        } else {
            row
        };
        if top_wanted < self.list_top {
            self.list_top = top_wanted;
        } else if row >= self.list_top + height {
            self.list_top = row + 1 - height;
        }
        self.list_top = self.list_top.min(self.list_rows.len().saturating_sub(1));
    }

    // ---- the article --------------------------------------------------------------------

    pub(crate) fn max_article_scroll(&self) -> usize {
        let lines = self.rendered_article().map_or(0, |a| a.lines.len());
        lines.saturating_sub(self.article_height())
    }

    /// Points the article pane at the selected post (when the article is visible) and asks
    /// for it to be rendered at the current width unless it already is.
    fn request_article(&mut self) -> Option<Effect> {
        let article_visible = self.is_wide() || self.focus == Focus::Article;
        if !article_visible {
            return None;
        }
        let post = self.selected_post()?.clone();
        let width = self.article_width();
        let same_post = self.article.as_ref().is_some_and(|v| v.path == post.path);
        let mut saved = None;
        if !same_post {
            saved = self.remember_position();
            let restore = self
                .view
                .get(self.selected)
                .and_then(|&i| self.noted_position(i));
            self.article = Some(ArticleView {
                path: post.path.clone(),
                article: None,
                scroll: 0,
                matches: Vec::new(),
                error: None,
                restore,
                story_pin: None,
            });
        }
        if let Some(article) = self.articles.get(&post, width) {
            if let Some(view) = self.article.as_mut() {
                view.article = Some(article);
            }
            self.restore_position();
            self.find_article_matches();
            return saved;
        }
        if self
            .article
            .as_ref()
            .and_then(|v| v.article.as_ref())
            .is_some_and(|a| a.width == width)
        {
            return saved;
        }
        both(
            saved,
            Some(Effect::LoadArticle {
                post: Box::new(post),
                width,
            }),
        )
    }

    // ---- links --------------------------------------------------------------------------

    /// Every string of the interface language.
    pub fn words(&self) -> &'static crate::i18n::Catalog {
        self.settings.language.catalog()
    }

    fn open_link_number(&mut self, number: usize) -> Option<Effect> {
        let url = self
            .rendered_article()
            .and_then(|a| a.link(number))
            .map(|l| l.url.clone());
        match url {
            Some(url) => self.open_url(url),
            None => {
                self.status = Some(fill(self.words().msg_no_link_number, &[("n", &number)]));
                None
            }
        }
    }

    fn open_url(&mut self, url: String) -> Option<Effect> {
        if is_openable(&url) {
            Some(Effect::OpenUrl(url))
        } else {
            let url = crate::text::truncate_to_width(&url, 60);
            self.status = Some(fill(self.words().msg_refused, &[("url", &url)]));
            None
        }
    }

    fn copy_link(&mut self) -> Option<Effect> {
        match self.current_link() {
            Some(url) => Some(Effect::CopyToClipboard(url)),
            None => {
                self.status = Some(self.words().msg_no_link_to_copy.into());
                None
            }
        }
    }

    /// Whether a post is the one at `path`.
    pub fn is_article(&self, path: &Path) -> bool {
        self.article.as_ref().is_some_and(|v| v.path == path)
    }
}

/// Orders posts as the settings say; ties by path.
fn sort_posts(posts: &mut [Post], order: SortOrder) {
    match order {
        SortOrder::Newest => crate::store::sort_newest_first(posts),
        SortOrder::Oldest => {
            crate::store::sort_newest_first(posts);
            let undated = posts.iter().rev().take_while(|p| p.date.is_none()).count();
            let dated = posts.len() - undated;
            posts[..dated].reverse();
        }
        SortOrder::Title => {
            posts.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.path.cmp(&b.path)))
        }
    }
}

/// Only web and mail links are handed to a browser.
pub fn is_openable(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

/// A cursor movement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    By(isize),
    Top,
    Bottom,
}

fn movement(action: &Action, page: usize) -> Option<Move> {
    let page = page.max(1) as isize;
    Some(match action {
        Action::MoveDown => Move::By(1),
        Action::MoveUp => Move::By(-1),
        Action::MoveTop => Move::Top,
        Action::MoveBottom => Move::Bottom,
        Action::PageDown => Move::By(page),
        Action::PageUp => Move::By(-page),
        Action::HalfPageDown => Move::By((page / 2).max(1)),
        Action::HalfPageUp => Move::By(-(page / 2).max(1)),
        _ => return None,
    })
}

/// `position` moved within `0..len`.
fn step(position: usize, len: usize, moved: Option<Move>) -> usize {
    let last = len.saturating_sub(1);
    match moved {
        None => position,
        Some(Move::Top) => 0,
        Some(Move::Bottom) => last,
        Some(Move::By(delta)) => position.saturating_add_signed(delta).min(last),
    }
}

#[cfg(test)]
mod tests;

/// Two optional effects as one.
pub(crate) fn both(first: Option<Effect>, second: Option<Effect>) -> Option<Effect> {
    match (first, second) {
        (Some(first), Some(second)) => Some(Effect::Batch(vec![first, second])),
        (first, second) => first.or(second),
    }
}
