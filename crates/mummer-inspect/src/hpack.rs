//! A small HPACK (RFC 7541) decoder, plus the Huffman coder it needs.
//!
//! Scope: decoding the header blocks a *client* sends, and reporting *how*
//! each field was encoded (indexed, literal with or without indexing,
//! Huffman or raw), because browsers differ in those choices and a
//! fingerprinting server can see them. Encoding header blocks is out of
//! scope; [`huffman_encode`] exists so tests and tools can build inputs.
//!
//! The Huffman code of RFC 7541 Appendix B is canonical (codes are assigned
//! in order of length, then symbol), so only each symbol's code length is
//! written down here and the codes are derived at compile time.

use std::collections::VecDeque;

use serde::Serialize;

/// SETTINGS_HEADER_TABLE_SIZE before any SETTINGS frame (RFC 7540 §6.5.2).
pub const DEFAULT_TABLE_SIZE: usize = 4096;

/// Why a header block could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HpackError {
    /// The block ends inside a representation.
    #[error("header block truncated")]
    Truncated,
    /// An integer does not fit in the range a decoder must accept.
    #[error("integer overflow")]
    IntegerOverflow,
    /// Index 0, or an index past the end of the static + dynamic table.
    #[error("invalid table index {0}")]
    InvalidIndex(usize),
    /// A Huffman string contains EOS, bad padding, or an incomplete code.
    #[error("invalid Huffman string")]
    InvalidHuffman,
    /// A dynamic table size update above the allowed maximum, or after the
    /// first field of a block.
    #[error("invalid dynamic table size update {0}")]
    InvalidSizeUpdate(usize),
}

/// How a field was represented in the block (RFC 7541 §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Representation {
    /// Indexed header field: the whole field came from a table.
    Indexed,
    /// Literal with incremental indexing: added to the dynamic table.
    Incremental,
    /// Literal without indexing.
    WithoutIndexing,
    /// Literal never indexed (sensitive values).
    NeverIndexed,
}

/// One decoded header field and how it was encoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeaderField {
    /// Field name (lossy UTF-8; HTTP/2 names are lowercase ASCII).
    pub name: String,
    /// Field value (lossy UTF-8).
    pub value: String,
    /// Representation kind.
    pub representation: Representation,
    /// For literals: whether the name came from a table index.
    pub name_indexed: bool,
    /// For literals: whether the value string was Huffman-coded.
    pub value_huffman: bool,
}

impl HeaderField {
    /// Short encoding label: `indexed`, or `<kind>:<name-idx|name-lit>:<huff|raw>`
    /// with kind `inc`, `noidx` or `never` — the notation capture servers use.
    pub fn repr(&self) -> String {
        let kind = match self.representation {
            Representation::Indexed => return "indexed".to_owned(),
            Representation::Incremental => "inc",
            Representation::WithoutIndexing => "noidx",
            Representation::NeverIndexed => "never",
        };
        let name = if self.name_indexed {
            "name-idx"
        } else {
            "name-lit"
        };
        let value = if self.value_huffman { "huff" } else { "raw" };
        format!("{kind}:{name}:{value}")
    }
}

/// The result of decoding one header block.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct DecodedBlock {
    /// Dynamic table size updates at the start of the block, in order.
    pub size_updates: Vec<usize>,
    /// Fields in block order.
    pub fields: Vec<HeaderField>,
}

/// HPACK decoder with its dynamic table. One per connection direction: the
/// table carries over from block to block.
#[derive(Debug, Clone)]
pub struct Decoder {
    /// Newest entry first, as HPACK indexes it.
    table: VecDeque<(Vec<u8>, Vec<u8>)>,
    size: usize,
    max_size: usize,
    /// The largest size the peer may switch to (the server's
    /// SETTINGS_HEADER_TABLE_SIZE).
    ceiling: usize,
}

impl Default for Decoder {
    fn default() -> Self {
        Self::new(DEFAULT_TABLE_SIZE)
    }
}

impl Decoder {
    /// A decoder whose table starts at, and may not grow past, `max_size`
    /// (the SETTINGS_HEADER_TABLE_SIZE the server advertised).
    pub fn new(max_size: usize) -> Self {
        Self {
            table: VecDeque::new(),
            size: 0,
            max_size,
            ceiling: max_size,
        }
    }

