//! `brief tags`: every tag and category with its post count, most used first.

use super::{CliError, Context, load_roots, print_out};
use brief_core::store::{TagIndex, TagKind};
use brief_text::{display_width, pad_to_width};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct TagsArgs {
    /// Folder of posts, or one post; defaults to the current folder.
    pub path: Option<PathBuf>,
    /// Print a JSON array of `{"name", "kind", "count"}`.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &TagsArgs, context: &Context) -> Result<ExitCode, CliError> {
    let loaded = load_roots(&context.roots(args.path.as_deref())?, context);
    let index = TagIndex::build(&loaded.posts);
    let output = if args.json {
        let array: Vec<serde_json::Value> = index
            .entries
            .iter()
            .map(|t| serde_json::json!({ "name": t.name, "kind": t.kind.as_str(), "count": t.count }))
            .collect();
        serde_json::to_string_pretty(&array).unwrap_or_default() + "\n"
    } else {
        let count_width = index
            .entries
            .iter()
            .map(|t| t.count.to_string().len())
            .max()
            .unwrap_or(1);
        let words = context.words();
        let kind = |kind: TagKind| match kind {
            TagKind::Tag => words.tags_kind_tag,
            TagKind::Category => words.tags_kind_category,
        };
        let kind_width = index
            .entries
            .iter()
            .map(|t| display_width(kind(t.kind)))
            .max()
            .unwrap_or(0);
        index
            .entries
            .iter()
            .map(|t| {
                format!(
                    "{:>count_width$}  {}  {}\n",
                    t.count,
                    pad_to_width(kind(t.kind), kind_width),
                    t.name
                )
            })
            .collect()
    };
    print_out(&output)?;
    Ok(ExitCode::SUCCESS)
}
