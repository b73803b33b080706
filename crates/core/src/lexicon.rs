//! Closed word classes the patterns rely on: titles, role nouns, organisation
//! and place head nouns, name connectors, speech verbs. Plain sorted lists,
//! looked up case-insensitively where the caller says so.

/// Words that make up a person's title or office, lower-case.
/// A run of these before a name is the person's role.
const TITLE_WORDS: &[&str] = &[
    "acting",
    "activist",
    "adm.",
    "admiral",
    "adviser",
    "advisor",
    "affairs",
    "aide",
    "ambassador",
    "analyst",
    "archbishop",
    "assistant",
    "attorney",
    "ayatollah",
    "bishop",
    "brig.",
    "brigadier",
    "cabinet",
    "campaigner",
    "candidate",
    "capt.",
    "captain",
    "cardinal",
    "ceo",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "challenger",
    "chancellor",
    "chief",
    "cmdr.",
    "co-founder",
    "coach",
    "col.",
    "colonel",
    "commander",
    "commissioner",
    "congressman",
    "congresswoman",
    "correspondent",
    "counterpart",
    "crown",
    "dame",
    "defence",
    "defender",
    "defense",
    "deputy",
    "diplomat",
    "director",
    "director-general",
    "dr",
    "dr.",
    "duke",
    "economist",
    "economy",
    "editor",
    "elect",
    "emir",
    "energy",
    "envoy",
    "executive",
    "field",
    "finance",
    "first",
    "foreign",
    "former",
    "founder",
    "gen.",
    "general",
    "goalkeeper",
    "gov.",
    "governor",
    "governor-general",
    "health",
    "home",
    "imam",
    "incumbent",
    "interior",
    "judge",
    "justice",
    "king",
    "lady",
    "lawmaker",
    "lawyer",
    "leader",
    "legislator",
    "lieutenant",
    "lord",
    "lt.",
    "maj.",
    "major",
    "majority",
    "manager",
    "marshal",
    "mayor",
    "mediator",
    "midfielder",
    "minister",
    "minority",
    "mp",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "negotiator",
    "nominee",
    "official",
    "opposition",
    "pope",
    "premier",
    "president",
    "president-elect",
    "prime",
    "prince",
    "princess",
    "prof.",
    "professor",
    "prosecutor",
    "queen",
    "rabbi",
    "rep.",
    "representative",
    "researcher",
    "secretary",
    "secretary-general",
    "sen.",
    "senator",
    "sgt.",
    "sheikh",
    "sir",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "staff",
    "state",
    "striker",
    "sultan",
    "supreme",
    "top",
    "trade",
    "treasury",
    "vice",
    "vice-president",
    "whip",
    "winger",
];

/// Title words that on their own (capitalised, right before a name) mark a person.
const PERSON_TITLES: &[&str] = &[
    "adm.",
    "admiral",
    "ambassador",
    "archbishop",
    "ayatollah",
    "bishop",
    "brig.",
    "capt.",
    "captain",
    "cardinal",
    "chancellor",
    "cmdr.",
    "col.",
    "colonel",
    "commander",
    "congressman",
    "congresswoman",
    "dame",
    "dr",
    "dr.",
    "emir",
    "envoy",
    "gen.",
    "general",
    "gov.",
    "governor",
    "imam",
    "judge",
    "king",
    "lady",
    "lord",
    "lt.",
    "maj.",
    "major",
    "mayor",
    "minister",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "pope",
    "premier",
    "president",
    "president-elect",
    "prince",
    "princess",
    "prof.",
    "professor",
    "queen",
    "rabbi",
    "rep.",
    "secretary",
    "secretary-general",
    "sen.",
    "senator",
    "sgt.",
    "sheikh",
    "sir",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "sultan",
];

