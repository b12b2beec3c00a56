//! Normalising front matter into a [`Post`]: every dialect's spelling of title, date, author,
//! source, tags, categories, summary and language mapped to one field each, with fallbacks
//! to the body and the file name, and warnings tied to the key's line.
//!
//! The keys are read here; what the body and the path give when front matter is silent (a
//! title from a heading, the file name or the first sentence, a date from the path, the
//! body's format) is in `fallbacks`.

mod fallbacks;
#[cfg(test)]
mod tests;

pub use fallbacks::apply_fallbacks;

use super::date::PostDate;
use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::post::Post;
use super::tags::clean_tag;
use super::value::{FrontMap, FrontValue};
use brief_text::{sanitize_inline, sanitize_inline_owned, split_lines};

const TITLE_KEYS: &[&str] = &["title"];
const DATE_KEYS: &[&str] = &["date", "published", "pubdate", "created"];
const AUTHOR_KEYS: &[&str] = &["author", "authors"];
const SOURCE_KEYS: &[&str] = &["source", "from", "link", "url", "original", "canonical_url"];
const TAG_KEYS: &[&str] = &["tags", "tag"];
const CATEGORY_KEYS: &[&str] = &["categories", "category"];
const SUMMARY_KEYS: &[&str] = &["summary", "description", "excerpt"];
const LANG_KEYS: &[&str] = &["lang", "language"];
const ID_KEYS: &[&str] = &["id"];
/// Keys whose site-relative address may hold the date (`/2018/09/05/intro/`).
const ADDRESS_KEYS: &[&str] = &["url", "slug", "path", "permalink"];

/// Where the front matter sits in the file, for tying warnings to lines.
#[derive(Debug, Clone, Copy)]
pub struct FrontText<'a> {
    pub text: &'a str,
    pub first_line: usize,
}

impl FrontText<'_> {
    /// The file line on which `key` is written at the start of a line, if it is.
    fn line_of(&self, key: &str) -> Option<usize> {
        split_lines(self.text)
            .position(|line| starts_with_key(line, key))
            .map(|i| self.first_line + i)
    }

    /// The raw text after `key:` on its line: the salvage path for front matter that did not
    /// parse. Surrounding quotes are removed.
    pub fn salvage(&self, key: &str) -> Option<String> {
        let line = split_lines(self.text).find(|line| starts_with_key(line, key))?;
        let value = line[key.len()..]
            .trim_start()
            .trim_start_matches([':', '='])
            .trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'').trim();
        // A list, map or block marker is the start of structure, not a readable value.
        let structural = value.starts_with(['[', '{', '|', '>', '&', '*', '!']);
        (!value.is_empty() && !structural).then(|| value.to_string())
    }
}

fn starts_with_key(line: &str, key: &str) -> bool {
    line.len() > key.len()
        && line.is_char_boundary(key.len())
        && line[..key.len()].eq_ignore_ascii_case(key)
        && line[key.len()..].trim_start().starts_with([':', '='])
}

/// Fills `post` from parsed front matter, with warnings for values that cannot be used.
pub fn apply_front_matter(
    post: &mut Post,
    map: FrontMap,
    front: FrontText<'_>,
    warnings: &mut Vec<Diagnostic>,
) {
    let mut address_date = None;
    for (key, value) in map {
        let key_is = |keys: &[&str]| keys.iter().any(|k| k.eq_ignore_ascii_case(&key));
        if key_is(ADDRESS_KEYS)
            && address_date.is_none()
            && let FrontValue::String(text) = &value
        {
            address_date = super::date_forms::from_url_path(text);
        }
        if key_is(TITLE_KEYS) {
            post.title = scalar(value).map(sanitize_inline_owned).unwrap_or_default();
        } else if key_is(DATE_KEYS) && post.date.is_none() {
            match scalar(value) {
                // Jekyll's `published: false` is a draft flag, not a date.
                Some(text) if is_boolean(&text) => {}
                Some(text) if !text.trim().is_empty() => {
                    post.date = PostDate::parse(&text);
                    if post.date.is_none() {
                        let field = format!("{key}: {}", sanitize_inline(&text));
                        let kind = if super::date_forms::is_ambiguous(&text) {
                            DiagnosticKind::DateAmbiguous { field, dated: None }
                        } else {
                            DiagnosticKind::DateUnknown { field, dated: None }
                        };
                        warnings.push(Diagnostic::warning("", front.line_of(&key), kind));
                    }
                }
                _ => {}
            }
        } else if key_is(AUTHOR_KEYS) && post.author.is_none() {
            post.author = non_empty(strings(value).join(", "));
        } else if key_is(SOURCE_KEYS) && post.source.is_none() && is_absolute_url(&value) {
            post.source = strings(value).into_iter().next().and_then(non_empty);
        } else if key_is(TAG_KEYS) {
            post.tags.extend(tag_list(value));
        } else if key_is(CATEGORY_KEYS) {
            post.categories.extend(tag_list(value));
        } else if key_is(SUMMARY_KEYS) && post.summary.is_none() {
            post.summary = scalar(value).map(sanitize_inline_owned).and_then(non_empty);
        } else if key_is(LANG_KEYS) {
            post.lang.extend(word_list(value));
        } else if key_is(ID_KEYS) && post.id.is_none() {
            post.id = scalar(value).map(sanitize_inline_owned).and_then(non_empty);
        } else {
            post.extra.push((sanitize_inline_owned(key), value));
        }
    }
    if post.date.is_none() {
        post.date = address_date;
    }
}

