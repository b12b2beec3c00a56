//! `brief list`: posts newest first, as aligned text or JSON.

use super::{CliError, Context, json_out, load_roots_then, output_width, print_out};
use brief_core::marks::{Mark, post_id};
use brief_core::store::{self, Needle, Post, Query};
use brief_text::{display_width, pad_to_width, truncate_to_width};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args, Default)]
pub struct ListArgs {
    /// Folder of posts, or one post; defaults to the config's `posts`, then the current folder.
    pub path: Option<PathBuf>,
    /// Only posts with this tag (repeat to require several; case-insensitive).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only posts in this category (repeat to require several).
    #[arg(long = "category", value_name = "CATEGORY")]
    pub categories: Vec<String>,
    /// Only posts whose title, summary, tags or body contain TEXT (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only posts not yet read.
    #[arg(long, conflicts_with = "starred")]
    pub unread: bool,
    /// Only starred posts.
    #[arg(long)]
    pub starred: bool,
    /// Print a JSON array instead of text.
    #[arg(long)]
    pub json: bool,
    /// With --json, add each post's story count and new stories (reads every body).
    #[arg(long, requires = "json")]
    pub stories: bool,
    /// Fit text output into N columns (default: the terminal's width; no limit when piped).
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
}

impl ListArgs {
    pub fn for_path(path: Option<PathBuf>) -> Self {
        Self {
            path,
            ..Self::default()
        }
    }
}

pub fn run(args: &ListArgs, context: &Context) -> Result<ExitCode, CliError> {
    let roots = context.roots(args.path.as_deref())?;
    // The index cache is written on another thread while the list is printed. Stories, when
    // asked for, are found in the bodies read to list the posts.
    let found = super::stories::FoundWhileLoading::default();
    let visit = |post: &Post, body: &str| found.visit(post, body);
    let bodies: Option<store::BodyVisit<'_>> = (args.json && args.stories).then_some(&visit);
    load_roots_then(&roots, context, bodies, |loaded| {
        print(args, context, &roots, loaded, &found)
    })
}

fn print(
    args: &ListArgs,
    context: &Context,
    roots: &[PathBuf],
    loaded: store::Loaded,
    found: &super::stories::FoundWhileLoading,
) -> Result<ExitCode, CliError> {
    let marks = context.marks();
    let query = Query {
        tags: args.tags.clone(),
        categories: args.categories.clone(),
        text: args.search.clone(),
    };
    // Prepared once: it is looked for in every field and body of the folder.
    let needle = query.text.as_deref().map(Needle::new);
    use rayon::prelude::*;
    let posts: Vec<(&Post, Mark)> = loaded
        .posts
        .par_iter()
        .map(|post| {
            let mark = if marks.is_empty() {
                Mark::default()
            } else {
                marks.get(&post_id(post, roots))
            };
            (post, mark)
        })
        .filter(|(_, mark)| (!args.unread || !mark.read) && (!args.starred || mark.starred))
        .filter(|(post, _)| matches(&query, needle.as_ref(), post))
        .collect();
    if args.json && args.stories {
        let cache_at = context.use_cache.then(|| super::stories::CacheAt {
            file: brief_core::stories::cache::StoryCache::file_for(&context.paths.cache_dir, roots),
            roots,
            live: &loaded.posts,
        });
        let counts = story_counts(&loaded.posts, cache_at, found);
        json_out::write_array(
            json_out::pretty(),
            &posts,
            json_out::CHUNK,
            |(post, mark)| {
                let count = counts.get(post.path.as_path()).copied().unwrap_or_default();
                PostJson::new(post, *mark).with_stories(count)
            },
        )?;
    } else if args.json {
        json_out::write_array(
            json_out::pretty(),
            &posts,
            json_out::CHUNK,
            |(post, mark)| PostJson::new(post, *mark),
        )?;
    } else {
        print_out(&to_text(&posts, output_width(args.width)))?;
    }
    let with_errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    if with_errors > 0 {
        let message = brief_i18n::fill(context.words().list_problems, &[("n", &with_errors)]);
        super::say(&format!("brief: {message}"));
    }
    drop(posts);
    // The process ends next: freeing a hundred thousand posts one by one would cost more than
    // listing them, and the system takes the memory back at once.
    std::mem::forget(loaded);
    Ok(ExitCode::SUCCESS)
}

fn matches(query: &Query, needle: Option<&Needle>, post: &Post) -> bool {
    if !query.matches_fields(post) {
        return false;
    }
    let Some(needle) = needle else {
        return true;
    };
    let in_fields = [
        Some(post.title.as_str()),
        post.summary.as_deref(),
        post.author.as_deref(),
    ]
    .into_iter()
    .flatten()
    .chain(post.tags.iter().map(String::as_str))
    .any(|field| needle.found_in(field));
    in_fields || store::body_contains(&post.path, needle)
}

