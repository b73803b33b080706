//! `dramatis kb build`: compiles the knowledge tables the engine embeds.
//!
//! Wiring (crates/cli/src/main.rs owns the argument parsing):
//!
//! ```text
//! dramatis kb build [--shared ../shared] [--curated kb/curated] [--out assets/kb]
//!     => kb_build::run(&shared, &curated, &out)
//! ```
//!
//! Inputs (read only; nothing is copied verbatim into the repository):
//! - `<shared>/data/kb/mledoze-countries/countries.json` (ODbL): names, alternative
//!   spellings, demonyms, capitals, ISO codes, independence, region;
//! - `<shared>/data/kb/country-codes/country-codes.csv` (PDDL): Wikidata ids;
//! - `<shared>/data/kb/phoenix-dictionaries/Phoenix.Countries.actors.txt` (MIT): extra
//!   adjectival/demonym variants from the country-level blocks only, heavily filtered;
//! - `<shared>/data/ner/{gmb-voa,gum,wikigold}` (public domain / CC-BY): word statistics
//!   for the given-name and common-word lists (GUM: only the CC-BY `gum_ccby.*` files);
//! - `<curated>/countries.tsv`, `orgs.tsv`, `cities.tsv`, `people.tsv` and any
//!   `people-*.tsv` (same columns; a row whose id is already known adds its offices
//!   and aliases to that person, and a term with a known title and start sets
//!   that term's end), `given-names-extra.txt` (our own words).
//!
//! Outputs in `<out>`: `countries.tsv`, `orgs.tsv`, `cities.tsv`, `people.tsv`,
//! `given-names.txt`, `common-words.txt`, `ATTRIBUTION.md`. The output is deterministic: the same inputs
//! give the same bytes. Formats are documented in the header comment of each file and
//! in `crates/core/src/kb.rs`, which parses them.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::Path;

use serde_json::Value;

/// Build every table. See the module documentation.
pub fn run(shared: &Path, curated: &Path, out: &Path) -> Result<(), String> {
    let kb_dir = shared.join("data").join("kb");
    let ner_dir = shared.join("data").join("ner");

    let mledoze = read(&kb_dir.join("mledoze-countries").join("countries.json"))?;
    let codes_csv = read(&kb_dir.join("country-codes").join("country-codes.csv"))?;
    let phoenix = read(
        &kb_dir
            .join("phoenix-dictionaries")
            .join("Phoenix.Countries.actors.txt"),
    )?;
    let cur_countries = read(&curated.join("countries.tsv"))?;
    let cur_orgs = read(&curated.join("orgs.tsv"))?;
    let cur_given = read(&curated.join("given-names-extra.txt"))?;
    let cur_cities = read(&curated.join("cities.tsv"))?;
    let cur_people = read_people_files(curated)?;

    let mut report = Report::default();
    let countries = build_countries(&mledoze, &codes_csv, &phoenix, &cur_countries, &mut report)?;
    let orgs = build_orgs(&cur_orgs, &countries)?;

    let corpora = load_corpora(&ner_dir)?;
    let (place_words, kb_words) = kb_single_words(&countries, &orgs);
    let common = common_words(&corpora, &place_words);
    let given = given_names(&corpora, &common, &kb_words, &cur_given)?;
    let cities = build_cities(&cur_cities, &countries, &orgs, &common, &given)?;
    let people = build_people(
        &cur_people,
        &countries,
        &orgs,
        &cities.rows,
        &common,
        &given,
    )?;
    let given = with_people_given_names(given, &people.rows, &common, &kb_words);

    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let files = [
        ("countries.tsv", countries_tsv(&countries)),
        ("orgs.tsv", orgs_tsv(&orgs)),
        ("cities.tsv", cities_tsv(&cities.rows)),
        ("people.tsv", people_tsv(&people.rows)),
        ("given-names.txt", word_list("# given names, one per line (derived from NER corpora + kb/curated/given-names-extra.txt); see ATTRIBUTION.md", &given)),
        ("common-words.txt", word_list("# common English words, lower case, one per line (derived from NER corpora); see ATTRIBUTION.md", &common)),
        ("ATTRIBUTION.md", attribution(&countries, &orgs, cities.rows.len(), people.rows.len(), given.len(), common.len(), &report)),
    ];
    let mut total = 0;
    for (name, text) in &files {
        let path = out.join(name);
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        total += text.len();
        eprintln!("wrote {:<18} {:>7} bytes", name, text.len());
    }
    let states = countries.iter().filter(|c| c.status == "state").count();
    eprintln!(
        "kb: {} places ({} states, {} territories), {} organisations/groups, {} given names, {} common words; {} bytes in all",
        countries.len(),
        states,
        countries.len() - states,
        orgs.len(),
        given.len(),
        common.len(),
        total
    );
    eprintln!(
        "kb: {} demonym variants taken from Phoenix: {}",
        report.phoenix.len(),
        report.phoenix.join(", ")
    );
    let regions = cities.rows.iter().filter(|c| c.kind == "region").count();
    eprintln!(
        "kb: {} cities and regions ({} cities, {} regions), {} surface forms",
        cities.rows.len(),
        cities.rows.len() - regions,
        regions,
        cities
            .rows
            .iter()
            .map(|c| 1 + c.aliases.len())
            .sum::<usize>()
    );
    for w in &cities.warnings {
        eprintln!("warning: {w}");
    }
    if !cities.given_names.is_empty() {
        eprintln!(
            "kb: city forms that are also given names (kept): {}",
            cities.given_names.join(", ")
        );
    }
    let offices: usize = people.rows.iter().map(|p| p.offices.len()).sum();
    let current = people
        .rows
        .iter()
        .flat_map(|p| &p.offices)
        .filter(|o| o.end.is_empty())
        .count();
    eprintln!(
        "kb: {} people, {} offices ({} current), {} surface forms",
        people.rows.len(),
        offices,
        current,
        people
            .rows
            .iter()
            .map(|p| 1 + p.aliases.len())
            .sum::<usize>()
    );
    for w in &people.warnings {
        eprintln!("warning: {w}");
    }
    if !people.given_names.is_empty() {
        eprintln!(
            "kb: person forms that are also given names (kept): {}",
            people.given_names.join(", ")
        );
    }
    if !report.shared_surfaces.is_empty() {
        eprintln!(
            "kb: surface forms shared by several states (kept on all): {}",
            report.shared_surfaces.join(", ")
        );
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

#[derive(Default)]
struct Report {
    /// "AZ:Azeri" style notes of the demonyms that came from Phoenix.
    phoenix: Vec<String>,
    /// Surface forms that belong to more than one state.
    shared_surfaces: Vec<String>,
}

// ---------------------------------------------------------------------------
// CSV / TSV
// ---------------------------------------------------------------------------

/// RFC 4180 CSV: fields may be quoted; quotes inside are doubled; quoted fields may
/// hold commas and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                any = false;
            }
            _ => field.push(c),
        }
    }
    if any {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Rows of a curated TSV file: `#` lines and blank lines are skipped; every row must
/// have exactly `n` tab-separated fields (trailing empty fields may be omitted).
fn parse_tsv(text: &str, n: usize, what: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut f: Vec<String> = line.split('\t').map(|s| s.trim().to_string()).collect();
        if f.len() > n {
            return Err(format!(
                "{what}:{}: {} fields, expected {n}",
                i + 1,
                f.len()
            ));
        }
        f.resize(n, String::new());
        rows.push((i + 1, f));
    }
    Ok(rows)
}

fn split_list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

fn check_item(s: &str, ctx: &str) -> Result<(), String> {
    if s.contains(['\t', '\n', '\r', ';']) {
        return Err(format!("{ctx}: {s:?} contains a tab, line break or ';'"));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------

/// Replace Latin letters with diacritics by their plain ASCII letters. Characters it
/// does not know are kept, so callers check `is_ascii()` on the result.
fn ascii_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let r: &str = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' => "a",
            'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
            'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
            'Ç' | 'Ć' | 'Č' => "C",
            'ď' | 'đ' | 'ð' => "d",
            'Ď' | 'Đ' => "D",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ə' => "e",
            'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' | 'Ə' => "E",
            'ğ' | 'ĝ' | 'ġ' | 'ģ' => "g",
            'Ğ' | 'Ģ' => "G",
            'ħ' | 'ĥ' | 'ḥ' => "h",
            'Ḥ' => "H",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
            'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => "I",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ł' => "l",
            'Ł' | 'Ľ' | 'Ļ' => "L",
            'ñ' | 'ń' | 'ň' | 'ņ' => "n",
            'Ñ' | 'Ń' | 'Ň' => "N",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' => "o",
            'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
            'ŕ' | 'ř' => "r",
            'Ř' => "R",
            'ś' | 'š' | 'ş' | 'ș' | 'ŝ' | 'ṣ' => "s",
            'Ś' | 'Š' | 'Ş' | 'Ș' | 'Ṣ' => "S",
            'ť' | 'ţ' | 'ț' | 'ṭ' => "t",
            'Ť' | 'Ţ' | 'Ț' => "T",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' => "u",
            'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
            'ý' | 'ÿ' | 'ŷ' => "y",
            'Ý' | 'Ÿ' => "Y",
            'ź' | 'ż' | 'ž' => "z",
            'Ź' | 'Ż' | 'Ž' => "Z",
            'æ' => "ae",
            'Æ' => "AE",
            'œ' => "oe",
            'Œ' => "OE",
            'ß' => "ss",
            'þ' => "th",
            'Þ' => "Th",
            '’' | 'ʻ' | 'ʼ' | '‘' => "'",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(r);
    }
    out
}

/// True when every character is a Latin letter (ASCII or with diacritics) or
/// ordinary punctuation: rules out native-script names.
fn latin_script(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_ascii()
            || ('\u{00C0}'..='\u{024F}').contains(&c)
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
            || c == '’'
    })
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// "AZERI" -> "Azeri", "I-KIRIBATI" -> "I-Kiribati".
fn recase(upper: &str) -> String {
    let mut out = String::new();
    let mut start = true;
    for c in upper.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

fn is_title_case_word(w: &str) -> bool {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => {}
        _ => return false,
    }
    let rest: Vec<char> = cs.collect();
    !rest.is_empty() && rest.iter().all(|c| c.is_lowercase())
}

