//! Averaged perceptron training for both designs. Deterministic: the sentence
//! order of each epoch comes from a fixed-seed generator, so the same corpus
//! gives the same model bytes.

use super::features::{memory_feature, remember, Memory, Sink, WordInfo};
use super::model::{allowed, history, Design, Model};
use super::{Tag, NTAGS};

/// One training sentence: the static features of each token, the hash of
/// each lower-cased word (greedy design) and the gold tags.
pub struct Example {
    pub feats: Vec<Vec<u32>>,
    pub word_hash: Vec<u64>,
    pub gold: Vec<Tag>,
    pub infos: Vec<WordInfo>,
}

#[derive(Clone, Debug)]
pub struct Config {
    pub design: Design,
    pub bits: u8,
    pub epochs: usize,
    pub seed: u64,
}

struct Averaged {
    w: Vec<f32>,
    /// Sum of time-weighted updates: the average is `w - u / c`.
    u: Vec<f64>,
}

impl Averaged {
    fn new(n: usize) -> Self {
        Averaged {
            w: vec![0.0; n],
            u: vec![0.0; n],
        }
    }
    #[inline]
    fn add(&mut self, i: usize, d: f32, c: f64) {
        self.w[i] += d;
        self.u[i] += c * d as f64;
    }
    fn average(&self, c: f64) -> Vec<f32> {
        self.w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (w as f64 - u / c) as f32)
            .collect()
    }
}

/// Train a model on documents (ranges of `data`, sentences in reading
/// order); `progress` is called after each epoch with (epoch, errors).
/// Documents are shuffled, sentences are read in order, so the document
/// memory (what was said of a word earlier) is built as when reading.
pub fn train(
    data: &[Example],
    docs: &[std::ops::Range<usize>],
    cfg: &Config,
    mut progress: impl FnMut(usize, usize),
) -> Model {
    let size = (1usize << cfg.bits) * NTAGS;
    let mask = ((1u64 << cfg.bits) - 1) as u32;
    let mut emit = Averaged::new(size);
    let mut trans = Averaged::new((NTAGS + 1) * NTAGS);
    let mut c = 1f64;
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng = cfg.seed | 1;
    let mut hist: Vec<u32> = Vec::new();
    let mut feats: Vec<Vec<u32>> = Vec::new();
    let mut memory = Memory::default();
    for epoch in 0..cfg.epochs {
        // Fisher–Yates with xorshift64*.
        for i in (1..order.len()).rev() {
            rng ^= rng >> 12;
            rng ^= rng << 25;
            rng ^= rng >> 27;
            let r = rng.wrapping_mul(0x2545_f491_4f6c_dd1d);
            order.swap(i, (r % (i as u64 + 1)) as usize);
        }
        let mut errors = 0;
        for &d in &order {
            memory.clear();
            for ex in &data[docs[d].clone()] {
                feats.clear();
                for (i, f) in ex.feats.iter().enumerate() {
                    let mut v = f.clone();
                    memory_feature(&ex.infos[i], &memory, &mut Sink { out: &mut v, mask });
                    feats.push(v);
                }
                let pred = match cfg.design {
                    Design::Viterbi => {
                        let model = Current {
                            w: &emit.w,
                            trans: &trans.w,
                        };
                        let pred = model.viterbi(&feats);
                        if pred != ex.gold {
                            errors += 1;
                            for i in 0..pred.len() {
                                let (g, p) = (ex.gold[i], pred[i]);
                                if g != p {
                                    for &f in &feats[i] {
                                        emit.add(f as usize * NTAGS + g as usize, 1.0, c);
                                        emit.add(f as usize * NTAGS + p as usize, -1.0, c);
                                    }
                                }
                                let gp = i.checked_sub(1).map_or(NTAGS, |j| ex.gold[j] as usize);
                                let pp = i.checked_sub(1).map_or(NTAGS, |j| pred[j] as usize);
                                if (gp, g) != (pp, p) {
                                    trans.add(gp * NTAGS + g as usize, 1.0, c);
                                    trans.add(pp * NTAGS + p as usize, -1.0, c);
                                }
                            }
                        }
                        c += 1.0;
                        pred
                    }
                    Design::Greedy => {
                        // Update token by token, with the predicted history.
                        let mut tags: Vec<Tag> = Vec::with_capacity(ex.gold.len());
                        for i in 0..ex.gold.len() {
                            let prev = history(&tags, i, ex.word_hash[i], mask, &mut hist);
                            let model = Current {
                                w: &emit.w,
                                trans: &trans.w,
                            };
                            let row = prev.map_or(NTAGS, |p| p as usize) * NTAGS;
                            let mut best = (f32::NEG_INFINITY, 0 as Tag);
                            for t in 0..NTAGS as Tag {
                                if !allowed(prev, t) {
                                    continue;
                                }
                                let s = model.score(&feats[i], t)
                                    + model.score(&hist, t)
                                    + model.trans[row + t as usize];
                                if s > best.0 {
                                    best = (s, t);
                                }
                            }
                            let g = ex.gold[i];
                            if best.1 != g {
                                errors += 1;
                                for &f in feats[i].iter().chain(&hist) {
                                    emit.add(f as usize * NTAGS + g as usize, 1.0, c);
                                    emit.add(f as usize * NTAGS + best.1 as usize, -1.0, c);
                                }
                                trans.add(row + g as usize, 1.0, c);
                                trans.add(row + best.1 as usize, -1.0, c);
                            }
                            tags.push(best.1);
                            c += 1.0;
                        }
                        tags
                    }
                };
                remember(&ex.infos, &pred, &mut memory);
            }
        }
        progress(epoch + 1, errors);
    }
    let w = emit.average(c);
    let t = trans.average(c);
    quantize(cfg, &w, t)
}

