//! The config file and the marks as the command line sees them.

use brief_core::marks::{MarkChange, MarkStore};
use serde_json::Value;
use std::path::Path;

mod common;
use common::{brief, samples};

fn write_config(home: &Path, text: &str) {
    std::fs::create_dir_all(home.join("config/brief")).unwrap();
    std::fs::write(home.join("config/brief/config.toml"), text).unwrap();
}

#[test]
fn posts_in_the_config_make_list_work_from_any_folder() {
    let home = tempfile::tempdir().unwrap();
    write_config(
        home.path(),
        &format!("posts = {:?}\n", samples().to_str().unwrap()),
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let out = brief(home.path())
        .current_dir(elsewhere.path())
        .args(["list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let posts: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(posts.len(), 14);
}

#[test]
fn bad_config_lines_are_reported_and_defaults_used() {
    let home = tempfile::tempdir().unwrap();
    write_config(home.path(), "sort = \"sideways\"\nfavourite = 1\n");
    let out = brief(home.path())
        .args(["list", samples().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "a bad config never stops brief");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("config.toml:1: warning: `sort` must be"),
        "{stderr}"
    );
    assert!(
        stderr.contains("config.toml:2: warning: unknown key `favourite`"),
        "{stderr}"
    );
    let lines: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(lines.len(), 14);
    // The default order, newest first, in place of the bad `sort`.
    let dates: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first);
}

#[test]
fn a_missing_explicit_config_is_misuse() {
    let home = tempfile::tempdir().unwrap();
    brief(home.path())
        .args(["--config", "/no/such/config.toml", "list"])
        .assert()
        .code(2);
}

#[test]
fn config_prints_settings_and_paths() {
    let home = tempfile::tempdir().unwrap();
    write_config(
        home.path(),
        "sort = \"title\"\n[keys]\nquit = \"x\"\n[theme]\naccent = \"magenta\"\n",
    );
    let out = brief(home.path()).arg("config").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let words = |name: &str| -> Vec<String> {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name));
        let line = line.unwrap_or_else(|| panic!("no `{name}` row:\n{text}"));
        line.split_whitespace()
            .skip(1)
            .map(str::to_string)
            .collect()
    };
    let home_path = home.path().display().to_string();
    assert_eq!(
        words("config"),
        ["file", &format!("{home_path}/config/brief/config.toml")]
    );
    assert_eq!(
        words("state"),
        ["file", &format!("{home_path}/data/brief/marks.jsonl")]
    );
    assert_eq!(
        words("cache"),
        ["folder", &format!("{home_path}/cache/brief")]
    );
    assert_eq!(words("sort"), ["title"]);
    assert_eq!(words("theme.accent"), ["Magenta"]);
    assert_eq!(words("keys.quit").first().map(String::as_str), Some("x"));
    assert!(
        text.lines().all(|l| !l.ends_with(' ')),
        "no trailing spaces:\n{text}"
    );
    let no_color = brief(home.path())
        .arg("config")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        String::from_utf8(no_color.stdout)
            .unwrap()
            .contains("off (NO_COLOR is set)")
    );
}

#[test]
fn list_shows_and_filters_read_and_starred() {
    let home = tempfile::tempdir().unwrap();
    let all: Vec<Value> = serde_json::from_slice(
        &brief(home.path())
            .args(["list", samples().to_str().unwrap(), "--json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        all.iter()
            .all(|p| p["read"] == false && p["starred"] == false)
    );
    // Marks as the reader saves them: keyed by source, else path under the folder + hash.
    let with_source = all.iter().find(|p| p["source"].is_string()).unwrap();
    let store = MarkStore::new(home.path().join("data/brief/marks.jsonl"));
    let source = with_source["source"].as_str().unwrap().to_string();
    store
        .save(&[
            MarkChange::Read(source.clone(), true),
            MarkChange::Starred(source, true),
        ])
        .unwrap();
    let list = |flag: &str| -> Vec<Value> {
        let out = brief(home.path())
            .args(["list", samples().to_str().unwrap(), "--json", flag])
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let starred = list("--starred");
    assert_eq!(starred.len(), 1);
    assert_eq!(starred[0]["title"], with_source["title"]);
    assert_eq!(
        (starred[0]["read"].clone(), starred[0]["starred"].clone()),
        (Value::Bool(true), Value::Bool(true))
    );
    assert_eq!(list("--unread").len(), all.len() - 1);
}

#[test]
fn a_corrupt_state_line_is_reported_and_the_file_left_alone_by_list() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("data/brief")).unwrap();
    let marks = home.path().join("data/brief/marks.jsonl");
    std::fs::write(&marks, "{oops\n").unwrap();
    let out = brief(home.path())
        .args(["list", samples().to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("marks.jsonl:1: state file is corrupt")
    );
    assert_eq!(std::fs::read_to_string(&marks).unwrap(), "{oops\n");
    let aside = std::fs::read_dir(home.path().join("data/brief"))
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().contains("corrupt-"));
    assert!(!aside, "a read-only command moves no file");
}

#[test]
fn list_text_shows_read_and_starred_columns() {
    let home = tempfile::tempdir().unwrap();
    let out = brief(home.path())
        .args(["list", samples().to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let with_source = all.iter().find(|p| p["source"].is_string()).unwrap();
    let title = with_source["title"].as_str().unwrap();
    let store = MarkStore::new(home.path().join("data/brief/marks.jsonl"));
    let source = with_source["source"].as_str().unwrap().to_string();
    store.save(&[MarkChange::Starred(source, true)]).unwrap();
    let out = brief(home.path())
        .args(["list", samples().to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let row = text.lines().find(|l| l.contains(title)).unwrap();
    assert!(row.contains("  N*  "), "starred unread: {row:?}");
    let other = text.lines().find(|l| !l.contains(title)).unwrap();
    assert!(other.contains("  N   "), "unread: {other:?}");

    let source = with_source["source"].as_str().unwrap().to_string();
    store.save(&[MarkChange::Read(source, true)]).unwrap();
    let out = brief(home.path())
        .args(["list", samples().to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let row = text.lines().find(|l| l.contains(title)).unwrap();
    assert!(row.contains("   *  "), "starred read: {row:?}");
}
