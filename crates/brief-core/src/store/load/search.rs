//! Full-text search in bodies, which needs no parsing.

use super::LoadOptions;
use super::file::{Found, read_file};
use crate::store::decode::decode;
use crate::store::front_matter::split;
use crate::store::query::Needle;
use std::path::Path;

/// Whether a post's body contains `needle`, ignoring case: the full-text search, which needs
/// no parsing. The front matter is left out: its fields are searched as fields, and keys
/// such as `layout: post` would make nearly every post match.
pub fn body_contains(path: &Path, needle: &Needle) -> bool {
    let options = LoadOptions::default();
    let Ok(file) = read_file(path, &options, usize::MAX, Found::Named) else {
        return false;
    };
    decode(&file.bytes, file.complete).is_ok_and(|text| needle.found_in(split(&text.text).body))
}

/// Whether the file at `path` (front matter and body) contains every needle: a post found by
/// several search terms, some in its fields and some in its body.
pub fn file_contains_all(path: &Path, needles: &[Needle]) -> bool {
    let options = LoadOptions::default();
    let Ok(file) = read_file(path, &options, usize::MAX, Found::Named) else {
        return false;
    };
    decode(&file.bytes, file.complete)
        .is_ok_and(|text| needles.iter().all(|needle| needle.found_in(&text.text)))
}
