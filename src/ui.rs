//! Drawing: one small view per pane, each borrowing the [`App`] read-only and painting into a
//! ratatui buffer. Nothing here changes state or touches the terminal; the same code draws
//! into a `TestBackend` in tests.
//!
//! Text is measured with [`brief_text`] and cut to the pane before it is drawn, so a wide
//! character never straddles a border. Emoji sequences that terminals draw at widths of
//! their own are made steady in the finished frame (see [`brief_text::steady`]).

mod article_pane;
mod hyperlink;
mod list_pane;
mod overlays;
mod status_bar;
mod story_outline;
mod tag_pane;
pub mod theme;
mod warnings;

use crate::app::keymap::help_lines;
use crate::app::{App, Focus, Overlay};
use brief_text::{display_width, steady_grapheme, truncate_to_width};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Clear, Widget};
use std::borrow::Cow;
pub use theme::Theme;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Draws the whole screen for the app's current state.
pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    // The terminal can change size between the app learning of it and this frame; the
    // resize's own event redraws at the new size.
    if frame.area() != app.size {
        return;
    }
    let areas = app.areas();
    let buf = frame.buffer_mut();
    if let Some(area) = areas.list {
        list_pane::ListPane {
            app,
            theme,
            focused: app.focus == Focus::List,
        }
        .render(area, buf);
    }
    if let Some(area) = areas.article {
        article_pane::ArticlePane {
            app,
            theme,
            focused: app.focus == Focus::Article,
        }
        .render(area, buf);
    }
    if let Some(area) = areas.tags {
        if !app.is_wide() {
            clear_box(area, buf);
        }
        tag_pane::TagPane {
            app,
            theme,
            focused: app.focus == Focus::Tags,
        }
        .render(area, buf);
    }
    status_bar::StatusBar { app, theme }.render(areas.status, buf);
    match app.overlay {
        Some(Overlay::Help { scroll }) => overlays::Help {
            theme,
            words: app.settings.language.catalog(),
            lines: help_lines(&app.settings.keymap, app.settings.language.catalog()),
            scroll,
        }
        // Above the status bar, which stays readable.
        .render(above_status(frame.area()), frame.buffer_mut()),
        Some(Overlay::Links { cursor }) => {
            if let Some(article) = app.rendered_article() {
                overlays::LinkPicker {
                    theme,
                    words: app.settings.language.catalog(),
                    article,
                    cursor,
                }
                .render(frame.area(), frame.buffer_mut());
            }
        }
        Some(Overlay::Warnings { scroll }) => warnings::Warnings { theme, app, scroll }
            .render(above_status(frame.area()), frame.buffer_mut()),
        Some(Overlay::Stories { cursor }) => story_outline::StoryOutline {
            theme,
            words: app.settings.language.catalog(),
            stories: app.article_stories(),
            notes: &app.story_outline_notes(),
            cursor,
        }
        .render(frame.area(), frame.buffer_mut()),
        None => {}
    }
    steady_emoji(frame.buffer_mut());
    hyperlink::settle(frame.buffer_mut());
}

/// The screen without its last row (the status bar), when there is more than one row.
fn above_status(area: Rect) -> Rect {
    Rect {
        height: if area.height > 1 {
            area.height - 1
        } else {
            area.height
        },
        ..area
    }
}

/// Rewrites the frame's emoji sequences with [`steady_grapheme`], one terminal column per
/// cell where the steady text is narrow: ratatui's diff then knows what every column holds,
/// and no letter of a flag is left behind when the cell before it changes.
fn steady_emoji(buf: &mut Buffer) {
    let width = usize::from(buf.area.width).max(1);
    for row in buf.content.chunks_mut(width) {
        let mut x = 0;
        while x < row.len() {
            // A hyperlink's cell is made steady inside its link.
            let (opener, symbol) = match hyperlink::split(row[x].symbol()) {
                Some((opener, text)) => (Some(opener.to_string()), text),
                None => (None, row[x].symbol()),
            };
            let Cow::Owned(steady) = steady_grapheme(symbol) else {
                x += 1;
                continue;
            };
            let template = row[x].clone();
            let mut column = x;
            for grapheme in steady.graphemes(true) {
                let Some(cell) = row.get_mut(column) else {
                    break;
                };
                *cell = template.clone();
                match &opener {
                    Some(opener) => hyperlink::set_linked(cell, opener, grapheme),
                    None => {
                        cell.set_symbol(grapheme);
                    }
                }
                // A wide grapheme's second column stays as ratatui left it.
                column += grapheme.width().max(1);
            }
            x = column.max(x + 1);
        }
    }
}

/// A bordered pane with a title cut to fit.
fn pane_block<'a>(title: &str, focused: bool, theme: &Theme, width: u16) -> Block<'a> {
    let room = usize::from(width).saturating_sub(4);
    let title = truncate_to_width(title, room);
    let block = Block::bordered();
    let block = if theme.ascii_borders {
        block.border_set(ASCII_BORDER)
    } else {
        block
    };
    block
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(ratatui::text::Line::styled(
            format!(" {title} "),
            theme.title,
        ))
}

/// Borders for terminals that draw box-drawing characters double-wide.
const ASCII_BORDER: ratatui::symbols::border::Set = ratatui::symbols::border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// Writes `text` at (x, y), cut to `width` columns, and returns the columns used.
fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, width: usize, style: Style) -> usize {
    if width == 0 {
        return 0;
    }
    let text = truncate_to_width(text, width);
    buf.set_stringn(x, y, &text, width, style);
    display_width(&text)
}

/// Clears `area` for a box drawn over the panes, including the halves of wide characters
/// that straddle its left or right edge, which would otherwise hide its border.
fn clear_box(area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let bounds = buf.area;
    for y in area.top()..area.bottom() {
        if area.left() > bounds.left() {
            let left = &mut buf[(area.left() - 1, y)];
            if display_width(left.symbol()) > 1 {
                left.set_symbol(" ");
            }
        }
        if area.right() < bounds.right() {
            let right = &mut buf[(area.right(), y)];
            if right.symbol().is_empty() {
                right.set_symbol(" ");
            }
        }
    }
}

/// Fills a row of `area` with a style, for highlighted rows.
fn fill_row(buf: &mut Buffer, area: Rect, y: u16, style: Style) {
    buf.set_style(
        Rect {
            x: area.x,
            y,
            width: area.width,
            height: 1,
        },
        style,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_takes_one_cell_per_letter_and_a_selector_emoji_its_own_blank() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 9, 1));
        buf.set_string(0, 0, "a🇯🇵❤\u{FE0F}👩\u{200D}💻b", Style::default());
        steady_emoji(&mut buf);
        let symbols: Vec<&str> = buf.content.iter().map(|cell| cell.symbol()).collect();
        assert_eq!(symbols, ["a", "J", "P", "❤", " ", "👩", " ", "b", " "]);
    }
}
