//! FNV-1a: stable across runs and platforms, unlike std's hasher, so it can name files and
//! identify posts between runs. Depends on nothing.

/// FNV-1a: stable across runs and platforms, unlike std's hasher, so it can name files and
/// identify posts between runs.
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}
