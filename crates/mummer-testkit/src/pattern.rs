//! Deterministic body bytes.
//!
//! The byte at absolute offset `i` depends only on `i % 251` ([`PERIOD`]). 251 is prime, so the
//! pattern never lines up with power-of-two buffer or frame sizes: a body shifted, duplicated or
//! truncated at any usual boundary fails verification. Generation is a `memcpy` from a
//! precomputed table, so servers can produce GiB bodies at memory speed, and [`chunk`] hands out
//! zero-copy [`Bytes`] slices of that table.

use std::sync::LazyLock;

use bytes::Bytes;

/// Period of the pattern in bytes.
pub const PERIOD: usize = 251;

/// Largest length [`chunk`] returns in one piece.
pub const MAX_CHUNK: usize = 256 * 1024;

/// Whole periods covering any `MAX_CHUNK` window starting anywhere inside the first period.
const TABLE_LEN: usize = (MAX_CHUNK / PERIOD + 2) * PERIOD;

static TABLE: LazyLock<Bytes> = LazyLock::new(|| {
    let table: Vec<u8> = (0..TABLE_LEN).map(|i| byte_at(i as u64)).collect();
    Bytes::from(table)
});

/// The pattern byte at absolute offset `offset`.
///
/// A quadratic in `offset % 251` mixes the values so neighbouring bytes differ irregularly
/// (a plain counter would hide off-by-one shifts of 256).
pub fn byte_at(offset: u64) -> u8 {
    let j = offset % PERIOD as u64;
    ((j * j * 7 + j * 13 + 0x5a) % 256) as u8
}

/// Fills `buf` with the pattern bytes for absolute offsets `offset..offset + buf.len()`.
pub fn fill(offset: u64, buf: &mut [u8]) {
    let table = &TABLE[..];
    let mut start = (offset % PERIOD as u64) as usize;
    let mut rest = buf;
    while !rest.is_empty() {
        // The table is a whole number of periods, so wrapping to index 0 keeps the phase.
        let n = rest.len().min(TABLE_LEN - start);
        let (head, tail) = rest.split_at_mut(n);
        head.copy_from_slice(&table[start..start + n]);
        rest = tail;
        start = 0;
    }
}

/// Returns the pattern bytes for absolute offsets `offset..offset + len`.
pub fn bytes(offset: u64, len: usize) -> Vec<u8> {
    let mut v = vec![0u8; len];
    fill(offset, &mut v);
    v
}

/// Zero-copy pattern bytes for `offset..offset + min(len, MAX_CHUNK)`.
pub fn chunk(offset: u64, len: usize) -> Bytes {
    let start = (offset % PERIOD as u64) as usize;
    TABLE.slice(start..start + len.min(MAX_CHUNK))
}

/// Checks that `buf` holds the pattern bytes starting at absolute offset `offset`.
///
/// Returns the absolute offset of the first wrong byte, if any.
pub fn verify(offset: u64, buf: &[u8]) -> Result<(), u64> {
    let mut pos = 0usize;
    while pos < buf.len() {
        let expect = chunk(offset + pos as u64, buf.len() - pos);
        let got = &buf[pos..pos + expect.len()];
        if got != &expect[..] {
            let bad = got
                .iter()
                .zip(expect.iter())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            return Err(offset + (pos + bad) as u64);
        }
        pos += expect.len();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_is_consistent_across_offsets_and_splits() {
        let whole = bytes(0, 3 * MAX_CHUNK + 1234);
        for (i, b) in whole.iter().enumerate().take(5000) {
            assert_eq!(*b, byte_at(i as u64));
        }
        for &offset in &[0u64, 1, 250, 251, 252, 65_535, 65_536, 262_143, 700_001] {
            for &len in &[0usize, 1, 7, 251, 4096, MAX_CHUNK + 17] {
                let end = offset as usize + len;
                if end > whole.len() {
                    continue;
                }
                assert_eq!(bytes(offset, len), &whole[offset as usize..end]);
                assert_eq!(
                    chunk(offset, len)[..],
                    whole[offset as usize..end.min(offset as usize + MAX_CHUNK)]
                );
            }
        }
        // Filling in arbitrary pieces gives the same bytes as one fill.
        let mut pieces = vec![0u8; whole.len()];
        let mut off = 0usize;
        for step in [1usize, 250, 251, 9999, 65_536, 300_000].iter().cycle() {
            if off >= pieces.len() {
                break;
            }
            let end = (off + step).min(pieces.len());
            fill(off as u64, &mut pieces[off..end]);
            off = end;
        }
        assert_eq!(pieces, whole);
        assert_eq!(verify(0, &whole), Ok(()));
        let mut broken = whole.clone();
        broken[400_000] ^= 1;
        assert_eq!(verify(0, &broken), Err(400_000));
        assert_eq!(verify(5, &whole[5..]), Ok(()));
        assert!(verify(6, &whole[5..]).is_err());
    }

    #[test]
    fn huge_offsets_work() {
        let off = 5 * 1024 * 1024 * 1024u64 + 3;
        let b = bytes(off, 1000);
        for (i, x) in b.iter().enumerate() {
            assert_eq!(*x, byte_at(off + i as u64));
        }
    }
}
