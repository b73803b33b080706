//! Resolve: group mention candidates into actors.
//!
//! Candidates already carry a key (`c:AZ` for Azerbaijan and its demonyms,
//! `o:osce` for an organisation and its acronym, `p:Nikol Pashinyan` …).
//! This stage joins person names (a later `Pashinyan` or an earlier headline
//! `Putin` with the full name), then builds one actor per key with its
//! display name, label, kind and knowledge-base reference.

use std::collections::HashMap;

use crate::kb::{Kb, PlaceStatus};
use crate::model::{KbRef, Kind, Label};
use crate::recognize::Candidate;
use crate::tokenize::{is_all_caps, title_case};

#[derive(Clone, Debug)]
pub struct ActorDraft {
    pub key: String,
    pub name: String,
    pub label: Label,
    pub kind: Kind,
    pub kb: Option<KbRef>,
    /// ISO alpha-2 of the state this actor is or belongs to, when known.
    pub country: Option<String>,
    /// Indices into the candidate list, in text order.
    pub mentions: Vec<usize>,
}

fn name_words(key: &str) -> Vec<String> {
    let name = key.strip_prefix("p:").unwrap_or(key);
    name.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if is_all_caps(w) {
                title_case(w)
            } else {
                w.to_string()
            }
        })
        .collect()
}

