//! `dramatis tag --conll`: CoNLL-2003 style input → one more column with the
//! predicted IOB2 tag. Each document (split at `-DOCSTART-`) is analysed as a
//! whole: tokens are joined with spaces, sentences with newlines, so the
//! engine sees the text and document-level evidence (a name found once is
//! tagged everywhere).

use dramatis_core::{analyze, Options};

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
        token_tags(&text, &spans, today)
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
pub fn token_tags(text: &str, spans: &[(usize, usize)], today: &str) -> Vec<String> {
    let a = analyze(
        text,
        &Options {
            date: None,
            today: Some(today.to_string()),
            ..Default::default()
        },
    );
    let mut tags = vec!["O".to_string(); spans.len()];
    let mut ti = 0;
    for m in &a.mentions {
        while ti < spans.len() && spans[ti].1 <= m.byte_start {
            ti += 1;
        }
        let mut first = true;
        let mut k = ti;
        while k < spans.len() && spans[k].0 < m.byte_end {
            let (s, e) = spans[k];
            // A token is tagged when the mention covers most of it
            // (so `majority-Armenian` is not, `Armenian's` is).
            let cover = e.min(m.byte_end) - s.max(m.byte_start);
            if cover * 2 > e - s && tags[k] == "O" {
                tags[k] = format!("{}-{}", if first { "B" } else { "I" }, m.label.as_str());
                first = false;
            }
            k += 1;
        }
    }
    tags
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
