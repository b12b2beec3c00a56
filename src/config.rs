//! The config file (`$XDG_CONFIG_HOME/brief/config.toml`, or `--config FILE`) and the paths of
//! brief's own files. Every key is optional; an unknown key or a bad value is reported with
//! its line and the default is used, so a broken config never stops the reader.
//!
//! ```toml
//! posts = ["~/briefings", "~/work/digests"]   # or one folder
//! browser = "firefox --new-tab"
//! sort = "newest"            # newest | oldest | title
//! date_format = "%m-%d"      # strftime
//! article_width = 80         # widest article text, in columns
//! ascii_borders = false      # +-| borders for terminals that draw box lines double-wide
//! mark_read = "open"         # open | end (scrolled to the end)
//! language = "ja"            # en | zh-Hans | zh-Hant | ja (default: LC_ALL, LC_MESSAGES, LANG)
//! utc = false                # true: times with a zone as written, not in the local zone
//! hyperlinks = "auto"        # auto | always | never: links as OSC 8 hyperlinks
//!
//! [theme]                    # colour names, #rrggbb or 0-255
//! accent = "cyan"
//! selected_bg = "blue"
//!
//! [keys]                     # command = key or [keys]; see `brief config` for the names
//! move_down = ["j", "Down"]
//! quit = "x"
//! ```
//!
//! This module reads files but must not depend on the terminal, `app` state or `ui` drawing;
//! it only produces settings.

use crate::app::ReaderSettings;
use crate::app::keymap::{Command, KeyMap};
use crate::i18n::{Catalog, Lang, LangSource, fill};
use crate::settings::{Colour, MarkReadOn, SortOrder, ThemeSlot, named};
pub use crate::settings::{HyperlinkMode, ThemeColors, no_color_requested};
pub use issue::ConfigIssue;

mod issue;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Where brief keeps its own files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_file: PathBuf,
    /// Read and starred marks.
    pub state_file: PathBuf,
    pub cache_dir: PathBuf,
}

impl Paths {
    /// The XDG locations (`directories`), or `./.brief/` when there is no home folder.
    pub fn discover() -> Self {
        match directories::ProjectDirs::from("", "", "brief") {
            Some(dirs) => Paths {
                config_file: dirs.config_dir().join("config.toml"),
                state_file: dirs.data_dir().join("marks.jsonl"),
                cache_dir: dirs.cache_dir().to_path_buf(),
            },
            None => {
                let base = PathBuf::from(".brief");
                Paths {
                    config_file: base.join("config.toml"),
                    state_file: base.join("marks.jsonl"),
                    cache_dir: base.join("cache"),
                }
            }
        }
    }
}

/// Everything the config file can set, with its defaults.
#[derive(Debug, Clone)]
pub struct Config {
    pub posts: Vec<PathBuf>,
    pub browser: Option<String>,
    pub theme: ThemeColors,
    pub key_overrides: Vec<(Command, Vec<String>)>,
    pub sort: SortOrder,
    pub date_format: String,
    pub article_width: Option<u16>,
    pub ascii_borders: bool,
    /// Show dates with a zone in UTC as written, not in the local zone.
    pub utc: bool,
    pub mark_read: MarkReadOn,
    /// The interface language the config sets; `None` leaves it to the locale.
    pub language: Option<Lang>,
    /// Whether article links are OSC 8 hyperlinks; `tui` resolves `Auto` for the terminal.
    pub hyperlinks: HyperlinkMode,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            posts: Vec::new(),
            browser: None,
            theme: ThemeColors::default(),
            key_overrides: Vec::new(),
            sort: SortOrder::Newest,
            date_format: "%Y-%m-%d".into(),
            article_width: None,
            ascii_borders: false,
            utc: false,
            mark_read: MarkReadOn::Open,
            language: None,
            hyperlinks: HyperlinkMode::Auto,
        }
    }
}

/// A problem in the config file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub path: PathBuf,
    pub line: usize,
    pub issue: ConfigIssue,
}

impl ConfigProblem {
    /// `PATH:LINE: warning: …; using the default`, in the language of `words`.
    pub fn localized(&self, words: &Catalog) -> String {
        fill(
            words.cfg_warning,
            &[
                ("path", &crate::text::visible_path(&self.path)),
                ("line", &self.line),
                ("message", &self.issue.message(words)),
            ],
        )
    }
}

impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localized(Lang::En.catalog()))
    }
}

