//! Problems found while loading, each tied to a file and, where known, a line. A problem is
//! data ([`DiagnosticKind`]); the catalog words it in the interface language when it is shown
//! ([`Diagnostic::render`]), and English is its `Display`. Text a parser or the system wrote
//! (serde_yaml's and toml's messages, an I/O error) is kept as it came, untranslated.
//!
//! Depends only on `i18n` and `text`; the index cache stores these kinds as they are.

use crate::bounded_read::FileKind;
use brief_i18n::{Catalog, Lang, fill};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// How bad a problem is: an error means something the user wrote could not be read as meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// What is wrong, with what the message needs to say it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiagnosticKind {
    /// The system's (or the walker's) own error text.
    CannotRead(String),
    /// A FIFO, device or socket named like a post.
    NotRegular(FileKind),
    /// Larger than the size limit: size in MiB (one decimal) and the limit in whole MiB.
    TooLarge {
        size_tenths_mib: u64,
        limit_mib: u64,
    },
    Empty,
    Binary,
    /// Decoded from a legacy encoding, named.
    DecodedAs(String),
    NoFrontMatter,
    /// Front matter without its opening `---` line.
    Headless,
    /// Front matter never closed; the fence that opened it.
    FrontUnclosed(String),
    /// Front matter too large to parse, in KiB.
    FrontTooLarge {
        size_kib: usize,
        limit_kib: usize,
    },
    /// Front matter nested deeper than this many levels.
    FrontTooDeep(usize),
    /// serde_yaml's own message.
    NotYaml(String),
    /// toml's own message.
    NotToml(String),
    /// Front matter that parses but is not `key: value` lines (a lone sentence, a list).
    NotAMap,
    /// A date field (`key: value`) that reads both day/month and month/day; `dated` is the
    /// date the post got from its path instead, if it did.
    DateAmbiguous {
        field: String,
        dated: Option<String>,
    },
    /// A date field brief cannot read; `dated` as for [`DiagnosticKind::DateAmbiguous`].
    DateUnknown {
        field: String,
        dated: Option<String>,
    },
    /// `check`: a template tag whose meaning brief cannot show.
    Template(String),
    /// `check`: every one of this many posts in a folder lacks front matter.
    FolderWithoutFrontMatter(usize),
    /// `check`: body nesting deeper than this many levels is shown flattened.
    NestingFlattened(usize),
}

impl DiagnosticKind {
    /// The problem in the language of `words`.
    pub fn message(&self, words: &Catalog) -> String {
        use DiagnosticKind as K;
        match self {
            K::CannotRead(error) => fill(words.diag_cannot_read, &[("error", error)]),
            K::NotRegular(kind) => fill(words.diag_not_regular, &[("kind", &kind.name(words))]),
            K::TooLarge {
                size_tenths_mib,
                limit_mib,
            } => fill(
                words.diag_too_large,
                &[("size", &Tenths(*size_tenths_mib)), ("limit", limit_mib)],
            ),
            K::Empty => words.diag_empty.into(),
            K::Binary => words.diag_binary.into(),
            K::DecodedAs(encoding) => fill(words.diag_decoded_as, &[("encoding", encoding)]),
            K::NoFrontMatter => words.diag_no_front_matter.into(),
            K::Headless => words.diag_headless.into(),
            K::FrontUnclosed(fence) => fill(words.diag_front_unclosed, &[("fence", fence)]),
            K::FrontTooLarge {
                size_kib,
                limit_kib,
            } => fill(
                words.diag_front_too_large,
                &[("size", size_kib), ("limit", limit_kib)],
            ),
            K::FrontTooDeep(levels) => fill(words.diag_front_too_deep, &[("levels", levels)]),
            K::NotYaml(error) => fill(words.diag_not_yaml, &[("error", error)]),
            K::NotToml(error) => fill(words.diag_not_toml, &[("error", error)]),
            K::NotAMap => words.diag_not_a_map.into(),
            K::DateAmbiguous { field, dated } => {
                fill(words.diag_date_ambiguous, &[("field", field)]) + &date_end(words, dated)
            }
            K::DateUnknown { field, dated } => {
                fill(words.diag_date_unknown, &[("field", field)]) + &date_end(words, dated)
            }
            K::Template(tag) => fill(words.diag_template, &[("tag", tag)]),
            K::FolderWithoutFrontMatter(n) => {
                fill(words.diag_folder_without_front_matter, &[("n", n)])
            }
            K::NestingFlattened(levels) => {
                fill(words.diag_nesting_flattened, &[("levels", levels)])
            }
        }
    }

