//! `brief stories`: every story of the briefings with its sources and the posts carrying it,
//! most repeated first, as aligned text or JSON; and the per-post counts `brief list --json
//! --stories` adds.
//!
//! Stories need each body: bodies are read and parsed on every core, one post at a time, and
//! only the stories are kept. A story without a web source (`## 分析`) cannot recur, so
//! `brief stories` leaves it out; the per-post counts include it.

use super::{CliError, Context, json_out, load_roots_then, output_width, print_out};
use brief_core::render::find_stories;
use brief_core::render::stories::source_host;
use brief_core::store::{self, Post, PostDate};
use brief_core::stories::cache::{EncodedStories, StoryCache};
use brief_core::stories::{Carrier, Merged, PostStory, keyed_stories, merge_taking, or_whole_post};
use brief_text::{display_width, pad_to_width, truncate_to_width};
use clap::Args;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Mutex, PoisonError};

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

/// Stories found in the bodies a load reads anyway: on a first run each file is then read
/// and parsed once, on the loader's threads, instead of once to list it and again for its
/// stories.
#[derive(Debug, Default)]
pub struct FoundWhileLoading(Mutex<HashMap<PathBuf, Vec<PostStory>, foldhash::fast::RandomState>>);

impl FoundWhileLoading {
    /// Finds and keeps the stories of `post`, whose body is `body` (a [`store::BodyVisit`]).
    pub fn visit(&self, post: &Post, body: &str) {
        let keyed = found_in(post, body);
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(post.path.clone(), keyed);
    }

    /// What was found for each of `posts`, in their order; `None` where its body was not read.
    fn take_for(&self, posts: &[&Post]) -> Vec<Option<Vec<PostStory>>> {
        let mut found = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if found.is_empty() {
            // A warm run read no body: nothing to look up.
            return posts.iter().map(|_| None).collect();
        }
        posts
            .iter()
            .map(|post| found.remove(post.path.as_path()))
            .collect()
    }
}

/// The stories found in `post`'s `body`, keyed (empty: the post is one story).
fn found_in(post: &Post, body: &str) -> Vec<PostStory> {
    keyed_stories(&find_stories(post, body))
}

/// The stories of every post: found while loading, or from the stories cache where the file
/// is unchanged, else read and parsed on every core (a post whose body cannot be read is one
/// story from its front matter); the cache is updated when anything in it changed.
pub fn stories_of(
    posts: &[&Post],
    cache_at: Option<CacheAt<'_>>,
    found: &FoundWhileLoading,
) -> Vec<Vec<PostStory>> {
    let cache = cache_at
        .as_ref()
        .map(|at| StoryCache::load(&at.file, at.roots));
    stories_with(posts, cache_at.zip(cache), found, Keep::All)
}

/// Which of a post's stories to hand back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    All,
    /// Only those with a web source: the others are never the same as another story, and
    /// `brief stories` does not print them. Left out before merging, they cost nothing there
    /// (at 100,000 posts they were seven stories in ten).
    Sourced,
}

