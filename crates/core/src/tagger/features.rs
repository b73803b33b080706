//! Features of a token in its sentence and document, hashed into buckets.
//!
//! Every feature is a template id plus a few strings (the lower-cased word,
//! its shape, an affix, a KB class, ...), hashed with FNV-1a (the same bytes on
//! every platform, so a model trained natively scores identically in wasm).
//! Lower-cased words with a separate shape feature let all-caps headlines
//! share weights with ordinary prose.

use crate::kb::{Entry, Kb};
use crate::lexicon as lx;
use crate::tokenize::title_case;

/// What the tagger knows of a word before looking at its neighbours.
#[derive(Clone, Debug)]
pub struct WordInfo {
    pub lower: String,
    /// `Xx`, `X`, `x`, `d`, `X.`, `x-x`, ... (runs collapsed).
    pub shape: String,
    pub cap: bool,
    pub all_caps: bool,
    /// KB class of the word (or of the KB name it is part of): 0 none.
    pub gaz: u8,
    /// Given name / ordinary English word (either case).
    pub given: bool,
    pub common: bool,
    pub title: bool,
    pub org_head: bool,
    pub loc_head: bool,
    /// The word's sentence is mostly capitals (a headline or an all-caps line).
    pub caps_sentence: bool,
    /// Hashes of `lower` and `shape`.
    pub hw: u64,
    pub hs: u64,
}

/// Document-level evidence about a lower-cased word.
#[derive(Clone, Copy, Debug, Default)]
pub struct DocStats {
    /// Seen capitalised, not first in its sentence, in a sentence that is not all caps.
    pub cap_mid: u16,
    /// Seen entirely lower case.
    pub lower: u16,
    /// Seen right after a person title ("Mr.", "President").
    pub after_title: u16,
}

/// KB classes for the gazetteer feature. B/I are added by the position in a match.
const GAZ_PERSON: u8 = 1;
const GAZ_COUNTRY: u8 = 2;
const GAZ_DEMONYM: u8 = 3;
const GAZ_CITY: u8 = 4;
const GAZ_ORG: u8 = 5;
const GAZ_ACRONYM: u8 = 6;

fn gaz_class(e: Entry) -> u8 {
    match e {
        Entry::Person(_) => GAZ_PERSON,
        Entry::CountryName(_) => GAZ_COUNTRY,
        Entry::Demonym(_) => GAZ_DEMONYM,
        Entry::Capital(_) | Entry::City(_) => GAZ_CITY,
        Entry::OrgName(_) | Entry::Metonym(_) => GAZ_ORG,
        Entry::OrgAcronym(_) => GAZ_ACRONYM,
    }
}

pub fn shape(w: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if s != last {
            out.push(s);
            last = s;
        }
        if out.len() >= 8 {
            break;
        }
    }
    out
}

/// Facts about each word of a sentence, KB matches included. In an all-caps
/// sentence the words are looked up title-cased ("MOSCOW" as "Moscow").
pub fn word_infos(words: &[&str], kb: &Kb) -> Vec<WordInfo> {
    let letters = words
        .iter()
        .flat_map(|w| w.chars())
        .filter(|c| c.is_alphabetic());
    let (mut up, mut all) = (0usize, 0usize);
    for c in letters {
        all += 1;
        up += c.is_uppercase() as usize;
    }
    let caps_sentence = all >= 6 && up * 10 >= all * 8;
    let forms: Vec<String> = words
        .iter()
        .map(|w| {
            if caps_sentence || (w.chars().count() > 4 && crate::tokenize::is_all_caps(w)) {
                title_case(w)
            } else {
                w.to_string()
            }
        })
        .collect();
    let mut infos: Vec<WordInfo> = words
        .iter()
        .zip(&forms)
        .map(|(w, f)| {
            let lower = w.to_lowercase();
            // Titles and heads are words of two letters or more.
            let wordy = f.len() >= 2 && f.chars().next().is_some_and(char::is_alphabetic);
            // Given names and name heads ("Ministry", "River") are capitalised.
            let capital = wordy && f.chars().next().is_some_and(char::is_uppercase);
            let shape = shape(w);
            WordInfo {
                hw: fnv(FNV_OFFSET, lower.as_bytes()),
                hs: fnv(FNV_OFFSET, shape.as_bytes()),
                shape,
                cap: w.chars().next().is_some_and(char::is_uppercase),
                all_caps: crate::tokenize::is_all_caps(w),
                gaz: 0,
                given: capital && kb.is_given_name(f),
                common: wordy && kb.is_common_word(&lower),
                title: wordy && lx::is_title_word(f),
                org_head: capital && lx::is_org_head(f),
                loc_head: capital && lx::is_loc_head(f),
                caps_sentence,
                lower,
            }
        })
        .collect();
    // KB names of up to `max` words, longest first from each position.
    let max = kb.max_surface_tokens().clamp(1, 6);
    let mut i = 0;
    let mut buf = String::new();
    while i < forms.len() {
        let mut matched = 0;
        // Every KB name starts with a capital or a digit ("the" is stripped).
        let starts = forms[i]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        for n in (1..=max.min(forms.len() - i)).rev().filter(|_| starts) {
            buf.clear();
            for (k, f) in forms[i..i + n].iter().enumerate() {
                if k > 0 {
                    buf.push(' ');
                }
                buf.push_str(f);
            }
            if let Some(&e) = kb.lookup(&buf).first() {
                let c = gaz_class(e);
                for (k, info) in infos[i..i + n].iter_mut().enumerate() {
                    info.gaz = c * 2 + (k > 0) as u8;
                }
                matched = n;
                break;
            }
        }
        i += matched.max(1);
    }
    infos
}

