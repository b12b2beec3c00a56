//! One file to a [`Post`] with its problems: read (only the start, for listing, unless its
//! body is wanted too), decode, split off and parse the front matter, apply the fallbacks.

use super::{BodyVisit, LoadOptions, LoadedPost};
use crate::store::decode::{Decoded, NotText, decode};
use crate::store::diagnostic::{Diagnostic, DiagnosticKind, tenths_of_mib};
use crate::store::fields::{FrontText, apply_fallbacks, apply_front_matter};
use crate::store::front_matter::{self, split};
use crate::store::hash::fnv1a;
use crate::store::post::{FrontMatterState, Post};
use brief_text::sanitize_block;
use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// A file found by walking a folder, read only as far as its fields need. A `README` without
/// front matter is a folder's description, not a post, and is left out; so is an `.html`
/// page of a `_posts` folder without front matter (Jekyll would not publish it).
///
/// With `bodies`, the file is read whole and its post handed over with its body, exactly as
/// [`read_body`] would give it; the post itself is the one a short read gives.
pub(super) fn load_listed_file(
    path: &Path,
    options: &LoadOptions,
    bodies: Option<BodyVisit<'_>>,
) -> Listed {
    let (result, stamp) = load_fields_visiting(path, options, Found::Walking, bodies);
    let result = result.map(|fields| listed_post(path, fields));
    if let (Some(visit), Ok(Some(fields))) = (bodies, &result)
        && let Some(body) = &fields.whole_body
    {
        visit(&fields.loaded.post, body);
    }
    let result = result.map(|fields| fields.map(|listed| listed.loaded));
    Listed { result, stamp }
}

/// What listing one file gave, and the size and modification time (as in [`Post::size`] and
/// [`Post::modified`]) it had when it was read: `None` when it could not be opened.
pub(super) struct Listed {
    pub(super) result: Result<Option<LoadedPost>, Diagnostic>,
    pub(super) stamp: Option<(u64, i64)>,
}

/// How a file about to be read was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Found {
    /// By the folder walk, as a regular file a moment ago: it is opened without a look first.
    Walking,
    /// Named by a caller, its kind unknown: nothing but a regular file is opened.
    Named,
}

/// `fields`, unless it is a folder's description rather than a post.
fn listed_post(path: &Path, fields: Fields) -> Option<Fields> {
    let is_readme = path
        .file_stem()
        .is_some_and(|s| s.eq_ignore_ascii_case("readme"))
        || crate::store::discover::is_posts_folder_page(path);
    if is_readme && fields.loaded.post.front_matter == FrontMatterState::Missing {
        return None;
    }
    Some(fields)
}

/// Loads one file with its body. `Err` is a file that is not a post at all (unreadable,
/// binary, empty, too large); every other problem is in [`LoadedPost::diagnostics`].
pub fn load_file(path: &Path, options: &LoadOptions) -> Result<LoadedPost, Diagnostic> {
    let file = read_file(path, options, usize::MAX, Found::Named)?;
    let decoded = decode_file(path, &file.bytes, file.complete)?;
    let (post, body_line, diagnostics) = parse_post(path, &decoded, &file);
    let body = sanitize_block(split(&decoded.text).body).into_owned();
    Ok(LoadedPost {
        post,
        body,
        body_line,
        diagnostics,
    })
}

/// How much of a file listing reads: any ordinary front matter, and the start of the body,
/// where a missing title's heading and the body's format are found.
const FIELDS_READ_BYTES: usize = 4 * 1024;
/// How much of the body after the front matter listing looks at.
pub(super) const BODY_SAMPLE_BYTES: usize = 1024;

/// Like [`load_file`] but reads and decodes only the start of the file, so listing a large
/// folder costs about one short read per file. The body in the result is empty. With it, the
/// file's size and modification time when it was opened (`None` when it was not).
#[cfg(test)]
pub(super) fn load_fields(
    path: &Path,
    options: &LoadOptions,
    found: Found,
) -> (Result<LoadedPost, Diagnostic>, Option<(u64, i64)>) {
    let (result, stamp) = load_fields_visiting(path, options, found, None);
    (result.map(|fields| fields.loaded), stamp)
}

/// A listed post, and its whole body when one was asked for and the file decodes whole.
pub(super) struct Fields {
    loaded: LoadedPost,
    whole_body: Option<String>,
}

