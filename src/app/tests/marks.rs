//! Marks and reading on: read and starred, the view modes, unread posts in turn, positions.

use super::*;

#[test]
fn opening_marks_read_and_u_s_v_toggle_and_filter() {
    use brief_core::marks::MarkChange;
    let mut h = Harness::new(80, 24);
    let index = h.app.view[0];
    assert!(!h.app.mark_of(index).read);
    h.key(KeyCode::Enter);
    assert!(h.app.mark_of(index).read, "opening marks read");
    assert!(matches!(
        h.fx.recorded.marks.last(),
        Some(MarkChange::Read(_, true))
    ));
    h.key(KeyCode::Char('q'));
    h.key(KeyCode::Char('u'));
    assert!(!h.app.mark_of(index).read, "u toggles back to unread");
    h.key(KeyCode::Char('s'));
    assert!(h.app.mark_of(index).starred);
    h.key(KeyCode::Char('j'));
    let second = h.app.view[1];
    h.key(KeyCode::Char('u'));
    assert!(h.app.mark_of(second).read, "u marks an unread post read");
    h.key(KeyCode::Char('v'));
    assert_eq!(h.app.view_mode, ViewMode::Unread);
    assert_eq!(h.app.view.len(), 29);
    assert!(!h.app.view.contains(&second));
    h.key(KeyCode::Char('v'));
    assert_eq!(h.app.view_mode, ViewMode::Starred);
    assert_eq!(h.app.view, [index]);
    h.key(KeyCode::Char('v'));
    assert_eq!(h.app.view.len(), 30);
    assert_eq!(h.fx.recorded.marks.len(), 4);
}

#[test]
fn mark_read_on_end_waits_for_the_last_line() {
    let mut settings = ReaderSettings {
        mark_read_on: MarkReadOn::End,
        ..ReaderSettings::default()
    };
    settings.keymap = keymap::KeyMap::default();
    let mut h = Harness::new(80, 24);
    h.app.settings = settings;
    let index = h.app.view[0];
    h.key(KeyCode::Enter);
    assert!(!h.app.mark_of(index).read);
    h.key(KeyCode::Char('G'));
    assert!(h.app.mark_of(index).read);
}

#[test]
fn in_the_unread_view_the_opened_post_stays_and_s_stars_it() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut h = Harness::new(width, height);
        h.key(KeyCode::Char('v'));
        assert_eq!(h.app.view_mode, ViewMode::Unread);
        h.key(KeyCode::Char('j'));
        let opened = h.app.view[1];
        let next = h.app.view[2];
        h.key(KeyCode::Enter);
        assert!(h.app.mark_of(opened).read, "opening marks read");
        assert_eq!(
            h.app.view.get(h.app.selected),
            Some(&opened),
            "the read post stays selected in the unread view at {width}x{height}"
        );
        assert_eq!(h.app.post_on_screen(), Some(opened));
        h.key(KeyCode::Char('s'));
        assert!(h.app.mark_of(opened).starred, "s stars the post on screen");
        assert!(!h.app.mark_of(next).starred, "and not the next one");
        h.select_post_with_source_on_screen_check(opened);
        // Leaving the post drops it from the unread view.
        h.key(KeyCode::Char('q'));
        h.key(KeyCode::Char('j'));
        assert!(!h.app.view.contains(&opened), "left behind, it goes");
        assert_eq!(h.app.view.get(h.app.selected), Some(&next));
        assert_eq!(h.app.view.len(), 29);
    }
}

#[test]
fn n_and_capital_n_open_the_next_and_previous_unread_post_without_a_search() {
    for (width, height) in [(120, 40), (80, 24), (40, 15)] {
        let mut h = Harness::new(width, height);
        // The second post is read already: n skips it.
        h.key(KeyCode::Char('j'));
        h.key(KeyCode::Char('u'));
        h.key(KeyCode::Char('k'));
        let (first, second, third) = (h.app.view[0], h.app.view[1], h.app.view[2]);
        h.key(KeyCode::Enter);
        h.key(KeyCode::Char('n'));
        assert_eq!(h.app.focus, Focus::Article, "n opens the post");
        assert_eq!(h.app.post_on_screen(), Some(third), "n skips the read post");
        assert!(h.app.mark_of(third).read, "opening it marks it read");
        assert!(!h.app.mark_of(second).starred);
        // From the list too.
        h.key(KeyCode::Char('q'));
        h.key(KeyCode::Char('u'));
        h.key(KeyCode::Char('g'));
        h.key(KeyCode::Char('n'));
        assert_eq!(h.app.post_on_screen(), Some(third));
        h.key(KeyCode::Char('N'));
        assert_eq!(h.app.status.as_deref(), Some("no earlier unread post"));
        h.key(KeyCode::Char('q'));
        h.key(KeyCode::Char('G'));
        h.key(KeyCode::Char('n'));
        assert_eq!(h.app.status.as_deref(), Some("no more unread posts"));
        assert!(h.app.mark_of(first).read);
    }
}

