//! The list's view: which posts it shows (filters, search, view mode) and keeping the
//! selection on screen.
//!
//! Part of `app`: no input or output here.

use super::{App, ViewMode, days};
use brief_core::store::TagKind;

impl App {
    /// Rebuilds `view` from the filters and search, keeping the selected post selected.
    pub fn recompute_view(&mut self) {
        let selected_post = self.view.get(self.selected).copied();
        self.rebuild_view(selected_post);
    }

    /// Rebuilds `view`, selecting post `keep` (an index into `posts`) when it is still shown.
    pub(super) fn rebuild_view(&mut self, keep: Option<usize>) {
        // Only tag terms: no text to match.
        let searching = !self.search.matched_query.is_empty();
        let held = self.held_index();
        let with_new = self.posts_with_new_stories();
        let (filter, index, search, mode) =
            (&self.filter, &self.index, &self.search, self.view_mode);
        let tag_terms = search.tag_terms.iter().map(|k| (TagKind::Tag, k.as_str()));
        self.view = index
            .posts_with_all(filter.keys().chain(tag_terms))
            .into_iter()
            .filter(|&i| match mode {
                _ if Some(i) == held => true,
                ViewMode::All => true,
                ViewMode::Unread => !index.marks[i].read,
                ViewMode::Starred => index.marks[i].starred,
                ViewMode::NewStories => with_new.get(i).copied().unwrap_or(true),
            })
            .filter(|&i| !searching || search.field_hits[i] || search.body_hits[i])
            .collect();
        self.selected = keep
            .and_then(|post| self.view.iter().position(|&i| i == post))
            .unwrap_or(0);
        self.rebuild_rows();
        self.keep_list_selection_visible();
    }

    pub(super) fn keep_list_selection_visible(&mut self) {
        let height = self.list_height();
        let row = self.selected_row();
        // A day's first post comes with its heading.
        let heading_above =
            row > 0 && matches!(self.list_rows.get(row - 1), Some(days::ListRow::Day(_)));
        let top_wanted = if heading_above && height > 1 {
            row - 1
        } else {
            row
        };
        if top_wanted < self.list_top {
            self.list_top = top_wanted;
        } else if row >= self.list_top + height {
            self.list_top = row + 1 - height;
        }
        self.list_top = self.list_top.min(self.list_rows.len().saturating_sub(1));
    }
}