    /// Current dynamic table size in HPACK units (bytes + 32 per entry).
    pub fn table_size(&self) -> usize {
        self.size
    }

    /// Decodes one complete header block (HEADERS + CONTINUATION payloads
    /// joined), updating the dynamic table.
    pub fn decode(&mut self, block: &[u8]) -> Result<DecodedBlock, HpackError> {
        let mut out = DecodedBlock::default();
        let mut pos = 0;
        while pos < block.len() {
            let b = block[pos];
            if b & 0x80 != 0 {
                let index = decode_int(block, &mut pos, 7)?;
                let (name, value) = self.lookup(index)?;
                out.fields
                    .push(field(&name, &value, Representation::Indexed, false, false));
            } else if b & 0xc0 == 0x40 {
                let f = self.literal(block, &mut pos, 6, Representation::Incremental)?;
                out.fields.push(f);
            } else if b & 0xe0 == 0x20 {
                let new_size = decode_int(block, &mut pos, 5)?;
                // RFC 7541 §4.2: updates only at the start of a block.
                if !out.fields.is_empty() || new_size > self.ceiling {
                    return Err(HpackError::InvalidSizeUpdate(new_size));
                }
                self.max_size = new_size;
                self.evict_to(new_size);
                out.size_updates.push(new_size);
            } else {
                let kind = if b & 0x10 != 0 {
                    Representation::NeverIndexed
                } else {
                    Representation::WithoutIndexing
                };
                let f = self.literal(block, &mut pos, 4, kind)?;
                out.fields.push(f);
            }
        }
        Ok(out)
    }

    fn literal(
        &mut self,
        block: &[u8],
        pos: &mut usize,
        prefix: u8,
        kind: Representation,
    ) -> Result<HeaderField, HpackError> {
        let index = decode_int(block, pos, prefix)?;
        let name_indexed = index != 0;
        let name = if name_indexed {
            self.lookup(index)?.0
        } else {
            decode_string(block, pos)?.0
        };
        let (value, value_huffman) = decode_string(block, pos)?;
        let f = field(&name, &value, kind, name_indexed, value_huffman);
        if kind == Representation::Incremental {
            self.insert(name, value);
        }
        Ok(f)
    }

    fn lookup(&self, index: usize) -> Result<(Vec<u8>, Vec<u8>), HpackError> {
        if index == 0 {
            return Err(HpackError::InvalidIndex(0));
        }
        if let Some((n, v)) = static_entry(index) {
            return Ok((n.as_bytes().to_vec(), v.as_bytes().to_vec()));
        }
        self.table
            .get(index - STATIC_TABLE.len() - 1)
            .cloned()
            .ok_or(HpackError::InvalidIndex(index))
    }

    fn insert(&mut self, name: Vec<u8>, value: Vec<u8>) {
        let entry = name.len() + value.len() + 32;
        // An entry larger than the table empties it and is not added (§4.4).
        if entry > self.max_size {
            self.table.clear();
            self.size = 0;
            return;
        }
        self.evict_to(self.max_size - entry);
        self.size += entry;
        self.table.push_front((name, value));
    }

    fn evict_to(&mut self, limit: usize) {
        while self.size > limit {
            match self.table.pop_back() {
                Some((n, v)) => self.size -= n.len() + v.len() + 32,
                None => break,
            }
        }
    }
}

fn field(
    name: &[u8],
    value: &[u8],
    representation: Representation,
    name_indexed: bool,
    value_huffman: bool,
) -> HeaderField {
    HeaderField {
        name: String::from_utf8_lossy(name).into_owned(),
        value: String::from_utf8_lossy(value).into_owned(),
        representation,
        name_indexed,
        value_huffman,
    }
}

