//! Boxes drawn over the panes: the key help and the link picker (its links under their
//! stories' headings when the article groups them).

use super::{Theme, fill_row, pane_block, put};
use crate::app::layout::centered;
use brief_core::render::Article;
use brief_core::render::link_groups::group_range;
use brief_i18n::Catalog;
use brief_text::{display_width, pad_to_width};
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
        let rows = picker_rows(self.article);
        let box_area = centered(
            area,
            area.width.saturating_sub(4).max(20),
            rows.len().min(usize::from(u16::MAX) - 2) as u16 + 2,
        );
        let inner = open_box(buf, box_area, self.words.links_title, self.theme);
        let width = usize::from(inner.width);
        let height = usize::from(inner.height);
        let top = picker_top(&rows, self.cursor, height);
        let host_width = links
            .iter()
            .map(|l| display_width(&l.host))
            .max()
            .unwrap_or(0)
            .min(width / 3);
        for (at, row) in rows.iter().enumerate().skip(top).take(height) {
            let y = inner.y + (at - top) as u16;
            let index = match *row {
                PickerRow::Group(group) => {
                    self.group_row(buf, inner, y, group);
                    continue;
                }
                PickerRow::Link(index) => index,
            };
            let Some(link) = links.get(index) else {
                continue;
            };
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
            // The link's text says what it is; the URL gets what room is left.
            if !link.text.trim().is_empty() && left > 8 {
                let text = brief_text::truncate_to_width(link.text.trim(), (left / 2).max(8));
                let used = put(buf, x, y, &text, left, ratatui::style::Style::new());
                x += used as u16 + 1;
                left = left.saturating_sub(used + 1);
            }
            put(buf, x, y, &link.url, left, self.theme.dim);
            if index == self.cursor {
                fill_row(buf, inner, y, self.theme.selected);
            }
        }
    }
}

impl LinkPicker<'_> {
    /// A group's heading row: its story's title (a label for the post's own links or a
    /// story without a title) and host.
    fn group_row(&self, buf: &mut Buffer, inner: Rect, y: u16, group: usize) {
        let Some(group) = self.article.link_groups.get(group) else {
            return;
        };
        let title = match (group.story, group.title.as_str()) {
            (None, _) => self.words.label_links_post,
            (Some(_), "") => self.words.label_untitled_story,
            (Some(_), title) => title,
        };
        let width = usize::from(inner.width);
        let host_width = display_width(&group.host).min(width / 3);
        let title_room = if host_width > 0 {
            width.saturating_sub(host_width + 2)
        } else {
            width
        };
        let used = put(buf, inner.x, y, title, title_room, self.theme.heading);
        if host_width > 0 {
            put(
                buf,
                inner.x + (used + 2) as u16,
                y,
                &group.host,
                host_width,
                self.theme.tag,
            );
        }
    }
}

/// A row of the link picker: a group's heading or a link (indices into the article's link
/// groups and links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PickerRow {
    Group(usize),
    Link(usize),
}

/// The picker's rows: each link, under its group's heading when the article groups its links.
fn picker_rows(article: &Article) -> Vec<PickerRow> {
    let count = article.links.len();
    let groups = &article.link_groups;
    if groups.is_empty() {
        return (0..count).map(PickerRow::Link).collect();
    }
    let mut rows = Vec::with_capacity(count + groups.len());
    for at in 0..groups.len() {
        rows.push(PickerRow::Group(at));
        rows.extend(group_range(groups, at, count).map(PickerRow::Link));
    }
    rows
}

/// The first row shown: the cursor's group from its heading when it fits, else the cursor
/// on the last row; without groups, the cursor on the last row once it is past the first page.
fn picker_top(rows: &[PickerRow], cursor: usize, height: usize) -> usize {
    let Some(at) = rows.iter().position(|r| *r == PickerRow::Link(cursor)) else {
        return 0;
    };
    let lowest = at.saturating_sub(height.saturating_sub(1));
    let Some(heading) = rows[..at]
        .iter()
        .rposition(|r| matches!(r, PickerRow::Group(_)))
    else {
        return lowest;
    };
    if at - heading < height {
        heading.min(rows.len().saturating_sub(height)).max(lowest)
    } else {
        lowest
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

#[cfg(test)]
mod tests {
    use super::PickerRow::{Group, Link};
    use super::*;

    #[test]
    fn the_picker_shows_the_cursors_group_from_its_heading_when_it_fits() {
        let rows = [
            Group(0),
            Link(0),
            Group(1),
            Link(1),
            Link(2),
            Link(3),
            Group(2),
            Link(4),
        ];
        // Everything fits: no scrolling.
        assert_eq!(picker_top(&rows, 4, 8), 0);
        // The second group from its heading.
        assert_eq!(picker_top(&rows, 1, 4), 2);
        assert_eq!(picker_top(&rows, 3, 4), 2);
        // The last group: no empty rows below the list.
        assert_eq!(picker_top(&rows, 4, 4), 4);
        // A group taller than the box: the cursor on the last row.
        assert_eq!(picker_top(&rows, 3, 2), 4);
        // Without groups, as before: the cursor on the last row once past the first page.
        let plain: Vec<PickerRow> = (0..6).map(Link).collect();
        assert_eq!(picker_top(&plain, 2, 4), 0);
        assert_eq!(picker_top(&plain, 5, 4), 2);
    }
}
