//! Side effects in memory, for the tests and the benchmark: articles and body searches are
//! answered by the functions the caller gives (or not at all, like workers that answer after
//! the frame), and every request and save is recorded for the caller to look at. The reader
//! itself never uses this; its effects are `tui::effects`.
//!
//! Part of `app`: no input or output here.

use super::Effects;
use crate::app::Action;
use brief_core::marks::MarkChange;
use brief_core::positions::PositionChange;
use brief_core::store::Post;
use brief_core::stories::seen::SeenChange;
use brief_i18n::Catalog;
use std::path::PathBuf;
use std::sync::Arc;

/// Answers an article request: the action to report (`ArticleReady`, `ArticleFailed`), or
/// `None` to report nothing.
pub type RenderFn<'a> = Box<dyn FnMut(&Post, usize) -> Option<Action> + 'a>;

/// Answers a body search with the paths whose bodies match the query, or `None` to report
/// nothing.
pub type SearchFn<'a> = Box<dyn FnMut(&str, &[PathBuf]) -> Option<Vec<PathBuf>> + 'a>;

/// What the app asked of its side effects, in order within each kind.
#[derive(Debug, Default)]
pub struct Recorded {
    pub opened: Vec<String>,
    pub copied: Vec<String>,
    pub reloads: usize,
    pub renders: usize,
    pub searches: Vec<String>,
    pub marks: Vec<MarkChange>,
    pub positions: Vec<PositionChange>,
    pub saved_searches: Vec<String>,
    pub seen: Vec<SeenChange>,
    pub fold_repeats: Vec<bool>,
    pub stories_asked: Vec<Vec<Post>>,
}

/// [`Effects`] in memory; see the module doc.
pub struct InMemory<'a> {
    render: RenderFn<'a>,
    search: SearchFn<'a>,
    pub recorded: Recorded,
}

impl std::fmt::Debug for InMemory<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InMemory")
            .field("recorded", &self.recorded)
            .finish_non_exhaustive()
    }
}

impl<'a> InMemory<'a> {
    /// Answers nothing, records everything.
    pub fn silent() -> Self {
        Self::new(Box::new(|_, _| None), Box::new(|_, _| None))
    }

    pub fn new(render: RenderFn<'a>, search: SearchFn<'a>) -> Self {
        InMemory {
            render,
            search,
            recorded: Recorded::default(),
        }
    }
}

impl Effects for InMemory<'_> {
    fn open_url(&mut self, url: String, _: &'static Catalog) -> Option<Action> {
        self.recorded.opened.push(url);
        None
    }
    fn copy_to_clipboard(&mut self, text: String, _: &'static Catalog) -> Option<Action> {
        self.recorded.copied.push(text);
        None
    }
    fn reload(&mut self) -> Option<Action> {
        self.recorded.reloads += 1;
        None
    }
    fn load_article(&mut self, post: Post, width: usize) -> Option<Action> {
        self.recorded.renders += 1;
        (self.render)(&post, width)
    }
    fn search_bodies(
        &mut self,
        generation: u64,
        query: String,
        paths: Arc<Vec<PathBuf>>,
    ) -> Option<Action> {
        let hits = (self.search)(&query, &paths);
        self.recorded.searches.push(query);
        Some(Action::SearchHits {
            generation,
            paths: hits?,
            done: true,
        })
    }
    fn cancel_search(&mut self) -> Option<Action> {
        None
    }
    fn save_marks(&mut self, changes: Vec<MarkChange>, _: &'static Catalog) -> Option<Action> {
        self.recorded.marks.extend(changes);
        None
    }
    fn save_search(&mut self, query: String, _: &'static Catalog) -> Option<Action> {
        self.recorded.saved_searches.push(query);
        None
    }
    fn save_positions(
        &mut self,
        changes: Vec<PositionChange>,
        _: &'static Catalog,
    ) -> Option<Action> {
        self.recorded.positions.extend(changes);
        None
    }
    fn save_seen(&mut self, changes: Vec<SeenChange>, _: &'static Catalog) -> Option<Action> {
        self.recorded.seen.extend(changes);
        None
    }
    fn save_fold_repeats(&mut self, fold: bool, _: &'static Catalog) -> Option<Action> {
        self.recorded.fold_repeats.push(fold);
        None
    }
    fn find_stories(&mut self, posts: Vec<Post>) -> Option<Action> {
        self.recorded.stories_asked.push(posts);
        None
    }
}