/// Decodes an HPACK integer with an `n`-bit prefix starting at `block[*pos]`.
fn decode_int(block: &[u8], pos: &mut usize, n: u8) -> Result<usize, HpackError> {
    // Computed in u16 so an 8-bit prefix does not overflow.
    let mask = ((1u16 << n) - 1) as u8;
    let first = *block.get(*pos).ok_or(HpackError::Truncated)?;
    *pos += 1;
    let mut value = usize::from(first & mask);
    if value < usize::from(mask) {
        return Ok(value);
    }
    let mut shift = 0u32;
    loop {
        let b = *block.get(*pos).ok_or(HpackError::Truncated)?;
        *pos += 1;
        // Four continuation bytes already exceed any sane table index or
        // string length (2^28); more would only risk overflow.
        if shift > 21 {
            return Err(HpackError::IntegerOverflow);
        }
        value += usize::from(b & 0x7f) << shift;
        shift += 7;
        if b & 0x80 == 0 {
            return Ok(value);
        }
    }
}

/// Decodes a string literal; returns the bytes and whether it was Huffman.
fn decode_string(block: &[u8], pos: &mut usize) -> Result<(Vec<u8>, bool), HpackError> {
    let huffman = block.get(*pos).ok_or(HpackError::Truncated)? & 0x80 != 0;
    let len = decode_int(block, pos, 7)?;
    let end = pos.checked_add(len).ok_or(HpackError::Truncated)?;
    let raw = block.get(*pos..end).ok_or(HpackError::Truncated)?;
    *pos = end;
    let bytes = if huffman {
        huffman_decode(raw)?
    } else {
        raw.to_vec()
    };
    Ok((bytes, huffman))
}

/// The HPACK static table (RFC 7541 Appendix A); index 1 is element 0.
pub const STATIC_TABLE: [(&str, &str); 61] = [
    (":authority", ""),
    (":method", "GET"),
    (":method", "POST"),
    (":path", "/"),
    (":path", "/index.html"),
    (":scheme", "http"),
    (":scheme", "https"),
    (":status", "200"),
    (":status", "204"),
    (":status", "206"),
    (":status", "304"),
    (":status", "400"),
    (":status", "404"),
    (":status", "500"),
    ("accept-charset", ""),
    ("accept-encoding", "gzip, deflate"),
    ("accept-language", ""),
    ("accept-ranges", ""),
    ("accept", ""),
    ("access-control-allow-origin", ""),
    ("age", ""),
    ("allow", ""),
    ("authorization", ""),
    ("cache-control", ""),
    ("content-disposition", ""),
    ("content-encoding", ""),
    ("content-language", ""),
    ("content-length", ""),
    ("content-location", ""),
    ("content-range", ""),
    ("content-type", ""),
    ("cookie", ""),
    ("date", ""),
    ("etag", ""),
    ("expect", ""),
    ("expires", ""),
    ("from", ""),
    ("host", ""),
    ("if-match", ""),
    ("if-modified-since", ""),
    ("if-none-match", ""),
    ("if-range", ""),
    ("if-unmodified-since", ""),
    ("last-modified", ""),
    ("link", ""),
    ("location", ""),
    ("max-forwards", ""),
    ("proxy-authenticate", ""),
    ("proxy-authorization", ""),
    ("range", ""),
    ("referer", ""),
    ("refresh", ""),
    ("retry-after", ""),
    ("server", ""),
    ("set-cookie", ""),
    ("strict-transport-security", ""),
    ("transfer-encoding", ""),
    ("user-agent", ""),
    ("vary", ""),
    ("via", ""),
    ("www-authenticate", ""),
];

/// Static table entry by HPACK index (1-based).
pub fn static_entry(index: usize) -> Option<(&'static str, &'static str)> {
    STATIC_TABLE.get(index.checked_sub(1)?).copied()
}

// ---- Huffman (RFC 7541 Appendix B) ----

