//! Finding the stories of a briefing in its document model, block by block, as the renderer
//! reads them (so an article is never parsed twice to find them).
//!
//! A story starts at:
//! - a `##`–`####` heading below the post's title (a level-1 heading, or a first heading whose
//!   text folds to the post's title, is the title and starts none);
//! - an item of a digest list: a list item that opens with bold text and holds a web link
//!   (`1. **Title** … [source](url)`);
//! - a paragraph that is nothing but bold text (`**Title**`), as long as no heading started a
//!   story before it; such a story counts only if its text has a web link (a bold byline or
//!   copyright line at the end of an article is not a story).
//!
//! A story runs to the next start; a heading with neither text nor link under it (`## 主要新闻`
//! above `###` stories) is a container and starts none; text after a digest list belongs to
//! no story. A story's source is the first web link after a label (`Source:`, `来源：`,
//! `出典：`, `原文`, `via` …), else its last web link; links that are not `http(s)` are never
//! sources. Footnotes are not read. One pass, no look-back: linear in the body.
//!
//! Depends on the document model and `text` only.

use super::doc::{Block, Emphasis, Inline, plain_text};
use brief_text::heading_key;

/// Where a story begins in the article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Story {
    /// Its heading (or the bold lead of its list item), as plain text; may be empty.
    pub title: String,
    /// Its own source link, when its text has a web link.
    pub source: Option<String>,
    /// The article line its heading starts on (0 when found without laying out).
    pub line: usize,
}

/// Labels that announce a story's source link, compared lower-cased at the end of the text
/// before the link.
const LABELS: &[&str] = &[
    "source",
    "sources",
    "via",
    "来源",
    "來源",
    "出处",
    "出處",
    "出典",
    "原文",
    "原文链接",
    "原文連結",
    "ソース",
    "元記事",
    "参考",
    "參考",
];

/// The last character of each of [`LABELS`]: text ending otherwise needs no closer look.
static LABEL_ENDS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    LABELS
        .iter()
        .filter_map(|l| l.chars().next_back())
        .collect()
});

/// More characters than the longest label has, with the one before it.
const LABEL_TAIL_CHARS: usize = 16;

/// The lines a top-level block was laid out on.
#[derive(Debug, Clone, Copy, Default)]
pub struct BlockLines<'a> {
    /// The line the block starts on.
    pub start: usize,
    /// For a list, the line each item starts on.
    pub items: &'a [usize],
}

/// Collects stories from top-level blocks fed in order.
#[derive(Debug, Default)]
pub struct StoryFinder {
    title_key: Option<String>,
    /// A heading started a story: bold lines are text from now on.
    headings: bool,
    current: Option<Open>,
    stories: Vec<Story>,
}

#[derive(Debug)]
struct Open {
    story: Story,
    has_text: bool,
    labelled: Option<String>,
    last: Option<String>,
    label_pending: bool,
    /// Started by a bold line: kept only with a source.
    needs_source: bool,
}

impl StoryFinder {
    /// A finder for a post titled `title`.
    pub fn new(title: &str) -> Self {
        Self {
            title_key: heading_key(title),
            ..Self::default()
        }
    }

    /// Reads the next top-level block.
    pub fn push(&mut self, block: &Block, lines: BlockLines<'_>) {
        match block {
            Block::Heading { level, content } => {
                let mut title = String::new();
                plain_text(content, &mut title);
                let is_title = *level == 1
                    || (self.stories.is_empty()
                        && self.current.is_none()
                        && heading_key(&title).is_some()
                        && heading_key(&title) == self.title_key);
                if is_title {
                    self.close();
                } else if (2..=4).contains(level) {
                    self.headings = true;
                    self.open(title.trim(), lines.start);
                    if let Some(open) = &mut self.current {
                        open.scan(content);
                    }
                } else {
                    self.feed(block);
                }
            }
            Block::Paragraph(content) if !self.headings => match bold_line(content) {
                Some(title) => {
                    self.open(&title, lines.start);
                    if let Some(open) = &mut self.current {
                        open.needs_source = true;
                    }
                }
                None => self.feed(block),
            },
            Block::List { items, .. } if items.iter().any(|item| digest_lead(item).is_some()) => {
                for (i, item) in items.iter().enumerate() {
                    match digest_lead(item) {
                        Some(title) => {
                            let line = lines.items.get(i).copied().unwrap_or(lines.start);
                            self.open(&title, line);
                            self.feed_all(item);
                        }
                        None => self.feed_all(item),
                    }
                }
                // What follows the digest is not part of its last item.
                self.close();
            }
            _ => self.feed(block),
        }
    }

    /// The stories found, in reading order.
    pub fn finish(mut self) -> Vec<Story> {
        self.close();
        self.stories
    }

    fn open(&mut self, title: &str, line: usize) {
        self.close();
        self.current = Some(Open {
            story: Story {
                title: title.to_string(),
                source: None,
                line,
            },
            has_text: false,
            labelled: None,
            last: None,
            label_pending: false,
            needs_source: false,
        });
    }

    fn close(&mut self) {
        if let Some(open) = self.current.take() {
            let source = open.labelled.or(open.last);
            let wanted = if open.needs_source {
                source.is_some()
            } else {
                open.has_text || source.is_some()
            };
            if wanted {
                self.stories.push(Story {
                    source,
                    ..open.story
                });
            }
        }
    }

