//! `dramatis`: the command line over the engine.
//!
//! ```text
//! dramatis annotate FILE|- [--date YYYY-MM-DD] [--format json]
//! dramatis tag --conll FILE|-
//! dramatis kb build [--shared ../shared] [--curated kb/curated] [--out assets/kb]
//! dramatis kb coverage [--kb assets/kb] [--from 2000-01-01] [--to today] [--min-gap 31]
//! dramatis train [--shared ../shared] [--out assets/model/tagger.bin] [--design viterbi|greedy] [--bits N] [--epochs N]
//! dramatis eval --conll FILE | --heldout [--shared ../shared] [--system engine|tagger|rules] [--column N] [--errors]
//! dramatis bench [FILE] [--iterations N] [--model FILE]
//! ```

mod bench;
mod conll;
mod corpus;
mod eval;
mod kb_build;
mod kb_coverage;
mod synthetic;
mod train;

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use dramatis_core::{analyze, date, Options};

const USAGE: &str = "usage:
  dramatis annotate FILE|- [--date YYYY-MM-DD] [--format json]
  dramatis tag --conll FILE|-
  dramatis kb build [--shared DIR] [--curated DIR] [--out DIR]
  dramatis kb coverage [--kb DIR] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--min-gap DAYS]
  dramatis train [--shared DIR] [--out FILE] [--design viterbi|greedy] [--bits N] [--epochs N]
  dramatis eval --conll FILE | --heldout [--shared DIR] [--system engine|tagger|rules] [--column N] [--errors]
  dramatis bench [FILE] [--iterations N] [--model FILE]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dramatis: {e}");
            ExitCode::from(2)
        }
    }
}

/// Flags of the form `--name value`, and positional arguments.
struct Args {
    positional: Vec<String>,
    flags: Vec<(String, String)>,
}

fn parse(args: &[String], value_flags: &[&str]) -> Result<Args, String> {
    let mut positional = vec![];
    let mut flags = vec![];
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if let Some(name) = a.strip_prefix("--") {
            let (name, val) = match name.split_once('=') {
                Some((n, v)) => (n.to_string(), v.to_string()),
                None if value_flags.contains(&name) => {
                    i += 1;
                    let v = args.get(i).ok_or(format!("--{name} needs a value"))?;
                    (name.to_string(), v.clone())
                }
                None => return Err(format!("unknown option --{name}\n{USAGE}")),
            };
            if !value_flags.contains(&name.as_str()) {
                return Err(format!("unknown option --{name}\n{USAGE}"));
            }
            flags.push((name, val));
        } else {
            positional.push(a.clone());
        }
        i += 1;
    }
    Ok(Args { positional, flags })
}

