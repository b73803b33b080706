//! Byte offsets ↔ Unicode scalar offsets (the JSON contract counts chars).

/// Answers "how many chars precede byte `b`" in O(1) amortised, using a
/// checkpoint every 64 bytes.
pub struct CharMap<'a> {
    text: &'a str,
    checkpoints: Vec<usize>,
}

const STEP: usize = 64;

impl<'a> CharMap<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / STEP + 1);
        let mut count = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if i % STEP == 0 {
                checkpoints.push(count);
            }
            if (b & 0xC0) != 0x80 {
                count += 1;
            }
        }
        checkpoints.push(count);
        CharMap { text, checkpoints }
    }

    /// Char offset of byte offset `b` (which must be a char boundary or the end).
    pub fn char_at(&self, b: usize) -> usize {
        let b = b.min(self.text.len());
        let cp = b / STEP;
        let base = self.checkpoints[cp];
        base + self.text.as_bytes()[cp * STEP..b]
            .iter()
            .filter(|&&x| (x & 0xC0) != 0x80)
            .count()
    }
}

/// Byte offset of char offset `c` in `text` (clamped to the end).
pub fn byte_at(text: &str, c: usize) -> usize {
    text.char_indices()
        .nth(c)
        .map(|(b, _)| b)
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_multibyte() {
        let t = "Erdoğan said “yes” to Habertürk. ".repeat(10);
        let m = CharMap::new(&t);
        for (ci, (bi, _)) in t.char_indices().enumerate() {
            assert_eq!(m.char_at(bi), ci);
            assert_eq!(byte_at(&t, ci), bi);
        }
        assert_eq!(m.char_at(t.len()), t.chars().count());
    }
}
