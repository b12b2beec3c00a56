//! What can go wrong with the config file, as the user reads it: a problem in it (file, line
//! and what, after which the default is used) or a file that cannot be read at all.

use super::ConfigIssue;
use brief_core::bounded_read::Refused;
use brief_i18n::{Catalog, Lang, fill};
use brief_text::visible_path;
use std::path::PathBuf;

/// Why the config file was not read. Only `--config` makes this an error: a default file that
/// is missing is no config.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// `--config` names a file that is not there; the system's own words.
    #[error("{}: {source}", visible_path(path))]
    Missing {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Not a regular file, too large, or unreadable.
    #[error("{}: {refused}", visible_path(path))]
    Refused { path: PathBuf, refused: Refused },
    #[error("{}: {source}", visible_path(path))]
    NotUtf8 {
        path: PathBuf,
        source: std::string::FromUtf8Error,
    },
}

impl ConfigError {
    /// The message in the language of `words`; the system's errors keep their own text.
    pub fn localized(&self, words: &Catalog) -> String {
        match self {
            ConfigError::Refused { path, refused } => {
                format!("{}: {}", visible_path(path), refused.message(words))
            }
            ConfigError::Missing { .. } | ConfigError::NotUtf8 { .. } => self.to_string(),
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
                ("path", &brief_text::visible_path(&self.path)),
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
