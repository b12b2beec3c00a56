//! The command line: argument definitions and the non-interactive subcommands (`list`,
//! `tags`, `check`, `show`). Output goes to stdout, problems to stderr.
//!
//! Threads: `list`, `check` and `stories` format on rayon's pool, and loading goes through
//! `store`'s threads; none outlives the command.
//!
//! Exit codes are the same on every subcommand: 0 success, 1 when `check` found errors or a
//! command failed on its input, 2 for misuse (bad flags, a path that does not exist).

mod check;
mod check_notes;
mod config;
pub mod help;
mod json_out;
mod list;
pub mod show;
pub mod stories;
mod tags;

use crate::config::{Config, LoadedConfig, Paths};
use brief_core::marks::{MarkStore, Marks};
use brief_core::store;
use brief_i18n::{Catalog, Lang, LangSource};
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
    /// Folder of posts (or one post) to read; defaults to the config's `posts`, else the
    /// current folder.
    pub path: Option<PathBuf>,
    /// Read settings from FILE instead of $XDG_CONFIG_HOME/brief/config.toml.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read every post afresh, neither using nor writing the index cache.
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Tell more about what was done, such as index cache chunks that failed their check.
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
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
    /// Every story of the briefings, with its sources and posts, most repeated first.
    Stories(stories::StoriesArgs),
    /// Print the effective settings and where brief keeps its files.
    Config,
}

/// Exit code for misuse: bad arguments or a path that does not exist.
pub const EXIT_MISUSE: u8 = 2;

pub fn run(cli: Cli) -> ExitCode {
    let mut words = brief_i18n::choose_from_env(None).0.catalog();
    let result =
        Context::load(cli.config.as_deref(), cli.no_cache, cli.verbose).and_then(|context| {
            words = context.words();
            match cli.command {
                Some(Command::List(args)) => list::run(&args, &context),
                Some(Command::Tags(args)) => tags::run(&args, &context),
                Some(Command::Check(args)) => check::run(&args, &context),
                Some(Command::Show(args)) => show::run(&args, &context),
                Some(Command::Stories(args)) => stories::run(&args, &context),
                Some(Command::Config) => config::run(&context),
                None => read(cli.path, &context),
            }
        });
    match result {
        Ok(code) => code,
        Err(error) => {
            say(&format!("brief: {}", error.localized(words)));
            ExitCode::from(error.exit_code())
        }
    }
}

/// What every command may need: brief's paths and the config.
#[derive(Debug)]
pub struct Context {
    pub paths: Paths,
    pub config: LoadedConfig,
    /// Whether the index cache is used.
    pub use_cache: bool,
    /// The interface language and where it came from.
    pub language: (Lang, LangSource),
    /// `--verbose`: notes about the loading go to stderr.
    pub verbose: bool,
}

impl Context {
    /// Reads the config; its problems go to stderr, and a missing `--config` file is misuse.
    fn load(explicit: Option<&Path>, no_cache: bool, verbose: bool) -> Result<Self, CliError> {
        let paths = Paths::discover();
        let config = Config::load(explicit, &paths).map_err(CliError::Config)?;
        let language = config.config.interface_language();
        for problem in &config.problems {
            say(&format!(
                "brief: {}",
                problem.localized(language.0.catalog())
            ));
        }
        Ok(Context {
            paths,
            language,
            config,
            use_cache: !no_cache,
            verbose,
        })
    }

    /// Every string of the interface language.
    pub fn words(&self) -> &'static Catalog {
        self.language.0.catalog()
    }

    /// The folders a command reads: PATH, else the config's `posts`, else the current folder.
    pub fn roots(&self, path: Option<&Path>) -> Result<Vec<PathBuf>, CliError> {
        let roots = match path {
            Some(path) => vec![path.to_path_buf()],
            None if !self.config.config.posts.is_empty() => self.config.config.posts.clone(),
            None => vec![PathBuf::from(".")],
        };
        match roots.iter().find(|root| !root.exists()) {
            Some(missing) => Err(CliError::NoSuchPath(missing.clone())),
            None => Ok(roots),
        }
    }

    /// The index cache file for a root, unless caching is off.
    pub fn cache_file(&self, root: &Path) -> Option<PathBuf> {
        self.use_cache
            .then(|| store::IndexCache::file_for(&self.paths.cache_dir, root))
    }

    pub fn mark_store(&self) -> MarkStore {
        MarkStore::new(self.paths.state_file.clone())
    }

    /// The marks on disk; a problem is reported, and the marks of every line read are used.
    pub fn marks(&self) -> Marks {
        let (marks, problem) = self.mark_store().load_keeping();
        if let Some(problem) = problem {
            say(&format!("brief: {}", problem.localized(self.words())));
        }
        marks
    }
}

