//! The interface language: every word brief shows a person, in English, Simplified Chinese,
//! Traditional Chinese and Japanese, and the choice of which one to use.
//!
//! - [`Lang`] names a language; [`choose`] picks the interface language from the config's
//!   `language`, else `LC_ALL`, `LC_MESSAGES`, `LANG` (the first of them that is set and not
//!   empty decides, as gettext reads them), else English.
//! - [`Catalog`] holds every string, one field per key; each language is one `const` of it
//!   (`en.rs`, `zh_hans.rs`, `zh_hant.rs`, `ja.rs` beside this file), so a key missing
//!   from a language does not compile. A template names its arguments in braces (`{n}`) and
//!   [`fill`] puts them in; a test checks that every language fills the same names as English,
//!   that no entry is empty, and that no translated entry is left in English.
//! - [`post_language`] tells the language of a post from its `lang` field, else from the
//!   script of its title and the first KiB of its body, for the labels inside an article.
//! - [`localize_date_format`] puts weekday and month names into a `date_format`; numbers
//!   stay numeric in every language.
//!
//! Why a typed catalog rather than fluent or rust-i18n: brief has about two hundred short
//! strings and no plural rules beyond what `{n}` with "(s)" or a counter word covers; a
//! struct makes a missing key a compile error in every language (fluent and rust-i18n find
//! it at run time or in a lint), costs no dependency, no parsing at start-up and no
//! allocation to look a string up.
//!
//! **Adding a key**: add one line `my_key,` (with a `///` saying where it is shown) to the
//! `catalog!` list below, then one line `my_key: "…",` to each of the four language files.
//! The compiler names every file that lacks it.
//!
//! This crate depends only on std and jiff (for dates); it must not depend on `app`, `ui`,
//! `tui`, `store`, ratatui or crossterm: `render`, `config`, `cli` and the UI all use it.

mod dates;
mod en;
mod ja;
mod script;
mod zh_hans;
mod zh_hant;

pub use dates::localize_date_format;
pub use script::{detect_script, post_language};

use std::fmt;

