//! Config text into [`Config`]: the TOML is parsed with the span of every key and value
//! (`toml::de::DeTable`), so each problem names the line of the key or value at fault, and a
//! bad key or value leaves its default.

use super::{Config, ConfigIssue, ConfigProblem, keys::KeyReader};
use crate::settings::{Colour, HyperlinkMode, MarkReadOn, SortOrder, ThemeSlot, named};
use brief_i18n::Lang;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

/// A key of a table, with where it is written.
pub(super) type Key<'i> = Spanned<DeString<'i>>;
/// A value, with where it is written.
pub(super) type Value<'i> = Spanned<DeValue<'i>>;

/// The problems of one config file, each at its line.
pub(super) struct Problems<'t> {
    text: &'t str,
    path: &'t Path,
    pub(super) found: Vec<ConfigProblem>,
}

impl Problems<'_> {
    /// The line where `span` starts.
    pub(super) fn line(&self, span: &Range<usize>) -> usize {
        brief_text::line_of_offset(self.text, span.start)
    }

    /// A problem with what is written at `span`.
    pub(super) fn at(&mut self, span: Range<usize>, issue: ConfigIssue) {
        let line = self.line(&span);
        self.on_line(line, issue);
    }

    pub(super) fn on_line(&mut self, line: usize, issue: ConfigIssue) {
        self.found.push(ConfigProblem {
            path: self.path.to_path_buf(),
            line,
            issue,
        });
    }
}

impl Config {
    /// Parses config text; problems name lines of `path`.
    pub fn parse(text: &str, path: &Path) -> (Config, Vec<ConfigProblem>) {
        let mut config = Config::default();
        let mut problems = Problems {
            text,
            path,
            found: Vec::new(),
        };
        match DeTable::parse(text) {
            Ok(table) => {
                let mut keys = KeyReader::default();
                for (key, value) in table.get_ref() {
                    config.read(key, value, &mut keys, &mut problems);
                }
                config.key_overrides = keys.finish(&mut problems);
            }
            Err(e) => {
                let line = e
                    .span()
                    .map_or(1, |s| brief_text::line_of_offset(text, s.start));
                problems.on_line(line, ConfigIssue::NotToml(e.message().to_string()));
            }
        }
        let mut problems = problems.found;
        problems.sort_by_key(|p| p.line);
        (config, problems)
    }

    /// Reads one top-level key; a bad value is reported at the value, an unknown key at the key.
    fn read(&mut self, key: &Key, value: &Value, keys: &mut KeyReader, problems: &mut Problems) {
        let at = value.span();
        let v = value.get_ref();
        match key.get_ref().as_ref() {
            "posts" => match v {
                DeValue::String(s) => self.posts = vec![expand_home(s)],
                DeValue::Array(items) => match items.iter().find(|i| !i.get_ref().is_str()) {
                    Some(bad) => problems.at(bad.span(), ConfigIssue::Posts),
                    None => {
                        self.posts = items
                            .iter()
                            .filter_map(|i| i.get_ref().as_str())
                            .map(expand_home)
                            .collect();
                    }
                },
                _ => problems.at(at, ConfigIssue::Posts),
            },
            "browser" => match v.as_str() {
                Some(s) if !s.trim().is_empty() => self.browser = Some(s.to_string()),
                _ => problems.at(at, ConfigIssue::Browser),
            },
            "sort" => match v.as_str().and_then(|s| named(&SortOrder::NAMES, s)) {
                Some(sort) => self.sort = sort,
                None => problems.at(at, ConfigIssue::Sort),
            },
            "date_format" => match v.as_str() {
                Some(format) if valid_date_format(format) => self.date_format = format.to_string(),
                _ => problems.at(at, ConfigIssue::DateFormat),
            },
            "article_width" => match integer(v) {
                Some(n) if (20..=1000).contains(&n) => self.article_width = u16::try_from(n).ok(),
                _ => problems.at(at, ConfigIssue::ArticleWidth),
            },
            "ascii_borders" => match v.as_bool() {
                Some(b) => self.ascii_borders = b,
                None => problems.at(at, ConfigIssue::AsciiBorders),
            },
            "utc" => match v.as_bool() {
                Some(b) => self.utc = b,
                None => problems.at(at, ConfigIssue::Utc),
            },
            "mark_read" => match v.as_str().and_then(|s| named(&MarkReadOn::NAMES, s)) {
                Some(mark_read) => self.mark_read = mark_read,
                None => problems.at(at, ConfigIssue::MarkRead),
            },
            "hyperlinks" => match v.as_str().and_then(|s| named(&HyperlinkMode::NAMES, s)) {
                Some(mode) => self.hyperlinks = mode,
                None => problems.at(at, ConfigIssue::Hyperlinks),
            },
            "language" => match v.as_str().and_then(Lang::from_tag) {
                Some(lang) => self.language = Some(lang),
                None => problems.at(at, ConfigIssue::Language),
            },
            "theme" => match v.as_table() {
                Some(theme) => self.read_theme(theme, problems),
                None => problems.at(at, ConfigIssue::ThemeNotTable),
            },
            "keys" => match v.as_table() {
                Some(table) => keys.read(key, table, problems),
                None => problems.at(at, ConfigIssue::KeysNotTable),
            },
            other => problems.at(key.span(), ConfigIssue::UnknownKey(other.to_string())),
        }
    }

    /// `[theme]`: slot names and colours.
    fn read_theme(&mut self, theme: &DeTable, problems: &mut Problems) {
        for (name, colour) in theme {
            let Some(slot) = ThemeSlot::from_name(name.get_ref()) else {
                let issue = ConfigIssue::UnknownColour(name.get_ref().to_string());
                problems.at(name.span(), issue);
                continue;
            };
            match colour.get_ref().as_str().map(Colour::from_str) {
                Some(Ok(colour)) => self.theme.entries.push((slot, colour)),
                _ => problems.at(colour.span(), ConfigIssue::BadColour(slot.name().into())),
            }
        }
    }
}

/// A TOML integer that fits an `i64`.
fn integer(value: &DeValue) -> Option<i64> {
    let n = value.as_integer()?;
    i64::from_str_radix(n.as_str(), n.radix()).ok()
}

fn valid_date_format(format: &str) -> bool {
    let probe = jiff::civil::date(2026, 2, 12);
    !format.is_empty() && jiff::fmt::strtime::format(format, probe).is_ok()
}

fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}
