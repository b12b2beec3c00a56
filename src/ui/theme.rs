//! Every colour and text attribute of the reader, in one place. With `NO_COLOR` set the
//! monochrome theme keeps only attributes (bold, reverse, underline). The config's colours
//! ([`crate::settings::Colour`]) become ratatui's here.

use crate::settings::{Colour, ThemeColors, ThemeSlot};
use brief_core::render::{self, Role};
use ratatui::style::{Color, Modifier, Style};

/// Styles for the panes and for each role of rendered article text.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub date: Style,
    pub unread: Style,
    pub starred: Style,
    pub tag: Style,
    pub tag_selected: Style,
    pub count: Style,
    pub heading: Style,
    pub status: Style,
    pub status_message: Style,
    pub search_match: Style,
    pub dim: Style,
    pub article: ArticleColors,
    /// Draw borders with `+`, `-` and `|`.
    pub ascii_borders: bool,
}

/// Colours for rendered article roles.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleColors {
    pub heading: Style,
    pub link: Style,
    pub link_number: Style,
    pub code: Style,
    pub quote: Style,
    pub marker: Style,
    pub meta: Style,
    pub title: Style,
    pub tag: Style,
    pub image: Style,
    pub rule: Style,
}

impl Theme {
    /// The default colours.
    pub fn colored() -> Self {
        let accent = Color::Cyan;
        Theme {
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(accent),
            title: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            selected_unfocused: Style::new().bg(Color::DarkGray).fg(Color::White),
            date: Style::new().fg(Color::DarkGray),
            unread: Style::new().fg(Color::Yellow),
            starred: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            tag: Style::new().fg(Color::Green),
            tag_selected: Style::new().fg(Color::Black).bg(Color::Green),
            count: Style::new().fg(Color::DarkGray),
            heading: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            status: Style::new().bg(Color::Black).fg(Color::Gray),
            status_message: Style::new().fg(Color::Yellow),
            search_match: Style::new().bg(Color::Yellow).fg(Color::Black),
            dim: Style::new().fg(Color::DarkGray),
            article: ArticleColors {
                heading: Style::new().fg(accent).add_modifier(Modifier::BOLD),
                link: Style::new()
                    .fg(Color::Blue)
                    .add_modifier(Modifier::UNDERLINED),
                link_number: Style::new().fg(Color::DarkGray),
                code: Style::new().fg(Color::Magenta),
                quote: Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
                marker: Style::new().fg(Color::DarkGray),
                meta: Style::new().fg(Color::DarkGray),
                title: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
                tag: Style::new().fg(Color::Green),
                image: Style::new().fg(Color::Magenta),
                rule: Style::new().fg(Color::DarkGray),
            },
            ascii_borders: false,
        }
    }

