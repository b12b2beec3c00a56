//! Site-generator templates in a post's body: Jekyll/Liquid tags (`{% … %}`, `{{ … }}`) and
//! Hugo shortcodes (`{{< … >}}`, `{{% … %}}`), turned into what the author meant before the
//! body is parsed. A reader cannot run the site's templates, so:
//!
//! - `highlight`/`codeblock`/`code` blocks become code blocks; `{% raw %}` keeps its text as
//!   written; `{% comment %}` and `{{/* … */}}` hide theirs;
//! - a figure or image shortcode (`{{< figure src=… caption=… >}}`, `{% img … %}`) becomes an
//!   image with its caption; a video, tweet or gist becomes a one-line link to it;
//! - a paired tag or shortcode keeps its inner text; a tag whose meaning is unknown
//!   (`{% include %}`, `{% assign %}`, `{{ site.url }}`) disappears, and a line left empty by
//!   that disappears with it;
//! - a link whose target is a template (`[t]({% post_url x %})`) keeps its text and loses the
//!   link: its target becomes [`TEMPLATE_TARGET`], which the Markdown reader drops.
//!
//! No `{%`, `%}`, `{{` or `}}` of a template is left, and no text around one is lost. Every tag
//! that could not be interpreted is listed with its line, for `brief check`.
//!
//! Inside code (a Markdown code block or span, a `highlight` block) Liquid is what the code
//! shows, as in a Hugo post documenting Go templates, so it is kept; only `{% raw %}` markers
//! are taken out there. Shortcodes are read everywhere, as Hugo reads them.
//!
//! Linear in the body's length: one pulldown-cmark pass to find code, only for a body with
//! templates, and one pass over the text with each tag's end found once.
//!
//! The pass is in `interpreter`; reading a tag's name, arguments and closing tag, and finding
//! the Markdown's code, in `tag`; what a box, an embed or an image becomes, escaped, in
//! `output`. This module works on text only: it must not depend on the store, the layout or
//! anything of the UI.

mod interpreter;
mod output;
mod tag;
#[cfg(test)]
mod tests;

use interpreter::Interpreter;
use std::borrow::Cow;

/// The link target put where a template was: the reader shows such a link's text only.
pub const TEMPLATE_TARGET: &str = "brief-template:";

/// Which syntax block replacements are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Markdown,
    Html,
}

/// A template tag brief could not interpret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uninterpreted {
    /// 0-based line within the body.
    pub line: usize,
    /// The tag as written, shortened.
    pub tag: String,
}

/// The body with its templates interpreted (borrowed when it has none).
pub fn interpret(body: &str, syntax: Syntax) -> Cow<'_, str> {
    if !has_template(body) {
        return Cow::Borrowed(body);
    }
    Cow::Owned(Interpreter::new(body, syntax).run().0)
}

/// Every template tag of `body` that could not be interpreted.
pub fn uninterpreted(body: &str) -> Vec<Uninterpreted> {
    if !has_template(body) {
        return Vec::new();
    }
    Interpreter::new(body, Syntax::Markdown).run().1
}

fn has_template(body: &str) -> bool {
    body.contains("{%") || body.contains("{{")
}
