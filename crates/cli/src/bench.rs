//! `dramatis bench`: analysis time and throughput of the native engine.

use std::time::Instant;

use dramatis_core::{analyze, Options};

const SAMPLE: &str = include_str!("../../../assets/samples/karabakh-2020.txt");

pub fn run(file: Option<&str>, iterations: usize) -> Result<(), String> {
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
    println!("kb load (first use)        {kb_ms:>9.2} ms");
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