/// Evidence from the whole document, keyed by lower-cased word.
pub fn doc_stats(doc: &[Vec<WordInfo>]) -> crate::kb::FastMap<String, DocStats> {
    let mut m: crate::kb::FastMap<String, DocStats> = Default::default();
    for sent in doc {
        add_doc_stats(&mut m, sent);
    }
    m
}

/// Count one sentence into the document's evidence (so a long document can
/// be counted a slice at a time).
pub fn add_doc_stats(m: &mut crate::kb::FastMap<String, DocStats>, sent: &[WordInfo]) {
    let caps = sent.iter().filter(|w| w.all_caps).count() * 2 > sent.len();
    for (i, w) in sent.iter().enumerate() {
        if !w.lower.chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        let s = match m.get_mut(&w.lower) {
            Some(s) => s,
            None => m.entry(w.lower.clone()).or_default(),
        };
        if w.cap
            && i > 0
            && !caps
            && !sent[i - 1]
                .shape
                .starts_with(['"', '“', '\'', '‘', '(', ':'])
        {
            s.cap_mid = s.cap_mid.saturating_add(1);
        }
        if !w.cap && w.shape.starts_with('x') {
            s.lower = s.lower.saturating_add(1);
        }
        if i > 0 && sent[i - 1].title && w.cap {
            s.after_title = s.after_title.saturating_add(1);
        }
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// Collects the hashed features of one token.
pub struct Sink<'a> {
    pub out: &'a mut Vec<u32>,
    pub mask: u32,
}

impl Sink<'_> {
    /// A feature from its template and parts (each already a hash or a small number).
    #[inline]
    fn add(&mut self, template: u8, parts: &[u64]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = (template as u64 + 1).wrapping_mul(K);
        for &p in parts {
            h = (h.rotate_left(5) ^ p).wrapping_mul(K);
        }
        let h = h ^ (h >> 29) ^ (h >> 47);
        self.out.push(h as u32 & self.mask);
    }
}

const BOS: u64 = 0x0b05;
const EOS: u64 = 0x0e05;

/// Several flags as one number.
fn flags(bits: &[bool]) -> u64 {
    bits.iter().fold(1, |a, &b| a * 2 + b as u64)
}