/// A language brief speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    /// Simplified Chinese.
    ZhHans,
    /// Traditional Chinese.
    ZhHant,
    Ja,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::ZhHans, Lang::ZhHant, Lang::Ja];

    /// The name the config file uses: `en`, `zh-Hans`, `zh-Hant`, `ja`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::Ja => "ja",
        }
    }

    /// Every string in this language.
    pub fn catalog(self) -> &'static Catalog {
        match self {
            Lang::En => &en::CATALOG,
            Lang::ZhHans => &zh_hans::CATALOG,
            Lang::ZhHant => &zh_hant::CATALOG,
            Lang::Ja => &ja::CATALOG,
        }
    }

    /// A language tag or locale name: `en`, `zh-Hans`, `zh-Hant`, `ja`, and also `zh_CN`,
    /// `zh-TW`, `ja_JP.UTF-8`, `en_US@euro`, `C`, `POSIX` (English). `None` for a language
    /// brief does not speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        let tag = tag.split(['.', '@']).next().unwrap_or("");
        let mut parts = tag.split(['_', '-']);
        let language = parts.next().unwrap_or("").to_ascii_lowercase();
        let rest: Vec<String> = parts.map(str::to_ascii_lowercase).collect();
        let has = |s: &str| rest.iter().any(|p| p == s);
        match language.as_str() {
            "c" | "posix" if rest.is_empty() => Some(Lang::En),
            "en" => Some(Lang::En),
            "ja" | "jp" => Some(Lang::Ja),
            "zh" if has("hant") => Some(Lang::ZhHant),
            "zh" if has("hans") => Some(Lang::ZhHans),
            "zh" if has("tw") || has("hk") || has("mo") => Some(Lang::ZhHant),
            "zh" => Some(Lang::ZhHans),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Where the interface language came from, for `brief config`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LangSource {
    /// The config file's `language`.
    Config,
    /// An environment variable, with its value.
    Env { var: &'static str, value: String },
    /// Nothing chose: English.
    Default,
}

/// The environment variables read, in the order gettext reads them.
pub const LOCALE_VARS: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

/// The interface language: `configured` if set, else the first of `LC_ALL`, `LC_MESSAGES`,
/// `LANG` that `env` gives a non-empty value for (a language brief does not speak means
/// English), else English.
pub fn choose(
    configured: Option<Lang>,
    env: impl Fn(&str) -> Option<String>,
) -> (Lang, LangSource) {
    if let Some(lang) = configured {
        return (lang, LangSource::Config);
    }
    for var in LOCALE_VARS {
        if let Some(value) = env(var).filter(|v| !v.trim().is_empty()) {
            let lang = Lang::from_tag(&value).unwrap_or(Lang::En);
            return (lang, LangSource::Env { var, value });
        }
    }
    (Lang::En, LangSource::Default)
}

/// [`choose`] from the process's environment.
pub fn choose_from_env(configured: Option<Lang>) -> (Lang, LangSource) {
    choose(configured, |var| std::env::var(var).ok())
}

/// `template` with each `{name}` replaced by its value in `args`; other braces stay.
pub fn fill(template: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (v.to_string(), close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(&value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

macro_rules! catalog {
    ($($(#[doc = $doc:expr])* $key:ident,)*) => {
        /// Every string of one language; see the module doc for how to add one.
        #[derive(Debug)]
        pub struct Catalog {
            $($(#[doc = $doc])* pub $key: &'static str,)*
        }

        impl Catalog {
            /// Every key with its text, in declaration order.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key)),*]
            }
        }
    };
}

catalog! {
    // ── Panes of the reader ──
    /// Title of the tag pane.
    pane_tags,
    /// Title of the post list: posts in view / all posts.
    pane_posts,
    /// Title of the article pane.
    pane_article,
    /// Heading of the tags in the tag pane.
    tag_group_tags,
    /// Heading of the categories in the tag pane.
    tag_group_categories,
    /// The list's heading of the posts without a date.
    day_undated,
    /// After today's date in the list's day heading.
    day_today,
    /// After yesterday's date in the list's day heading.
    day_yesterday,
    /// Shown in the tag pane when no post in view has a tag or a category.
    tags_none,
    /// Heads the categories in the tag pane when no post in view has a tag.
    tags_none_but_categories,
    /// Scroll position in the article pane's border.
    article_line,
    /// The article pane before a post is opened.
    article_hint,
    /// While posts or an article load.
    loading,
    /// The list of an empty folder.
    list_empty,
    /// The list when filters hide every post.
    list_no_match,
    /// Names for `date_format`'s `%a`, `%A`, `%b`/`%h` and `%B`: seven weekdays from Monday
    /// or twelve months, separated by single spaces.
    weekdays_short,
    weekdays_long,
    months_short,
    months_long,
    /// View modes, in the status bar and `msg_showing`.
    view_all,
    view_unread,
    view_starred,
    /// After the search text while bodies are still searched.
    status_searching,
    /// Status bar, when some files had problems.
    status_problems,
    /// Right of the status bar while typing a search.
    hint_search,
    /// Right of the status bar otherwise.
    hint_main,
    /// Title of the help overlay.
    help_title,
    /// Title of the ! box that lists the start-up's warnings.
    warnings_title,
    /// Title of the link picker.
    links_title,

    // ── Messages in the status bar ──
    msg_no_link_to_open,
    msg_no_links,
    msg_showing,
    msg_reloading,
    msg_no_link_number,
    msg_refused,
    msg_no_link_to_copy,
    msg_copied,
    /// Status after n when no unread post comes after.
    msg_no_more_unread,
    /// Status after N when no unread post comes before.
    msg_no_earlier_unread,
    /// Status after Space at the end of the last unread post.
    msg_end_of_last_unread,
    /// Status after A when every post in view is read.
    msg_nothing_to_mark_read,
    /// Status after A marked n posts read.
    msg_marked_read,
    /// Status after U with nothing to undo.
    msg_nothing_to_undo,
    /// Status after U put back the marks of n posts.
    msg_restored,
    /// Status after } on the last day of the list.
    msg_no_later_day,
    /// Status after { on the first day of the list.
    msg_no_earlier_day,
    /// Status at start-up when it gave several warnings.
    msg_warnings,
    /// Status after ! when start-up gave no warning.
    msg_no_warnings,
    /// Status after y inside a tmux that drops OSC 52.
    msg_copy_tmux_drops,
    /// Status after y outside tmux: the link went out by OSC 52, which the terminal may ignore.
    msg_copy_sent,
    msg_opened,
    msg_opened_with,
    msg_could_not_open,
    msg_no_search,
    msg_no_match,
    msg_match,
    msg_filter,

    // ── Labels inside an article (these follow the post's language) ──
    /// Image placeholder: `[图片 4: alt]`.
    label_image,
    /// Heads the link list.
    label_links,
    /// Heading, in the link list and the link picker, of the post's own links above its first story
    label_links_post,
    /// Heading, in the link list and the link picker, of a story whose heading is empty
    label_untitled_story,
    /// Before the source's host in the header.
    label_source,
    /// Before the categories in the header.
    label_categories,
    /// Before the tags in the header.
    label_tags,

    // ── The help overlay and `brief config`: what each key does ──
    key_move_down,
    key_move_up,
    key_top,
    key_bottom,
    key_half_page_down,
    key_half_page_up,
    key_page_down,
    key_page_up,
    key_open,
    key_back,
    key_focus_next,
    key_focus_previous,
    key_focus_tags,
    key_toggle_tag,
    key_next_tag,
    key_previous_tag,
    key_clear_filters,
    key_search,
    key_next_match,
    key_previous_match,
    key_open_link,
    key_link_picker,
    key_copy_link,
    key_toggle_read,
    key_toggle_star,
    key_cycle_view,
    /// Help: what mark_view_read does.
    key_mark_view_read,
    /// Help: what undo_marks does.
    key_undo_marks,
    /// Help: what next_section does (a day in the list, a story in an article).
    key_next_section,
    /// Help: what previous_section does.
    key_previous_section,
    /// Help: what show_warnings does.
    key_show_warnings,
    key_reload,
    key_help,
    key_quit,
    key_quit_now,
    key_suspend,
    /// The digits 1-9.
    key_numbered_link,
    /// The name shown for the mouse in the keys column.
    key_mouse_name,
    key_mouse,

    // ── Subcommands ──
    /// `brief check`'s last line.
    check_summary,
    /// `brief list` on stderr when posts had errors.
    list_problems,
    /// `brief tags`' kind column (its `--json` keeps `tag` and `category`).
    tags_kind_tag,
    tags_kind_category,
    /// `brief config` rows and values.
    config_file,
    config_state_file,
    config_cache_folder,
    config_not_present,
    config_current_folder,
    config_from_browser,
    config_system_opener,
    config_pane_width,
    config_colour_on,
    config_colour_off,
    config_language_from_config,
    config_language_from_env,
    config_language_default,
    /// A config problem: `{path}:{line}: warning: {message}; using the default`.
    cfg_warning,
    cfg_not_toml,
    cfg_posts,
    cfg_browser,
    cfg_sort,
    cfg_date_format,
    cfg_article_width,
    cfg_ascii_borders,
    cfg_mark_read,
    cfg_language,
    /// Config warning: a bad utc value.
    cfg_utc,
    /// Config warning: a bad hyperlinks value.
    cfg_hyperlinks,
    /// Config warning: a key bound to two commands; the winner keeps it.
    cfg_key_bound_twice,
    cfg_unknown_colour,
    cfg_bad_colour,
    cfg_theme_table,
    cfg_unknown_command,
    cfg_not_a_key,
    cfg_keys_value,
    cfg_keys_table,
    cfg_unknown_key,
    /// Errors of any command.
    cli_no_such_path,
    cli_cannot_write,

    // ── Problems in posts (`brief check`, `brief list`'s stderr, the reader) ──
    /// A file or folder that could not be read; `{error}` is the system's own text.
    diag_cannot_read,
    /// A FIFO, device or socket named like a post.
    diag_not_regular,
    /// A post larger than the size limit; sizes in MiB.
    diag_too_large,
    diag_empty,
    diag_binary,
    diag_decoded_as,
    diag_no_front_matter,
    diag_headless,
    diag_front_unclosed,
    /// Sizes in KiB.
    diag_front_too_large,
    diag_front_too_deep,
    /// `{error}` is the YAML parser's own (English) text.
    diag_not_yaml,
    /// `{error}` is the TOML parser's own (English) text.
    diag_not_toml,
    /// Front matter that parses but is not `key: value` lines.
    diag_not_a_map,
    /// `{field}` is `key: value` as the post wrote it.
    diag_date_ambiguous,
    diag_date_unknown,
    /// Ends a date warning when the post has no date at all.
    diag_undated,
    /// Ends a date warning when the post's path gave it a date.
    diag_dated_from_path,
    /// `brief check`: a template tag left out of the article.
    diag_template,
    /// `brief check`: one note for a folder whose posts all lack front matter.
    diag_folder_without_front_matter,
    /// `brief check`: a body nested deeper than the layout honours.
    diag_nesting_flattened,
    /// One of brief's own files (marks, the index cache) that is not a regular file.
    refused_not_regular,
    /// One of brief's own files that is too large; sizes in MiB.
    refused_too_large,
    /// Kinds of file in `diag_not_regular` and `refused_not_regular`.
    kind_folder,
    kind_fifo,
    kind_device,
    kind_socket,
    kind_other,
    /// `--verbose` notes about the index cache.
    note_cache_dropped,
    note_cache_refused,
    /// The marks (state) file: some lines could not be read; `{error}` is the JSON parser's
    /// own text, `{then}` is `marks_set_aside` or `marks_others_used`.
    marks_corrupt,
    marks_set_aside,
    marks_others_used,
    /// The marks file is locked by another brief.
    marks_locked,
    /// The marks file could not be read or written; `{error}` is the system's own text.
    marks_io,
    /// A state file beside the marks (reading positions, search history) had a line that
    /// did not parse and was set aside; `{error}` is the JSON parser's own text.
    state_corrupt,
    /// That state file's lock is held by another brief; this save was not made.
    state_locked,

    // ── `--help` ──
    help_about,
    help_path,
    help_config,
    help_no_cache,
    help_verbose,
    help_list,
    help_tags,
    help_check,
    help_show,
    help_config_command,
    help_json,
    help_width,
    help_show_width,
    help_tag,
    help_category,
    help_search,
    help_unread,
    help_starred,
    help_sub_path,
    help_tags_json,
    help_file,
    help_color,
    help_help,
    help_version,
    /// Headings of `--help`, without the colon clap adds.
    help_usage,
    help_commands,
    help_arguments,
    help_options,

    // ── Stories (issue 16) ──
    /// `brief stories`' line in `--help`.
    help_stories,
    /// `brief stories --since`.
    help_since,
    /// `brief list --stories`.
    help_list_stories,
    /// `brief stories`: the other sources of a story.
    stories_also,
    /// `--since` with something that is not a date.
    cli_bad_since,
    /// Status bar: the story at the top of the article.
    story_status,
    /// Title of the story outline.
    stories_title,
    /// Quiet mark after a story first seen in an earlier post.
    story_seen,
    /// Outline of stories: a story of this post already seen (on screen or its source opened).
    story_seen_here,
    /// Quiet hint in the story outline: a story of a post within a week has a near heading (never merged)
    story_perhaps_also,
    /// `O` on a post without stories.
    msg_no_stories,
    key_story_outline,
    key_fold_repeats,
    /// After `z`: repeated stories are folded.
    msg_folded,
    /// After `z` again.
    msg_unfolded,
    /// In the list, after a post's title: its stories not yet seen, out of all.
    list_new_stories,
    /// The view mode of posts that have stories not yet seen.
    view_new_stories,
}

#[cfg(test)]
mod tests;
