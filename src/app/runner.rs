//! The one effect runner: [`settle`] applies an action, walks the [`Effect`] tree `update`
//! returns, hands each side effect to an [`Effects`] implementation, and feeds the actions
//! they report back into the app, first come first served, until nothing is left.
//!
//! The event loop (`tui`) implements [`Effects`] with real workers, the browser, the clipboard
//! and the state files; the tests and the benchmark implement it with in-memory fakes. So all
//! of them walk effects, and order follow-ups, the same way.
//!
//! Follow-ups are applied in the order they were reported (a queue, not a stack), which is
//! the order the event loop's channel delivers them in: what an effect reports at once is
//! applied before what a later sibling in the same batch reports, and a follow-up's own
//! follow-ups wait behind those already queued.
//!
//! Part of `app`: the walking is pure; only the [`Effects`] implementation does input or
//! output, and this module starts no thread.

use super::{Action, App, Effect};
use brief_core::marks::MarkChange;
use brief_core::positions::PositionChange;
use brief_core::store::Post;
use brief_core::stories::seen::SeenChange;
use brief_i18n::Catalog;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;

/// What the loop does after an action has settled; later variants win.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Flow {
    Continue,
    /// Restore the terminal, stop the process, and take the terminal back on `fg`.
    Suspend,
    Quit,
}

/// Carries out the side effects `update` asks for. Each method may report an action to apply
/// next (a rendered article, a save's result, a message); work done in the background reports
/// later, through the event loop, and returns `None` here. `words` is the interface
/// language, for messages.
pub trait Effects {
    /// Open this URL in the browser (already checked to be http, https or mailto).
    fn open_url(&mut self, url: String, words: &'static Catalog) -> Option<Action>;
    /// Put this text on the clipboard (OSC 52).
    fn copy_to_clipboard(&mut self, text: String, words: &'static Catalog) -> Option<Action>;
    /// Read the folder again.
    fn reload(&mut self) -> Option<Action>;
    /// Read and render this post at this width.
    fn load_article(&mut self, post: Post, width: usize) -> Option<Action>;
    /// Search these posts' bodies for `query`, reporting with `generation`.
    fn search_bodies(
        &mut self,
        generation: u64,
        query: String,
        paths: Arc<Vec<PathBuf>>,
    ) -> Option<Action>;
    /// Stop any body search under way.
    fn cancel_search(&mut self) -> Option<Action>;
    /// Record these mark changes.
    fn save_marks(&mut self, changes: Vec<MarkChange>, words: &'static Catalog) -> Option<Action>;
    /// Add this search to the history.
    fn save_search(&mut self, query: String, words: &'static Catalog) -> Option<Action>;
    /// Record where the user left these posts.
    fn save_positions(
        &mut self,
        changes: Vec<PositionChange>,
        words: &'static Catalog,
    ) -> Option<Action>;
    /// Record these stories as seen.
    fn save_seen(&mut self, changes: Vec<SeenChange>, words: &'static Catalog) -> Option<Action>;
    /// Remember whether repeated stories are folded (`z`) for the next run.
    fn save_fold_repeats(&mut self, fold: bool, words: &'static Catalog) -> Option<Action>;
    /// Find the stories of these posts.
    fn find_stories(&mut self, posts: Vec<Post>) -> Option<Action>;
}

/// Applies `action` and everything its effects lead to, as described in the module doc.
/// Every effect runs, even after one asks to quit, so that nothing asked before is lost.
pub fn settle(app: &mut App, action: Action, effects: &mut impl Effects) -> Flow {
    drain(app, VecDeque::from([action]), effects)
}

/// Runs `effect` and applies everything it leads to, as [`settle`] does for an action.
pub fn run(app: &mut App, effect: Effect, effects: &mut impl Effects) -> Flow {
    let mut queue = VecDeque::new();
    let flow = walk(effect, app.words(), effects, &mut queue);
    flow.max(drain(app, queue, effects))
}

fn drain(app: &mut App, mut queue: VecDeque<Action>, effects: &mut impl Effects) -> Flow {
    let mut flow = Flow::Continue;
    while let Some(action) = queue.pop_front() {
        if let Some(effect) = app.update(action) {
            flow = flow.max(walk(effect, app.words(), effects, &mut queue));
        }
    }
    flow
}

/// Runs `effect` (a batch in order), queueing what each part reports.
fn walk(
    effect: Effect,
    words: &'static Catalog,
    effects: &mut impl Effects,
    queue: &mut VecDeque<Action>,
) -> Flow {
    let reported = match effect {
        Effect::Quit => return Flow::Quit,
        Effect::Suspend => return Flow::Suspend,
        Effect::Batch(parts) => {
            return parts
                .into_iter()
                .map(|part| walk(part, words, effects, queue))
                .max()
                .unwrap_or(Flow::Continue);
        }
        Effect::OpenUrl(url) => effects.open_url(url, words),
        Effect::CopyToClipboard(text) => effects.copy_to_clipboard(text, words),
        Effect::Reload => effects.reload(),
        Effect::LoadArticle { post, width } => effects.load_article(*post, width),
        Effect::SearchBodies {
            generation,
            query,
            paths,
        } => effects.search_bodies(generation, query, paths),
        Effect::CancelSearch => effects.cancel_search(),
        Effect::SaveMarks(changes) => effects.save_marks(changes, words),
        Effect::SaveSearch(query) => effects.save_search(query, words),
        Effect::SavePositions(changes) => effects.save_positions(changes, words),
        Effect::SaveSeen(changes) => effects.save_seen(changes, words),
        Effect::SaveFoldRepeats(fold) => effects.save_fold_repeats(fold, words),
        Effect::FindStories(posts) => effects.find_stories(posts),
    };
    queue.extend(reported);
    Flow::Continue
}

mod in_memory;
pub use in_memory::{InMemory, Recorded, RenderFn, SearchFn};

#[cfg(test)]
mod tests;
