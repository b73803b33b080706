//! Reading CoNLL-style corpora and mapping their tag schemes to the tagger's
//! four types (PER, ORG, LOC, MISC), with the fixed train/held-out splits
//! `dramatis train` and `dramatis eval --heldout` use.
//!
//! - any CoNLL file: token in column 1; the NER column is found by its labels
//!   (or given); IOB1, IOB2 and BIOES are read by conlleval's rules;
//!   `-DOCSTART-` lines split documents, whether they open or close them.
//! - GMB (VOA news, silver): `per` spans lose leading titles ("President"),
//!   `org` and `geo` spans the KB knows take the KB's type ("Afghanistan" is
//!   LOC, "U.N." ORG, as CoNLL has them),
//!   `gpe` is a demonym (MISC) unless the KB knows it as a place (LOC),
//!   `tim`/`nat` are dropped, `art`/`eve` are MISC. No document boundaries:
//!   every 10 sentences count as one document. Held out: the last 10 %.
//! - GUM (Wikinews, interviews, academic; CC-BY part only): train+dev for
//!   training, test held out (scored apart: Wikinews news and interviews, academic).
//! - wikigold (Wikipedia): every fifth document held out.

use std::path::Path;

use dramatis_core::kb::{Entry, Kb};
use dramatis_core::lexicon as lx;
use dramatis_core::tagger::{begin, inside, Tag};

/// A sentence with gold tags in the tagger's scheme.
#[derive(Clone, Debug)]
pub struct Sentence {
    pub words: Vec<String>,
    pub tags: Vec<Tag>,
}

pub type Doc = Vec<Sentence>;

/// A token line of a CoNLL file: the token and its label (`O`, `B-PER`, ...).
pub type RawSentence = Vec<(String, String)>;

/// Split a CoNLL file into documents of sentences of (token, label).
/// `column` is the 0-based label column; None finds it.
pub fn read_conll(text: &str, column: Option<usize>) -> Result<Vec<Vec<RawSentence>>, String> {
    let lines: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    let col = match column {
        Some(c) => c,
        None => find_label_column(&lines)?,
    };
    let mut docs: Vec<Vec<RawSentence>> = vec![vec![]];
    let mut sent: RawSentence = vec![];
    for (n, f) in lines.iter().enumerate() {
        if f.first().is_some_and(|t| *t == "-DOCSTART-") {
            if !sent.is_empty() {
                docs.last_mut().unwrap().push(std::mem::take(&mut sent));
            }
            if !docs.last().unwrap().is_empty() {
                docs.push(vec![]);
            }
            continue;
        }
        if f.is_empty() {
            if !sent.is_empty() {
                docs.last_mut().unwrap().push(std::mem::take(&mut sent));
            }
            continue;
        }
        let label = f
            .get(col)
            .ok_or(format!("line {}: no column {}", n + 1, col + 1))?;
        sent.push((f[0].to_string(), label.to_string()));
    }
    if !sent.is_empty() {
        docs.last_mut().unwrap().push(sent);
    }
    docs.retain(|d| !d.is_empty());
    Ok(docs)
}

/// The column whose values look most like NER labels (`O`, `B-PER`, `I-geo`),
/// preferring the later one on a tie (CoNLL-2003 has chunk tags before NER).
fn find_label_column(lines: &[Vec<&str>]) -> Result<usize, String> {
    let width = lines
        .iter()
        .filter(|f| !f.is_empty() && f[0] != "-DOCSTART-")
        .map(|f| f.len())
        .min()
        .unwrap_or(0);
    if width < 2 {
        return Err("no label column: expected `token ... TAG` lines".into());
    }
    let mut best = (0usize, 0usize);
    for c in 1..width {
        let mut score = 0;
        for f in lines.iter().filter(|f| f.len() > c && f[0] != "-DOCSTART-") {
            let v = f[c];
            if v == "O" {
                score += 1;
            } else if let Some((_, ty)) = v.split_once('-') {
                if v.len() > 2
                    && matches!(&v[..2], "B-" | "I-" | "E-" | "S-")
                    && group_of(ty).is_some()
                {
                    score += 2;
                }
            }
        }
        if score >= best.0 && score > 0 {
            best = (score, c);
        }
    }
    if best.0 == 0 {
        return Err("no column of NER labels (O, B-PER, I-LOC, ...) found".into());
    }
    Ok(best.1)
}

/// A label's type in the tagger's scheme: 0 PER, 1 ORG, 2 LOC, 3 MISC; None for
/// types that are not names (dates, numbers).
pub fn group_of(ty: &str) -> Option<usize> {
    match ty.to_ascii_uppercase().as_str() {
        "PER" | "PERSON" | "PERS" => Some(0),
        "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(1),
        "LOC" | "GPE" | "GEO" | "LOCATION" | "FAC" | "PLACE" => Some(2),
        "MISC" | "NORP" | "EVENT" | "EVE" | "ART" | "PRODUCT" | "WORK_OF_ART" | "LAW"
        | "LANGUAGE" => Some(3),
        _ => None,
    }
}

