//! Choosing and ordering posts: filters by tags, categories and text, and the reading order.

use super::post::Post;
use super::tags::tag_key;
use std::cmp::Ordering;
use std::path::Path;

/// Filters combined with AND: every tag, every category, and the text if given.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    /// Case-insensitive substring of the title, summary, author or tags.
    pub text: Option<String>,
}

impl Query {
    /// Whether the post's front-matter fields pass the tag, category and text filters. Body
    /// text is searched separately, by whoever holds the body.
    pub fn matches_fields(&self, post: &Post) -> bool {
        let has_all = |wanted: &[String], have: &[String]| {
            wanted.iter().all(|w| {
                let key = tag_key(w);
                have.iter().any(|h| tag_key(h) == key)
            })
        };
        has_all(&self.tags, &post.tags) && has_all(&self.categories, &post.categories)
    }
}

/// Case-insensitive substring search that works on Chinese text with no spaces.
pub fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    Needle::new(needle).found_in(haystack)
}

/// Search text prepared once, for looking in many fields, lines or files.
#[derive(Debug, Clone)]
pub struct Needle {
    text: String,
    lower: String,
    how: Fold,
}

#[derive(Debug, Clone, Copy)]
enum Fold {
    /// Nothing to fold (Chinese, Japanese, digits): a plain search.
    None,
    /// ASCII bytes never occur inside a multi-byte character, so bytes can be compared.
    Ascii,
    /// Anything else: the haystack is lower-cased too.
    Unicode,
}