/// Head nouns that make a capitalised sequence an organisation.
const ORG_HEADS: &[&str] = &[
    "academy",
    "agency",
    "airlines",
    "airways",
    "alliance",
    "army",
    "assembly",
    "association",
    "authority",
    "bank",
    "battalion",
    "board",
    "brigade",
    "brigades",
    "bureau",
    "cabinet",
    "center",
    "centre",
    "church",
    "club",
    "coalition",
    "college",
    "command",
    "commission",
    "committee",
    "company",
    "congress",
    "corp",
    "corp.",
    "corporation",
    "corps",
    "council",
    "court",
    "department",
    "directorate",
    "division",
    "embassy",
    "exchange",
    "federation",
    "force",
    "forces",
    "foundation",
    "front",
    "fund",
    "group",
    "guard",
    "guards",
    "inc",
    "inc.",
    "institute",
    "institution",
    "league",
    "ltd",
    "ltd.",
    "media",
    "military",
    "ministry",
    "movement",
    "navy",
    "network",
    "news",
    "observatory",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "police",
    "post",
    "presidency",
    "press",
    "program",
    "programme",
    "radio",
    "senate",
    "service",
    "services",
    "society",
    "syndicate",
    "telegraph",
    "television",
    "times",
    "tribunal",
    "tv",
    "union",
    "university",
];

/// Head nouns that make a capitalised sequence a place.
const LOC_HEADS: &[&str] = &[
    "archipelago",
    "basin",
    "bay",
    "canal",
    "cape",
    "coast",
    "delta",
    "desert",
    "gulf",
    "highlands",
    "island",
    "islands",
    "lake",
    "mount",
    "mountain",
    "mountains",
    "ocean",
    "peninsula",
    "plain",
    "plateau",
    "range",
    "river",
    "sea",
    "strait",
    "valley",
];

/// Head nouns that make a capitalised sequence a political place (GPE).
const GPE_HEADS: &[&str] = &[
    "city",
    "county",
    "district",
    "governorate",
    "oblast",
    "province",
    "region",
    "state",
];

/// Facilities.
const FAC_HEADS: &[&str] = &[
    "airport", "base", "bridge", "dam", "embassy", "hospital", "palace", "port", "prison",
    "square", "stadium", "station", "tower",
];

/// Events.
const EVENT_HEADS: &[&str] = &[
    "championship",
    "conference",
    "cup",
    "forum",
    "games",
    "olympics",
    "summit",
    "war",
];

/// Lower-case words that may join capitalised words inside one name.
const CONNECTORS: &[&str] = &[
    "&", "al", "and", "bin", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du",
    "el", "for", "ibn", "in", "la", "le", "of", "on", "the", "van", "von", "y",
];

/// Connectors that can sit inside a *person* name.
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "el", "ibn",
    "la", "le", "van", "von",
];

/// Verbs of saying, for quote attribution and agent detection.
const SPEECH_VERBS: &[&str] = &[
    "added",
    "adds",
    "announced",
    "argued",
    "asked",
    "asserted",
    "claimed",
    "commented",
    "confirmed",
    "declared",
    "denied",
    "explained",
    "insisted",
    "noted",
    "recalled",
    "replied",
    "reported",
    "said",
    "says",
    "stated",
    "stressed",
    "tells",
    "told",
    "tweeted",
    "urged",
    "warned",
    "wrote",
];

/// Verbs whose subject or object is usually an actor (for capital metonymy).
const AGENT_VERBS: &[&str] = &[
    "accused",
    "accuses",
    "agreed",
    "announced",
    "attacked",
    "backed",
    "backs",
    "blamed",
    "called",
    "condemned",
    "criticised",
    "criticized",
    "demanded",
    "denied",
    "denies",
    "expelled",
    "had",
    "has",
    "have",
    "imposed",
    "insisted",
    "is",
    "launched",
    "pressed",
    "pressured",
    "recognised",
    "recognized",
    "rejected",
    "responded",
    "said",
    "sanctioned",
    "says",
    "signed",
    "supported",
    "supports",
    "threatened",
    "told",
    "urged",
    "wants",
    "warned",
    "was",
    "will",
    "would",
];

fn has(list: &[&str], w: &str) -> bool {
    list.binary_search(&w).is_ok()
}

/// Case-insensitive membership without allocating for short ASCII words.
fn has_lower(list: &[&str], w: &str) -> bool {
    if !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return has(list, w);
    }
    if w.len() <= 32 && w.is_ascii() {
        let mut buf = [0u8; 32];
        for (d, s) in buf.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        return std::str::from_utf8(&buf[..w.len()]).is_ok_and(|l| has(list, l));
    }
    has(list, &w.to_lowercase())
}

