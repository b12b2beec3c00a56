//! `brief config`: the effective settings, and the paths of the config, state and cache files.

use super::{CliError, Context, print_out};
use crate::app::keymap::{Command, KeyMap};
use crate::app::{MarkReadOn, SortOrder, name_of};
use brief_i18n::{LangSource, fill};
use brief_text::pad_to_width;
use std::process::ExitCode;

/// Wide enough for the longest setting name, `keys.previous_match`.
const NAME_WIDTH: usize = 22;

pub fn run(context: &Context) -> Result<ExitCode, CliError> {
    let config = &context.config.config;
    let paths = &context.paths;
    let words = context.words();
    let mut out = String::new();
    let mut row = |name: &str, value: String| {
        let line = format!("{} {value}", pad_to_width(name, NAME_WIDTH));
        out.push_str(line.trim_end());
        out.push('\n');
    };
    let config_file = match &context.config.file {
        Some(file) => brief_text::visible_path(file),
        None => fill(
            words.config_not_present,
            &[("path", &brief_text::visible_path(&paths.config_file))],
        ),
    };
    row(words.config_file, config_file);
    row(
        words.config_state_file,
        brief_text::visible_path(&paths.state_file),
    );
    row(
        words.config_cache_folder,
        brief_text::visible_path(&paths.cache_dir),
    );
    row("", String::new());
    let (language, source) = &context.language;
    let code = language.code();
    let language = match source {
        LangSource::Config => fill(words.config_language_from_config, &[("lang", &code)]),
        LangSource::Env { var, value } => fill(
            words.config_language_from_env,
            &[
                ("lang", &code),
                ("var", var),
                ("value", &brief_text::sanitize_inline(value)),
            ],
        ),
        LangSource::Default => fill(words.config_language_default, &[("lang", &code)]),
    };
    row("language", language);
    let posts = if config.posts.is_empty() {
        words.config_current_folder.to_string()
    } else {
        config
            .posts
            .iter()
            .map(|p| brief_text::visible_path(p))
            .collect::<Vec<_>>()
            .join(", ")
    };
    row("posts", posts);
    let browser = match (&config.browser, std::env::var("BROWSER")) {
        (Some(browser), _) => browser.clone(),
        (None, Ok(env)) if !env.trim().is_empty() => {
            fill(words.config_from_browser, &[("value", &env)])
        }
        _ => words.config_system_opener.to_string(),
    };
    row("browser", browser);
    row("sort", name_of(&SortOrder::NAMES, &config.sort).to_string());
    row("date_format", config.date_format.clone());
    row(
        "article_width",
        config
            .article_width
            .map_or(words.config_pane_width.to_string(), |w| w.to_string()),
    );
    row("ascii_borders", config.ascii_borders.to_string());
    row("utc", config.utc.to_string());
    row(
        "hyperlinks",
        name_of(&crate::config::HyperlinkMode::NAMES, &config.hyperlinks).to_string(),
    );
    row(
        "mark_read",
        name_of(&MarkReadOn::NAMES, &config.mark_read).to_string(),
    );
    row(
        "colour",
        if crate::config::no_color_requested() {
            words.config_colour_off
        } else {
            words.config_colour_on
        }
        .to_string(),
    );
    for (name, color) in &config.theme.entries {
        row(&format!("theme.{name}"), color.to_string());
    }
    let keymap = KeyMap::with_overrides(&config.key_overrides).0;
    row("", String::new());
    for command in Command::ALL {
        row(
            &format!("keys.{}", command.name()),
            format!(
                "{}    # {}",
                keymap.keys_of(*command).join(" "),
                command.describe(words)
            ),
        );
    }
    print_out(&out)?;
    Ok(ExitCode::SUCCESS)
}
