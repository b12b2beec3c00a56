//! The app's own input events: keys and the pointer (mouse), as helix-view has its own, so that
//! the app and its tests build and run without a terminal library. `tui` converts the
//! terminal's events into these (see `tui::input`); the key map turns keys into actions and
//! [`action_for_pointer`] turns the pointer's events into actions by where they happen.
//!
//! Part of `app`: it must not import crossterm, ratatui's backends or `tui`.

use super::{Action, App, PaneId};
use ratatui::layout::Position;

/// A key, by what it is rather than by the byte sequence the terminal sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    /// A printable character (a capital when typed with Shift).
    Char(char),
    Enter,
    Esc,
    Tab,
    /// `Shift-Tab`.
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Delete,
    Insert,
    /// A function key, `F1` to `F24`.
    F(u8),
}

/// The modifier keys held with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct KeyModifiers {
    pub shift: bool,
    pub ctrl: bool,
    pub alt: bool,
}

impl KeyModifiers {
    pub const NONE: Self = KeyModifiers {
        shift: false,
        ctrl: false,
        alt: false,
    };
    pub const SHIFT: Self = KeyModifiers {
        shift: true,
        ..Self::NONE
    };
    pub const CONTROL: Self = KeyModifiers {
        ctrl: true,
        ..Self::NONE
    };
    pub const ALT: Self = KeyModifiers {
        alt: true,
        ..Self::NONE
    };
}

impl std::ops::BitOr for KeyModifiers {
    type Output = Self;
    fn bitor(self, other: Self) -> Self {
        KeyModifiers {
            shift: self.shift || other.shift,
            ctrl: self.ctrl || other.ctrl,
            alt: self.alt || other.alt,
        }
    }
}

/// A key pressed (or repeated) with its modifiers. Releases never reach the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyEvent {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl KeyEvent {
    pub const fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        KeyEvent { code, modifiers }
    }
}

/// What the pointer did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointerKind {
    /// The wheel turned towards the user (the text moves up).
    ScrollDown,
    /// The wheel turned away from the user.
    ScrollUp,
    /// The left button went down.
    LeftDown,
}

/// A pointer event at a cell of the screen (0-based column and row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PointerEvent {
    pub kind: PointerKind,
    pub column: u16,
    pub row: u16,
}

/// Anything the user does at the terminal that the app cares about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputEvent {
    Key(KeyEvent),
    Pointer(PointerEvent),
    /// The terminal has this many columns and rows now.
    Resize(u16, u16),
}

/// The action an input event means in the app's current state, if any: keys through the key
/// map, the pointer by where it is.
pub fn action_for_input(app: &App, event: InputEvent) -> Option<Action> {
    match event {
        InputEvent::Key(key) => super::keymap::action_for_key(app, key),
        InputEvent::Pointer(pointer) => action_for_pointer(app, pointer),
        InputEvent::Resize(width, height) => Some(Action::Resize(width, height)),
    }
}

/// The wheel scrolls the pane under the pointer; a click selects a list row or toggles a tag.
pub fn action_for_pointer(app: &App, pointer: PointerEvent) -> Option<Action> {
    let at = Position::new(pointer.column, pointer.row);
    let areas = app.areas();
    // The tag overlay lies on top on narrow screens, so it is hit first.
    let (area, pane) = [
        (areas.tags, PaneId::Tags),
        (areas.list, PaneId::List),
        (areas.article, PaneId::Article),
    ]
    .into_iter()
    .find_map(|(area, pane)| area.filter(|a| a.contains(at)).map(|a| (a, pane)))?;
    let inner = super::layout::inner(area);
    match pointer.kind {
        PointerKind::ScrollDown => Some(Action::ScrollPane(pane, 3)),
        PointerKind::ScrollUp => Some(Action::ScrollPane(pane, -3)),
        PointerKind::LeftDown if inner.contains(at) => {
            let row = usize::from(at.y - inner.y);
            match pane {
                PaneId::List => Some(Action::ClickListRow(row)),
                PaneId::Tags => Some(Action::ClickTagRow(row)),
                PaneId::Article => None,
            }
        }
        PointerKind::LeftDown => None,
    }
}
