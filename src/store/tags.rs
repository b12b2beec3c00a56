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
    for kind in [TagKind::Tag, TagKind::Category] {
        // Most tags repeat verbatim, so the key is worked out once per distinct spelling.
        let mut id_of_spelling: HashMap<String, usize> = HashMap::new();
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut spellings: Vec<Vec<(String, usize)>> = Vec::new();
        let mut ids_per_post: Vec<Vec<usize>> = Vec::with_capacity(posts.len());
        for post in posts.iter() {
            let mut mine = Vec::with_capacity(names_of(post, kind).len());
            for name in names_of(post, kind) {
                let id = match id_of_spelling.get(name.as_str()) {
                    Some(&id) => id,
                    None => {
                        let next = ids.len();
                        let id = *ids.entry(tag_key(name)).or_insert(next);
                        if id == spellings.len() {
                            spellings.push(Vec::new());
                        }
                        id_of_spelling.insert(name.clone(), id);
                        id
                    }
                };
                let spelling = clean_tag(name);
                match spellings[id].iter_mut().find(|(s, _)| s == spelling) {
                    Some(variant) => variant.1 += 1,
                    None => spellings[id].push((spelling.to_string(), 1)),
                }
                if !mine.contains(&id) {
                    mine.push(id);
                }
            }
            ids_per_post.push(mine);
        }
        let preferred: Vec<String> = spellings
            .into_iter()
            .map(|variants| {
                variants
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                    .map(|(name, _)| name)
                    .unwrap_or_default()
            })
            .collect();
        for (post, mine) in posts.iter_mut().zip(ids_per_post) {
            let list = match kind {
                TagKind::Tag => &mut post.tags,
                TagKind::Category => &mut post.categories,
            };
            let unchanged = list.len() == mine.len()
                && list
                    .iter()
                    .zip(&mine)
                    .all(|(name, &id)| *name == preferred[id]);
            if !unchanged {
                *list = mine.into_iter().map(|id| preferred[id].clone()).collect();
            }
        }
    }
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
        let mut posts = vec![post(&["AI", "cloud"]), post(&["ai", "#AI"]), post(&["AI"])];
        unify_spellings(&mut posts);
        assert_eq!(posts[0].tags, ["AI", "cloud"]);
        assert_eq!(posts[1].tags, ["AI"]);
        let index = TagIndex::build(&posts);
        assert_eq!(
            index.entries[0],
            TagCount {
                name: "AI".into(),
                kind: TagKind::Tag,
                count: 3
            }
        );
        assert_eq!(index.entries[1].count, 1);
    }
}
