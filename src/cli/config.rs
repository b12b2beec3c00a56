//! `brief config`: the effective settings, and the paths of the config, state and cache files.

use super::{CliError, Context, print_out};
use crate::app::keymap::{COMMANDS, KeyMap};
use crate::app::{MarkReadOn, SortOrder, name_of};
use crate::text::pad_to_width;
use std::process::ExitCode;

/// Wide enough for the longest setting name, `keys.previous_match`.
const NAME_WIDTH: usize = 22;

pub fn run(context: &Context) -> Result<ExitCode, CliError> {
    let config = &context.config.config;
    let paths = &context.paths;
    let mut out = String::new();
    let mut row = |name: &str, value: String| {
        let line = format!("{} {value}", pad_to_width(name, NAME_WIDTH));
        out.push_str(line.trim_end());
        out.push('\n');
    };
    let config_file = match &context.config.file {
        Some(file) => file.display().to_string(),
        None => format!(
            "{} (not present; defaults in use)",
            paths.config_file.display()
        ),
    };
    row("config file", config_file);
    row("state file", paths.state_file.display().to_string());
    row("cache folder", paths.cache_dir.display().to_string());
    row("", String::new());
    let posts = if config.posts.is_empty() {
        "(the current folder)".to_string()
    } else {
        config
            .posts
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    row("posts", posts);
    let browser = match (&config.browser, std::env::var("BROWSER")) {
        (Some(browser), _) => browser.clone(),
        (None, Ok(env)) if !env.trim().is_empty() => format!("{env} (from $BROWSER)"),
        _ => "the system opener".to_string(),
    };
    row("browser", browser);
    row("sort", name_of(&SortOrder::NAMES, &config.sort).to_string());
    row("date_format", config.date_format.clone());
    row(
        "article_width",
        config
            .article_width
            .map_or("the pane's width".to_string(), |w| w.to_string()),
    );
    row("ascii_borders", config.ascii_borders.to_string());
    row("utc", config.utc.to_string());
    row(
        "mark_read",
        name_of(&MarkReadOn::NAMES, &config.mark_read).to_string(),
    );
    row(
        "colour",
        if crate::config::no_color_requested() {
            "off (NO_COLOR is set)"
        } else {
            "on"
        }
        .to_string(),
    );
    for (name, color) in &config.theme.entries {
        row(&format!("theme.{name}"), color.to_string());
    }
    let keymap = KeyMap::with_overrides(&config.key_overrides).0;
    row("", String::new());
    for (command, name, what, _) in COMMANDS {
        row(
            &format!("keys.{name}"),
            format!("{}    # {what}", keymap.keys_of(*command).join(" ")),
        );
    }
    print_out(&out)?;
    Ok(ExitCode::SUCCESS)
}