impl Needle {
    pub fn new(text: &str) -> Self {
        let lower = text.to_lowercase();
        let how = if lower == text.to_uppercase() {
            Fold::None
        } else if text.is_ascii() {
            Fold::Ascii
        } else {
            Fold::Unicode
        };
        Needle {
            text: text.to_string(),
            lower,
            how,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether `haystack` contains the text, ignoring case.
    pub fn found_in(&self, haystack: &str) -> bool {
        if self.text.is_empty() {
            return true;
        }
        match self.how {
            Fold::None => memchr::memmem::find(haystack.as_bytes(), self.text.as_bytes()).is_some(),
            Fold::Ascii => {
                let needle = self.lower.as_bytes();
                let bytes = haystack.as_bytes();
                memchr::memchr2_iter(needle[0], needle[0].to_ascii_uppercase(), bytes).any(|at| {
                    bytes.len() - at >= needle.len()
                        && bytes[at..at + needle.len()].eq_ignore_ascii_case(needle)
                })
            }
            Fold::Unicode => haystack.to_lowercase().contains(&self.lower),
        }
    }
}

/// Newest first, undated last; ties by path so the order is the same on every run.
pub fn sort_newest_first(posts: &mut [Post]) {
    let order = newest_first_order(posts);
    apply_order(posts, order);
}

/// The positions of `posts` in [`sort_newest_first`]'s order, without moving them.
pub fn newest_first_order(posts: &[Post]) -> Vec<usize> {
    use rayon::prelude::*;
    // Keys are worked out once per post: the date's seconds, and the first bytes of the path
    // after the prefix all paths share, so that most ties on a date are settled without
    // reaching into each post's path.
    let shared = shared_prefix_len(posts);
    let mut order: Vec<OrderKey> = posts
        .par_iter()
        .enumerate()
        .map(|(index, post)| OrderKey {
            undated: post.date.is_none(),
            newest: std::cmp::Reverse(post.date.map_or(0, |d| d.sort_key())),
            path_start: path_start_key(&post.path, shared),
            index,
        })
        .collect();
    order.par_sort_unstable_by(|a, b| {
        if a.undated && b.undated {
            // Undated posts (`issue-2`, `issue-10`) read in their names' natural order.
            return compare_paths_naturally(&posts[a.index].path, &posts[b.index].path);
        }
        (a.undated, a.newest, a.path_start)
            .cmp(&(b.undated, b.newest, b.path_start))
            .then_with(|| compare_paths(&posts[a.index].path, &posts[b.index].path))
    });
    order.into_iter().map(|key| key.index).collect()
}

struct OrderKey {
    undated: bool,
    newest: std::cmp::Reverse<i64>,
    path_start: u128,
    index: usize,
}

/// How many leading bytes every post's path has in common.
fn shared_prefix_len(posts: &[Post]) -> usize {
    let Some(first) = posts.first() else {
        return 0;
    };
    let first = first.path.as_os_str().as_encoded_bytes();
    posts.iter().fold(first.len(), |shared, post| {
        let bytes = post.path.as_os_str().as_encoded_bytes();
        first[..shared]
            .iter()
            .zip(bytes)
            .take_while(|(a, b)| a == b)
            .count()
    })
}

/// Sixteen bytes of `path` from `skip` on, ranked by [`path_byte_rank`], as a number that
/// orders as [`compare_paths`] does wherever two of them differ; a path that ends early is
/// padded with 0. Equal numbers say nothing, and the paths are compared in full.
fn path_start_key(path: &Path, skip: usize) -> u128 {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut key = [0u8; 16];
    for (slot, &byte) in key.iter_mut().zip(bytes.iter().skip(skip)) {
        *slot = path_byte_rank(byte);
    }
    u128::from_be_bytes(key)
}

/// The order of [`Path::cmp`] (component by component) for the walker's paths, which have no
/// empty or `.` components, found by comparing bytes with the separator ranked lowest:
/// several times cheaper, and a day's posts share a date, so ties are common.
pub(crate) fn compare_paths(a: &Path, b: &Path) -> Ordering {
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    match a.iter().zip(b).position(|(x, y)| x != y) {
        Some(i) => path_byte_rank(a[i]).cmp(&path_byte_rank(b[i])),
        None => a.len().cmp(&b.len()),
    }
}

/// [`compare_paths`], except that runs of digits compare by their value: `issue-2` before
/// `issue-10`. Paths equal that way (`a01`, `a1`) fall back to [`compare_paths`].
fn compare_paths_naturally(a: &Path, b: &Path) -> Ordering {
    let (x, y) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        if x[i].is_ascii_digit() && y[j].is_ascii_digit() {
            let ((dx, end_x), (dy, end_y)) = (digit_run(x, i), digit_run(y, j));
            let by_value = dx.len().cmp(&dy.len()).then_with(|| dx.cmp(dy));
            if by_value != Ordering::Equal {
                return by_value;
            }
            (i, j) = (end_x, end_y);
            continue;
        }
        let by_byte = path_byte_rank(x[i]).cmp(&path_byte_rank(y[j]));
        if by_byte != Ordering::Equal {
            return by_byte;
        }
        i += 1;
        j += 1;
    }
    (x.len() - i)
        .cmp(&(y.len() - j))
        .then_with(|| compare_paths(a, b))
}

/// The digits from `from` on without leading zeros, and where they end.
fn digit_run(bytes: &[u8], from: usize) -> (&[u8], usize) {
    let end = from
        + bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    let start = from + bytes[from..end].iter().take_while(|&&b| b == b'0').count();
    (&bytes[start..end], end)
}

/// A path byte's rank in [`compare_paths`]'s order: a separator below everything, other
/// bytes as they are (no path holds a NUL, so none shares the separator's rank).
fn path_byte_rank(byte: u8) -> u8 {
    if std::path::is_separator(char::from(byte)) {
        0
    } else {
        byte
    }
}

/// Rearranges `items` so that position `k` holds what was at `order[k]`, a permutation of
/// the positions. Items are swapped in place, one cycle of the permutation at a time: a copy
/// of ten thousand posts would touch megabytes of fresh memory.
pub fn apply_order<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut current = start;
        // Each position, once filled, is marked by pointing at itself.
        while order[current] != current {
            let source = order[current];
            order[current] = current;
            if source == start {
                break;
            }
            items.swap(current, source);
            current = source;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::PostDate;
    use std::path::PathBuf;

    #[test]
    fn orders_are_applied_cycle_by_cycle() {
        let original: Vec<char> = "abcdefgh".chars().collect();
        for order in [
            vec![0, 1, 2, 3, 4, 5, 6, 7],
            vec![7, 6, 5, 4, 3, 2, 1, 0],
            vec![1, 2, 3, 4, 5, 6, 7, 0],
            vec![2, 0, 1, 3, 5, 4, 7, 6],
            vec![4, 7, 0, 2, 6, 1, 3, 5],
        ] {
            let mut items = original.clone();
            apply_order(&mut items, order.clone());
            let expected: Vec<char> = order.iter().map(|&i| original[i]).collect();
            assert_eq!(items, expected, "{order:?}");
        }
    }

    #[test]
    fn ties_on_a_date_go_by_path_as_path_cmp_orders_them() {
        let names = [
            "posts/a",
            "posts/a/b",
            "posts/a!",
            "posts/a-b",
            "posts/a.md",
            "posts/ab",
            "posts/2026/0001-long-name-beyond-sixteen-bytes-x.md",
            "posts/2026/0001-long-name-beyond-sixteen-bytes-y.md",
            "posts/2026/0001-long-name-beyond-sixteen-bytes.md",
            "posts/2026/0001-long-name-beyond-sixteen-bytes/z.md",
            "posts/2026-01/x.md",
            "posts/2026/x.md",
            "posts/2026.md",
            "posts/B",
            "posts/日本.md",
        ];
        let posts: Vec<Post> = names
            .iter()
            .rev()
            .map(|name| Post {
                path: name.into(),
                date: PostDate::parse("2026-01-01"),
                ..Post::default()
            })
            .collect();
        let ordered: Vec<&Path> = newest_first_order(&posts)
            .into_iter()
            .map(|i| posts[i].path.as_path())
            .collect();
        let mut expected: Vec<&Path> = posts.iter().map(|p| p.path.as_path()).collect();
        expected.sort();
        assert_eq!(ordered, expected);
    }

    #[test]
    fn undated_posts_read_in_natural_order() {
        let mut posts: Vec<Post> = [
            "n/issue-10.md",
            "n/issue-2.md",
            "n/issue-1.md",
            "n/issue-02b.md",
            "m/z.md",
        ]
        .iter()
        .map(|p| Post {
            path: PathBuf::from(p),
            ..Post::default()
        })
        .collect();
        sort_newest_first(&mut posts);
        let paths: Vec<_> = posts.iter().map(|p| p.path.to_str().unwrap()).collect();
        assert_eq!(
            paths,
            [
                "m/z.md",
                "n/issue-1.md",
                "n/issue-2.md",
                "n/issue-02b.md",
                "n/issue-10.md"
            ]
        );
    }

    #[test]
    fn newest_first_undated_last() {
        let post = |name: &str, date: Option<&str>| Post {
            path: name.into(),
            date: date.and_then(PostDate::parse),
            ..Post::default()
        };
        let mut posts = vec![
            post("a", None),
            post("b", Some("2025-01-01")),
            post("c", Some("2026-01-01T00:00:00Z")),
        ];
        sort_newest_first(&mut posts);
        let order: Vec<_> = posts
            .iter()
            .map(|p| p.path.to_string_lossy().into_owned())
            .collect();
        assert_eq!(order, ["c", "b", "a"]);
    }

    #[test]
    fn paths_compare_as_path_cmp_does() {
        let paths = [
            "posts/a/b.md",
            "posts/a.b/c.md",
            "posts/a-b.md",
            "posts/a",
            "posts/ab.md",
            "posts/a/b/c.md",
            "posts/日本/x.md",
            "posts/Z.md",
            "posts/a b.md",
        ];
        for a in paths {
            for b in paths {
                let (a, b) = (Path::new(a), Path::new(b));
                assert_eq!(compare_paths(a, b), a.cmp(b), "{a:?} vs {b:?}");
            }
        }
    }

    #[test]
    fn tags_and_together_case_insensitively() {
        let post = Post {
            tags: vec!["AI".into(), "云计算".into()],
            ..Post::default()
        };
        let q = |tags: &[&str]| Query {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Query::default()
        };
        assert!(q(&["ai"]).matches_fields(&post));
        assert!(q(&["#AI", "云计算"]).matches_fields(&post));
        assert!(!q(&["ai", "oracle"]).matches_fields(&post));
    }

    #[test]
    fn text_search_folds_only_what_has_case() {
        assert!(contains_ignore_case("日本語のAIニュース", "ai"));
        assert!(contains_ignore_case("Ärger im Büro", "ärger"));
        assert!(contains_ignore_case("ok", ""));
        assert!(!contains_ignore_case("a", "ab"));
        assert!(contains_ignore_case("x-OpenAI", "openai"));
    }

    #[test]
    fn text_search_ignores_case_and_needs_no_spaces() {
        assert!(contains_ignore_case("OpenAI与Oracle签署协议", "oracle签署"));
        assert!(contains_ignore_case("Cloud Revenue", "REVENUE"));
        assert!(!contains_ignore_case("云计算", "芯片"));
    }
}
