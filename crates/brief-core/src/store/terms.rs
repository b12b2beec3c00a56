//! A search as typed, split into terms that must all match, in any order: words separated by
//! spaces, a `"quoted phrase"` as one term, and `#tag` for posts carrying that tag.
//!
//! This module must not depend on the terminal, `app` or `ui`.

use super::tags::tag_key;

/// The terms of a search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchTerms {
    /// Text every post must contain, lower-cased.
    pub text: Vec<String>,
    /// Tag keys every post must carry.
    pub tags: Vec<String>,
}

impl SearchTerms {
    /// Splits `input`: whitespace separates terms, double quotes (straight or curly) keep a
    /// phrase together, a term starting with `#` is a tag. An unclosed quote runs to the end.
    pub fn parse(input: &str) -> Self {
        let mut terms = SearchTerms::default();
        let mut current = String::new();
        let mut quoted = false;
        let mut was_quoted = false;
        let finish = |current: &mut String, was_quoted: bool, terms: &mut SearchTerms| {
            let term = std::mem::take(current);
            let term = if was_quoted {
                term
            } else {
                term.trim().to_string()
            };
            if term.trim().is_empty() {
                return;
            }
            match term.strip_prefix('#').or_else(|| term.strip_prefix('＃')) {
                Some(tag) if !was_quoted && !tag.is_empty() => terms.tags.push(tag_key(tag)),
                _ => terms.text.push(term.to_lowercase()),
            }
        };
        for c in input.chars() {
            match c {
                '"' | '“' | '”' => {
                    if quoted {
                        finish(&mut current, true, &mut terms);
                        quoted = false;
                    } else {
                        finish(&mut current, was_quoted, &mut terms);
                        quoted = true;
                    }
                    was_quoted = quoted;
                }
                c if c.is_whitespace() && !quoted => {
                    finish(&mut current, false, &mut terms);
                    was_quoted = false;
                }
                c => current.push(c),
            }
        }
        finish(&mut current, was_quoted, &mut terms);
        terms
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.tags.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_phrases_and_tags() {
        let terms = SearchTerms::parse("  云计算 AI \"Smaller Models\" #ai");
        assert_eq!(terms.text, ["云计算", "ai", "smaller models"]);
        assert_eq!(terms.tags, [tag_key("ai")]);
        assert_eq!(SearchTerms::parse("“生成式 AI”").text, ["生成式 ai"]);
        assert_eq!(
            SearchTerms::parse("\"unclosed phrase").text,
            ["unclosed phrase"]
        );
        assert_eq!(
            SearchTerms::parse("\"#ai\"").text,
            ["#ai"],
            "a quoted # is text"
        );
        assert_eq!(SearchTerms::parse("# 云").text, ["#", "云"]);
        assert!(SearchTerms::parse("   ").is_empty());
    }
}
