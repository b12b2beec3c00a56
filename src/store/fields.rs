//! Normalising front matter into a [`Post`]: every dialect's spelling of title, date, author,
//! source, tags, categories, summary and language mapped to one field each, with fallbacks
//! to the body and the file name, and warnings tied to the key's line.

use super::date::PostDate;
use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::post::{BodyFormat, Post};
use super::tags::clean_tag;
use super::value::{FrontMap, FrontValue};
use crate::text::{sanitize_inline, sanitize_inline_owned, split_lines};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::path::Path;

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

/// Fills what front matter left empty: a title from a leading level-1 heading, the file
/// name or the first sentence; a date from the file's name or folders; and marks the body's
/// format.
pub fn apply_fallbacks(post: &mut Post, body: &str, path: &Path) {
    if post.title.is_empty() {
        post.title = first_heading(body)
            .or_else(|| title_from_path(path))
            .or_else(|| first_sentence(body))
            .unwrap_or_else(|| {
                let stem = path.file_stem().unwrap_or_default().to_string_lossy();
                sanitize_inline(&stem)
            });
    }
    if post.date.is_none() {
        post.date = PostDate::from_path(path);
    }
    post.format = detect_format(body);
}

/// A title from the file name: `issue-123.md` → `issue 123`,
/// `2023-08-01-camera-on-smartphone.md` → `camera on smartphone`; for `index.md` (a page
/// bundle) the folder's name. `None` when nothing but a date or digits is left.
pub fn title_from_path(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_string_lossy();
    let is_bundle = ["index", "_index", "readme"]
        .iter()
        .any(|n| stem.eq_ignore_ascii_case(n));
    let name = if is_bundle {
        path.parent()?.file_name()?.to_string_lossy()
    } else {
        stem
    };
    let name = PostDate::strip_date_prefix(&name);
    let words: Vec<&str> = name
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    let title = sanitize_inline(&words.join(" "));
    let meaningful = title.chars().any(char::is_alphabetic);
    meaningful.then_some(title)
}

/// The body's first sentence, at most [`SENTENCE_CHARS`] characters, from its first
/// paragraph's text.
fn first_sentence(body: &str) -> Option<String> {
    let mut text = String::new();
    let mut in_paragraph = false;
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if !text.trim().is_empty() => break,
            Event::Text(t) | Event::Code(t) if in_paragraph => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            _ => {}
        }
        if text.chars().count() > SENTENCE_CHARS * 2 {
            break;
        }
    }
    let text = sanitize_inline(&text);
    let mut sentence = String::new();
    let mut chars = text.trim().chars().peekable();
    while let Some(c) = chars.next() {
        sentence.push(c);
        let ends = matches!(c, '。' | '！' | '？')
            || (matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace()));
        if ends {
            break;
        }
        if sentence.chars().count() >= SENTENCE_CHARS {
            sentence.push('…');
            break;
        }
    }
    let sentence = sentence.trim().to_string();
    (!sentence.is_empty()).then_some(sentence)
}

/// The longest title taken from a body's first sentence.
const SENTENCE_CHARS: usize = 60;

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

/// The text of the body's leading level-1 heading (ATX `#` or setext `===`), link markup
/// removed: a heading that comes before any other block except HTML (comments, a banner).
/// Lower headings are section titles ("Featured", "前端技术"), not the post's.
pub fn first_heading(body: &str) -> Option<String> {
    let mut in_heading = false;
    let mut in_html = false;
    let mut text = String::new();
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if level != HeadingLevel::H1 {
                    return None;
                }
                in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                let title = sanitize_inline(&text);
                return (!title.is_empty()).then_some(title);
            }
            Event::Text(t) | Event::Code(t) if in_heading => text.push_str(&t),
            Event::Start(Tag::HtmlBlock) => in_html = true,
            Event::End(TagEnd::HtmlBlock) => in_html = false,
            Event::Start(_) if !in_heading && !in_html => return None,
            _ => {}
        }
    }
    None
}