    fn feed_all(&mut self, blocks: &[Block]) {
        for block in blocks {
            self.feed(block);
        }
    }

    fn feed(&mut self, block: &Block) {
        if let Some(open) = &mut self.current {
            open.has_text = true;
            open.block(block);
        }
    }
}

impl Open {
    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => self.scan(content),
            Block::List { items, .. } => items.iter().flatten().for_each(|b| self.block(b)),
            Block::Quote(blocks) => blocks.iter().for_each(|b| self.block(b)),
            Block::Table(table) => table
                .rows
                .iter()
                .flat_map(|row| &row.cells)
                .for_each(|cell| self.scan(cell)),
            Block::Code(_) | Block::Rule => self.label_pending = false,
        }
    }

    fn scan(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => {
                    let text = text.trim();
                    if !text.is_empty() {
                        self.label_pending = ends_with_label(text);
                    }
                }
                Inline::Code(_) => self.label_pending = false,
                Inline::SoftBreak | Inline::HardBreak | Inline::Image { .. } => {}
                Inline::Styled(_, inner) => self.scan(inner),
                Inline::Link { url, .. } => {
                    if is_web(url) {
                        if self.label_pending && self.labelled.is_none() {
                            self.labelled = Some(url.clone());
                        }
                        self.last = Some(url.clone());
                    }
                    self.label_pending = false;
                }
            }
        }
    }
}

/// The host to show for a story's source: lower-cased, without a leading `www.`.
pub fn source_host(url: &str) -> String {
    let host = super::host_of(url);
    match host.strip_prefix("www.") {
        Some(rest) if rest.contains('.') => rest.to_string(),
        _ => host,
    }
}

/// Whether `url` is an absolute `http(s)` URL.
pub fn is_web(url: &str) -> bool {
    let lower = |n: usize| url.get(..n).map(str::to_ascii_lowercase);
    lower(7).as_deref() == Some("http://") || lower(8).as_deref() == Some("https://")
}

/// Whether `text` ends with a source label (its colon and spaces aside).
fn ends_with_label(text: &str) -> bool {
    let text = text.trim_end_matches([':', '：', ' ', '\u{3000}', '-', '—', '|']);
    // Most text cannot end with a label: its last character, lower-cased, ends none.
    let ends_like_a_label = text.chars().next_back().is_some_and(|last| {
        last.to_lowercase()
            .next_back()
            .is_some_and(|folded| LABEL_ENDS.contains(&folded))
    });
    if !ends_like_a_label {
        return false;
    }
    // Only the end can hold a label, and the character before it: lower-casing the last
    // few characters, not a whole paragraph, gives the same answer (each character folds
    // on its own; no label holds the one that depends on its neighbours, a Greek sigma).
    let tail = text
        .char_indices()
        .rev()
        .nth(LABEL_TAIL_CHARS - 1)
        .map_or(0, |(at, _)| at);
    lower_ends_with_label(&text[tail..].to_lowercase())
}

/// Whether lower-cased `text` ends with a label; a Latin label must start a word.
fn lower_ends_with_label(lower: &str) -> bool {
    LABELS.iter().any(|label| {
        lower.strip_suffix(label).is_some_and(|before| {
            !label.is_ascii()
                || !before
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
        })
    })
}

/// The text of a paragraph that is only bold text (and a colon), unless it is a label.
fn bold_line(content: &[Inline]) -> Option<String> {
    let mut lead = None;
    for inline in content {
        match inline {
            Inline::Styled(Emphasis::Strong, inner) if lead.is_none() => lead = Some(inner),
            Inline::Text(t) if t.trim().trim_matches([':', '：']).is_empty() => {}
            Inline::SoftBreak | Inline::HardBreak => {}
            _ => return None,
        }
    }
    let mut title = String::new();
    plain_text(lead?, &mut title);
    let title = title.trim().trim_end_matches([':', '：']).trim_end();
    (heading_key(title).is_some() && !ends_with_label(title)).then(|| title.to_string())
}

/// The bold lead of a digest list item: its first paragraph opens with bold text, and the
/// item holds a web link.
fn digest_lead(item: &[Block]) -> Option<String> {
    let Some(Block::Paragraph(content)) = item.first() else {
        return None;
    };
    let Some(Inline::Styled(Emphasis::Strong, lead)) = content.first() else {
        return None;
    };
    if !item.iter().any(has_web_link) {
        return None;
    }
    let mut title = String::new();
    plain_text(lead, &mut title);
    let title = title.trim().trim_end_matches([':', '：']).trim_end();
    (!ends_with_label(title)).then(|| title.to_string())
}

fn has_web_link(block: &Block) -> bool {
    fn inlines(content: &[Inline]) -> bool {
        content.iter().any(|inline| match inline {
            Inline::Link { url, .. } => is_web(url),
            Inline::Styled(_, inner) => inlines(inner),
            _ => false,
        })
    }
    match block {
        Block::Heading { content, .. } | Block::Paragraph(content) => inlines(content),
        Block::List { items, .. } => items.iter().flatten().any(has_web_link),
        Block::Quote(blocks) => blocks.iter().any(has_web_link),
        Block::Table(table) => table
            .rows
            .iter()
            .flat_map(|row| &row.cells)
            .any(|cell| inlines(cell)),
        Block::Code(_) | Block::Rule => false,
    }
}

#[cfg(test)]
mod tests;
