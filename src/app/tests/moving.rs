//! Moving: the list's and the article's keys, paging, focus, the help, quitting, resizing and the pointer.

use super::*;

#[test]
fn posts_are_newest_first_and_j_k_arrows_move() {
    let mut h = Harness::new(120, 40);
    assert_eq!(h.app.view.len(), 30);
    let first = h.selected_name();
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Down);
    assert_eq!(h.app.selected, 2);
    h.key(KeyCode::Char('k'));
    assert_eq!(h.app.selected, 1);
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    assert_eq!(h.app.selected, 0);
    assert_eq!(h.selected_name(), first);
}

#[test]
fn g_shift_g_home_end_jump() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('G'));
    assert_eq!(h.app.selected, 29);
    h.key(KeyCode::Char('g'));
    assert_eq!(h.app.selected, 0);
    h.key(KeyCode::End);
    assert_eq!(h.app.selected, 29);
    h.key(KeyCode::Home);
    assert_eq!(h.app.selected, 0);
}

#[test]
fn paging_keys_move_by_the_list_height() {
    let mut h = Harness::new(80, 12);
    let page = h.app.list_height();
    h.key(KeyCode::PageDown);
    assert_eq!(h.app.selected, page);
    h.key(KeyCode::PageUp);
    assert_eq!(h.app.selected, 0);
    h.key(KeyCode::Char(' '));
    assert_eq!(h.app.selected, page);
    h.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(h.app.selected, page - page / 2);
    h.key_with(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(h.app.selected, page);
    assert!(
        h.app.list_top + h.app.list_height() > h.app.selected_row(),
        "selection stays visible"
    );
}

#[test]
fn enter_opens_the_article_and_esc_h_q_go_back() {
    for back in [KeyCode::Esc, KeyCode::Char('h'), KeyCode::Char('q')] {
        let mut h = Harness::new(80, 24);
        h.key(KeyCode::Char('j'));
        h.key(KeyCode::Enter);
        assert_eq!(h.app.focus, Focus::Article);
        assert!(h.app.rendered_article().is_some());
        assert!(
            h.app.areas().list.is_none(),
            "narrow: the article takes the screen"
        );
        h.key(back);
        assert_eq!(h.app.focus, Focus::List);
        assert!(!h.quit);
    }
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Char('l'));
    assert_eq!(h.app.focus, Focus::Article);
}

#[test]
fn article_scrolls_and_pages_inside() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('j'));
    assert_eq!(h.scroll(), 1);
    h.key(KeyCode::PageDown);
    assert_eq!(h.scroll(), 1 + h.app.article_height());
    h.key(KeyCode::Char('G'));
    let lines = h.app.rendered_article().unwrap().lines.len();
    assert_eq!(h.scroll(), lines - h.app.article_height());
    h.key(KeyCode::Char('j'));
    assert_eq!(
        h.scroll(),
        lines - h.app.article_height(),
        "no scrolling past the end"
    );
    h.key(KeyCode::Char('g'));
    assert_eq!(h.scroll(), 0);
}

#[test]
fn wide_screens_preview_the_selection_and_tab_cycles_focus() {
    let mut h = Harness::new(120, 40);
    assert!(
        h.app.rendered_article().is_some(),
        "the article pane previews the selection"
    );
    h.key(KeyCode::Char('j'));
    assert!(
        h.app
            .is_article(&h.app.selected_post().unwrap().path.clone())
    );
    h.key(KeyCode::Tab);
    assert_eq!(h.app.focus, Focus::Article);
    h.key(KeyCode::Tab);
    assert_eq!(h.app.focus, Focus::Tags);
    h.key(KeyCode::BackTab);
    assert_eq!(h.app.focus, Focus::Article);
}

#[test]
fn question_mark_shows_scrollable_help() {
    let mut h = Harness::new(40, 15);
    h.key(KeyCode::Char('?'));
    assert!(matches!(h.app.overlay, Some(Overlay::Help { scroll: 0 })));
    h.key(KeyCode::Char('j'));
    assert!(matches!(h.app.overlay, Some(Overlay::Help { scroll: 1 })));
    h.key(KeyCode::Char('j'));
    assert_eq!(h.app.selected, 0, "keys go to the overlay");
    h.key(KeyCode::Esc);
    assert!(h.app.overlay.is_none());
    h.key(KeyCode::Char('?'));
    h.key(KeyCode::Char('?'));
    assert!(h.app.overlay.is_none());
}

#[test]
fn q_quits_from_the_list_and_capital_q_ctrl_c_at_once() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Char('q'));
    assert!(h.quit);
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('Q'));
    assert!(h.quit);
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Char('/'));
    h.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.quit, "Ctrl-c quits even while typing a search");
}

#[test]
fn ctrl_z_asks_to_suspend() {
    let h = Harness::new(80, 24);
    let action = action_for_key(
        &h.app,
        KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL),
    )
    .unwrap();
    let mut app = h.app;
    assert_eq!(app.update(action), Some(Effect::Suspend));
}

