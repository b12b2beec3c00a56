//! The identity of a story's source: a URL with everything that does not change the page it
//! names folded away.
//!
//! [`normalize`] lower-cases the scheme and host and folds `http`/`https`, a leading `www.`,
//! `m.` and `amp.`, default ports, the fragment, tracking parameters (`utm_*`, `fbclid`,
//! `gclid`, `spm` and their kin), `outputType=amp`/`amp=1`, a trailing `/amp` or `/amp/`, a
//! trailing `index.html`/`index.htm`/`index.php` and a trailing `/`. The remaining query keeps
//! its order. Only `http` and `https` URLs have an identity; everything else is `None`.
//!
//! It splits the URL at its delimiters (RFC 3986's generic syntax), which is all folding needs;
//! it does not validate or percent-decode. It depends on nothing else of brief.

/// Query parameters that only say where a reader came from.
const TRACKING: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "mc_cid",
    "mc_eid",
    "spm",
    "igshid",
    "ref_src",
    "ref_url",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "scm",
    "outputtype",
    "amp",
    "cmpid",
    "ocid",
    "sr_share",
    "ito",
    "ncid",
    "guccounter",
];

/// The folded form of `url`, or `None` when it is not an absolute `http(s)` URL with a host.
pub fn normalize(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once(':')?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let rest = rest.strip_prefix("//")?;
    let rest = rest.split('#').next().unwrap_or("");
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path_query) = rest.split_at(authority_end);
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    let host_port = host_port.to_ascii_lowercase();
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if port.is_empty() || port == "80" || port == "443" => host,
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !host.ends_with(']') => {
            // Keep a port that names another server.
            return finish(&format!("{host}:{port}"), path_query);
        }
        _ => host_port.as_str(),
    };
    finish(host, path_query)
}

fn finish(host: &str, path_query: &str) -> Option<String> {
    let host = host.trim_end_matches('.');
    let mut host = host;
    for prefix in ["www.", "m.", "amp."] {
        if let Some(rest) = host.strip_prefix(prefix)
            && rest.contains('.')
        {
            host = rest;
        }
    }
    if host.is_empty() {
        return None;
    }
    let (path, query) = path_query.split_once('?').unwrap_or((path_query, ""));
    let mut path = path;
    loop {
        let before = path.len();
        path = path.trim_end_matches('/');
        for tail in ["/amp", "/index.html", "/index.htm", "/index.php"] {
            if path.len() >= tail.len()
                && path.is_char_boundary(path.len() - tail.len())
                && path[path.len() - tail.len()..].eq_ignore_ascii_case(tail)
            {
                path = &path[..path.len() - tail.len()];
            }
        }
        if path.len() == before {
            break;
        }
    }
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && !is_tracking(pair))
        .collect();
    let mut out = String::with_capacity(host.len() + path.len() + query.len() + 1);
    out.push_str(host);
    out.push_str(path);
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    Some(out)
}

fn is_tracking(pair: &str) -> bool {
    let name = pair.split('=').next().unwrap_or(pair).to_ascii_lowercase();
    name.starts_with("utm_") || TRACKING.contains(&name.as_str())
}

#[cfg(test)]
mod tests {
    use super::normalize;

    fn same(a: &str, b: &str) {
        assert_eq!(normalize(a), normalize(b), "{a} vs {b}");
        assert!(normalize(a).is_some());
    }

    #[test]
    fn scheme_www_port_fragment_and_slash_fold() {
        same("https://www.example.com/a/b/", "http://example.com/a/b");
        same("https://EXAMPLE.com:443/a#part", "http://example.com:80/a");
        same("https://example.com/", "https://example.com");
        same(
            "https://example.com/news/index.html",
            "https://example.com/news",
        );
    }

    #[test]
    fn tracking_parameters_go_and_others_stay() {
        same(
            "https://example.com/a?utm_source=x&id=7&fbclid=abc&gclid=1&spm=a.b",
            "https://example.com/a?id=7",
        );
        assert_ne!(
            normalize("https://example.com/a?id=7"),
            normalize("https://example.com/a?id=8")
        );
    }

    #[test]
    fn amp_variants_fold() {
        same(
            "https://example.com/story/amp/",
            "https://example.com/story",
        );
        same("https://amp.example.com/story", "https://example.com/story");
        same(
            "https://example.com/story?outputType=amp",
            "https://example.com/story",
        );
    }

    #[test]
    fn other_ports_and_paths_stay_distinct() {
        assert_ne!(
            normalize("https://example.com:8080/a"),
            normalize("https://example.com/a")
        );
        assert_ne!(
            normalize("https://example.com/a"),
            normalize("https://example.com/b")
        );
        assert_ne!(
            normalize("https://www.example.com/a"),
            normalize("https://example.org/a")
        );
    }

    #[test]
    fn only_web_urls_have_an_identity() {
        assert_eq!(normalize("mailto:a@example.com"), None);
        assert_eq!(normalize("/relative/path"), None);
        assert_eq!(normalize("javascript:alert(1)"), None);
        assert_eq!(normalize("https://"), None);
        assert_eq!(normalize(""), None);
    }
}
