//! Helpers the unit tests of several modules share. Compiled only for tests.

use std::path::Path;

/// Makes a FIFO at `path` (a file that would block a naive reader forever).
#[cfg(unix)]
pub fn make_fifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Runs `work` on a thread of its own and fails the test if it takes more than ten seconds:
/// for code that, wrong, would wait forever (on a FIFO, say).
pub fn within_ten_seconds<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    rx.recv_timeout(std::time::Duration::from_secs(10))
        .expect("did not finish within 10 s")
}
