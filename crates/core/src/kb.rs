//! The embedded knowledge base: places (states and territories), cities and regions,
//! organisations and groups, people (office holders and public figures), given names
//! and common words.
//!
//! The tables are compiled by `dramatis kb build` (crates/cli/src/kb_build.rs) into
//! `assets/kb/` and embedded here with `include_str!`, so the engine needs no I/O
//! and works the same natively and in wasm. See `assets/kb/ATTRIBUTION.md` for
//! sources and licences.
//!
//! Formats (UTF-8; lines starting with `#` are comments; `;` separates list items;
//! an empty field is an empty string):
//!
//! - `countries.tsv`: `code iso3 name status aliases demonyms capitals metonyms
//!   wikidata region`. `code` is ISO 3166-1 alpha-2, or a lowercase slug for places
//!   without one (`nagorno-karabakh`); `status` is `state` or `territory`.
//! - `orgs.tsv`: `id name label kind sector country acronyms aliases wikidata
//!   description ownership`. `label` is `ORG` or `NORP`; `kind` is `organisation` or
//!   `group`; `ownership` is `state`, `public` or `private` for news outlets (sector
//!   `MED`) and empty otherwise or when unknown.
//! - `cities.tsv`: `name country aliases kind`. `country` is a `code` of
//!   `countries.tsv` (the territory's slug for a city inside one: Rafah is in
//!   `gaza-strip`); `kind` is `city` or `region` (a state, province or well-known
//!   region). No city form is also a form of a country or an organisation.
//! - `people.tsv`: `id name aliases country offices wikidata description`. `country`
//!   is a `code` of `countries.tsv` or empty (heads of international organisations);
//!   `offices` is a `;`-separated list of `Title|YYYY-MM-DD|YYYY-MM-DD` terms in order
//!   of start, the end empty while in office. A person's form never shadows a form of
//!   a place, city or organisation.
//! - `given-names.txt`, `common-words.txt`: one word per line.
//!
//! Surface forms are stored exactly as written in prose ("U.S.", "Nagorno-Karabakh",
//! "Habertürk"); [`Kb::lookup`] is exact and case-sensitive, and also knows every
//! form without its leading "the " ("the Kremlin" -> "Kremlin").

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (rustc's hasher): much faster than SipHash for short keys, and the
/// KB's keys are fixed data, so hash flooding is no concern.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().unwrap());
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;
use std::sync::OnceLock;

use crate::{Kind, Label};

const COUNTRIES_TSV: &str = include_str!("../../../assets/kb/countries.tsv");
const ORGS_TSV: &str = include_str!("../../../assets/kb/orgs.tsv");
const CITIES_TSV: &str = include_str!("../../../assets/kb/cities.tsv");
const PEOPLE_TSV: &str = include_str!("../../../assets/kb/people.tsv");
const GIVEN_NAMES: &str = include_str!("../../../assets/kb/given-names.txt");
const COMMON_WORDS: &str = include_str!("../../../assets/kb/common-words.txt");

/// Whether a place is a sovereign state or a territory (dependent, disputed or a
/// region that news reports as a place of its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlaceStatus {
    State,
    Territory,
}

impl PlaceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceStatus::State => "state",
            PlaceStatus::Territory => "territory",
        }
    }
}

/// A state or territory.
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 ("AZ"), or a lowercase slug ("nagorno-karabakh").
    pub code: &'static str,
    /// ISO 3166-1 alpha-3, or empty.
    pub iso3: &'static str,
    /// The common English news name ("Turkey", "South Korea").
    pub name: &'static str,
    pub status: PlaceStatus,
    /// Other names as written in prose ("Türkiye", "U.S.", "Burma").
    pub aliases: Vec<&'static str>,
    /// Adjectives and demonyms, singular and plural ("Azeri", "Azeris").
    pub demonyms: Vec<&'static str>,
    /// Capitals; the first is the primary one.
    pub capitals: Vec<&'static str>,
    /// Seats of government used for the government ("Kremlin", "Downing Street").
    pub metonyms: Vec<&'static str>,
    /// Wikidata Q-id, or empty.
    pub wikidata: &'static str,
    /// "Region/Subregion", e.g. "Asia/Western Asia".
    pub region: &'static str,
}

impl Country {
    /// The flag emoji (a pair of regional indicators) for a two-letter upper-case
    /// code; `None` for slugs.
    pub fn flag(&self) -> Option<String> {
        let b = self.code.as_bytes();
        if b.len() != 2 || !b.iter().all(u8::is_ascii_uppercase) {
            return None;
        }
        b.iter()
            .map(|&c| char::from_u32(0x1F1E6 + u32::from(c - b'A')))
            .collect()
    }

    pub fn is_state(&self) -> bool {
        self.status == PlaceStatus::State
    }
}

/// An organisation (ORG) or a religious, political or ethnic group (NORP).
#[derive(Clone, Debug, PartialEq)]
pub struct Org {
    /// Slug ("osce-minsk-group").
    pub id: &'static str,
    pub name: &'static str,
    pub label: Label,
    pub kind: Kind,
    /// CAMEO-style sector: IGO, MED, GOV, MIL, NGO, PTY, REB, BUS, EDU, REL, SPO, or
    /// empty.
    pub sector: &'static str,
    /// ISO alpha-2 of the home country; `None` for international bodies.
    pub country: Option<&'static str>,
    pub acronyms: Vec<&'static str>,
    pub aliases: Vec<&'static str>,
    /// Wikidata Q-id, or empty.
    pub wikidata: &'static str,
    /// One short sentence.
    pub description: &'static str,
    /// Who owns a news outlet (sector MED); `None` for other organisations and when
    /// unknown.
    pub ownership: Option<Ownership>,
}

