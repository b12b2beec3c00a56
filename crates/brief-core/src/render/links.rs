//! Numbering an article's links and images in reading order.

use super::Link;
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};

/// The article's links so far; the same URL always gets the same number.
#[derive(Debug, Default)]
pub struct LinkTable {
    pub links: Vec<Link>,
    /// Hashes URLs (keyed at random, as `HashMap` does, so no post can make them collide).
    hasher: RandomState,
    /// The first link whose URL has a given hash. A link whose URL shares its hash with an
    /// earlier one's is not in here, and is found by looking through `links`.
    by_hash: HashMap<u64, usize, BuildHasherDefault<Unhashed>>,
}

impl LinkTable {
    /// The number (from 1) of `url`, registering it if new; `None` for a URL that cannot be
    /// followed (empty, an in-page anchor, `javascript:`, a `data:` image).
    pub fn number(&mut self, url: &str, is_image: bool, text: &str) -> Option<usize> {
        if !is_followable(url) {
            return None;
        }
        let hash = self.hasher.hash_one(url);
        let known = match self.by_hash.get(&hash) {
            Some(&index) if self.links[index].url == url => Some(index),
            Some(_) => self.links.iter().position(|link| link.url == url),
            None => None,
        };
        if let Some(index) = known {
            let link = &mut self.links[index];
            if link.text.is_empty() {
                link.text = label(text);
            }
            return Some(link.number);
        }
        let number = self.links.len() + 1;
        self.links.push(Link {
            number,
            url: url.to_string(),
            host: host_of(url),
            is_image,
            text: label(text),
        });
        self.by_hash.entry(hash).or_insert(number - 1);
        Some(number)
    }
}

/// Link text as the link list shows it, on one line like body text: each run of ASCII white
/// space (tabs and line ends too, which would otherwise reach the output raw) becomes one
/// space.
fn label(text: &str) -> String {
    if !text.contains(|c: char| c.is_ascii_whitespace() && c != ' ') && !text.contains("  ") {
        return text.trim().to_string();
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

/// A hasher for keys that are hashes already: it passes them through.
#[derive(Debug, Default)]
struct Unhashed(u64);

impl Hasher for Unhashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

fn is_followable(url: &str) -> bool {
    let starts_with = |scheme: &str| {
        url.get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
    };
    !(url.is_empty() || url.starts_with('#') || starts_with("javascript:") || starts_with("data:"))
}

/// The host of an absolute URL (`https://user@Example.com:8080/x` → `example.com`); empty
/// for a relative URL or one without an authority (`mailto:`).
pub fn host_of(url: &str) -> String {
    let Some((_, rest)) = url.split_once("://") else {
        return String::new();
    };
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let mut host = if host.starts_with('[') {
        let inside = host.split_once(']').map_or(host, |(inside, _)| inside);
        format!("{inside}]")
    } else {
        host.split_once(':')
            .map_or(host, |(name, _)| name)
            .to_string()
    };
    host.make_ascii_lowercase();
    host
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://cn.nikkei.com/industry/a.html"),
            "cn.nikkei.com"
        );
        assert_eq!(host_of("http://u:p@Example.COM:8080/x?y#z"), "example.com");
        assert_eq!(host_of("https://[::1]:80/"), "[::1]");
        assert_eq!(host_of("mailto:a@b.c"), "");
        assert_eq!(host_of("/relative"), "");
    }

    #[test]
    fn many_urls_keep_their_numbers() {
        let mut table = LinkTable::default();
        for round in 0..2 {
            for i in 0..2000 {
                let url = format!("https://e.example/{i}");
                assert_eq!(table.number(&url, false, ""), Some(i + 1), "round {round}");
            }
        }
        assert_eq!(table.links.len(), 2000);
    }

    #[test]
    fn urls_sharing_a_hash_stay_apart() {
        let mut table = LinkTable::default();
        assert_eq!(table.number("https://a/", false, ""), Some(1));
        // Pretend that B's hash is A's.
        let hash = table.hasher.hash_one("https://b/");
        table.by_hash.insert(hash, 0);
        assert_eq!(table.number("https://b/", false, ""), Some(2));
        assert_eq!(table.number("https://b/", false, ""), Some(2));
        assert_eq!(table.number("https://a/", false, ""), Some(1));
    }

    #[test]
    fn tabs_and_line_ends_in_link_text_become_one_space() {
        let mut table = LinkTable::default();
        table.number("https://a/", false, "a\t\t\t\tb\n c");
        assert_eq!(table.links[0].text, "a b c");
    }

    #[test]
    fn same_url_same_number() {
        let mut table = LinkTable::default();
        assert_eq!(table.number("https://a/", false, "a"), Some(1));
        assert_eq!(table.number("https://b/", true, ""), Some(2));
        assert_eq!(table.number("https://a/", false, "again"), Some(1));
        assert_eq!(table.number("#top", false, ""), None);
        assert_eq!(table.number("JavaScript:alert(1)", false, ""), None);
        assert_eq!(table.links.len(), 2);
    }
}
