//! The incremental search: front-matter matches computed at once (narrowed as the query
//! grows), body matches asked of a background search, and matches inside the open article.
//! Part of [`App`]'s one writer; no input or output here.

use super::{App, EARLIER_QUERIES_KEPT, Effect};

impl App {
    pub(super) fn search_changed(&mut self) -> Option<Effect> {
        self.search.generation += 1;
        self.search.body_hits = vec![false; self.posts.len()];
        let terms = brief_core::store::SearchTerms::parse(&self.search.input);
        // The text terms, one per line: what `field_hits` answers.
        let query = terms.text.join("\n");
        let before: Vec<&str> = self.search.matched_query.lines().collect();
        // Every earlier term inside a term now: no post that failed before can match now.
        let grew = !before.is_empty()
            && before
                .iter()
                .all(|old| terms.text.iter().any(|new| new.contains(old)));
        // Backspace returns to a query answered a moment ago.
        let earlier = self.search.earlier.iter().position(|(q, _)| *q == query);
        let hits = if let Some(at) = earlier {
            self.search.earlier.remove(at).1
        } else {
            let previous = grew.then_some(self.search.field_hits.as_slice());
            self.index.fields_matching_all(&terms.text, previous)
        };
        self.search.tag_terms = terms.tags.clone();
        let previous = std::mem::replace(&mut self.search.field_hits, hits);
        let previous_query = std::mem::replace(&mut self.search.matched_query, query);
        if !previous_query.is_empty() {
            self.search.earlier.push((previous_query, previous));
            if self.search.earlier.len() > EARLIER_QUERIES_KEPT {
                self.search.earlier.remove(0);
            }
        }
        self.search.bodies_done = false;
        self.recompute_view();
        self.find_article_matches();
        // The preview follows the selection, which the search may have moved.
        let load = self.request_article();
        if terms.text.is_empty() {
            self.search.bodies_done = true;
            return super::both(load, Some(Effect::CancelSearch));
        }
        let paths = self.index.paths.clone();
        super::both(
            load,
            Some(Effect::SearchBodies {
                generation: self.search.generation,
                query: self.search.input.clone(),
                paths,
            }),
        )
    }

    pub(super) fn drop_search(&mut self) -> Option<Effect> {
        let had_query = !self.search.input.is_empty();
        self.search.input.clear();
        self.search.cursor = 0;
        self.search.recalled = None;
        self.search.editing = false;
        self.search.generation += 1;
        self.search.body_hits = vec![false; self.posts.len()];
        self.search.field_hits.clear();
        self.search.matched_query.clear();
        self.search.tag_terms.clear();
        self.search.earlier.clear();
        self.recompute_view();
        self.find_article_matches();
        had_query.then_some(Effect::CancelSearch)
    }

    pub(super) fn find_article_matches(&mut self) {
        // Prepared once for every line: a Chinese or ASCII query then needs no lower-casing
        // of a 3 MB article's lines on each key.
        let needles: Vec<brief_core::store::Needle> =
            brief_core::store::SearchTerms::parse(&self.search.input)
                .text
                .iter()
                .map(|t| brief_core::store::Needle::new(t))
                .collect();
        if let Some(view) = self.article.as_mut() {
            view.matches = match (&view.article, needles.is_empty()) {
                (Some(article), false) => article
                    .lines
                    .iter()
                    .enumerate()
                    .filter(|(_, line)| {
                        let line = line.plain();
                        needles.iter().any(|n| n.found_in(&line))
                    })
                    .map(|(i, _)| i)
                    .collect(),
                _ => Vec::new(),
            };
        }
    }

    pub(super) fn jump_to_match(&mut self, forward: bool) {
        let words = self.words();
        let max = self.max_article_scroll();
        let Some(view) = self.article.as_mut() else {
            return;
        };
        if view.matches.is_empty() {
            self.status = Some(if self.search.input.is_empty() {
                words.msg_no_search.into()
            } else {
                words.msg_no_match.into()
            });
            return;
        }
        let target = if forward {
            view.matches
                .iter()
                .copied()
                .find(|&m| m > view.scroll)
                .unwrap_or(view.matches[0])
        } else {
            view.matches
                .iter()
                .copied()
                .rev()
                .find(|&m| m < view.scroll)
                .unwrap_or(*view.matches.last().unwrap_or(&0))
        };
        view.scroll = target.min(max);
        let number = view.matches.iter().position(|&m| m == target).unwrap_or(0) + 1;
        let total = view.matches.len();
        self.status = Some(brief_i18n::fill(
            words.msg_match,
            &[("n", &number), ("total", &total)],
        ));
    }
}
