//! Acceptance test: knowledge-base links of actors in short world-news sentences.
//!
//! `tests/kb_links/sentences.tsv` holds 1–2 sentence items in wire style, each
//! with its article date and what its actors must link to in the knowledge
//! base: the actor's display name, `kb.country` and `kb.office` *on that
//! date* (the same person can hold different offices at different dates, or
//! none). The sentences are the corpus authors' own wording; the office
//! holders and their dates are real.
//!
//! ## The `sentences.tsv` format
//!
//! Blocks separated by blank lines. A block starts with
//! `YYYY-MM-DD<TAB>sentence text` and is followed by expectation lines, each
//! starting with a TAB:
//!
//! ```text
//! <TAB>surface<TAB>actor name<TAB>country<TAB>office
//! <TAB>!surface
//! ```
//!
//! - `surface`: the exact text of a mention; the *first* mention (in text
//!   order) with exactly that text is checked. It must occur in the sentence.
//! - `actor name`: the expected `Actor::name`, compared case-insensitively
//!   with curly and straight apostrophes equal; `*` accepts any actor (only
//!   the mention's existence is checked).
//! - `country`: the expected `kb.country` (ISO 3166-1 alpha-2); `-` when the
//!   actor must have no country (no KB entry, or an entry without one, as for
//!   international organisations); `*` skips the check.
//! - `office`: the expected `kb.office` on the block's date, a plain English
//!   title ("President of Russia", "Minister of Foreign Affairs of Russia",
//!   "Secretary-General of the United Nations"), compared case-insensitively;
//!   `-` when the actor must have no office (a person out of office on that
//!   date, or an actor that is not a person); `*` skips the check.
//! - `!surface`: no mention may have exactly that text (lower-case "turkey"
//!   at Thanksgiving, "Chad" as a given name, "Niger" inside "Niger Delta").
//!
//! Name, country and office fields may list alternatives separated by `|`
//! (transliterations such as `Sergey Lavrov|Sergei Lavrov`, or official titles
//! that differ from the generic form). Lines starting with `#` are comments;
//! `# section: NAME` starts a section (a continent, or international
//! organisations), used for the per-section totals of the report.
//!
//! Each positive line makes up to three checks (name, country, office; `*`
//! country or office fields are not counted), each negative line one. The
//! test fails when the overall pass rate is below [`MIN_PASS_RATE`].

use dramatis_core::{analyze, Analysis, Mention, Options};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The share of all checks that must pass.
const MIN_PASS_RATE: f64 = 0.9;

/// The file must keep at least this many sentences…
const MIN_SENTENCES: usize = 120;
/// … and at least this many in each continent section.
const MIN_PER_CONTINENT: usize = 15;
const CONTINENTS: [&str; 6] = [
    "Africa",
    "Americas",
    "Asia",
    "Europe",
    "Middle East",
    "Oceania",
];

/// Dates must lie in this range (inclusive).
const FIRST_DATE: &str = "2000-01-01";
const LAST_DATE: &str = "2026-11-30";

fn sentences_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kb_links/sentences.tsv")
}

// ---------------------------------------------------------------------------
// Parsing

#[derive(Debug)]
enum Expect {
    Link {
        surface: String,
        names: Vec<String>,
        countries: Vec<String>,
        offices: Vec<String>,
    },
    Absent {
        surface: String,
    },
}

#[derive(Debug)]
struct Line {
    line: usize,
    raw: String,
    expect: Expect,
}

#[derive(Debug)]
struct Item {
    line: usize,
    section: String,
    date: String,
    text: String,
    expects: Vec<Line>,
}

fn alternatives(field: &str) -> Vec<String> {
    field.split('|').map(|s| s.trim().to_string()).collect()
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    if !s
        .chars()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return false;
    }
    let month: u32 = s[5..7].parse().unwrap();
    let day: u32 = s[8..10].parse().unwrap();
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