/// Who owns a news outlet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ownership {
    /// State-owned or state-controlled (TASS, Xinhua, Anadolu, Al Jazeera, VOA).
    State,
    /// A public-service broadcaster or agency with editorial independence by law
    /// (BBC, NHK, NPR, AFP).
    Public,
    /// Privately owned, including cooperatives and non-profits (Reuters, AP, CNN).
    Private,
}

impl Ownership {
    /// Parses the table value: `state`, `public` or `private`.
    pub fn parse(s: &str) -> Option<Ownership> {
        match s {
            "state" => Some(Ownership::State),
            "public" => Some(Ownership::Public),
            "private" => Some(Ownership::Private),
            _ => None,
        }
    }

    /// Words for display: "state-owned", "public broadcaster", "privately owned".
    pub fn as_str(self) -> &'static str {
        match self {
            Ownership::State => "state-owned",
            Ownership::Public => "public broadcaster",
            Ownership::Private => "privately owned",
        }
    }
}

/// Whether a [`City`] is a city or a region (a first-level subdivision such as a US
/// state, or a well-known region or island).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CityKind {
    City,
    Region,
}

impl CityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CityKind::City => "city",
            CityKind::Region => "region",
        }
    }
}

/// A city or region that is not a capital ("São Paulo", "Kharkiv", "Texas").
#[derive(Clone, Debug, PartialEq)]
pub struct City {
    /// The name as news writes it, with diacritics ("São Paulo").
    pub name: &'static str,
    /// The `code` of the [`Country`] it lies in ("BR", "gaza-strip").
    pub country: &'static str,
    /// Other names and spellings ("Sao Paulo", "Odessa", "NYC").
    pub aliases: Vec<&'static str>,
    pub kind: CityKind,
}

/// A term of office ("President of Russia", 2012-05-07, still held).
#[derive(Clone, Debug, PartialEq)]
pub struct Office {
    /// The office's plain English title ("Prime Minister of Russia").
    pub title: &'static str,
    /// First day, `YYYY-MM-DD` (the 1st of the month when only the month is known).
    pub start: &'static str,
    /// The day the term ended (the successor's first day); `None` while in office.
    pub end: Option<&'static str>,
}

impl Office {
    /// Held on that `YYYY-MM-DD` date: `start <= date` and (no end or `date < end`).
    pub fn held_on(&self, date: &str) -> bool {
        self.start <= date && self.end.as_deref().map_or(true, |e| date < e)
    }
}

/// An office holder or public figure ("Vladimir Putin").
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// Slug ("vladimir-putin").
    pub id: &'static str,
    /// Full common English name with diacritics ("Recep Tayyip Erdoğan").
    pub name: &'static str,
    /// Other full forms, spellings and, for the few whose surname alone names them in
    /// world news, the surname ("Erdogan", "Putin").
    pub aliases: Vec<&'static str>,
    /// The `code` of the [`Country`] they serve; `None` for heads of international
    /// organisations and figures of no one state.
    pub country: Option<&'static str>,
    /// Terms of office in order of start.
    pub offices: Vec<Office>,
    /// Wikidata Q-id, or empty.
    pub wikidata: &'static str,
    /// One short clause ("Russian politician and former KGB officer").
    pub description: &'static str,
}

impl Person {
    /// The office held on that `YYYY-MM-DD` date; when several are, the
    /// highest (head of state, then of government, then deputies, then the
    /// rest: a prime minister who is also foreign minister is the prime
    /// minister), and among equals the one that started last.
    pub fn office_on(&self, date: &str) -> Option<&Office> {
        self.offices
            .iter()
            .filter(|o| o.held_on(date))
            .max_by(|a, b| {
                office_rank(&b.title)
                    .cmp(&office_rank(&a.title))
                    .then_with(|| a.start.cmp(&b.start))
            })
    }

    /// Offices that started after that date, in order of start.
    pub fn later_offices(&self, date: &str) -> Vec<&Office> {
        self.offices.iter().filter(|o| o.start > date).collect()
    }
}

/// 0 for a head of state, 1 head of government, 2 deputy, 3 any other office.
pub fn office_rank(title: &str) -> u8 {
    let t = title.strip_prefix("Acting ").unwrap_or(title);
    let t = t.strip_prefix("Interim ").unwrap_or(t);
    let t = t.strip_prefix("Transitional ").unwrap_or(t);
    const HEADS: &[&str] = &[
        "President of ",
        "King of ",
        "Queen of ",
        "Emir of ",
        "Sultan of ",
        "Supreme Leader of ",
        "Grand Duke of ",
        "Prince of ",
        "Emperor of ",
        "Chairman of the Presidential Council",
        "Chairman of the Presidential Leadership Council",
        "Chairman of the Transitional Sovereignty Council",
        "Chairman of the Sovereignty Council",
        "Chairman of the Transitional Military Council",
        "Chairman of the Supreme Council of the Armed Forces",
        "Chairman of the State Peace and Development Council",
        "Chairman of the National Transitional Government",
        "Chairman of the National Transitional Council",
        "Chairman of the Military Council for Justice and Democracy",
        "Chairman of the Afghan Interim Administration",
        "Head of State of ",
        "Leader of Libya",
        "Pope",
    ];
    const GOVERNMENT: &[&str] = &[
        "Prime Minister of ",
        "Chancellor of ",
        "Premier of ",
        "Chief Adviser",
        "Taoiseach",
        "President of the Government of ",
        "President of the Council of Ministers",
        "Chairman of the Council of Ministers",
        // Iran's Supreme Leader is the head of state; its president heads the government.
        "President of Iran",
        "Chairman of the Cabinet of Ministers of Kyrgyzstan",
        "Minister of State of Monaco",
        "Chief Minister of Sierra Leone",
        "Chief Executive of Pakistan",
        "Chief Executive of Afghanistan",
        "Vice President of the Government of Gabon",
    ];
    // Heads of a chamber, court, bank, party or other body are not heads of a
    // state or government ("President of the Senate", "Chancellor of the Exchequer").
    const BODIES: &[&str] = &[
        "Senate",
        "Assembly",
        "Parliament",
        "Chamber",
        "Court",
        "Bank",
        "Committee",
        "Commission",
        "Party",
        "Front",
        "Rally",
        "Congress",
        "Duma",
        "Exchequer",
        "Constitutional",
        "European",
        "Olympic",
        "FIFA",
        "Federal Reserve",
        "University",
        "Federation",
        "Association",
        "Organization",
        "Organisation",
        "Movement",
        "Xunta",
        "Regional",
        "Catalonia",
    ];
    if GOVERNMENT.iter().any(|h| t.starts_with(h)) && !BODIES.iter().any(|b| t.contains(b)) {
        1
    } else if t.starts_with("Vice ") || t.starts_with("Deputy ") || t.starts_with("First Deputy ") {
        2
    } else if BODIES.iter().any(|b| t.contains(b)) {
        3
    } else if HEADS.iter().any(|h| t.starts_with(h)) {
        0
    } else {
        3
    }
}

