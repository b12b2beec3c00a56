//! Tag identity and counting. `AI`, `ai`, ` #AI ` and `＃AI` are one tag, shown in the spelling
//! most posts use.

use super::post::Post;
use std::collections::HashMap;

/// Whether a name is a tag or a category; the two are counted separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TagKind {
    Tag,
    Category,
}

impl TagKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TagKind::Tag => "tag",
            TagKind::Category => "category",
        }
    }
}

/// The identity of a tag: trimmed, without a leading `#` or `＃`, lower-cased.
pub fn tag_key(name: &str) -> String {
    let clean = clean_tag(name);
    if clean.is_ascii() {
        clean.to_ascii_lowercase()
    } else {
        clean.to_lowercase()
    }
}

/// A tag as it should be shown when no other spelling is preferred: trimmed, no leading `#`.
pub fn clean_tag(name: &str) -> &str {
    name.trim().trim_start_matches(['#', '＃']).trim()
}

/// One tag or category with the number of posts that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    pub name: String,
    pub kind: TagKind,
    pub count: usize,
}

/// Every tag and category of a set of posts, with counts, most used first.
#[derive(Debug, Clone, Default)]
pub struct TagIndex {
    pub entries: Vec<TagCount>,
}

impl TagIndex {
    /// Counts the tags of `posts`, which [`unify_spellings`] has already brought to one
    /// spelling per tag.
    pub fn build(posts: &[Post]) -> Self {
        let mut counts: HashMap<(TagKind, &str), usize> = HashMap::new();
        for post in posts {
            for kind in [TagKind::Tag, TagKind::Category] {
                for name in names_of(post, kind) {
                    *counts.entry((kind, name.as_str())).or_default() += 1;
                }
            }
        }
        let mut entries: Vec<TagCount> = counts
            .into_iter()
            .map(|((kind, name), count)| TagCount {
                name: name.to_string(),
                kind,
                count,
            })
            .collect();
        entries.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(a.kind.cmp(&b.kind))
                .then(a.name.cmp(&b.name))
        });
        TagIndex { entries }
    }
}

/// Rewrites every post's tags and categories to one spelling per tag: the one most posts use,
/// ties going to the spelling that sorts first. Duplicates within a post are dropped.
pub fn unify_spellings(posts: &mut [Post]) {
    let preferred = preferred_spellings(posts);
    apply_spellings(posts, &preferred);
}

/// For each tag or category spelling in `posts`, the spelling [`unify_spellings`] replaces it
/// with. Reads the posts on every core.
pub fn preferred_spellings(posts: &[Post]) -> PreferredSpellings {
    use rayon::prelude::*;
    let per_kind = |kind: TagKind| {
        let counts = posts
            .par_chunks(1024)
            .map(|chunk| {
                let mut counts: SpellingCounts<'_> = SpellingCounts::default();
                for name in chunk.iter().flat_map(|post| names_of(post, kind)) {
                    *counts.entry(name.as_str()).or_default() += 1;
                }
                counts
            })
            .reduce(SpellingCounts::default, |mut all, part| {
                for (name, count) in part {
                    *all.entry(name).or_default() += count;
                }
                all
            });
        choose_spellings(counts)
    };
    let (tags, categories) = rayon::join(|| per_kind(TagKind::Tag), || per_kind(TagKind::Category));
    PreferredSpellings { tags, categories }
}

/// Each spelling as written to the one shown.
type SpellingMap = HashMap<String, String, foldhash::fast::RandomState>;

/// How many times each spelling, as written, occurs.
type SpellingCounts<'a> = HashMap<&'a str, usize, foldhash::fast::RandomState>;

/// What [`preferred_spellings`] found: every spelling as written to the one to show.
#[derive(Debug, Default)]
pub struct PreferredSpellings {
    tags: SpellingMap,
    categories: SpellingMap,
}

/// Groups spellings by [`tag_key`] and picks each group's most used spelling (ties: the one
/// that sorts first). `AI` and `#AI` count as one spelling, `AI`.
fn choose_spellings(counts: SpellingCounts<'_>) -> SpellingMap {
    let keyed: Vec<(&str, usize, String)> = counts
        .into_iter()
        .map(|(written, count)| (written, count, tag_key(written)))
        .collect();
    let mut groups: HashMap<&str, Vec<(&str, usize)>> = HashMap::new();
    for (written, count, key) in &keyed {
        let variants = groups.entry(key.as_str()).or_default();
        let spelling = clean_tag(written);
        match variants.iter_mut().find(|(s, _)| *s == spelling) {
            Some(variant) => variant.1 += count,
            None => variants.push((spelling, *count)),
        }
    }
    let mut preferred = HashMap::default();
    for (written, _, key) in &keyed {
        let variants = &groups[key.as_str()];
        let best = variants
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(spelling, _)| *spelling)
            .unwrap_or_default();
        preferred.insert(written.to_string(), best.to_string());
    }
    preferred
}

/// Rewrites the posts' tags and categories to the spellings in `preferred`, on every core.
/// A post whose names are already preferred and distinct is left as it is.
pub fn apply_spellings(posts: &mut [Post], preferred: &PreferredSpellings) {
    use rayon::prelude::*;
    posts.par_iter_mut().for_each(|post| {
        respell(&mut post.tags, &preferred.tags);
        respell(&mut post.categories, &preferred.categories);
    });
}

fn respell(names: &mut Vec<String>, preferred: &SpellingMap) {
    fn spelling_of<'a>(preferred: &'a SpellingMap, name: &'a String) -> &'a String {
        preferred.get(name).unwrap_or(name)
    }
    // Names before `i` are already known to be their own spelling, so a repeat shows as a
    // plain repeat of the name.
    let unchanged = names
        .iter()
        .enumerate()
        .all(|(i, name)| spelling_of(preferred, name) == name && !names[..i].contains(name));
    if unchanged {
        return;
    }
    let mut respelled: Vec<String> = Vec::with_capacity(names.len());
    for name in names.iter() {
        let spelling = spelling_of(preferred, name);
        if !respelled.contains(spelling) {
            respelled.push(spelling.clone());
        }
    }
    *names = respelled;
}

fn names_of(post: &Post, kind: TagKind) -> &[String] {
    match kind {
        TagKind::Tag => &post.tags,
        TagKind::Category => &post.categories,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(tags: &[&str]) -> Post {
        Post {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Post::default()
        }
    }

    #[test]
    fn keys_ignore_case_hash_and_spaces() {
        assert_eq!(tag_key(" #AI "), "ai");
        assert_eq!(tag_key("＃Ai"), "ai");
        assert_eq!(tag_key("云计算"), "云计算");
    }

    #[test]
    fn the_majority_spelling_wins_and_duplicates_go() {
        let mut posts = vec![
            post(&["AI", "cloud"]),
            post(&["ai", "#AI"]),
            post(&["AI"]),
            post(&["cloud", "AI", "cloud"]),
        ];
        unify_spellings(&mut posts);
        assert_eq!(posts[0].tags, ["AI", "cloud"]);
        assert_eq!(posts[1].tags, ["AI"]);
        assert_eq!(
            posts[3].tags,
            ["cloud", "AI"],
            "a name already preferred, repeated"
        );
        let index = TagIndex::build(&posts);
        assert_eq!(
            index.entries[0],
            TagCount {
                name: "AI".into(),
                kind: TagKind::Tag,
                count: 4
            }
        );
        assert_eq!(index.entries[1].count, 2);
    }
}
