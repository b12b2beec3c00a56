//! The status bar: posts in view, filters, the search prompt, loading progress, messages and
//! a key hint.

use super::{Theme, put};
use crate::app::App;
use brief_i18n::fill;
use brief_text::display_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

pub struct StatusBar<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let app = self.app;
        let words = app.settings.language.catalog();
        buf.set_style(area, self.theme.status);
        let mut left = format!("{}/{}", app.view.len(), app.posts.len());
        if !app.loading.done {
            left.push(' ');
            left.push_str(words.loading);
        }
        if app.view_mode != crate::app::ViewMode::All {
            left.push(' ');
            left.push_str(app.view_mode.label(words));
        }
        for name in app.filter.names() {
            left.push_str(" #");
            left.push_str(name);
        }
        if app.search.editing || !app.search.input.is_empty() {
            left.push_str(" /");
            if app.search.editing {
                // The cursor where the next character goes.
                let at = app
                    .search
                    .input
                    .char_indices()
                    .nth(app.search.cursor)
                    .map_or(app.search.input.len(), |(at, _)| at);
                left.push_str(&app.search.input[..at]);
                left.push('▏');
                left.push_str(&app.search.input[at..]);
            } else {
                left.push_str(&app.search.input);
            }
            if !app.search.editing && !app.search.bodies_done {
                left.push(' ');
                left.push_str(words.status_searching);
            }
        }
        if (app.focus == crate::app::Focus::Article || app.is_wide())
            && let Some(story) = app.story_status()
        {
            left.push_str(" · ");
            left.push_str(&story);
        }
        if app.loading.files_with_errors > 0 && app.status.is_none() {
            left.push_str(" · ");
            left.push_str(&fill(
                words.status_problems,
                &[("n", &app.loading.files_with_errors)],
            ));
        }
        let hint = if app.search.editing {
            words.hint_search
        } else {
            words.hint_main
        };
        let width = usize::from(area.width);
        let hint_width = display_width(hint);
        let room = if width > hint_width + 20 {
            width - hint_width - 1
        } else {
            width
        };
        let used = put(buf, area.x, area.y, &left, room, self.theme.status);
        if let Some(message) = &app.status {
            let x = area.x + used as u16 + 1;
            put(
                buf,
                x,
                area.y,
                message,
                room.saturating_sub(used + 1),
                self.theme.status_message,
            );
        }
        if room < width {
            put(
                buf,
                area.x + (width - hint_width) as u16,
                area.y,
                hint,
                hint_width,
                self.theme.status,
            );
        }
    }
}