/// Hashed features of token `i` (independent of the predicted tags).
pub fn token_features(
    s: &[WordInfo],
    i: usize,
    doc: &crate::kb::FastMap<String, DocStats>,
    sink: &mut Sink,
) {
    let w = &s[i];
    let at = |k: isize| -> Option<&WordInfo> {
        let j = i as isize + k;
        (j >= 0).then(|| s.get(j as usize)).flatten()
    };
    let edge = |k: isize| if k < 0 { BOS } else { EOS };
    let word = |k: isize| at(k).map_or(edge(k), |x| x.hw);
    let shp = |k: isize| at(k).map_or(edge(k), |x| x.hs);
    let gaz = |k: isize| at(k).map_or(255, |x| x.gaz as u64);
    let lower = w.hw;
    sink.add(0, &[]);
    sink.add(1, &[lower]);
    sink.add(2, &[word(-1)]);
    sink.add(3, &[word(1)]);
    sink.add(4, &[word(-2)]);
    sink.add(5, &[word(2)]);
    sink.add(6, &[word(-1), lower]);
    sink.add(7, &[lower, word(1)]);
    sink.add(8, &[shp(0)]);
    sink.add(9, &[shp(-1), shp(0)]);
    sink.add(10, &[shp(0), shp(1)]);
    sink.add(11, &[shp(-1)]);
    sink.add(12, &[shp(1)]);
    // Prefixes of 2 and 3 characters, suffixes of 2 to 4 (of longer words).
    let lw = w.lower.as_bytes();
    let mut ends = [0usize; 6];
    let mut n = 0;
    for (b, _) in w.lower.char_indices().skip(1).take(5) {
        ends[n] = b;
        n += 1;
    }
    let long = w.lower.chars().count();
    for (t, k) in [(13u8, 2usize), (14, 3)] {
        if long > k {
            sink.add(t, &[fnv(FNV_OFFSET, &lw[..ends[k - 1]])]);
        }
    }
    let mut starts = [0usize; 5];
    let mut m = 0;
    for (b, _) in w.lower.char_indices().rev().take(4) {
        starts[m] = b;
        m += 1;
    }
    for (t, k) in [(15u8, 2usize), (16, 3), (17, 4)] {
        if long > k {
            sink.add(t, &[fnv(FNV_OFFSET, &lw[starts[k - 1]..])]);
        }
    }
    sink.add(18, &[gaz(0)]);
    sink.add(19, &[gaz(-1), gaz(0)]);
    sink.add(20, &[gaz(0), gaz(1)]);
    sink.add(21, &[flags(&[w.given, w.common, w.cap])]);
    sink.add(22, &[flags(&[i == 0, w.cap, w.common])]);
    let prev_title = at(-1).is_some_and(|x| x.title);
    let next_org = at(1).is_some_and(|x| x.org_head);
    let next_loc = at(1).is_some_and(|x| x.loc_head);
    sink.add(23, &[flags(&[prev_title, w.cap])]);
    sink.add(24, &[flags(&[next_org, w.cap])]);
    sink.add(25, &[flags(&[w.org_head, w.loc_head, w.title])]);
    sink.add(26, &[flags(&[next_loc, w.cap])]);
    sink.add(27, &[lower, w.cap as u64]);
    let caps_sentence = w.caps_sentence;
    sink.add(28, &[flags(&[caps_sentence, w.common]), gaz(0)]);
    if let Some(d) = doc.get(&w.lower) {
        let b = |n: u16| n.min(2) as u64;
        sink.add(29, &[b(d.cap_mid), b(d.lower), w.cap as u64]);
        sink.add(30, &[b(d.after_title)]);
        sink.add(31, &[b(d.cap_mid), (caps_sentence || i == 0) as u64]);
    }
}

/// What the tagger said of capitalised words earlier in the document: word
/// hash → 0 for O, else 1 + the type index. Filled as sentences are tagged,
/// in order, at training and at reading time alike.
pub type Memory = crate::kb::FastMap<u64, u8>;

/// The document-level label feature: the tag this word got the last time.
pub fn memory_feature(w: &WordInfo, memory: &Memory, sink: &mut Sink) {
    if let Some(&m) = memory.get(&w.hw) {
        sink.add(32, &[m as u64, w.cap as u64, w.caps_sentence as u64]);
    }
}

/// Remember the tags of a sentence's capitalised words.
pub fn remember(s: &[WordInfo], tags: &[u8], memory: &mut Memory) {
    for (w, &t) in s.iter().zip(tags) {
        if w.cap && w.lower.chars().count() > 1 {
            memory.insert(w.hw, if t == 0 { 0 } else { 1 + (t - 1) / 2 });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Erdoğan"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1990s"), "dx");
        assert_eq!(shape("NATO"), "X");
    }

    #[test]
    fn kb_classes_in_caps_and_prose() {
        let kb = Kb::embedded();
        let a = word_infos(&["Vladimir", "Putin", "visited", "Moscow"], kb);
        assert_eq!(a[0].gaz, GAZ_PERSON * 2);
        assert_eq!(a[1].gaz, GAZ_PERSON * 2 + 1);
        assert_eq!(a[3].gaz, GAZ_CITY * 2);
        let b = word_infos(&["PUTIN", "VISITS", "MOSCOW"], kb);
        assert_eq!(b[2].gaz, GAZ_CITY * 2);
        assert!(b[1].common);
    }

    #[test]
    fn hashing_is_stable() {
        let kb = Kb::embedded();
        let s = word_infos(&["Mr.", "Smith", "said"], kb);
        let d = doc_stats(std::slice::from_ref(&s));
        let mut v = Vec::new();
        token_features(
            &s,
            1,
            &d,
            &mut Sink {
                out: &mut v,
                mask: (1 << 18) - 1,
            },
        );
        let mut w = Vec::new();
        token_features(
            &s,
            1,
            &d,
            &mut Sink {
                out: &mut w,
                mask: (1 << 18) - 1,
            },
        );
        assert_eq!(v, w);
        assert!(v.len() > 25);
    }
}
