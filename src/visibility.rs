//! Which mentions are highlighted: the legend's label toggles, the "minor
//! actors" switch, and focus mode (the focused actor always shows).

use std::collections::HashSet;
use std::rc::Rc;

use dramatis_core::{Analysis, Label, Mention};

use crate::cast::is_minor;
use crate::settings::Settings;

#[derive(Clone, Debug)]
pub struct Visibility {
    pub hidden: Vec<Label>,
    pub show_minor: bool,
    /// Ids of this analysis' minor actors.
    pub minor: Rc<HashSet<String>>,
    /// The actor in focus mode: shown whatever the toggles say.
    pub focused: Option<String>,
}

impl PartialEq for Visibility {
    fn eq(&self, o: &Self) -> bool {
        self.hidden == o.hidden
            && self.show_minor == o.show_minor
            && self.focused == o.focused
            && Rc::ptr_eq(&self.minor, &o.minor)
    }
}

/// Ids of the minor actors of `a` (mentioned once, never quoted).
pub fn minor_ids(a: &Analysis) -> HashSet<String> {
    a.actors
        .iter()
        .filter(|x| is_minor(x))
        .map(|x| x.id.clone())
        .collect()
}

impl Visibility {
    pub fn new(s: &Settings, minor: Rc<HashSet<String>>, focused: Option<String>) -> Visibility {
        Visibility {
            hidden: s.hidden.clone(),
            show_minor: s.show_minor,
            minor,
            focused,
        }
    }

    /// Whether a mention of `actor` with `label` is highlighted and interactive.
    pub fn shows_parts(&self, label: Label, actor: &str) -> bool {
        if self.focused.as_deref() == Some(actor) {
            return true;
        }
        !self.hidden.contains(&label) && (self.show_minor || !self.minor.contains(actor))
    }

    pub fn shows(&self, m: &Mention) -> bool {
        self.shows_parts(m.label, &m.actor)
    }

    /// Classes for the `<article>`: `hide-LABEL` per hidden label, `hide-minor`.
    pub fn article_classes(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .hidden
            .iter()
            .map(|l| format!("hide-{}", l.as_str()))
            .collect();
        if !self.show_minor {
            out.push("hide-minor".into());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dramatis_core::{analyze, Options};

    #[test]
    fn toggles_and_focus() {
        let a = analyze(
            "Russian President Vladimir Putin met Erdoğan in Ankara. Putin spoke.",
            &Options::default(),
        );
        let minor = Rc::new(minor_ids(&a));
        let putin = a
            .actors
            .iter()
            .find(|x| x.name == "Vladimir Putin")
            .unwrap();
        let ankara = a.mentions.iter().find(|m| m.text == "Ankara").unwrap();
        assert!(minor.contains(&ankara.actor), "Ankara is mentioned once");
        assert!(!minor.contains(&putin.id));

        let mut s = Settings::default();
        let v = Visibility::new(&s, minor.clone(), None);
        assert!(a.mentions.iter().all(|m| v.shows(m)));
        assert!(v.article_classes().is_empty());

        s = s.toggled(Label::PERSON);
        s.show_minor = false;
        let v = Visibility::new(&s, minor.clone(), None);
        assert!(!a
            .mentions
            .iter()
            .any(|m| m.label == Label::PERSON && v.shows(m)));
        assert!(!v.shows(ankara));
        assert_eq!(v.article_classes(), vec!["hide-PERSON", "hide-minor"]);

        let v = Visibility::new(&s, minor, Some(putin.id.clone()));
        let pm = &a.mentions[putin.mentions[0]];
        assert!(
            v.shows(pm),
            "the focused actor shows even when its label is off"
        );
    }
}
