//! Describe: per actor, roles and affiliation from the text, quotes
//! attributed to it, and salience.
//!
//! Roles come from title runs before a name (`Russian Foreign Minister Sergey
//! Lavrov` → `Foreign Minister`, affiliated with Russia; `his Turkish
//! counterpart Recep Tayyip Erdoğan` → the other leader's role, Turkey) and
//! from appositions (`Nikol Pashinyan, Armenia's prime minister,`).

use std::collections::HashMap;
use std::ops::Range;

use crate::lexicon as lx;
use crate::model::{Label, Quote};
use crate::recognize::Candidate;
use crate::resolve::ActorDraft;
use crate::tokenize::{TokKind, Token, Tokens};

#[derive(Clone, Debug, Default)]
pub struct Description {
    pub roles: Vec<String>,
    /// Index of the actor this one is affiliated with.
    pub affiliation: Option<usize>,
    /// ISO code of an affiliated state found in the text but not mentioned as an actor.
    pub quotes: Vec<(usize, usize)>,
    pub salience: f32,
}

pub struct Describer<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub sentences: &'a [Range<usize>],
    pub cands: &'a [Candidate],
    pub actor_of: &'a [usize],
    pub drafts: &'a [ActorDraft],
    /// Candidate index covering each token.
    tok_cand: Vec<Option<usize>>,
    sent_of: Vec<usize>,
    by_key: HashMap<&'a str, usize>,
}

const HONORIFICS: &[&str] = &[
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "sir",
    "dame",
    "lady",
    "lord",
    "prof.",
    "professor",
];

/// `Sen.` → `Senator` (titles in roles read better in full).
fn expand_abbreviation(l: &str) -> Option<&'static str> {
    Some(match l {
        "sen." => "Senator",
        "rep." => "Representative",
        "gov." => "Governor",
        "gen." => "General",
        "lt." => "Lieutenant",
        "col." => "Colonel",
        "maj." => "Major",
        "capt." => "Captain",
        "sgt." => "Sergeant",
        "adm." => "Admiral",
        "brig." => "Brigadier",
        "cmdr." => "Commander",
        "prof." => "Professor",
        "pres." => "President",
        _ => return None,
    })
}