/// Share of the smallest non-zero weights pruned to 0 before quantizing.
pub const PRUNE: f64 = 0.3;

/// Weights to i8 codes on a logarithmic scale: code ±k stands for
/// ±t·(m/t)^((k−1)/126), where m is the largest |w| and t the smallest kept;
/// what is below t/2 is pruned. Small and very large weights both survive.
fn quantize(cfg: &Config, w: &[f32], trans: Vec<f32>) -> Model {
    let mut mags: Vec<f32> = w.iter().map(|x| x.abs()).filter(|&x| x > 0.0).collect();
    mags.sort_by(|a, b| a.total_cmp(b));
    let (t, m) = match (mags.first(), mags.last()) {
        (Some(_), Some(&m)) => {
            let k = ((mags.len() as f64 * PRUNE) as usize).min(mags.len() - 1);
            (mags[k].max(m * 1e-6), m)
        }
        _ => (1.0, 1.0),
    };
    let span = (m / t).ln().max(1e-6);
    let mut table = [0f32; 256];
    for k in 1..=127i32 {
        let v = t * ((k - 1) as f32 / 126.0 * span).exp();
        table[k as u8 as usize] = v;
        table[(-k) as i8 as u8 as usize] = -v;
    }
    let weights = w
        .iter()
        .map(|&x| {
            let a = x.abs();
            if a < t / 2.0 || a == 0.0 {
                return 0;
            }
            let k = (1.0 + ((a / t).ln().max(0.0) / span * 126.0).round()).clamp(1.0, 127.0) as i8;
            if x < 0.0 {
                -k
            } else {
                k
            }
        })
        .collect();
    Model::new(cfg.design, cfg.bits, table, trans, weights)
}

/// The weights during training (f32, not yet averaged).
struct Current<'a> {
    w: &'a [f32],
    trans: &'a [f32],
}

