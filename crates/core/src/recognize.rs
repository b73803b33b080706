//! Recognize: mention candidates with labels, from three sources with a clear
//! precedence inside each capitalised chunk:
//!
//! 1. knowledge-base gazetteer (countries, demonyms, capitals, organisations),
//!    longest match first — except that an organisation pattern that *ends*
//!    further right (`Russian Foreign Ministry`, `Moscow Times`) wins;
//! 2. patterns: title + name (`President Vladimir Putin`), organisation and
//!    place head nouns (`Defence Ministry`, `Black Sea`), acronym in
//!    parentheses after its expansion;
//! 3. capitalised sequences for names no list knows, with rules for
//!    sentence-initial words and headlines.
//!
//! A final document-level pass tags every other occurrence of a name found
//! once (a later `Pashinyan`, `PUTIN` in an all-caps headline).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use std::cell::RefCell;

use crate::gazetteer::Gazetteer;
use crate::kb::{Entry, Kb};
use crate::lexicon as lx;
use crate::model::Label;
use crate::tokenize::{is_all_caps, is_capitalised, title_case, TokKind, Token, Tokens};

/// Where a candidate came from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Source {
    Kb(Entry),
    /// A capital city read as its state's government (`accused Ankara`).
    CapitalAsState(Entry),
    TitledName,
    GivenName,
    Name,
    OrgPattern,
    PlacePattern,
    Acronym,
    Known,
    Context,
    /// Proposed by the trained tagger (crates/core/src/propose.rs).
    Tagger,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Token index range.
    pub tok: Range<usize>,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub source: Source,
    pub confidence: f32,
    /// Resolution key: candidates with equal keys are one actor (persons are
    /// joined further by the resolver).
    pub key: String,
}

/// Per-block casing: in titles and all-caps blocks capitals are no evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Casing {
    Normal,
    Headline,
    AllCaps,
}

pub fn block_casing(text: &str, toks: &[Token], is_title: bool) -> Casing {
    let words: Vec<&str> = toks
        .iter()
        .filter(|t| t.kind == TokKind::Word)
        .map(|t| t.text(text))
        .collect();
    if words.is_empty() {
        return Casing::Normal;
    }
    let letters: Vec<char> = words
        .iter()
        .flat_map(|w| w.chars())
        .filter(|c| c.is_alphabetic())
        .collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    if letters.len() >= 8 && upper * 10 >= letters.len() * 8 {
        return Casing::AllCaps;
    }
    if is_title {
        return Casing::Headline;
    }
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() > 3).collect();
    let caps = long.iter().filter(|w| is_capitalised(w)).count();
    if long.len() >= 8 && caps * 10 >= long.len() * 9 {
        Casing::Headline
    } else {
        Casing::Normal
    }
}

pub struct Recognizer<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub kb: &'a Kb,
    gazetteer: Option<&'a Gazetteer>,
    /// Gazetteer matches of the sentence being read: for each token (from
    /// `first`), the exclusive end tokens of the KB forms starting there.
    matches: RefCell<SentenceMatches>,
}

#[derive(Default)]
struct SentenceMatches {
    first: usize,
    ends: Vec<Vec<usize>>,
}

impl<'a> Recognizer<'a> {
    /// With `gazetteer` the KB names of each sentence are found by one
    /// automaton scan; without, by hash lookups of token n-grams (same result).
    pub fn new(
        text: &'a str,
        toks: &'a [Token],
        kb: &'a Kb,
        gazetteer: Option<&'a Gazetteer>,
    ) -> Self {
        Recognizer {
            text,
            toks,
            kb,
            gazetteer,
            matches: RefCell::default(),
        }
    }

    /// Scan one sentence with the gazetteer automaton; keep matches that
    /// start and end on token boundaries.
    fn scan(&self, sent: Range<usize>, g: &Gazetteer) {
        let mut m = self.matches.borrow_mut();
        m.first = sent.start;
        m.ends.clear();
        m.ends.resize(sent.len(), Vec::new());
        if sent.is_empty() {
            return;
        }
        let toks = &self.toks[sent.clone()];
        let base = toks[0].start;
        let slice = &self.text[base..toks[toks.len() - 1].end];
        for (s, e) in g.find_all(slice) {
            let (s, e) = (s + base, e + base);
            let Ok(ts) = toks.binary_search_by_key(&s, |t| t.start) else {
                continue;
            };
            let Ok(te) = toks.binary_search_by_key(&e, |t| t.end) else {
                continue;
            };
            m.ends[ts].push(sent.start + te + 1);
        }
    }
}

fn norm_space(s: &str) -> Cow<'_, str> {
    if s.contains(|c: char| c.is_whitespace() && c != ' ') || s.contains("  ") {
        Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        Cow::Borrowed(s)
    }
}

pub fn entry_label(kb: &Kb, e: Entry) -> Label {
    match e {
        Entry::CountryName(_) | Entry::Capital(_) | Entry::City(_) => Label::GPE,
        Entry::Demonym(_) => Label::NORP,
        Entry::Metonym(_) => Label::ORG,
        Entry::OrgName(i) | Entry::OrgAcronym(i) => kb.orgs[i as usize].label,
        Entry::Person(_) => Label::PERSON,
    }
}

pub fn entry_key(kb: &Kb, e: Entry) -> String {
    match e {
        Entry::CountryName(i) | Entry::Demonym(i) => format!("c:{}", kb.countries[i as usize].code),
        Entry::Capital(i) => format!("city:{}", kb.countries[i as usize].code),
        Entry::Metonym(i) => format!("gov:{}", kb.countries[i as usize].code),
        Entry::City(i) => format!("city:{}", kb.cities[i as usize].name),

        Entry::OrgName(i) | Entry::OrgAcronym(i) => format!("o:{}", kb.orgs[i as usize].id),
        Entry::Person(i) => format!("p:{}", kb.people[i as usize].name),
    }
}

/// Preference among several KB entries for one surface form.
fn entry_rank(e: &Entry) -> u8 {
    match e {
        Entry::CountryName(_) => 0,
        Entry::OrgName(_) => 1,
        Entry::OrgAcronym(_) => 2,
        Entry::Demonym(_) => 3,
        Entry::Metonym(_) => 4,
        Entry::Capital(_) => 5,
        Entry::City(_) => 6,
        Entry::Person(_) => 7,
    }
}

impl<'a> Recognizer<'a> {
    fn t(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks[i].kind == TokKind::Word
    }

