//! What the user (or a background worker) wants done, and what `update` asks the event loop
//! to do in return. Actions name intents, never keys: the key map turns keys into these.
//!
//! The commands a user can bind keys to are declared once, in the `commands!` table below:
//! each line gives the action, its name in the config file's `[keys]` table, the catalog key
//! of its description (for the help and `brief config`) and its default keys. From that one
//! line come a unit variant of [`Action`], a variant of [`Command`] of the same name, and
//! every `match` that maps between them, so a new command is one line (and one catalog key)
//! and names cannot drift. The table's order is the order of the help and of `brief config`.
//!
//! Actions that carry data (a typed character, a click's row, a worker's result) or that no
//! key names (`NextDay`, reached through `next_section`) are not commands: they are listed
//! after the table in the same `Action` enum, so `update` still has one type to match on.
//! A declarative macro was chosen over strum's derives because a description is a field of
//! the catalog struct, which the compiler then checks, where strum would hold it as a string.
//!
//! Part of `app`: no input or output, no terminal library.

use brief_core::marks::{MarkChange, Marks};
use brief_core::render::Article;
use brief_core::store::{Diagnostic, Post};
use brief_core::stories::seen::{Seen, SeenChange};
use brief_i18n::Catalog;
use std::path::PathBuf;
use std::sync::Arc;

/// Which pane a pointer event happened over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneId {
    Tags,
    List,
    Article,
}

/// Declares [`Action`] and [`Command`] from one table; see the module doc.
macro_rules! commands {
    (
        $(
            $(#[$doc:meta])*
            $command:ident = $name:literal, $describe:ident, [$($key:literal),*];
        )*
        @data { $($data:tt)* }
    ) => {
        /// Every change to the reader's state goes through one of these.
        #[derive(Debug, Clone)]
        pub enum Action {
            $( $(#[$doc])* $command, )*
            $($data)*
        }

        /// A command the user can bind keys to: the actions of the `commands!` table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $( $(#[$doc])* $command, )*
        }

        impl Command {
            /// Every command, in the order of the help and of `brief config`.
            pub const ALL: &'static [Command] = &[$(Command::$command),*];

            /// The command's name in the config file's `[keys]` table.
            pub fn name(self) -> &'static str {
                match self {
                    $(Command::$command => $name,)*
                }
            }

            /// What the command does, for the help and `brief config`.
            pub fn describe(self, words: &Catalog) -> &'static str {
                match self {
                    $(Command::$command => words.$describe,)*
                }
            }

            /// The keys bound to the command when the config binds none, as written there.
            pub fn default_keys(self) -> &'static [&'static str] {
                match self {
                    $(Command::$command => &[$($key),*],)*
                }
            }

            /// The action the command asks for.
            pub fn action(self) -> Action {
                match self {
                    $(Command::$command => Action::$command,)*
                }
            }
        }
    };
}

