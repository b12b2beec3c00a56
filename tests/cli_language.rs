//! The interface language on the command line: chosen by the config, else the locale
//! variables, else English; the words inside an article follow the post's own language.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

mod common;
use common::sample;

/// `brief` with its own files inside `home`, no locale variables but `locale` as `LANG`.
fn brief(home: &Path, locale: &str) -> Command {
    let mut cmd = common::brief(home);
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .env("LANG", locale);
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// Posts written for this test, one per script, each with an image and a source.
fn posts(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let english = dir.join("english.md");
    std::fs::write(
        &english,
        "---\ntitle: Chips in March\nsource: https://news.example.org/a\ntags: [chips]\n---\n\nA short note on chips.\n\n![A wafer](https://img.example.org/w.png)\n",
    )
    .unwrap();
    let traditional = dir.join("traditional.md");
    std::fs::write(
        &traditional,
        "---\ntitle: 半導體週報\nsource: https://news.example.org/b\ntags: [晶片]\n---\n\n這週的晶片價格與產能變化不大，業界關注新的廠房。\n\n![晶圓](https://img.example.org/w.png)\n",
    )
    .unwrap();
    let tagged = dir.join("tagged.md");
    std::fs::write(
        &tagged,
        "---\ntitle: 数据中心\nlang: ja\nsource: https://news.example.org/c\n---\n\n![机房](https://img.example.org/r.png)\n",
    )
    .unwrap();
    (english, traditional, tagged)
}

#[test]
fn show_labels_follow_the_post_and_else_the_interface() {
    let home = tempfile::tempdir().unwrap();
    let (english, traditional, tagged) = posts(home.path());
    let japanese = sample("japan/2026-02-20-tokyo-startups.md");

    // An English interface: a Japanese post keeps Japanese labels.
    let out = stdout(brief(home.path(), "en_US.UTF-8").arg("show").arg(&japanese));
    assert!(out.contains("[画像 2: 渋谷のオフィス街]"), "{out}");
    assert!(out.contains("出典 jp.example.com[1]"), "{out}");
    assert!(out.lines().any(|l| l == "リンク"), "{out}");
    assert!(!out.contains("图片"), "{out}");

    // A post in no CJK script takes the interface language.
    for (locale, image, source) in [
        (
            "C.UTF-8",
            "[Image 2: A wafer]",
            "Source news.example.org[1]",
        ),
        (
            "zh_CN.UTF-8",
            "[图片 2: A wafer]",
            "来源 news.example.org[1]",
        ),
        (
            "zh_TW.UTF-8",
            "[圖片 2: A wafer]",
            "來源 news.example.org[1]",
        ),
        (
            "ja_JP.UTF-8",
            "[画像 2: A wafer]",
            "出典 news.example.org[1]",
        ),
    ] {
        let out = stdout(brief(home.path(), locale).arg("show").arg(&english));
        assert!(
            out.contains(image) && out.contains(source),
            "{locale}: {out}"
        );
    }

    // Traditional characters tell Traditional Chinese; `lang:` outranks the script.
    let out = stdout(brief(home.path(), "C").arg("show").arg(&traditional));
    assert!(
        out.contains("[圖片 2: 晶圓]") && out.contains("標籤 #晶片"),
        "{out}"
    );
    let out = stdout(brief(home.path(), "zh_CN.UTF-8").arg("show").arg(&tagged));
    assert!(out.contains("[画像 2: 机房]"), "{out}");
}

#[test]
fn config_shows_the_language_and_where_it_came_from() {
    let home = tempfile::tempdir().unwrap();
    let row = |out: &str| {
        out.lines()
            .find(|l| l.starts_with("language "))
            .map(|l| l["language".len()..].trim().to_string())
            .unwrap_or_default()
    };
    let out = stdout(brief(home.path(), "ja_JP.UTF-8").arg("config"));
    assert_eq!(row(&out), "ja（LANG=ja_JP.UTF-8 から）", "{out}");
    assert!(out.contains("設定ファイル"), "{out}");

    let out = stdout(
        brief(home.path(), "zh_CN.UTF-8")
            .env("LC_ALL", "zh_HK.UTF-8")
            .arg("config"),
    );
    assert_eq!(row(&out), "zh-Hant（來自 LC_ALL=zh_HK.UTF-8）", "{out}");

    let out = stdout(brief(home.path(), "").arg("config"));
    assert_eq!(row(&out), "en (the default: no language set)", "{out}");

    let config = home.path().join("brief.toml");
    std::fs::write(&config, "language = \"zh-Hans\"\n").unwrap();
    let out = stdout(
        brief(home.path(), "ja_JP.UTF-8")
            .arg("--config")
            .arg(&config)
            .arg("config"),
    );
    assert_eq!(row(&out), "zh-Hans（来自配置文件）", "{out}");
    assert!(out.contains("# 向下移动"), "{out}");
}

#[test]
fn check_and_errors_speak_the_interface_language() {
    let home = tempfile::tempdir().unwrap();
    let (english, ..) = posts(home.path());
    let out = stdout(brief(home.path(), "zh_TW.UTF-8").arg("check").arg(&english));
    assert!(
        out.contains("檢查了 1 個檔案，載入 1 篇文章：0 個錯誤，0 個警告"),
        "{out}"
    );
    let out = brief(home.path(), "ja_JP.UTF-8")
        .args(["list", "/no/such/folder"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("そのようなファイルやフォルダはありません"),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn tags_names_the_kind_in_the_interface_language_and_json_keeps_it() {
    let home = tempfile::tempdir().unwrap();
    let out = stdout(
        brief(home.path(), "zh_CN.UTF-8")
            .arg("tags")
            .arg(sample("japan")),
    );
    assert!(out.lines().any(|l| l.contains("  分类  japan")), "{out}");
    assert!(out.lines().any(|l| l.contains("  标签  日本")), "{out}");
    let out = stdout(
        brief(home.path(), "zh_CN.UTF-8")
            .args(["tags", "--json"])
            .arg(sample("japan")),
    );
    let tags: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        tags.as_array()
            .unwrap()
            .iter()
            .any(|t| t["kind"] == "category" && t["name"] == "japan"),
        "{out}"
    );
}
