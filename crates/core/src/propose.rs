//! The trained tagger's proposals, merged into the recognizer's candidates.
//!
//! The tagger reads every sentence of the document (with document-level
//! features, so it runs after all blocks are tokenized, in slices of its own:
//! [`DocTagger::tag_some`]). Its spans then meet the candidates from the KB
//! and patterns ([`DocTagger::merge`]):
//! - a span no candidate touches becomes a new candidate (source `Tagger`),
//!   if it is confident enough and looks like a name;
//! - a span that covers only weak guesses (a capitalised run, a context
//!   guess; not a name that starts with a known given name) replaces them: the
//!   tagger extends them ("Hilda Okonkwo-Baptiste") or relabels them (a place
//!   read as a person; a run of capitals read as a person in prose stays one);
//! - where the KB or a pattern spoke (KB names, titles, organisation heads,
//!   acronyms), the tagger only extends, when sure, to a longer name of the
//!   same kind ("Fatah al-Islam" around the KB's "Fatah").
//! The document pass that follows tags every other occurrence of a name
//! found once, so the tagger's finds are consistent across the article.

use std::ops::Range;

use crate::kb::{FastMap, Kb};
use crate::lexicon as lx;
use crate::model::Label;
use crate::recognize::{entry_key, entry_label, Candidate, Source};
use crate::tagger::features::{add_doc_stats, word_infos, DocStats, Memory, WordInfo};
use crate::tagger::{spans_of, Tagger};
use crate::tokenize::{is_capitalised, TokKind, Token};

/// Confidence a new name needs (in prose; in headlines and all-caps blocks, more).
const NEW_NAME: f32 = 0.62;
const NEW_NAME_CAPS: f32 = 0.8;
/// Confidence a span needs to relabel or extend a weak guess.
const OVERRIDE: f32 = 0.75;
/// Confidence of "no name here" that drops a weak one-word guess.
const VETO: f32 = 0.9;

#[derive(Default)]
pub struct DocTagger {
    /// The sentences read so far: for each, the engine-token range of each
    /// of its words as the tagger sees them (see [`words_of`]).
    sentences: Vec<Vec<Range<usize>>>,
    infos: Vec<Vec<WordInfo>>,
    stats: FastMap<String, DocStats>,
    memory: Memory,
    /// Spans found: global token range, type index, confidence.
    spans: Vec<(Range<usize>, usize, f32)>,
    /// Tokens the tagger confidently left outside any name.
    sure_outside: Vec<bool>,
    next: usize,
}

impl DocTagger {
    /// Read the words of new sentences (call as blocks are tokenized).
    /// Sentences whose every name-like word the KB or a pattern already
    /// explained (`cands`: the candidates found in them) are not read: the
    /// tagger could add nothing there, and most of a long article is such.
    pub fn add_sentences(
        &mut self,
        text: &str,
        toks: &[Token],
        sents: &[Range<usize>],
        cands: &[Candidate],
        kb: &Kb,
    ) {
        let Some(first) = sents.first().map(|s| s.start) else {
            return;
        };
        let last = sents.last().map_or(first, |s| s.end);
        let mut explained = vec![false; last - first];
        for c in cands
            .iter()
            .filter(|c| !matches!(c.source, Source::Name | Source::Context))
        {
            for i in c.tok.clone() {
                if (first..last).contains(&i) {
                    explained[i - first] = true;
                }
            }
        }
        for s in sents {
            let needs_reading = s.clone().any(|i| {
                let t = &toks[i];
                let w = t.text(text);
                !explained[i - first]
                    && t.kind == TokKind::Word
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && !lx::is_calendar_or_function(w)
                    && !(t.sent_start && kb.is_common_word(w))
            });
            if !needs_reading {
                self.infos.push(Vec::new());
                self.sentences.push(Vec::new());
                continue;
            }
            let groups = words_of(text, toks, s.clone());
            let words: Vec<&str> = groups
                .iter()
                .map(|g| &text[toks[g.start].start..toks[g.end - 1].end])
                .collect();
            let infos = word_infos(&words, kb);
            add_doc_stats(&mut self.stats, &infos);
            self.infos.push(infos);
            self.sentences.push(groups);
        }
    }