fn parse(path: &Path) -> Vec<Item> {
    let source =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut items: Vec<Item> = Vec::new();
    let mut section = String::from("(none)");
    let mut in_block = false;
    for (i, raw) in source.lines().enumerate() {
        let line = i + 1;
        let raw = raw.trim_end_matches('\r');
        let bad = |why: &str| -> ! { panic!("{}:{line}: {why}: {raw:?}", path.display()) };
        if raw.trim().is_empty() {
            in_block = false;
            continue;
        }
        if let Some(comment) = raw.strip_prefix('#') {
            if let Some(name) = comment.trim().strip_prefix("section:") {
                section = name.trim().to_string();
            }
            continue;
        }
        if let Some(body) = raw.strip_prefix('\t') {
            if !in_block {
                bad("expectation line outside a block");
            }
            let fields: Vec<&str> = body.split('\t').collect();
            if fields.iter().any(|f| f.trim().is_empty() || f.trim() != *f) {
                bad("empty field or stray whitespace");
            }
            let expect = match fields.as_slice() {
                [neg] if neg.starts_with('!') && neg.len() > 1 => Expect::Absent {
                    surface: neg[1..].to_string(),
                },
                [surface, name, country, office] if !surface.starts_with('!') => Expect::Link {
                    surface: surface.to_string(),
                    names: alternatives(name),
                    countries: alternatives(country),
                    offices: alternatives(office),
                },
                _ => bad(
                    "expected `<TAB>surface<TAB>name<TAB>country<TAB>office` or `<TAB>!surface`",
                ),
            };
            items.last_mut().unwrap().expects.push(Line {
                line,
                raw: body.to_string(),
                expect,
            });
            continue;
        }
        if in_block {
            bad("a block has one sentence line; separate blocks with a blank line");
        }
        let Some((date, text)) = raw.split_once('\t') else {
            bad("expected `YYYY-MM-DD<TAB>sentence`")
        };
        if !is_iso_date(date) || !(FIRST_DATE..=LAST_DATE).contains(&date) {
            bad("bad date");
        }
        if text.trim().is_empty() || text.contains('\t') {
            bad("bad sentence");
        }
        items.push(Item {
            line,
            section: section.clone(),
            date: date.to_string(),
            text: text.to_string(),
            expects: vec![],
        });
        in_block = true;
    }
    items
}

// ---------------------------------------------------------------------------
// Checking