/// [`stories_of`] with the stories cache already loaded.
fn stories_with(
    posts: &[&Post],
    cached: Option<(CacheAt<'_>, StoryCache)>,
    while_loading: &FoundWhileLoading,
    keep: Keep,
) -> Vec<Vec<PostStory>> {
    use rayon::prelude::*;
    let (cache_at, cache) = cached.unzip();
    // Each post's stories: found while loading, kept in the cache (ready, and left there), or
    // found afresh, then encoded for the cache on the same core.
    let mut found: Vec<Found> = posts
        .par_iter()
        .zip(while_loading.take_for(posts))
        .enumerate()
        .map(|(i, (post, loaded))| {
            let kept = || cache.as_ref().and_then(|c| kept(c, i, post, keep));
            let keyed = match loaded {
                Some(keyed) => keyed,
                None => match kept() {
                    Some(stories) => return Found::Kept(stories),
                    None => store::read_body(post)
                        .map(|body| found_in(post, &body))
                        .unwrap_or_default(),
                },
            };
            let encoded = cache.as_ref().and_then(|_| StoryCache::encode(&keyed).ok());
            Found::Fresh(keyed, encoded)
        })
        .collect();
    if let (Some(mut cache), Some(at)) = (cache, cache_at) {
        let fresh = found.iter().any(|found| matches!(found, Found::Fresh(..)));
        if fresh || !cache.is_current_for(at.live) {
            for (post, found) in posts.iter().zip(&mut found) {
                if let Found::Fresh(_, encoded) = found
                    && let Some(encoded) = encoded.take()
                {
                    cache.insert_encoded(post, encoded);
                }
            }
            let live: Vec<&Post> = at.live.iter().collect();
            if let Err(error) = cache.save(&at.file, Some(&live)) {
                eprintln!("brief: {}: {error}", at.file.display());
            }
        }
    }
    posts
        .par_iter()
        .zip(found)
        .map(|(post, found)| match found {
            Found::Kept(stories) => stories,
            Found::Fresh(stories, _) => finish(post, stories, keep),
        })
        .collect()
}

/// The stories of `post`, the `i`-th post, as `keep` asks, if the cache keeps them.
fn kept(cache: &StoryCache, i: usize, post: &Post, keep: Keep) -> Option<Vec<PostStory>> {
    match keep {
        Keep::All => cache.kept(i, post).map(|found| finish(post, found, keep)),
        Keep::Sourced => cache.kept_sourced(i, post).map(|kept| {
            if kept.found_none {
                finish(post, Vec::new(), keep)
            } else {
                kept.stories
            }
        }),
    }
}

/// A post's stories as the cache keeps them, or as just found and keyed for it (empty: the
/// post is one story).
enum Found {
    /// Kept in the cache, and already [`finish`]ed: at once, so that the stories left out
    /// are never all in memory together.
    Kept(Vec<PostStory>),
    /// Found now, with their encoding for the cache when one is kept.
    Fresh(Vec<PostStory>, Option<EncodedStories>),
}

/// The stories a post's found stories stand for, as `keep` asks.
fn finish(post: &Post, found: Vec<PostStory>, keep: Keep) -> Vec<PostStory> {
    let mut stories = or_whole_post(post, found);
    if keep == Keep::Sourced {
        stories.retain(|story| story.source_key.is_some());
        // Most posts keep one story of several: the room of the others goes back now.
        stories.shrink_to_fit();
    }
    stories
}

/// Merges the stories of `posts` (parallel to `stories`).
pub fn merge_posts<P: Carrier + Sync>(posts: &[P], stories: Vec<Vec<PostStory>>) -> Merged {
    let mut pairs: Vec<(&P, Vec<PostStory>)> = posts.iter().zip(stories).collect();
    // The merged stories take their strings from the pairs, which are dropped next.
    let merged = merge_taking(&mut pairs);
    // Freed now, on every core, so that they are not held while the output is made: one by
    // one on the main thread this cost a fifth of a warm `brief stories`.
    {
        use rayon::prelude::*;
        pairs.into_par_iter().for_each(drop);
    }
    merged
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
    let cache_file = context
        .use_cache
        .then(|| StoryCache::file_for(&context.paths.cache_dir, &roots));
    // The stories cache is read and decoded while the posts load. Bodies read to list their
    // posts are searched for stories then, except when only some posts are wanted.
    let while_loading = FoundWhileLoading::default();
    let visit = |post: &Post, body: &str| while_loading.visit(post, body);
    let bodies: Option<store::BodyVisit<'_>> = since.is_none().then_some(&visit);
    let (mut loaded, cache) = std::thread::scope(|scope| {
        let cache = cache_file
            .as_deref()
            .map(|file| scope.spawn(|| StoryCache::load(file, &roots)));
        let loaded = load_roots_then(&roots, context, bodies, |loaded| loaded);
        (loaded, cache.and_then(|handle| handle.join().ok()))
    });
    let chosen: Vec<usize> = (0..loaded.posts.len())
        .filter(|&i| {
            since.is_none_or(|since| loaded.posts[i].date.is_some_and(|d| d.day() >= since))
        })
        .collect();
    let stories = {
        let posts: Vec<&Post> = chosen.iter().map(|&i| &loaded.posts[i]).collect();
        let cached = cache_file.zip(cache).map(|(file, cache)| {
            let at = CacheAt {
                file,
                roots: &roots,
                live: &loaded.posts,
            };
            (at, cache)
        });
        stories_with(&posts, cached, &while_loading, Keep::Sourced)
    };
    let posts = what_stories_print(std::mem::take(&mut loaded.posts), &chosen);
    let merged = merge_posts(&posts, stories);
    let mut order: Vec<usize> = (0..merged.stories.len())
        .filter(|&i| !merged.stories[i].urls.is_empty())
        .collect();
    // Most posts first, then newest first, then by title; the keys made once, not twice
    // per comparison.
    let keys: Vec<(usize, i64)> = merged
        .stories
        .iter()
        .map(|story| {
            let seen = story.first_seen.map_or(i64::MIN, |d| d.sort_key());
            (story.posts.len(), seen)
        })
        .collect();
    order.sort_by(|&a, &b| {
        keys[b]
            .cmp(&keys[a])
            .then_with(|| merged.stories[a].title.cmp(&merged.stories[b].title))
    });
    if args.json {
        write_json(&merged, &order, &posts)?;
    } else {
        let words = context.words();
        print_out(&to_text(&merged, &order, output_width(args.width), words))?;
    }
    // The process ends next: the system takes the memory back faster than freeing it would.
    std::mem::forget((merged, loaded, posts));
    Ok(ExitCode::SUCCESS)
}

/// What `brief stories` prints of a post, once its stories are found: the rest of each post
/// is freed before the merge makes its tables (at 100,000 posts, 31 MB of posts go, for 7).
#[derive(Debug)]
struct Printed {
    path: PathBuf,
    title: String,
    date: Option<PostDate>,
}

impl Carrier for Printed {
    fn date(&self) -> Option<PostDate> {
        self.date
    }

    fn path(&self) -> &std::path::Path {
        &self.path
    }
}

/// The `chosen` posts (positions, in order) as they are printed; the others, and the rest of
/// each, freed on every core.
fn what_stories_print(posts: Vec<Post>, chosen: &[usize]) -> Vec<Printed> {
    use rayon::prelude::*;
    let mut wanted = vec![false; posts.len()];
    for &i in chosen {
        wanted[i] = true;
    }
    posts
        .into_par_iter()
        .zip(wanted)
        .filter_map(|(post, wanted)| {
            wanted.then_some(Printed {
                path: post.path,
                title: post.title,
                date: post.date,
            })
        })
        .collect()
}

/// The stories in `order` as a JSON array ([`json_out`]).
fn write_json(merged: &Merged, order: &[usize], posts: &[Printed]) -> Result<(), CliError> {
    use rayon::prelude::*;
    let pretty = json_out::pretty();
    // Each post's path as text once, not once per story it carries.
    let paths: Vec<std::borrow::Cow<'_, str>> = posts
        .par_iter()
        .map(|p| json_out::path_text(&p.path))
        .collect();
    // Compact output: each post's reference made once, not once per story carrying it.
    let refs: Vec<Box<serde_json::value::RawValue>> = if pretty {
        Vec::new()
    } else {
        posts
            .par_iter()
            .zip(&paths)
            .map(|(post, path)| serde_json::value::to_raw_value(&PostRef::new(post, path)))
            .collect::<Result<_, _>>()
            .map_err(std::io::Error::from)?
    };
    let posts = Posts {
        posts,
        paths: &paths,
        refs: &refs,
    };
    // The most repeated stories come first, each with thousands of posts: a few to a chunk.
    json_out::write_array(pretty, order, 32, |&i| StoryJson::new(merged, i, &posts))
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
    posts: Vec<PostItem<'a>>,
}

/// A post a story refers to: made here (pretty output), or made once beforehand.
#[derive(Debug, serde::Serialize)]
#[serde(untagged)]
enum PostItem<'a> {
    Ref(PostRef<'a>),
    Made(&'a serde_json::value::RawValue),
}

/// The posts stories refer to, with their paths as text.
struct Posts<'p, 'a> {
    posts: &'p [Printed],
    paths: &'p [std::borrow::Cow<'a, str>],
    /// Each post's reference as JSON, when made beforehand (else empty).
    refs: &'p [Box<serde_json::value::RawValue>],
}

#[derive(Debug, serde::Serialize)]
struct PostRef<'a> {
    path: &'a str,
    #[serde(serialize_with = "date_as_text")]
    date: Option<PostDate>,
    title: &'a str,
}

impl<'a> PostRef<'a> {
    fn new(post: &'a Printed, path: &'a str) -> Self {
        PostRef {
            path,
            date: post.date,
            title: &post.title,
        }
    }
}

impl<'a> StoryJson<'a> {
    fn new(merged: &'a Merged, index: usize, posts: &Posts<'a, 'a>) -> Self {
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
                .map(|&p| match posts.refs.get(p) {
                    Some(made) => PostItem::Made(made),
                    None => PostItem::Ref(PostRef::new(&posts.posts[p], &posts.paths[p])),
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
    words: &brief_i18n::Catalog,
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
            line.push_str(&brief_i18n::fill(
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
