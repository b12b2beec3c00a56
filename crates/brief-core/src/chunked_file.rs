//! The layout both caches share: a header (the format's version, what the file belongs to, and
//! each chunk's length and CRC-32), then the chunks, each a `Vec` of [`Entry`]s encoded on its
//! own with `postcard`: a key and the file's size and time in the open, the value encoded
//! apart, so that only the lookup that wants a value decodes it. Loading checks and decodes the chunks on every core; a chunk that fails its
//! checksum is dropped alone, and its entries are made again. The file is replaced atomically
//! but not synced (losing a cache costs one rebuild), and read only as a regular file of at most
//! [`DECODE_LIMIT`] bytes.
//!
//! Depends on `bounded_read` and `atomic_file` only; it knows nothing of what values hold.

use crate::bounded_read::{Refused, read_regular};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::io;
use std::path::Path;

/// The largest file read: a million posts take a few hundred MiB, and offsets into what is
/// read fit in 32 bits.
pub const DECODE_LIMIT: u64 = 1 << 30;

/// Entries per chunk: enough chunks for every core, few enough that each is worth a task.
pub const ENTRIES_PER_CHUNK: usize = 4096;

/// The start of the file. `owner` says what the file is for (a folder, a set of folders): a
/// file of another owner is ignored whole.
#[derive(Debug, Serialize, Deserialize)]
pub struct Header<O> {
    pub version: u32,
    pub owner: O,
    pub chunk_lengths: Vec<u64>,
    /// CRC-32 of each chunk's bytes.
    pub chunk_sums: Vec<u32>,
}

/// One chunk's bytes, not yet checked.
#[derive(Debug, Clone, Copy)]
pub struct Chunk<'b> {
    bytes: &'b [u8],
    sum: u32,
}

impl<'b> Chunk<'b> {
    /// The chunk's bytes when they match their checksum.
    fn checked(&self) -> Option<&'b [u8]> {
        (crc32fast::hash(self.bytes) == self.sum).then_some(self.bytes)
    }

    /// `keep` of each of the chunk's entries with where it lies in `file` (the bytes the
    /// chunk was found in), when the chunk matches its checksum and decodes.
    pub fn entries<T>(
        &self,
        file: &'b [u8],
        mut keep: impl FnMut(Entry<'b>, Slot) -> T,
    ) -> Option<Vec<T>> {
        postcard::from_bytes::<Vec<Entry<'b>>>(self.checked()?)
            .ok()?
            .into_iter()
            .map(|entry| {
                let slot = Slot {
                    size: entry.size,
                    modified: entry.modified,
                    key: place_in(file, entry.key.as_bytes())?,
                    value: place_in(file, entry.value)?,
                };
                Some(keep(entry, slot))
            })
            .collect()
    }
}

/// One entry as the file holds it: its key (a post's path) and the size and modification time
/// of the file it was made from, in the open; its value encoded apart.
#[derive(Debug, Serialize, Deserialize)]
pub struct Entry<'a> {
    pub key: &'a str,
    pub size: u64,
    pub modified: i64,
    pub value: &'a [u8],
}

/// Where an entry read from the file lies in its bytes, with its validity: a few words for an
/// entry whose key and value stay in the file as read.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    pub size: u64,
    pub modified: i64,
    key: (u32, u32),
    value: (u32, u32),
}

impl Slot {
    /// The entry's key, from the bytes it was read from.
    pub fn key<'b>(&self, file: &'b [u8]) -> Option<&'b [u8]> {
        at(file, self.key)
    }

    /// The entry's encoded value, from the bytes it was read from.
    pub fn value<'b>(&self, file: &'b [u8]) -> Option<&'b [u8]> {
        at(file, self.value)
    }
}

/// The whole file, when it is a regular file of at most [`DECODE_LIMIT`] bytes; `Ok(None)`
/// when there is none.
pub fn read(file: &Path) -> Result<Option<Vec<u8>>, Refused> {
    read_regular(file, DECODE_LIMIT)
}

/// The chunks of `bytes`, when its header is of `version` and `owner`; `None` for a file of
/// another version or owner, or one whose header does not decode or whose chunks would run
/// past its end. `postcard` checks every length against the bytes left before it allocates,
/// so a corrupt length is an error, never an allocation that panics.
pub fn chunks<'b, O: DeserializeOwned + PartialEq<Q>, Q: ?Sized>(
    bytes: &'b [u8],
    version: u32,
    owner: &Q,
) -> Option<Vec<Chunk<'b>>> {
    let (header, mut rest) = postcard::take_from_bytes::<Header<O>>(bytes).ok()?;
    if header.version != version
        || header.owner != *owner
        || header.chunk_sums.len() != header.chunk_lengths.len()
    {
        return None;
    }
    let mut chunks = Vec::with_capacity(header.chunk_lengths.len());
    for (&length, &sum) in header.chunk_lengths.iter().zip(&header.chunk_sums) {
        let length = usize::try_from(length).ok().filter(|&l| l <= rest.len())?;
        let (chunk, tail) = rest.split_at(length);
        chunks.push(Chunk { bytes: chunk, sum });
        rest = tail;
    }
    Some(chunks)
}

