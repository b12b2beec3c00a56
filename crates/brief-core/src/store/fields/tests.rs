use super::fallbacks::{detect_format, first_heading, title_from_path};
use super::*;
use crate::store::post::BodyFormat;
use std::path::Path;

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
