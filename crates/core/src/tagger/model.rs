//! The trained model: hashed emission weights per tag, tag transitions, and the
//! two decoders (first-order Viterbi, or greedy left-to-right with the
//! previous tags as features). Weights are i8 codes into a table of 255
//! logarithmically spaced values (see `train::quantize`).
//!
//! File format (little-endian): `DRTAG2`, design u8, bits u8, tags u8, the
//! code table f32 × 256 (indexed by the code as u8), transitions f32 × (tags + 1) × tags (the last row is the sentence
//! start), entry count u32, then the flat indices (bucket × tags + tag) of the
//! non-zero weights as LEB128 deltas, then their i8 values.

use super::{Tag, NTAGS};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Design {
    /// Structured perceptron, first-order Viterbi.
    Viterbi = 0,
    /// Averaged perceptron, greedy left to right, previous two tags as features.
    Greedy = 1,
}

pub const MAGIC: &[u8; 6] = b"DRTAG2";

pub struct Model {
    pub design: Design,
    pub bits: u8,
    /// The weight each i8 code stands for, indexed by the code as u8.
    pub table: [f32; 256],
    /// `[(prev or start) * NTAGS + tag]`; row NTAGS is the start.
    pub trans: Vec<f32>,
    /// Dense `[bucket * NTAGS + tag]`.
    pub weights: Vec<i8>,
    /// The same weights decoded to f32 (what decoding reads: contiguous rows
    /// the compiler vectorises, no table lookup per weight).
    dense: Vec<f32>,
    /// `trans` with −∞ where IOB2 forbids the step, so Viterbi needs no branch.
    masked: Vec<f32>,
}

/// Is `tag` allowed after `prev` (None = sentence start)? `I-X` only continues `X`.
#[inline]
pub fn allowed(prev: Option<Tag>, tag: Tag) -> bool {
    if tag == 0 || tag % 2 == 1 {
        return true;
    }
    matches!(prev, Some(p) if p != 0 && (p + 1) / 2 == tag / 2)
}

/// Features of the greedy design that depend on the previous predictions
/// (the previous tag alone is the transition table, kept in f32: quantizing
/// it costs the greedy design dearly).
#[inline]
pub fn history_features(prev2: Tag, prev: Tag, word_hash: u64, mask: u32, out: &mut Vec<u32>) {
    let mix = |x: u64| -> u32 {
        let h = x.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        ((h >> 32) ^ h) as u32 & mask
    };
    out.push(mix(0x2000 + prev2 as u64 * 16 + prev as u64));
    out.push(mix(word_hash ^ (0x3000 + prev as u64)));
}

/// The history features of token `i` given the tags chosen so far
/// (`tags[..i]`); returns the previous tag (None at the sentence start).
#[inline]
pub fn history(
    tags: &[Tag],
    i: usize,
    word_hash: u64,
    mask: u32,
    out: &mut Vec<u32>,
) -> Option<Tag> {
    let prev = i.checked_sub(1).map(|j| tags[j]);
    let prev2 = i.checked_sub(2).map_or(0, |j| tags[j] + 1);
    out.clear();
    history_features(prev2, prev.map_or(0, |p| p + 1), word_hash, mask, out);
    prev
}

impl Model {
    pub fn new(
        design: Design,
        bits: u8,
        table: [f32; 256],
        trans: Vec<f32>,
        weights: Vec<i8>,
    ) -> Model {
        let mut dense = vec![0f32; weights.len()];
        for (d, &c) in dense.iter_mut().zip(&weights) {
            if c != 0 {
                *d = table[c as u8 as usize];
            }
        }
        let masked = (0..=NTAGS)
            .flat_map(|p| (0..NTAGS).map(move |t| (p, t)))
            .map(|(p, t)| {
                let prev = (p < NTAGS).then_some(p as Tag);
                if allowed(prev, t as Tag) {
                    trans[p * NTAGS + t]
                } else {
                    f32::NEG_INFINITY
                }
            })
            .collect();
        Model {
            design,
            bits,
            table,
            trans,
            weights,
            dense,
            masked,
        }
    }

    pub fn mask(&self) -> u32 {
        ((1u64 << self.bits) - 1) as u32
    }

    /// Emission scores of one token's features.
    #[inline]
    pub fn emit(&self, feats: &[u32], out: &mut [f32; NTAGS]) {
        *out = [0f32; NTAGS];
        for &f in feats {
            let row = &self.dense[f as usize * NTAGS..f as usize * NTAGS + NTAGS];
            for t in 0..NTAGS {
                out[t] += row[t];
            }
        }
    }

