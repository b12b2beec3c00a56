//! The box `!` opens: every warning of the start-up, each wrapped to the box so it stays
//! readable whole.

use super::{Theme, put};
use crate::app::App;
use crate::app::layout::centered;
use crate::app::warnings::box_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

pub struct Warnings<'a> {
    pub theme: &'a Theme,
    pub app: &'a App,
    pub scroll: usize,
}

impl Widget for Warnings<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = self.app.warnings_lines();
        let box_area = centered(area, box_width(area.width), lines.len() as u16 + 2);
        let inner =
            super::overlays::open_box(buf, box_area, self.app.words().warnings_title, self.theme);
        let scroll = self
            .scroll
            .min(lines.len().saturating_sub(usize::from(inner.height)));
        for (row, line) in lines
            .iter()
            .skip(scroll)
            .take(usize::from(inner.height))
            .enumerate()
        {
            put(
                buf,
                inner.x,
                inner.y + row as u16,
                line,
                usize::from(inner.width),
                ratatui::style::Style::new(),
            );
        }
    }
}
