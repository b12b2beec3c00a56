//! Reading an article story by story: `}`/`{` put the next or previous story's heading at the
//! top of the pane, `o` opens the source of the story in view, `O` lists the stories to jump
//! to, and the status bar names the story in view.
//!
//! The story in view is the last one whose heading is at or above the pane's top line; above
//! the first story there is none, and `o` opens the post's source. Near the end of an
//! article a story's heading cannot reach the top: a jump there remembers the story it went
//! to for as long as the pane stays scrolled where the jump left it.
//!
//! Depends on the app's state and the rendered [`brief_core::render::Article`]; draws nothing.

mod lines;
mod near_hint;
mod outline_notes;
mod seen;
mod view;

#[cfg(test)]
mod tests;

use brief_core::stories::PostStory;
use brief_core::stories::sections::RecurringHeadings;
use brief_core::stories::seen::{FoundKeys, Seen};
use std::collections::HashSet;
use std::sync::Arc;

/// Seen stories, as on disk, and the keys this process has asked to record.
#[derive(Debug, Default)]
pub struct StoryState {
    pub seen: Seen,
    recorded: HashSet<String>,
    /// `z`: stories seen in earlier posts are folded.
    pub fold: bool,
    pub(super) folded: Option<super::fold::Folded>,
    /// The article last checked for being all repeats.
    read_checked: Option<std::path::PathBuf>,
    /// Per post, the keys of each of its stories, as the background finder reports them.
    pub keys_by_post: std::collections::HashMap<std::path::PathBuf, Vec<FoundKeys>>,
    /// The days over which each heading key comes back, from the finder's reports: a heading
    /// over more than a week of posts names a section and matches nothing.
    pub recurring: RecurringHeadings,
    /// The number of posts whose stories were asked for (asked again when it changes).
    requested_for: Option<usize>,
    /// [`App::stories_with_lines`] of the article last asked about: worked out once per
    /// article, not on every key.
    lines_memo: std::cell::RefCell<Option<LinesMemo>>,
}

impl StoryState {
    /// When `story`, carried by post `post` of day `day`, was first seen in an earlier post
    /// ([`Seen::seen_before`]); never for a recurring section's story, which is new each time.
    pub fn seen_before(
        &self,
        story: &PostStory,
        post: &str,
        day: Option<jiff::civil::Date>,
    ) -> Option<jiff::civil::Date> {
        if self.in_section(story.heading_key.as_deref()) {
            return None;
        }
        self.seen.seen_before(story, post, day)
    }

    /// Whether a story of folded heading `heading` belongs to a section its digest repeats
    /// over more than a week of posts ([`brief_core::stories::sections`]): such a story is
    /// of its post only, matched neither by heading nor by source.
    pub fn in_section(&self, heading: Option<&str>) -> bool {
        heading.is_some_and(|heading| self.recurring.is_section(heading))
    }
}

/// The stories and line ranges of one laid-out article of one post.
#[derive(Debug)]
struct LinesMemo {
    article: Arc<brief_core::render::Article>,
    post: std::path::PathBuf,
    lines: StoryLines,
}

/// Each story of an article with its identity, and the lines it covers.
pub(super) type StoryLines = Arc<Vec<(PostStory, std::ops::Range<usize>)>>;
