//! A synthetic corpus of briefings for benchmarks and measurements: every front-matter dialect
//! brief reads, mostly Chinese text, with some long (1-3 MB) and some hostile posts mixed in.
//! Deterministic for a given count and seed. The reader itself never uses this module.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const WORDS_ZH: &[&str] = &[
    "人工智能",
    "云计算",
    "半导体",
    "数据中心",
    "投资",
    "市场",
    "增长",
    "企业",
    "发布",
    "报告",
    "芯片",
    "能源",
    "储能",
    "电池",
    "模型",
    "开源",
    "安全",
    "网络",
    "监管",
    "政策",
    "消费",
    "出口",
    "供应链",
    "算力",
    "平台",
];
const WORDS_JA: &[&str] = &[
    "市場",
    "株価",
    "円相場",
    "半導体",
    "投資",
    "新興企業",
    "生成AI",
    "東京",
    "日経平均",
];
const WORDS_EN: &[&str] = &[
    "cloud", "revenue", "model", "chips", "market", "open", "source", "release", "growth",
];
const TAGS: &[&str] = &[
    "AI",
    "ai",
    "#AI",
    "云计算",
    "半导体",
    "日本",
    "储能",
    "开源",
    "markets",
    "Economy",
    "芯片",
    "安全",
];
const PUNCT: &[&str] = &[
    "，", "。", "、", "；", "：", "！", "？", "（", "）", "「", "」",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn sentence(rng: &mut Rng, words: &[&str]) -> String {
    let mut s = String::new();
    for i in 0..(6 + rng.below(14)) {
        s.push_str(rng.pick(words));
        if i % 4 == 3 {
            s.push_str(rng.pick(PUNCT));
        }
    }
    s.push('。');
    s
}

fn paragraph(rng: &mut Rng, words: &[&str]) -> String {
    (0..(2 + rng.below(4)))
        .map(|_| sentence(rng, words))
        .collect()
}

fn tags(rng: &mut Rng) -> Vec<&'static str> {
    let mut t: Vec<&str> = (0..(1 + rng.below(4))).map(|_| rng.pick(TAGS)).collect();
    t.dedup();
    t
}

fn front_matter(rng: &mut Rng, index: usize, title: &str) -> String {
    let day = 1 + index % 28;
    let month = 1 + (index / 28) % 12;
    let year = 2020 + (index / 336) % 7;
    let tags = tags(rng);
    let mut fm = String::new();
    match index % 6 {
        0 => {
            let _ = write!(
                fm,
                "---\nlayout: post\ntitle: \"{title}\"\ndate: {year}-{month:02}-{day:02}\nauthor: \"科技观察\"\nsource: https://news.example.com/{index}\ncategories:\n  - tech\ntags:\n"
            );
            for t in &tags {
                let _ = writeln!(fm, "  - \"{t}\"");
            }
            fm.push_str("---\n");
        }
        1 => {
            let _ = write!(
                fm,
                "---\ntitle: \"{title}\"\ndate: {year}-{month:02}-{day:02}T02:20:30.000Z\nauthor: 王惠子\nfrom: https://cn.example.com/{index}.html\ntags: [ {} ]\ncomments: True\ncategories: [ 日本経済新聞 ]\n---\n",
                tags.join(", ").replace('#', "")
            );
        }
        2 => {
            let _ = write!(
                fm,
                "---\ntitle: '{title}'\ndate: \"{year}-{month:02}-{day:02} 11:00:01\"\ntags: \"{}\"\nlang: [zh, en]\nsummary: \"摘要\u{a0}内容\"\n---\n",
                tags.join(", ")
            );
        }
        3 => {
            let quoted: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
            let _ = write!(
                fm,
                "+++\ntitle = \"{title}\"\ndate = {year}-{month:02}-{day:02}T08:00:00Z\ntags = [{}]\ncategories = [\"science\"]\n+++\n",
                quoted.join(", ")
            );
        }
        4 => {
            let _ = write!(
                fm,
                "---\ndate: {year}-{month:02}-{day:02}T09:30:00+08:00\nauthor: \"\"\ntags: {}\ndraft: false\nweight: 3\n---\n",
                tags.join(" ").replace('#', "")
            );
        }
        _ => {
            let _ = write!(
                fm,
                "---\ntitle: {title}\ndate: {year}-{month:02}-{day:02}\nurl: https://example.org/p/{index}\ntags:\n- {}\n---\n",
                tags.join("\n- ").replace('#', "")
            );
        }
    }
    fm
}

fn markdown_body(rng: &mut Rng, title: &str, words: &[&str], target_bytes: usize) -> String {
    let mut body = format!("\n# {title}\n\n");
    let mut section = 0;
    while body.len() < target_bytes {
        section += 1;
        let _ = write!(body, "## 第{section}节\n\n{}\n\n", paragraph(rng, words));
        if section % 3 == 0 {
            let _ = write!(
                body,
                "- {}\n- [链接](https://example.com/{section})\n\n",
                sentence(rng, words)
            );
        }
        if section % 5 == 0 {
            body.push_str("| 公司 | 收入 |\n|---|---|\n| 甲 | 100亿 |\n| 乙 | 20亿 |\n\n");
        }
        let _ = write!(body, "{}\n\n", paragraph(rng, words));
    }
    body
}

const OUTLETS: &[&str] = &[
    "news.example.com",
    "www.tech-daily.example",
    "markets.example.net",
    "cn.example.org",
    "asia.example.jp",
    "wire.example.com",
];

