//! Numbering an article's links and images in reading order.

use super::Link;
use std::collections::HashMap;

/// The article's links so far; the same URL always gets the same number.
#[derive(Debug, Default)]
pub(crate) struct LinkTable {
    pub links: Vec<Link>,
    by_url: HashMap<String, usize>,
}

impl LinkTable {
    /// The number (from 1) of `url`, registering it if new; `None` for a URL that cannot be
    /// followed (empty, an in-page anchor, `javascript:`, a `data:` image).
    pub fn number(&mut self, url: &str, is_image: bool, text: &str) -> Option<usize> {
        if !is_followable(url) {
            return None;
        }
        if let Some(&index) = self.by_url.get(url) {
            let link = &mut self.links[index];
            if link.text.is_empty() {
                link.text = text.to_string();
            }
            return Some(link.number);
        }
        let number = self.links.len() + 1;
        self.links.push(Link {
            number,
            url: url.to_string(),
            host: host_of(url),
            is_image,
            text: text.to_string(),
        });
        self.by_url.insert(url.to_string(), number - 1);
        Some(number)
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
