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

#[component]
pub fn Card(props: &CardProps) -> Html {
    let a: &Analysis = &props.doc;
    let Some(m) = a.mentions.get(props.mention) else { return html! {} };
    let Some(actor) = a.actor(&m.actor) else { return html! {} };
    let onenter = props.onenter.reform(|_: MouseEvent| ());
    let onleave = props.onleave.reform(|_: MouseEvent| ());
    let onclose = props.onclose.reform(|_: MouseEvent| ());
    let role = if props.pinned { "dialog" } else { "tooltip" };
    let label = actor.label.as_str();
    let flag = (actor.kind == dramatis_core::Kind::State).then(|| actor.flag.clone()).flatten();
    let desc = actor.kb.as_ref().and_then(|k| k.description.clone());
    let count = actor.mentions.len();
    html! {
        <div id="card" class={classes!("card", props.pinned.then_some("pinned"))} {role}
             aria-label={format!("About {}", actor.name)}
             style={props.placement.style()} onmouseenter={onenter} onmouseleave={onleave}>
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
            if let Some(d) = desc { <p class="card-desc">{ d }</p> }
            if let Some(q) = actor.quotes.first() {
                <blockquote class="card-quote">{ format!("“{}”", q.text) }</blockquote>
            }
            <div class="card-count">
                { format!("Mentioned {} in this article", plural(count, "time", "times")) }
                if actor.quotes.len() > 1 { { format!(" · {} quotes", actor.quotes.len()) } }
            </div>
        </div>
    }
}