    pub fn remaining_tokens(&self) -> usize {
        self.sentences[self.next..].iter().map(|s| s.len()).sum()
    }

    /// Tag sentences until about `budget` tokens were read; true when all are.
    pub fn tag_some(&mut self, tagger: &Tagger, budget: usize) -> bool {
        let stats = &self.stats;
        let mut used = 0;
        let mut buf: Vec<Vec<u32>> = Vec::new();
        while self.next < self.sentences.len() && used < budget {
            let s = &self.infos[self.next];
            let (tags, conf) = tagger.tag_sentence(s, stats, &mut self.memory, &mut buf);
            let groups = &self.sentences[self.next];
            if let Some(last) = groups.last() {
                if self.sure_outside.len() < last.end {
                    self.sure_outside.resize(last.end, false);
                }
            }
            for (g, (&t, &c)) in groups.iter().zip(tags.iter().zip(&conf)) {
                for i in g.clone() {
                    self.sure_outside[i] = t == 0 && c >= VETO;
                }
            }
            for sp in spans_of(&tags, &conf) {
                self.spans.push((
                    groups[sp.start].start..groups[sp.end - 1].end,
                    sp.kind,
                    sp.confidence,
                ));
            }
            used += s.len().max(1);
            self.next += 1;
        }
        self.next >= self.sentences.len()
    }

