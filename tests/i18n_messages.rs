//! Every problem brief reports about posts, its own files and the index cache is worded in
//! each interface language, with every placeholder filled and no English left in the
//! translations (the catalog's own test checks each entry; this one checks what the code
//! builds from them: the file kinds, the date endings, the refusals).

use brief_core::bounded_read::{FileKind, Refused};
use brief_core::marks::MarksError;
use brief_core::store::{Diagnostic, DiagnosticKind, LoadNote};
use brief_i18n::Lang;
use std::path::PathBuf;

mod common;

/// Every message the code can build, each in `lang`, with a label for failures.
fn every_message(lang: Lang) -> Vec<(String, String)> {
    let words = lang.catalog();
    let mut out = Vec::new();
    for kind in DiagnosticKind::samples() {
        // The message alone: the path and `warning` are not words of the language.
        let diagnostic = Diagnostic::warning("posts/a.md", Some(3), kind.clone());
        out.push((format!("{kind:?}"), diagnostic.message(words)));
    }
    let refusals = || {
        let mut all: Vec<Refused> = FileKind::ALL.into_iter().map(Refused::NotRegular).collect();
        all.push(Refused::TooLarge {
            size: 3 << 30,
            limit: 1 << 30,
        });
        all
    };
    for refused in refusals() {
        out.push((format!("{refused:?}"), refused.message(words)));
        let note = LoadNote::CacheRefused {
            file: PathBuf::from("C/I.bin"),
            reason: refused,
        };
        out.push((format!("{note:?}"), note.message(words)));
    }
    let dropped = LoadNote::CacheDropped {
        file: PathBuf::from("C/I.bin"),
        chunks: 2,
    };
    out.push((format!("{dropped:?}"), dropped.message(words)));
    // Paths without English words, so that any left in a message is the catalog's.
    let path = PathBuf::from("S/M.JS");
    for aside in [None, Some(PathBuf::from("S/M.X-1"))] {
        let corrupt = MarksError::Corrupt {
            path: path.clone(),
            bad: vec![(4, "E3".into()), (9, "E4".into())],
            aside,
        };
        out.push((format!("{corrupt:?}"), corrupt.localized(words)));
    }
    let locked = MarksError::Locked { path: path.clone() };
    out.push((format!("{locked:?}"), locked.localized(words)));
    out
}

/// Runs of four or more lowercase ASCII letters: English words, where a translation should
/// have none. `brief` is the program's name in every language.
fn english_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_lowercase())
        .filter(|w| w.len() >= 4 && *w != "brief")
        .collect()
}

#[test]
fn every_problem_is_worded_in_every_language_without_english_left() {
    let english = every_message(Lang::En);
    assert!(english.len() > 30, "{} messages", english.len());
    for lang in Lang::ALL {
        let messages = every_message(lang);
        assert_eq!(messages.len(), english.len());
        for ((label, message), (_, in_english)) in messages.iter().zip(&english) {
            assert!(!message.trim().is_empty(), "{lang}: {label} is empty");
            let unfilled = message
                .split('{')
                .skip(1)
                .filter_map(|rest| rest.split_once('}'))
                .any(|(name, _)| {
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                });
            assert!(
                !unfilled,
                "{lang}: {label} has an unfilled placeholder: {message}"
            );
            if lang != Lang::En {
                assert_ne!(message, in_english, "{lang}: {label} is in English");
                let left = english_words(message);
                assert!(left.is_empty(), "{lang}: {label} keeps {left:?}: {message}");
            }
        }
    }
}

#[test]
fn the_english_wording_is_what_it_was() {
    // Editors and scripts read these; the catalog keeps the English text as it was.
    let render = |kind: DiagnosticKind| {
        Diagnostic::error("posts/a.md", Some(2), kind).render(Lang::En.catalog())
    };
    assert_eq!(
        render(DiagnosticKind::DateAmbiguous {
            field: "date: 01/02/2024".into(),
            dated: None
        }),
        "posts/a.md:2: error: `date: 01/02/2024` could be day/month or month/day; not guessed; the post is undated"
    );
    assert_eq!(
        render(DiagnosticKind::NotRegular(FileKind::Fifo)),
        "posts/a.md:2: error: not a regular file (a FIFO); skipped"
    );
    assert_eq!(
        render(DiagnosticKind::TooLarge {
            size_tenths_mib: 180,
            limit_mib: 16
        }),
        "posts/a.md:2: error: file is 18.0 MiB, over the 16 MiB limit; skipped"
    );
}