/// Push `s` onto `v` unless already there (keeps first-seen order).
fn push_unique(v: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if !s.is_empty() && !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

// ---------------------------------------------------------------------------
// Countries
// ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct Place {
    code: String,
    iso3: String,
    name: String,
    status: &'static str,
    aliases: Vec<String>,
    demonyms: Vec<String>,
    capitals: Vec<String>,
    metonyms: Vec<String>,
    wikidata: String,
    region: String,
    /// Forms never to emit for this place (curated `remove` column).
    remove: Vec<String>,
    /// Demonyms that must not get a generated plural.
    no_plural: Vec<String>,
    /// Per-list removals from curated `-item` entries: (list, form), where list is
    /// 0 aliases, 1 demonyms, 2 capitals, 3 metonyms.
    drop: Vec<(usize, String)>,
}

impl Place {
    fn all_forms(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.name)
            .chain(self.aliases.iter())
            .chain(self.demonyms.iter())
            .chain(self.capitals.iter())
            .chain(self.metonyms.iter())
    }
    fn name_forms(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.name).chain(self.aliases.iter())
    }
}

/// English words that mark an official or descriptive English country name
/// ("Republic of Korea", "Kingdom of Spain"). Alternative spellings from mledoze with
/// none of these words (and not acronyms or diacritic variants) are native-language
/// forms that English news does not use, so they are left out.
const NAME_KEYWORDS: &[&str] = &[
    "Republic",
    "Kingdom",
    "State",
    "States",
    "Federation",
    "Union",
    "Commonwealth",
    "Principality",
    "Democratic",
    "Federal",
    "Islamic",
    "United",
    "Sultanate",
    "Duchy",
    "Territory",
    "Islands",
    "Island",
    "Confederation",
    "Collectivity",
    "Department",
    "Bailiwick",
    "Emirates",
    "Federated",
    "Plurinational",
    "Independent",
    "Hashemite",
    "Socialist",
    "People's",
];

fn keep_alt_spelling(alt: &str, cca2: &str, names: &[&str]) -> bool {
    let alt = alt.trim();
    if alt.is_empty()
        || alt == cca2
        || !latin_script(alt)
        || alt.contains('(')
        || alt.contains(", ")
    {
        return false;
    }
    let words: Vec<&str> = alt.split_whitespace().collect();
    // Acronyms such as UAE, DPRK, USA, UK, DRC.
    if words.len() == 1 && alt.len() >= 2 && alt.chars().all(|c| c.is_ascii_uppercase() || c == '.')
    {
        return true;
    }
    // Diacritic variants of the name itself (Turkiye, Curacao, Cote d'Ivoire).
    let folded = ascii_fold(alt);
    if alt.is_ascii() && names.iter().any(|n| ascii_fold(n) == folded) {
        return true;
    }
    words.len() >= 2 && words.iter().any(|w| NAME_KEYWORDS.contains(w))
}

fn build_countries(
    mledoze: &str,
    codes_csv: &str,
    phoenix: &str,
    curated: &str,
    report: &mut Report,
) -> Result<Vec<Place>, String> {
    // Wikidata ids by ISO alpha-2, from country-codes.
    let rows = parse_csv(codes_csv);
    let header = rows.first().ok_or("country-codes.csv is empty")?;
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or(format!("country-codes.csv: no column {name}"))
    };
    let (c2, cwd) = (col("ISO3166-1-Alpha-2")?, col("wikidata_id")?);
    let mut wikidata: HashMap<String, String> = HashMap::new();
    for r in rows.iter().skip(1) {
        if let (Some(code), Some(url)) = (r.get(c2), r.get(cwd)) {
            if let Some(q) = url.rsplit('/').next().filter(|q| q.starts_with('Q')) {
                wikidata.insert(code.trim().to_string(), q.to_string());
            }
        }
    }

    // mledoze/countries.
    let json: Value = serde_json::from_str(mledoze).map_err(|e| format!("countries.json: {e}"))?;
    let arr = json.as_array().ok_or("countries.json: not an array")?;
    let mut places: Vec<Place> = Vec::new();
    for c in arr {
        let s = |v: &Value| v.as_str().unwrap_or("").trim().to_string();
        let code = s(&c["cca2"]);
        if code.len() != 2 {
            continue;
        }
        let name = s(&c["name"]["common"]);
        let official = s(&c["name"]["official"]);
        let names = [name.as_str(), official.as_str()];
        let mut aliases = Vec::new();
        if keep_alt_spelling(&official, &code, &[name.as_str()]) {
            push_unique(&mut aliases, &official);
        }
        for a in c["altSpellings"].as_array().into_iter().flatten() {
            let a = s(a);
            if keep_alt_spelling(&a, &code, &names) {
                push_unique(&mut aliases, &a);
            }
        }
        let mut demonyms = Vec::new();
        for g in ["m", "f"] {
            let d = s(&c["demonyms"]["eng"][g]);
            for part in d.split(", ").flat_map(|p| p.split(" or ")) {
                push_unique(&mut demonyms, part);
            }
        }
        let capitals: Vec<String> = c["capital"]
            .as_array()
            .into_iter()
            .flatten()
            .map(s)
            .filter(|x| !x.is_empty())
            .collect();
        let region = {
            let (r, sr) = (s(&c["region"]), s(&c["subregion"]));
            if sr.is_empty() {
                r
            } else {
                format!("{r}/{sr}")
            }
        };
        places.push(Place {
            wikidata: wikidata.get(&code).cloned().unwrap_or_default(),
            iso3: s(&c["cca3"]),
            status: if c["independent"].as_bool() == Some(true) {
                "state"
            } else {
                "territory"
            },
            code,
            name,
            aliases,
            demonyms,
            capitals,
            metonyms: vec![],
            region,
            remove: vec![],
            no_plural: vec![],
            drop: vec![],
        });
    }

    // Curated overrides and extra places.
    for (line, f) in parse_tsv(curated, 12, "kb/curated/countries.tsv")? {
        let ctx = format!("kb/curated/countries.tsv:{line}");
        let code = f[0].clone();
        if code.is_empty() {
            return Err(format!("{ctx}: empty code"));
        }
        let is_iso = code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase());
        let is_slug = code.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        if !is_iso && !is_slug {
            return Err(format!(
                "{ctx}: code {code:?} is neither ISO alpha-2 nor a lowercase slug"
            ));
        }
        let idx = match places.iter().position(|p| p.code == code) {
            Some(i) => i,
            None => {
                if f[2].is_empty() || f[3].is_empty() {
                    return Err(format!("{ctx}: new place {code} needs a name and a status"));
                }
                places.push(Place {
                    code: code.clone(),
                    iso3: String::new(),
                    name: String::new(),
                    status: "territory",
                    aliases: vec![],
                    demonyms: vec![],
                    capitals: vec![],
                    metonyms: vec![],
                    wikidata: String::new(),
                    region: String::new(),
                    remove: vec![],
                    no_plural: vec![],
                    drop: vec![],
                });
                places.len() - 1
            }
        };
        let p = &mut places[idx];
        if !f[1].is_empty() {
            p.iso3 = f[1].clone();
        }
        if !f[2].is_empty() {
            let old = std::mem::replace(&mut p.name, f[2].clone());
            if !old.is_empty() && old != p.name {
                p.aliases.insert(0, old);
            }
        }
        match f[3].as_str() {
            "" => {}
            "state" => p.status = "state",
            "territory" => p.status = "territory",
            other => return Err(format!("{ctx}: status {other:?} (state|territory)")),
        }
        // List columns add items; an item written `-Form` removes that form from
        // this list only (after generated variants are added).
        let mut lists: [Vec<String>; 4] = Default::default();
        for (k, col) in [4usize, 5, 6, 7].into_iter().enumerate() {
            for a in split_list(&f[col]) {
                match a.strip_prefix('-') {
                    Some(d) => p.drop.push((k, d.to_string())),
                    None => lists[k].push(a),
                }
            }
        }
        let [al, de, ca, me] = lists;
        for a in al {
            push_unique(&mut p.aliases, &a);
        }
        for a in de {
            push_unique(&mut p.demonyms, &a);
        }
        if !ca.is_empty() {
            // Curated capitals come first (the primary capital leads).
            let mut caps = ca;
            for c in std::mem::take(&mut p.capitals) {
                push_unique(&mut caps, &c);
            }
            p.capitals = caps;
        }
        for a in me {
            push_unique(&mut p.metonyms, &a);
        }
        if !f[8].is_empty() {
            if !f[8].starts_with('Q') || !f[8][1..].chars().all(|c| c.is_ascii_digit()) {
                return Err(format!("{ctx}: wikidata {:?} is not a Q-id", f[8]));
            }
            p.wikidata = f[8].clone();
        }
        if !f[9].is_empty() {
            p.region = f[9].clone();
        }
        p.remove.extend(split_list(&f[10]));
        p.no_plural.extend(split_list(&f[11]));
    }

    // Phoenix: extra adjectival forms.
    add_phoenix_demonyms(&mut places, phoenix, report);

    // Generated variants: plurals, ASCII folds, St./Saint, curly apostrophes.
    for p in places.iter_mut() {
        let drop = p.drop.clone();
        p.demonyms
            .retain(|x| !drop.iter().any(|(l, d)| *l == 1 && d == x));
        let mut dem = Vec::new();
        for d in &p.demonyms {
            push_unique(&mut dem, d);
            if !p.no_plural.contains(d) {
                if let Some(pl) = plural(d) {
                    push_unique(&mut dem, &pl);
                }
            }
        }
        p.demonyms = dem;
        let name = p.name.clone();
        p.aliases = with_variants(std::iter::once(&name).chain(p.aliases.iter()));
        p.aliases.retain(|a| *a != name);
        p.demonyms = with_variants(p.demonyms.iter());
        p.capitals = with_variants(p.capitals.iter());
        p.metonyms = with_variants(p.metonyms.iter());
        let remove = p.remove.clone();
        for (k, list) in [
            &mut p.aliases,
            &mut p.demonyms,
            &mut p.capitals,
            &mut p.metonyms,
        ]
        .into_iter()
        .enumerate()
        {
            list.retain(|x| !remove.contains(x) && !drop.iter().any(|(l, d)| *l == k && d == x));
        }
    }

    // A dependent territory does not keep a form that names a state (American for the
    // Northern Mariana Islands, Kingston for Norfolk Island): the state wins.
    let mut state_forms: HashMap<String, Vec<String>> = HashMap::new();
    for p in places.iter().filter(|p| p.status == "state") {
        let mut seen = HashSet::new();
        for f in p.all_forms() {
            if seen.insert(f.clone()) {
                state_forms
                    .entry(f.clone())
                    .or_default()
                    .push(p.code.clone());
            }
        }
    }
    for p in places.iter_mut().filter(|p| p.status == "territory") {
        for list in [
            &mut p.aliases,
            &mut p.demonyms,
            &mut p.capitals,
            &mut p.metonyms,
        ] {
            list.retain(|x| !state_forms.contains_key(x));
        }
    }
    // Report only the Phoenix forms that survived.
    report.phoenix.retain(|r| {
        let (code, form) = r.split_once(':').unwrap_or(("", ""));
        places
            .iter()
            .any(|p| p.code == code && p.demonyms.iter().any(|d| d == form))
    });
    let mut shared: Vec<String> = state_forms
        .iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(k, v)| format!("{k} ({})", v.join("/")))
        .collect();
    shared.sort();
    report.shared_surfaces = shared;

    // Validate and sort.
    let mut codes = HashSet::new();
    for p in &places {
        if !codes.insert(p.code.clone()) {
            return Err(format!("duplicate place code {}", p.code));
        }
        let ctx = format!("place {}", p.code);
        check_item(&p.name, &ctx)?;
        for f in p.all_forms() {
            check_item(f, &ctx)?;
        }
        check_item(&p.region, &ctx)?;
    }
    places.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(places)
}

