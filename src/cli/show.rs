//! `brief show FILE`: prints exactly the lines the article pane shows (header, body, link
//! list), at `--width` columns, else the terminal's, else 80.
//!
//! Colour is ANSI SGR made here from the render's semantic styles: on with `--color always`;
//! with `auto` (the default) only when stdout is a terminal and `NO_COLOR` is unset or empty;
//! never with `--color never`.

use super::{CliError, Context, output_width, print_out};
use brief_core::render::{Line, RenderOptions, Role, Style, render_article_with};
use brief_core::store::{LoadOptions, load_file};
use brief_text::steady_text;
use clap::{Args, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Width used when neither `--width` nor a terminal gives one.
const DEFAULT_WIDTH: usize = 80;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The post to show.
    pub file: PathBuf,
    /// Columns to lay the article out in (default: the terminal's, else 80).
    #[arg(long, short = 'w', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

pub fn run(args: &ShowArgs, context: &Context) -> Result<ExitCode, CliError> {
    if !args.file.exists() {
        return Err(CliError::NoSuchPath(args.file.clone()));
    }
    let loaded =
        load_file(&args.file, &LoadOptions::default()).map_err(|d| CliError::BadInput {
            path: args.file.clone(),
            message: d.message(context.words()),
        })?;
    let width = output_width(args.width.map(usize::from))
        .filter(|w| *w > 0)
        .unwrap_or(DEFAULT_WIDTH);
    let options = RenderOptions::new(width).in_language(context.language.0);
    // As in the reader: a time with a zone is shown in the local zone unless `utc = true`.
    let post = if context.config.config.utc {
        loaded.post
    } else {
        brief_core::render::zone::post_in_zone(&loaded.post, &jiff::tz::TimeZone::system())
    };
    let article = render_article_with(&post, &loaded.body, &options);
    let colour = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && !crate::config::no_color_requested()
        }
    };
    let mut out = String::with_capacity(article.lines.iter().map(|l| l.spans.len() * 8 + 64).sum());
    for line in &article.lines {
        if colour {
            push_ansi(&mut out, line);
        } else {
            for span in &line.spans {
                out.push_str(&span.text);
            }
        }
        out.push('\n');
    }
    // A terminal gets emoji sequences it draws at the width the lines were laid out for;
    // a pipe gets the text as written. SGR sequences are ASCII and pass through unchanged.
    if std::io::stdout().is_terminal() {
        print_out(&steady_text(&out))?;
    } else {
        print_out(&out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A line with SGR sequences around each differently styled span, reset at its end.
fn push_ansi(out: &mut String, line: &Line) {
    let mut open = false;
    for span in &line.spans {
        let sgr = sgr(span.style);
        if open {
            out.push_str("\x1b[0m");
            open = false;
        }
        if !sgr.is_empty() {
            out.push_str("\x1b[");
            out.push_str(&sgr);
            out.push('m');
            open = true;
        }
        out.push_str(&span.text);
    }
    if open {
        out.push_str("\x1b[0m");
    }
}

/// SGR parameters for a style: the role's colour, then bold/italic/strike.
fn sgr(style: Style) -> String {
    let mut codes: Vec<&str> = match style.role {
        Role::Plain => vec![],
        Role::Heading(1) => vec!["1", "35"],
        Role::Heading(2) => vec!["1", "36"],
        Role::Heading(_) => vec!["1", "34"],
        Role::Code => vec!["33"],
        Role::CodeBlock => vec!["33"],
        Role::Link => vec!["4", "34"],
        Role::LinkNumber | Role::LinkListNumber => vec!["2", "34"],
        Role::Image => vec!["32"],
        Role::Quote => vec!["3", "37"],
        Role::QuoteMarker | Role::ListMarker => vec!["36"],
        Role::Rule | Role::TableBorder => vec!["2"],
        Role::TableHeader => vec!["1"],
        Role::HeaderTitle => vec!["1", "97"],
        Role::HeaderMeta => vec!["2"],
        Role::Tag => vec!["36"],
        Role::LinkListTitle | Role::LinkListGroup => vec!["1"],
        Role::LinkListHost => vec!["34"],
        Role::LinkListUrl => vec!["2", "4"],
    };
    if style.strong && !codes.contains(&"1") {
        codes.push("1");
    }
    if style.emphasis && !codes.contains(&"3") {
        codes.push("3");
    }
    if style.strike {
        codes.push("9");
    }
    codes.join(";")
}

#[cfg(test)]
mod tests {
    use super::*;
    use brief_core::render::Span;

    #[test]
    fn ansi_wraps_styled_spans_only() {
        let line = Line {
            spans: vec![
                Span::new("a", Style::default()),
                Span::new(
                    "b",
                    Style {
                        strong: true,
                        ..Style::new(Role::Link)
                    },
                ),
            ],
        };
        let mut out = String::new();
        push_ansi(&mut out, &line);
        assert_eq!(out, "a\x1b[4;34;1mb\x1b[0m");
    }
}