/// Symbols grouped by code length. Every byte not listed has length 28, and
/// EOS (256) has length 30.
const LENGTH_GROUPS: [(u8, &[u8]); 19] = [
    (5, b"012aceiost"),
    (6, b" %-./3456789=A_bdfghlmnpru"),
    (7, b":BCDEFGHIJKLMNOPQRSTUVWYjkqvwxyz"),
    (8, b"&*,;XZ"),
    (10, b"!\"()?"),
    (11, b"'+|"),
    (12, b"#>"),
    (13, b"\0$@[]~"),
    (14, b"^}"),
    (15, b"<`{"),
    (19, &[b'\\', 195, 208]),
    (20, &[128, 130, 131, 162, 184, 194, 224, 226]),
    (
        21,
        &[
            153, 161, 167, 172, 176, 177, 179, 209, 216, 217, 227, 229, 230,
        ],
    ),
    (
        22,
        &[
            129, 132, 133, 134, 136, 146, 154, 156, 160, 163, 164, 169, 170, 173, 178, 181, 185,
            186, 187, 189, 190, 196, 198, 228, 232, 233,
        ],
    ),
    (
        23,
        &[
            1, 135, 137, 138, 139, 140, 141, 143, 147, 149, 150, 151, 152, 155, 157, 158, 165, 166,
            168, 174, 175, 180, 182, 183, 188, 191, 197, 231, 239,
        ],
    ),
    (
        24,
        &[9, 142, 144, 145, 148, 159, 171, 206, 215, 225, 236, 237],
    ),
    (25, &[199, 207, 234, 235]),
    (
        26,
        &[
            192, 193, 200, 201, 202, 205, 210, 213, 218, 219, 238, 240, 242, 243, 255,
        ],
    ),
    (
        27,
        &[
            203, 204, 211, 212, 214, 221, 222, 223, 241, 244, 245, 246, 247, 248, 250, 251, 252,
            253, 254,
        ],
    ),
];
/// Bytes with a 30-bit code (besides EOS).
const LENGTH_30: [u8; 3] = [10, 13, 22];
const EOS: usize = 256;
const MAX_LEN: usize = 30;

/// Canonical Huffman tables derived from [`LENGTH_GROUPS`].
struct Canonical {
    lens: [u8; 257],
    codes: [u32; 257],
    /// Symbols sorted by (length, symbol).
    sorted: [u16; 257],
    /// Per length: first code, index of its first symbol in `sorted`, count.
    first_code: [u32; MAX_LEN + 1],
    first_index: [usize; MAX_LEN + 1],
    count: [u32; MAX_LEN + 1],
}

const HUFFMAN: Canonical = build_canonical();

const fn build_canonical() -> Canonical {
    let mut lens = [28u8; 257];
    let mut g = 0;
    while g < LENGTH_GROUPS.len() {
        let (len, syms) = LENGTH_GROUPS[g];
        let mut i = 0;
        while i < syms.len() {
            lens[syms[i] as usize] = len;
            i += 1;
        }
        g += 1;
    }
    let mut i = 0;
    while i < LENGTH_30.len() {
        lens[LENGTH_30[i] as usize] = 30;
        i += 1;
    }
    lens[EOS] = 30;

    let mut t = Canonical {
        lens,
        codes: [0; 257],
        sorted: [0; 257],
        first_code: [0; MAX_LEN + 1],
        first_index: [0; MAX_LEN + 1],
        count: [0; MAX_LEN + 1],
    };
    let mut code: u32 = 0;
    let mut next = 0;
    let mut len = 1;
    while len <= MAX_LEN {
        t.first_code[len] = code;
        t.first_index[len] = next;
        let mut sym = 0;
        while sym < 257 {
            if t.lens[sym] as usize == len {
                t.codes[sym] = code;
                t.sorted[next] = sym as u16;
                next += 1;
                code += 1;
            }
            sym += 1;
        }
        t.count[len] = (next - t.first_index[len]) as u32;
        code <<= 1;
        len += 1;
    }
    t
}

/// Decodes a Huffman-coded HPACK string.
///
/// Rejects EOS inside the string and padding that is longer than 7 bits or
/// not all ones, as RFC 7541 §5.2 requires.
pub fn huffman_decode(input: &[u8]) -> Result<Vec<u8>, HpackError> {
    let t = &HUFFMAN;
    let mut out = Vec::with_capacity(input.len() * 8 / 5);
    let mut code: u32 = 0;
    let mut len: usize = 0;
    for byte in input {
        for shift in (0..8).rev() {
            code = (code << 1) | u32::from((byte >> shift) & 1);
            len += 1;
            if len > MAX_LEN {
                return Err(HpackError::InvalidHuffman);
            }
            let offset = code.wrapping_sub(t.first_code[len]);
            if code >= t.first_code[len] && offset < t.count[len] {
                let sym = usize::from(t.sorted[t.first_index[len] + offset as usize]);
                if sym == EOS {
                    return Err(HpackError::InvalidHuffman);
                }
                // Symbols below EOS are bytes.
                out.push(sym as u8);
                code = 0;
                len = 0;
            }
        }
    }
    // Leftover bits are padding: a strict prefix of EOS (all ones), < 8 bits.
    if len >= 8 || code != (1u32 << len) - 1 {
        return Err(HpackError::InvalidHuffman);
    }
    Ok(out)
}

