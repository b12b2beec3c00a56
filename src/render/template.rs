//! Site-generator templates in a post's body: Jekyll/Liquid tags (`{% … %}`, `{{ … }}`) and
//! Hugo shortcodes (`{{< … >}}`, `{{% … %}}`), turned into what the author meant before the
//! body is parsed. A reader cannot run the site's templates, so:
//!
//! - `highlight`/`codeblock`/`code` blocks become code blocks; `{% raw %}` keeps its text as
//!   written; `{% comment %}` and `{{/* … */}}` hide theirs;
//! - a figure or image shortcode (`{{< figure src=… caption=… >}}`, `{% img … %}`) becomes an
//!   image with its caption; a video, tweet or gist becomes a one-line link to it;
//! - a paired tag or shortcode keeps its inner text; a tag whose meaning is unknown
//!   (`{% include %}`, `{% assign %}`, `{{ site.url }}`) disappears, and a line left empty by
//!   that disappears with it;
//! - a link whose target is a template (`[t]({% post_url x %})`) keeps its text and loses the
//!   link: its target becomes [`TEMPLATE_TARGET`], which the Markdown reader drops.
//!
//! No `{%`, `%}`, `{{` or `}}` of a template is left, and no text around one is lost. Every tag
//! that could not be interpreted is listed with its line, for `brief check`.
//!
//! Inside code (a Markdown code block or span, a `highlight` block) Liquid is what the code
//! shows, as in a Hugo post documenting Go templates, so it is kept; only `{% raw %}` markers
//! are taken out there. Shortcodes are read everywhere, as Hugo reads them.
//!
//! Linear in the body's length: one pulldown-cmark pass to find code, only for a body with
//! templates, and one pass over the text with each tag's end found once. This module works on
//! text only: it must not depend on the store, the layout or anything of the UI.

use std::borrow::Cow;

/// The link target put where a template was: the reader shows such a link's text only.
pub const TEMPLATE_TARGET: &str = "brief-template:";

/// Which syntax block replacements are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Markdown,
    Html,
}

/// A template tag brief could not interpret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uninterpreted {
    /// 0-based line within the body.
    pub line: usize,
    /// The tag as written, shortened.
    pub tag: String,
}

/// The body with its templates interpreted (borrowed when it has none).
pub fn interpret(body: &str, syntax: Syntax) -> Cow<'_, str> {
    if !has_template(body) {
        return Cow::Borrowed(body);
    }
    Cow::Owned(Interpreter::new(body, syntax).run().0)
}

/// Every template tag of `body` that could not be interpreted.
pub fn uninterpreted(body: &str) -> Vec<Uninterpreted> {
    if !has_template(body) {
        return Vec::new();
    }
    Interpreter::new(body, Syntax::Markdown).run().1
}

fn has_template(body: &str) -> bool {
    body.contains("{%") || body.contains("{{")
}

/// The four kinds of tag and their closers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `{% … %}`
    Liquid,
    /// `{{ … }}`
    Output,
    /// `{{< … >}}`
    Shortcode,
    /// `{{% … %}}`
    MarkdownShortcode,
}

impl Kind {
    fn open_len(self) -> usize {
        match self {
            Kind::Liquid | Kind::Output => 2,
            Kind::Shortcode | Kind::MarkdownShortcode => 3,
        }
    }