    /// The same kind with every string in it sanitised as text from a post is: for kinds
    /// read back from the index cache, which anyone who can write it may have changed.
    pub fn cleaned(self) -> Self {
        use DiagnosticKind as K;
        let c = |s: String| brief_text::sanitize_inline_owned(s);
        match self {
            K::CannotRead(s) => K::CannotRead(c(s)),
            K::DecodedAs(s) => K::DecodedAs(c(s)),
            K::FrontUnclosed(s) => K::FrontUnclosed(c(s)),
            K::NotYaml(s) => K::NotYaml(c(s)),
            K::NotToml(s) => K::NotToml(c(s)),
            K::DateAmbiguous { field, dated } => K::DateAmbiguous {
                field: c(field),
                dated: dated.map(c),
            },
            K::DateUnknown { field, dated } => K::DateUnknown {
                field: c(field),
                dated: dated.map(c),
            },
            K::Template(s) => K::Template(c(s)),
            other => other,
        }
    }

    /// One of each kind, for tests that render them all. The text standing for a parser's
    /// or the system's own words holds no English word, so that a test can tell English
    /// left in a translation from English that came with the data.
    #[doc(hidden)]
    pub fn samples() -> Vec<DiagnosticKind> {
        use DiagnosticKind as K;
        let mut all = vec![
            K::CannotRead("EACCES 13".into()),
            K::TooLarge {
                size_tenths_mib: 180,
                limit_mib: 16,
            },
            K::Empty,
            K::Binary,
            K::DecodedAs("GBK".into()),
            K::NoFrontMatter,
            K::Headless,
            K::FrontUnclosed("---".into()),
            K::FrontTooLarge {
                size_kib: 300,
                limit_kib: 256,
            },
            K::FrontTooDeep(32),
            K::NotYaml("E1: ']'".into()),
            K::NotToml("E2: '['".into()),
            K::NotAMap,
            K::DateAmbiguous {
                field: "Date: 01/02/2024".into(),
                dated: None,
            },
            K::DateAmbiguous {
                field: "Date: 01/02/2024".into(),
                dated: Some("2024-05-06".into()),
            },
            K::DateUnknown {
                field: "Date: 上周三".into(),
                dated: None,
            },
            K::DateUnknown {
                field: "Date: 上周三".into(),
                dated: Some("2024-05-06".into()),
            },
            K::Template("{{ X.Y }}".into()),
            K::FolderWithoutFrontMatter(3),
            K::NestingFlattened(64),
        ];
        all.extend(FileKind::ALL.into_iter().map(K::NotRegular));
        // No wildcard: a new kind does not compile until it is named here, a reminder to
        // give it a sample above.
        for kind in &all {
            match kind {
                K::CannotRead(_)
                | K::NotRegular(_)
                | K::TooLarge { .. }
                | K::Empty
                | K::Binary
                | K::DecodedAs(_)
                | K::NoFrontMatter
                | K::Headless
                | K::FrontUnclosed(_)
                | K::FrontTooLarge { .. }
                | K::FrontTooDeep(_)
                | K::NotYaml(_)
                | K::NotToml(_)
                | K::NotAMap
                | K::DateAmbiguous { .. }
                | K::DateUnknown { .. }
                | K::Template(_)
                | K::FolderWithoutFrontMatter(_)
                | K::NestingFlattened(_) => {}
            }
        }
        all
    }
}

