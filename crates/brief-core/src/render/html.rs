//! HTML to the document model, through a real HTML parser (html5ever, via `scraper`).
//!
//! Used for whole HTML bodies and for the HTML blocks and inline tags of Markdown bodies.
//! Entities are decoded by the parser; comments, `<script>`, `<style>` and other non-content
//! elements are dropped; white space collapses as a browser would, except that a line end
//! between two CJK characters disappears instead of becoming a space. Elements brief does not
//! know contribute their text.

use super::doc::{Align, Builder, Emphasis, InlineOpen, Open};
use scraper::node::Element;
use scraper::{Html, Node};

/// Element nesting deeper than this is read as plain text, without recursion.
const MAX_DEPTH: usize = 256;

type NodeRef<'a> = ego_tree::NodeRef<'a, Node>;

/// Parses an HTML fragment and adds its content to `builder`.
pub fn add_html(html: &str, builder: &mut Builder) {
    let bounded = super::html_bound::bound_nesting(html);
    if matches!(bounded, std::borrow::Cow::Owned(_)) {
        builder.note_flattened();
    }
    let fragment = Html::parse_fragment(&bounded);
    let root = fragment.root_element();
    let mut walker = Walker {
        builder,
        in_thead: false,
    };
    for child in root.children() {
        walker.node(child, 0);
    }
}

/// What one tag means, for a lone opening tag met as inline HTML in Markdown.
#[derive(Debug, Clone, PartialEq)]
pub enum InlineTag {
    Open(InlineOpen),
    Break,
    Image {
        src: String,
        alt: String,
    },
    /// Text up to the matching end tag is hidden (`<script>`, `<style>`).
    Hide,
    /// An embedded frame or player with its address: shown as a link, its content hidden.
    Embed {
        src: String,
        title: Option<String>,
    },
    /// A tag with no meaning inline (`<span>`, `<u>`): ignored.
    Ignore,
}

/// Reads one opening tag, such as `<a href="…">` or `<img src=… alt=…>`, with the HTML parser.
pub fn parse_inline_tag(tag: &str) -> (String, InlineTag) {
    let fragment = Html::parse_fragment(tag);
    let Some(element) = fragment
        .root_element()
        .descendants()
        .skip(1)
        .find_map(|n| n.value().as_element().cloned())
    else {
        // The parser builds no element for `<script>` alone in some contexts; look at the name.
        return (tag_name(tag), InlineTag::Ignore);
    };
    let name = element.name().to_string();
    let meaning = match name.as_str() {
        "br" => InlineTag::Break,
        "img" => {
            let (src, alt) = image_attrs(&element);
            InlineTag::Image { src, alt }
        }
        "iframe" | "video" | "audio" | "embed" | "object" => match embed_src_attr(&element) {
            Some(src) => InlineTag::Embed {
                src,
                title: element.attr("title").map(str::to_string),
            },
            None => InlineTag::Hide,
        },
        "script" | "style" | "template" | "noscript" | "svg" | "math" | "title" | "textarea" => {
            InlineTag::Hide
        }
        other => match inline_open(other, &element) {
            Some(open) => InlineTag::Open(open),
            None => InlineTag::Ignore,
        },
    };
    (name, meaning)
}

/// The lower-cased element name of a tag such as `</b >` or `<script>`.
pub fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn image_attrs(element: &Element) -> (String, String) {
    let src = ["src", "data-src", "data-original"]
        .iter()
        .find_map(|a| element.attr(a))
        .unwrap_or("");
    let alt = element
        .attr("alt")
        .or_else(|| element.attr("title"))
        .unwrap_or("");
    (src.to_string(), alt.to_string())
}

