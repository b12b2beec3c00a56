//! Which posts are in view: the tag filter, the search over front-matter fields, and the tag
//! pane's rows.

use brief_core::store::{TagIndex, TagKind, tag_key};

/// Selected tags and categories; a post must carry all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewFilter {
    /// (kind, key, name as shown).
    selected: Vec<(TagKind, String, String)>,
}

impl ViewFilter {
    pub fn toggle(&mut self, kind: TagKind, name: &str) {
        let key = tag_key(name);
        if let Some(at) = self
            .selected
            .iter()
            .position(|(k, existing, _)| *k == kind && *existing == key)
        {
            self.selected.remove(at);
        } else {
            self.selected.push((kind, key, name.to_string()));
        }
    }

    pub fn is_selected(&self, kind: TagKind, name: &str) -> bool {
        let key = tag_key(name);
        self.selected
            .iter()
            .any(|(k, existing, _)| *k == kind && *existing == key)
    }

    pub fn is_empty(&self) -> bool {
        self.selected.is_empty()
    }

    /// The names of the selected tags, in the order chosen.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.selected.iter().map(|(_, _, name)| name.as_str())
    }

    /// The (kind, key) of every selected tag.
    pub fn keys(&self) -> impl Iterator<Item = (TagKind, &str)> {
        self.selected
            .iter()
            .map(|(kind, key, _)| (*kind, key.as_str()))
    }

    /// The filter's one tag, when it has exactly one.
    pub fn single(&self) -> Option<(TagKind, &str)> {
        match self.selected.as_slice() {
            [(kind, key, _)] => Some((*kind, key.as_str())),
            _ => None,
        }
    }
}

/// A row of the tag pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagRow {
    /// The heading of a group.
    Heading(TagKind),
    /// An entry of [`TagIndex::entries`].
    Tag(usize),
}

/// Tags first, then categories, each most used first, under a heading.
pub fn tag_rows(index: &TagIndex) -> Vec<TagRow> {
    let mut rows = Vec::with_capacity(index.entries.len() + 2);
    for kind in [TagKind::Tag, TagKind::Category] {
        let members: Vec<usize> = (0..index.entries.len())
            .filter(|&i| index.entries[i].kind == kind)
            .collect();
        if !members.is_empty() {
            rows.push(TagRow::Heading(kind));
            rows.extend(members.into_iter().map(TagRow::Tag));
        }
    }
    rows
}
