use super::*;

/// The `{name}` placeholders of a template, sorted.
fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            let name = &rest[..close];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                names.push(name.to_string());
            }
        }
    }
    names.sort_unstable();
    names
}

/// Letters of `text` outside placeholders, key names and commands that stay in every
/// language.
fn words(text: &str) -> String {
    let mut text = text.to_string();
    for name in placeholders(&text.clone()) {
        text = text.replace(&format!("{{{name}}}"), " ");
    }
    text
}

#[test]
fn every_language_has_every_key_filled_and_translated() {
    let english = Lang::En.catalog().entries();
    assert!(english.len() > 100, "{} keys", english.len());
    for lang in Lang::ALL {
        let entries = lang.catalog().entries();
        assert_eq!(entries.len(), english.len());
        for ((key, text), (en_key, en_text)) in entries.iter().zip(&english) {
            assert_eq!(key, en_key);
            assert!(!text.trim().is_empty(), "{lang}: `{key}` is empty");
            assert_eq!(
                placeholders(text),
                placeholders(en_text),
                "{lang}: `{key}` fills other names than English"
            );
            if lang != Lang::En {
                let has_words = words(en_text)
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w.len() > 3 && w.chars().all(|c| c.is_ascii_lowercase()));
                assert!(
                    !has_words || text != en_text,
                    "{lang}: `{key}` is left in English"
                );
                assert!(
                    !text.is_ascii() || !has_words,
                    "{lang}: `{key}` has no {lang} text: {text}"
                );
            }
        }
    }
}

#[test]
fn fill_puts_each_named_value_in_and_leaves_other_braces() {
    assert_eq!(
        fill("{a} and {b}, {a}; {c} {", &[("a", &1), ("b", &"x")]),
        "1 and x, 1; {c} {"
    );
    assert_eq!(
        fill("文章 {shown}/{total}", &[("shown", &3), ("total", &9)]),
        "文章 3/9"
    );
}

#[test]
fn locale_names_map_as_gettext_reads_them() {
    for (tag, lang) in [
        ("en", Some(Lang::En)),
        ("en_US.UTF-8", Some(Lang::En)),
        ("C", Some(Lang::En)),
        ("C.UTF-8", Some(Lang::En)),
        ("POSIX", Some(Lang::En)),
        ("zh-Hans", Some(Lang::ZhHans)),
        ("zh_CN.UTF-8", Some(Lang::ZhHans)),
        ("zh_SG", Some(Lang::ZhHans)),
        ("zh", Some(Lang::ZhHans)),
        ("zh-Hant", Some(Lang::ZhHant)),
        ("zh_TW.UTF-8", Some(Lang::ZhHant)),
        ("zh_HK.Big5HKSCS", Some(Lang::ZhHant)),
        ("zh-Hant-HK", Some(Lang::ZhHant)),
        ("ja", Some(Lang::Ja)),
        ("ja_JP.UTF-8", Some(Lang::Ja)),
        ("fr_FR.UTF-8", None),
        ("", None),
    ] {
        assert_eq!(Lang::from_tag(tag), lang, "{tag}");
    }
}

#[test]
fn the_config_wins_then_the_first_set_variable_then_english() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |var: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == var)
                .map(|(_, v)| v.to_string())
        }
    };
    let all = env(&[("LC_ALL", "ja_JP.UTF-8"), ("LANG", "zh_TW.UTF-8")]);
    assert_eq!(choose(Some(Lang::ZhHans), all).0, Lang::ZhHans);
    assert_eq!(choose(Some(Lang::ZhHans), all).1, LangSource::Config);
    assert_eq!(
        choose(None, all),
        (
            Lang::Ja,
            LangSource::Env {
                var: "LC_ALL",
                value: "ja_JP.UTF-8".into()
            }
        )
    );
    let empty_all = env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_HK"), ("LANG", "ja_JP")]);
    assert_eq!(choose(None, empty_all).0, Lang::ZhHant);
    // A language brief does not speak, first in line, means English, as gettext does.
    let french = env(&[("LC_ALL", "fr_FR.UTF-8"), ("LANG", "ja_JP.UTF-8")]);
    assert_eq!(choose(None, french).0, Lang::En);
    assert_eq!(choose(None, env(&[])), (Lang::En, LangSource::Default));
}
