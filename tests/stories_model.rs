//! Stories inside posts and across posts: finding them in the sample briefings and in
//! hand-made bodies, and merging repeats by folded source URL or equal heading.

use brief_core::render::stories::Story;
use brief_core::render::{find_stories, render_article};
use brief_core::store::{BodyFormat, LoadOptions, Post, PostDate, load_file};
use brief_core::stories::{HEADING_DAYS, PostStory, merge, merge_taking, post_stories};
use std::path::Path;
use std::time::{Duration, Instant};

fn post(title: &str) -> Post {
    Post {
        title: title.into(),
        ..Post::default()
    }
}

fn sample(name: &str) -> (Post, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-posts")
        .join(name);
    let loaded = load_file(&path, &LoadOptions::default()).unwrap();
    (loaded.post, loaded.body)
}

fn titles(stories: &[Story]) -> Vec<&str> {
    stories.iter().map(|s| s.title.as_str()).collect()
}

#[test]
fn sections_under_headings_with_labelled_sources() {
    let (post, body) = sample("2026-02-13-ai-deals-briefing.md");
    let stories = find_stories(&post, &body);
    // `# title` starts none, `## 主要新闻` is an empty container.
    assert_eq!(
        titles(&stories),
        [
            "Snowflake与OpenAI达成2亿美元合作",
            "云厂商第四季度收入创新高",
            "数据中心用电引发地方争议",
            "分析",
            "结论"
        ]
    );
    assert_eq!(
        stories[0].source.as_deref(),
        Some(
            "https://www.pulse.example/snowflake-openai-200m-deal/?utm_source=newsletter&utm_medium=email"
        )
    );
    assert_eq!(
        stories[2].source.as_deref(),
        Some("https://grid.example/2026/02/counties-power")
    );
    assert_eq!(stories[3].source, None);
}

#[test]
fn the_label_wins_over_the_last_link() {
    let body = "## 事件\n\n来源：[报道](https://a.example/1)，另见[评论](https://b.example/2)。\n\n## 其他\n\n见[一](https://c.example/1)与[二](https://d.example/2)。\n\n## Third\n\nRead it via [the wire](https://wire.example/x), more [here](https://e.example/y).\n";
    let stories = find_stories(&post("T"), body);
    let sources: Vec<_> = stories.iter().map(|s| s.source.as_deref()).collect();
    assert_eq!(
        sources,
        [
            Some("https://a.example/1"),
            Some("https://d.example/2"),
            Some("https://wire.example/x")
        ]
    );
}

#[test]
fn digest_lists_and_bold_lines() {
    let body = "今日三条：\n\n1. **芯片新规** 出口许可分级。[来源](https://a.example/chips)\n2. **云价格** 存储降价。[原文](https://b.example/cloud)\n3. 没有链接的条目\n\n以上。\n";
    let stories = find_stories(&post("日报"), body);
    assert_eq!(titles(&stories), ["芯片新规", "云价格"]);
    assert_eq!(
        stories[1].source.as_deref(),
        Some("https://b.example/cloud")
    );

    let body = "**First story**\n\nText [one](https://a.example/1).\n\n**Second story:**\n\nText [two](https://a.example/2).\n";
    let stories = find_stories(&post("Digest"), body);
    assert_eq!(titles(&stories), ["First story", "Second story"]);
    // A bold line without a link under it (a byline, a copyright note) is not a story: an
    // article of paragraphs and such lines is one story, the post's.
    let body =
        "<p>正文一段。</p><p><strong>记者 某某 硅谷</strong></p><p><strong>版权所有</strong></p>";
    let mut html = post("文章");
    html.format = BodyFormat::Html;
    assert!(find_stories(&html, body).is_empty());
    // A bold list lead without a link is not a story (the 02-12 digest's key points).
    let (post, body) = sample("2026-02-12-ai-cloud-digest.md");
    assert!(!titles(&find_stories(&post, &body)).contains(&"算力采购"));
}