    /// Merge the spans into `cands` (sorted by start afterwards).
    /// `caps[i]` says whether token i is in a headline or all-caps block.
    pub fn merge(
        &self,
        text: &str,
        toks: &[Token],
        caps: &dyn Fn(usize) -> bool,
        cands: &mut Vec<Candidate>,
        kb: &Kb,
    ) {
        const NONE: u32 = u32::MAX;
        let mut owner: Vec<u32> = vec![NONE; toks.len()];
        for (ci, c) in cands.iter().enumerate() {
            for i in c.tok.clone() {
                owner[i] = ci as u32;
            }
        }
        // What the KB and patterns already call a surface elsewhere in the
        // document: a person's every name word, any other candidate's text.
        // (Keyed by slices of the text, values are candidate indices: no
        // allocation per candidate, which matters for multi-megabyte pastes.)
        let mut known: FastMap<&str, usize> = FastMap::default();
        for (ci, c) in cands.iter().enumerate() {
            if c.source == Source::Tagger {
                continue;
            }
            if c.label == Label::PERSON {
                for w in c.tok.clone().map(|i| toks[i].text(text)) {
                    if w.len() > 2 && is_capitalised(w) && !lx::is_name_particle(w) {
                        known.entry(w).or_insert(ci);
                    }
                }
            }
            known.entry(&text[c.start..c.end]).or_insert(ci);
        }
        let mut drop = vec![false; cands.len()];
        let mut add: Vec<Candidate> = Vec::new();
        for (r, kind, conf) in &self.spans {
            let (r, conf) = (r.clone(), *conf);
            let Some(mut label) = label_of(text, toks, &r, *kind) else {
                continue;
            };
            // "Chad Smith", "Paris Hilton": a given name (or a place name) and
            // an unknown surname is a person, whatever the place made the tagger think.
            let words: Vec<&str> = toks[r.clone()].iter().map(|t| t.text(text)).collect();
            if matches!(label, Label::GPE | Label::LOC | Label::ORG)
                && (2..=3).contains(&words.len())
                && (kb.is_given_name(words[0])
                    || (*kind == 2
                        && !kb.lookup(words[0]).is_empty()
                        && !kb.is_common_word(words[words.len() - 1])))
                && words[1..].iter().all(|w| {
                    is_capitalised(w)
                        && !lx::is_org_head(w)
                        && !lx::is_loc_head(w)
                        && !lx::is_gpe_head(w)
                })
                && kb.lookup(&words.join(" ")).is_empty()
            {
                label = Label::PERSON;
            }
            if !looks_like_name(&words, kb) {
                continue;
            }
            let touched: Vec<usize> = {
                let mut v: Vec<usize> = r
                    .clone()
                    .filter(|&i| owner[i] != NONE)
                    .map(|i| owner[i] as usize)
                    .collect();
                v.dedup();
                v
            };
            let surface = &text[toks[r.start].start..toks[r.end - 1].end];
            // Consistency with the rest of the article: "Carvajal" after "Dani
            // Carvajal" is that person, whatever the tagger guessed here.
            let (label, key) = match known.get(surface).filter(|_| touched.is_empty()) {
                Some(&ci) => (cands[ci].label, cands[ci].key.clone()),
                None => (label, key_for(label, surface)),
            };
            // A span the KB names exactly (pieces of "Kaja Kallas" joined) is
            // the KB's entry.
            // An all-caps span ("MOSCOW" in a dateline) is looked up title-cased.
            let kb_entry = kb.lookup(surface).first().copied().or_else(|| {
                crate::tokenize::is_shouted(surface)
                    .then(|| {
                        kb.lookup(&crate::tokenize::title_case(surface))
                            .first()
                            .copied()
                    })
                    .flatten()
            });
            let new = match kb_entry {
                Some(e) => Candidate {
                    tok: r.clone(),
                    start: toks[r.start].start,
                    end: toks[r.end - 1].end,
                    label: entry_label(kb, e),
                    source: Source::Kb(e),
                    confidence: 0.9,
                    key: entry_key(kb, e),
                },
                None => Candidate {
                    tok: r.clone(),
                    start: toks[r.start].start,
                    end: toks[r.end - 1].end,
                    label,
                    source: Source::Tagger,
                    confidence: (conf * 0.95).min(0.9),
                    key,
                },
            };
            if touched.is_empty() {
                let need = if caps(r.start) {
                    NEW_NAME_CAPS
                } else {
                    NEW_NAME
                };
                if conf >= need {
                    add.push(new);
                }
                continue;
            }
            let weak = touched.iter().all(|&ci| {
                matches!(
                    cands[ci].source,
                    Source::Name | Source::GivenName | Source::Context
                )
            });
            let inside = touched
                .iter()
                .all(|&ci| cands[ci].tok.start >= r.start && cands[ci].tok.end <= r.end);
            // A longer name around what the KB or a pattern found, of the same
            // kind ("Fatah al-Islam" around "Fatah"), when the tagger is sure.
            // ...or an organisation named after a place ("Karachi Stock Exchange");
            // pieces of one person's name join ("Muhammad al-Siddiq").
            let ends_in_title = words
                .last()
                .is_some_and(|w| lx::is_title_word(w) || lx::is_person_title(w));
            let extends_strong = !ends_in_title
                && touched.iter().all(|&ci| {
                    let inner = &cands[ci];
                    inner.tok.len() < r.len()
                        && (inner.label == label
                            || (label == Label::ORG
                                && matches!(inner.label, Label::GPE | Label::LOC)
                                && words
                                    .last()
                                    .is_some_and(|w| is_capitalised(w) && !kb.is_given_name(w))))
                })
                && (conf >= 0.9
                    || (conf >= OVERRIDE
                        && label == Label::PERSON
                        && touched.iter().all(|&ci| cands[ci].label == Label::PERSON)));
            // A city in a results line is a club ("Leeds 2 Chelsea 1").
            let number_at = |i: usize| toks.get(i).is_some_and(|t| t.kind == TokKind::Number);
            let club = label == Label::ORG
                && conf >= 0.9
                && touched.len() == 1
                && cands[touched[0]].tok == r
                && matches!(
                    cands[touched[0]].source,
                    Source::Kb(crate::kb::Entry::City(_) | crate::kb::Entry::Capital(_))
                )
                && (number_at(r.end) || (r.start > 0 && number_at(r.start - 1)));
            if !inside || conf < OVERRIDE || !(weak || extends_strong || club) {
                continue;
            }
            let same = touched.len() == 1 && cands[touched[0]].tok == r;
            if same && cands[touched[0]].label == label {
                continue; // confirmed
            }
            // A run of capitals in prose that the rules read as a person stays
            // one, unless the tagger's reading has evidence of its own: a place
            // the KB knows inside ("East Jerusalem"), or an organisation head.
            let evidence = words.iter().any(|w| {
                kb.lookup(w)
                    .iter()
                    .any(|e| e.is_country() || matches!(e, crate::kb::Entry::City(_)))
            }) || words.last().is_some_and(|w| lx::is_org_head(w));
            if same && !caps(r.start) && cands[touched[0]].label == Label::PERSON && !evidence {
                continue;
            }
            for &ci in &touched {
                drop[ci] = true;
            }
            add.push(new);
        }
        // A weak one-word guess where the tagger is sure there is no name
        // ("A top Democratic lawmaker") is dropped.
        for (ci, c) in cands.iter().enumerate() {
            if matches!(c.source, Source::Name | Source::Context)
                && c.tok.len() == 1
                && self.sure_outside.get(c.tok.start).copied().unwrap_or(false)
            {
                drop[ci] = true;
            }
        }
        let mut i = 0;
        cands.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
        cands.extend(add);
        cands.sort_by_key(|c| c.start);
    }
}