/// Plural of a demonym ("Azerbaijani" -> "Azerbaijanis"); none for the forms that
/// do not take one ("Chinese", "Swiss", "French", "British").
fn plural(d: &str) -> Option<String> {
    let last = d.rsplit([' ', '-']).next().unwrap_or(d);
    if last == "Czech" {
        return Some(format!("{d}s"));
    }
    let lower = last.to_lowercase();
    if lower.ends_with("man") {
        return Some(format!("{}men", &d[..d.len() - 3]));
    }
    if lower.len() < 3
        || lower.ends_with("men")
        || ["ese", "ss", "sh", "ch", "s", "x", "y", "z", "ais", "ic"]
            .iter()
            .any(|s| lower.ends_with(s))
        || !last.chars().all(char::is_alphabetic)
    {
        return None;
    }
    Some(format!("{d}s"))
}

/// The forms, in order, each followed by its generated variants.
fn with_variants<'a>(forms: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut out = Vec::new();
    for f in forms {
        push_unique(&mut out, f);
        let mut extra = Vec::new();
        let folded = ascii_fold(f);
        if folded != *f && folded.is_ascii() {
            extra.push(folded);
        }
        for g in std::iter::once(f.clone()).chain(extra.clone()) {
            if let Some(rest) = g.strip_prefix("Saint ") {
                extra.push(format!("St. {rest}"));
                extra.push(format!("St {rest}"));
            } else if let Some(rest) = g.strip_prefix("St. ") {
                extra.push(format!("St {rest}"));
                extra.push(format!("Saint {rest}"));
            }
        }
        for g in std::iter::once(f.clone()).chain(extra.clone()) {
            if g.contains('\'') {
                extra.push(g.replace('\'', "’"));
            }
        }
        for e in extra {
            push_unique(&mut out, &e);
        }
    }
    out
}

/// Adjectival and demonym variants from the country-level blocks of the Phoenix
/// dictionary. Only single words that (a) share a four-letter stem with a word of
/// the place's own names (so cities, provinces and nicknames such as
/// "THE_GRAVEYARD_OF_EMPIRES" are out), (b) end like an English demonym, and
/// (c) are not a near-spelling (edit distance <= 2) of a form we already have
/// (so the many misspellings are out), except -ean/-ian twins ("Ecuadorian").
fn add_phoenix_demonyms(places: &mut [Place], phoenix: &str, report: &mut Report) {
    let by_iso3: HashMap<String, usize> = places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.iso3.len() == 3)
        .map(|(i, p)| (p.iso3.clone(), i))
        .collect();

    struct Block {
        name: String,
        synonyms: Vec<String>,
        codes: Vec<String>,
        person: bool,
    }
    let mut blocks: Vec<Block> = Vec::new();
    for line in phoenix.lines() {
        let (body, comment) = match line.find('#') {
            Some(i) => (&line[..i], &line[i..]),
            None => (line, ""),
        };
        let trimmed = body.trim();
        if trimmed.is_empty() {
            continue;
        }
        let codes: Vec<String> = trimmed
            .split('[')
            .skip(1)
            .filter_map(|s| s.split(']').next())
            .map(|s| s.trim().to_string())
            .collect();
        if let Some(syn) = trimmed.strip_prefix('+') {
            if let Some(b) = blocks.last_mut() {
                b.synonyms
                    .push(syn.split('[').next().unwrap_or("").trim().to_string());
            }
        } else if body.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            blocks.push(Block {
                name: trimmed.split('[').next().unwrap_or("").trim().to_string(),
                synonyms: vec![],
                codes,
                person: comment.contains("CountryInfo"),
            });
        } else if let Some(b) = blocks.last_mut() {
            b.codes.extend(codes);
        }
    }

    let norm = |s: &str| -> String {
        ascii_fold(s)
            .to_uppercase()
            .replace(['_', '-'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    const SUFFIXES: &[&str] = &["AN", "ESE", "ISH", "I", "IC", "ER", "OT"];
    let mut additions: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for b in blocks
        .iter()
        .filter(|b| !b.person && !b.synonyms.is_empty())
    {
        // The block's place, from its CAMEO codes ("AZE >911221", "USRARM <900823").
        let mut target: Option<usize> = None;
        let mut conflict = false;
        for code in &b.codes {
            let alpha: String = code
                .chars()
                .take_while(|c| c.is_ascii_uppercase())
                .collect();
            let iso3 = match alpha.len() {
                3 => alpha.clone(),
                6 => alpha[3..].to_string(),
                _ => continue,
            };
            if let Some(&i) = by_iso3.get(&iso3) {
                match target {
                    None => target = Some(i),
                    Some(t) if t != i => conflict = true,
                    _ => {}
                }
            }
        }
        let Some(ti) = target.filter(|_| !conflict) else {
            continue;
        };
        let place = &places[ti];
        // The block must name that place (not a city or an institution coded to it).
        let bname = norm(&b.name);
        if !place.name_forms().any(|n| norm(n) == bname) {
            continue;
        }
        let stems: Vec<String> = place
            .name_forms()
            .flat_map(|n| norm(n).split(' ').map(String::from).collect::<Vec<_>>())
            .filter(|w| w.chars().count() >= 4)
            .collect();
        let existing: Vec<String> = place.all_forms().map(|f| norm(f)).collect();
        let mut accepted: Vec<String> = Vec::new();
        let mut near: Vec<String> = Vec::new();
        for syn in &b.synonyms {
            let v = syn.trim_end_matches('_');
            if v.contains('_')
                || v.len() < 4
                || !v.chars().all(|c| c.is_ascii_uppercase() || c == '-')
            {
                continue;
            }
            if !SUFFIXES.iter().any(|s| v.ends_with(s)) {
                continue;
            }
            let stem4: String = v.chars().take(4).collect();
            if !stems.iter().any(|s| s.starts_with(&stem4)) {
                continue;
            }
            let v = v.to_string();
            if existing.contains(&v) || accepted.contains(&v) {
                continue;
            }
            // A misspelt name of the place ("AZERBAJDZHAN"): same ending, close spelling.
            let tail: String = v.chars().rev().take(2).collect();
            if place.name_forms().map(|n| norm(n)).any(|n| {
                n.chars().rev().take(2).collect::<String>() == tail && levenshtein(&n, &v) <= 4
            }) {
                continue;
            }
            if existing.iter().any(|e| levenshtein(e, &v) <= 2) {
                near.push(v);
            } else {
                accepted.push(v);
            }
        }
        // -ean/-ian twins of a form we have ("ECUADORIAN" next to "Ecuadorean").
        for v in near {
            let twin = if let Some(s) = v.strip_suffix("EAN") {
                format!("{s}IAN")
            } else if let Some(s) = v.strip_suffix("IAN") {
                format!("{s}EAN")
            } else {
                continue;
            };
            if existing.contains(&twin) || accepted.contains(&twin) {
                accepted.push(v);
            }
        }
        for v in accepted {
            let r = recase(&v);
            if !place.remove.contains(&r) {
                additions.entry(ti).or_default().push(r);
            }
        }
    }
    for (i, forms) in additions {
        for f in forms {
            report.phoenix.push(format!("{}:{}", places[i].code, f));
            push_unique(&mut places[i].demonyms, &f);
        }
    }
}

fn countries_tsv(places: &[Place]) -> String {
    let mut s = String::from(
        "# code\tiso3\tname\tstatus\taliases\tdemonyms\tcapitals\tmetonyms\twikidata\tregion\n",
    );
    for p in places {
        let fields = [
            p.code.clone(),
            p.iso3.clone(),
            p.name.clone(),
            p.status.to_string(),
            p.aliases.join(";"),
            p.demonyms.join(";"),
            p.capitals.join(";"),
            p.metonyms.join(";"),
            p.wikidata.clone(),
            p.region.clone(),
        ];
        s.push_str(&fields.join("\t"));
        s.push('\n');
    }
    s
}

// ---------------------------------------------------------------------------
// Organisations and groups
// ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct OrgRow {
    id: String,
    name: String,
    label: String,
    kind: String,
    sector: String,
    country: String,
    acronyms: Vec<String>,
    aliases: Vec<String>,
    wikidata: String,
    description: String,
    /// `state`, `public` or `private` for news outlets (sector MED); empty otherwise.
    ownership: String,
}

/// Every surface form already used by a place, organisation or city, with
/// what uses it (for warnings when a later table would shadow it).
fn taken_surfaces(
    places: &[Place],
    orgs: &[OrgRow],
    cities: &[CityRow],
) -> HashMap<String, String> {
    let mut taken: HashMap<String, String> = HashMap::new();
    let mut take = |form: &str, what: String| {
        for k in surface_keys(form) {
            taken.entry(k.to_string()).or_insert_with(|| what.clone());
        }
    };
    for p in places {
        take(&p.name, format!("the name of {}", p.code));
        for (list, what) in [
            (&p.aliases, "a name"),
            (&p.demonyms, "a demonym"),
            (&p.capitals, "a capital"),
            (&p.metonyms, "a metonym"),
        ] {
            for f in list {
                take(f, format!("{what} of {}", p.code));
            }
        }
    }
    for o in orgs {
        for f in std::iter::once(&o.name)
            .chain(&o.aliases)
            .chain(&o.acronyms)
        {
            take(f, format!("a name of organisation {}", o.id));
        }
    }
    for c in cities {
        for f in std::iter::once(&c.name).chain(&c.aliases) {
            take(
                f,
                format!("a form of the {} {} ({})", c.kind, c.name, c.country),
            );
        }
    }
    taken
}

const SECTORS: &[&str] = &[
    "IGO", "MED", "GOV", "MIL", "NGO", "PTY", "REB", "BUS", "EDU", "REL", "SPO",
];

/// Values of the `ownership` column (news outlets only).
const OWNERSHIPS: &[&str] = &["state", "public", "private"];

fn build_orgs(curated: &str, places: &[Place]) -> Result<Vec<OrgRow>, String> {
    let codes: HashSet<&str> = places.iter().map(|p| p.code.as_str()).collect();
    let mut orgs: Vec<OrgRow> = Vec::new();
    let mut ids = HashSet::new();
    for (line, f) in parse_tsv(curated, 11, "kb/curated/orgs.tsv")? {
        let ctx = format!("kb/curated/orgs.tsv:{line}");
        let o = OrgRow {
            id: f[0].clone(),
            name: f[1].clone(),
            label: f[2].clone(),
            kind: f[3].clone(),
            sector: f[4].clone(),
            country: f[5].clone(),
            acronyms: split_list(&f[6]),
            aliases: split_list(&f[7]),
            wikidata: f[8].clone(),
            description: f[9].clone(),
            ownership: f[10].clone(),
        };
        if o.id.is_empty()
            || !o
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(format!("{ctx}: id {:?} must be a lowercase slug", o.id));
        }
        if !ids.insert(o.id.clone()) {
            return Err(format!("{ctx}: duplicate id {}", o.id));
        }
        if o.name.is_empty() || o.description.is_empty() {
            return Err(format!("{ctx}: {} needs a name and a description", o.id));
        }
        if !["ORG", "NORP"].contains(&o.label.as_str()) {
            return Err(format!("{ctx}: label {:?} (ORG|NORP)", o.label));
        }
        if !["organisation", "group"].contains(&o.kind.as_str()) {
            return Err(format!("{ctx}: kind {:?} (organisation|group)", o.kind));
        }
        if !o.sector.is_empty() && !SECTORS.contains(&o.sector.as_str()) {
            return Err(format!(
                "{ctx}: sector {:?} not one of {SECTORS:?}",
                o.sector
            ));
        }
        if !o.country.is_empty() && !codes.contains(o.country.as_str()) {
            return Err(format!(
                "{ctx}: country {:?} is not a place code",
                o.country
            ));
        }
        if !o.ownership.is_empty() {
            if !OWNERSHIPS.contains(&o.ownership.as_str()) {
                return Err(format!(
                    "{ctx}: ownership {:?} not one of {OWNERSHIPS:?}",
                    o.ownership
                ));
            }
            if o.sector != "MED" {
                return Err(format!(
                    "{ctx}: {} has an ownership but is not a news outlet (sector MED)",
                    o.id
                ));
            }
        }
        if !o.wikidata.is_empty()
            && (!o.wikidata.starts_with('Q')
                || !o.wikidata[1..].chars().all(|c| c.is_ascii_digit()))
        {
            return Err(format!("{ctx}: wikidata {:?} is not a Q-id", o.wikidata));
        }
        for x in std::iter::once(&o.name)
            .chain(&o.acronyms)
            .chain(&o.aliases)
        {
            check_item(x, &ctx)?;
        }
        if o.description.contains(['\t', '\n']) {
            return Err(format!("{ctx}: description has a tab or line break"));
        }
        orgs.push(o);
    }
    for o in orgs.iter_mut() {
        let name = o.name.clone();
        let mut aliases = with_variants(std::iter::once(&name).chain(o.aliases.iter()));
        aliases.retain(|a| *a != name && !o.acronyms.contains(a));
        o.aliases = aliases;
        let mut acr = Vec::new();
        for a in &o.acronyms {
            push_unique(&mut acr, a);
        }
        o.acronyms = acr;
    }
    orgs.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(orgs)
}

