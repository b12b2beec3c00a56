//! Hostile bodies: escape sequences raw and as entities, a 1 MB paragraph, a 5,000-column
//! table, lists nested 100 deep. Each must render without a panic, keep its text, and give
//! lines that fit and carry no control character. (How fast is for `benches/render.rs`.)

use brief_core::render::{Article, render_article};
use brief_core::store::{BodyFormat, Post};

fn post(format: BodyFormat) -> Post {
    Post {
        title: "标题\u{1b}]0;pwned\u{7}".into(),
        format,
        ..Post::default()
    }
}

fn assert_clean(article: &Article, width: usize) {
    for line in &article.lines {
        let text = line.plain();
        assert!(
            !text.chars().any(|c| c.is_control()),
            "control character in {text:?}"
        );
        assert!(
            !text
                .chars()
                .any(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
            "bidi override in {text:?}"
        );
        // Only the link list may print a URL whole, on a line of its own.
        let whole_url = article.links.iter().any(|link| text.trim() == link.url);
        assert!(
            line.width() <= width || whole_url,
            "{text:?} wider than {width}"
        );
    }
}

#[test]
fn escape_sequences_raw_and_as_entities() {
    let body = "# T\u{1b}[2Jitle\n\n红\u{1b}[31m色\u{1b}[0m &#27;[31m假&#x1b;]52;c;ZXZpbA==&#7; \u{9b}2J \u{202e}abc\n\n\
                <b>&#27;]0;title&#7;粗</b>\n\n[链接\u{1b}[5m](https://e.com/\u{1b}[1m)\n\n```\ncode\u{1b}[31m\u{7}\n```\n";
    for format in [BodyFormat::Markdown, BodyFormat::Html] {
        let article = render_article(&post(format), body, 40);
        assert_clean(&article, 40);
        let text = article.plain_text();
        assert!(
            !text.contains("[31m") && !text.contains("]52;") && !text.contains("]0;"),
            "{text}"
        );
        assert!(text.contains("红色"), "{text}");
        for link in &article.links {
            assert!(!link.url.chars().any(char::is_control), "{:?}", link.url);
        }
    }
    let html = "<p>a&#27;[31mb&#x9b;2Jc&#27;]8;;http://x&#27;\\d</p><script>&#27;[2J</script>";
    let article = render_article(&post(BodyFormat::Html), html, 40);
    assert_clean(&article, 40);
    // `&#x9b;` is U+203A by the HTML rules for C1 references: visible, harmless.
    let text = article.plain_text();
    assert!(text.contains("ab›2Jcd") && !text.contains("]8;;"), "{text}");
}

#[test]
fn one_megabyte_paragraph() {
    let sentence =
        "美国IT巨头将继续对人工智能（AI）基础设施进行巨额投资，预计2025年也将保持在高水平。";
    let mut body = String::new();
    while body.len() < 1 << 20 {
        body.push_str(sentence);
    }
    let article = render_article(&post(BodyFormat::Markdown), &body, 80);
    assert_clean(&article, 80);
    assert!(article.lines.len() > 5_000);
    // One unbroken megabyte of Latin letters, and of spaces.
    for filler in ["x", " "] {
        let body = filler.repeat(1 << 20);
        let article = render_article(&post(BodyFormat::Markdown), &format!("a{body}b"), 80);
        assert_clean(&article, 80);
        let text = article.plain_text();
        assert!(
            text.contains('a') && text.contains('b'),
            "both ends are kept"
        );
        if filler == "x" {
            assert_eq!(text.matches('x').count(), 1 << 20, "every letter is kept");
        }
    }
}

#[test]
fn five_thousand_column_table() {
    let columns = 5000;
    let mut body = String::new();
    for row in 0..4 {
        body.push('|');
        for c in 0..columns {
            body.push_str(&format!(" 列{c}行{row} |"));
        }
        body.push('\n');
        if row == 0 {
            body.push('|');
            body.push_str(&"---|".repeat(columns));
            body.push('\n');
        }
    }
    let article = render_article(&post(BodyFormat::Markdown), &body, 80);
    assert_clean(&article, 80);
    assert!(article.plain_text().contains("列4999行3"));

    let mut html = String::from("<table><tr>");
    for c in 0..columns {
        html.push_str(&format!("<td>{c}</td>"));
    }
    html.push_str("</tr></table>");
    let article = render_article(&post(BodyFormat::Html), &html, 80);
    assert_clean(&article, 80);
    assert!(article.plain_text().contains("4999"));
}

#[test]
fn lists_and_quotes_nested_a_hundred_deep() {
    let mut markdown = String::new();
    for depth in 0..100 {
        markdown.push_str(&"  ".repeat(depth));
        markdown.push_str(&format!("- 第{depth}层 item level {depth}\n"));
    }
    markdown.push('\n');
    markdown.push_str(&">".repeat(100));
    markdown.push_str(" 深引用\n");
    let article = render_article(&post(BodyFormat::Markdown), &markdown, 40);
    assert_clean(&article, 40);
    let text = article.plain_text();
    assert!(text.contains("第99层") && text.contains("深引用"));

    let html = format!(
        "{}<p>最深</p>{}",
        "<ul><li>层".repeat(100),
        "</li></ul>".repeat(100)
    );
    let article = render_article(&post(BodyFormat::Html), &html, 40);
    assert_clean(&article, 40);
    assert!(article.plain_text().contains("最深"));

    let deep = format!("{}深{}", "<div><b>".repeat(5000), "</b></div>".repeat(5000));
    let article = render_article(&post(BodyFormat::Html), &deep, 24);
    assert_clean(&article, 24);
    assert!(article.plain_text().contains('深'));
}

#[test]
fn narrow_widths_still_fit() {
    let body = "| 名称 | 值 |\n|---|---|\n| 很长的名称在这里 | 12345678901234567890 |\n\n> - 1. 嵌套的**引用**和列表，還有[链接](https://a.example/)。\n";
    for width in [1, 5, 10, 12, 24] {
        let article = render_article(&post(BodyFormat::Markdown), body, width);
        assert_clean(&article, width.max(brief_core::render::MIN_WIDTH));
        // However the cells and the quote were cut, their text is all there, in order.
        let text: String = article
            .plain_text()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for kept in [
            "很长的名称在这里",
            "12345678901234567890",
            "嵌套的引用和列表",
        ] {
            let mut rest = text.as_str();
            for c in kept.chars() {
                let Some(at) = rest.find(c) else {
                    panic!("{width}: {kept:?} is not all there: {text}");
                };
                rest = &rest[at + c.len_utf8()..];
            }
        }
    }
}