/// Every sentence of `text` as the tagger reads it inside the engine (blocks,
/// tokens, then [`words_of`]); for benchmarks and tools that time the tagger
/// alone.
pub fn tagger_words(text: &str) -> Vec<Vec<&str>> {
    let blocks: Vec<Range<usize>> = crate::ingest::blocks(text)
        .iter()
        .map(|b| b.start..b.end)
        .collect();
    let toks = crate::tokenize::tokenize(text, &blocks);
    toks.sentences
        .iter()
        .map(|s| {
            words_of(text, &toks.tokens, s.clone())
                .into_iter()
                .map(|g| &text[toks.tokens[g.start].start..toks.tokens[g.end - 1].end])
                .collect()
        })
        .collect()
}

/// The words of a sentence as the tagger was trained to see them (CoNLL
/// style): engine tokens joined by a bare hyphen are one word
/// ("1996-08-24", "al-Qaida", "Okonkwo-Baptiste", "U.S.-based").
fn words_of(text: &str, toks: &[Token], s: Range<usize>) -> Vec<Range<usize>> {
    let joinable = |t: &Token| matches!(t.kind, TokKind::Word | TokKind::Number);
    let mut out = Vec::new();
    let mut i = s.start;
    while i < s.end {
        let mut j = i + 1;
        while j + 1 < s.end
            && joinable(&toks[j - 1])
            && matches!(toks[j].text(text), "-" | "\u{2010}" | "\u{2011}")
            && !toks[j].space_before
            && !toks[j + 1].space_before
            && joinable(&toks[j + 1])
        {
            j += 2;
        }
        out.push(i..j);
        i = j;
    }
    out
}

/// The engine label for a tagger type; None for what is not an actor here.
fn label_of(text: &str, toks: &[Token], r: &Range<usize>, kind: usize) -> Option<Label> {
    let last = toks[r.end - 1].text(text);
    match kind {
        0 => Some(Label::PERSON),
        1 => Some(Label::ORG),
        2 => Some(if lx::is_loc_head(last) {
            Label::LOC
        } else {
            Label::GPE
        }),
        _ => {
            // MISC: only nationalities and groups ("Rohingya", "Kurds") are actors.
            let w = toks[r.start].text(text);
            let demonym = r.len() == 1
                && ["an", "ans", "ese", "ish", "is", "ic", "ics"]
                    .iter()
                    .any(|s| w.ends_with(s));
            demonym.then_some(Label::NORP)
        }
    }
}

