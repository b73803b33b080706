//! The CLI contract of DESIGN.md, exercised through the real binary.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

const SAMPLE: &str = "../../assets/samples/karabakh-2020.txt";

fn dramatis(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dramatis"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dramatis");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn annotate_sample() -> Value {
    let (code, out, err) = dramatis(&["annotate", SAMPLE, "--date", "2020-10-14"], None);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("valid JSON")
}

#[test]
fn annotate_json_follows_the_schema() {
    let a = annotate_sample();
    assert_eq!(a["schema"], "dramatis/1");
    assert_eq!(a["date"], "2020-10-14");
    let text = a["text"].as_str().unwrap();
    let chars: Vec<char> = text.chars().collect();
    let mentions = a["mentions"].as_array().unwrap();
    assert!(mentions.len() > 40);
    let actors = a["actors"].as_array().unwrap();
    let ids: Vec<&str> = actors.iter().map(|x| x["id"].as_str().unwrap()).collect();
    for m in mentions {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        // start/end count Unicode scalar values, end exclusive
        assert_eq!(
            chars[s..e].iter().collect::<String>(),
            m["text"].as_str().unwrap()
        );
        assert!(ids.contains(&m["actor"].as_str().unwrap()));
        let c = m["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c));
        assert!([
            "PERSON",
            "NORP",
            "ORG",
            "GPE",
            "LOC",
            "FAC",
            "EVENT",
            "PRODUCT",
            "WORK_OF_ART",
            "LAW"
        ]
        .contains(&m["label"].as_str().unwrap()));
    }
    for x in actors {
        assert!(["person", "state", "organisation", "group", "place"]
            .contains(&x["kind"].as_str().unwrap()));
        for &mi in x["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect::<Vec<_>>()
            .iter()
        {
            assert_eq!(mentions[mi]["actor"], x["id"]);
        }
        assert!(x["roles"].is_array() && x["quotes"].is_array());
        assert!(x.get("kb").is_some() && x.get("affiliation").is_some());
        if let Some(aff) = x["affiliation"].as_str() {
            assert!(ids.contains(&aff));
        }
        if let Some(kb) = x["kb"].as_object() {
            if let Some(c) = kb.get("country").and_then(Value::as_str) {
                assert!(
                    c.len() == 2 && c.chars().all(|c| c.is_ascii_uppercase()),
                    "{c}"
                );
            }
        }
    }
    assert!(a["relations"].is_array());
}

#[test]
fn annotate_sample_actors() {
    let a = annotate_sample();
    let actors = a["actors"].as_array().unwrap();
    let by_name = |n: &str| {
        actors
            .iter()
            .find(|x| x["name"] == n)
            .unwrap_or_else(|| panic!("no actor {n}"))
    };
    let putin = by_name("Vladimir Putin");
    assert_eq!(putin["kind"], "person");
    assert_eq!(putin["roles"][0], "President");
    let russia = by_name("Russia");
    assert_eq!(putin["affiliation"], russia["id"]);
    assert_eq!(russia["kind"], "state");
    assert_eq!(russia["kb"]["country"], "RU");
    let lavrov = by_name("Sergey Lavrov");
    assert_eq!(lavrov["roles"][0], "Foreign Minister");
    assert_eq!(lavrov["affiliation"], russia["id"]);
}

#[test]
fn annotate_reads_standard_input() {
    let (code, out, _) = dramatis(&["annotate", "-"], Some("Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on March 3, 2024.".as_bytes()));
    assert_eq!(code, 0);
    let a: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(a["date"], "2024-03-03", "the date found in the text");
    let names: Vec<&str> = a["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"William Ruto") && names.contains(&"Abiy Ahmed"),
        "{names:?}"
    );
}

#[test]
fn annotate_without_date_uses_today() {
    let (code, out, _) = dramatis(&["annotate", "-"], Some(b"No date here."));
    assert_eq!(code, 0);
    let a: Value = serde_json::from_str(&out).unwrap();
    let d = a["date"].as_str().unwrap();
    assert_eq!(d.len(), 10);
    assert!(d.starts_with("20"));
}

#[test]
fn empty_input_is_a_valid_empty_analysis() {
    let (code, out, _) = dramatis(&["annotate", "-"], Some(b""));
    assert_eq!(code, 0);
    let a: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(a["mentions"].as_array().unwrap().len(), 0);
}

#[test]
fn bad_input_gets_a_clear_message() {
    let (code, _, err) = dramatis(
        &["annotate", "-"],
        Some(&[0x89, b'P', b'N', b'G', 0, 0, 1, 2]),
    );
    assert_eq!(code, 2);
    assert!(err.contains("binary"), "{err}");
    let (code, _, err) = dramatis(&["annotate", "-"], Some(&[b'a', 0xff, 0xfe, b'b']));
    assert_eq!(code, 2);
    assert!(err.contains("UTF-8"), "{err}");
    let (code, _, err) = dramatis(&["annotate", "/nonexistent/file.txt"], None);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read"), "{err}");
    let (code, _, err) = dramatis(&["annotate", SAMPLE, "--date", "14/10/2020"], None);
    assert_eq!(code, 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let (code, _, err) = dramatis(&["annotate", SAMPLE, "--format", "yaml"], None);
    assert_eq!(code, 2);
    assert!(err.contains("format"), "{err}");
    let (code, _, _) = dramatis(&["frobnicate"], None);
    assert_eq!(code, 2);
}

#[test]
fn tag_conll_adds_one_iob2_column() {
    let input = "-DOCSTART- -X- -X- O\n\nArmenian JJ B-MISC\nPrime NNP O\nMinister NNP O\nNikol NNP B-PER\nPashinyan NNP I-PER\nsaid VBD O\n. . O\n\nPashinyan NNP B-PER\naccused VBD O\nAzerbaijan NNP B-LOC\n. . O\n";
    let (code, out, err) = dramatis(&["tag", "--conll", "-"], Some(input.as_bytes()));
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), input.lines().count());
    for (i, o) in input.lines().zip(&lines) {
        if i.is_empty() {
            assert_eq!(*o, "");
        } else {
            assert!(o.starts_with(i), "{o:?} should extend {i:?}");
            assert_eq!(o.split(' ').count(), i.split(' ').count() + 1);
        }
    }
    assert_eq!(lines[2], "Armenian JJ B-MISC B-NORP");
    assert_eq!(lines[5], "Nikol NNP B-PER B-PERSON");
    assert_eq!(lines[6], "Pashinyan NNP I-PER I-PERSON");
    assert_eq!(lines[10], "Pashinyan NNP B-PER B-PERSON");
    assert_eq!(lines[12], "Azerbaijan NNP B-LOC B-GPE");
}

/// Micro F1 (PERSON ORG GPE+LOC) from an `eval` report.
fn headline_f1(report: &str) -> f64 {
    let line = report
        .lines()
        .find(|l| l.starts_with("micro (PERSON ORG GPE+LOC)"))
        .expect("a micro line");
    line.split_whitespace().last().unwrap().parse().unwrap()
}

#[test]
fn eval_scores_a_conll_file_by_conlleval_rules() {
    for system in ["engine", "tagger", "rules"] {
        let (code, out, err) = dramatis(
            &[
                "eval",
                "--conll",
                "tests/data/wire.conll",
                "--system",
                system,
            ],
            None,
        );
        assert_eq!(code, 0, "{err}");
        assert!(out.starts_with("3 documents, "), "{out}");
        for label in ["PERSON", "ORG", "GPE+LOC", "MISC", "micro (all four)"] {
            assert!(out.contains(label), "{out}");
        }
        let f1 = headline_f1(&out);
        assert!((0.0..=1.0).contains(&f1));
        if system != "rules" {
            // Headlines, datelines and results tables: the tagger's job.
            assert!(f1 >= 0.6, "{system}: {f1}\n{out}");
        }
    }
    let (code, out, _) = dramatis(
        &[
            "eval",
            "--conll",
            "tests/data/wire.conll",
            "--system",
            "tagger",
            "--errors",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(
        out.lines()
            .all(|l| l.starts_with("FP ") || l.starts_with("FN ")),
        "{out}"
    );
}

#[test]
fn eval_and_train_reject_bad_input_clearly() {
    let (code, _, err) = dramatis(
        &["eval", "--conll", "-"],
        Some(b"just words\nno tags here\n"),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("label column") || err.contains("NER labels"),
        "{err}"
    );
    let (code, _, err) = dramatis(&["eval"], None);
    assert_eq!(code, 2);
    assert!(err.contains("--conll FILE or --heldout"), "{err}");
    let (code, _, err) = dramatis(
        &[
            "eval",
            "--conll",
            "tests/data/wire.conll",
            "--system",
            "magic",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("unknown --system"), "{err}");
    let (code, _, err) = dramatis(&["train", "--design", "forest"], None);
    assert_eq!(code, 2);
    assert!(err.contains("unknown --design"), "{err}");
    let (code, _, err) = dramatis(&["train", "--bits", "40"], None);
    assert_eq!(code, 2);
    assert!(err.contains("--bits"), "{err}");
}

/// The shipped model on the held-out splits of the training corpora (needs
/// ../shared beside the checkout, as CI has it).
#[test]
fn the_tagger_meets_its_target_on_held_out_news() {
    let shared = std::path::Path::new("../../../shared/data/ner");
    if !shared.exists() {
        eprintln!("skipped: {} not found", shared.display());
        return;
    }
    let (code, out, err) = dramatis(
        &[
            "eval",
            "--heldout",
            "--shared",
            "../../../shared",
            "--system",
            "tagger",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let gmb = out
        .split("== ")
        .find(|s| s.starts_with("gmb-voa"))
        .expect("GMB section");
    let f1 = headline_f1(gmb);
    assert!(
        f1 >= 0.85,
        "held-out GMB (VOA news) micro F1 {f1} < 0.85\n{out}"
    );
    // The engine (tagger + KB + patterns) stays close.
    let (_, out, _) = dramatis(
        &[
            "eval",
            "--heldout",
            "--shared",
            "../../../shared",
            "--system",
            "engine",
        ],
        None,
    );
    let gmb = out.split("== ").find(|s| s.starts_with("gmb-voa")).unwrap();
    assert!(headline_f1(gmb) >= 0.78, "{out}");
}