fn orgs_tsv(orgs: &[OrgRow]) -> String {
    let mut s = String::from(
        "# id\tname\tlabel\tkind\tsector\tcountry\tacronyms\taliases\twikidata\tdescription\townership\n",
    );
    for o in orgs {
        let fields = [
            o.id.clone(),
            o.name.clone(),
            o.label.clone(),
            o.kind.clone(),
            o.sector.clone(),
            o.country.clone(),
            o.acronyms.join(";"),
            o.aliases.join(";"),
            o.wikidata.clone(),
            o.description.clone(),
            o.ownership.clone(),
        ];
        s.push_str(&fields.join("\t"));
        s.push('\n');
    }
    s
}

// ---------------------------------------------------------------------------
// Cities and regions
// ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct CityRow {
    name: String,
    /// Code of a place in `countries.tsv`.
    country: String,
    aliases: Vec<String>,
    /// `city` or `region`.
    kind: &'static str,
}

struct Cities {
    rows: Vec<CityRow>,
    /// Curated forms left out, one line each.
    warnings: Vec<String>,
    /// Single-word forms that are also in the given-name list (kept; for review).
    given_names: Vec<String>,
}

/// The form and, like `Kb::parse`, the form without a leading "the ".
fn surface_keys(form: &str) -> impl Iterator<Item = &str> {
    let rest = form
        .strip_prefix("the ")
        .or_else(|| form.strip_prefix("The "));
    std::iter::once(form).chain(rest)
}

/// Cities and regions from `kb/curated/cities.tsv`. The country must be a place
/// code and the kind `city` or `region` (otherwise the build fails). Accent-free,
/// "St."/"Saint" and curly-apostrophe variants are added. A form that a country,
/// capital, demonym, metonym or organisation already uses, that is an ordinary
/// English word, or that an earlier city already has, is dropped with a warning; a
/// city whose own name is dropped is dropped whole. Sorted by country, then name.
fn build_cities(
    curated: &str,
    places: &[Place],
    orgs: &[OrgRow],
    common: &[String],
    given: &[String],
) -> Result<Cities, String> {
    let codes: HashSet<&str> = places.iter().map(|p| p.code.as_str()).collect();
    let taken = taken_surfaces(places, orgs, &[]);
    let common: HashSet<&str> = common.iter().map(String::as_str).collect();
    let given: HashSet<&str> = given.iter().map(String::as_str).collect();

    let mut rows: Vec<CityRow> = Vec::new();
    let mut warnings = Vec::new();
    let mut given_hits = BTreeSet::new();
    // Surface form -> (city name, line) of the city that has it.
    let mut claimed: HashMap<String, (String, usize)> = HashMap::new();
    for (line, f) in parse_tsv(curated, 4, "kb/curated/cities.tsv")? {
        let ctx = format!("kb/curated/cities.tsv:{line}");
        let (name, country) = (f[0].clone(), f[1].clone());
        if name.is_empty() {
            return Err(format!("{ctx}: empty name"));
        }
        if !codes.contains(country.as_str()) {
            return Err(format!(
                "{ctx}: {name}: country {country:?} is not a place code in countries.tsv"
            ));
        }
        let kind = match f[3].as_str() {
            "city" => "city",
            "region" => "region",
            k => return Err(format!("{ctx}: {name}: kind {k:?} (city|region)")),
        };
        let aliases = split_list(&f[2]);
        for x in std::iter::once(&name).chain(&aliases) {
            check_item(x, &ctx)?;
        }
        let mut forms = Vec::new();
        for form in with_variants(std::iter::once(&name).chain(aliases.iter())) {
            let why = surface_keys(&form).find_map(|k| {
                if let Some(what) = taken.get(k) {
                    return Some(format!("{k:?} is {what}"));
                }
                if let Some((other, l)) = claimed.get(k).filter(|(_, l)| *l != line) {
                    return Some(format!("{k:?} is already a form of {other} (line {l})"));
                }
                (!k.contains([' ', '-', '.']) && common.contains(k.to_lowercase().as_str()))
                    .then(|| format!("{k:?} is a common English word"))
            });
            match why {
                Some(why) if form == name => {
                    warnings.push(format!("{ctx}: {name} ({country}) dropped: {why}"));
                    forms.clear();
                    break;
                }
                Some(why) => {
                    warnings.push(format!(
                        "{ctx}: {name} ({country}): form {form:?} dropped: {why}"
                    ));
                }
                None => forms.push(form),
            }
        }
        if forms.is_empty() {
            continue;
        }
        for form in &forms {
            for k in surface_keys(form) {
                claimed
                    .entry(k.to_string())
                    .or_insert_with(|| (name.clone(), line));
                if !k.contains(' ') && given.contains(k) {
                    given_hits.insert(k.to_string());
                }
            }
        }
        forms.remove(0);
        rows.push(CityRow {
            name,
            country,
            aliases: forms,
            kind,
        });
    }
    rows.sort_by(|a, b| a.country.cmp(&b.country).then_with(|| a.name.cmp(&b.name)));
    Ok(Cities {
        rows,
        warnings,
        given_names: given_hits.into_iter().collect(),
    })
}

