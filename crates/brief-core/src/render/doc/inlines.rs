//! Inline content being collected by the builder, with the styles still open and the depth
//! bound on them; and what is done to it once its block closes: sanitised, trimmed, dropped
//! when blank, or a block's text turned into inline content where only inlines fit.
//!
//! Knows the document model only; nothing of parsing or layout.

use super::pool::Spare;
use super::{Block, Inline, InlineOpen, MAX_INLINE_DEPTH, plain_text};
use brief_text::{needs_sanitizing, sanitize_block, sanitize_inline};

/// Inline content being collected, with the styles still open.
#[derive(Debug, Default)]
pub(super) struct Inlines {
    base: Vec<Inline>,
    /// Open styles, at most [`MAX_INLINE_DEPTH`].
    open: Vec<(InlineOpen, Vec<Inline>)>,
    /// Styles opened past [`MAX_INLINE_DEPTH`]: only counted, their content going straight
    /// into the innermost kept style (moving it up level by level on each close made hostile
    /// nesting quadratic).
    pub(super) flat: usize,
    /// Some text added may need sanitising (see [`needs_sanitizing`]).
    pub(super) dirty: bool,
}

impl Inlines {
    pub(super) fn push(&mut self, inline: Inline) {
        self.level().push(inline);
    }

    /// Where the next inline goes: the innermost open style, else the base. A base gets room
    /// for a paragraph's usual handful of inlines at once.
    fn level(&mut self) -> &mut Vec<Inline> {
        match self.open.last_mut() {
            Some((_, content)) => content,
            None => {
                if self.base.capacity() == 0 {
                    self.base.reserve(8);
                }
                &mut self.base
            }
        }
    }

    /// Adds text, joined to the text before it when there is some. `clean` says it is known
    /// to need no sanitising.
    pub(super) fn push_text(&mut self, text: &str, clean: bool, spare: &mut Spare) {
        self.dirty |= !clean && needs_sanitizing(text);
        if self.open.is_empty() && self.base.capacity() == 0 {
            self.base = spare.list();
        }
        let current = self.level();
        match current.last_mut() {
            Some(Inline::Text(last)) => last.push_str(text),
            _ => current.push(Inline::Text(spare.string(text))),
        }
    }

    pub(super) fn current(&self) -> &Vec<Inline> {
        self.open.last().map_or(&self.base, |(_, content)| content)
    }

    pub(super) fn open(&mut self, kind: InlineOpen, spare: &mut Spare) {
        if self.open.len() < MAX_INLINE_DEPTH {
            self.open
                .push((kind, spare.lists.pop().unwrap_or_default()));
        } else {
            self.flat += 1;
        }
    }

    pub(super) fn close(&mut self) {
        if self.flat > 0 {
            self.flat -= 1;
        } else if let Some((kind, content)) = self.open.pop() {
            self.push(wrap_inline(kind, content));
        }
    }

    /// How many styles are open, kept or flattened.
    pub(super) fn depth(&self) -> usize {
        self.open.len() + self.flat
    }

    pub(super) fn is_blank(&self) -> bool {
        is_blank(&self.base)
            && self
                .open
                .iter()
                .all(|(kind, c)| !matches!(kind, InlineOpen::Link(_)) && is_blank(c))
    }

    /// Takes the content collected so far, closing the open styles and opening them again
    /// empty, so that the caller's later closes still pair up.
    pub(super) fn take(&mut self) -> Vec<Inline> {
        self.dirty = false;
        if self.open.is_empty() {
            return std::mem::take(&mut self.base);
        }
        let kinds: Vec<InlineOpen> = self.open.iter().map(|(k, _)| k.clone()).collect();
        while let Some((kind, content)) = self.open.pop() {
            self.push(wrap_inline(kind, content));
        }
        self.open = kinds.into_iter().map(|k| (k, Vec::new())).collect();
        self.dirty = false;
        std::mem::take(&mut self.base)
    }

    /// [`Inlines::take`], then [`tidy`], sanitising only if some text asks for it.
    pub(super) fn take_tidy(&mut self) -> Option<Vec<Inline>> {
        if self.base.is_empty() && self.open.is_empty() {
            // Nothing: what `tidy` would say, without taking the vector's room.
            return None;
        }
        let dirty = self.dirty;
        tidy(self.take(), dirty)
    }

    /// The whitespace state at the end: true at the very start or after a space or break.
    pub(super) fn ends_in_space(&self) -> bool {
        for level in std::iter::once(&self.base)
            .chain(self.open.iter().map(|(_, c)| c))
            .rev()
        {
            match last_char_state(level) {
                Some(space) => return space,
                None => continue,
            }
        }
        true
    }
}

