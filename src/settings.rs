//! The settings the config file chooses, as plain data: the list's order, when a post counts
//! as read, the hyperlink mode, and the theme's colours by slot. `config` parses into these
//! types, `app` and `ui` read them.
//!
//! A leaf: this module must not depend on `app`, `ui`, `tui`, `config`, ratatui or crossterm.

mod colour;
mod theme_slot;

pub use colour::Colour;
pub use theme_slot::{ThemeColors, ThemeSlot};

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

/// The `hyperlinks` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HyperlinkMode {
    /// Only in terminals known to support them.
    #[default]
    Auto,
    Always,
    Never,
}

impl HyperlinkMode {
    pub const NAMES: [(HyperlinkMode, &'static str); 3] = [
        (HyperlinkMode::Auto, "auto"),
        (HyperlinkMode::Always, "always"),
        (HyperlinkMode::Never, "never"),
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

/// Whether the user asked for no colour: `NO_COLOR` set to anything but the empty string
/// (no-color.org).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
