//! Config cases as files, as bottom keeps them: every `tests/fixtures/config/NAME.toml` is read
//! as a config file, and `NAME.expected` holds the warnings brief gives for it, one a line, in
//! English (empty for a good config). Add a case by adding the two files.

use brief::config::Config;
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the config fixtures folder")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_config_fixture_gives_exactly_its_expected_warnings() {
    let cases = cases();
    assert!(cases.len() >= 10, "the fixtures are there: {cases:?}");
    let mut failures = Vec::new();
    for case in &cases {
        let text = std::fs::read_to_string(case).expect("a readable fixture");
        let name = Path::new(case.file_name().expect("a file name"));
        let expected_file = case.with_extension("expected");
        let expected = std::fs::read_to_string(&expected_file)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_file.display()));
        let (_, problems) = Config::parse(&text, name);
        let got: String = problems.iter().map(|p| format!("{p}\n")).collect();
        if got != expected {
            failures.push(format!(
                "{}\n--- expected\n{expected}--- got\n{got}",
                name.display()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn a_good_config_is_read_whole() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config/valid.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let (config, problems) = Config::parse(&text, &path);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.posts.len(), 2);
    assert_eq!(config.article_width, Some(72));
    assert_eq!(config.theme.entries.len(), 3);
    assert_eq!(config.key_overrides.len(), 2);
}