pub fn is_title_word(w: &str) -> bool {
    has_lower(TITLE_WORDS, w)
}
pub fn is_person_title(w: &str) -> bool {
    has_lower(PERSON_TITLES, w)
}
pub fn is_org_head(w: &str) -> bool {
    has_lower(ORG_HEADS, w)
}
pub fn is_loc_head(w: &str) -> bool {
    has_lower(LOC_HEADS, w)
}
pub fn is_gpe_head(w: &str) -> bool {
    has_lower(GPE_HEADS, w)
}
pub fn is_fac_head(w: &str) -> bool {
    has_lower(FAC_HEADS, w)
}
pub fn is_event_head(w: &str) -> bool {
    has_lower(EVENT_HEADS, w)
}
pub fn is_connector(w: &str) -> bool {
    has(CONNECTORS, w)
}
pub fn is_name_particle(w: &str) -> bool {
    has(NAME_PARTICLES, w)
}
pub fn is_speech_verb(w: &str) -> bool {
    has_lower(SPEECH_VERBS, w)
}
pub fn is_agent_verb(w: &str) -> bool {
    has_lower(AGENT_VERBS, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_and_function_words() {
        for w in ["Wednesday", "WEDNESDAY", "Sept.", "Dec", "GMT", "The", "I"] {
            assert!(is_calendar_or_function(w), "{w}");
        }
        for w in ["Putin", "Marchetti", "Maya", "Ünal"] {
            assert!(!is_calendar_or_function(w), "{w}");
        }
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for l in [
            CALENDAR_ABBREVIATIONS_AND_FUNCTION_WORDS,
            TITLE_WORDS,
            PERSON_TITLES,
            ORG_HEADS,
            LOC_HEADS,
            GPE_HEADS,
            FAC_HEADS,
            EVENT_HEADS,
            CONNECTORS,
            NAME_PARTICLES,
            SPEECH_VERBS,
            AGENT_VERBS,
        ] {
            let mut s = l.to_vec();
            s.sort();
            assert_eq!(s, l.to_vec());
        }
    }

    #[test]
    fn lookups() {
        assert!(is_title_word("Foreign"));
        assert!(is_person_title("President"));
        assert!(is_org_head("Ministry"));
        assert!(is_speech_verb("said"));
        assert!(!is_title_word("Putin"));
    }
}

/// World regions and seas news refers to by name (LOC), as written.
const REGIONS: &[&str] = &[
    "Africa",
    "Antarctica",
    "Arctic",
    "Asia",
    "Asia-Pacific",
    "Atlantic",
    "Balkans",
    "Baltic",
    "Baltic Sea",
    "Black Sea",
    "Caribbean",
    "Caspian Sea",
    "Caucasus",
    "Central America",
    "Central Asia",
    "East Africa",
    "East Asia",
    "Eastern Europe",
    "Eurasia",
    "Europe",
    "Gulf",
    "Horn of Africa",
    "Indian Ocean",
    "Indo-Pacific",
    "Latin America",
    "Levant",
    "Maghreb",
    "Mediterranean",
    "Middle East",
    "North Africa",
    "North America",
    "Oceania",
    "Pacific",
    "Persian Gulf",
    "Red Sea",
    "Sahara",
    "Sahel",
    "Scandinavia",
    "South America",
    "South Asia",
    "South Caucasus",
    "South China Sea",
    "Southeast Asia",
    "Sub-Saharan Africa",
    "West Africa",
    "Western Europe",
];

pub fn is_region(s: &str) -> bool {
    REGIONS.binary_search(&s).is_ok()
}

/// Prepositions after which an unknown capitalised word is usually a place.
pub fn is_locative_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "near"
            | "from"
            | "at"
            | "outside"
            | "across"
            | "into"
            | "towards"
            | "toward"
            | "around"
    )
}

#[cfg(test)]
mod region_tests {
    #[test]
    fn regions_sorted() {
        let mut s = super::REGIONS.to_vec();
        s.sort();
        assert_eq!(s, super::REGIONS.to_vec());
        assert!(super::is_region("Middle East"));
    }
}

/// Weekdays, in order.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Months, in order (index + 1 is the month number).
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Abbreviations of weekdays and months, and capitalised function words and
/// acronyms that are never names on their own (sorted, lower case).
const CALENDAR_ABBREVIATIONS_AND_FUNCTION_WORDS: &[&str] = &[
    "a", "a.m", "ai", "aids", "am", "an", "apr", "aug", "bst", "ceo", "cest", "cet", "cfo",
    "covid", "dec", "dna", "dr", "edt", "est", "eur", "faq", "feb", "fri", "gdp", "gmt", "hiv",
    "i", "jan", "jul", "jun", "mar", "mon", "mr", "mrs", "ms", "nov", "oct", "ok", "p.m", "pdf",
    "pdt", "pm", "pps", "ps", "pst", "sat", "sep", "sept", "sun", "the", "thu", "thur", "thurs",
    "tue", "tues", "tv", "usd", "utc", "vip", "wed",
];

