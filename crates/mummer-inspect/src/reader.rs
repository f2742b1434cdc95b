//! A bounds-checked big-endian cursor over a byte slice.
//!
//! Every wire format this crate reads (TLS, HTTP/2 frame headers) is
//! big-endian and length-prefixed, and all of it comes from an untrusted
//! peer, so every read is checked and reports "ran out" instead of panicking.

/// Cursor over `&[u8]`; each read either succeeds or returns `None` and
/// leaves the cursor where it was.
#[derive(Debug, Clone)]
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Self { buf, pos: 0 }
    }

    /// Bytes not yet read.
    pub(crate) fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    /// Everything not yet read, consuming it.
    pub(crate) fn rest(&mut self) -> &'a [u8] {
        let out = &self.buf[self.pos..];
        self.pos = self.buf.len();
        out
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let out = self.buf.get(self.pos..end)?;
        self.pos = end;
        Some(out)
    }

    pub(crate) fn u8(&mut self) -> Option<u8> {
        self.bytes(1).map(|b| b[0])
    }

    pub(crate) fn u16(&mut self) -> Option<u16> {
        self.bytes(2).map(|b| u16::from_be_bytes([b[0], b[1]]))
    }

    pub(crate) fn u24(&mut self) -> Option<u32> {
        self.bytes(3)
            .map(|b| u32::from_be_bytes([0, b[0], b[1], b[2]]))
    }

    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.bytes(4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A vector with a one-byte length prefix (TLS `opaque x<0..2^8-1>`).
    pub(crate) fn vec8(&mut self) -> Option<&'a [u8]> {
        let save = self.pos;
        let n = self.u8()?;
        self.bytes(usize::from(n)).or_else(|| {
            self.pos = save;
            None
        })
    }

    /// A vector with a two-byte length prefix (TLS `opaque x<0..2^16-1>`).
    pub(crate) fn vec16(&mut self) -> Option<&'a [u8]> {
        let save = self.pos;
        let n = self.u16()?;
        self.bytes(usize::from(n)).or_else(|| {
            self.pos = save;
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Reader;

    #[test]
    fn reads_are_checked_and_atomic() {
        let mut r = Reader::new(&[0x00, 0x03, 0xaa, 0xbb]);
        // The prefix claims 3 bytes but only 2 follow: nothing is consumed.
        assert_eq!(r.vec16(), None);
        assert_eq!(r.remaining(), 4);
        assert_eq!(r.u16(), Some(3));
        assert_eq!(r.u16(), Some(0xaabb));
        assert!(r.is_empty());
        assert_eq!(r.u8(), None);
    }
}
