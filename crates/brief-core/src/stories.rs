//! Stories across posts: which stories of which posts are the same story.
//!
//! A post's stories are found by the renderer ([`crate::render::stories`]); a post without
//! sections is one story whose source is the post's. Two stories are the same story when
//! - their sources fold to the same URL ([`url::normalize`]), or
//! - both have a source of their own, their headings fold to the same key
//!   ([`brief_text::heading_key`]) and their posts are dated at most [`HEADING_DAYS`] days
//!   apart (different outlets covering one event), and the heading names an event rather
//!   than a section a digest repeats every day: it is wide enough
//!   ([`MIN_EVENT_HEADING_COLUMNS`]).
//!
//! A heading carried by posts more than [`HEADING_DAYS`] days apart names a digest's section,
//! not an event ([`sections`]): its stories are of their post only, matched neither by
//! heading nor by source (such a section often ends on the same link every week). Headings that are near but unequal are
//! never merged. A section without a link of its own
//! (`## 分析`, `## 结论`) has no identity beyond its post: such headings recur in every
//! briefing without being the same story. A post's whole-body story is matched by its source
//! only (daily briefings often share a title). A merged story keeps every source it was given.
//!
//! [`merge`] walks posts oldest first, keeping per folded URL and per heading key the story
//! they belong to: linear in the number of stories. Depends on `store` (posts, dates) and
//! `render` (the stories found in a body); nothing of the UI.

pub mod cache;
pub mod near;
pub mod sections;
pub mod seen;
pub mod url;

use crate::render::host_of;
use crate::render::stories::Story;
use crate::store::compare_paths;
use crate::store::{Post, PostDate};
use brief_text::heading_key;

type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// Posts at most this many days apart may share a story by heading alone.
pub const HEADING_DAYS: i64 = 7;

/// Headings narrower than this many terminal columns (six CJK characters, or a dozen Latin
/// letters) name a digest's sections, which come back every day with new stories under them
/// (`## 科技动态`, `## Markets`, `## Top Stories`), rather than an event: such a heading is
/// never a story's identity, only its source is.
pub const MIN_EVENT_HEADING_COLUMNS: usize = 12;

/// One story of one post, with its identity.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PostStory {
    pub title: String,
    /// The source link as written.
    pub source: Option<String>,
    /// The source folded ([`url::normalize`]).
    pub source_key: Option<String>,
    /// The heading folded, for a story with a source of its own: by it a story may be
    /// matched ([`Self::heading_identity`]), and a recurring section is known
    /// ([`sections`]).
    pub heading_key: Option<String>,
}

impl PostStory {
    /// The folded heading, when it is wide enough to name an event
    /// ([`MIN_EVENT_HEADING_COLUMNS`]) and so may make two stories one.
    pub fn heading_identity(&self) -> Option<&str> {
        let key = self.heading_key.as_deref()?;
        (brief_text::display_width(self.title.trim()) >= MIN_EVENT_HEADING_COLUMNS).then_some(key)
    }

    /// The source's host, empty without one.
    pub fn host(&self) -> String {
        self.source.as_deref().map(host_of).unwrap_or_default()
    }
}

/// The one story of a post without sections of its own: the post, with the post's source.
pub fn whole_post_story(post: &Post) -> PostStory {
    let source = post.source.clone().filter(|s| !s.trim().is_empty());
    PostStory {
        title: post.title.clone(),
        source_key: source.as_deref().and_then(url::normalize),
        source,
        heading_key: None,
    }
}

/// The stories of `post` from those found in its body.
pub fn post_stories(post: &Post, found: &[Story]) -> Vec<PostStory> {
    or_whole_post(post, keyed_stories(found))
}

/// The stories a post carries, from its [`keyed_stories`]: the post itself, one story, when
/// none were found in its body.
pub fn or_whole_post(post: &Post, keyed: Vec<PostStory>) -> Vec<PostStory> {
    if keyed.is_empty() {
        vec![whole_post_story(post)]
    } else {
        keyed
    }
}