impl Args {
    fn flag(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Read a file (or standard input for `-`) as UTF-8 text, with clear errors.
pub fn read_input(path: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(format!("{path}: looks like a binary file, not text"));
    }
    let text =
        String::from_utf8(bytes).map_err(|e| format!("{path}: not valid UTF-8 text ({e})"))?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// Today's date from the system clock (UTC).
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    date::date_from_days((secs / 86_400) as i64)
}

fn run(args: &[String]) -> Result<(), String> {
    let Some(cmd) = args.first() else {
        return Err(USAGE.to_string());
    };
    let rest = &args[1..];
    match cmd.as_str() {
        "annotate" => {
            let a = parse(rest, &["date", "format"])?;
            let [file] = a.positional.as_slice() else {
                return Err(format!("annotate takes one FILE (or -)\n{USAGE}"));
            };
            let d = a.flag("date").map(str::to_string);
            if let Some(d) = &d {
                if !date::is_iso_date(d) {
                    return Err(format!("--date must be YYYY-MM-DD, got {d:?}"));
                }
            }
            let format = a.flag("format").unwrap_or("json");
            if format != "json" {
                return Err(format!("unknown --format {format:?} (supported: json)"));
            }
            let text = read_input(file)?;
            let analysis = analyze(
                &text,
                &Options {
                    date: d,
                    today: Some(today()),
                    ..Default::default()
                },
            );
            let out = serde_json::to_string(&analysis).map_err(|e| e.to_string())?;
            write_out(&out)
        }
        "tag" => {
            let a = parse(rest, &["conll"])?;
            let file = a
                .flag("conll")
                .or(a.positional.first().map(String::as_str))
                .ok_or(format!("tag needs --conll FILE\n{USAGE}"))?;
            let input = read_input(file)?;
            write_out(&conll::tag(&input, &today()))
        }
        "kb" => {
            if rest.first().map(String::as_str) == Some("coverage") {
                let a = parse(&rest[1..], &["from", "to", "min-gap", "kb"])?;
                let from = a.flag("from").unwrap_or("2000-01-01").to_string();
                let to = a.flag("to").map_or_else(today, str::to_string);
                for d in [&from, &to] {
                    if !date::is_iso_date(d) {
                        return Err(format!("dates are YYYY-MM-DD, not {d:?}"));
                    }
                }
                let min_gap: i64 = a
                    .flag("min-gap")
                    .unwrap_or("31")
                    .parse()
                    .map_err(|_| "--min-gap must be a number of days")?;
                let loaded;
                let kb = match a.flag("kb") {
                    Some(dir) => {
                        loaded = kb_coverage::load(&PathBuf::from(dir))?;
                        &loaded
                    }
                    None => dramatis_core::kb::Kb::embedded(),
                };
                let covers = kb_coverage::coverage(kb, &from, &to);
                let mut out = kb_coverage::report(&covers, min_gap);
                let overlaps = kb_coverage::overlaps(kb, &from, &to, min_gap);
                out.push_str(&format!(
                    "\ntwo holders of one post for over {min_gap} days ({}):\n",
                    overlaps.len()
                ));
                for o in overlaps {
                    out.push_str(&o);
                    out.push('\n');
                }
                return write_out(&out);
            }
            if rest.first().map(String::as_str) != Some("build") {
                return Err(format!("unknown kb command\n{USAGE}"));
            }
            let a = parse(&rest[1..], &["shared", "curated", "out"])?;
            let shared = PathBuf::from(a.flag("shared").unwrap_or("../shared"));
            let curated = PathBuf::from(a.flag("curated").unwrap_or("kb/curated"));
            let out = PathBuf::from(a.flag("out").unwrap_or("assets/kb"));
            kb_build::run(&shared, &curated, &out)
        }
        "train" => {
            let a = parse(rest, &["shared", "out", "design", "bits", "epochs"])?;
            let shared = PathBuf::from(a.flag("shared").unwrap_or("../shared"));
            let out = PathBuf::from(a.flag("out").unwrap_or("assets/model/tagger.bin"));
            let design = match a.flag("design").unwrap_or("viterbi") {
                "viterbi" => dramatis_core::tagger::Design::Viterbi,
                "greedy" => dramatis_core::tagger::Design::Greedy,
                d => return Err(format!("unknown --design {d:?} (viterbi or greedy)")),
            };
            let bits: u8 = a
                .flag("bits")
                .unwrap_or("18")
                .parse()
                .ok()
                .filter(|b| (12..=24).contains(b))
                .ok_or("--bits must be a number from 12 to 24")?;
            let epochs: usize = a
                .flag("epochs")
                .unwrap_or("8")
                .parse()
                .map_err(|_| "--epochs must be a number")?;
            train::run(&shared, &out, design, bits, epochs, &today())
        }
        "eval" => {
            let heldout = rest.iter().any(|x| x == "--heldout");
            let show_errors = rest.iter().any(|x| x == "--errors");
            let rest: Vec<String> = rest
                .iter()
                .filter(|x| *x != "--heldout" && *x != "--errors")
                .cloned()
                .collect();
            let a = parse(&rest, &["conll", "shared", "system", "column"])?;
            let system = eval::System::parse(a.flag("system").unwrap_or("engine"))?;
            let column = match a.flag("column") {
                Some(c) => Some(
                    c.parse::<usize>()
                        .ok()
                        .filter(|&c| c >= 2)
                        .ok_or("--column is 1-based and at least 2")?
                        - 1,
                ),
                None => None,
            };
            if let Some(file) = a.flag("conll").or(a.positional.first().map(String::as_str)) {
                let text = read_input(file)?;
                write_out(&eval::conll_file(
                    &text,
                    column,
                    system,
                    &today(),
                    show_errors,
                )?)
            } else if heldout {
                let shared = PathBuf::from(a.flag("shared").unwrap_or("../shared"));
                write_out(&eval::heldout(&shared, system, &today(), show_errors)?)
            } else {
                Err(format!("eval needs --conll FILE or --heldout\n{USAGE}"))
            }
        }
        "bench" => {
            let a = parse(rest, &["iterations", "model"])?;
            let n: usize = a
                .flag("iterations")
                .unwrap_or("200")
                .parse()
                .map_err(|_| "--iterations must be a number".to_string())?;
            bench::run(a.positional.first().map(String::as_str), n, a.flag("model"))
        }
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    }
}

fn write_out(s: &str) -> Result<(), String> {
    let mut o = std::io::stdout().lock();
    o.write_all(s.as_bytes())
        .and_then(|_| {
            if s.ends_with('\n') {
                Ok(())
            } else {
                o.write_all(b"\n")
            }
        })
        .map_err(|e| e.to_string())
}
