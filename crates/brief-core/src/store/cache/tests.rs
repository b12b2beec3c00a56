use super::{CacheEntry, FORMAT_VERSION, IndexCache, root_key};
use crate::chunked_file::Header;
use crate::store::{LoadOptions, load_path_cached};
use std::fs;
use std::path::Path;

/// The cache stores problems as their kind; postcard encodes a variant by its place, so
/// adding, removing or reordering kinds changes what old files mean without failing
/// their checksums. This pins the encoding to the format version: when it fails, bump
/// [`FORMAT_VERSION`] and put the new fingerprint here.
#[test]
fn the_cached_problem_layout_is_pinned_to_the_format_version() {
    let bytes = postcard::to_stdvec(&crate::store::DiagnosticKind::samples()).unwrap();
    let fingerprint = super::fnv1a(bytes.iter().copied());
    assert_eq!(
        (FORMAT_VERSION, fingerprint),
        (9, 0xa55d42f826071b1d),
        "the cached layout of problems changed: bump FORMAT_VERSION"
    );
}

fn write_keeping_time(path: &Path, text: &str) {
    let before = fs::metadata(path).unwrap().modified().unwrap();
    fs::write(path, text).unwrap();
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(before)
        .unwrap();
}

fn titles(root: &Path, cache: &Path) -> Vec<String> {
    let loaded = load_path_cached(root, &LoadOptions::default(), Some(cache));
    let mut titles: Vec<String> = loaded.posts.into_iter().map(|p| p.title).collect();
    titles.sort();
    titles
}

#[test]
fn matching_files_come_from_the_cache_and_changed_ones_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("posts");
    fs::create_dir(&root).unwrap();
    let cache = dir.path().join("cache/index.bin");
    let post = root.join("a.md");
    fs::write(
        &post,
        "---\ntitle: 甲\ntags: [x]\ndate: 2026-01-02\n---\nbody\n",
    )
    .unwrap();
    fs::write(root.join("bad.md"), "---\ntitle: [\n---\n").unwrap();
    assert_eq!(titles(&root, &cache), ["bad", "甲"]);
    assert!(cache.exists());

    // Same size and time: the cache answers without reading the file.
    write_keeping_time(
        &post,
        "---\ntitle: 乙\ntags: [x]\ndate: 2026-01-02\n---\nbody\n",
    );
    assert_eq!(titles(&root, &cache), ["bad", "甲"]);

    // A different size is a change.
    fs::write(
        &post,
        "---\ntitle: 丙丙\ntags: [x]\ndate: 2026-01-02\n---\nbody\n",
    )
    .unwrap();
    assert_eq!(titles(&root, &cache), ["bad", "丙丙"]);

    let cached = load_path_cached(&root, &LoadOptions::default(), Some(&cache));
    assert_eq!(cached.diagnostics.len(), 1, "problems are cached too");
    let fresh = crate::store::load_path(&root, &LoadOptions::default());
    assert_eq!(
        cached.posts, fresh.posts,
        "a cached post equals a freshly read one"
    );
    assert_eq!(
        cached
            .posts
            .iter()
            .find(|p| p.title == "丙丙")
            .unwrap()
            .date
            .unwrap()
            .to_string(),
        "2026-01-02"
    );
}

#[test]
fn entries_kept_through_a_rewrite_are_still_found() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("posts");
    fs::create_dir(&root).unwrap();
    let cache = dir.path().join("index.bin");
    let kept = root.join("kept.md");
    let changed = root.join("changed.md");
    fs::write(&kept, "---\ntitle: 甲\n---\n").unwrap();
    fs::write(&changed, "---\ntitle: 乙\n---\n").unwrap();
    assert_eq!(titles(&root, &cache), ["乙", "甲"]);
    // One file read afresh makes the cache be rewritten with the other one kept.
    fs::write(&changed, "---\ntitle: 丙丙\n---\n").unwrap();
    assert_eq!(titles(&root, &cache), ["丙丙", "甲"]);
    // Same size and time: the kept entry must still answer for its file.
    write_keeping_time(&kept, "---\ntitle: 丁\n---\n");
    assert_eq!(titles(&root, &cache), ["丙丙", "甲"]);
}