/// Huffman-encodes bytes, padding the last octet with ones (EOS prefix).
pub fn huffman_encode(input: &[u8]) -> Vec<u8> {
    let t = &HUFFMAN;
    let mut out = Vec::new();
    let mut acc: u64 = 0;
    let mut bits: u32 = 0;
    for &b in input {
        let len = u32::from(t.lens[usize::from(b)]);
        acc = (acc << len) | u64::from(t.codes[usize::from(b)]);
        bits += len;
        while bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
        acc &= (1u64 << bits) - 1;
    }
    if bits > 0 {
        let pad = 8 - bits;
        out.push(((acc << pad) | ((1u64 << pad) - 1)) as u8);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huffman_code_is_complete_and_matches_rfc_samples() {
        // Kraft sum of a complete prefix code is exactly 1.
        let kraft: f64 = HUFFMAN
            .lens
            .iter()
            .map(|l| 0.5f64.powi(i32::from(*l)))
            .sum();
        assert!((kraft - 1.0).abs() < 1e-12);
        // Spot values from RFC 7541 Appendix B.
        assert_eq!(
            (HUFFMAN.codes[usize::from(b'0')], HUFFMAN.lens[48]),
            (0x0, 5)
        );
        assert_eq!(
            (HUFFMAN.codes[usize::from(b' ')], HUFFMAN.lens[32]),
            (0x14, 6)
        );
        assert_eq!((HUFFMAN.codes[0], HUFFMAN.lens[0]), (0x1ff8, 13));
        assert_eq!((HUFFMAN.codes[10], HUFFMAN.lens[10]), (0x3ffffffc, 30));
        assert_eq!((HUFFMAN.codes[255], HUFFMAN.lens[255]), (0x3ffffee, 26));
        assert_eq!((HUFFMAN.codes[EOS], HUFFMAN.lens[EOS]), (0x3fffffff, 30));
    }

    #[test]
    fn huffman_round_trips_every_byte() {
        let all: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        let enc = huffman_encode(&all);
        assert_eq!(huffman_decode(&enc).expect("decode"), all);
        assert_eq!(huffman_decode(&[]).expect("empty"), Vec::<u8>::new());
    }

    #[test]
    fn huffman_rejects_bad_padding_and_eos() {
        // "a" is 00011; padding with zeros is invalid.
        assert_eq!(
            huffman_decode(&[0b0001_1000]),
            Err(HpackError::InvalidHuffman)
        );
        assert_eq!(huffman_decode(&[0b0001_1111]).expect("ok"), b"a");
        // A full byte of ones is padding longer than 7 bits.
        assert_eq!(huffman_decode(&[0xff]), Err(HpackError::InvalidHuffman));
        // EOS itself (30 ones) inside the string.
        assert_eq!(
            huffman_decode(&[0xff, 0xff, 0xff, 0xff]),
            Err(HpackError::InvalidHuffman)
        );
    }

    #[test]
    fn integers_rfc_c1() {
        // C.1.1: 10 with a 5-bit prefix; C.1.2: 1337 with a 5-bit prefix.
        let mut pos = 0;
        assert_eq!(decode_int(&[0x0a], &mut pos, 5), Ok(10));
        let mut pos = 0;
        assert_eq!(decode_int(&[0x1f, 0x9a, 0x0a], &mut pos, 5), Ok(1337));
        assert_eq!(pos, 3);
        let mut pos = 0;
        assert_eq!(decode_int(&[0x2a], &mut pos, 8), Ok(42));
        let mut pos = 0;
        assert_eq!(
            decode_int(&[0x1f, 0xff, 0xff, 0xff, 0xff, 0xff], &mut pos, 5),
            Err(HpackError::IntegerOverflow)
        );
    }
}
