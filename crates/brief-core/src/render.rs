//! Articles for the terminal: a post's body, Markdown or HTML, to styled lines of an exact
//! width, with the article's links numbered.
//!
//! ```text
//! body ─► markdown (pulldown-cmark) ─┐
//!      └► html (html5ever/scraper) ──┴► doc::Block (one model) ─► layout ─► Article { lines, links }
//! ```
//!
//! - [`render_article`] is the one entry point: header (title, date, author, source, categories,
//!   tags, a rule), the body, then the numbered link list. The article pane and `brief show`
//!   both print exactly these lines.
//! - Every [`Line`] is at most `width` display columns, except the URL lines of the link list,
//!   which print a URL whole. Widths below [`MIN_WIDTH`] are raised to it.
//! - Styles are semantic ([`Role`] plus strong/emphasis/strike flags); the UI's theme and
//!   `brief show` map them to colours. Nothing here knows ratatui or a terminal.
//! - Links and images are numbered from 1 in reading order; the same URL keeps its number; the
//!   front matter's source is `[1]`. In the text a link reads `text[3]`; an image is a one-line
//!   placeholder `[图片 4: alt]`, never its URL. Every span of a link's text, of an image
//!   placeholder and of a link-list URL carries its link ([`Style::link`]), also on each line
//!   a wrapped link or bare URL is broken onto, so a terminal can make it one hyperlink.
//! - The words placed in the article (`图片`, the source, categories and tags labels, the link
//!   list's title) are in the post's language ([`brief_i18n::post_language`]: its `lang`,
//!   else the script of its title and first KiB), else in [`RenderOptions::language`].
//! - All text reaching layout, front matter and body, has been through
//!   [`brief_text::sanitize_inline`] / [`brief_text::sanitize_block`] after HTML entities were
//!   decoded: no control characters, escape sequences or bidi overrides reach the screen.
//! - An HTML body (`BodyFormat::Html`) may start with Markdown lines before its first tag (a
//!   setext heading, a comment): those lines are read as Markdown, and everything from the
//!   first line that starts with an element tag is read as HTML, whole, so that indented lines
//!   after blank lines inside the HTML never turn into Markdown code blocks.
//! - [`ArticleCache`] (in `article_cache`) keeps rendered articles per (post, width), so a
//!   reader wraps an article once and then only slices [`Article::lines`].
//! - [`render_article`] lays each top-level block out as soon as the parser has finished it
//!   and hands its buffers back to the builder, so a long article is never held twice, as a
//!   document and as lines; [`parse_body`] returns the whole document.
//!
//! This module depends on `store` (for [`Post`]), `text` and `i18n`, and on nothing of the UI.

mod article_cache;
mod cjk_emphasis;
pub mod doc;
mod header;
mod html;
mod html_bound;
mod layout;
pub mod link_groups;
mod links;
mod markdown;
pub mod stories;
mod table;
pub mod template;
pub mod zone;

#[cfg(test)]
mod tests;

use crate::store::{BodyFormat, Post};
use brief_i18n::{Lang, post_language};
use brief_text::display_width;

pub use article_cache::ArticleCache;
pub use links::host_of;
pub use markdown::options as markdown_options;

/// The narrowest width laid out; smaller widths are raised to this.
pub const MIN_WIDTH: usize = 10;

/// What a span of text is, for the theme to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Role {
    #[default]
    Plain,
    /// A heading's marker and text, level 1 to 6.
    Heading(u8),
    /// Inline code.
    Code,
    /// A line of a code block.
    CodeBlock,
    /// A link's text (and the source host in the header).
    Link,
    /// The `[3]` after a link.
    LinkNumber,
    /// An image placeholder `[图片 4: alt]`.
    Image,
    /// Text inside a block quote.
    Quote,
    /// The `│ ` bar of a block quote.
    QuoteMarker,
    /// A list's bullet or number.
    ListMarker,
    /// A horizontal rule (also under the header).
    Rule,
    /// A table's borders.
    TableBorder,
    /// A table's heading cells.
    TableHeader,
    /// The header's title.
    HeaderTitle,
    /// Date, author, labels and separators in the header.
    HeaderMeta,
    /// A tag or category in the header.
    Tag,
    /// The link list's heading.
    LinkListTitle,
    /// The link list's `[3]`.
    LinkListNumber,
    /// The link list's host.
    LinkListHost,
    /// The link list's URL.
    LinkListUrl,
    /// A story's title heading its links in the link list.
    LinkListGroup,
}

/// A span's look: its role and the inline styles around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    pub role: Role,
    pub strong: bool,
    pub emphasis: bool,
    pub strike: bool,
    /// The link this text belongs to, an index into [`Article::links`]: set on a link's
    /// text and image placeholder, and kept on every piece when the text wraps, so that a
    /// terminal can make the whole of it one hyperlink. Never shown by `brief show`.
    pub link: Option<u32>,
}

