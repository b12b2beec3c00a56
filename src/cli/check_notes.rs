//! What `brief check` adds to the loader's diagnostics: template tags in bodies that cannot
//! be shown, and one note per folder whose posts all lack front matter (a newsletter archive)
//! instead of one warning per file. Only `check` reads every body for this; listing never does.

use crate::render::template;
use crate::store::{self, Diagnostic, FrontMatterState, Post};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The loader's message for a file without front matter, which a folder note replaces.
const NO_FRONT_MATTER: &str = "no front matter";

/// The messages `check` adds, gathered here for translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckNote {
    /// A template tag whose meaning brief cannot show; it was left out.
    Template(String),
    /// Every post of a folder lacks front matter.
    FolderWithoutFrontMatter(usize),
}

impl std::fmt::Display for CheckNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckNote::Template(tag) => {
                write!(f, "template tag `{tag}` cannot be shown; left out")
            }
            CheckNote::FolderWithoutFrontMatter(count) => write!(
                f,
                "none of the {count} posts in this folder has front matter; titles and dates come from file names and bodies"
            ),
        }
    }
}

/// Adds the template notes of every post and folds per-file "no front matter" warnings of
/// folders where every post lacks it into one note per folder; keeps the order by path, line.
pub fn add_check_notes(posts: &[Post], diagnostics: &mut Vec<Diagnostic>) {
    use rayon::prelude::*;
    let notes: Vec<Diagnostic> = posts
        .par_iter()
        .flat_map_iter(|post| {
            let loaded = store::load_file(&post.path, &store::LoadOptions::default()).ok();
            loaded
                .map(|loaded| {
                    template::uninterpreted(&loaded.body)
                        .into_iter()
                        .map(|note| {
                            Diagnostic::warning(
                                &post.path,
                                Some(loaded.body_line + note.line),
                                CheckNote::Template(note.tag).to_string(),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .collect();
    diagnostics.extend(notes);
    fold_missing_front_matter(posts, diagnostics);
    diagnostics.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
}

fn fold_missing_front_matter(posts: &[Post], diagnostics: &mut Vec<Diagnostic>) {
    // Per folder: posts, and posts without front matter.
    let mut folders: BTreeMap<&Path, (usize, usize)> = BTreeMap::new();
    for post in posts {
        let folder = post.path.parent().unwrap_or(Path::new(""));
        let entry = folders.entry(folder).or_default();
        entry.0 += 1;
        if post.front_matter == FrontMatterState::Missing {
            entry.1 += 1;
        }
    }
    let folded: Vec<(PathBuf, usize)> = folders
        .into_iter()
        .filter(|(_, (all, missing))| *all > 1 && all == missing)
        .map(|(folder, (all, _))| (folder.to_path_buf(), all))
        .collect();
    if folded.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        !(d.message.starts_with(NO_FRONT_MATTER)
            && folded
                .iter()
                .any(|(folder, _)| d.path.parent() == Some(folder.as_path())))
    });
    for (folder, count) in folded {
        diagnostics.push(Diagnostic::warning(
            folder,
            None,
            CheckNote::FolderWithoutFrontMatter(count).to_string(),
        ));
    }
}