/// The stories found in a body with their identities, as the stories cache keeps them: none
/// when none were found, the post's own story being made from its fields when asked for
/// ([`or_whole_post`]).
pub fn keyed_stories(found: &[Story]) -> Vec<PostStory> {
    found
        .iter()
        .map(|story| {
            let source_key = story.source.as_deref().and_then(url::normalize);
            PostStory {
                title: story.title.clone(),
                heading_key: source_key.as_ref().and_then(|_| heading_key(&story.title)),
                source_key,
                source: story.source.clone(),
            }
        })
        .collect()
}

/// A story as it appears across posts.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedStory {
    /// The title where first seen.
    pub title: String,
    /// Every distinct source, folded, in the order met (oldest post first).
    pub urls: Vec<String>,
    /// The sources as written, parallel to `urls`.
    pub sources: Vec<String>,
    /// The posts carrying it (indices into the slice given to [`merge`]), oldest first, each
    /// once.
    pub posts: Vec<usize>,
    /// The date of the first post carrying it.
    pub first_seen: Option<PostDate>,
}

/// What [`merge`] found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Merged {
    pub stories: Vec<MergedStory>,
    /// For each post, for each of its stories, the index into `stories`.
    pub of_post: Vec<Vec<usize>>,
}

impl Merged {
    /// How many of post `post`'s distinct stories no earlier post carried.
    pub fn new_in(&self, post: usize) -> usize {
        let mut ids = self.of_post[post].clone();
        ids.sort_unstable();
        ids.dedup();
        ids.iter()
            .filter(|&&id| self.stories[id].posts.first() == Some(&post))
            .count()
    }

    /// How many distinct stories post `post` carries.
    pub fn count_in(&self, post: usize) -> usize {
        let mut ids = self.of_post[post].clone();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// Disjoint sets over story occurrences, by union of roots with path halving.
struct Sets(Vec<usize>);

impl Sets {
    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            // The older occurrence stays the root.
            let (keep, join) = if a < b { (a, b) } else { (b, a) };
            self.0[join] = keep;
        }
    }
}

/// What [`merge`] needs of a post: its date and its path, which order the posts.
pub trait Carrier {
    fn date(&self) -> Option<PostDate>;
    fn path(&self) -> &std::path::Path;
}

impl Carrier for Post {
    fn date(&self) -> Option<PostDate> {
        self.date
    }

    fn path(&self) -> &std::path::Path {
        &self.path
    }
}

impl<T: Carrier + ?Sized> Carrier for &T {
    fn date(&self) -> Option<PostDate> {
        (**self).date()
    }

    fn path(&self) -> &std::path::Path {
        (**self).path()
    }
}

/// Which stories of `posts` (each a post with its stories) are the same story; `posts` are
/// left as they were. See [`merge_taking`].
pub fn merge<P: Carrier + Clone>(posts: &[(P, Vec<PostStory>)]) -> Merged {
    merge_taking(&mut posts.to_vec())
}

