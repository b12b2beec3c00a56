//! Splitting a post into front matter and body, and guarding the parsers against hostile input.
//!
//! A post opens with `---` (YAML) or `+++` (TOML) on its first line and closes with the same
//! fence (YAML may also close with `...`). A `---` anywhere later is a Markdown rule, not front
//! matter. Front matter that is too large or nested too deep is refused before any parser sees
//! it: YAML parsers can take tens of seconds on a few hundred kilobytes of `[[[[`.

use super::diagnostic::DiagnosticKind;
use super::value::FrontMap;
use super::{toml_front_matter, yaml};
use brief_text::split_lines;

/// Front matter larger than this is refused unparsed.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;
/// Deeper nesting of lists and maps than this is refused unparsed.
pub const MAX_NESTING: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterKind {
    Yaml,
    Toml,
}

/// The fenced block at the top of a post.
#[derive(Debug, Clone, Copy)]
pub struct FrontBlock<'a> {
    pub kind: FrontMatterKind,
    /// The text between the fences.
    pub text: &'a str,
    /// File line of the first line of `text` (1-based).
    pub first_line: usize,
    /// False when the closing fence is missing.
    pub closed: bool,
    /// True for YAML whose opening `---` is missing: `key: value` lines from the first line
    /// up to a `---` line (see [`MAX_HEADLESS_BYTES`]).
    pub headless: bool,
}

/// Front matter without its opening fence is recognised only when it closes within this many
/// bytes: listing reads no more of a file that does not open with a fence.
pub const MAX_HEADLESS_BYTES: usize = 1024;

/// A post split at its front matter.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    pub front: Option<FrontBlock<'a>>,
    pub body: &'a str,
    /// File line on which `body` starts (1-based).
    pub body_line: usize,
}

/// Why front matter could not be read; `line` is 1-based within the file once [`parse`]
/// has translated it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: Option<usize>,
    pub kind: super::diagnostic::DiagnosticKind,
}

/// Splits `text` (already decoded, BOM removed) into front matter and body.
pub fn split(text: &str) -> Split<'_> {
    let line_end = |from: usize| memchr::memchr(b'\n', &text.as_bytes()[from..]).map(|i| from + i);
    let first_end = line_end(0).unwrap_or(text.len());
    let kind = match text[..first_end].trim_end() {
        "---" => FrontMatterKind::Yaml,
        "+++" => FrontMatterKind::Toml,
        _ => {
            return headless(text).unwrap_or(Split {
                front: None,
                body: text,
                body_line: 1,
            });
        }
    };
    let content_start = (first_end + 1).min(text.len());
    let mut offset = content_start;
    let mut line = 2;
    while offset < text.len() {
        let end = line_end(offset).unwrap_or(text.len());
        let trimmed = text[offset..end].trim_end();
        let closes = match kind {
            FrontMatterKind::Yaml => trimmed == "---" || trimmed == "...",
            FrontMatterKind::Toml => trimmed == "+++",
        };
        if closes {
            let body_start = (end + 1).min(text.len());
            return Split {
                front: Some(FrontBlock {
                    kind,
                    text: &text[content_start..offset],
                    first_line: 2,
                    closed: true,
                    headless: false,
                }),
                body: &text[body_start..],
                body_line: line + 1,
            };
        }
        offset = end + 1;
        line += 1;
    }
    Split {
        front: Some(FrontBlock {
            kind,
            text: &text[content_start..],
            first_line: 2,
            closed: false,
            headless: false,
        }),
        body: text,
        body_line: 1,
    }
}

/// YAML front matter whose opening `---` is missing: at least two `key: value` lines from the
/// first line (with indented or list lines between them), then a `---` line, all within
/// [`MAX_HEADLESS_BYTES`].
fn headless(text: &str) -> Option<Split<'_>> {
    let mut offset = 0;
    let mut keys = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if offset + line.len() > MAX_HEADLESS_BYTES {
            return None;
        }
        let trimmed = line.trim_end();
        if trimmed == "---" {
            return (keys >= 2).then(|| Split {
                front: Some(FrontBlock {
                    kind: FrontMatterKind::Yaml,
                    text: &text[..offset],
                    first_line: 1,
                    closed: true,
                    headless: true,
                }),
                body: &text[offset + line.len()..],
                body_line: index + 2,
            });
        }
        if is_yaml_key_line(trimmed) {
            keys += 1;
        } else if !(trimmed.starts_with([' ', '\t', '-']) && keys > 0) {
            return None;
        }
        offset += line.len();
    }
    None
}

