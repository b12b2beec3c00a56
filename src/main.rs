//! The `brief` binary: parse the command line and hand it to the library.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    brief::cli::run(brief::cli::Cli::parse())
}
