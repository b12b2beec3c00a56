//! Posts arriving: a batch from the loader, files changed on disk, marks changed; what is
//! derived from the posts (order, index, tags, unread counts) brought up to date.
//!
//! Part of `app`: no input or output here.

use super::index::PostIndex;
use super::navigation::Move;
use super::{App, Effect, SortOrder, TagRow, both, view};
use brief_core::store::{Diagnostic, Post, TagIndex, unify_spellings};
use std::path::{Path, PathBuf};

impl App {
    /// `r`: read the folder again; the posts are replaced when the first batch arrives.
    pub(super) fn reload(&mut self) -> Option<Effect> {
        self.replace_on_next_batch = true;
        self.loading.done = false;
        self.status = Some(self.words().msg_reloading.into());
        self.status_until_loaded = true;
        Some(Effect::Reload)
    }

    pub(super) fn posts_loaded(
        &mut self,
        posts: Vec<Post>,
        diagnostics: Vec<Diagnostic>,
        done: bool,
    ) -> Option<Effect> {
        let selected_before = self.selected_post().map(|p| p.path.clone());
        let reloaded = std::mem::take(&mut self.replace_on_next_batch);
        if reloaded {
            self.posts.clear();
            self.diagnostics.clear();
            self.articles.clear();
            // The open article is laid out again from the file as it is now.
            if let Some(view) = self.article.as_mut() {
                view.article = None;
            }
        }
        // A file the watcher already delivered may arrive again from the loader.
        let incoming: std::collections::HashSet<&Path> =
            posts.iter().map(|p| p.path.as_path()).collect();
        self.posts.retain(|p| !incoming.contains(p.path.as_path()));
        self.posts.extend(posts);
        self.diagnostics.extend(diagnostics);
        self.posts_replaced(selected_before.clone());
        self.loading.done = done;
        // "reloading…" says work is under way; it goes when the work ends.
        if done && std::mem::take(&mut self.status_until_loaded) {
            self.status = None;
        }
        let search_effect = (done && !self.search.input.is_empty())
            .then(|| self.search_changed())
            .flatten();
        let selected_after = self.selected_post().map(|p| p.path.clone());
        if reloaded || selected_before != selected_after || self.article.is_none() {
            return both(self.request_article(), search_effect);
        }
        search_effect
    }

    /// Brings everything derived from `posts` up to date after posts were added or removed,
    /// selecting the post at `selected`, taken before `posts` changed: sorting moves posts, so
    /// the selection is kept by path.
    pub(super) fn posts_replaced(&mut self, selected: Option<PathBuf>) {
        unify_spellings(&mut self.posts);
        sort_posts(&mut self.posts, self.settings.sort);
        self.index = PostIndex::build(&self.posts, &self.roots, &self.marks);
        self.search.body_hits = vec![false; self.posts.len()];
        let terms = brief_core::store::SearchTerms::parse(&self.search.input);
        self.search.matched_query = terms.text.join("\n");
        self.search.field_hits = self.index.fields_matching_all(&terms.text, None);
        self.search.tag_terms = terms.tags;
        self.search.earlier.clear();
        self.tags = TagIndex::build(&self.posts);
        self.tag_rows = view::tag_rows(&self.tags);
        self.tag_cursor = self.tag_cursor.min(self.tag_rows.len().saturating_sub(1));
        if matches!(self.tag_rows.get(self.tag_cursor), Some(TagRow::Heading(_))) {
            self.tag_cursor = self.step_tag_cursor(Move::By(1));
        }
        // Fewer tags than before may leave the pane scrolled past its last row.
        self.tag_top = self.tag_top.min(self.tag_rows.len().saturating_sub(1));
        self.keep_tag_cursor_visible();
        self.loading.files_with_errors = self
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| &d.path)
            .collect::<std::collections::HashSet<_>>()
            .len();
        self.count_unread();
        let keep = selected.and_then(|path| self.index.position(&path));
        self.rebuild_view(keep);
    }

    /// Files changed on disk: replace, add and remove those posts, keeping the selection and
    /// the article's scroll position, and searching the bodies again when a search is on.
    pub(super) fn posts_changed(
        &mut self,
        updated: Vec<Post>,
        removed: Vec<PathBuf>,
        diagnostics: Vec<Diagnostic>,
    ) -> Option<Effect> {
        let selected = self.selected_post().map(|p| p.path.clone());
        let touched: Vec<PathBuf> = updated
            .iter()
            .map(|p| p.path.clone())
            .chain(removed.iter().cloned())
            .collect();
        self.posts
            .retain(|p| !touched.iter().any(|t| p.path.starts_with(t)));
        self.diagnostics
            .retain(|d| !touched.iter().any(|t| d.path.starts_with(t)));
        for path in &touched {
            self.articles.invalidate(path);
        }
        self.posts.extend(updated);
        self.diagnostics.extend(diagnostics);
        self.posts_replaced(selected);
        // Rebuilding forgot which bodies matched.
        let search_effect = if self.search.input.is_empty() {
            None
        } else {
            self.search_changed()
        };
        let article_touched = self
            .article
            .as_ref()
            .is_some_and(|v| touched.iter().any(|t| v.path.starts_with(t)));
        if article_touched {
            if let Some(view) = self.article.as_mut() {
                view.article = None;
            }
            return both(self.request_article(), search_effect);
        }
        search_effect
    }
}

/// Orders posts as the settings say; ties by path.
pub(super) fn sort_posts(posts: &mut [Post], order: SortOrder) {
    match order {
        SortOrder::Newest => brief_core::store::sort_newest_first(posts),
        SortOrder::Oldest => {
            brief_core::store::sort_newest_first(posts);
            let undated = posts.iter().rev().take_while(|p| p.date.is_none()).count();
            let dated = posts.len() - undated;
            posts[..dated].reverse();
        }
        SortOrder::Title => {
            posts.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.path.cmp(&b.path)))
        }
    }
}
