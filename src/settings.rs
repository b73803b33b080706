//! The reader's settings and the last article, kept in `localStorage`.
//!
//! Settings are one short `key=value;…` string (no JSON parser in the wasm);
//! unknown keys and bad values fall back to the defaults, so an old or
//! hand-edited entry can never break the page. The last article is its text
//! (and the date the reader set, if any), stored only while it is small
//! enough for the browser's quota.

use dramatis_core::Label;

pub const SETTINGS_KEY: &str = "dramatis.settings";
pub const ARTICLE_KEY: &str = "dramatis.article";
pub const ARTICLE_DATE_KEY: &str = "dramatis.article.date";
/// Articles longer than this are not kept (localStorage holds ~5 MB of UTF-16).
pub const MAX_STORED_ARTICLE: usize = 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
    pub fn parse(s: &str) -> Option<Theme> {
        [Theme::System, Theme::Light, Theme::Dark]
            .into_iter()
            .find(|t| t.as_str() == s)
    }
    /// The toggle's order: system → light → dark → system.
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub theme: Theme,
    /// Cards open only on click, tap or Enter (not on hover or focus).
    pub click_only: bool,
    /// Highlight actors mentioned only once and never quoted.
    pub show_minor: bool,
    /// Labels the reader switched off in the legend.
    pub hidden: Vec<Label>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: Theme::System,
            click_only: false,
            show_minor: true,
            hidden: Vec::new(),
        }
    }
}

impl Settings {
    pub fn is_hidden(&self, l: Label) -> bool {
        self.hidden.contains(&l)
    }

    /// The same settings with label `l` switched on or off.
    pub fn toggled(&self, l: Label) -> Settings {
        let mut s = self.clone();
        if s.is_hidden(l) {
            s.hidden.retain(|&x| x != l);
        } else {
            s.hidden.push(l);
            s.hidden.sort();
        }
        s
    }

    pub fn serialize(&self) -> String {
        let hidden: Vec<&str> = self.hidden.iter().map(|l| l.as_str()).collect();
        format!(
            "theme={};click_only={};show_minor={};hidden={}",
            self.theme.as_str(),
            u8::from(self.click_only),
            u8::from(self.show_minor),
            hidden.join(",")
        )
    }

    pub fn parse(s: &str) -> Settings {
        let mut out = Settings::default();
        for pair in s.split(';') {
            let Some((k, v)) = pair.split_once('=') else {
                continue;
            };
            match k.trim() {
                "theme" => out.theme = Theme::parse(v.trim()).unwrap_or_default(),
                "click_only" => out.click_only = v.trim() == "1",
                "show_minor" => out.show_minor = v.trim() != "0",
                "hidden" => {
                    out.hidden = v
                        .split(',')
                        .filter_map(|x| Label::parse(x.trim()))
                        .collect();
                    out.hidden.sort();
                    out.hidden.dedup();
                }
                _ => {}
            }
        }
        out
    }
}

/// The last article: its text and the date the reader set (if any).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedArticle {
    pub text: String,
    pub date: Option<String>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load() -> Settings {
    storage()
        .and_then(|s| s.get_item(SETTINGS_KEY).ok().flatten())
        .map(|v| Settings::parse(&v))
        .unwrap_or_default()
}

pub fn save(s: &Settings) {
    if let Some(st) = storage() {
        let _ = st.set_item(SETTINGS_KEY, &s.serialize());
    }
}

pub fn load_article() -> Option<SavedArticle> {
    let st = storage()?;
    let text = st.get_item(ARTICLE_KEY).ok().flatten()?;
    let date = st
        .get_item(ARTICLE_DATE_KEY)
        .ok()
        .flatten()
        .filter(|d| dramatis_core::date::is_iso_date(d));
    Some(SavedArticle { text, date })
}

/// Keep `text` as the last article (or forget it when too big to keep).
pub fn save_article(text: &str, date: Option<&str>) {
    let Some(st) = storage() else {
        return;
    };
    let _ = st.remove_item(ARTICLE_DATE_KEY);
    if text.len() > MAX_STORED_ARTICLE || st.set_item(ARTICLE_KEY, text).is_err() {
        let _ = st.remove_item(ARTICLE_KEY);
        return;
    }
    if let Some(d) = date {
        let _ = st.set_item(ARTICLE_DATE_KEY, d);
    }
}

/// Forget everything this reader stored.
pub fn clear_all() {
    if let Some(st) = storage() {
        for k in [SETTINGS_KEY, ARTICLE_KEY, ARTICLE_DATE_KEY] {
            let _ = st.remove_item(k);
        }
    }
}

/// Apply the theme to `<html data-theme>` (the CSS reads it; "system" removes it).
pub fn apply_theme(theme: Theme) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match theme {
        Theme::System => root.remove_attribute("data-theme"),
        t => root.set_attribute("data-theme", t.as_str()),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let s = Settings {
            theme: Theme::Dark,
            click_only: true,
            show_minor: false,
            hidden: vec![Label::NORP, Label::GPE],
        }
        .toggled(Label::ORG)
        .toggled(Label::NORP);
        assert_eq!(s.hidden, vec![Label::ORG, Label::GPE]);
        assert_eq!(Settings::parse(&s.serialize()), s);
        assert_eq!(
            Settings::parse(&Settings::default().serialize()),
            Settings::default()
        );
    }

    #[test]
    fn bad_input_falls_back_to_defaults() {
        assert_eq!(Settings::parse(""), Settings::default());
        assert_eq!(Settings::parse("{\"json\": true}"), Settings::default());
        let s = Settings::parse("theme=purple;hidden=NOPE,PERSON,PERSON;show_minor=0;x=1");
        assert_eq!(s.theme, Theme::System);
        assert_eq!(s.hidden, vec![Label::PERSON]);
        assert!(!s.show_minor);
        assert!(!s.click_only);
    }

    #[test]
    fn theme_cycles_through_all() {
        let mut t = Theme::System;
        let mut seen = vec![];
        for _ in 0..3 {
            t = t.next();
            seen.push(t);
        }
        assert_eq!(seen, vec![Theme::Light, Theme::Dark, Theme::System]);
    }
}
