//! `[keys]`: each command's keys, checked against the reader's key map, and the reader's
//! settings built from the config. The one place `config` uses `app` (its key map), so the
//! command names and key syntax have one definition.

use super::parse::{Key, Problems};
use super::{Config, ConfigIssue};
use crate::app::ReaderSettings;
use crate::app::keymap::{Command, KeyMap};
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// The `[keys]` bindings read so far, with the line of each command's name.
#[derive(Debug, Default)]
pub(super) struct KeyReader {
    overrides: Vec<(Command, Vec<String>)>,
    lines: Vec<(Command, usize)>,
    /// The line of `keys` itself, for a conflict with a command the config does not name.
    table_line: Option<usize>,
}

impl KeyReader {
    /// Reads the `keys` table written at `key`.
    pub(super) fn read(&mut self, key: &Key, table: &DeTable, problems: &mut Problems) {
        self.table_line = Some(problems.line(&key.span()));
        for (name, binding) in table {
            let Some(command) = Command::from_name(name.get_ref()) else {
                let issue = ConfigIssue::UnknownCommand(name.get_ref().to_string());
                problems.at(name.span(), issue);
                continue;
            };
            let keys: Option<Vec<(String, Range<usize>)>> = match binding.get_ref() {
                DeValue::String(s) => Some(vec![(s.to_string(), binding.span())]),
                DeValue::Array(items) => items
                    .iter()
                    .map(|i| i.get_ref().as_str().map(|s| (s.to_string(), i.span())))
                    .collect(),
                _ => None,
            };
            let Some(keys) = keys else {
                let issue = ConfigIssue::KeysValue(name.get_ref().to_string());
                problems.at(binding.span(), issue);
                continue;
            };
            for (key, span) in &keys {
                if !KeyMap::with_overrides(&[(command, vec![key.clone()])])
                    .1
                    .is_empty()
                {
                    let command = command.name().to_string();
                    let key = key.clone();
                    problems.at(span.clone(), ConfigIssue::NotAKey { command, key });
                }
            }
            self.lines.push((command, problems.line(&name.span())));
            let keys = keys.into_iter().map(|(key, _)| key).collect();
            self.overrides.push((command, keys));
        }
    }

    /// The bindings read; a key bound to two commands does only one, which is said on the
    /// losing command's line, else (when the config leaves that command's keys alone) on the
    /// winning command's.
    pub(super) fn finish(self, problems: &mut Problems) -> Vec<(Command, Vec<String>)> {
        let line_of = |wanted: Command| {
            self.lines
                .iter()
                .find(|(command, _)| *command == wanted)
                .map(|(_, line)| *line)
        };
        for (key, winner, loser) in KeyMap::with_overrides(&self.overrides).0.conflicts() {
            let line = line_of(loser)
                .or_else(|| line_of(winner))
                .or(self.table_line)
                .unwrap_or(1);
            let issue = ConfigIssue::KeyBoundTwice {
                key: key.to_string(),
                winner: winner.name().to_string(),
                loser: loser.name().to_string(),
            };
            problems.on_line(line, issue);
        }
        self.overrides
    }
}

impl Config {
    /// The reader's settings from this config, in the language [`Config::interface_language`]
    /// chooses.
    pub fn reader_settings(&self) -> ReaderSettings {
        ReaderSettings {
            language: self.interface_language().0,
            keymap: KeyMap::with_overrides(&self.key_overrides).0,
            mark_read_on: self.mark_read,
            sort: self.sort,
            date_format: self.date_format.clone(),
            article_max_width: self.article_width,
            hyperlinks: false,
        }
    }
}