fn cities_tsv(rows: &[CityRow]) -> String {
    let mut s = String::from("# name\tcountry\taliases\tkind\n");
    for c in rows {
        let fields = [
            c.name.as_str(),
            c.country.as_str(),
            &c.aliases.join(";"),
            c.kind,
        ];
        s.push_str(&fields.join("\t"));
        s.push('\n');
    }
    s
}

// ---------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
struct OfficeRow {
    title: String,
    start: String,
    /// Empty while in office.
    end: String,
}

#[derive(Clone, Debug)]
struct PersonRow {
    id: String,
    name: String,
    aliases: Vec<String>,
    /// Code of a place in `countries.tsv`, or empty (international organisations).
    country: String,
    offices: Vec<OfficeRow>,
    wikidata: String,
    description: String,
}

struct People {
    rows: Vec<PersonRow>,
    /// Curated forms left out, one line each.
    warnings: Vec<String>,
    /// Single-word forms that are also in the given-name list (kept; for review).
    given_names: Vec<String>,
}

/// A real calendar date written `YYYY-MM-DD`.
fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return false;
    }
    let (y, m, d): (u32, u32, u32) = (
        s[..4].parse().unwrap_or(0),
        s[5..7].parse().unwrap_or(0),
        s[8..].parse().unwrap_or(0),
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1000 && (1..=days).contains(&d)
}

/// `Title|YYYY-MM-DD|YYYY-MM-DD` items, the end empty while in office.
fn parse_offices(field: &str, ctx: &str) -> Result<Vec<OfficeRow>, String> {
    let mut out = Vec::new();
    for item in split_list(field) {
        let parts: Vec<&str> = item.split('|').map(str::trim).collect();
        if parts.len() != 3 {
            return Err(format!(
                "{ctx}: office {item:?} is not `Title|YYYY-MM-DD|YYYY-MM-DD`"
            ));
        }
        let (title, start, end) = (parts[0], parts[1], parts[2]);
        if title.is_empty() {
            return Err(format!("{ctx}: office {item:?} has no title"));
        }
        if !valid_date(start) {
            return Err(format!(
                "{ctx}: office {title:?}: start {start:?} is not a YYYY-MM-DD date"
            ));
        }
        if !end.is_empty() && !valid_date(end) {
            return Err(format!(
                "{ctx}: office {title:?}: end {end:?} is not a YYYY-MM-DD date"
            ));
        }
        if !end.is_empty() && end < start {
            return Err(format!(
                "{ctx}: office {title:?} ends ({end}) before it starts ({start})"
            ));
        }
        out.push(OfficeRow {
            title: title.to_string(),
            start: start.to_string(),
            end: end.to_string(),
        });
    }
    sort_offices(&mut out);
    Ok(out)
}

/// Chronological; a term that runs on sorts after one that ended on the same day.
fn sort_offices(out: &mut Vec<OfficeRow>) {
    out.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then_with(|| (a.end.is_empty(), &a.end).cmp(&(b.end.is_empty(), &b.end)))
            .then_with(|| a.title.cmp(&b.title))
    });
    out.dedup();
}

/// `people.tsv` first, then every `people-*.tsv` in name order: (file label, text).
fn read_people_files(curated: &Path) -> Result<Vec<(String, String)>, String> {
    let mut extra: Vec<String> = fs::read_dir(curated)
        .map_err(|e| format!("{}: {e}", curated.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("people-") && n.ends_with(".tsv"))
        .collect();
    extra.sort();
    std::iter::once("people.tsv".to_string())
        .chain(extra)
        .map(|n| Ok((format!("kb/curated/{n}"), read(&curated.join(&n))?)))
        .collect()
}

/// People from `kb/curated/people.tsv` and `people-*.tsv`. A row whose id an earlier
/// row has must give the same name; its offices and aliases are added to that
/// person (so a minister list per region can live in its own file). The build fails on a malformed row (bad id,
/// duplicate id, unknown country, bad date, a term that ends before it starts, bad
/// Q-id). Accent-free and curly-apostrophe variants of the name and aliases are added.
/// An alias that a country, demonym, capital, metonym, organisation or city already
/// uses, that is an ordinary English word, or that several people share, is dropped
/// with a warning (a person alias must never win over "Chad" the country); a name
/// that collides is kept with a warning (the engine never lets it shadow the other
/// form). Sorted by id.
fn build_people(
    files: &[(String, String)],
    places: &[Place],
    orgs: &[OrgRow],
    cities: &[CityRow],
    common: &[String],
    given: &[String],
) -> Result<People, String> {
    let codes: HashSet<&str> = places.iter().map(|p| p.code.as_str()).collect();
    let taken = taken_surfaces(places, orgs, cities);
    let common: HashSet<&str> = common.iter().map(String::as_str).collect();
    let given: HashSet<&str> = given.iter().map(String::as_str).collect();

    let mut rows: Vec<PersonRow> = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let mut warnings = Vec::new();
    let mut ids = HashSet::new();
    let mut row_of: HashMap<String, usize> = HashMap::new();
    for (label, text) in files {
        for (line, f) in parse_tsv(text, 7, label)? {
            let ctx = format!("{label}:{line}");
            let id = f[0].clone();
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(format!("{ctx}: id {id:?} must be a lowercase slug"));
            }
            let (name, country) = (f[1].clone(), f[3].clone());
            if let Some(&i) = row_of.get(&id) {
                if label == "kb/curated/people.tsv" {
                    return Err(format!("{ctx}: duplicate id {id}"));
                }
                if rows[i].name != name {
                    return Err(format!(
                        "{ctx}: {id} is already {:?}; a row that adds to a person repeats its name",
                        rows[i].name
                    ));
                }
                let mut offices = parse_offices(&f[4], &format!("{ctx}: {id}"))?;
                for a in split_list(&f[2]) {
                    check_item(&a, &ctx)?;
                    if a != rows[i].name && !rows[i].aliases.contains(&a) {
                        rows[i].aliases.push(a);
                    }
                }
                // (title, start) names a term: a later file may set or move its
                // end ("Prime Minister of Hungary|2010-05-29|2026-05-09").
                offices.retain(|o| {
                    match rows[i]
                        .offices
                        .iter_mut()
                        .find(|x| x.title == o.title && x.start == o.start)
                    {
                        Some(x) => {
                            x.end = o.end.clone();
                            false
                        }
                        None => true,
                    }
                });
                rows[i].offices.extend(offices);
                sort_offices(&mut rows[i].offices);
                if rows[i].wikidata.is_empty() {
                    rows[i].wikidata = f[5].clone();
                }
                continue;
            }
            ids.insert(id.clone());
            row_of.insert(id.clone(), rows.len());
            if name.is_empty() || f[6].is_empty() {
                return Err(format!("{ctx}: {id} needs a name and a description"));
            }
            if !country.is_empty() && !codes.contains(country.as_str()) {
                return Err(format!(
                    "{ctx}: {id}: country {country:?} is not a place code in countries.tsv"
                ));
            }
            let wikidata = f[5].clone();
            if !wikidata.is_empty()
                && (!wikidata.starts_with('Q')
                    || wikidata.len() < 2
                    || !wikidata[1..].chars().all(|c| c.is_ascii_digit()))
            {
                return Err(format!("{ctx}: {id}: wikidata {wikidata:?} is not a Q-id"));
            }
            if f[6].contains(['\t', '\n']) {
                return Err(format!("{ctx}: {id}: description has a tab or line break"));
            }
            let aliases = split_list(&f[2]);
            for x in std::iter::once(&name).chain(&aliases) {
                check_item(x, &ctx)?;
            }
            let offices = parse_offices(&f[4], &format!("{ctx}: {id}"))?;
            rows.push(PersonRow {
                id,
                name,
                aliases,
                country,
                offices,
                wikidata,
                description: f[6].clone(),
            });
            lines.push(format!("{label}:{line}"));
        }
    }

    // Forms with their generated variants; then what other people use.
    let mut forms: Vec<Vec<String>> = rows
        .iter()
        .map(|p| with_variants(std::iter::once(&p.name).chain(p.aliases.iter())))
        .collect();
    let mut users: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for (i, fs) in forms.iter().enumerate() {
        for f in fs {
            for k in surface_keys(f) {
                users.entry(k.to_string()).or_default().insert(i);
            }
        }
    }
    let ids: Vec<String> = rows.iter().map(|p| p.id.clone()).collect();
    let names: HashMap<String, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.clone(), i))
        .collect();
    let mut given_hits = BTreeSet::new();
    for (i, p) in rows.iter_mut().enumerate() {
        let ctx = format!("{}: {}", lines[i], p.id);
        let mut kept = Vec::new();
        for form in std::mem::take(&mut forms[i]) {
            let why = surface_keys(&form).find_map(|k| {
                if let Some(what) = taken.get(k) {
                    return Some(format!("{k:?} is {what}"));
                }
                let simple = !k.contains([' ', '-', '.']);
                if simple && common.contains(k.to_lowercase().as_str()) {
                    return Some(format!("{k:?} is a common English word"));
                }
                let others: Vec<&usize> = users
                    .get(k)
                    .into_iter()
                    .flatten()
                    .filter(|&&j| j != i)
                    .collect();
                if form != p.name && !others.is_empty() {
                    let j = *others[0];
                    return Some(match names.get(k) {
                        Some(&n) if n == j => format!("{k:?} is the name of {}", ids[j]),
                        _ => format!("{k:?} is also a form of {}", ids[j]),
                    });
                }
                None
            });
            match why {
                Some(why) if form == p.name => {
                    warnings.push(format!("{ctx}: name {form:?} kept, but {why}"));
                    kept.push(form);
                }
                Some(why) => warnings.push(format!("{ctx}: alias {form:?} dropped: {why}")),
                None => {
                    for k in surface_keys(&form) {
                        if !k.contains(' ') && given.contains(k) {
                            given_hits.insert(k.to_string());
                        }
                    }
                    kept.push(form);
                }
            }
        }
        kept.retain(|a| *a != p.name);
        p.aliases = kept;
    }
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(People {
        rows,
        warnings,
        given_names: given_hits.into_iter().collect(),
    })
}