#[test]
fn rendered_stories_know_their_heading_lines() {
    let (post, body) = sample("2026-02-13-ai-deals-briefing.md");
    let article = render_article(&post, &body, 60);
    let lines = article.plain_lines();
    assert_eq!(article.stories.len(), 5);
    for story in &article.stories {
        assert!(
            lines[story.line].contains(&story.title),
            "line {} is {:?}, not {:?}",
            story.line,
            lines[story.line],
            story.title
        );
    }
    let body = "1. **甲** [a](https://a.example/)\n2. **乙** [b](https://b.example/)\n";
    let article = render_article(&self::post("x"), body, 40);
    let lines = article.plain_lines();
    assert!(lines[article.stories[1].line].contains('乙'));
}

#[test]
fn a_post_without_sections_is_one_story_with_the_posts_source() {
    let mut p = post("单篇文章");
    p.source = Some("https://one.example/a?utm_campaign=x".into());
    let found = find_stories(&p, "只有一段正文，[链接](https://x.example/)。");
    assert!(found.is_empty());
    let stories = post_stories(&p, &found);
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].title, "单篇文章");
    assert_eq!(stories[0].source_key.as_deref(), Some("one.example/a"));
}

fn dated(name: &str, day: &str) -> Post {
    Post {
        path: name.into(),
        date: PostDate::parse(day),
        ..Post::default()
    }
}

#[test]
fn repeats_merge_by_heading_or_folded_url_and_keep_their_sources() {
    let (a, body_a) = sample("2026-02-13-ai-deals-briefing.md");
    let (b, body_b) = sample("2026-02-14-ai-deals-followup.md");
    let sa = post_stories(&a, &find_stories(&a, &body_a));
    let sb = post_stories(&b, &find_stories(&b, &body_b));
    // Given newest first: the order of the input does not matter.
    let merged = merge(&[(&b, sb), (&a, sa)]);
    let snowflake = &merged.stories[merged.of_post[1][0]];
    assert_eq!(snowflake.posts, [1, 0]);
    assert_eq!(
        snowflake.urls,
        [
            "pulse.example/snowflake-openai-200m-deal",
            "campus.example/articles/snowflake-openai-campus"
        ]
    );
    // Different headings, one source behind AMP and tracking parameters.
    assert_eq!(merged.of_post[0][1], merged.of_post[1][2]);
    assert_eq!(merged.stories[merged.of_post[0][1]].urls.len(), 1);
    // `## 结论` in both posts has no source: not the same story.
    assert_ne!(merged.of_post[0][3], merged.of_post[1][4]);
    assert_eq!(merged.count_in(1), 5);
    assert_eq!(merged.new_in(1), 5);
    assert_eq!(merged.count_in(0), 4);
    assert_eq!(merged.new_in(0), 2);
    assert_eq!(merged.stories.len(), 5 + 2);
}

/// The one story of a post without a source of its own: a section titled `title` with the
/// source `url`.
fn story(title: &str, url: &str) -> Vec<PostStory> {
    let mut p = post("x");
    p.source = None;
    post_stories(
        &p,
        &[Story {
            title: title.into(),
            source: Some(url.into()),
            line: 0,
        }],
    )
}

#[test]
fn headings_merge_only_within_seven_days_and_never_when_near() {
    let a = dated("a.md", "2026-02-01");
    let b = dated("b.md", "2026-02-08");
    let c = dated("c.md", "2026-02-20");
    let (in_a, in_b, in_c) = (
        story("芯片公司宣布同一事件", "https://one.example/1"),
        story("芯片公司宣布同一 事件！", "https://two.example/2"),
        story("芯片公司宣布同一事件", "https://three.example/3"),
    );
    assert_eq!(HEADING_DAYS, 7);
    let merged = merge(&[(&a, in_a.clone()), (&b, in_b.clone())]);
    assert_eq!(merged.of_post[0], merged.of_post[1], "seven days apart");
    let merged = merge(&[(&b, in_b.clone()), (&c, in_c.clone())]);
    assert_ne!(merged.of_post[0], merged.of_post[1], "twelve days apart");
    // Over all three, the heading comes back for nineteen days: a section's name, which
    // makes nothing the same.
    let merged = merge(&[(&a, in_a), (&b, in_b), (&c, in_c)]);
    assert_eq!(merged.stories.len(), 3);
    let merged = merge(&[
        (
            &a,
            story("Amazon追加200亿美元投资AI基础设施", "https://one.example/1"),
        ),
        (
            &b,
            story("亚马逊追加2000亿美元AI投资", "https://two.example/2"),
        ),
    ]);
    assert_ne!(merged.of_post[0], merged.of_post[1]);
}

