//! Rendered articles kept per (post, width), so a reader wraps an article once and then only
//! slices its lines.
//!
//! Knows the article and the post; nothing of the UI.

use super::{Article, MIN_WIDTH, render_article};
use crate::store::Post;
use std::collections::VecDeque;
use std::path::Path;
use std::sync::Arc;

/// Rendered articles, kept per (post, width), newest first, at most `capacity` of them.
///
/// A reader asks for the selected post's article at the pane's width on every frame; this
/// renders it once, so drawing is only slicing [`Article::lines`] (see [`Article::visible`]),
/// as cheap at the end of a 3 MB article as at its top. An entry is used only while the post's
/// fields are unchanged; call [`ArticleCache::invalidate`] when a file's body may have changed.
#[derive(Debug)]
pub struct ArticleCache {
    capacity: usize,
    entries: VecDeque<(Post, usize, Arc<Article>)>,
}

impl Default for ArticleCache {
    fn default() -> Self {
        Self::new(8)
    }
}

impl ArticleCache {
    /// A cache keeping up to `capacity` articles (at least one).
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            entries: VecDeque::new(),
        }
    }

    /// The article of `post` at `width`, if kept.
    pub fn get(&mut self, post: &Post, width: usize) -> Option<Arc<Article>> {
        let width = width.max(MIN_WIDTH);
        let index = self
            .entries
            .iter()
            .position(|(p, w, _)| *w == width && p == post)?;
        let entry = self.entries.remove(index)?;
        let article = Arc::clone(&entry.2);
        self.entries.push_front(entry);
        Some(article)
    }

    /// The kept article, or one rendered now from the body `load` returns.
    pub fn get_or_render<E>(
        &mut self,
        post: &Post,
        width: usize,
        load: impl FnOnce() -> Result<String, E>,
    ) -> Result<Arc<Article>, E> {
        if let Some(article) = self.get(post, width) {
            return Ok(article);
        }
        let body = load()?;
        Ok(self.insert(post, Arc::new(render_article(post, &body, width))))
    }

    /// Keeps `article` (rendered for `post` at `article.width`), dropping the least recently
    /// used beyond capacity.
    pub fn insert(&mut self, post: &Post, article: Arc<Article>) -> Arc<Article> {
        self.entries
            .retain(|(p, w, _)| !(*w == article.width && p == post));
        self.entries
            .push_front((post.clone(), article.width, Arc::clone(&article)));
        self.entries.truncate(self.capacity);
        article
    }

    /// Forgets every article of the file at `path`, or of every file below it.
    pub fn invalidate(&mut self, path: &Path) {
        self.entries.retain(|(p, _, _)| !p.path.starts_with(path));
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
