//! The gazetteer automaton and the KB's hash table must find the same
//! names: the reader analyses its first article before the automaton is
//! built, and every later one with it.

use std::fs;
use std::path::Path;

use dramatis_core::{analyze, Automaton, Options};

#[test]
fn automaton_and_hash_table_agree_on_every_test_article() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles");
    let mut texts: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    texts.push(
        fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/samples/karabakh-2020.txt"),
        )
        .unwrap(),
    );
    texts.push(
        fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kb_links/sentences.tsv"),
        )
        .unwrap(),
    );
    assert!(texts.len() >= 10);
    for t in &texts {
        let opts = |automaton| Options {
            date: Some("2024-01-01".into()),
            today: None,
            automaton,
            tagger: true,
        };
        let with = analyze(t, &opts(Automaton::Build));
        let without = analyze(t, &opts(Automaton::Off));
        assert_eq!(
            with.mentions,
            without.mentions,
            "mentions differ in {}",
            &t[..60.min(t.len())]
        );
        assert_eq!(with.actors, without.actors);
    }
}
