//! `brief show`, `list` and `check` on hostile posts: tabs in link text, and mutated posts
//! (bytes flipped, cut, repeated) that must never panic, hang or let a control character
//! out. Each case runs under a 10 s bound.

use brief_core::render::render_article;
use brief_core::store::{BodyFormat, LoadOptions, Post, load_file, load_path};
use proptest::prelude::*;

mod common;
use common::within;

fn is_hazard(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn tabs_in_link_text_are_laid_out_like_body_text() {
    let body = format!(
        "[a{}b](https://example.com/x) and <a href=\"https://e.org/\">c\t\td</a>\n",
        "\t".repeat(20)
    );
    for format in [BodyFormat::Markdown, BodyFormat::Html] {
        let body = body.clone();
        let lines = within(10, move || {
            let post = Post {
                title: "链接".into(),
                format,
                ..Post::default()
            };
            let article = render_article(&post, &body, 60);
            article
                .lines
                .iter()
                .map(|l| (l.plain(), l.width()))
                .collect::<Vec<_>>()
        });
        for (text, width) in lines {
            assert!(!text.contains('\t'), "{text:?}");
            assert!(
                width <= 60 || text.trim().starts_with("https://"),
                "{text:?}"
            );
        }
    }
}

/// A post of a few kinds of content to mutate.
const SEED: &str = "---\ntitle: 生成的简报 285\ndate: 2026-03-01\ntags: [AI, 云计算]\n---\n\
# 标题\n\n> 引用 **粗体** [链接](https://example.com/a)\n\n- 一\n  - 二\n\n\
| a | b |\n|---|---|\n| 1 | 2 |\n\n<div><b>HTML</b> &amp; 文字</div>\n\n```\ncode\n```\n";

/// Mutations: flip, insert or cut bytes, or repeat a stretch many times.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let ops = prop::collection::vec(
        (0usize..SEED.len(), any::<u8>(), 0u8..4, 1usize..2000),
        1..6,
    );
    ops.prop_map(|ops| {
        let mut bytes = SEED.as_bytes().to_vec();
        for (at, byte, kind, count) in ops {
            let at = at.min(bytes.len());
            match kind {
                0 if at < bytes.len() => bytes[at] ^= byte | 1,
                1 => bytes.insert(at, byte),
                2 => bytes.truncate(at.max(4)),
                _ => {
                    let end = (at + 3).min(bytes.len());
                    let piece = bytes[at..end].to_vec();
                    let repeated: Vec<u8> = piece
                        .iter()
                        .copied()
                        .cycle()
                        .take(piece.len() * count)
                        .collect();
                    bytes.splice(at..at, repeated);
                }
            }
        }
        bytes
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// `show` (load and render), `list` (the listing load) and `check` (its diagnostics, as
    /// printed) on a mutated post: done in time, no control character in any output.
    #[test]
    fn mutated_posts_show_list_and_check_cleanly(bytes in mutated()) {
        let outputs = within(10, move || {
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("post.md");
            std::fs::write(&file, &bytes).unwrap();
            let mut out = Vec::new();
            if let Ok(loaded) = load_file(&file, &LoadOptions::default()) {
                let article = render_article(&loaded.post, &loaded.body, 40);
                out.extend(article.lines.iter().map(|l| l.plain()));
            }
            let listed = load_path(dir.path(), &LoadOptions::default());
            for post in &listed.posts {
                out.push(post.title.clone());
                out.extend(post.tags.iter().cloned());
            }
            out.extend(listed.diagnostics.iter().map(ToString::to_string));
            out
        });
        for text in outputs {
            prop_assert!(!text.chars().any(is_hazard), "{:?}", text);
        }
    }
}
