//! The real side effects of the reader, for [`crate::app::runner`]: the browser, the
//! clipboard, the state files, and requests to the worker threads (the renderer, the body
//! searcher, the loader and the story finder, which report back through the event loop's
//! channel). Saves are done here, on the loop's thread: a few milliseconds, and no mark is
//! lost on quit.

use super::{Message, ReaderOptions, browser, clipboard, stories, workers};
use crate::app::Action;
use crate::app::runner::Effects;
use brief_core::marks::MarkChange;
use brief_core::positions::PositionChange;
use brief_core::store::Post;
use brief_core::stories::cache::StoryCache;
use brief_core::stories::seen::{SeenChange, SeenStore};
use brief_i18n::Catalog;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;

/// The workers' inboxes and what the loop was started with.
pub(super) struct LiveEffects {
    pub tx: Sender<Message>,
    pub load_generation: Arc<AtomicU64>,
    pub renderer: Sender<workers::RenderRequest>,
    pub searcher: Sender<workers::SearchRequest>,
    pub search_generation: Arc<AtomicU64>,
    pub options: ReaderOptions,
}

impl Effects for LiveEffects {
    fn open_url(&mut self, url: String, words: &'static Catalog) -> Option<Action> {
        let message = match browser::open(&url, self.options.config.browser.as_deref(), words) {
            Ok(message) => message,
            Err(error) => error.message(words),
        };
        Some(Action::Notify(message))
    }

    fn copy_to_clipboard(&mut self, text: String, words: &'static Catalog) -> Option<Action> {
        use base64::Engine;
        let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
        let mut out = io::stdout();
        let _ = write!(out, "\x1b]52;c;{encoded}\x07").and_then(|()| out.flush());
        Some(Action::Notify(clipboard::outcome().message(&text, words)))
    }

    fn reload(&mut self) -> Option<Action> {
        self.load_generation.fetch_add(1, Ordering::SeqCst);
        workers::spawn_loader(
            self.options.roots.clone(),
            self.options.cache_dir.clone(),
            self.tx.clone(),
            self.load_generation.clone(),
        );
        None
    }

    fn load_article(&mut self, post: Post, width: usize) -> Option<Action> {
        let _ = self.renderer.send(workers::RenderRequest { post, width });
        None
    }

    fn search_bodies(
        &mut self,
        generation: u64,
        query: String,
        paths: Arc<Vec<PathBuf>>,
    ) -> Option<Action> {
        self.search_generation.store(generation, Ordering::SeqCst);
        let _ = self.searcher.send(workers::SearchRequest {
            generation,
            query,
            paths,
        });
        None
    }

    fn cancel_search(&mut self) -> Option<Action> {
        self.search_generation.fetch_add(1 << 32, Ordering::SeqCst);
        None
    }

    fn save_marks(&mut self, changes: Vec<MarkChange>, words: &'static Catalog) -> Option<Action> {
        Some(match self.options.marks.save(&changes) {
            Ok(marks) => Action::MarksLoaded(marks),
            Err(error) => Action::Notify(error.localized(words)),
        })
    }

    fn save_search(&mut self, query: String, words: &'static Catalog) -> Option<Action> {
        let store =
            brief_core::search_history::HistoryStore::beside_marks(&self.options.marks.path);
        let error = store.add(&query).err()?;
        Some(Action::Notify(error.localized(words)))
    }

    fn save_positions(
        &mut self,
        mut changes: Vec<PositionChange>,
        words: &'static Catalog,
    ) -> Option<Action> {
        let now = jiff::Timestamp::now().as_second();
        for position in changes.iter_mut().filter_map(|(_, p)| p.as_mut()) {
            position.at = now;
        }
        let store = brief_core::positions::PositionStore::beside_marks(&self.options.marks.path);
        let error = store.save(&changes).err()?;
        Some(Action::Notify(error.localized(words)))
    }

    fn save_seen(&mut self, changes: Vec<SeenChange>, words: &'static Catalog) -> Option<Action> {
        Some(
            match SeenStore::beside_marks(&self.options.marks.path).save(&changes) {
                Ok(seen) => Action::SeenLoaded(seen),
                Err(error) => Action::Notify(error.localized(words)),
            },
        )
    }

    fn save_fold_repeats(&mut self, fold: bool, words: &'static Catalog) -> Option<Action> {
        let store =
            brief_core::reader_state::ReaderStateStore::beside_marks(&self.options.marks.path);
        let error = store.set_fold_repeats(fold).err()?;
        Some(Action::Notify(error.localized(words)))
    }

    fn find_stories(&mut self, posts: Vec<Post>) -> Option<Action> {
        let cache = self.options.cache_dir.as_ref().map(|dir| {
            let roots = &self.options.roots;
            (StoryCache::file_for(dir, roots), roots.clone())
        });
        stories::spawn_story_finder(posts, cache, self.tx.clone());
        None
    }
}
