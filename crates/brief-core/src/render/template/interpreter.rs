//! The one pass over a body's text: finding each tag and its end, deciding what it becomes,
//! and noting the tags that could not be interpreted.
//!
//! Works on text only, as the whole of [`super`] does.

use super::output::{box_title, clean_url, embed_link, escape_html, escape_markdown};
use super::tag::{attr, attributes, code_ranges, find_end_tag, strip_markers, tag_name};
use super::{Syntax, TEMPLATE_TARGET, Uninterpreted};

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

pub(super) struct Interpreter<'a> {
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
    pub(super) fn new(text: &'a str, syntax: Syntax) -> Self {
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

    pub(super) fn run(mut self) -> (String, Vec<Uninterpreted>) {
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
