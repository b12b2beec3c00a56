//! `brief show` end to end: the real binary on sample posts (and the real-world seeds when
//! `../shared/seeds` is there), widths, colour choice and exit codes.

use assert_cmd::Command;
use brief_text::display_width;
use brief_text::linebreak::is_no_start;
use std::path::{Path, PathBuf};

mod common;

fn brief() -> Command {
    let mut cmd = common::brief(&common::scratch_home("render-show-home"));
    // Times with a zone are shown in the local one: the tests pin it.
    cmd.env("TZ", "UTC");
    cmd
}

fn show(path: &Path, args: &[&str]) -> String {
    let output = brief()
        .arg("show")
        .arg(path)
        .args(args)
        .output()
        .expect("brief runs");
    assert!(
        output.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn posts_in(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                dirs.push(path);
            } else if brief_core::store::is_post_file(&path) && !path.ends_with("README.md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The body's text as its parsers see it (pulldown-cmark, with html5ever through scraper for
/// HTML, as the renderer uses them, but none of the renderer's own code), in sentences of
/// three characters or more, whitespace and markup characters removed: what `brief show` must
/// keep. An HTML body is read as Markdown too: HTML is Markdown's HTML blocks, and the
/// renderer reads the Markdown lines some HTML bodies start with as Markdown.
fn sentences(body: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut fragments = Vec::new();
    let mut current = String::new();
    let mut in_image = 0usize;
    for event in Parser::new_ext(body, brief_core::render::markdown_options()) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image -= 1,
            Event::Text(t) | Event::Code(t) if in_image == 0 => current.push_str(&t),
            Event::Html(h) | Event::InlineHtml(h) => fragments.extend(html_text(&h)),
            Event::End(_) | Event::SoftBreak | Event::HardBreak => {
                // Cells, items and code lines are fragments of their own.
                fragments.push(std::mem::take(&mut current));
            }
            _ => {}
        }
    }
    fragments.push(current);
    let mut out = Vec::new();
    for fragment in fragments.iter().flat_map(|f| f.split('\n')) {
        let squeezed = squeeze(fragment);
        for sentence in
            squeezed.split_inclusive(['。', '！', '？', '!', '?', '，', '、', '；', '：'])
        {
            if sentence.chars().count() >= 3 {
                out.push(sentence.to_string());
            }
        }
    }
    out
}

fn html_text(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_fragment(html);
    document
        .root_element()
        .descendants()
        .filter(|node| {
            !node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style"))
            })
        })
        .filter_map(|node| node.value().as_text().map(|t| t.to_string()))
        .collect()
}

/// Text without whitespace and without the characters that are markup on screen.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"*_`#>|~•◦▪│┌┐└┘├┤┬┴┼─".contains(*c))
        .collect()
}

/// `brief show`'s text before the link list, with `[n]` link numbers taken out, squeezed.
fn shown_text(out: &str) -> String {
    let lines: Vec<&str> = out.lines().collect();
    let body = match lines.iter().rposition(|l| l.trim() == "链接") {
        Some(at) => &lines[..at],
        None => &lines[..],
    };
    let mut text = String::new();
    for line in body {
        let mut rest = *line;
        while let Some(open) = rest.find('[') {
            text.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find(']') {
                Some(close) if close > 0 && after[..close].bytes().all(|b| b.is_ascii_digit()) => {
                    rest = &after[close + 1..];
                }
                _ => {
                    text.push('[');
                    rest = after;
                }
            }
        }
        text.push_str(rest);
    }
    squeeze(&text)
}

/// Every sentence of the body is in the output: as it is, or, for a table cell wrapped beside
/// other cells, with all its characters in order within a stretch a few times its length.
fn check_sentences_kept(path: &Path, width: usize, body: &str, out: &str) {
    let shown: Vec<char> = shown_text(out).chars().collect();
    let shown_string: String = shown.iter().collect();
    for sentence in sentences(body) {
        if shown_string.contains(&sentence) {
            continue;
        }
        let wanted: Vec<char> = sentence.chars().collect();
        let window = wanted.len() * 6;
        let interleaved = (0..shown.len())
            .filter(|&start| shown[start] == wanted[0])
            .any(|start| {
                let mut next = 0;
                for &c in &shown[start..(start + window).min(shown.len())] {
                    if next < wanted.len() && c == wanted[next] {
                        next += 1;
                    }
                }
                next == wanted.len()
            });
        assert!(
            interleaved,
            "{} at {width}: lost {sentence:?}",
            path.display()
        );
    }
}