/// Loads every root and merges them into one list.
fn load_roots(roots: &[PathBuf], context: &Context) -> store::Loaded {
    load_roots_then(roots, context, None, |loaded| loaded)
}

/// [`load_roots`], handing the posts to `then` while the index caches are written: a first
/// run's output does not wait for its cache. Each body read on the way goes to `bodies`.
fn load_roots_then<R>(
    roots: &[PathBuf],
    context: &Context,
    bodies: Option<store::BodyVisit<'_>>,
    then: impl FnOnce(store::Loaded) -> R,
) -> R {
    let cache_files: Vec<Option<PathBuf>> = roots.iter().map(|r| context.cache_file(r)).collect();
    let with_caches: Vec<(&Path, Option<&Path>)> = roots
        .iter()
        .zip(&cache_files)
        .map(|(root, cache)| (root.as_path(), cache.as_deref()))
        .collect();
    let options = store::LoadOptions::default();
    store::load_paths_cached_then(&with_caches, &options, bodies, |loaded| {
        if context.verbose {
            for note in &loaded.notes {
                say(&format!("brief: {}", note.message(context.words())));
            }
        }
        then(loaded)
    })
}

/// `brief [PATH]`: the reader on a terminal; the plain list when output is piped.
fn read(path: Option<PathBuf>, context: &Context) -> Result<ExitCode, CliError> {
    if !(std::io::stdout().is_terminal() && std::io::stdin().is_terminal()) {
        return list::run(&list::ListArgs::for_path(path), context);
    }
    let roots = context.roots(path.as_deref())?;
    let options = crate::tui::ReaderOptions {
        roots,
        config: context.config.config.clone(),
        marks: context.mark_store(),
        cache_dir: context.use_cache.then(|| context.paths.cache_dir.clone()),
        startup_messages: context
            .config
            .problems
            .iter()
            .map(|problem| problem.localized(context.words()))
            .collect(),
    };
    crate::tui::run(options)?;
    Ok(ExitCode::SUCCESS)
}

/// A failure that ends a command.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{}: no such file or folder", brief_text::visible_path(.0))]
    NoSuchPath(PathBuf),
    #[error("{}: {}", brief_text::visible_path(path), brief_text::visible(message))]
    BadInput { path: PathBuf, message: String },
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    #[error("{0}")]
    Config(crate::config::ConfigError),
    #[error("--since {0}: not a date")]
    BadSince(String),
}

impl CliError {
    /// The message in the language of `words`.
    pub fn localized(&self, words: &Catalog) -> String {
        match self {
            CliError::NoSuchPath(path) => brief_i18n::fill(
                words.cli_no_such_path,
                &[("path", &brief_text::visible_path(path))],
            ),
            CliError::Output(error) => {
                brief_i18n::fill(words.cli_cannot_write, &[("error", error)])
            }
            CliError::BadSince(date) => brief_i18n::fill(words.cli_bad_since, &[("date", date)]),
            // Before the config is read, `words` follow the locale alone.
            CliError::Config(error) => error.localized(words),
            CliError::BadInput { .. } => self.to_string(),
        }
    }

    fn exit_code(&self) -> u8 {
        match self {
            CliError::NoSuchPath(_) | CliError::Config(_) | CliError::BadSince(_) => EXIT_MISUSE,
            CliError::BadInput { .. } | CliError::Output(_) => 1,
        }
    }
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

/// Writes a line to stderr. A failed write (`2>/dev/full`, a terminal gone) is ignored: there
/// is nowhere left to report it, and the exit code still tells.
pub(crate) fn say(line: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}").and_then(|()| err.flush());
}

/// Writes `text` to stdout; a closed pipe (`brief list | head`) ends quietly.
fn print_out(text: &str) -> Result<(), CliError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    quiet_on_closed_pipe(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

/// The outcome of writing to stdout: a pipe closed by its reader (`brief list | head`) is not
/// an error.
fn quiet_on_closed_pipe(written: std::io::Result<()>) -> Result<(), CliError> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
