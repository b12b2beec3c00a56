//! Loading and reloading, files changed on disk, configured keys, start-up warnings.

use super::*;

#[test]
fn r_reloads_and_replaces_the_posts() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('r'));
    assert_eq!(h.fx.recorded.reloads, 1);
    h.act(Action::PostsLoaded {
        posts: vec![post("new", "2026-05-01", &["AI"], None)],
        diagnostics: vec![],
        done: true,
    });
    assert_eq!(h.app.posts.len(), 1);
}

#[test]
fn configured_keys_replace_the_defaults() {
    let (keymap, problems) =
        keymap::KeyMap::with_overrides(&[(keymap::Command::MoveDown, vec!["x".into()])]);
    assert!(problems.is_empty());
    let mut h = Harness::new(80, 24);
    h.app.settings.keymap = keymap;
    h.key(KeyCode::Char('j'));
    assert_eq!(h.app.selected, 0);
    h.key(KeyCode::Char('x'));
    assert_eq!(h.app.selected, 1);
}

#[test]
fn changed_files_update_in_place_keeping_the_selection() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('j'));
    let selected = h.app.selected_post().unwrap().path.clone();
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char('j'));
    let scroll = h.scroll();
    let new = post("new", "2027-01-01", &["新"], None);
    let mut changed = h.app.selected_post().unwrap().clone();
    changed.title = "改过的标题".into();
    let gone = h
        .app
        .posts
        .iter()
        .find(|p| p.path != selected)
        .unwrap()
        .path
        .clone();
    h.act(Action::PostsChanged {
        updated: vec![new, changed],
        removed: vec![gone.clone()],
        diagnostics: vec![],
    });
    assert_eq!(h.app.posts.len(), 30);
    assert!(h.app.posts.iter().all(|p| p.path != gone));
    assert_eq!(
        h.app.selected_post().unwrap().path,
        selected,
        "selection kept"
    );
    assert_eq!(h.app.selected_post().unwrap().title, "改过的标题");
    assert_eq!(h.scroll(), scroll, "scroll kept");
    assert!(
        h.app
            .rendered_article()
            .is_some_and(|a| a.lines.iter().any(|l| l.plain().contains("改过的标题"))),
        "the changed article was rendered again"
    );
    assert_eq!(
        h.app
            .tags
            .entries
            .iter()
            .find(|t| t.name == "新")
            .map(|t| t.count),
        Some(1)
    );
}

#[test]
fn a_newer_post_arriving_keeps_the_selected_post_selected() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('j'));
    let selected = h.app.selected_post().unwrap().path.clone();
    h.act(Action::PostsChanged {
        updated: vec![post("new", "2027-01-01", &["新"], None)],
        removed: vec![],
        diagnostics: vec![],
    });
    assert_eq!(h.app.selected_post().unwrap().path, selected);
    h.act(Action::PostsLoaded {
        posts: vec![post("newer", "2028-01-01", &[], None)],
        diagnostics: vec![],
        done: true,
    });
    assert_eq!(h.app.selected_post().unwrap().path, selected);
}

#[test]
fn a_body_search_survives_a_file_change() {
    let mut h = Harness::new(120, 40);
    h.key(KeyCode::Char('/'));
    h.chars("a.example.com/p05");
    assert_eq!(h.app.view.len(), 1, "only p05's body has that link");
    let other = h
        .app
        .posts
        .iter()
        .find(|p| !p.path.ends_with("p05.md"))
        .unwrap();
    let mut changed = other.clone();
    changed.title = "改过的标题".into();
    h.act(Action::PostsChanged {
        updated: vec![changed],
        removed: vec![],
        diagnostics: vec![],
    });
    assert_eq!(h.app.view.len(), 1);
    assert_eq!(h.selected_name(), "p05");
}

#[test]
fn a_file_change_updates_the_count_of_files_with_errors() {
    let mut h = Harness::new(120, 40);
    assert_eq!(h.app.loading.files_with_errors, 0);
    h.act(Action::PostsChanged {
        updated: vec![],
        removed: vec![],
        diagnostics: vec![Diagnostic::error(
            "posts/bad.md",
            Some(2),
            brief_core::store::DiagnosticKind::Binary,
        )],
    });
    assert_eq!(h.app.loading.files_with_errors, 1);
}

#[test]
fn reloading_lays_the_open_article_out_again() {
    let mut h = Harness::new(120, 40);
    let posts = h.app.posts.clone();
    let renders = h.fx.recorded.renders;
    assert!(h.app.rendered_article().is_some());
    h.key(KeyCode::Char('r'));
    assert_eq!(h.fx.recorded.reloads, 1);
    h.act(Action::PostsLoaded {
        posts,
        diagnostics: vec![],
        done: true,
    });
    assert_eq!(
        h.fx.recorded.renders,
        renders + 1,
        "the open article is read again"
    );
}

#[test]
fn reloading_clears_its_message_when_done() {
    let mut h = Harness::new(80, 24);
    h.key(KeyCode::Char('r'));
    assert_eq!(h.app.status.as_deref(), Some("reloading…"));
    let posts = h.app.posts.clone();
    h.act(Action::PostsLoaded {
        posts,
        diagnostics: Vec::new(),
        done: true,
    });
    assert_eq!(h.app.status, None);
}

#[test]
fn start_up_warnings_are_counted_and_bang_lists_them() {
    let mut h = Harness::new(80, 24);
    h.app.set_warnings(vec![
        "config.toml:3: warning: unknown key `colour`; using the default".into(),
        "config.toml:7: warning: `keys.quit`: `j` is also bound to `move_down`, which keeps it; using the default".into(),
        "marks.jsonl:2: state file is corrupt (expected value); set aside as marks.corrupt-1".into(),
    ]);
    assert_eq!(h.app.status.as_deref(), Some("3 warnings (! to show)"));
    h.key(KeyCode::Char('!'));
    assert_eq!(h.app.overlay, Some(Overlay::Warnings { scroll: 0 }));
    let lines = h.app.warnings_lines().join(" ");
    assert!(lines.contains("colour") && lines.contains("move_down") && lines.contains("corrupt"));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.overlay, None);
    let mut one = Harness::new(80, 24);
    one.app.set_warnings(vec!["only one".into()]);
    assert_eq!(one.app.status.as_deref(), Some("only one"));
}
