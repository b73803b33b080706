//! `dramatis train`: trains the tagger on the corpora in `<shared>/data/ner`
//! and writes `assets/model/tagger.bin` (the same inputs give the same bytes).
//!
//! ```text
//! dramatis train [--shared ../shared] [--out assets/model/tagger.bin]
//!                [--design viterbi|greedy] [--bits 18] [--epochs 8]
//! ```
//!
//! Every eighth training sentence is also added in capitals, as its own
//! document, so headlines and all-caps datelines are not strangers; and
//! synthetic datelines, results tables and athletics results (synthetic.rs)
//! teach the shapes of wire copy the corpora lack.

use std::path::Path;

use dramatis_core::kb::Kb;
use dramatis_core::tagger::train::{train, Config, Example};
use dramatis_core::tagger::{document_features, Design, Tagger};

use crate::corpus::{self, Doc};
use crate::synthetic;

/// Synthetic documents of each newswire form (see synthetic.rs).
const SYNTHETIC: usize = 400;
use crate::eval;

/// Training sentences, and the range of each document among them.
pub fn examples(docs: &[Doc], kb: &Kb, bits: u8) -> (Vec<Example>, Vec<std::ops::Range<usize>>) {
    let mut out = Vec::new();
    let mut ranges = Vec::new();
    for d in docs {
        let first = out.len();
        let words: Vec<Vec<&str>> = d
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let f = document_features(&words, kb, bits);
        for (s, sf) in d.iter().zip(f.sentences) {
            out.push(Example {
                feats: sf.feats,
                word_hash: sf.word_hash,
                gold: s.tags.clone(),
                infos: sf.infos,
            });
        }
        ranges.push(first..out.len());
    }
    (out, ranges)
}

/// Upper-cased copies of every eighth sentence, each its own document.
pub fn capitals(docs: &[Doc]) -> Vec<Doc> {
    docs.iter()
        .flatten()
        .enumerate()
        .filter(|(i, s)| i % 8 == 3 && s.words.len() > 2)
        .map(|(_, s)| {
            let mut c = s.clone();
            for w in &mut c.words {
                *w = w.to_uppercase();
            }
            vec![c]
        })
        .collect()
}

pub fn run(
    shared: &Path,
    out: &Path,
    design: Design,
    bits: u8,
    epochs: usize,
    today: &str,
) -> Result<(), String> {
    let kb = Kb::embedded();
    let corpora = corpus::load(shared, kb)?;
    let mut docs: Vec<Doc> = corpora.train.iter().flat_map(|(_, d)| d.clone()).collect();
    docs.extend(capitals(&docs));
    // Datelines, results tables and athletics results, absent from the corpora.
    docs.extend(synthetic::documents(kb, SYNTHETIC));
    let (data, ranges) = examples(&docs, kb, bits);
    let tokens: usize = data.iter().map(|e| e.gold.len()).sum();
    eprintln!(
        "train: {} sentences, {tokens} tokens ({}), design {design:?}, {bits} bits, {epochs} epochs",
        data.len(),
        corpora
            .train
            .iter()
            .map(|(n, d)| format!("{n}: {} docs", d.len()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let cfg = Config {
        design,
        bits,
        epochs,
        seed: 0x5eed_d4a3_a715,
    };
    let model = train(&data, &ranges, &cfg, |e, err| {
        eprintln!("  epoch {e}: {err} errors")
    });
    let bytes = model.to_bytes();
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
    // Held-out scores of the model just written.
    let tagger = Tagger::from_bytes(&bytes)?;
    if std::env::var_os("DRAMATIS_TRAIN_SELFCHECK").is_some() {
        let c = eval::score_with(&corpora.train[0].1[..200], &tagger);
        eprintln!("self-check on training docs: {:.3}", c.headline_f1());
    }
    for (name, docs) in &corpora.heldout {
        let c = eval::score_with(docs, &tagger);
        eprintln!(
            "held out {name}: micro F1 (PERSON ORG GPE+LOC) {:.3}\n{}",
            c.headline_f1(),
            c.report()
        );
    }
    let _ = today;
    Ok(())
}
