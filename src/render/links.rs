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
    let lower = url.get(..11).unwrap_or(url).to_ascii_lowercase();
    !(url.is_empty()
        || url.starts_with('#')
        || lower.starts_with("javascript:")
        || lower.starts_with("data:"))
}

/// The host of an absolute URL (`https://user@Example.com:8080/x` → `example.com`); empty
/// for a relative URL or one without an authority (`mailto:`).
pub fn host_of(url: &str) -> String {
    let Some((_, rest)) = url.split_once("://") else {
        return String::new();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = if host.starts_with('[') {
        host.split(']')
            .next()
            .map(|h| format!("{h}]"))
            .unwrap_or_default()
    } else {
        host.split(':').next().unwrap_or("").to_string()
    };
    host.to_ascii_lowercase()
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
