//! One post as the index cache keeps it: its fields and problems in plain data, and the way
//! back to a [`Post`], every string sanitised again as if it came from a post (the cache file
//! may have been changed by anyone who can write it, checksums and all).

use super::Cached;
use crate::store::date::PostDate;
use crate::store::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::store::post::{BodyFormat, FrontMatterState, Post, relative_key_in};
use crate::store::value::FrontValue;
use jiff::civil::{Date, Time};
use jiff::tz::Offset;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A cached post with its problems, keyed by path relative to the root.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CacheEntry {
    pub relative_path: String,
    pub size: u64,
    pub modified: i64,
    post: CachedPost,
    diagnostics: Vec<CachedDiagnostic>,
    /// False for a file that is not a post (a README); it is remembered so it is not read again.
    is_post: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CachedPost {
    title: String,
    date: Option<CachedDate>,
    author: Option<String>,
    source: Option<String>,
    tags: Vec<String>,
    categories: Vec<String>,
    summary: Option<String>,
    lang: Vec<String>,
    id: Option<String>,
    extra: Vec<(String, CachedValue)>,
    html: bool,
    front_matter: u8,
    decoded_from: Option<String>,
    content_hash: u64,
}

/// [`PostDate`] in plain numbers.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct CachedDate {
    /// 0 a day, 1 a zone-less time, 2 a time at an offset.
    kind: u8,
    year: i16,
    month: i8,
    day: i8,
    hour: i8,
    minute: i8,
    second: i8,
    subsec_nanosecond: i32,
    offset_seconds: i32,
}

/// [`FrontValue`] in a form the cache's format can hold (it has no self-describing values).
#[derive(Debug, Clone, Serialize, Deserialize)]
enum CachedValue {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    List(Vec<CachedValue>),
    Map(Vec<(String, CachedValue)>),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CachedDiagnostic {
    line: Option<usize>,
    error: bool,
    /// Kept as data, so that it is worded in whatever language reads the cache.
    kind: DiagnosticKind,
}

impl CacheEntry {
    /// An entry for a file just loaded (`post` is `None` for a file that is not a post). Loads
    /// encode entries with [`encode_entry`]; this owned form is the tests' oracle for it.
    #[cfg(test)]
    pub fn new(
        root: &Path,
        path: &Path,
        size: u64,
        modified: i64,
        post: Option<&Post>,
        diagnostics: &[Diagnostic],
    ) -> Self {
        let empty = Post::default();
        let p = post.unwrap_or(&empty);
        CacheEntry {
            relative_path: crate::store::post::relative_key(path, &[root]),
            size,
            modified,
            is_post: post.is_some(),
            post: CachedPost {
                title: p.title.clone(),
                date: p.date.map(CachedDate::from),
                author: p.author.clone(),
                source: p.source.clone(),
                tags: p.tags.clone(),
                categories: p.categories.clone(),
                summary: p.summary.clone(),
                lang: p.lang.clone(),
                id: p.id.clone(),
                extra: p
                    .extra
                    .iter()
                    .map(|(k, v)| (k.clone(), CachedValue::from(v)))
                    .collect(),
                html: p.format == BodyFormat::Html,
                front_matter: front_matter_code(p.front_matter),
                decoded_from: p.decoded_from.clone(),
                content_hash: p.content_hash,
            },
            diagnostics: diagnostics
                .iter()
                .map(|d| CachedDiagnostic {
                    line: d.line,
                    error: d.is_error(),
                    kind: d.kind.clone(),
                })
                .collect(),
        }
    }