impl Current<'_> {
    #[inline]
    fn score(&self, feats: &[u32], t: Tag) -> f32 {
        feats
            .iter()
            .map(|&f| self.w[f as usize * NTAGS + t as usize])
            .sum()
    }

    fn viterbi(&self, feats: &[Vec<u32>]) -> Vec<Tag> {
        let n = feats.len();
        if n == 0 {
            return vec![];
        }
        let emits: Vec<[f32; NTAGS]> = feats
            .iter()
            .map(|f| {
                let mut e = [0f32; NTAGS];
                for &x in f {
                    let row = &self.w[x as usize * NTAGS..x as usize * NTAGS + NTAGS];
                    for t in 0..NTAGS {
                        e[t] += row[t];
                    }
                }
                e
            })
            .collect();
        let tr = |p: Option<Tag>, t: Tag| {
            self.trans[p.map_or(NTAGS, |p| p as usize) * NTAGS + t as usize]
        };
        let mut score = vec![[f32::NEG_INFINITY; NTAGS]; n];
        let mut back = vec![[0 as Tag; NTAGS]; n];
        for t in 0..NTAGS as Tag {
            if allowed(None, t) {
                score[0][t as usize] = emits[0][t as usize] + tr(None, t);
            }
        }
        for i in 1..n {
            for t in 0..NTAGS as Tag {
                let mut best = (f32::NEG_INFINITY, 0);
                for p in 0..NTAGS as Tag {
                    if allowed(Some(p), t) {
                        let s = score[i - 1][p as usize] + tr(Some(p), t);
                        if s > best.0 {
                            best = (s, p);
                        }
                    }
                }
                score[i][t as usize] = best.0 + emits[i][t as usize];
                back[i][t as usize] = best.1;
            }
        }
        let mut tags = vec![0; n];
        tags[n - 1] = (0..NTAGS)
            .max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b]))
            .unwrap() as Tag;
        for i in (1..n).rev() {
            tags[i - 1] = back[i][tags[i] as usize];
        }
        tags
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::Kb;
    use crate::tagger::{begin, document_features, inside, Tagger};

    /// A tiny corpus: "<Given> <Surname> visited <Town>" in many variants.
    fn corpus() -> (Vec<Example>, Vec<std::ops::Range<usize>>) {
        let kb = Kb::embedded();
        let given = ["Anna", "Peter", "Maria", "John", "Olga", "Ahmed"];
        let surnames = [
            "Kowalczyk",
            "Brandt",
            "Okafor",
            "Lindqvist",
            "Moreau",
            "Tanaka",
        ];
        let towns = [
            "Brannvik", "Fjordby", "Tromsdal", "Kastelo", "Duvanne", "Merrow",
        ];
        let mut data = vec![];
        let mut docs = vec![];
        for (k, g) in given.iter().enumerate() {
            for (j, s) in surnames.iter().enumerate() {
                let t = towns[(k + j) % towns.len()];
                let words = vec![*g, *s, "visited", t, "on", "Monday", "."];
                let doc = vec![words];
                let f = document_features(&doc, kb, 12);
                let first = data.len();
                for sf in f.sentences {
                    data.push(Example {
                        feats: sf.feats,
                        word_hash: sf.word_hash,
                        gold: vec![begin(0), inside(0), 0, begin(2), 0, 0, 0],
                        infos: sf.infos,
                    });
                }
                docs.push(first..data.len());
            }
        }
        (data, docs)
    }

    #[test]
    fn training_is_deterministic_and_learns() {
        let (data, docs) = corpus();
        for design in [Design::Viterbi, Design::Greedy] {
            let cfg = Config {
                design,
                bits: 12,
                epochs: 5,
                seed: 7,
            };
            let a = train(&data, &docs, &cfg, |_, _| {}).to_bytes();
            let b = train(&data, &docs, &cfg, |_, _| {}).to_bytes();
            assert_eq!(a, b, "{design:?}: same inputs, same bytes");
            let t = Tagger::from_bytes(&a).unwrap();
            let kb = Kb::embedded();
            let doc = vec![vec![
                "Olga", "Brandt", "visited", "Merrow", "on", "Monday", ".",
            ]];
            let (tags, conf) = t.tag_document(&doc, kb).remove(0);
            assert_eq!(
                tags,
                vec![begin(0), inside(0), 0, begin(2), 0, 0, 0],
                "{design:?}"
            );
            assert!(conf.iter().all(|c| (0.0..=1.0).contains(c)));
        }
    }

    #[test]
    fn quantized_codes_keep_sign_and_order() {
        let cfg = Config {
            design: Design::Viterbi,
            bits: 8,
            epochs: 1,
            seed: 1,
        };
        let mut w = vec![0f32; (1 << 8) * NTAGS];
        w[0] = 0.5;
        w[1] = -2.0;
        w[2] = 40.0;
        w[3] = 1e-9;
        let m = quantize(&cfg, &w, vec![0.0; (NTAGS + 1) * NTAGS]);
        let v = |i: usize| m.table[m.weights[i] as u8 as usize];
        assert!(v(0) > 0.0 && v(1) < 0.0 && v(2) > v(0));
        assert!((v(2) - 40.0).abs() < 1.0, "the largest weight survives");
        assert_eq!(m.weights[4], 0);
    }
}
