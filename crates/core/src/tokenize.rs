//! Tokenize: words, numbers, punctuation and sentences with exact byte offsets.
//!
//! Handles curly quotes, possessive ’s / 's (split off as their own token),
//! hyphenated compounds (split at the hyphen, with `space_before == false`, so
//! `majority-Armenian` yields a word `Armenian`), abbreviations (`Sept.`,
//! `U.S.`, `Mr.`, initials), and any alphabet (`Erdoğan`, `Habertürk`).

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    /// `'s` / `’s` after a noun.
    Possessive,
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Whitespace (or a block start) precedes the token.
    pub space_before: bool,
    /// First word of its sentence (after any opening quotes or brackets).
    pub sent_start: bool,
    /// Index of the block the token belongs to.
    pub block: u32,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

#[derive(Clone, Debug, Default)]
pub struct Tokens {
    pub tokens: Vec<Token>,
    /// Token index ranges, one per sentence, in order.
    pub sentences: Vec<Range<usize>>,
}

/// Abbreviations that keep their period (lower-case, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm",
    "cmdr", "gov", "sen", "rep", "rev", "fr", "st", "jr", "sr", "hon", "pres", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "ltd", "co",
    "no", "vs", "etc", "dept", "est", "mt", "ft", "approx", "univ", "assn", "bros", "gov't", "e.g",
    "i.e", "a.m", "p.m",
];

/// Abbreviations that never end a sentence (they precede a name or number).
const NON_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm",
    "cmdr", "gov", "sen", "rep", "rev", "fr", "st", "hon", "pres", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "mt", "ft",
];

pub fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’' || c == 'ʼ'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c) || c == '\u{ad}'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‐' || c == '‑'
}

/// Tokenize the byte range `range` of `text` as block number `block`,
/// appending to `out`.
pub fn tokenize_block(text: &str, range: Range<usize>, block: u32, out: &mut Tokens) {
    let first_tok = out.tokens.len();
    let s = &text[range.clone()];
    let base = range.start;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let n = chars.len();
    let at = |i: usize| -> Option<char> { chars.get(i).map(|&(_, c)| c) };
    let off = |i: usize| -> usize {
        if i < n {
            base + chars[i].0
        } else {
            base + s.len()
        }
    };
    let mut i = 0;
    let mut space = true;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_digit() || (c.is_numeric() && !c.is_alphabetic()) {
            // Number: digits with inner , . : separators (30,000  1.5  10:30).
            i += 1;
            while i < n {
                let d = chars[i].1;
                if d.is_ascii_digit() {
                    i += 1;
                } else if matches!(d, ',' | '.' | ':')
                    && at(i + 1).is_some_and(|x| x.is_ascii_digit())
                {
                    i += 2;
                } else {
                    break;
                }
            }
            // Ordinals and units glued on: 27th, 1990s, 5km.
            while i < n && chars[i].1.is_alphabetic() {
                i += 1;
            }
            kind = TokKind::Number;
        } else if is_word_char(c) {
            i += 1;
            loop {
                while i < n && is_word_char(chars[i].1) {
                    i += 1;
                }
                // Inner apostrophe: O'Brien, don't — but not a possessive 's.
                if i + 1 < n && is_apostrophe(chars[i].1) && chars[i + 1].1.is_alphabetic() {
                    let poss =
                        matches!(chars[i + 1].1, 's' | 'S') && !at(i + 2).is_some_and(is_word_char);
                    if !poss {
                        i += 1;
                        continue;
                    }
                }
                break;
            }
            // Abbreviations and initials keep their period: U.S., Sept., J.
            if at(i) == Some('.') {
                let word = &text[off(start)..off(i)];
                let lower = word.to_lowercase();
                let single = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
                if single {
                    i += 1;
                    // U.S.A. / U.K.
                    while i + 1 < n
                        && chars[i].1.is_alphabetic()
                        && chars[i + 1].1 == '.'
                        && !at(i + 2).is_some_and(char::is_alphabetic)
                    {
                        i += 2;
                    }
                } else if ABBREVIATIONS.contains(&lower.as_str()) {
                    i += 1;
                }
            }
            kind = TokKind::Word;
        } else if is_apostrophe(c)
            && matches!(at(i + 1), Some('s' | 'S'))
            && !at(i + 2).is_some_and(is_word_char)
            && !space
        {
            i += 2;
            kind = TokKind::Possessive;
        } else {
            i += 1;
            kind = TokKind::Punct;
        }
        out.tokens.push(Token {
            start: off(start),
            end: off(i),
            kind,
            space_before: space,
            sent_start: false,
            block,
        });
        space = false;
        // Hyphen between two words stays a separate token with no space.
        let _ = is_hyphen;
    }
    split_sentences(text, first_tok, out);
}

