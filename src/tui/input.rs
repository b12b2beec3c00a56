//! Turns crossterm's terminal events into the app's own input events
//! ([`crate::app::input`]): the one place that knows both. Key releases (reported by terminals
//! with the kitty keyboard protocol) and keys the app has no name for are dropped here.

use crate::app::input::{InputEvent, KeyCode, KeyEvent, KeyModifiers, PointerEvent, PointerKind};
use crossterm::event as term;

/// The app's event for a terminal event, if the app cares about it.
pub fn input_event(event: term::Event) -> Option<InputEvent> {
    match event {
        term::Event::Key(key) if key.kind == term::KeyEventKind::Release => None,
        term::Event::Key(key) => key_code(key.code)
            .map(|code| InputEvent::Key(KeyEvent::new(code, modifiers(key.modifiers)))),
        term::Event::Mouse(mouse) => {
            let kind = match mouse.kind {
                term::MouseEventKind::ScrollDown => PointerKind::ScrollDown,
                term::MouseEventKind::ScrollUp => PointerKind::ScrollUp,
                term::MouseEventKind::Down(term::MouseButton::Left) => PointerKind::LeftDown,
                _ => return None,
            };
            Some(InputEvent::Pointer(PointerEvent {
                kind,
                column: mouse.column,
                row: mouse.row,
            }))
        }
        term::Event::Resize(width, height) => Some(InputEvent::Resize(width, height)),
        _ => None,
    }
}

fn key_code(code: term::KeyCode) -> Option<KeyCode> {
    Some(match code {
        term::KeyCode::Char(c) => KeyCode::Char(c),
        term::KeyCode::Enter => KeyCode::Enter,
        term::KeyCode::Esc => KeyCode::Esc,
        term::KeyCode::Tab => KeyCode::Tab,
        term::KeyCode::BackTab => KeyCode::BackTab,
        term::KeyCode::Backspace => KeyCode::Backspace,
        term::KeyCode::Up => KeyCode::Up,
        term::KeyCode::Down => KeyCode::Down,
        term::KeyCode::Left => KeyCode::Left,
        term::KeyCode::Right => KeyCode::Right,
        term::KeyCode::Home => KeyCode::Home,
        term::KeyCode::End => KeyCode::End,
        term::KeyCode::PageUp => KeyCode::PageUp,
        term::KeyCode::PageDown => KeyCode::PageDown,
        term::KeyCode::Delete => KeyCode::Delete,
        term::KeyCode::Insert => KeyCode::Insert,
        term::KeyCode::F(n) => KeyCode::F(n),
        _ => return None,
    })
}

fn modifiers(held: term::KeyModifiers) -> KeyModifiers {
    KeyModifiers {
        shift: held.contains(term::KeyModifiers::SHIFT),
        ctrl: held.contains(term::KeyModifiers::CONTROL),
        alt: held.contains(term::KeyModifiers::ALT),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_and_unnamed_events_are_dropped_and_keys_keep_their_modifiers() {
        let mut release = term::KeyEvent::new(term::KeyCode::Char('j'), term::KeyModifiers::NONE);
        release.kind = term::KeyEventKind::Release;
        assert_eq!(input_event(term::Event::Key(release)), None);
        let shifted_tab = term::KeyEvent::new(
            term::KeyCode::BackTab,
            term::KeyModifiers::SHIFT | term::KeyModifiers::CONTROL,
        );
        assert_eq!(
            input_event(term::Event::Key(shifted_tab)),
            Some(InputEvent::Key(KeyEvent::new(
                KeyCode::BackTab,
                KeyModifiers::SHIFT | KeyModifiers::CONTROL
            )))
        );
        let moved = term::MouseEvent {
            kind: term::MouseEventKind::Moved,
            column: 1,
            row: 1,
            modifiers: term::KeyModifiers::NONE,
        };
        assert_eq!(input_event(term::Event::Mouse(moved)), None);
        assert_eq!(
            input_event(term::Event::Resize(80, 24)),
            Some(InputEvent::Resize(80, 24))
        );
    }
}
