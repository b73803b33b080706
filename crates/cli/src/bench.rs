//! `dramatis bench`: analysis time and throughput of the native engine.

use std::time::Instant;

use dramatis_core::{analyze, Options};

const SAMPLE: &str = include_str!("../../../assets/samples/karabakh-2020.txt");

pub fn run(file: Option<&str>, iterations: usize, model: Option<&str>) -> Result<(), String> {
    let text = match file {
        Some(f) => crate::read_input(f)?,
        None => SAMPLE.to_string(),
    };
    let opts = Options {
        date: None,
        today: Some(crate::today()),
        ..Default::default()
    };
    let t0 = Instant::now();
    let _ = dramatis_core::kb::Kb::embedded();
    let kb_ms = t0.elapsed().as_secs_f64() * 1e3;
    let t0 = Instant::now();
    let g = dramatis_core::gazetteer::Gazetteer::embedded();
    let gaz_ms = t0.elapsed().as_secs_f64() * 1e3;
    let t0 = Instant::now();
    let _ = dramatis_core::tagger::Tagger::embedded();
    let model_ms = t0.elapsed().as_secs_f64() * 1e3;
    // warm-up
    let a = analyze(&text, &opts);
    let words = text.split_whitespace().count();
    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations.max(1) {
        let t = Instant::now();
        std::hint::black_box(analyze(std::hint::black_box(&text), &opts));
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    // throughput on a large document (the text repeated to ~5 MB)
    let big = text.repeat((5_000_000 / text.len().max(1)).max(1));
    let t = Instant::now();
    let ab = analyze(&big, &opts);
    let big_s = t.elapsed().as_secs_f64();
    // The tagger alone (features + Viterbi), on the article's sentences
    // repeated to about 200k tokens, as one document.
    let other;
    let tagger = match model {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
            other = dramatis_core::tagger::Tagger::from_bytes(&bytes)?;
            &other
        }
        None => dramatis_core::tagger::Tagger::embedded(),
    };
    let sents = dramatis_core::propose::tagger_words(&text);
    let n_tok: usize = sents.iter().map(Vec::len).sum::<usize>().max(1);
    let doc: Vec<Vec<&str>> = sents
        .iter()
        .cycle()
        .take(sents.len() * (200_000 / n_tok).max(1))
        .cloned()
        .collect();
    let doc_tokens: usize = doc.iter().map(Vec::len).sum();
    let kb = dramatis_core::kb::Kb::embedded();
    let t = Instant::now();
    std::hint::black_box(tagger.tag_document(&doc, kb));
    let tag_s = t.elapsed().as_secs_f64();
    println!("kb load (first use)        {kb_ms:>9.2} ms");
    println!("tagger model load          {model_ms:>9.2} ms");
    println!(
        "tagger alone               {:>9.2} M tokens/s ({doc_tokens} tokens in {:.0} ms)",
        doc_tokens as f64 / tag_s / 1e6,
        tag_s * 1e3
    );
    println!(
        "gazetteer automaton build  {gaz_ms:>9.2} ms  ({} surface forms)",
        g.len()
    );
    println!(
        "article                    {words} words, {} mentions, {} actors",
        a.mentions.len(),
        a.actors.len()
    );
    println!(
        "analysis median            {median:>9.3} ms  (p95 {p95:.3} ms, {} runs)",
        times.len()
    );
    println!(
        "throughput                 {:>9.1} MB/s ({:.1} MB in {:.0} ms, {} mentions)",
        big.len() as f64 / 1e6 / big_s,
        big.len() as f64 / 1e6,
        big_s * 1e3,
        ab.mentions.len()
    );
    Ok(())
}
