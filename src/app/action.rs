//! What the user (or a background worker) wants done, and what `update` asks the event loop
//! to do in return. Actions name intents, never keys: the key map turns keys into these.

use crate::marks::{MarkChange, Marks};
use crate::render::Article;
use crate::store::{Diagnostic, Post};
use crate::stories::seen::{Seen, SeenChange};
use std::path::PathBuf;
use std::sync::Arc;

/// Which pane a pointer event happened over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneId {
    Tags,
    List,
    Article,
}

/// Every change to the reader's state goes through one of these.
#[derive(Debug, Clone)]
pub enum Action {
    /// Move the cursor of the focused pane (or scroll the article) one line down.
    MoveDown,
    /// One line up.
    MoveUp,
    /// To the first item or line.
    MoveTop,
    /// To the last item or line.
    MoveBottom,
    /// A whole page down.
    PageDown,
    /// A whole page up.
    PageUp,
    /// Half a page down (`Ctrl-d`).
    HalfPageDown,
    /// Half a page up (`Ctrl-u`).
    HalfPageUp,
    /// Open the selected post in the article pane (or toggle the tag under the cursor).
    OpenSelected,
    /// Leave the article, the tag pane or an overlay for the level above.
    Back,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrevious,
    /// Focus the tag pane (an overlay on narrow screens).
    FocusTags,
    /// Add or remove the tag under the tag cursor from the filter.
    ToggleTagAtCursor,
    /// Make the filter the next tag of the tag list.
    NextTagFilter,
    /// Make the filter the previous tag of the tag list.
    PreviousTagFilter,
    /// Drop every tag filter and the search.
    ClearFilters,
    /// Begin typing a search.
    StartSearch,
    /// A character typed into the search.
    SearchInput(char),
    /// Delete the search's character before the cursor.
    SearchBackspace,
    /// Move the prompt's cursor, delete a word or the line, recall an earlier search.
    SearchEdit(super::prompt::LineEdit),
    /// Keep the search results and return to the list.
    SearchAccept,
    /// Drop the search.
    SearchCancel,
    /// In an article, jump to the next search match.
    NextMatch,
    /// In an article, jump to the previous search match.
    PreviousMatch,
    /// Open the source of the story in view, else the article's primary link (its source).
    OpenPrimaryLink,
    /// In an article, put the next story's heading at the top.
    NextStory,
    /// In an article, go back to the previous story (or the start of this one).
    PreviousStory,
    /// Show (or hide) the outline of the article's stories.
    ShowStoryOutline,
    /// Fold stories first seen in earlier posts to their headings, or unfold them.
    ToggleFoldRepeats,
    /// Open the article's link with this number (from 1).
    OpenLinkNumber(usize),
    /// Show the picker of every link in the article.
    ShowLinkPicker,
    /// Copy the current link to the clipboard (OSC 52).
    CopyLink,
    /// Mark the selected post read, or unread again.
    ToggleRead,
    /// Star or unstar the selected post.
    ToggleStar,
    /// Show all posts, only unread ones, or only starred ones, in turn.
    CycleView,
    /// Mark every post in view read.
    MarkViewRead,
    /// Put back the marks the last change replaced.
    UndoMarks,
    /// List the start-up's warnings.
    ShowWarnings,
    /// `}`: [`Action::NextDay`] in the list, [`Action::NextStory`] in an article.
    NextSection,
    /// `{`: [`Action::PreviousDay`] in the list, [`Action::PreviousStory`] in an article.
    PreviousSection,
    /// In the list, the first post of the next day.
    NextDay,
    /// In the list, the first post of this day, or of the day before.
    PreviousDay,
    /// Show or hide the key help.
    ToggleHelp,
    /// Read the folder again.
    Reload,
    /// Go back one level; quit from the list.
    Quit,
    /// Quit at once.
    QuitNow,
    /// Stop the process for the shell (`Ctrl-z`).
    Suspend,
    /// The terminal has this many columns and rows.
    Resize(u16, u16),
    /// Scroll the pane under the pointer by this many lines (negative: up).
    ScrollPane(PaneId, i32),
    /// A click on this row of the list's items (0 = first visible item).
    ClickListRow(usize),
    /// A click on this row of the tag pane's items.
    ClickTagRow(usize),

    /// The loader has more posts; `done` when the folder is read.
    PostsLoaded {
        posts: Vec<Post>,
        diagnostics: Vec<Diagnostic>,
        done: bool,
    },
    /// Files under the folder changed on disk: these posts are new or changed, and these
    /// paths (files or folders) are gone.
    PostsChanged {
        updated: Vec<Post>,
        removed: Vec<PathBuf>,
        diagnostics: Vec<Diagnostic>,
    },
    /// The marks as stored on disk (after a save, other processes' changes included).
    MarksLoaded(Marks),
    /// The seen stories as stored on disk.
    SeenLoaded(Seen),
    /// The story keys of some posts (one list of keys per story), found in the background.
    StoriesFound(Vec<(PathBuf, Vec<Vec<String>>)>),
    /// An article has been rendered for a width.
    ArticleReady {
        path: PathBuf,
        width: usize,
        article: Arc<Article>,
    },
    /// An article could not be read.
    ArticleFailed { path: PathBuf, message: String },
    /// Posts whose body contains the search text; `done` when every body was searched.
    SearchHits {
        generation: u64,
        paths: Vec<PathBuf>,
        done: bool,
    },
    /// A message for the status bar (what opened, what failed).
    Notify(String),
}

/// Work `update` asks the event loop to carry out; only the loop touches the terminal,
/// processes and files.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    /// Restore the terminal, stop the process, and take the terminal back on `fg`.
    Suspend,
    /// Open this URL in the browser (already checked to be http, https or mailto).
    OpenUrl(String),
    /// Put this text on the clipboard through the terminal (OSC 52).
    CopyToClipboard(String),
    /// Read the folder again.
    Reload,
    /// Read and render this post at this width.
    LoadArticle {
        post: Box<Post>,
        width: usize,
    },
    /// Search these posts' bodies for `query`; report with this generation.
    SearchBodies {
        generation: u64,
        query: String,
        paths: Arc<Vec<PathBuf>>,
    },
    /// Stop any body search under way.
    CancelSearch,
    /// Record these mark changes in the state file.
    SaveMarks(Vec<MarkChange>),
    /// Add this search to the history kept across restarts.
    SaveSearch(String),
    /// Record where the user left these posts (`None`: forget it).
    SavePositions(Vec<crate::positions::PositionChange>),
    /// Record these stories as seen.
    SaveSeen(Vec<SeenChange>),
    /// Remember whether repeated stories are folded (`z`) for the next run.
    SaveFoldRepeats(bool),
    /// Find the stories of these posts in the background (path, title and format are enough).
    FindStories(Vec<Post>),
    /// Several of the above, in order.
    Batch(Vec<Effect>),
}
