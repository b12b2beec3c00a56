//! The one writer, [`App::update`], and its dispatch: background results first, then the
//! search prompt, an open overlay, and the panes, each handing the action to the file that
//! owns its concern.
//!
//! Part of `app`: no input or output here.

use super::messages::Message;
use super::navigation::movement;
use super::{Action, App, Effect, Focus, Overlay, ViewFilter, ViewMode, both};
use ratatui::layout::Rect;

impl App {
    /// The one writer of the state.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let effect = self.update_state(action);
        self.apply_fold();
        let effect = both(effect, self.request_stories());
        both(effect, self.note_seen_stories())
    }

    fn update_state(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Resize(width, height) => {
                self.size = Rect::new(0, 0, width, height);
                self.keep_list_selection_visible();
                self.keep_tag_cursor_visible();
                return self.request_article();
            }
            Action::PostsLoaded {
                posts,
                diagnostics,
                done,
            } => return self.posts_loaded(posts, diagnostics, done),
            Action::ArticleReady {
                path,
                width,
                article,
            } => {
                if let Some(index) = self.index.position(&path) {
                    self.articles.insert(&self.posts[index], article.clone());
                }
                let current_width = width == self.article_width();
                if let Some(view) = self
                    .article
                    .as_mut()
                    .filter(|v| current_width && v.path == path)
                {
                    view.article = Some(article);
                    view.error = None;
                    let max = self.max_article_scroll();
                    if let Some(view) = self.article.as_mut() {
                        view.scroll = view.scroll.min(max);
                    }
                    self.restore_position();
                    self.find_article_matches();
                }
                return None;
            }
            Action::ArticleFailed { path, message } => {
                if let Some(view) = self.article.as_mut().filter(|v| v.path == path) {
                    view.error = Some(message.clone());
                }
                self.status = Some(message);
                return None;
            }
            Action::SearchHits {
                generation,
                paths,
                done,
            } => {
                if generation == self.search.generation {
                    for path in paths {
                        if let Some(i) = self.index.position(&path) {
                            self.search.body_hits[i] = true;
                        }
                    }
                    self.search.bodies_done = done;
                    self.recompute_view();
                    return self.request_article();
                }
                return None;
            }
            Action::SeenLoaded(seen) => {
                self.story_state.seen = seen;
                if self.view_mode == ViewMode::NewStories {
                    self.recompute_view();
                }
                return None;
            }
            Action::StoriesFound(found) => {
                for (path, stories) in &found {
                    let day = self.index.position(path).and_then(|i| self.posts[i].date);
                    if let Some(day) = day.map(|d| d.day()) {
                        for heading in stories.iter().filter_map(|s| s.heading.as_deref()) {
                            self.story_state.recurring.note(heading, day);
                        }
                    }
                }
                self.story_state.keys_by_post.extend(found);
                if self.view_mode == ViewMode::NewStories {
                    self.recompute_view();
                }
                return None;
            }
            Action::Notify(message) => {
                self.status = Some(message);
                return None;
            }
            Action::MarksLoaded(marks) => {
                // Usually what this process just saved; only another process's changes cost work.
                if marks != self.marks {
                    self.marks = marks;
                    self.index.refresh_marks(&self.marks);
                    self.count_unread();
                    if self.view_mode != ViewMode::All {
                        self.recompute_view();
                    }
                }
                return None;
            }
            Action::PostsChanged {
                updated,
                removed,
                diagnostics,
            } => return self.posts_changed(updated, removed, diagnostics),
            Action::QuitNow => {
                self.quitting = true;
                return both(self.remember_position(), Some(Effect::Quit));
            }
            Action::Suspend => return Some(Effect::Suspend),
            _ => {}
        }
        self.status = None;
        if self.search.editing {
            return self.update_search_prompt(action);
        }
        if let Some(overlay) = self.overlay {
            return self.update_overlay(overlay, action);
        }
        if !Self::keeps_link_count(&action) {
            self.link_count = None;
        }
        if self.ends_finished_count(&action) {
            return None;
        }
        let effect = self.update_panes(action);
        self.release_held_if_left();
        effect
    }

    fn update_search_prompt(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::SearchInput(c) => self.prompt_insert(c),
            Action::SearchBackspace => self.prompt_backspace(),
            Action::SearchEdit(edit) => self.prompt_edit(edit),
            Action::SearchAccept => {
                self.search.editing = false;
                self.focus = Focus::List;
                self.remember_search()
            }
            Action::SearchCancel | Action::Back => self.drop_search(),
            _ => None,
        }
    }

    fn update_panes(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::ToggleHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::FocusTags => {
                self.focus = if self.focus == Focus::Tags {
                    self.focus_before_tags()
                } else {
                    self.tags_opened_from = self.focus;
                    Focus::Tags
                }
            }
            Action::FocusNext => self.cycle_focus(true),
            Action::FocusPrevious => self.cycle_focus(false),
            Action::StartSearch => {
                self.search.editing = true;
                self.search.cursor = self.search.input.chars().count();
                if self.focus == Focus::Tags || !self.is_wide() {
                    self.focus = Focus::List;
                }
            }
            Action::NextTagFilter => return self.step_tag_filter(true),
            Action::PreviousTagFilter => return self.step_tag_filter(false),
            Action::ClearFilters => {
                self.filter = ViewFilter::default();
                // "c clears the filters" means the view too: back to all posts.
                self.view_mode = ViewMode::All;
                self.held = None;
                // Dropping the search rebuilds the list, now without filters.
                return self.drop_search();
            }
            Action::NextMatch if self.search.input.is_empty() => {
                return self.open_unread(true, Message::NoMoreUnread);
            }
            Action::PreviousMatch if self.search.input.is_empty() => {
                return self.open_unread(false, Message::NoEarlierUnread);
            }
            Action::PageDown if self.focus == Focus::Article && self.article_at_end() => {
                return self.page_past_the_end();
            }
            Action::MarkViewRead => return self.mark_view_read(),
            Action::ShowWarnings => self.show_warnings(),
            Action::NextSection if self.focus == Focus::Article => return self.jump_story(true),
            Action::PreviousSection if self.focus == Focus::Article => {
                return self.jump_story(false);
            }
            Action::NextSection => return self.jump_day(true),
            Action::PreviousSection => return self.jump_day(false),
            Action::NextDay => return self.jump_day(true),
            Action::PreviousDay => return self.jump_day(false),
            Action::UndoMarks => return self.undo_marks(),
            Action::NextMatch => self.jump_to_match(true),
            Action::PreviousMatch => self.jump_to_match(false),
            Action::OpenPrimaryLink | Action::OpenSelected if self.link_count.is_some() => {
                let number = self.take_link_count()?;
                return self.open_link_number(number);
            }
            Action::OpenPrimaryLink => return self.open_source_in_view(),
            Action::NextStory => return self.jump_story(true),
            Action::PreviousStory => return self.jump_story(false),
            Action::ShowStoryOutline => self.show_story_outline(),
            Action::ToggleFoldRepeats => return self.toggle_fold(),
            Action::OpenLinkNumber(n) => return self.link_digit(n),
            Action::ShowLinkPicker => self.show_link_picker(),
            Action::CopyLink => return self.copy_link(),
            Action::ToggleRead => return self.toggle_read(),
            Action::ToggleStar => return self.toggle_star(),
            Action::CycleView => return self.cycle_view(),
            Action::Reload => return self.reload(),
            Action::Quit => return self.go_back(true),
            Action::Back => return self.go_back(false),
            Action::ScrollPane(pane, delta) => return self.scroll_pane(pane, delta),
            Action::ClickListRow(row) => return self.click_list_row(row),
            Action::ClickTagRow(row) => return self.click_tag_row(row),
            Action::OpenSelected if self.focus == Focus::Tags => {
                return self.toggle_tag_at_cursor();
            }
            Action::ToggleTagAtCursor if self.focus == Focus::Tags => {
                return self.toggle_tag_at_cursor();
            }
            Action::OpenSelected if self.focus == Focus::List => return self.open_selected(),
            action => {
                if let Some(moved) = movement(&action, self.page_for_focus()) {
                    return self.move_in_focus(moved);
                }
            }
        }
        None
    }
}
