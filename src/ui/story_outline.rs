//! The outline of an article's stories (`O`): one row per story, its number, title, a quiet
//! note (whether it was seen, "seen 02-13" when in an earlier post; "perhaps also: 02-13"
//! where another post's story has a near heading), and the host of its source, the cursor on
//! the story in view.

use super::{Theme, fill_row, overlays::open_box, put};
use crate::app::layout::centered;
use brief_core::render::stories::{Story, source_host};
use brief_i18n::Catalog;
use brief_text::{display_width, pad_to_width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

pub struct StoryOutline<'a> {
    pub theme: &'a Theme,
    pub words: &'a Catalog,
    pub stories: &'a [Story],
    /// Per story, its quiet note, if any ([`crate::app::App::story_outline_notes`]).
    pub notes: &'a [Option<String>],
    pub cursor: usize,
}

impl Widget for StoryOutline<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let stories = self.stories;
        let box_area = centered(
            area,
            area.width.saturating_sub(4).max(20),
            stories.len().min(u16::MAX as usize - 2) as u16 + 2,
        );
        let inner = open_box(buf, box_area, self.words.stories_title, self.theme);
        let width = usize::from(inner.width);
        let height = usize::from(inner.height);
        let top = self.cursor.saturating_sub(height.saturating_sub(1));
        let number_width = stories.len().to_string().len();
        let hosts: Vec<String> = stories
            .iter()
            .skip(top)
            .take(height)
            .map(|s| s.source.as_deref().map(source_host).unwrap_or_default())
            .collect();
        let host_width = hosts
            .iter()
            .map(|h| display_width(h))
            .max()
            .unwrap_or(0)
            .min(width / 3);
        for (row, (story, host)) in stories.iter().skip(top).zip(&hosts).enumerate() {
            let index = top + row;
            let y = inner.y + row as u16;
            let number = format!("{:>number_width$}. ", index + 1);
            let used = put(buf, inner.x, y, &number, width, self.theme.dim);
            let left = width.saturating_sub(used);
            let title_width = left.saturating_sub(host_width + 2);
            let hint = self.notes.get(index).and_then(Option::as_deref);
            // The note takes room from the title only where the title leaves some.
            let hint_width = hint.map_or(0, |h| display_width(h) + 2);
            let (title_room, hint_room) = if title_width >= hint_width + 8 {
                (title_width - hint_width, hint_width)
            } else {
                (title_width, 0)
            };
            let mut title_used = put(
                buf,
                inner.x + used as u16,
                y,
                &pad_to_width(&story.title, title_room),
                title_room,
                self.theme.heading,
            );
            if let (Some(hint), true) = (hint, hint_room > 0) {
                title_used += put(
                    buf,
                    inner.x + (used + title_used + 2) as u16,
                    y,
                    hint,
                    hint_room - 2,
                    self.theme.dim,
                ) + 2;
            }
            put(
                buf,
                inner.x + (used + title_used + 2) as u16,
                y,
                host,
                host_width,
                self.theme.tag,
            );
            if index == self.cursor {
                fill_row(buf, inner, y, self.theme.selected);
            }
        }
    }
}