    #[inline]
    pub fn trans(&self, prev: Option<Tag>, tag: Tag) -> f32 {
        self.trans[prev.map_or(NTAGS, |p| p as usize) * NTAGS + tag as usize]
    }

    /// Best tags for a sentence and a confidence (0..1) per token.
    /// `feats[i]` are token i's static features; `word_hash[i]` its word (greedy design).
    pub fn decode(&self, feats: &[Vec<u32>], word_hash: &[u64]) -> (Vec<Tag>, Vec<f32>) {
        match self.design {
            Design::Viterbi => self.viterbi(feats),
            Design::Greedy => self.greedy(feats, word_hash),
        }
    }

    fn viterbi(&self, feats: &[Vec<u32>]) -> (Vec<Tag>, Vec<f32>) {
        let n = feats.len();
        if n == 0 {
            return (vec![], vec![]);
        }
        let mut emits = vec![[0f32; NTAGS]; n];
        for (i, f) in feats.iter().enumerate() {
            self.emit(f, &mut emits[i]);
        }
        let mut score = vec![[f32::NEG_INFINITY; NTAGS]; n];
        let mut back = vec![[0u8; NTAGS]; n];
        for t in 0..NTAGS as Tag {
            if allowed(None, t) {
                score[0][t as usize] = emits[0][t as usize] + self.trans(None, t);
            }
        }
        for i in 1..n {
            let prev = score[i - 1];
            for t in 0..NTAGS {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0;
                for p in 0..NTAGS {
                    let s = prev[p] + self.masked[p * NTAGS + t];
                    if s > best {
                        best = s;
                        arg = p as Tag;
                    }
                }
                score[i][t] = best + emits[i][t];
                back[i][t] = arg;
            }
        }
        let mut tags = vec![0 as Tag; n];
        let last = &score[n - 1];
        tags[n - 1] = (0..NTAGS)
            .max_by(|&a, &b| last[a].total_cmp(&last[b]))
            .unwrap() as Tag;
        for i in (1..n).rev() {
            tags[i - 1] = back[i][tags[i] as usize];
        }
        // Confidence: how far the chosen tag leads the runner-up, given the previous tag.
        let conf = (0..n)
            .map(|i| {
                let prev = (i > 0).then(|| tags[i - 1]);
                let local = |t: Tag| emits[i][t as usize] + self.trans(prev, t);
                let chosen = local(tags[i]);
                let runner = (0..NTAGS as Tag)
                    .filter(|&t| t != tags[i] && allowed(prev, t))
                    .map(local)
                    .fold(f32::NEG_INFINITY, f32::max);
                margin_confidence(chosen - runner)
            })
            .collect();
        (tags, conf)
    }