fn titlecase_role(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| {
            let l = w.to_lowercase();
            if l == "of" || l == "-" {
                l
            } else if l == "ceo" {
                "CEO".into()
            } else if let Some(full) = expand_abbreviation(&l) {
                full.into()
            } else {
                let mut c = l.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" - ", "-")
}

impl<'a> Describer<'a> {
    pub fn new(
        text: &'a str,
        tokens: &'a Tokens,
        cands: &'a [Candidate],
        actor_of: &'a [usize],
        drafts: &'a [ActorDraft],
    ) -> Self {
        let mut tok_cand = vec![None; tokens.tokens.len()];
        for (i, c) in cands.iter().enumerate() {
            for t in c.tok.clone() {
                tok_cand[t] = Some(i);
            }
        }
        let mut sent_of = vec![0; tokens.tokens.len()];
        for (si, s) in tokens.sentences.iter().enumerate() {
            for t in s.clone() {
                sent_of[t] = si;
            }
        }
        let by_key = drafts
            .iter()
            .enumerate()
            .map(|(i, d)| (d.key.as_str(), i))
            .collect();
        Describer {
            text,
            toks: &tokens.tokens,
            sentences: &tokens.sentences,
            cands,
            actor_of,
            drafts,
            tok_cand,
            sent_of,
            by_key,
        }
    }

    fn t(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    fn actor_by_key(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    fn sent(&self, tok: usize) -> Range<usize> {
        self.sentences[self.sent_of[tok]].clone()
    }

    /// Actor of a state-like mention (GPE/NORP/ORG) covering token `k`.
    fn affiliate_at(&self, k: usize) -> Option<usize> {
        let ci = self.tok_cand[k]?;
        matches!(self.cands[ci].label, Label::GPE | Label::NORP | Label::ORG)
            .then(|| self.actor_of[ci])
    }

    /// Affiliation just before token `j`: `Russian …`, `Armenia's …`.
    fn affiliation_before(&self, j: usize, lo: usize) -> Option<usize> {
        if j <= lo {
            return None;
        }
        let k = j - 1;
        if self.toks[k].kind == TokKind::Possessive && k > lo {
            return self.affiliate_at(k - 1);
        }
        self.affiliate_at(k)
    }

    /// Title run right before a person mention. Returns (role words, start token).
    fn role_before(&self, c: &Candidate) -> Option<(Vec<&'a str>, usize)> {
        let s = self.sent(c.tok.start);
        let mut j = c.tok.start;
        while j > s.start {
            let k = j - 1;
            let w = self.t(k);
            let tk = self.toks[k];
            let word_ok =
                tk.kind == TokKind::Word && lx::is_title_word(w) && self.tok_cand[k].is_none();
            let joiner = (w == "-" && !tk.space_before)
                || (w == "of"
                    && j < c.tok.start
                    && k > s.start
                    && lx::is_title_word(self.t(k - 1)));
            if word_ok || joiner {
                j = k;
            } else {
                break;
            }
        }
        let mut words: Vec<&str> = (j..c.tok.start)
            .map(|i| self.t(i))
            .filter(|w| !HONORIFICS.contains(&w.to_lowercase().as_str()))
            .collect();
        // "chief of staff Gen." → the office; a bare rank stays the role.
        while words.len() > 1
            && words.last().is_some_and(|w| lx::is_rank(w))
            && !matches!(
                words[words.len() - 2].to_lowercase().as_str(),
                "attorney"
                    | "secretary"
                    | "solicitor"
                    | "surgeon"
                    | "inspector"
                    | "director"
                    | "governor"
                    | "consul"
                    | "postmaster"
            )
        {
            words.pop();
        }
        if words.len() == 1 && words[0].ends_with('.') && lx::is_rank(words[0]) {
            words[0] = match words[0].to_lowercase().as_str() {
                "gen." => "General",
                "lt." => "Lieutenant",
                "col." => "Colonel",
                "maj." => "Major",
                "capt." => "Captain",
                "sgt." => "Sergeant",
                "adm." => "Admiral",
                "brig." => "Brigadier",
                _ => "Commander",
            };
        }
        if words.is_empty() && c.tok.start >= s.start + 2 && self.t(c.tok.start - 1) == "," {
            // "His incoming Middle East envoy, Steve Witkoff,"
            let mut k = c.tok.start - 1;
            while k > s.start
                && self.toks[k - 1].kind == TokKind::Word
                && lx::is_title_word(self.t(k - 1))
                && self.tok_cand[k - 1].is_none()
            {
                k -= 1;
            }
            if k < c.tok.start - 1 && lx::is_person_title(self.t(c.tok.start - 2)) {
                return Some(((k..c.tok.start - 1).map(|i| self.t(i)).collect(), k));
            }
        }
        (!words.is_empty()).then_some((words, j))
    }

    /// Before a role phrase: an optional determiner, then an optional state
    /// or organisation (`a`, `the`, `Armenia's`, `Turkish`). Returns where
    /// the role words start and the affiliated actor.
    fn role_lead_in(&self, mut j: usize, end: usize) -> (usize, Option<usize>) {
        if j < end
            && matches!(
                self.t(j).to_lowercase().as_str(),
                "a" | "an" | "the" | "his" | "her" | "its"
            )
        {
            j += 1;
        }
        let mut affil = None;
        if let Some(ci) = self.tok_cand.get(j).copied().flatten().filter(|_| j < end) {
            if matches!(self.cands[ci].label, Label::GPE | Label::NORP | Label::ORG) {
                affil = Some(self.actor_of[ci]);
                j = self.cands[ci].tok.end;
                if j < end && self.toks[j].kind == TokKind::Possessive {
                    j += 1;
                }
            }
        }
        (j, affil)
    }

    /// `Name, [a|the] [Country's|Demonym] role words [of|for X],`
    fn role_after(&self, c: &Candidate) -> Option<(Vec<&'a str>, Option<usize>)> {
        let s = self.sent(c.tok.end.saturating_sub(1));
        let j = c.tok.end;
        if j >= s.end || self.t(j) != "," {
            return None;
        }
        let (mut j, mut affil) = self.role_lead_in(j + 1, s.end);
        let rs = j;
        while j < s.end
            && self.toks[j].kind == TokKind::Word
            && (lx::is_title_word(self.t(j))
                || (self.t(j) == "of" && j + 1 < s.end && lx::is_title_word(self.t(j + 1))))
        {
            j += 1;
        }
        if j == rs {
            return None;
        }
        let words: Vec<&str> = (rs..j).map(|i| self.t(i)).collect();
        if j < s.end && matches!(self.t(j), "of" | "for" | "at" | "to") {
            // "leader of the main opposition Democratic Party"
            let mut k = j + 1;
            while k < s.end
                && k < j + 6
                && self.tok_cand[k].is_none()
                && self.toks[k].kind == TokKind::Word
                && self.t(k).chars().next().is_some_and(char::is_lowercase)
            {
                k += 1;
            }
            if affil.is_none() && k < s.end {
                affil = self.affiliate_at(k);
            }
        } else if j < s.end
            && !matches!(
                self.t(j),
                "," | "." | ";" | ")" | "said" | "says" | "and" | "who" | "told"
            )
        {
            return None;
        }
        Some((words, affil))
    }

    /// `Name was sworn in as Pakistan's prime minister`, `Name, named as the new envoy`.
    fn role_as(&self, c: &Candidate) -> Option<(Vec<&'a str>, Option<usize>)> {
        let s = self.sent(c.tok.end.saturating_sub(1));
        let mut j = c.tok.end;
        let limit = (j + 8).min(s.end);
        while j < limit && self.t(j) != "as" {
            if self.tok_cand[j].is_some_and(|ci| self.cands[ci].label == Label::PERSON) {
                return None;
            }
            j += 1;
        }
        if j >= limit {
            return None;
        }
        let (mut j, affil) = self.role_lead_in(j + 1, s.end);
        let rs = j;
        while j < s.end && self.toks[j].kind == TokKind::Word && lx::is_title_word(self.t(j)) {
            j += 1;
        }
        // The run must end in an office (prime minister, envoy), not a bare modifier.
        if j == rs || !lx::is_person_title(self.t(j - 1)) {
            return None;
        }
        Some(((rs..j).map(|i| self.t(i)).collect(), affil))
    }

    pub fn describe(&self) -> Vec<Description> {
        let mut out = vec![Description::default(); self.drafts.len()];
        // Roles and affiliations, mention by mention.
        let mut last_role_in_sent: HashMap<usize, (usize, String)> = HashMap::new();
        for (ci, c) in self.cands.iter().enumerate() {
            let ai = self.actor_of[ci];
            let d = &mut out[ai];
            match c.label {
                Label::PERSON => {
                    let si = self.sent_of[c.tok.start];
                    if let Some((words, j)) = self.role_before(c) {
                        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                        let mut role = titlecase_role(&words);
                        if lower.iter().any(|w| w == "counterpart") {
                            match last_role_in_sent.get(&si) {
                                Some((other, r)) if *other != ai => role = r.clone(),
                                _ => role.clear(),
                            }
                        }
                        let lo = self.sent(c.tok.start).start;
                        let aff = self.affiliation_before(j, lo);
                        if !role.is_empty() {
                            if !d.roles.contains(&role) {
                                d.roles.push(role.clone());
                            }
                            last_role_in_sent.insert(si, (ai, role));
                        }
                        if d.affiliation.is_none() && aff != Some(ai) {
                            d.affiliation = aff;
                        }
                    } else if d.affiliation.is_none() {
                        let lo = self.sent(c.tok.start).start;
                        let aff = self.affiliation_before(c.tok.start, lo);
                        if aff != Some(ai) {
                            d.affiliation = aff;
                        }
                    }
                    if let Some((words, aff)) = self.role_after(c).or_else(|| self.role_as(c)) {
                        let role = titlecase_role(&words);
                        if !role.is_empty() && !d.roles.contains(&role) {
                            d.roles.push(role);
                        }
                        if d.affiliation.is_none() && aff != Some(ai) {
                            d.affiliation = aff;
                        }
                    }
                }
                // Known organisations take their home country from the KB
                // (`Turkey's NATO partners` does not make NATO Turkish).
                Label::ORG if self.drafts[ai].kb.is_none() => {
                    if d.affiliation.is_none() {
                        // A country word inside the name (Russian Foreign Ministry)…
                        let inner = c
                            .tok
                            .clone()
                            .filter_map(|k| {
                                let w = self.t(k);
                                let e = crate::kb::Kb::embedded()
                                    .lookup(w)
                                    .iter()
                                    .find(|e| {
                                        matches!(
                                            e,
                                            crate::kb::Entry::Demonym(_)
                                                | crate::kb::Entry::CountryName(_)
                                        )
                                    })
                                    .copied()?;
                                Some(e)
                            })
                            .next();
                        if let Some(
                            crate::kb::Entry::Demonym(i) | crate::kb::Entry::CountryName(i),
                        ) = inner
                        {
                            let code = &crate::kb::Kb::embedded().countries[i as usize].code;
                            d.affiliation = self.actor_by_key(&format!("c:{code}"));
                        }
                    }
                    if d.affiliation.is_none() {
                        // … or before it: Turkey's state-run Anadolu, Turkish broadcaster Habertürk.
                        let lo = self.sent(c.tok.start).start;
                        let mut j = c.tok.start;
                        let mut steps = 0;
                        while j > lo && steps < 5 {
                            let k = j - 1;
                            let tk = self.toks[k];
                            if self.tok_cand[k].is_some() || tk.kind == TokKind::Possessive {
                                break;
                            }
                            let w = self.t(k);
                            if !(w == "-"
                                || (tk.kind == TokKind::Word
                                    && w.chars().next().is_some_and(char::is_lowercase)))
                            {
                                break;
                            }
                            j = k;
                            steps += 1;
                        }
                        let aff = self.affiliation_before(j, lo);
                        if aff != Some(ai)
                            && aff.is_some_and(|a| matches!(self.drafts[a].label, Label::GPE))
                        {
                            d.affiliation = aff;
                        }
                    }
                }
                _ => {}
            }
        }
        // KB affiliations (an outlet's home country, a capital's state).
        for (ai, dr) in self.drafts.iter().enumerate() {
            if out[ai].affiliation.is_none() && dr.kind != crate::model::Kind::State {
                if let Some(code) = &dr.country {
                    let k = format!("c:{code}");
                    if dr.key != k {
                        out[ai].affiliation = self.actor_by_key(&k);
                    }
                }
            }
        }
        self.quotes(&mut out);
        self.salience(&mut out);
        out
    }

    fn salience(&self, out: &mut [Description]) {
        let first_block = self
            .toks
            .iter()
            .map(|t| t.block)
            .find(|_| true)
            .unwrap_or(0);
        let mut score = vec![0f32; self.drafts.len()];
        for (ci, c) in self.cands.iter().enumerate() {
            let b = self.toks[c.tok.start].block;
            let w = 1.0
                + if b == first_block { 1.0 } else { 0.0 }
                + if b <= first_block + 1 { 0.5 } else { 0.0 };
            score[self.actor_of[ci]] += w;
        }
        let max = score.iter().cloned().fold(0f32, f32::max).max(1.0);
        for (d, s) in out.iter_mut().zip(score) {
            d.salience = ((s / max) * 100.0).round() / 100.0;
        }
    }

    /// Quoted spans and their speakers.
    fn quotes(&self, out: &mut [Description]) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            let w = self.t(i);
            let straight = w == "\"";
            if !(w == "“"
                || straight
                || (w == "'"
                    && i + 1 < n
                    && self.t(i + 1) == "'"
                    && !self.toks[i + 1].space_before))
            {
                i += 1;
                continue;
            }
            let double_apos = w == "'";
            let open = if double_apos { i + 1 } else { i };
            // Find the closing mark in the same block.
            let block = self.toks[i].block;
            let mut j = open + 1;
            let mut close = None;
            while j < n && self.toks[j].block == block {
                let x = self.t(j);
                if x == "”"
                    || (straight && x == "\"")
                    || (x == "’" && j + 1 < n && self.t(j + 1) == "’")
                    || (x == "'" && j + 1 < n && self.t(j + 1) == "'")
                {
                    close = Some(j);
                    break;
                }
                if x == "“" {
                    break;
                }
                j += 1;
            }
            let Some(close) = close else {
                i += 1;
                continue;
            };
            let double_close = matches!(self.t(close), "’" | "'");
            let after = if double_close { close + 2 } else { close + 1 };
            if close > open + 3 {
                // A trailing comma belongs to the sentence, not the quote.
                let last = if self.t(close - 1) == "," {
                    close - 2
                } else {
                    close - 1
                };
                let (qs, qe) = (self.toks[open + 1].start, self.toks[last].end);
                if let Some(ai) = self.speaker(open, after) {
                    out[ai].quotes.push((qs, qe));
                }
            }
            i = after;
        }
    }

    fn mention_actor(&self, k: usize) -> Option<usize> {
        let ci = self.tok_cand[k]?;
        Some(self.actor_of[ci])
    }

    /// Speaker of a quote from `open` (quote mark) to `after` (first token after it).
    fn speaker(&self, open: usize, after: usize) -> Option<usize> {
        let n = self.toks.len();
        let block = self.toks[open].block;
        let at = |k: usize| (k < n && self.toks[k].block == block).then(|| self.t(k));
        // After the quote: [,] Name said | said Name | he said
        let mut k = after;
        if at(k) == Some(",") {
            k += 1;
        }
        if let Some(w) = at(k) {
            if let Some(a) = self.mention_actor(k) {
                let ci = self.tok_cand[k].unwrap();
                let e = self.cands[ci].tok.end;
                if at(e).is_some_and(lx::is_speech_verb) {
                    return Some(a);
                }
            }
            if lx::is_speech_verb(w) {
                if let Some(a) = at(k + 1).and_then(|_| self.mention_actor(k + 1)) {
                    return Some(a);
                }
            }
            if matches!(w, "he" | "she" | "He" | "She") && at(k + 1).is_some_and(lx::is_speech_verb)
            {
                return self.recent_person(open);
            }
        }
        // Before the quote, in the same sentence: Name said: "…" / Name said the two "…"
        let s = self.sent(open);
        let mut v = open;
        let mut steps = 0;
        while v > s.start && steps < 8 {
            v -= 1;
            steps += 1;
            if lx::is_speech_verb(self.t(v)) {
                let mut m = v;
                let mut back = 0;
                while m > s.start && back < 4 {
                    m -= 1;
                    back += 1;
                    if let Some(a) = self.mention_actor(m) {
                        return Some(a);
                    }
                    if matches!(self.t(m), "he" | "she") {
                        return self.recent_person(m);
                    }
                }
                return None;
            }
        }
        None
    }

    /// The person a pronoun most likely refers to: the latest person before
    /// `tok` who was the subject of a speech verb or began a sentence, else
    /// the latest person.
    fn recent_person(&self, tok: usize) -> Option<usize> {
        let mut fallback = None;
        let before = self.cands.partition_point(|c| c.tok.start < tok);
        for ci in (0..before).rev().take(400) {
            let c = &self.cands[ci];
            if c.label != Label::PERSON {
                continue;
            }
            let ai = self.actor_of[ci];
            let subj = self.toks[c.tok.start].sent_start
                || (c.tok.end < self.toks.len() && lx::is_speech_verb(self.t(c.tok.end)));
            if subj {
                return Some(ai);
            }
            fallback.get_or_insert(ai);
        }
        fallback
    }
}

/// The quotes of one actor as model values (char offsets filled in later).
pub fn quote_values(text: &str, spans: &[(usize, usize)]) -> Vec<Quote> {
    spans
        .iter()
        .map(|&(s, e)| Quote {
            text: text[s..e].to_string(),
            start: s,
            end: e,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Actor, Analysis, Options};

    fn run(t: &str) -> Analysis {
        analyze(t, &Options::default())
    }

    fn actor<'a>(a: &'a Analysis, name: &str) -> &'a Actor {
        a.actors.iter().find(|x| x.name == name).unwrap_or_else(|| {
            panic!(
                "no actor {name}: {:?}",
                a.actors.iter().map(|x| &x.name).collect::<Vec<_>>()
            )
        })
    }

    fn affiliation<'a>(a: &'a Analysis, x: &Actor) -> Option<&'a str> {
        x.affiliation
            .as_deref()
            .and_then(|id| a.actor(id))
            .map(|y| y.name.as_str())
    }

    #[test]
    fn roles_from_premodifiers_and_counterparts() {
        let a = run("Russian President Vladimir Putin and his Turkish counterpart Recep Tayyip Erdoğan spoke.");
        let p = actor(&a, "Vladimir Putin");
        assert_eq!(p.roles, ["President"]);
        assert_eq!(affiliation(&a, p), Some("Russia"));
        let e = actor(&a, "Recep Tayyip Erdoğan");
        assert_eq!(e.roles, ["President"]);
        assert_eq!(affiliation(&a, e), Some("Turkey"));
    }

    #[test]
    fn roles_from_appositions_and_possessives() {
        let a = run("Nikol Pashinyan, Armenia's prime minister, spoke. Turkey's Foreign Minister Mevlut Cavusoglu agreed.");
        let p = actor(&a, "Nikol Pashinyan");
        assert_eq!(p.roles, ["Prime Minister"]);
        assert_eq!(affiliation(&a, p), Some("Armenia"));
        let c = actor(&a, "Mevlut Cavusoglu");
        assert_eq!(c.roles, ["Foreign Minister"]);
        assert_eq!(affiliation(&a, c), Some("Turkey"));
    }

    #[test]
    fn quotes_go_to_their_speakers() {
        let a = run("Armenian Prime Minister Nikol Pashinyan spoke.\n\n\"We are facing a difficult situation,\" Pashinyan said. Azeri President Ilham Aliyev disagreed. Aliyev said Pashinyan was wrong. “There is a dictatorship in Armenia,’’ he said.");
        let p = actor(&a, "Nikol Pashinyan");
        assert_eq!(p.quotes.len(), 1);
        assert_eq!(p.quotes[0].text, "We are facing a difficult situation");
        let al = actor(&a, "Ilham Aliyev");
        assert_eq!(al.quotes.len(), 1, "{:?}", al.quotes);
        assert!(al.quotes[0].text.starts_with("There is a dictatorship"));
        // offsets are char offsets into the text
        let chars: Vec<char> = a.text.chars().collect();
        let q = &al.quotes[0];
        assert_eq!(chars[q.start..q.end].iter().collect::<String>(), q.text);
    }

    #[test]
    fn abbreviated_titles_read_in_full() {
        let a = run("Sen. Elizabeth Warren and Gen. Mark Milley spoke.");
        assert_eq!(actor(&a, "Elizabeth Warren").roles, ["Senator"]);
        assert_eq!(actor(&a, "Mark Milley").roles, ["General"]);
    }

    #[test]
    fn roles_with_as() {
        let a = run("Shehbaz Sharif was sworn in as Pakistan's prime minister on Monday.");
        let p = actor(&a, "Shehbaz Sharif");
        assert_eq!(p.roles, ["Prime Minister"]);
        assert_eq!(affiliation(&a, p), Some("Pakistan"));
    }

    #[test]
    fn outlets_take_the_country_before_them() {
        let a = run("Officials spoke to Kenyan broadcaster Citizen Television on Monday.");
        let o = actor(&a, "Citizen Television");
        assert_eq!(affiliation(&a, o), Some("Kenya"));
    }
}