    pub(super) fn into_post(self, path: &Path) -> Cached {
        let diagnostics = self
            .diagnostics
            .into_iter()
            .map(|d| Diagnostic {
                path: path.to_path_buf(),
                line: d.line,
                severity: if d.error {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                kind: d.kind.cleaned(),
            })
            .collect();
        if !self.is_post {
            return (None, diagnostics);
        }
        let c = self.post;
        let post = Post {
            path: path.to_path_buf(),
            title: clean(c.title),
            date: c.date.and_then(CachedDate::to_post_date),
            author: c.author.map(clean),
            source: c.source.map(clean),
            tags: c.tags.into_iter().map(clean).collect(),
            categories: c.categories.into_iter().map(clean).collect(),
            summary: c.summary.map(clean),
            lang: c.lang.into_iter().map(clean).collect(),
            id: c.id.map(clean),
            extra: c
                .extra
                .into_iter()
                .map(|(k, v)| (clean(k), v.into()))
                .collect(),
            format: if c.html {
                BodyFormat::Html
            } else {
                BodyFormat::Markdown
            },
            front_matter: match c.front_matter {
                1 => FrontMatterState::Missing,
                2 => FrontMatterState::Broken,
                _ => FrontMatterState::Parsed,
            },
            decoded_from: c.decoded_from.map(clean),
            size: self.size,
            modified: self.modified,
            content_hash: c.content_hash,
        };
        (Some(post), diagnostics)
    }
}

/// An entry as the cache file holds it, without its key: its key, size and modification
/// time, and the rest encoded.
pub type Encoded = (String, u64, i64, Vec<u8>);

/// What [`CacheEntry::new`] would make, encoded as the file holds it, straight from the
/// post's own fields: a first run encodes each file's entry on the thread that read it,
/// without copying the post first. [`CacheEntry`] reads it back (a test holds the two
/// encodings equal).
pub fn encode_entry(
    root: &Path,
    path: &Path,
    size: u64,
    modified: i64,
    post: Option<&Post>,
    diagnostics: &[Diagnostic],
) -> postcard::Result<Encoded> {
    let empty = Post::default();
    let p = post.unwrap_or(&empty);
    let entry = EntryRef {
        relative_path: "",
        size,
        modified,
        post: PostRef {
            title: &p.title,
            date: p.date.map(CachedDate::from),
            author: p.author.as_deref(),
            source: p.source.as_deref(),
            tags: &p.tags,
            categories: &p.categories,
            summary: p.summary.as_deref(),
            lang: &p.lang,
            id: p.id.as_deref(),
            extra: Pairs(&p.extra),
            html: p.format == BodyFormat::Html,
            front_matter: front_matter_code(p.front_matter),
            decoded_from: p.decoded_from.as_deref(),
            content_hash: p.content_hash,
        },
        diagnostics: Diagnostics(diagnostics),
        is_post: post.is_some(),
    };
    // Encoded into a buffer kept by the thread, then copied out at its size: one allocation
    // an entry, where growing a new vector took half a dozen.
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let body = SCRATCH.with_borrow_mut(|scratch| {
        scratch.clear();
        *scratch = postcard::to_extend(&entry, std::mem::take(scratch))?;
        Ok::<_, postcard::Error>(scratch.as_slice().to_vec())
    })?;
    Ok((
        relative_key_in(path, root).into_owned(),
        size,
        modified,
        body,
    ))
}

fn front_matter_code(state: FrontMatterState) -> u8 {
    match state {
        FrontMatterState::Parsed => 0,
        FrontMatterState::Missing => 1,
        FrontMatterState::Broken => 2,
    }
}

/// [`CacheEntry`], field for field, borrowed.
#[derive(Serialize)]
struct EntryRef<'a> {
    relative_path: &'a str,
    size: u64,
    modified: i64,
    post: PostRef<'a>,
    diagnostics: Diagnostics<'a>,
    is_post: bool,
}

/// [`CachedPost`], field for field, borrowed.
#[derive(Serialize)]
struct PostRef<'a> {
    title: &'a str,
    date: Option<CachedDate>,
    author: Option<&'a str>,
    source: Option<&'a str>,
    tags: &'a [String],
    categories: &'a [String],
    summary: Option<&'a str>,
    lang: &'a [String],
    id: Option<&'a str>,
    extra: Pairs<'a>,
    html: bool,
    front_matter: u8,
    decoded_from: Option<&'a str>,
    content_hash: u64,
}

/// Keys and values, encoded as `Vec<(String, CachedValue)>` is.
struct Pairs<'a>(&'a [(String, FrontValue)]);

impl Serialize for Pairs<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|(key, value)| (key, AsCached(value))))
    }
}

/// A [`FrontValue`] encoded as the [`CachedValue`] it would become.
struct AsCached<'a>(&'a FrontValue);

