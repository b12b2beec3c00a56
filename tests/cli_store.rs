//! The real binary on the sample posts and the fixture folders: `list`, `tags`, `check`.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

mod common;

fn brief() -> Command {
    let mut cmd = common::brief(&common::scratch_home("cli-store-home"));
    cmd.env("COLUMNS", "80");
    cmd
}

fn list_json(path: &str, extra: &[&str]) -> Vec<Value> {
    let out = brief()
        .args(["list", path, "--json"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn by_title<'a>(posts: &'a [Value], title: &str) -> &'a Value {
    posts
        .iter()
        .find(|p| p["title"] == title)
        .unwrap_or_else(|| panic!("no post titled {title}"))
}

#[test]
fn every_sample_post_is_listed_with_its_fields() {
    let posts = list_json("sample-posts", &[]);
    let files = walk_posts(Path::new("sample-posts"));
    assert_eq!(posts.len(), files, "one JSON object per sample file");
    for post in &posts {
        for key in [
            "path",
            "title",
            "date",
            "author",
            "source",
            "tags",
            "categories",
            "lang",
            "summary",
            "format",
        ] {
            assert!(post.get(key).is_some(), "{key} missing in {post}");
        }
        assert!(!post["title"].as_str().unwrap().is_empty());
    }
}

#[test]
fn json_dates_keep_their_precision_and_sort_newest_first() {
    let posts = list_json("tests/fixtures/good", &[]);
    let dates: Vec<&Value> = posts.iter().map(|p| &p["date"]).collect();
    assert_eq!(by_title(&posts, "流式列表")["date"], "2025-02-08T11:00:01");
    assert_eq!(
        by_title(&posts, "TOML 前言")["date"],
        "2026-01-20T08:00:00Z"
    );
    let keys: Vec<String> = dates
        .iter()
        .filter_map(|d| d.as_str())
        .map(|d| d[..10].to_string())
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(keys, sorted);
}

#[test]
fn from_and_flow_lists_are_understood() {
    let posts = list_json("tests/fixtures/good", &[]);
    let flow = by_title(&posts, "流式列表");
    assert_eq!(flow["source"], "https://example.com/flow");
    assert_eq!(flow["tags"], serde_json::json!(["AI", "云计算"]));
    assert_eq!(flow["lang"], serde_json::json!(["zh", "en"]));
}

#[test]
fn tag_filters_and_together_ignoring_case() {
    let both = list_json("tests/fixtures/good", &["--tag", "ai", "--tag", "云计算"]);
    assert_eq!(both.len(), 1);
    assert_eq!(both[0]["title"], "流式列表");
    let ai = list_json("tests/fixtures/good", &["--tag", "#AI"]);
    assert_eq!(ai.len(), 2, "`ai` and `AI` are one tag");
    assert!(list_json("tests/fixtures/good", &["--tag", "ai", "--tag", "nothing"]).is_empty());
}

#[test]
fn search_looks_into_titles_and_bodies() {
    let hits = list_json("sample-posts", &["--search", "TOML"]);
    let all = list_json("sample-posts", &[]);
    assert!(!hits.is_empty() && hits.len() < all.len());
    let body_only = list_json("tests/fixtures", &["--search", "混在一起"]);
    assert_eq!(body_only.len(), 1);
    assert_eq!(body_only[0]["title"], "永远不关闭的前言");
}

#[test]
fn check_names_each_broken_file_with_its_line_and_fails() {
    let assert = brief()
        .args(["check", "tests/fixtures/broken"])
        .assert()
        .code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for expected in [
        "broken/malformed-yaml.md:5: error: front matter is not valid YAML",
        "broken/unclosed-fence.md:1: error: front matter opened with `---` is never closed",
        "broken/deeply-nested.md:3: error: front matter nests deeper than 32 levels",
        "broken/binary.md:1: error: binary file",
        "broken/empty.md:1: warning: empty file",
        "broken/gbk-encoded.md:1: warning: not UTF-8; decoded as GBK",
        "broken/no-front-matter.md:1: warning: no front matter",
        "broken/bad-date.md:3: warning: `date: 上周三` is not a date",
        "broken/escape-title.md:2: error: front matter is not valid YAML",
    ] {
        assert!(out.contains(expected), "missing `{expected}` in:\n{out}");
    }
    assert!(
        out.lines()
            .last()
            .unwrap()
            .contains("5 error(s), 4 warning(s)"),
        "{out}"
    );
}

#[test]
fn check_passes_on_good_posts() {
    brief()
        .args(["check", "sample-posts"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 error(s)"));
}

#[test]
fn list_still_lists_the_good_and_salvaged_posts() {
    let posts = list_json("tests/fixtures/broken", &[]);
    let titles: Vec<&str> = posts.iter().map(|p| p["title"].as_str().unwrap()).collect();
    for title in [
        "格式错误的前言",
        "永远不关闭的前言",
        "国标编码的简报",
        "没有前言的简报",
        "日期写错了",
        "嵌套",
        "安全标题",
    ] {
        assert!(titles.contains(&title), "{title} not in {titles:?}");
    }
    assert_eq!(
        by_title(&posts, "格式错误的前言")["date"],
        "2026-03-02",
        "date salvaged from a broken block"
    );
}

#[test]
fn no_escape_sequence_leaves_the_store() {
    for path in [
        "tests/fixtures/broken/escape-title.md",
        "tests/fixtures/good/yaml-escaped-title.md",
    ] {
        let out = brief().args(["list", path, "--json"]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains('\u{1b}') && !text.contains("\\u001b") && !text.contains('\u{202e}'),
            "{text}"
        );
        let out = brief()
            .args(["list", path, "--width", "60"])
            .output()
            .unwrap();
        assert!(!out.stdout.contains(&0x1b));
    }
    let posts = list_json("tests/fixtures/good/yaml-escaped-title.md", &[]);
    assert_eq!(posts[0]["title"], "转义标题");
    assert_eq!(posts[0]["tags"], serde_json::json!(["标签", "evil"]));
}

#[test]
fn oversized_files_are_skipped_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.md");
    let mut text = String::from("---\ntitle: huge\n---\n");
    text.push_str(&"大".repeat(6 * 1024 * 1024));
    std::fs::write(&big, text).unwrap();
    std::fs::write(dir.path().join("ok.md"), "---\ntitle: fine\n---\nbody\n").unwrap();
    let assert = brief().arg("check").arg(dir.path()).assert().code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(
        out.contains("huge.md:1: error: file is 18.0 MiB, over the 16 MiB limit; skipped"),
        "{out}"
    );
    let posts = list_json(dir.path().to_str().unwrap(), &[]);
    assert_eq!(posts.len(), 1);
}

#[test]
fn text_list_fits_the_width_and_aligns_cjk() {
    let out = brief()
        .args(["list", "sample-posts", "--width", "50"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let widths: Vec<usize> = text.lines().map(brief_text::display_width).collect();
    assert!(widths.iter().all(|&w| w <= 50), "{text}");
    assert!(
        text.contains('…'),
        "long titles are cut with an ellipsis:\n{text}"
    );
}

#[test]
fn tags_counts_merge_spellings() {
    let out = brief()
        .args(["tags", "sample-posts", "--json"])
        .output()
        .unwrap();
    let tags: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let ai: Vec<&Value> = tags
        .iter()
        .filter(|t| t["name"].as_str().unwrap().eq_ignore_ascii_case("ai"))
        .collect();
    assert_eq!(ai.len(), 1, "AI, ai and #AI are one tag: {ai:?}");
    assert_eq!(ai[0]["kind"], "tag");
    let counts: Vec<u64> = tags.iter().map(|t| t["count"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most used first");
}

#[test]
fn misuse_exits_2_on_every_subcommand() {
    for sub in ["list", "tags", "check"] {
        brief()
            .args([sub, "no/such/folder"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("no such file"));
        brief().args([sub, "--no-such-flag"]).assert().code(2);
    }
    brief().args(["show", "no/such/file.md"]).assert().code(2);
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["list", "tags", "check", "show"] {
        brief()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
}

#[test]
fn a_single_file_can_be_listed() {
    let posts = list_json("tests/fixtures/good/toml.md", &[]);
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0]["tags"], serde_json::json!(["ai", "储能"]));
}

fn walk_posts(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let path = e.path();
            if path.is_dir() {
                walk_posts(&path)
            } else {
                usize::from(brief_core::store::is_post_file(&path))
            }
        })
        .sum()
}
