//! A statistical named-entity tagger for the names no list knows.
//!
//! An averaged perceptron over hashed features ([`features`]): word, shape,
//! affixes, a ±2 word window, KB classes of the word and its neighbours,
//! lexicon classes (titles, organisation and place heads), document
//! evidence (is the word capitalised elsewhere, after a title elsewhere) and
//! the document's own labels (what the tagger said of the same word earlier
//! in the article, [`features::Memory`]). Two
//! designs share the features: first-order Viterbi (shipped) and greedy
//! left-to-right ([`model::Design`]). Tags are IOB2 over four types,
//! CoNLL-style: PER, ORG, LOC (places and states), MISC (nationalities,
//! events, other names); the recognizer maps them to the engine's labels and
//! lets the KB and patterns confirm, relabel or extend them.
//!
//! Trained by `dramatis train` (crates/cli/src/train.rs) into
//! `assets/model/tagger.bin`; see `assets/model/README.md`.

pub mod features;
pub mod model;
pub mod train;

use std::sync::OnceLock;

use crate::kb::{FastMap, Kb};
use features::{
    doc_stats, memory_feature, remember, token_features, word_infos, DocStats, Memory, Sink,
    WordInfo,
};
pub use model::{Design, Model};

/// 0 = O; `1 + 2k` = B-type k; `2 + 2k` = I-type k.
pub type Tag = u8;
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
pub const NTAGS: usize = 1 + 2 * TYPES.len();

pub fn begin(kind: usize) -> Tag {
    1 + 2 * kind as Tag
}
pub fn inside(kind: usize) -> Tag {
    2 + 2 * kind as Tag
}
/// The type index of a B/I tag.
pub fn kind_of(t: Tag) -> Option<usize> {
    (t != 0).then(|| (t as usize - 1) / 2)
}
pub fn tag_name(t: Tag) -> String {
    match kind_of(t) {
        None => "O".into(),
        Some(k) => format!("{}-{}", if t % 2 == 1 { "B" } else { "I" }, TYPES[k]),
    }
}

const EMBEDDED: &[u8] = include_bytes!("../../../../assets/model/tagger.bin");
static SHIPPED: OnceLock<Tagger> = OnceLock::new();

/// A name the tagger found: token range within its sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    /// Index into [`TYPES`].
    pub kind: usize,
    pub confidence: f32,
}

pub struct Tagger {
    pub model: Model,
}

/// The features of every sentence of a document, ready for decoding or training.
pub struct DocFeatures {
    pub sentences: Vec<SentenceFeatures>,
}

pub struct SentenceFeatures {
    pub feats: Vec<Vec<u32>>,
    pub word_hash: Vec<u64>,
    /// The words' facts (for the document memory while training).
    pub infos: Vec<WordInfo>,
}

