//! Label colours and names (displaCy's familiar palette) and kind names.

use dramatis_core::{Kind, Label};

/// Background colour for a label (light theme; the CSS holds the dark variants).
pub fn colour(label: Label) -> &'static str {
    match label {
        Label::PERSON => "#aa9cfc",
        Label::ORG => "#7aecec",
        Label::GPE => "#feca74",
        Label::LOC => "#ff9561",
        Label::NORP => "#c887fb",
        Label::FAC => "#9cc9cc",
        Label::EVENT => "#ffeb80",
        Label::PRODUCT => "#bfeeb7",
        Label::WORK_OF_ART => "#f0d0ff",
        Label::LAW => "#ff8197",
    }
}

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
    use super::*;

    #[test]
    fn every_label_has_a_distinct_colour() {
        let mut seen: Vec<&str> = Label::ALL.iter().map(|&l| colour(l)).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), Label::ALL.len());
    }
}