impl From<crate::bounded_read::Refused> for DiagnosticKind {
    /// A post that was not read, as a post's problem (the limit in whole MiB).
    fn from(refused: crate::bounded_read::Refused) -> Self {
        use crate::bounded_read::Refused;
        match refused {
            Refused::NotRegular(kind) => DiagnosticKind::NotRegular(kind),
            Refused::TooLarge { size, limit } => DiagnosticKind::TooLarge {
                size_tenths_mib: tenths_of_mib(size),
                limit_mib: limit / 1048576,
            },
            Refused::Io(error) => DiagnosticKind::CannotRead(error.to_string()),
        }
    }
}

/// How a date warning ends: the post is undated, or got its date from its path.
fn date_end(words: &Catalog, dated: &Option<String>) -> String {
    match dated {
        Some(date) => fill(words.diag_dated_from_path, &[("date", date)]),
        None => words.diag_undated.into(),
    }
}

/// A number of tenths shown with one decimal.
struct Tenths(u64);

impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// `bytes` in tenths of a MiB, rounded to nearest, for [`DiagnosticKind::TooLarge`].
pub fn tenths_of_mib(bytes: u64) -> u64 {
    (bytes as f64 / 104857.6).round() as u64
}

/// One problem in one file, printed as `PATH:LINE: error: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based line in the file, when the problem has one.
    pub line: Option<usize>,
    pub severity: Severity,
    pub kind: DiagnosticKind,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        path: impl Into<PathBuf>,
        line: Option<usize>,
        kind: DiagnosticKind,
    ) -> Self {
        Self {
            path: path.into(),
            line,
            severity,
            kind,
        }
    }

    pub fn error(path: impl Into<PathBuf>, line: Option<usize>, kind: DiagnosticKind) -> Self {
        Self::new(Severity::Error, path, line, kind)
    }

    pub fn warning(path: impl Into<PathBuf>, line: Option<usize>, kind: DiagnosticKind) -> Self {
        Self::new(Severity::Warning, path, line, kind)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message alone, in the language of `words`, made safe for a terminal.
    pub fn message(&self, words: &Catalog) -> String {
        brief_text::visible(&self.kind.message(words)).into_owned()
    }

    /// `PATH:LINE: error|warning: message`, the message in the language of `words`. The
    /// words `error` and `warning` stay English, so that editors can parse the line.
    pub fn render(&self, words: &Catalog) -> String {
        format!(
            "{}:{}: {}: {}",
            brief_text::visible_path(&self.path),
            self.line.unwrap_or(1),
            self.severity,
            self.message(words)
        )
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

impl fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En.catalog()))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En.catalog()))
    }
}

/// What a user asking for detail (`--verbose`) is told about the loading: index cache files
/// that were refused or had chunks dropped.
#[derive(Debug)]
pub enum LoadNote {
    /// This many chunks of the cache file failed their check; their posts were read again.
    CacheDropped { file: PathBuf, chunks: usize },
    /// The cache file was not read at all.
    CacheRefused {
        file: PathBuf,
        reason: crate::bounded_read::Refused,
    },
}

impl LoadNote {
    /// The note in the language of `words`, its path made safe for a terminal.
    pub fn message(&self, words: &Catalog) -> String {
        match self {
            LoadNote::CacheDropped { file, chunks } => fill(
                words.note_cache_dropped,
                &[("file", &brief_text::visible_path(file)), ("n", chunks)],
            ),
            LoadNote::CacheRefused { file, reason } => fill(
                words.note_cache_refused,
                &[
                    ("file", &brief_text::visible_path(file)),
                    ("reason", &brief_text::visible(&reason.message(words))),
                ],
            ),
        }
    }
}

impl fmt::Display for LoadNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En.catalog()))
    }
}