fn people_tsv(rows: &[PersonRow]) -> String {
    let mut s = String::from("# id\tname\taliases\tcountry\toffices\twikidata\tdescription\n");
    for p in rows {
        let offices: Vec<String> = p
            .offices
            .iter()
            .map(|o| format!("{}|{}|{}", o.title, o.start, o.end))
            .collect();
        let fields = [
            p.id.as_str(),
            p.name.as_str(),
            &p.aliases.join(";"),
            p.country.as_str(),
            &offices.join(";"),
            p.wikidata.as_str(),
            p.description.as_str(),
        ];
        s.push_str(&fields.join("\t"));
        s.push('\n');
    }
    s
}

// ---------------------------------------------------------------------------
// Word lists from the NER corpora
// ---------------------------------------------------------------------------

struct Tok {
    word: String,
    /// Entity type, upper case ("PER", "GEO", "ORG"), or None for O.
    typ: Option<String>,
    /// This token starts a span.
    begin: bool,
}

/// Sentences of every corpus, normalised to (word, entity type, span start).
fn load_corpora(ner: &Path) -> Result<Vec<Vec<Tok>>, String> {
    let mut sentences = Vec::new();
    // (file, column of the tag; None = last column)
    let mut files: Vec<(std::path::PathBuf, Option<usize>)> = vec![
        (ner.join("gmb-voa").join("gmb_voa.conll"), None),
        (ner.join("wikigold").join("wikigold.conll.txt"), None),
    ];
    for split in ["train", "dev", "test"] {
        files.push((
            ner.join("gum").join(format!("gum_ccby.{split}.conll")),
            Some(2),
        ));
    }
    for (path, col) in files {
        let text = read(&path)?;
        let mut sent: Vec<Tok> = Vec::new();
        let mut prev: Option<String> = None;
        for line in text.lines() {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.is_empty() || f[0] == "-DOCSTART-" {
                if !sent.is_empty() {
                    sentences.push(std::mem::take(&mut sent));
                }
                prev = None;
                continue;
            }
            let tag = match col {
                Some(c) => f.get(c).copied().unwrap_or("O"),
                None => f[f.len() - 1],
            };
            let (typ, b) = if tag == "O" || f.len() < 2 {
                (None, false)
            } else {
                let (prefix, t) = tag.split_once('-').unwrap_or(("I", tag));
                (Some(t.to_uppercase()), prefix == "B")
            };
            let begin = typ.is_some() && (b || prev != typ);
            prev = typ.clone();
            sent.push(Tok {
                word: f[0].to_string(),
                typ,
                begin,
            });
        }
        if !sent.is_empty() {
            sentences.push(sent);
        }
    }
    if sentences.is_empty() {
        return Err("no NER sentences found".into());
    }
    Ok(sentences)
}

/// Single-word surface forms of the knowledge base. Derived given names never
/// take one (places, demonyms, organisations); see `common_words` for that list.
fn kb_single_words(places: &[Place], orgs: &[OrgRow]) -> (HashSet<String>, HashSet<String>) {
    let mut s = HashSet::new();
    for p in places {
        for f in p.all_forms() {
            if !f.contains(' ') {
                s.insert(f.clone());
            }
        }
    }
    let places_only = s.clone();
    for o in orgs {
        for f in std::iter::once(&o.name)
            .chain(&o.acronyms)
            .chain(&o.aliases)
        {
            if !f.contains(' ') {
                s.insert(f.clone());
            }
        }
    }
    (places_only, s)
}

const MAX_COMMON: usize = 15_000;

/// Lower-case words that are ordinary English even when capitalised. A word is in
/// when it is seen in lower case (tag O) at least 3 times and capitalised (tag O) at
/// least once, or in lower case at least 5 times in all; it is out when its
/// capitalised form is more often part of an entity than the word is seen in lower
/// case ("georgia", "jordan", "turkey"), or when it is a place name or demonym.
fn common_words(corpora: &[Vec<Tok>], kb_words: &HashSet<String>) -> Vec<String> {
    let mut lower_all: HashMap<String, usize> = HashMap::new();
    let mut lower_o: HashMap<String, usize> = HashMap::new();
    let mut cap_o: HashMap<String, usize> = HashMap::new();
    let mut ent: HashMap<String, usize> = HashMap::new();
    for s in corpora {
        for t in s {
            let w = &t.word;
            if !w.chars().all(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            if w.chars().all(|c| c.is_ascii_lowercase()) {
                *lower_all.entry(w.clone()).or_default() += 1;
                if t.typ.is_none() {
                    *lower_o.entry(w.clone()).or_default() += 1;
                }
            } else if w.starts_with(|c: char| c.is_ascii_uppercase()) {
                let lw = w.to_ascii_lowercase();
                // Dates (GMB `tim`) and titles inside GMB person spans ("President
                // Bush") are not names.
                let named = t.typ.as_deref().is_some_and(|ty| ty != "TIM") && !is_title(w);
                let title_case = w[1..].chars().all(|c| c.is_ascii_lowercase());
                if named && title_case {
                    *ent.entry(lw).or_default() += 1;
                } else if !named && title_case {
                    *cap_o.entry(lw).or_default() += 1;
                }
            }
        }
    }
    // Title-case place names and demonyms ("Turkey", "Chad", "Pole") are never
    // common words; acronyms ("US", "WHO") and organisation names ("Shell") do not
    // hide the ordinary words "us", "who" and "shell".
    let kb_lower: HashSet<String> = kb_words
        .iter()
        .filter(|w| is_title_case_word(w))
        .map(|w| w.to_lowercase())
        .collect();
    let mut words: Vec<(usize, String)> = Vec::new();
    for (w, &n) in &lower_all {
        let lo = lower_o.get(w).copied().unwrap_or(0);
        let cap = cap_o.get(w).copied().unwrap_or(0);
        let e = ent.get(w).copied().unwrap_or(0);
        let keep = (lo >= 3 && cap >= 1) || n >= 5;
        if keep && e <= n && !kb_lower.contains(w) {
            words.push((n, w.clone()));
        }
    }
    words.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    words.truncate(MAX_COMMON);
    let mut out: Vec<String> = words.into_iter().map(|(_, w)| w).collect();
    // Weekdays and months are always capitalised, so the counts above miss them.
    for w in dramatis_core::lexicon::WEEKDAYS
        .iter()
        .chain(&dramatis_core::lexicon::MONTHS)
    {
        if !out.iter().any(|x| x == w) {
            out.push(w.to_string());
        }
    }
    out.sort();
    out
}

/// Titles and office words that open person spans in the corpora ("President
/// Mahmoud Ahmadinejad", "Mr. Bush"); stripped before taking the first name.
const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Gen",
    "General",
    "Lt",
    "Lieutenant",
    "Col",
    "Colonel",
    "Maj",
    "Major",
    "Capt",
    "Captain",
    "Cmdr",
    "Commander",
    "Sgt",
    "Sergeant",
    "Adm",
    "Admiral",
    "Brig",
    "Brigadier",
    "Marshal",
    "Field",
    "Corporal",
    "Cpl",
    "Pvt",
    "Private",
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Premier",
    "Chancellor",
    "Secretary",
    "Senator",
    "Sen",
    "Rep",
    "Representative",
    "Congressman",
    "Congresswoman",
    "Governor",
    "Gov",
    "Mayor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Emperor",
    "Empress",
    "Sultan",
    "Emir",
    "Sheikh",
    "Shaikh",
    "Sheik",
    "Crown",
    "Pope",
    "Cardinal",
    "Archbishop",
    "Bishop",
    "Reverend",
    "Rev",
    "Father",
    "Imam",
    "Ayatollah",
    "Rabbi",
    "Pastor",
    "Judge",
    "Justice",
    "Chief",
    "Ambassador",
    "Envoy",
    "Speaker",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Director",
    "Deputy",
    "Foreign",
    "Defense",
    "Defence",
    "Interior",
    "Finance",
    "Former",
    "Late",
    "Saint",
    "St",
    "Mullah",
    "Mufti",
    "Dalai",
    "Lama",
    "Pharaoh",
    "Tsar",
    "Czar",
    "Shah",
    "Khan",
    "Mister",
    "Madam",
    "Madame",
    "Monsieur",
    "Herr",
    "Frau",
    "Senor",
    "Señor",
    "Don",
    "Doña",
    "Comrade",
    "Officer",
    "Inspector",
    "Detective",
    "Agent",
    "Coach",
    "Mrs",
    "Messrs",
    "Jr",
    "Sr",
    "Leader",
    "Commissioner",
    "Attorney",
    "Lawmaker",
    "Spokesman",
    "Spokeswoman",
    "Baron",
    "Baroness",
    "Count",
    "Countess",
    "Duke",
    "Duchess",
    "Earl",
    "Viscount",
    "Marquis",
    "Ras",
    "Negus",
    "Hajji",
    "Haji",
];

fn is_title(w: &str) -> bool {
    TITLES.contains(&w.trim_end_matches('.'))
}

