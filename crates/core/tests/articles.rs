//! Acceptance test: real-world news articles with hand-written expectations.
//!
//! Each `tests/articles/<slug>.txt` (headline, blank line, paragraphs
//! separated by blank lines) has a `tests/articles/<slug>.expect` next to it:
//! what a careful human annotator would assert about the analysis. The
//! articles are written for this corpus: the events are real or plausible,
//! but wording and quotes are the corpus authors' own, not the press's.
//!
//! ## The `.expect` format
//!
//! One assertion per line, fields separated by TAB. Blank lines and lines
//! starting with `#` are ignored. A leading `!` marks a *critical* assertion:
//! the test fails if any critical assertion fails, whatever the pass rate.
//!
//! ```text
//! mention      SURFACE   LABEL   ACTOR NAME   some mention whose text is exactly SURFACE has
//!                                             LABEL and belongs to an actor named ACTOR NAME
//! same         SURFACE1  SURFACE2             the first mentions with these texts share an actor
//! role         ACTOR NAME  ROLE               the actor's roles contain ROLE
//! affiliation  ACTOR NAME  AFFILIATED NAME    the actor's affiliation is an actor with that name
//! none         SURFACE                        no mention has exactly this text
//! date         YYYY-MM-DD                     (not an assertion) the article's date, passed as
//!                                             `Options::date`; without it the engine finds the
//!                                             date in the text (or falls back to `TODAY`)
//! ```
//!
//! Any field may list alternatives separated by `|` (`GPE|LOC`,
//! `Gaza|Gaza Strip`); an actor name `*` accepts any actor. Surfaces match
//! the mention text exactly. Actor names match case-insensitively, with
//! curly apostrophes read as straight ones. A ROLE matches when its words
//! appear, in order and adjacent, among the words of one of the actor's
//! roles, case-insensitively (`President` matches `Kenyan President`).

use dramatis_core::{analyze, Actor, Analysis, Mention, Options};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The share of all assertions (critical or not) that must pass.
const MIN_PASS_RATE: f64 = 0.90;

/// "Today" for the engine, so results do not depend on the day the test runs.
const TODAY: &str = "2025-06-01";

/// The corpus must keep at least this many articles.
const MIN_ARTICLES: usize = 8;

fn articles_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles")
}

// ---------------------------------------------------------------------------
// Parsing the .expect files

#[derive(Debug)]
enum Check {
    Mention {
        surfaces: Vec<String>,
        labels: Vec<String>,
        actors: Vec<String>,
    },
    Same {
        first: Vec<String>,
        second: Vec<String>,
    },
    Role {
        actors: Vec<String>,
        roles: Vec<String>,
    },
    Affiliation {
        actors: Vec<String>,
        affiliated: Vec<String>,
    },
    None {
        surfaces: Vec<String>,
    },
}

#[derive(Debug)]
struct Assertion {
    line: usize,
    raw: String,
    critical: bool,
    check: Check,
}

#[derive(Debug, Default)]
struct Expect {
    date: Option<String>,
    assertions: Vec<Assertion>,
}

fn alternatives(field: &str) -> Vec<String> {
    field.split('|').map(|s| s.trim().to_string()).collect()
}

fn parse_expect(path: &Path) -> Expect {
    let source =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut expect = Expect::default();
    for (i, raw) in source.lines().enumerate() {
        let line = i + 1;
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let (critical, body) = match raw.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, raw),
        };
        let fields: Vec<&str> = body.split('\t').collect();
        let bad = || -> ! { panic!("{}:{line}: malformed line: {raw:?}", path.display()) };
        if fields.iter().any(|f| f.trim().is_empty()) {
            bad();
        }
        let check = match (fields[0], fields.len()) {
            ("date", 2) => {
                expect.date = Some(fields[1].to_string());
                continue;
            }
            ("mention", 4) => Check::Mention {
                surfaces: alternatives(fields[1]),
                labels: alternatives(fields[2]),
                actors: alternatives(fields[3]),
            },
            ("same", 3) => Check::Same {
                first: alternatives(fields[1]),
                second: alternatives(fields[2]),
            },
            ("role", 3) => Check::Role {
                actors: alternatives(fields[1]),
                roles: alternatives(fields[2]),
            },
            ("affiliation", 3) => Check::Affiliation {
                actors: alternatives(fields[1]),
                affiliated: alternatives(fields[2]),
            },
            ("none", 2) => Check::None {
                surfaces: alternatives(fields[1]),
            },
            _ => bad(),
        };
        if let Check::Mention { labels, .. } = &check {
            for label in labels {
                assert!(
                    dramatis_core::Label::parse(label).is_some(),
                    "{}:{line}: unknown label {label:?}",
                    path.display()
                );
            }
        }
        expect.assertions.push(Assertion {
            line,
            raw: raw.to_string(),
            critical,
            check,
        });
    }
    expect
}