/// What a surface form names; the number indexes [`Kb::countries`], [`Kb::orgs`],
/// [`Kb::cities`] or [`Kb::people`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    CountryName(u32),
    Demonym(u32),
    Capital(u32),
    Metonym(u32),
    OrgName(u32),
    OrgAcronym(u32),
    /// A city or region (name or alias).
    City(u32),
    /// A person (name or alias).
    Person(u32),
}

impl Entry {
    /// The index into `countries`, `orgs`, `cities` or `people`.
    pub fn index(self) -> u32 {
        match self {
            Entry::CountryName(i)
            | Entry::Demonym(i)
            | Entry::Capital(i)
            | Entry::Metonym(i)
            | Entry::OrgName(i)
            | Entry::OrgAcronym(i)
            | Entry::City(i)
            | Entry::Person(i) => i,
        }
    }

    pub fn is_country(self) -> bool {
        matches!(
            self,
            Entry::CountryName(_) | Entry::Demonym(_) | Entry::Capital(_) | Entry::Metonym(_)
        )
    }
}

/// The knowledge base.
pub struct Kb {
    pub countries: Vec<Country>,
    pub orgs: Vec<Org>,
    pub cities: Vec<City>,
    pub people: Vec<Person>,
    given: FastSet<&'static str>,
    common: FastSet<&'static str>,
    surface: FastMap<&'static str, Vec<Entry>>,
    max_tokens: usize,
    country_by_code: FastMap<&'static str, u32>,
    org_by_id: FastMap<&'static str, u32>,
    person_by_id: FastMap<&'static str, u32>,
}

