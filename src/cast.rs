//! The cast panel (Kindle X-Ray's cast list): every actor of the article,
//! grouped by kind and sorted by salience, with mention counts and a filter
//! box. Hovering (or focusing) an entry lights all its mentions; clicking it
//! enters focus mode. The grouping and filtering are pure and host-tested.

use dramatis_core::{Actor, Analysis, Kind};
use yew::prelude::*;

use crate::doc::Doc;
use crate::settings::Settings;

/// Kinds in the panel's order, with their group headings.
pub const GROUPS: [(Kind, &str); 5] = [
    (Kind::Person, "People"),
    (Kind::State, "States"),
    (Kind::Organisation, "Organisations"),
    (Kind::Group, "Groups"),
    (Kind::Place, "Places"),
];

/// A minor actor is mentioned once and never quoted (the "minor actors" switch).
pub fn is_minor(actor: &Actor) -> bool {
    actor.mentions.len() <= 1 && actor.quotes.is_empty()
}

/// Lower case without the common Latin diacritics, so "erdogan" finds "Erdoğan".
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'ď' | 'đ' => 'd',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ğ' => 'g',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
            'ł' => 'l',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ř' => 'r',
            'ś' | 'š' | 'ş' | 'ș' => 's',
            'ť' | 'ţ' | 'ț' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            '’' => '\'',
            c => c,
        })
        .collect()
}

/// Whether `actor` matches the filter text: its name, a role, or one of the
/// ways the article names it (its first mentions).
pub fn matches(a: &Analysis, actor: &Actor, filter: &str) -> bool {
    let f = fold(filter.trim());
    if f.is_empty() {
        return true;
    }
    fold(&actor.name).contains(&f)
        || actor.roles.iter().any(|r| fold(r).contains(&f))
        || actor
            .mentions
            .iter()
            .take(50)
            .filter_map(|&m| a.mentions.get(m))
            .any(|m| fold(&m.text).contains(&f))
}

