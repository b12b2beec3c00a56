//! Markdown to the document model, with pulldown-cmark: CommonMark plus tables,
//! strikethrough and footnotes.
//!
//! Footnotes: a mark reads `[^1]`, numbered in order of first use; the notes are gathered
//! apart and come after the article as a numbered list. pulldown-cmark has an open
//! superlinear case around `[^` at line starts, so footnotes are read only when the body
//! defines one and has at most [`MAX_FOOTNOTE_MARKS`] `[^`; past that they show as written.
//!
//! HTML blocks go whole to the HTML parser ([`super::html`]). Inline HTML tags are read one by
//! one with the same parser: `<b>`, `<a href>`, `<br>`, `<img>` and the like open and close
//! styles; `<script>`/`<style>` hide the text up to their end tag; other tags are ignored and
//! their text kept.

use super::doc::Block;
use super::doc::{Align, Builder, Emphasis, InlineOpen, Open};
use super::html::{InlineTag, add_embed, add_html, parse_inline_tag, tag_name};
use super::template::TEMPLATE_TARGET;
use pulldown_cmark::{Alignment, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// The parser options brief reads Markdown with (footnotes are added per body, see
/// [`options_for`]).
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// More `[^` than this in one body and footnotes are not read: the guard that keeps
/// pulldown-cmark's footnote parsing linear (measured by the `footnotes` case of `cargo bench --bench nesting`).
pub const MAX_FOOTNOTE_MARKS: usize = 1000;

/// [`options`], with footnotes when `text` defines one (`[^x]:` at a line's start) and has
/// few enough marks.
fn options_for(text: &str) -> Options {
    let marks = text.matches("[^").count();
    let defines = marks > 0
        && text.lines().any(|line| {
            let line = line.trim_start();
            line.starts_with("[^") && line.split_once("]:").is_some()
        });
    if defines && marks <= MAX_FOOTNOTE_MARKS {
        options() | Options::ENABLE_FOOTNOTES
    } else {
        options()
    }
}

/// [`add_markdown_with`] without a hook, footnotes after the body.
#[cfg(test)]
pub fn add_markdown(text: &str, builder: &mut Builder) -> Vec<Block> {
    add_markdown_with(text, builder, &mut |_| {})
}

/// Parses Markdown, already sanitised whole (as [`crate::render::parse_body`] does), and adds
/// its content to `builder`. What the parser hands on straight from the text then needs no
/// second look; what it decodes (entities, escapes) is sanitised by the builder.
///
/// `after_block` is called whenever blocks have been finished, so that they can be taken
/// from the builder (see [`Builder::take_finished`]) while the rest is read.
///
/// Returns the footnotes, to be laid out after the body: a rule and a numbered list per
/// note; empty when there are none.
pub fn add_markdown_with(
    text: &str,
    builder: &mut Builder,
    after_block: &mut dyn FnMut(&mut Builder),
) -> Vec<Block> {
    debug_assert!(
        !brief_text::needs_sanitizing(text),
        "Markdown must be sanitised before it is parsed"
    );
    // CJK emphasis next to punctuation: see `cjk_emphasis`; its marks leave every event.
    let loosened = super::cjk_emphasis::loosen(text);
    let marked = matches!(loosened, std::borrow::Cow::Owned(_));
    let text = loosened.as_ref();
    let mut reader = Reader {
        builder,
        html_open: Vec::new(),
        hidden: None,
        collect: None,
        source: text,
        links_kept: Vec::new(),
        notes: None,
        in_note: false,
        note_numbers: HashMap::new(),
    };
    for event in Parser::new_ext(text, options_for(text)) {
        let event = if marked { unmark_event(event) } else { event };
        let ends_block = matches!(event, Event::End(_) | Event::Rule);
        reader.event(event);
        if ends_block && !reader.in_note && reader.builder.has_finished() {
            after_block(reader.builder);
        }
    }
    if reader.in_note {
        reader.end_note();
    }
    match reader.notes {
        Some(notes) => {
            let mut blocks = vec![Block::Rule];
            blocks.extend(notes.finish());
            blocks
        }
        None => Vec::new(),
    }
}

/// `event` without the marks `cjk_emphasis::loosen` put into the text.
fn unmark_event(event: Event<'_>) -> Event<'_> {
    use super::cjk_emphasis::{MARK, unmark};
    fn clean(text: CowStr<'_>) -> CowStr<'_> {
        if text.contains(MARK) {
            CowStr::from(unmark(&text).into_owned())
        } else {
            text
        }
    }
    match event {
        Event::Text(t) => Event::Text(clean(t)),
        Event::Code(t) => Event::Code(clean(t)),
        Event::Html(t) => Event::Html(clean(t)),
        Event::InlineHtml(t) => Event::InlineHtml(clean(t)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: clean(dest_url),
            title: clean(title),
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: clean(dest_url),
            title: clean(title),
            id,
        }),
        other => other,
    }
}

/// Text being gathered for one block before it is handed over whole.
enum Collect {
    Code(String),
    Html(String),
    /// An image's alt text, and its URL.
    Image(String, String),
}

struct Reader<'b> {
    builder: &'b mut Builder,
    /// Inline HTML tags opened, with the builder's inline depth after each, so that only a
    /// matching end tag closes one.
    html_open: Vec<(String, usize)>,
    /// The end tag that ends hidden text (`script`, `style`).
    hidden: Option<String>,
    collect: Option<Collect>,
    /// The Markdown, sanitised.
    source: &'b str,
    /// For each link open, whether it was opened in the builder (a link to a template was
    /// not: only its text shows).
    links_kept: Vec<bool>,
    /// The footnotes read so far; swapped with `builder` while a note is being read.
    notes: Option<Builder>,
    in_note: bool,
    /// Each footnote label's number, in order of first use.
    note_numbers: HashMap<String, u64>,
}

impl Reader<'_> {
    /// Text from the parser: borrowed from the source it needs no sanitising; decoded
    /// (entities, escapes) it may.
    fn text(&mut self, text: &str) {
        let range = text.as_bytes().as_ptr_range();
        let source = self.source.as_bytes().as_ptr_range();
        if source.start <= range.start && range.end <= source.end {
            self.builder.sanitized_text(text);
        } else {
            self.builder.text(text);
        }
    }

    fn event(&mut self, event: Event<'_>) {
        if let Some(collect) = &mut self.collect {
            match (collect, &event) {
                (Collect::Code(text), Event::Text(t)) => text.push_str(t),
                (Collect::Html(text), Event::Html(t) | Event::Text(t)) => text.push_str(t),
                (Collect::Image(alt, _), Event::Text(t) | Event::Code(t)) => alt.push_str(t),
                (Collect::Image(alt, _), Event::SoftBreak | Event::HardBreak) => alt.push(' '),
                (Collect::Code(_), Event::End(TagEnd::CodeBlock))
                | (Collect::Html(_), Event::End(TagEnd::HtmlBlock))
                | (Collect::Image(..), Event::End(TagEnd::Image)) => self.finish_collect(),
                _ => {}
            }
            return;
        }
        if self.hidden.is_some() {
            match &event {
                Event::InlineHtml(tag) | Event::Html(tag) => {
                    if tag.starts_with("</") && Some(tag_name(tag)) == self.hidden {
                        self.hidden = None;
                    }
                    return;
                }
                // The block ends, and the hidden text with it.
                Event::End(end) if !is_inline_end(end) => self.hidden = None,
                _ => return,
            }
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => self.builder.code(&t),
            Event::SoftBreak => self.builder.soft_break(),
            Event::HardBreak => self.builder.hard_break(),
            Event::Rule => self.builder.rule(),
            Event::Html(t) => add_html(&t, self.builder),
            Event::InlineHtml(t) => self.inline_html(&t),
            Event::TaskListMarker(done) => self.builder.text(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(label) => {
                let number = self.note_number(&label);
                self.builder.text(&format!("[^{number}]"));
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.builder.text(&t),
        }
    }

    fn finish_collect(&mut self) {
        match self.collect.take() {
            Some(Collect::Code(text)) => self.builder.code_block(&text),
            Some(Collect::Html(html)) => add_html(&html, self.builder),
            Some(Collect::Image(alt, url)) => self.builder.image(&url, &alt),
            None => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.builder.open(Open::Paragraph),
            Tag::Heading { level, .. } => self.builder.open(Open::Heading(level as u8)),
            Tag::BlockQuote(_) => self.builder.open(Open::Quote),
            Tag::CodeBlock(_) => self.collect = Some(Collect::Code(String::new())),
            Tag::HtmlBlock => self.collect = Some(Collect::Html(String::new())),
            Tag::List(start) => self.builder.open(Open::List { start }),
            Tag::Item => self.builder.open(Open::Item),
            Tag::Table(align) => self
                .builder
                .open(Open::Table(align.into_iter().map(alignment).collect())),
            Tag::TableHead => self.builder.open(Open::Row { header: true }),
            Tag::TableRow => self.builder.open(Open::Row { header: false }),
            Tag::TableCell => self.builder.open(Open::Cell),
            Tag::Emphasis => self
                .builder
                .open_inline(InlineOpen::Style(Emphasis::Emphasis)),
            Tag::Strong => self
                .builder
                .open_inline(InlineOpen::Style(Emphasis::Strong)),
            Tag::Strikethrough => self
                .builder
                .open_inline(InlineOpen::Style(Emphasis::Strike)),
            Tag::Link { dest_url, .. } => {
                let kept = !dest_url.starts_with(TEMPLATE_TARGET);
                self.links_kept.push(kept);
                if kept {
                    self.builder
                        .open_inline(InlineOpen::Link(dest_url.to_string()));
                }
            }
            Tag::Image { dest_url, .. } => {
                let url = if dest_url.starts_with(TEMPLATE_TARGET) {
                    String::new()
                } else {
                    dest_url.to_string()
                };
                self.collect = Some(Collect::Image(String::new(), url))
            }
            Tag::FootnoteDefinition(label) => self.start_note(&label),
            // Not enabled: definition lists, metadata, super/subscript.
            _ => self.builder.open(Open::Paragraph),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        if is_inline_end(&tag) && tag != TagEnd::Image {
            if tag == TagEnd::Link && self.links_kept.pop() == Some(false) {
                return;
            }
            self.close_html_above();
            self.builder.close_inline();
            return;
        }
        match tag {
            TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Image => {}
            TagEnd::FootnoteDefinition => {
                if self.in_note {
                    self.end_note();
                }
            }
            _ => {
                // A block ends: inline HTML left open inside it is closed with it.
                self.html_open.clear();
                self.hidden = None;
                self.builder.close();
            }
        }
    }

    fn note_number(&mut self, label: &str) -> u64 {
        let next = self.note_numbers.len() as u64 + 1;
        *self.note_numbers.entry(label.to_string()).or_insert(next)
    }

    /// A footnote's text goes to the notes, as item `number` of a list of its own.
    fn start_note(&mut self, label: &str) {
        if self.in_note {
            return;
        }
        let number = self.note_number(label);
        let notes = self.notes.get_or_insert_with(Builder::new);
        std::mem::swap(self.builder, notes);
        self.in_note = true;
        self.builder.open(Open::List {
            start: Some(number),
        });
        self.builder.open(Open::Item);
    }

    fn end_note(&mut self) {
        self.builder.close();
        self.builder.close();
        if let Some(notes) = &mut self.notes {
            std::mem::swap(self.builder, notes);
        }
        self.in_note = false;
    }

    /// Closes inline HTML tags left open inside a Markdown style that is ending.
    fn close_html_above(&mut self) {
        let depth = self.builder.inline_depth();
        while let Some((_, at)) = self.html_open.last() {
            if *at < depth {
                break;
            }
            self.html_open.pop();
            self.builder.close_inline();
        }
    }

    fn inline_html(&mut self, tag: &str) {
        let trimmed = tag.trim();
        if trimmed.starts_with("<!--") || trimmed.starts_with("<!") || trimmed.starts_with("<?") {
            return;
        }
        if trimmed.starts_with("</") {
            let name = tag_name(trimmed);
            let depth = self.builder.inline_depth();
            if let Some((open, at)) = self.html_open.last()
                && *open == name
                && *at == depth
            {
                self.html_open.pop();
                self.builder.close_inline();
            }
            return;
        }
        let (name, meaning) = parse_inline_tag(trimmed);
        match meaning {
            InlineTag::Open(open) => {
                let self_closing = trimmed.ends_with("/>");
                self.builder.open_inline(open);
                if self_closing {
                    self.builder.close_inline();
                } else {
                    let depth = self.builder.inline_depth();
                    self.html_open.push((name, depth));
                }
            }
            InlineTag::Break => self.builder.hard_break(),
            InlineTag::Image { src, alt } => self.builder.image(&src, &alt),
            InlineTag::Hide => {
                if !trimmed.ends_with("/>") {
                    self.hidden = Some(name);
                }
            }
            InlineTag::Embed { src, title } => {
                add_embed(self.builder, &src, title.as_deref());
                if !trimmed.ends_with("/>") && !matches!(name.as_str(), "embed") {
                    self.hidden = Some(name);
                }
            }
            InlineTag::Ignore => {}
        }
    }
}

fn is_inline_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

fn alignment(a: Alignment) -> Align {
    match a {
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
        Alignment::Left | Alignment::None => Align::Left,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::doc::{Block, Inline};

    fn parse(md: &str) -> Vec<Block> {
        let mut b = Builder::new();
        add_markdown(md, &mut b);
        b.finish()
    }

    fn text(t: &str) -> Inline {
        Inline::Text(t.into())
    }

    #[test]
    fn tight_lists_and_nesting() {
        let doc = parse("- 一\n- 二\n  1. 三\n");
        let Block::List { items, start: None } = &doc[0] else {
            panic!("{doc:?}")
        };
        assert_eq!(items[0], [Block::Paragraph(vec![text("一")])]);
        assert!(matches!(&items[1][1], Block::List { start: Some(1), .. }));
    }

    #[test]
    fn inline_html_styles_and_hidden_scripts() {
        let doc = parse("a <b>bold</b> <span>s</span><script>x()</script> c<br>d");
        assert_eq!(
            doc,
            [Block::Paragraph(vec![
                text("a "),
                Inline::Styled(Emphasis::Strong, vec![text("bold")]),
                text(" s c"),
                Inline::HardBreak,
                text("d"),
            ])]
        );
    }

    #[test]
    fn hidden_text_keeps_styles_paired() {
        let doc = parse("a <script>*x*</script>**y**");
        assert_eq!(
            doc,
            [Block::Paragraph(vec![
                text("a "),
                Inline::Styled(Emphasis::Strong, vec![text("y")])
            ])]
        );
    }

    #[test]
    fn stray_end_tags_close_nothing() {
        let doc = parse("*x</b>y*");
        assert_eq!(
            doc,
            [Block::Paragraph(vec![Inline::Styled(
                Emphasis::Emphasis,
                vec![text("xy")]
            )])]
        );
    }

    #[test]
    fn html_blocks_go_to_the_html_parser() {
        let doc =
            parse("<!--c-->\n[标题](https://e.com/a)\n------\n\n<div>\n<p>段落</p>\n</div>\n");
        assert_eq!(
            doc,
            [
                Block::Heading {
                    level: 2,
                    content: vec![Inline::Link {
                        url: "https://e.com/a".into(),
                        content: vec![text("标题")]
                    }]
                },
                Block::Paragraph(vec![text("段落")]),
            ]
        );
    }

    #[test]
    fn tables_strikethrough_and_images() {
        let doc = parse("| a | b |\n|:-:|--:|\n| ~~x~~ | ![图](i.png) |\n");
        let Block::Table(table) = &doc[0] else {
            panic!("{doc:?}")
        };
        assert_eq!(table.align, [Align::Center, Align::Right]);
        assert!(table.rows[0].header);
        assert_eq!(
            table.rows[1].cells[0],
            [Inline::Styled(Emphasis::Strike, vec![text("x")])]
        );
        assert_eq!(
            table.rows[1].cells[1],
            [Inline::Image {
                url: "i.png".into(),
                alt: "图".into()
            }]
        );
    }

    #[test]
    fn a_mark_without_a_note_stays_text() {
        let doc = parse("a[^1] b\n");
        assert_eq!(doc, [Block::Paragraph(vec![text("a[^1] b")])]);
    }

    #[test]
    fn footnotes_are_numbered_and_gathered_after_the_body() {
        let mut b = Builder::new();
        let notes = add_markdown(
            "本文[^b]と[^h1]。\n\n[^h1]:日本語の注。\n\n[^b]: Second note.\n\n終わり\n",
            &mut b,
        );
        let body = b.finish();
        assert_eq!(
            body,
            [
                Block::Paragraph(vec![text("本文[^1]と[^2]。")]),
                Block::Paragraph(vec![text("終わり")]),
            ]
        );
        assert_eq!(notes[0], Block::Rule);
        let starts: Vec<Option<u64>> = notes[1..]
            .iter()
            .map(|n| match n {
                Block::List { start, .. } => *start,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(starts, [Some(2), Some(1)]);
    }

    use brief_corpus::adversarial_footnotes;

    #[test]
    fn footnotes_are_read_only_under_the_guard() {
        // The time this takes at sizes around and far past the guard is measured by the
        // `footnotes` case of `cargo bench --bench nesting`; here, which side reads them.
        assert!(
            options_for(&adversarial_footnotes(MAX_FOOTNOTE_MARKS / 2))
                .contains(Options::ENABLE_FOOTNOTES)
        );
        let with_marks = |n: usize| format!("[^1]: note\n\n{}", "[^1] ".repeat(n - 1));
        assert!(options_for(&with_marks(MAX_FOOTNOTE_MARKS)).contains(Options::ENABLE_FOOTNOTES));
        assert!(
            !options_for(&with_marks(MAX_FOOTNOTE_MARKS + 1)).contains(Options::ENABLE_FOOTNOTES)
        );
        assert!(
            !options_for(&adversarial_footnotes(4 * MAX_FOOTNOTE_MARKS))
                .contains(Options::ENABLE_FOOTNOTES)
        );
        assert!(!options_for("text [^1] without a definition").contains(Options::ENABLE_FOOTNOTES));
        let mut b = Builder::new();
        add_markdown(&adversarial_footnotes(40 * MAX_FOOTNOTE_MARKS), &mut b);
        assert!(!b.finish().is_empty());
    }
}
