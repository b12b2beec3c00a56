//! Keys to actions. Every command has default keys, which the config file's `[keys]` table
//! can replace. The search prompt and the link picker read some keys themselves; digits
//! always open numbered links; `Ctrl-c` always quits.
//!
//! The commands, their config names, descriptions and default keys are declared once, in
//! [`super::action`]; this module only binds keys to them.

use super::input::{KeyCode, KeyEvent};
use super::{Action, App, Focus, Overlay};
use brief_i18n::Catalog;
use std::collections::HashMap;

pub use super::action::Command;

impl Command {
    /// The command named `name` in the config file's `[keys]` table.
    pub fn from_name(name: &str) -> Option<Self> {
        Command::ALL.iter().copied().find(|c| c.name() == name)
    }
}

/// A key with its modifiers, normalised so `G` and `Shift-g` are one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    ctrl: bool,
    alt: bool,
}

impl Key {
    fn from_event(event: KeyEvent) -> Self {
        let code = match event.code {
            KeyCode::Char(c) if event.modifiers.shift => KeyCode::Char(c.to_ascii_uppercase()),
            code => code,
        };
        Key {
            code,
            ctrl: event.modifiers.ctrl,
            alt: event.modifiers.alt,
        }
    }

    /// Parses `j`, `G`, `Ctrl-d`, `Alt-x`, `Shift-Tab`, `Enter`, `Space`, `PageDown`, `F5`…;
    /// `None` for anything else (the config's message is `ConfigIssue::NotAKey`).
    pub fn parse(text: &str) -> Option<Self> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = text;
        loop {
            if let Some(r) = rest
                .strip_prefix("Ctrl-")
                .or_else(|| rest.strip_prefix("C-"))
            {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest
                .strip_prefix("Alt-")
                .or_else(|| rest.strip_prefix("M-"))
            {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "Shift-Tab" | "BackTab" => KeyCode::BackTab,
            "Enter" | "Return" => KeyCode::Enter,
            "Esc" | "Escape" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "Space" => KeyCode::Char(' '),
            "Backspace" => KeyCode::Backspace,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PageUp" | "PgUp" => KeyCode::PageUp,
            "PageDown" | "PgDn" => KeyCode::PageDown,
            "Delete" | "Del" => KeyCode::Delete,
            "Insert" => KeyCode::Insert,
            f if f.len() > 1
                && f.starts_with('F')
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=24).contains(&n)) =>
            {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            single if single.chars().count() == 1 => {
                let c = single.chars().next().unwrap_or(' ');
                KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
            _ => return None,
        };
        Some(Key { code, ctrl, alt })
    }
}

/// The binding of keys to commands.
#[derive(Debug, Clone)]
pub struct KeyMap {
    keys: HashMap<Key, Vec<Command>>,
}

impl Default for KeyMap {
    fn default() -> Self {
        Self::from_bindings(&default_bindings()).0
    }
}

/// Every command with its default keys.
fn default_bindings() -> Vec<(Command, Vec<String>)> {
    Command::ALL
        .iter()
        .map(|c| (*c, c.default_keys().iter().map(|k| k.to_string()).collect()))
        .collect()
}

impl KeyMap {
    /// A key map from the defaults with `overrides` replacing whole commands' keys. Returns the
    /// keys that do not parse, which are skipped.
    pub fn with_overrides(overrides: &[(Command, Vec<String>)]) -> (Self, Vec<String>) {
        let mut bindings = default_bindings();
        for (command, keys) in overrides {
            if let Some(entry) = bindings.iter_mut().find(|(c, _)| c == command) {
                entry.1 = keys.clone();
            }
        }
        Self::from_bindings(&bindings)
    }

    fn from_bindings(bindings: &[(Command, Vec<String>)]) -> (Self, Vec<String>) {
        let mut keys: HashMap<Key, Vec<Command>> = HashMap::new();
        let mut problems = Vec::new();
        for (command, names) in bindings {
            for name in names {
                match Key::parse(name) {
                    Some(key) => keys.entry(key).or_default().push(*command),
                    None => problems.push(name.clone()),
                }
            }
        }
        (KeyMap { keys }, problems)
    }

    /// The keys bound to a command, as written in the config.
    pub fn keys_of(&self, command: Command) -> Vec<String> {
        let mut names: Vec<String> = self
            .keys
            .iter()
            .filter(|(_, commands)| commands.contains(&command))
            .map(|(key, _)| describe(*key))
            .collect();
        names.sort();
        names
    }

    /// Keys bound to two commands (the tag pane's toggle apart, which shares keys by design):
    /// the key as written, the command that keeps it, and the one that loses it.
    pub fn conflicts(&self) -> Vec<(String, Command, Command)> {
        let mut found: Vec<(String, Command, Command)> = self
            .keys
            .iter()
            .filter_map(|(key, commands)| {
                let mut commands = commands
                    .iter()
                    .filter(|c| **c != Command::ToggleTagAtCursor);
                let winner = *commands.next()?;
                let loser = *commands.next()?;
                Some((describe(*key), winner, loser))
            })
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found
    }

