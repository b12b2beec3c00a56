//! Numbers before a link key, as in vim: `12o` opens link 12. A digit opens its link at once
//! when no longer link number starts with the digits typed so far (so `1`-`9` still open at
//! once in an article of fewer than ten links); otherwise it waits for the next digit, `o` or
//! `Enter`. Any other key drops the count. And the link picker starts at the first link the
//! article view shows.
//!
//! Part of `app`: no input or output here.

use super::{Action, App, Effect};
use brief_core::render::Role;

impl App {
    /// A digit typed outside the search prompt and the link picker.
    pub(super) fn link_digit(&mut self, digit: usize) -> Option<Effect> {
        let number = self.link_count.take().unwrap_or(0) * 10 + digit;
        let links = self.rendered_article().map_or(0, |a| a.links.len());
        if number > 0 && number * 10 <= links {
            self.link_count = Some(number);
            self.status = Some(format!("{number}…"));
            return None;
        }
        // A count that completed by itself takes the `o` or `Enter` typed after it (`12o`).
        self.link_count_done = number >= 10;
        self.open_link_number(number)
    }

    /// Whether digits typed so far wait for more.
    pub fn link_count_pending(&self) -> bool {
        self.link_count.is_some()
    }

    /// Whether `action` continues or completes a count; any other action drops it.
    pub(super) fn keeps_link_count(action: &Action) -> bool {
        matches!(
            action,
            Action::OpenLinkNumber(_) | Action::OpenPrimaryLink | Action::OpenSelected
        )
    }

    /// `o` or `Enter` after a count: the link with that number.
    pub(super) fn take_link_count(&mut self) -> Option<usize> {
        self.link_count.take()
    }

    /// `o` or `Enter` right after a count of two digits or more opened its link: swallowed,
    /// it ended the count.
    pub(super) fn ends_finished_count(&mut self, action: &Action) -> bool {
        let done = std::mem::take(&mut self.link_count_done);
        done && matches!(action, Action::OpenPrimaryLink | Action::OpenSelected)
    }

    /// The first link whose number the article view shows, as an index into its links.
    pub(super) fn first_link_in_view(&self) -> usize {
        let (Some(view), Some(article)) = (self.article.as_ref(), self.rendered_article()) else {
            return 0;
        };
        first_numbered_link(article.lines.get(view.scroll..).unwrap_or_default())
            .filter(|&i| i < article.links.len())
            .unwrap_or(0)
    }
}

/// The link whose `[n]` comes first in `lines`, as an index into the article's links.
pub(super) fn first_numbered_link(lines: &[brief_core::render::Line]) -> Option<usize> {
    lines
        .iter()
        .flat_map(|line| &line.spans)
        .filter(|span| span.style.role == Role::LinkNumber)
        .find_map(|span| {
            let digits: String = span.text.chars().filter(char::is_ascii_digit).collect();
            digits.parse::<usize>().ok()
        })
        .and_then(|number| number.checked_sub(1))
}