/// A span the tagger proposes must hold a capitalised word that is not a
/// calendar or function word, and must not start or end on punctuation.
fn looks_like_name(words: &[&str], kb: &Kb) -> bool {
    let edge_ok = |w: &str| w.chars().next().is_some_and(char::is_alphanumeric);
    if !edge_ok(words[0]) || !edge_ok(words[words.len() - 1]) {
        return false;
    }
    words.iter().any(|w| {
        is_capitalised(w)
            && !lx::is_calendar_or_function(w)
            && !(words.len() == 1 && kb.is_common_word(w) && !w.chars().all(char::is_uppercase))
    })
}

fn key_for(label: Label, surface: &str) -> String {
    let s = surface.split_whitespace().collect::<Vec<_>>().join(" ");
    match label {
        Label::PERSON => format!("p:{s}"),
        Label::ORG => format!("org:{s}"),
        Label::GPE => format!("gpe:{s}"),
        Label::LOC => format!("loc:{s}"),
        Label::NORP => format!("norp:{s}"),
        other => format!("{}:{s}", other.as_str().to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Label, Options};

    fn mentions(text: &str, tagger: bool) -> Vec<(String, Label)> {
        let a = analyze(
            text,
            &Options {
                date: Some("2024-05-01".into()),
                tagger,
                ..Default::default()
            },
        );
        a.mentions
            .iter()
            .map(|m| (m.text.clone(), m.label))
            .collect()
    }

    #[test]
    fn the_tagger_adds_names_no_list_knows_and_keeps_them_consistent() {
        let text = "Hundreds protested in Kastelo on Tuesday. The chair of the Riverside Tenants Union, Hilda Okonkwo-Baptiste, said the landlord had ignored them.\n\nOkonkwo-Baptiste said the union would return to Kastelo next week.";
        let with = mentions(text, true);
        let has =
            |m: &[(String, Label)], t: &str, l: Label| m.iter().any(|(x, y)| x == t && *y == l);
        assert!(
            has(&with, "Hilda Okonkwo-Baptiste", Label::PERSON),
            "{with:?}"
        );
        assert!(
            has(&with, "Riverside Tenants Union", Label::ORG),
            "{with:?}"
        );
        // Found once, tagged everywhere: both mentions of the town and the surname.
        assert_eq!(
            with.iter()
                .filter(|(x, l)| x == "Kastelo" && *l == Label::GPE)
                .count(),
            2,
            "{with:?}"
        );
        assert!(has(&with, "Okonkwo-Baptiste", Label::PERSON), "{with:?}");
    }

    #[test]
    fn the_kb_wins_over_the_tagger() {
        // "Chad" the country stays the country; "Chad Smith" is a person.
        let m = mentions("King Abdullah II of Jordan met Chad Smith, a U.S. envoy, in Amman. Chad's government was not told.", true);
        assert!(
            m.contains(&("Chad Smith".to_string(), Label::PERSON)),
            "{m:?}"
        );
        assert!(m.contains(&("Chad".to_string(), Label::GPE)), "{m:?}");
        assert!(m.contains(&("Jordan".to_string(), Label::GPE)), "{m:?}");
    }

    #[test]
    fn tagger_mentions_carry_a_confidence() {
        let a = analyze(
            "Officials in Kastelo said the Merrow Valley Water Board had failed.",
            &Options::default(),
        );
        assert!(!a.mentions.is_empty());
        assert!(a
            .mentions
            .iter()
            .all(|m| m.confidence > 0.0 && m.confidence <= 1.0));
    }
}