/// The config as loaded: settings, the file it came from (if any), and its problems.
#[derive(Debug, Clone, Default)]
pub struct LoadedConfig {
    pub config: Config,
    pub file: Option<PathBuf>,
    pub problems: Vec<ConfigProblem>,
}

/// The largest config file read.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

impl Config {
    /// Reads `explicit` (which must exist) or the default file (which may be missing).
    pub fn load(explicit: Option<&Path>, paths: &Paths) -> Result<LoadedConfig, String> {
        let (path, required) = match explicit {
            Some(path) => (path.to_path_buf(), true),
            None => (paths.config_file.clone(), false),
        };
        // Only a regular file of bounded size: a FIFO there would block every command.
        let text = match crate::bounded_read::read_regular(&path, MAX_CONFIG_BYTES) {
            Ok(Some(bytes)) => String::from_utf8(bytes)
                .map_err(|e| format!("{}: {e}", crate::text::visible_path(&path)))?,
            Ok(None) if !required => return Ok(LoadedConfig::default()),
            Ok(None) => {
                // The system's own words, as before: "No such file or directory".
                let e = std::fs::metadata(&path)
                    .err()
                    .unwrap_or_else(|| std::io::ErrorKind::NotFound.into());
                return Err(format!("{}: {e}", crate::text::visible_path(&path)));
            }
            // The config is not read yet, so the locale alone chooses the language.
            Err(e) => {
                let words = crate::i18n::choose_from_env(None).0.catalog();
                return Err(format!(
                    "{}: {}",
                    crate::text::visible_path(&path),
                    e.message(words)
                ));
            }
        };
        let (config, problems) = Self::parse(&text, &path);
        Ok(LoadedConfig {
            config,
            file: Some(path),
            problems,
        })
    }

    /// Parses config text; problems name lines of `path`.
    pub fn parse(text: &str, path: &Path) -> (Config, Vec<ConfigProblem>) {
        let mut config = Config::default();
        let mut problems = Vec::new();
        let mut problem = |line: usize, issue: ConfigIssue| {
            problems.push(ConfigProblem {
                path: path.to_path_buf(),
                line,
                issue,
            })
        };
        let table: toml::Table = match text.parse() {
            Ok(table) => table,
            Err(e) => {
                let e: toml::de::Error = e;
                let line = e
                    .span()
                    .map_or(1, |s| crate::text::line_of_offset(text, s.start));
                problem(line, ConfigIssue::NotToml(e.message().to_string()));
                return (config, problems);
            }
        };
        for (key, value) in &table {
            let line = line_of_key(text, None, key);
            match key.as_str() {
                "posts" => match value {
                    toml::Value::String(s) => config.posts = vec![expand_home(s)],
                    toml::Value::Array(items) if items.iter().all(toml::Value::is_str) => {
                        config.posts = items
                            .iter()
                            .filter_map(toml::Value::as_str)
                            .map(expand_home)
                            .collect();
                    }
                    _ => problem(line, ConfigIssue::Posts),
                },
                "browser" => match value.as_str() {
                    Some(s) if !s.trim().is_empty() => config.browser = Some(s.to_string()),
                    _ => problem(line, ConfigIssue::Browser),
                },
                "sort" => match value.as_str().and_then(|v| named(&SortOrder::NAMES, v)) {
                    Some(sort) => config.sort = sort,
                    None => problem(line, ConfigIssue::Sort),
                },
                "date_format" => match value.as_str() {
                    Some(format) if valid_date_format(format) => {
                        config.date_format = format.to_string()
                    }
                    _ => problem(line, ConfigIssue::DateFormat),
                },
                "article_width" => match value.as_integer() {
                    Some(n) if (20..=1000).contains(&n) => {
                        config.article_width = u16::try_from(n).ok()
                    }
                    _ => problem(line, ConfigIssue::ArticleWidth),
                },
                "ascii_borders" => match value.as_bool() {
                    Some(b) => config.ascii_borders = b,
                    None => problem(line, ConfigIssue::AsciiBorders),
                },
                "utc" => match value.as_bool() {
                    Some(b) => config.utc = b,
                    None => problem(line, ConfigIssue::Utc),
                },
                "mark_read" => match value.as_str().and_then(|v| named(&MarkReadOn::NAMES, v)) {
                    Some(mark_read) => config.mark_read = mark_read,
                    None => problem(line, ConfigIssue::MarkRead),
                },
                "hyperlinks" => {
                    match value.as_str().and_then(|v| named(&HyperlinkMode::NAMES, v)) {
                        Some(mode) => config.hyperlinks = mode,
                        None => problem(line, ConfigIssue::Hyperlinks),
                    }
                }
                "language" => match value.as_str().and_then(Lang::from_tag) {
                    Some(lang) => config.language = Some(lang),
                    None => problem(line, ConfigIssue::Language),
                },
                "theme" => match value.as_table() {
                    Some(theme) => {
                        for (name, color) in theme {
                            let line = line_of_key(text, Some("theme"), name);
                            let Some(slot) = ThemeSlot::from_name(name) else {
                                problem(line, ConfigIssue::UnknownColour(name.clone()));
                                continue;
                            };
                            match color.as_str().and_then(|c| Colour::from_str(c).ok()) {
                                Some(colour) => config.theme.entries.push((slot, colour)),
                                None => problem(line, ConfigIssue::BadColour(name.clone())),
                            }
                        }
                    }
                    None => problem(line, ConfigIssue::ThemeNotTable),
                },
                "keys" => match value.as_table() {
                    Some(keys) => {
                        for (name, binding) in keys {
                            let line = line_of_key(text, Some("keys"), name);
                            let Some(command) = Command::from_name(name) else {
                                problem(line, ConfigIssue::UnknownCommand(name.clone()));
                                continue;
                            };
                            let names: Option<Vec<String>> = match binding {
                                toml::Value::String(s) => Some(vec![s.clone()]),
                                toml::Value::Array(items) => items
                                    .iter()
                                    .map(|i| i.as_str().map(str::to_string))
                                    .collect(),
                                _ => None,
                            };
                            match names {
                                Some(names) => {
                                    let bad = KeyMap::with_overrides(&[(command, names.clone())]).1;
                                    for key in bad {
                                        let command = command.name().to_string();
                                        problem(line, ConfigIssue::NotAKey { command, key });
                                    }
                                    config.key_overrides.push((command, names));
                                }
                                None => problem(line, ConfigIssue::KeysValue(name.clone())),
                            }
                        }
                    }
                    None => problem(line, ConfigIssue::KeysNotTable),
                },
                other => problem(line, ConfigIssue::UnknownKey(other.to_string())),
            }
        }
        // A key bound to two commands does only one: said on the losing command's line.
        for (key, winner, loser) in KeyMap::with_overrides(&config.key_overrides).0.conflicts() {
            let line = line_of_key(text, Some("keys"), loser.name());
            problem(
                line,
                ConfigIssue::KeyBoundTwice {
                    key: key.to_string(),
                    winner: winner.name().to_string(),
                    loser: loser.name().to_string(),
                },
            );
        }
        problems.sort_by_key(|p| p.line);
        (config, problems)
    }

