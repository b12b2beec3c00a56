//! Links: opening one by number or the source, copying the current one; only web and mail
//! links are handed to a browser.
//!
//! Part of `app`: no input or output here.

use super::{App, Effect, Overlay};
use brief_i18n::fill;
use std::path::Path;

impl App {
    /// The link `y` copies: the picker's, else the article's primary, else the post's source.
    pub fn current_link(&self) -> Option<String> {
        if let (Some(Overlay::Links { cursor }), Some(article)) =
            (self.overlay, self.rendered_article())
        {
            return article.links.get(cursor).map(|l| l.url.clone());
        }
        if let Some(link) = self.rendered_article().and_then(|a| a.primary()) {
            return Some(link.url.clone());
        }
        self.post_on_screen()
            .and_then(|i| self.posts[i].source.clone())
    }

    /// Every string of the interface language.
    pub fn words(&self) -> &'static brief_i18n::Catalog {
        self.settings.language.catalog()
    }

    /// `f`: the picker of every link, starting at the story in view.
    pub(super) fn show_link_picker(&mut self) {
        match self.rendered_article() {
            Some(a) if !a.links.is_empty() => {
                let cursor = self
                    .first_link_of_story_in_view()
                    .unwrap_or_else(|| self.first_link_in_view());
                self.overlay = Some(Overlay::Links { cursor });
            }
            _ => self.status = Some(self.words().msg_no_links.into()),
        }
    }

    pub(super) fn open_link_number(&mut self, number: usize) -> Option<Effect> {
        let url = self
            .rendered_article()
            .and_then(|a| a.link(number))
            .map(|l| l.url.clone());
        match url {
            Some(url) => self.open_url(url),
            None => {
                self.status = Some(fill(self.words().msg_no_link_number, &[("n", &number)]));
                None
            }
        }
    }

    pub(super) fn open_url(&mut self, url: String) -> Option<Effect> {
        if is_openable(&url) {
            Some(Effect::OpenUrl(url))
        } else {
            let url = brief_text::truncate_to_width(&url, 60);
            self.status = Some(fill(self.words().msg_refused, &[("url", &url)]));
            None
        }
    }

    pub(super) fn copy_link(&mut self) -> Option<Effect> {
        match self.current_link() {
            Some(url) => Some(Effect::CopyToClipboard(url)),
            None => {
                self.status = Some(self.words().msg_no_link_to_copy.into());
                None
            }
        }
    }

    /// Whether a post is the one at `path`.
    pub fn is_article(&self, path: &Path) -> bool {
        self.article.as_ref().is_some_and(|v| v.path == path)
    }
}

/// Only web and mail links are handed to a browser.
pub fn is_openable(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}
