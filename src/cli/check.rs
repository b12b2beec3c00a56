//! `brief check`: every problem of every post, one line each, then a summary.

use super::{CliError, print_out, resolve_path};
use crate::store::{self, LoadOptions};
use clap::Args;
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Folder of posts, or one post; defaults to the current folder.
    pub path: Option<PathBuf>,
}

/// Exits 0 when no file has an error (warnings allowed), 1 otherwise.
pub fn run(args: &CheckArgs) -> Result<ExitCode, CliError> {
    let root = resolve_path(args.path.as_deref())?;
    let mut loaded = store::load_path(&root, &LoadOptions::default());
    loaded
        .diagnostics
        .sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    let mut out = String::new();
    for diagnostic in &loaded.diagnostics {
        let _ = writeln!(out, "{diagnostic}");
    }
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = loaded.diagnostics.len() - errors;
    let _ = writeln!(
        out,
        "{} file(s) checked, {} post(s) loaded: {errors} error(s), {warnings} warning(s)",
        loaded.files_seen,
        loaded.posts.len()
    );
    print_out(&out)?;
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