/// [`merge`], moving the strings each merged story keeps (its title, folded URLs and
/// sources) out of `posts` rather than copying them: those stories are left with empty
/// strings. For a caller done with its stories, at the time memory peaks.
pub fn merge_taking<P: Carrier>(posts: &mut [(P, Vec<PostStory>)]) -> Merged {
    // Oldest first, by date and then path; the position last, so that the order is the one
    // a stable sort gives, whatever the sort.
    let dates: Vec<i64> = posts
        .iter()
        .map(|(post, _)| post.date().map_or(i64::MAX, |d| d.sort_key()))
        .collect();
    let mut order: Vec<usize> = (0..posts.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        dates[a]
            .cmp(&dates[b])
            .then_with(|| compare_paths(posts[a].0.path(), posts[b].0.path()))
            .then(a.cmp(&b))
    });
    let total: usize = posts.iter().map(|(_, stories)| stories.len()).sum();
    // First, each heading's run over the posts, to know the sections: a heading carried by
    // posts more than a week apart gives its stories no identity at all.
    let mut by_heading: Map<&str, u32> = Map::with_capacity_and_hasher(total, Default::default());
    let mut runs: Vec<HeadingRun> = Vec::new();
    let mut run_of: Vec<u32> = Vec::with_capacity(total);
    for &p in &order {
        let (post, stories) = &posts[p];
        let day = post.date().map(|d| d.day());
        for story in stories {
            let run = match (story.heading_key.as_deref(), day) {
                (Some(key), Some(day)) => match by_heading.get(key) {
                    Some(&run) => {
                        // The posts come oldest first.
                        runs[run as usize].last = day;
                        run
                    }
                    None => {
                        let run = u32::try_from(runs.len()).unwrap_or(NO_RUN);
                        by_heading.insert(key, run);
                        runs.push(HeadingRun {
                            first: day,
                            last: day,
                            last_id: None,
                        });
                        run
                    }
                },
                _ => NO_RUN,
            };
            run_of.push(run);
        }
    }
    drop(by_heading);
    // Occurrences numbered in walking order, so lower is older.
    let mut occurrences: Vec<(usize, usize)> = Vec::with_capacity(total);
    let mut sets = Sets(Vec::with_capacity(total));
    let mut by_url: Map<&str, usize> = Map::with_capacity_and_hasher(total, Default::default());
    // Whether each occurrence is the first with its folded URL. A URL's occurrences outside
    // sections are all in one story, so the first is where that story takes it: no set of
    // (story, URL) pairs. A section's story keeps its URL to itself.
    let mut first_with_url: Vec<bool> = Vec::with_capacity(total);
    for &p in &order {
        for (s, story) in posts[p].1.iter().enumerate() {
            let id = occurrences.len();
            occurrences.push((p, s));
            sets.0.push(id);
            let run = runs.get_mut(run_of[id] as usize);
            let section = run
                .as_ref()
                .is_some_and(|run| sections::spans_a_section(run.first, run.last));
            let mut first = false;
            if let Some(key) = story.source_key.as_deref() {
                if section {
                    first = true;
                } else {
                    match by_url.get(key) {
                        Some(&other) => sets.union(id, other),
                        None => {
                            by_url.insert(key, id);
                            first = true;
                        }
                    }
                }
            }
            first_with_url.push(first);
            // Within a run of a week at most, each story matched by its heading joins the
            // one before it.
            if let Some(run) = run
                && !section
                && story.heading_identity().is_some()
            {
                if let Some(before) = run.last_id {
                    sets.union(id, before);
                }
                run.last_id = Some(id);
            }
        }
    }
    // Gone before the stories are made, which is when memory peaks.
    drop((by_url, runs, run_of));
    let roots = (0..occurrences.len())
        .filter(|&id| sets.root(id) == id)
        .count();
    let mut merged = Merged {
        stories: Vec::with_capacity(roots),
        of_post: posts.iter().map(|(_, s)| vec![0; s.len()]).collect(),
    };
    // A root is the oldest occurrence of its set, so it is met before the others.
    let mut story_of_root: Vec<usize> = vec![usize::MAX; occurrences.len()];
    for (id, &(p, s)) in occurrences.iter().enumerate() {
        let root = sets.root(id);
        let first_seen = posts[p].0.date();
        let story = &mut posts[p].1[s];
        if story_of_root[root] == usize::MAX {
            story_of_root[root] = merged.stories.len();
            merged.stories.push(MergedStory {
                title: std::mem::take(&mut story.title),
                urls: Vec::new(),
                sources: Vec::new(),
                posts: Vec::new(),
                first_seen,
            });
        }
        let index = story_of_root[root];
        merged.of_post[p][s] = index;
        let entry = &mut merged.stories[index];
        if entry.posts.last() != Some(&p) {
            entry.posts.push(p);
        }
        if first_with_url[id]
            && let (Some(key), Some(source)) = (story.source_key.take(), story.source.take())
        {
            entry.urls.push(key);
            entry.sources.push(source);
        }
    }
    merged
}

/// The dated occurrences of one heading key, in [`merge`]: the first and last day, and the
/// last occurrence matched by it.
struct HeadingRun {
    first: jiff::civil::Date,
    last: jiff::civil::Date,
    last_id: Option<usize>,
}

/// No heading run: the story has no heading key, or its post no date.
const NO_RUN: u32 = u32::MAX;

fn days_apart(a: jiff::civil::Date, b: jiff::civil::Date) -> i64 {
    a.until(b)
        .map(|span| i64::from(span.get_days()).abs())
        .unwrap_or(i64::MAX)
}
