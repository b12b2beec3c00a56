//! `brief stories`: every story of the briefings with its sources and the posts carrying it,
//! most repeated first, as aligned text or JSON; and the per-post counts `brief list --json
//! --stories` adds.
//!
//! Stories need each body: bodies are read and parsed on every core, one post at a time, and
//! only the stories are kept. A story without a web source (`## 分析`) cannot recur, so
//! `brief stories` leaves it out; the per-post counts include it.

use super::{CliError, Context, load_roots, output_width, print_out};
use crate::render::find_stories;
use crate::render::stories::{Story, source_host};
use crate::store::{self, Post, PostDate};
use crate::stories::cache::StoryCache;
use crate::stories::{Merged, PostStory, merge, post_stories};
use crate::text::{display_width, pad_to_width, truncate_to_width};
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args, Default)]
pub struct StoriesArgs {
    /// Folder of posts, or one post; defaults to the current folder.
    pub path: Option<PathBuf>,
    /// Print a JSON array instead of text.
    #[arg(long)]
    pub json: bool,
    /// Only posts dated DATE (YYYY-MM-DD) or later.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Fit text output into N columns (default: the terminal's width; no limit when piped).
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
}

/// Where the stories cache lives, when the cache is used.
#[derive(Debug)]
pub struct CacheAt<'a> {
    pub file: PathBuf,
    pub roots: &'a [PathBuf],
    /// Every post loaded: the cache forgets the others.
    pub live: &'a [Post],
}

/// The stories of every post: from the stories cache where the file is unchanged, else read
/// and parsed on every core (a post whose body cannot be read is one story from its front
/// matter); the cache is updated.
pub fn stories_of(posts: &[&Post], cache_at: Option<CacheAt<'_>>) -> Vec<Vec<PostStory>> {
    use rayon::prelude::*;
    let mut cache = cache_at
        .as_ref()
        .map(|at| StoryCache::load(&at.file, at.roots));
    let found: Vec<(Vec<Story>, bool)> = posts
        .par_iter()
        .map(|post| match cache.as_ref().and_then(|c| c.get(post)) {
            Some(stories) => (stories, false),
            None => {
                let stories = store::read_body(post)
                    .map(|body| find_stories(post, &body))
                    .unwrap_or_default();
                (stories, true)
            }
        })
        .collect();
    if let (Some(cache), Some(at)) = (cache.as_mut(), cache_at) {
        for (post, (stories, fresh)) in posts.iter().zip(&found) {
            if *fresh {
                cache.insert(post, stories);
            }
        }
        let live: Vec<&Post> = at.live.iter().collect();
        if let Err(error) = std::mem::take(cache).save(&at.file, Some(&live)) {
            eprintln!("brief: {}: {error}", at.file.display());
        }
    }
    posts
        .iter()
        .zip(found)
        .map(|(post, (stories, _))| post_stories(post, &stories))
        .collect()
}

/// Merges the stories of `posts` (parallel to `stories`).
pub fn merge_posts(posts: &[&Post], stories: Vec<Vec<PostStory>>) -> Merged {
    let pairs: Vec<(&Post, Vec<PostStory>)> = posts.iter().copied().zip(stories).collect();
    merge(&pairs)
}

