//! Synthetic newswire forms the training corpora lack: datelines ("MOSCOW
//! 1996-08-22", "Paris , Oct 14 ( Reuters ) -"), sports results and standings
//! ("Leeds 2 Chelsea 1", "Ajax 12 8 3 1 25 9 27"), athletics results
//! ("1. Haile Gebrselassie ( Ethiopia ) 12:44.39") and all-caps results
//! headers. Names come from the KB (cities, states, people), the shapes are
//! CoNLL-2003's conventions: a club named by its city is an ORG, a national
//! team named by its country a LOC. Deterministic: a fixed-seed generator.

use dramatis_core::kb::{CityKind, Kb};
use dramatis_core::tagger::{begin, inside, Tag};

use crate::corpus::{Doc, Sentence};

const AGENCIES: &[&str] = &[
    "Reuters",
    "AP",
    "AFP",
    "Xinhua",
    "TASS",
    "Anadolu",
    "dpa",
    "Bloomberg",
    "UPI",
    "Kyodo",
];
const MONTHS: &[&str] = &[
    "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec",
];
const CLUB_SUFFIX: &[&str] = &[
    "United",
    "City",
    "FC",
    "Athletic",
    "Rovers",
    "Wanderers",
    "Town",
    "Albion",
];
const SPORTS: &[&str] = &[
    "SOCCER",
    "RUGBY UNION",
    "BASKETBALL",
    "ICE HOCKEY",
    "CRICKET",
    "HANDBALL",
];
const TABLE_WORDS: &[&str] = &[
    "FIRST DIVISION RESULTS",
    "LEAGUE STANDINGS",
    "CUP RESULTS",
    "SUMMARIES",
];

/// Syllables for made-up names: the tagger must learn the shapes of wire
/// copy, not only the names the KB already knows.
const SYLLABLES: &[&str] = &[
    "bran", "vik", "fjord", "by", "mol", "de", "trom", "dal", "kar", "sten", "ul", "ri", "ka",
    "no", "va", "ber", "lin", "dor", "ast", "el", "mor", "tan", "zi", "ha", "mi", "to", "sa", "gu",
    "ren", "ol", "mar", "ko", "bu", "ta", "ni", "wen", "ford", "ham", "berg", "stad", "ov", "ska",
    "ja",
];

