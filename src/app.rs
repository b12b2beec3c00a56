//! The reader's state and its one writer, [`App::update`]: every key, click, resize and
//! background result arrives as an [`Action`]; `update` changes the state and returns the
//! [`Effect`] (open a link, load an article, search bodies, quit) for the event loop to run
//! through [`runner`].
//!
//! This module performs no input or output: it must not touch the terminal, spawn processes,
//! start threads, read files or sleep, and it does not import crossterm (keys and the pointer
//! arrive as its own [`input`] events). That is what makes every behaviour testable without a terminal. The
//! `ui` module only reads this state.

pub mod action;
mod article;
pub mod days;
mod fold;
mod index;
pub mod input;
pub mod keymap;
pub mod layout;
mod link_count;
mod links;
mod list_view;
mod loading;
mod marking;
pub mod messages;
mod navigation;
mod on_screen;
mod overlay;
pub mod prompt;
mod reading;
mod resume;
pub mod runner;
mod search;
mod settings;
mod stories;
mod tag_filter;
mod update;
mod view;
pub mod warnings;

pub use action::{Action, Effect, PaneId};
pub use links::is_openable;
pub use navigation::Move;
use navigation::{movement, step};
pub use settings::{MarkReadOn, ReaderSettings, SortOrder, ViewMode, name_of, named};
pub use view::{TagRow, ViewFilter};

use brief_core::marks::{Mark, MarkChange, Marks};
use brief_core::render::{Article, ArticleCache};
use brief_core::store::{Diagnostic, Post, TagIndex, TagKind, tag_key};
use index::PostIndex;
use layout::{Areas, LayoutInput};
use ratatui::layout::Rect;
use std::collections::HashMap;
use std::path::PathBuf;
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
    pub restore: Option<brief_core::positions::Position>,
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
    pub positions: brief_core::positions::Positions,
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

    pub fn rendered_article(&self) -> Option<&Article> {
        self.article.as_ref()?.article.as_deref()
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
