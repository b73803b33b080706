//! Builds the article into the `<article>` element straight from the
//! `Analysis`: one `<h1>`/`<p>`/`<blockquote>` per block, one focusable
//! `<mark class="mention">` per mention. Text goes in as text nodes only, so
//! no markup from an article can ever run. Long articles are built in
//! slices (see [`ArticleBuilder::build_some`]) so the tab never freezes.

use dramatis_core::{Analysis, BlockKind, Label};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use crate::visibility::Visibility;

/// A run of a block's text: plain, or mention number `m`.
#[derive(Clone, Debug, PartialEq)]
pub enum Segment {
    Text(usize, usize),
    Mention(usize),
}

/// Segments of block `b` (byte ranges of `a.text`). Mentions that overlap an
/// earlier one or cross the block edge are skipped.
pub fn segments(a: &Analysis, b: usize, first_mention: &mut usize) -> Vec<Segment> {
    let blk = &a.blocks[b];
    let mut start = blk.byte_start;
    if blk.kind == BlockKind::Title {
        // Markdown heading marks are not part of the title's text.
        let t = &a.text[start..blk.byte_end];
        start += t.len() - t.trim_start_matches('#').trim_start().len();
    }
    let mut out = Vec::new();
    let mut pos = start;
    let mut m = *first_mention;
    while m < a.mentions.len() && a.mentions[m].byte_start < blk.byte_end {
        let men = &a.mentions[m];
        if men.byte_start >= pos && men.byte_end <= blk.byte_end {
            if men.byte_start > pos {
                out.push(Segment::Text(pos, men.byte_start));
            }
            out.push(Segment::Mention(m));
            pos = men.byte_end;
        }
        m += 1;
    }
    *first_mention = m;
    if pos < blk.byte_end {
        out.push(Segment::Text(pos, blk.byte_end));
    }
    out
}

/// Incremental DOM builder for one analysis.
pub struct ArticleBuilder {
    next_block: usize,
    next_mention: usize,
}

impl ArticleBuilder {
    pub fn new() -> Self {
        ArticleBuilder {
            next_block: 0,
            next_mention: 0,
        }
    }

    pub fn done(&self, a: &Analysis) -> bool {
        self.next_block >= a.blocks.len()
    }

    /// Append blocks to `root` until about `budget` bytes of text were added.
    /// Mentions hidden by `vis` (legend toggles, minor actors) are built
    /// too, but out of the Tab order.
    pub fn build_some(
        &mut self,
        doc: &Document,
        root: &Element,
        a: &Analysis,
        budget: usize,
        vis: &Visibility,
    ) {
        let mut used = 0;
        while self.next_block < a.blocks.len() && used < budget {
            let b = self.next_block;
            let blk = &a.blocks[b];
            let tag = match blk.kind {
                BlockKind::Title => "h1",
                BlockKind::Paragraph => "p",
                BlockKind::Quote => "blockquote",
            };
            let Ok(el) = doc.create_element(tag) else {
                return;
            };
            for seg in segments(a, b, &mut self.next_mention) {
                match seg {
                    Segment::Text(s, e) => {
                        let mut t = &a.text[s..e];
                        if blk.kind == BlockKind::Quote && s == blk.byte_start {
                            t = t.trim_start_matches('>').trim_start();
                        }
                        let _ = el.append_with_str_1(t);
                    }
                    Segment::Mention(m) => {
                        let men = &a.mentions[m];
                        let Ok(mark) = doc.create_element("mark") else {
                            continue;
                        };
                        let label = men.label.as_str();
                        let minor = if vis.minor.contains(&men.actor) {
                            " minor"
                        } else {
                            ""
                        };
                        let _ = mark.set_attribute("class", &format!("mention lbl-{label}{minor}"));
                        let _ =
                            mark.set_attribute("tabindex", if vis.shows(men) { "0" } else { "-1" });
                        let _ = mark.set_attribute("data-actor", &men.actor);
                        let _ = mark.set_attribute("data-label", label);
                        let _ = mark.set_attribute("data-m", &m.to_string());
                        mark.set_text_content(Some(&men.text));
                        let _ = el.append_with_node_1(&mark);
                    }
                }
            }
            let _ = root.append_with_node_1(&el);
            used += blk.byte_end - blk.byte_start + 200;
            self.next_block += 1;
        }
    }
}

/// After a toggle: hidden mentions leave the Tab order, shown ones return.
pub fn apply_visibility(root: &Element, vis: &Visibility) {
    let Ok(list) = root.query_selector_all("mark.mention") else {
        return;
    };
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let label = el
            .get_attribute("data-label")
            .and_then(|l| Label::parse(&l));
        let actor = el.get_attribute("data-actor").unwrap_or_default();
        let want = match label {
            Some(l) if !vis.shows_parts(l, &actor) => "-1",
            _ => "0",
        };
        if el.get_attribute("tabindex").as_deref() != Some(want) {
            let _ = el.set_attribute("tabindex", want);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dramatis_core::{analyze, Options};

    #[test]
    fn segments_cover_each_block_exactly() {
        let text = "Putin meets Erdoğan\n\nRussian President Vladimir Putin spoke to Turkey’s leader.\n\n> Quoted Armenia";
        let a = analyze(text, &Options::default());
        let mut m = 0;
        for b in 0..a.blocks.len() {
            let segs = segments(&a, b, &mut m);
            let mut rebuilt = String::new();
            for s in &segs {
                match *s {
                    Segment::Text(x, y) => rebuilt.push_str(&a.text[x..y]),
                    Segment::Mention(i) => rebuilt.push_str(&a.mentions[i].text),
                }
            }
            assert_eq!(
                rebuilt,
                &a.text[a.blocks[b].byte_start..a.blocks[b].byte_end]
            );
        }
        assert_eq!(m, a.mentions.len());
        assert!(a.mentions.iter().any(|x| x.text == "Putin"));
    }
}
