//! `render_article` on hostile nesting, 10^3 to 10^5 levels deep: `>` quote markers, `- `
//! list levels, `*` emphasis, footnote marks inside unclosed blocks, nested HTML in a
//! Markdown post, and nested HTML `<ul><li>` and `<div><blockquote>`. Rendering
//! must stay linear in the input, so each kind's time per level should stay about the same
//! from 10^3 to 10^5 (criterion reports it as throughput, levels per second).
//!
//! Run with `cargo bench --bench nesting`. After criterion's figures it prints a table of
//! single timings and the ratio of each size's time to the 10^3 one's (linear: 10x, 100x).

use brief_core::render::render_article;
use brief_core::store::{BodyFormat, Post};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
use std::hint::black_box;
use std::time::{Duration, Instant};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// A hostile body: a name, the body for `n` levels, and its format.
type Kind = (&'static str, fn(usize) -> String, BodyFormat);

fn kinds() -> Vec<Kind> {
    vec![
        (
            "quote",
            |n| format!("{}深处\n", ">".repeat(n)),
            BodyFormat::Markdown,
        ),
        (
            "list",
            |n| format!("{}底\n", "- ".repeat(n)),
            BodyFormat::Markdown,
        ),
        (
            "emphasis",
            |n| format!("{}心{}\n", "*a ".repeat(n), " b*".repeat(n)),
            BodyFormat::Markdown,
        ),
        (
            // pulldown-cmark's superlinear footnote case: `[^` at line starts inside an
            // unclosed block, with a definition; past the guard footnotes are not read.
            "footnotes",
            brief_corpus::adversarial_footnotes,
            BodyFormat::Markdown,
        ),
        (
            // A Markdown post whose HTML block nests: read by the HTML path inside Markdown.
            "markdown-html-div",
            |n| format!("# 标题\n\n{}底{}\n", "<div>".repeat(n), "</div>".repeat(n)),
            BodyFormat::Markdown,
        ),
        (
            "html-ul-li",
            |n| format!("{}底{}", "<ul><li>".repeat(n), "</li></ul>".repeat(n)),
            BodyFormat::Html,
        ),
        (
            "html-div-blockquote",
            |n| {
                format!(
                    "{}底{}",
                    "<div><blockquote>".repeat(n / 2),
                    "</blockquote></div>".repeat(n / 2)
                )
            },
            BodyFormat::Html,
        ),
    ]
}

fn post(format: BodyFormat) -> Post {
    Post {
        title: "嵌套".into(),
        format,
        ..Post::default()
    }
}

fn bench(c: &mut Criterion) {
    for (name, make, format) in kinds() {
        let mut group = c.benchmark_group(format!("nesting/{name}"));
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(3));
        let post = post(format);
        for n in SIZES {
            let body = make(n);
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::from_parameter(n), &body, |b, body| {
                b.iter(|| render_article(&post, black_box(body), 80).lines.len())
            });
        }
        group.finish();
    }
}

/// One timing per kind and size (best of three), and how it grows from 10^3.
fn growth_table() {
    println!("kind                  10^3 ms   10^4 ms   10^5 ms   x(10^4)  x(10^5)");
    for (name, make, format) in kinds() {
        let post = post(format);
        let times: Vec<Duration> = SIZES
            .iter()
            .map(|&n| {
                let body = make(n);
                (0..3)
                    .map(|_| {
                        let start = Instant::now();
                        black_box(render_article(&post, black_box(&body), 80).lines.len());
                        start.elapsed()
                    })
                    .min()
                    .unwrap_or_default()
            })
            .collect();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "{name:20} {:9.2} {:9.2} {:9.2} {:8.1} {:8.1}",
            ms(times[0]),
            ms(times[1]),
            ms(times[2]),
            ms(times[1]) / ms(times[0]),
            ms(times[2]) / ms(times[0]),
        );
    }
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    growth_table();
}
