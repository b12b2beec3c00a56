//! The search prompt edits like a shell line: the cursor moves with the arrows, `Ctrl-a` and
//! `Ctrl-e`; `Ctrl-w` deletes the word before it, `Ctrl-u` the line before it; `Up` and
//! `Down` recall earlier searches (kept across restarts by the event loop).
//!
//! Part of `app`: no input or output here. The cursor counts characters, not bytes.

use super::{App, Effect};

/// An edit of the prompt's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEdit {
    Left,
    Right,
    Home,
    End,
    /// Delete the character under the cursor.
    Delete,
    /// Delete the word before the cursor (`Ctrl-w`).
    DeleteWord,
    /// Delete everything before the cursor (`Ctrl-u`).
    DeleteToStart,
    /// The earlier search in the history (`Up`).
    Older,
    /// The later search in the history, then the line as typed (`Down`).
    Newer,
}

/// The edit a key means in the prompt, if any.
pub fn edit_for_key(code: super::input::KeyCode, ctrl: bool) -> Option<LineEdit> {
    use super::input::KeyCode;
    Some(match (code, ctrl) {
        (KeyCode::Left, _) | (KeyCode::Char('b'), true) => LineEdit::Left,
        (KeyCode::Right, _) | (KeyCode::Char('f'), true) => LineEdit::Right,
        (KeyCode::Home, _) | (KeyCode::Char('a'), true) => LineEdit::Home,
        (KeyCode::End, _) | (KeyCode::Char('e'), true) => LineEdit::End,
        (KeyCode::Delete, _) | (KeyCode::Char('d'), true) => LineEdit::Delete,
        (KeyCode::Char('w'), true) => LineEdit::DeleteWord,
        (KeyCode::Char('u'), true) => LineEdit::DeleteToStart,
        (KeyCode::Up, _) | (KeyCode::Char('p'), true) => LineEdit::Older,
        (KeyCode::Down, _) | (KeyCode::Char('n'), true) => LineEdit::Newer,
        _ => return None,
    })
}

/// How many searches the history keeps.
pub const HISTORY_KEPT: usize = 100;

/// The byte offset of character `chars` of `text`.
fn byte_at(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(at, _)| at)
}

impl App {
    /// A character typed at the cursor.
    pub(super) fn prompt_insert(&mut self, c: char) -> Option<Effect> {
        let at = byte_at(&self.search.input, self.search.cursor);
        self.search.input.insert(at, c);
        self.search.cursor += 1;
        self.search_changed()
    }

    /// `Backspace`: the character before the cursor.
    pub(super) fn prompt_backspace(&mut self) -> Option<Effect> {
        if self.search.cursor == 0 {
            return None;
        }
        let at = byte_at(&self.search.input, self.search.cursor - 1);
        self.search.input.remove(at);
        self.search.cursor -= 1;
        self.search_changed()
    }

    pub(super) fn prompt_edit(&mut self, edit: LineEdit) -> Option<Effect> {
        let len = self.search.input.chars().count();
        let cursor = self.search.cursor.min(len);
        match edit {
            LineEdit::Left => self.search.cursor = cursor.saturating_sub(1),
            LineEdit::Right => self.search.cursor = (cursor + 1).min(len),
            LineEdit::Home => self.search.cursor = 0,
            LineEdit::End => self.search.cursor = len,
            LineEdit::Delete => {
                if cursor < len {
                    let at = byte_at(&self.search.input, cursor);
                    self.search.input.remove(at);
                    return self.search_changed();
                }
            }
            LineEdit::DeleteWord => {
                let chars: Vec<char> = self.search.input.chars().collect();
                let mut start = cursor;
                while start > 0 && chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                if start < cursor {
                    let (from, to) = (
                        byte_at(&self.search.input, start),
                        byte_at(&self.search.input, cursor),
                    );
                    self.search.input.replace_range(from..to, "");
                    self.search.cursor = start;
                    return self.search_changed();
                }
            }
            LineEdit::DeleteToStart => {
                if cursor > 0 {
                    let to = byte_at(&self.search.input, cursor);
                    self.search.input.replace_range(..to, "");
                    self.search.cursor = 0;
                    return self.search_changed();
                }
            }
            LineEdit::Older | LineEdit::Newer => return self.recall(edit == LineEdit::Older),
        }
        None
    }

    /// Replaces the line with an earlier (or later) search from the history.
    fn recall(&mut self, older: bool) -> Option<Effect> {
        let history = &self.search_history;
        let next = match (self.search.recalled, older) {
            (None, true) => history.len().checked_sub(1),
            (Some(at), true) => Some(at.saturating_sub(1)),
            (Some(at), false) if at + 1 < history.len() => Some(at + 1),
            (Some(_), false) => None,
            (None, false) => return None,
        };
        if next == self.search.recalled && next.is_some() {
            return None;
        }
        if self.search.recalled.is_none() {
            self.search.typed = self.search.input.clone();
        }
        self.search.recalled = next;
        self.search.input = match next {
            Some(at) => history[at].clone(),
            None => std::mem::take(&mut self.search.typed),
        };
        self.search.cursor = self.search.input.chars().count();
        self.search_changed()
    }

    /// `Enter` in the prompt: the search joins the history; returns the save.
    pub(super) fn remember_search(&mut self) -> Option<Effect> {
        self.search.recalled = None;
        let query = self.search.input.trim().to_string();
        if query.is_empty() {
            return None;
        }
        self.search_history.retain(|q| *q != query);
        self.search_history.push(query.clone());
        if self.search_history.len() > HISTORY_KEPT {
            let extra = self.search_history.len() - HISTORY_KEPT;
            self.search_history.drain(..extra);
        }
        Some(Effect::SaveSearch(query))
    }
}
