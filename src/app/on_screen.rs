//! Which post "the post" is: the one on screen. Actions on a post (star, read, open its
//! source) act on the post the article pane shows when it is visible, else on the selected
//! one; and a post that stops matching the view (read in the unread view, unstarred in the
//! starred view) stays listed while it is selected, so the list and the article never
//! disagree. It leaves the list once the selection moves off it (as newsboat does).
//!
//! Part of `app`: no input or output here.

use super::{App, Focus};

impl App {
    /// The index in `posts` of the post actions apply to: the article's when the article pane
    /// is visible, else the selected post's.
    pub fn post_on_screen(&self) -> Option<usize> {
        let article_visible = self.is_wide() || self.focus == Focus::Article;
        let shown = self
            .article
            .as_ref()
            .and_then(|v| self.index.position(&v.path));
        match shown {
            Some(index) if article_visible => Some(index),
            _ => self.view.get(self.selected).copied(),
        }
    }

    /// Keeps the post at `index` listed whatever the view mode says, while it is selected.
    pub(super) fn hold_in_view(&mut self, index: usize) {
        if self.view.get(self.selected) == Some(&index) {
            self.held = self.posts.get(index).map(|p| p.path.clone());
        }
    }

    /// The index in `posts` of the post kept listed, if any.
    pub(super) fn held_index(&self) -> Option<usize> {
        self.held.as_ref().and_then(|p| self.index.position(p))
    }

    /// Once the selection has left the held post, drops it from the list when the view mode
    /// no longer admits it. Costs nothing unless a post is held.
    pub(super) fn release_held_if_left(&mut self) {
        let Some(held) = self.held_index() else {
            self.held = None;
            return;
        };
        if self.view.get(self.selected) == Some(&held) {
            return;
        }
        self.held = None;
        if self.admitted_by_mode(held) {
            return;
        }
        if let Some(at) = self.view.iter().position(|&i| i == held) {
            self.view.remove(at);
            if at < self.selected {
                self.selected -= 1;
            }
            self.selected = self.selected.min(self.view.len().saturating_sub(1));
            self.rebuild_rows();
            self.keep_list_selection_visible();
        }
    }

    /// Where `Esc` or `t` from the tag pane goes: back to the article when it was opened from
    /// there (and the article is still open), else to the list.
    pub(super) fn focus_before_tags(&self) -> Focus {
        match self.tags_opened_from {
            Focus::Article if self.article.is_some() => Focus::Article,
            _ => Focus::List,
        }
    }

    /// Whether the view mode (all, unread, starred, new stories) lists the post at `index`.
    pub(super) fn admitted_by_mode(&self, index: usize) -> bool {
        let mark = self.mark_of(index);
        match self.view_mode {
            super::ViewMode::All => true,
            super::ViewMode::Unread => !mark.read,
            super::ViewMode::Starred => mark.starred,
            super::ViewMode::NewStories => self.story_counts(index).is_none_or(|(new, _)| new > 0),
        }
    }
}
