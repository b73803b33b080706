//! The hover card: who an actor is and what this article says about them.

use dramatis_core::{Actor, Analysis};
use yew::prelude::*;

use crate::doc::Doc;
use crate::palette::kind_name;
use crate::placement::Placement;

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub doc: Doc,
    pub mention: usize,
    pub placement: Placement,
    pub pinned: bool,
    /// Shown as a bottom sheet (narrow screens) instead of beside the mention.
    #[prop_or_default]
    pub sheet: bool,
    pub onenter: Callback<()>,
    pub onleave: Callback<()>,
    pub onclose: Callback<()>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The one-line role summary: `President · 🇷🇺 Russia`.
pub fn role_line(a: &Analysis, actor: &Actor) -> Option<String> {
    let aff = actor.affiliation.as_deref().and_then(|id| a.actor(id));
    let aff_txt = aff.map(|x| match &x.flag {
        Some(f) if x.kind == dramatis_core::Kind::State => format!("{f} {}", x.name),
        _ => x.name.clone(),
    });
    let roles = actor.roles.join(", ");
    match (roles.is_empty(), aff_txt) {
        (true, None) => None,
        (true, Some(f)) => Some(f),
        (false, None) => Some(roles),
        (false, Some(f)) => Some(format!("{roles} · {f}")),
    }
}

/// Sector codes (CAMEO-style) in words.
pub fn sector_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "GOV" => "Government",
        "MIL" => "Military",
        "POLICE" | "COP" => "Police",
        "MED" => "Media",
        "IGO" => "International organisation",
        "NGO" => "Non-governmental organisation",
        "PTY" => "Political party",
        "REB" => "Armed group",
        "BUS" => "Business",
        "EDU" => "Education",
        "REL" => "Religious",
        "SPO" => "Sport",
        "SPY" => "Intelligence",
        "OPP" => "Opposition",
        _ => return None,
    })
}

/// `President of Russia since 2012-05-07 (on 2020-10-14)`.
pub fn office_line(a: &Analysis, actor: &Actor) -> Option<String> {
    let kb = actor.kb.as_ref()?;
    let office = kb.office.as_ref()?;
    let since = kb
        .office_start
        .as_deref()
        .map(|s| format!(" since {}", &s[..4.min(s.len())]))
        .unwrap_or_default();
    Some(format!("{office}{since} (as of {})", a.date))
}

/// A change after the article's date: `Later: left office 2024` / `Later: President of Russia (2012)`.
pub fn later_line(actor: &Actor) -> Option<String> {
    let kb = actor.kb.as_ref()?;
    let mut parts: Vec<String> = kb.later.clone();
    if let Some(end) = &kb.office_end {
        parts.insert(
            0,
            format!("left that office in {}", &end[..4.min(end.len())]),
        );
    }
    (!parts.is_empty()).then(|| format!("Later: {}", parts.join("; ")))
}

/// `🇹🇷 Turkey · Media` for people and organisations of a state.
pub fn country_line(actor: &Actor) -> Option<String> {
    let kb = actor.kb.as_ref()?;
    if actor.kind == dramatis_core::Kind::State {
        return None;
    }
    let sector = kb
        .sector
        .as_deref()
        .and_then(sector_name)
        .map(|s| match &kb.ownership {
            Some(o) => format!("{s}, {o}"),
            None => s.to_string(),
        });
    let country = kb
        .country
        .as_deref()
        .and_then(|c| dramatis_core::kb::Kb::embedded().country(c))
        .map(|c| match c.flag() {
            Some(f) => format!("{f} {}", c.name),
            None => c.name.to_string(),
        });
    match (country, sector) {
        (Some(c), Some(s)) => Some(format!("{c} · {s}")),
        (Some(c), None) => Some(c),
        (None, Some(s)) => Some(s),
        (None, None) => None,
    }
}

/// Plain links for reading more (nothing is fetched): Wikidata when the KB
/// knows the item, and a Wikipedia search for the name.
pub fn links(actor: &Actor) -> Option<(Option<String>, String)> {
    let kb = actor.kb.as_ref()?;
    let wd = kb
        .wikidata
        .as_ref()
        .map(|q| format!("https://www.wikidata.org/wiki/{q}"));
    let name: String = actor
        .name
        .chars()
        .map(|c| if c == ' ' { '+' } else { c })
        .collect();
    let wp = format!(
        "https://en.wikipedia.org/w/index.php?search={}",
        encode(&name)
    );
    Some((wd, wp))
}

