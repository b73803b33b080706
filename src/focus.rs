//! Focus mode: one actor's mentions emphasised, the rest dimmed, with
//! next/previous mention by keys (n, p) and buttons, shared by the URL
//! fragment `#actor=Name`. Also the page's one dynamic style sheet (focused
//! and lit actors), built from sanitised actor ids only.

use dramatis_core::{Actor, Analysis};
use yew::prelude::*;

/// What focus mode is on: the key from the fragment or the cast panel (an
/// actor id or name), and the mention reached with next/previous (index into
/// the actor's mentions), `None` before the first step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Focus {
    pub key: String,
    pub pos: Option<usize>,
}

/// The actor a focus key names in this analysis: by id, else by name
/// (exactly, then ignoring case).
pub fn resolve<'a>(a: &'a Analysis, key: &str) -> Option<&'a Actor> {
    let live = |x: &&Actor| !x.mentions.is_empty();
    a.actors
        .iter()
        .filter(live)
        .find(|x| x.id == key)
        .or_else(|| a.actors.iter().filter(live).find(|x| x.name == key))
        .or_else(|| {
            let k = key.to_lowercase();
            a.actors
                .iter()
                .filter(live)
                .find(|x| x.name.to_lowercase() == k)
        })
}

/// The next (or previous) position among `n` mentions, wrapping around.
pub fn step(pos: Option<usize>, n: usize, forward: bool) -> Option<usize> {
    if n == 0 {
        return None;
    }
    Some(match (pos, forward) {
        (None, true) => 0,
        (None, false) => n - 1,
        (Some(p), true) => (p + 1) % n,
        (Some(p), false) => (p + n - 1) % n,
    })
}

/// Percent-encode for a URL fragment (unreserved characters stay).
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Undo percent-encoding ('+' is a space); bad escapes stay as they are.
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The focus key in a fragment such as `#actor=Vladimir%20Putin`.
pub fn from_fragment(hash: &str) -> Option<String> {
    let h = hash.strip_prefix('#').unwrap_or(hash);
    h.split('&')
        .find_map(|kv| kv.strip_prefix("actor="))
        .map(decode)
        .filter(|k| !k.trim().is_empty())
}

pub fn to_fragment(name: &str) -> String {
    format!("#actor={}", encode(name))
}

/// Actor ids as the engine makes them (`a12`); anything else is refused so
/// nothing from an article can reach the style sheet.
fn safe_id(id: &str) -> Option<&str> {
    (!id.is_empty()
        && id.len() <= 32
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
    .then_some(id)
}

/// The dynamic CSS: the focused actor's mentions emphasised (the article
/// dims everything else via `.focusing`), the lit actor's mentions outlined.
pub fn dynamic_css(focused: Option<&str>, lit: Option<&str>) -> String {
    let mut css = String::new();
    if let Some(id) = focused.and_then(safe_id) {
        css += &format!(
            ".reading.focusing mark.mention[data-actor=\"{id}\"]{{color:var(--fg);\
             background:color-mix(in srgb,var(--c) 65%,transparent);box-shadow:inset 0 -3px 0 var(--c);\
             font-weight:600;cursor:help}}\n"
        );
    }
    if let Some(id) = lit.and_then(safe_id) {
        css += &format!(
            "mark.mention[data-actor=\"{id}\"]{{outline:2px solid var(--c);outline-offset:1px;\
             background:color-mix(in srgb,var(--c) 80%,transparent)}}\n"
        );
    }
    css
}

#[derive(Properties, PartialEq)]
pub struct FocusBarProps {
    pub name: String,
    pub label: String,
    pub count: usize,
    pub pos: Option<usize>,
    pub onstep: Callback<bool>,
    pub onexit: Callback<()>,
}

/// The bar shown in focus mode: who, where, previous/next, exit.
#[component]
pub fn FocusBar(p: &FocusBarProps) -> Html {
    let prev = p.onstep.reform(|_: MouseEvent| false);
    let next = p.onstep.reform(|_: MouseEvent| true);
    let exit = p.onexit.reform(|_: MouseEvent| ());
    let where_ = match p.pos {
        Some(i) => format!("mention {} of {}", i + 1, p.count),
        None => format!("{} mentions", p.count),
    };
    html! {
        <div id="focus-bar" class="focus-bar" role="region" aria-label={format!("Focus mode: {}", p.name)}>
            <span class={classes!("swatch", format!("lbl-{}", p.label))} aria-hidden="true"></span>
            <span class="focus-name">{ p.name.clone() }</span>
            <span class="focus-pos" aria-live="polite">{ where_ }</span>
            <span class="focus-buttons">
                <button id="focus-prev" onclick={prev} title="Previous mention (p)" aria-label="Previous mention">{ "‹ Prev" }</button>
                <button id="focus-next" onclick={next} title="Next mention (n)" aria-label="Next mention">{ "Next ›" }</button>
                <button id="focus-exit" onclick={exit} title="Leave focus mode (Esc)" aria-label="Leave focus mode">{ "×" }</button>
            </span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dramatis_core::{analyze, Options};

    #[test]
    fn fragments_round_trip() {
        for name in ["Vladimir Putin", "Recep Tayyip Erdoğan", "AT&T #1", "a3"] {
            let f = to_fragment(name);
            assert!(f.starts_with("#actor="));
            assert!(!f[1..].contains('#') && !f.contains(' '), "{f}");
            assert_eq!(from_fragment(&f).as_deref(), Some(name));
        }
        assert_eq!(from_fragment("#x=1&actor=Putin").as_deref(), Some("Putin"));
        assert_eq!(from_fragment("#actor="), None);
        assert_eq!(from_fragment(""), None);
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%41"), "%zzA");
    }

    #[test]
    fn steps_wrap_around() {
        assert_eq!(step(None, 3, true), Some(0));
        assert_eq!(step(None, 3, false), Some(2));
        assert_eq!(step(Some(2), 3, true), Some(0));
        assert_eq!(step(Some(0), 3, false), Some(2));
        assert_eq!(step(Some(1), 3, true), Some(2));
        assert_eq!(step(None, 0, true), None);
    }

    #[test]
    fn resolves_by_id_or_name() {
        let a = analyze(
            "Russian President Vladimir Putin met Erdoğan. Putin spoke.",
            &Options::default(),
        );
        let putin = a
            .actors
            .iter()
            .find(|x| x.name == "Vladimir Putin")
            .unwrap();
        assert_eq!(resolve(&a, &putin.id).unwrap().id, putin.id);
        assert_eq!(resolve(&a, "Vladimir Putin").unwrap().id, putin.id);
        assert_eq!(resolve(&a, "vladimir putin").unwrap().id, putin.id);
        assert!(resolve(&a, "Nobody").is_none());
    }

    #[test]
    fn css_only_for_safe_ids() {
        assert!(dynamic_css(Some("a3"), None).contains("[data-actor=\"a3\"]"));
        assert!(dynamic_css(None, Some("a_1-2")).contains("outline"));
        assert_eq!(
            dynamic_css(Some("a\"]{}body{display:none"), Some("</style>")),
            ""
        );
        assert_eq!(dynamic_css(None, None), "");
    }
}