    fn command(&self, key: Key, in_tag_pane: bool) -> Option<Command> {
        let commands = self.keys.get(&key)?;
        if in_tag_pane && commands.contains(&Command::ToggleTagAtCursor) {
            return Some(Command::ToggleTagAtCursor);
        }
        commands
            .iter()
            .copied()
            .find(|c| *c != Command::ToggleTagAtCursor)
    }
}

fn describe(key: Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::PageDown => "PageDown".into(),
        KeyCode::PageUp => "PageUp".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    format!(
        "{}{}{base}",
        if key.ctrl { "Ctrl-" } else { "" },
        if key.alt { "Alt-" } else { "" }
    )
}

/// The help overlay's lines: keys, then what they do in the language of `words`, from the
/// app's key map, then the keys that are not commands but always work.
pub fn help_lines(keymap: &KeyMap, words: &Catalog) -> Vec<(String, String)> {
    let mut lines: Vec<(String, String)> = Command::ALL
        .iter()
        .map(|command| {
            (
                keymap.keys_of(*command).join(" "),
                command.describe(words).to_string(),
            )
        })
        .collect();
    lines.extend(
        [
            ("1-9", words.key_numbered_link),
            ("Ctrl-c", words.key_quit_now),
            (words.key_mouse_name, words.key_mouse),
        ]
        .map(|(k, w)| (k.to_string(), w.to_string())),
    );
    lines
}

/// The action a key means in the app's current state, if any. (`impl Into` lets callers
/// still holding a terminal's key event pass it; `tui::input` has the conversion.)
pub fn action_for_key(app: &App, event: KeyEvent) -> Option<Action> {
    let ctrl = event.modifiers.ctrl;
    if ctrl && event.code == KeyCode::Char('c') {
        return Some(Action::QuitNow);
    }
    if app.search.editing {
        return match event.code {
            KeyCode::Enter => Some(Action::SearchAccept),
            KeyCode::Esc => Some(Action::SearchCancel),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            KeyCode::Char(c) if !ctrl => Some(Action::SearchInput(c)),
            code => super::prompt::edit_for_key(code, ctrl).map(Action::SearchEdit),
        };
    }
    // `0` only continues a count (`10o`).
    if let KeyCode::Char(c @ '0'..='9') = event.code
        && !ctrl
        && (c != '0' || app.link_count_pending())
    {
        return Some(Action::OpenLinkNumber(c as usize - '0' as usize));
    }
    let in_tag_pane = app.focus == Focus::Tags && app.overlay.is_none();
    let command = app
        .settings
        .keymap
        .command(Key::from_event(event), in_tag_pane)?;
    if matches!(app.overlay, Some(Overlay::Links { .. })) && command == Command::OpenPrimaryLink {
        return Some(Action::OpenSelected);
    }
    Some(command.action())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_in_every_spelling() {
        assert_eq!(
            Key::parse("Ctrl-d").unwrap(),
            Key {
                code: KeyCode::Char('d'),
                ctrl: true,
                alt: false
            }
        );
        assert_eq!(Key::parse("G").unwrap().code, KeyCode::Char('G'));
        assert_eq!(Key::parse("Shift-Tab").unwrap().code, KeyCode::BackTab);
        assert_eq!(Key::parse("F5").unwrap().code, KeyCode::F(5));
        assert!(Key::parse("Hyper-x").is_none());
    }

    #[test]
    fn shifted_letters_match_their_capitals() {
        let shifted = KeyEvent::new(KeyCode::Char('g'), super::super::input::KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(shifted), Key::parse("G").unwrap());
    }

    #[test]
    fn overrides_replace_a_commands_keys() {
        let (map, problems) =
            KeyMap::with_overrides(&[(Command::MoveDown, vec!["x".into(), "Nope-1".into()])]);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            map.command(Key::parse("x").unwrap(), false),
            Some(Command::MoveDown)
        );
        assert_eq!(map.command(Key::parse("j").unwrap(), false), None);
    }

    #[test]
    fn space_pages_except_in_the_tag_pane() {
        let map = KeyMap::default();
        let space = Key::parse("Space").unwrap();
        assert_eq!(map.command(space, false), Some(Command::PageDown));
        assert_eq!(map.command(space, true), Some(Command::ToggleTagAtCursor));
        assert_eq!(
            map.command(Key::parse("Enter").unwrap(), false),
            Some(Command::OpenSelected)
        );
    }

    #[test]
    fn every_command_has_a_name_of_its_own_and_default_keys_that_parse() {
        let mut names: Vec<&str> = Command::ALL.iter().map(|c| c.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Command::ALL.len(), "config names are unique");
        for command in Command::ALL {
            assert_eq!(Command::from_name(command.name()), Some(*command));
            assert!(!command.default_keys().is_empty(), "{}", command.name());
        }
        let (_, problems) = KeyMap::from_bindings(&default_bindings());
        assert!(problems.is_empty(), "{problems:?}");
    }
}
