//! `brief show FILE`: prints exactly the lines the article pane shows.

use super::CliError;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The post to show.
    pub file: PathBuf,
}

pub fn run(_args: &ShowArgs) -> Result<ExitCode, CliError> {
    Err(CliError::BadInput { path: _args.file.clone(), message: "not implemented yet".into() })
}
