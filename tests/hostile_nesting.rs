//! Hostile nesting: 100,000 quote markers, list levels or emphasis runs, and deeply nested
//! HTML. Each must render well inside a time bound (linear work; the old builder took
//! minutes), keep its text, and flatten what is past the depth the layout honours. A test
//! that would hang fails at its bound instead of holding up the run.

use brief_core::render::{parse_body, render_article};
use brief_core::store::{BodyFormat, Post};

mod common;
use common::within_main_stack as within;

fn render_within(body: String, format: BodyFormat) -> String {
    within(10, move || {
        let post = Post {
            title: "深".into(),
            format,
            ..Post::default()
        };
        let article = render_article(&post, &body, 60);
        for line in &article.lines {
            assert!(line.width() <= 60, "{:?} is too wide", line.plain());
        }
        article.plain_text()
    })
}

#[test]
fn hundred_thousand_quote_markers() {
    let text = render_within(
        format!("{}深处\n", ">".repeat(100_000)),
        BodyFormat::Markdown,
    );
    assert!(text.contains("深处"), "{text}");
}

#[test]
fn fifty_thousand_list_levels() {
    for marker in ["- ", "1. "] {
        let text = render_within(
            format!("{}底\n", marker.repeat(50_000)),
            BodyFormat::Markdown,
        );
        assert!(text.contains('底'), "{text}");
    }
}

#[test]
fn emphasis_nested_fifty_thousand_deep() {
    let body = format!("{}心{}\n", "*a ".repeat(50_000), " b*".repeat(50_000));
    let text = render_within(body, BodyFormat::Markdown);
    assert!(text.contains('心'), "{}", &text[..200.min(text.len())]);
}

#[test]
fn nesting_past_the_bound_is_flattened() {
    let blocks = within(10, || {
        parse_body(&format!("{}x\n", ">".repeat(1000)), BodyFormat::Markdown)
    });
    let mut depth = 0;
    let mut block = blocks.first();
    while let Some(brief_core::render::doc::Block::Quote(inner)) = block {
        depth += 1;
        block = inner.first();
    }
    assert_eq!(depth, brief_core::render::doc::MAX_BLOCK_DEPTH);
}

#[test]
fn html_elements_nested_twenty_thousand_deep() {
    for (open, close) in [
        ("<ul><li>", "</li></ul>"),
        ("<div><blockquote>", "</blockquote></div>"),
        ("<table><tr><td>", "</td></tr></table>"),
    ] {
        let body = format!("{}底{}", open.repeat(20_000), close.repeat(20_000));
        let text = render_within(body, BodyFormat::Html);
        assert!(text.contains('底'), "{open}");
    }
}

#[test]
fn check_warns_about_flattened_nesting_and_only_there() {
    use brief_core::render::nesting_flattened;
    let deep = [
        (format!("{}x\n", ">".repeat(40)), BodyFormat::Markdown),
        (format!("{}x\n", "- ".repeat(40)), BodyFormat::Markdown),
        (
            format!("{}x{}\n", "*a ".repeat(40), " b*".repeat(40)),
            BodyFormat::Markdown,
        ),
        ("<div>".repeat(1000), BodyFormat::Html),
    ];
    for (body, format) in deep {
        assert!(
            within(10, move || nesting_flattened(&body, format)),
            "not flattened"
        );
    }
    let shallow = format!("{}x\n\n**粗** *斜* [链](https://e.com)\n", ">".repeat(5));
    assert!(!nesting_flattened(&shallow, BodyFormat::Markdown));

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deep.md"),
        format!("---\ntitle: 深\n---\n{}底\n", ">".repeat(100_000)),
    )
    .unwrap();
    std::fs::write(dir.path().join("flat.md"), "---\ntitle: 平\n---\n> 一层\n").unwrap();
    let root = dir.path().to_path_buf();
    let out = within(10, move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(["--no-cache", "check"])
            .arg(&root)
            .env("XDG_CONFIG_HOME", root.join("none"))
            .output()
            .unwrap()
    });
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{report}");
    assert!(
        report.contains("deep.md:1: warning: nesting deeper than"),
        "{report}"
    );
    assert!(!report.contains("flat.md"), "{report}");
}

#[test]
fn one_wide_row_does_not_pad_every_other_row() {
    let n = 10_000;
    let html = format!(
        "<table><tr>{}</tr>{}</table>",
        "<th>列</th>".repeat(n),
        "<tr><td>格</td></tr>".repeat(n)
    );
    let text = render_within(html, BodyFormat::Html);
    assert_eq!(text.matches('格').count(), n);
    // pulldown-cmark pads short rows itself, within a budget of its own.
    let n = 2_000;
    let markdown = format!(
        "{}|\n{}|\n{}",
        "|列".repeat(n),
        "|-".repeat(n),
        "|格|\n".repeat(n)
    );
    let text = render_within(markdown, BodyFormat::Markdown);
    assert!(text.contains('格'));
}
