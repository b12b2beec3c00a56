//! The tag pane: tags, then categories, with post counts; selected ones marked.

use super::{Theme, fill_row, pane_block, put};
use crate::app::{App, TagRow};
use brief_core::store::TagKind;
use brief_text::{display_width, pad_to_width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

pub struct TagPane<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
    pub focused: bool,
}

impl Widget for TagPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let words = app.settings.language.catalog();
        let block = pane_block(words.pane_tags, self.focused, self.theme, area.width);
        let inner = block.inner(area);
        block.render(area, buf);
        let width = usize::from(inner.width);
        if width == 0 {
            return;
        }
        let mut inner = inner;
        let has_tags = app.tags.entries.iter().any(|e| e.kind == TagKind::Tag);
        if !has_tags && inner.height > 0 {
            // Instead of a blank pane: what there is not, and what is offered instead.
            let message = if app.tag_rows.is_empty() {
                words.tags_none
            } else {
                words.tags_none_but_categories
            };
            put(buf, inner.x, inner.y, message, width, self.theme.dim);
            inner.y += 1;
            inner.height -= 1;
        }
        let rows = app
            .tag_rows
            .iter()
            .enumerate()
            .skip(app.tag_top)
            .take(usize::from(inner.height));
        for (row, (position, tag_row)) in rows.enumerate() {
            let y = inner.y + row as u16;
            match *tag_row {
                TagRow::Heading(kind) => {
                    let label = match kind {
                        TagKind::Tag => words.tag_group_tags,
                        TagKind::Category => words.tag_group_categories,
                    };
                    put(buf, inner.x, y, label, width, self.theme.heading);
                }
                TagRow::Tag(index) => {
                    let entry = &app.tags.entries[index];
                    let chosen = app.filter.is_selected(entry.kind, &entry.name);
                    let count = format!(
                        "{}/{}",
                        app.unread_count(entry.kind, &entry.name),
                        entry.count
                    );
                    let mark = if chosen { "● " } else { "  " };
                    let name_width = width.saturating_sub(display_width(&count) + 3);
                    let x = inner.x + put(buf, inner.x, y, mark, width, self.theme.tag) as u16;
                    let style = if chosen {
                        self.theme.tag_selected
                    } else {
                        self.theme.tag
                    };
                    put(
                        buf,
                        x,
                        y,
                        &pad_to_width(&entry.name, name_width),
                        name_width,
                        style,
                    );
                    let cx = inner.x + (width - display_width(&count).min(width)) as u16;
                    if name_width > 0 {
                        put(buf, cx, y, &count, width, self.theme.count);
                    }
                    if self.focused && position == app.tag_cursor {
                        fill_row(buf, inner, y, self.theme.selected);
                    }
                }
            }
        }
    }
}
