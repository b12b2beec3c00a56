//! The `brief` binary: parse the command line and hand it to the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    // `--help` speaks the interface language; see `cli::help`.
    brief::cli::run(brief::cli::help::parse())
}