/// `Some(true)` if the content ends in white space or a break, `Some(false)` if in something
/// else, `None` if empty.
fn last_char_state(inlines: &[Inline]) -> Option<bool> {
    for inline in inlines.iter().rev() {
        match inline {
            Inline::Text(t) => {
                if let Some(c) = t.chars().next_back() {
                    return Some(c.is_whitespace());
                }
            }
            Inline::SoftBreak | Inline::HardBreak => return Some(true),
            Inline::Code(_) | Inline::Image { .. } => return Some(false),
            Inline::Styled(_, content) | Inline::Link { content, .. } => {
                if let Some(state) = last_char_state(content) {
                    return Some(state);
                }
            }
        }
    }
    None
}

fn wrap_inline(kind: InlineOpen, content: Vec<Inline>) -> Inline {
    match kind {
        InlineOpen::Style(e) => Inline::Styled(e, content),
        InlineOpen::Link(url) => Inline::Link { url, content },
        InlineOpen::Code => {
            let mut text = String::new();
            plain_text(&content, &mut text);
            Inline::Code(sanitize_inline(&text))
        }
    }
}

fn is_blank(inlines: &[Inline]) -> bool {
    inlines.iter().all(|i| match i {
        Inline::Text(t) => t.chars().all(char::is_whitespace),
        Inline::SoftBreak | Inline::HardBreak => true,
        Inline::Styled(_, c) => is_blank(c),
        Inline::Code(_) | Inline::Image { .. } | Inline::Link { .. } => false,
    })
}

/// Sanitises every text (the one place body text is cleaned after entities were decoded).
fn sanitize_texts(inlines: &mut [Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => {
                if let std::borrow::Cow::Owned(clean) = sanitize_block(t) {
                    *t = clean;
                }
            }
            Inline::Styled(_, c) | Inline::Link { content: c, .. } => sanitize_texts(c),
            Inline::Code(_) | Inline::Image { .. } | Inline::SoftBreak | Inline::HardBreak => {}
        }
    }
}

/// Removes white space and breaks at both ends; `None` when nothing is left. Sanitises the
/// texts first when `dirty`.
pub(super) fn tidy(mut inlines: Vec<Inline>, dirty: bool) -> Option<Vec<Inline>> {
    if dirty {
        sanitize_texts(&mut inlines);
    }
    if is_blank(&inlines) {
        return None;
    }
    trim_start(&mut inlines);
    trim_end(&mut inlines);
    Some(inlines)
}

fn trim_start(inlines: &mut Vec<Inline>) {
    while let Some(first) = inlines.first_mut() {
        match first {
            Inline::SoftBreak | Inline::HardBreak => {
                inlines.remove(0);
            }
            Inline::Text(t) => {
                let leading = t.len() - t.trim_start().len();
                if leading == t.len() {
                    inlines.remove(0);
                } else {
                    if leading > 0 {
                        t.drain(..leading);
                    }
                    return;
                }
            }
            Inline::Styled(_, c) => {
                trim_start(c);
                if c.is_empty() {
                    inlines.remove(0);
                } else {
                    return;
                }
            }
            Inline::Link { content, .. } => {
                trim_start(content);
                return;
            }
            Inline::Code(_) | Inline::Image { .. } => return,
        }
    }
}

fn trim_end(inlines: &mut Vec<Inline>) {
    while let Some(last) = inlines.last_mut() {
        match last {
            Inline::SoftBreak | Inline::HardBreak => {
                inlines.pop();
            }
            Inline::Text(t) => {
                let trimmed = t.trim_end();
                if trimmed.is_empty() {
                    inlines.pop();
                } else {
                    t.truncate(trimmed.len());
                    return;
                }
            }
            Inline::Styled(_, c) => {
                trim_end(c);
                if c.is_empty() {
                    inlines.pop();
                } else {
                    return;
                }
            }
            Inline::Link { content, .. } => {
                trim_end(content);
                return;
            }
            Inline::Code(_) | Inline::Image { .. } => return,
        }
    }
}

/// A block's text as inline content, for a block that landed where only inlines fit.
pub(super) fn block_to_inlines(block: Block, inlines: &mut Inlines) {
    match block {
        Block::Heading { content, .. } | Block::Paragraph(content) => {
            content.into_iter().for_each(|i| inlines.push(i))
        }
        Block::Code(text) => {
            for (i, line) in text.lines().enumerate() {
                if i > 0 {
                    inlines.push(Inline::HardBreak);
                }
                inlines.push(Inline::Code(line.to_string()));
            }
        }
        Block::List { items, .. } => {
            for (i, item) in items.into_iter().enumerate() {
                if i > 0 {
                    inlines.push(Inline::HardBreak);
                }
                item.into_iter().for_each(|b| block_to_inlines(b, inlines));
            }
        }
        Block::Quote(blocks) => blocks
            .into_iter()
            .for_each(|b| block_to_inlines(b, inlines)),
        Block::Table(table) => {
            for row in table.rows {
                for (i, cell) in row.cells.into_iter().enumerate() {
                    if i > 0 {
                        inlines.push(Inline::Text(" ".into()));
                    }
                    cell.into_iter().for_each(|c| inlines.push(c));
                }
                inlines.push(Inline::HardBreak);
            }
        }
        Block::Rule => inlines.push(Inline::HardBreak),
    }
}
