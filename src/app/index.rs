//! Per-post data derived once whenever the posts change, so that each key press costs
//! little even at a hundred thousand posts: tag keys for filtering, mark ids and marks, and
//! the lower-cased front-matter text of every post in one buffer for substring search.

use brief_core::marks::{Mark, Marks, post_id};
use brief_core::store::{Post, TagKind, tag_key};
use memchr::memmem;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// What the app looks up per post, parallel to its `posts`.
#[derive(Debug, Default)]
pub struct PostIndex {
    /// Tag keys of each post.
    pub keys: Vec<Vec<(TagKind, String)>>,
    /// The mark id of each post.
    pub ids: Vec<String>,
    /// The marks of each post.
    pub marks: Vec<Mark>,
    /// The day of each post, kept compact so the list's day headings cost one pass over
    /// little memory.
    pub days: Vec<Option<jiff::civil::Date>>,
    /// Every post's path, shared with the body search.
    pub paths: Arc<Vec<PathBuf>>,
    /// Post positions ordered by path, for finding a post by its path without a second copy
    /// of every path.
    by_path: Vec<usize>,
    /// Title, summary, author and tags of every post, lower-cased, each post's text ended by
    /// a NUL so no match spans two posts.
    fields_text: String,
    /// Where each post's text starts in `fields_text`.
    fields_start: Vec<usize>,
    /// The posts carrying each tag, by (kind, key), in post order.
    tag_posts: HashMap<(TagKind, String), Vec<usize>>,
}

impl PostIndex {
    pub fn build(posts: &[Post], roots: &[PathBuf], marks: &Marks) -> Self {
        let ids: Vec<String> = posts.iter().map(|p| post_id(p, roots)).collect();
        let mut fields_text = String::new();
        let mut fields_start = Vec::with_capacity(posts.len());
        for post in posts {
            fields_start.push(fields_text.len());
            for field in [
                Some(post.title.as_str()),
                post.summary.as_deref(),
                post.author.as_deref(),
            ]
            .into_iter()
            .flatten()
            {
                push_lower(&mut fields_text, field);
                fields_text.push('\n');
            }
            for tag in &post.tags {
                push_lower(&mut fields_text, tag);
                fields_text.push('\n');
            }
            fields_text.push('\0');
        }
        let paths: Vec<PathBuf> = posts.iter().map(|p| p.path.clone()).collect();
        let keys: Vec<Vec<(TagKind, String)>> = posts.iter().map(keys_of).collect();
        let mut tag_posts: HashMap<(TagKind, String), Vec<usize>> = HashMap::new();
        for (i, post_keys) in keys.iter().enumerate() {
            for key in post_keys {
                tag_posts.entry(key.clone()).or_default().push(i);
            }
        }
        PostIndex {
            keys,
            tag_posts,
            marks: ids.iter().map(|id| marks.get(id)).collect(),
            ids,
            by_path: {
                let mut order: Vec<usize> = (0..paths.len()).collect();
                order.sort_unstable_by(|&a, &b| paths[a].cmp(&paths[b]));
                order
            },
            paths: Arc::new(paths),
            fields_text,
            fields_start,
            days: posts.iter().map(|p| p.date.map(|d| d.day())).collect(),
        }
    }

    /// Re-reads every post's marks, after the marks changed.
    pub fn refresh_marks(&mut self, marks: &Marks) {
        self.marks = self.ids.iter().map(|id| marks.get(id)).collect();
    }

    pub fn position(&self, path: &std::path::Path) -> Option<usize> {
        let at = self
            .by_path
            .binary_search_by(|&i| self.paths[i].as_path().cmp(path))
            .ok()?;
        Some(self.by_path[at])
    }

    /// The posts that carry every one of `wanted` (kind, key), in post order.
    pub fn posts_with_all<'a>(
        &self,
        wanted: impl Iterator<Item = (TagKind, &'a str)>,
    ) -> Vec<usize> {
        let mut lists: Vec<&[usize]> = Vec::new();
        for (kind, key) in wanted {
            match self.tag_posts.get(&(kind, key.to_string())) {
                Some(list) => lists.push(list),
                None => return Vec::new(),
            }
        }
        lists.sort_by_key(|list| list.len());
        let Some((shortest, rest)) = lists.split_first() else {
            return (0..self.keys.len()).collect();
        };
        shortest
            .iter()
            .copied()
            .filter(|i| rest.iter().all(|list| list.binary_search(i).is_ok()))
            .collect()
    }

