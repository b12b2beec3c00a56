//! The command line: argument definitions and the non-interactive subcommands (`list`,
//! `tags`, `check`, `show`). Output goes to stdout, problems to stderr.
//!
//! Exit codes are the same on every subcommand: 0 success, 1 when `check` found errors or a
//! command failed on its input, 2 for misuse (bad flags, a path that does not exist).

mod check;
mod list;
pub mod show;
mod tags;

use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A terminal reader for folders of news briefings.
#[derive(Debug, Parser)]
#[command(name = "brief", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Folder of posts (or one post) to read; defaults to the current folder.
    pub path: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List posts, newest first.
    List(list::ListArgs),
    /// Show tags and categories with their post counts.
    Tags(tags::TagsArgs),
    /// Report every problem in every post, with its line.
    Check(check::CheckArgs),
    /// Print one post as the article pane shows it.
    Show(show::ShowArgs),
}

/// Exit code for misuse: bad arguments or a path that does not exist.
pub const EXIT_MISUSE: u8 = 2;

pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Some(Command::List(args)) => list::run(&args),
        Some(Command::Tags(args)) => tags::run(&args),
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Show(args)) => show::run(&args),
        None => read(cli.path),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("brief: {error:#}");
            ExitCode::from(error.exit_code())
        }
    }
}

/// `brief [PATH]`: the reader on a terminal; the plain list when output is piped.
fn read(path: Option<PathBuf>) -> Result<ExitCode, CliError> {
    if !(std::io::stdout().is_terminal() && std::io::stdin().is_terminal()) {
        return list::run(&list::ListArgs::for_path(path));
    }
    let root = resolve_path(path.as_deref())?;
    crate::tui::run(root, crate::tui::ReaderOptions::default())?;
    Ok(ExitCode::SUCCESS)
}

/// A failure that ends a command.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}: no such file or folder")]
    NoSuchPath(PathBuf),
    #[error("{path}: {message}")]
    BadInput { path: PathBuf, message: String },
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
}

impl CliError {
    fn exit_code(&self) -> u8 {
        match self {
            CliError::NoSuchPath(_) => EXIT_MISUSE,
            CliError::BadInput { .. } | CliError::Output(_) => 1,
        }
    }
}

/// The folder or file a command works on: the argument, else the current folder.
fn resolve_path(path: Option<&Path>) -> Result<PathBuf, CliError> {
    let path = path
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    if !path.exists() {
        return Err(CliError::NoSuchPath(path));
    }
    Ok(path)
}

/// Columns to fit output into: `--width`, else the terminal's when stdout is one.
fn output_width(requested: Option<usize>) -> Option<usize> {
    requested.or_else(|| {
        std::io::stdout()
            .is_terminal()
            .then(|| {
                crossterm::terminal::size()
                    .ok()
                    .map(|(w, _)| usize::from(w))
            })
            .flatten()
    })
}

/// Writes `text` to stdout; a closed pipe (`brief list | head`) ends quietly.
fn print_out(text: &str) -> Result<(), CliError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
