//! Keys to actions. The same key can mean different things while the search prompt or an
//! overlay has the keyboard; everything else is one table, also shown by `?`.

use super::{Action, App, Overlay};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The help overlay's lines: keys, then what they do.
pub const HELP: &[(&str, &str)] = &[
    ("j k ↓ ↑", "move down / up"),
    ("g G Home End", "first / last"),
    ("Ctrl-d Ctrl-u", "half a page down / up"),
    ("PgDn PgUp Space", "a page down / up"),
    ("Enter l", "open the post (in tags: toggle the tag)"),
    ("h Esc", "back"),
    ("Tab Shift-Tab", "next / previous pane"),
    ("t", "tag pane; Space or Enter toggles a tag"),
    ("J K ] [", "filter by the next / previous tag"),
    ("c", "clear every filter and the search"),
    ("/", "search titles and bodies; Enter keeps, Esc drops"),
    ("n N", "next / previous match in the article"),
    ("o", "open the article's source link"),
    ("1-9", "open that numbered link"),
    ("f", "pick from all links of the article"),
    ("y", "copy the current link (OSC 52)"),
    ("r", "reload the folder"),
    ("?", "this help"),
    ("q", "back; quit from the list"),
    ("Q Ctrl-c", "quit at once"),
    ("Ctrl-z", "suspend (fg resumes)"),
    ("mouse", "wheel scrolls, click selects"),
];

/// The action a key means in the app's current state, if any.
pub fn action_for_key(app: &App, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('c') if ctrl => return Some(Action::QuitNow),
        KeyCode::Char('z') if ctrl => return Some(Action::Suspend),
        _ => {}
    }
    if app.search.editing {
        return match key.code {
            KeyCode::Enter => Some(Action::SearchAccept),
            KeyCode::Esc => Some(Action::SearchCancel),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            KeyCode::Char(c) if !ctrl => Some(Action::SearchInput(c)),
            _ => None,
        };
    }
    if let Some(Overlay::Links { .. }) = app.overlay {
        if let KeyCode::Char(c @ '1'..='9') = key.code {
            return Some(Action::OpenLinkNumber(c as usize - '0' as usize));
        }
        if key.code == KeyCode::Char('o') {
            return Some(Action::OpenSelected);
        }
    }
    Some(match key.code {
        KeyCode::Char('j') | KeyCode::Down => Action::MoveDown,
        KeyCode::Char('k') | KeyCode::Up => Action::MoveUp,
        KeyCode::Char('g') | KeyCode::Home => Action::MoveTop,
        KeyCode::Char('G') | KeyCode::End => Action::MoveBottom,
        KeyCode::Char('d') if ctrl => Action::HalfPageDown,
        KeyCode::Char('u') if ctrl => Action::HalfPageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::Char(' ') if app.focus == super::Focus::Tags && app.overlay.is_none() => Action::ToggleTagAtCursor,
        KeyCode::Char(' ') => Action::PageDown,
        KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right => Action::OpenSelected,
        KeyCode::Char('h') | KeyCode::Esc | KeyCode::Left => Action::Back,
        KeyCode::Tab => Action::FocusNext,
        KeyCode::BackTab => Action::FocusPrevious,
        KeyCode::Char('t') => Action::FocusTags,
        KeyCode::Char('J' | ']') => Action::NextTagFilter,
        KeyCode::Char('K' | '[') => Action::PreviousTagFilter,
        KeyCode::Char('c') => Action::ClearFilters,
        KeyCode::Char('/') => Action::StartSearch,
        KeyCode::Char('n') => Action::NextMatch,
        KeyCode::Char('N') => Action::PreviousMatch,
        KeyCode::Char('o') => Action::OpenPrimaryLink,
        KeyCode::Char(c @ '1'..='9') => Action::OpenLinkNumber(c as usize - '0' as usize),
        KeyCode::Char('f') => Action::ShowLinkPicker,
        KeyCode::Char('y') => Action::CopyLink,
        KeyCode::Char('r') => Action::Reload,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('Q') => Action::QuitNow,
        _ => return None,
    })
}