impl Style {
    pub fn new(role: Role) -> Self {
        Self {
            role,
            ..Self::default()
        }
    }
}

/// A run of text of one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style) -> Self {
        Self {
            text: text.into(),
            style,
        }
    }
}

/// One finished line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    pub spans: Vec<Span>,
}

impl Line {
    /// The line's text without styles.
    pub fn plain(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// Display columns the line takes.
    pub fn width(&self) -> usize {
        self.spans.iter().map(|s| display_width(&s.text)).sum()
    }
}

/// A link or image of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Its number in the text, from 1.
    pub number: usize,
    pub url: String,
    /// The URL's host, lower-cased; empty for a relative URL or `mailto:`.
    pub host: String,
    /// True when it was first met as an image.
    pub is_image: bool,
    /// The link's text (or the image's alt text) where first met; may be empty.
    pub text: String,
}

/// A post laid out at one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    /// Header, body and link list.
    pub lines: Vec<Line>,
    /// Every link and image; `links[i].number == i + 1`.
    pub links: Vec<Link>,
    /// Index into `links` of the source (front matter), else of the first non-image link.
    pub primary_link: Option<usize>,
    /// How many of `lines` are the header (title to rule, inclusive).
    pub header_lines: usize,
    /// The width laid out at (after raising to [`MIN_WIDTH`]).
    pub width: usize,
    /// The stories of the body, in reading order, with the line each starts on (see
    /// [`stories`]); empty when the body has no sections.
    pub stories: Vec<stories::Story>,
    /// The links grouped by story, as the link list shows them (see [`link_groups`]); empty
    /// when the article has fewer than two stories.
    pub link_groups: Vec<link_groups::LinkGroup>,
}

impl Article {
    /// The lines as plain text.
    pub fn plain_lines(&self) -> Vec<String> {
        self.lines.iter().map(Line::plain).collect()
    }

    /// The whole article as plain text, one `\n` after each line.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            for span in &line.spans {
                out.push_str(&span.text);
            }
            out.push('\n');
        }
        out
    }

    /// The lines from `top`, at most `height` of them: what a pane scrolled to `top` shows.
    pub fn visible(&self, top: usize, height: usize) -> &[Line] {
        let start = top.min(self.lines.len());
        let end = start.saturating_add(height).min(self.lines.len());
        &self.lines[start..end]
    }

    /// The primary link: the source, else the first link that is not an image.
    pub fn primary(&self) -> Option<&Link> {
        self.primary_link.and_then(|i| self.links.get(i))
    }

    /// The link with number `number`.
    pub fn link(&self, number: usize) -> Option<&Link> {
        number.checked_sub(1).and_then(|i| self.links.get(i))
    }
}

/// How tables draw their borders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TableBorders {
    /// `┌─┬─┐` box-drawing characters.
    #[default]
    Box,
    /// `+-+-+` for terminals without box drawing.
    Ascii,
}

/// How to lay out an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// Display columns; raised to [`MIN_WIDTH`].
    pub width: usize,
    pub table_borders: TableBorders,
    /// The interface language: the article's own labels use it when the post does not show
    /// a language of its own.
    pub language: Lang,
}

impl RenderOptions {
    pub fn new(width: usize) -> Self {
        Self {
            width,
            table_borders: TableBorders::default(),
            language: Lang::default(),
        }
    }

    /// These options with `language` as the interface language.
    pub fn in_language(self, language: Lang) -> Self {
        Self { language, ..self }
    }
}

/// Lays out `post` with its `body` at `width` columns, with English as the interface
/// language (see [`render_article_with`]).
pub fn render_article(post: &Post, body: &str, width: usize) -> Article {
    render_article_with(post, body, &RenderOptions::new(width))
}

/// The language of the words placed in `post`'s article: the post's own, else `interface`.
pub fn article_language(post: &Post, body: &str, interface: Lang) -> Lang {
    post_language(&post.lang, &post.title, body).unwrap_or(interface)
}

