//! Folders in the style of real sites (Jekyll, Hugo, Zola, Astro, a newsletter archive),
//! through the real binary: which files are posts, their titles and dates, what `check`
//! reports, and articles with no template, raw Markdown or lost link.

use assert_cmd::Command;
use brief_text::display_width;

const ROOT: &str = "tests/fixtures/real";

mod common;

fn brief() -> Command {
    let mut cmd = common::brief(&common::scratch_home("real-folders-home"));
    cmd.env("COLUMNS", "80");
    cmd
}

fn stdout(args: &[&str]) -> String {
    let out = brief().args(args).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// `(date, title)` of every post `brief list --json` gives, in its order.
fn listed() -> Vec<(String, String, String)> {
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["--no-cache", "list", ROOT, "--json"])).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let text = |key: &str| p[key].as_str().unwrap_or("").to_string();
            let path = text("path");
            let name = path
                .strip_prefix(&format!("{ROOT}/"))
                .unwrap_or(&path)
                .to_string();
            (name, text("date"), text("title"))
        })
        .collect()
}

#[test]
fn posts_titles_and_dates_as_each_generator_writes_them() {
    let posts = listed();
    let find = |name: &str| {
        posts
            .iter()
            .find(|(path, ..)| path == name)
            .unwrap_or_else(|| panic!("{name} not listed: {posts:#?}"))
    };
    // Hugo's section page and a _posts page without front matter are not posts.
    assert!(!posts.iter().any(|(p, ..)| p.ends_with("_index.md")));
    assert!(!posts.iter().any(|(p, ..)| p.ends_with("snippet.html")));
    assert_eq!(posts.len(), 13, "{posts:#?}");
    for (name, date, title) in [
        (
            "jekyll/_posts/2019-07-01-liquid-tags.md",
            "2019-07-01T10:00:00+09:00",
            "Liquid tags in a small post",
        ),
        (
            "jekyll/_posts/2020-03-05-an-html-post.html",
            "2020-03-05",
            "An HTML post kept as HTML",
        ),
        (
            "hugo/content/posts/2023-08-01-camera-on-smartphone/index.md",
            "2023-08-01",
            "camera on smartphone",
        ),
        (
            "zola/content/2021/03/shu-ju-ku.md",
            "2021-03-04",
            "数据库索引的三个误区",
        ),
        (
            "astro/src/content/blog/mixed-html.md",
            "2019-07-01",
            "Markdown with HTML inside",
        ),
        ("newsletter/issue-2.md", "", "issue 2"),
        ("dates/slashes.md", "2024-06-17", "斜线日期"),
        (
            "dates/one-digit-hour.md",
            "2024-05-29T09:00:00Z",
            "One-digit hour",
        ),
        ("dates/ambiguous.md", "", "Ambiguous date"),
        (
            "dates/2022-11-03-bad-date-named.md",
            "2022-11-03",
            "Named by its date",
        ),
        (
            "dates/no-opening-fence.md",
            "2022-02-02",
            "開始の区切りがない記事",
        ),
    ] {
        let (_, got_date, got_title) = find(name);
        assert_eq!(
            (got_date.as_str(), got_title.as_str()),
            (date, title),
            "{name}"
        );
    }
    // Undated posts come last, in their names' natural order.
    let undated: Vec<&str> = posts
        .iter()
        .filter(|(_, date, _)| date.is_empty())
        .map(|(path, ..)| path.as_str())
        .collect();
    assert_eq!(
        undated,
        [
            "dates/ambiguous.md",
            "newsletter/issue-1.md",
            "newsletter/issue-2.md",
            "newsletter/issue-10.md"
        ]
    );
}

