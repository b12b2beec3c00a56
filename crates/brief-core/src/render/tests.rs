use super::*;
use std::sync::Arc;

fn post(source: Option<&str>) -> Post {
    Post {
        title: "标题".into(),
        source: source.map(String::from),
        ..Post::default()
    }
}

#[test]
fn preamble_split() {
    let body = "<!--1-->\n[T](https://a/)\n---\n\n<div>\n<p>x</p>\n\n    <p>y</p>\n</div>\n";
    let (md, html) = split_html_preamble(body);
    assert_eq!(md, "<!--1-->\n[T](https://a/)\n---\n\n");
    assert!(html.starts_with("<div>"));
    let blocks = parse_body(body, BodyFormat::Html);
    assert!(
        !blocks.iter().any(|b| matches!(b, doc::Block::Code(_))),
        "{blocks:?}"
    );
}

/// Every span of a link's text, and of a bare URL broken over several lines, names the
/// link, so a terminal hyperlink covers all of it; other text names none.
#[test]
fn wrapped_links_keep_their_link_on_every_piece() {
    let url = "https://example.com/a/very/long/path/that/cannot/fit/on/one/line/at/all";
    let body = format!("看 <{url}> 和[一个很长的链接文字跨越好几行](https://b.example/x)。\n");
    let article = render_article(&post(None), &body, 24);
    let index_of = |u: &str| article.links.iter().position(|l| l.url == u);
    let bare = index_of(url).expect("bare URL numbered") as u32;
    let named = index_of("https://b.example/x").expect("link numbered") as u32;
    let body_lines = &article.lines[article.header_lines..];
    let spans_of = |link: u32| -> Vec<&Span> {
        body_lines
            .iter()
            .flat_map(|l| &l.spans)
            .filter(|s| s.style.role == Role::Link && s.style.link == Some(link))
            .collect()
    };
    let bare_spans = spans_of(bare);
    assert!(bare_spans.len() >= 3, "the URL wraps: {bare_spans:?}");
    let joined: String = bare_spans.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(joined, url);
    let named_text: String = spans_of(named).iter().map(|s| s.text.as_str()).collect();
    assert_eq!(named_text, "一个很长的链接文字跨越好几行");
    for span in body_lines.iter().flat_map(|l| &l.spans) {
        if span.style.role == Role::Link {
            assert!(span.style.link.is_some(), "{span:?}");
        } else if span.style.role == Role::Plain {
            assert_eq!(span.style.link, None, "{span:?}");
        }
    }
}

#[test]
fn source_is_link_one_and_primary() {
    let article = render_article(
        &post(Some("https://src.example/a")),
        "见[别处](https://b.example/)。",
        40,
    );
    assert_eq!(article.links[0].number, 1);
    assert_eq!(article.links[0].host, "src.example");
    assert_eq!(
        article.primary().map(|l| l.url.as_str()),
        Some("https://src.example/a")
    );
    assert!(
        article
            .plain_lines()
            .iter()
            .any(|l| l.contains("别处[2]。"))
    );
}

#[test]
fn without_source_the_first_non_image_link_is_primary() {
    let article = render_article(&post(None), "![图](https://i/x.png) [a](https://a/)", 40);
    assert_eq!(article.primary().map(|l| l.number), Some(2));
}

#[test]
fn cache_keeps_per_width_and_forgets_on_invalidate() {
    let mut cache = ArticleCache::new(2);
    let p = post(None);
    let a = cache
        .get_or_render(&p, 40, || Ok::<_, ()>("正文".to_string()))
        .unwrap();
    let b = cache.get_or_render(&p, 40, || Err(())).unwrap();
    assert!(Arc::ptr_eq(&a, &b));
    cache
        .get_or_render(&p, 60, || Ok::<_, ()>("正文".into()))
        .unwrap();
    cache
        .get_or_render(&p, 80, || Ok::<_, ()>("正文".into()))
        .unwrap();
    assert_eq!(cache.len(), 2);
    assert!(cache.get(&p, 40).is_none());
    cache.invalidate(&p.path);
    assert!(cache.is_empty());
}
