//! The legend: which labels this article uses, their colours and counts.

use dramatis_core::{Analysis, Label};
use yew::prelude::*;

use crate::doc::Doc;

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub doc: Doc,
    /// Labels switched off.
    pub hidden: Vec<Label>,
    /// A label's toggle was pressed.
    pub ontoggle: Callback<Label>,
}

/// Counts of mentions per label, in the fixed label order, zeros left out.
pub fn label_counts(a: &Analysis) -> Vec<(Label, usize)> {
    let mut n = [0usize; Label::ALL.len()];
    for m in &a.mentions {
        if let Some(i) = Label::ALL.iter().position(|&l| l == m.label) {
            n[i] += 1;
        }
    }
    Label::ALL
        .iter()
        .zip(n)
        .map(|(&l, n)| (l, n))
        .filter(|&(_, n)| n > 0)
        .collect()
}

/// The legend: one toggle per label present (pressed = highlighted).
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    let counts = label_counts(&props.doc);
    if counts.is_empty() {
        return html! {};
    }
    html! {
        <ul class="legend" aria-label="Entity labels: press one to hide or show its highlights">
            { for counts.into_iter().map(|(l, n)| {
                let on = !props.hidden.contains(&l);
                let onclick = props.ontoggle.reform(move |_: MouseEvent| l);
                html! {
                    <li class={classes!("legend-item", (!on).then_some("off"))} data-label={l.as_str()} title={l.describe()}>
                        <button class="legend-toggle" aria-pressed={on.to_string()} {onclick}
                                aria-label={format!("{} ({}), {} mentions", l.describe(), l.as_str(), n)}>
                            <span class={classes!("swatch", format!("lbl-{}", l.as_str()))} aria-hidden="true"></span>
                            <span class="legend-name">{ l.as_str() }</span>
                            <span class="legend-desc">{ l.describe() }</span>
                            <span class="legend-count">{ n }</span>
                        </button>
                    </li>
                }
            }) }
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dramatis_core::{analyze, Options};

    #[test]
    fn counts_every_mention_once_in_label_order() {
        let a = analyze(
            include_str!("../assets/samples/karabakh-2020.txt"),
            &Options::default(),
        );
        let c = label_counts(&a);
        assert_eq!(c.iter().map(|x| x.1).sum::<usize>(), a.mentions.len());
        let order: Vec<usize> = c
            .iter()
            .map(|(l, _)| Label::ALL.iter().position(|x| x == l).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]));
    }
}