impl Kb {
    /// The knowledge base compiled into the binary, parsed once.
    pub fn embedded() -> &'static Kb {
        static KB: OnceLock<Kb> = OnceLock::new();
        KB.get_or_init(Kb::parse_embedded)
    }

    /// A fresh parse of the embedded tables (what [`Kb::embedded`] does once;
    /// benchmarks time it).
    pub fn parse_embedded() -> Kb {
        Kb::parse(
            COUNTRIES_TSV,
            ORGS_TSV,
            CITIES_TSV,
            PEOPLE_TSV,
            GIVEN_NAMES,
            COMMON_WORDS,
        )
        .expect("embedded knowledge base (assets/kb) is malformed; run `dramatis kb build`")
    }

    /// Parse the six tables (see the module documentation for their formats).
    pub fn parse(
        countries_tsv: &'static str,
        orgs_tsv: &'static str,
        cities_tsv: &'static str,
        people_tsv: &'static str,
        given: &'static str,
        common: &'static str,
    ) -> Result<Kb, String> {
        let mut countries = Vec::new();
        for (n, line) in data_lines(countries_tsv) {
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() != 10 {
                return Err(format!(
                    "countries.tsv:{n}: {} fields, expected 10",
                    f.len()
                ));
            }
            let status = match f[3] {
                "state" => PlaceStatus::State,
                "territory" => PlaceStatus::Territory,
                s => return Err(format!("countries.tsv:{n}: status {s:?}")),
            };
            if f[0].is_empty() || f[2].is_empty() {
                return Err(format!("countries.tsv:{n}: empty code or name"));
            }
            countries.push(Country {
                code: f[0],
                iso3: f[1],
                name: f[2],
                status,
                aliases: list(f[4]),
                demonyms: list(f[5]),
                capitals: list(f[6]),
                metonyms: list(f[7]),
                wikidata: f[8],
                region: f[9],
            });
        }

        let mut orgs = Vec::new();
        for (n, line) in data_lines(orgs_tsv) {
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() != 11 {
                return Err(format!("orgs.tsv:{n}: {} fields, expected 11", f.len()));
            }
            let label =
                Label::parse(f[2]).ok_or_else(|| format!("orgs.tsv:{n}: label {:?}", f[2]))?;
            let kind = match f[3] {
                "organisation" => Kind::Organisation,
                "group" => Kind::Group,
                k => return Err(format!("orgs.tsv:{n}: kind {k:?}")),
            };
            if f[0].is_empty() || f[1].is_empty() {
                return Err(format!("orgs.tsv:{n}: empty id or name"));
            }
            let ownership = match f[10] {
                "" => None,
                o => Some(
                    Ownership::parse(o).ok_or_else(|| format!("orgs.tsv:{n}: ownership {o:?}"))?,
                ),
            };
            orgs.push(Org {
                id: f[0],
                name: f[1],
                label,
                kind,
                sector: f[4],
                country: (!f[5].is_empty()).then_some(f[5]),
                acronyms: list(f[6]),
                aliases: list(f[7]),
                wikidata: f[8],
                description: f[9],
                ownership,
            });
        }

        let mut cities = Vec::new();
        for (n, line) in data_lines(cities_tsv) {
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() != 4 {
                return Err(format!("cities.tsv:{n}: {} fields, expected 4", f.len()));
            }
            let kind = match f[3] {
                "city" => CityKind::City,
                "region" => CityKind::Region,
                k => return Err(format!("cities.tsv:{n}: kind {k:?}")),
            };
            if f[0].is_empty() || f[1].is_empty() {
                return Err(format!("cities.tsv:{n}: empty name or country"));
            }
            cities.push(City {
                name: f[0],
                country: f[1],
                aliases: list(f[2]),
                kind,
            });
        }

        let mut people = Vec::new();
        for (n, line) in data_lines(people_tsv) {
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() != 7 {
                return Err(format!("people.tsv:{n}: {} fields, expected 7", f.len()));
            }
            if f[0].is_empty() || f[1].is_empty() {
                return Err(format!("people.tsv:{n}: empty id or name"));
            }
            let mut offices = Vec::new();
            for item in f[4].split(';').filter(|s| !s.is_empty()) {
                let mut parts = item.split('|');
                let (Some(title), Some(start), Some(end), None) =
                    (parts.next(), parts.next(), parts.next(), parts.next())
                else {
                    return Err(format!("people.tsv:{n}: office {item:?}"));
                };
                if title.is_empty() || start.len() != 10 {
                    return Err(format!("people.tsv:{n}: office {item:?}"));
                }
                offices.push(Office {
                    title,
                    start,
                    end: (!end.is_empty()).then_some(end),
                });
            }
            people.push(Person {
                id: f[0],
                name: f[1],
                aliases: list(f[2]),
                country: (!f[3].is_empty()).then_some(f[3]),
                offices,
                wikidata: f[5],
                description: f[6],
            });
        }

        let given: FastSet<&'static str> = data_lines(given).map(|(_, w)| w.trim()).collect();
        // The list is lower case already; anything else could never match.
        let common: FastSet<&'static str> = data_lines(common)
            .map(|(_, w)| w.trim())
            .filter(|w| !w.chars().any(char::is_uppercase))
            .collect();

        // Sized up front: growing a map of a few thousand keys rehashes it several times.
        let forms = countries
            .iter()
            .map(|c| 1 + c.aliases.len() + c.demonyms.len() + c.capitals.len() + c.metonyms.len())
            .chain(orgs.iter().map(|o| 1 + o.aliases.len() + o.acronyms.len()))
            .chain(cities.iter().map(|c| 1 + c.aliases.len()))
            .chain(people.iter().map(|p| 1 + p.aliases.len()))
            .sum::<usize>();
        let mut surface: FastMap<&'static str, Vec<Entry>> =
            FastMap::with_capacity_and_hasher(forms + forms / 4, Default::default());
        let mut add = |form: &'static str, e: Entry| {
            let mut put = |s: &'static str| {
                if s.is_empty() {
                    return;
                }
                let v = surface.entry(s).or_default();
                if !v.contains(&e) {
                    v.push(e);
                }
            };
            put(form);
            if let Some(rest) = form
                .strip_prefix("the ")
                .or_else(|| form.strip_prefix("The "))
            {
                put(rest);
            }
        };
        let mut country_by_code = FastMap::default();
        for (i, c) in countries.iter().enumerate() {
            let i = i as u32;
            if country_by_code.insert(c.code, i).is_some() {
                return Err(format!("countries.tsv: duplicate code {}", c.code));
            }
            add(&c.name, Entry::CountryName(i));
            for a in &c.aliases {
                add(a, Entry::CountryName(i));
            }
            for a in &c.demonyms {
                add(a, Entry::Demonym(i));
            }
            for a in &c.capitals {
                add(a, Entry::Capital(i));
            }
            for a in &c.metonyms {
                add(a, Entry::Metonym(i));
            }
        }
        let mut org_by_id = FastMap::default();
        for (i, o) in orgs.iter().enumerate() {
            let i = i as u32;
            if org_by_id.insert(o.id, i).is_some() {
                return Err(format!("orgs.tsv: duplicate id {}", o.id));
            }
            add(&o.name, Entry::OrgName(i));
            for a in &o.aliases {
                add(a, Entry::OrgName(i));
            }
            for a in &o.acronyms {
                add(a, Entry::OrgAcronym(i));
            }
        }
        // Cities come last and never take a form that is already known, so a city
        // cannot shadow a country, capital or organisation ("Georgia").
        for (i, c) in cities.iter().enumerate() {
            if !country_by_code.contains_key(&c.country) {
                return Err(format!(
                    "cities.tsv: {}: unknown country {:?}",
                    c.name, c.country
                ));
            }
            let e = Entry::City(i as u32);
            for form in std::iter::once(&c.name).chain(&c.aliases) {
                let rest = form
                    .strip_prefix("the ")
                    .or_else(|| form.strip_prefix("The "));
                for s in std::iter::once(*form).chain(rest) {
                    if s.is_empty() {
                        continue;
                    }
                    let v = surface.entry(s).or_default();
                    if v.is_empty() {
                        v.push(e);
                    }
                }
            }
        }
        // People come last of all and never take a form that a place, city or
        // organisation has ("Chad"); people who share a name share the form.
        let mut person_by_id = FastMap::default();
        for (i, p) in people.iter().enumerate() {
            if person_by_id.insert(p.id, i as u32).is_some() {
                return Err(format!("people.tsv: duplicate id {}", p.id));
            }
            if let Some(c) = p
                .country
                .as_deref()
                .filter(|c| !country_by_code.contains_key(*c))
            {
                return Err(format!("people.tsv: {}: unknown country {c:?}", p.id));
            }
            let e = Entry::Person(i as u32);
            for form in std::iter::once(&p.name).chain(&p.aliases) {
                if form.is_empty() {
                    continue;
                }
                let v = surface.entry(*form).or_default();
                if v.iter().all(|x| matches!(x, Entry::Person(_))) && !v.contains(&e) {
                    v.push(e);
                }
            }
        }
        // Forms are single-spaced (kb build normalises them): words = spaces + 1.
        let max_tokens = surface
            .keys()
            .map(|k| k.bytes().filter(|&b| b == b' ').count() + 1)
            .max()
            .unwrap_or(1);

        Ok(Kb {
            countries,
            orgs,
            cities,
            people,
            given,
            common,
            surface,
            max_tokens,
            country_by_code,
            org_by_id,
            person_by_id,
        })
    }

    /// Everything an exact, case-sensitive surface form names (empty if nothing).
    pub fn lookup(&self, surface: &str) -> &[Entry] {
        self.surface.get(surface).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The longest surface form, in whitespace-separated words.
    pub fn max_surface_tokens(&self) -> usize {
        self.max_tokens
    }

    pub fn country(&self, code: &str) -> Option<&Country> {
        self.country_index(code)
            .map(|i| &self.countries[i as usize])
    }

    pub fn country_index(&self, code: &str) -> Option<u32> {
        self.country_by_code.get(code).copied()
    }

    pub fn org(&self, id: &str) -> Option<&Org> {
        self.org_by_id.get(id).map(|&i| &self.orgs[i as usize])
    }

    /// The person with that id ("vladimir-putin").
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.person_by_id.get(id).map(|&i| &self.people[i as usize])
    }

    /// A known given (first) name, exact case ("Vladimir").
    pub fn is_given_name(&self, word: &str) -> bool {
        self.given.contains(word)
    }

    /// An ordinary English word even when capitalised ("However"); case-insensitive.
    pub fn is_common_word(&self, word: &str) -> bool {
        if word.chars().any(char::is_uppercase) {
            self.common.contains(word.to_lowercase().as_str())
        } else {
            self.common.contains(word)
        }
    }

    /// Number of given names and common words (for reports and benchmarks).
    pub fn word_list_sizes(&self) -> (usize, usize) {
        (self.given.len(), self.common.len())
    }
}