impl Serialize for AsCached<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        const NAME: &str = "CachedValue";
        match self.0 {
            FrontValue::Null => serializer.serialize_unit_variant(NAME, 0, "Null"),
            FrontValue::Bool(b) => serializer.serialize_newtype_variant(NAME, 1, "Bool", b),
            FrontValue::Number(n) => serializer.serialize_newtype_variant(NAME, 2, "Number", n),
            FrontValue::String(s) => serializer.serialize_newtype_variant(NAME, 3, "String", s),
            FrontValue::List(items) => {
                serializer.serialize_newtype_variant(NAME, 4, "List", &Values(items))
            }
            FrontValue::Map(entries) => {
                serializer.serialize_newtype_variant(NAME, 5, "Map", &Pairs(entries))
            }
        }
    }
}

/// Values, encoded as `Vec<CachedValue>` is.
struct Values<'a>(&'a [FrontValue]);

impl Serialize for Values<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(AsCached))
    }
}

/// Problems, encoded as `Vec<CachedDiagnostic>` is.
struct Diagnostics<'a>(&'a [Diagnostic]);

/// [`CachedDiagnostic`], field for field, borrowed.
#[derive(Serialize)]
struct DiagnosticRef<'a> {
    line: Option<usize>,
    error: bool,
    kind: &'a DiagnosticKind,
}

impl Serialize for Diagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|d| DiagnosticRef {
            line: d.line,
            error: d.is_error(),
            kind: &d.kind,
        }))
    }
}

impl From<PostDate> for CachedDate {
    fn from(date: PostDate) -> Self {
        let (kind, datetime, offset) = match date {
            PostDate::Day(d) => (0, d.to_datetime(Time::midnight()), 0),
            PostDate::Local(dt) => (1, dt, 0),
            PostDate::Offset(dt, offset) => (2, dt, offset.seconds()),
        };
        CachedDate {
            kind,
            year: datetime.year(),
            month: datetime.month(),
            day: datetime.day(),
            hour: datetime.hour(),
            minute: datetime.minute(),
            second: datetime.second(),
            subsec_nanosecond: datetime.subsec_nanosecond(),
            offset_seconds: offset,
        }
    }
}

impl CachedDate {
    fn to_post_date(self) -> Option<PostDate> {
        let date = Date::new(self.year, self.month, self.day).ok()?;
        let datetime = || {
            date.to_datetime(
                Time::new(self.hour, self.minute, self.second, self.subsec_nanosecond)
                    .unwrap_or(Time::midnight()),
            )
        };
        Some(match self.kind {
            0 => PostDate::Day(date),
            1 => PostDate::Local(datetime()),
            _ => PostDate::Offset(datetime(), Offset::from_seconds(self.offset_seconds).ok()?),
        })
    }
}

impl From<&FrontValue> for CachedValue {
    fn from(value: &FrontValue) -> Self {
        match value {
            FrontValue::Null => CachedValue::Null,
            FrontValue::Bool(b) => CachedValue::Bool(*b),
            FrontValue::Number(n) => CachedValue::Number(n.clone()),
            FrontValue::String(s) => CachedValue::String(s.clone()),
            FrontValue::List(items) => CachedValue::List(items.iter().map(Into::into).collect()),
            FrontValue::Map(entries) => {
                CachedValue::Map(entries.iter().map(|(k, v)| (k.clone(), v.into())).collect())
            }
        }
    }
}

impl From<CachedValue> for FrontValue {
    fn from(value: CachedValue) -> Self {
        match value {
            CachedValue::Null => FrontValue::Null,
            CachedValue::Bool(b) => FrontValue::Bool(b),
            CachedValue::Number(n) => FrontValue::Number(clean_block(n)),
            CachedValue::String(s) => FrontValue::String(clean_block(s)),
            CachedValue::List(items) => {
                FrontValue::List(items.into_iter().map(Into::into).collect())
            }
            CachedValue::Map(entries) => FrontValue::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (clean(k), v.into()))
                    .collect(),
            ),
        }
    }
}

/// A string from the cache, cleaned as a string from a post is: the cache file may have been
/// changed by anyone who can write it, checksums and all. Free when already clean.
fn clean(text: String) -> String {
    brief_text::sanitize_inline_owned(text)
}

/// [`clean`] for text that may span lines (values of unknown fields, messages): kept as it
/// is apart from what could act on a terminal.
fn clean_block(text: String) -> String {
    match brief_text::sanitize_block(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(clean) => clean,
    }
}
