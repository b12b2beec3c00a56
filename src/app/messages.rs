//! The reader's messages for daily reading (next unread, marking a view read, undo, days,
//! warnings), each a key of the interface-language catalog.
//!
//! Depends only on `i18n`.

use brief_i18n::{Catalog, fill};

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

impl Message {
    /// The message in the language of `words`.
    pub fn text(self, words: &Catalog) -> String {
        let count = |template: &str, n: usize| fill(template, &[("n", &n)]);
        match self {
            Message::NoMoreUnread => words.msg_no_more_unread.into(),
            Message::NoEarlierUnread => words.msg_no_earlier_unread.into(),
            Message::EndOfLastUnread => words.msg_end_of_last_unread.into(),
            Message::NothingToMarkRead => words.msg_nothing_to_mark_read.into(),
            Message::MarkedRead(n) => count(words.msg_marked_read, n),
            Message::NothingToUndo => words.msg_nothing_to_undo.into(),
            Message::Restored(n) => count(words.msg_restored, n),
            Message::Undated => words.day_undated.into(),
            Message::Today => words.day_today.into(),
            Message::Yesterday => words.day_yesterday.into(),
            Message::NoLaterDay => words.msg_no_later_day.into(),
            Message::NoEarlierDay => words.msg_no_earlier_day.into(),
            Message::Warnings(n) => count(words.msg_warnings, n),
            Message::NoWarnings => words.msg_no_warnings.into(),
        }
    }
}