pub fn run(args: &StoriesArgs, context: &Context) -> Result<ExitCode, CliError> {
    let since = match args.since.as_deref() {
        Some(text) => Some(
            PostDate::parse(text)
                .ok_or_else(|| CliError::BadSince(text.to_string()))?
                .day(),
        ),
        None => None,
    };
    let roots = context.roots(args.path.as_deref())?;
    let loaded = load_roots(&roots, context);
    let posts: Vec<&Post> = loaded
        .posts
        .iter()
        .filter(|post| since.is_none_or(|since| post.date.is_some_and(|d| d.day() >= since)))
        .collect();
    let cache_at = context.use_cache.then(|| CacheAt {
        file: StoryCache::file_for(&context.paths.cache_dir, &roots),
        roots: &roots,
        live: &loaded.posts,
    });
    let merged = merge_posts(&posts, stories_of(&posts, cache_at));
    let mut order: Vec<usize> = (0..merged.stories.len())
        .filter(|&i| !merged.stories[i].urls.is_empty())
        .collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&merged.stories[a], &merged.stories[b]);
        b.posts
            .len()
            .cmp(&a.posts.len())
            .then_with(|| {
                let key = |d: Option<PostDate>| d.map_or(i64::MIN, |d| d.sort_key());
                key(b.first_seen).cmp(&key(a.first_seen))
            })
            .then_with(|| a.title.cmp(&b.title))
    });
    if args.json {
        let array: Vec<StoryJson<'_>> = order
            .iter()
            .map(|&i| StoryJson::new(&merged, i, &posts))
            .collect();
        let text = if std::io::stdout().is_terminal() {
            serde_json::to_string_pretty(&array)
        } else {
            serde_json::to_string(&array)
        }
        .map_err(std::io::Error::from)?;
        print_out(&(text + "\n"))?;
    } else {
        let words = context.words();
        print_out(&to_text(&merged, &order, output_width(args.width), words))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A story as `--json` prints it.
#[derive(Debug, serde::Serialize)]
struct StoryJson<'a> {
    title: &'a str,
    /// The first source, folded.
    url: &'a str,
    host: String,
    /// Every source as written, oldest first.
    sources: &'a [String],
    hosts: Vec<String>,
    #[serde(serialize_with = "date_as_text")]
    first_seen: Option<PostDate>,
    posts: Vec<PostRef<'a>>,
}

#[derive(Debug, serde::Serialize)]
struct PostRef<'a> {
    path: std::borrow::Cow<'a, str>,
    #[serde(serialize_with = "date_as_text")]
    date: Option<PostDate>,
    title: &'a str,
}

impl<'a> StoryJson<'a> {
    fn new(merged: &'a Merged, index: usize, posts: &[&'a Post]) -> Self {
        let story = &merged.stories[index];
        let hosts: Vec<String> = story.sources.iter().map(|s| source_host(s)).collect();
        Self {
            title: &story.title,
            url: story.urls.first().map_or("", String::as_str),
            host: hosts.first().cloned().unwrap_or_default(),
            sources: &story.sources,
            hosts,
            first_seen: story.first_seen,
            posts: story
                .posts
                .iter()
                .map(|&p| PostRef {
                    path: posts[p].path.to_string_lossy(),
                    date: posts[p].date,
                    title: &posts[p].title,
                })
                .collect(),
        }
    }
}

fn date_as_text<S: serde::Serializer>(
    date: &Option<PostDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.collect_str(&date.day()),
        None => serializer.serialize_none(),
    }
}

/// `POSTS  FIRST-SEEN  TITLE  HOST  also: HOSTS`, one story a line, cut to `width`.
fn to_text(
    merged: &Merged,
    order: &[usize],
    width: Option<usize>,
    words: &crate::i18n::Catalog,
) -> String {
    let mut out = String::new();
    let count_width = order
        .first()
        .map_or(1, |&i| merged.stories[i].posts.len().to_string().len());
    let widest_title = order
        .iter()
        .map(|&i| display_width(&merged.stories[i].title))
        .max()
        .unwrap_or(0)
        .min(48);
    for &i in order {
        let story = &merged.stories[i];
        let mut hosts = story.sources.iter().map(|s| source_host(s));
        let first = hosts.next().unwrap_or_default();
        let others: Vec<String> = hosts.collect();
        let mut line = format!(
            "{:>count_width$}  {}  {}  {}",
            story.posts.len(),
            pad_to_width(
                &story
                    .first_seen
                    .map(|d| d.day().to_string())
                    .unwrap_or_default(),
                10
            ),
            pad_to_width(&story.title, widest_title),
            first
        );
        if !others.is_empty() {
            line.push_str("  ");
            line.push_str(&crate::i18n::fill(
                words.stories_also,
                &[("hosts", &others.join(", "))],
            ));
        }
        let line = match width {
            Some(width) => truncate_to_width(&line, width),
            None => line,
        };
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