/// `items` as [`Entry`]s, in chunks of [`ENTRIES_PER_CHUNK`] encoded on every core.
pub fn encode<T: Sync>(
    items: &[T],
    entry: impl Fn(&T) -> Entry<'_> + Sync,
) -> io::Result<Vec<Vec<u8>>> {
    use rayon::prelude::*;
    items
        .par_chunks(ENTRIES_PER_CHUNK)
        .map(|chunk| postcard::to_stdvec(&chunk.iter().map(&entry).collect::<Vec<_>>()))
        .collect::<Result<_, _>>()
        .map_err(io::Error::other)
}

/// Writes the header for `version` and `owner` and then `chunks` as `file` (its folder made
/// if need be), replacing it atomically, not synced.
pub fn write<O: Serialize>(
    file: &Path,
    version: u32,
    owner: O,
    chunks: &[Vec<u8>],
) -> io::Result<()> {
    let header = Header {
        version,
        owner,
        chunk_lengths: chunks.iter().map(|c| c.len() as u64).collect(),
        chunk_sums: chunks.iter().map(|c| crc32fast::hash(c)).collect(),
    };
    let mut bytes = postcard::to_stdvec(&header).map_err(io::Error::other)?;
    bytes.reserve(chunks.iter().map(Vec::len).sum());
    for chunk in chunks {
        bytes.extend_from_slice(chunk);
    }
    std::fs::create_dir_all(file.parent().unwrap_or(Path::new(".")))?;
    crate::atomic_file::replace_unsynced(file, &bytes)
}

/// Where `part`, a slice of `bytes`, lies in it, as 32-bit offsets (`bytes` is at most
/// [`DECODE_LIMIT`] long); `None` for a slice of something else.
fn place_in(bytes: &[u8], part: &[u8]) -> Option<(u32, u32)> {
    let start = (part.as_ptr() as usize).checked_sub(bytes.as_ptr() as usize)?;
    let end = start
        .checked_add(part.len())
        .filter(|&end| end <= bytes.len())?;
    Some((u32::try_from(start).ok()?, u32::try_from(end).ok()?))
}

/// The part of `bytes` at a place [`place_in`] gave.
fn at(bytes: &[u8], (start, end): (u32, u32)) -> Option<&[u8]> {
    bytes.get(start as usize..end as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_come_back_checked_and_a_flipped_byte_fails_only_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub/cache.bin");
        let entries: Vec<u32> = (0..(ENTRIES_PER_CHUNK as u32 * 2 + 5)).collect();
        let items: Vec<(u32, [u8; 4])> = entries.iter().map(|&n| (n, n.to_le_bytes())).collect();
        let chunks = encode(&items, |(n, value)| Entry {
            key: "条目",
            size: u64::from(*n),
            modified: -i64::from(*n),
            value,
        })
        .unwrap();
        assert_eq!(chunks.len(), 3);
        write(&file, 7, "owner".to_string(), &chunks).unwrap();
        let bytes = read(&file).unwrap().unwrap();
        let found = super::chunks::<String, str>(&bytes, 7, "owner").unwrap();
        let decoded: Vec<(Entry<'_>, Slot)> = found
            .iter()
            .flat_map(|c| c.entries(&bytes, |entry, slot| (entry, slot)).unwrap())
            .collect();
        assert_eq!(decoded.len(), entries.len());
        for ((entry, slot), &n) in decoded.iter().zip(&entries) {
            assert_eq!(
                (entry.key, entry.size, entry.modified),
                ("条目", u64::from(n), -i64::from(n))
            );
            assert_eq!(entry.value, n.to_le_bytes());
            assert_eq!((slot.size, slot.modified), (entry.size, entry.modified));
            assert_eq!(slot.key(&bytes), Some("条目".as_bytes()));
            assert_eq!(slot.value(&bytes), Some(&n.to_le_bytes()[..]));
        }
        assert!(
            super::chunks::<String, str>(&bytes, 8, "owner").is_none(),
            "version"
        );
        assert!(
            super::chunks::<String, str>(&bytes, 7, "other").is_none(),
            "owner"
        );
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        let found = super::chunks::<String, str>(&flipped, 7, "owner").unwrap();
        let checked: Vec<bool> = found
            .iter()
            .map(|c| c.entries(&flipped, |_, slot| slot).is_some())
            .collect();
        assert_eq!(checked, [true, true, false]);
        assert!(super::chunks::<String, str>(&bytes[..bytes.len() - 1], 7, "owner").is_none());
    }

    #[test]
    fn a_place_is_found_only_inside_the_bytes() {
        let bytes = b"abcdef".to_vec();
        assert_eq!(place_in(&bytes, &bytes[2..5]), Some((2, 5)));
        assert_eq!(at(&bytes, (2, 5)), Some(&b"cde"[..]));
        assert_eq!(at(&bytes, (5, 9)), None);
        assert_eq!(place_in(&bytes, &bytes[6..]), Some((6, 6)));
        assert_eq!(place_in(&bytes, b"zz"), None);
    }
}