    fn greedy(&self, feats: &[Vec<u32>], word_hash: &[u64]) -> (Vec<Tag>, Vec<f32>) {
        let mask = self.mask();
        let mut tags: Vec<Tag> = Vec::with_capacity(feats.len());
        let mut conf = Vec::with_capacity(feats.len());
        let mut hist = Vec::with_capacity(3);
        let mut e = [0f32; NTAGS];
        let mut h = [0f32; NTAGS];
        for (i, f) in feats.iter().enumerate() {
            let prev = history(&tags, i, word_hash[i], mask, &mut hist);
            self.emit(f, &mut e);
            self.emit(&hist, &mut h);
            let mut best = (f32::NEG_INFINITY, 0 as Tag);
            let mut runner = f32::NEG_INFINITY;
            for t in 0..NTAGS as Tag {
                if !allowed(prev, t) {
                    continue;
                }
                let s = e[t as usize] + h[t as usize] + self.trans(prev, t);
                if s > best.0 {
                    runner = best.0;
                    best = (s, t);
                } else if s > runner {
                    runner = s;
                }
            }
            tags.push(best.1);
            conf.push(margin_confidence(best.0 - runner));
        }
        (tags, conf)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(self.design as u8);
        out.push(self.bits);
        out.push(NTAGS as u8);
        for t in self.table.iter().chain(&self.trans) {
            out.extend_from_slice(&t.to_le_bytes());
        }
        let nz: Vec<usize> = (0..self.weights.len())
            .filter(|&i| self.weights[i] != 0)
            .collect();
        out.extend_from_slice(&(nz.len() as u32).to_le_bytes());
        let mut last = 0usize;
        for (k, &i) in nz.iter().enumerate() {
            let mut d = if k == 0 { i } else { i - last - 1 } as u64;
            last = i;
            loop {
                let b = (d & 0x7f) as u8;
                d >>= 7;
                if d == 0 {
                    out.push(b);
                    break;
                }
                out.push(b | 0x80);
            }
        }
        out.extend(nz.iter().map(|&i| self.weights[i] as u8));
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        let bad = |what: &str| format!("tagger model: {what}");
        if b.len() < 15 || &b[..6] != MAGIC {
            return Err(bad("not a Dramatis tagger model (bad magic)"));
        }
        let design = match b[6] {
            0 => Design::Viterbi,
            1 => Design::Greedy,
            d => return Err(bad(&format!("unknown design {d}"))),
        };
        let bits = b[7];
        if !(8..=24).contains(&bits) || b[8] as usize != NTAGS {
            return Err(bad("unsupported size or tag set"));
        }
        let mut p = 9;
        let f32_at = |p: &mut usize| -> Result<f32, String> {
            let s = b.get(*p..*p + 4).ok_or(bad("truncated"))?;
            *p += 4;
            Ok(f32::from_le_bytes(s.try_into().unwrap()))
        };
        let mut table = [0f32; 256];
        for v in table.iter_mut() {
            *v = f32_at(&mut p)?;
        }
        let trans = (0..(NTAGS + 1) * NTAGS)
            .map(|_| f32_at(&mut p))
            .collect::<Result<Vec<_>, _>>()?;
        let count = b
            .get(p..p + 4)
            .map(|s| u32::from_le_bytes(s.try_into().unwrap()) as usize)
            .ok_or(bad("truncated"))?;
        p += 4;
        let size = (1usize << bits) * NTAGS;
        // The values are the file's last `count` bytes; the indices come before.
        let vals_at = b
            .len()
            .checked_sub(count)
            .filter(|&v| v >= p)
            .ok_or(bad("truncated"))?;
        let vals = &b[vals_at..];
        let idx = &b[p..vals_at];
        let mut weights = vec![0i8; size];
        let (mut q, mut last) = (0usize, 0usize);
        for (k, &v) in vals.iter().enumerate() {
            let mut d = 0usize;
            let mut shift = 0;
            loop {
                let byte = *idx.get(q).ok_or(bad("truncated"))?;
                q += 1;
                d |= ((byte & 0x7f) as usize) << shift;
                if byte & 0x80 == 0 {
                    break;
                }
                shift += 7;
                if shift > 35 {
                    return Err(bad("bad index"));
                }
            }
            let i = if k == 0 { d } else { last + 1 + d };
            if i >= size {
                return Err(bad("index out of range"));
            }
            weights[i] = v as i8;
            last = i;
        }
        if q != idx.len() {
            return Err(bad("trailing bytes"));
        }
        Ok(Model::new(design, bits, table, trans, weights))
    }
}

/// A score margin as a confidence between 0.5 and 1.
pub fn margin_confidence(m: f32) -> f32 {
    if m.is_finite() {
        1.0 / (1.0 + (-m / 4.0).exp())
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions_follow_iob2() {
        // Tags: 0 O, 1 B-PER, 2 I-PER, 3 B-ORG, 4 I-ORG ...
        assert!(allowed(None, 1) && !allowed(None, 2));
        assert!(allowed(Some(1), 2) && allowed(Some(2), 2));
        assert!(!allowed(Some(3), 2) && !allowed(Some(0), 4));
    }

    #[test]
    fn bytes_round_trip_and_reject_garbage() {
        let mut weights = vec![0i8; (1 << 8) * NTAGS];
        weights[0] = 5;
        weights[17] = -3;
        weights[(1 << 8) * NTAGS - 1] = 127;
        let m = Model::new(
            Design::Viterbi,
            8,
            std::array::from_fn(|i| i as i8 as f32),
            (0..(NTAGS + 1) * NTAGS).map(|i| i as f32).collect(),
            weights,
        );
        let b = m.to_bytes();
        let back = Model::from_bytes(&b).unwrap();
        assert_eq!(back.weights, m.weights);
        assert_eq!(back.trans, m.trans);
        assert_eq!(back.table, m.table);
        assert!(Model::from_bytes(b"hello world, not a model").is_err());
        assert!(Model::from_bytes(&b[..b.len() - 1]).is_err());
    }
}
