//! `brief check`: every problem of every post, one line each, then a summary.

use super::{CliError, Context, load_roots, print_out};
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
pub fn run(args: &CheckArgs, context: &Context) -> Result<ExitCode, CliError> {
    let mut loaded = load_roots(&context.roots(args.path.as_deref())?, context);
    super::check_notes::add_check_notes(&mut loaded);
    let words = context.words();
    let mut out = String::new();
    for diagnostic in &loaded.diagnostics {
        let _ = writeln!(out, "{}", diagnostic.render(words));
    }
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = loaded.diagnostics.len() - errors;
    let summary = brief_i18n::fill(
        words.check_summary,
        &[
            ("files", &loaded.files_seen),
            ("posts", &loaded.posts.len()),
            ("errors", &errors),
            ("warnings", &warnings),
        ],
    );
    let _ = writeln!(out, "{summary}");
    print_out(&out)?;
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
