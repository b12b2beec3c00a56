//! Grouping an article's links by the story they belong to, for the link list at the end of
//! the article and the link picker.
//!
//! A link belongs to the story whose text it is first met in (its number was given there); a
//! link met above the first story, or only in the header (the post's source), is the post's.
//! Links keep their numbers and their order: as they are numbered in reading order, each group
//! is a run of consecutive numbers, and the groups follow the stories' order. An article of
//! fewer than two stories, or whose links all fall in one group, has no groups (its link list
//! is not divided).
//!
//! Depends on the rendered lines and stories only.

use super::stories::{Story, source_host};
use super::{Line, Link};
use brief_text::sanitize_inline;

/// A run of the article's links that belong to one story, or to the post.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LinkGroup {
    /// The story, as an index into [`super::Article::stories`]; `None`: the post's own links,
    /// above its first story.
    pub story: Option<usize>,
    /// Index into the article's links of the group's first link; the group runs to the next
    /// group's first link, or to the last link.
    pub first: usize,
    /// The story's title, sanitised, on one line; empty for the post's group (which is
    /// headed by a label) and for a story without a title.
    pub title: String,
    /// The host of the story's source (of the post's source for the post's group); may be
    /// empty.
    pub host: String,
}

/// The groups of `links` by the story of `stories` (each starting at its `line` of `lines`)
/// whose text each link is first met in: one group per story or post that has links, in
/// order. Empty when there are fewer than two stories or all links fall in one group. Linear
/// in the spans of `lines`, and a binary search in `stories` (in line order) per link.
pub fn group_links(
    lines: &[Line],
    stories: &[Story],
    links: &[Link],
    post_source: Option<&str>,
) -> Vec<LinkGroup> {
    if stories.len() < 2 || links.is_empty() {
        return Vec::new();
    }
    // The line each link is first met on, as its spans name it.
    let mut first_line: Vec<Option<usize>> = vec![None; links.len()];
    for (at, line) in lines.iter().enumerate() {
        for span in &line.spans {
            if let Some(slot) = span
                .style
                .link
                .and_then(|i| first_line.get_mut(usize::try_from(i).ok()?))
                && slot.is_none()
            {
                *slot = Some(at);
            }
        }
    }
    let mut groups: Vec<LinkGroup> = Vec::new();
    let mut current: Option<usize> = None;
    for (index, line) in first_line.into_iter().enumerate() {
        // Never back to an earlier story: a link met nowhere in the text (the header's
        // source) stays in the group before it, and every group is one run of numbers.
        let story = line
            .and_then(|line| stories.partition_point(|s| s.line <= line).checked_sub(1))
            .max(current);
        if groups.is_empty() || story != current {
            let (title, source) = match story.and_then(|i| stories.get(i)) {
                Some(s) => (sanitize_inline(&s.title), s.source.as_deref()),
                None => (String::new(), post_source),
            };
            groups.push(LinkGroup {
                story,
                first: index,
                title: title.trim().to_string(),
                host: source
                    .map(|s| source_host(sanitize_inline(s).trim()))
                    .unwrap_or_default(),
            });
        }
        current = story;
    }
    // One group divides nothing.
    if groups.len() < 2 {
        groups.clear();
    }
    groups
}