/// The promises of `brief show` on one output: lines fit (a link-list URL line excepted), no
/// `，。、` starts a line, no HTML tag or control character shows, the source link is listed,
/// every sentence of the body is kept.
fn check_output(path: &Path, width: usize, out: &str) {
    let loaded = brief_core::store::load_file(path, &Default::default()).expect("loads");
    check_sentences_kept(path, width, &loaded.body, out);
    let source = loaded.post.source;
    for line in out.lines() {
        let is_url = line.trim_start().contains("://") && !line.trim_start().contains(' ');
        assert!(
            display_width(line) <= width || is_url,
            "{} at {width}: {line:?}",
            path.display()
        );
        assert!(
            !line.starts_with(['，', '。', '、']),
            "{} at {width}: {line:?}",
            path.display()
        );
        assert!(
            !line.chars().any(|c| c.is_control()),
            "{} at {width}: control in {line:?}",
            path.display()
        );
        for tag in [
            "<p", "</p", "<div", "</div", "<br", "<img", "<table", "<td", "<strong", "<!--",
            "<span",
        ] {
            assert!(
                !line.contains(tag),
                "{} at {width}: tag in {line:?}",
                path.display()
            );
        }
        assert!(
            !line.chars().next().is_some_and(is_no_start) || line.chars().count() == 1,
            "{line:?}"
        );
    }
    if let Some(source) = source {
        assert!(
            out.lines().any(|l| l.trim() == source.trim()),
            "{}: source {source} not listed",
            path.display()
        );
    }
}

#[test]
fn every_sample_post_at_every_width() {
    let root = common::samples();
    let files = posts_in(&root);
    assert!(files.len() >= 10, "the sample posts are there: {files:?}");
    let sentence_count: usize = files
        .iter()
        .map(|path| {
            sentences(
                &brief_core::store::load_file(path, &Default::default())
                    .unwrap()
                    .body,
            )
            .len()
        })
        .sum();
    assert!(
        sentence_count > 200,
        "the sentence check has sentences to check: {sentence_count}"
    );
    for path in files {
        for width in [24, 40, 80, 120] {
            let out = show(&path, &["--width", &width.to_string()]);
            check_output(&path, width, &out);
        }
    }
}

#[test]
fn the_real_world_seeds_when_present() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let files = posts_in(&seeds);
    if files.is_empty() {
        eprintln!("skipped: no seeds at {}", seeds.display());
        return;
    }
    for path in files {
        for width in [24, 40, 80, 120] {
            let out = show(&path, &["--width", &width.to_string()]);
            check_output(&path, width, &out);
        }
    }
}

fn sample() -> PathBuf {
    common::sample("2026-03-01-dev-morning.md")
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let piped = show(&sample(), &["--width", "60"]);
    assert!(!piped.contains('\u{1b}'), "no colour when piped");
    let always = show(&sample(), &["--width", "60", "--color", "always"]);
    assert!(always.contains("\u{1b}["));
    let never = show(&sample(), &["--width", "60", "--color", "never"]);
    assert_eq!(never, piped);
    // The same lines either way, once the SGR sequences are taken out.
    let mut stripped = String::new();
    let mut chars = always.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            stripped.push(c);
        }
    }
    assert_eq!(stripped, piped);
}

/// `brief show ARGS` in a pseudo-terminal, so that `--color auto` sees a terminal; its output.
fn show_on_a_terminal(args: &[&str], no_color: bool) -> String {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    command.arg("show");
    command.args(args);
    command.env_clear();
    command.env("TERM", "xterm-256color");
    if no_color {
        command.env("NO_COLOR", "1");
    }
    let mut child = pair.slave.spawn_command(command).expect("brief starts");
    drop(pair.slave);
    let mut reader = pair
        .master
        .try_clone_reader()
        .expect("the terminal's output");
    let mut out = Vec::new();
    let mut chunk = [0u8; 4096];
    // Reading ends with an error (EIO) or 0 once brief has exited and closed the terminal.
    while let Ok(n) = reader.read(&mut chunk) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&chunk[..n]);
    }
    assert!(child.wait().expect("brief exits").success());
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn auto_colours_a_terminal_unless_no_color_is_set_and_always_overrides_it() {
    let sample = sample().display().to_string();
    let on_terminal = show_on_a_terminal(&["--width", "60", &sample], false);
    assert!(on_terminal.contains("\u{1b}["), "colour on a terminal");
    let with_no_color = show_on_a_terminal(&["--width", "60", &sample], true);
    assert!(!with_no_color.contains("\u{1b}["), "NO_COLOR honoured");
    assert!(with_no_color.contains("Rust"), "the article was shown");
    let always = brief()
        .env("NO_COLOR", "1")
        .args(["show", "--color", "always"])
        .arg(sample)
        .output()
        .unwrap();
    assert!(always.status.success());
    assert!(String::from_utf8_lossy(&always.stdout).contains('\u{1b}'));
}

