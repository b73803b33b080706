//! The mention map (Kindle X-Ray's): a slim bar beside the text showing
//! where actors appear along the article, top to bottom. Mentions are
//! gathered into a fixed number of bands, so a 1 MB article draws no more
//! than [`BANDS`] ticks per layer. Clicking the bar jumps to the first
//! mention at or after that point (of the focused or lit actor, if any).

use dramatis_core::{Analysis, Label, Mention};
use yew::prelude::*;

use crate::doc::Doc;
use crate::visibility::Visibility;

/// How many bands the bar is divided into.
pub const BANDS: usize = 160;

/// One band with mentions: where it starts (0..1), its most frequent label,
/// how many mentions, and the first mention in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub band: usize,
    pub label: Label,
    pub count: usize,
    pub first: usize,
}

/// Where mention `m` sits along the article, 0 (top) to 1 (bottom).
pub fn position(a: &Analysis, m: &Mention) -> f64 {
    if a.text.is_empty() {
        0.0
    } else {
        m.byte_start as f64 / a.text.len() as f64
    }
}

/// Ticks for the mentions that pass `keep`, gathered into `bands` bands.
pub fn ticks(a: &Analysis, bands: usize, keep: impl Fn(&Mention) -> bool) -> Vec<Tick> {
    let bands = bands.max(1);
    let mut counts: Vec<[usize; Label::ALL.len()]> = vec![[0; Label::ALL.len()]; bands];
    let mut first: Vec<Option<usize>> = vec![None; bands];
    for (i, m) in a.mentions.iter().enumerate() {
        if !keep(m) {
            continue;
        }
        let b = ((position(a, m) * bands as f64) as usize).min(bands - 1);
        let li = Label::ALL.iter().position(|&l| l == m.label).unwrap_or(0);
        counts[b][li] += 1;
        first[b].get_or_insert(i);
    }
    (0..bands)
        .filter_map(|b| {
            let f = first[b]?;
            let (li, _) = counts[b]
                .iter()
                .enumerate()
                .max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))?;
            Some(Tick {
                band: b,
                label: Label::ALL[li],
                count: counts[b].iter().sum(),
                first: f,
            })
        })
        .collect()
}

/// The first mention passing `keep` at or after `fraction` of the article,
/// else the last one before it.
pub fn mention_at(a: &Analysis, fraction: f64, keep: impl Fn(&Mention) -> bool) -> Option<usize> {
    let target = (fraction.clamp(0.0, 1.0) * a.text.len() as f64) as usize;
    let kept = a.mentions.iter().enumerate().filter(|(_, m)| keep(m));
    let after = kept
        .clone()
        .filter(|(_, m)| m.byte_start >= target)
        .min_by_key(|(_, m)| m.byte_start);
    after
        .or_else(|| kept.max_by_key(|(_, m)| m.byte_start))
        .map(|(i, _)| i)
}

#[derive(Properties, PartialEq)]
pub struct MapProps {
    pub doc: Doc,
    /// The actor whose mentions stand out (focused, else lit), if any.
    pub actor: Option<String>,
    /// Which mentions are highlighted in the article.
    pub visibility: Visibility,
    /// Jump to mention `m`.
    pub onjump: Callback<usize>,
}

#[component]
pub fn MentionMap(p: &MapProps) -> Html {
    let a: &Analysis = &p.doc;
    let all = use_memo((p.doc.clone(), p.visibility.clone()), |(d, v)| {
        ticks(d, BANDS, |m| v.shows(m))
    });
    let mine = use_memo((p.doc.clone(), p.actor.clone()), |(d, actor)| match actor {
        Some(id) => ticks(d, BANDS, |m| &m.actor == id),
        None => Vec::new(),
    });
    let bar_ref = use_node_ref();
    if a.mentions.is_empty() {
        return html! {};
    }
    let onclick = {
        let bar_ref = bar_ref.clone();
        let doc = p.doc.clone();
        let actor = p.actor.clone();
        let onjump = p.onjump.clone();
        let visible = p.visibility.clone();
        Callback::from(move |e: MouseEvent| {
            // (Yew delegates events, so currentTarget is not the bar.)
            let Some(bar) = bar_ref.cast::<web_sys::Element>() else {
                return;
            };
            let r = bar.get_bounding_client_rect();
            if r.height() <= 0.0 {
                return;
            }
            let f = (e.client_y() as f64 - r.top()) / r.height();
            let hit = match &actor {
                Some(id) => mention_at(&doc, f, |m| &m.actor == id),
                None => mention_at(&doc, f, |m| visible.shows(m)),
            };
            if let Some(m) = hit {
                onjump.emit(m);
            }
        })
    };
    let band_h = 100.0 / BANDS as f64;
    let tick = |t: &Tick, layer: &'static str| {
        let m = &a.mentions[t.first];
        html! {
            <span class={classes!("tick", layer, format!("lbl-{}", t.label.as_str()))}
                  data-m={t.first.to_string()} data-actor={m.actor.clone()}
                  style={format!("top:{:.3}%;height:{:.3}%", t.band as f64 * band_h, band_h)}></span>
        }
    };
    html! {
        <div ref={bar_ref} class={classes!("mention-map", p.actor.is_some().then_some("has-actor"))}
             title="Mention map: where actors appear along the article. Click to jump there."
             aria-hidden="true" {onclick}>
            { for all.iter().map(|t| tick(t, "all")) }
            { for mine.iter().map(|t| tick(t, "mine")) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dramatis_core::{analyze, Options};

    const SAMPLE: &str = include_str!("../assets/samples/karabakh-2020.txt");

    #[test]
    fn ticks_cover_every_kept_mention_in_order() {
        let a = analyze(SAMPLE, &Options::default());
        let ts = ticks(&a, BANDS, |_| true);
        assert_eq!(ts.iter().map(|t| t.count).sum::<usize>(), a.mentions.len());
        assert!(ts.windows(2).all(|w| w[0].band < w[1].band));
        assert!(ts.iter().all(|t| t.band < BANDS));
        let putin = a
            .actors
            .iter()
            .find(|x| x.name == "Vladimir Putin")
            .unwrap();
        let mine = ticks(&a, BANDS, |m| m.actor == putin.id);
        assert_eq!(
            mine.iter().map(|t| t.count).sum::<usize>(),
            putin.mentions.len()
        );
        assert!(mine.iter().all(|t| t.label == Label::PERSON));
        // The headline mentions Putin: his first tick is at the very top.
        assert_eq!(mine[0].band, 0);
    }

    #[test]
    fn clicking_finds_the_next_mention_else_the_last() {
        let a = analyze(SAMPLE, &Options::default());
        let putin = a
            .actors
            .iter()
            .find(|x| x.name == "Vladimir Putin")
            .unwrap();
        let is_putin = |m: &Mention| m.actor == putin.id;
        assert_eq!(mention_at(&a, 0.0, is_putin), Some(putin.mentions[0]));
        let mid = mention_at(&a, 0.5, is_putin).unwrap();
        assert!(position(&a, &a.mentions[mid]) >= 0.5 || mid == *putin.mentions.last().unwrap());
        assert_eq!(
            mention_at(&a, 1.0, is_putin),
            putin.mentions.last().copied()
        );
        assert_eq!(mention_at(&a, 0.3, |_| false), None);
    }
}