    fn span_text(&self, r: Range<usize>) -> Cow<'a, str> {
        norm_space(&self.text[self.toks[r.start].start..self.toks[r.end - 1].end])
    }

    fn is_cap_word(&self, i: usize, casing: Casing) -> bool {
        if !self.is_word(i) {
            return false;
        }
        let w = self.t(i);
        if casing == Casing::AllCaps {
            return w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
        }
        is_capitalised(w)
    }

    /// A word of three or more letters in capitals only ("MOSCOW", not "US").
    fn is_shouted(&self, i: usize) -> bool {
        self.toks[i].kind == TokKind::Word && crate::tokenize::is_shouted(self.t(i))
    }

    /// The KB entry for a token range, trying the title-cased form in all-caps text.
    fn kb_lookup(&self, r: Range<usize>, casing: Casing) -> Option<Entry> {
        let s = self.span_text(r);
        let mut best = self
            .kb
            .lookup(&s)
            .iter()
            .min_by_key(|e| entry_rank(e))
            .copied();
        if best.is_none() && casing == Casing::AllCaps {
            let tc = title_case(&s);
            best = self
                .kb
                .lookup(&tc)
                .iter()
                .min_by_key(|e| entry_rank(e))
                .copied();
        }
        best
    }

    /// Longest KB match starting at `pos` and ending inside `end`.
    fn kb_longest(&self, pos: usize, end: usize, casing: Casing) -> Option<(usize, Entry)> {
        // Normal text: the automaton's matches for this sentence.
        if casing != Casing::AllCaps {
            let m = self.matches.borrow();
            if pos >= m.first && pos < m.first + m.ends.len() {
                let best = m.ends[pos - m.first]
                    .iter()
                    .copied()
                    .filter(|&e| e <= end)
                    .max();
                if let Some(best) = best {
                    return self.kb_lookup(pos..best, casing).map(|e| (best, e));
                }
                return self.kb_shouted(pos, end);
            }
        }
        // ALL-CAPS text (and anything outside the scanned sentence): try
        // each token n-gram, title-cased, against the KB's hash table.
        let max = (self.kb.max_surface_tokens() * 2 + 1).min(end - pos);
        for len in (1..=max).rev() {
            let last = pos + len - 1;
            if !self.is_word(last) {
                continue;
            }
            if let Some(e) = self.kb_lookup(pos..pos + len, casing) {
                return Some((pos + len, e));
            }
        }
        if casing != Casing::AllCaps {
            return self.kb_shouted(pos, end);
        }
        None
    }

    /// All-caps words in ordinary text, as in a dateline ("MOSCOW (Reuters) -",
    /// "NEW DELHI, May 3"): the longest run from `pos` the KB knows title-cased.
    fn kb_shouted(&self, pos: usize, end: usize) -> Option<(usize, Entry)> {
        let run = (pos..end).take_while(|&k| self.is_shouted(k)).count();
        (1..=run.min(self.kb.max_surface_tokens()))
            .rev()
            .find_map(|len| {
                self.kb_lookup(pos..pos + len, Casing::AllCaps)
                    .map(|e| (pos + len, e))
            })
    }

    /// The capitalised chunks of a sentence: maximal runs of capitalised
    /// words joined by hyphens (no spaces) or connectors.
    fn chunks(&self, sent: Range<usize>, casing: Casing) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut i = sent.start;
        while i < sent.end {
            if !self.is_cap_word(i, casing) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            loop {
                if end >= sent.end {
                    break;
                }
                let tk = self.toks[end];
                if self.is_cap_word(end, casing) && (tk.space_before || self.t(end - 1) == "-") {
                    end += 1;
                    continue;
                }
                // Hyphen joining two capitalised words: Nagorno-Karabakh.
                if tk.kind == TokKind::Punct
                    && matches!(self.t(end), "-" | "‐")
                    && !tk.space_before
                    && end + 1 < sent.end
                    && !self.toks[end + 1].space_before
                    && self.is_cap_word(end + 1, casing)
                {
                    end += 1;
                    continue;
                }
                // Name particle glued by a hyphen: al-Burhan, el-Sisi.
                if tk.kind == TokKind::Word
                    && lx::is_name_particle(self.t(end))
                    && end + 2 < sent.end
                    && self.t(end + 1) == "-"
                    && !self.toks[end + 1].space_before
                    && !self.toks[end + 2].space_before
                    && self.is_cap_word(end + 2, casing)
                {
                    end += 2;
                    continue;
                }
                // A given-name syllable after a hyphen: Woo Won-shik, Lai Ching-te
                // (the chunk already holds a surname), or Tehreek-e-Insaf.
                if tk.kind == TokKind::Punct
                    && self.t(end) == "-"
                    && !tk.space_before
                    && end + 1 < sent.end
                    && !self.toks[end + 1].space_before
                    && self.toks[end + 1].kind == TokKind::Word
                {
                    let low = self.t(end + 1);
                    let glued_cap = end + 3 < sent.end
                        && self.t(end + 2) == "-"
                        && !self.toks[end + 3].space_before
                        && self.is_cap_word(end + 3, casing)
                        && low.chars().count() <= 3;
                    if glued_cap {
                        end += 3;
                        continue;
                    }
                    let prev_is_name = end - start >= 2
                        && self.is_cap_word(end - 1, casing)
                        && self.is_cap_word(end - 2, casing);
                    if prev_is_name
                        && low.chars().all(|c| c.is_lowercase())
                        && low.chars().count() <= 6
                        && !lx::is_compound_suffix(low)
                        && self.kb.lookup(self.t(end - 1)).is_empty()
                    {
                        end += 2;
                        continue;
                    }
                }
                // Possessive between capitalised words: People’s Liberation Army, Turkey’s NATO.
                if tk.kind == TokKind::Possessive
                    && end + 1 < sent.end
                    && self.is_cap_word(end + 1, casing)
                {
                    end += 1;
                    continue;
                }
                // Connectors (up to three: "von der", "for the") followed by a capitalised word.
                if tk.kind == TokKind::Word && lx::is_connector(self.t(end)) {
                    let mut k = end;
                    while k < sent.end
                        && k < end + 3
                        && self.toks[k].kind == TokKind::Word
                        && lx::is_connector(self.t(k))
                    {
                        k += 1;
                    }
                    if k < sent.end
                        && self.is_cap_word(k, casing)
                        && !lx::is_calendar_or_function(self.t(k))
                    {
                        end = k;
                        continue;
                    }
                }
                break;
            }
            // A word glued to a lower-case word by a hyphen (Turkish-backed)
            // still counts; the chunk simply ends before the hyphen.
            out.push(start..end);
            i = end;
        }
        out
    }

    /// Organisation head within reach: returns the exclusive end of an
    /// organisation pattern starting at `pos` (`Foreign Ministry`,
    /// `Ministry of Foreign Affairs`, `Moscow Times`).
    fn org_pattern_end(&self, pos: usize, end: usize, casing: Casing) -> Option<usize> {
        // Head first: Ministry of Defence, Bank of England, Organisation for Security ...
        if lx::is_org_head(self.t(pos))
            && pos + 2 < end
            && matches!(self.t(pos + 1), "of" | "for" | "on")
        {
            let k = if self.t(pos + 2) == "the" {
                pos + 3
            } else {
                pos + 2
            };
            if k < end && self.is_cap_word(k, casing) {
                return Some(end);
            }
        }
        let mut h = None;
        let mut j = pos;
        while j < end && j < pos + 7 {
            if (self.is_word(j) && lx::is_connector(self.t(j)))
                || self.toks[j].kind == TokKind::Possessive
            {
                break;
            }
            if self.is_word(j) && lx::is_org_head(self.t(j)) && j > pos {
                h = Some(j);
                // keep consuming consecutive heads: Armed Forces Command
                let mut k = j + 1;
                while k < end && self.is_word(k) && lx::is_org_head(self.t(k)) {
                    h = Some(k);
                    k += 1;
                }
                break;
            }
            // A person title before any head means this is a person's title.
            if self.is_word(j) && lx::is_person_title(self.t(j)) {
                break;
            }
            j += 1;
        }
        let h = h?;
        let mut e = h + 1;
        // "of Foreign Affairs", "for the Safeguard of the Homeland"
        if e + 1 < end && matches!(self.t(e), "of" | "for" | "on") {
            let k = if self.t(e + 1) == "the" { e + 2 } else { e + 1 };
            // …but not over another known organisation: Eastern Theater Command | of the People's Liberation Army
            let known_org = self
                .kb_longest(k.min(end - 1), end, casing)
                .is_some_and(|(_, en)| matches!(en, Entry::OrgName(_) | Entry::OrgAcronym(_)));
            if k < end && self.is_cap_word(k, casing) && !known_org {
                e = end;
            }
        }
        // "Cabinet Secretary" is a title, not an organisation.
        if e == h + 1
            && self.t(h).eq_ignore_ascii_case("cabinet")
            && e < end
            && lx::is_person_title(self.t(e))
        {
            return None;
        }
        Some(e)
    }

    fn title_run_end(&self, pos: usize, end: usize) -> usize {
        let mut j = pos;
        while j < end {
            if self.is_word(j) && lx::is_title_word(self.t(j)) {
                j += 1;
            } else if self.t(j) == "-" && j + 1 < end && lx::is_title_word(self.t(j + 1)) {
                j += 1;
            } else if self.t(j) == "of"
                && j + 1 < end
                && matches!(
                    self.t(j + 1),
                    "State"
                        | "Defence"
                        | "Defense"
                        | "Foreign"
                        | "Staff"
                        | "Justice"
                        | "Finance"
                        | "Health"
                        | "Interior"
                )
            {
                j += 2;
                while j < end
                    && self.is_word(j)
                    && matches!(self.t(j), "Affairs" | "and" | "Security")
                {
                    j += 1;
                }
            } else {
                break;
            }
        }
        j
    }

    fn is_common(&self, i: usize) -> bool {
        let w = self.t(i);
        lx::is_calendar_or_function(w) || self.kb.is_common_word(w)
    }

    /// Recognize one sentence's chunks.
    pub fn sentence(&self, sent: Range<usize>, casing: Casing, out: &mut Vec<Candidate>) {
        let mut m = self.matches.borrow_mut();
        m.ends.clear();
        drop(m);
        // The automaton matches forms as written with single spaces; a sentence
        // hard-wrapped over lines (or with odd spacing) goes the hash-table way,
        // which normalises whitespace.
        let plain_spacing = !sent.is_empty() && {
            let slice = &self.text[self.toks[sent.start].start..self.toks[sent.end - 1].end];
            !slice.contains(|c: char| c.is_whitespace() && c != ' ') && !slice.contains("  ")
        };
        if let (Some(g), true) = (self.gazetteer, casing != Casing::AllCaps && plain_spacing) {
            self.scan(sent.clone(), g);
        }
        for ch in self.chunks(sent.clone(), casing) {
            self.chunk(ch, sent.clone(), casing, out);
        }
    }

    fn push(
        &self,
        out: &mut Vec<Candidate>,
        r: Range<usize>,
        label: Label,
        source: Source,
        confidence: f32,
        key: String,
    ) {
        out.push(Candidate {
            start: self.toks[r.start].start,
            end: self.toks[r.end - 1].end,
            tok: r,
            label,
            source,
            confidence,
            key,
        });
    }

    fn chunk(
        &self,
        ch: Range<usize>,
        sent: Range<usize>,
        casing: Casing,
        out: &mut Vec<Candidate>,
    ) {
        let mut pos = ch.start;
        let mut after_title = ch.start > sent.start
            && self.is_word(ch.start - 1)
            && lx::is_title_word(self.t(ch.start - 1));
        while pos < ch.end {
            if !self.is_word(pos) || (lx::is_connector(self.t(pos)) && !is_capitalised(self.t(pos)))
            {
                pos += 1;
                continue;
            }
            let kb = self.kb_longest(pos, ch.end, casing);
            if kb.is_none()
                && matches!(
                    self.t(pos),
                    "The" | "A" | "An" | "This" | "That" | "These" | "Those" | "THE"
                )
            {
                pos += 1;
                continue;
            }
            let org = self.org_pattern_end(pos, ch.end, casing);
            // 1. Knowledge base, unless an organisation pattern reaches further.
            let kb = kb.filter(|&(kend, e)| {
                let place_word =
                    matches!(e, Entry::Capital(_) | Entry::CountryName(_)) && kend == pos + 1;
                let name_follows = kend < ch.end
                    && self.is_word(kend)
                    && is_capitalised(self.t(kend))
                    && !lx::is_connector(self.t(kend))
                    && self.toks[kend].space_before
                    && self.kb.lookup(self.t(kend)).is_empty()
                    && !lx::is_title_word(self.t(kend))
                    && !lx::is_org_head(self.t(kend))
                    && !lx::is_loc_head(self.t(kend));
                // "Chad Smith", "Jordan Peterson", "Paris Hilton": a place word used as a given name.
                let given = self.kb.is_given_name(self.t(pos))
                    || matches!(
                        self.t(pos),
                        "Chad" | "Georgia" | "Paris" | "Jordan" | "India" | "Kenya" | "Israel"
                    );
                !((after_title || given) && place_word && name_follows)
            });
            if let Some((kend, e)) = kb {
                let is_org_entry = matches!(e, Entry::OrgName(_) | Entry::OrgAcronym(_));
                // Taiwan Strait, Gulf of ..: a place name with a place head noun.
                if !is_org_entry
                    && kend < ch.end
                    && self.is_word(kend)
                    && lx::is_loc_head(self.t(kend))
                    && org.is_none_or(|oe| oe <= kend + 1)
                {
                    let r = pos..kend + 1;
                    let key = format!("loc:{}", self.span_text(r.clone()));
                    self.push(out, r, Label::LOC, Source::PlacePattern, 0.8, key);
                    after_title = false;
                    pos = kend + 1;
                    continue;
                }
                if !(org.is_some_and(|oe| oe > kend) && !is_org_entry) {
                    let sent_initial_common = kend == pos + 1
                        && self.toks[pos].sent_start
                        && self.is_common(pos)
                        && matches!(e, Entry::Capital(_));
                    if !sent_initial_common {
                        self.push_kb(out, pos..kend, e, sent.clone());
                        after_title = false;
                        pos = kend;
                        continue;
                    }
                }
            }
            // 2. Organisation pattern.
            if let Some(oe) = org {
                let r = pos..oe;
                let key = format!("org:{}", self.span_text(r.clone()));
                self.push(out, r, Label::ORG, Source::OrgPattern, 0.8, key);
                after_title = false;
                pos = oe;
                continue;
            }
            // 3. Title words.
            let te = self.title_run_end(pos, ch.end);
            if te > pos {
                after_title = (pos..te).any(|j| {
                    self.is_word(j)
                        && (lx::is_person_title(self.t(j)) || lx::is_title_word(self.t(j)))
                });
                pos = te;
                continue;
            }
            // 4. A name run up to the next title word or KB match.
            let mut e = pos + 1;
            while e < ch.end {
                let w = self.t(e);
                if self.toks[e].kind == TokKind::Possessive {
                    break;
                }
                if self.is_word(e) && lx::is_connector(w) && !lx::is_name_particle(w) {
                    break;
                }
                if self.is_word(e) && lx::is_title_word(w) {
                    break;
                }
                if self.is_word(e) {
                    if let Some((kend, en)) = self.kb_longest(e, ch.end, casing) {
                        // "Jim Jordan", "Michael Jordan": a one-word place after a
                        // given name (or after a title), ending the chunk, is a surname.
                        let surname = kend == e + 1
                            && (kend == ch.end || matches!(self.t(kend), "of" | "from"))
                            && matches!(
                                en,
                                Entry::CountryName(_) | Entry::Capital(_) | Entry::City(_)
                            )
                            && (self.kb.is_given_name(self.t(e - 1)) || after_title);
                        if !surname && !matches!(en, Entry::Capital(_)) {
                            break;
                        }
                    }
                }
                e += 1;
            }
            // Trim trailing connectors/hyphens.
            // (but not a syllable glued by a hyphen: Moon Jae-in)
            while e > pos + 1
                && (!self.is_word(e - 1) || lx::is_connector(self.t(e - 1)))
                && !(self.t(e - 2) == "-" && !self.toks[e - 1].space_before && self.is_word(e - 1))
            {
                e -= 1;
            }
            self.name_run(pos..e, sent.clone(), casing, after_title, out);
            after_title = false;
            pos = e;
        }
    }

    fn push_kb(&self, out: &mut Vec<Candidate>, r: Range<usize>, e: Entry, sent: Range<usize>) {
        let mut label = entry_label(self.kb, e);
        let mut source = Source::Kb(e);
        let mut key = entry_key(self.kb, e);
        let mut conf = match e {
            Entry::CountryName(_) | Entry::OrgName(_) => 0.97,
            Entry::OrgAcronym(_) | Entry::Demonym(_) => 0.93,
            Entry::Metonym(_) => 0.9,
            Entry::Capital(_) => 0.9,
            Entry::City(_) => 0.88,
            Entry::Person(_) => 0.9,
        };
        if let Entry::Metonym(i) = e {
            let surface = self.span_text(r.clone());
            key = format!(
                "gov:{}:{}",
                self.kb.countries[i as usize].code,
                surface
                    .trim_start_matches("the ")
                    .trim_start_matches("The ")
            );
        }
        if let Entry::Capital(i) = e {
            // "MOSCOW" in a dateline is the KB's "Moscow" (and the same actor).
            let surface = self.span_text(r.clone());
            let surface = if crate::tokenize::is_all_caps(&surface) {
                crate::tokenize::title_case(&surface).into()
            } else {
                surface
            };
            key = format!("city:{surface}");
            if self.capital_is_agent(r.clone(), sent) {
                source = Source::CapitalAsState(e);
                key = format!("c:{}", self.kb.countries[i as usize].code);
                label = Label::GPE;
                conf = 0.8;
            }
        }
        self.push(out, r, label, source, conf, key);
    }

    /// `accused Ankara`, `Ankara said`, `Ankara's decision`, `Moscow and Ankara`.
    fn capital_is_agent(&self, r: Range<usize>, sent: Range<usize>) -> bool {
        let before = (r.start > sent.start).then(|| self.t(r.start - 1));
        let before2 = (r.start >= sent.start + 2).then(|| self.t(r.start - 2));
        let after = (r.end < sent.end).then(|| self.toks[r.end]);
        // "conflict with Beijing", "opposition from Warsaw", "sanctions on Moscow"
        let relation = before2.is_some_and(lx::is_relation_noun);
        if let Some(b) = before {
            if relation
                && matches!(
                    b,
                    "with" | "against" | "on" | "from" | "to" | "toward" | "towards" | "between"
                )
            {
                return true;
            }
            // "a pact with Washington and London": the second of a coordinated pair.
            if matches!(b, "and" | "or") && r.start >= sent.start + 2 {
                let k = r.start - 2;
                if self
                    .kb
                    .lookup(self.t(k))
                    .iter()
                    .any(|e| matches!(e, Entry::Capital(_)))
                    && self.capital_is_agent(k..k + 1, sent.clone())
                {
                    return true;
                }
            }
            if matches!(
                b,
                "in" | "near"
                    | "from"
                    | "at"
                    | "to"
                    | "outside"
                    | "of"
                    | "into"
                    | "via"
                    | "around"
                    | "across"
                    | "over"
            ) {
                return false;
            }
            if lx::is_agent_verb(b) && !matches!(b, "is" | "was" | "has" | "had" | "have") {
                return true;
            }
            // accusing Nairobi, given Budapest, urged Kyiv, stop Tehran
            let verbish = b.chars().all(|c| c.is_lowercase())
                && (b.ends_with("ing") || b.ends_with("ed") || b.ends_with("en"))
                && !lx::is_non_verb_ending(b);
            if verbish || lx::is_transitive_base_verb(b) {
                return true;
            }
        }
        if let Some(a) = after {
            if a.kind == TokKind::Possessive {
                return true;
            }
            let w = a.text(self.text);
            if lx::is_agent_verb(w)
                || lx::is_speech_verb(w)
                || lx::is_modal(w)
                || lx::is_irregular_past(w)
            {
                return true;
            }
            // Kyiv fights, Washington eased (a lower-case verb-like word, then more sentence)
            let verbish = w.chars().all(|c| c.is_lowercase())
                && w.len() > 3
                && (w.ends_with("ed") || (w.ends_with('s') && !w.ends_with("ss")))
                && !lx::is_non_verb_ending(w);
            if verbish && r.end + 1 < sent.end && self.toks[r.end + 1].kind != TokKind::Punct {
                return true;
            }
            // "Washington and Riyadh urged …": the verb after a coordinated capital.
            if matches!(w, "and" | "or") && r.end + 2 < sent.end {
                let other = self.t(r.end + 1);
                let verb = self.t(r.end + 2);
                if is_capitalised(other)
                    && self
                        .kb
                        .lookup(other)
                        .iter()
                        .any(|e| matches!(e, Entry::Capital(_) | Entry::CountryName(_)))
                    && (lx::is_agent_verb(verb) || lx::is_speech_verb(verb))
                {
                    return true;
                }
            }
        }
        false
    }

    fn name_run(
        &self,
        r: Range<usize>,
        sent: Range<usize>,
        casing: Casing,
        after_title: bool,
        out: &mut Vec<Candidate>,
    ) {
        let mut r = r;
        // Drop sentence-initial (or headline) common words: "However", "The".
        while r.start < r.end
            && (self.toks[r.start].sent_start || casing != Casing::Normal)
            && self.is_common(r.start)
            && !after_title
        {
            r.start += 1;
            while r.start < r.end && !self.is_word(r.start) {
                r.start += 1;
            }
        }
        if r.start >= r.end {
            return;
        }
        let words: Vec<usize> = r
            .clone()
            .filter(|&i| {
                self.is_word(i)
                    && !lx::is_name_particle(self.t(i))
                    && !(i > r.start && self.t(i - 1) == "-" && !self.toks[i].space_before)
            })
            .collect();
        if words.is_empty() {
            return;
        }
        let text = self.span_text(r.clone()).into_owned();
        let last = self.t(*words.last().unwrap());
        let first = self.t(words[0]);
        let n = words.len();
        let sent_start = self.toks[r.start].sent_start;
        let all_common = words.iter().all(|&i| self.is_common(i));
        if lx::is_region(&text) {
            self.push(
                out,
                r,
                Label::LOC,
                Source::PlacePattern,
                0.85,
                format!("loc:{text}"),
            );
            return;
        }
        if n >= 2 && lx::is_loc_head(last) {
            self.push(
                out,
                r,
                Label::LOC,
                Source::PlacePattern,
                0.75,
                format!("loc:{text}"),
            );
            return;
        }
        if n >= 2 && lx::is_loc_head(first) && !self.is_common(words[1]) {
            // Lake Chad, Mount Everest
            self.push(
                out,
                r,
                Label::LOC,
                Source::PlacePattern,
                0.75,
                format!("loc:{text}"),
            );
            return;
        }
        if n >= 2 && lx::is_gpe_head(last) {
            self.push(
                out,
                r,
                Label::GPE,
                Source::PlacePattern,
                0.7,
                format!("gpe:{text}"),
            );
            return;
        }
        if n >= 2 && lx::is_fac_head(last) {
            self.push(
                out,
                r,
                Label::FAC,
                Source::PlacePattern,
                0.7,
                format!("fac:{text}"),
            );
            return;
        }
        if n >= 2 && lx::is_event_head(last) && !after_title {
            self.push(
                out,
                r,
                Label::EVENT,
                Source::PlacePattern,
                0.7,
                format!("event:{text}"),
            );
            return;
        }
        let key = format!("p:{text}");
        // In headlines and all-caps lines every word is capitalised: a title
        // is followed by a name only if no ordinary word is in the run
        // ("MINISTER QUITS AFTER PORT ELMORE PROTESTS" holds no person).
        let any_common = words.iter().any(|&i| self.is_common(i));
        if after_title && !all_common && (casing == Casing::Normal || !any_common) {
            self.push(out, r, Label::PERSON, Source::TitledName, 0.93, key);
            return;
        }
        if n >= 2 && self.kb.is_given_name(first) && !self.is_common(words[1]) {
            self.push(out, r, Label::PERSON, Source::GivenName, 0.85, key);
            return;
        }
        if casing != Casing::Normal {
            return; // headline capitals are no evidence; the known-name pass may still tag it
        }
        let prev = (r.start > sent.start).then(|| self.t(r.start - 1));
        if n >= 2 && !words.iter().any(|&i| self.is_common(i)) {
            if prev.is_some_and(|p| {
                lx::is_locative_preposition(p)
                    && !matches!(p, "from" | "at" | "to" | "toward" | "towards")
            }) && !self.kb.is_given_name(first)
            {
                self.push(
                    out,
                    r,
                    Label::GPE,
                    Source::Context,
                    0.5,
                    format!("gpe:{text}"),
                );
            } else {
                self.push(out, r, Label::PERSON, Source::Name, 0.6, key);
            }
            return;
        }
        if n == 1 && !sent_start && !all_common {
            let w = words[0];
            let tokw = self.t(w);
            // Unknown acronym: an organisation more often than not.
            if is_all_caps(tokw) && tokw.chars().count() <= 6 {
                self.push(
                    out,
                    r,
                    Label::ORG,
                    Source::Context,
                    0.55,
                    format!("org:{tokw}"),
                );
                return;
            }
            let next = (r.end < sent.end).then(|| self.t(r.end));
            if next.is_some_and(lx::is_speech_verb) {
                self.push(out, r, Label::PERSON, Source::Context, 0.6, key);
            } else if prev.is_some_and(lx::is_locative_preposition) {
                self.push(
                    out,
                    r,
                    Label::GPE,
                    Source::Context,
                    0.5,
                    format!("gpe:{text}"),
                );
            }
        }
    }

    /// A surface shared by several organisations (PTI: an Indian news agency
    /// and a Pakistani party) goes to the one whose home country this
    /// article mentions most.
    fn disambiguate_orgs(&self, cands: &mut [Candidate]) {
        let mut country_count: HashMap<&str, usize> = HashMap::new();
        for c in cands.iter() {
            if let Some(code) = c.key.strip_prefix("c:") {
                *country_count.entry(code).or_default() += 1;
            }
        }
        let mut rekey: Vec<(usize, Entry)> = Vec::new();
        for (i, c) in cands.iter().enumerate() {
            let Source::Kb(e @ (Entry::OrgAcronym(_) | Entry::OrgName(_))) = c.source else {
                continue;
            };
            let entries = self.kb.lookup(&self.span_text(c.tok.clone()));
            let orgs: Vec<Entry> = entries
                .iter()
                .copied()
                .filter(|x| matches!(x, Entry::OrgAcronym(_) | Entry::OrgName(_)))
                .collect();
            if orgs.len() < 2 {
                continue;
            }
            let score = |x: &Entry| match x {
                Entry::OrgAcronym(j) | Entry::OrgName(j) => self.kb.orgs[*j as usize]
                    .country
                    .as_deref()
                    .and_then(|cc| country_count.get(cc))
                    .copied()
                    .unwrap_or(0),
                _ => 0,
            };
            let best = orgs
                .iter()
                .copied()
                .max_by_key(|x| (score(x), *x == e))
                .unwrap_or(e);
            if best != e && score(&best) > score(&e) {
                rekey.push((i, best));
            }
        }
        for (i, e) in rekey {
            cands[i].source = Source::Kb(e);
            cands[i].key = entry_key(self.kb, e);
        }
    }

    /// Acronyms in parentheses right after their expansion:
    /// `Organisation for Security and Cooperation in Europe (OSCE)`.
    fn acronyms(&self, cands: &mut Vec<Candidate>) -> HashMap<String, String> {
        let mut map = HashMap::new();
        let mut removed = vec![false; cands.len()];
        let mut added: Vec<Candidate> = Vec::new();
        let n = self.toks.len();
        let mut i = 0;
        while i + 2 < n {
            if !(self.t(i) == "("
                && self.t(i + 2) == ")"
                && self.is_word(i + 1)
                && is_all_caps(self.t(i + 1)))
            {
                i += 1;
                continue;
            }
            let acr = self.t(i + 1).to_string();
            // cands are sorted by start: find the one inside and the one ending at the parenthesis.
            let inside = cands.partition_point(|c| c.tok.start < i + 1);
            let inner_kb = cands
                .get(inside)
                .filter(|c| c.tok.start == i + 1 && matches!(c.source, Source::Kb(_)))
                .map(|c| (c.key.clone(), c.label));
            let before = cands[..cands.partition_point(|c| c.tok.start < i)]
                .iter()
                .rposition(|c| c.tok.end == i);
            let exp = self.expansion_start(i, &acr);
            let (start, key, label) = match (exp, before) {
                (Some(st), Some(ci)) if cands[ci].tok.start <= st => {
                    (cands[ci].tok.start, cands[ci].key.clone(), cands[ci].label)
                }
                (Some(st), _) => {
                    let (k, l) = inner_kb
                        .clone()
                        .unwrap_or((format!("org:{}", self.span_text(st..i)), Label::ORG));
                    (st, k, l)
                }
                (None, Some(ci)) if cands[ci].label == Label::ORG && inner_kb.is_none() => {
                    (cands[ci].tok.start, cands[ci].key.clone(), cands[ci].label)
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            // A KB acronym names the actor for both spans, unless the
            // expansion itself is a known organisation (People Power Party (PPP)).
            let expansion_known = before.is_some_and(|ci| {
                cands[ci].tok.start == start && matches!(cands[ci].source, Source::Kb(_))
            });
            let (key, label) = if expansion_known {
                (key, label)
            } else {
                inner_kb.unwrap_or((key, label))
            };
            let lo = cands.partition_point(|c| c.tok.end <= start);
            for (k, c) in cands.iter().enumerate().skip(lo) {
                if c.tok.start > i + 1 {
                    break;
                }
                if (c.tok.end > start && c.tok.start < i) || c.tok.start == i + 1 {
                    removed[k] = true;
                }
            }
            self.push(
                &mut added,
                start..i,
                label,
                Source::Acronym,
                0.9,
                key.clone(),
            );
            self.push(
                &mut added,
                i + 1..i + 2,
                label,
                Source::Acronym,
                0.95,
                key.clone(),
            );
            map.insert(acr, key);
            i += 3;
        }
        if !added.is_empty() {
            let mut k = 0;
            cands.retain(|_| {
                k += 1;
                !removed[k - 1]
            });
            cands.extend(added);
            cands.sort_by_key(|c| c.start);
        }
        map
    }

    /// Start of a capitalised expansion before `paren` whose initials spell `acr`.
    fn expansion_start(&self, paren: usize, acr: &str) -> Option<usize> {
        let letters: Vec<char> = acr.chars().filter(|c| c.is_alphabetic()).collect();
        let mut j = paren;
        let mut initials = Vec::new();
        while j > 0 && paren - j < 14 {
            let k = j - 1;
            let w = self.t(k);
            if !self.is_word(k) && w != "-" {
                break;
            }
            if self.is_word(k) && is_capitalised(w) {
                initials.insert(0, w.chars().next().unwrap());
                if initials.len() == letters.len() {
                    let ok = initials
                        .iter()
                        .zip(&letters)
                        .all(|(a, b)| a.to_uppercase().eq(b.to_uppercase()));
                    return ok.then_some(k);
                }
            } else if !(lx::is_connector(w) || w == "-") {
                break;
            }
            j = k;
        }
        None
    }

    /// Document-level pass: tag other occurrences of names found once.
    fn known_names(&self, cands: &mut Vec<Candidate>, acronyms: &HashMap<String, String>) {
        let mut known: HashMap<String, (Label, String, f32)> = HashMap::new();
        for c in cands.iter() {
            let words: Vec<&str> = c
                .tok
                .clone()
                .filter(|&i| self.is_word(i))
                .map(|i| self.t(i))
                .collect();
            match c.label {
                Label::PERSON => {
                    for w in words.iter() {
                        if w.chars().count() >= 3
                            && is_capitalised(w)
                            && !lx::is_name_particle(w)
                            && !self.kb.is_common_word(w)
                        {
                            known.entry(w.to_string()).or_insert((
                                Label::PERSON,
                                c.key.clone(),
                                0.85,
                            ));
                        }
                    }
                    // a surname wins over a given name for the same surface
                    if let Some(w) = words.last().filter(|_| words.len() > 1) {
                        known.insert(w.to_string(), (Label::PERSON, c.key.clone(), 0.85));
                    }
                }
                _ if words.len() == 1 && c.source != Source::Context => {
                    known.entry(words[0].to_string()).or_insert((
                        c.label,
                        c.key.clone(),
                        c.confidence * 0.95,
                    ));
                }
                _ => {}
            }
        }
        for (a, k) in acronyms {
            known
                .entry(a.clone())
                .or_insert((Label::ORG, k.clone(), 0.9));
        }
        if known.is_empty() {
            return;
        }
        let mut covered = vec![false; self.toks.len()];
        for c in cands.iter() {
            for i in c.tok.clone() {
                covered[i] = true;
            }
        }
        let mut add = Vec::new();
        for i in 0..self.toks.len() {
            if covered[i] || !self.is_word(i) {
                continue;
            }
            let w = self.t(i);
            if !w.chars().next().is_some_and(char::is_uppercase) || lx::is_calendar_or_function(w) {
                continue;
            }
            // Part of a hyphenated lower-case compound: skip (e.g. "Putin-style" is fine to keep though).
            let hit = known.get(w).or_else(|| {
                if is_all_caps(w) {
                    known.get(&title_case(w))
                } else {
                    None
                }
            });
            if let Some((label, key, conf)) = hit {
                // "von der Leyen", "de Blasio": take the particles along.
                let mut st = i;
                while *label == Label::PERSON
                    && st > 0
                    && !covered[st - 1]
                    && self.toks[st].space_before
                    && self.is_word(st - 1)
                    && lx::is_surname_particle(self.t(st - 1))
                {
                    st -= 1;
                }
                add.push(Candidate {
                    tok: st..i + 1,
                    start: self.toks[st].start,
                    end: self.toks[i].end,
                    label: *label,
                    source: Source::Known,
                    confidence: *conf,
                    key: key.clone(),
                });
            }
        }
        cands.extend(add);
        cands.sort_by_key(|c| c.start);
    }
}

/// Recognize all mentions in a tokenized document.
/// `title_blocks[b]` says whether block `b` is the article's title.
pub fn recognize(text: &str, tokens: &Tokens, title_blocks: &[bool], kb: &Kb) -> Vec<Candidate> {
    let rec = Recognizer::new(text, &tokens.tokens, kb, Some(Gazetteer::embedded()));
    let mut out = Vec::new();
    // Casing per block.
    let mut casing_of_block: HashMap<u32, Casing> = HashMap::new();
    let mut b_start = 0;
    let toks = &tokens.tokens;
    while b_start < toks.len() {
        let b = toks[b_start].block;
        let mut b_end = b_start;
        while b_end < toks.len() && toks[b_end].block == b {
            b_end += 1;
        }
        let is_title = title_blocks.get(b as usize).copied().unwrap_or(false);
        casing_of_block.insert(b, block_casing(text, &toks[b_start..b_end], is_title));
        b_start = b_end;
    }
    for s in &tokens.sentences {
        if s.is_empty() {
            continue;
        }
        let casing = casing_of_block
            .get(&toks[s.start].block)
            .copied()
            .unwrap_or(Casing::Normal);
        rec.sentence(s.clone(), casing, &mut out);
    }
    out.sort_by_key(|c| c.start);
    rec.document_pass(&mut out);
    out
}

impl Recognizer<'_> {
    /// Document-level stages: acronyms in parentheses, then names found once
    /// tagged everywhere. `cands` must be sorted by start.
    pub fn document_pass(&self, cands: &mut Vec<Candidate>) {
        self.disambiguate_orgs(cands);
        let acr = self.acronyms(cands);
        cands.sort_by_key(|c| c.start);
        // A bare acronym guessed earlier joins its expansion.
        for c in cands.iter_mut() {
            if matches!(c.source, Source::Context | Source::Name) && c.tok.len() == 1 {
                if let Some(k) = acr.get(self.t(c.tok.start)) {
                    c.key = k.clone();
                    c.label = Label::ORG;
                    c.source = Source::Known;
                    c.confidence = 0.9;
                }
            }
        }
        self.known_names(cands, &acr);
        self.surnames_that_are_places(cands);
        self.places_in_context(cands);
        self.state_agents(cands);
        self.particles_before_surnames(cands);
        self.join_hyphenated(cands);
    }

    /// "Okonkwo-Baptiste" found word by word (a name known from elsewhere) is
    /// one mention: neighbours of one actor joined by a bare hyphen merge.
    fn join_hyphenated(&self, cands: &mut Vec<Candidate>) {
        let mut out: Vec<Candidate> = Vec::with_capacity(cands.len());
        for c in cands.drain(..) {
            if let Some(p) = out.last_mut() {
                let between = &self.text[p.end.min(c.start)..c.start];
                if p.key == c.key
                    && p.label == c.label
                    && matches!(between, "-" | "\u{2010}" | "\u{2011}")
                {
                    p.end = c.end;
                    p.tok = p.tok.start..c.tok.end;
                    p.confidence = p.confidence.min(c.confidence);
                    continue;
                }
            }
            out.push(c);
        }
        *cands = out;
    }

    /// "Azeri forces", "the Turkish government", "Karabakh officials": a
    /// state word and an agent noun are one actor, linked to the state with a
    /// sector code (AZE·MIL). `Turkish state media` takes both nouns.
    fn state_agents(&self, cands: &mut [Candidate]) {
        let n = self.toks.len();
        for c in cands.iter_mut() {
            let code = match c.source {
                Source::Kb(Entry::Demonym(i) | Entry::CountryName(i)) => {
                    &self.kb.countries[i as usize].code
                }
                _ => continue,
            };
            let mut e = c.tok.end;
            // "Armenian-backed forces" is not "Armenian forces".
            if e >= n
                || !self.toks[e].space_before
                || self.toks[e].block != self.toks[c.tok.start].block
            {
                continue;
            }
            let w = self.t(e);
            let Some(mut sector) = lx::agent_sector(w) else {
                continue;
            };
            // "state media", "security forces", "armed forces", "air force" read as one agent.
            if e + 1 < n && self.toks[e + 1].space_before {
                if let Some(s2) = lx::agent_sector(self.t(e + 1)) {
                    if matches!(w, "state" | "security" | "armed" | "defence" | "defense") {
                        sector = s2;
                        e += 1;
                    }
                }
            }
            if w == "state" && e == c.tok.end {
                continue; // "the Islamic State" etc: a bare "state" is no agent
            }
            c.key = format!("agent:{code}:{sector}");
            c.tok.end = e + 1;
            c.end = self.toks[e].end;
            c.label = Label::ORG;
            c.source = Source::OrgPattern;
            c.confidence = 0.8;
        }
    }

    /// Place names that mean different places: "Paris, Texas" (a place
    /// followed by a region of another country) and Georgia the US state
    /// (when the article is about the United States, or the local context
    /// says so: "Georgia Governor", "the state of Georgia").
    fn places_in_context(&self, cands: &mut [Candidate]) {
        let country_of = |c: &Candidate| -> Option<String> {
            match c.source {
                Source::Kb(Entry::CountryName(i) | Entry::Demonym(i) | Entry::Capital(i))
                | Source::CapitalAsState(Entry::Capital(i)) => {
                    Some(self.kb.countries[i as usize].code.to_string())
                }
                Source::Kb(Entry::City(i)) => Some(self.kb.cities[i as usize].country.to_string()),
                Source::Kb(Entry::Person(i)) => {
                    self.kb.people[i as usize].country.map(str::to_string)
                }
                _ => None,
            }
        };
        // "Paris, Texas"
        for k in 0..cands.len().saturating_sub(1) {
            let (a, b) = (&cands[k], &cands[k + 1]);
            let Source::Kb(Entry::City(j)) = b.source else {
                continue;
            };
            let region = &self.kb.cities[j as usize];
            let placeish = matches!(
                a.source,
                Source::Kb(Entry::Capital(_) | Entry::City(_) | Entry::CountryName(_))
                    | Source::CapitalAsState(_)
            );
            if placeish
                && region.kind == crate::kb::CityKind::Region
                && a.tok.end + 1 == b.tok.start
                && self.t(a.tok.end) == ","
                && country_of(a).as_deref() != Some(region.country)
            {
                let name = format!("{}, {}", self.span_text(a.tok.clone()), region.name);
                cands[k].key = format!("place:{}:{}", region.country, name);
                cands[k].label = Label::GPE;
                cands[k].source = Source::Context;
            }
        }
        // Georgia: the country or the US state?
        let georgia = |c: &Candidate| matches!(c.source, Source::Kb(Entry::CountryName(i)) if self.kb.countries[i as usize].code == "GE");
        if !cands.iter().any(georgia) {
            return;
        }
        let (mut us, mut ge) = (0, 0);
        for c in cands.iter().filter(|c| !georgia(c)) {
            match country_of(c).as_deref() {
                Some("US") => us += 1,
                Some("GE") => ge += 1,
                _ => {}
            }
        }
        let n = self.toks.len();
        for c in cands.iter_mut().filter(|c| georgia(c)) {
            let next = (c.tok.end < n).then(|| self.t(c.tok.end));
            let prev2 =
                (c.tok.start >= 2).then(|| (self.t(c.tok.start - 2), self.t(c.tok.start - 1)));
            let local_us = next.is_some_and(|w| {
                matches!(
                    w,
                    "Governor"
                        | "Gov."
                        | "governor"
                        | "Republican"
                        | "Republicans"
                        | "Democrat"
                        | "Democrats"
                        | "Sen."
                        | "Senator"
                        | "voters"
                        | "county"
                        | "lawmakers"
                        | "legislature"
                )
            }) || prev2.is_some_and(|(a, b)| b == "of" && a == "state")
                || (next == Some(",")
                    && c.tok.end + 1 < n
                    && matches!(self.t(c.tok.end + 1), "USA" | "U.S." | "US"));
            if local_us || us > ge {
                c.key = "place:US:Georgia".into();
                c.source = Source::Context;
                c.confidence = 0.75;
            }
        }
    }

    /// "von der Leyen said": a person mention takes the lower-case surname
    /// particles right before it.
    fn particles_before_surnames(&self, cands: &mut [Candidate]) {
        for i in 0..cands.len() {
            if cands[i].label != Label::PERSON {
                continue;
            }
            let floor = if i > 0 { cands[i - 1].tok.end } else { 0 };
            let mut st = cands[i].tok.start;
            while st > floor
                && self.toks[st].space_before
                && self.is_word(st - 1)
                && lx::is_surname_particle(self.t(st - 1))
            {
                st -= 1;
            }
            if st < cands[i].tok.start {
                cands[i].tok.start = st;
                cands[i].start = self.toks[st].start;
            }
        }
    }

    /// "Jordan, who chairs …" after "Rep. Jim Jordan": a one-word place that
    /// is the surname of a person in this article, used like a person.
    fn surnames_that_are_places(&self, cands: &mut [Candidate]) {
        let mut surnames: HashMap<&str, String> = HashMap::new();
        for c in cands
            .iter()
            .filter(|c| c.label == Label::PERSON && c.tok.len() >= 2)
        {
            let last = self.t(c.tok.end - 1);
            surnames.entry(last).or_insert_with(|| c.key.clone());
        }
        if surnames.is_empty() {
            return;
        }
        let n = self.toks.len();
        for c in cands.iter_mut() {
            if c.tok.len() != 1
                || !matches!(
                    c.source,
                    Source::Kb(Entry::CountryName(_) | Entry::Capital(_) | Entry::City(_))
                        | Source::CapitalAsState(_)
                )
            {
                continue;
            }
            let Some(key) = surnames.get(self.t(c.tok.start)) else {
                continue;
            };
            let e = c.tok.end;
            let personal = (e < n && lx::is_speech_verb(self.t(e)))
                || (e + 1 < n && self.t(e) == "," && matches!(self.t(e + 1), "who" | "whose"));
            if personal {
                c.label = Label::PERSON;
                c.key = key.clone();
                c.source = Source::Known;
                c.confidence = 0.7;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Analysis, Label, Options};

    fn run(t: &str) -> Analysis {
        analyze(t, &Options::default())
    }

    fn label_of(a: &Analysis, surface: &str) -> Option<Label> {
        a.mentions
            .iter()
            .find(|m| m.text == surface)
            .map(|m| m.label)
    }

    fn actor_name<'a>(a: &'a Analysis, surface: &str) -> Option<&'a str> {
        let m = a.mentions.iter().find(|m| m.text == surface)?;
        a.actor(&m.actor).map(|x| x.name.as_str())
    }

    #[test]
    fn portuguese_particles_stay_inside_a_name() {
        let a = run(
            "Angolan President José Eduardo dos Santos met Carlos Agostinho do Rosário in Luanda.",
        );
        assert_eq!(label_of(&a, "José Eduardo dos Santos"), Some(Label::PERSON));
        assert_eq!(
            label_of(&a, "Carlos Agostinho do Rosário"),
            Some(Label::PERSON)
        );
        // An English "do" between capitalised words joins nothing.
        let b = run("Why do Americans trust NATO?");
        assert!(b.mentions.iter().all(|m| !m.text.contains(" do ")));
    }

    #[test]
    fn a_dateline_in_capitals_is_the_kb_place() {
        for tagger in [false, true] {
            let a = analyze(
                "MOSCOW (Reuters) - Russia said on Monday it would respond.\n\nNEW DELHI, May 3 (AP) - India agreed.",
                &Options { tagger, ..Default::default() },
            );
            for (caps, id) in [
                ("MOSCOW", "capital:RU:Moscow"),
                ("NEW DELHI", "capital:IN:New Delhi"),
            ] {
                let m = a.mentions.iter().find(|m| m.text == caps).expect(caps);
                let actor = a.actor(&m.actor).unwrap();
                assert_eq!(
                    actor.kb.as_ref().map(|k| k.id.as_str()),
                    Some(id),
                    "{caps} (tagger {tagger})"
                );
            }
        }
    }

    #[test]
    fn title_and_name() {
        let a = run("Russian President Vladimir Putin spoke with Foreign Minister Sergey Lavrov.");
        assert_eq!(label_of(&a, "Vladimir Putin"), Some(Label::PERSON));
        assert_eq!(label_of(&a, "Sergey Lavrov"), Some(Label::PERSON));
        assert_eq!(label_of(&a, "Russian"), Some(Label::NORP));
        assert_eq!(label_of(&a, "President"), None);
        assert_eq!(label_of(&a, "President Vladimir Putin"), None);
    }

    #[test]
    fn hyphenated_compound_holds_a_demonym() {
        let a = run(
            "The fighting spread from the majority-Armenian enclave and Turkish-backed forces.",
        );
        assert_eq!(label_of(&a, "Armenian"), Some(Label::NORP));
        assert_eq!(label_of(&a, "Turkish"), Some(Label::NORP));
    }

    #[test]
    fn sentence_initial_common_words_are_not_names() {
        let a = run(
            "However, Russia disagreed. Both sides fought. Today the talks ended on Wednesday.",
        );
        for w in ["However", "Both", "Today", "Wednesday"] {
            assert_eq!(label_of(&a, w), None, "{w}");
        }
        assert_eq!(label_of(&a, "Russia"), Some(Label::GPE));
    }

    #[test]
    fn organisation_patterns_and_acronyms() {
        let a = run("The country's Defence Ministry said so. The Rapid Support Forces (RSF) attacked. Later the RSF withdrew.");
        assert_eq!(label_of(&a, "Defence Ministry"), Some(Label::ORG));
        assert_eq!(label_of(&a, "Rapid Support Forces"), Some(Label::ORG));
        let ids: Vec<&str> = a
            .mentions
            .iter()
            .filter(|m| m.text.contains("R"))
            .map(|m| m.actor.as_str())
            .collect();
        assert!(
            ids.len() >= 3 && ids.iter().all(|i| *i == ids[0]),
            "{:?}",
            a.mentions
        );
    }

    #[test]
    fn surname_and_headline_mentions_join_the_full_name() {
        let a = run("PUTIN WARNS ARMENIA\n\nRussian President Vladimir Putin spoke on Monday. Putin said more.");
        let ids: Vec<&str> = a
            .mentions
            .iter()
            .filter(|m| m.text.to_lowercase().contains("putin"))
            .map(|m| m.actor.as_str())
            .collect();
        assert_eq!(ids.len(), 3, "{:?}", a.mentions);
        assert!(ids.iter().all(|i| *i == ids[0]));
        assert_eq!(label_of(&a, "ARMENIA"), Some(Label::GPE));
        assert_eq!(actor_name(&a, "PUTIN"), Some("Vladimir Putin"));
    }

    #[test]
    fn title_case_headline_words_are_not_names() {
        let a = run("Armenia Reports Significant Losses In Fighting\n\nArmenia said on Monday it lost ground.");
        assert_eq!(label_of(&a, "Armenia"), Some(Label::GPE));
        assert!(
            a.mentions
                .iter()
                .all(|m| !m.text.contains("Reports") && !m.text.contains("Losses")),
            "{:?}",
            a.mentions
        );
    }

    #[test]
    fn capital_as_agent_joins_its_state() {
        let a =
            run("Russia and France accused Ankara of sending fighters. Talks were held in Moscow.");
        assert_eq!(actor_name(&a, "Ankara"), Some("Turkey"));
        assert_eq!(actor_name(&a, "Moscow"), Some("Moscow"));
    }

    #[test]
    fn unknown_people_by_given_name_and_context() {
        let a = run("Officials met William Ruto in the capital. Ruto said talks went well.");
        assert_eq!(label_of(&a, "William Ruto"), Some(Label::PERSON));
        assert_eq!(actor_name(&a, "Ruto"), Some("William Ruto"));
    }

    #[test]
    fn surnames_that_are_place_names() {
        let a = run("Rep. Jim Jordan clashed with colleagues. Jordan, who chairs the panel, left. Later, King Abdullah II of Jordan spoke.");
        assert_eq!(label_of(&a, "Jim Jordan"), Some(Label::PERSON));
        let jordans: Vec<(Label, &str)> = a
            .mentions
            .iter()
            .filter(|m| m.text == "Jordan")
            .map(|m| (m.label, a.actor(&m.actor).unwrap().name.as_str()))
            .collect();
        assert_eq!(
            jordans,
            [(Label::PERSON, "Jim Jordan"), (Label::GPE, "Jordan")]
        );
        assert_eq!(actor_name(&a, "Abdullah II"), Some("Abdullah II"));
    }

    #[test]
    fn hyphenated_given_names_and_particles() {
        let a = run("South Korean President Yoon Suk Yeol met Speaker Woo Won-shik. Commission President Ursula von der Leyen agreed, and von der Leyen said so. Army chief General Abdel Fattah al-Burhan left.");
        assert_eq!(label_of(&a, "Woo Won-shik"), Some(Label::PERSON));
        assert_eq!(
            actor_name(&a, "von der Leyen"),
            Some("Ursula von der Leyen")
        );
        assert_eq!(label_of(&a, "Abdel Fattah al-Burhan"), Some(Label::PERSON));
        // English compounds are not names.
        let b = run("Turkish-backed and Moscow-based groups fought.");
        assert_eq!(label_of(&b, "Turkish"), Some(Label::NORP));
        assert!(b
            .mentions
            .iter()
            .all(|m| !m.text.contains("backed") && !m.text.contains("based")));
    }

    #[test]
    fn ambiguous_acronyms_follow_the_article_country() {
        let a = run("Pakistan votes today. Imran Khan's party, the PTI, said Pakistan needs change. PTI leaders met in Lahore.");
        let m = a.mentions.iter().find(|m| m.text == "PTI").unwrap();
        assert_eq!(
            a.actor(&m.actor)
                .unwrap()
                .kb
                .as_ref()
                .unwrap()
                .country
                .as_deref(),
            Some("PK")
        );
    }

    #[test]
    fn state_agents_are_actors_of_their_state() {
        let a = run("Azeri forces pushed on. Azerbaijani forces shelled the town, and the Turkish government and Karabakh officials reacted. Turkish-backed fighters moved.");
        let forces: Vec<&str> = a
            .mentions
            .iter()
            .filter(|m| m.text.ends_with("forces"))
            .map(|m| m.actor.as_str())
            .collect();
        assert_eq!(forces.len(), 2);
        assert_eq!(
            forces[0], forces[1],
            "Azeri and Azerbaijani forces are one actor"
        );
        let x = a.actor(forces[0]).unwrap();
        assert_eq!(x.name, "Azeri forces");
        let kb = x.kb.as_ref().unwrap();
        assert_eq!(
            (kb.country.as_deref(), kb.sector.as_deref()),
            (Some("AZ"), Some("MIL"))
        );
        assert_eq!(label_of(&a, "Turkish government"), Some(Label::ORG));
        assert_eq!(
            actor_name(&a, "Karabakh officials"),
            Some("Karabakh officials")
        );
        assert_eq!(
            label_of(&a, "Turkish"),
            Some(Label::NORP),
            "Turkish-backed stays a demonym"
        );
    }

    #[test]
    fn empty_and_odd_inputs_do_not_panic() {
        for t in [
            "",
            " ",
            "\n\n\n",
            "((((",
            "’s",
            "-",
            "A",
            "U.S.",
            "\u{feff}x",
            "Ünïcödé Ñame said",
            "\"",
            "“”",
        ] {
            let a = run(t);
            for m in &a.mentions {
                assert!(m.start < m.end);
            }
        }
    }
}
