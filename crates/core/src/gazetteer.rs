//! Gazetteer: every surface form of the knowledge base (names, aliases,
//! demonyms, capitals, acronyms, people) in one case-sensitive Aho–Corasick
//! automaton (daachorse's double-array, charwise), so a sentence is scanned
//! once for all of them. Matches count only when they start and end on token
//! boundaries; what a match names comes from [`Kb::lookup`].

use std::collections::HashSet;
use std::sync::OnceLock;

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use crate::kb::Kb;

pub struct Gazetteer {
    pma: CharwiseDoubleArrayAhoCorasick<u32>,
    patterns: usize,
}

static G: OnceLock<Gazetteer> = OnceLock::new();

impl Gazetteer {
    /// The automaton over the embedded KB, built on first use (~15 ms native).
    pub fn embedded() -> &'static Gazetteer {
        G.get_or_init(|| Gazetteer::build(Kb::embedded()))
    }

    /// The embedded automaton if it has been built already. The reader builds
    /// it just after its first paint; until then recognition uses the KB's
    /// hash table, which gives the same matches (tests check it).
    pub fn ready() -> Option<&'static Gazetteer> {
        G.get()
    }

    pub fn build(kb: &Kb) -> Gazetteer {
        Gazetteer::from_forms(&surface_forms(kb))
    }

    pub fn from_forms(forms: &[&str]) -> Gazetteer {
        let pma = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            // The 2-gram prefilter costs 64 KiB and buys little on sentences.
            .use_prefilter(false)
            .build_with_values(forms.iter().enumerate().map(|(i, f)| (*f, i as u32)))
            .expect("KB surface forms are unique and non-empty");
        Gazetteer {
            pma,
            patterns: forms.len(),
        }
    }
}

/// Every surface form the KB resolves, sorted (the automaton's patterns).
pub fn surface_forms(kb: &Kb) -> Vec<&str> {
    {
        fn add<'k>(forms: &mut HashSet<&'k str>, f: &'k str) {
            let f = f.trim();
            if f.is_empty() {
                return;
            }
            if let Some(rest) = f.strip_prefix("the ").or_else(|| f.strip_prefix("The ")) {
                forms.insert(rest);
            }
            forms.insert(f);
        }
        let mut forms: HashSet<&str> = HashSet::new();
        for c in &kb.countries {
            for f in std::iter::once(&c.name)
                .chain(&c.aliases)
                .chain(&c.demonyms)
                .chain(&c.capitals)
                .chain(&c.metonyms)
            {
                add(&mut forms, f);
            }
        }
        for o in &kb.orgs {
            for f in std::iter::once(&o.name)
                .chain(&o.aliases)
                .chain(&o.acronyms)
            {
                add(&mut forms, f);
            }
        }
        for c in &kb.cities {
            for f in std::iter::once(&c.name).chain(&c.aliases) {
                add(&mut forms, f);
            }
        }
        for p in &kb.people {
            for f in std::iter::once(&p.name).chain(&p.aliases) {
                add(&mut forms, f);
            }
        }
        // Only forms the KB actually resolves (the KB drops some colliding ones).
        let mut list: Vec<&str> = forms
            .into_iter()
            .filter(|f| !kb.lookup(f).is_empty())
            .collect();
        list.sort_unstable();
        list
    }
}

impl Gazetteer {
    /// Number of surface forms in the automaton.
    pub fn len(&self) -> usize {
        self.patterns
    }

    pub fn is_empty(&self) -> bool {
        self.patterns == 0
    }

    /// Every occurrence of a surface form in `text` (overlapping ones too),
    /// as byte ranges.
    pub fn find_all<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.pma
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.end()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_names_demonyms_and_acronyms_case_sensitively() {
        let g = Gazetteer::embedded();
        assert!(g.len() > 5000);
        let t = "Azeri forces and the OSCE met in Baku; a turkey is not Turkey.";
        let found: Vec<&str> = g.find_all(t).map(|(s, e)| &t[s..e]).collect();
        for want in ["Azeri", "OSCE", "Baku", "Turkey"] {
            assert!(found.contains(&want), "{want} not in {found:?}");
        }
        assert!(!found.contains(&"turkey"));
    }

    #[test]
    fn every_form_it_finds_is_a_kb_surface() {
        let g = Gazetteer::embedded();
        let kb = Kb::embedded();
        let t = "Russian President Vladimir Putin and his Turkish counterpart Recep Tayyip Erdoğan spoke to the Organisation for Security and Cooperation in Europe.";
        for (s, e) in g.find_all(t) {
            assert!(!kb.lookup(&t[s..e]).is_empty(), "{}", &t[s..e]);
        }
    }
}