    /// The interface language and where it came from: this config's `language`, else the
    /// process's locale variables, else English.
    pub fn interface_language(&self) -> (Lang, LangSource) {
        crate::i18n::choose_from_env(self.language)
    }

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

/// The line where `key` is set, inside `[table]` when given; 1 when it cannot be found.
fn line_of_key(text: &str, table: Option<&str>, key: &str) -> usize {
    let mut in_table = table.is_none();
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_table =
                table.is_some_and(|t| trimmed.trim_matches(|c| c == '[' || c == ']').trim() == t);
            if table.is_none() {
                in_table = false;
            }
            continue;
        }
        let name = trimmed
            .split('=')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('"');
        if in_table && name == key && trimmed.contains('=') {
            return index + 1;
        }
    }
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Config, Vec<ConfigProblem>) {
        Config::parse(text, Path::new("config.toml"))
    }

    #[test]
    fn every_key_is_read() {
        let (config, problems) = parse(
            "posts = [\"/a\", \"/b\"]\nbrowser = \"w3m\"\nsort = \"title\"\ndate_format = \"%m-%d\"\narticle_width = 72\nascii_borders = true\nmark_read = \"end\"\nlanguage = \"zh-Hant\"\n[theme]\naccent = \"#ff8800\"\n[keys]\nquit = \"x\"\nmove_down = [\"j\", \"Ctrl-n\"]\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.posts, [PathBuf::from("/a"), PathBuf::from("/b")]);
        assert_eq!(config.browser.as_deref(), Some("w3m"));
        assert_eq!(
            (
                config.sort,
                config.article_width,
                config.ascii_borders,
                config.mark_read
            ),
            (SortOrder::Title, Some(72), true, MarkReadOn::End)
        );
        assert_eq!(
            config.theme.entries,
            [(ThemeSlot::Accent, Colour::Rgb(0xff, 0x88, 0))]
        );
        assert_eq!(config.key_overrides.len(), 2);
        assert_eq!(config.language, Some(Lang::ZhHant));
        assert_eq!(
            config.interface_language(),
            (Lang::ZhHant, LangSource::Config)
        );
    }

    #[test]
    fn a_language_brief_does_not_speak_is_reported_and_left_to_the_locale() {
        let (config, problems) = parse("language = \"fr\"\n");
        assert_eq!(config.language, None);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].issue, ConfigIssue::Language);
        assert!(problems[0].to_string().contains("zh-Hans"), "{problems:?}");
    }

    #[test]
    fn unknown_keys_and_bad_values_are_reported_with_their_line() {
        let (config, problems) = parse(
            "sort = \"random\"\ncolour = 3\n\n[theme]\nacent = \"red\"\ntag = \"not-a-colour\"\n[keys]\nfly = \"f\"\nquit = \"Hyper-q\"\n",
        );
        let lines: Vec<(usize, String)> = problems
            .iter()
            .map(|p| (p.line, p.issue.to_string()))
            .collect();
        assert_eq!(lines.len(), 6, "{lines:?}");
        assert_eq!(lines[0].0, 1);
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 2 && m.contains("unknown key `colour`"))
        );
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 5 && m.contains("theme.acent"))
        );
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 6 && m.contains("theme.tag"))
        );
        assert!(lines.iter().any(|(l, m)| *l == 8 && m.contains("keys.fly")));
        assert!(lines.iter().any(|(l, m)| *l == 9 && m.contains("Hyper-q")));
        assert_eq!(config.sort, SortOrder::Newest, "defaults stay");
        assert_eq!(
            problems[5].issue,
            ConfigIssue::NotAKey {
                command: "quit".into(),
                key: "Hyper-q".into()
            }
        );
    }

    #[test]
    fn problems_are_worded_in_the_interface_language() {
        let (_, problems) = parse(
            "colour = 3
[keys]
quit = \"Hyper-q\"
",
        );
        let ja = Lang::Ja.catalog();
        assert_eq!(
            problems[0].localized(ja),
            "config.toml:1: 警告：不明なキー `colour`。既定値を使います"
        );
        assert!(
            problems[1]
                .localized(Lang::ZhHant.catalog())
                .contains("keys.quit：`Hyper-q` 不是按鍵"),
            "{problems:?}"
        );
        assert_eq!(
            problems[0].to_string(),
            "config.toml:1: warning: unknown key `colour`; using the default"
        );
    }

    #[test]
    fn broken_toml_names_its_line_and_keeps_defaults() {
        let (config, problems) = parse("sort = \"title\"\nposts = [\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].line >= 2);
        assert_eq!(config.sort, SortOrder::Newest);
    }

    #[test]
    fn a_missing_default_file_is_fine_but_a_missing_explicit_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths {
            config_file: dir.path().join("none.toml"),
            state_file: dir.path().join("s"),
            cache_dir: dir.path().to_path_buf(),
        };
        assert!(Config::load(None, &paths).unwrap().file.is_none());
        assert!(Config::load(Some(&dir.path().join("missing.toml")), &paths).is_err());
    }

    #[test]
    fn utc_is_read_and_checked() {
        assert!(!parse("").0.utc);
        assert!(parse("utc = true\n").0.utc);
        let (config, problems) = parse("utc = \"yes\"\n");
        assert!(!config.utc);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn hyperlinks_is_read_and_checked() {
        assert_eq!(parse("").0.hyperlinks, HyperlinkMode::Auto);
        assert_eq!(
            parse("hyperlinks = \"never\"\n").0.hyperlinks,
            HyperlinkMode::Never
        );
        assert_eq!(
            parse("hyperlinks = \"always\"\n").0.hyperlinks,
            HyperlinkMode::Always
        );
        let (config, problems) = parse("sort = \"title\"\nhyperlinks = true\n");
        assert_eq!(config.hyperlinks, HyperlinkMode::Auto);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 2);
        assert_eq!(problems[0].issue, ConfigIssue::Hyperlinks);
    }

    #[test]
    fn a_key_bound_to_two_commands_is_a_warning_naming_both_on_its_line() {
        let (config, problems) = parse("sort = \"newest\"\n[keys]\nquit = \"j\"\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 3);
        let message = &problems[0].issue.to_string();
        assert!(
            message.contains("keys.quit")
                && message.contains("move_down")
                && message.contains("`j`"),
            "{message}"
        );
        assert!(
            KeyMap::default().conflicts().is_empty(),
            "the defaults agree"
        );
        assert_eq!(config.key_overrides.len(), 1);
    }
}