    /// Attributes only, for `NO_COLOR`.
    pub fn monochrome() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let none = Style::new();
        Theme {
            border: none,
            border_focused: bold,
            title: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            date: none,
            unread: bold,
            starred: bold,
            tag: none,
            tag_selected: Style::new().add_modifier(Modifier::REVERSED),
            count: none,
            heading: bold,
            status: Style::new().add_modifier(Modifier::REVERSED),
            status_message: bold,
            search_match: Style::new().add_modifier(Modifier::REVERSED),
            dim: none,
            article: ArticleColors {
                heading: bold,
                link: Style::new().add_modifier(Modifier::UNDERLINED),
                link_number: none,
                code: none,
                quote: Style::new().add_modifier(Modifier::ITALIC),
                marker: none,
                meta: none,
                title: bold,
                tag: none,
                image: none,
                rule: none,
            },
            ascii_borders: false,
        }
    }

    /// The colour theme with the config's colours, unless `NO_COLOR` is set to something.
    pub fn from_config(colors: &ThemeColors, ascii_borders: bool) -> Self {
        let no_color = crate::settings::no_color_requested();
        let mut theme = if no_color {
            Self::monochrome()
        } else {
            Self::colored()
        };
        if !no_color {
            for (slot, colour) in &colors.entries {
                theme.set_color(*slot, to_ratatui(*colour));
            }
        }
        theme.ascii_borders = ascii_borders;
        theme
    }

    /// Sets the colour of one slot of the `[theme]` table.
    pub fn set_color(&mut self, slot: ThemeSlot, color: Color) {
        match slot {
            ThemeSlot::Accent => {
                self.border_focused = self.border_focused.fg(color);
                self.heading = self.heading.fg(color);
                self.article.heading = self.article.heading.fg(color);
            }
            ThemeSlot::Border => self.border = self.border.fg(color),
            ThemeSlot::SelectedBg => self.selected = self.selected.bg(color),
            ThemeSlot::SelectedFg => self.selected = self.selected.fg(color),
            ThemeSlot::Date => self.date = self.date.fg(color),
            ThemeSlot::Unread => self.unread = self.unread.fg(color),
            ThemeSlot::Starred => self.starred = self.starred.fg(color),
            ThemeSlot::Tag => {
                self.tag = self.tag.fg(color);
                self.article.tag = self.article.tag.fg(color);
            }
            ThemeSlot::StatusBg => self.status = self.status.bg(color),
            ThemeSlot::StatusFg => self.status = self.status.fg(color),
            ThemeSlot::Link => self.article.link = self.article.link.fg(color),
            ThemeSlot::Code => self.article.code = self.article.code.fg(color),
            ThemeSlot::Heading => self.article.heading = self.article.heading.fg(color),
            ThemeSlot::SearchMatch => self.search_match = self.search_match.bg(color),
        }
    }

    /// The style of a span of rendered article text.
    pub fn article_style(&self, style: render::Style) -> Style {
        let a = &self.article;
        let mut out = match style.role {
            Role::Plain => Style::new(),
            Role::Heading(_) => a.heading,
            Role::Code | Role::CodeBlock => a.code,
            Role::Link | Role::LinkListHost => a.link,
            Role::LinkNumber | Role::LinkListNumber => a.link_number,
            Role::Image => a.image,
            Role::Quote => a.quote,
            Role::QuoteMarker | Role::ListMarker | Role::TableBorder => a.marker,
            Role::Rule => a.rule,
            Role::TableHeader | Role::LinkListTitle | Role::LinkListGroup => {
                Style::new().add_modifier(Modifier::BOLD)
            }
            Role::HeaderTitle => a.title,
            Role::HeaderMeta | Role::LinkListUrl => a.meta,
            Role::Tag => a.tag,
        };
        if style.strong {
            out = out.add_modifier(Modifier::BOLD);
        }
        if style.emphasis {
            out = out.add_modifier(Modifier::ITALIC);
        }
        if style.strike {
            out = out.add_modifier(Modifier::CROSSED_OUT);
        }
        out
    }
}

/// The terminal colour of a config colour.
pub fn to_ratatui(colour: Colour) -> Color {
    match colour {
        Colour::Reset => Color::Reset,
        Colour::Black => Color::Black,
        Colour::Red => Color::Red,
        Colour::Green => Color::Green,
        Colour::Yellow => Color::Yellow,
        Colour::Blue => Color::Blue,
        Colour::Magenta => Color::Magenta,
        Colour::Cyan => Color::Cyan,
        Colour::Gray => Color::Gray,
        Colour::DarkGray => Color::DarkGray,
        Colour::LightRed => Color::LightRed,
        Colour::LightGreen => Color::LightGreen,
        Colour::LightYellow => Color::LightYellow,
        Colour::LightBlue => Color::LightBlue,
        Colour::LightMagenta => Color::LightMagenta,
        Colour::LightCyan => Color::LightCyan,
        Colour::White => Color::White,
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
        Colour::Indexed(i) => Color::Indexed(i),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// brief parsed colours with ratatui before it had its own type: every spelling must
    /// still mean the same colour and show the same way in `brief config`.
    #[test]
    fn config_colours_parse_and_print_as_ratatui_did() {
        let spellings = [
            "red",
            "Red",
            "RED",
            "light red",
            "light-red",
            "Bright_Blue",
            "grey",
            "silver",
            "dark gray",
            "light black",
            "light white",
            "lightgray",
            "bright white",
            "reset",
            "white",
            "magenta",
            "LightCyan",
            "#ff8800",
            "#FF8800",
            "#ff880",
            "#ff88001",
            "ff8800",
            "#gg0000",
            "0",
            "17",
            "255",
            "256",
            "-1",
            "",
            "not-a-colour",
            "#ff８８00",
        ];
        for spelling in spellings {
            let ours = Colour::from_str(spelling).ok();
            let theirs = Color::from_str(spelling).ok();
            assert_eq!(ours.map(to_ratatui), theirs, "{spelling:?}");
            assert_eq!(
                ours.map(|c| c.to_string()),
                theirs.map(|c| c.to_string()),
                "{spelling:?}"
            );
        }
    }

    #[test]
    fn every_theme_slot_changes_the_theme() {
        for (slot, name) in ThemeSlot::NAMES {
            let mut theme = Theme::colored();
            theme.set_color(*slot, Color::Rgb(1, 2, 3));
            assert_ne!(theme, Theme::colored(), "{name}");
        }
    }
}