#[test]
fn default_width_is_80_off_a_terminal() {
    let out = show(&sample(), &[]);
    assert!(out.lines().map(display_width).max().unwrap() <= 80);
    assert_eq!(
        out.lines().nth(3).map(display_width),
        Some(80),
        "the header rule spans the width"
    );
}

#[test]
fn exit_codes() {
    brief().args(["show", "/no/such/post.md"]).assert().code(2);
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("binary.md");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 1, 2, 3].repeat(100)).unwrap();
    brief().arg("show").arg(&binary).assert().code(1);
    brief()
        .args(["show", "--color", "sometimes"])
        .arg(sample())
        .assert()
        .code(2);
}

#[test]
fn escape_sequences_in_a_post_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.md");
    std::fs::write(
        &path,
        "---\ntitle: \"\\e]0;pwned\\a标题\"\nauthor: \"\u{1b}[31mred\"\n---\n正文&#27;[2J \u{1b}]52;c;eA==\u{7} <b>&#x1b;[5m粗</b>\n",
    )
    .unwrap();
    let out = show(&path, &["--width", "40", "--color", "never"]);
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    assert!(out.contains("正文") && out.contains('粗'), "{out}");
}

#[test]
fn a_terminal_gets_steady_emoji_and_a_pipe_the_text_as_written() {
    let sample = sample().display().to_string();
    let zero_width_joiner = '\u{200D}';
    let on_terminal = show_on_a_terminal(&["--width", "60", &sample], true);
    assert!(on_terminal.contains("👩 开发者早报"), "{on_terminal}");
    assert!(!on_terminal.contains(zero_width_joiner));
    let piped = brief()
        .args(["show", "--width", "60"])
        .arg(&sample)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&piped.stdout).contains("👩\u{200D}💻 开发者早报"));
}

/// Chinese bold that ends or starts beside punctuation (`**注意：**这是`) is bold, not raw
/// asterisks; code and link targets keep their asterisks exactly.
#[test]
fn cjk_bold_beside_punctuation_is_bold_and_code_keeps_its_asterisks() {
    let post = brief_core::store::Post {
        title: "强调".into(),
        ..brief_core::store::Post::default()
    };
    let body = "**注意：**这是重点。这是**“引用”**的话。**要点**：内容。\n\n`a**：b`\n\n[链](https://e.com/a**：b)\n";
    let article = brief_core::render::render_article(&post, body, 60);
    let text = article.plain_text();
    assert!(
        text.contains("注意：这是重点。这是“引用”的话。要点：内容。"),
        "{text}"
    );
    assert!(text.contains("a**：b"), "{text}");
    assert!(
        article
            .links
            .iter()
            .any(|l| l.url == "https://e.com/a**：b")
    );
    let strong: String = article
        .lines
        .iter()
        .skip(article.header_lines)
        .flat_map(|l| &l.spans)
        .filter(|s| s.style.strong)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(strong, "注意：“引用”要点");
}

/// A time with a zone is shown in the local zone, as the reader shows it, unless `utc = true`.
#[test]
fn show_puts_zoned_times_in_the_local_zone_unless_utc() {
    let dir = tempfile::tempdir().unwrap();
    let post = dir.path().join("tz.md");
    std::fs::write(
        &post,
        "---\ntitle: 时区\ndate: 2025-02-08T02:20:30.000Z\n---\n\n正文。\n",
    )
    .unwrap();
    let header = |config: Option<&std::path::Path>| {
        let mut cmd = brief();
        cmd.env("TZ", "JST-9");
        if let Some(config) = config {
            cmd.arg("--config").arg(config);
        }
        let out = cmd
            .args(["show", "--width", "60"])
            .arg(&post)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(
        header(None).contains("2025-02-08 11:20:30+09:00"),
        "{}",
        header(None)
    );
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "utc = true\n").unwrap();
    assert!(header(Some(&config)).contains("2025-02-08 02:20:30Z"));
}
