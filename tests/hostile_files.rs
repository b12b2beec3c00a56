//! Files that are not what they seem: FIFOs and devices named like posts, marks or the
//! index cache. brief reads only regular files of bounded size, says what it skipped, and
//! never hangs: each case runs the real binary and fails if it is not done in 10 s.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const DEADLINE: Duration = Duration::from_secs(10);

mod common;

/// `brief ARGS` with its own files under `home`; killed and failed after the deadline.
fn brief(home: &Path, args: &[&str]) -> Output {
    let mut command = common::command(home);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    common::output_within(&mut command, DEADLINE)
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(made.success());
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A folder with one post and a FIFO named like one.
fn folder_with_fifo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    std::fs::create_dir(&posts).unwrap();
    std::fs::write(posts.join("a.md"), "---\ntitle: 管道旁边\n---\n正文\n").unwrap();
    mkfifo(&posts.join("x.md"));
    (dir, posts)
}

#[test]
fn show_on_a_fifo_says_so_and_ends() {
    let (dir, posts) = folder_with_fifo();
    let fifo = posts.join("x.md");
    let out = brief(dir.path(), &["show", fifo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("x.md") && err.contains("FIFO"), "{err}");
}

#[test]
fn list_and_check_skip_a_fifo_naming_it() {
    let (dir, posts) = folder_with_fifo();
    let out = brief(dir.path(), &["list", posts.to_str().unwrap()]);
    assert!(text(&out.stdout).contains("管道旁边"));
    let out = brief(dir.path(), &["check", posts.to_str().unwrap()]);
    let report = text(&out.stdout);
    assert!(
        report.contains("x.md") && report.contains("FIFO") && report.contains("skipped"),
        "{report}"
    );
}

#[test]
fn marks_that_are_a_fifo_or_a_device_are_refused() {
    let (dir, posts) = folder_with_fifo();
    std::fs::create_dir_all(dir.path().join("data/brief")).unwrap();
    let marks = dir.path().join("data/brief/marks.jsonl");
    mkfifo(&marks);
    let out = brief(dir.path(), &["list", posts.to_str().unwrap(), "--json"]);
    assert!(out.status.success());
    assert!(text(&out.stderr).contains("FIFO"), "{}", text(&out.stderr));
    std::fs::remove_file(&marks).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &marks).unwrap();
    let out = brief(dir.path(), &["list", posts.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{:?}", out.status);
    assert!(
        text(&out.stderr).contains("device"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_cache_that_is_a_fifo_or_urandom_does_not_hang_the_load() {
    let (dir, posts) = folder_with_fifo();
    let cache_dir = dir.path().join("cache/brief");
    std::fs::create_dir_all(&cache_dir).unwrap();
    let cache = brief_core::store::IndexCache::file_for(&cache_dir, &posts);
    mkfifo(&cache);
    let out = brief(dir.path(), &["list", "-v", posts.to_str().unwrap()]);
    assert!(text(&out.stdout).contains("管道旁边"));
    assert!(text(&out.stderr).contains("FIFO"), "{}", text(&out.stderr));
    std::fs::remove_file(&cache).unwrap();
    std::os::unix::fs::symlink("/dev/urandom", &cache).unwrap();
    let out = brief(dir.path(), &["list", posts.to_str().unwrap()]);
    assert!(text(&out.stdout).contains("管道旁边"));
}

#[test]
fn a_damaged_cache_chunk_is_dropped_with_a_note_under_verbose() {
    let (dir, posts) = folder_with_fifo();
    std::fs::remove_file(posts.join("x.md")).unwrap();
    let root = posts.to_str().unwrap();
    let first = brief(dir.path(), &["list", root]);
    let cache = brief_core::store::IndexCache::file_for(&dir.path().join("cache/brief"), &posts);
    let mut bytes = std::fs::read(&cache).expect("the cache was written");
    let last = bytes.len() - 3;
    bytes[last] ^= 0x10;
    std::fs::write(&cache, &bytes).unwrap();
    let quiet = brief(dir.path(), &["list", root]);
    assert_eq!(quiet.stdout, first.stdout);
    assert!(
        !text(&quiet.stderr).contains("cache"),
        "{}",
        text(&quiet.stderr)
    );
    std::fs::write(&cache, &bytes).unwrap();
    let verbose = brief(dir.path(), &["list", "--verbose", root]);
    assert_eq!(verbose.stdout, first.stdout);
    assert!(
        text(&verbose.stderr).contains("failed their check"),
        "{}",
        text(&verbose.stderr)
    );
}

#[test]
fn a_config_file_that_is_a_fifo_is_refused() {
    let (dir, posts) = folder_with_fifo();
    std::fs::create_dir_all(dir.path().join("config/brief")).unwrap();
    mkfifo(&dir.path().join("config/brief/config.toml"));
    let out = brief(dir.path(), &["list", posts.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("FIFO"), "{}", text(&out.stderr));
}
