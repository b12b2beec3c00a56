//! The search: the prompt, front-matter and body matches, jumping between matches.

use super::*;

#[test]
fn slash_searches_incrementally_enter_keeps_esc_drops() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('/'));
    assert!(h.app.search.editing);
    h.chars("p0");
    assert_eq!(h.app.view.len(), 10, "titles p00..p09 contain p0");
    h.chars("3");
    assert_eq!(h.app.view.len(), 1);
    h.key(KeyCode::Backspace);
    assert_eq!(h.app.view.len(), 10);
    h.key(KeyCode::Enter);
    assert!(!h.app.search.editing);
    assert_eq!(h.app.view.len(), 10, "Enter keeps the results");
    assert_eq!(
        h.selected_name(),
        "p03",
        "the selection survives the query changing"
    );
    let before = h.app.selected;
    h.key(KeyCode::Char('j'));
    assert_eq!(h.app.selected, before + 1, "keys act on the list again");
    h.key(KeyCode::Char('/'));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.view.len(), 30, "Esc drops the search");
}

#[test]
fn search_finds_bodies_and_chinese_without_spaces() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('/'));
    h.chars("p17");
    assert_eq!(h.app.view.len(), 1);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('/'));
    h.chars("链接甲");
    assert_eq!(h.app.view.len(), 30, "every body has it; titles do not");
    assert!(h.app.search.bodies_done);
}

#[test]
fn n_and_capital_n_jump_between_matches_in_the_article() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Char('/'));
    h.chars("第1");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    let matches = h.app.article.as_ref().unwrap().matches.clone();
    assert!(matches.len() > 2, "{matches:?}");
    h.key(KeyCode::Char('n'));
    assert_eq!(h.scroll(), matches[0].min(h.app.max_article_scroll()));
    h.key(KeyCode::Char('n'));
    assert_eq!(h.scroll(), matches[1].min(h.app.max_article_scroll()));
    h.key(KeyCode::Char('N'));
    assert_eq!(h.scroll(), matches[0].min(h.app.max_article_scroll()));
}

#[test]
fn the_preview_follows_the_selection_a_search_moves() {
    let mut h = Harness::new(120, 40);
    let first = h.app.selected_post().unwrap().path.clone();
    h.key(KeyCode::Char('/'));
    // Only p05's body has this link, and p05 is not the newest post.
    h.chars("a.example.com/p05");
    let selected = h.app.selected_post().unwrap().path.clone();
    assert_ne!(selected, first);
    assert_eq!(h.app.article.as_ref().map(|v| &v.path), Some(&selected));
    assert!(h.app.rendered_article().is_some());
}

#[test]
fn with_a_search_n_still_moves_between_matches() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Char('/'));
    h.chars("云计算");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    let shown = h.app.post_on_screen();
    h.key(KeyCode::Char('n'));
    assert_eq!(h.app.post_on_screen(), shown, "n stays in the article");
    assert!(h.app.status.as_deref().unwrap_or("").starts_with("match "));
}

#[test]
fn several_words_are_all_required_in_any_order_phrases_and_tags() {
    let mut h = Harness::new(80, 24);
    let names = |h: &Harness| -> Vec<String> {
        let mut names: Vec<String> = h
            .app
            .view
            .iter()
            .map(|&i| h.app.posts[i].title.clone())
            .collect();
        names.sort();
        names
    };
    h.key(KeyCode::Char('/'));
    h.chars("云计算 p0");
    assert_eq!(
        h.app.view.len(),
        10,
        "body term and title term, both required"
    );
    h.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.chars("p0 #芯片");
    assert_eq!(names(&h), ["标题 p02", "标题 p05", "标题 p08"]);
    h.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.chars("p01 标题");
    assert_eq!(names(&h), ["标题 p01"], "any order");
    h.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.chars("\"p01 标题\"");
    assert!(h.app.view.is_empty(), "a quoted phrase is one term");
    h.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.chars("\"标题 p01\"");
    assert_eq!(names(&h), ["标题 p01"]);
}

#[test]
fn the_prompt_edits_like_a_shell_line_and_recalls_earlier_searches() {
    let mut h = Harness::new(80, 24);
    let ctrl = |h: &mut Harness, c: char| h.key_with(KeyCode::Char(c), KeyModifiers::CONTROL);
    h.key(KeyCode::Char('/'));
    h.chars("云计算 p01");
    ctrl(&mut h, 'w');
    assert_eq!(h.app.search.input, "云计算 ");
    h.chars("p02");
    ctrl(&mut h, 'a');
    h.chars("标题 ");
    assert_eq!(h.app.search.input, "标题 云计算 p02");
    ctrl(&mut h, 'e');
    h.key(KeyCode::Left);
    h.key(KeyCode::Backspace);
    assert_eq!(h.app.search.input, "标题 云计算 p2");
    h.key(KeyCode::Right);
    ctrl(&mut h, 'u');
    assert_eq!(h.app.search.input, "");
    h.chars("p03");
    h.key(KeyCode::Enter);
    assert_eq!(
        h.fx.recorded.saved_searches,
        ["p03"],
        "Enter keeps the search in the history"
    );
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::Char('/'));
    h.chars("p1");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::Char('/'));
    h.chars("half");
    h.key(KeyCode::Up);
    assert_eq!(h.app.search.input, "p1");
    h.key(KeyCode::Up);
    assert_eq!(h.app.search.input, "p03");
    assert_eq!(h.app.view.len(), 1, "a recalled search applies");
    h.key(KeyCode::Up);
    assert_eq!(h.app.search.input, "p03", "the oldest stays");
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    assert_eq!(h.app.search.input, "half", "back to the line as typed");
}
