//! `--help` in the interface language: clap's command, with every description, heading and
//! the help and version flags' own lines taken from the catalog. The language is the one
//! `--config FILE` (or the default config file) sets, else the locale's.
//!
//! Left to clap, in English: its error messages and the `help` subcommand's own line.

use super::Cli;
use crate::config::{Config, Paths};
use brief_i18n::{Catalog, Lang};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};
use std::ffi::OsString;
use std::path::PathBuf;

/// Parses the process's arguments with help in the interface language; exits on bad
/// arguments, `--help` and `--version`, as clap does.
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    let words = help_language(&args).catalog();
    let matches = command(words).get_matches_from(args);
    Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit())
}

/// The language `--help` is printed in for these arguments.
fn help_language(args: &[OsString]) -> Lang {
    let explicit = args.windows(2).find_map(|pair| {
        let (flag, value) = (pair[0].to_str()?, &pair[1]);
        (flag == "--config").then(|| PathBuf::from(value))
    });
    let explicit = explicit.or_else(|| {
        args.iter()
            .find_map(|a| a.to_str()?.strip_prefix("--config=").map(PathBuf::from))
    });
    let configured = Config::load(explicit.as_deref(), &Paths::discover())
        .ok()
        .and_then(|loaded| loaded.config.language);
    brief_i18n::choose_from_env(configured).0
}

/// The command line, described in the language of `words`.
pub fn command(words: &Catalog) -> clap::Command {
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(words.help_help)
        .global(true);
    let version = Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .help(words.help_version);
    let sub_path = |arg: Arg| arg.help(words.help_sub_path);
    let root = Cli::command()
        .about(words.help_about)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(help)
        .arg(version)
        .mut_arg("path", |a| a.help(words.help_path))
        .mut_arg("config", |a| a.help(words.help_config))
        .mut_arg("no_cache", |a| a.help(words.help_no_cache))
        .mut_arg("verbose", |a| a.help(words.help_verbose))
        .mut_subcommand("list", |c| {
            c.about(words.help_list)
                .mut_arg("path", sub_path)
                .mut_arg("tags", |a| a.help(words.help_tag))
                .mut_arg("categories", |a| a.help(words.help_category))
                .mut_arg("search", |a| a.help(words.help_search))
                .mut_arg("unread", |a| a.help(words.help_unread))
                .mut_arg("starred", |a| a.help(words.help_starred))
                .mut_arg("json", |a| a.help(words.help_json))
                .mut_arg("stories", |a| a.help(words.help_list_stories))
                .mut_arg("width", |a| a.help(words.help_width))
        })
        .mut_subcommand("stories", |c| {
            c.about(words.help_stories)
                .mut_arg("path", sub_path)
                .mut_arg("json", |a| a.help(words.help_json))
                .mut_arg("since", |a| a.help(words.help_since))
                .mut_arg("width", |a| a.help(words.help_width))
        })
        .mut_subcommand("tags", |c| {
            c.about(words.help_tags)
                .mut_arg("path", sub_path)
                .mut_arg("json", |a| a.help(words.help_tags_json))
        })
        .mut_subcommand("check", |c| {
            c.about(words.help_check).mut_arg("path", sub_path)
        })
        .mut_subcommand("show", |c| {
            c.about(words.help_show)
                .mut_arg("file", |a| a.help(words.help_file))
                .mut_arg("width", |a| a.help(words.help_show_width))
                .mut_arg("color", |a| a.help(words.help_color))
        })
        .mut_subcommand("config", |c| c.about(words.help_config_command));
    with_headings(root, words)
}

/// `cmd` and its subcommands with their help flag disabled (the root's global one serves)
/// and every heading in the language of `words`: a template names the sections itself, and
/// leaves out those the command does not have.
fn with_headings(cmd: clap::Command, words: &Catalog) -> clap::Command {
    let mut template = format!("{{about-with-newline}}\n{}: {{usage}}\n", words.help_usage);
    let has_subcommands = cmd.get_subcommands().next().is_some();
    if has_subcommands {
        template.push_str(&format!("\n{}:\n{{subcommands}}\n", words.help_commands));
    }
    if cmd.get_positionals().next().is_some() {
        template.push_str(&format!("\n{}:\n{{positionals}}\n", words.help_arguments));
    }
    template.push_str(&format!(
        "\n{}:\n{{options}}{{after-help}}",
        words.help_options
    ));
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    let mut cmd = cmd.help_template(template);
    for name in names {
        cmd = cmd.mut_subcommand(name, |c| with_headings(c.disable_help_flag(true), words));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help_of(lang: Lang, args: &[&str]) -> String {
        let error = command(lang.catalog())
            .try_get_matches_from(args)
            .expect_err("--help ends parsing");
        assert_eq!(error.kind(), clap::error::ErrorKind::DisplayHelp);
        error.render().to_string()
    }

    #[test]
    fn help_is_in_the_language_and_still_parses() {
        command(Lang::Ja.catalog()).debug_assert();
        let root = help_of(Lang::Ja, &["brief", "--help"]);
        for text in [
            "使い方: ",
            "コマンド:",
            "オプション:",
            "記事を新しい順に一覧する",
            "ヘルプを表示",
        ] {
            assert!(root.contains(text), "{text} in {root}");
        }
        let list = help_of(Lang::ZhHant, &["brief", "list", "-h"]);
        assert!(
            list.contains("只顯示未讀的文章") && list.contains("印出說明"),
            "{list}"
        );
        let show = help_of(Lang::En, &["brief", "show", "--help"]);
        assert!(show.contains("Columns to lay the article out in"), "{show}");
        let matches = command(Lang::ZhHans.catalog())
            .try_get_matches_from(["brief", "list", "--tag", "ai", "--json", "posts"])
            .unwrap();
        let cli = Cli::from_arg_matches(&matches).unwrap();
        assert!(matches!(cli.command, Some(super::super::Command::List(_))));
    }
}