/// A digest's section names come back every day with new stories under them: two days'
/// `## 科技动态` or `## Markets` are not one story, however close, unless they share a source.
#[test]
fn section_names_repeated_daily_are_not_the_same_story() {
    let days: Vec<Post> = (10..17)
        .map(|d| dated(&format!("{d}.md"), &format!("2026-02-{d}")))
        .collect();
    for section in ["科技动态", "Markets", "Top Stories", "今日要闻"] {
        let stories: Vec<(&Post, Vec<PostStory>)> = days
            .iter()
            .enumerate()
            .map(|(i, day)| (day, story(section, &format!("https://n{i}.example/{i}"))))
            .collect();
        let merged = merge(&stories);
        assert_eq!(merged.stories.len(), days.len(), "{section}");
        assert!(
            stories
                .iter()
                .all(|(_, s)| s[0].heading_identity().is_none()),
            "{section}"
        );
        assert_eq!(
            merged.new_in(days.len() - 1),
            1,
            "{section}: new on the last day"
        );
    }
    // Wider section names are known by coming back over more than a week of posts.
    let fortnight: Vec<Post> = (6..21)
        .map(|d| dated(&format!("f{d}.md"), &format!("2026-02-{d:02}")))
        .collect();
    for section in ["What we're reading", "本周值得关注的开源项目"] {
        let stories: Vec<(&Post, Vec<PostStory>)> = fortnight
            .iter()
            .enumerate()
            .map(|(i, day)| (day, story(section, &format!("https://w{i}.example/{i}"))))
            .collect();
        assert!(
            stories[0].1[0].heading_key.is_some(),
            "{section}: wide enough"
        );
        let merged = merge(&stories);
        assert_eq!(merged.stories.len(), fortnight.len(), "{section}");
        // Within one week it is taken for an event covered by several outlets.
        let merged = merge(&stories[..8]);
        assert_eq!(
            merged.stories.len(),
            1,
            "{section}: eight days, seven apart"
        );
    }
    // A weekly section ending on the same link every week (`## Crate of the Week` … "submit
    // your suggestions") has new text each week: over more than a week of posts, neither
    // its heading nor that link makes its stories one.
    let weekly: Vec<&Post> = fortnight.iter().step_by(7).collect();
    assert_eq!(weekly.len(), 3);
    let stories: Vec<(&Post, Vec<PostStory>)> = weekly
        .iter()
        .map(|day| {
            let link = "https://forum.example/t/crate-of-the-week";
            (*day, story("Crate of the Week", link))
        })
        .collect();
    let merged = merge(&stories);
    assert_eq!(merged.stories.len(), 3);
    assert!((0..3).all(|post| merged.new_in(post) == 1));
    assert!(
        merged.stories.iter().all(|s| s.urls.len() == 1),
        "each keeps its source"
    );
    // Two weeks of it are still taken for one story repeated.
    assert_eq!(merge(&stories[..2]).stories.len(), 1);
    // The same source still makes one story, whatever the heading.
    let merged = merge(&[
        (&days[0], story("科技动态", "https://same.example/x")),
        (
            &days[1],
            story("市场", "https://same.example/x?utm_source=feed"),
        ),
    ]);
    assert_eq!(merged.stories.len(), 1);
}

/// Taking the strings out of the stories merges them exactly as copying them does, on every
/// sample briefing and the same briefings again a week and a month later.
#[test]
fn merging_by_taking_the_strings_gives_what_copying_gives() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-posts");
    let mut posts: Vec<(Post, Vec<PostStory>)> = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let Ok(loaded) = load_file(&path, &LoadOptions::default()) else {
            continue;
        };
        let stories = post_stories(&loaded.post, &find_stories(&loaded.post, &loaded.body));
        for shift in [0, 7, 30] {
            let mut post = loaded.post.clone();
            post.path = path.with_extension(format!("{shift}.md"));
            post.date = post.date.and_then(|d| {
                PostDate::parse(
                    &d.day()
                        .saturating_add(jiff::Span::new().days(shift))
                        .to_string(),
                )
            });
            posts.push((post, stories.clone()));
        }
    }
    assert!(posts.len() > 30);
    let copied = merge(&posts);
    let mut taken = posts.clone();
    assert_eq!(merge_taking(&mut taken), copied);
    assert!(copied.stories.iter().any(|s| s.posts.len() > 1));
}

