//! `brief check`'s look at bodies: a post nested deeper than the layout honours is shown
//! flattened there, and check says so. Every body is read and parsed (in parallel), which
//! only `check` does; listing never reads bodies.

use crate::render::{doc, nesting_flattened};
use crate::store::{Diagnostic, Loaded, read_body};
use rayon::prelude::*;

/// Adds a warning for each post whose body nesting is flattened, keeping the problems in
/// file order.
pub fn add_warnings(loaded: &mut Loaded) {
    let warnings: Vec<Diagnostic> = loaded
        .posts
        .par_iter()
        .filter_map(|post| {
            let body = read_body(post).ok()?;
            nesting_flattened(&body, post.format).then(|| {
                Diagnostic::warning(
                    &post.path,
                    None,
                    format!(
                        "nesting deeper than {} levels is shown flattened",
                        doc::MAX_BLOCK_DEPTH
                    ),
                )
            })
        })
        .collect();
    if !warnings.is_empty() {
        loaded.diagnostics.extend(warnings);
        loaded
            .diagnostics
            .sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    }
}