#[test]
fn check_reports_exactly_the_problems_that_are_there() {
    let out = stdout(&["--no-cache", "check", ROOT]);
    let expected = [
        "dates/2022-11-03-bad-date-named.md:3: warning: `date: someday` is not a date brief understands; dated 2022-11-03 from its path instead",
        "dates/ambiguous.md:3: warning: `date: 01/02/2024` could be day/month or month/day; not guessed; the post is undated",
        "dates/no-opening-fence.md:1: warning: front matter lacks its opening `---` line",
        "camera-on-smartphone/index.md:19: warning: template tag `{{< gallery dir=\"/img/trip\" />}}` cannot be shown",
        "2019-07-01-liquid-tags.md:9: warning: template tag `{% assign greeting = \"hi\" %}` cannot be shown",
        "2019-07-01-liquid-tags.md:18: warning: template tag `{% include newsletter-signup.html %}` cannot be shown",
        "2019-07-01-liquid-tags.md:28: warning: template tag `{{ site.title }}` cannot be shown",
        "2020-03-05-an-html-post.html:7: warning: template tag `{% include figure.html",
        "newsletter:1: warning: none of the 3 posts in this folder has front matter",
    ];
    let lines: Vec<&str> = out.lines().collect();
    for want in expected {
        assert!(
            lines.iter().any(|l| l.contains(want)),
            "missing {want}\n{out}"
        );
    }
    // Nothing else: one line per problem, then the summary.
    assert_eq!(lines.len(), expected.len() + 1, "{out}");
    assert!(
        lines.last().unwrap().ends_with("0 error(s), 9 warning(s)"),
        "{out}"
    );
}

/// Every post shown at a few widths: lines fit, no template or raw Markdown shows, and every
/// address the author linked to outside code is in the link list.
#[test]
fn articles_show_no_template_no_raw_markdown_and_lose_no_link() {
    for (name, ..) in listed() {
        let path = format!("{ROOT}/{name}");
        let source = std::fs::read_to_string(&path).unwrap();
        for width in [32usize, 50, 80] {
            let out = stdout(&["show", "--width", &width.to_string(), &path]);
            // The link list's title is in the post's language.
            let (body, links) = brief_i18n::Lang::ALL
                .iter()
                .find_map(|lang| out.split_once(&format!("\n{}\n", lang.catalog().label_links)))
                .unwrap_or((&out, ""));
            for line in body.lines() {
                assert!(display_width(line) <= width, "{name} at {width}: {line:?}");
                for junk in [
                    "{%",
                    "%}",
                    "{{<",
                    ">}}",
                    "{{%",
                    "%}}",
                    "**",
                    "](",
                    "[^h1]",
                    "<div",
                    "<iframe",
                    "<blockquote",
                    "<p>",
                    "<img",
                    "</",
                ] {
                    assert!(
                        !line.contains(junk),
                        "{name} at {width}: {junk} in {line:?}"
                    );
                }
            }
            // `{{ … }}` only where the author wrote it to be shown (inside `{% raw %}`).
            let shown_liquid = body.matches("{{").count();
            assert!(
                shown_liquid <= source.matches("{% raw %}").count(),
                "{name}\n{out}"
            );
            for url in absolute_urls(&source) {
                assert!(links.contains(url), "{name} at {width}: {url} lost\n{out}");
            }
        }
    }
}

/// `http(s)` addresses in link targets, autolinks and `src`/`href` attributes.
fn absolute_urls(source: &str) -> Vec<&str> {
    let mut urls = Vec::new();
    for start in ["](", "<", "href=\"", "src=\""] {
        for (at, _) in source.match_indices(start) {
            let rest = &source[at + start.len()..];
            if rest.starts_with("http") {
                let end = rest.find(['"', ')', '>', ' ']).unwrap_or(rest.len());
                urls.push(&rest[..end]);
            }
        }
    }
    urls
}

#[test]
fn footnotes_come_after_the_article_numbered() {
    let path = format!("{ROOT}/hugo/content/posts/2023-08-01-camera-on-smartphone/index.md");
    let out = stdout(&["show", "--width", "40", &path]);
    assert!(out.contains("る[^1]。"), "{out}");
    let note = out.find("1. センサー").expect("the note, numbered");
    assert!(note > out.find("詳しくは").unwrap(), "{out}");
    assert!(!out.contains("[^h1]"), "{out}");
}