pub fn word_hash(lower: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in lower.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Features of a whole document (sentences of words), for a table of `bits` bits.
pub fn document_features(doc: &[Vec<&str>], kb: &Kb, bits: u8) -> DocFeatures {
    let infos: Vec<Vec<WordInfo>> = doc.iter().map(|s| word_infos(s, kb)).collect();
    let stats: FastMap<String, DocStats> = doc_stats(&infos);
    let mask = ((1u64 << bits) - 1) as u32;
    let sentences = infos
        .iter()
        .map(|s| {
            let feats = (0..s.len())
                .map(|i| {
                    let mut out = Vec::with_capacity(40);
                    token_features(
                        s,
                        i,
                        &stats,
                        &mut Sink {
                            out: &mut out,
                            mask,
                        },
                    );
                    out
                })
                .collect();
            SentenceFeatures {
                feats,
                word_hash: s.iter().map(|w| w.hw).collect(),
                infos: s.clone(),
            }
        })
        .collect();
    DocFeatures { sentences }
}

impl Tagger {
    /// The model shipped in `assets/model/tagger.bin`, parsed on first use.
    pub fn embedded() -> &'static Tagger {
        SHIPPED.get_or_init(|| {
            Tagger::from_bytes(EMBEDDED).expect("the embedded tagger model is valid")
        })
    }

    /// The shipped model if it is already parsed (a page can paint its first
    /// article without waiting for it, then load it and analyse again).
    pub fn ready() -> Option<&'static Tagger> {
        SHIPPED.get()
    }

    pub fn from_bytes(b: &[u8]) -> Result<Tagger, String> {
        Ok(Tagger {
            model: Model::from_bytes(b)?,
        })
    }

    /// Tags and confidences for each sentence of a document.
    pub fn tag_document(&self, doc: &[Vec<&str>], kb: &Kb) -> Vec<(Vec<Tag>, Vec<f32>)> {
        let infos: Vec<Vec<WordInfo>> = doc.iter().map(|s| word_infos(s, kb)).collect();
        let stats = doc_stats(&infos);
        let mut buf = Vec::new();
        let mut memory = Memory::default();
        infos
            .iter()
            .map(|s| self.tag_sentence(s, &stats, &mut memory, &mut buf))
            .collect()
    }

    /// Tags and confidences of one sentence; sentences of a document must
    /// come in order (`memory` carries what earlier ones said); `buf` is reused.
    pub fn tag_sentence(
        &self,
        s: &[WordInfo],
        stats: &FastMap<String, DocStats>,
        memory: &mut Memory,
        buf: &mut Vec<Vec<u32>>,
    ) -> (Vec<Tag>, Vec<f32>) {
        let mask = self.model.mask();
        if buf.len() < s.len() {
            buf.resize_with(s.len(), || Vec::with_capacity(40));
        }
        for (i, f) in buf.iter_mut().enumerate().take(s.len()) {
            f.clear();
            let mut sink = Sink { out: f, mask };
            token_features(s, i, stats, &mut sink);
            memory_feature(&s[i], memory, &mut sink);
        }
        let hashes: Vec<u64> = s.iter().map(|w| w.hw).collect();
        let out = self.model.decode(&buf[..s.len()], &hashes);
        remember(s, &out.0, memory);
        out
    }

    /// The names in a document: spans with a type and a confidence (the least
    /// confident of their tokens).
    pub fn spans(&self, doc: &[Vec<&str>], kb: &Kb) -> Vec<Span> {
        let mut out = Vec::new();
        for (si, (tags, conf)) in self.tag_document(doc, kb).into_iter().enumerate() {
            out.extend(spans_of(&tags, &conf).into_iter().map(|mut s| {
                s.sentence = si;
                s
            }));
        }
        out
    }
}

/// IOB2 tags → spans (sentence index left 0).
pub fn spans_of(tags: &[Tag], conf: &[f32]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (i, &t) in tags.iter().enumerate() {
        let Some(k) = kind_of(t) else { continue };
        let c = conf.get(i).copied().unwrap_or(1.0);
        match out.last_mut() {
            Some(s) if t % 2 == 0 && s.end == i && s.kind == k => {
                s.end = i + 1;
                s.confidence = s.confidence.min(c);
            }
            _ => out.push(Span {
                sentence: 0,
                start: i,
                end: i + 1,
                kind: k,
                confidence: c,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_names() {
        assert_eq!(tag_name(0), "O");
        assert_eq!(tag_name(begin(0)), "B-PER");
        assert_eq!(tag_name(inside(2)), "I-LOC");
        assert_eq!(kind_of(inside(3)), Some(3));
    }

    #[test]
    fn spans_from_tags() {
        let tags = [0, begin(0), inside(0), begin(0), 0, begin(2)];
        let conf = [1.0, 0.9, 0.8, 0.95, 1.0, 0.7];
        let s = spans_of(&tags, &conf);
        assert_eq!(s.len(), 3);
        assert_eq!((s[0].start, s[0].end, s[0].confidence), (1, 3, 0.8));
        assert_eq!((s[1].start, s[1].end), (3, 4));
        assert_eq!(s[2].kind, 2);
    }

    #[test]
    fn the_shipped_model_finds_unlisted_names() {
        let kb = Kb::embedded();
        let t = Tagger::embedded();
        let doc: Vec<Vec<&str>> = vec![
            "The mayor , Hilda Okonkwo-Baptiste , told the Riverside Tenants Union that the plan had failed ."
                .split(' ')
                .collect(),
            "Okonkwo-Baptiste said the union would meet in Port Malvern on Tuesday ."
                .split(' ')
                .collect(),
        ];
        let spans = t.spans(&doc, kb);
        let found: Vec<(usize, usize, usize, &str)> = spans
            .iter()
            .map(|s| (s.sentence, s.start, s.end, TYPES[s.kind]))
            .collect();
        assert!(found.contains(&(0, 3, 5, "PER")), "{found:?}");
        assert!(found.contains(&(1, 0, 1, "PER")), "{found:?}");
        assert!(found.iter().any(|f| f.0 == 0 && f.3 == "ORG"), "{found:?}");
        assert!(found.contains(&(1, 7, 9, "LOC")), "{found:?}");
        assert!(spans
            .iter()
            .all(|s| s.confidence > 0.0 && s.confidence <= 1.0));
    }
}
