//! Moving: cursors and scrolls by a line, a page or to an end, in the focused pane or the
//! pane under the pointer; cycling the focus; going back a level.
//!
//! Part of `app`: no input or output here.

use super::{Action, App, Effect, Focus, MarkReadOn, PaneId, both};
use brief_core::marks::MarkChange;

impl App {
    pub(super) fn page_for_focus(&self) -> usize {
        match self.focus {
            Focus::Tags => self.tag_height(),
            Focus::List => self.list_height(),
            Focus::Article => self.article_height(),
        }
    }

    pub(super) fn move_in_focus(&mut self, moved: Move) -> Option<Effect> {
        match self.focus {
            Focus::Tags => {
                self.tag_cursor = self.step_tag_cursor(moved);
                self.keep_tag_cursor_visible();
                None
            }
            Focus::List => {
                let before = self.selected;
                self.selected = step(self.selected, self.view.len(), Some(moved))
                    .min(self.view.len().saturating_sub(1));
                self.keep_list_selection_visible();
                if before != self.selected {
                    self.request_article()
                } else {
                    None
                }
            }
            Focus::Article => {
                let max = self.max_article_scroll();
                let mut at_end = false;
                if let Some(view) = self.article.as_mut() {
                    view.scroll = step(view.scroll, max + 1, Some(moved)).min(max);
                    at_end = view.scroll == max && view.article.is_some();
                }
                if at_end && self.settings.mark_read_on == MarkReadOn::End {
                    let index = self
                        .article
                        .as_ref()
                        .and_then(|v| self.index.position(&v.path))?;
                    if !self.mark_of(index).read {
                        return self.change_mark(index, |id| MarkChange::Read(id, true));
                    }
                }
                None
            }
        }
    }

    pub(super) fn scroll_pane(&mut self, pane: PaneId, delta: i32) -> Option<Effect> {
        let moved = Move::By(delta as isize);
        let focus_before = self.focus;
        self.focus = match pane {
            PaneId::Tags => Focus::Tags,
            PaneId::List => Focus::List,
            PaneId::Article => Focus::Article,
        };
        let effect = self.move_in_focus(moved);
        if self.is_wide() || pane == PaneId::Article {
            self.focus = focus_before;
        }
        effect
    }

    pub(super) fn cycle_focus(&mut self, forward: bool) {
        let mut order = vec![Focus::Tags, Focus::List];
        if self.article.is_some() {
            order.push(Focus::Article);
        }
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(1);
        let next = if forward {
            (at + 1) % order.len()
        } else {
            (at + order.len() - 1) % order.len()
        };
        self.focus = order[next];
    }

    /// `q` (with `quit_from_list`) or `h`/`Esc`: one level up; `q` on the list quits.
    pub(super) fn go_back(&mut self, quit_from_list: bool) -> Option<Effect> {
        match self.focus {
            Focus::Article => {
                self.focus = Focus::List;
                self.remember_position()
            }
            Focus::Tags => {
                self.focus = self.focus_before_tags();
                None
            }
            Focus::List if quit_from_list => {
                self.quitting = true;
                both(self.remember_position(), Some(Effect::Quit))
            }
            Focus::List => {
                if !self.search.input.is_empty() {
                    return self.drop_search();
                }
                None
            }
        }
    }
}

/// A cursor movement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    By(isize),
    Top,
    Bottom,
}

pub(super) fn movement(action: &Action, page: usize) -> Option<Move> {
    let page = page.max(1) as isize;
    Some(match action {
        Action::MoveDown => Move::By(1),
        Action::MoveUp => Move::By(-1),
        Action::MoveTop => Move::Top,
        Action::MoveBottom => Move::Bottom,
        Action::PageDown => Move::By(page),
        Action::PageUp => Move::By(-page),
        Action::HalfPageDown => Move::By((page / 2).max(1)),
        Action::HalfPageUp => Move::By(-(page / 2).max(1)),
        _ => return None,
    })
}

/// `position` moved within `0..len`.
pub(super) fn step(position: usize, len: usize, moved: Option<Move>) -> usize {
    let last = len.saturating_sub(1);
    match moved {
        None => position,
        Some(Move::Top) => 0,
        Some(Move::Bottom) => last,
        Some(Move::By(delta)) => position.saturating_add_signed(delta).min(last),
    }
}