// ---------------------------------------------------------------------------
// Checking one analysis

fn normalize_name(s: &str) -> String {
    s.replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn name_matches(name: &str, wanted: &[String]) -> bool {
    wanted
        .iter()
        .any(|w| w == "*" || normalize_name(w) == normalize_name(name))
}

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn role_matches(role: &str, wanted: &str) -> bool {
    let have = words(role);
    let want = words(wanted);
    !want.is_empty() && have.windows(want.len()).any(|w| w == want.as_slice())
}

fn actor_name(a: &Analysis, id: &str) -> String {
    a.actor(id)
        .map(|x| x.name.clone())
        .unwrap_or_else(|| format!("<missing actor {id}>"))
}

fn actors_named<'a>(a: &'a Analysis, names: &[String]) -> Vec<&'a Actor> {
    a.actors
        .iter()
        .filter(|x| name_matches(&x.name, names))
        .collect()
}

fn describe_mention(a: &Analysis, m: &Mention) -> String {
    format!(
        "“{}” {} → {} [{}..{}]",
        m.text,
        m.label.as_str(),
        actor_name(a, &m.actor),
        m.start,
        m.end
    )
}

/// The first mention (in text order) whose text is one of `surfaces`.
fn first_mention<'a>(a: &'a Analysis, surfaces: &[String]) -> Option<&'a Mention> {
    a.mentions
        .iter()
        .filter(|m| surfaces.contains(&m.text))
        .min_by_key(|m| m.start)
}

/// Mentions that overlap any occurrence of any of `surfaces` in the text:
/// what the engine found where the annotator expected something.
fn mentions_near<'a>(a: &'a Analysis, surfaces: &[String]) -> Vec<&'a Mention> {
    let mut spans = Vec::new();
    for s in surfaces {
        for (byte, _) in a.text.match_indices(s.as_str()) {
            let start = a.text[..byte].chars().count();
            spans.push((start, start + s.chars().count()));
        }
    }
    let mut near: Vec<&Mention> = a
        .mentions
        .iter()
        .filter(|m| spans.iter().any(|&(s, e)| m.start < e && s < m.end))
        .collect();
    near.sort_by_key(|m| m.start);
    near.dedup_by_key(|m| (m.start, m.end));
    near
}

fn list(items: Vec<String>) -> String {
    const MAX: usize = 6;
    let more = items.len().saturating_sub(MAX);
    let mut out = items.into_iter().take(MAX).collect::<Vec<_>>().join("; ");
    if more > 0 {
        let _ = write!(out, "; … {more} more");
    }
    out
}

fn describe_actors(a: &Analysis, names: &[String]) -> String {
    // Suggest actors sharing a word with the wanted name (surname, country).
    let wanted: Vec<String> = names
        .iter()
        .flat_map(|n| words(n))
        .filter(|w| w.len() > 2)
        .collect();
    let similar: Vec<String> = a
        .actors
        .iter()
        .filter(|x| words(&x.name).iter().any(|w| wanted.contains(w)))
        .map(|x| format!("{} ({})", x.name, x.label.as_str()))
        .collect();
    if similar.is_empty() {
        "no actor with that name or a similar one".to_string()
    } else {
        format!("no actor with that name; similar: {}", list(similar))
    }
}

