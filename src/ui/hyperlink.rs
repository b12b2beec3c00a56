//! OSC 8 hyperlinks on the cells of an article's links.
//!
//! ratatui's diff redraws single cells, so each cell of a link is wrapped in its own OSC 8
//! open and close, all with the same `id=` parameter: terminals join the cells into one link
//! (also across lines, for a wrapped link) and a partial redraw keeps it. The escapes are
//! not text: each wrapped cell is given the width of its symbol
//! ([`CellDiffOption::ForcedWidth`]) so the diff does not count them as columns.
//!
//! Whether the terminal takes hyperlinks is decided by `tui`; this module only draws them
//! when told to, and must not look at the terminal or the environment.

use crate::app::is_openable;
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use std::num::NonZeroU16;
use unicode_width::UnicodeWidthStr;

/// How every wrapped cell starts.
const OPEN_START: &str = "\x1b]8;id=brief-";
/// The string terminator of both escapes.
const TERMINATOR: &str = "\x1b\\";
/// How every wrapped cell ends.
const CLOSE: &str = "\x1b]8;;\x1b\\";

/// The opening escape of link `index` to `url`, or `None` when the URL is not one to hand to
/// a terminal (only web and mail links are, and never one holding a control character:
/// post text is sanitised before layout, so that would be a bug, shown as plain text).
pub fn opener(index: u32, url: &str) -> Option<String> {
    if !is_openable(url) || url.chars().any(char::is_control) {
        return None;
    }
    Some(format!("{OPEN_START}{index};{url}{TERMINATOR}"))
}

/// Wraps the cells of row `y` from `from` to `to` (exclusive) in `opener` (see [`opener`]).
/// The second column of a wide character is left alone: ratatui never draws it.
pub fn link_cells(buf: &mut Buffer, y: u16, from: u16, to: u16, opener: &str) {
    let mut x = from;
    while x < to {
        let Some(cell) = buf.cell_mut((x, y)) else {
            return;
        };
        let width = wrap(cell, opener);
        x += width.max(1);
    }
}

/// Wraps one cell; returns the columns its symbol takes.
fn wrap(cell: &mut Cell, opener: &str) -> u16 {
    let symbol = cell.symbol();
    let width = u16::try_from(symbol.width()).unwrap_or(1).max(1);
    let wrapped = format!("{opener}{symbol}{CLOSE}");
    cell.set_symbol(&wrapped);
    cell.set_diff_option(CellDiffOption::ForcedWidth(
        NonZeroU16::new(width).expect("at least 1"),
    ));
    width
}

/// The opening escape and the text of a wrapped cell's symbol; `None` for any other symbol.
pub fn split(symbol: &str) -> Option<(&str, &str)> {
    if !symbol.starts_with(OPEN_START) {
        return None;
    }
    let inner = symbol.strip_suffix(CLOSE)?;
    let end = inner.find(TERMINATOR)? + TERMINATOR.len();
    Some((&inner[..end], &inner[end..]))
}

/// Sets `cell` to `text` inside the link `opener` opens.
pub fn set_linked(cell: &mut Cell, opener: &str, text: &str) {
    cell.set_symbol(text);
    wrap(cell, opener);
}

/// Forgets the forced width of cells that something drawn later (an overlay) overwrote with
/// plain text, so the diff measures them again.
pub fn settle(buf: &mut Buffer) {
    for cell in &mut buf.content {
        if matches!(cell.diff_option, CellDiffOption::ForcedWidth(_))
            && split(cell.symbol()).is_none()
        {
            cell.set_diff_option(CellDiffOption::None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn only_web_and_mail_links() {
        assert!(opener(0, "https://a.example/").is_some());
        assert!(opener(1, "mailto:x@a.example").is_some());
        assert_eq!(opener(2, "file:///etc/passwd"), None);
        assert_eq!(opener(3, "/relative"), None);
        assert_eq!(opener(4, "https://a.example/\x1b]0;x\x07"), None);
    }

    #[test]
    fn wrapped_cells_split_back_and_keep_their_width() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf.set_string(0, 0, "链a", ratatui::style::Style::new());
        let open = opener(7, "https://a.example/x").unwrap();
        link_cells(&mut buf, 0, 0, 3, &open);
        let first = &buf[(0, 0)];
        assert_eq!(split(first.symbol()), Some((open.as_str(), "链")));
        assert_eq!(
            first.diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::new(2).unwrap())
        );
        assert_eq!(split(buf[(2, 0)].symbol()), Some((open.as_str(), "a")));
        assert_eq!(split(buf[(3, 0)].symbol()), None);
        buf[(2, 0)].set_symbol("b");
        settle(&mut buf);
        assert_eq!(buf[(2, 0)].diff_option, CellDiffOption::None);
        assert_ne!(buf[(0, 0)].diff_option, CellDiffOption::None);
    }
}
