//! Writes a synthetic corpus of briefings for benchmarks (see `brief_corpus`).
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT_DIR COUNT [--long-every N] [--seed S] [--briefings]
//! ```
//!
//! `--briefings`: Markdown posts are briefings of several stories, some repeated across
//! days, as `brief stories` reads them.

use brief_corpus::{CorpusOptions, write_corpus};
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<u64>().ok())
    };
    let (Some(out), Some(count)) = (
        args.first().map(PathBuf::from),
        args.get(1).and_then(|c| c.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: gen_corpus OUT_DIR COUNT [--long-every N] [--seed S] [--briefings]");
        std::process::exit(2);
    };
    let mut options = CorpusOptions::new(count);
    options.long_every = flag("--long-every").map_or(0, |n| n as usize);
    options.briefings = args.iter().any(|a| a == "--briefings");
    if let Some(seed) = flag("--seed") {
        options.seed = seed;
    }
    write_corpus(&out, options)?;
    eprintln!("wrote {count} posts to {}", out.display());
    Ok(())
}