/// HTML only when the body's text really lives in HTML elements: from its first line that
/// starts with an element tag (after at most a short Markdown preamble such as a setext
/// heading or a comment), most non-blank bytes are on lines that start with a tag, and no line
/// is Markdown's own: no heading, fence, list item or quote marker, and no paragraph of bare
/// text after a blank line. A Markdown post with embedded `<div>`, `<iframe>` or `<img>` stays
/// Markdown, its HTML blocks read by the HTML path inside it.
pub fn detect_format(body: &str) -> BodyFormat {
    let mut html = 0usize;
    let mut total = 0usize;
    let mut preamble_lines = 0usize;
    let mut in_html = false;
    let mut in_comment = false;
    let mut after_blank = false;
    for line in split_lines(body) {
        let line = line.trim();
        if line.is_empty() {
            after_blank = true;
            continue;
        }
        let blank_before = std::mem::replace(&mut after_blank, false);
        if in_comment {
            in_comment = !line.contains("-->");
            continue;
        }
        if let Some(rest) = line.strip_prefix("<!--") {
            in_comment = !rest.contains("-->");
            continue;
        }
        let starts_with_tag = line.starts_with('<')
            && line[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        if !in_html {
            if !starts_with_tag {
                preamble_lines += 1;
                if preamble_lines > 2 {
                    return BodyFormat::Markdown;
                }
                continue;
            }
            in_html = true;
        }
        if !starts_with_tag && (blank_before || is_markdown_block_line(line)) {
            return BodyFormat::Markdown;
        }
        total += line.len();
        if starts_with_tag {
            html += line.len();
        }
    }
    if total > 0 && html * 2 > total {
        BodyFormat::Html
    } else {
        BodyFormat::Markdown
    }
}

/// A trimmed line that opens a Markdown block: a heading, a fence, a list item or a quote.
fn is_markdown_block_line(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t']) {
        return true;
    }
    if line.starts_with("```") || line.starts_with("~~~") || line.starts_with("> ") {
        return true;
    }
    if line.starts_with(['-', '*', '+']) && line[1..].starts_with(' ') {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=9).contains(&digits)
        && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalised(map: FrontMap) -> (Post, Vec<Diagnostic>) {
        let mut post = Post::default();
        let mut warnings = Vec::new();
        apply_front_matter(
            &mut post,
            map,
            FrontText {
                text: "date: someday\n",
                first_line: 2,
            },
            &mut warnings,
        );
        (post, warnings)
    }

    fn s(text: &str) -> FrontValue {
        FrontValue::String(text.into())
    }

    #[test]
    fn tags_in_every_shape() {
        let list = FrontValue::List(vec![s("AI"), s(" #cloud ")]);
        assert_eq!(tag_list(list), ["AI", "cloud"]);
        assert_eq!(tag_list(s("AI, 芯片，半导体")), ["AI", "芯片", "半导体"]);
        assert_eq!(tag_list(s("economy markets")), ["economy", "markets"]);
        assert_eq!(tag_list(s("日本経済新聞")), ["日本経済新聞"]);
        assert!(tag_list(FrontValue::Null).is_empty());
    }

    #[test]
    fn source_comes_from_any_of_its_names() {
        for key in ["source", "from", "link", "url", "original", "canonical_url"] {
            let (post, _) = normalised(vec![(key.into(), s("https://example.com/a"))]);
            assert_eq!(
                post.source.as_deref(),
                Some("https://example.com/a"),
                "{key}"
            );
        }
    }

    #[test]
    fn site_relative_addresses_are_not_sources_but_may_date_the_post() {
        let (post, _) = normalised(vec![("url".into(), s("/2018/09/05/intro/"))]);
        assert_eq!(post.source, None);
        assert_eq!(
            post.date.map(|d| d.to_string()).as_deref(),
            Some("2018-09-05")
        );
        let (post, _) = normalised(vec![
            ("permalink".into(), s("/blog/x/")),
            ("link".into(), s("HTTPS://e.com/a")),
        ]);
        assert_eq!(post.source.as_deref(), Some("HTTPS://e.com/a"));
        assert_eq!(post.date, None);
    }

    #[test]
    fn published_false_is_a_draft_flag_not_a_bad_date() {
        let (post, warnings) = normalised(vec![
            ("published".into(), FrontValue::Bool(false)),
            ("date".into(), s("2019-09-08")),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            post.date.map(|d| d.to_string()).as_deref(),
            Some("2019-09-08")
        );
    }

    #[test]
    fn an_ambiguous_date_is_named_as_such() {
        let (post, warnings) = normalised(vec![("date".into(), s("01/02/2024"))]);
        assert_eq!(post.date, None);
        assert!(
            warnings[0].kind.to_string().contains("day/month"),
            "{warnings:?}"
        );
    }

    #[test]
    fn unknown_keys_are_kept_and_empty_strings_are_none() {
        let (post, _) = normalised(vec![
            ("author".into(), s("")),
            ("layout".into(), s("post")),
            ("weight".into(), FrontValue::Number("3".into())),
        ]);
        assert_eq!(post.author, None);
        assert_eq!(post.extra.len(), 2);
    }

    #[test]
    fn lang_as_string_or_list() {
        let (post, _) = normalised(vec![(
            "lang".into(),
            FrontValue::List(vec![s("zh"), s("en")]),
        )]);
        assert_eq!(post.lang, ["zh", "en"]);
        let (post, _) = normalised(vec![("lang".into(), s("ja"))]);
        assert_eq!(post.lang, ["ja"]);
    }

    #[test]
    fn a_bad_date_warns_on_its_line() {
        let (post, warnings) = normalised(vec![("date".into(), s("someday"))]);
        assert_eq!(post.date, None);
        assert_eq!(warnings[0].line, Some(2));
    }

    #[test]
    fn title_text_is_sanitised() {
        let (post, _) = normalised(vec![(
            "title".into(),
            s("\x1b]0;owned\x07新闻\x1b[31m速递"),
        )]);
        assert_eq!(post.title, "新闻速递");
    }

    #[test]
    fn headings_and_file_names_stand_in_for_titles() {
        assert_eq!(
            first_heading("<!-- c -->\n# [链接标题](https://x.y)\n\ntext\n").as_deref(),
            Some("链接标题")
        );
        assert_eq!(first_heading("Setext\n======\n").as_deref(), Some("Setext"));
        // A section heading, or a title after the first paragraph, is not the post's.
        assert_eq!(first_heading("## Featured\n\n# T\n"), None);
        assert_eq!(first_heading("intro\n\n# 前端技术\n"), None);
        assert_eq!(first_heading("前端技术\n--------\n"), None);
        let mut post = Post::default();
        apply_fallbacks(
            &mut post,
            "## Featured\n\nno title here",
            Path::new("dir/2026-01-05-weekly.md"),
        );
        assert_eq!(post.title, "weekly");
        assert_eq!(post.date.unwrap().to_string(), "2026-01-05");
    }

    #[test]
    fn titles_from_file_names_then_the_first_sentence() {
        let title = |path: &str| title_from_path(Path::new(path));
        assert_eq!(title("a/issue-123.md").as_deref(), Some("issue 123"));
        assert_eq!(
            title("_posts/2023-08-01-camera-on-smartphone.md").as_deref(),
            Some("camera on smartphone")
        );
        assert_eq!(
            title("content/2023-08-01-新しい本/index.md").as_deref(),
            Some("新しい本")
        );
        assert_eq!(title("2024/06/2024-06-17.md"), None);
        let mut post = Post::default();
        apply_fallbacks(
            &mut post,
            "今天天气很好。我们去了公园。\n",
            Path::new("x/2024-06-17.md"),
        );
        assert_eq!(post.title, "今天天气很好。");
    }

    #[test]
    fn salvage_reads_a_title_line() {
        let front = FrontText {
            text: "title: \"坏掉的\"\ntags: [a\n",
            first_line: 2,
        };
        assert_eq!(front.salvage("title").as_deref(), Some("坏掉的"));
        assert_eq!(front.salvage("author"), None);
    }

    #[test]
    fn html_bodies_are_recognised() {
        assert_eq!(
            detect_format("<div><p>a</p></div>\n<p>b</p>"),
            BodyFormat::Html
        );
        assert_eq!(
            detect_format("# T\n\nSome text with <b>bold</b>.\n"),
            BodyFormat::Markdown
        );
        // A setext heading before the HTML is a preamble (a news site's export).
        assert_eq!(
            detect_format("<!--1-->\n[T](https://e.com)\n------\n\n<div>\n<p>a</p></div>\n"),
            BodyFormat::Html
        );
    }

    #[test]
    fn markdown_with_embedded_html_stays_markdown() {
        let bodies = [
            "<div class=\"note\">\n<img src=\"a.png\">\n</div>\n\n## 开源资讯\n\n**fingerprintjs**\n",
            "<iframe src=\"https://www.youtube.com/embed/x\" width=\"560\" height=\"315\"></iframe>\n\nSee <https://example.com/a> for more.\n",
            "<blockquote class=\"twitter-tweet\"><p lang=\"en\">A long tweet text goes on and on here</p>&mdash; someone <a href=\"https://twitter.com/x/status/1\">June 1</a></blockquote>\n\nMy comment on it.\n",
            "<p align=\"center\"><img src=\"logo.png\" width=\"200\"></p>\n\n```rust\nfn main() {}\n```\n",
            "<div>\n<p>intro</p>\n</div>\n- item one\n- item two\n",
        ];
        for body in bodies {
            assert_eq!(detect_format(body), BodyFormat::Markdown, "{body}");
        }
    }
}