#[test]
fn narrow_screens_open_tags_as_an_overlay() {
    let mut h = Harness::new(60, 20);
    assert!(h.app.areas().tags.is_none());
    h.key(KeyCode::Char('t'));
    assert!(h.app.areas().tags.is_some() && h.app.areas().list.is_some());
    h.key(KeyCode::Esc);
    assert!(h.app.areas().tags.is_none());
}

#[test]
fn resizing_re_renders_the_article_for_the_new_width() {
    let mut h = Harness::new(120, 40);
    let wide = h.app.rendered_article().unwrap().width;
    h.act(Action::Resize(70, 20));
    h.key(KeyCode::Enter);
    let narrow = h.app.rendered_article().unwrap().width;
    assert!(narrow != wide && narrow == h.app.article_width());
}

#[test]
fn mouse_wheel_and_clicks_map_to_panes() {
    let mut h = Harness::new(120, 40);
    let list = h.app.areas().list.unwrap();
    let click = |kind, column, row| PointerEvent { kind, column, row };
    let action = action_for_pointer(&h.app, click(PointerKind::LeftDown, list.x + 3, list.y + 4));
    h.act(action.unwrap());
    // Each post of the harness has a day of its own: rows go heading, post, heading, post.
    assert_eq!(h.app.list_rows[3], crate::app::days::ListRow::Post(1));
    assert_eq!(h.app.selected, 1);
    let article = h.app.areas().article.unwrap();
    let action = action_for_pointer(
        &h.app,
        click(PointerKind::ScrollDown, article.x + 5, article.y + 5),
    );
    h.act(action.unwrap());
    assert_eq!(h.scroll(), 3);
    assert_eq!(h.app.focus, Focus::List, "the wheel does not steal focus");
    let tags = h.app.areas().tags.unwrap();
    let action = action_for_pointer(&h.app, click(PointerKind::LeftDown, tags.x + 3, tags.y + 2));
    h.act(action.unwrap());
    assert_eq!(h.app.filter.names().collect::<Vec<_>>(), ["AI"]);
}

#[test]
fn after_g_in_the_help_one_k_scrolls_it_up_one_line() {
    let mut h = Harness::new(40, 15);
    h.key(KeyCode::Char('?'));
    h.key(KeyCode::Char('G'));
    let lines = keymap::help_lines(&h.app.settings.keymap, h.app.words()).len();
    // The box's borders and the status bar below it.
    let rows = usize::from(h.app.size.height) - 3;
    assert_eq!(
        h.app.overlay,
        Some(Overlay::Help {
            scroll: lines - rows
        })
    );
    h.key(KeyCode::Char('k'));
    assert_eq!(
        h.app.overlay,
        Some(Overlay::Help {
            scroll: lines - rows - 1
        })
    );
}

#[test]
fn the_list_has_a_heading_per_day_that_j_k_skip_and_braces_jump_a_day() {
    use crate::app::days::ListRow;
    let mut h = Harness::new(80, 24);
    h.app.today = jiff::civil::Date::new(2026, 1, 29).ok();
    // 28 days, two posts on each of the last two.
    let headings = h
        .app
        .list_rows
        .iter()
        .filter(|r| matches!(r, ListRow::Day(_)))
        .count();
    assert_eq!(headings, 28);
    assert_eq!(h.app.list_rows.len(), 58);
    assert!(matches!(h.app.list_rows[0], ListRow::Day(_)));
    assert_eq!(h.app.list_top, 0, "the first heading shows");
    h.key(KeyCode::Char('j'));
    assert_eq!(h.app.selected, 1);
    assert_eq!(h.app.selected_row(), 3, "j skips the heading");
    h.key(KeyCode::Char('k'));
    assert_eq!(h.app.selected_row(), 1);
    h.key(KeyCode::Char('}'));
    assert_eq!(h.app.selected, 1);
    h.key(KeyCode::Char('G'));
    let last = h.app.view.len() - 1;
    h.key(KeyCode::Char('{'));
    assert_eq!(h.app.selected, last - 1, "to the first post of this day");
    h.key(KeyCode::Char('{'));
    assert_eq!(h.app.selected, last - 3, "then to the day before's first");
    h.key(KeyCode::Char('}'));
    assert_eq!(h.app.selected, last - 1);
    h.key(KeyCode::Char('}'));
    assert_eq!(h.app.status.as_deref(), Some("no later day in the list"));
    // Sorted by title, no headings.
    h.app.settings.sort = SortOrder::Title;
    h.app.recompute_view();
    assert!(
        h.app
            .list_rows
            .iter()
            .all(|r| matches!(r, ListRow::Post(_)))
    );
}

#[test]
fn narrow_t_then_esc_returns_to_the_article() {
    let mut h = Harness::new(40, 15);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.focus, Focus::Article);
    h.key(KeyCode::Char('t'));
    assert_eq!(h.app.focus, Focus::Tags);
    h.key(KeyCode::Esc);
    assert_eq!(
        h.app.focus,
        Focus::Article,
        "Esc goes back where t came from"
    );
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('t'));
    assert_eq!(h.app.focus, Focus::Article);
    h.key(KeyCode::Char('q'));
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.focus, Focus::List);
}
