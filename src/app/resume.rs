//! Where the user left off: the article's position is noted when it gives way to another
//! post (or the reader quits or goes back to the list) and restored when the post is opened
//! again. At the same width and content the same line comes back; a post changed on disk or
//! laid out at another width reopens at the nearest heading. A post read to its end reopens
//! at the top.
//!
//! Part of `app`: no input or output here; saving is an [`Effect`].

use super::{App, Effect};
use brief_core::positions::Position;
use brief_core::render::{Article, Role};

impl App {
    /// Notes where the article pane is in its post; returns the save when that changed.
    pub(super) fn remember_position(&mut self) -> Option<Effect> {
        let view = self.article.as_ref()?;
        let article = view.article.as_ref()?;
        let index = self.index.position(&view.path)?;
        let id = self.index.ids.get(index)?.clone();
        let at_end = view.scroll > 0 && view.scroll >= self.max_article_scroll();
        let position = (view.scroll > 0 && !at_end).then(|| {
            let (heading, ordinal) = heading_above(article, view.scroll);
            Position {
                line: view.scroll,
                width: article.width,
                hash: self.posts[index].content_hash,
                heading,
                ordinal,
                at: 0,
            }
        });
        let known = self.positions.get(&id);
        let unchanged = match (&position, known) {
            (None, None) => true,
            (Some(new), Some(old)) => {
                (new.line, new.width, new.hash) == (old.line, old.width, old.hash)
            }
            _ => false,
        };
        if unchanged {
            return None;
        }
        match &position {
            Some(position) => self.positions.insert(id.clone(), position.clone()),
            None => self.positions.remove(&id),
        };
        Some(Effect::SavePositions(vec![(id, position)]))
    }

    /// The position to restore for the post at `index`, if one was noted.
    pub(super) fn noted_position(&self, index: usize) -> Option<Position> {
        self.positions.get(self.index.ids.get(index)?).cloned()
    }

    /// Once the article has arrived, scrolls it to the position noted for it.
    pub(super) fn restore_position(&mut self) {
        let max = self.max_article_scroll();
        let hash = self
            .article
            .as_ref()
            .and_then(|v| self.index.position(&v.path))
            .map(|i| self.posts[i].content_hash);
        let Some(view) = self.article.as_mut() else {
            return;
        };
        let (Some(article), Some(hash)) = (view.article.as_ref(), hash) else {
            return;
        };
        let Some(position) = view.restore.take() else {
            return;
        };
        let line = if position.hash == hash && position.width == article.width {
            position.line
        } else {
            nearest_heading(article, &position)
        };
        view.scroll = line.min(max);
    }
}

/// Whether a line is (the start of) a heading.
fn is_heading(line: &brief_core::render::Line) -> bool {
    line.spans
        .iter()
        .any(|s| matches!(s.style.role, Role::Heading(_)))
}

/// The text of the last heading at or above `line` and how many headings precede it.
fn heading_above(article: &Article, line: usize) -> (Option<String>, usize) {
    let mut found = (None, 0);
    let mut ordinal = 0;
    let mut previous_was_heading = false;
    for (at, text) in article.lines.iter().enumerate().take(line + 1) {
        let heading = is_heading(text);
        // A heading wrapped over several lines counts once, by its first line.
        if heading && !previous_was_heading && at >= article.header_lines {
            found = (Some(text.plain().trim().to_string()), ordinal);
            ordinal += 1;
        }
        previous_was_heading = heading;
    }
    found
}

/// The first line of the heading `position` noted: by its text, else by its order, else the
/// same share of the article.
fn nearest_heading(article: &Article, position: &Position) -> usize {
    let mut starts = Vec::new();
    let mut previous_was_heading = false;
    for (at, line) in article.lines.iter().enumerate() {
        let heading = is_heading(line);
        if heading && !previous_was_heading && at >= article.header_lines {
            starts.push(at);
        }
        previous_was_heading = heading;
    }
    if let Some(text) = &position.heading {
        let prefix: String = text.chars().take(12).collect();
        if let Some(&at) = starts.iter().find(|&&at| {
            article.lines[at]
                .plain()
                .trim()
                .starts_with(prefix.as_str())
        }) {
            return at;
        }
        if let Some(&at) = starts.get(position.ordinal) {
            return at;
        }
    }
    if position.heading.is_none() {
        // Before the first heading: the top is the nearest.
        return 0;
    }
    starts.last().copied().unwrap_or(0)
}