/// A daily briefing: a few `###` stories, each with a paragraph and its own labelled source.
/// Stories come from a shared pool that moves on by day, so that a story recurs in the
/// briefings of nearby days, by the same link or, from another outlet, under the same
/// heading, as real briefings repeat the news of the day before.
fn briefing_body(rng: &mut Rng, index: usize, title: &str, words: &[&str]) -> String {
    let mut body = format!("\n# {title}\n\n{}\n\n## 要闻\n\n", sentence(rng, words));
    let day = index / 3;
    for _ in 0..(3 + rng.below(6)) {
        // Mostly today's stories, some from the days before.
        let story = day * 4 + rng.below(12);
        let heading = format!(
            "{}{}{}：第{story}号",
            WORDS_ZH[story % WORDS_ZH.len()],
            WORDS_ZH[(story / 7) % WORDS_ZH.len()],
            WORDS_ZH[(story / 3) % WORDS_ZH.len()]
        );
        let outlet = if rng.below(4) == 0 {
            rng.pick(OUTLETS)
        } else {
            OUTLETS[story % OUTLETS.len()]
        };
        let tracking = if rng.below(3) == 0 {
            "?utm_source=briefing"
        } else {
            ""
        };
        let _ = write!(
            body,
            "### {heading}\n\n{}\n\n**Source:** [{outlet}](https://{outlet}/{}/{story}.html{tracking})\n\n",
            paragraph(rng, words),
            2020 + story % 7,
        );
    }
    body
}

fn html_body(rng: &mut Rng, words: &[&str]) -> String {
    let mut body = String::from(
        "<!--1738981230000-->\n<div><table><tr><td><img src=\"https://img.example.com/a.jpg\"></td></tr><tr><td><strong>图片说明</strong></td></tr></table>",
    );
    for _ in 0..(3 + rng.below(5)) {
        let _ = write!(body, "<p>&nbsp;&nbsp;{}</p>", paragraph(rng, words));
    }
    body.push_str("</div>\n");
    body
}

fn hostile_body() -> String {
    format!(
        "\n# \x1b]0;pwned\x07标题\n\n正文\x1b[31m红色\x1b[0m &#27;[2J 结束。\n\n{}\n\n{}x\n",
        "[".repeat(2000),
        "> ".repeat(200)
    )
}

fn write_post(
    dir: &Path,
    index: usize,
    rng: &mut Rng,
    options: CorpusOptions,
) -> std::io::Result<()> {
    let long_every = options.long_every;
    let words = match index % 10 {
        7 => WORDS_JA,
        8 => WORDS_EN,
        _ => WORDS_ZH,
    };
    let title = format!("{}{}简报 {index}", rng.pick(words), rng.pick(words));
    let mut text = front_matter(rng, index, &title);
    if long_every > 0 && index % long_every == long_every - 1 {
        let size = 1_000_000 + rng.below(2_000_000);
        text.push_str(&markdown_body(rng, &title, words, size));
    } else if index % 97 == 13 {
        text.push_str(&hostile_body());
    } else if index % 6 == 1 {
        text.push_str(&html_body(rng, words));
    } else if options.briefings {
        text.push_str(&briefing_body(rng, index, &title, words));
    } else {
        let size = 1_500 + rng.below(3_000);
        text.push_str(&markdown_body(rng, &title, words, size));
    }
    let folder = dir.join(format!("{:04}", index / 1000));
    let extension = if index.is_multiple_of(3) { "txt" } else { "md" };
    fs::create_dir_all(&folder)?;
    fs::write(folder.join(format!("{index:06}.{extension}")), text)
}

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct CorpusOptions {
    pub count: usize,
    /// Every this many posts one is 1-3 MB long; 0 for none.
    pub long_every: usize,
    pub seed: u64,
    /// Markdown posts are briefings of several stories with their sources, some repeated
    /// across days (else sections with few links, as articles).
    pub briefings: bool,
}

impl CorpusOptions {
    pub fn new(count: usize) -> Self {
        Self {
            count,
            long_every: 0,
            seed: 0x9e37_79b9_7f4a_7c15,
            briefings: false,
        }
    }
}

/// Writes the corpus under `out`, a thousand posts per sub-folder.
pub fn write_corpus(out: &Path, options: CorpusOptions) -> std::io::Result<()> {
    let mut rng = Rng(options.seed | 1);
    for index in 0..options.count {
        write_post(out, index, &mut rng, options)?;
    }
    Ok(())
}

/// Writes one long (about `bytes` bytes) Markdown article, as the corpus's long posts are.
pub fn long_article(bytes: usize) -> String {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let title = "长文测试";
    let mut text = front_matter(&mut rng, 0, title);
    text.push_str(&markdown_body(&mut rng, title, WORDS_ZH, bytes));
    text
}

/// pulldown-cmark's superlinear footnote case: `marks` lines starting with `[^` inside an
/// unclosed block, after a definition, so that footnotes would be read. For brief's guard
/// against it: its test and the nesting benchmark.
pub fn adversarial_footnotes(marks: usize) -> String {
    let mut text = String::from("[^x]: note\n\n<div>\n");
    for i in 0..marks {
        text.push_str(if i % 2 == 0 {
            "> [^a\n"
        } else {
            "- [^x]: [^\n"
        });
    }
    text
}