fn made_up(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    let mut w: String = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
    if let Some(f) = w.get(..1) {
        w = f.to_uppercase() + &w[1..];
    }
    w
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A sentence built from pieces, each a text and its type (None = O).
fn sentence(parts: &[(String, Option<usize>)]) -> Sentence {
    let mut words = vec![];
    let mut tags: Vec<Tag> = vec![];
    for (text, ty) in parts {
        for (k, w) in text.split_whitespace().enumerate() {
            words.push(w.to_string());
            tags.push(match ty {
                Some(t) if k == 0 => begin(*t),
                Some(t) => inside(*t),
                None => 0,
            });
        }
    }
    Sentence { words, tags }
}

fn o(s: impl Into<String>) -> (String, Option<usize>) {
    (s.into(), None)
}

const PER: usize = 0;
const ORG: usize = 1;
const LOC: usize = 2;
const MISC: usize = 3;

/// `n` documents of each form.
pub fn documents(kb: &Kb, n: usize) -> Vec<Doc> {
    let mut rng = Rng(0x0d47_e11e_5eed);
    let cities: Vec<&str> = kb
        .cities
        .iter()
        .filter(|c| c.kind == CityKind::City && !c.name.contains(['(', ')']))
        .map(|c| c.name)
        .collect();
    let states: Vec<&dramatis_core::kb::Country> =
        kb.countries.iter().filter(|c| c.is_state()).collect();
    let people: Vec<&str> = kb
        .people
        .iter()
        .map(|p| p.name)
        .filter(|n| n.split_whitespace().count() >= 2)
        .collect();
    if cities.is_empty() || states.is_empty() || people.is_empty() {
        return vec![];
    }
    let mut docs = Vec::new();
    for _ in 0..n {
        // A dateline, in capitals or not, then (sometimes) the agency.
        let city = if rng.below(2) == 0 {
            rng.pick(&cities).to_string()
        } else {
            made_up(&mut rng)
        };
        let caps = rng.below(3) > 0;
        let place = if caps {
            city.to_uppercase()
        } else {
            city.clone()
        };
        let s = match rng.below(3) {
            0 => sentence(&[
                (place, Some(LOC)),
                o(format!(
                    "{}-{:02}-{:02}",
                    1990 + rng.below(35),
                    1 + rng.below(12),
                    1 + rng.below(28)
                )),
            ]),
            1 => sentence(&[
                (place, Some(LOC)),
                o(format!(", {} {} (", rng.pick(MONTHS), 1 + rng.below(28))),
                (rng.pick(AGENCIES).to_string(), Some(ORG)),
                o(") -"),
            ]),
            _ => sentence(&[
                (place, Some(LOC)),
                o("("),
                (rng.pick(AGENCIES).to_string(), Some(ORG)),
                o(") -"),
            ]),
        };
        docs.push(vec![s]);

        // A results table: a header, then match lines and standings.
        let st = rng.pick(&states);
        let mut doc = vec![];
        if let Some(dem) = st.demonyms.first() {
            doc.push(sentence(&[
                o(format!("{} -", rng.pick(SPORTS))),
                (dem.to_uppercase(), Some(MISC)),
                o(rng.pick(TABLE_WORDS).to_string()),
                o("."),
            ]));
        }
        let national = rng.below(4) == 0;
        let team = |rng: &mut Rng| -> (String, Option<usize>) {
            if national {
                (rng.pick(&states).name.to_string(), Some(LOC))
            } else {
                let base = if rng.below(2) == 0 {
                    rng.pick(&cities).to_string()
                } else {
                    made_up(rng)
                };
                if rng.below(2) == 0 {
                    (base, Some(ORG))
                } else {
                    (format!("{base} {}", rng.pick(CLUB_SUFFIX)), Some(ORG))
                }
            }
        };
        for _ in 0..4 {
            let (a, b) = (team(&mut rng), team(&mut rng));
            doc.push(sentence(&[
                a,
                o(rng.below(5).to_string()),
                b,
                o(rng.below(5).to_string()),
            ]));
        }
        for _ in 0..3 {
            let t = team(&mut rng);
            let nums: Vec<String> = (0..7).map(|_| rng.below(40).to_string()).collect();
            doc.push(sentence(&[t, o(nums.join(" "))]));
        }
        docs.push(doc);

        // Athletics-style results: rank, athlete, country, time.
        let mut doc = vec![];
        for rank in 1..=3 {
            let st = rng.pick(&states);
            doc.push(sentence(&[
                o(format!("{rank}.")),
                (
                    if rng.below(2) == 0 {
                        rng.pick(&people).to_string()
                    } else {
                        format!("{} {}", made_up(&mut rng), made_up(&mut rng))
                    },
                    Some(PER),
                ),
                o("("),
                (st.name.to_string(), Some(LOC)),
                o(")"),
                o(format!(
                    "{}:{:02}.{:02}",
                    1 + rng.below(30),
                    rng.below(60),
                    rng.below(100)
                )),
            ]));
        }
        docs.push(doc);
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_deterministic_and_tagged() {
        let kb = Kb::embedded();
        let a = documents(kb, 5);
        let b = documents(kb, 5);
        assert_eq!(a.len(), 15);
        let flat = |d: &[Doc]| -> Vec<(Vec<String>, Vec<Tag>)> {
            d.iter()
                .flatten()
                .map(|s| (s.words.clone(), s.tags.clone()))
                .collect()
        };
        assert_eq!(flat(&a), flat(&b));
        for s in a.iter().flatten() {
            assert_eq!(s.words.len(), s.tags.len());
            assert!(s.tags.iter().any(|&t| t != 0), "{:?}", s.words);
        }
    }
}