#[test]
fn space_at_the_end_of_an_article_opens_the_next_unread_post() {
    let mut h = Harness::new(80, 24);
    let second = h.app.view[1];
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('G'));
    h.key(KeyCode::Char(' '));
    assert_eq!(h.app.post_on_screen(), Some(second));
    assert_eq!(h.scroll(), 0, "the next post opens at its top");
    // At the end of the last post it says so.
    h.key(KeyCode::Char('A'));
    h.key(KeyCode::Char('G'));
    let shown = h.app.post_on_screen();
    h.key(KeyCode::Char(' '));
    assert_eq!(h.app.post_on_screen(), shown);
    assert_eq!(h.app.status.as_deref(), Some("end of the last unread post"));
}

#[test]
fn capital_a_marks_the_view_read_and_capital_u_undoes_it() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('u'));
    // Only the posts p00 to p09 are in view.
    h.key(KeyCode::Char('/'));
    h.chars("p0");
    h.key(KeyCode::Enter);
    let in_view = h.app.view.clone();
    assert!(in_view.len() < 30);
    h.key(KeyCode::Char('A'));
    assert!(in_view.iter().all(|&i| h.app.mark_of(i).read));
    let read = (0..30).filter(|&i| h.app.mark_of(i).read).count();
    assert!(read < 30, "posts out of view stay unread");
    assert!(h.app.status.as_deref().unwrap_or("").starts_with("marked "));
    let saved = h.fx.recorded.marks.len();
    h.key(KeyCode::Char('U'));
    let still_read: Vec<usize> = (0..30).filter(|&i| h.app.mark_of(i).read).collect();
    assert_eq!(
        still_read.len(),
        1,
        "only the post read before A stays read"
    );
    assert!(h.fx.recorded.marks.len() > saved, "the undo is saved");
    assert!(
        (0..30).any(|i| h.app.mark_of(i).starred),
        "stars are untouched"
    );
    h.key(KeyCode::Char('U'));
    assert_eq!(h.app.status.as_deref(), Some("no change of marks to undo"));
}

#[test]
fn the_reading_position_comes_back_when_a_post_is_opened_again() {
    let mut h = Harness::new(80, 24);
    h.select_post_with_source();
    let first = h.app.view[h.app.selected];
    h.key(KeyCode::Enter);
    for _ in 0..10 {
        h.key(KeyCode::Char('j'));
    }
    assert_eq!(h.scroll(), 10);
    h.key(KeyCode::Char('q'));
    assert_eq!(
        h.fx.recorded.positions.len(),
        1,
        "leaving the article notes where"
    );
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Enter);
    assert_eq!(h.scroll(), 0, "another post opens at its top");
    h.key(KeyCode::Char('q'));
    h.key(KeyCode::Char('k'));
    h.key(KeyCode::Enter);
    assert_eq!(h.app.post_on_screen(), Some(first));
    assert_eq!(h.scroll(), 10, "the first post reopens where it was left");

    // After a restart, with the positions read back from the state folder.
    let noted: brief_core::positions::Positions =
        h.fx.recorded
            .positions
            .iter()
            .filter_map(|(id, p)| Some((id.clone(), p.clone()?)))
            .collect();
    let mut again = Harness::new(80, 24);
    again.app.positions = noted.clone();
    again.select_post_with_source();
    again.key(KeyCode::Enter);
    assert_eq!(again.scroll(), 10, "and after a restart");

    // Changed on disk: the nearest heading, not the old line.
    let mut changed = Harness::new(80, 24);
    changed.app.positions = noted;
    changed.select_post_with_source();
    let index = changed.app.view[changed.app.selected];
    changed.app.posts[index].content_hash ^= 1;
    changed.key(KeyCode::Enter);
    let article = changed.app.rendered_article().unwrap();
    let heading = article
        .lines
        .iter()
        .position(|l| l.plain().contains("# p"))
        .unwrap();
    assert_eq!(
        changed.scroll(),
        heading.min(changed.app.max_article_scroll())
    );
    assert_ne!(changed.scroll(), 10);
}

#[test]
fn a_post_read_to_its_end_reopens_at_the_top() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('G'));
    assert!(h.scroll() > 0);
    h.key(KeyCode::Char('q'));
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('q'));
    h.key(KeyCode::Char('k'));
    h.key(KeyCode::Enter);
    assert_eq!(h.scroll(), 0);
}
