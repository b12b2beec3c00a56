//! File names are untrusted text: a post named with ESC, BEL, a C1 control or a bidi
//! override must reach neither the terminal raw (`brief check`, messages) nor JSON raw
//! (`brief list --json`, `brief stories --json`), and JSON must give the name back exactly.

#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

const HOSTILE: &str = "a\u{1b}]0;pwned\u{7}b\u{9b}2Jc\u{202e}d.md";

mod common;

fn brief(home: &Path, args: &[&str]) -> Output {
    let mut command = common::command(home);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    common::output_within(&mut command, Duration::from_secs(10))
}

/// Controls and bidi formatting characters: what must not reach a terminal raw.
fn is_hazard(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_no_hazard(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && is_hazard(c))
        .collect();
    assert!(bad.is_empty(), "{what} has {bad:?} raw in {text:?}");
}

#[test]
fn check_shows_a_hostile_name_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    std::fs::create_dir(&posts).unwrap();
    // Broken front matter, so check has something to say about the file.
    std::fs::write(posts.join(HOSTILE), "---\ntitle: [\n---\n正文\n").unwrap();
    let out = brief(dir.path(), &["check", posts.to_str().unwrap()]);
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("a\\x1b]0;pwned\\x07b"), "{report}");
    assert!(report.contains("\\u{202e}"), "{report}");
    assert_no_hazard("check's report", &report);
    let shown = brief(
        dir.path(),
        &["show", posts.join("missing\u{1b}[2J.md").to_str().unwrap()],
    );
    assert_eq!(shown.status.code(), Some(2));
    assert_no_hazard("show's message", &String::from_utf8(shown.stderr).unwrap());
}

#[test]
fn list_json_escapes_the_name_and_gives_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    std::fs::create_dir(&posts).unwrap();
    let file = posts.join(HOSTILE);
    std::fs::write(&file, "---\ntitle: 标题\n---\n正文\n").unwrap();
    let out = brief(dir.path(), &["list", posts.to_str().unwrap(), "--json"]);
    let json = String::from_utf8(out.stdout).unwrap();
    assert_no_hazard("list --json", &json);
    assert!(
        json.contains("\\u009b") && json.contains("\\u202e"),
        "{json}"
    );
    let posts: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(posts[0]["path"].as_str(), file.to_str());
}

#[test]
fn stories_json_escapes_the_name_and_gives_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    std::fs::create_dir(&posts).unwrap();
    let file = posts.join(HOSTILE);
    std::fs::write(
        &file,
        "---\ntitle: 简报\ndate: 2026-02-13\n---\n## 一条新闻\n\n正文。来源：[原文](https://a.example/x)\n",
    )
    .unwrap();
    let out = brief(dir.path(), &["stories", posts.to_str().unwrap(), "--json"]);
    let json = String::from_utf8(out.stdout).unwrap();
    assert_no_hazard("stories --json", &json);
    assert!(
        json.contains("\\u009b") && json.contains("\\u202e"),
        "{json}"
    );
    let stories: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(
        stories[0]["posts"][0]["path"].as_str(),
        file.to_str(),
        "{json}"
    );
}

#[test]
fn list_json_with_story_counts_escapes_the_name_too() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    std::fs::create_dir(&posts).unwrap();
    let file = posts.join(HOSTILE);
    std::fs::write(&file, "---\ntitle: 标题\n---\n正文\n").unwrap();
    let out = brief(
        dir.path(),
        &["list", posts.to_str().unwrap(), "--json", "--stories"],
    );
    let json = String::from_utf8(out.stdout).unwrap();
    assert_no_hazard("list --json --stories", &json);
    let posts: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(posts[0]["path"].as_str(), file.to_str());
    assert_eq!(posts[0]["stories"], 1, "{json}");
}