/// Percent-encode everything but unreserved characters and '+'.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'+') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[component]
pub fn Card(props: &CardProps) -> Html {
    let a: &Analysis = &props.doc;
    let Some(m) = a.mentions.get(props.mention) else {
        return html! {};
    };
    let Some(actor) = a.actor(&m.actor) else {
        return html! {};
    };
    let onenter = props.onenter.reform(|_: MouseEvent| ());
    let onleave = props.onleave.reform(|_: MouseEvent| ());
    let onclose = props.onclose.reform(|_: MouseEvent| ());
    let role = if props.pinned { "dialog" } else { "tooltip" };
    let label = actor.label.as_str();
    let flag = (actor.kind == dramatis_core::Kind::State)
        .then(|| actor.flag.clone())
        .flatten();
    let desc = actor.kb.as_ref().and_then(|k| k.description.clone());
    let count = actor.mentions.len();
    html! {
        <div id="card" class={classes!("card", props.pinned.then_some("pinned"), props.sheet.then_some("sheet"))} {role}
             aria-label={format!("About {}", actor.name)}
             style={if props.sheet { String::new() } else { props.placement.style() }}
             onmouseenter={onenter} onmouseleave={onleave}>
            if props.sheet { <div class="sheet-handle" aria-hidden="true"></div> }
            <div class="card-head">
                <span class={classes!("card-dot", format!("lbl-{label}"))} aria-hidden="true"></span>
                if let Some(f) = flag { <span class="card-flag" aria-hidden="true">{ f }</span> }
                <span class="card-name">{ actor.name.clone() }</span>
                if props.pinned {
                    <button class="card-close" aria-label="Close" onclick={onclose}>{ "×" }</button>
                }
            </div>
            <div class="card-meta">
                <span class="card-kind">{ kind_name(actor.kind) }</span>
                { " · " }
                <span class="card-label" title={actor.label.describe()}>{ label }</span>
            </div>
            if let Some(r) = role_line(a, actor) { <div class="card-roles">{ r }</div> }
            if let Some(o) = office_line(a, actor) { <div class="card-office">{ o }</div> }
            if let Some(l) = later_line(actor) { <div class="card-later">{ l }</div> }
            if let Some(d) = desc { <p class="card-desc">{ d }</p> }
            if let Some(c) = country_line(actor) { <div class="card-country">{ c }</div> }
            if let Some(q) = actor.quotes.first() {
                <blockquote class="card-quote">{ format!("“{}”", q.text) }</blockquote>
            }
            if let Some((wd, wp)) = links(actor) {
                <div class="card-links">
                    if let Some(wd) = wd { <a href={wd} target="_blank" rel="noopener noreferrer">{ "Wikidata" }</a> }
                    <a href={wp} target="_blank" rel="noopener noreferrer">{ "Wikipedia" }</a>
                </div>
            }
            <div class="card-count">
                { format!("Mentioned {} in this article", plural(count, "time", "times")) }
                if actor.quotes.len() > 1 { { format!(" · {} quotes", actor.quotes.len()) } }
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dramatis_core::{analyze, Options};

    fn card_lines(
        text: &str,
        date: &str,
        name: &str,
    ) -> (Option<String>, Option<String>, Option<String>) {
        let a = analyze(
            text,
            &Options {
                date: Some(date.into()),
                today: None,
                ..Default::default()
            },
        );
        let x = a
            .actors
            .iter()
            .find(|x| x.name == name)
            .unwrap_or_else(|| panic!("no {name}"));
        (office_line(&a, x), later_line(x), country_line(x))
    }

    #[test]
    fn office_on_the_article_date_and_later_changes() {
        let (office, later, country) = card_lines(
            "Prime Minister Vladimir Putin visited Paris.",
            "2010-06-01",
            "Vladimir Putin",
        );
        assert_eq!(
            office.as_deref(),
            Some("Prime Minister of Russia since 2008 (as of 2010-06-01)")
        );
        let later = later.unwrap();
        assert!(
            later.contains("left that office in 2012") && later.contains("President of Russia"),
            "{later}"
        );
        assert_eq!(country.as_deref(), Some("🇷🇺 Russia · Government"));
    }

    #[test]
    fn sectors_and_links() {
        let a = analyze(
            "Azeri forces advanced, Anadolu reported.",
            &Options::default(),
        );
        let forces = a.actors.iter().find(|x| x.name == "Azeri forces").unwrap();
        assert_eq!(
            country_line(forces).as_deref(),
            Some("🇦🇿 Azerbaijan · Military")
        );
        let anadolu = a
            .actors
            .iter()
            .find(|x| x.name.starts_with("Anadolu"))
            .unwrap();
        let (_, wp) = links(anadolu).unwrap();
        assert!(wp.starts_with("https://en.wikipedia.org/w/index.php?search=Anadolu"));
        assert_eq!(encode("Erdoğan"), "Erdo%C4%9Fan");
    }
}
