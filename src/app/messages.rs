//! The reader's messages added for daily reading (next unread, marking a view read, undo,
//! reading positions), in English, gathered here so the interface-language catalog can take
//! them over in one place.
//!
//! Depends on nothing else in brief.

use std::fmt;

/// A status-bar message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// `n` found no unread post after this one.
    NoMoreUnread,
    /// `N` found no unread post before this one.
    NoEarlierUnread,
    /// `Space` at the end of the last unread post.
    EndOfLastUnread,
    /// `A` in a view with no unread post.
    NothingToMarkRead,
    /// `A` marked this many posts read.
    MarkedRead(usize),
    /// `U` with no change to undo.
    NothingToUndo,
    /// `U` put back the marks of this many posts.
    Restored(usize),
    /// The list's heading of the posts without a date.
    Undated,
    /// After today's date in the list's day heading.
    Today,
    /// After yesterday's date in the list's day heading.
    Yesterday,
    /// `}` on the last day of the list.
    NoLaterDay,
    /// `{` on the first post of the first day.
    NoEarlierDay,
    /// The start-up gave this many warnings.
    Warnings(usize),
    /// `!` with no warning.
    NoWarnings,
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Message::NoMoreUnread => write!(f, "no more unread posts"),
            Message::NoEarlierUnread => write!(f, "no earlier unread post"),
            Message::EndOfLastUnread => write!(f, "end of the last unread post"),
            Message::NothingToMarkRead => write!(f, "every post in view is read"),
            Message::MarkedRead(n) => write!(f, "marked {n} posts read (U undoes)"),
            Message::NothingToUndo => write!(f, "no change of marks to undo"),
            Message::Restored(n) => write!(f, "restored the marks of {n} posts"),
            Message::Undated => write!(f, "no date"),
            Message::Today => write!(f, "today"),
            Message::Yesterday => write!(f, "yesterday"),
            Message::NoLaterDay => write!(f, "no later day in the list"),
            Message::NoEarlierDay => write!(f, "no earlier day in the list"),
            Message::Warnings(n) => write!(f, "{n} warnings (! to show)"),
            Message::NoWarnings => write!(f, "no warnings"),
        }
    }
}