#[test]
fn the_severity_word_stays_english_and_paths_stay_visible() {
    let diagnostic = Diagnostic::error("posts/\u{1b}[31ma.md", None, DiagnosticKind::Binary);
    for lang in Lang::ALL {
        let line = diagnostic.render(lang.catalog());
        assert!(
            line.starts_with("posts/\\x1b[31ma.md:1: error: "),
            "{lang}: {line}"
        );
        assert!(!line.contains('\u{1b}'), "{lang}: {line}");
    }
}

/// A folder of posts with problems of many kinds, written for this test.
fn troubled_folder(dir: &std::path::Path) {
    let write = |name: &str, text: &[u8]| std::fs::write(dir.join(name), text).unwrap();
    write(
        "ambiguous.md",
        "---\ntitle: 会議メモ\ndate: 01/02/2024\n---\n\n予定の確認。\n".as_bytes(),
    );
    write(
        "2024-03-05-someday.md",
        "---\ntitle: いつかの話\ndate: いつか\n---\n\n日付のない話。\n".as_bytes(),
    );
    write(
        "template.md",
        "---\ntitle: 雛形\n---\n\n本文です。\n\n{% include signup.html %}\n".as_bytes(),
    );
    write(
        "deep.md",
        format!("---\ntitle: 深い引用\n---\n\n{}引用\n", "> ".repeat(200)).as_bytes(),
    );
    write("unclosed.md", "---\ntitle: 閉じない\n\n本文\n".as_bytes());
    write("binary.md", b"\x00\x01\x02\x00binary\x00");
    write("empty.md", b"");
    write(
        "bad-yaml.md",
        "---\ntitle: [閉じない括弧\n---\n\n本文\n".as_bytes(),
    );
}

fn check_in(folder: &std::path::Path, home: &std::path::Path, locale: &str) -> String {
    let out = common::brief(home)
        .env("LC_ALL", locale)
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .arg("check")
        .arg(folder)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "check finds errors");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn check_speaks_japanese_under_a_japanese_locale_even_from_the_cache() {
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("posts");
    std::fs::create_dir(&folder).unwrap();
    troubled_folder(&folder);
    // English first, so that the Japanese run reads every problem back from the index cache.
    let english = check_in(&folder, home.path(), "C.UTF-8");
    assert!(english.contains("could be day/month"), "{english}");
    assert!(
        std::fs::read_dir(home.path().join("cache"))
            .map(|mut d| d.next().is_some())
            .unwrap_or(false),
        "the first run wrote an index cache"
    );
    let japanese = check_in(&folder, home.path(), "ja_JP.UTF-8");
    for expected in [
        "ambiguous.md:3: warning: `date: 01/02/2024` は日/月とも月/日とも読めます。推測しません。記事は日付なしになります",
        "2024-03-05-someday.md:3: warning: `date: いつか` は brief が読める日付ではありません。代わりにパスから 2024-03-05 としました",
        "template.md:7: warning: テンプレートタグ `{% include signup.html %}` は表示できません。省きました",
        "deep.md:1: warning: 32 段を超える入れ子は平らにして表示します",
        "unclosed.md:1: error: `---` で始まるフロントマターが閉じていません",
        "binary.md:1: error: テキストではなくバイナリファイルです。スキップしました",
        "empty.md:1: warning: 空のファイルです。スキップしました",
        "bad-yaml.md:3: error: フロントマターが正しい YAML ではありません：",
    ] {
        assert!(
            japanese.contains(expected),
            "missing {expected:?} in:\n{japanese}"
        );
    }
    // Every problem line is Japanese apart from the path, `error`/`warning` and what the
    // post or the YAML parser wrote.
    for line in japanese
        .lines()
        .filter(|l| l.contains(": warning: ") || l.contains(": error: "))
    {
        assert!(!line.is_ascii(), "left in English: {line}");
        for english_phrase in [
            "skipped",
            "front matter",
            "not a date",
            "cannot be shown",
            "flattened",
        ] {
            assert!(!line.contains(english_phrase), "left in English: {line}");
        }
    }
    assert_eq!(
        japanese.lines().count(),
        english.lines().count(),
        "the same problems in both languages"
    );
}
