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
