//! Every sample post as `brief show` prints it (no colour) at 40 and 80 columns.

use brief_core::render::render_article;
use brief_core::store::{LoadOptions, load_file};
use std::path::{Path, PathBuf};

mod common;

fn sample_posts() -> Vec<PathBuf> {
    let root = common::samples();
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("sample-posts is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if brief_core::store::is_post_file(&path) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn sample_posts_at_40_and_80_columns() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-posts");
    let files = sample_posts();
    assert!(
        files.len() >= 10,
        "expected the sample posts, found {files:?}"
    );
    for path in files {
        let loaded = load_file(&path, &LoadOptions::default()).expect("sample posts load");
        let name = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace(['/', '\\', '.'], "_");
        for width in [40, 80] {
            let article = render_article(&loaded.post, &loaded.body, width);
            for line in &article.lines {
                assert!(
                    line.width() <= width || line.plain().trim_start().starts_with("http"),
                    "{name} at {width}: {:?} is {} wide",
                    line.plain(),
                    line.width()
                );
            }
            insta::assert_snapshot!(format!("{name}_{width}"), article.plain_text());
        }
    }
}
