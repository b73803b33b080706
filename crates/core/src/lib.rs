//! Dramatis engine: finds the actors of a news article and describes them.
//!
//! Pipeline (one module per stage): [`ingest`] → [`tokenize`] → [`recognize`]
//! → [`resolve`] → [`describe`]. The single output is [`Analysis`]. The
//! engine has no web dependencies and no clock: callers pass today's date.
//!
//! [`Job`] runs the same pipeline in slices, so a browser can analyse a
//! multi-megabyte paste without freezing and show progress.

pub mod date;
pub mod describe;
pub mod gazetteer;
pub mod ingest;
pub mod kb;
pub mod lexicon;
pub mod model;
pub mod offsets;
pub mod propose;
pub mod recognize;
pub mod resolve;
pub mod tagger;
pub mod tokenize;

pub use model::*;

use kb::Kb;
use recognize::{Candidate, Recognizer};
use tokenize::Tokens;

/// Options for one analysis.
#[derive(Clone, Debug)]
pub struct Options {
    /// The article's date (YYYY-MM-DD). When `None`, a date stated in the
    /// text is used, else `today`.
    pub date: Option<String>,
    /// Today's date (YYYY-MM-DD), supplied by the caller (the engine has no clock).
    pub today: Option<String>,
    /// How to match KB names: with the gazetteer automaton (built on first
    /// use), with it only if already built, or with the KB's hash table.
    /// All three give the same result; they differ only in speed.
    pub automaton: Automaton,
    /// Whether the trained tagger proposes names the KB and patterns do not
    /// know (on by default).
    pub tagger: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            date: None,
            today: None,
            automaton: Automaton::Build,
            tagger: true,
        }
    }
}

