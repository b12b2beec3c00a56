//! What the config file can change about the reader, and the named choices it picks from
//! (view modes, when a post counts as read, the list's order).
//!
//! Part of `app`: no input or output here. The named choices the config file picks from live
//! in the `settings` leaf, which `config` parses into without depending on `app`.

use super::keymap::KeyMap;

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
    pub fn label(self, words: &brief_i18n::Catalog) -> &'static str {
        match self {
            ViewMode::All => words.view_all,
            ViewMode::Unread => words.view_unread,
            ViewMode::Starred => words.view_starred,
            ViewMode::NewStories => words.view_new_stories,
        }
    }
}

pub use crate::settings::{MarkReadOn, SortOrder, name_of, named};

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
    pub language: brief_i18n::Lang,
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
            language: brief_i18n::Lang::En,
            hyperlinks: false,
        }
    }
}
