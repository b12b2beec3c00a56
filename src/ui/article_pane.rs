//! The article pane: the visible slice of the rendered lines, search matches highlighted, and
//! a "line N/M" indicator. Lines were wrapped once by `render`; nothing is wrapped here.
//! When the settings say so, links are OSC 8 hyperlinks (see [`super::hyperlink`]).

use super::{Theme, hyperlink, pane_block, put};
use crate::app::App;
use brief_core::render;
use brief_i18n::fill;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

pub struct ArticlePane<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
    pub focused: bool,
}

impl Widget for ArticlePane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let view = app.article.as_ref();
        let article = app.rendered_article();
        let total = article.map_or(0, |a| a.lines.len());
        let scroll = view.map_or(0, |v| v.scroll);
        let words = app.settings.language.catalog();
        let mut block = pane_block(words.pane_article, self.focused, self.theme, area.width);
        if total > 0 && area.width > 16 {
            let last = (scroll + usize::from(area.height.saturating_sub(2))).min(total);
            let line = last.max(1);
            let indicator = format!(
                " {} ",
                fill(words.article_line, &[("line", &line), ("total", &total)])
            );
            block = block.title_bottom(Line::styled(indicator, self.theme.dim).right_aligned());
        }
        let inner = block.inner(area);
        block.render(area, buf);
        let width = usize::from(inner.width);
        if width == 0 || inner.height == 0 {
            return;
        }
        let Some(article) = article else {
            let message = match view {
                Some(v) => v.error.clone().unwrap_or_else(|| words.loading.into()),
                None if app.view.is_empty() => String::new(),
                None => words.article_hint.into(),
            };
            put(buf, inner.x, inner.y, &message, width, self.theme.dim);
            return;
        };
        let query: Vec<char> = app
            .search
            .input
            .chars()
            .flat_map(char::to_lowercase)
            .collect();
        let links = app.settings.hyperlinks.then_some(article.links.as_slice());
        for (row, line) in article
            .visible(scroll, usize::from(inner.height))
            .iter()
            .enumerate()
        {
            let y = inner.y + row as u16;
            draw_line(buf, (inner.x, y), width, line, self.theme, &query, links);
        }
        // A quiet "seen 02-12" at the right of a repeated story's heading, where it fits.
        let height = usize::from(inner.height);
        for (line, mark) in app.story_seen_marks(scroll, height) {
            let mark_width = brief_text::display_width(&mark);
            let used = article.lines.get(line).map_or(width, render::Line::width);
            if used + 2 + mark_width <= width {
                let x = inner.x + (width - mark_width) as u16;
                let y = inner.y + (line - scroll) as u16;
                put(buf, x, y, &mark, mark_width, self.theme.dim);
            }
        }
    }
}

/// Draws one rendered line, spans in their theme styles, search matches highlighted; with
/// `links`, the text of each link is an OSC 8 hyperlink to it.
fn draw_line(
    buf: &mut Buffer,
    (x, y): (u16, u16),
    width: usize,
    line: &render::Line,
    theme: &Theme,
    query: &[char],
    links: Option<&[render::Link]>,
) {
    let highlighted = match_mask(line, query);
    let mut pen = Pen { x, y, left: width };
    let mut char_index = 0;
    for span in &line.spans {
        let from = pen.x;
        draw_span(buf, &mut pen, span, theme, &highlighted, &mut char_index);
        let Some(links) = links else { continue };
        let link = span
            .style
            .link
            .and_then(|i| Some((i, links.get(i as usize)?)));
        if let Some(open) = link.and_then(|(i, link)| hyperlink::opener(i, &link.url)) {
            hyperlink::link_cells(buf, y, from, pen.x, &open);
        }
    }
}

/// Draws one span at the pen, search matches highlighted; `char_index` counts the line's
/// characters drawn so far.
fn draw_span(
    buf: &mut Buffer,
    pen: &mut Pen,
    span: &render::Span,
    theme: &Theme,
    highlighted: &[bool],
    char_index: &mut usize,
) {
    let style = theme.article_style(span.style);
    // With ASCII borders the header's rule is ASCII too, as wide as before.
    if theme.ascii_borders && span.style.role == render::Role::Rule {
        pen.write(buf, &span.text.replace('─', "-"), style);
        *char_index += span.text.chars().count();
        return;
    }
    if highlighted.is_empty() {
        pen.write(buf, &span.text, style);
        return;
    }
    // Split the span where highlighting starts and stops.
    let mut piece = String::new();
    let mut piece_lit = false;
    for c in span.text.chars() {
        let lit = highlighted.get(*char_index).copied().unwrap_or(false);
        if lit != piece_lit && !piece.is_empty() {
            pen.write(
                buf,
                &piece,
                if piece_lit { theme.search_match } else { style },
            );
            piece.clear();
        }
        piece_lit = lit;
        piece.push(c);
        *char_index += 1;
    }
    pen.write(
        buf,
        &piece,
        if piece_lit { theme.search_match } else { style },
    );
}

/// Where the next piece of a line goes, and how many columns are left.
struct Pen {
    x: u16,
    y: u16,
    left: usize,
}

impl Pen {
    fn write(&mut self, buf: &mut Buffer, text: &str, style: ratatui::style::Style) {
        if text.is_empty() || self.left == 0 {
            return;
        }
        let used = put(buf, self.x, self.y, text, self.left, style);
        self.x += used as u16;
        self.left = self.left.saturating_sub(used);
    }
}

/// One flag per `char` of the line: inside a case-insensitive match of `query`. Empty when
/// nothing matches.
pub fn match_mask(line: &render::Line, query: &[char]) -> Vec<bool> {
    if query.is_empty() {
        return Vec::new();
    }
    let lowered: Vec<char> = line
        .spans
        .iter()
        .flat_map(|s| s.text.chars())
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect();
    let mut mask = vec![false; lowered.len()];
    let mut any = false;
    if lowered.len() >= query.len() {
        for start in 0..=lowered.len() - query.len() {
            if lowered[start..start + query.len()] == *query {
                mask[start..start + query.len()]
                    .iter_mut()
                    .for_each(|m| *m = true);
                any = true;
            }
        }
    }
    if any { mask } else { Vec::new() }
}
