//! The start-up's warnings (config, state files): all kept, counted in the status bar, listed
//! whole by `!` in a box above the status bar.
//!
//! Part of `app`: no input or output here.

use super::messages::Message;
use super::{Action, App, Overlay, layout};

/// The warnings' lines at `width` columns, a blank line between two warnings.
pub fn warning_lines(warnings: &[String], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, warning) in warnings.iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        lines.extend(brief_text::linebreak::wrap(warning, width.max(1)));
    }
    lines
}

/// The warnings box's width on a screen `columns` wide, borders included.
pub fn box_width(columns: u16) -> u16 {
    columns.saturating_sub(4).max(10)
}

impl App {
    /// Keeps the start-up's warnings and says in the status bar what there is.
    pub fn set_warnings(&mut self, warnings: Vec<String>) {
        self.status = match warnings.as_slice() {
            [] => None,
            [only] => Some(only.clone()),
            many => Some(Message::Warnings(many.len()).text(self.words())),
        };
        self.warnings = warnings;
    }

    /// The warnings box's lines at the current size.
    pub fn warnings_lines(&self) -> Vec<String> {
        warning_lines(
            &self.warnings,
            usize::from(box_width(self.size.width).saturating_sub(2)),
        )
    }

    /// `!`: opens the list of warnings.
    pub(super) fn show_warnings(&mut self) {
        if self.warnings.is_empty() {
            self.status = Some(Message::NoWarnings.text(self.words()));
        } else {
            self.overlay = Some(Overlay::Warnings { scroll: 0 });
        }
    }

    /// A key in the warnings box: scrolls it.
    pub(super) fn scroll_warnings(&mut self, scroll: usize, action: &Action) {
        let lines = self.warnings_lines().len();
        let rows = layout::help_rows(self.size, lines);
        let last_top = lines.saturating_sub(rows);
        let scroll = super::step(scroll, last_top + 1, super::movement(action, rows)).min(last_top);
        self.overlay = Some(Overlay::Warnings { scroll });
    }
}