/// Non-comment, non-blank lines with their 1-based line numbers.
fn data_lines(text: &'static str) -> impl Iterator<Item = (usize, &'static str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

fn list(field: &'static str) -> Vec<&'static str> {
    field
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kb() -> &'static Kb {
        Kb::embedded()
    }

    #[test]
    fn the_highest_office_held_wins() {
        assert_eq!(office_rank("President of Russia"), 0);
        assert_eq!(office_rank("Acting President of Venezuela"), 0);
        assert_eq!(office_rank("Prime Minister of Fiji"), 1);
        assert_eq!(office_rank("President of the Government of Spain"), 1);
        assert_eq!(
            office_rank("President of the Council of Ministers of Peru"),
            1
        );
        assert_eq!(office_rank("President of the Senate of Cambodia"), 3);
        assert_eq!(office_rank("President of the European Commission"), 3);
        assert_eq!(office_rank("Chancellor of the Exchequer"), 3);
        assert_eq!(office_rank("President of the Palestinian Authority"), 0);
        assert_eq!(
            office_rank("Chairman of the Transitional Sovereignty Council of Sudan"),
            0
        );
        assert_eq!(office_rank("Head of State of Samoa"), 0);
        assert_eq!(office_rank("Vice President of the Government of Gabon"), 1);
        assert_eq!(
            office_rank("Deputy Chairman of the Transitional Sovereignty Council of Sudan"),
            2
        );
        assert_eq!(office_rank("Vice President of Tanzania"), 2);
        assert_eq!(office_rank("Minister for Foreign Affairs of Fiji"), 3);
        let p = Person {
            id: "x".into(),
            name: "X".into(),
            country: Some("FJ".into()),
            offices: vec![
                Office {
                    title: "Prime Minister of Fiji".into(),
                    start: "2007-01-05".into(),
                    end: Some("2022-12-24".into()),
                },
                Office {
                    title: "Minister for Foreign Affairs of Fiji".into(),
                    start: "2016-09-01".into(),
                    end: Some("2019-09-30".into()),
                },
            ],
            aliases: vec![],
            wikidata: "",
            description: "",
        };
        assert_eq!(
            p.office_on("2019-09-23").unwrap().title,
            "Prime Minister of Fiji"
        );
    }

    fn country_of(e: &[Entry], f: fn(u32) -> Entry) -> Vec<&'static str> {
        let kb = kb();
        e.iter()
            .filter_map(|&x| {
                let i = x.index();
                (f(i) == x).then(|| kb.countries[i as usize].code)
            })
            .collect()
    }

    #[test]
    fn parses_fast_enough() {
        // Best of a few runs (the first one also pays for page faults and a busy CPU).
        let mut dt = std::time::Duration::MAX;
        let mut k = None;
        for _ in 0..5 {
            let t = std::time::Instant::now();
            k = Some(
                Kb::parse(
                    COUNTRIES_TSV,
                    ORGS_TSV,
                    CITIES_TSV,
                    PEOPLE_TSV,
                    GIVEN_NAMES,
                    COMMON_WORDS,
                )
                .unwrap(),
            );
            dt = dt.min(t.elapsed());
        }
        let k = k.unwrap();
        // The same without the people table, to show what it costs.
        let mut dt0 = std::time::Duration::MAX;
        for _ in 0..5 {
            let t = std::time::Instant::now();
            Kb::parse(
                COUNTRIES_TSV,
                ORGS_TSV,
                CITIES_TSV,
                "",
                GIVEN_NAMES,
                COMMON_WORDS,
            )
            .unwrap();
            dt0 = dt0.min(t.elapsed());
        }
        println!("kb parse without people: {dt0:?}");
        let (g, c) = k.word_list_sizes();
        println!(
            "kb parse: {:?} for {} places, {} orgs, {} cities, {} people ({} offices), {} given names, {} common words, {} surface forms",
            dt,
            k.countries.len(),
            k.orgs.len(),
            k.cities.len(),
            k.people.len(),
            k.people.iter().map(|p| p.offices.len()).sum::<usize>(),
            g,
            c,
            k.surface.len()
        );
        assert!(k.countries.len() >= 250);
        assert!(k.orgs.len() >= 250);
        assert!(k.cities.len() >= 400);
        assert!(k.people.len() >= 400);
    }

    /// The countries of the `City` entries of a surface form.
    fn city_of(surface: &str) -> Vec<&'static str> {
        let k = kb();
        k.lookup(surface)
            .iter()
            .filter_map(|e| match e {
                Entry::City(i) => Some(k.cities[*i as usize].country),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn cities_and_regions() {
        let k = kb();
        assert_eq!(city_of("São Paulo"), vec!["BR"]);
        assert_eq!(city_of("Sao Paulo"), vec!["BR"]);
        assert_eq!(city_of("Kharkiv"), vec!["UA"]);
        assert_eq!(city_of("Odesa"), vec!["UA"]);
        assert_eq!(city_of("Odessa"), vec!["UA"]);
        assert_eq!(city_of("Mumbai"), vec!["IN"]);
        assert_eq!(city_of("Bombay"), vec!["IN"]);
        for ny in ["New York", "New York City", "NYC"] {
            assert_eq!(city_of(ny), vec!["US"], "{ny}");
        }
        for sp in ["St. Petersburg", "St Petersburg", "Saint Petersburg"] {
            assert_eq!(city_of(sp), vec!["RU"], "{sp}");
        }
        assert_eq!(city_of("Rafah"), vec!["gaza-strip"]);
        assert_eq!(city_of("Shusha"), vec!["nagorno-karabakh"]);
        assert_eq!(city_of("Kraków"), vec!["PL"]);
        assert_eq!(city_of("Krakow"), vec!["PL"]);
        assert_eq!(city_of("Bronx"), vec!["US"]);
        assert_eq!(city_of("the Bronx"), vec!["US"]);
        let texas = k.lookup("Texas");
        assert!(
            matches!(texas, [Entry::City(i)] if k.cities[*i as usize].kind == CityKind::Region)
        );
        let sp = k.lookup("São Paulo");
        assert!(matches!(sp, [Entry::City(i)] if k.cities[*i as usize].kind == CityKind::City));
        // Capitals stay capitals and are not repeated as cities.
        assert!(city_of("Kyiv").is_empty() && city_of("Kiev").is_empty());
        assert_eq!(country_of(k.lookup("Kiev"), Entry::Capital), vec!["UA"]);
        assert!(city_of("Gaza City").is_empty());
        assert!(city_of("Cape Town").is_empty());
        // Every city lies in a known place.
        for c in &k.cities {
            assert!(
                k.country(&c.country).is_some(),
                "{} in {}",
                c.name,
                c.country
            );
        }
    }

    #[test]
    fn cities_never_shadow_countries_or_orgs() {
        let k = kb();
        assert!(!k
            .lookup("Georgia")
            .iter()
            .any(|e| matches!(e, Entry::City(_))));
        assert_eq!(
            country_of(k.lookup("Georgia"), Entry::CountryName),
            vec!["GE"]
        );
        assert!(!k
            .lookup("Washington")
            .iter()
            .any(|e| matches!(e, Entry::City(_))));
        // A surface that names a city names nothing else.
        for c in &k.cities {
            for form in std::iter::once(&c.name).chain(&c.aliases) {
                let e = k.lookup(form);
                assert!(
                    e.iter().all(|x| matches!(x, Entry::City(_))),
                    "{form}: {e:?}"
                );
            }
        }
    }

    #[test]
    fn demonyms_resolve_to_countries() {
        assert_eq!(country_of(kb().lookup("Azeri"), Entry::Demonym), vec!["AZ"]);
        assert_eq!(
            country_of(kb().lookup("Azeris"), Entry::Demonym),
            vec!["AZ"]
        );
        assert_eq!(
            country_of(kb().lookup("Azerbaijani"), Entry::Demonym),
            vec!["AZ"]
        );
        assert_eq!(
            country_of(kb().lookup("Turkish"), Entry::Demonym),
            vec!["TR"]
        );
        assert_eq!(country_of(kb().lookup("Turks"), Entry::Demonym), vec!["TR"]);
        assert_eq!(
            country_of(kb().lookup("Russians"), Entry::Demonym),
            vec!["RU"]
        );
        assert_eq!(
            country_of(kb().lookup("Armenian"), Entry::Demonym),
            vec!["AM"]
        );
        assert_eq!(
            country_of(kb().lookup("Americans"), Entry::Demonym),
            vec!["US"]
        );
        assert_eq!(
            country_of(kb().lookup("Filipinos"), Entry::Demonym),
            vec!["PH"]
        );
        assert_eq!(
            country_of(kb().lookup("Emiratis"), Entry::Demonym),
            vec!["AE"]
        );
        assert_eq!(
            country_of(kb().lookup("Britons"), Entry::Demonym),
            vec!["GB"]
        );
        // A territory never takes a state's demonym.
        assert_eq!(
            country_of(kb().lookup("American"), Entry::Demonym),
            vec!["US"]
        );
        assert!(kb().lookup("Chineses").is_empty());
    }

    #[test]
    fn names_aliases_and_capitals() {
        assert_eq!(
            country_of(kb().lookup("Ankara"), Entry::Capital),
            vec!["TR"]
        );
        assert_eq!(country_of(kb().lookup("Baku"), Entry::Capital), vec!["AZ"]);
        assert_eq!(
            country_of(kb().lookup("U.S."), Entry::CountryName),
            vec!["US"]
        );
        assert_eq!(
            country_of(kb().lookup("United States"), Entry::CountryName),
            vec!["US"]
        );
        assert_eq!(
            country_of(kb().lookup("Türkiye"), Entry::CountryName),
            vec!["TR"]
        );
        assert_eq!(
            country_of(kb().lookup("Turkey"), Entry::CountryName),
            vec!["TR"]
        );
        assert_eq!(
            country_of(kb().lookup("Britain"), Entry::CountryName),
            vec!["GB"]
        );
        assert_eq!(
            country_of(kb().lookup("Burma"), Entry::CountryName),
            vec!["MM"]
        );
        assert_eq!(
            country_of(kb().lookup("Nagorno-Karabakh"), Entry::CountryName),
            vec!["nagorno-karabakh"]
        );
        assert_eq!(
            country_of(kb().lookup("Karabakh"), Entry::CountryName),
            vec!["nagorno-karabakh"]
        );
        assert_eq!(
            country_of(kb().lookup("Kremlin"), Entry::Metonym),
            vec!["RU"]
        );
        assert_eq!(
            country_of(kb().lookup("the Kremlin"), Entry::Metonym),
            vec!["RU"]
        );
        let tr = kb().country("TR").unwrap();
        assert_eq!(tr.name, "Turkey");
        assert_eq!(tr.status, PlaceStatus::State);
        assert_eq!(tr.capitals.first().copied(), Some("Ankara"));
        assert_eq!(kb().country("HK").unwrap().status, PlaceStatus::Territory);
        assert_eq!(
            kb().country("nagorno-karabakh").unwrap().status,
            PlaceStatus::Territory
        );
        for code in ["PS", "XK", "TW", "VA"] {
            assert!(kb().country(code).unwrap().is_state(), "{code}");
        }
        assert_eq!(kb().country("US").unwrap().wikidata, "Q30");
    }

    #[test]
    fn organisations() {
        let k = kb();
        let osce = k.lookup("OSCE");
        assert!(osce
            .iter()
            .any(|e| matches!(e, Entry::OrgAcronym(i) if k.orgs[*i as usize].id == "osce")));
        let minsk = k.lookup("Minsk Group");
        assert!(minsk.iter().any(
            |e| matches!(e, Entry::OrgName(i) if k.orgs[*i as usize].id == "osce-minsk-group")
        ));
        let nato = k.org("nato").unwrap();
        assert_eq!(nato.label, Label::ORG);
        assert_eq!(nato.sector, "IGO");
        assert_eq!(nato.country, None);
        let anadolu = k.lookup("Anadolu");
        assert!(anadolu.iter().any(|e| matches!(e, Entry::OrgName(i) if k.orgs[*i as usize].country.as_deref() == Some("TR"))));
        assert!(!k.lookup("Habertürk").is_empty());
        assert!(!k.lookup("Moscow Times").is_empty());
        let kurds = k.org("kurds").unwrap();
        assert_eq!((kurds.label, kurds.kind), (Label::NORP, Kind::Group));
        assert!(k.org("no-such-org").is_none());
        // Ownership of news outlets; none for other organisations.
        assert_eq!(k.org("anadolu").unwrap().ownership, Some(Ownership::State));
        assert_eq!(
            k.org("reuters").unwrap().ownership,
            Some(Ownership::Private)
        );
        assert_eq!(k.org("bbc").unwrap().ownership, Some(Ownership::Public));
        assert_eq!(Ownership::State.as_str(), "state-owned");
        assert_eq!(Ownership::Public.as_str(), "public broadcaster");
        assert_eq!(Ownership::Private.as_str(), "privately owned");
        assert_eq!(nato.ownership, None);
        assert_eq!(kurds.ownership, None);
        for o in &k.orgs {
            assert!(o.ownership.is_none() || o.sector == "MED", "{}", o.id);
        }
    }

    /// The people a surface form names.
    fn people_of(surface: &str) -> Vec<&'static Person> {
        let k = kb();
        k.lookup(surface)
            .iter()
            .filter_map(|e| match e {
                Entry::Person(i) => Some(&k.people[*i as usize]),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn people() {
        let k = kb();
        let macron = people_of("Macron");
        assert_eq!(macron.len(), 1);
        assert_eq!(macron[0].country.as_deref(), Some("FR"));
        assert_eq!(macron[0].name, "Emmanuel Macron");
        let e1 = people_of("Erdogan");
        let e2 = people_of("Erdoğan");
        assert_eq!(e1.len(), 1);
        assert_eq!(e1, e2);
        assert_eq!(people_of("Recep Tayyip Erdogan"), e1);
        assert_eq!(e1[0].country.as_deref(), Some("TR"));
        let putin = k.person("vladimir-putin").unwrap();
        assert_eq!(people_of("Putin"), vec![putin]);
        assert_eq!(
            putin.office_on("2010-06-01").unwrap().title,
            "Prime Minister of Russia"
        );
        assert_eq!(
            putin.office_on("2020-10-14").unwrap().title,
            "President of Russia"
        );
        assert!(putin.office_on("1990-01-01").is_none());
        assert!(putin
            .later_offices("2010-06-01")
            .iter()
            .all(|o| o.start > "2010-06-01"));
        assert!(!putin.later_offices("2010-06-01").is_empty());
        // A person never takes a place's form, and short ambiguous surnames are out.
        let chad = k.lookup("Chad");
        assert!(!chad.is_empty());
        assert!(!chad.iter().any(|e| matches!(e, Entry::Person(_))));
        for s in [
            "Georgia",
            "Jordan",
            "Washington",
            "Xi",
            "Kim",
            "Lee",
            "Johnson",
            "Khan",
            "Sharif",
        ] {
            assert!(people_of(s).is_empty(), "{s}");
        }
        assert_eq!(people_of("Xi Jinping").len(), 1);
        assert_eq!(people_of("Zelenskyy"), people_of("Zelensky"));
        // Every person's country is a known place; terms are ordered and well formed.
        for p in &k.people {
            if let Some(c) = &p.country {
                assert!(k.country(c).is_some(), "{}: {c}", p.id);
            }
            assert_eq!(k.person(&p.id), Some(p));
            for w in p.offices.windows(2) {
                assert!(w[0].start <= w[1].start, "{}", p.id);
            }
            for o in &p.offices {
                assert!(o.end.as_deref().map_or(true, |e| o.start <= e), "{}", p.id);
            }
        }
    }

    #[test]
    fn flags() {
        assert_eq!(kb().country("AZ").unwrap().flag().as_deref(), Some("🇦🇿"));
        assert_eq!(kb().country("nagorno-karabakh").unwrap().flag(), None);
    }

    #[test]
    fn word_lists() {
        let k = kb();
        assert!(k.is_common_word("however"));
        assert!(k.is_common_word("However"));
        assert!(k.is_common_word("the"));
        assert!(!k.is_common_word("georgia"));
        assert!(!k.is_common_word("Georgia"));
        assert!(!k.is_common_word("turkey"));
        assert!(k.is_given_name("Vladimir"));
        assert!(k.is_given_name("Recep"));
        assert!(k.is_given_name("Ilham"));
        assert!(!k.is_given_name("President"));
        assert!(!k.is_given_name("The"));
    }

    #[test]
    fn surfaces_are_bounded() {
        let n = kb().max_surface_tokens();
        assert!((3..=16).contains(&n), "{n}");
    }

    #[test]
    fn parse_reports_errors() {
        assert!(Kb::parse("XX\tbad\n", "", "", "", "", "").is_err());
        let zed = "# h\nZZ\tZZZ\tZedland\tstate\tthe Zed\tZed;Zeds\tZed City\t\tQ1\tNowhere\n";
        let k = Kb::parse(
            zed,
            "",
            "# c\nZedburg\tZZ\tZed-Burg;Zed City;the Zed\tcity\nNorth Zed\tZZ\t\tregion\n",
            "# p\nann-zed\tAnn Zed\tZed;Zedburg;Zedd\tZZ\tPresident of Zedland|2001-01-01|2005-06-01;Prime Minister of Zedland|2005-06-01|\tQ1\tZed politician\nbo-zed\tBo Zed\tZedd\t\t\t\tZed figure\n",
            "Ann\n",
            "# c\nthe\n",
        )
        .unwrap();
        assert_eq!(k.lookup("Zed").len(), 2);
        assert_eq!(k.lookup("the Zed"), &[Entry::CountryName(0)]);
        assert!(k.is_given_name("Ann") && k.is_common_word("The"));
        assert_eq!(k.cities.len(), 2);
        assert_eq!(k.lookup("Zedburg"), &[Entry::City(0)]);
        assert_eq!(k.lookup("Zed-Burg"), &[Entry::City(0)]);
        assert_eq!(k.cities[1].kind, CityKind::Region);
        // A city never takes a form the country already has.
        assert_eq!(k.lookup("Zed City"), &[Entry::Capital(0)]);
        assert_eq!(k.lookup("the Zed"), &[Entry::CountryName(0)]);
        // People never shadow a place or a city; people may share a form.
        assert_eq!(k.lookup("Zed").len(), 2);
        assert_eq!(k.lookup("Zedburg"), &[Entry::City(0)]);
        assert_eq!(k.lookup("Ann Zed"), &[Entry::Person(0)]);
        assert_eq!(k.lookup("Zedd"), &[Entry::Person(0), Entry::Person(1)]);
        let ann = k.person("ann-zed").unwrap();
        assert_eq!(ann.country.as_deref(), Some("ZZ"));
        assert_eq!(k.person("bo-zed").unwrap().country, None);
        assert_eq!(ann.offices[1].end, None);
        assert_eq!(
            ann.office_on("2005-06-01").unwrap().title,
            "Prime Minister of Zedland"
        );
        assert_eq!(
            ann.office_on("2005-05-31").unwrap().title,
            "President of Zedland"
        );
        assert!(ann.office_on("2000-12-31").is_none());
        assert_eq!(ann.later_offices("2003-01-01").len(), 1);
        assert!(k.person("zed").is_none());
        // Unknown country, bad kind, wrong field count.
        assert!(Kb::parse(zed, "", "X\tYY\t\tcity\n", "", "", "").is_err());
        assert!(Kb::parse(zed, "", "X\tZZ\t\ttown\n", "", "", "").is_err());
        assert!(Kb::parse(zed, "", "X\tZZ\tcity\n", "", "", "").is_err());
        assert!(Kb::parse(zed, "", "", "x\tX\t\tYY\t\t\td\n", "", "").is_err());
        assert!(Kb::parse(zed, "", "", "x\tX\t\tZZ\tP|2001|\t\td\n", "", "").is_err());
        assert!(Kb::parse(zed, "", "", "x\tX\t\tZZ\t\t\n", "", "").is_err());
        // Orgs: 11 fields, a known ownership or none.
        // The tables are `'static` (the embedded KB's are); a test leaks its own.
        let org = |own: &str| -> &'static str {
            Box::leak(
                format!("o\tO\tORG\torganisation\tMED\tZZ\t\t\t\td\t{own}\n").into_boxed_str(),
            )
        };
        assert_eq!(
            Kb::parse(zed, org("state"), "", "", "", "").unwrap().orgs[0].ownership,
            Some(Ownership::State)
        );
        assert_eq!(
            Kb::parse(zed, org(""), "", "", "", "").unwrap().orgs[0].ownership,
            None
        );
        assert!(Kb::parse(zed, org("govt"), "", "", "", "").is_err());
        assert!(Kb::parse(
            zed,
            "o\tO\tORG\torganisation\tMED\tZZ\t\t\t\td\n",
            "",
            "",
            "",
            ""
        )
        .is_err());
    }
}
