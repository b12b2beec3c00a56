//! Reading without going back to the list: `n`/`N` open the next or previous unread post of
//! the view (when no search is on), `Space` at the end of an article opens the next unread
//! one, `A` marks every post in view read and `U` undoes the last change of marks.
//!
//! Part of `app`: no input or output here.

use super::messages::Message;
use super::{App, Effect, Focus, MarkReadOn};
use brief_core::marks::MarkChange;

impl App {
    /// Opens the next (`forward`) or previous unread post of the view after the one on screen;
    /// says `none` when there is no such post.
    pub(super) fn open_unread(&mut self, forward: bool, none: Message) -> Option<Effect> {
        let here = self
            .post_on_screen()
            .and_then(|post| self.view.iter().position(|&i| i == post))
            .unwrap_or(self.selected);
        let unread = |&at: &usize| !self.index.marks[self.view[at]].read;
        let found = if forward {
            (here + 1..self.view.len()).find(unread)
        } else {
            (0..here.min(self.view.len())).rev().find(unread)
        };
        let Some(at) = found else {
            self.status = Some(none.text(self.words()));
            return None;
        };
        let post = self.view[at];
        self.selected = at;
        // The post left behind may leave the list now; `selected` follows the move.
        self.release_held_if_left();
        self.keep_list_selection_visible();
        self.open_post(post)
    }

    /// Shows the post at `post` (selected) in the article pane and marks it read as set.
    pub(super) fn open_post(&mut self, post: usize) -> Option<Effect> {
        self.focus = Focus::Article;
        let load = self.request_article();
        let mark = (self.settings.mark_read_on == MarkReadOn::Open && !self.mark_of(post).read)
            .then(|| self.change_mark(post, |id| MarkChange::Read(id, true)))
            .flatten();
        super::both(load, mark)
    }

    /// Whether the article pane is open and scrolled to its last page.
    pub(super) fn article_at_end(&self) -> bool {
        let max = self.max_article_scroll();
        self.article
            .as_ref()
            .is_some_and(|v| v.article.is_some() && v.scroll >= max)
    }

    /// `Space` (a page down) at the end of an article: the next unread post, or a word that
    /// there is none.
    pub(super) fn page_past_the_end(&mut self) -> Option<Effect> {
        self.open_unread(true, Message::EndOfLastUnread)
    }

    /// `A`: every post in view marked read, in one step `U` can undo.
    pub(super) fn mark_view_read(&mut self) -> Option<Effect> {
        let posts: Vec<usize> = self
            .view
            .iter()
            .copied()
            .filter(|&i| !self.index.marks[i].read)
            .collect();
        if posts.is_empty() {
            self.status = Some(Message::NothingToMarkRead.text(self.words()));
            return None;
        }
        let changes: Vec<MarkChange> = posts
            .iter()
            .map(|&i| MarkChange::Read(self.index.ids[i].clone(), true))
            .collect();
        let count = posts.len();
        let effect = self.change_marks(changes);
        self.status = Some(Message::MarkedRead(count).text(self.words()));
        effect
    }

    /// `U`: puts back the marks the last change replaced.
    pub(super) fn undo_marks(&mut self) -> Option<Effect> {
        let Some(undo) = self.mark_undo.take() else {
            self.status = Some(Message::NothingToUndo.text(self.words()));
            return None;
        };
        let count = undo.len();
        let effect = self.change_marks(undo);
        // Undoing is not itself undone by the next `U`.
        self.mark_undo = None;
        self.status = Some(Message::Restored(count).text(self.words()));
        effect
    }

    /// Applies several mark changes at once: one rebuild of the view, one save, one undo step.
    pub(super) fn change_marks(&mut self, changes: Vec<MarkChange>) -> Option<Effect> {
        let mut undo = Vec::with_capacity(changes.len());
        for change in &changes {
            let (MarkChange::Read(id, _) | MarkChange::Starred(id, _)) = change;
            let before = self.marks.get(id);
            undo.push(match change {
                MarkChange::Read(id, _) => MarkChange::Read(id.clone(), before.read),
                MarkChange::Starred(id, _) => MarkChange::Starred(id.clone(), before.starred),
            });
            self.marks.apply(change);
        }
        self.index.refresh_marks(&self.marks);
        self.count_unread();
        if self.view_mode != super::ViewMode::All {
            if let Some(&selected) = self.view.get(self.selected) {
                self.hold_in_view(selected);
            }
            self.recompute_view();
        }
        self.mark_undo = Some(undo);
        Some(Effect::SaveMarks(changes))
    }
}