/// Capitalised words that are never names on their own: days, months and
/// their abbreviations, and a few capitalised function words. No allocation
/// for ASCII words (it runs on every capitalised token).
pub fn is_calendar_or_function(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    let is = |l: &str| {
        WEEKDAYS.contains(&l)
            || MONTHS.contains(&l)
            || has(CALENDAR_ABBREVIATIONS_AND_FUNCTION_WORDS, l)
    };
    if w.len() <= 32 && w.is_ascii() {
        let mut buf = [0u8; 32];
        for (d, c) in buf.iter_mut().zip(w.bytes()) {
            *d = c.to_ascii_lowercase();
        }
        return std::str::from_utf8(&buf[..w.len()]).is_ok_and(is);
    }
    is(&w.to_lowercase())
}

/// Lower-case words after a hyphen that make an English compound, not a name
/// syllable: `Turkish-backed`, `Moscow-based`.
pub fn is_compound_suffix(w: &str) -> bool {
    matches!(
        w,
        "backed"
            | "based"
            | "led"
            | "run"
            | "owned"
            | "style"
            | "born"
            | "speaking"
            | "controlled"
            | "linked"
            | "funded"
            | "allied"
            | "bound"
            | "made"
            | "era"
            | "type"
            | "like"
            | "wide"
            | "free"
            | "friendly"
            | "affiliated"
            | "aligned"
            | "held"
            | "occupied"
            | "annexed"
            | "dominated"
            | "majority"
            | "minority"
            | "language"
            | "american"
            | "sponsored"
            | "supported"
            | "installed"
            | "appointed"
            | "elect"
            | "in"
            | "up"
            | "out"
            | "off"
            | "on"
            | "at"
            | "for"
            | "to"
            | "and"
            | "the"
            | "of"
            | "area"
            | "side"
            | "war"
            | "level"
            | "bloc"
            | "led,"
            | "brokered"
            | "mediated"
            | "imposed"
            | "designated"
            | "inspired"
    )
}

/// Words ending like verbs (-ing, -ed, -en, -s) that are not verbs.
pub fn is_non_verb_ending(w: &str) -> bool {
    matches!(
        w,
        "during"
            | "including"
            | "according"
            | "following"
            | "regarding"
            | "concerning"
            | "amid"
            | "between"
            | "against"
            | "citizens"
            | "officials"
            | "forces"
            | "sides"
            | "talks"
            | "news"
            | "years"
            | "days"
            | "weeks"
            | "months"
            | "as"
            | "its"
            | "his"
            | "has"
            | "was"
            | "is"
            | "this"
            | "thus"
            | "plus"
            | "towards"
            | "sanctions"
            | "relations"
            | "ties"
            | "troops"
            | "leaders"
            | "residents"
            | "when"
            | "then"
            | "often"
            | "even"
            | "seven"
            | "been"
            | "open"
            | "between,"
            | "under"
            | "ten"
            | "red"
            | "need"
            | "speed"
            | "hundred"
            | "united"
            | "armed"
            | "allied"
            | "based"
            | "embed"
    )
}

/// Modal and auxiliary verbs.
pub fn is_modal(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "would"
            | "must"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "shall"
            | "has"
            | "have"
            | "had"
            | "is"
            | "was"
            | "does"
            | "did"
    )
}

/// Lower-case particles that open a surname: von der Leyen, de Blasio, da Silva.
pub fn is_surname_particle(w: &str) -> bool {
    matches!(
        w,
        "von"
            | "van"
            | "der"
            | "den"
            | "de"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "del"
            | "di"
            | "du"
            | "la"
            | "le"
            | "bin"
            | "ibn"
            | "al"
            | "el"
    )
}

/// Military ranks: kept apart from office titles in roles.
pub fn is_rank(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "gen."
            | "general"
            | "lt."
            | "lieutenant"
            | "col."
            | "colonel"
            | "maj."
            | "major"
            | "capt."
            | "captain"
            | "sgt."
            | "adm."
            | "admiral"
            | "brig."
            | "brigadier"
            | "cmdr."
            | "marshal"
    )
}