/// The range of link indices (into `links` of length `count`) of group `at` of `groups`.
pub fn group_range(groups: &[LinkGroup], at: usize, count: usize) -> std::ops::Range<usize> {
    let start = groups.get(at).map_or(count, |g| g.first);
    let end = groups.get(at + 1).map_or(count, |g| g.first);
    start.min(count)..end.min(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::render_article;
    use crate::store::Post;

    fn starts(groups: &[LinkGroup]) -> Vec<(Option<usize>, usize)> {
        groups.iter().map(|g| (g.story, g.first)).collect()
    }

    fn post() -> Post {
        Post {
            title: "简报".into(),
            source: Some("https://post.example/b".into()),
            ..Post::default()
        }
    }

    const BODY: &str = "导语 [背景](https://intro.example/x)。\n\n\
        ## 第一条\n\n正文 [甲](https://a.example/1)，又见 [背景](https://intro.example/x)。\n\n\
        **Source:** [原文](https://a.example/src)\n\n\
        ## 没有新链接\n\n只提到 [甲](https://a.example/1)。\n\n\
        ## 第三条\n\n![图](https://c.example/p.png)\n\n来源：[原文](https://c.example/src)\n";

    #[test]
    fn links_are_grouped_by_the_story_they_are_first_met_in() {
        let article = render_article(&post(), BODY, 60);
        assert_eq!(article.stories.len(), 3);
        let urls: Vec<&str> = article.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://post.example/b",
                "https://intro.example/x",
                "https://a.example/1",
                "https://a.example/src",
                "https://c.example/p.png",
                "https://c.example/src",
            ]
        );
        // The post's source and the lead's link; the first story's two; the second story
        // met no link first, so it has no group; the third story's image and source.
        assert_eq!(
            starts(&article.link_groups),
            [(None, 0), (Some(0), 2), (Some(2), 4)]
        );
        let heads: Vec<(&str, &str)> = article
            .link_groups
            .iter()
            .map(|g| (g.title.as_str(), g.host.as_str()))
            .collect();
        assert_eq!(
            heads,
            [
                ("", "post.example"),
                ("第一条", "a.example"),
                ("第三条", "c.example")
            ]
        );
        assert_eq!(group_range(&article.link_groups, 1, 6), 2..4);
        assert_eq!(group_range(&article.link_groups, 2, 6), 4..6);
    }

    #[test]
    fn a_post_of_one_story_has_no_groups() {
        let one = "## 只有一条\n\n[甲](https://a.example/1)\n";
        assert!(render_article(&post(), one, 60).link_groups.is_empty());
        let none = "没有小标题 [甲](https://a.example/1)\n";
        assert!(render_article(&post(), none, 60).link_groups.is_empty());
        // Two stories, but every link in the first (the post has no source of its own).
        let post = Post {
            title: "简报".into(),
            ..Post::default()
        };
        let first_only = "## 一\n\n[甲](https://a.example/1)\n\n## 二\n\n没有链接。\n";
        let article = render_article(&post, first_only, 60);
        assert_eq!(article.stories.len(), 2);
        assert!(article.link_groups.is_empty());
    }

    #[test]
    fn without_a_post_source_the_first_group_is_the_first_storys() {
        let body = "## 一\n\n[甲](https://a.example/1)\n\n## 二\n\n[乙](https://b.example/2)\n";
        let post = Post {
            title: "简报".into(),
            ..Post::default()
        };
        let article = render_article(&post, body, 60);
        assert_eq!(starts(&article.link_groups), [(Some(0), 0), (Some(1), 1)]);
    }

    #[test]
    fn twenty_thousand_stories_of_ten_links_each_group_without_a_quadratic_search() {
        use crate::render::{Span, Style};
        let (count, per) = (20_000usize, 10usize);
        let mut lines = Vec::new();
        let mut stories = Vec::new();
        for story in 0..count {
            stories.push(Story {
                line: lines.len(),
                ..Story::default()
            });
            for link in 0..per {
                let style = Style {
                    link: u32::try_from(story * per + link).ok(),
                    ..Style::default()
                };
                lines.push(Line {
                    spans: vec![Span::new("x", style)],
                });
            }
        }
        let links = vec![
            Link {
                number: 0,
                url: String::new(),
                host: String::new(),
                is_image: false,
                text: String::new(),
            };
            count * per
        ];
        let started = std::time::Instant::now();
        let groups = group_links(&lines, &stories, &links, None);
        // A search through every story per link would be 4·10⁹ steps: minutes, not this.
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
        assert_eq!(groups.len(), count);
        assert!(
            groups
                .iter()
                .enumerate()
                .all(|(i, g)| g.story == Some(i) && g.first == i * per)
        );
    }
}
