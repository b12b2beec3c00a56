//! Where each pane goes for a terminal size: side by side from [`WIDE_MIN_COLUMNS`], else
//! list and article taking turns at full width with the tag pane as an overlay. Pure geometry,
//! shared by drawing, paging and mouse hit-testing so all three agree.

use ratatui::layout::Rect;

/// From this many columns the three panes stand side by side.
pub const WIDE_MIN_COLUMNS: u16 = 100;
/// Columns of the tag pane when it stands beside the others.
const TAG_PANE_COLUMNS: u16 = 24;

/// The screen's areas for one frame. A pane that is not shown has no area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub tags: Option<Rect>,
    pub list: Option<Rect>,
    pub article: Option<Rect>,
    pub status: Rect,
}

/// What the layout depends on besides the size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutInput {
    /// The article, not the list, fills a narrow screen.
    pub article_in_front: bool,
    /// The tag pane is open (as an overlay on narrow screens).
    pub tags_open: bool,
    /// A configured maximum width for the article's text, if any.
    pub article_max_columns: Option<u16>,
}

pub fn is_wide(size: Rect) -> bool {
    size.width >= WIDE_MIN_COLUMNS
}

pub fn compute(size: Rect, input: LayoutInput) -> Areas {
    let body_height = size.height.saturating_sub(1);
    let status = Rect {
        x: size.x,
        y: size.y + body_height,
        width: size.width,
        height: size.height.min(1),
    };
    let body = Rect {
        height: body_height,
        ..size
    };
    if is_wide(size) {
        let tags = Rect {
            width: TAG_PANE_COLUMNS,
            ..body
        };
        let rest_width = body.width - TAG_PANE_COLUMNS;
        let list_width = rest_width * 2 / 5;
        let list = Rect {
            x: body.x + TAG_PANE_COLUMNS,
            width: list_width,
            ..body
        };
        let article = Rect {
            x: list.x + list_width,
            width: rest_width - list_width,
            ..body
        };
        return Areas {
            tags: Some(tags),
            list: Some(list),
            article: Some(article),
            status,
        };
    }
    let (list, article) = if input.article_in_front {
        (None, Some(body))
    } else {
        (Some(body), None)
    };
    let tags = input.tags_open.then(|| overlay_rect(body));
    Areas {
        tags,
        list,
        article,
        status,
    }
}

/// The tag overlay on a narrow screen: most of the body, from the left edge.
fn overlay_rect(body: Rect) -> Rect {
    let width = body
        .width
        .min(TAG_PANE_COLUMNS.max(body.width * 3 / 5))
        .max(body.width.min(12));
    Rect { width, ..body }
}

/// A centred box for overlays such as help and the link picker.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Rows of text the key help shows at once: its box is centred on the whole screen, as tall
/// as its lines and borders allow (see `ui/overlays`).
pub fn help_rows(screen: Rect, lines: usize) -> usize {
    // The box leaves the status bar visible.
    let above_status = screen.height.saturating_sub(1).max(1);
    let box_height = (lines + 2).min(usize::from(above_status));
    box_height.saturating_sub(2).max(1)
}

/// The inside of a bordered pane.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x + 1.min(area.width),
        y: area.y + 1.min(area.height),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INPUT: LayoutInput = LayoutInput {
        article_in_front: false,
        tags_open: false,
        article_max_columns: None,
    };

    #[test]
    fn wide_screens_show_three_panes_that_tile_the_width() {
        let a = compute(Rect::new(0, 0, 120, 40), INPUT);
        let (t, l, r) = (a.tags.unwrap(), a.list.unwrap(), a.article.unwrap());
        assert_eq!(t.width + l.width + r.width, 120);
        assert_eq!(r.x + r.width, 120);
        assert_eq!(a.status, Rect::new(0, 39, 120, 1));
    }

    #[test]
    fn narrow_screens_take_turns() {
        let a = compute(Rect::new(0, 0, 80, 24), INPUT);
        assert!(a.list.is_some() && a.article.is_none() && a.tags.is_none());
        let b = compute(
            Rect::new(0, 0, 80, 24),
            LayoutInput {
                article_in_front: true,
                tags_open: true,
                ..INPUT
            },
        );
        assert!(b.list.is_none() && b.article.is_some() && b.tags.is_some());
    }

    #[test]
    fn tiny_sizes_do_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (20, 5), (5, 20)] {
            let a = compute(
                Rect::new(0, 0, w, h),
                LayoutInput {
                    tags_open: true,
                    ..INPUT
                },
            );
            assert!(a.status.height <= 1);
            let _ = inner(a.tags.unwrap_or_default());
        }
    }
}
