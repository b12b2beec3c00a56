//! `render_article` on a generated ~1 MB Chinese Markdown article, against pulldown-cmark
//! alone parsing it (every event visited). The target: rendering takes at most 5x the parse.
//!
//! Run with `cargo bench --bench render`. After criterion's figures it prints the ratio from
//! runs taken in turn (parse, render, parse, render, ...): on a shared machine the load changes
//! between criterion's groups, and only runs side by side give a ratio that means something.

use brief_core::render::{markdown_options, render_article};
use brief_core::store::Post;
use criterion::{Criterion, criterion_group};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// About 1 MB of briefing-like Markdown: headings, paragraphs with links, emphasis and code,
/// lists, quotes, now and then a table and a code block, repeated with varying numbers.
fn article() -> String {
    let mut out = String::with_capacity(1 << 20);
    let mut n = 0;
    while out.len() < 1 << 20 {
        n += 1;
        // Mostly prose, as briefings are; a list and a quote often, a table and code now and then.
        out.push_str(&format!(
            "## 第{n}节：生成式AI带动云计算需求\n\n\
             本周云计算行业的关键词依然是“推理”。多家云服务商在季度说明会上提到，企业客户正把试点阶段的AI项目\
             迁移到正式生产环境，推理算力的需求增速首次超过了训练。据[市场研究机构](https://news.example.org/{n})\
             统计，**第四季度全球云收入达到1190亿美元**，全年总计4190亿美元，*同比增长约三成*。\n\n\
             工程师普遍使用 `kubectl` 与 Terraform 管理集群，Amazon、Microsoft 和 Google 三大云服务商占据约三分之二的企业云支出。\
             与此同时，AI投资回报率问题引发行业反思，76%的企业采用混合云或多云策略，\
             分析人士认为未来几个季度需重点关注芯片供货节奏、电力接入审批进度，以及企业客户的续约率。\n\n"
        ));
        if n % 2 == 0 {
            out.push_str(
                "- 算力采购：多家大型企业签订了为期三年的GPU预留合同\n  - 合同以推理实例为主\n\
                 - 价格变化：主流云厂商陆续下调对象存储的出网流量费用\n\n\
                 > 算力的瓶颈，正在从芯片本身转移到封装、内存和电力。\n\n",
            );
        }
        if n % 8 == 0 {
            out.push_str(&format!(
                "| 指标 | 本季度 | 上季度 |\n|---|---:|---:|\n| 推理实例用量 | +{n}% | +5% |\n\
                 | 新增企业客户 | 3,400 | 2,900 |\n\n```bash\ncargo test --release\n```\n\n"
            ));
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let body = article();
    let post = Post {
        title: "基准测试文章".into(),
        source: Some("https://news.example.org/".into()),
        ..Post::default()
    };
    let mut group = c.benchmark_group("1MB-chinese-markdown");
    group.sample_size(20);
    group.bench_function("pulldown-cmark parse only", |b| {
        b.iter(|| parse_only(&body))
    });
    group.bench_function("parse_body: document model only", |b| {
        b.iter(|| {
            brief_core::render::parse_body(
                black_box(&body),
                brief_core::store::BodyFormat::Markdown,
            )
            .len()
        })
    });
    group.bench_function("render_article at 80 columns", |b| {
        b.iter(|| render_article(&post, black_box(&body), 80).lines.len())
    });
    group.finish();
}

fn parse_only(body: &str) -> usize {
    let mut events = 0usize;
    for event in pulldown_cmark::Parser::new_ext(black_box(body), markdown_options()) {
        black_box(&event);
        events += 1;
    }
    events
}

/// Parse and render timed in turn, `PAIRS` times; prints the medians and their ratio.
fn interleaved_ratio() {
    const PAIRS: usize = 41;
    let body = article();
    let post = Post::default();
    let time = |f: &dyn Fn() -> usize| {
        let start = Instant::now();
        black_box(f());
        start.elapsed()
    };
    let (mut parse, mut render) = (Vec::new(), Vec::new());
    for _ in 0..PAIRS {
        parse.push(time(&|| parse_only(&body)));
        render.push(time(&|| {
            render_article(&post, black_box(&body), 80).lines.len()
        }));
    }
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let (parse, render) = (median(&mut parse), median(&mut render));
    println!(
        "taken in turn, median of {PAIRS}: parse {:.2} ms, render_article {:.2} ms, ratio {:.2}x",
        parse.as_secs_f64() * 1e3,
        render.as_secs_f64() * 1e3,
        render.as_secs_f64() / parse.as_secs_f64()
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    interleaved_ratio();
}
