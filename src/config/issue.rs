//! What can be wrong in the config file, as data: the catalog words it in the interface
//! language ([`ConfigIssue::message`]), and English is its `Display`.

use brief_i18n::{Catalog, Lang, fill};
use std::fmt;

/// One problem with one key of the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigIssue {
    /// The file is not TOML; the parser's own (English) message.
    NotToml(String),
    Posts,
    Browser,
    Sort,
    DateFormat,
    ArticleWidth,
    AsciiBorders,
    MarkRead,
    Language,
    Utc,
    Hyperlinks,
    /// A key bound to two commands: `winner` keeps it, `loser` loses it.
    KeyBoundTwice {
        key: String,
        winner: String,
        loser: String,
    },
    /// A `[theme]` name that is not a colour brief has.
    UnknownColour(String),
    /// A `[theme]` value that is not a colour.
    BadColour(String),
    ThemeNotTable,
    /// A `[keys]` name that is not a command.
    UnknownCommand(String),
    /// A key of `keys.<command>` that does not parse.
    NotAKey {
        command: String,
        key: String,
    },
    /// A `[keys]` value that is neither a key nor a list of keys.
    KeysValue(String),
    KeysNotTable,
    /// A top-level key brief does not know.
    UnknownKey(String),
}

impl ConfigIssue {
    /// The problem in the language of `words`.
    pub fn message(&self, words: &Catalog) -> String {
        match self {
            ConfigIssue::NotToml(error) => fill(words.cfg_not_toml, &[("error", error)]),
            ConfigIssue::Posts => words.cfg_posts.into(),
            ConfigIssue::Browser => words.cfg_browser.into(),
            ConfigIssue::Sort => words.cfg_sort.into(),
            ConfigIssue::DateFormat => words.cfg_date_format.into(),
            ConfigIssue::ArticleWidth => words.cfg_article_width.into(),
            ConfigIssue::AsciiBorders => words.cfg_ascii_borders.into(),
            ConfigIssue::MarkRead => words.cfg_mark_read.into(),
            ConfigIssue::Language => words.cfg_language.into(),
            ConfigIssue::Utc => words.cfg_utc.into(),
            ConfigIssue::Hyperlinks => words.cfg_hyperlinks.into(),
            ConfigIssue::KeyBoundTwice { key, winner, loser } => fill(
                words.cfg_key_bound_twice,
                &[("key", key), ("winner", winner), ("loser", loser)],
            ),
            ConfigIssue::UnknownColour(name) => fill(
                words.cfg_unknown_colour,
                &[("name", name), ("known", &known_colours())],
            ),
            ConfigIssue::BadColour(name) => fill(words.cfg_bad_colour, &[("name", name)]),
            ConfigIssue::ThemeNotTable => words.cfg_theme_table.into(),
            ConfigIssue::UnknownCommand(name) => fill(words.cfg_unknown_command, &[("name", name)]),
            ConfigIssue::NotAKey { command, key } => {
                fill(words.cfg_not_a_key, &[("command", command), ("key", key)])
            }
            ConfigIssue::KeysValue(name) => fill(words.cfg_keys_value, &[("name", name)]),
            ConfigIssue::KeysNotTable => words.cfg_keys_table.into(),
            ConfigIssue::UnknownKey(key) => fill(words.cfg_unknown_key, &[("key", key)]),
        }
    }
}

/// The names the `[theme]` table accepts, for the message about one it does not.
fn known_colours() -> String {
    let names: Vec<&str> = crate::settings::ThemeSlot::NAMES
        .iter()
        .map(|(_, name)| *name)
        .collect();
    names.join(", ")
}

impl fmt::Display for ConfigIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En.catalog()))
    }
}
