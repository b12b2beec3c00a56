//! A JSON array on stdout, as `list --json` and `stories --json` print it: indented for a
//! person at a terminal, compact for a program reading a pipe. Compact elements are
//! serialised on every core in chunks and written in order, through a few buffers reused round
//! after round, so a large output is never all in memory at once. Characters serde_json
//! leaves raw (C1 controls, bidi formatting, line separators) are escaped; a closed pipe
//! (`| head`) ends quietly.
//!
//! Part of `cli`: it knows nothing of posts or stories, only of the elements it is given.

use super::CliError;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, IsTerminal, Write};

/// Whether the JSON is for a person (stdout is a terminal) rather than a program.
pub(super) fn pretty() -> bool {
    io::stdout().is_terminal()
}

/// A path as JSON text: borrowed when it is UTF-8 (checked the fast way), else with
/// replacement characters.
pub(super) fn path_text(path: &std::path::Path) -> std::borrow::Cow<'_, str> {
    path.to_str()
        .map_or_else(|| path.to_string_lossy(), std::borrow::Cow::Borrowed)
}

/// Elements to a chunk for small elements, such as a post's fields.
pub(super) const CHUNK: usize = 512;

/// Writes `element(item)` for every item, as one array and a line end; compact output is
/// made `chunk` elements at a time on each core (fewer for larger elements).
pub(super) fn write_array<T: Sync, J: Serialize>(
    pretty: bool,
    items: &[T],
    chunk: usize,
    element: impl Fn(&T) -> J + Sync,
) -> Result<(), CliError> {
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let written = if pretty {
        let array: Vec<J> = items.iter().map(&element).collect();
        serde_json::to_vec_pretty(&array)
            .map_err(io::Error::from)
            .and_then(|json| out.write_all(&brief_text::escape_json_hazards(&json)))
    } else {
        write_compact(&mut out, items, chunk.max(1), &element)
    };
    super::quiet_on_closed_pipe(
        written
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush()),
    )
}

fn write_compact<T: Sync, J: Serialize>(
    out: &mut impl Write,
    items: &[T],
    chunk: usize,
    element: &(impl Fn(&T) -> J + Sync),
) -> io::Result<()> {
    let mut buffers: Vec<Vec<u8>> = vec![Vec::new(); 2 * rayon::current_num_threads()];
    let mut separator: &[u8] = b"";
    out.write_all(b"[")?;
    for round in items.chunks(chunk * buffers.len()) {
        buffers
            .par_iter_mut()
            .zip(round.par_chunks(chunk))
            .try_for_each(|(buffer, chunk)| {
                buffer.clear();
                for item in chunk {
                    buffer.push(b',');
                    serde_json::to_writer(&mut *buffer, &element(item))?;
                }
                Ok::<(), serde_json::Error>(())
            })?;
        for buffer in buffers.iter().take(round.len().div_ceil(chunk)) {
            // Every element is preceded by a comma; the very first one's is dropped.
            out.write_all(separator)?;
            out.write_all(&brief_text::escape_json_hazards(&buffer[1..]))?;
            separator = b",";
        }
    }
    out.write_all(b"]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Element {
        path: String,
        title: String,
        tags: Vec<String>,
    }

    /// Rounds of buffers written in order give exactly serde_json's own array, at the edges of
    /// a chunk and of a round too.
    #[test]
    fn the_compact_array_is_serde_jsons_own_over_many_rounds() {
        for (count, chunk) in [0, 1, 511, 512, 513, 5000]
            .into_iter()
            .flat_map(|count| [(count, CHUNK), (count, 1), (count, 7)])
        {
            let items: Vec<usize> = (0..count).collect();
            let element = |&i: &usize| Element {
                path: format!("posts/{i}.md"),
                title: format!("简报 \"{i}\""),
                tags: vec![format!("tag{}", i % 7)],
            };
            let mut written = Vec::new();
            write_compact(&mut written, &items, chunk, &element).unwrap();
            let expected: Vec<Element> = items.iter().map(element).collect();
            assert_eq!(
                String::from_utf8(written).unwrap(),
                serde_json::to_string(&expected).unwrap(),
                "{count} elements, {chunk} to a chunk"
            );
        }
    }

    #[test]
    fn hazards_serde_json_leaves_raw_are_escaped() {
        let items = ["a\u{202e}b\u{9b}c".to_string()];
        let mut written = Vec::new();
        write_compact(&mut written, &items, CHUNK, &|s: &String| s.clone()).unwrap();
        let text = String::from_utf8(written).unwrap();
        assert_eq!(text, "[\"a\\u202eb\\u009bc\"]");
    }
}
