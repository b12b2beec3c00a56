//! What the end-to-end tests share: where the sample posts are, the real binary run with
//! brief's own files (config, marks, index cache) in a folder of the test's and English words
//! whatever the machine's locale, and deadlines, so that a hang fails instead of holding up
//! the run. Each test file takes it with `mod common;`.

#![allow(
    dead_code,
    reason = "each test file uses some of these helpers, none all of them"
)]

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

/// The sample posts written for the project.
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-posts")
}

/// One of the sample posts.
pub fn sample(name: &str) -> PathBuf {
    samples().join(name)
}

/// A home for one test file's runs in cargo's scratch folder for integration tests: never
/// the user's folders, nor, left behind, /tmp.
pub fn scratch_home(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

/// The `brief` binary with `HOME` and the XDG folders inside `home`, the interface in English
/// (`LC_ALL`), and neither `NO_COLOR` nor `BROWSER` taken from the environment.
pub fn command(home: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_brief"));
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("LC_ALL", "C.UTF-8")
        .env_remove("NO_COLOR")
        .env_remove("BROWSER");
    command
}

/// [`command`] for assert_cmd.
pub fn brief(home: &Path) -> assert_cmd::Command {
    assert_cmd::Command::from_std(command(home))
}

/// Runs `command` to its end and returns its output; kills it and fails the test if it
/// outlives `deadline`. Its standard streams are as the caller set them.
pub fn output_within(command: &mut std::process::Command, deadline: Duration) -> Output {
    let mut child = command.spawn().expect("starting brief");
    let start = Instant::now();
    while child.try_wait().expect("polling brief").is_none() {
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command:?} did not finish within {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("brief's output")
}

/// Runs `work` on a thread (with the default stack of a spawned thread) and fails if it takes
/// longer than `seconds`.
pub fn within<T: Send + 'static>(seconds: u64, work: impl FnOnce() -> T + Send + 'static) -> T {
    run_within(std::thread::Builder::new(), seconds, work)
}

/// [`within`] on a thread with the 8 MiB stack of a program's main thread on Linux, as the
/// binary has.
pub fn within_main_stack<T: Send + 'static>(
    seconds: u64,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    run_within(
        std::thread::Builder::new().stack_size(8 << 20),
        seconds,
        work,
    )
}

fn run_within<T: Send + 'static>(
    thread: std::thread::Builder,
    seconds: u64,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    thread
        .spawn(move || {
            let _ = tx.send(work());
        })
        .expect("a thread");
    rx.recv_timeout(Duration::from_secs(seconds))
        .unwrap_or_else(|e| panic!("not done within {seconds} s: {e}"))
}