    /// Of the posts flagged in `among`, those whose front-matter text contains `query`: for a
    /// query that only grew, since a post that did not match before cannot match now.
    pub fn fields_matching_among(&self, query: &str, among: &[bool]) -> Vec<bool> {
        let finder = memmem::Finder::new(query.as_bytes());
        let text = self.fields_text.as_bytes();
        (0..self.fields_start.len())
            .map(|i| {
                among.get(i).copied().unwrap_or(false) && {
                    let end = self.fields_start.get(i + 1).copied().unwrap_or(text.len());
                    finder.find(&text[self.fields_start[i]..end]).is_some()
                }
            })
            .collect()
    }

    /// One flag per post: its front-matter text contains every term (lower-cased), looking
    /// only at the posts flagged in `among` when given. No terms: no post.
    pub fn fields_matching_all(&self, terms: &[String], among: Option<&[bool]>) -> Vec<bool> {
        let mut terms = terms.iter();
        let Some(first) = terms.next() else {
            return vec![false; self.fields_start.len()];
        };
        let mut hits = match among {
            Some(among) => self.fields_matching_among(first, among),
            None => self.fields_matching(first),
        };
        for term in terms {
            hits = self.fields_matching_among(term, &hits);
        }
        hits
    }

    /// One flag per post: its front-matter text contains `query` (already lower-cased).
    pub fn fields_matching(&self, query: &str) -> Vec<bool> {
        let mut hits = vec![false; self.fields_start.len()];
        if query.is_empty() {
            return hits;
        }
        for offset in memmem::find_iter(self.fields_text.as_bytes(), query.as_bytes()) {
            let post = self.fields_start.partition_point(|&start| start <= offset) - 1;
            hits[post] = true;
        }
        hits
    }
}

fn push_lower(out: &mut String, text: &str) {
    if text.is_ascii() {
        out.extend(text.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        out.push_str(&text.to_lowercase());
    }
}

/// The tag keys of a post, for the tag filter.
pub fn keys_of(post: &Post) -> Vec<(TagKind, String)> {
    post.tags
        .iter()
        .map(|t| (TagKind::Tag, tag_key(t)))
        .chain(
            post.categories
                .iter()
                .map(|c| (TagKind::Category, tag_key(c))),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_search_is_per_post_and_case_insensitive() {
        let posts = vec![
            Post {
                path: "a".into(),
                title: "Cloud 云计算".into(),
                ..Post::default()
            },
            Post {
                path: "b".into(),
                title: "芯片".into(),
                tags: vec!["AI".into()],
                ..Post::default()
            },
        ];
        let index = PostIndex::build(&posts, &[], &Marks::default());
        assert_eq!(index.fields_matching("cloud"), [true, false]);
        assert_eq!(index.fields_matching("ai"), [false, true]);
        assert_eq!(
            index.fields_matching("算\n芯"),
            [false, false],
            "no match across fields"
        );
        assert_eq!(index.position(std::path::Path::new("b")), Some(1));
        assert_eq!(
            index.fields_matching_among("云计算", &[true, true]),
            [true, false]
        );
        assert_eq!(
            index.fields_matching_among("云计算", &[false, true]),
            [false, false]
        );
    }

    #[test]
    fn posts_with_all_tags_intersect() {
        let post = |tags: &[&str]| Post {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Post::default()
        };
        let posts = vec![
            post(&["AI", "云计算"]),
            post(&["ai"]),
            post(&["云计算"]),
            post(&["AI", "云计算"]),
        ];
        let index = PostIndex::build(&posts, &[], &Marks::default());
        assert_eq!(
            index.posts_with_all([(TagKind::Tag, "ai"), (TagKind::Tag, "云计算")].into_iter()),
            [0, 3]
        );
        assert_eq!(
            index.posts_with_all([(TagKind::Tag, "ai")].into_iter()),
            [0, 1, 3]
        );
        assert!(
            index
                .posts_with_all([(TagKind::Tag, "none")].into_iter())
                .is_empty()
        );
        assert_eq!(index.posts_with_all(std::iter::empty()).len(), 4);
    }
}
