//! Bounds how deeply HTML elements nest before the tree builder sees them.
//!
//! html5ever's tree builder scans its stack of open elements on many tags, so a body of
//! 10,000 nested `<ul><li>` takes time quadratic in its size. Beyond [`MAX_ELEMENT_DEPTH`],
//! start tags (and the end tags that close them) are dropped here, their text kept, which is
//! what the layout would do to that nesting anyway. The work is done by html5ever's own
//! tokenizer and only for bodies with more start tags than the bound, so ordinary HTML is
//! handed on untouched.
//!
//! Depends on html5ever only; nothing of the document model or the UI.

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

/// Deepest element nesting passed on to the tree builder.
pub const MAX_ELEMENT_DEPTH: usize = 200;

/// `html` with element nesting past [`MAX_ELEMENT_DEPTH`] flattened; the input itself when
/// nothing needed to change.
pub fn bound_nesting(html: &str) -> Cow<'_, str> {
    if start_tags(html) <= MAX_ELEMENT_DEPTH {
        return Cow::Borrowed(html);
    }
    let sink = Rewriter::default();
    let input = BufferQueue::default();
    input.push_back(html.into());
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let state = tokenizer.sink.state.into_inner();
    if state.dropped_any {
        Cow::Owned(state.out)
    } else {
        Cow::Borrowed(html)
    }
}

/// How many `<` open a tag name: at least as many as the start tags.
fn start_tags(html: &str) -> usize {
    let bytes = html.as_bytes();
    memchr::memchr_iter(b'<', bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic))
        .count()
}

#[derive(Debug, Default)]
struct Rewriter {
    state: RefCell<State>,
}

#[derive(Debug, Default)]
struct State {
    out: String,
    /// Names of the elements open, innermost last, at most [`MAX_ELEMENT_DEPTH`].
    open: Vec<String>,
    /// Start tags dropped, by name, not yet matched by an end tag.
    dropped: HashMap<String, usize>,
    dropped_any: bool,
    /// Inside a script or other element whose content is read as text.
    in_raw: bool,
}

/// Elements that never hold other elements.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements whose content the tokenizer must read as text, as the tree builder would tell it.
fn raw_kind(name: &str) -> Option<RawKind> {
    match name {
        "script" => Some(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(RawKind::Rawtext),
        "textarea" | "title" => Some(RawKind::Rcdata),
        _ => None,
    }
}

impl State {
    fn start(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name = tag.name.to_string();
        let raw = raw_kind(&name);
        let leaf = is_void(&name) || tag.self_closing;
        if !leaf && raw.is_none() {
            if self.open.len() >= MAX_ELEMENT_DEPTH {
                *self.dropped.entry(name).or_default() += 1;
                self.dropped_any = true;
                return TokenSinkResult::Continue;
            }
            self.open.push(name.clone());
        }
        self.write_tag(tag, &name);
        match raw {
            Some(kind) if !tag.self_closing => {
                self.in_raw = true;
                TokenSinkResult::RawData(kind)
            }
            _ => TokenSinkResult::Continue,
        }
    }

    fn end(&mut self, tag: &Tag) {
        self.in_raw = false;
        let name = tag.name.to_string();
        if let Some(count) = self.dropped.get_mut(&name)
            && *count > 0
        {
            *count -= 1;
            return;
        }
        if let Some(at) = self.open.iter().rposition(|open| *open == name) {
            self.open.truncate(at);
        }
        self.write_tag(tag, &name);
    }

    fn write_tag(&mut self, tag: &Tag, name: &str) {
        self.out.push('<');
        if tag.kind == TagKind::EndTag {
            self.out.push('/');
        }
        self.out.push_str(name);
        for attr in &tag.attrs {
            self.out.push(' ');
            self.out.push_str(&attr.name.local);
            self.out.push_str("=\"");
            escape(&attr.value, true, &mut self.out);
            self.out.push('"');
        }
        if tag.self_closing {
            self.out.push_str(" /");
        }
        self.out.push('>');
    }
}

fn escape(text: &str, in_attribute: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' if !in_attribute => out.push_str("&lt;"),
            '>' if !in_attribute => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

impl TokenSink for Rewriter {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => return state.start(&tag),
            Token::TagToken(tag) => state.end(&tag),
            Token::CharacterTokens(text) => {
                // Raw text (a script's) goes back as it came: the tree builder reads it raw too.
                if state.in_raw {
                    state.out.push_str(&text);
                } else {
                    escape(&text, false, &mut state.out);
                }
            }
            Token::CommentToken(_)
            | Token::DoctypeToken(_)
            | Token::NullCharacterToken
            | Token::EOFToken
            | Token::ParseError(_) => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_html_is_untouched() {
        let html = "<p>a <b>b</b> &amp; c</p>".repeat(100);
        assert!(matches!(bound_nesting(&html), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_at_the_bound_and_keeps_text() {
        let n = MAX_ELEMENT_DEPTH * 5;
        let html = format!(
            "{}深 &lt;x&gt;{}<p>after</p>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let bounded = bound_nesting(&html);
        assert_eq!(bounded.matches("<div>").count(), MAX_ELEMENT_DEPTH);
        assert_eq!(bounded.matches("</div>").count(), MAX_ELEMENT_DEPTH);
        assert!(bounded.contains("深 &lt;x&gt;") && bounded.ends_with("<p>after</p>"));
    }

    #[test]
    fn script_text_stays_inside_its_element() {
        let n = MAX_ELEMENT_DEPTH + 10;
        let html = format!("{}<script>if (a<b) x()</script>", "<div>".repeat(n));
        let bounded = bound_nesting(&html);
        assert!(
            bounded.contains("<script>if (a<b) x()</script>"),
            "{bounded}"
        );
    }
}
