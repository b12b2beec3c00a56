//! What goes before each line of a block: quote bars, list bullets and numbers, code indents,
//! and the indents under them, each with its width, kept without allocating for the usual
//! shallow nesting.
//!
//! Knows nothing of inline content or wrapping.

use super::Prefix;
use crate::render::{Role, Style};
use brief_text::display_width;
use std::borrow::Cow;

/// Bullets for unordered lists, by depth.
pub(super) const BULLETS: [&str; 3] = ["• ", "◦ ", "▪ "];
pub(super) const QUOTE_MARKER: &str = "│ ";
pub(super) const CODE_INDENT: &str = "  ";
/// The display width of each of the markers above (the tests check it).
pub(super) const MARKER_WIDTH: usize = 2;

/// One span of a prefix (a quote's bar, a list's bullet, the indent under them), with its
/// width. Most are constant text.
#[derive(Debug, Clone)]
pub(super) struct Mark {
    pub(super) text: Cow<'static, str>,
    pub(super) style: Style,
    pub(super) width: usize,
}

impl Mark {
    const NONE: Self = Self {
        text: Cow::Borrowed(""),
        style: Style {
            role: Role::Plain,
            strong: false,
            emphasis: false,
            strike: false,
            link: None,
        },
        width: 0,
    };

    pub(super) fn new(text: impl Into<Cow<'static, str>>, style: Style) -> Self {
        let text = text.into();
        let width = display_width(&text);
        Self { text, style, width }
    }

    /// One of the constant markers, [`MARKER_WIDTH`] wide.
    pub(super) fn fixed(text: &'static str, style: Style) -> Self {
        Self {
            text: Cow::Borrowed(text),
            style,
            width: MARKER_WIDTH,
        }
    }

    /// `width` spaces.
    pub(super) fn indent(width: usize, style: Style) -> Self {
        const SPACES: &str = "                                ";
        let text = match SPACES.get(..width) {
            Some(spaces) => Cow::Borrowed(spaces),
            None => Cow::Owned(" ".repeat(width)),
        };
        Self { text, style, width }
    }
}

pub(super) fn marks_width(marks: &[Mark]) -> usize {
    marks.iter().map(|m| m.width).sum()
}

/// The marks of a prefix: a few kept in place, more in a vector.
#[derive(Debug, Clone)]
pub(super) struct Marks {
    len: usize,
    few: [Mark; Marks::FEW],
    more: Vec<Mark>,
}

impl Default for Marks {
    fn default() -> Self {
        Self {
            len: 0,
            few: [const { Mark::NONE }; Marks::FEW],
            more: Vec::new(),
        }
    }
}

impl Marks {
    const FEW: usize = 4;

    /// `marks`, then `last`.
    pub(super) fn with(marks: &[Mark], last: Mark) -> Self {
        let len = marks.len() + 1;
        let mut new = Self {
            len,
            ..Self::default()
        };
        if len <= Self::FEW {
            new.few[..marks.len()].clone_from_slice(marks);
            new.few[marks.len()] = last;
        } else {
            new.more.reserve_exact(len);
            new.more.extend_from_slice(marks);
            new.more.push(last);
        }
        new
    }

    pub(super) fn as_slice(&self) -> &[Mark] {
        if self.len <= Self::FEW {
            &self.few[..self.len]
        } else {
            &self.more
        }
    }
}

impl Prefix {
    pub(super) fn current(&self) -> &[Mark] {
        if self.used {
            self.rest.as_slice()
        } else {
            self.first.as_slice()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_as_wide_as_said() {
        for marker in BULLETS.into_iter().chain([QUOTE_MARKER, CODE_INDENT]) {
            assert_eq!(display_width(marker), MARKER_WIDTH, "{marker:?}");
            assert_eq!(
                brief_text::display_width(marker),
                MARKER_WIDTH,
                "{marker:?}"
            );
        }
    }
}
