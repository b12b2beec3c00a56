//! Marks: read and starred, changed here at once and saved by the event loop; the unread
//! counts per tag; the view modes that filter by them.
//!
//! Part of `app`: no input or output here.

use super::{App, Effect, ViewMode};
use brief_core::marks::MarkChange;
use brief_i18n::fill;

impl App {
    /// `u`: the post on screen read, or unread again.
    pub(super) fn toggle_read(&mut self) -> Option<Effect> {
        let index = self.post_on_screen()?;
        let read = !self.mark_of(index).read;
        self.change_mark(index, |id| MarkChange::Read(id, read))
    }

    /// `s`: the post on screen starred, or not.
    pub(super) fn toggle_star(&mut self) -> Option<Effect> {
        let index = self.post_on_screen()?;
        let starred = !self.mark_of(index).starred;
        self.change_mark(index, |id| MarkChange::Starred(id, starred))
    }

    /// `v`: all posts, unread ones, starred ones, those with new stories, in turn.
    pub(super) fn cycle_view(&mut self) -> Option<Effect> {
        self.view_mode = match self.view_mode {
            ViewMode::All => ViewMode::Unread,
            ViewMode::Unread => ViewMode::Starred,
            ViewMode::Starred => ViewMode::NewStories,
            ViewMode::NewStories => ViewMode::All,
        };
        self.held = None;
        self.recompute_view();
        let words = self.words();
        let mode = self.view_mode.label(words);
        self.status = Some(fill(words.msg_showing, &[("mode", &mode)]));
        self.request_article()
    }

    pub(super) fn count_unread(&mut self) {
        self.unread_by_tag.clear();
        for index in 0..self.posts.len() {
            if !self.mark_of(index).read {
                for key in &self.index.keys[index] {
                    *self.unread_by_tag.entry(key.clone()).or_default() += 1;
                }
            }
        }
    }

    /// Applies a mark change here and asks for it to be saved.
    pub(super) fn change_mark(
        &mut self,
        index: usize,
        change: impl FnOnce(String) -> MarkChange,
    ) -> Option<Effect> {
        let id = self.index.ids.get(index)?.clone();
        let change = change(id.clone());
        let was_read = self.index.marks[index].read;
        let before = self.index.marks[index];
        self.mark_undo = Some(vec![match &change {
            MarkChange::Read(id, _) => MarkChange::Read(id.clone(), before.read),
            MarkChange::Starred(id, _) => MarkChange::Starred(id.clone(), before.starred),
        }]);
        self.marks.apply(&change);
        let mark = self.marks.get(&id);
        self.index.marks[index] = mark;
        if mark.read != was_read {
            for key in &self.index.keys[index] {
                let count = self.unread_by_tag.entry(key.clone()).or_default();
                *count = if mark.read {
                    count.saturating_sub(1)
                } else {
                    *count + 1
                };
            }
        }
        if self.view_mode != ViewMode::All {
            self.hold_in_view(index);
            self.recompute_view();
        }
        Some(Effect::SaveMarks(vec![change]))
    }
}