    fn closer(self) -> &'static str {
        match self {
            Kind::Liquid => "%}",
            Kind::Output => "}}",
            Kind::Shortcode => ">}}",
            Kind::MarkdownShortcode => "%}}",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A tag longer than this is not a tag (its closer is someone else's).
const MAX_TAG_BYTES: usize = 4096;

struct Interpreter<'a> {
    text: &'a str,
    syntax: Syntax,
    out: String,
    /// Where the current output line starts, and whether a tag vanished on it.
    line_start: usize,
    removed_on_line: bool,
    /// The input line being read (0-based).
    line: usize,
    /// With the name of each tag, to forget the openers of pairs once their closer is met.
    notes: Vec<(String, Uninterpreted)>,
    /// Closers known to be absent from the rest of the text, per [`Kind`].
    exhausted: [bool; 4],
    /// Where the next closer of each [`Kind`] was last found.
    next_closer: [Option<usize>; 4],
    /// Names of paired shortcodes and tags seen closing: their openers were understood.
    closed_names: Vec<String>,
    /// Inside a code block opened by a tag: its closing name.
    code_until: Option<String>,
    /// Byte ranges of the Markdown's code blocks and code spans, in order, and the first
    /// one not yet passed.
    code: Vec<std::ops::Range<usize>>,
    code_index: usize,
}

impl<'a> Interpreter<'a> {
    fn new(text: &'a str, syntax: Syntax) -> Self {
        Self {
            text,
            syntax,
            out: String::with_capacity(text.len()),
            line_start: 0,
            removed_on_line: false,
            line: 0,
            notes: Vec::new(),
            exhausted: [false; 4],
            next_closer: [None; 4],
            closed_names: Vec::new(),
            code_until: None,
            code: match syntax {
                Syntax::Markdown => code_ranges(text),
                Syntax::Html => Vec::new(),
            },
            code_index: 0,
        }
    }

    /// Whether `at` is inside code: a Markdown code block or span, or a `highlight` block.
    fn in_code(&mut self, at: usize) -> bool {
        if self.code_until.is_some() {
            return true;
        }
        while self.code.get(self.code_index).is_some_and(|r| r.end <= at) {
            self.code_index += 1;
        }
        self.code
            .get(self.code_index)
            .is_some_and(|r| r.start <= at)
    }

    fn run(mut self) -> (String, Vec<Uninterpreted>) {
        let text = self.text;
        let mut pos = 0;
        while pos < text.len() {
            let Some(found) = text[pos..].find('{').map(|i| pos + i) else {
                self.copy(&text[pos..]);
                break;
            };
            self.copy(&text[pos..found]);
            match self.tag_at(found) {
                Some((kind, inner, end)) => {
                    let before = self.out.len();
                    pos = self.tag(kind, inner, end);
                    // A tag that vanished between two spaces leaves one.
                    if self.out.len() == before
                        && self.out.ends_with(' ')
                        && text[pos..].starts_with(' ')
                    {
                        pos += 1;
                    }
                }
                None => {
                    self.copy("{");
                    pos = found + 1;
                }
            }
        }
        let closed = std::mem::take(&mut self.closed_names);
        let notes = self
            .notes
            .into_iter()
            .filter(|(name, _)| !closed.contains(name))
            .map(|(_, note)| note)
            .collect();
        (self.out, notes)
    }

    /// The tag starting at `at`: its kind, the text between its markers and where it ends.
    fn tag_at(&mut self, at: usize) -> Option<(Kind, &'a str, usize)> {
        let rest = &self.text[at..];
        let kind = if rest.starts_with("{{<") {
            Kind::Shortcode
        } else if rest.starts_with("{{%") {
            Kind::MarkdownShortcode
        } else if rest.starts_with("{{") {
            Kind::Output
        } else if rest.starts_with("{%") {
            Kind::Liquid
        } else {
            return None;
        };
        if self.exhausted[kind.index()] {
            return None;
        }
        let body_start = at + kind.open_len();
        // The next closer is searched for once and remembered until passed, so that many
        // openers without closers cost one scan, not one each.
        let close = match self.next_closer[kind.index()] {
            Some(q) if q >= body_start => q,
            _ => match self.text[body_start..].find(kind.closer()) {
                Some(i) => {
                    self.next_closer[kind.index()] = Some(body_start + i);
                    body_start + i
                }
                None => {
                    self.exhausted[kind.index()] = true;
                    return None;
                }
            },
        };
        if close - body_start > MAX_TAG_BYTES {
            return None;
        }
        let window = &self.text[body_start..close];
        let close = window.len();
        let inner = &window[..close];
        if kind == Kind::Output {
            // Liquid output starts with a name or a string; `{{ .Title }}` (Go templates shown
            // in a Hugo post) and `{{}}` are text.
            // `"{{" and "}}"` in prose is not a tag either: Liquid's opener is followed by a
            // space (or `-`) or straight by a name.
            let opened = inner.strip_prefix('-').unwrap_or(inner);
            let spaced = opened.starts_with([' ', '\t', '\n']);
            let first = opened.trim_start().chars().next();
            let looks_liquid = first.is_some_and(|c| {
                c.is_alphabetic() || c == '_' || (spaced && (c == '\'' || c == '"' || c == '/'))
            });
            if !looks_liquid {
                return None;
            }
        }
        Some((kind, inner, body_start + close + kind.closer().len()))
    }

    /// Handles one tag; returns where reading goes on.
    fn tag(&mut self, kind: Kind, inner: &'a str, end: usize) -> usize {
        let raw_tag = &self.text[end - inner.len() - kind.open_len() - kind.closer().len()..end];
        self.line += inner.matches('\n').count();
        let inner = strip_markers(inner);
        // A comment shortcode `{{/* … */}}`, or an escaped one `{{</* x */>}}`: shown as meant.
        if kind == Kind::Output && inner.starts_with("/*") {
            self.vanish();
            return end;
        }
        if matches!(kind, Kind::Shortcode | Kind::MarkdownShortcode) && inner.starts_with("/*") {
            let shown = inner.trim_start_matches("/*").trim_end_matches("*/").trim();
            let (open, close) = if kind == Kind::Shortcode {
                ("{{< ", " >}}")
            } else {
                ("{{% ", " %}}")
            };
            // An escaped shortcode is text the author shows, not a template.
            self.copy(open);
            self.copy(shown);
            self.copy(close);
            return end;
        }
        // `{{< name … />}}` closes itself.
        let inner = inner.strip_suffix('/').map_or(inner, str::trim_end);
        let name = tag_name(inner);
        let args = inner[inner.find(name).map_or(0, |i| i + name.len())..].trim();
        // Zola calls its shortcodes: `{{ name(key="v", other=1) }}`.
        let zola_args;
        let is_call = args.starts_with('(') && args.ends_with(')');
        let args = match args.strip_prefix('(').and_then(|a| a.strip_suffix(')')) {
            Some(call) => {
                zola_args = call.replace(", ", " ").replace(',', " ");
                zola_args.as_str()
            }
            None => args,
        };
        // In code, Liquid is what the code shows (Go templates in a Hugo post, Liquid in
        // `highlight`), except `raw`, which Jekyll authors put there to show it, and the end of
        // the block itself.
        let tag_start = end - raw_tag.len();
        let closes_code = self.code_until.as_deref() == Some(name);
        if matches!(kind, Kind::Liquid | Kind::Output)
            && !matches!(name, "raw" | "endraw")
            && !closes_code
            && self.in_code(tag_start)
        {
            self.copy(raw_tag);
            return end;
        }
        if self.code_until.as_deref() == Some(name)
            || (name.starts_with('/') && self.code_until.as_deref() == Some(&name[1..]))
        {
            self.code_until = None;
            self.close_code();
            return end;
        }
        if self.in_target() {
            // `[text]({% post_url x %})`, `({{ site.url }}/a)`, `({{< ref "x" >}})`.
            return self.template_target(end);
        }
        match (kind, name) {
            (Kind::Output, _) if !is_call => {
                self.note(raw_tag);
                self.vanish();
            }
            (Kind::Liquid, "raw") => return self.raw(end),
            (Kind::Liquid, "comment") => return self.skip_until(end, "endcomment"),
            (Kind::Liquid, "highlight" | "codeblock") => {
                let lang = args.split_whitespace().next().unwrap_or("");
                let lang = lang.trim_start_matches("lang:");
                self.open_code(lang, &format!("end{name}"));
            }
            (Kind::Shortcode | Kind::MarkdownShortcode, "highlight" | "code") => {
                let attrs = attributes(args);
                let lang = attr(&attrs, &["lang", "language"], 0).unwrap_or_default();
                self.open_code(&lang, name);
            }
            (_, "figure" | "img" | "image" | "fig" | "gallery-image" | "resize_image") => {
                let attrs = attributes(args);
                let src = if kind == Kind::Liquid {
                    // Octopress: `{% img [class] /path [w [h]] ["title" ["alt"]] %}`.
                    attrs
                        .iter()
                        .find(|(k, v)| k.is_none() && (v.contains('/') || v.contains('.')))
                        .map(|(_, v)| v.clone())
                } else {
                    attr(&attrs, &["src", "path", "link"], 0)
                };
                let caption = attr(&attrs, &["caption", "alt", "title"], usize::MAX)
                    .or_else(|| {
                        (kind == Kind::Liquid)
                            .then(|| {
                                attrs
                                    .iter()
                                    .filter(|(k, _)| k.is_none())
                                    .map(|(_, v)| v)
                                    .find(|v| v.contains(' '))
                                    .cloned()
                            })
                            .flatten()
                    })
                    .unwrap_or_default();
                match src {
                    Some(src) => self.image(&src, &caption),
                    None => {
                        self.note(raw_tag);
                        self.vanish();
                    }
                }
            }
            (
                _,
                "youtube" | "vimeo" | "tweet" | "twitter" | "x" | "gist" | "instagram" | "bilibili"
                | "youku",
            ) => match embed_link(name, &attributes(args)) {
                Some((label, url)) => self.block_link(label, &url),
                None => {
                    self.note(raw_tag);
                    self.vanish();
                }
            },
            (_, "ref" | "relref" | "link" | "post_url") => {
                // Outside a link's target the address alone means nothing to a reader.
                self.vanish();
            }
            (Kind::Output, _) => {
                self.note(raw_tag);
                self.vanish();
            }
            (Kind::Liquid, _) => {
                let name = name.to_string();
                if let Some(opened) = name.strip_prefix("end") {
                    self.closed_names.push(opened.to_string());
                } else if !is_call
                    && !matches!(
                        name.as_str(),
                        "else" | "elsif" | "when" | "break" | "continue" | "endraw"
                    )
                {
                    self.note(raw_tag);
                }
                self.vanish();
            }
            (Kind::Shortcode | Kind::MarkdownShortcode, _) => {
                if let Some(opened) = name.strip_prefix('/') {
                    self.closed_names.push(opened.to_string());
                } else {
                    self.note(raw_tag);
                }
                // A collapsible or callout box keeps its heading (`summary=`, `"A title"`).
                match box_title(&attributes(args)) {
                    Some(title) if !name.starts_with('/') => self.box_title(&title),
                    _ => self.vanish(),
                }
            }
        }
        end
    }

    /// Copies text to the output, dropping a line that only held tags that vanished.
    fn copy(&mut self, text: &str) {
        let mut rest = text;
        while let Some(newline) = rest.find('\n') {
            self.out.push_str(&rest[..newline]);
            if self.removed_on_line && self.out[self.line_start..].trim().is_empty() {
                self.out.truncate(self.line_start);
            } else {
                self.out.push('\n');
            }
            self.line_start = self.out.len();
            self.removed_on_line = false;
            self.line += 1;
            rest = &rest[newline + 1..];
        }
        self.out.push_str(rest);
    }

    fn vanish(&mut self) {
        self.removed_on_line = true;
    }

    fn note(&mut self, raw_tag: &str) {
        let inner = raw_tag
            .trim_start_matches(['{', '%', '<'])
            .trim_end_matches(['}', '%', '>']);
        let name = tag_name(strip_markers(inner)).to_string();
        let mut tag: String = raw_tag.chars().take(60).collect();
        if tag.len() < raw_tag.len() {
            tag.push('…');
        }
        let note = Uninterpreted {
            line: self.line,
            tag: tag.replace('\n', " "),
        };
        self.notes.push((name, note));
    }

    /// Whether the output is just inside a link's target: `](` then perhaps more template.
    fn in_target(&self) -> bool {
        self.syntax == Syntax::Markdown && self.out.ends_with("](")
    }

    /// Replaces a link's target made of templates up to its `)` with [`TEMPLATE_TARGET`].
    fn template_target(&mut self, end: usize) -> usize {
        let rest = &self.text[end..];
        let stop = rest
            .find([')', '\n'])
            .filter(|&i| rest.as_bytes()[i] == b')')
            .unwrap_or(0);
        self.out.push_str(TEMPLATE_TARGET);
        end + stop
    }

    /// Starts a new output line unless at one.
    /// Ends the output line unless it holds only indentation, which is returned to indent
    /// a block by (a `highlight` inside a list item stays in it).
    fn at_line_start(&mut self) -> String {
        let so_far = &self.out[self.line_start..];
        if so_far.chars().all(|c| c == ' ' || c == '\t') {
            let indent = so_far.to_string();
            return indent;
        }
        self.out.push('\n');
        self.line_start = self.out.len();
        String::new()
    }

    /// Writes `block` (whole lines) as its own lines; the rest of the input line, if blank,
    /// goes with the tag.
    fn block(&mut self, block: &str) {
        let indent = self.at_line_start();
        let mut lines = block.trim_end_matches('\n').split('\n');
        if let Some(first) = lines.next() {
            self.out.push_str(first);
        }
        for line in lines {
            self.out.push('\n');
            self.out.push_str(&indent);
            self.out.push_str(line);
        }
        self.out.push('\n');
        self.line_start = self.out.len();
        self.removed_on_line = true;
    }

    fn open_code(&mut self, lang: &str, until: &str) {
        let lang: String = lang
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '`')
            .collect();
        self.code_until = Some(until.to_string());
        match self.syntax {
            Syntax::Markdown => self.block(&format!("````{lang}")),
            Syntax::Html => self.block("<pre>"),
        }
    }

    fn close_code(&mut self) {
        match self.syntax {
            Syntax::Markdown => self.block("````"),
            Syntax::Html => self.block("</pre>"),
        }
    }

    fn image(&mut self, src: &str, caption: &str) {
        match self.syntax {
            Syntax::Markdown => {
                let block = format!("![{}](<{}>)\n", escape_markdown(caption), clean_url(src));
                self.block(&block);
            }
            Syntax::Html => {
                let block = format!(
                    "<p><img src=\"{}\" alt=\"{}\"></p>",
                    escape_html(src),
                    escape_html(caption)
                );
                self.block(&block);
            }
        }
    }

    fn box_title(&mut self, title: &str) {
        let block = match self.syntax {
            Syntax::Markdown => format!("**{}**\n", escape_markdown(title)),
            Syntax::Html => format!("<p><b>{}</b></p>", escape_html(title)),
        };
        self.block(&block);
    }

    fn block_link(&mut self, label: &str, url: &str) {
        match self.syntax {
            Syntax::Markdown => {
                let block = format!("[{}](<{}>)\n", escape_markdown(label), clean_url(url));
                self.block(&block);
            }
            Syntax::Html => {
                let block = format!(
                    "<p><a href=\"{}\">{}</a></p>",
                    escape_html(url),
                    escape_html(label)
                );
                self.block(&block);
            }
        }
    }

    /// `{% raw %}`: text kept as written up to `{% endraw %}`.
    fn raw(&mut self, end: usize) -> usize {
        let rest = &self.text[end..];
        let (inside, after) = match find_end_tag(rest, "endraw") {
            Some((start, stop)) => (&rest[..start], end + stop),
            None => (rest, self.text.len()),
        };
        self.vanish();
        self.copy(inside);
        self.vanish();
        after
    }

    /// Text up to `{% <closing> %}` is hidden.
    fn skip_until(&mut self, end: usize, closing: &str) -> usize {
        let rest = &self.text[end..];
        let stop = find_end_tag(rest, closing).map_or(rest.len(), |(_, stop)| stop);
        self.line += rest[..stop].matches('\n').count();
        self.vanish();
        end + stop
    }
}

/// The byte ranges of code blocks and code spans, as pulldown-cmark reads the text.
fn code_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new_ext(text, super::markdown::options())
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Start(Tag::CodeBlock(_)) | Event::Code(_)))
        .map(|(_, range)| range)
        .collect()
}

