//! The post list: date, marks, title and tags, one post a row, only the visible rows drawn.

use super::{Theme, fill_row, pane_block, put};
use crate::app::App;
use crate::app::days::{ListRow, day_heading, with_year};
use brief_i18n::{Catalog, fill, localize_date_format};
use brief_text::{display_width, pad_to_width, truncate_to_width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::Widget;

pub struct ListPane<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
    pub focused: bool,
}

impl Widget for ListPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let words = app.settings.language.catalog();
        let title = fill(
            words.pane_posts,
            &[("shown", &app.view.len()), ("total", &app.posts.len())],
        );
        let block = pane_block(&title, self.focused, self.theme, area.width);
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        if app.view.is_empty() {
            let message = if !app.loading.done {
                words.loading
            } else if app.posts.is_empty() {
                words.list_empty
            } else {
                words.list_no_match
            };
            put(
                buf,
                inner.x,
                inner.y,
                message,
                usize::from(inner.width),
                self.theme.dim,
            );
            return;
        }
        let width = usize::from(inner.width);
        let configured = app.settings.date_format.as_str();
        // Grouped by day, the headings carry the dates, with the year; otherwise a list that
        // spans more than one year puts the year before the configured format.
        let format = if app.view_spans_years {
            with_year(configured)
        } else {
            configured.into()
        };
        let format = format.as_ref();
        let full_date_width = app
            .view
            .first()
            .and_then(|&i| app.posts[i].date)
            .map_or(10, |d| display_width(&shown_date(d.day(), format, words)));
        // Grouped by day, the headings carry the dates; otherwise each row has its date, as
        // configured, when it leaves room for a title.
        let date_width = if app.list_by_day() || width < full_date_width + 16 {
            0
        } else {
            full_date_width
        };
        let rows = app
            .list_rows
            .iter()
            .skip(app.list_top)
            .take(usize::from(inner.height));
        for (row, list_row) in rows.enumerate() {
            let y = inner.y + row as u16;
            let position = match *list_row {
                ListRow::Post(position) => position,
                ListRow::Day(day) => {
                    let heading = day_heading(day, configured, app.today, words);
                    put(
                        buf,
                        inner.x,
                        y,
                        &heading,
                        width,
                        self.theme.date.add_modifier(Modifier::BOLD),
                    );
                    continue;
                }
            };
            let index = app.view[position];
            let post = &app.posts[index];
            let mut x = inner.x;
            let mut left = width;
            if date_width > 0 {
                let date = match post.date {
                    Some(d) => shown_date(d.day(), format, words),
                    None => String::new(),
                };
                x += put(
                    buf,
                    x,
                    y,
                    &pad_to_width(&date, date_width),
                    left,
                    self.theme.date,
                ) as u16
                    + 1;
                left = left.saturating_sub(date_width + 1);
            }
            let mark = app.mark_of(index);
            // Unread and starred each have their column, so a starred unread post shows both.
            if left >= 12 {
                let (unread, unread_style) = match mark.read {
                    false => ("●", self.theme.unread),
                    true => (" ", self.theme.dim),
                };
                let (star, star_style) = match mark.starred {
                    true => ("★", self.theme.starred),
                    false => (" ", self.theme.dim),
                };
                x += put(buf, x, y, unread, 1, unread_style) as u16;
                x += put(buf, x, y, star, 1, star_style) as u16 + 1;
                left -= 3;
            }
            let tags = post.tags.join(" ");
            let tags_width = if left >= 40 {
                display_width(&tags).min(left / 3)
            } else {
                0
            };
            let title_width = if tags_width > 0 {
                left - tags_width - 2
            } else {
                left
            };
            // A briefing's stories not yet seen, once the background finder has read it.
            let counts =
                app.story_counts(index)
                    .filter(|&(_, total)| total > 1)
                    .map(|(new, total)| {
                        fill(words.list_new_stories, &[("new", &new), ("total", &total)])
                    });
            let counts_width = counts.as_deref().map_or(0, display_width);
            // The title gives way to the count; the tags keep their column.
            let shown_title_width = if counts_width > 0 && title_width >= counts_width + 16 {
                let cx = x + (title_width - counts_width) as u16;
                put(
                    buf,
                    cx,
                    y,
                    counts.as_deref().unwrap_or(""),
                    counts_width,
                    self.theme.dim,
                );
                title_width - counts_width - 1
            } else {
                title_width
            };
            put(
                buf,
                x,
                y,
                &pad_to_width(&post.title, shown_title_width),
                shown_title_width,
                // Unread posts stand out whatever their star.
                if mark.read {
                    ratatui::style::Style::new()
                } else {
                    ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::BOLD)
                },
            );
            if tags_width > 0 {
                let tx = x + title_width as u16 + 2;
                put(
                    buf,
                    tx,
                    y,
                    &truncate_to_width(&tags, tags_width),
                    tags_width,
                    self.theme.tag,
                );
            }
            if position == app.selected {
                let style = if self.focused {
                    self.theme.selected
                } else {
                    self.theme.selected_unfocused
                };
                fill_row(buf, inner, y, style);
            }
        }
    }
}

/// `date` in the config's `date_format`, with weekday and month names in the interface
/// language.
fn shown_date(date: jiff::civil::Date, format: &str, words: &Catalog) -> String {
    date.strftime(&localize_date_format(format, date, words))
        .to_string()
}

#[cfg(test)]
mod tests {
    use crate::app::{Action, App};
    use crate::ui::Theme;
    use brief_core::store::Post;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;

    #[test]
    fn a_briefing_row_shows_its_new_stories_and_keeps_its_tags() {
        let mut app = App::new("posts".into(), Rect::new(0, 0, 80, 24));
        app.update(Action::Resize(80, 24));
        let post = Post {
            path: "posts/a.md".into(),
            title: "简报".into(),
            tags: vec!["云计算".into()],
            ..Post::default()
        };
        app.update(Action::PostsLoaded {
            posts: vec![post],
            diagnostics: Vec::new(),
            done: true,
        });
        let keys = [vec!["u:a".to_string()], vec!["u:b".to_string()], Vec::new()]
            .map(|keys| brief_core::stories::seen::FoundKeys {
                keys,
                heading: None,
            })
            .to_vec();
        app.update(Action::StoriesFound(vec![("posts/a.md".into(), keys)]));
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|frame| crate::ui::draw(frame, &app, &Theme::monochrome()))
            .unwrap();
        let buffer = terminal.backend().buffer();
        // Below the day heading.
        let row: String = (0..80).map(|x| buffer[(x, 2)].symbol()).collect();
        assert!(row.contains("3/3 new"), "{row}");
        // A wide character's second cell reads as a blank.
        assert!(row.replace(' ', "").contains("云计算"), "{row}");
    }
}
