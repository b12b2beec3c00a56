//! The article's header (title, date, author, source, categories, tags) and the numbered link
//! list at its end.

use super::layout::{Layout, Prefix};
use super::link_groups::LinkGroup;
use super::{Role, Span, Style};
use crate::store::Post;
use brief_text::display_width;
use brief_text::linebreak::{Piece, wrap_pieces};
use brief_text::{sanitize_inline, truncate_to_width};

const SEPARATOR: &str = " · ";

impl Layout {
    fn wrapped(&mut self, pieces: &[Piece<Style>]) {
        let mut prefix = Prefix::default();
        for line in wrap_pieces(pieces, self.width, self.width) {
            self.emit(
                &mut prefix,
                line.into_iter()
                    .map(|r| Span::new(r.text, r.style))
                    .collect(),
            );
        }
    }

    /// Title, one line of date · author · source, one of categories and tags, and a rule. The
    /// front matter's source is registered first, so it is link [1].
    pub fn header(&mut self, post: &Post) {
        let title = sanitize_inline(&post.title);
        let source = post
            .source
            .as_deref()
            .map(sanitize_inline)
            .filter(|s| !s.trim().is_empty());
        let source_number = source
            .as_deref()
            .and_then(|s| self.links.number(s.trim(), false, &title));

        if !title.is_empty() {
            let style = Style {
                role: Role::HeaderTitle,
                strong: true,
                ..Style::default()
            };
            self.wrapped(&[Piece::new(title, style)]);
        }

        let meta = Style::new(Role::HeaderMeta);
        let mut pieces: Vec<Piece<Style>> = Vec::new();
        let field = |pieces: &mut Vec<Piece<Style>>, piece: Piece<Style>| {
            if !pieces.is_empty() {
                pieces.push(Piece::new(SEPARATOR, meta));
            }
            pieces.push(piece);
        };
        if let Some(date) = &post.date {
            field(
                &mut pieces,
                Piece::new(date.to_string().replacen('T', " ", 1), meta).whole(),
            );
        }
        if let Some(author) = post
            .author
            .as_deref()
            .map(sanitize_inline)
            .filter(|a| !a.is_empty())
        {
            field(&mut pieces, Piece::new(author, meta));
        }
        if let (Some(source), Some(number)) = (&source, source_number) {
            let host = super::links::host_of(source.trim());
            let shown = if host.is_empty() {
                source.trim().to_string()
            } else {
                host
            };
            field(
                &mut pieces,
                Piece::new(format!("{} ", self.labels.label_source), meta).whole(),
            );
            pieces.push(Piece::new(shown, Style::new(Role::Link)).glued());
            pieces.push(Piece::new(format!("[{number}]"), Style::new(Role::LinkNumber)).glued());
        }
        if !pieces.is_empty() {
            self.wrapped(&pieces);
        }

        let mut pieces: Vec<Piece<Style>> = Vec::new();
        let tag = Style::new(Role::Tag);
        for (label, names, mark, between) in [
            (self.labels.label_categories, &post.categories, "", " / "),
            (self.labels.label_tags, &post.tags, "#", " "),
        ] {
            let names: Vec<String> = names
                .iter()
                .map(|n| sanitize_inline(n))
                .filter(|n| !n.is_empty())
                .collect();
            if names.is_empty() {
                continue;
            }
            if !pieces.is_empty() {
                pieces.push(Piece::new(SEPARATOR, meta));
            }
            pieces.push(Piece::new(format!("{label} "), meta));
            for (i, name) in names.iter().enumerate() {
                if i > 0 {
                    pieces.push(Piece::new(between, meta));
                }
                pieces.push(Piece::new(format!("{mark}{name}"), tag).whole());
            }
        }
        if !pieces.is_empty() {
            self.wrapped(&pieces);
        }
        let mut prefix = Prefix::default();
        self.emit(
            &mut prefix,
            vec![Span::new("─".repeat(self.width), Style::new(Role::Rule))],
        );
    }

    /// The numbered list of every link and image: `[n] host  text` on one line, the whole URL
    /// on the next (the one kind of line that may be wider than the article). With `groups`,
    /// each group of links is headed by its story's title and host (the post's by a label and
    /// its source's host), a blank line between groups.
    pub fn link_list(&mut self, groups: &[LinkGroup]) {
        if self.links.links.is_empty() {
            return;
        }
        let mut prefix = Prefix::default();
        self.emit(&mut prefix, Vec::new());
        self.emit(
            &mut prefix,
            vec![Span::new(
                self.labels.label_links,
                Style::new(Role::LinkListTitle),
            )],
        );
        let links = std::mem::take(&mut self.links.links);
        let mut groups = groups.iter().peekable();
        for (index, link) in links.iter().enumerate() {
            if let Some(group) = groups.next_if(|g| g.first <= index) {
                if group.first > 0 {
                    self.emit(&mut prefix, Vec::new());
                }
                let heading = self.group_heading(group);
                self.emit(&mut prefix, heading);
            }
            let mut number = String::with_capacity(8);
            super::layout::push_link_number(&mut number, link.number);
            number.push(' ');
            let indent = display_width(&number);
            let mut spans = Vec::with_capacity(6);
            spans.push(Span::new(number, Style::new(Role::LinkListNumber)));
            let mut room = self.width.saturating_sub(indent);
            let mut describe = |text: &str, style: Style, spans: &mut Vec<Span>| {
                if text.is_empty() || room < 2 {
                    return;
                }
                let gap = if spans.len() > 1 { 2 } else { 0 };
                if room <= gap + 1 {
                    return;
                }
                let text = truncate_to_width(text, room - gap);
                room -= gap + display_width(&text);
                if gap > 0 && style == Style::default() {
                    // The gap and the text would be joined into one span anyway.
                    let mut joined = String::with_capacity(gap + text.len());
                    joined.push_str("  ");
                    joined.push_str(&text);
                    spans.push(Span::new(joined, style));
                    return;
                }
                if gap > 0 {
                    spans.push(Span::new("  ", Style::default()));
                }
                spans.push(Span::new(text, style));
            };
            describe(&link.host, Style::new(Role::LinkListHost), &mut spans);
            if link.is_image {
                describe(self.labels.label_image, Style::new(Role::Image), &mut spans);
            }
            // A text that only repeats the label or the host says nothing new.
            let text = link.text.trim();
            let repeats = (link.is_image && text == self.labels.label_image) || text == link.host;
            if !repeats {
                describe(&link.text, Style::default(), &mut spans);
            }
            self.emit(&mut prefix, spans);
            let url_width = display_width(&link.url);
            let pad = if indent + url_width <= self.width {
                " ".repeat(indent)
            } else {
                String::new()
            };
            self.emit(
                &mut prefix,
                vec![
                    Span::new(pad, Style::default()),
                    Span::new(
                        link.url.clone(),
                        Style {
                            link: u32::try_from(link.number - 1).ok(),
                            ..Style::new(Role::LinkListUrl)
                        },
                    ),
                ],
            );
        }
        self.links.links = links;
    }