/// `Ok(())` when the assertion holds, else what was found instead.
fn check(a: &Analysis, check: &Check) -> Result<(), String> {
    match check {
        Check::Mention {
            surfaces,
            labels,
            actors,
        } => {
            let ok = a.mentions.iter().any(|m| {
                surfaces.contains(&m.text)
                    && labels.iter().any(|l| l == m.label.as_str())
                    && a.actor(&m.actor)
                        .is_some_and(|x| name_matches(&x.name, actors))
            });
            if ok {
                return Ok(());
            }
            let exact: Vec<String> = a
                .mentions
                .iter()
                .filter(|m| surfaces.contains(&m.text))
                .map(|m| describe_mention(a, m))
                .collect();
            if !exact.is_empty() {
                return Err(format!("mentions with that text: {}", list(exact)));
            }
            let near: Vec<String> = mentions_near(a, surfaces)
                .into_iter()
                .map(|m| describe_mention(a, m))
                .collect();
            if !near.is_empty() {
                return Err(format!(
                    "no mention with exactly that text; overlapping: {}",
                    list(near)
                ));
            }
            Err("nothing found there".to_string())
        }
        Check::Same { first, second } => {
            match (first_mention(a, first), first_mention(a, second)) {
                (Some(x), Some(y)) if x.actor == y.actor => Ok(()),
                (Some(x), Some(y)) => Err(format!(
                    "different actors: {} vs {}",
                    describe_mention(a, x),
                    describe_mention(a, y)
                )),
                (x, y) => {
                    let mut missing = Vec::new();
                    for (found, surfaces) in [(x, first), (y, second)] {
                        if found.is_none() {
                            let near: Vec<String> = mentions_near(a, surfaces)
                                .into_iter()
                                .map(|m| describe_mention(a, m))
                                .collect();
                            let near = if near.is_empty() {
                                "nothing there".to_string()
                            } else {
                                list(near)
                            };
                            missing.push(format!(
                                "no mention “{}” (overlapping: {near})",
                                surfaces.join("|")
                            ));
                        }
                    }
                    Err(missing.join("; "))
                }
            }
        }
        Check::Role { actors, roles } => {
            let found = actors_named(a, actors);
            if found.is_empty() {
                return Err(describe_actors(a, actors));
            }
            if found.iter().any(|x| {
                x.roles
                    .iter()
                    .any(|r| roles.iter().any(|w| role_matches(r, w)))
            }) {
                return Ok(());
            }
            Err(format!(
                "roles: {}",
                list(
                    found
                        .iter()
                        .map(|x| format!("{} {:?}", x.name, x.roles))
                        .collect()
                )
            ))
        }
        Check::Affiliation { actors, affiliated } => {
            let found = actors_named(a, actors);
            if found.is_empty() {
                return Err(describe_actors(a, actors));
            }
            let got: Vec<Option<String>> = found
                .iter()
                .map(|x| x.affiliation.as_deref().map(|id| actor_name(a, id)))
                .collect();
            if got
                .iter()
                .flatten()
                .any(|name| name_matches(name, affiliated))
            {
                return Ok(());
            }
            Err(format!(
                "affiliation: {}",
                list(
                    got.into_iter()
                        .map(|g| g.unwrap_or_else(|| "none".to_string()))
                        .collect()
                )
            ))
        }
        Check::None { surfaces } => {
            let bad: Vec<String> = a
                .mentions
                .iter()
                .filter(|m| surfaces.contains(&m.text))
                .map(|m| describe_mention(a, m))
                .collect();
            if bad.is_empty() {
                Ok(())
            } else {
                Err(format!("tagged: {}", list(bad)))
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Running a corpus

#[derive(Default)]
struct Tally {
    total: usize,
    passed: usize,
    critical_failed: usize,
    report: String,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.total += other.total;
        self.passed += other.passed;
        self.critical_failed += other.critical_failed;
        self.report.push_str(&other.report);
    }

    fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.passed as f64 / self.total as f64
        }
    }
}

fn run_article(name: &str, text_path: &Path, expect_path: &Path) -> Tally {
    let text = fs::read_to_string(text_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", text_path.display()));
    let expect = parse_expect(expect_path);
    let opts = Options {
        date: expect.date.clone(),
        today: Some(TODAY.to_string()),
        ..Default::default()
    };
    let analysis = std::panic::catch_unwind(|| analyze(&text, &opts));

    let mut tally = Tally {
        total: expect.assertions.len(),
        ..Tally::default()
    };
    let mut failures = String::new();
    for assertion in &expect.assertions {
        let outcome = match &analysis {
            Ok(a) => check(a, &assertion.check),
            Err(_) => Err("analyze panicked".to_string()),
        };
        match outcome {
            Ok(()) => tally.passed += 1,
            Err(why) => {
                if assertion.critical {
                    tally.critical_failed += 1;
                }
                let raw = assertion.raw.replace('\t', " ⇥ ");
                let _ = writeln!(
                    failures,
                    "    ✗ line {}: {raw}\n        {why}",
                    assertion.line
                );
            }
        }
    }
    let critical = expect.assertions.iter().filter(|x| x.critical).count();
    let _ = writeln!(
        tally.report,
        "{name}: {}/{} passed, critical {}/{critical}",
        tally.passed,
        tally.total,
        critical - tally.critical_failed
    );
    tally.report.push_str(&failures);
    tally
}

fn finish(what: &str, tally: Tally) {
    println!("{}", tally.report);
    println!(
        "{what}: {}/{} assertions passed ({:.1}%, minimum {:.0}%), {} critical failed",
        tally.passed,
        tally.total,
        100.0 * tally.rate(),
        100.0 * MIN_PASS_RATE,
        tally.critical_failed
    );
    assert!(
        tally.critical_failed == 0 && tally.rate() >= MIN_PASS_RATE,
        "{what}: pass rate {:.1}% (minimum {:.0}%), {} critical assertion(s) failed; see the report above",
        100.0 * tally.rate(),
        100.0 * MIN_PASS_RATE,
        tally.critical_failed
    );
}

/// The `(slug, .txt, .expect)` triples of the corpus, sorted by slug.
fn corpus() -> Vec<(String, PathBuf, PathBuf)> {
    let dir = articles_dir();
    let mut articles: Vec<(String, PathBuf, PathBuf)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let slug = p.file_stem().unwrap().to_string_lossy().into_owned();
            let expect = p.with_extension("expect");
            assert!(expect.exists(), "{} has no .expect file", p.display());
            (slug, p, expect)
        })
        .collect();
    articles.sort();
    articles
}