fn is_boolean(text: &str) -> bool {
    let text = text.trim();
    text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false")
}

/// Only an absolute `http(s)` address is a source: `url: /2018/09/05/intro/` is the post's
/// own place on its site.
fn is_absolute_url(value: &FrontValue) -> bool {
    let first = match value {
        FrontValue::List(items) => items.first(),
        other => Some(other),
    };
    matches!(first, Some(FrontValue::String(text)) if {
        let text = text.trim_start();
        text.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("http://"))
            || text.get(..8).is_some_and(|p| p.eq_ignore_ascii_case("https://"))
    })
}

/// When a post whose date could not be read got one from its path or address after all,
/// its warning says so instead of calling it undated: `check` and `list` agree.
pub fn note_fallback_date(post: &Post, diagnostics: &mut [Diagnostic]) {
    let Some(date) = post.date else {
        return;
    };
    for diagnostic in diagnostics {
        if let DiagnosticKind::DateAmbiguous { dated, .. }
        | DiagnosticKind::DateUnknown { dated, .. } = &mut diagnostic.kind
        {
            *dated = Some(date.to_string());
        }
    }
}

fn scalar(value: FrontValue) -> Option<String> {
    match value {
        FrontValue::List(items) => items.into_iter().find_map(FrontValue::into_scalar_text),
        other => other.into_scalar_text(),
    }
}

/// Every scalar in a value (a scalar, or a list of them), sanitised, empty ones dropped.
fn strings(value: FrontValue) -> Vec<String> {
    let mut out = Vec::new();
    collect_strings(value, &mut out);
    out
}

fn collect_strings(value: FrontValue, out: &mut Vec<String>) {
    match value {
        FrontValue::List(items) => {
            for item in items {
                collect_strings(item, out);
            }
        }
        FrontValue::Map(entries) => {
            for (key, value) in entries {
                if key.eq_ignore_ascii_case("name") {
                    collect_strings(value, out);
                }
            }
        }
        other => {
            if let Some(text) = other.into_scalar_text().map(sanitize_inline_owned)
                && !text.is_empty()
            {
                out.push(text);
            }
        }
    }
}

/// Tags from a list, or from one string separated by commas (`,`, `，`, `、`) or, with no
/// comma, by spaces.
fn tag_list(value: FrontValue) -> Vec<String> {
    let is_list = matches!(value, FrontValue::List(_));
    let mut names = Vec::new();
    for text in strings(value) {
        if is_list {
            let clean = clean_tag(&text);
            if clean.len() == text.len() {
                names.push(text);
            } else if !clean.is_empty() {
                names.push(clean.to_string());
            }
            continue;
        }
        let parts: Vec<&str> = if text.contains([',', '，', '、']) {
            text.split([',', '，', '、']).collect()
        } else {
            text.split_whitespace().collect()
        };
        names.extend(
            parts
                .into_iter()
                .map(clean_tag)
                .filter(|t| !t.is_empty())
                .map(str::to_string),
        );
    }
    names
}

fn word_list(value: FrontValue) -> Vec<String> {
    strings(value)
        .iter()
        .flat_map(|s| {
            s.split([',', ' '])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn non_empty(s: String) -> Option<String> {
    let trimmed = s.trim();
    if trimmed.is_empty() {
        None
    } else if trimmed.len() == s.len() {
        Some(s)
    } else {
        Some(trimmed.to_string())
    }
}