#[test]
fn a_corrupt_or_foreign_cache_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("posts");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("a.md"), "---\ntitle: 甲\n---\nbody\n").unwrap();
    let cache = dir.path().join("index.bin");
    fs::write(&cache, b"\x01\x02garbage").unwrap();
    assert_eq!(titles(&root, &cache), ["甲"]);
    // The same name, size and time in another folder: only the root tells them apart.
    let other = dir.path().join("other");
    fs::create_dir(&other).unwrap();
    fs::copy(root.join("a.md"), other.join("a.md")).unwrap();
    write_keeping_time(&other.join("a.md"), "---\ntitle: 乙\n---\nbody\n");
    let stamp = fs::metadata(root.join("a.md")).unwrap().modified().unwrap();
    fs::File::options()
        .write(true)
        .open(other.join("a.md"))
        .unwrap()
        .set_modified(stamp)
        .unwrap();
    assert_eq!(
        titles(&other, &cache),
        ["乙"],
        "a cache for another folder is not used"
    );
}

#[test]
fn a_corrupt_length_is_refused_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("index.bin");
    // One chunk of one entry whose path claims u64::MAX bytes, then a chunk claiming 2^40
    // entries: each length is a varint, checked against the bytes left.
    let mut huge_path = vec![1u8];
    huge_path.extend(postcard::to_stdvec(&u64::MAX).unwrap());
    let huge_list = postcard::to_stdvec(&(1u64 << 40)).unwrap();
    let mut header = Header {
        version: FORMAT_VERSION,
        owner: root_key(dir.path()),
        chunk_lengths: Vec::new(),
        chunk_sums: Vec::new(),
    };
    for chunk in [huge_path, huge_list] {
        header.chunk_lengths = vec![chunk.len() as u64];
        header.chunk_sums = vec![crc32fast::hash(&chunk)];
        let mut bytes = postcard::to_stdvec(&header).unwrap();
        bytes.extend_from_slice(&chunk);
        fs::write(&cache, &bytes).unwrap();
        let loaded = IndexCache::load(&cache, dir.path());
        assert!(loaded.is_empty() && loaded.dropped_chunks == 1);
    }
    // A chunk said to run past the end of the file.
    let header = Header {
        chunk_lengths: vec![u64::MAX],
        ..header
    };
    let bytes = postcard::to_stdvec(&header).unwrap();
    fs::write(&cache, &bytes).unwrap();
    assert!(IndexCache::load(&cache, dir.path()).is_empty());
}

#[test]
fn a_flipped_byte_drops_its_chunk_and_the_posts_are_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("posts");
    fs::create_dir(&root).unwrap();
    for i in 0..3 {
        fs::write(
            root.join(format!("{i}.md")),
            format!("---\ntitle: 生成的简报 {i}\n---\n"),
        )
        .unwrap();
    }
    let cache = dir.path().join("index.bin");
    let fresh = titles(&root, &cache);
    let good = fs::read(&cache).unwrap();
    let (_, rest) = postcard::take_from_bytes::<Header<String>>(&good).unwrap();
    let header_len = good.len() - rest.len();
    // Every byte of the chunk, flipped in turn: never a changed title.
    for at in header_len..good.len() {
        let mut bytes = good.clone();
        bytes[at] ^= 0x04;
        fs::write(&cache, &bytes).unwrap();
        let loaded = IndexCache::load(&cache, &root);
        assert!(
            loaded.is_empty() && loaded.dropped_chunks == 1,
            "byte {at} flipped"
        );
        assert_eq!(titles(&root, &cache), fresh, "byte {at} flipped");
    }
}

#[test]
fn strings_planted_in_the_cache_are_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("posts");
    fs::create_dir(&root).unwrap();
    let file = root.join("a.md");
    fs::write(&file, "---\ntitle: 标题\n---\n").unwrap();
    let meta = fs::metadata(&file).unwrap();
    let modified = crate::store::load::modified_nanos(&meta);
    let post = crate::store::Post {
        title: "红\u{1b}]0;pwned\u{7}色\u{9b}2J".into(),
        tags: vec!["\u{1b}[31m标签".into()],
        ..crate::store::Post::default()
    };
    let entry = CacheEntry::new(&root, &file, meta.len(), modified, Some(&post), &[]);
    let cache = dir.path().join("index.bin");
    IndexCache::save(&cache, &root, vec![entry]).unwrap();
    let loaded = load_path_cached(&root, &LoadOptions::default(), Some(&cache));
    let post = &loaded.posts[0];
    assert_eq!(post.title, "红色");
    assert_eq!(post.tags, ["标签"]);
}

#[test]
fn dates_keep_their_fractions_through_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("posts");
    fs::create_dir(&root).unwrap();
    fs::write(
        root.join("a.md"),
        "---\ntitle: 甲\ndate: 2025-02-08T02:20:30.500Z\n---\nbody\n",
    )
    .unwrap();
    let cache = dir.path().join("index.bin");
    let fresh = load_path_cached(&root, &LoadOptions::default(), Some(&cache));
    let cached = load_path_cached(&root, &LoadOptions::default(), Some(&cache));
    assert_eq!(cached.posts, fresh.posts);
}