/// [`render_article`] with all options.
pub fn render_article_with(post: &Post, body: &str, options: &RenderOptions) -> Article {
    let width = options.width.max(MIN_WIDTH);
    let labels = article_language(post, body, options.language).catalog();
    let mut layout = layout::Layout::new(width, options.table_borders, labels);
    // About as many lines as the body has bytes per line of the width (up to a bound):
    // growing the vector by doubling would copy it a dozen times for a long article.
    layout.lines.reserve((body.len() / width + 16).min(1 << 16));
    layout.header(post);
    let header_lines = layout.lines.len();
    // Each top-level block is laid out as soon as it is read, and dropped: the document is
    // never held whole.
    let mut top = layout::Body::default();
    let mut finished = Vec::new();
    let mut finder = stories::StoryFinder::new(&post.title);
    let mut lay_out_one = |layout: &mut layout::Layout, block: &doc::Block| {
        layout.body_block(&mut top, block);
        let lines = stories::BlockLines {
            start: layout.block_start,
            items: &layout.item_lines,
        };
        finder.push(block, lines);
    };
    let mut lay_out = |builder: &mut doc::Builder| {
        builder.take_finished(&mut finished);
        for block in finished.drain(..) {
            lay_out_one(&mut layout, &block);
            builder.recycle(block);
        }
    };
    let (builder, notes) = build_body(body, post.format, &mut lay_out);
    for block in builder.finish() {
        lay_out_one(&mut layout, &block);
    }
    // Footnotes are laid out after the body but are no story's text.
    for block in &notes {
        layout.body_block(&mut top, block);
    }
    let stories = finder.finish();
    let link_groups = link_groups::group_links(
        &layout.lines,
        &stories,
        &layout.links.links,
        post.source.as_deref(),
    );
    layout.link_list(&link_groups);
    let has_source = post.source.as_deref().is_some_and(|s| !s.trim().is_empty())
        && !layout.links.links.is_empty();
    let links = layout.links.links;
    let primary_link = if has_source
        && links[0].url == brief_text::sanitize_inline(post.source.as_deref().unwrap_or("")).trim()
    {
        Some(0)
    } else {
        links.iter().position(|l| !l.is_image)
    };
    Article {
        lines: layout.lines,
        links,
        primary_link,
        header_lines,
        width,
        stories,
        link_groups,
    }
}

/// The stories of `body` found without laying it out (their lines are 0): what `brief
/// stories` and the index need.
pub fn find_stories(post: &Post, body: &str) -> Vec<stories::Story> {
    let mut finder = stories::StoryFinder::new(&post.title);
    let mut finished = Vec::new();
    let mut feed = |builder: &mut doc::Builder| {
        builder.take_finished(&mut finished);
        for block in finished.drain(..) {
            finder.push(&block, stories::BlockLines::default());
            builder.recycle(block);
        }
    };
    let (builder, _notes) = build_body(body, post.format, &mut feed);
    for block in builder.finish() {
        finder.push(&block, stories::BlockLines::default());
    }
    finder.finish()
}

/// The document model of a body.
pub fn parse_body(body: &str, format: BodyFormat) -> Vec<doc::Block> {
    let (builder, notes) = build_body(body, format, &mut |_| {});
    let mut blocks = builder.finish();
    blocks.extend(notes);
    blocks
}

/// Whether the body nests deeper than the layout honours (quotes and lists past
/// [`doc::MAX_BLOCK_DEPTH`], styles past [`doc::MAX_INLINE_DEPTH`], HTML elements past its
/// bound), so that part is shown flattened. Linear in the body, like rendering.
pub fn nesting_flattened(body: &str, format: BodyFormat) -> bool {
    build_body(body, format, &mut |builder| {
        // Finished blocks are not needed: hand them back as they come.
        let mut done = Vec::new();
        builder.take_finished(&mut done);
    })
    .0
    .flattened()
}

/// Reads a body into a builder, calling `after_block` whenever Markdown blocks have been
/// finished (see [`doc::Builder::take_finished`]); returns it with the footnotes, which come
/// after the body.
fn build_body(
    body: &str,
    format: BodyFormat,
    after_block: &mut dyn FnMut(&mut doc::Builder),
) -> (doc::Builder, Vec<doc::Block>) {
    // The store hands out sanitised bodies; a caller with raw text gets the same guarantee.
    let body = brief_text::sanitize_block(body);
    let syntax = match format {
        BodyFormat::Markdown => template::Syntax::Markdown,
        BodyFormat::Html => template::Syntax::Html,
    };
    let body = template::interpret(body.as_ref(), syntax);
    let body = body.as_ref();
    let mut builder = doc::Builder::new();
    let notes = match format {
        BodyFormat::Markdown => markdown::add_markdown_with(body, &mut builder, after_block),
        BodyFormat::Html => {
            let (preamble, html) = split_html_preamble(body);
            let notes = markdown::add_markdown_with(preamble, &mut builder, after_block);
            html::add_html(html, &mut builder);
            notes
        }
    };
    (builder, notes)
}

/// Splits an HTML body into the Markdown lines before its first element tag (comments count
/// as Markdown: they are dropped either way) and the HTML from there on.
fn split_html_preamble(body: &str) -> (&str, &str) {
    let mut offset = 0;
    let mut in_comment = false;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if in_comment {
            in_comment = !line.contains("-->");
        } else if let Some(rest) = trimmed.strip_prefix("<!--") {
            in_comment = !rest.contains("-->");
        } else if let Some(rest) = trimmed.strip_prefix('<')
            && rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
        {
            break;
        }
        offset += line.len();
    }
    body.split_at(offset)
}
