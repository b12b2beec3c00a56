use super::file::*;
use super::*;
use crate::store::query::Needle;

#[test]
fn the_fields_prefix_ends_after_the_closing_fence_plus_a_sample() {
    let text = b"---\ntitle: a\n---\nbody";
    assert_eq!(fields_prefix_len(text), Some(17 + BODY_SAMPLE_BYTES));
    assert_eq!(
        fields_prefix_len(b"\xef\xbb\xbf+++\r\nx = 1\r\n+++\r\n"),
        Some(20 + BODY_SAMPLE_BYTES)
    );
    assert_eq!(
        fields_prefix_len(b"# no front matter"),
        Some(BODY_SAMPLE_BYTES)
    );
    assert_eq!(fields_prefix_len(b"---\ntitle: cut off"), None);
}

#[test]
fn a_heading_past_the_sample_gives_the_same_title_to_listing_and_full_loading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("post.md");
    let text = format!(
        "---\ntags: [a]\n---\n{}\n\n# 真正的标题\n",
        "正文。".repeat(200)
    );
    std::fs::write(&path, text).unwrap();
    let fields = load_fields(&path, &LoadOptions::default(), Found::Walking)
        .0
        .unwrap();
    let full = load_file(&path, &LoadOptions::default()).unwrap();
    assert_eq!(fields.post.title, "post");
    assert_eq!(full.post, fields.post);
}

#[test]
fn the_body_search_looks_in_the_body_not_the_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("post.md");
    std::fs::write(
        &path,
        "---\nlayout: post\ntitle: 标题\n---\nOpenAI 与云计算\n",
    )
    .unwrap();
    let found = |text: &str| body_contains(&path, &Needle::new(text));
    assert!(found("openai") && found("云计算"));
    assert!(!found("layout") && !found("标题"));
}

#[test]
fn listing_and_full_loading_agree() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("post.md");
    let long_body = "正文。".repeat(3000);
    std::fs::write(
        &path,
        format!("---\ntitle: 标题\ntags: [a]\n---\n{long_body}\n"),
    )
    .unwrap();
    let fields = load_fields(&path, &LoadOptions::default(), Found::Walking)
        .0
        .unwrap();
    let full = load_file(&path, &LoadOptions::default()).unwrap();
    assert_eq!(fields.post, full.post);
    assert_eq!(full.body.trim_end(), long_body);
}

#[test]
fn reading_a_body_again_gives_the_body_of_a_full_load() {
    let dir = tempfile::tempdir().unwrap();
    let texts: [&[u8]; 4] = [
        b"---\ntitle: a\n---\nbody\r\nline\x1b[31m\n",
        b"\xef\xbb\xbf+++\r\ntitle = \"b\"\r\n+++\r\n# h\r\n",
        b"no front matter\n",
        b"---\ntitle: \xb1\xea\xcc\xe2\n---\n\xd5\xfd\xce\xc4\n",
    ];
    for (i, text) in texts.iter().enumerate() {
        let path = dir.path().join(format!("{i}.md"));
        std::fs::write(&path, text).unwrap();
        let full = load_file(&path, &LoadOptions::default()).unwrap();
        assert_eq!(read_body(&full.post).unwrap(), full.body, "post {i}");
    }
}

/// Reading a file whole to hand its body over changes nothing in its post, and the body is the
/// one read again later: with front matter past the short read, a body past it, another
/// encoding, control characters, no front matter, and a README that is not a post.
#[test]
fn a_listed_file_read_whole_gives_the_same_post_and_the_body_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let long_front = format!("---\ntitle: 长\nnote: {}\n---\n## 一\n", "字".repeat(3000));
    let long_body = format!("---\ntitle: a\n---\n{}\n## 尾\n", "正文。".repeat(3000));
    let texts: [(&str, &[u8]); 7] = [
        ("a.md", b"---\ntitle: a\n---\nbody\r\nline\x1b[31m\n"),
        (
            "b.md",
            b"\xef\xbb\xbf+++\r\ntitle = \"b\"\r\n+++\r\n# h\r\n",
        ),
        ("c.md", b"no front matter\n"),
        (
            "d.md",
            b"---\ntitle: \xb1\xea\xcc\xe2\n---\n\xd5\xfd\xce\xc4\n",
        ),
        ("e.md", long_front.as_bytes()),
        ("f.md", long_body.as_bytes()),
        ("README.md", b"# about this folder\n"),
    ];
    for (name, text) in texts {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let visited = std::sync::Mutex::new(Vec::new());
        let visit = |post: &Post, body: &str| {
            visited
                .lock()
                .unwrap()
                .push((post.clone(), body.to_string()))
        };
        let options = LoadOptions::default();
        let whole = load_listed_file(&path, &options, Some(&visit));
        let short = load_listed_file(&path, &options, None);
        assert_eq!(whole.stamp, short.stamp, "{name}");
        let whole = whole.result.unwrap().map(|loaded| loaded.post);
        let short = short.result.unwrap().map(|loaded| loaded.post);
        assert_eq!(whole, short, "{name}");
        let visited = visited.into_inner().unwrap();
        match short {
            Some(post) => {
                assert_eq!(visited.len(), 1, "{name}");
                assert_eq!(visited[0].0, post, "{name}");
                assert_eq!(visited[0].1, read_body(&post).unwrap(), "{name}");
            }
            None => assert!(visited.is_empty(), "{name}: not a post, not visited"),
        }
    }
}