/// Name particles and calendar words that open person spans but are not given names.
const NOT_GIVEN: &[&str] = &[
    "Al",
    "El",
    "Bin",
    "Ibn",
    "Van",
    "Von",
    "Der",
    "Den",
    "De",
    "Del",
    "Della",
    "Di",
    "Da",
    "Das",
    "Dos",
    "Du",
    "La",
    "Le",
    "Los",
    "Las",
    "Mac",
    "Mc",
    "St",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Given names: the first word of multi-word person spans (titles stripped) that is
/// a Title-case alphabetic word, more often first than elsewhere in person names,
/// more often in person names than in other entities, and not a common word, a
/// title, a particle or a knowledge-base name; plus the curated list.
/// The first names of the people table are given names too ("Jane" was
/// missing from the corpora): Title-case alphabetic words of 3+ letters that
/// are neither common words nor KB names. Sorted, deduplicated.
fn with_people_given_names(
    mut given: Vec<String>,
    people: &[PersonRow],
    common: &[String],
    kb_words: &HashSet<String>,
) -> Vec<String> {
    let common: HashSet<&str> = common.iter().map(String::as_str).collect();
    for p in people {
        let Some(first) = p.name.split_whitespace().next() else {
            continue;
        };
        let title_case = first.chars().next().is_some_and(char::is_uppercase)
            && first.chars().skip(1).all(char::is_lowercase);
        if first.chars().count() >= 3
            && title_case
            && first.chars().all(char::is_alphabetic)
            && p.name.split_whitespace().count() >= 2
            && !common.contains(first.to_lowercase().as_str())
            && !kb_words.contains(first)
            && !dramatis_core::lexicon::is_title_word(first)
        {
            given.push(first.to_string());
        }
    }
    given.sort();
    given.dedup();
    given
}

fn given_names(
    corpora: &[Vec<Tok>],
    common: &[String],
    kb_words: &HashSet<String>,
    extra: &str,
) -> Result<Vec<String>, String> {
    let common: HashSet<&str> = common.iter().map(String::as_str).collect();
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut later: HashMap<&str, usize> = HashMap::new();
    let mut other_entity: HashMap<&str, usize> = HashMap::new();
    for s in corpora {
        let mut i = 0;
        while i < s.len() {
            if !s[i].begin {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < s.len() && !s[j].begin && s[j].typ == s[i].typ {
                j += 1;
            }
            if matches!(s[i].typ.as_deref(), Some("PER")) {
                let span: Vec<&str> = s[i..j]
                    .iter()
                    .map(|t| t.word.as_str())
                    .skip_while(|w| is_title(w))
                    .collect();
                if span.len() >= 2 {
                    *first.entry(span[0]).or_default() += 1;
                    for w in &span[1..] {
                        *later.entry(w).or_default() += 1;
                    }
                }
            } else {
                for t in &s[i..j] {
                    *other_entity.entry(t.word.as_str()).or_default() += 1;
                }
            }
            i = j;
        }
    }
    let mut out: BTreeSet<String> = BTreeSet::new();
    for (&w, &n) in &first {
        let per = n + later.get(w).copied().unwrap_or(0);
        if is_title_case_word(w)
            && w.chars().all(char::is_alphabetic)
            && n >= later.get(w).copied().unwrap_or(0)
            && per >= other_entity.get(w).copied().unwrap_or(0)
            && !NOT_GIVEN.contains(&w)
            && !is_title(w)
            && !common.contains(w.to_lowercase().as_str())
            && !kb_words.contains(w)
        {
            out.insert(w.to_string());
        }
    }
    for (n, line) in extra.lines().enumerate() {
        let w = line.trim();
        if w.is_empty() || w.starts_with('#') {
            continue;
        }
        if w.contains(char::is_whitespace) || !w.starts_with(char::is_uppercase) {
            return Err(format!(
                "kb/curated/given-names-extra.txt:{}: {w:?} is not one Title-case word",
                n + 1
            ));
        }
        if !is_title(w) {
            out.insert(w.to_string());
        }
    }
    Ok(out.into_iter().collect())
}

fn word_list(header: &str, words: &[String]) -> String {
    let mut s = String::with_capacity(words.len() * 8);
    s.push_str(header);
    s.push('\n');
    for w in words {
        s.push_str(w);
        s.push('\n');
    }
    s
}

// ---------------------------------------------------------------------------
// Attribution
// ---------------------------------------------------------------------------

fn attribution(
    places: &[Place],
    orgs: &[OrgRow],
    n_cities: usize,
    n_people: usize,
    given: usize,
    common: usize,
    report: &Report,
) -> String {
    let curated_only = places
        .iter()
        .filter(|p| p.iso3.is_empty() || p.code.chars().any(|c| c.is_ascii_lowercase()))
        .count();
    format!(
        r#"# Attribution for the knowledge tables in this folder

These files are generated by `dramatis kb build` (crates/cli/src/kb_build.rs) from the
sources below and from our own curated lists in `kb/curated/`. Do not edit them by hand:
edit `kb/curated/` and rebuild.

| file | derived from |
|---|---|
| `countries.tsv` ({n_places} places) | mledoze/countries (ODbL 1.0): names, alternative spellings, demonyms, capitals, ISO codes, independence, region. datasets/country-codes (PDDL 1.0): Wikidata ids. Phoenix/PETRARCH-2 country dictionary (MIT): {n_phx} extra adjectival/demonym variants. `kb/curated/countries.tsv` (our own): extra aliases, demonyms, metonyms, name choices, and {curated_only} places not in mledoze. |
| `orgs.tsv` ({n_orgs} entries) | `kb/curated/orgs.tsv` only: our own list, descriptions and the ownership of news outlets (state-owned, public broadcaster or private, from public listings). Wikidata ids (CC0) were checked against public listings. |
| `cities.tsv` ({n_cities} entries) | `kb/curated/cities.tsv` only: our own list of facts (place names, spellings, the country each lies in, city or region), with generated accent-free variants. |
| `people.tsv` ({n_people} people) | `kb/curated/people.tsv` and `kb/curated/people-*.tsv` only (regional lists of ministers, fills of the holes `dramatis kb coverage` found, and updates of 2025–2026 changes checked against public news reports, whose outlets and dates are noted in the files): our own list of facts (names and spellings, the state each serves, offices held with their dates, one-clause descriptions), with generated accent-free variants. Wikidata ids (CC0) were checked against the EveryPolitician Wikidata snapshots (CC0) or public listings. |
| `given-names.txt` ({given} names) | First words of person names in the GMB (public domain), GUM CC-BY subset and wikigold (CC-BY 4.0) corpora, plus `kb/curated/given-names-extra.txt` and the first names in `kb/curated/people.tsv` (our own). |
| `common-words.txt` ({common} words) | Word frequencies in the same three corpora. |

## mledoze/countries — ODbL 1.0

`countries.tsv` is a derived database of mledoze/countries, and is therefore made
available under the **Open Database License (ODbL) v1.0**,
https://opendatacommons.org/licenses/odbl/1.0/.

Contains information from **mledoze/countries** (https://github.com/mledoze/countries),
which is made available here under the Open Database License (ODbL).

## datasets/country-codes — PDDL 1.0

Wikidata ids in `countries.tsv` come from **datasets/country-codes**
(https://github.com/datasets/country-codes), released under the Open Data Commons
Public Domain Dedication and License (PDDL 1.0). Attribution is given as a courtesy.

## Phoenix / PETRARCH-2 actor dictionaries — MIT

Some demonym variants in `countries.tsv` come from the Phoenix country dictionary of
PETRARCH-2 (https://github.com/openeventdata/petrarch2), derived from the
Computational Event Data System project's CountryInfo.

    The MIT License (MIT)
    Copyright (c) 2014 Open Event Data Alliance

    Permission is hereby granted, free of charge, to any person obtaining a copy of
    this software and associated documentation files (the "Software"), to deal in
    the Software without restriction, including without limitation the rights to
    use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
    the Software, and to permit persons to whom the Software is furnished to do so,
    subject to the following conditions:

    The above copyright notice and this permission notice shall be included in all
    copies or substantial portions of the Software.

    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
    IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
    FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
    COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
    IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
    CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

## EveryPolitician Wikidata snapshots — CC0 1.0

Some Wikidata ids in `people.tsv` were checked against the EveryPolitician scrapers'
Wikidata query results (https://github.com/every-politician-scrapers), which are
Wikidata statements released under CC0 1.0. Attribution is given as a courtesy.

## Corpora used for the word lists

Only word statistics are kept (no sentences):

- **GMB** (Groningen Meaning Bank, Voice of America subset): texts and annotations in
  the public domain. Bos, Basile, Evang, Venhuizen & Bjerva, "The Groningen Meaning
  Bank", Handbook of Linguistic Annotation, 2017.
- **GUM** (Georgetown University Multilayer Corpus), CC-BY subset only (Wikinews
  CC-BY 2.5, academic CC-BY 4.0; annotations CC-BY 4.0),
  https://github.com/amir-zeldes/gum. Zeldes, A. (2017) "The GUM Corpus: Creating
  Multilayer Resources in the Classroom", Language Resources and Evaluation 51(3).
- **wikigold** (CC-BY 4.0), Balasuriya, Ringland, Nothman, Murphy & Curran (2009),
  "Named entity recognition in Wikipedia"; text from English Wikipedia.

## Our own curated lists

`kb/curated/*` are written by the Dramatis authors and are released with the project
(MIT). Wikidata identifiers are CC0 facts.
"#,
        n_places = places.len(),
        n_phx = report.phoenix.len(),
        curated_only = curated_only,
        n_orgs = orgs.len(),
        n_cities = n_cities,
        n_people = n_people,
        given = given,
        common = common,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_handles_quotes_and_commas() {
        let rows = parse_csv("a,b,c\n1,\"x, y\",\"he said \"\"hi\"\"\"\n2,,\"multi\nline\"\n");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], vec!["1", "x, y", "he said \"hi\""]);
        assert_eq!(rows[2], vec!["2", "", "multi\nline"]);
    }

    #[test]
    fn plurals() {
        assert_eq!(plural("Azerbaijani").as_deref(), Some("Azerbaijanis"));
        assert_eq!(plural("South Korean").as_deref(), Some("South Koreans"));
        assert_eq!(plural("Czech").as_deref(), Some("Czechs"));
        assert_eq!(plural("Chinese"), None);
        assert_eq!(plural("Swiss"), None);
        assert_eq!(plural("British"), None);
        assert_eq!(plural("French"), None);
        assert_eq!(plural("Dutchman").as_deref(), Some("Dutchmen"));
        assert_eq!(plural("Englishmen"), None);
    }

    #[test]
    fn alt_spellings_filter() {
        let names = ["Azerbaijan", "Republic of Azerbaijan"];
        assert!(keep_alt_spelling("Republic of Azerbaijan", "AZ", &names));
        assert!(!keep_alt_spelling("Azərbaycan Respublikası", "AZ", &names));
        assert!(!keep_alt_spelling("AZ", "AZ", &names));
        assert!(keep_alt_spelling("UAE", "AE", &["United Arab Emirates"]));
        assert!(keep_alt_spelling("Turkiye", "TR", &["Türkiye"]));
        assert!(!keep_alt_spelling("Pākistān", "PK", &["Pakistan"]));
        assert!(!keep_alt_spelling("Sakartvelo", "GE", &["Georgia"]));
        assert!(!keep_alt_spelling(
            "Korea, Republic of",
            "KR",
            &["South Korea"]
        ));
    }

    #[test]
    fn variants() {
        let v = with_variants([String::from("Côte d'Ivoire")].iter());
        assert!(v.contains(&"Cote d'Ivoire".to_string()));
        assert!(v.contains(&"Côte d’Ivoire".to_string()));
        let v = with_variants([String::from("Saint Lucia")].iter());
        assert!(v.contains(&"St. Lucia".to_string()));
    }

    fn place(code: &str, name: &str, capitals: &[&str]) -> Place {
        Place {
            code: code.into(),
            iso3: String::new(),
            name: name.into(),
            status: "state",
            aliases: vec![],
            demonyms: vec![],
            capitals: capitals.iter().map(|c| c.to_string()).collect(),
            metonyms: vec![],
            wikidata: String::new(),
            region: String::new(),
            remove: vec![],
            no_plural: vec![],
            drop: vec![],
        }
    }

    #[test]
    fn orgs_ownership_column() {
        let places = [
            place("TR", "Turkey", &["Ankara"]),
            place("GB", "United Kingdom", &["London"]),
        ];
        let curated = "# o\n\
            reuters\tReuters\tORG\torganisation\tMED\tGB\t\t\t\tA news agency.\tprivate\n\
            anadolu\tAnadolu Agency\tORG\torganisation\tMED\tTR\tAA\t\t\tA news agency.\tstate\n\
            akp\tJustice and Development Party\tORG\torganisation\tPTY\tTR\tAKP\t\t\tA party.\n";
        let orgs = build_orgs(curated, &places).unwrap();
        let own: Vec<(&str, &str)> = orgs
            .iter()
            .map(|o| (o.id.as_str(), o.ownership.as_str()))
            .collect();
        assert_eq!(
            own,
            vec![("akp", ""), ("anadolu", "state"), ("reuters", "private")]
        );
        let tsv = orgs_tsv(&orgs);
        assert!(tsv.starts_with("# id\t") && tsv.lines().next().unwrap().ends_with("\townership"));
        assert!(tsv.lines().all(|l| l.split('\t').count() == 11));
        assert!(tsv.contains("\tA news agency.\tstate\n"));
        // Unknown value, ownership outside MED, too many fields.
        let bad = |row: &str| build_orgs(row, &places).is_err();
        assert!(bad(
            "x\tX\tORG\torganisation\tMED\tTR\t\t\t\td\tgovernment\n"
        ));
        assert!(bad("x\tX\tORG\torganisation\tPTY\tTR\t\t\t\td\tstate\n"));
        assert!(bad(
            "x\tX\tORG\torganisation\tMED\tTR\t\t\t\td\tstate\textra\n"
        ));
    }

    #[test]
    fn cities_are_checked() {
        let places = [
            place("BR", "Brazil", &["Brasília"]),
            place("GE", "Georgia", &["Tbilisi"]),
            place("US", "United States", &["Washington"]),
        ];
        let curated = "# c\n\
            São Paulo\tBR\t\tcity\n\
            Georgia\tUS\t\tregion\n\
            Texas\tUS\tTbilisi;Lone Star State\tregion\n\
            Nice\tBR\t\tcity\n\
            Texas\tUS\t\tregion\n\
            Saint Louis\tUS\tthe Gateway City\tcity\n";
        let common = vec!["nice".to_string()];
        let c = build_cities(curated, &places, &[], &common, &[]).unwrap();
        let rows: Vec<String> = c
            .rows
            .iter()
            .map(|r| {
                format!(
                    "{}|{}|{}|{}",
                    r.name,
                    r.country,
                    r.aliases.join(";"),
                    r.kind
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                "São Paulo|BR|Sao Paulo|city",
                "Saint Louis|US|St. Louis;St Louis;the Gateway City|city",
                "Texas|US|Lone Star State|region",
            ]
        );
        assert_eq!(c.warnings.len(), 4, "{:?}", c.warnings);
        assert!(c.warnings[0].contains("Georgia (US) dropped"));
        assert!(c.warnings[1].contains("\"Tbilisi\" is a capital of GE"));
        assert!(c.warnings[2].contains("common English word"));
        assert!(c.warnings[3].contains("already a form of Texas"));
        assert!(build_cities("X\tZZ\t\tcity\n", &places, &[], &[], &[]).is_err());
        assert!(build_cities("X\tBR\t\ttown\n", &places, &[], &[], &[]).is_err());
        let t = cities_tsv(&c.rows);
        assert!(t.starts_with("# name\tcountry\taliases\tkind\nSão Paulo\tBR\tSao Paulo\tcity\n"));
    }

    #[test]
    fn people_are_checked() {
        let places = [
            place("TD", "Chad", &["N'Djamena"]),
            place("TR", "Turkey", &["Ankara"]),
            place("FR", "France", &["Paris"]),
        ];
        let curated = "# c\n\
            recep-tayyip-erdogan\tRecep Tayyip Erdoğan\tErdoğan;Chad;Paris;Power\tTR\tPresident of Turkey|2014-08-28|;Prime Minister of Turkey|2003-03-14|2014-08-28\tQ39259\tTurkish politician\n\
            someone\tSome One\tErdogan\t\tSecretary-General of Nothing|2001-01-01|2002-01-01\t\tA person\n";
        let common = vec!["power".to_string()];
        let one = |t: &str| vec![("kb/curated/people.tsv".to_string(), t.to_string())];
        let p = build_people(&one(curated), &places, &[], &[], &common, &[]).unwrap();
        assert_eq!(p.rows.len(), 2);
        let e = &p.rows[0];
        assert_eq!(e.id, "recep-tayyip-erdogan");
        assert_eq!(e.aliases, vec!["Recep Tayyip Erdogan", "Erdoğan"]);
        // Offices are sorted by start date.
        assert_eq!(e.offices[0].title, "Prime Minister of Turkey");
        assert_eq!(e.offices[1].end, "");
        assert!(p.rows[1].aliases.is_empty());
        assert_eq!(p.warnings.len(), 5, "{:?}", p.warnings);
        let t = people_tsv(&p.rows);
        assert!(t.starts_with("# id\tname\taliases\tcountry\toffices\twikidata\tdescription\nrecep-tayyip-erdogan\tRecep Tayyip Erdoğan\tRecep Tayyip Erdogan;Erdoğan\tTR\tPrime Minister of Turkey|2003-03-14|2014-08-28;President of Turkey|2014-08-28|\tQ39259\t"));
        let bad = |row: &str| build_people(&one(row), &places, &[], &[], &[], &[]).is_err();
        assert!(bad("x\tX\t\tZZ\t\t\tdesc\n"));
        assert!(bad("x\tX\t\tTR\tP|2001-02-30|\t\tdesc\n"));
        assert!(bad("x\tX\t\tTR\tP|2001-02-03|2000-01-01\t\tdesc\n"));
        assert!(bad("x\tX\t\tTR\tP|2001-02|\t\tdesc\n"));
        assert!(bad("x\tX\t\tTR\tP|2001-02-03\t\tdesc\n"));
        assert!(bad("x\tX\t\tTR\t\tX1\tdesc\n"));
        assert!(bad("X\tX\t\tTR\t\t\tdesc\n"));
        assert!(bad("x\tX\t\tTR\t\t\tdesc\nx\tY\t\tTR\t\t\tdesc\n"));
        assert!(!bad("x\tX\t\t\tP|2000-02-29|\t\tdesc\n"));
        assert!(valid_date("2024-02-29") && !valid_date("2023-02-29") && !valid_date("2023-13-01"));

        // A regional file adds offices and aliases to a person the main file has.
        let files = vec![
            ("kb/curated/people.tsv".to_string(), "x\tX Y\t\tTR\tPrime Minister of Turkey|2010-01-01|\t\tdesc\n".to_string()),
            ("kb/curated/people-europe.tsv".to_string(), "x\tX Y\tXavier Y\tTR\tMinister of Foreign Affairs of Turkey|2003-01-01|2010-01-01\tQ5\tother\n".to_string()),
        ];
        let p = build_people(&files, &places, &[], &[], &[], &[]).unwrap();
        assert_eq!(p.rows.len(), 1);
        assert_eq!(
            p.rows[0].offices[0].title,
            "Minister of Foreign Affairs of Turkey"
        );
        assert_eq!(
            (
                p.rows[0].aliases.clone(),
                p.rows[0].wikidata.as_str(),
                p.rows[0].description.as_str()
            ),
            (vec!["Xavier Y".to_string()], "Q5", "desc")
        );
        // A later file closes an open term (same title and start).
        let mut closing = files.clone();
        closing.push((
            "kb/curated/people-updates.tsv".to_string(),
            "x\tX Y\t\tTR\tPrime Minister of Turkey|2010-01-01|2026-05-09\t\tdesc\n".to_string(),
        ));
        let p = build_people(&closing, &places, &[], &[], &[], &[]).unwrap();
        assert_eq!(p.rows[0].offices.len(), 2);
        assert_eq!(p.rows[0].offices[1].end, "2026-05-09");
        let mut clash = files.clone();
        clash[1].1 = clash[1].1.replace("\tX Y\t", "\tX Z\t");
        assert!(build_people(&clash, &places, &[], &[], &[], &[]).is_err());
    }

    #[test]
    fn recasing() {
        assert_eq!(recase("AZERI"), "Azeri");
        assert_eq!(recase("I-KIRIBATI"), "I-Kiribati");
    }
}
