//! A terminal that goes away and outputs that fail: brief restores what it can and ends with
//! its usual exit code, never a panic (101). Each case runs the real binary under a deadline,
//! so one that would hang fails instead of holding up the run.

#![cfg(unix)]

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(10);

mod common;
use common::samples as sample_root;

/// `brief ARGS` with HOME and the XDG folders in `home`, killed if it outlives the deadline.
fn brief(home: &Path, args: &[&str], stdout: Stdio, stderr: Stdio) -> Output {
    let mut command = common::command(home);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr);
    common::output_within(&mut command, DEADLINE)
}

fn full() -> Stdio {
    Stdio::from(
        File::options()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full"),
    )
}

#[test]
fn a_full_stderr_keeps_the_exit_code() {
    let home = tempfile::tempdir().unwrap();
    let out = brief(
        home.path(),
        &["list", "/nonexistent/brief"],
        Stdio::null(),
        full(),
    );
    assert_eq!(out.status.code(), Some(2), "{:?}", out.status);
}

#[test]
fn a_full_stdout_ends_with_status_1() {
    let home = tempfile::tempdir().unwrap();
    let root = sample_root();
    let root = root.to_str().unwrap();
    for args in [vec!["list", root], vec!["check", root], vec!["tags", root]] {
        let out = brief(home.path(), &args, full(), full());
        assert_eq!(out.status.code(), Some(1), "{args:?}: {:?}", out.status);
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let home = tempfile::tempdir().unwrap();
    let root = sample_root();
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["list", root.to_str().unwrap()])
        .env("HOME", home.path())
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting brief");
    // `| head -c 1`: one byte read, then the pipe is closed.
    let mut first = [0u8; 1];
    let mut stdout = child.stdout.take().unwrap();
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < DEADLINE, "brief did not end");
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The reader's terminal hangs up: every handle on its other end is closed, so the reader gets
/// SIGHUP and every write fails. It must end with 0 or 129, not panic writing to it.
#[test]
fn the_reader_exits_quietly_when_its_terminal_hangs_up() {
    let home = tempfile::tempdir().unwrap();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    command.arg(sample_root());
    command.env_clear();
    command.env("TERM", "xterm-256color");
    command.env("HOME", home.path());
    for var in ["XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"] {
        command.env(var, home.path().join(var.to_ascii_lowercase()));
    }
    let mut child = pair.slave.spawn_command(command).expect("starting brief");
    drop(pair.slave);
    let mut writer = pair.master.take_writer().unwrap();
    let mut reader = pair.master.try_clone_reader().unwrap();
    // A watchdog: if the first frames never come, brief is killed and the read below ends.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    {
        let stop = stop.clone();
        let mut killer = child.clone_killer();
        std::thread::spawn(move || {
            let start = Instant::now();
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                if start.elapsed() > DEADLINE {
                    let _ = killer.kill();
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        });
    }
    // Read until the first frames are out, answering cursor queries as a terminal would.
    let mut seen = Vec::new();
    let mut buf = [0u8; 8192];
    while seen.len() < 4000 {
        let n = reader.read(&mut buf).expect("brief's output");
        assert!(
            n > 0,
            "brief ended early: {}",
            String::from_utf8_lossy(&seen)
        );
        if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
            writer.write_all(b"\x1b[1;1R").unwrap();
        }
        seen.extend_from_slice(&buf[..n]);
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    std::thread::sleep(Duration::from_millis(300));
    drop((reader, writer, pair.master));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("polling brief") {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("brief did not end after its terminal hung up");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        matches!(status.exit_code(), 0 | 129),
        "exit status {status:?} after a hang-up"
    );
}
