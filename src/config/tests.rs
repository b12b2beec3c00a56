//! Reading config text: every key, its checks, and the line each problem names.

use super::*;
use crate::app::keymap::KeyMap;
use crate::settings::{Colour, ThemeSlot};
use brief_i18n::Lang;

fn parse(text: &str) -> (Config, Vec<ConfigProblem>) {
    Config::parse(text, Path::new("config.toml"))
}

#[test]
fn every_key_is_read() {
    let (config, problems) = parse(
        "posts = [\"/a\", \"/b\"]\nbrowser = \"w3m\"\nsort = \"title\"\ndate_format = \"%m-%d\"\narticle_width = 72\nascii_borders = true\nmark_read = \"end\"\nlanguage = \"zh-Hant\"\n[theme]\naccent = \"#ff8800\"\n[keys]\nquit = \"x\"\nmove_down = [\"j\", \"Ctrl-n\"]\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.posts, [PathBuf::from("/a"), PathBuf::from("/b")]);
    assert_eq!(config.browser.as_deref(), Some("w3m"));
    assert_eq!(
        (
            config.sort,
            config.article_width,
            config.ascii_borders,
            config.mark_read
        ),
        (SortOrder::Title, Some(72), true, MarkReadOn::End)
    );
    assert_eq!(
        config.theme.entries,
        [(ThemeSlot::Accent, Colour::Rgb(0xff, 0x88, 0))]
    );
    assert_eq!(config.key_overrides.len(), 2);
    assert_eq!(config.language, Some(Lang::ZhHant));
    assert_eq!(
        config.interface_language(),
        (Lang::ZhHant, LangSource::Config)
    );
}

#[test]
fn a_language_brief_does_not_speak_is_reported_and_left_to_the_locale() {
    let (config, problems) = parse("language = \"fr\"\n");
    assert_eq!(config.language, None);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].issue, ConfigIssue::Language);
    assert!(problems[0].to_string().contains("zh-Hans"), "{problems:?}");
}

#[test]
fn unknown_keys_and_bad_values_are_reported_with_their_line() {
    let (config, problems) = parse(
        "sort = \"random\"\ncolour = 3\n\n[theme]\nacent = \"red\"\ntag = \"not-a-colour\"\n[keys]\nfly = \"f\"\nquit = \"Hyper-q\"\n",
    );
    let lines: Vec<(usize, String)> = problems
        .iter()
        .map(|p| (p.line, p.issue.to_string()))
        .collect();
    assert_eq!(lines.len(), 6, "{lines:?}");
    assert_eq!(lines[0].0, 1);
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 2 && m.contains("unknown key `colour`"))
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 5 && m.contains("theme.acent"))
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 6 && m.contains("theme.tag"))
    );
    assert!(lines.iter().any(|(l, m)| *l == 8 && m.contains("keys.fly")));
    assert!(lines.iter().any(|(l, m)| *l == 9 && m.contains("Hyper-q")));
    assert_eq!(config.sort, SortOrder::Newest, "defaults stay");
    assert_eq!(
        problems[5].issue,
        ConfigIssue::NotAKey {
            command: "quit".into(),
            key: "Hyper-q".into()
        }
    );
}

#[test]
fn problems_are_worded_in_the_interface_language() {
    let (_, problems) = parse(
        "colour = 3
[keys]
quit = \"Hyper-q\"
",
    );
    let ja = Lang::Ja.catalog();
    assert_eq!(
        problems[0].localized(ja),
        "config.toml:1: 警告：不明なキー `colour`。既定値を使います"
    );
    assert!(
        problems[1]
            .localized(Lang::ZhHant.catalog())
            .contains("keys.quit：`Hyper-q` 不是按鍵"),
        "{problems:?}"
    );
    assert_eq!(
        problems[0].to_string(),
        "config.toml:1: warning: unknown key `colour`; using the default"
    );
}

#[test]
fn broken_toml_names_its_line_and_keeps_defaults() {
    let (config, problems) = parse("sort = \"title\"\nposts = [\n");
    assert_eq!(problems.len(), 1);
    assert!(problems[0].line >= 2);
    assert_eq!(config.sort, SortOrder::Newest);
}

#[test]
fn a_missing_default_file_is_fine_but_a_missing_explicit_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths {
        config_file: dir.path().join("none.toml"),
        state_file: dir.path().join("s"),
        cache_dir: dir.path().to_path_buf(),
    };
    assert!(Config::load(None, &paths).unwrap().file.is_none());
    assert!(Config::load(Some(&dir.path().join("missing.toml")), &paths).is_err());
}

#[test]
fn utc_is_read_and_checked() {
    assert!(!parse("").0.utc);
    assert!(parse("utc = true\n").0.utc);
    let (config, problems) = parse("utc = \"yes\"\n");
    assert!(!config.utc);
    assert_eq!(problems.len(), 1);
}

#[test]
fn hyperlinks_is_read_and_checked() {
    assert_eq!(parse("").0.hyperlinks, HyperlinkMode::Auto);
    assert_eq!(
        parse("hyperlinks = \"never\"\n").0.hyperlinks,
        HyperlinkMode::Never
    );
    assert_eq!(
        parse("hyperlinks = \"always\"\n").0.hyperlinks,
        HyperlinkMode::Always
    );
    let (config, problems) = parse("sort = \"title\"\nhyperlinks = true\n");
    assert_eq!(config.hyperlinks, HyperlinkMode::Auto);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, 2);
    assert_eq!(problems[0].issue, ConfigIssue::Hyperlinks);
}

#[test]
fn a_key_bound_to_two_commands_is_a_warning_naming_both_on_its_line() {
    let (config, problems) = parse("sort = \"newest\"\n[keys]\nquit = \"j\"\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, 3);
    let message = &problems[0].issue.to_string();
    assert!(
        message.contains("keys.quit") && message.contains("move_down") && message.contains("`j`"),
        "{message}"
    );
    assert!(
        KeyMap::default().conflicts().is_empty(),
        "the defaults agree"
    );
    assert_eq!(config.key_overrides.len(), 1);
}
