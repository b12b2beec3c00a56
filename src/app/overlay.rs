//! The overlays that take the keyboard while open: the help, the link picker and the
//! warnings (the story outline has its own file); what an action means in each.
//!
//! Part of `app`: no input or output here.

use super::navigation::{movement, step};
use super::{Action, App, Effect, Overlay, keymap, layout};

impl App {
    pub(super) fn update_overlay(&mut self, overlay: Overlay, action: Action) -> Option<Effect> {
        match (overlay, action) {
            (_, Action::Back | Action::Quit) => self.overlay = None,
            (Overlay::Stories { cursor }, action) => {
                return self.update_story_outline(cursor, action);
            }
            (Overlay::Help { .. }, Action::ToggleHelp) => self.overlay = None,
            (Overlay::Links { .. }, Action::ShowLinkPicker) => self.overlay = None,
            (Overlay::Warnings { .. }, Action::ShowWarnings) => self.overlay = None,
            (Overlay::Warnings { scroll }, action) => self.scroll_warnings(scroll, &action),
            (Overlay::Help { scroll }, action) => {
                let lines = keymap::help_lines(&self.settings.keymap, self.words()).len();
                let rows = layout::help_rows(self.size, lines);
                let last_top = lines.saturating_sub(rows);
                let scroll = step(scroll, last_top + 1, movement(&action, rows)).min(last_top);
                self.overlay = Some(Overlay::Help { scroll });
            }
            (Overlay::Links { cursor }, Action::OpenSelected) => {
                let url = self
                    .rendered_article()
                    .and_then(|a| a.links.get(cursor))
                    .map(|l| l.url.clone());
                self.overlay = None;
                return url.and_then(|u| self.open_url(u));
            }
            (Overlay::Links { .. }, Action::OpenLinkNumber(n)) => {
                self.overlay = None;
                return self.open_link_number(n);
            }
            (Overlay::Links { .. }, Action::CopyLink) => return self.copy_link(),
            (Overlay::Links { cursor }, action) => {
                let count = self.rendered_article().map_or(0, |a| a.links.len());
                let moved = movement(&action, self.article_height());
                if count > 0 && moved.is_some() {
                    let cursor = step(cursor, count, moved).min(count - 1);
                    self.overlay = Some(Overlay::Links { cursor });
                }
            }
        }
        None
    }
}