/// The deferred rewrite writes nothing until it is asked to, and `load_paths_cached_then`
/// has the cache written by the time it returns, whatever `then` did meanwhile.
#[test]
fn a_deferred_cache_is_written_when_asked_and_before_the_load_returns() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("posts");
    fs::create_dir(&root).unwrap();
    let post = root.join("a.md");
    fs::write(&post, "---\ntitle: 甲\n---\nbody\n").unwrap();

    let cache = dir.path().join("cache/index.bin");
    let rewrite = crate::store::stream_path_deferred(
        &root,
        &LoadOptions::default(),
        Some(&cache),
        8,
        None,
        &|_| {},
    )
    .expect("a first load has a cache to write");
    assert!(!cache.exists(), "nothing written before `write`");
    rewrite.write().unwrap();
    assert_eq!(IndexCache::load(&cache, &root).len(), 1);

    let other = dir.path().join("cache/other.bin");
    let seen = crate::store::load_paths_cached_then(
        &[(root.as_path(), Some(other.as_path()))],
        &LoadOptions::default(),
        None,
        |loaded| {
            loaded
                .posts
                .into_iter()
                .map(|p| p.title)
                .collect::<Vec<_>>()
        },
    );
    assert_eq!(seen, ["甲"]);
    assert_eq!(
        IndexCache::load(&other, &root).len(),
        1,
        "written on return"
    );
    // Served from that cache: a change that keeps size and time is not seen.
    write_keeping_time(&post, "---\ntitle: 乙\n---\nbody\n");
    assert_eq!(titles(&root, &other), ["甲"]);
}

/// A first run encodes entries from the post's own fields ([`super::encode_entry`]); what it
/// writes must be what [`CacheEntry`] reads, field for field, for every kind of value.
#[test]
fn entries_encoded_from_a_post_are_the_entries_read_back() {
    use crate::store::{BodyFormat, FrontMatterState, Post};
    use crate::store::{Diagnostic, DiagnosticKind, FrontValue, PostDate};
    let root = Path::new("/posts");
    let path = root.join("2026/简报.md");
    let nested = FrontValue::Map(vec![
        (
            "k".into(),
            FrontValue::List(vec![FrontValue::Null, FrontValue::Bool(true)]),
        ),
        ("n".into(), FrontValue::Number("1.5e3".into())),
    ]);
    let dates = [
        None,
        PostDate::parse("2026-02-12"),
        PostDate::parse("2025-02-08 11:00:01"),
        PostDate::parse("2025-02-08T02:20:30.000Z"),
    ];
    for (i, date) in dates.into_iter().enumerate() {
        let post = Post {
            path: path.clone(),
            title: "標題 title".into(),
            date,
            author: (i % 2 == 0).then(|| "作者".into()),
            source: Some("https://example.com/a?b=1".into()),
            tags: vec!["AI".into(), "云计算".into()],
            categories: vec!["日本経済新聞".into()],
            summary: (i % 2 == 1).then(|| "概要\nline".into()),
            lang: vec!["zh".into()],
            id: Some("id-1".into()),
            extra: vec![
                ("layout".into(), FrontValue::String("post".into())),
                ("weight".into(), FrontValue::Number("3".into())),
                ("draft".into(), FrontValue::Bool(false)),
                ("nothing".into(), FrontValue::Null),
                ("nested".into(), nested.clone()),
            ],
            format: if i == 3 {
                BodyFormat::Html
            } else {
                BodyFormat::Markdown
            },
            front_matter: [
                FrontMatterState::Parsed,
                FrontMatterState::Missing,
                FrontMatterState::Broken,
            ][i % 3],
            decoded_from: (i == 2).then(|| "GBK".into()),
            size: 1234,
            modified: 5678,
            content_hash: 0xdead_beef,
        };
        let diagnostics: Vec<Diagnostic> = DiagnosticKind::samples()
            .into_iter()
            .enumerate()
            .map(|(n, kind)| match n % 2 {
                0 => Diagnostic::error(&path, Some(n), kind),
                _ => Diagnostic::warning(&path, None, kind),
            })
            .collect();
        for post in [Some(&post), None] {
            let mut owned = CacheEntry::new(root, &path, 1234, 5678, post, &diagnostics);
            let key = std::mem::take(&mut owned.relative_path);
            let (encoded_key, size, modified, body) =
                super::encode_entry(root, &path, 1234, 5678, post, &diagnostics).unwrap();
            assert_eq!((encoded_key, size, modified), (key, 1234, 5678));
            assert_eq!(body, postcard::to_stdvec(&owned).unwrap(), "date {i}");
        }
    }
}
