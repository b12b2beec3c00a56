//! Tables: columns sized by display width, cells wrapped when the table is wider than the
//! screen, borders drawn with box-drawing (or ASCII) characters. A table that cannot be drawn
//! without cutting its words (too many or too wide columns for the width) is shown stacked
//! instead: one `heading：value` line per cell, rows separated by a rule.

use super::doc::{Align, Table};
use super::layout::Layout;
use super::{Role, Span, Style, TableBorders};
use brief_text::display_width;
use brief_text::linebreak::{Piece, min_unbroken_width, wrap_pieces};

/// The characters a table is drawn with.
#[derive(Debug, Clone, Copy)]
struct Borders {
    horizontal: &'static str,
    vertical: &'static str,
    /// Left, middle and right joints of the top, separator and bottom rules.
    top: [&'static str; 3],
    middle: [&'static str; 3],
    bottom: [&'static str; 3],
}

const BOX: Borders = Borders {
    horizontal: "─",
    vertical: "│",
    top: ["┌", "┬", "┐"],
    middle: ["├", "┼", "┤"],
    bottom: ["└", "┴", "┘"],
};

const ASCII: Borders = Borders {
    horizontal: "-",
    vertical: "|",
    top: ["+", "+", "+"],
    middle: ["+", "+", "+"],
    bottom: ["+", "+", "+"],
};

type Cells = Vec<Vec<Piece<Style>>>;

impl Layout {
    /// The lines of a table, each at most `width` columns.
    pub fn table(&mut self, table: &Table, width: usize, base: Style) -> Vec<Vec<Span>> {
        let header_style = Style {
            role: Role::TableHeader,
            strong: true,
            ..base
        };
        let columns = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        if columns == 0 {
            return Vec::new();
        }
        // Pieces first, cell by cell in reading order, so links are numbered in that order.
        let rows: Vec<(bool, Cells)> = table
            .rows
            .iter()
            .map(|row| {
                let style = if row.header { header_style } else { base };
                let cells: Cells = row
                    .cells
                    .iter()
                    .map(|cell| self.pieces(cell, style, width))
                    .collect();
                (row.header, cells)
            })
            .collect();
        let borders = match self.borders {
            TableBorders::Box => BOX,
            TableBorders::Ascii => ASCII,
        };
        let overhead = 3 * columns + 1;
        if width < overhead + 2 * columns {
            // Short rows are not padded here: one wide row and many short ones would
            // otherwise make rows x columns empty cells out of a small input.
            return stacked(&rows, width, header_style, borders);
        }
        // Drawn, the table has at most a fifth of the width in columns: padding is bounded.
        let mut rows = rows;
        for (_, cells) in &mut rows {
            cells.resize_with(columns, Vec::new);
        }
        let natural: Vec<usize> = (0..columns)
            .map(|c| {
                rows.iter()
                    .map(|(_, cells)| natural_width(&cells[c]))
                    .max()
                    .unwrap_or(0)
                    .max(1)
            })
            .collect();
        let available = width - overhead;
        let minimum: Vec<usize> = if natural.iter().sum::<usize>() <= available {
            natural.clone()
        } else {
            (0..columns)
                .map(|c| {
                    rows.iter()
                        .map(|(_, cells)| min_unbroken_width(&cells[c]))
                        .max()
                        .unwrap_or(0)
                        .max(1)
                })
                .collect()
        };
        if minimum.iter().sum::<usize>() > available {
            // Drawn, the table would have to cut its words: stacked reads better.
            return stacked(&rows, width, header_style, borders);
        }
        let widths = column_widths(&natural, &minimum, width - overhead);
        let border = Style::new(Role::TableBorder);
        let rule = |joints: [&str; 3]| {
            let mut text = joints[0].to_string();
            for (i, w) in widths.iter().enumerate() {
                if i > 0 {
                    text.push_str(joints[1]);
                }
                text.push_str(&borders.horizontal.repeat(w + 2));
            }
            text.push_str(joints[2]);
            vec![Span::new(text, border)]
        };
        let mut lines = vec![rule(borders.top)];
        for (index, (header, cells)) in rows.iter().enumerate() {
            let mut wrapped: Vec<Vec<Vec<Span>>> = cells
                .iter()
                .zip(&widths)
                .map(|(pieces, &w)| self.wrap_cell(pieces, w))
                .collect();
            let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
            for k in 0..height {
                let mut spans = vec![Span::new(borders.vertical, border)];
                for (c, cell) in wrapped.iter_mut().enumerate() {
                    let runs = cell.get_mut(k).map(std::mem::take).unwrap_or_default();
                    let used: usize = runs.iter().map(|r| display_width(&r.text)).sum();
                    let gap = widths[c].saturating_sub(used);
                    let align = table.align.get(c).copied().unwrap_or_default();
                    let (left, right) = match align {
                        Align::Left => (0, gap),
                        Align::Right => (gap, 0),
                        Align::Center => (gap / 2, gap - gap / 2),
                    };
                    spans.push(Span::new(" ".repeat(left + 1), base));
                    spans.extend(runs);
                    spans.push(Span::new(" ".repeat(right + 1), base));
                    spans.push(Span::new(borders.vertical, border));
                }
                lines.push(spans);
            }
            let next_is_body = rows.get(index + 1).is_some_and(|(h, _)| !h);
            if *header && next_is_body {
                lines.push(rule(borders.middle));
            }
        }
        lines.push(rule(borders.bottom));
        lines
    }
}

/// The widest line of a cell if it were not wrapped.
fn natural_width(pieces: &[Piece<Style>]) -> usize {
    let mut widest = 0;
    let mut current = 0;
    for piece in pieces {
        let mut parts = piece.text.split('\n');
        if let Some(first) = parts.next() {
            current += display_width(first);
        }
        for part in parts {
            widest = widest.max(current);
            current = display_width(part);
        }
    }
    widest.max(current)
}

/// Shares `available` columns. When every column fits whole, each gets its natural width.
/// Else, when every column can have its widest word, each gets that and the rest is shared in
/// proportion to how much more each would like. Else words must be cut anyway: a column that
/// needs no more than an even share gets what it needs, and the others split the rest evenly.
/// With `available >= 2 * natural.len()` every column gets at least two (a wide character fits).
fn column_widths(natural: &[usize], minimum: &[usize], available: usize) -> Vec<usize> {
    let natural_sum: usize = natural.iter().sum();
    if natural_sum <= available {
        return natural.to_vec();
    }
    let minimum: Vec<usize> = minimum
        .iter()
        .zip(natural)
        .map(|(m, n)| (*m).clamp(2.min(*n), *n))
        .collect();
    let minimum_sum: usize = minimum.iter().sum();
    if minimum_sum <= available {
        let extra = available - minimum_sum;
        let wants: Vec<usize> = natural.iter().zip(&minimum).map(|(n, m)| n - m).collect();
        let total_wants: usize = wants.iter().sum::<usize>().max(1);
        let mut widths: Vec<usize> = minimum
            .iter()
            .zip(&wants)
            .map(|(m, w)| m + extra * w / total_wants)
            .collect();
        // Hand out what rounding left over, one column at a time, to those still short.
        let mut left = available - widths.iter().sum::<usize>();
        let mut c = 0;
        while left > 0 && c < 4 * widths.len() {
            let i = c % widths.len();
            if widths[i] < natural[i] {
                widths[i] += 1;
                left -= 1;
            }
            c += 1;
        }
        return widths;
    }
    let mut widths = vec![0; natural.len()];
    let mut remaining = available;
    let mut open: Vec<usize> = (0..natural.len()).collect();
    while !open.is_empty() {
        let share = remaining / open.len();
        let (small, big): (Vec<usize>, Vec<usize>) =
            open.iter().partition(|&&c| natural[c] <= share);
        if small.is_empty() {
            break;
        }
        for c in small {
            widths[c] = natural[c];
            remaining -= natural[c];
        }
        open = big;
    }
    if !open.is_empty() {
        let share = remaining / open.len();
        let extra = remaining % open.len();
        for (i, c) in open.into_iter().enumerate() {
            widths[c] = share + usize::from(i < extra);
        }
    }
    widths
}

/// A table too wide to draw: each body cell on its own lines, labelled with its column's
/// heading, and a rule between rows.
fn stacked(
    rows: &[(bool, Cells)],
    width: usize,
    header_style: Style,
    borders: Borders,
) -> Vec<Vec<Span>> {
    let labels: Vec<String> = rows
        .iter()
        .find(|(header, _)| *header)
        .map(|(_, cells)| {
            cells
                .iter()
                .map(|pieces| {
                    pieces
                        .iter()
                        .map(|p| p.text.as_str())
                        .collect::<String>()
                        .replace('\n', " ")
                })
                .collect()
        })
        .unwrap_or_default();
    let has_body = rows.iter().any(|(header, _)| !header);
    let separator = vec![Span::new(
        borders.horizontal.repeat(width),
        Style::new(Role::TableBorder),
    )];
    let mut lines = Vec::new();
    for (header, cells) in rows {
        if *header && has_body {
            continue;
        }
        if !lines.is_empty() {
            lines.push(separator.clone());
        }
        for (c, pieces) in cells.iter().enumerate() {
            if pieces.iter().all(|p| p.text.trim().is_empty()) {
                continue;
            }
            let mut all = Vec::with_capacity(pieces.len() + 1);
            if let Some(label) = labels.get(c).filter(|l| !l.trim().is_empty() && !header) {
                all.push(Piece::new(format!("{}：", label.trim()), header_style));
            }
            all.extend(pieces.iter().cloned());
            for line in wrap_pieces(&all, width, width) {
                lines.push(
                    line.into_iter()
                        .map(|r| Span::new(r.text, r.style))
                        .collect(),
                );
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_get_what_they_need_when_it_fits() {
        assert_eq!(column_widths(&[3, 10, 4], &[3, 5, 4], 40), [3, 10, 4]);
    }

    #[test]
    fn wide_columns_share_the_rest() {
        assert_eq!(column_widths(&[3, 50, 40], &[3, 20, 20], 30), [3, 14, 13]);
        assert_eq!(column_widths(&[100, 100], &[50, 50], 5), [3, 2]);
    }

    #[test]
    fn words_are_kept_whole_when_they_can_be() {
        let widths = column_widths(&[11, 11, 33], &[6, 7, 14], 30);
        assert_eq!(widths.iter().sum::<usize>(), 30);
        assert!(
            widths[0] >= 6 && widths[1] >= 7 && widths[2] >= 14,
            "{widths:?}"
        );
    }
}
