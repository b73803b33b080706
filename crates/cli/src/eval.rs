//! `dramatis eval`: precision, recall and F1 per label and micro-averaged, by
//! conlleval's rules (a name counts only with its exact span and type).
//!
//! ```text
//! dramatis eval --conll FILE [--system engine|tagger|rules] [--column N]
//! dramatis eval --heldout [--shared ../shared] [--system ...]
//! ```
//!
//! Labels are compared in four groups: PERSON, ORG, GPE+LOC (places and states,
//! CoNLL's LOC) and MISC (nationalities and other names). The headline number
//! is the micro average over PERSON, ORG and GPE+LOC.
//! Systems: `engine` (the full pipeline: tagger + KB + patterns, as `dramatis
//! tag` runs it), `tagger` (the trained model alone), `rules` (the pipeline
//! without the tagger).

use dramatis_core::kb::Kb;
use dramatis_core::tagger::{begin, inside, Tag, Tagger};

use crate::conll::token_tags;
use crate::corpus::{self, chunks, group_of, read_conll, Doc, Scheme};

pub const GROUPS: [&str; 4] = ["PERSON", "ORG", "GPE+LOC", "MISC"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum System {
    Engine,
    Tagger,
    Rules,
}

impl System {
    pub fn parse(s: &str) -> Result<System, String> {
        match s {
            "engine" => Ok(System::Engine),
            "tagger" => Ok(System::Tagger),
            "rules" => Ok(System::Rules),
            _ => Err(format!("unknown --system {s:?} (engine, tagger or rules)")),
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Counts {
    pub gold: [usize; 4],
    pub pred: [usize; 4],
    pub correct: [usize; 4],
    pub tokens: usize,
}

/// The labelled spans of a sentence's tags (conlleval's chunking).
fn tag_chunks(t: &[Tag]) -> Vec<(usize, usize, String)> {
    let names: Vec<String> = t
        .iter()
        .map(|&x| dramatis_core::tagger::tag_name(x))
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    chunks(&refs)
}

impl Counts {
    pub fn add(&mut self, gold: &[Tag], pred: &[Tag]) {
        let spans = |t: &[Tag]| {
            tag_chunks(t)
                .into_iter()
                .filter_map(|(s, e, ty)| Some((s, e, group_of(&ty)?)))
                .collect::<Vec<_>>()
        };
        let (g, p) = (spans(gold), spans(pred));
        for x in &g {
            self.gold[x.2] += 1;
        }
        for x in &p {
            self.pred[x.2] += 1;
            if g.contains(x) {
                self.correct[x.2] += 1;
            }
        }
        self.tokens += gold.len();
    }

    /// (precision, recall, F1) over the given groups.
    pub fn prf(&self, groups: &[usize]) -> (f64, f64, f64) {
        let sum = |a: &[usize; 4]| groups.iter().map(|&g| a[g]).sum::<usize>() as f64;
        let (g, p, c) = (sum(&self.gold), sum(&self.pred), sum(&self.correct));
        let pr = if p > 0.0 { c / p } else { 0.0 };
        let re = if g > 0.0 { c / g } else { 0.0 };
        let f = if pr + re > 0.0 {
            2.0 * pr * re / (pr + re)
        } else {
            0.0
        };
        (pr, re, f)
    }

    pub fn headline_f1(&self) -> f64 {
        self.prf(&[0, 1, 2]).2
    }

    pub fn report(&self) -> String {
        let mut s = format!(
            "{:<28} {:>6} {:>6} {:>7} {:>7} {:>7} {:>7}\n",
            "label", "gold", "pred", "correct", "P", "R", "F1"
        );
        let row = |s: &mut String, name: &str, groups: &[usize]| {
            let (p, r, f) = self.prf(groups);
            let sum = |a: &[usize; 4]| groups.iter().map(|&g| a[g]).sum::<usize>();
            s.push_str(&format!(
                "{:<28} {:>6} {:>6} {:>7} {:>7.3} {:>7.3} {:>7.3}\n",
                name,
                sum(&self.gold),
                sum(&self.pred),
                sum(&self.correct),
                p,
                r,
                f
            ));
        };
        for (g, name) in GROUPS.iter().enumerate() {
            row(&mut s, name, &[g]);
        }
        row(&mut s, "micro (PERSON ORG GPE+LOC)", &[0, 1, 2]);
        row(&mut s, "micro (all four)", &[0, 1, 2, 3]);
        s
    }
}

/// An engine label (`B-PERSON`, `I-GPE`) as a tagger tag.
fn engine_tag(label: &str) -> Tag {
    let Some((p, ty)) = label.split_once('-') else {
        return 0;
    };
    match group_of(ty) {
        Some(g) if p == "B" => begin(g),
        Some(g) => inside(g),
        None => 0,
    }
}

/// Predicted tags for every sentence of `docs` by `system`.
pub fn predict(docs: &[Doc], system: System, today: &str) -> Vec<Vec<Vec<Tag>>> {
    predict_with(docs, system, Tagger::embedded(), today)
}

fn predict_with(docs: &[Doc], system: System, tagger: &Tagger, today: &str) -> Vec<Vec<Vec<Tag>>> {
    let kb = Kb::embedded();
    docs.iter()
        .map(|d| match system {
            System::Tagger => {
                let words: Vec<Vec<&str>> = d
                    .iter()
                    .map(|s| s.words.iter().map(String::as_str).collect())
                    .collect();
                tagger
                    .tag_document(&words, kb)
                    .into_iter()
                    .map(|(t, _)| t)
                    .collect()
            }
            System::Engine | System::Rules => {
                let mut text = String::new();
                let mut spans = vec![];
                for s in d {
                    for (i, w) in s.words.iter().enumerate() {
                        if i > 0 {
                            text.push(' ');
                        }
                        spans.push((text.len(), text.len() + w.len()));
                        text.push_str(w);
                    }
                    text.push('\n');
                }
                let tags = token_tags(&text, &spans, today, system == System::Engine);
                let mut k = 0;
                d.iter()
                    .map(|s| {
                        let t = tags[k..k + s.words.len()]
                            .iter()
                            .map(|l| engine_tag(l))
                            .collect();
                        k += s.words.len();
                        t
                    })
                    .collect()
            }
        })
        .collect()
}

/// Scores of a given model alone (for `dramatis train`).
pub fn score_with(docs: &[Doc], tagger: &Tagger) -> Counts {
    count(docs, &predict_with(docs, System::Tagger, tagger, ""))
}

pub fn score(docs: &[Doc], system: System, today: &str) -> Counts {
    count(docs, &predict(docs, system, today))
}

/// Wrong spans, one per line: `FP`/`FN`, type, the span in brackets in its sentence.
pub fn errors(docs: &[Doc], system: System, today: &str) -> String {
    let pred = predict(docs, system, today);
    let mut out = String::new();
    let spans = tag_chunks;
    for (d, p) in docs.iter().zip(&pred) {
        for (s, t) in d.iter().zip(p) {
            let (g, q) = (spans(&s.tags), spans(t));
            let show = |(a, b, ty): &(usize, usize, String), kind: &str| {
                let lo = a.saturating_sub(6);
                let hi = (b + 6).min(s.words.len());
                format!(
                    "{kind} {ty:<5} {} [{}] {}\n",
                    s.words[lo..*a].join(" "),
                    s.words[*a..*b].join(" "),
                    s.words[*b..hi].join(" ")
                )
            };
            for x in &q {
                if !g.contains(x) {
                    out.push_str(&show(x, "FP"));
                }
            }
            for x in &g {
                if !q.contains(x) {
                    out.push_str(&show(x, "FN"));
                }
            }
        }
    }
    out
}

fn count(docs: &[Doc], pred: &[Vec<Vec<Tag>>]) -> Counts {
    let mut c = Counts::default();
    for (d, p) in docs.iter().zip(pred) {
        for (s, t) in d.iter().zip(p) {
            c.add(&s.tags, t);
        }
    }
    c
}

/// `eval --conll FILE`: gold from the file's label column.
pub fn conll_file(
    text: &str,
    column: Option<usize>,
    system: System,
    today: &str,
    show_errors: bool,
) -> Result<String, String> {
    let raw = read_conll(text, column)?;
    let gmb = raw
        .iter()
        .flatten()
        .flatten()
        .any(|(_, l)| l.ends_with("-geo") || l.ends_with("-tim"));
    let scheme = if gmb { Scheme::Gmb } else { Scheme::Standard };
    let kb = Kb::embedded();
    let docs: Vec<Doc> = raw
        .iter()
        .map(|d| {
            d.iter()
                .map(|s| corpus::map_sentence(s, scheme, kb))
                .collect()
        })
        .collect();
    if show_errors {
        return Ok(errors(&docs, system, today));
    }
    let c = score(&docs, system, today);
    Ok(format!(
        "{} documents, {} tokens, system {:?}\n{}",
        docs.len(),
        c.tokens,
        system,
        c.report()
    ))
}

/// `eval --heldout`: the held-out splits of the training corpora.
pub fn heldout(
    shared: &std::path::Path,
    system: System,
    today: &str,
    show_errors: bool,
) -> Result<String, String> {
    let corpora = corpus::load(shared, Kb::embedded())?;
    let mut out = String::new();
    if show_errors {
        for (name, docs) in &corpora.heldout {
            out.push_str(&format!(
                "== errors in {name}\n{}",
                errors(docs, system, today)
            ));
        }
        return Ok(out);
    }
    let mut all = Counts::default();
    for (name, docs) in &corpora.heldout {
        let c = score(docs, system, today);
        out.push_str(&format!(
            "== {name}: {} documents, {} tokens, system {system:?}\n{}\n",
            docs.len(),
            c.tokens,
            c.report()
        ));
        for g in 0..4 {
            all.gold[g] += c.gold[g];
            all.pred[g] += c.pred[g];
            all.correct[g] += c.correct[g];
        }
        all.tokens += c.tokens;
    }
    out.push_str(&format!(
        "== all held-out sets: {} tokens\n{}",
        all.tokens,
        all.report()
    ));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_spans_only() {
        let mut c = Counts::default();
        // gold: [Vladimir Putin]PER in [Moscow]LOC; pred: [Putin]PER in [Moscow]LOC
        let gold = [begin(0), inside(0), 0, begin(2)];
        let pred = [0, begin(0), 0, begin(2)];
        c.add(&gold, &pred);
        assert_eq!(c.correct, [0, 0, 1, 0]);
        let (p, r, f) = c.prf(&[0, 1, 2]);
        assert_eq!((p, r, f), (0.5, 0.5, 0.5));
        assert!(c.report().contains("micro (PERSON ORG GPE+LOC)"));
    }

    #[test]
    fn engine_labels_map_to_groups() {
        assert_eq!(engine_tag("B-PERSON"), begin(0));
        assert_eq!(engine_tag("I-GPE"), inside(2));
        assert_eq!(engine_tag("B-NORP"), begin(3));
        assert_eq!(engine_tag("O"), 0);
    }
}