/// The panel's groups: (kind, heading, actors by salience then mentions then name).
pub fn groups<'a>(
    a: &'a Analysis,
    filter: &str,
    show_minor: bool,
) -> Vec<(Kind, &'static str, Vec<&'a Actor>)> {
    GROUPS
        .iter()
        .filter_map(|&(kind, heading)| {
            let mut xs: Vec<&Actor> = a
                .actors
                .iter()
                .filter(|x| x.kind == kind && !x.mentions.is_empty())
                .filter(|x| show_minor || !is_minor(x))
                .filter(|x| matches(a, x, filter))
                .collect();
            xs.sort_by(|p, q| {
                q.salience
                    .total_cmp(&p.salience)
                    .then(q.mentions.len().cmp(&p.mentions.len()))
                    .then(p.name.cmp(&q.name))
            });
            (!xs.is_empty()).then_some((kind, heading, xs))
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct CastProps {
    pub doc: Doc,
    pub settings: Settings,
    /// The actor in focus mode, if any.
    pub focused: Option<String>,
    /// Start open (wide screens); the reader can fold it on small ones.
    pub open: bool,
    /// An entry is hovered or focused (Some) or left (None).
    pub onlight: Callback<Option<String>>,
    /// An entry was clicked: enter focus mode for this actor id.
    pub onselect: Callback<String>,
}

#[component]
pub fn CastPanel(props: &CastProps) -> Html {
    let filter = use_state(String::new);
    // Roving tabindex: the list is one Tab stop; arrow keys move inside it.
    let current = use_state(|| None::<String>);
    let panel_ref = use_node_ref();
    let a: &Analysis = &props.doc;
    if a.actors.is_empty() {
        return html! {};
    }
    let gs = groups(a, &filter, props.settings.show_minor);
    let shown: usize = gs.iter().map(|g| g.2.len()).sum();
    let minor_hidden = if props.settings.show_minor {
        0
    } else {
        a.actors.iter().filter(|x| is_minor(x)).count()
    };
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                filter.set(i.value());
            }
        })
    };
    let onkeydown = {
        let panel_ref = panel_ref.clone();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if !matches!(key.as_str(), "ArrowDown" | "ArrowUp" | "Home" | "End") {
                return;
            }
            let (Some(panel), Some(t)) = (
                panel_ref.cast::<web_sys::Element>(),
                e.target_dyn_into::<web_sys::Element>(),
            ) else {
                return;
            };
            if !t.class_list().contains("cast-entry") {
                return;
            }
            let Ok(list) = panel.query_selector_all(".cast-entry") else {
                return;
            };
            let n = list.length();
            let at = (0..n).find(|&i| list.item(i).is_some_and(|x| x.is_same_node(Some(&t))));
            let Some(at) = at else {
                return;
            };
            let to = match key.as_str() {
                "ArrowDown" => (at + 1).min(n - 1),
                "ArrowUp" => at.saturating_sub(1),
                "Home" => 0,
                _ => n - 1,
            };
            e.prevent_default();
            if let Some(el) = list
                .item(to)
                .and_then(|x| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(x).ok())
            {
                let _ = el.focus();
            }
        })
    };
    // The entry that takes the Tab stop: the last one focused, else the focused actor, else the first.
    let first_id = gs.first().and_then(|g| g.2.first()).map(|x| x.id.clone());
    let listed = |id: &str| gs.iter().any(|g| g.2.iter().any(|x| x.id == id));
    let tab_stop = (*current)
        .clone()
        .filter(|id| listed(id))
        .or_else(|| props.focused.clone().filter(|id| listed(id)))
        .or(first_id);
    let leave = props.onlight.reform(|_: MouseEvent| None);
    let blur = props.onlight.reform(|_: FocusEvent| None);
    html! {
        <details class="cast-panel" ref={panel_ref} open={props.open} aria-label="Cast" {onkeydown}>
            <summary class="cast-summary">
                <span class="cast-title">{ "Cast" }</span>
                <span class="cast-total">{ format!("{} actors", a.actors.len()) }</span>
            </summary>
            <p class="cast-help visually-hidden">{ "Arrow keys move through the list; Enter shows one actor only (focus mode)." }</p>
            <input type="search" id="cast-filter" class="cast-filter" placeholder="Filter actors"
                   aria-label="Filter actors" value={(*filter).clone()} {oninput} />
            if gs.is_empty() {
                <p class="cast-none" role="status">{ format!("No actor matches “{}”.", filter.trim()) }</p>
            }
            { for gs.into_iter().map(|(kind, heading, xs)| html! {
                <section class="cast-group" data-kind={kind.as_str()} aria-label={heading}>
                    <h2 class="cast-heading">{ heading }<span class="cast-heading-n">{ xs.len() }</span></h2>
                    <ul class="cast-list">
                        { for xs.into_iter().map(|x| {
                            let id = x.id.clone();
                            let (i1, i2, i3) = (id.clone(), id.clone(), id.clone());
                            let onmouseenter = props.onlight.reform(move |_: MouseEvent| Some(i1.clone()));
                            let onfocus = {
                                let onlight = props.onlight.clone();
                                let current = current.clone();
                                Callback::from(move |_: FocusEvent| {
                                    current.set(Some(i2.clone()));
                                    onlight.emit(Some(i2.clone()));
                                })
                            };
                            let tabindex = if tab_stop.as_deref() == Some(x.id.as_str()) { "0" } else { "-1" };
                            let onclick = props.onselect.reform(move |_: MouseEvent| i3.clone());
                            let pressed = props.focused.as_deref() == Some(x.id.as_str());
                            let hidden = props.settings.is_hidden(x.label);
                            let n = x.mentions.len();
                            let flag = (x.kind == Kind::State).then(|| x.flag.clone()).flatten();
                            html! {
                                <li>
                                    <button class={classes!("cast-entry", format!("lbl-{}", x.label.as_str()), hidden.then_some("label-off"))}
                                            data-actor={id} aria-pressed={pressed.to_string()} {tabindex}
                                            title={format!("{}: show only this actor (focus mode)", x.name)}
                                            {onmouseenter} onmouseleave={leave.clone()} {onfocus} onblur={blur.clone()} {onclick}>
                                        <span class={classes!("swatch", format!("lbl-{}", x.label.as_str()))} aria-hidden="true"></span>
                                        if let Some(f) = flag { <span class="cast-flag" aria-hidden="true">{ f }</span> }
                                        <span class="cast-name">{ x.name.clone() }</span>
                                        <span class="cast-count" aria-label={format!("{n} mentions")}>{ n }</span>
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }) }
            if minor_hidden > 0 {
                <p class="cast-note">{ format!("{minor_hidden} minor actors hidden") }</p>
            }
            <p class="cast-note" aria-live="polite">{ if filter.trim().is_empty() { String::new() } else { format!("{shown} shown") } }</p>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dramatis_core::{analyze, Options};

    const SAMPLE: &str = include_str!("../assets/samples/karabakh-2020.txt");

    #[test]
    fn groups_by_kind_sorted_by_salience() {
        let a = analyze(SAMPLE, &Options::default());
        let gs = groups(&a, "", true);
        let kinds: Vec<Kind> = gs.iter().map(|g| g.0).collect();
        let order: Vec<Kind> = GROUPS
            .iter()
            .map(|g| g.0)
            .filter(|k| kinds.contains(k))
            .collect();
        assert_eq!(kinds, order, "groups in the fixed kind order");
        let people = &gs.iter().find(|g| g.0 == Kind::Person).unwrap().2;
        assert!(people.iter().any(|x| x.name == "Vladimir Putin"));
        for w in people.windows(2) {
            assert!(
                w[0].salience >= w[1].salience,
                "{} before {}",
                w[0].name,
                w[1].name
            );
        }
        let total: usize = gs.iter().map(|g| g.2.len()).sum();
        assert_eq!(
            total,
            a.actors.iter().filter(|x| !x.mentions.is_empty()).count()
        );
    }

    #[test]
    fn filter_folds_case_and_diacritics_and_knows_surfaces() {
        let a = analyze(SAMPLE, &Options::default());
        let names = |f: &str| -> Vec<String> {
            groups(&a, f, true)
                .into_iter()
                .flat_map(|g| g.2.into_iter().map(|x| x.name.clone()))
                .collect()
        };
        assert!(names("erdogan").iter().any(|n| n.contains("Erdoğan")));
        assert!(names("LAVROV").iter().any(|n| n.contains("Lavrov")));
        // "Azeri" is how the article names Azerbaijan in places.
        assert!(names("azeri").iter().any(|n| n == "Azerbaijan"));
        assert!(names("zzzz-nobody").is_empty());
        assert_eq!(fold("Erdoğan Şahin"), "erdogan sahin");
    }

    #[test]
    fn minor_actors_can_be_left_out() {
        let a = analyze(SAMPLE, &Options::default());
        let all: usize = groups(&a, "", true).iter().map(|g| g.2.len()).sum();
        let major: usize = groups(&a, "", false).iter().map(|g| g.2.len()).sum();
        let minor = a
            .actors
            .iter()
            .filter(|x| is_minor(x) && !x.mentions.is_empty())
            .count();
        assert!(minor > 0, "the sample has actors mentioned once");
        assert_eq!(all - major, minor);
    }
}
