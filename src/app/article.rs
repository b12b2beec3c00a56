//! The article pane: pointing it at the selected post and asking for it to be rendered at
//! the pane's width unless a rendered copy is at hand.
//!
//! Part of `app`: no input or output here.

use super::{App, ArticleView, Effect, Focus, MarkReadOn, both, days};
use brief_core::marks::MarkChange;

impl App {
    /// `Enter` in the list: the selected post in the article pane, marked read when the
    /// settings say opening reads it.
    pub(super) fn open_selected(&mut self) -> Option<Effect> {
        let &index = self.view.get(self.selected)?;
        self.focus = Focus::Article;
        let load = self.request_article();
        let mark = if self.settings.mark_read_on == MarkReadOn::Open && !self.mark_of(index).read {
            self.change_mark(index, |id| MarkChange::Read(id, true))
        } else {
            None
        };
        match (load, mark) {
            (Some(load), Some(mark)) => Some(Effect::Batch(vec![load, mark])),
            (load, mark) => load.or(mark),
        }
    }

    /// A click on a row of the list selects its post (a day heading does nothing).
    pub(super) fn click_list_row(&mut self, row: usize) -> Option<Effect> {
        let &days::ListRow::Post(position) = self.list_rows.get(self.list_top + row)? else {
            return None;
        };
        self.selected = position;
        self.focus = Focus::List;
        self.request_article()
    }

    pub(crate) fn max_article_scroll(&self) -> usize {
        let lines = self.rendered_article().map_or(0, |a| a.lines.len());
        lines.saturating_sub(self.article_height())
    }

    /// Points the article pane at the selected post (when the article is visible) and asks
    /// for it to be rendered at the current width unless it already is.
    pub(super) fn request_article(&mut self) -> Option<Effect> {
        let article_visible = self.is_wide() || self.focus == Focus::Article;
        if !article_visible {
            return None;
        }
        let post = self.selected_post()?.clone();
        let width = self.article_width();
        let same_post = self.article.as_ref().is_some_and(|v| v.path == post.path);
        let mut saved = None;
        if !same_post {
            saved = self.remember_position();
            let restore = self
                .view
                .get(self.selected)
                .and_then(|&i| self.noted_position(i));
            self.article = Some(ArticleView {
                path: post.path.clone(),
                article: None,
                scroll: 0,
                matches: Vec::new(),
                error: None,
                restore,
                story_pin: None,
            });
        }
        if let Some(article) = self.articles.get(&post, width) {
            if let Some(view) = self.article.as_mut() {
                view.article = Some(article);
            }
            self.restore_position();
            self.find_article_matches();
            return saved;
        }
        if self
            .article
            .as_ref()
            .and_then(|v| v.article.as_ref())
            .is_some_and(|a| a.width == width)
        {
            return saved;
        }
        both(
            saved,
            Some(Effect::LoadArticle {
                post: Box::new(post),
                width,
            }),
        )
    }
}
