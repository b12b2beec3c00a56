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
//! The settings are types of the leaf module [`crate::settings`]. This module reads files but
//! must not depend on the terminal, ratatui or `ui` drawing; its one tie to `app` is the key
//! map, which checks `[keys]` and builds the reader's settings ([`keys`]).

use crate::app::keymap::Command;
pub use crate::settings::{HyperlinkMode, ThemeColors, no_color_requested};
use crate::settings::{MarkReadOn, SortOrder};
use brief_i18n::{Lang, LangSource};
pub use issue::ConfigIssue;
pub use problem::{ConfigError, ConfigProblem};

mod issue;
mod keys;
mod parse;
mod problem;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

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
    pub fn load(explicit: Option<&Path>, paths: &Paths) -> Result<LoadedConfig, ConfigError> {
        let (path, required) = match explicit {
            Some(path) => (path.to_path_buf(), true),
            None => (paths.config_file.clone(), false),
        };
        // Only a regular file of bounded size: a FIFO there would block every command.
        let text = match brief_core::bounded_read::read_regular(&path, MAX_CONFIG_BYTES) {
            Ok(Some(bytes)) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(source) => return Err(ConfigError::NotUtf8 { path, source }),
            },
            Ok(None) if !required => return Ok(LoadedConfig::default()),
            Ok(None) => {
                // The system's own words, as before: "No such file or directory".
                let source = std::fs::metadata(&path)
                    .err()
                    .unwrap_or_else(|| std::io::ErrorKind::NotFound.into());
                return Err(ConfigError::Missing { path, source });
            }
            Err(refused) => return Err(ConfigError::Refused { path, refused }),
        };
        let (config, problems) = Self::parse(&text, &path);
        Ok(LoadedConfig {
            config,
            file: Some(path),
            problems,
        })
    }

    /// The interface language and where it came from: this config's `language`, else the
    /// process's locale variables, else English.
    pub fn interface_language(&self) -> (Lang, LangSource) {
        brief_i18n::choose_from_env(self.language)
    }
}