fn split_sentences(text: &str, first: usize, out: &mut Tokens) {
    let toks = &out.tokens;
    let n = toks.len();
    let mut start = first;
    let mut bounds = Vec::new();
    let mut i = first;
    while i < n {
        let t = toks[i];
        let tx = t.text(text);
        let terminal = match t.kind {
            TokKind::Punct => matches!(tx, "." | "!" | "?" | "…"),
            TokKind::Word if tx.ends_with('.') => {
                let lower = tx.trim_end_matches('.').to_lowercase();
                !NON_FINAL.contains(&lower.as_str())
                    && tx.chars().filter(|c| *c == '.').count() >= 1
                    && lower.len() > 1
            }
            _ => false,
        };
        if terminal {
            // Absorb closing quotes/brackets and repeated terminals.
            let mut j = i + 1;
            while j < n
                && toks[j].kind == TokKind::Punct
                && !toks[j].space_before
                && is_closer(toks[j].text(text))
            {
                j += 1;
            }
            let next_starts = j >= n || {
                let nt = toks[j];
                let c = nt.text(text).chars().next().unwrap_or(' ');
                nt.space_before
                    && (c.is_uppercase() || c.is_ascii_digit() || is_opener(nt.text(text)))
            };
            // An abbreviation word (U.S.) ends a sentence only before a clear sentence opener.
            let abbrev_ok =
                t.kind != TokKind::Word || j >= n || is_sentence_opener(toks[j].text(text));
            if next_starts && abbrev_ok {
                bounds.push(start..j);
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < n {
        bounds.push(start..n);
    }
    for r in bounds {
        if let Some(k) = (r.start..r.end)
            .find(|&k| matches!(out.tokens[k].kind, TokKind::Word | TokKind::Number))
        {
            out.tokens[k].sent_start = true;
        }
        out.sentences.push(r);
    }
}

fn is_closer(s: &str) -> bool {
    matches!(
        s,
        "\"" | "”" | "’" | "'" | ")" | "]" | "»" | "." | "!" | "?"
    )
}

fn is_opener(s: &str) -> bool {
    matches!(s, "\"" | "“" | "‘" | "'" | "(" | "[" | "«")
}

fn is_sentence_opener(s: &str) -> bool {
    matches!(
        s,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "But"
            | "In"
            | "On"
            | "This"
            | "That"
            | "There"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "After"
            | "As"
            | "At"
            | "If"
            | "When"
            | "Meanwhile"
            | "However"
            | "And"
            | "Both"
            | "Some"
            | "Many"
            | "Officials"
            | "\""
            | "“"
    )
}

/// Tokenize a whole text given its blocks (byte ranges).
pub fn tokenize(text: &str, blocks: &[Range<usize>]) -> Tokens {
    let mut out = Tokens::default();
    for (b, r) in blocks.iter().enumerate() {
        tokenize_block(text, r.clone(), b as u32, &mut out);
    }
    out
}

/// First character is upper-case.
pub fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Has at least two letters and no lower-case letter.
pub fn is_all_caps(s: &str) -> bool {
    caps_with_letters(s, 2)
}

/// A word or span shouted in capitals, with at least three letters ("MOSCOW",
/// "NEW DELHI"; not "US" or "UN"): in ordinary text, a dateline's place.
pub fn is_shouted(s: &str) -> bool {
    caps_with_letters(s, 3)
}

fn caps_with_letters(s: &str, min: usize) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= min && !s.chars().any(char::is_lowercase)
}

/// `ARMENIA` → `Armenia`, `NAGORNO-KARABAKH` → `Nagorno-Karabakh`.
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_letter = false;
    for c in s.chars() {
        if c.is_alphabetic() {
            if prev_letter {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_letter = true;
        } else {
            out.push(c);
            prev_letter = is_apostrophe(c) && prev_letter;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<String> {
        let tk = tokenize(t, &[0..t.len()]);
        tk.tokens.iter().map(|x| x.text(t).to_string()).collect()
    }

    fn sents(t: &str) -> Vec<String> {
        let tk = tokenize(t, &[0..t.len()]);
        tk.sentences
            .iter()
            .map(|r| t[tk.tokens[r.start].start..tk.tokens[r.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn possessives_split() {
        assert_eq!(
            toks("Turkey’s NATO partners"),
            ["Turkey", "’s", "NATO", "partners"]
        );
        assert_eq!(toks("Turkey's army"), ["Turkey", "'s", "army"]);
        assert_eq!(
            toks("the Armenians' claim"),
            ["the", "Armenians", "'", "claim"]
        );
    }

    #[test]
    fn inner_apostrophes_stay() {
        assert_eq!(toks("O'Brien didn't"), ["O'Brien", "didn't"]);
    }

    #[test]
    fn hyphenated_compounds_split_without_space() {
        let t = "the majority-Armenian enclave";
        let tk = tokenize(t, &[0..t.len()]);
        let texts: Vec<_> = tk.tokens.iter().map(|x| x.text(t)).collect();
        assert_eq!(texts, ["the", "majority", "-", "Armenian", "enclave"]);
        assert!(!tk.tokens[3].space_before);
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            toks("on Sept. 27 the U.S. said"),
            ["on", "Sept.", "27", "the", "U.S.", "said"]
        );
        assert_eq!(toks("Mr. J. Smith"), ["Mr.", "J.", "Smith"]);
        assert_eq!(
            toks("30,000 people and 1.5 million"),
            ["30,000", "people", "and", "1.5", "million"]
        );
    }

    #[test]
    fn diacritics_and_curly_quotes() {
        assert_eq!(
            toks("“numerous” Erdoğan Habertürk"),
            ["“", "numerous", "”", "Erdoğan", "Habertürk"]
        );
    }

    #[test]
    fn sentences() {
        assert_eq!(
            sents("He spoke on Sept. 27 with Mr. Smith. Then he left! “Why?” she asked."),
            [
                "He spoke on Sept. 27 with Mr. Smith.",
                "Then he left!",
                "“Why?” she asked."
            ]
        );
        assert_eq!(
            sents("Troops left the U.S. The war ended."),
            ["Troops left the U.S.", "The war ended."]
        );
        assert_eq!(sents("the U.S. Army said"), ["the U.S. Army said"]);
    }

    #[test]
    fn sentence_start_flags() {
        let t = "\"We will win,\" he said. Putin agreed.";
        let tk = tokenize(t, &[0..t.len()]);
        let starts: Vec<_> = tk
            .tokens
            .iter()
            .filter(|x| x.sent_start)
            .map(|x| x.text(t))
            .collect();
        assert_eq!(starts, ["We", "Putin"]);
    }

    #[test]
    fn offsets_are_exact() {
        let t = "Erdoğan’s aide";
        let tk = tokenize(t, &[0..t.len()]);
        for x in &tk.tokens {
            assert!(t.is_char_boundary(x.start) && t.is_char_boundary(x.end));
        }
        assert_eq!(tk.tokens[1].text(t), "’s");
        assert_eq!(tk.tokens[1].kind, TokKind::Possessive);
    }

    #[test]
    fn caps_helpers() {
        assert!(is_all_caps("NATO"));
        assert!(!is_all_caps("A"));
        assert_eq!(title_case("NAGORNO-KARABAKH"), "Nagorno-Karabakh");
        assert_eq!(title_case("ERDOĞAN'S"), "Erdoğan's");
    }
}