fn normalize(s: &str) -> String {
    s.replace(['’', '‘', 'ʼ'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn matches(have: Option<&str>, wanted: &[String]) -> bool {
    wanted.iter().any(|w| match (w.as_str(), have) {
        ("*", _) => true,
        ("-", h) => h.is_none_or(|h| h.trim().is_empty()),
        (w, Some(h)) => normalize(w) == normalize(h),
        (_, None) => false,
    })
}

fn skipped(wanted: &[String]) -> bool {
    wanted.len() == 1 && wanted[0] == "*"
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum CheckKind {
    Name,
    Country,
    Office,
    Negative,
}

impl CheckKind {
    const ALL: [CheckKind; 4] = [
        CheckKind::Name,
        CheckKind::Country,
        CheckKind::Office,
        CheckKind::Negative,
    ];
    fn as_str(self) -> &'static str {
        match self {
            CheckKind::Name => "name",
            CheckKind::Country => "country",
            CheckKind::Office => "office",
            CheckKind::Negative => "negative",
        }
    }
}

#[derive(Default, Clone, Copy)]
struct Count {
    total: usize,
    passed: usize,
}

impl Count {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.passed += ok as usize;
    }
    fn show(&self) -> String {
        let pct = if self.total == 0 {
            100.0
        } else {
            100.0 * self.passed as f64 / self.total as f64
        };
        format!("{}/{} ({pct:.1}%)", self.passed, self.total)
    }
}

fn found(a: &Analysis, m: &Mention) -> String {
    let actor = a.actor(&m.actor);
    let kb = actor.and_then(|x| x.kb.as_ref());
    format!(
        "“{}” {} → actor {:?}, kb.country {}, kb.office {}",
        m.text,
        m.label.as_str(),
        actor.map(|x| x.name.as_str()).unwrap_or("<missing actor>"),
        kb.and_then(|k| k.country.as_deref()).unwrap_or("-"),
        kb.and_then(|k| k.office.as_deref()).unwrap_or("-"),
    )
}

/// Mentions overlapping an occurrence of `surface`: what the engine found where a
/// mention was expected.
fn near(a: &Analysis, surface: &str) -> Vec<String> {
    let mut spans = Vec::new();
    for (byte, _) in a.text.match_indices(surface) {
        let start = a.text[..byte].chars().count();
        spans.push((start, start + surface.chars().count()));
    }
    a.mentions
        .iter()
        .filter(|m| spans.iter().any(|&(s, e)| m.start < e && s < m.end))
        .map(|m| found(a, m))
        .collect()
}

/// The outcome of one expectation line: `(kind, passed)` per check, and a
/// description of what was found when any check failed.
fn check(a: &Analysis, e: &Expect) -> (Vec<(CheckKind, bool)>, Option<String>) {
    match e {
        Expect::Absent { surface } => {
            let bad: Vec<String> = a
                .mentions
                .iter()
                .filter(|m| &m.text == surface)
                .map(|m| found(a, m))
                .collect();
            let ok = bad.is_empty();
            (
                vec![(CheckKind::Negative, ok)],
                (!ok).then(|| format!("found {}", bad.join("; "))),
            )
        }
        Expect::Link {
            surface,
            names,
            countries,
            offices,
        } => {
            let mut kinds = vec![CheckKind::Name];
            if !skipped(countries) {
                kinds.push(CheckKind::Country);
            }
            if !skipped(offices) {
                kinds.push(CheckKind::Office);
            }
            let first = a
                .mentions
                .iter()
                .filter(|m| &m.text == surface)
                .min_by_key(|m| m.start);
            let Some(m) = first else {
                let n = near(a, surface);
                let why = if n.is_empty() {
                    "no mention with that text, nothing overlapping".to_string()
                } else {
                    format!(
                        "no mention with exactly that text; overlapping: {}",
                        n.join("; ")
                    )
                };
                return (kinds.into_iter().map(|k| (k, false)).collect(), Some(why));
            };
            let actor = a.actor(&m.actor);
            let kb = actor.and_then(|x| x.kb.as_ref());
            let results: Vec<(CheckKind, bool)> = kinds
                .into_iter()
                .map(|k| {
                    let ok = match k {
                        CheckKind::Name => actor.is_some_and(|x| matches(Some(&x.name), names)),
                        CheckKind::Country => {
                            matches(kb.and_then(|k| k.country.as_deref()), countries)
                        }
                        CheckKind::Office => matches(kb.and_then(|k| k.office.as_deref()), offices),
                        CheckKind::Negative => unreachable!(),
                    };
                    (k, ok)
                })
                .collect();
            let why = results
                .iter()
                .any(|r| !r.1)
                .then(|| format!("found {}", found(a, m)));
            (results, why)
        }
    }
}

// ---------------------------------------------------------------------------
// Tests

/// The test set itself: well-formed, large enough, every continent covered,
/// every surface present in its sentence. Passes independently of the engine.
#[test]
fn sentences_file_is_well_formed() {
    let items = parse(&sentences_path());
    assert!(
        items.len() >= MIN_SENTENCES,
        "{} sentences, want at least {MIN_SENTENCES}",
        items.len()
    );
    let mut per_section: BTreeMap<&str, usize> = BTreeMap::new();
    for item in &items {
        *per_section.entry(item.section.as_str()).or_default() += 1;
        assert!(
            !item.expects.is_empty(),
            "line {}: a sentence without expectations",
            item.line
        );
        for l in &item.expects {
            let surface = match &l.expect {
                Expect::Link {
                    surface,
                    names,
                    countries,
                    offices,
                } => {
                    for c in countries {
                        assert!(
                            c == "*"
                                || c == "-"
                                || (c.len() == 2 && c.chars().all(|x| x.is_ascii_uppercase())),
                            "line {}: country {c:?} is not an ISO 3166-1 alpha-2 code, `-` or `*`",
                            l.line
                        );
                    }
                    for f in names.iter().chain(offices) {
                        assert!(!f.is_empty(), "line {}: empty alternative", l.line);
                    }
                    surface
                }
                Expect::Absent { surface } => surface,
            };
            assert!(
                item.text.contains(surface.as_str()),
                "line {}: surface {surface:?} does not occur in its sentence {:?}",
                l.line,
                item.text
            );
        }
    }
    for c in CONTINENTS {
        let n = per_section.get(c).copied().unwrap_or(0);
        assert!(
            n >= MIN_PER_CONTINENT,
            "section {c}: {n} sentences, want at least {MIN_PER_CONTINENT}"
        );
    }
}

#[test]
fn kb_links() {
    let items = parse(&sentences_path());
    let mut by_kind: BTreeMap<CheckKind, Count> = BTreeMap::new();
    let mut by_section: BTreeMap<String, Count> = BTreeMap::new();
    let mut overall = Count::default();
    let mut report = String::new();
    let mut failed_lines = 0;
    for item in &items {
        let opts = Options {
            date: Some(item.date.clone()),
            today: None,
            ..Default::default()
        };
        let analysis = std::panic::catch_unwind(|| analyze(&item.text, &opts));
        for l in &item.expects {
            let (results, why) = match &analysis {
                Ok(a) => check(a, &l.expect),
                Err(_) => {
                    let kinds = match &l.expect {
                        Expect::Absent { .. } => vec![CheckKind::Negative],
                        Expect::Link {
                            countries, offices, ..
                        } => {
                            let mut k = vec![CheckKind::Name];
                            if !skipped(countries) {
                                k.push(CheckKind::Country);
                            }
                            if !skipped(offices) {
                                k.push(CheckKind::Office);
                            }
                            k
                        }
                    };
                    (
                        kinds.into_iter().map(|k| (k, false)).collect(),
                        Some("analyze panicked".to_string()),
                    )
                }
            };
            for &(k, ok) in &results {
                by_kind.entry(k).or_default().add(ok);
                by_section.entry(item.section.clone()).or_default().add(ok);
                overall.add(ok);
            }
            if let Some(why) = why {
                failed_lines += 1;
                let failed: Vec<&str> = results
                    .iter()
                    .filter(|r| !r.1)
                    .map(|r| r.0.as_str())
                    .collect();
                let _ = writeln!(
                    report,
                    "✗ line {} [{}] {}  {}\n    expected: {}\n    failed: {}; {why}",
                    l.line,
                    item.section,
                    item.date,
                    item.text,
                    l.raw.replace('\t', " ⇥ "),
                    failed.join(", "),
                );
            }
        }
    }
    println!("{report}");
    println!(
        "{} sentences, {failed_lines} expectation line(s) with a failed check",
        items.len()
    );
    for k in CheckKind::ALL {
        println!(
            "  {:<10} {}",
            k.as_str(),
            by_kind.get(&k).copied().unwrap_or_default().show()
        );
    }
    for (s, c) in &by_section {
        println!("  [{s}] {}", c.show());
    }
    let rate = if overall.total == 0 {
        1.0
    } else {
        overall.passed as f64 / overall.total as f64
    };
    println!(
        "overall: {} (minimum {:.0}%)",
        overall.show(),
        100.0 * MIN_PASS_RATE
    );
    assert!(
        rate >= MIN_PASS_RATE,
        "kb links: pass rate {:.1}% is below {:.0}%; see the report above",
        100.0 * rate,
        100.0 * MIN_PASS_RATE
    );
}
