//! What a post's body and path say when its front matter is silent: a title from the first
//! level-1 heading, the file name or the first sentence, a date from the path, and whether
//! the body is Markdown or HTML.
//!
//! Reads the body and the path only; knows nothing of front matter keys.

use crate::store::date::PostDate;
use crate::store::post::{BodyFormat, Post};
use brief_text::{sanitize_inline, split_lines};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::path::Path;

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
