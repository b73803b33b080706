//! Label and kind names for display. Label colours live in
//! `assets/style.css` (`--PERSON` … and `.lbl-PERSON` …; displaCy's palette).

use dramatis_core::Kind;

pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "Person",
        Kind::State => "State",
        Kind::Organisation => "Organisation",
        Kind::Group => "Group",
        Kind::Place => "Place",
    }
}

#[cfg(test)]
mod tests {
    use dramatis_core::Label;

    const CSS: &str = include_str!("../assets/style.css");

    #[test]
    fn every_label_has_a_colour_and_a_class() {
        for l in Label::ALL {
            let name = l.as_str();
            assert!(
                CSS.contains(&format!("--{name}: #")),
                "no colour for {name}"
            );
            assert!(
                CSS.contains(&format!(".lbl-{name} {{ --c: var(--{name}); }}")),
                "no class for {name}"
            );
        }
    }
}