impl Options {
    /// Today's date given, the article's date found in the text, the tagger on.
    pub fn new(today: &str) -> Options {
        Options {
            date: None,
            today: Some(today.to_string()),
            automaton: Automaton::Build,
            tagger: true,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Automaton {
    #[default]
    Build,
    IfReady,
    Off,
}

/// Analyse one article.
pub fn analyze(text: &str, opts: &Options) -> Analysis {
    let mut job = Job::new(text, opts.clone());
    while !job.step(usize::MAX) {}
    job.finish()
}

/// An analysis in progress: [`Job::step`] tokenizes and recognizes a slice
/// of blocks; [`Job::finish`] runs the document-level stages.
pub struct Job {
    text: String,
    opts: Options,
    blocks: Vec<ingest::RawBlock>,
    tokens: Tokens,
    casing: Vec<recognize::Casing>,
    cands: Vec<Candidate>,
    next_block: usize,
    prepared: bool,
    /// The trained tagger's reading (when `opts.tagger`).
    tagging: Option<propose::DocTagger>,
}

impl Job {
    pub fn new(text: &str, opts: Options) -> Job {
        let blocks = ingest::blocks(text);
        let opts_tagger = opts.tagger;
        Job {
            text: text.to_string(),
            opts,
            blocks,
            tokens: Tokens::default(),
            casing: vec![],
            cands: vec![],
            next_block: 0,
            prepared: false,
            tagging: opts_tagger.then(propose::DocTagger::default),
        }
    }

    fn gazetteer(&self) -> Option<&'static gazetteer::Gazetteer> {
        match self.opts.automaton {
            Automaton::Build => Some(gazetteer::Gazetteer::embedded()),
            Automaton::IfReady => gazetteer::Gazetteer::ready(),
            Automaton::Off => None,
        }
    }

    /// Total bytes of the text, and bytes processed so far (for progress).
    /// With the tagger on, reading the blocks is the first half and tagging
    /// the second (measured in tokens left).
    pub fn progress(&self) -> (usize, usize) {
        let read = if self.next_block >= self.blocks.len() {
            self.text.len()
        } else {
            self.blocks[self.next_block].start
        };
        match &self.tagging {
            None => (read, self.text.len()),
            Some(t) if self.next_block < self.blocks.len() => (read, self.text.len() * 2),
            Some(t) => {
                let total = self.tokens.tokens.len().max(1);
                let left = t.remaining_tokens().min(total);
                (
                    self.text.len() + self.text.len() * (total - left) / total,
                    self.text.len() * 2,
                )
            }
        }
    }

    /// Process blocks until at least `budget_bytes` of text were handled.
    /// Returns `true` when all blocks are done.
    pub fn step(&mut self, budget_bytes: usize) -> bool {
        let kb = Kb::embedded();
        let mut used = 0;
        while self.next_block < self.blocks.len() && used < budget_bytes {
            let b = self.blocks[self.next_block].clone();
            let first_tok = self.tokens.tokens.len();
            let first_sent = self.tokens.sentences.len();
            tokenize::tokenize_block(
                &self.text,
                b.start..b.end,
                self.next_block as u32,
                &mut self.tokens,
            );
            let casing = recognize::block_casing(
                &self.text,
                &self.tokens.tokens[first_tok..],
                b.kind == BlockKind::Title,
            );
            self.casing.push(casing);
            let rec = Recognizer::new(&self.text, &self.tokens.tokens, kb, self.gazetteer());
            let first_cand = self.cands.len();
            for s in &self.tokens.sentences[first_sent..] {
                rec.sentence(s.clone(), casing, &mut self.cands);
            }
            if let Some(t) = &mut self.tagging {
                t.add_sentences(
                    &self.text,
                    &self.tokens.tokens,
                    &self.tokens.sentences[first_sent..],
                    &self.cands[first_cand..],
                    kb,
                );
            }
            used += b.end - b.start;
            self.next_block += 1;
        }
        if self.next_block < self.blocks.len() {
            return false;
        }
        match &mut self.tagging {
            // About 6 bytes of text per token.
            Some(t) => t.tag_some(
                tagger::Tagger::embedded(),
                (budget_bytes.saturating_sub(used) / 6).max(1),
            ),
            None => true,
        }
    }

    /// The document-level recognition pass (acronyms, names found once,
    /// context). [`Job::finish`] runs it if the caller has not, so a browser
    /// can yield between the two halves of the final work.
    pub fn prepare(&mut self) {
        while !self.step(usize::MAX) {}
        if self.prepared {
            return;
        }
        let kb = Kb::embedded();
        let rec = Recognizer::new(&self.text, &self.tokens.tokens, kb, None);
        self.cands.sort_by_key(|c| c.start);
        if let Some(t) = &self.tagging {
            let toks = &self.tokens.tokens;
            let casing = &self.casing;
            let caps = |i: usize| {
                casing
                    .get(toks[i].block as usize)
                    .is_some_and(|c| *c != recognize::Casing::Normal)
            };
            t.merge(&self.text, toks, &caps, &mut self.cands, kb);
        }
        rec.document_pass(&mut self.cands);
        self.prepared = true;
    }

    pub fn finish(mut self) -> Analysis {
        self.prepare();
        let kb = Kb::embedded();
        let text = &self.text;
        let cands = std::mem::take(&mut self.cands);
        let (date, date_source) =
            if let Some(d) = self.opts.date.clone().filter(|d| date::is_iso_date(d)) {
                (d, DateSource::Given)
            } else if let Some(d) = date::find_date(text, &self.tokens.tokens) {
                (d, DateSource::Text)
            } else {
                (
                    self.opts.today.clone().unwrap_or_default(),
                    DateSource::Today,
                )
            };
        let (drafts, actor_of) = resolve::resolve(&cands, kb, text, &date);
        let desc =
            describe::Describer::new(text, &self.tokens, &cands, &actor_of, &drafts).describe();
        let mut a = build_analysis(
            std::mem::take(&mut self.text),
            date,
            &self.blocks,
            &cands,
            &actor_of,
            &drafts,
            &desc,
            kb,
        );
        a.date_source = date_source;
        a
    }
}

#[allow(clippy::too_many_arguments)]
fn build_analysis(
    text: String,
    date: String,
    blocks: &[ingest::RawBlock],
    cands: &[Candidate],
    actor_of: &[usize],
    drafts: &[resolve::ActorDraft],
    desc: &[describe::Description],
    kb: &Kb,
) -> Analysis {
    let map = offsets::CharMap::new(&text);
    let ids: Vec<String> = (0..drafts.len()).map(|i| format!("a{}", i + 1)).collect();
    let mentions: Vec<Mention> = cands
        .iter()
        .zip(actor_of)
        .map(|(c, &a)| Mention {
            start: map.char_at(c.start),
            end: map.char_at(c.end),
            text: text[c.start..c.end].to_string(),
            label: c.label,
            actor: ids[a].clone(),
            confidence: (c.confidence * 100.0).round() / 100.0,
            byte_start: c.start,
            byte_end: c.end,
        })
        .collect();
    let actors: Vec<Actor> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let de = &desc[i];
            let flag_code = if d.kind == Kind::State {
                d.country.clone()
            } else {
                de.affiliation
                    .and_then(|a| drafts[a].country.clone())
                    .or(d.country.clone())
            };
            Actor {
                id: ids[i].clone(),
                name: d.name.clone(),
                kind: d.kind,
                label: d.label,
                mentions: d.mentions.clone(),
                roles: de.roles.clone(),
                affiliation: de.affiliation.map(|a| ids[a].clone()),
                kb: d.kb.clone(),
                quotes: de
                    .quotes
                    .iter()
                    .map(|&(s, e)| Quote {
                        text: text[s..e].to_string(),
                        start: map.char_at(s),
                        end: map.char_at(e),
                    })
                    .collect(),
                flag: flag_code
                    .and_then(|c| kb.country(&c))
                    .and_then(|c| c.flag()),
                salience: de.salience,
            }
        })
        .collect();
    let title = blocks
        .first()
        .filter(|b| b.kind == BlockKind::Title)
        .map(|b| {
            text[b.start..b.end]
                .trim_start_matches('#')
                .trim()
                .to_string()
        });
    let blocks = blocks
        .iter()
        .map(|b| Block {
            kind: b.kind,
            start: map.char_at(b.start),
            end: map.char_at(b.end),
            byte_start: b.start,
            byte_end: b.end,
        })
        .collect();
    Analysis {
        schema: SCHEMA.to_string(),
        text,
        date,
        date_source: DateSource::Today,
        title,
        blocks,
        mentions,
        actors,
        relations: vec![],
    }
}