/// `key:` or `key: value` with a plain key (letters, digits, `_`, `-`) at the line's start.
fn is_yaml_key_line(line: &str) -> bool {
    let Some((key, rest)) = line.split_once(':') else {
        return false;
    };
    !key.is_empty()
        && key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && (rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// Parses a front-matter block after checking it is closed, small and shallow enough.
pub fn parse(block: &FrontBlock<'_>) -> Result<FrontMap, FrontMatterError> {
    let fence = match block.kind {
        FrontMatterKind::Yaml => "---",
        FrontMatterKind::Toml => "+++",
    };
    if !block.closed {
        return Err(FrontMatterError {
            line: Some(1),
            kind: DiagnosticKind::FrontUnclosed(fence.to_string()),
        });
    }
    if block.text.len() > MAX_FRONT_MATTER_BYTES {
        return Err(FrontMatterError {
            line: Some(1),
            kind: DiagnosticKind::FrontTooLarge {
                size_kib: block.text.len() / 1024,
                limit_kib: MAX_FRONT_MATTER_BYTES / 1024,
            },
        });
    }
    if let Some(line) = first_line_nested_too_deep(block.text) {
        return Err(FrontMatterError {
            line: Some(block.first_line + line - 1),
            kind: DiagnosticKind::FrontTooDeep(MAX_NESTING),
        });
    }
    let parsed = match block.kind {
        FrontMatterKind::Yaml => yaml::parse(block.text),
        FrontMatterKind::Toml => toml_front_matter::parse(block.text),
    };
    parsed.map_err(|e| FrontMatterError {
        line: Some(block.first_line + e.line.unwrap_or(1) - 1),
        kind: e.kind,
    })
}

/// The 1-based line (within `text`) where flow brackets, block indentation or `- - -` runs
/// first exceed [`MAX_NESTING`], if they do. Quoted text is not looked into.
fn first_line_nested_too_deep(text: &str) -> Option<usize> {
    // Every post pays for this guard, so the bracket scan runs only when there are enough
    // brackets for it to matter.
    let brackets = memchr::memchr2_iter(b'[', b'{', text.as_bytes()).count();
    let mut flow_depth: usize = 0;
    for (index, line) in split_lines(text).enumerate() {
        if block_depth(line) > MAX_NESTING {
            return Some(index + 1);
        }
        if brackets > MAX_NESTING && flow_too_deep(line, &mut flow_depth) {
            return Some(index + 1);
        }
    }
    None
}

/// How deep a line's indentation and leading `- ` markers nest it in block collections.
fn block_depth(line: &str) -> usize {
    let mut rest = line.trim_start_matches(' ');
    let indent = line.len() - rest.len();
    let mut dashes = 0;
    while let Some(after) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("-\t")) {
        dashes += 1;
        rest = after.trim_start();
    }
    indent / 2 + dashes
}

/// Follows flow brackets outside quotes and comments through one line; true once they nest
/// deeper than [`MAX_NESTING`]. The characters looked for are ASCII, so bytes will do.
fn flow_too_deep(line: &str, flow_depth: &mut usize) -> bool {
    let mut quote: Option<u8> = None;
    for &byte in line.as_bytes() {
        match (quote, byte) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'#') => break,
            (None, b'[' | b'{') => {
                *flow_depth += 1;
                if *flow_depth > MAX_NESTING {
                    return true;
                }
            }
            (None, b']' | b'}') => *flow_depth = flow_depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_without_its_opening_fence_is_found() {
        let text = "layout: post\ntitle: \"标题\"\ntags:\n  - a\n---\n正文\n";
        let split = split(text);
        let front = split.front.expect("headless front matter");
        assert!(front.headless && front.closed);
        assert_eq!(front.text, "layout: post\ntitle: \"标题\"\ntags:\n  - a\n");
        assert_eq!(split.body, "正文\n");
        assert_eq!(split.body_line, 6);
        // A paragraph that mentions a colon, then a rule, is a body.
        for body in ["Note: this\n---\n", "Intro\nkey: value\nother: x\n---\n"] {
            assert!(super::split(body).front.is_none(), "{body}");
        }
    }

    #[test]
    fn yaml_front_matter_is_split_from_the_body() {
        let s = split("---\ntitle: a\n---\n# Body\n\n---\nmore\n");
        let front = s.front.unwrap();
        assert_eq!(front.kind, FrontMatterKind::Yaml);
        assert_eq!(front.text, "title: a\n");
        assert_eq!(s.body, "# Body\n\n---\nmore\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn toml_and_crlf_fences_are_recognised() {
        let s = split("+++\r\ntitle = \"a\"\r\n+++\r\nbody\r\n");
        assert_eq!(s.front.unwrap().kind, FrontMatterKind::Toml);
        assert_eq!(s.body, "body\r\n");
    }

    #[test]
    fn a_later_rule_is_not_front_matter() {
        let s = split("# Title\n\n---\n\ntext\n");
        assert!(s.front.is_none());
        assert_eq!(s.body_line, 1);
    }

    #[test]
    fn an_unclosed_fence_is_an_error_and_keeps_everything_as_body() {
        let text = "---\ntitle: x\nno end\n";
        let s = split(text);
        assert_eq!(s.body, text);
        let err = parse(&s.front.unwrap()).unwrap_err();
        assert_eq!(err.line, Some(1));
        assert!(err.kind.to_string().contains("never closed"));
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = format!("---\ntitle: x\ntags: {}\n---\n", "[".repeat(1_000));
        let s = split(&deep);
        let err = parse(&s.front.unwrap()).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(
            err.kind.to_string().contains("nests deeper"),
            "{}",
            err.kind
        );

        let dashes = format!("---\nx:\n{}a\n---\n", "- ".repeat(40));
        assert!(
            parse(&split(&dashes).front.unwrap())
                .unwrap_err()
                .kind
                .to_string()
                .contains("nests deeper")
        );
    }

    #[test]
    fn brackets_inside_quotes_do_not_count() {
        let text = format!("---\ntitle: \"{}\"\n---\n", "[".repeat(50));
        assert!(parse(&split(&text).front.unwrap()).is_ok());
    }

    #[test]
    fn oversized_front_matter_is_refused() {
        let text = format!(
            "---\nsummary: \"{}\"\n---\n",
            "x".repeat(MAX_FRONT_MATTER_BYTES)
        );
        assert!(
            parse(&split(&text).front.unwrap())
                .unwrap_err()
                .kind
                .to_string()
                .contains("over the")
        );
    }

    #[test]
    fn yaml_error_lines_are_file_lines() {
        let s = split("---\ntitle: ok\ntags: [a, b\nauthor: x\n---\nbody\n");
        let err = parse(&s.front.unwrap()).unwrap_err();
        assert!(err.line.unwrap() >= 3, "{err:?}");
    }
}