    /// `title  host` heading a group of the link list, cut to the width: the story's title
    /// (or a label when it has none) and its source's host; for the post's own links, a label
    /// and the host of the post's source.
    fn group_heading(&self, group: &LinkGroup) -> Vec<Span> {
        let title = match (group.story, group.title.as_str()) {
            (None, _) => self.labels.label_links_post,
            (Some(_), "") => self.labels.label_untitled_story,
            (Some(_), title) => title,
        };
        let host = truncate_to_width(&group.host, self.width / 3);
        let gap = if host.is_empty() { 0 } else { 2 };
        let room = self.width.saturating_sub(display_width(&host) + gap);
        let mut spans = vec![Span::new(
            truncate_to_width(title, room.max(1)),
            Style {
                strong: true,
                ..Style::new(Role::LinkListGroup)
            },
        )];
        if !host.is_empty() {
            spans.push(Span::new("  ", Style::default()));
            spans.push(Span::new(host, Style::new(Role::LinkListHost)));
        }
        spans
    }
}

#[cfg(test)]
mod link_list_tests {
    use crate::render::render_article;
    use crate::store::Post;

    #[test]
    fn the_link_list_never_doubles_a_label() {
        let post = Post {
            title: "图文".into(),
            ..Post::default()
        };
        let body = "![图片](https://img.example.com/a.png)\n\n[img.example.com](https://img.example.com/b)\n\n![机房](https://img.example.com/c.png)\n";
        let text = render_article(&post, body, 60).plain_text();
        assert!(!text.contains("图片  图片"), "{text}");
        assert!(!text.contains("img.example.com  img.example.com"), "{text}");
        assert!(text.contains("图片  机房"), "a real alt text stays: {text}");
    }
}

#[cfg(test)]
mod link_group_tests {
    use crate::render::layout::Layout;
    use crate::render::link_groups::LinkGroup;
    use crate::render::{Role, TableBorders, render_article};
    use crate::store::Post;
    use brief_i18n::Lang;

    #[test]
    fn the_link_list_heads_each_storys_links_with_its_title_and_host_cut_to_the_width() {
        let post = Post {
            title: "简报".into(),
            source: Some("https://post.example/b".into()),
            ..Post::default()
        };
        let body = "## 一个非常非常长的中文标题，超出了窄屏的宽度\u{1b}[31m\n\n\
            [甲](https://www.a.example/1)\n\n## 🚀\n\n[乙](https://b.example/2)\n";
        for width in [20, 80] {
            let article = render_article(&post, body, width);
            let text = article.plain_text();
            assert!(!text.contains('\u{1b}'), "{text}");
            assert_eq!(article.stories.len(), 2, "{:#?}", article.stories);
            let list = article
                .lines
                .iter()
                .position(|l| {
                    l.spans
                        .first()
                        .is_some_and(|s| s.style.role == Role::LinkListTitle)
                })
                .unwrap();
            let shown: Vec<String> = article.lines[list + 1..]
                .iter()
                .filter(|l| !l.spans.iter().any(|s| s.style.role == Role::LinkListUrl))
                .filter(|l| !l.plain().is_empty())
                .map(|l| {
                    assert!(l.width() <= width, "{width}: {:?}", l.plain());
                    l.plain()
                })
                .collect();
            // Numbers stay as the text has them, each under its story's heading.
            assert_eq!(shown.len(), 6, "{shown:#?}");
            for (row, start) in ["本文", "[1] ", "一个非常", "[2] ", "🚀", "[3] "]
                .iter()
                .enumerate()
            {
                assert!(shown[row].starts_with(start), "{width}: {shown:#?}");
            }
            if width == 80 {
                assert_eq!(shown[0], "本文  post.example");
                assert_eq!(
                    shown[2],
                    "一个非常非常长的中文标题，超出了窄屏的宽度  a.example"
                );
                assert_eq!(shown[4], "🚀  b.example");
            } else {
                assert!(shown[2].contains('…'), "{shown:#?}");
            }
        }
    }

    #[test]
    fn a_story_without_a_title_is_headed_by_a_label() {
        let layout = Layout::new(40, TableBorders::Box, Lang::Ja.catalog());
        let group = LinkGroup {
            story: Some(3),
            host: "a.example".into(),
            ..LinkGroup::default()
        };
        let line = crate::render::Line {
            spans: layout.group_heading(&group),
        };
        assert_eq!(line.plain(), "無題の記事  a.example");
    }
}