fn linear(make: impl Fn(usize) -> String) {
    let small = make(1_000);
    let big = make(16_000);
    let time = |body: &str| {
        let start = Instant::now();
        let stories = find_stories(&post("t"), body);
        (start.elapsed(), stories.len())
    };
    let (t_small, _) = time(&small);
    let (t_big, _) = time(&big);
    // 16x the input: a quadratic finder takes 256x; allow a generous 48x plus noise.
    assert!(
        t_big <= t_small * 48 + Duration::from_millis(50),
        "{t_small:?} for 1,000 vs {t_big:?} for 16,000"
    );
}

#[test]
fn a_thousand_headings() {
    let body: String = (0..1000)
        .map(|i| format!("## 标题{i}\n\n正文[来源](https://a.example/{i})\n\n"))
        .collect();
    let stories = find_stories(&post("t"), &body);
    assert_eq!(stories.len(), 1000);
    assert_eq!(
        stories[999].source.as_deref(),
        Some("https://a.example/999")
    );
    linear(|n| {
        (0..n)
            .map(|i| format!("### h{i}\n\nx [s](https://a.example/{i})\n\n"))
            .collect()
    });
}

#[test]
fn a_section_with_a_thousand_links() {
    let links: String = (0..1000)
        .map(|i| format!("[l{i}](https://a.example/{i}) "))
        .collect();
    let stories = find_stories(&post("t"), &format!("## 一节\n\n{links}\n"));
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].source.as_deref(), Some("https://a.example/999"));
    linear(|n| {
        let links: String = (0..n)
            .map(|i| format!("[l{i}](https://a.example/{i}) "))
            .collect();
        format!("## 一节\n\n{links}\n")
    });
}

#[test]
fn links_that_are_not_web_links_are_never_sources() {
    let body = "## 甲\n\n[信](mailto:a@example.com) [页内](#x) [相对](/a/b)\n\n## 乙\n\n[网](https://b.example/) 然后 [相对](../c)\n";
    let stories = find_stories(&post("t"), body);
    assert_eq!(stories[0].source, None);
    assert_eq!(stories[1].source.as_deref(), Some("https://b.example/"));
}

#[test]
fn emoji_only_and_empty_headings() {
    let body = "## 🚀🔥\n\n[a](https://a.example/1)\n\n##\n\n正文\n\n## 🚀🔥\n\n[b](https://b.example/2)\n";
    let p = post("t");
    let found = find_stories(&p, body);
    // The document model drops the empty heading: its text joins the story before it.
    assert_eq!(titles(&found), ["🚀🔥", "🚀🔥"]);
    let stories = post_stories(&p, &found);
    assert!(stories.iter().all(|s| s.heading_key.is_none()));
    // Equal emoji headings are not one story: they have no key to match.
    let a = dated("a.md", "2026-02-01");
    let merged = merge(&[(&a, stories)]);
    assert_ne!(merged.of_post[0][0], merged.of_post[0][1]);
}

#[test]
fn the_same_url_twice_in_one_post_is_one_story() {
    let body =
        "## 甲\n\n[a](https://a.example/x?utm_source=1)\n\n## 乙\n\n[a](https://a.example/x/)\n";
    let p = dated("a.md", "2026-02-01");
    let stories = post_stories(&p, &find_stories(&p, body));
    let merged = merge(&[(&p, stories)]);
    assert_eq!(merged.of_post[0][0], merged.of_post[0][1]);
    assert_eq!(merged.count_in(0), 1);
    assert_eq!(merged.stories[0].posts, [0]);
}

#[test]
fn html_bodies_have_stories_too() {
    let mut p = post("t");
    p.format = BodyFormat::Html;
    let body = "<h2>第一条</h2><p>文字 <a href=\"https://a.example/1\">来源</a></p><h2>第二条</h2><p>出典：<a href=\"https://b.example/2\">記事</a> <a href=\"https://c.example/3\">他</a></p>";
    let stories = find_stories(&p, body);
    assert_eq!(titles(&stories), ["第一条", "第二条"]);
    assert_eq!(stories[1].source.as_deref(), Some("https://b.example/2"));
}