/// The address an embedded frame or player shows, from its own attributes.
fn embed_src_attr(element: &Element) -> Option<String> {
    ["src", "data-src", "data"]
        .iter()
        .find_map(|a| element.attr(a))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// An embed's address, from its attributes or a `<source src>` inside it.
fn embed_src(node: NodeRef<'_>, element: &Element) -> Option<String> {
    embed_src_attr(element).or_else(|| {
        node.descendants()
            .filter_map(|d| d.value().as_element())
            .find(|e| e.name() == "source")
            .and_then(embed_src_attr)
    })
}

/// An embedded frame or player as a link: its title, else its host, else its address, as
/// the link's text, so that it is numbered and can be opened like any link.
pub fn add_embed(builder: &mut Builder, src: &str, title: Option<&str>) {
    let host = super::links::host_of(src);
    let label = match title.map(str::trim) {
        Some(title) if !title.is_empty() => title,
        _ if !host.is_empty() => host.as_str(),
        _ => src,
    };
    builder.open_inline(InlineOpen::Link(src.to_string()));
    builder.text(label);
    builder.close_inline();
}

fn inline_open(name: &str, element: &Element) -> Option<InlineOpen> {
    Some(match name {
        "strong" | "b" => InlineOpen::Style(Emphasis::Strong),
        "em" | "i" | "cite" | "dfn" | "var" => InlineOpen::Style(Emphasis::Emphasis),
        "del" | "s" | "strike" => InlineOpen::Style(Emphasis::Strike),
        "code" | "kbd" | "samp" | "tt" => InlineOpen::Code,
        "a" => InlineOpen::Link(element.attr("href")?.to_string()),
        _ => return None,
    })
}

struct Walker<'b> {
    builder: &'b mut Builder,
    in_thead: bool,
}

