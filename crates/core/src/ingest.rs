//! Ingest: raw article text → blocks (title, paragraphs, quotes).
//!
//! v1 treats every input as plain text (pasted markup is *text*, never
//! markup). Paragraphs are separated by blank lines; when a text has no blank
//! lines at all, every non-empty line is a paragraph. A short first block
//! without closing punctuation is the title. Lines starting with `>` are quotes.

use crate::model::BlockKind;

/// A block as byte offsets into the original text (trimmed of whitespace).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawBlock {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
}

pub fn blocks(text: &str) -> Vec<RawBlock> {
    let lines = line_spans(text);
    let has_blank = lines.iter().any(|&(s, e)| text[s..e].trim().is_empty());
    let mut out: Vec<RawBlock> = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    for &(s, e) in &lines {
        let line = &text[s..e];
        if line.trim().is_empty() {
            if let Some((bs, be)) = cur.take() {
                push_block(text, bs, be, &mut out);
            }
            continue;
        }
        match cur {
            Some((bs, _)) if has_blank => cur = Some((bs, e)),
            Some((bs, be)) => {
                push_block(text, bs, be, &mut out);
                cur = Some((s, e));
            }
            None => cur = Some((s, e)),
        }
    }
    if let Some((bs, be)) = cur {
        push_block(text, bs, be, &mut out);
    }
    if out.len() > 1 && looks_like_title(&text[out[0].start..out[0].end]) {
        out[0].kind = BlockKind::Title;
    }
    split_long(text, out)
}

/// Blocks longer than this are split at a sentence end, so that no single
/// block is too big to analyse or render in one slice.
pub const MAX_BLOCK_BYTES: usize = 16 * 1024;

fn split_long(text: &str, blocks: Vec<RawBlock>) -> Vec<RawBlock> {
    if blocks.iter().all(|b| b.end - b.start <= MAX_BLOCK_BYTES) {
        return blocks;
    }
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        let mut s = b.start;
        while b.end - s > MAX_BLOCK_BYTES {
            let window = &text.as_bytes()[s + MAX_BLOCK_BYTES / 2..s + MAX_BLOCK_BYTES];
            // after ". " (or "? ", "! ") followed by a non-lower-case char; else at a space; else anywhere.
            let cut = window
                .windows(3)
                .position(|w| {
                    matches!(w[0], b'.' | b'?' | b'!') && w[1] == b' ' && !w[2].is_ascii_lowercase()
                })
                .map(|p| p + 2)
                .or_else(|| window.iter().rposition(|&c| c == b' ').map(|p| p + 1))
                .unwrap_or(window.len());
            let mut e = s + MAX_BLOCK_BYTES / 2 + cut;
            while !text.is_char_boundary(e) {
                e += 1;
            }
            let trimmed = text[s..e].trim_end().len();
            out.push(RawBlock {
                kind: b.kind,
                start: s,
                end: s + trimmed,
            });
            s = e;
        }
        out.push(RawBlock {
            kind: b.kind,
            start: s,
            end: b.end,
        });
    }
    out
}

/// "By Jane Doe and Carlos Ruiz": a byline, not a headline.
fn is_byline(s: &str) -> bool {
    s.len() < 120
        && (s.starts_with("By ") || s.starts_with("BY "))
        && s.split_whitespace()
            .nth(1)
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
}

fn push_block(text: &str, s: usize, e: usize, out: &mut Vec<RawBlock>) {
    let raw = &text[s..e];
    let lead = raw.len() - raw.trim_start().len();
    let trail = raw.len() - raw.trim_end().len();
    let (s, e) = (s + lead, e - trail);
    if s >= e {
        return;
    }
    let kind = if text[s..e].starts_with('>') {
        BlockKind::Quote
    } else {
        BlockKind::Paragraph
    };
    out.push(RawBlock {
        kind,
        start: s,
        end: e,
    });
}

/// Byte spans of lines, without their line terminators.
fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            v.push((start, end));
            start = i + 1;
        }
    }
    if start < text.len() {
        v.push((start, text.len()));
    }
    v
}

fn looks_like_title(s: &str) -> bool {
    let s = s.trim();
    if is_byline(s) {
        return false;
    }
    let words = s.split_whitespace().count();
    !s.contains('\n')
        && words > 0
        && words <= 25
        && s.chars().count() <= 200
        && !s.ends_with(['.', ':', ';', ','])
        || (s.starts_with('#') && !s.contains('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_paragraphs() {
        let t = "Big news today\n\nFirst para line one\nline two.\n\n\nSecond para.\n";
        let b = blocks(t);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].kind, BlockKind::Title);
        assert_eq!(&t[b[1].start..b[1].end], "First para line one\nline two.");
        assert_eq!(&t[b[2].start..b[2].end], "Second para.");
    }

    #[test]
    fn single_newlines_split_when_no_blank_lines() {
        let t = "Headline here\nOne sentence.\nTwo sentence.";
        let b = blocks(t);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].kind, BlockKind::Title);
    }

    #[test]
    fn bylines_are_not_titles() {
        let b = blocks("By Jane Doe and Carlos Ruiz\n\nBody text here.");
        assert_eq!(b[0].kind, BlockKind::Paragraph);
    }

    #[test]
    fn one_paragraph_is_not_a_title() {
        let b = blocks("Putin spoke on Wednesday");
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].kind, BlockKind::Paragraph);
    }

    #[test]
    fn empty_and_whitespace() {
        assert!(blocks("").is_empty());
        assert!(blocks(" \n\t\n ").is_empty());
    }

    #[test]
    fn huge_paragraphs_are_split_at_sentences() {
        let para = "Putin met Erdoğan in Moscow on Wednesday. ".repeat(2000);
        let t = format!("Title\n\n{para}");
        let b = blocks(&t);
        assert!(b.len() > 3);
        for x in &b[1..] {
            assert!(x.end - x.start <= MAX_BLOCK_BYTES);
            assert!(
                t[x.start..x.end].starts_with("Putin"),
                "{:?}",
                &t[x.start..x.start + 10]
            );
        }
        assert_eq!(b.last().unwrap().end, t.trim_end().len());
    }

    #[test]
    fn quote_blocks_and_crlf() {
        let t = "Title\r\n\r\n> A quoted line\r\n\r\nBody.";
        let b = blocks(t);
        assert_eq!(b[1].kind, BlockKind::Quote);
        assert_eq!(&t[b[2].start..b[2].end], "Body.");
    }
}
