//! `brief stories` and `brief list --json --stories` on the sample briefings: a story
//! repeated with the same heading or the same source (behind tracking parameters and AMP)
//! is one story with all its sources.

use assert_cmd::Command;
use serde_json::Value;

mod common;

fn brief() -> Command {
    common::brief(&common::scratch_home("stories-cli-home"))
}

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-posts");

fn json(args: &[&str]) -> Vec<Value> {
    let out = brief().args(args).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn titled<'a>(stories: &'a [Value], title: &str) -> &'a Value {
    stories
        .iter()
        .find(|s| s["title"] == title)
        .unwrap_or_else(|| panic!("no story {title}: {stories:#?}"))
}

#[test]
fn repeated_stories_are_one_with_every_source_most_repeated_first() {
    let stories = json(&["stories", SAMPLES, "--json"]);
    let snowflake = titled(&stories, "Snowflake与OpenAI达成2亿美元合作");
    assert_eq!(snowflake["url"], "pulse.example/snowflake-openai-200m-deal");
    assert_eq!(snowflake["first_seen"], "2026-02-13");
    assert_eq!(
        snowflake["hosts"],
        serde_json::json!(["pulse.example", "campus.example"])
    );
    let dates: Vec<&Value> = snowflake["posts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["date"])
        .collect();
    assert_eq!(dates, ["2026-02-13", "2026-02-14"]);
    // The same source behind AMP, fbclid and a fragment, under another heading.
    let power = titled(&stories, "数据中心用电引发地方争议");
    assert_eq!(power["posts"].as_array().unwrap().len(), 2);
    assert_eq!(power["sources"].as_array().unwrap().len(), 1);
    // Most repeated first.
    let counts: Vec<usize> = stories
        .iter()
        .map(|s| s["posts"].as_array().unwrap().len())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert_eq!(counts[..2], [2, 2]);
    // Sections without a source of their own are not listed.
    assert!(stories.iter().all(|s| s["title"] != "结论"));
}

#[test]
fn since_reads_only_later_posts() {
    let stories = json(&["stories", SAMPLES, "--json", "--since", "2026-02-14"]);
    let snowflake = titled(&stories, "Snowflake与OpenAI达成2亿美元合作！");
    assert_eq!(snowflake["posts"].as_array().unwrap().len(), 1);
    assert!(
        stories
            .iter()
            .all(|s| s["first_seen"].as_str() >= Some("2026-02-14"))
    );
    let out = brief()
        .args(["stories", SAMPLES, "--since", "soon"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--since soon"));
}

#[test]
fn text_names_the_other_sources() {
    let out = brief()
        .args(["stories", SAMPLES, "--width", "200"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("Snowflake"))
        .expect("the Snowflake story");
    assert!(line.starts_with("2  2026-02-13  "), "{line}");
    assert!(line.ends_with("also: campus.example"), "{line}");
}

#[test]
fn list_json_counts_new_stories_only_when_asked() {
    let plain = json(&["list", SAMPLES, "--json"]);
    assert!(plain.iter().all(|p| p.get("stories").is_none()));
    let posts = json(&["list", SAMPLES, "--json", "--stories"]);
    let of = |name: &str| {
        let post = posts
            .iter()
            .find(|p| p["path"].as_str().unwrap().ends_with(name))
            .unwrap();
        (post["stories"].as_u64(), post["new_stories"].as_u64())
    };
    assert_eq!(of("2026-02-13-ai-deals-briefing.md"), (Some(5), Some(5)));
    // Two of its four stories were in the 02-13 briefing.
    assert_eq!(of("2026-02-14-ai-deals-followup.md"), (Some(4), Some(2)));
}

#[test]
fn a_warm_stories_cache_gives_the_same_stories_and_a_changed_file_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    std::fs::create_dir(&posts).unwrap();
    let write = |name: &str, url: &str| {
        std::fs::write(
            posts.join(name),
            format!("---\ntitle: 简报\ndate: 2026-02-13\n---\n\n## 一条新闻\n\n正文。**Source:** [原文]({url})\n"),
        )
        .unwrap();
    };
    write("a.md", "https://a.example/1");
    let run = || {
        let out = brief()
            .env("XDG_CACHE_HOME", dir.path().join("cache"))
            .args(["stories", posts.to_str().unwrap(), "--json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
    };
    let cold = run();
    assert!(
        std::fs::read_dir(dir.path().join("cache/brief"))
            .unwrap()
            .any(|e| e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("stories-")),
        "the stories cache is written"
    );
    assert_eq!(run(), cold);
    // Same size, another source: the size and time check reads the file again.
    std::thread::sleep(std::time::Duration::from_millis(20));
    write("a.md", "https://b.example/1");
    assert_eq!(run()[0]["url"], "b.example/1");
}

/// A first run finds stories in the bodies it reads to list the posts; a run whose index is
/// warm reads the bodies again; a warm run takes them from the stories cache. All three, and
/// a run without caches, print the same bytes.
#[test]
fn stories_are_the_same_found_while_listing_read_again_or_cached() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let run = |args: &[&str], use_cache: bool| {
        let mut command = brief();
        command.env("XDG_CACHE_HOME", &cache);
        if !use_cache {
            command.arg("--no-cache");
        }
        let out = command.args(args).output().unwrap();
        assert!(out.status.success(), "{out:?}");
        out.stdout
    };
    let commands: [&[&str]; 2] = [
        &["stories", SAMPLES, "--json"],
        &["list", SAMPLES, "--json", "--stories"],
    ];
    for args in commands {
        let _ = std::fs::remove_dir_all(&cache);
        let first = run(args, true);
        let stories_caches = || {
            std::fs::read_dir(cache.join("brief"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with("stories-")
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            stories_caches().len(),
            1,
            "{args:?}: the stories cache is written"
        );
        for file in stories_caches() {
            std::fs::remove_file(file).unwrap();
        }
        let read_again = run(args, true);
        let cached = run(args, true);
        let uncached = run(args, false);
        assert!(!first.is_empty());
        assert_eq!(read_again, first, "{args:?}: bodies read again");
        assert_eq!(cached, first, "{args:?}: from the stories cache");
        assert_eq!(uncached, first, "{args:?}: without caches");
    }
}
