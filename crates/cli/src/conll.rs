//! `dramatis tag --conll`: CoNLL-2003 style input → one more column with the
//! predicted IOB2 tag. Each document (split at `-DOCSTART-`) is analysed as a
//! whole: tokens are joined with spaces, sentences with newlines, so the
//! engine sees the text and document-level evidence (a name found once is
//! tagged everywhere).

use dramatis_core::kb::{Entry, Kb};
use dramatis_core::lexicon as lx;
use dramatis_core::{analyze, Label, Options};

struct Line<'a> {
    raw: &'a str,
    /// Token index within the document, for token lines.
    tok: Option<usize>,
}

pub fn tag(input: &str, today: &str) -> String {
    let mut out = String::with_capacity(input.len() * 2);
    let mut doc: Vec<Line> = Vec::new();
    for raw in input.lines() {
        if raw.trim_start().starts_with("-DOCSTART-") {
            flush(&mut doc, &mut out, today);
            out.push_str(raw);
            out.push_str(if raw.split_whitespace().count() > 1 {
                " O\n"
            } else {
                "\n"
            });
            continue;
        }
        doc.push(Line { raw, tok: None });
    }
    flush(&mut doc, &mut out, today);
    out
}

fn flush(doc: &mut Vec<Line>, out: &mut String, today: &str) {
    if doc.is_empty() {
        return;
    }
    // Rebuild the text: one sentence per line, tokens separated by spaces.
    let mut text = String::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut in_sentence = false;
    for line in doc.iter_mut() {
        let token = line.raw.split_whitespace().next();
        match token {
            Some(t) => {
                if in_sentence {
                    text.push(' ');
                }
                let s = text.len();
                text.push_str(t);
                line.tok = Some(spans.len());
                spans.push((s, text.len()));
                in_sentence = true;
            }
            None => {
                if in_sentence {
                    text.push('\n');
                }
                in_sentence = false;
            }
        }
    }
    let tags = if spans.is_empty() {
        vec![]
    } else {
        token_tags(&text, &spans, today, true)
    };
    for line in doc.drain(..) {
        match line.tok {
            Some(i) => {
                out.push_str(line.raw.trim_end());
                out.push(' ');
                out.push_str(&tags[i]);
                out.push('\n');
            }
            None => out.push('\n'),
        }
    }
}

/// IOB2 tags for token byte spans of `text`.
/// `tagger`: whether the trained tagger proposes names (else KB and patterns only).
pub fn token_tags(text: &str, spans: &[(usize, usize)], today: &str, tagger: bool) -> Vec<String> {
    let a = analyze(
        text,
        &Options {
            date: None,
            today: Some(today.to_string()),
            tagger,
            ..Default::default()
        },
    );
    let mut tags = vec!["O".to_string(); spans.len()];
    let mut ti = 0;
    let kb = Kb::embedded();
    for m in &a.mentions {
        while ti < spans.len() && spans[ti].1 <= m.byte_start {
            ti += 1;
        }
        // The tokens the mention covers most of (so `majority-Armenian` is
        // not one, `Armenian's` is).
        let mut toks: Vec<usize> = vec![];
        let mut k = ti;
        while k < spans.len() && spans[k].0 < m.byte_end {
            let (s, e) = spans[k];
            let cover = e.min(m.byte_end) - s.max(m.byte_start);
            if cover * 2 > e - s && tags[k] == "O" {
                toks.push(k);
            }
            k += 1;
        }
        let word = |k: usize| &text[spans[k].0..spans[k].1];
        let (toks, label) = name_part(&toks, word, m.label, kb);
        for (n, &k) in toks.iter().enumerate() {
            tags[k] = format!("{}-{}", if n == 0 { "B" } else { "I" }, label.as_str());
        }
    }
    tags
}

/// CoNLL and OntoNotes tag names, not descriptions: a mention such as
/// "Azeri forces" or "the Turkish government" (an actor for the reader) is
/// tagged on its name only ("Azeri" NORP), and a person's title is left out
/// ("Prince Harry" → "Harry").
fn name_part<'a>(
    toks: &[usize],
    word: impl Fn(usize) -> &'a str,
    label: Label,
    kb: &Kb,
) -> (Vec<usize>, Label) {
    // A word without a capital or digit ("forces", "the"; not "al-Zawahiri").
    let lower = |k: usize| {
        !word(k)
            .chars()
            .any(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let mut a = 0;
    let mut b = toks.len();
    while a < b && lower(toks[a]) {
        a += 1;
    }
    while b > a && lower(toks[b - 1]) {
        b -= 1;
    }
    if label == Label::PERSON {
        while b - a > 1
            && (lx::is_title_word(word(toks[a]))
                || lx::is_person_title(word(toks[a]))
                || lx::is_rank(word(toks[a]).trim_end_matches('.')))
        {
            a += 1;
        }
    }
    let part = toks[a..b].to_vec();
    if part.len() == toks.len() || part.is_empty() {
        return (part, label);
    }
    let text: Vec<&str> = part.iter().map(|&k| word(k)).collect();
    let relabel = kb.lookup(&text.join(" ")).first().map(|e| match e {
        Entry::Demonym(_) => Label::NORP,
        Entry::CountryName(_) | Entry::Capital(_) | Entry::City(_) => Label::GPE,
        _ => label,
    });
    (part, relabel.unwrap_or(label))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_lines_and_adds_a_column() {
        let input = "-DOCSTART- -X- O\n\nRussian JJ\nPresident NNP\nVladimir NNP\nPutin NNP\nspoke VBD\n. .\n\nPutin NNP\nsmiled VBD\n. .\n";
        let out = tag(input, "2020-10-14");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), input.lines().count());
        assert_eq!(lines[0], "-DOCSTART- -X- O O");
        assert_eq!(lines[2], "Russian JJ B-NORP");
        assert_eq!(lines[3], "President NNP O");
        assert_eq!(lines[4], "Vladimir NNP B-PERSON");
        assert_eq!(lines[5], "Putin NNP I-PERSON");
        assert_eq!(lines[9], "Putin NNP B-PERSON");
    }

    #[test]
    fn empty_input() {
        assert_eq!(tag("", "2020-01-01"), "");
    }
}