/// Map every person key to its canonical key.
///
/// Full names (two words or more) are grouped first: a longer form joins a
/// shorter one with the same last word (`Putin` … `Vladimir Putin`). Then each
/// single word joins the full name that contains it (as surname first) and
/// was introduced first before it, else the first one after it:
/// `Yoon` → `Yoon Suk Yeol`.
fn join_persons(cands: &[Candidate]) -> HashMap<String, String> {
    struct Group {
        words: Vec<String>,
        key: String,
        first: usize,
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut alias: HashMap<String, String> = HashMap::new();
    let persons = || cands.iter().filter(|c| c.label == Label::PERSON);
    for c in persons() {
        let words = name_words(&c.key);
        if words.len() < 2 || alias.contains_key(&c.key) {
            continue;
        }
        let found = groups.iter_mut().rev().find(|g| {
            let (short, long) = if g.words.len() <= words.len() {
                (&g.words, &words)
            } else {
                (&words, &g.words)
            };
            short.last() == long.last() && short.iter().all(|w| long.contains(w))
        });
        match found {
            Some(g) => {
                if words.len() > g.words.len() {
                    g.words = words;
                }
                alias.insert(c.key.clone(), g.key.clone());
            }
            None => {
                alias.insert(c.key.clone(), c.key.clone());
                groups.push(Group {
                    words,
                    key: c.key.clone(),
                    first: c.start,
                });
            }
        }
    }
    for c in persons() {
        if alias.contains_key(&c.key) {
            continue;
        }
        let words = name_words(&c.key);
        let Some(w) = words.first().filter(|_| words.len() == 1) else {
            alias.insert(c.key.clone(), c.key.clone());
            continue;
        };
        let with_word = || groups.iter().filter(|g| g.words.contains(w));
        // Prefer a surname match, then the person introduced first (the
        // story's subject: a bare "Sharif" is Shehbaz, not his brother
        // mentioned in passing).
        let best = |gs: Vec<&Group>| {
            gs.into_iter()
                .min_by_key(|g| (g.words.last() != Some(w), g.first))
                .map(|g| g.key.clone())
        };
        let before: Vec<&Group> = with_word().filter(|g| g.first <= c.start).collect();
        let target = best(before).or_else(|| best(with_word().collect()));
        match target {
            Some(k) => {
                alias.insert(c.key.clone(), k);
            }
            None => {
                alias.insert(c.key.clone(), c.key.clone());
                groups.push(Group {
                    words,
                    key: c.key.clone(),
                    first: c.start,
                });
            }
        }
    }
    alias
}

fn kb_ref_country(kb: &Kb, code: &str) -> Option<(KbRef, String, Kind, String)> {
    let c = kb.country(code)?;
    let kind = if c.status == PlaceStatus::State {
        Kind::State
    } else {
        Kind::Place
    };
    let what = if c.status == PlaceStatus::State {
        "Sovereign state"
    } else {
        "Territory"
    };
    let region = c.region.split('/').next_back().unwrap_or("").trim();
    let description = if region.is_empty() {
        what.to_string()
    } else {
        format!("{what} in {region}")
    };
    let iso = (c.code.len() == 2).then(|| c.code.to_string());
    Some((
        KbRef {
            id: format!("country:{}", c.code),
            country: iso,
            office: None,
            description: Some(description),
            sector: None,
            wikidata: (!c.wikidata.is_empty()).then(|| c.wikidata.to_string()),
            ..Default::default()
        },
        c.name.to_string(),
        kind,
        c.code.to_string(),
    ))
}

/// Build actors from candidates. Returns the drafts in order of first mention
/// and, for every candidate, the index of its actor.
/// `text` is the article (for display names), `date` its date (for offices).
pub fn resolve(
    cands: &[Candidate],
    kb: &Kb,
    text: &str,
    date: &str,
) -> (Vec<ActorDraft>, Vec<usize>) {
    let persons = join_persons(cands);
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut drafts: Vec<ActorDraft> = Vec::new();
    let mut of_mention = Vec::with_capacity(cands.len());
    for (mi, c) in cands.iter().enumerate() {
        let key = persons
            .get(&c.key)
            .cloned()
            .unwrap_or_else(|| c.key.clone());
        let ai = *index.entry(key.clone()).or_insert_with(|| {
            drafts.push(new_draft(&key, c, kb, date));
            drafts.len() - 1
        });
        drafts[ai].mentions.push(mi);
        of_mention.push(ai);
    }
    for d in drafts.iter_mut() {
        finish_name(d, cands, text);
    }
    (drafts, of_mention)
}

/// The KB reference of a person, with the office held on `date`.
fn person_ref(kb: &Kb, i: usize, date: &str) -> KbRef {
    let p = &kb.people[i];
    let office = (!date.is_empty()).then(|| p.office_on(date)).flatten();
    // The state a person serves on that date follows the office held then
    // ("Prime Minister of Portugal"), else the KB's country of the person.
    let served = office.and_then(|o| {
        let (_, place) = o.title.rsplit_once(" of ")?;
        let place = place.strip_prefix("the ").unwrap_or(place);
        kb.lookup(place).iter().find_map(|e| match e {
            crate::kb::Entry::CountryName(i) => Some(kb.countries[*i as usize].code),
            _ => None,
        })
    });
    KbRef {
        id: format!("person:{}", p.id),
        country: served.or(p.country).map(str::to_string),
        office: office.map(|o| o.title.to_string()),
        description: (!p.description.is_empty()).then(|| p.description.to_string()),
        sector: office.map(|_| if p.country.is_some() { "GOV" } else { "IGO" }.to_string()),
        wikidata: (!p.wikidata.is_empty()).then(|| p.wikidata.to_string()),
        office_start: office.map(|o| o.start.to_string()),
        office_end: office.and_then(|o| o.end).map(str::to_string),
        later: if date.is_empty() {
            vec![]
        } else {
            p.later_offices(date)
                .iter()
                .map(|o| format!("{} from {}", o.title, o.start))
                .collect()
        },
        ownership: None,
    }
}

fn new_draft(key: &str, c: &Candidate, kb: &Kb, date: &str) -> ActorDraft {
    let mut d = ActorDraft {
        key: key.to_string(),
        name: String::new(),
        label: c.label,
        kind: Kind::Group,
        kb: None,
        country: None,
        mentions: vec![],
    };
    let (prefix, rest) = key.split_once(':').unwrap_or(("", key));
    match prefix {
        "c" => {
            if let Some((r, name, kind, code)) = kb_ref_country(kb, rest) {
                d.kb = Some(r);
                d.name = name;
                d.kind = kind;
                d.country = Some(code);
            }
            d.label = Label::GPE;
        }
        "city" => {
            d.label = Label::GPE;
            d.kind = Kind::Place;
            d.name = rest.to_string();
            if let Some(crate::kb::Entry::City(i)) = kb
                .lookup(rest)
                .iter()
                .find(|e| matches!(e, crate::kb::Entry::City(_)))
            {
                let city = &kb.cities[*i as usize];
                d.name = city.name.to_string();
                if let Some(c) = kb.country(&city.country) {
                    d.country = Some(c.code.to_string());
                    let what = if city.kind == crate::kb::CityKind::Region {
                        "Region"
                    } else {
                        "City"
                    };
                    d.kb = Some(KbRef {
                        id: format!("place:{}:{}", c.code, city.name),
                        country: (c.code.len() == 2).then(|| c.code.to_string()),
                        office: None,
                        description: Some(format!("{what} in {}", c.name)),
                        sector: None,
                        wikidata: None,
                        ..Default::default()
                    });
                }
            } else if let Some(crate::kb::Entry::Capital(i)) = kb
                .lookup(rest)
                .iter()
                .find(|e| matches!(e, crate::kb::Entry::Capital(_)))
            {
                let c = &kb.countries[*i as usize];
                d.country = Some(c.code.to_string());
                d.kb = Some(KbRef {
                    id: format!("capital:{}:{}", c.code, rest),
                    country: (c.code.len() == 2).then(|| c.code.to_string()),
                    office: None,
                    description: Some(format!("Capital of {}", c.name)),
                    sector: None,
                    wikidata: None,
                    ..Default::default()
                });
            }
        }
        "gov" => {
            d.label = Label::ORG;
            d.kind = Kind::Organisation;
            let (code, surface) = rest.split_once(':').unwrap_or((rest, rest));
            d.name = surface.to_string();
            if let Some(c) = kb.country(code) {
                d.country = Some(c.code.to_string());
                d.kb = Some(KbRef {
                    id: format!("government:{}:{}", c.code, surface),
                    country: (c.code.len() == 2).then(|| c.code.to_string()),
                    office: None,
                    description: Some(format!("Seat of the government of {}", c.name)),
                    sector: Some("GOV".into()),
                    wikidata: None,
                    ..Default::default()
                });
            }
        }
        "o" => {
            if let Some(o) = kb.org(rest) {
                d.name = o.name.to_string();
                d.label = o.label;
                d.kind = o.kind;
                d.country = o.country.map(str::to_string);
                d.kb = Some(KbRef {
                    id: format!("org:{}", o.id),
                    country: o.country.map(str::to_string),
                    office: None,
                    description: (!o.description.is_empty()).then(|| o.description.to_string()),
                    sector: (!o.sector.is_empty()).then(|| o.sector.to_string()),
                    wikidata: (!o.wikidata.is_empty()).then(|| o.wikidata.to_string()),
                    ownership: o.ownership.map(|w| w.as_str().to_string()),
                    ..Default::default()
                });
            }
        }
        "agent" => {
            // agent:CODE:SECTOR — "Azeri forces", "the Turkish government".
            let (code, sector) = rest.rsplit_once(':').unwrap_or((rest, ""));
            d.label = Label::ORG;
            d.kind = Kind::Organisation;
            if let Some(c) = kb.country(code) {
                d.country = Some(c.code.to_string());
                d.kb = Some(KbRef {
                    id: format!("agent:{}:{sector}", c.code),
                    country: (c.code.len() == 2).then(|| c.code.to_string()),
                    description: Some(format!(
                        "{} of {}",
                        crate::lexicon::sector_description(sector),
                        c.name
                    )),
                    sector: Some(sector.to_string()),
                    ..Default::default()
                });
            }
        }
        "place" => {
            // place:CC:Name — a place recognised from context (Paris, Texas; Georgia, US).
            let (code, name) = rest.split_once(':').unwrap_or(("", rest));
            d.label = Label::GPE;
            d.kind = Kind::Place;
            d.name = name.to_string();
            if let Some(c) = kb.country(code) {
                d.country = Some(c.code.to_string());
                let what = if name == "Georgia" && c.code == "US" {
                    "State of the United States".to_string()
                } else {
                    format!("Place in {}", c.name)
                };
                d.kb = Some(KbRef {
                    id: format!("place:{}:{}", c.code, name),
                    country: (c.code.len() == 2).then(|| c.code.to_string()),
                    description: Some(what),
                    ..Default::default()
                });
            }
        }
        "p" => {
            d.label = Label::PERSON;
            d.kind = Kind::Person;
            if let Some(crate::kb::Entry::Person(i)) = kb
                .lookup(rest)
                .iter()
                .find(|e| matches!(e, crate::kb::Entry::Person(_)))
            {
                let r = person_ref(kb, *i as usize, date);
                d.country = r.country.clone();
                d.kb = Some(r);
            }
        }
        _ => {
            d.kind = match c.label {
                Label::PERSON => Kind::Person,
                Label::ORG => Kind::Organisation,
                Label::GPE | Label::LOC | Label::FAC => Kind::Place,
                _ => Kind::Group,
            };
        }
    }
    d
}

fn finish_name(d: &mut ActorDraft, cands: &[Candidate], text: &str) {
    if !d.name.is_empty() {
        return;
    }
    if d.key.starts_with("agent:") {
        if let Some(c) = d.mentions.first().map(|&mi| &cands[mi]) {
            d.name = text
                .get(c.start..c.end)
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default();
            if !d.name.is_empty() {
                return;
            }
        }
    }
    // People are named as this article writes them (its fullest form), so a
    // card matches the text; a KB spelling is used only for a bare surname.
    if d.label == Label::PERSON {
        let written = d
            .mentions
            .iter()
            .filter_map(|&mi| text.get(cands[mi].start..cands[mi].end))
            .map(|s| s.split_whitespace().collect::<Vec<_>>())
            .filter(|w| w.len() >= 2)
            .max_by_key(|w| w.len());
        if let Some(words) = written {
            let roman = |w: &str| w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
            d.name = words
                .iter()
                .map(|w| {
                    if is_all_caps(w) && !roman(w) {
                        title_case(w)
                    } else {
                        w.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            return;
        }
    }
    // The fullest surface form among the mentions (most words, then first).
    let mut best: Option<&Candidate> = None;
    for &mi in &d.mentions {
        let c = &cands[mi];
        let words = c
            .key
            .split_once(':')
            .map(|(_, r)| r)
            .unwrap_or(&c.key)
            .split_whitespace()
            .count();
        let bw = best
            .map(|b| {
                b.key
                    .split_once(':')
                    .map(|(_, r)| r)
                    .unwrap_or(&b.key)
                    .split_whitespace()
                    .count()
            })
            .unwrap_or(0);
        if words > bw {
            best = Some(c);
        }
    }
    let raw = best
        .map(|c| {
            c.key
                .split_once(':')
                .map(|(_, r)| r)
                .unwrap_or(&c.key)
                .to_string()
        })
        .unwrap_or_default();
    let roman = |w: &str| w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    d.name = raw
        .split_whitespace()
        .map(|w| {
            if is_all_caps(w) && d.label == Label::PERSON && !roman(w) {
                title_case(w)
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    // Labels of unknown actors follow their mentions' majority.
    if d.key.starts_with("org:") || d.key.starts_with("gpe:") || d.key.starts_with("loc:") {
        let mut counts: HashMap<Label, usize> = HashMap::new();
        for &mi in &d.mentions {
            *counts.entry(cands[mi].label).or_default() += 1;
        }
        if let Some((l, _)) = counts
            .into_iter()
            .max_by_key(|(l, n)| (*n, *l == Label::ORG))
        {
            d.label = l;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::Source;

    fn cand(key: &str, label: Label, start: usize) -> Candidate {
        Candidate {
            tok: start..start + 1,
            start,
            end: start + 1,
            label,
            source: Source::Name,
            confidence: 0.9,
            key: key.into(),
        }
    }

    #[test]
    fn surnames_join_full_names() {
        let c = vec![
            cand("p:Putin", Label::PERSON, 0),
            cand("p:Vladimir Putin", Label::PERSON, 5),
            cand("p:Nikol Pashinyan", Label::PERSON, 9),
            cand("p:Pashinyan", Label::PERSON, 12),
            cand("p:PASHINYAN", Label::PERSON, 15),
        ];
        let j = join_persons(&c);
        assert_eq!(j["p:Putin"], j["p:Vladimir Putin"]);
        assert_eq!(j["p:Pashinyan"], "p:Nikol Pashinyan");
        assert_eq!(j["p:PASHINYAN"], "p:Nikol Pashinyan");
    }

    #[test]
    fn different_people_stay_apart() {
        let c = vec![
            cand("p:Ilham Aliyev", Label::PERSON, 0),
            cand("p:Heydar Aliyev", Label::PERSON, 3),
            cand("p:Aliyev", Label::PERSON, 6),
        ];
        let j = join_persons(&c);
        assert_ne!(j["p:Ilham Aliyev"], j["p:Heydar Aliyev"]);
        // the person introduced first wins
        assert_eq!(j["p:Aliyev"], "p:Ilham Aliyev");
    }

    #[test]
    fn actor_names_are_the_fullest_form() {
        let c = vec![
            cand("p:Putin", Label::PERSON, 0),
            cand("p:Vladimir Putin", Label::PERSON, 5),
        ];
        let kb = Kb::embedded();
        let (d, of) = resolve(&c, kb, "", "2020-01-01");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].name, "Vladimir Putin");
        assert_eq!(of, vec![0, 0]);
    }
}

#[cfg(test)]
mod disambiguation_tests {
    use crate::{analyze, Analysis, Label, Options};

    fn run(t: &str) -> Analysis {
        analyze(
            t,
            &Options {
                date: Some("2024-05-01".into()),
                today: None,
                ..Default::default()
            },
        )
    }

    /// (label, actor name, kb country) of the first mention with this text.
    fn link(a: &Analysis, surface: &str) -> Option<(Label, String, Option<String>)> {
        let m = a.mentions.iter().find(|m| m.text == surface)?;
        let x = a.actor(&m.actor)?;
        Some((
            m.label,
            x.name.clone(),
            x.kb.as_ref().and_then(|k| k.country.clone()),
        ))
    }

    #[test]
    fn georgia_the_country_or_the_us_state() {
        let a = run("Georgia Governor Brian Kemp signed the bill in Atlanta on Tuesday.");
        assert_eq!(
            link(&a, "Georgia"),
            Some((Label::GPE, "Georgia".into(), Some("US".into())))
        );
        let b = run("Georgian Prime Minister Irakli Kobakhidze said Georgia would keep talking to Brussels, in Tbilisi.");
        assert_eq!(
            link(&b, "Georgia"),
            Some((Label::GPE, "Georgia".into(), Some("GE".into())))
        );
        let c = run("Voters in Georgia, Arizona and Pennsylvania will decide the U.S. election.");
        assert_eq!(link(&c, "Georgia").unwrap().2.as_deref(), Some("US"));
    }

    #[test]
    fn jordan_chad_and_paris_as_people_or_places() {
        let a = run("King Abdullah II of Jordan met Chad Smith, a U.S. envoy, in Amman.");
        assert_eq!(link(&a, "Jordan").unwrap().2.as_deref(), Some("JO"));
        assert_eq!(link(&a, "Chad Smith").map(|l| l.0), Some(Label::PERSON));
        assert!(link(&a, "Chad").is_none());
        let b = run("Chad's government declared an emergency after floods hit N'Djamena.");
        assert_eq!(link(&b, "Chad").unwrap().2.as_deref(), Some("TD"));
        let c = run("The festival moved from Paris, Texas, to Dallas.");
        assert_eq!(
            link(&c, "Paris"),
            Some((Label::GPE, "Paris, Texas".into(), Some("US".into())))
        );
        let d = run("Leaders met in Paris on Monday.");
        assert_eq!(link(&d, "Paris").unwrap().2.as_deref(), Some("FR"));
    }

    #[test]
    fn niger_and_turkey() {
        let a = run("Oil spills have fouled the Niger Delta for decades. Niger's junta expelled French troops.");
        let delta = link(&a, "Niger Delta").unwrap();
        assert_eq!(
            delta.2.as_deref(),
            Some("NG"),
            "the Niger Delta is in Nigeria"
        );
        assert_eq!(link(&a, "Niger").unwrap().2.as_deref(), Some("NE"));
        let b = run("Americans will eat turkey on Thursday while Turkey hosts talks.");
        assert!(link(&b, "turkey").is_none());
        assert_eq!(link(&b, "Turkey").unwrap().2.as_deref(), Some("TR"));
    }

    #[test]
    fn offices_follow_the_article_date() {
        let at = |d: &str| {
            let a = analyze(
                "Vladimir Putin spoke to reporters in Moscow.",
                &Options {
                    date: Some(d.into()),
                    today: None,
                    ..Default::default()
                },
            );
            let m = a
                .mentions
                .iter()
                .find(|m| m.text == "Vladimir Putin")
                .unwrap();
            a.actor(&m.actor).unwrap().kb.clone().unwrap()
        };
        assert_eq!(
            at("2010-06-01").office.as_deref(),
            Some("Prime Minister of Russia")
        );
        assert!(at("2010-06-01")
            .later
            .iter()
            .any(|l| l.starts_with("President of Russia")));
        assert_eq!(
            at("2020-10-14").office.as_deref(),
            Some("President of Russia")
        );
    }
}
