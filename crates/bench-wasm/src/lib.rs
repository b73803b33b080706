//! Numeric exports for timing the engine in a browser (see Cargo.toml).
//! JavaScript times each call with `performance.now()`; nothing here needs a clock.

use std::cell::RefCell;

use dramatis_core::kb::Kb;
use dramatis_core::tagger::Tagger;
use dramatis_core::{analyze, Options};

const SAMPLE: &str = include_str!("../../../assets/samples/karabakh-2020.txt");

thread_local! {
    static DOC: RefCell<Vec<Vec<String>>> = const { RefCell::new(Vec::new()) };
}

/// Parse the KB and the tagger model (first use); returns the model's table bits.
#[no_mangle]
pub extern "C" fn load() -> u32 {
    let _ = Kb::embedded();
    Tagger::embedded().model.bits as u32
}

/// A fresh parse of the KB tables (not the cached one); returns the people count.
#[no_mangle]
pub extern "C" fn parse_kb() -> u32 {
    Kb::parse_embedded().people.len() as u32
}

/// The sample article's sentences, repeated to about `tokens` tokens, as one
/// document; returns the token count.
#[no_mangle]
pub extern "C" fn prepare(tokens: u32) -> u32 {
    let sents: Vec<Vec<String>> = dramatis_core::propose::tagger_words(SAMPLE)
        .into_iter()
        .map(|s| s.into_iter().map(str::to_string).collect())
        .collect();
    let per: usize = sents.iter().map(Vec::len).sum::<usize>().max(1);
    let reps = (tokens as usize / per).max(1);
    let doc: Vec<Vec<String>> = sents.iter().cycle().take(sents.len() * reps).cloned().collect();
    let n = doc.iter().map(Vec::len).sum::<usize>();
    DOC.with(|d| *d.borrow_mut() = doc);
    n as u32
}

/// Tag the prepared document with the shipped model; returns the tags that are not O.
#[no_mangle]
pub extern "C" fn tag() -> u32 {
    DOC.with(|d| {
        let d = d.borrow();
        let doc: Vec<Vec<&str>> = d.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
        Tagger::embedded()
            .tag_document(&doc, Kb::embedded())
            .iter()
            .map(|(t, _)| t.iter().filter(|&&x| x != 0).count() as u32)
            .sum()
    })
}

/// The whole engine on the sample article; returns the number of mentions.
#[no_mangle]
pub extern "C" fn analyze_sample() -> u32 {
    let a = analyze(
        SAMPLE,
        &Options {
            date: Some("2020-10-14".into()),
            ..Default::default()
        },
    );
    a.mentions.len() as u32
}
