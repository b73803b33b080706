//! TEMPORARY lead stub — replaced by the KB helper's loader.
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use crate::{Kind, Label};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceStatus { State, Territory }
#[derive(Clone, Debug)]
pub struct Country { pub code: String, pub iso3: String, pub name: String, pub status: PlaceStatus, pub aliases: Vec<String>, pub demonyms: Vec<String>, pub capitals: Vec<String>, pub metonyms: Vec<String>, pub wikidata: String, pub region: String }
impl Country {
    pub fn flag(&self) -> Option<String> {
        let b = self.code.as_bytes();
        if b.len() != 2 || !b.iter().all(u8::is_ascii_uppercase) { return None; }
        Some(b.iter().map(|&c| char::from_u32(0x1F1E6 + (c - b'A') as u32).unwrap()).collect())
    }
}
#[derive(Clone, Debug)]
pub struct Org { pub id: String, pub name: String, pub label: Label, pub kind: Kind, pub sector: String, pub country: Option<String>, pub acronyms: Vec<String>, pub aliases: Vec<String>, pub wikidata: String, pub description: String }
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry { CountryName(u32), Demonym(u32), Capital(u32), Metonym(u32), OrgName(u32), OrgAcronym(u32) }
pub struct Kb { pub countries: Vec<Country>, pub orgs: Vec<Org>, given: HashSet<String>, common: HashSet<String>, surface: HashMap<String, Vec<Entry>>, max_tokens: usize }
fn c(code: &str, name: &str, al: &[&str], dem: &[&str], cap: &[&str], met: &[&str]) -> Country {
    let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect();
    Country { code: code.into(), iso3: String::new(), name: name.into(), status: PlaceStatus::State, aliases: v(al), demonyms: v(dem), capitals: v(cap), metonyms: v(met), wikidata: String::new(), region: "Asia/Western Asia".into() }
}
impl Kb {
    pub fn embedded() -> &'static Kb {
        static K: OnceLock<Kb> = OnceLock::new();
        K.get_or_init(|| {
            let countries = vec![
                c("RU", "Russia", &["Russian Federation"], &["Russian", "Russians"], &["Moscow"], &["Kremlin"]),
                c("TR", "Turkey", &["Türkiye"], &["Turkish", "Turk", "Turks"], &["Ankara"], &[]),
                c("AZ", "Azerbaijan", &[], &["Azerbaijani", "Azeri", "Azeris"], &["Baku"], &[]),
                c("AM", "Armenia", &[], &["Armenian", "Armenians"], &["Yerevan"], &[]),
                c("US", "United States", &["U.S.", "US", "United States of America", "America"], &["American", "Americans"], &["Washington"], &["White House"]),
                c("FR", "France", &[], &["French"], &["Paris"], &[]),
                c("IR", "Iran", &[], &["Iranian"], &["Tehran"], &[]),
                c("SY", "Syria", &[], &["Syrian"], &["Damascus"], &[]),
                c("DE", "Germany", &[], &["German"], &["Berlin"], &[]),
                c("UA", "Ukraine", &[], &["Ukrainian"], &["Kyiv"], &[]),
                c("nagorno-karabakh", "Nagorno-Karabakh", &["Karabakh"], &[], &[], &[]),
            ];
            let o = |id: &str, name: &str, acr: &[&str], al: &[&str], sector: &str, country: Option<&str>| Org { id: id.into(), name: name.into(), label: Label::ORG, kind: Kind::Organisation, sector: sector.into(), country: country.map(String::from), acronyms: acr.iter().map(|s| s.to_string()).collect(), aliases: al.iter().map(|s| s.to_string()).collect(), wikidata: String::new(), description: String::new() };
            let orgs = vec![
                o("nato", "NATO", &["NATO"], &[], "IGO", None),
                o("osce", "Organization for Security and Co-operation in Europe", &["OSCE"], &["Organisation for Security and Cooperation in Europe"], "IGO", None),
                o("minsk-group", "OSCE Minsk Group", &[], &["Minsk Group"], "IGO", None),
                o("bbc", "BBC", &["BBC"], &[], "MED", Some("GB")),
                o("anadolu", "Anadolu Agency", &[], &["Anadolu"], "MED", Some("TR")),
                o("haberturk", "Habertürk", &[], &["Habertürk"], "MED", Some("TR")),
                o("moscow-times", "The Moscow Times", &[], &["Moscow Times"], "MED", Some("RU")),
            ];
            let common: HashSet<String> = ["the","however","both","today","as","in","a","and","but","he","she","it","they","we","this","that","there","on","at","after","russia","numerous","talk","reports","significant","losses","fighting","some","officials","forces"].iter().map(|s| s.to_string()).collect();
            let given: HashSet<String> = ["Vladimir","Sergey","Nikol","Ilham","Recep","Olaf","Emmanuel","William"].iter().map(|s| s.to_string()).collect();
            let mut surface: HashMap<String, Vec<Entry>> = HashMap::new();
            for (i, c) in countries.iter().enumerate() {
                let i = i as u32;
                surface.entry(c.name.clone()).or_default().push(Entry::CountryName(i));
                for a in &c.aliases { surface.entry(a.clone()).or_default().push(Entry::CountryName(i)); }
                for a in &c.demonyms { surface.entry(a.clone()).or_default().push(Entry::Demonym(i)); }
                for a in &c.capitals { surface.entry(a.clone()).or_default().push(Entry::Capital(i)); }
                for a in &c.metonyms { surface.entry(a.clone()).or_default().push(Entry::Metonym(i)); }
            }
            for (i, o) in orgs.iter().enumerate() {
                let i = i as u32;
                surface.entry(o.name.clone()).or_default().push(Entry::OrgName(i));
                for a in &o.aliases { surface.entry(a.clone()).or_default().push(Entry::OrgName(i)); }
                for a in &o.acronyms { surface.entry(a.clone()).or_default().push(Entry::OrgAcronym(i)); }
            }
            let max_tokens = surface.keys().map(|k| k.split_whitespace().count()).max().unwrap_or(1);
            Kb { countries, orgs, given, common, surface, max_tokens }
        })
    }
    pub fn lookup(&self, s: &str) -> &[Entry] { self.surface.get(s).map(|v| v.as_slice()).unwrap_or(&[]) }
    pub fn max_surface_tokens(&self) -> usize { self.max_tokens }
    pub fn country(&self, code: &str) -> Option<&Country> { self.countries.iter().find(|c| c.code == code) }
    pub fn country_index(&self, code: &str) -> Option<u32> { self.countries.iter().position(|c| c.code == code).map(|i| i as u32) }
    pub fn org(&self, id: &str) -> Option<&Org> { self.orgs.iter().find(|o| o.id == id) }
    pub fn is_given_name(&self, w: &str) -> bool { self.given.contains(w) }
    pub fn is_common_word(&self, w: &str) -> bool { self.common.contains(&w.to_lowercase()) }
}
