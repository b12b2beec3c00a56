//! What `brief check` adds to the loader's diagnostics, from one parallel pass over every
//! body: template tags that cannot be shown, and nesting deeper than the layout honours
//! (shown flattened); then one note per folder whose posts all lack front matter (a
//! newsletter archive) instead of one warning per file. Only `check` reads every body, and
//! each only once; listing never does.
//!
//! The nesting warning has no line of its own (line 1): the layout does not keep where in
//! the file a block came from, and finding it would take a second parse of the body.

use brief_core::render::{doc, nesting_flattened, template};
use brief_core::store::{self, Diagnostic, DiagnosticKind, FrontMatterState, Loaded, Post};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Adds the body notes of every post (template tags, flattened nesting) and folds per-file
/// "no front matter" warnings of folders where every post lacks it into one note per
/// folder; keeps the order by path, line.
pub fn add_check_notes(loaded: &mut Loaded) {
    use rayon::prelude::*;
    let notes: Vec<Diagnostic> = loaded.posts.par_iter().flat_map_iter(body_notes).collect();
    loaded.diagnostics.extend(notes);
    fold_missing_front_matter(&loaded.posts, &mut loaded.diagnostics);
    loaded
        .diagnostics
        .sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
}

/// The notes about one post's body, read once.
fn body_notes(post: &Post) -> Vec<Diagnostic> {
    let Ok(loaded) = store::load_file(&post.path, &store::LoadOptions::default()) else {
        return Vec::new();
    };
    let mut notes: Vec<Diagnostic> = template::uninterpreted(&loaded.body)
        .into_iter()
        .map(|note| {
            Diagnostic::warning(
                &post.path,
                Some(loaded.body_line + note.line),
                DiagnosticKind::Template(note.tag),
            )
        })
        .collect();
    if nesting_flattened(&loaded.body, post.format) {
        notes.push(Diagnostic::warning(
            &post.path,
            None,
            DiagnosticKind::NestingFlattened(doc::MAX_BLOCK_DEPTH),
        ));
    }
    notes
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
        !(d.kind == DiagnosticKind::NoFrontMatter
            && folded
                .iter()
                .any(|(folder, _)| d.path.parent() == Some(folder.as_path())))
    });
    for (folder, count) in folded {
        diagnostics.push(Diagnostic::warning(
            folder,
            None,
            DiagnosticKind::FolderWithoutFrontMatter(count),
        ));
    }
}
