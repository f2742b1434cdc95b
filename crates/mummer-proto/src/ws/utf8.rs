//! Incremental UTF-8 validation: a text message arrives in frames (and inflated chunks) that
//! may split a code point, and an invalid sequence must fail the connection as soon as it is
//! seen, not when the message ends.

/// Validator state between chunks: the bytes of a code point not yet complete.
#[derive(Debug, Default, Clone)]
pub(crate) struct Utf8Validator {
    pending: [u8; 4],
    pending_len: usize,
}

impl Utf8Validator {
    /// Checks `chunk`, continuing any incomplete code point from the previous one. An
    /// incomplete sequence at the end is kept for the next chunk; `false` on invalid bytes.
    pub(crate) fn feed(&mut self, mut chunk: &[u8]) -> bool {
        if self.pending_len > 0 {
            // Complete the split code point with as many bytes as it needs.
            let need = sequence_len(self.pending[0]).saturating_sub(self.pending_len);
            let take = need.min(chunk.len());
            self.pending[self.pending_len..self.pending_len + take].copy_from_slice(&chunk[..take]);
            let have = self.pending_len + take;
            match std::str::from_utf8(&self.pending[..have]) {
                Ok(_) => self.pending_len = 0,
                Err(e) if e.error_len().is_some() => return false,
                Err(_) => {
                    // Still incomplete: the chunk was too short to finish it.
                    self.pending_len = have;
                    return true;
                }
            }
            chunk = &chunk[take..];
        }
        match std::str::from_utf8(chunk) {
            Ok(_) => true,
            Err(e) if e.error_len().is_some() => false,
            Err(e) => {
                let rest = &chunk[e.valid_up_to()..];
                self.pending[..rest.len()].copy_from_slice(rest);
                self.pending_len = rest.len();
                true
            }
        }
    }

    /// Whether the text ended on a code point boundary; resets for the next message.
    pub(crate) fn finish(&mut self) -> bool {
        let complete = self.pending_len == 0;
        self.pending_len = 0;
        complete
    }
}

/// The length a sequence starting with `lead` has (1 for bytes that cannot lead one, which
/// `from_utf8` then rejects).
fn sequence_len(lead: u8) -> usize {
    match lead {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => 1,
    }
}
