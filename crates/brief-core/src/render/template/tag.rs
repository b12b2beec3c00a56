//! Reading the text around tags: where the Markdown's code is, where a closing tag is, and
//! what a tag says (its name and its arguments).
//!
//! Decides nothing about what a tag becomes.

/// The byte ranges of code blocks and code spans, as pulldown-cmark reads the text.
pub(super) fn code_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new_ext(text, crate::render::markdown::options())
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Start(Tag::CodeBlock(_)) | Event::Code(_)))
        .map(|(_, range)| range)
        .collect()
}

/// Where `{% name %}` (any spacing, `-` markers) starts and ends in `text`.
pub(super) fn find_end_tag(text: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    let mut close: Option<usize> = None;
    while let Some(open) = text[from..].find("{%").map(|i| from + i) {
        // The closer found for an earlier opener serves until it is passed: one scan in all.
        let this_close = match close {
            Some(c) if c >= open + 2 => c,
            _ => open + 2 + text[open + 2..].find("%}")?,
        };
        close = Some(this_close);
        if strip_markers(&text[open + 2..this_close]) == name {
            return Some((open, this_close + 2));
        }
        from = open + 2;
    }
    None
}

/// A tag's text without Liquid's `-` white-space markers and surrounding space.
pub(super) fn strip_markers(inner: &str) -> &str {
    let inner = inner.trim();
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    let inner = inner.strip_suffix('-').unwrap_or(inner);
    let inner = inner.trim();
    let inner = inner.strip_prefix('<').unwrap_or(inner);
    let inner = inner.strip_prefix('%').unwrap_or(inner);
    inner.trim()
}

/// The tag's name: its first word (with a leading `/` for a shortcode's closer).
pub(super) fn tag_name(inner: &str) -> &str {
    let end = inner
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_whitespace() || matches!(c, '"' | '\'' | '=' | '|' | '('))
        .map_or(inner.len(), |(i, _)| i);
    &inner[..end]
}

/// Shortcode or tag arguments: `key="v"`, `key='v'`, ``key=`v` ``, `key=v`, or positional.
pub(super) fn attributes(args: &str) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    let mut chars = args.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        // A key, if the word is followed by `=`.
        let mut key = None;
        let mut value_start = start;
        if !matches!(c, '"' | '\'' | '`') {
            let word_end = args[start..]
                .find(|c: char| c.is_whitespace() || c == '=')
                .map_or(args.len(), |i| start + i);
            if args[word_end..].starts_with('=') {
                key = Some(args[start..word_end].to_ascii_lowercase());
                value_start = word_end + 1;
            }
        }
        let rest = &args[value_start..];
        let (value, consumed) = match rest.chars().next() {
            Some(q @ ('"' | '\'' | '`')) => {
                let close = rest[1..].find(q).map_or(rest.len(), |i| i + 1);
                (&rest[1..close], (close + 1).min(rest.len()))
            }
            _ => {
                let stop = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..stop], stop)
            }
        };
        out.push((key, value.to_string()));
        let next = value_start + consumed;
        while chars.peek().is_some_and(|&(i, _)| i < next) {
            chars.next();
        }
    }
    out
}

/// The value of the first of `keys`, else the `position`-th positional value.
pub(super) fn attr(
    attrs: &[(Option<String>, String)],
    keys: &[&str],
    position: usize,
) -> Option<String> {
    keys.iter()
        .find_map(|key| {
            attrs
                .iter()
                .find(|(k, v)| k.as_deref() == Some(*key) && !v.trim().is_empty())
        })
        .map(|(_, v)| v.clone())
        .or_else(|| {
            attrs
                .iter()
                .filter(|(k, _)| k.is_none())
                .nth(position)
                .map(|(_, v)| v.clone())
        })
}