/// Labelled spans (start, end, type string) by conlleval's rules: a chunk
/// starts at B-/S-, at I-/E- after O or another type, and ends before the next start.
pub fn chunks(labels: &[&str]) -> Vec<(usize, usize, String)> {
    let mut out: Vec<(usize, usize, String)> = vec![];
    let mut open: Option<(usize, String)> = None;
    for (i, l) in labels.iter().enumerate() {
        let (prefix, ty) = match l.split_once('-') {
            Some((p, t)) if *l != "O" => (p, t.to_string()),
            _ => ("O", String::new()),
        };
        let starts = match prefix {
            "B" | "S" => true,
            "I" | "E" => !matches!(&open, Some((_, t)) if *t == ty),
            _ => false,
        };
        if prefix == "O" || starts {
            if let Some((s, t)) = open.take() {
                out.push((s, i, t));
            }
        }
        if starts {
            open = Some((i, ty.clone()));
        }
        if matches!(prefix, "E" | "S") {
            if let Some((s, t)) = open.take() {
                out.push((s, i + 1, t));
            }
        }
    }
    if let Some((s, t)) = open {
        out.push((s, labels.len(), t));
    }
    out
}

/// What a corpus's label types mean in the tagger's scheme.
#[derive(Clone, Copy, PartialEq)]
pub enum Scheme {
    /// CoNLL/OntoNotes names: PER, ORG, LOC, MISC, GPE, NORP, ...
    Standard,
    /// GMB: geo, gpe (mostly demonyms), per with titles, org, tim, art, eve, nat.
    Gmb,
}

/// Map a raw sentence to gold tags.
pub fn map_sentence(raw: &RawSentence, scheme: Scheme, kb: &Kb) -> Sentence {
    let words: Vec<String> = raw.iter().map(|(w, _)| w.clone()).collect();
    let labels: Vec<&str> = raw.iter().map(|(_, l)| l.as_str()).collect();
    let mut tags = vec![0 as Tag; words.len()];
    for (mut s, e, ty) in chunks(&labels) {
        let group = match scheme {
            Scheme::Standard => group_of(&ty),
            Scheme::Gmb => match ty.as_str() {
                "per" => {
                    while s < e - 1 && is_title(&words[s]) {
                        s += 1;
                    }
                    Some(0)
                }
                "org" | "geo" => {
                    kb_type(&words[s..e], kb).or(Some(if ty == "org" { 1 } else { 2 }))
                }
                "gpe" => {
                    let text = words[s..e].join(" ");
                    let place = kb.lookup(&text).iter().any(|x| {
                        matches!(
                            x,
                            Entry::CountryName(_) | Entry::Capital(_) | Entry::City(_)
                        )
                    });
                    Some(if place { 2 } else { 3 })
                }
                "art" | "eve" => Some(3),
                _ => None,
            },
        };
        if let Some(g) = group {
            tags[s] = begin(g);
            for t in &mut tags[s + 1..e] {
                *t = inside(g);
            }
        }
    }
    Sentence { words, tags }
}

/// The type the KB gives a name when all its entries agree (GMB's silver
/// labels often call a state or a city `org`, a person `geo`).
fn kb_type(words: &[String], kb: &Kb) -> Option<usize> {
    let text = words.join(" ");
    let mut types = kb.lookup(&text).iter().map(|e| match e {
        Entry::Person(_) => 0,
        Entry::OrgName(_) | Entry::OrgAcronym(_) => 1,
        Entry::CountryName(_) | Entry::Capital(_) | Entry::City(_) => 2,
        Entry::Demonym(_) => 3,
        Entry::Metonym(_) => 1,
    });
    let first = types.next()?;
    types.all(|t| t == first).then_some(first)
}

fn is_title(w: &str) -> bool {
    let bare = w.trim_end_matches('.');
    lx::is_title_word(w)
        || lx::is_title_word(bare)
        || lx::is_person_title(w)
        || lx::is_person_title(bare)
        || lx::is_rank(bare)
}

/// The corpora in `<shared>/data/ner`, split into training documents and
/// named held-out sets.
pub struct Corpora {
    pub train: Vec<(String, Vec<Doc>)>,
    pub heldout: Vec<(String, Vec<Doc>)>,
}