/// [`load_fields`], reading the whole file when `bodies` is given, to hand its body over too.
/// The post is made from the same start of the file either way, so that it never depends on
/// whether bodies were wanted.
fn load_fields_visiting(
    path: &Path,
    options: &LoadOptions,
    found: Found,
    bodies: Option<BodyVisit<'_>>,
) -> (Result<Fields, Diagnostic>, Option<(u64, i64)>) {
    let limit = if bodies.is_some() {
        usize::MAX
    } else {
        FIELDS_READ_BYTES
    };
    let file = match read_file(path, options, limit, found) {
        Ok(file) => file,
        Err(diagnostic) => return (Err(diagnostic), None),
    };
    let stamp = Some((file.size, file.modified));
    let listed = |decoded: &Decoded<'_>, whole_body: Option<String>| {
        let (post, body_line, diagnostics) = parse_post(path, decoded, &file);
        Fields {
            loaded: LoadedPost {
                post,
                body: String::new(),
                body_line,
                diagnostics,
            },
            whole_body,
        }
    };
    let body_of = |decoded: &Decoded<'_>| sanitize_block(split(&decoded.text).body).into_owned();
    let start_len = file.bytes.len().min(FIELDS_READ_BYTES);
    let start_complete = file.complete && file.bytes.len() <= FIELDS_READ_BYTES;
    let Some(needed) = fields_prefix_len(&file.bytes[..start_len]) else {
        let whole = if bodies.is_some() {
            // Read whole already: what `load_file` would give, from these bytes.
            decode_file(path, &file.bytes, file.complete)
                .map(|decoded| listed(&decoded, Some(body_of(&decoded))))
        } else {
            load_file(path, options).map(|loaded| Fields {
                loaded: LoadedPost {
                    body: String::new(),
                    ..loaded
                },
                whole_body: None,
            })
        };
        return (whole, stamp);
    };
    let (prefix, prefix_complete) = if needed < start_len {
        (&file.bytes[..needed], false)
    } else {
        (&file.bytes[..start_len], start_complete)
    };
    let result = decode_file(path, prefix, prefix_complete).map(|decoded| {
        let whole_body = bodies
            .and_then(|_| decode_file(path, &file.bytes, file.complete).ok())
            .map(|whole| body_of(&whole));
        listed(&decoded, whole_body)
    });
    (result, stamp)
}

/// The length of the front matter plus a body sample, when `bytes` hold the closing fence (or
/// no front matter starts). Fences are ASCII, so this works on UTF-8 bytes before decoding;
/// other encodings give `None` and are read whole.
pub(super) fn fields_prefix_len(bytes: &[u8]) -> Option<usize> {
    let start = if bytes.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    let first_end = bytes[start..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| start + i);
    let fence = bytes[start..first_end].trim_ascii_end();
    if fence != b"---" && fence != b"+++" {
        return Some(BODY_SAMPLE_BYTES);
    }
    let mut offset = first_end + 1;
    while offset < bytes.len() {
        let end = bytes[offset..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| offset + i);
        let line = bytes[offset..end].trim_ascii_end();
        if line == fence || (fence == b"---" && line == b"...") {
            return (end < bytes.len()).then_some(end + 1 + BODY_SAMPLE_BYTES);
        }
        offset = end + 1;
    }
    None
}

/// The start of a body that listing reads: [`BODY_SAMPLE_BYTES`], cut at a character boundary.
fn body_sample(body: &str) -> &str {
    let mut end = body.len().min(BODY_SAMPLE_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[..end]
}

fn decode_file<'a>(
    path: &Path,
    bytes: &'a [u8],
    complete: bool,
) -> Result<Decoded<'a>, Diagnostic> {
    decode(bytes, complete).map_err(|reason| match reason {
        NotText::Empty => Diagnostic::warning(path, None, DiagnosticKind::Empty),
        NotText::Binary => Diagnostic::error(path, None, DiagnosticKind::Binary),
    })
}

