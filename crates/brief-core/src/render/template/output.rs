//! What an interpreted tag becomes in the body: a box's heading, an embed's link, and the
//! escaping that keeps the author's text as text in Markdown or HTML.
//!
//! Reads arguments already split by [`super::tag`]; knows nothing of where tags are.

use super::tag::attr;

/// The heading a box shortcode was given: a `summary`, `title` or `header` value, or a
/// positional one of several words (`{{< expand "Is it so?" >}}`; `{{% notice info %}}` has
/// none).
pub(super) fn box_title(attrs: &[(Option<String>, String)]) -> Option<String> {
    attrs
        .iter()
        .find(|(k, v)| {
            matches!(k.as_deref(), Some("summary" | "title" | "header")) && !v.trim().is_empty()
        })
        .or_else(|| {
            attrs
                .iter()
                .find(|(k, v)| k.is_none() && v.trim().contains(char::is_whitespace))
        })
        .map(|(_, v)| v.trim().to_string())
}

/// A video, tweet or gist as its service's name and the address it is at.
pub(super) fn embed_link(
    name: &str,
    attrs: &[(Option<String>, String)],
) -> Option<(&'static str, String)> {
    let id = attr(attrs, &["id", "url", "src"], 0)?;
    let is_url = id.starts_with("http://") || id.starts_with("https://");
    Some(match name {
        "youtube" => (
            "YouTube",
            if is_url {
                id
            } else {
                format!("https://www.youtube.com/watch?v={id}")
            },
        ),
        "vimeo" => (
            "Vimeo",
            if is_url {
                id
            } else {
                format!("https://vimeo.com/{id}")
            },
        ),
        "tweet" | "twitter" | "x" => {
            let user = attr(attrs, &["user"], usize::MAX);
            let url = if is_url {
                id
            } else if let Some(user) = user {
                format!("https://twitter.com/{user}/status/{id}")
            } else {
                let id = attr(attrs, &["id"], 1).unwrap_or(id);
                format!("https://twitter.com/i/status/{id}")
            };
            ("Tweet", url)
        }
        "gist" => {
            let url = if is_url {
                id
            } else {
                match attr(attrs, &["id"], 1) {
                    Some(second) if !id.contains('/') => {
                        format!("https://gist.github.com/{id}/{second}")
                    }
                    _ => format!("https://gist.github.com/{id}"),
                }
            };
            ("Gist", url)
        }
        "instagram" => (
            "Instagram",
            if is_url {
                id
            } else {
                format!("https://www.instagram.com/p/{id}/")
            },
        ),
        "youku" => (
            "Youku",
            if is_url {
                id
            } else {
                format!("https://v.youku.com/v_show/id_{id}.html")
            },
        ),
        "bilibili" => (
            "Bilibili",
            if is_url {
                id
            } else {
                format!("https://www.bilibili.com/video/{id}")
            },
        ),
        _ => return None,
    })
}

pub(super) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '[' | ']' | '*' | '_' | '`' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A URL for `<…>` in a Markdown link: no angle brackets or line ends inside.
pub(super) fn clean_url(url: &str) -> String {
    url.chars()
        .filter(|c| !matches!(c, '<' | '>' | '\n' | '\r'))
        .collect()
}

pub(super) fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
