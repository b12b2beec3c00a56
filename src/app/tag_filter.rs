//! The tag pane's cursor and the tag filter: toggling tags, and stepping the filter from one
//! tag to the next. Part of [`App`]'s one writer; no input or output here.

use super::{App, Effect, Move, TagRow, ViewFilter, step};

impl App {
    pub(super) fn step_tag_cursor(&self, moved: Move) -> usize {
        let rows = self.tag_rows.len();
        if rows == 0 {
            return 0;
        }
        let target = step(self.tag_cursor, rows, Some(moved)).min(rows - 1);
        let forward = matches!(moved, Move::By(d) if d > 0) || matches!(moved, Move::Top);
        let is_tag = |i: usize| matches!(self.tag_rows.get(i), Some(TagRow::Tag(_)));
        let mut candidates: Box<dyn Iterator<Item = usize>> = if forward {
            Box::new((target..rows).chain((0..target).rev()))
        } else {
            Box::new((0..=target).rev().chain(target + 1..rows))
        };
        candidates.find(|&i| is_tag(i)).unwrap_or(self.tag_cursor)
    }

    pub(super) fn keep_tag_cursor_visible(&mut self) {
        let height = self.tag_height();
        if self.tag_cursor < self.tag_top {
            // Show the group heading above the first tag of a group.
            self.tag_top = self.tag_cursor.saturating_sub(1);
        } else if self.tag_cursor >= self.tag_top + height {
            self.tag_top = self.tag_cursor + 1 - height;
        }
    }

    pub(super) fn toggle_tag_at_cursor(&mut self) -> Option<Effect> {
        let Some(TagRow::Tag(index)) = self.tag_rows.get(self.tag_cursor) else {
            return None;
        };
        let entry = self.tags.entries[*index].clone();
        self.filter.toggle(entry.kind, &entry.name);
        self.recompute_view();
        self.request_article()
    }

    /// A click on a tag of the tag pane toggles it (a group heading does nothing).
    pub(super) fn click_tag_row(&mut self, row: usize) -> Option<Effect> {
        let Some(TagRow::Tag(_)) = self.tag_rows.get(self.tag_top + row) else {
            return None;
        };
        self.tag_cursor = self.tag_top + row;
        self.toggle_tag_at_cursor()
    }

    /// `J`/`K`: the filter becomes the one tag after (before) the current one in the tag pane.
    pub(super) fn step_tag_filter(&mut self, forward: bool) -> Option<Effect> {
        let tag_positions: Vec<usize> = (0..self.tag_rows.len())
            .filter(|&i| matches!(self.tag_rows[i], TagRow::Tag(_)))
            .collect();
        if tag_positions.is_empty() {
            return None;
        }
        let current = self.filter.single().and_then(|(kind, key)| {
            tag_positions.iter().position(|&row| {
                let TagRow::Tag(i) = self.tag_rows[row] else {
                    return false;
                };
                let entry = &self.tags.entries[i];
                entry.kind == kind && brief_core::store::tag_key(&entry.name) == key
            })
        });
        let next = match (current, forward) {
            (None, true) => 0,
            (None, false) => tag_positions.len() - 1,
            (Some(at), true) => (at + 1) % tag_positions.len(),
            (Some(at), false) => (at + tag_positions.len() - 1) % tag_positions.len(),
        };
        self.tag_cursor = tag_positions[next];
        self.keep_tag_cursor_visible();
        let TagRow::Tag(index) = self.tag_rows[self.tag_cursor] else {
            return None;
        };
        let entry = self.tags.entries[index].clone();
        self.filter = ViewFilter::default();
        self.filter.toggle(entry.kind, &entry.name);
        self.recompute_view();
        self.status = Some(brief_i18n::fill(
            self.words().msg_filter,
            &[("name", &entry.name)],
        ));
        self.request_article()
    }
}
