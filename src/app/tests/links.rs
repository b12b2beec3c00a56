//! Links: the source, numbered links and counts, the picker, copying.

use super::*;

#[test]
fn o_opens_the_source_and_digits_open_numbered_links() {
    let mut h = Harness::new(120, 40);
    h.select_post_with_source();
    let source = h.app.selected_post().unwrap().source.clone().unwrap();
    h.key(KeyCode::Char('o'));
    assert_eq!(h.fx.recorded.opened, std::slice::from_ref(&source));
    h.key(KeyCode::Char('1'));
    assert_eq!(
        h.fx.recorded.opened.last().unwrap(),
        &source,
        "the source is [1]"
    );
    h.key(KeyCode::Char('2'));
    assert!(
        h.fx.recorded
            .opened
            .last()
            .unwrap()
            .starts_with("https://a.example.com/")
    );
    h.key(KeyCode::Char('3'));
    assert_eq!(h.fx.recorded.opened.len(), 3, "ftp links are refused");
    assert!(h.app.status.as_deref().unwrap().contains("refused"));
    h.key(KeyCode::Char('9'));
    assert!(h.app.status.as_deref().unwrap().contains("no link [9]"));
}

#[test]
fn f_picks_a_link_and_y_copies_it() {
    let mut h = Harness::new(120, 40);
    h.select_post_with_source();
    h.key(KeyCode::Char('f'));
    assert!(matches!(h.app.overlay, Some(Overlay::Links { cursor: 0 })));
    h.key(KeyCode::Char('j'));
    let second = h.app.rendered_article().unwrap().links[1].url.clone();
    assert!(second.starts_with("https://a.example.com/"));
    h.key(KeyCode::Char('y'));
    assert_eq!(h.fx.recorded.copied.last(), Some(&second));
    h.key(KeyCode::Enter);
    assert_eq!(h.fx.recorded.opened.last(), Some(&second));
    assert!(h.app.overlay.is_none());
    h.key(KeyCode::Char('y'));
    assert_eq!(
        h.fx.recorded.copied.last(),
        h.app.selected_post().unwrap().source.as_ref(),
        "outside the picker y copies the source"
    );
}

#[test]
fn o_and_u_act_on_the_article_shown() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Char('v'));
    let opened = h.app.view[0];
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('u'));
    assert!(
        !h.app.mark_of(opened).read,
        "u marks the shown post unread again"
    );
    assert_eq!(h.app.view.get(h.app.selected), Some(&opened));
}

/// An article with `count` numbered links, shown at 80x24.
fn harness_with_links(count: usize) -> Harness {
    let mut h = Harness::new(80, 24);
    let mut body = String::from("# 多链接\n\n");
    for i in 1..=count {
        body.push_str(&format!(
            "第{i}段，[链接{i}](https://l.example.com/{i})。\n\n"
        ));
    }
    h.key(KeyCode::Enter);
    let post = h.app.article_post().unwrap().clone();
    let width = h.app.article_width();
    let article = render_article(&post, &body, width);
    h.act(Action::ArticleReady {
        path: post.path.clone(),
        width,
        article: Arc::new(article),
    });
    h
}

#[test]
fn a_count_before_o_opens_that_link_and_1_2_opens_one_link() {
    let mut h = harness_with_links(15);
    h.chars("12o");
    assert_eq!(h.fx.recorded.opened, ["https://l.example.com/12"]);
    h.chars("12");
    assert_eq!(
        h.fx.recorded.opened.len(),
        2,
        "1 then 2 opens link 12, not links 1 and 2"
    );
    assert_eq!(h.fx.recorded.opened[1], "https://l.example.com/12");
    h.chars("3");
    assert_eq!(
        h.fx.recorded.opened[2], "https://l.example.com/3",
        "no longer number starts with 3"
    );
    h.chars("1");
    h.key(KeyCode::Enter);
    assert_eq!(h.fx.recorded.opened[3], "https://l.example.com/1");
    h.chars("10o");
    assert_eq!(h.fx.recorded.opened[4], "https://l.example.com/10");
    h.chars("1j");
    h.chars("5");
    assert_eq!(
        h.fx.recorded.opened[5], "https://l.example.com/5",
        "another key drops the count"
    );
}

#[test]
fn the_link_picker_starts_at_the_first_link_in_view() {
    let mut h = harness_with_links(40);
    for _ in 0..20 {
        h.key(KeyCode::Char('j'));
    }
    h.key(KeyCode::Char('f'));
    let Some(Overlay::Links { cursor }) = h.app.overlay else {
        panic!("the picker is open");
    };
    let article = h.app.rendered_article().unwrap();
    let shown: String = article.lines[h.scroll()..]
        .iter()
        .take(h.app.article_height())
        .map(|l| l.plain())
        .collect::<Vec<_>>()
        .join("\n");
    let number = article.links[cursor].number;
    assert!(cursor > 0);
    assert!(shown.contains(&format!("[{number}]")));
    assert!(!shown.contains(&format!("[{}]", number - 1)));
}