/// A post as `--json` prints it.
#[derive(Debug, serde::Serialize)]
pub struct PostJson<'a> {
    path: std::borrow::Cow<'a, str>,
    title: &'a str,
    #[serde(serialize_with = "date_as_text")]
    date: Option<store::PostDate>,
    author: Option<&'a str>,
    source: Option<&'a str>,
    tags: &'a [String],
    categories: &'a [String],
    lang: &'a [String],
    summary: Option<&'a str>,
    format: &'static str,
    read: bool,
    starred: bool,
    /// With `--stories`: how many stories the post carries, and how many of them no earlier
    /// post carried.
    #[serde(skip_serializing_if = "Option::is_none")]
    stories: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_stories: Option<usize>,
}

impl<'a> PostJson<'a> {
    pub fn new(post: &'a Post, mark: Mark) -> Self {
        Self {
            path: json_out::path_text(&post.path),
            title: &post.title,
            date: post.date,
            author: post.author.as_deref(),
            source: post.source.as_deref(),
            tags: &post.tags,
            categories: &post.categories,
            lang: &post.lang,
            summary: post.summary.as_deref(),
            format: post.format.as_str(),
            read: mark.read,
            starred: mark.starred,
            stories: None,
            new_stories: None,
        }
    }

    /// This post with its story count and new stories.
    fn with_stories(self, (stories, new_stories): (usize, usize)) -> Self {
        Self {
            stories: Some(stories),
            new_stories: Some(new_stories),
            ..self
        }
    }
}

/// Per post of the folder: its stories and its new stories, "new" meaning that no post
/// dated earlier carries it (the whole folder counts, whatever the filters show).
fn story_counts<'a>(
    all: &'a [Post],
    cache_at: Option<super::stories::CacheAt<'_>>,
    found: &super::stories::FoundWhileLoading,
) -> std::collections::HashMap<&'a std::path::Path, (usize, usize)> {
    let posts: Vec<&Post> = all.iter().collect();
    let stories = super::stories::stories_of(&posts, cache_at, found);
    let merged = super::stories::merge_posts(&posts, stories);
    all.iter()
        .enumerate()
        .map(|(i, post)| (post.path.as_path(), (merged.count_in(i), merged.new_in(i))))
        .collect()
}

/// A date as its text, written straight into the JSON without a `String` of its own.
fn date_as_text<S: serde::Serializer>(
    date: &Option<store::PostDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.collect_str(date),
        None => serializer.serialize_none(),
    }
}

const DATE_COLUMN: usize = 10;
const GAP: &str = "  ";

/// The marks column: `N` for a post not yet read, `*` for a starred one (as mutt marks new
/// and flagged mail), ASCII so scripts can grep it.
const MARKS_COLUMN: usize = 2;

/// `DATE  N*  TITLE  TAGS`, columns aligned by display width. With a width, titles are cut
/// with `…` so each line fits; the tag column gets at most a third of the line.
fn to_text(posts: &[(&Post, Mark)], width: Option<usize>) -> String {
    let tag_texts: Vec<String> = posts.iter().map(|(p, _)| p.tags.join(", ")).collect();
    let widest_title = posts
        .iter()
        .map(|(p, _)| display_width(&p.title))
        .max()
        .unwrap_or(0);
    let widest_tags = tag_texts
        .iter()
        .map(|t| display_width(t))
        .max()
        .unwrap_or(0);
    let (title_width, tags_width) = match width {
        None => (widest_title, widest_tags),
        Some(width) => {
            let room = width.saturating_sub(DATE_COLUMN + MARKS_COLUMN + 3 * GAP.len());
            let tags_width = widest_tags.min(room / 3);
            (widest_title.min(room - tags_width), tags_width)
        }
    };
    let mut out = String::new();
    for ((post, mark), tags) in posts.iter().zip(&tag_texts) {
        let date = post.date.map(|d| d.day().to_string()).unwrap_or_default();
        out.push_str(&pad_to_width(&date, DATE_COLUMN));
        out.push_str(GAP);
        out.push(if mark.read { ' ' } else { 'N' });
        out.push(if mark.starred { '*' } else { ' ' });
        out.push_str(GAP);
        if tags.is_empty() || tags_width == 0 {
            out.push_str(&truncate_to_width(&post.title, title_width));
        } else {
            out.push_str(&pad_to_width(&post.title, title_width));
            out.push_str(GAP);
            out.push_str(&truncate_to_width(tags, tags_width));
        }
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    }
    out
}
