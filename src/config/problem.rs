//! A problem of the config file as the user reads it: file, line and what is wrong, worded
//! by the catalog.

use super::ConfigIssue;
use crate::i18n::{Catalog, Lang, fill};
use std::path::PathBuf;

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