commands! {
    /// Move the cursor of the focused pane (or scroll the article) one line down.
    MoveDown = "move_down", key_move_down, ["j", "Down"];
    /// One line up.
    MoveUp = "move_up", key_move_up, ["k", "Up"];
    /// To the first item or line.
    MoveTop = "top", key_top, ["g", "Home"];
    /// To the last item or line.
    MoveBottom = "bottom", key_bottom, ["G", "End"];
    /// Half a page down (`Ctrl-d`).
    HalfPageDown = "half_page_down", key_half_page_down, ["Ctrl-d"];
    /// Half a page up (`Ctrl-u`).
    HalfPageUp = "half_page_up", key_half_page_up, ["Ctrl-u"];
    /// A whole page down.
    PageDown = "page_down", key_page_down, ["PageDown", "Space"];
    /// A whole page up.
    PageUp = "page_up", key_page_up, ["PageUp"];
    /// Open the selected post in the article pane (or toggle the tag under the cursor).
    OpenSelected = "open", key_open, ["Enter", "l", "Right"];
    /// Leave the article, the tag pane or an overlay for the level above.
    Back = "back", key_back, ["h", "Esc", "Left"];
    /// Focus the next pane.
    FocusNext = "focus_next", key_focus_next, ["Tab"];
    /// Focus the previous pane.
    FocusPrevious = "focus_previous", key_focus_previous, ["Shift-Tab"];
    /// Focus the tag pane (an overlay on narrow screens).
    FocusTags = "focus_tags", key_focus_tags, ["t"];
    /// Add or remove the tag under the tag cursor from the filter.
    ToggleTagAtCursor = "toggle_tag", key_toggle_tag, ["Space", "Enter"];
    /// Make the filter the next tag of the tag list.
    NextTagFilter = "next_tag", key_next_tag, ["J", "]"];
    /// Make the filter the previous tag of the tag list.
    PreviousTagFilter = "previous_tag", key_previous_tag, ["K", "["];
    /// Drop every tag filter and the search.
    ClearFilters = "clear_filters", key_clear_filters, ["c"];
    /// Begin typing a search.
    StartSearch = "search", key_search, ["/"];
    /// In an article, jump to the next search match.
    NextMatch = "next_match", key_next_match, ["n"];
    /// In an article, jump to the previous search match.
    PreviousMatch = "previous_match", key_previous_match, ["N"];
    /// Open the source of the story in view, else the article's primary link (its source).
    OpenPrimaryLink = "open_link", key_open_link, ["o"];
    /// Show (or hide) the outline of the article's stories.
    ShowStoryOutline = "story_outline", key_story_outline, ["O"];
    /// Fold stories first seen in earlier posts to their headings, or unfold them.
    ToggleFoldRepeats = "fold_repeats", key_fold_repeats, ["z"];
    /// Show the picker of every link in the article.
    ShowLinkPicker = "link_picker", key_link_picker, ["f"];
    /// Copy the current link to the clipboard (OSC 52).
    CopyLink = "copy_link", key_copy_link, ["y"];
    /// Mark the selected post read, or unread again.
    ToggleRead = "toggle_read", key_toggle_read, ["u"];
    /// Star or unstar the selected post.
    ToggleStar = "toggle_star", key_toggle_star, ["s"];
    /// Show all posts, only unread ones, or only starred ones, in turn.
    CycleView = "cycle_view", key_cycle_view, ["v"];
    /// Mark every post in view read.
    MarkViewRead = "mark_view_read", key_mark_view_read, ["A"];
    /// Put back the marks the last change replaced.
    UndoMarks = "undo_marks", key_undo_marks, ["U"];
    /// `}`: [`Action::NextDay`] in the list, [`Action::NextStory`] in an article.
    NextSection = "next_section", key_next_section, ["}"];
    /// `{`: [`Action::PreviousDay`] in the list, [`Action::PreviousStory`] in an article.
    PreviousSection = "previous_section", key_previous_section, ["{"];
    /// List the start-up's warnings.
    ShowWarnings = "show_warnings", key_show_warnings, ["!"];
    /// Read the folder again.
    Reload = "reload", key_reload, ["r"];
    /// Show or hide the key help.
    ToggleHelp = "help", key_help, ["?"];
    /// Go back one level; quit from the list.
    Quit = "quit", key_quit, ["q"];
    /// Quit at once.
    QuitNow = "quit_now", key_quit_now, ["Q"];
    /// Stop the process for the shell (`Ctrl-z`).
    Suspend = "suspend", key_suspend, ["Ctrl-z"];

    // Actions no key is bound to by name: what keys mean in the prompt, what pointer events
    // and background workers report.
    @data {
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
        /// In an article, put the next story's heading at the top.
        NextStory,
        /// In an article, go back to the previous story (or the start of this one).
        PreviousStory,
        /// Open the article's link with this number (from 1).
        OpenLinkNumber(usize),
        /// In the list, the first post of the next day.
        NextDay,
        /// In the list, the first post of this day, or of the day before.
        PreviousDay,
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
        StoriesFound(Vec<(PathBuf, Vec<brief_core::stories::seen::FoundKeys>)>),
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
    SavePositions(Vec<brief_core::positions::PositionChange>),
    /// Record these stories as seen.
    SaveSeen(Vec<SeenChange>),
    /// Remember whether repeated stories are folded (`z`) for the next run.
    SaveFoldRepeats(bool),
    /// Find the stories of these posts in the background (path, title and format are enough).
    FindStories(Vec<Post>),
    /// Several of the above, in order.
    Batch(Vec<Effect>),
}
