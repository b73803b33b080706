//! The legend: which labels this article uses, their colours and counts.

use dramatis_core::{Analysis, Label};
use yew::prelude::*;

use crate::doc::Doc;

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub doc: Doc,
}

/// Counts of mentions per label, in the fixed label order, zeros left out.
pub fn label_counts(a: &Analysis) -> Vec<(Label, usize)> {
    Label::ALL
        .iter()
        .map(|&l| (l, a.mentions.iter().filter(|m| m.label == l).count()))
        .filter(|&(_, n)| n > 0)
        .collect()
}

#[component]
pub fn Legend(props: &LegendProps) -> Html {
    let counts = label_counts(&props.doc);
    if counts.is_empty() {
        return html! {};
    }
    html! {
        <ul class="legend" aria-label="Entity labels">
            { for counts.into_iter().map(|(l, n)| html! {
                <li class="legend-item" data-label={l.as_str()} title={l.describe()}>
                    <span class={classes!("swatch", format!("lbl-{}", l.as_str()))} aria-hidden="true"></span>
                    <span class="legend-name">{ l.as_str() }</span>
                    <span class="legend-desc">{ l.describe() }</span>
                    <span class="legend-count">{ n }</span>
                </li>
            }) }
        </ul>
    }
}