/// Generic agent nouns after a state word ("Azeri forces", "the Turkish
/// government", "Karabakh officials") and the CAMEO-style sector they code,
/// after the Phoenix agents dictionary.
pub fn agent_sector(w: &str) -> Option<&'static str> {
    Some(match w {
        "forces" | "troops" | "army" | "military" | "navy" | "soldiers" | "armed" | "artillery"
        | "warplanes" | "jets" | "drones" | "commanders" | "generals" | "defence" | "defense" => {
            "MIL"
        }
        "government" | "officials" | "authorities" | "presidency" | "leadership" | "regime"
        | "ministry" | "diplomats" | "cabinet" | "administration" | "parliament" | "lawmakers"
        | "legislators" | "embassy" | "envoys" | "negotiators" | "state" => "GOV",
        "police" | "gendarmes" | "coastguard" => "COP",
        "intelligence" | "spies" => "SPY",
        "rebels" | "separatists" | "militants" | "insurgents" | "fighters" | "militia"
        | "militias" | "guerrillas" | "jihadists" => "REB",
        "media" => "MED",
        "opposition" | "protesters" | "activists" | "dissidents" => "OPP",
        _ => return None,
    })
}

pub fn sector_description(code: &str) -> &'static str {
    match code {
        "MIL" => "Armed forces",
        "GOV" => "Government",
        "COP" => "Police",
        "SPY" => "Intelligence services",
        "REB" => "Armed rebels",
        "MED" => "Media",
        "OPP" => "Opposition",
        _ => "Group",
    }
}

/// Irregular past tenses that follow a subject ("Budapest took over").
pub fn is_irregular_past(w: &str) -> bool {
    matches!(
        w,
        "took"
            | "made"
            | "gave"
            | "sent"
            | "won"
            | "lost"
            | "got"
            | "put"
            | "set"
            | "met"
            | "led"
            | "held"
            | "kept"
            | "left"
            | "went"
            | "came"
            | "saw"
            | "began"
            | "became"
            | "broke"
            | "chose"
            | "rose"
            | "fell"
            | "found"
            | "brought"
            | "bought"
            | "thought"
            | "sought"
            | "struck"
            | "fought"
            | "spoke"
            | "wrote"
            | "ran"
            | "paid"
            | "stood"
            | "knew"
            | "drew"
            | "froze"
            | "shot"
            | "sold"
            | "threw"
            | "withdrew"
            | "overtook"
    )
}

/// Base-form verbs whose object is usually an actor ("stop Tehran", "urge Kyiv").
pub fn is_transitive_base_verb(w: &str) -> bool {
    matches!(
        w,
        "stop"
            | "allow"
            | "help"
            | "urge"
            | "force"
            | "push"
            | "press"
            | "persuade"
            | "convince"
            | "warn"
            | "tell"
            | "ask"
            | "accuse"
            | "blame"
            | "punish"
            | "sanction"
            | "pressure"
            | "lobby"
            | "support"
            | "back"
            | "recognise"
            | "recognize"
            | "isolate"
            | "engage"
            | "deter"
            | "reassure"
            | "defend"
            | "attack"
            | "invade"
            | "confront"
            | "trust"
            | "criticise"
            | "criticize"
            | "condemn"
            | "thank"
            | "prevent"
            | "join"
    )
}

/// Nouns of relations between actors: "conflict with Beijing", "opposition from Warsaw".
pub fn is_relation_noun(w: &str) -> bool {
    matches!(
        w,
        "sanctions"
            | "pressure"
            | "opposition"
            | "criticism"
            | "support"
            | "demands"
            | "threats"
            | "response"
            | "backing"
            | "ties"
            | "relations"
            | "talks"
            | "deal"
            | "message"
            | "signal"
            | "warning"
            | "call"
            | "conflict"
            | "confrontation"
            | "alliance"
            | "dispute"
            | "tensions"
            | "war"
            | "negotiations"
            | "cooperation"
            | "partnership"
            | "agreement"
            | "rift"
            | "row"
            | "feud"
            | "standoff"
            | "dialogue"
            | "aid"
            | "loans"
            | "objections"
            | "protest"
            | "protests"
            | "appeal"
            | "request"
            | "offer"
            | "condemnation"
            | "pact"
            | "treaty"
            | "accord"
            | "summit"
            | "rapprochement"
            | "clash"
            | "clashes"
    )
}