/// A post's fields from its decoded text, with the body's first line and every problem found.
fn parse_post(
    path: &Path,
    decoded: &Decoded<'_>,
    file: &FileStart,
) -> (Post, usize, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if let Some(encoding) = decoded.decoded_from {
        diagnostics.push(Diagnostic::warning(
            path,
            None,
            DiagnosticKind::DecodedAs(encoding.to_string()),
        ));
    }
    let parts = split(&decoded.text);
    let mut post = Post {
        path: path.to_path_buf(),
        decoded_from: decoded.decoded_from.map(str::to_string),
        size: file.size,
        modified: file.modified,
        ..Post::default()
    };
    match parts.front {
        None => {
            post.front_matter = FrontMatterState::Missing;
            diagnostics.push(Diagnostic::warning(
                path,
                Some(1),
                DiagnosticKind::NoFrontMatter,
            ));
        }
        Some(block) => {
            if block.headless {
                diagnostics.push(Diagnostic::warning(path, Some(1), DiagnosticKind::Headless));
            }
            let front = FrontText {
                text: block.text,
                first_line: block.first_line,
            };
            match front_matter::parse(&block) {
                Ok(map) => {
                    let mut warnings = Vec::new();
                    apply_front_matter(&mut post, map, front, &mut warnings);
                    diagnostics.extend(warnings.into_iter().map(|w| Diagnostic {
                        path: path.to_path_buf(),
                        ..w
                    }));
                }
                Err(error) => {
                    post.front_matter = FrontMatterState::Broken;
                    diagnostics.push(Diagnostic::error(path, error.line, error.kind));
                    salvage(&mut post, front);
                }
            }
        }
    }
    // Listing reads only this much of the body, so a full load looks no further: the two
    // must give a post the same title and format.
    apply_fallbacks(&mut post, body_sample(parts.body), path);
    crate::store::fields::note_fallback_date(&post, &mut diagnostics);
    let front_text = parts.front.map_or("", |f| f.text);
    post.content_hash = fnv1a(
        front_text
            .as_bytes()
            .iter()
            .chain(&file.size.to_le_bytes())
            .copied(),
    );
    (post, parts.body_line, diagnostics)
}

/// Reads a post's body again from disk, for rendering or full-text search.
/// The same body as [`load_file`] gives, without parsing the front matter again.
pub fn read_body(post: &Post) -> Result<String, Diagnostic> {
    let file = read_file(
        &post.path,
        &LoadOptions::default(),
        usize::MAX,
        Found::Named,
    )?;
    let decoded = decode_file(&post.path, &file.bytes, file.complete)?;
    Ok(sanitize_block(split(&decoded.text).body).into_owned())
}

fn salvage(post: &mut Post, front: FrontText<'_>) {
    let mut ignored = Vec::new();
    let fields: Vec<(String, crate::store::value::FrontValue)> = ["title", "date"]
        .iter()
        .filter_map(|key| {
            front
                .salvage(key)
                .map(|v| (key.to_string(), crate::store::value::FrontValue::String(v)))
        })
        .collect();
    apply_front_matter(post, fields, front, &mut ignored);
}

/// The first bytes of a file (all of it when `limit` allows) and its size.
pub(super) struct FileStart {
    pub(super) bytes: Vec<u8>,
    size: u64,
    modified: i64,
    pub(super) complete: bool,
}

pub(super) fn read_file(
    path: &Path,
    options: &LoadOptions,
    limit: usize,
    found: Found,
) -> Result<FileStart, Diagnostic> {
    let unreadable =
        |e: io::Error| Diagnostic::error(path, None, DiagnosticKind::CannotRead(e.to_string()));
    // Only a regular file is read: opening a FIFO the usual way waits for a writer, forever.
    let opened = match found {
        Found::Walking => crate::bounded_read::open_seen_regular(path, u64::MAX),
        Found::Named => crate::bounded_read::open_regular(path, u64::MAX),
    };
    let file = match opened {
        Ok(Some((file, _))) => file,
        Ok(None) => return Err(unreadable(io::ErrorKind::NotFound.into())),
        Err(refused) => return Err(Diagnostic::error(path, None, refused.into())),
    };
    let meta = file.metadata().map_err(unreadable)?;
    let size = meta.len();
    let modified = modified_nanos(&meta);
    if size > options.max_file_bytes {
        return Err(Diagnostic::error(
            path,
            None,
            DiagnosticKind::TooLarge {
                size_tenths_mib: tenths_of_mib(size),
                limit_mib: options.max_file_bytes / 1048576,
            },
        ));
    }
    let size_now = usize::try_from(size).unwrap_or(usize::MAX);
    let wanted = size_now.min(limit);
    // A file that fits is read to the size just stated, without the extra read that finds
    // the end; a longer one is read one byte past what is wanted, to know that it goes on.
    let mut bytes = Vec::with_capacity(wanted + 1);
    let asked = if size_now <= limit {
        wanted
    } else {
        wanted + 1
    };
    (&file)
        .take(asked as u64)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    let complete = bytes.len() <= wanted;
    bytes.truncate(wanted);
    Ok(FileStart {
        bytes,
        size,
        modified,
        complete,
    })
}

/// A file's modification time in nanoseconds since the epoch; 0 when the system has none.
pub fn modified_nanos(meta: &fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}
