//! The tag pane and the tag filter.

use super::*;

#[test]
fn t_then_space_or_enter_toggles_tags_which_and_together() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('t'));
    assert_eq!(h.app.focus, Focus::Tags);
    // The first tag row is the most used tag: AI (20 posts).
    h.key(KeyCode::Char(' '));
    assert_eq!(h.app.view.len(), 20);
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Enter);
    assert_eq!(h.app.view.len(), 10, "AI and 云计算 together");
    assert!(
        h.app
            .view
            .iter()
            .all(|&i| h.app.posts[i].tags.contains(&"云计算".to_string()))
    );
    h.key(KeyCode::Enter);
    assert_eq!(h.app.view.len(), 20, "toggled off again");
    h.key(KeyCode::Char('k'));
    h.key(KeyCode::Char(' '));
    assert_eq!(h.app.view.len(), 30);
}

#[test]
fn capital_j_k_and_brackets_step_the_filter_from_anywhere() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('J'));
    assert_eq!(h.app.filter.names().collect::<Vec<_>>(), ["AI"]);
    h.key(KeyCode::Char(']'));
    assert_eq!(h.app.filter.names().collect::<Vec<_>>(), ["云计算"]);
    h.key(KeyCode::Char('K'));
    assert_eq!(h.app.filter.names().collect::<Vec<_>>(), ["AI"]);
    h.key(KeyCode::Char('['));
    assert_eq!(h.app.filter.names().count(), 1, "wraps to the last tag");
    h.key(KeyCode::Char('c'));
    assert!(h.app.filter.is_empty());
    assert_eq!(h.app.view.len(), 30);
}

#[test]
fn tag_counts_show_unread() {
    let mut h = Harness::new(120, 40);
    assert_eq!(h.app.unread_count(TagKind::Tag, "AI"), 20);
    let first_ai = h
        .app
        .view
        .iter()
        .position(|&i| h.app.posts[i].tags.contains(&"AI".to_string()))
        .unwrap();
    h.app.selected = first_ai;
    h.key(KeyCode::Char('u'));
    assert_eq!(h.app.unread_count(TagKind::Tag, "ai"), 19);
}

#[test]
fn the_tag_pane_is_not_left_scrolled_past_its_rows_when_tags_go() {
    let mut h = Harness::new(120, 6);
    h.key(KeyCode::Char('t'));
    for _ in 0..10 {
        h.key(KeyCode::Char('j'));
    }
    assert!(h.app.tag_top > 0, "the pane scrolled");
    // Every post goes, and with them every tag.
    let removed: Vec<PathBuf> = h.app.posts.iter().map(|p| p.path.clone()).collect();
    h.act(Action::PostsChanged {
        updated: vec![],
        removed,
        diagnostics: vec![],
    });
    assert!(h.app.tag_rows.is_empty());
    assert_eq!(h.app.tag_top, 0);
}

#[test]
fn c_clears_the_view_mode_too() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Char('u'));
    h.key(KeyCode::Char('v'));
    assert_eq!(h.app.view_mode, ViewMode::Unread);
    h.key(KeyCode::Char('c'));
    assert_eq!(h.app.view_mode, ViewMode::All);
    assert_eq!(h.app.view.len(), 30);
}