#[test]
fn articles() {
    let articles = corpus();
    assert!(
        articles.len() >= MIN_ARTICLES,
        "only {} articles in the corpus",
        articles.len()
    );
    let mut tally = Tally::default();
    for (slug, text, expect) in &articles {
        tally.add(run_article(slug, text, expect));
    }
    finish("articles", tally);
}

#[test]
fn sample_karabakh() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = crate_dir.join("../../assets/samples/karabakh-2020.txt");
    let expect = articles_dir().join("karabakh-2020.expect");
    finish(
        "karabakh-2020",
        run_article("karabakh-2020", &text, &expect),
    );
}

/// The corpus itself is well formed (runs without the engine doing anything
/// useful): every article has a headline, a blank line and 250–600 words of
/// paragraphs; every `.expect` parses, has 20–45 assertions, some critical,
/// and names only surfaces that occur in its article.
#[test]
fn corpus_is_well_formed() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = corpus();
    all.push((
        "karabakh-2020".to_string(),
        crate_dir.join("../../assets/samples/karabakh-2020.txt"),
        articles_dir().join("karabakh-2020.expect"),
    ));
    for (slug, text_path, expect_path) in &all {
        let text = fs::read_to_string(text_path).unwrap();
        if slug != "karabakh-2020" {
            let mut lines = text.lines();
            let headline = lines.next().unwrap_or_default();
            assert!(!headline.trim().is_empty(), "{slug}: no headline");
            assert_eq!(
                lines.next(),
                Some(""),
                "{slug}: the headline must be followed by a blank line"
            );
            let words = text.split_whitespace().count();
            assert!(
                (250..=600).contains(&words),
                "{slug}: {words} words, want 250–600"
            );
        }
        let expect = parse_expect(expect_path);
        let n = expect.assertions.len();
        assert!((20..=45).contains(&n), "{slug}: {n} assertions, want 20–45");
        assert!(
            expect.assertions.iter().any(|x| x.critical),
            "{slug}: no critical assertion"
        );
        for assertion in &expect.assertions {
            let surfaces: Vec<&Vec<String>> = match &assertion.check {
                Check::Mention { surfaces, .. } | Check::None { surfaces } => vec![surfaces],
                Check::Same { first, second } => vec![first, second],
                Check::Role { .. } | Check::Affiliation { .. } => vec![],
            };
            for alts in surfaces {
                assert!(
                    alts.iter().any(|s| text.contains(s.as_str())),
                    "{slug}:{}: none of {alts:?} occurs in the article",
                    assertion.line
                );
            }
        }
    }
}
