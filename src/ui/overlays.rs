//! Boxes drawn over the panes: the key help and the link picker.

use super::{Theme, fill_row, pane_block, put};
use crate::app::layout::centered;
use crate::i18n::Catalog;
use crate::render::Article;
use crate::text::{display_width, pad_to_width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

pub struct Help<'a> {
    pub theme: &'a Theme,
    pub words: &'a Catalog,
    pub lines: Vec<(String, String)>,
    pub scroll: usize,
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = &self.lines;
        let keys_width = lines
            .iter()
            .map(|(k, _)| display_width(k))
            .max()
            .unwrap_or(0);
        let text_width = lines
            .iter()
            .map(|(_, d)| display_width(d))
            .max()
            .unwrap_or(0);
        let want_width = (keys_width + text_width + 6) as u16;
        let box_area = centered(area, want_width, lines.len() as u16 + 2);
        let inner = open_box(buf, box_area, self.words.help_title, self.theme);
        let width = usize::from(inner.width);
        // The app keeps `scroll` within `layout::help_rows`; a resize since may have shrunk it.
        let scroll = self
            .scroll
            .min(lines.len().saturating_sub(usize::from(inner.height)));
        for (row, (keys, what)) in lines
            .iter()
            .skip(scroll)
            .take(usize::from(inner.height))
            .enumerate()
        {
            let y = inner.y + row as u16;
            let used = put(
                buf,
                inner.x,
                y,
                &pad_to_width(keys, keys_width.min(width)),
                width,
                self.theme.heading,
            );
            put(
                buf,
                inner.x + used as u16 + 2,
                y,
                what,
                width.saturating_sub(used + 2),
                ratatui::style::Style::new(),
            );
        }
    }
}

pub struct LinkPicker<'a> {
    pub theme: &'a Theme,
    pub words: &'a Catalog,
    pub article: &'a Article,
    pub cursor: usize,
}

impl Widget for LinkPicker<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let links = &self.article.links;
        let box_area = centered(
            area,
            area.width.saturating_sub(4).max(20),
            links.len() as u16 + 2,
        );
        let inner = open_box(buf, box_area, self.words.links_title, self.theme);
        let width = usize::from(inner.width);
        let height = usize::from(inner.height);
        let top = self.cursor.saturating_sub(height.saturating_sub(1));
        let host_width = links
            .iter()
            .map(|l| display_width(&l.host))
            .max()
            .unwrap_or(0)
            .min(width / 3);
        for (row, link) in links.iter().enumerate().skip(top).take(height) {
            let y = inner.y + (row - top) as u16;
            let number = format!("[{}] ", link.number);
            let mut x = inner.x;
            let mut left = width;
            let used = put(buf, x, y, &number, left, self.theme.dim);
            x += used as u16;
            left = left.saturating_sub(used);
            let used = put(
                buf,
                x,
                y,
                &pad_to_width(&link.host, host_width),
                left,
                self.theme.tag,
            );
            x += used as u16 + 1;
            left = left.saturating_sub(used + 1);
            put(buf, x, y, &link.url, left, self.theme.dim);
            if row == self.cursor {
                fill_row(buf, inner, y, self.theme.selected);
            }
        }
    }
}

/// Clears a box over the panes, draws its border and title, and returns its inside.
pub(super) fn open_box(buf: &mut Buffer, area: Rect, title: &str, theme: &Theme) -> Rect {
    super::clear_box(area, buf);
    let block = pane_block(title, true, theme, area.width);
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}