impl Walker<'_> {
    fn node(&mut self, node: NodeRef<'_>, depth: usize) {
        match node.value() {
            Node::Text(text) => self.text(text),
            Node::Element(element) => {
                if depth >= MAX_DEPTH {
                    self.flat_text(node);
                } else {
                    self.element(node, element, depth);
                }
            }
            // Comments, doctypes and processing instructions show nothing.
            _ => {}
        }
    }

    fn children(&mut self, node: NodeRef<'_>, depth: usize) {
        for child in node.children() {
            self.node(child, depth + 1);
        }
    }

    /// Collapses HTML white space: runs of ASCII white space become one space (a soft break
    /// if they held a line end); no-break spaces are kept.
    fn text(&mut self, text: &str) {
        let mut rest = text;
        while !rest.is_empty() {
            let space_end = rest.find(|c: char| !is_html_space(c)).unwrap_or(rest.len());
            if space_end > 0 {
                self.builder.space(rest[..space_end].contains('\n'));
                rest = &rest[space_end..];
            }
            let word_end = rest.find(is_html_space).unwrap_or(rest.len());
            if word_end > 0 {
                self.builder.text(&rest[..word_end]);
                rest = &rest[word_end..];
            }
        }
    }

    /// Text of a subtree too deep to walk, gathered without recursion.
    fn flat_text(&mut self, node: NodeRef<'_>) {
        for descendant in node.descendants() {
            if let Node::Text(text) = descendant.value() {
                self.text(text);
            }
        }
    }

    fn element(&mut self, node: NodeRef<'_>, element: &Element, depth: usize) {
        let name = element.name();
        match name {
            "iframe" | "video" | "audio" | "embed" | "object" => {
                if let Some(src) = embed_src(node, element) {
                    self.builder.boundary();
                    add_embed(self.builder, &src, element.attr("title"));
                    self.builder.boundary();
                }
            }
            "script" | "style" | "head" | "title" | "template" | "noscript" | "svg" | "math"
            | "input" | "select" | "textarea" | "button" | "meta" | "link" | "colgroup" | "col" => {
            }
            "br" => self.builder.hard_break(),
            "hr" => self.builder.rule(),
            "img" => {
                let (src, alt) = image_attrs(element);
                self.builder.image(&src, &alt);
            }
            "p" => self.block(Open::Paragraph, node, depth),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes()[1] - b'0';
                self.block(Open::Heading(level), node, depth);
            }
            "ul" | "menu" => self.block(Open::List { start: None }, node, depth),
            "ol" => {
                let start = element
                    .attr("start")
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(1);
                self.block(Open::List { start: Some(start) }, node, depth);
            }
            "li" => self.block(Open::Item, node, depth),
            "blockquote" => self.block(Open::Quote, node, depth),
            "dd" => self.block(Open::Quote, node, depth),
            "dt" => self.block(Open::Paragraph, node, depth),
            "pre" | "listing" | "xmp" | "plaintext" => {
                let mut text = String::new();
                for descendant in node.descendants() {
                    match descendant.value() {
                        Node::Text(t) => text.push_str(t),
                        Node::Element(e) if e.name() == "br" => text.push('\n'),
                        _ => {}
                    }
                }
                self.builder.code_block(&text);
            }
            "table" => self.table(node, depth),
            "thead" | "tbody" | "tfoot" => {
                let was = self.in_thead;
                self.in_thead = name == "thead";
                self.children(node, depth);
                self.in_thead = was;
            }
            "tr" => {
                let cells = node
                    .children()
                    .filter_map(|c| c.value().as_element())
                    .filter(|e| matches!(e.name(), "td" | "th"));
                let mut any = false;
                let mut all_th = true;
                for cell in cells {
                    any = true;
                    all_th &= cell.name() == "th";
                }
                let header = self.in_thead || (any && all_th);
                self.block(Open::Row { header }, node, depth);
            }
            "td" | "th" => self.block(Open::Cell, node, depth),
            "caption" => self.block(Open::Paragraph, node, depth),
            "div" | "section" | "article" | "header" | "footer" | "main" | "aside" | "nav"
            | "figure" | "figcaption" | "address" | "center" | "details" | "summary" | "form"
            | "fieldset" | "body" | "html" | "dl" | "hgroup" => {
                self.builder.boundary();
                self.children(node, depth);
                self.builder.boundary();
            }
            other => match inline_open(other, element) {
                Some(InlineOpen::Code) => {
                    let mut text = String::new();
                    for descendant in node.descendants() {
                        if let Node::Text(t) = descendant.value() {
                            text.push_str(t);
                        }
                    }
                    let collapsed: Vec<&str> = text
                        .split(is_html_space)
                        .filter(|w| !w.is_empty())
                        .collect();
                    self.builder.code(&collapsed.join(" "));
                }
                Some(open) => {
                    self.builder.open_inline(open);
                    self.children(node, depth);
                    self.builder.close_inline();
                }
                None => self.children(node, depth),
            },
        }
    }

    fn block(&mut self, open: Open, node: NodeRef<'_>, depth: usize) {
        self.builder.open(open);
        self.children(node, depth);
        self.builder.close();
    }

    /// A table; its caption comes first, as a paragraph.
    fn table(&mut self, node: NodeRef<'_>, depth: usize) {
        for child in node.children() {
            if child
                .value()
                .as_element()
                .is_some_and(|e| e.name() == "caption")
            {
                self.node(child, depth + 1);
            }
        }
        let align = Vec::<Align>::new();
        self.builder.open(Open::Table(align));
        let was = self.in_thead;
        self.in_thead = false;
        for child in node.children() {
            if child
                .value()
                .as_element()
                .is_none_or(|e| e.name() != "caption")
            {
                self.node(child, depth + 1);
            }
        }
        self.in_thead = was;
        self.builder.close();
    }
}

fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{0c}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::doc::{Block, Inline};

    fn parse(html: &str) -> Vec<Block> {
        let mut b = Builder::new();
        add_html(html, &mut b);
        b.finish()
    }

    fn text(t: &str) -> Inline {
        Inline::Text(t.into())
    }

    #[test]
    fn paragraphs_entities_and_breaks() {
        let doc = parse(
            "<p>R&amp;D&nbsp;费用<br>第二行</p><!-- hidden --><script>alert(1)</script><style>p{}</style>",
        );
        assert_eq!(
            doc,
            [Block::Paragraph(vec![
                text("R&D\u{a0}费用"),
                Inline::HardBreak,
                text("第二行")
            ])]
        );
    }

    #[test]
    fn white_space_collapses() {
        let doc = parse("<p>  a \n  b   <b> c </b> d</p>");
        assert_eq!(
            doc,
            [Block::Paragraph(vec![
                text("a"),
                Inline::SoftBreak,
                text("b "),
                Inline::Styled(Emphasis::Strong, vec![text("c ")]),
                text("d")
            ])]
        );
    }

    #[test]
    fn links_images_and_unknown_tags() {
        let doc = parse(
            r#"<div><span>看<a href="https://x.org/a">这里</a></span><img src="/i.png" alt="图"></div>"#,
        );
        assert_eq!(
            doc,
            [Block::Paragraph(vec![
                text("看"),
                Inline::Link {
                    url: "https://x.org/a".into(),
                    content: vec![text("这里")]
                },
                Inline::Image {
                    url: "/i.png".into(),
                    alt: "图".into()
                },
            ])]
        );
    }

    #[test]
    fn lists_quotes_pre_and_headings() {
        let doc = parse(
            "<h2>标题</h2><ul><li>一</li><li>二<ol start=3><li>三</li></ol></li></ul><blockquote>引</blockquote><pre>  x\n    y</pre>",
        );
        assert_eq!(doc.len(), 4);
        assert_eq!(
            doc[0],
            Block::Heading {
                level: 2,
                content: vec![text("标题")]
            }
        );
        let Block::List { items, start: None } = &doc[1] else {
            panic!("{doc:?}")
        };
        assert_eq!(items.len(), 2);
        assert!(matches!(&items[1][1], Block::List { start: Some(3), .. }));
        assert_eq!(
            doc[2],
            Block::Quote(vec![Block::Paragraph(vec![text("引")])])
        );
        assert_eq!(doc[3], Block::Code("  x\n    y".into()));
    }

    #[test]
    fn tables_with_header_cells() {
        let doc = parse(
            "<table><tr><th>名</th><th>值</th></tr><tr><td>a</td><td><p>1</p></td></tr></table>",
        );
        let Block::Table(table) = &doc[0] else {
            panic!("{doc:?}")
        };
        assert!(table.rows[0].header);
        assert!(!table.rows[1].header);
        assert_eq!(table.rows[1].cells[1], [text("1")]);
    }

    #[test]
    fn escape_character_entity_is_sanitised() {
        let doc = parse("<p>a&#27;[31mb&#x1b;]0;t&#7;c</p>");
        assert_eq!(doc, [Block::Paragraph(vec![text("abc")])]);
    }

    #[test]
    fn inline_tags() {
        assert_eq!(
            parse_inline_tag("<b>").1,
            InlineTag::Open(InlineOpen::Style(Emphasis::Strong))
        );
        assert_eq!(parse_inline_tag("<BR/>").1, InlineTag::Break);
        assert_eq!(
            parse_inline_tag(r#"<a href="u">"#).1,
            InlineTag::Open(InlineOpen::Link("u".into()))
        );
        assert_eq!(parse_inline_tag("<script>").1, InlineTag::Hide);
        assert_eq!(tag_name("</Strong >"), "strong");
        assert_eq!(
            parse_inline_tag(r#"<iframe src="https://v.example/e/1" title="演示">"#).1,
            InlineTag::Embed {
                src: "https://v.example/e/1".into(),
                title: Some("演示".into())
            }
        );
    }

    #[test]
    fn embeds_become_links() {
        let doc = parse(
            r#"<iframe src="https://www.youtube.com/embed/abc" width="560"></iframe><video controls><source src="https://cdn.example/v.mp4"></video>"#,
        );
        let urls: Vec<&str> = doc
            .iter()
            .flat_map(|b| match b {
                Block::Paragraph(inlines) => inlines.as_slice(),
                _ => &[],
            })
            .filter_map(|i| match i {
                Inline::Link { url, .. } => Some(url.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            urls,
            [
                "https://www.youtube.com/embed/abc",
                "https://cdn.example/v.mp4"
            ]
        );
    }
}