pub fn load(shared: &Path, kb: &Kb) -> Result<Corpora, String> {
    let ner = shared.join("data").join("ner");
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let map_docs = |docs: Vec<Vec<RawSentence>>, scheme: Scheme| -> Vec<Doc> {
        docs.iter()
            .map(|d| d.iter().map(|s| map_sentence(s, scheme, kb)).collect())
            .collect()
    };

    // GMB: one run of sentences; documents of 10; the last 10 % held out.
    let gmb = read(&ner.join("gmb-voa").join("gmb_voa.conll"))?;
    let gmb_sents: Vec<RawSentence> = read_conll(&gmb, Some(2))?.into_iter().flatten().collect();
    let cut = gmb_sents.len() * 9 / 10;
    let gmb_docs = |s: &[RawSentence]| -> Vec<Doc> {
        s.chunks(10)
            .map(|c| c.iter().map(|x| map_sentence(x, Scheme::Gmb, kb)).collect())
            .collect()
    };

    let gum = ner.join("gum");
    let mut gum_train = map_docs(
        read_conll(&read(&gum.join("gum_ccby.train.conll"))?, Some(2))?,
        Scheme::Standard,
    );
    gum_train.extend(map_docs(
        read_conll(&read(&gum.join("gum_ccby.dev.conll"))?, Some(2))?,
        Scheme::Standard,
    ));
    let gum_test = map_docs(
        read_conll(&read(&gum.join("gum_ccby.test.conll"))?, Some(2))?,
        Scheme::Standard,
    );
    // docs.tsv lists the documents in file order; Wikinews (news, interview) apart from academic.
    let genres: Vec<String> = read(&gum.join("docs.tsv"))?
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| f.len() > 3 && f[2] == "test" && f[3] == "ccby")
        .map(|f| f[1].to_string())
        .collect();
    if genres.len() != gum_test.len() {
        return Err(format!(
            "gum docs.tsv lists {} ccby test documents, the file has {}",
            genres.len(),
            gum_test.len()
        ));
    }
    let (mut gum_news, mut gum_academic) = (vec![], vec![]);
    for (d, g) in gum_test.into_iter().zip(&genres) {
        if g == "academic" {
            gum_academic.push(d);
        } else {
            gum_news.push(d);
        }
    }

    let wiki = map_docs(
        read_conll(
            &read(&ner.join("wikigold").join("wikigold.conll.txt"))?,
            Some(1),
        )?,
        Scheme::Standard,
    );
    let (mut wiki_train, mut wiki_test) = (vec![], vec![]);
    for (i, d) in wiki.into_iter().enumerate() {
        if i % 5 == 4 {
            wiki_test.push(d);
        } else {
            wiki_train.push(d);
        }
    }
    Ok(Corpora {
        train: vec![
            ("gmb-voa".into(), gmb_docs(&gmb_sents[..cut])),
            ("gum-ccby".into(), gum_train),
            ("wikigold".into(), wiki_train),
        ],
        heldout: vec![
            ("gmb-voa (last 10 %)".into(), gmb_docs(&gmb_sents[cut..])),
            ("gum-ccby test, Wikinews".into(), gum_news),
            ("gum-ccby test, academic".into(), gum_academic),
            ("wikigold (every 5th doc)".into(), wiki_test),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_follow_conlleval() {
        let c = chunks(&["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"]);
        assert_eq!(
            c,
            vec![
                (0, 2, "PER".to_string()),
                (3, 4, "LOC".to_string()),
                (4, 5, "LOC".to_string()),
                (5, 6, "ORG".to_string())
            ]
        );
        assert_eq!(chunks(&["S-PER", "B-ORG", "E-ORG"]).len(), 2);
    }

    #[test]
    fn finds_the_ner_column_and_documents() {
        let conll2003 = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\n-DOCSTART- -X- -X- O\n\nPeter NNP B-NP B-PER\n";
        let docs = read_conll(conll2003, None).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0][0][0], ("EU".to_string(), "B-ORG".to_string()));
        // wikigold: the marker closes a document.
        let wiki = "A I-PER\nB O\n\n-DOCSTART- O\nC I-LOC\n\n-DOCSTART- O\n";
        assert_eq!(read_conll(wiki, None).unwrap().len(), 2);
        assert!(read_conll("just words\nno tags\n", None).is_err());
    }

    #[test]
    fn gmb_titles_and_demonyms() {
        let kb = Kb::embedded();
        let raw: RawSentence = [
            ("President", "B-per"),
            ("Hamid", "I-per"),
            ("Karzai", "I-per"),
            ("met", "O"),
            ("British", "B-gpe"),
            ("and", "O"),
            ("Pakistan", "B-gpe"),
            ("officials", "O"),
            ("Monday", "B-tim"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let s = map_sentence(&raw, Scheme::Gmb, kb);
        assert_eq!(
            s.tags,
            vec![0, begin(0), inside(0), 0, begin(3), 0, begin(2), 0, 0]
        );
    }
}