/// Where `{% name %}` (any spacing, `-` markers) starts and ends in `text`.
fn find_end_tag(text: &str, name: &str) -> Option<(usize, usize)> {
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
fn strip_markers(inner: &str) -> &str {
    let inner = inner.trim();
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    let inner = inner.strip_suffix('-').unwrap_or(inner);
    let inner = inner.trim();
    let inner = inner.strip_prefix('<').unwrap_or(inner);
    let inner = inner.strip_prefix('%').unwrap_or(inner);
    inner.trim()
}

/// The tag's name: its first word (with a leading `/` for a shortcode's closer).
fn tag_name(inner: &str) -> &str {
    let end = inner
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_whitespace() || matches!(c, '"' | '\'' | '=' | '|' | '('))
        .map_or(inner.len(), |(i, _)| i);
    &inner[..end]
}

/// Shortcode or tag arguments: `key="v"`, `key='v'`, ``key=`v` ``, `key=v`, or positional.
fn attributes(args: &str) -> Vec<(Option<String>, String)> {
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
fn attr(attrs: &[(Option<String>, String)], keys: &[&str], position: usize) -> Option<String> {
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

/// The heading a box shortcode was given: a `summary`, `title` or `header` value, or a
/// positional one of several words (`{{< expand "Is it so?" >}}`; `{{% notice info %}}` has
/// none).
fn box_title(attrs: &[(Option<String>, String)]) -> Option<String> {
    attrs
        .iter()
        .find(|(k, v)| {
            matches!(k.as_deref(), Some("summary" | "title" | "header")) && !v.trim().is_empty()
        })
        .or_else(|| {
            attrs
                .iter()
                .find(|(k, v)| k.is_none() && v.trim().contains(char::is_whitespace))
        })
        .map(|(_, v)| v.trim().to_string())
}

/// A video, tweet or gist as its service's name and the address it is at.
fn embed_link(name: &str, attrs: &[(Option<String>, String)]) -> Option<(&'static str, String)> {
    let id = attr(attrs, &["id", "url", "src"], 0)?;
    let is_url = id.starts_with("http://") || id.starts_with("https://");
    Some(match name {
        "youtube" => (
            "YouTube",
            if is_url {
                id
            } else {
                format!("https://www.youtube.com/watch?v={id}")
            },
        ),
        "vimeo" => (
            "Vimeo",
            if is_url {
                id
            } else {
                format!("https://vimeo.com/{id}")
            },
        ),
        "tweet" | "twitter" | "x" => {
            let user = attr(attrs, &["user"], usize::MAX);
            let url = if is_url {
                id
            } else if let Some(user) = user {
                format!("https://twitter.com/{user}/status/{id}")
            } else {
                let id = attr(attrs, &["id"], 1).unwrap_or(id);
                format!("https://twitter.com/i/status/{id}")
            };
            ("Tweet", url)
        }
        "gist" => {
            let url = if is_url {
                id
            } else {
                match attr(attrs, &["id"], 1) {
                    Some(second) if !id.contains('/') => {
                        format!("https://gist.github.com/{id}/{second}")
                    }
                    _ => format!("https://gist.github.com/{id}"),
                }
            };
            ("Gist", url)
        }
        "instagram" => (
            "Instagram",
            if is_url {
                id
            } else {
                format!("https://www.instagram.com/p/{id}/")
            },
        ),
        "youku" => (
            "Youku",
            if is_url {
                id
            } else {
                format!("https://v.youku.com/v_show/id_{id}.html")
            },
        ),
        "bilibili" => (
            "Bilibili",
            if is_url {
                id
            } else {
                format!("https://www.bilibili.com/video/{id}")
            },
        ),
        _ => return None,
    })
}

fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '[' | ']' | '*' | '_' | '`' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A URL for `<…>` in a Markdown link: no angle brackets or line ends inside.
fn clean_url(url: &str) -> String {
    url.chars()
        .filter(|c| !matches!(c, '<' | '>' | '\n' | '\r'))
        .collect()
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> String {
        interpret(text, Syntax::Markdown).into_owned()
    }

    fn no_template_left(text: &str) {
        for marker in ["{%", "%}", "{{", "}}"] {
            assert!(!text.contains(marker), "{marker} left in {text:?}");
        }
    }

    #[test]
    fn liquid_highlight_is_a_code_block() {
        let out = md(
            "前文\n\n{% highlight ruby linenos %}\ndef x\n  1\nend\n{% endhighlight %}\n\n后文\n",
        );
        assert_eq!(out, "前文\n\n````ruby\ndef x\n  1\nend\n````\n\n后文\n");
    }

    #[test]
    fn a_highlight_in_a_list_item_stays_in_it() {
        let out = md("- item\n\n  {% highlight sh %}\n  ls\n  {% endhighlight %}\n- next\n");
        assert_eq!(out, "- item\n\n  ````sh\n  ls\n  ````\n- next\n");
    }

    #[test]
    fn raw_keeps_its_text_and_unknown_tags_vanish_without_holes() {
        let out = md(
            "a\n{% assign x = 1 %}\n{% include note.html %}\nb {{ site.title }} c\n{% raw %}{{ keep }}{% endraw %}\n",
        );
        assert_eq!(out, "a\nb c\n{{ keep }}\n");
    }

    #[test]
    fn links_to_templates_keep_their_text() {
        let out =
            md("见[上一篇]({% post_url 2010-07-21-name %})和[关于]({{ site.baseurl }}/about/)。\n");
        assert_eq!(
            out,
            format!("见[上一篇]({TEMPLATE_TARGET})和[关于]({TEMPLATE_TARGET})。\n")
        );
    }

    #[test]
    fn hugo_shortcodes() {
        let out = md(concat!(
            "{{< figure src=\"/img/a.png\" caption=\"一张图\" >}}\n",
            "{{< youtube dQw4w9WgXcQ >}}\n",
            "{{< tweet user=\"jack\" id=\"20\" >}}\n",
            "{{% notice tip %}}\n提示内容\n{{% /notice %}}\n",
            "{{< details summary=\"展开 看看\" >}}\n细节\n{{< /details >}}\n",
            "{{< unknown a=1 >}}\n",
            "末尾\n",
        ));
        no_template_left(&out);
        assert_eq!(
            out,
            concat!(
                "![一张图](</img/a.png>)\n",
                "[YouTube](<https://www.youtube.com/watch?v=dQw4w9WgXcQ>)\n",
                "[Tweet](<https://twitter.com/jack/status/20>)\n",
                "提示内容\n",
                "**展开 看看**\n细节\n",
                "末尾\n",
            )
        );
    }

    #[test]
    fn escaped_and_self_closing_shortcodes() {
        assert_eq!(
            md("    {{</* gist spf13 7896402 */>}}\n{{< figure src=\"a.png\" />}}\n"),
            "    {{< gist spf13 7896402 >}}\n![](<a.png>)\n"
        );
    }

    #[test]
    fn zola_calls_its_shortcodes() {
        assert_eq!(
            md(
                "{{ resize_image(path=\"img/a.jpg\", width=600, op=\"fit\") }}\n{{ youtube(id=\"abc\") }}\n"
            ),
            "![](<img/a.jpg>)\n[YouTube](<https://www.youtube.com/watch?v=abc>)\n"
        );
    }

    #[test]
    fn uninterpretable_tags_are_listed_with_their_lines() {
        let notes = uninterpreted(
            "a\n{% include x.html %}\n{% highlight go %}\nx\n{% endhighlight %}\n{{% notice %}}\nb\n{{% /notice %}}\n{{< foo >}}\n",
        );
        let lines: Vec<usize> = notes.iter().map(|n| n.line).collect();
        assert_eq!(lines, [1, 8], "{notes:?}");
        assert_eq!(notes[0].tag, "{% include x.html %}");
    }

    #[test]
    fn code_shows_its_templates_but_not_raw() {
        let text = "```go-html-template\n{{ with .Site }}{{ end }}\n```\n\nUse `{{ range }}` and `{% raw %}{{ x }}{% endraw %}`.\n\n```liquid\n{% raw %}\n{% if a %}{{ b }}{% endif %}\n{% endraw %}\n```\n";
        assert_eq!(
            md(text),
            "```go-html-template\n{{ with .Site }}{{ end }}\n```\n\nUse `{{ range }}` and `{{ x }}`.\n\n```liquid\n{% if a %}{{ b }}{% endif %}\n```\n"
        );
        assert!(uninterpreted(text).is_empty());
        // Jekyll's highlight shows Liquid as written too.
        assert_eq!(
            md("{% highlight liquid %}\n{{ page.title }}\n{% endhighlight %}\n"),
            "````liquid\n{{ page.title }}\n````\n"
        );
    }

    #[test]
    fn go_templates_and_stray_braces_are_text() {
        let text =
            "Use {{ .Title }} or a map {\"a\": {\"b\": 1}} or {{}}, between \"{{\" and \"}}\".\n";
        assert_eq!(md(text), text);
        assert_eq!(md("unclosed {% tag\n"), "unclosed {% tag\n");
    }

    #[test]
    fn many_unclosed_openers_stay_linear() {
        let text = "{% {{< ".repeat(50_000);
        let started = std::time::Instant::now();
        let out = md(&text);
        assert_eq!(out, text);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn html_bodies_get_html_blocks() {
        let out = interpret(
            "<p>a</p>\n{% highlight c %}\nint x;\n{% endhighlight %}\n{{< figure src=\"x.png\" caption=\"c&d\" >}}\n",
            Syntax::Html,
        );
        assert_eq!(
            out,
            "<p>a</p>\n<pre>\nint x;\n</pre>\n<p><img src=\"x.png\" alt=\"c&amp;d\"></p>\n"
        );
    }

    proptest::proptest! {
        /// Any mix of template pieces is read without a panic, in bounded output, and what is
        /// left parses as Markdown.
        #[test]
        fn any_mix_of_template_pieces(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "{%", "%}", "{{", "}}", "{{<", ">}}", "{{%", "%}}", "{{</*", "*/>}}", " raw ", " endraw ",
            " highlight ", " endhighlight ", " comment ", " endcomment ", "figure src=\"x\" ",
            "youtube id ", "/", "(", ")", "[t](", "\"", "=", " ", "\n", "```\n", "a", "中", "é",
        ]), 0..80)) {
            let text: String = pieces.concat();
            for syntax in [Syntax::Markdown, Syntax::Html] {
                let out = interpret(&text, syntax);
                proptest::prop_assert!(out.len() <= text.len() * 8 + 64);
                let _ = pulldown_cmark::Parser::new(&out).count();
            }
            let _ = uninterpreted(&text);
        }
    }
}
