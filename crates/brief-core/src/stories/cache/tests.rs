use super::*;

fn post(path: &str, size: u64, modified: i64) -> Post {
    Post {
        path: path.into(),
        size,
        modified,
        ..Post::default()
    }
}

fn story(title: &str) -> Story {
    Story {
        title: title.into(),
        source: Some(format!("https://a.example/{title}")),
        line: 0,
    }
}

#[test]
fn kept_stories_are_used_only_while_the_file_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let roots = vec![dir.path().to_path_buf()];
    let file = StoryCache::file_for(dir.path(), &roots);
    let a = post("/p/a.md", 10, 111);
    let b = post("/p/b.md", 20, 222);
    let mut cache = StoryCache::load(&file, &roots);
    assert!(cache.get(&a).is_none());
    cache.insert(&a, &[story("甲"), story("乙")]);
    cache.insert(&b, &[story("丙")]);
    cache.save(&file, Some(&[&a])).unwrap();
    let cache = StoryCache::load(&file, &roots);
    assert_eq!(cache.get(&a).unwrap(), [story("甲"), story("乙")]);
    assert!(cache.get(&b).is_none(), "posts gone are forgotten");
    assert!(cache.get(&post("/p/a.md", 10, 112)).is_none(), "touched");
    assert!(cache.get(&post("/p/a.md", 11, 111)).is_none(), "resized");
    // Another set of folders, or a corrupt file, gives nothing.
    let other = vec![dir.path().join("elsewhere")];
    assert!(StoryCache::load(&file, &other).get(&a).is_none());
    fs::write(&file, b"\x01\x02garbage").unwrap();
    assert!(StoryCache::load(&file, &roots).get(&a).is_none());
}

#[test]
fn entries_are_found_by_position_and_else_by_path() {
    let dir = tempfile::tempdir().unwrap();
    let roots = vec![dir.path().to_path_buf()];
    let file = StoryCache::file_for(dir.path(), &roots);
    let posts = [post("/p/a.md", 1, 1), post("/p/b.md", 2, 2)];
    let mut cache = StoryCache::load(&file, &roots);
    cache.insert(&posts[1], &[story("乙")]);
    cache.insert(&posts[0], &[story("甲")]);
    let live: Vec<&Post> = posts.iter().collect();
    cache.save(&file, Some(&live)).unwrap();
    let cache = StoryCache::load(&file, &roots);
    assert!(
        cache.is_current_for(&posts),
        "written in the order of the posts"
    );
    assert!(!cache.is_current_for(&posts[..1]));
    let cache = StoryCache::load(&file, &roots);
    // At the wrong position, the path still finds it.
    let kept = cache.kept(0, &posts[1]).unwrap();
    assert_eq!(kept[0].title, "乙");
    assert_eq!(
        kept[0].source_key,
        crate::stories::url::normalize("https://a.example/乙"),
        "kept with its folded source"
    );
    assert_eq!(cache.kept(0, &posts[0]).unwrap()[0].title, "甲");
    assert!(cache.kept(1, &post("/p/b.md", 2, 3)).is_none(), "touched");
    // Looking entries up leaves them in the cache: a save after a change keeps them.
    let mut cache = cache;
    let c = post("/p/c.md", 3, 3);
    cache.insert(&c, &[story("丙")]);
    let live = [&posts[0], &posts[1], &c];
    cache.save(&file, Some(&live)).unwrap();
    let cache = StoryCache::load(&file, &roots);
    let titles: Vec<String> = live
        .iter()
        .enumerate()
        .map(|(i, post)| cache.kept(i, post).unwrap()[0].title.clone())
        .collect();
    assert_eq!(titles, ["甲", "乙", "丙"]);
}

#[test]
fn a_flipped_byte_drops_its_chunk_and_planted_text_is_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let roots = vec![dir.path().to_path_buf()];
    let file = StoryCache::file_for(dir.path(), &roots);
    let a = post("/p/a.md", 10, 111);
    let mut cache = StoryCache::load(&file, &roots);
    cache.insert(
        &a,
        &[Story {
            title: "红\u{1b}]0;pwned\u{7}色".into(),
            source: Some("https://a.example/\u{1b}[2Jx".into()),
            line: 0,
        }],
    );
    cache.save(&file, None).unwrap();
    let kept = StoryCache::load(&file, &roots).get(&a).unwrap();
    assert_eq!(kept[0].title, "红色");
    assert!(!kept[0].source.as_deref().unwrap().contains('\u{1b}'));
    let good = fs::read(&file).unwrap();
    let (_, rest) =
        postcard::take_from_bytes::<crate::chunked_file::Header<Vec<String>>>(&good).unwrap();
    for at in good.len() - rest.len()..good.len() {
        let mut bytes = good.clone();
        bytes[at] ^= 0x04;
        fs::write(&file, &bytes).unwrap();
        let loaded = StoryCache::load(&file, &roots);
        assert!(
            loaded.get(&a).is_none() && loaded.dropped_chunks == 1,
            "byte {at} flipped"
        );
    }
}

#[test]
fn sourced_stories_are_the_kept_ones_with_a_source() {
    let dir = tempfile::tempdir().unwrap();
    let roots = vec![dir.path().to_path_buf()];
    let file = StoryCache::file_for(dir.path(), &roots);
    let posts = [
        post("/p/a.md", 1, 1),
        post("/p/b.md", 2, 2),
        post("/p/c.md", 3, 3),
    ];
    let mut cache = StoryCache::load(&file, &roots);
    let unsourced = Story {
        title: "分析\u{1b}[31m".into(),
        source: None,
        line: 0,
    };
    cache.insert(
        &posts[0],
        &[story("甲\u{202e}"), unsourced.clone(), story("乙")],
    );
    cache.insert(&posts[1], &[unsourced]);
    cache.insert(&posts[2], &[]);
    let live: Vec<&Post> = posts.iter().collect();
    cache.save(&file, Some(&live)).unwrap();
    let cache = StoryCache::load(&file, &roots);
    for (i, post) in posts.iter().enumerate() {
        let all = cache.kept(i, post).unwrap();
        let sourced = cache.kept_sourced(i, post).unwrap();
        assert_eq!(sourced.found_none, all.is_empty());
        let expected: Vec<PostStory> = all.into_iter().filter(|s| s.source_key.is_some()).collect();
        assert_eq!(sourced.stories, expected, "post {i}");
    }
    assert_eq!(
        cache.kept_sourced(0, &posts[0]).unwrap().stories[0].title,
        "甲"
    );
    assert!(
        cache.kept_sourced(0, &post("/p/a.md", 1, 9)).is_none(),
        "touched"
    );
}
