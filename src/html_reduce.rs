//! An HTML page → the article as plain text (title, byline, date,
//! paragraphs, quotes), for the engine. The page is parsed with `DOMParser`
//! into an inert document (no script runs, nothing is fetched, nothing is
//! attached to the page); navigation, ads, scripts, forms and asides are
//! dropped; only text leaves this module. The assembly is pure and
//! host-tested; the DOM walk is tested in the browser (tests/e2e).

use wasm_bindgen::JsCast;
use web_sys::{Document, DomParser, Element, SupportedType};

/// Elements that are never article text.
pub const DROP: &str =
    "script, style, noscript, template, iframe, object, embed, svg, canvas, video, \
    audio, nav, aside, footer, form, button, select, input, textarea, dialog, figure, picture, \
    [role=navigation], [role=complementary], [role=contentinfo], [role=search], [role=dialog], \
    [aria-hidden=true], [hidden]";

/// Class or id words that mark boilerplate (ads, sharing, related links…).
pub const NOISE_WORDS: [&str; 16] = [
    "ad",
    "ads",
    "advert",
    "advertisement",
    "sponsor",
    "sponsored",
    "promo",
    "newsletter",
    "share",
    "social",
    "related",
    "recommended",
    "cookie",
    "subscribe",
    "comments",
    "breadcrumb",
];

/// One block of the reduced article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Heading(String),
    Paragraph(String),
    Quote(String),
}

/// What the reduction found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reduced {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// ISO date (YYYY-MM-DD…) from `<time datetime>` or a meta tag.
    pub date: Option<String>,
    pub pieces: Vec<Piece>,
}

/// Collapse runs of white space to one space and trim.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a class/id attribute names boilerplate ("ad-slot", "share_bar", "related").
pub fn is_noise(attr: &str) -> bool {
    attr.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .any(|w| NOISE_WORDS.contains(&w.to_ascii_lowercase().as_str()))
}

/// `2023-05-06T10:00Z` → `May 6, 2023` (what the engine's date finder reads).
pub fn news_date(iso: &str) -> Option<String> {
    let d = iso.get(..10)?;
    if !dramatis_core::date::is_iso_date(d) {
        return None;
    }
    let y: u32 = d[..4].parse().ok()?;
    let m: usize = d[5..7].parse().ok()?;
    let day: u32 = d[8..10].parse().ok()?;
    let month = dramatis_core::lexicon::MONTHS.get(m.checked_sub(1)?)?;
    Some(format!(
        "{} {day}, {y}",
        dramatis_core::tokenize::title_case(month)
    ))
}

/// The plain text the engine reads: title, byline, date line, then blocks
/// separated by blank lines; quotes start with `> `.
pub fn assemble(r: &Reduced) -> String {
    let mut out: Vec<String> = Vec::new();
    if let Some(t) = r.title.as_deref().map(squash).filter(|t| !t.is_empty()) {
        out.push(t);
    }
    if let Some(b) = r.byline.as_deref().map(squash).filter(|b| !b.is_empty()) {
        out.push(if b.to_lowercase().starts_with("by ") {
            b
        } else {
            format!("By {b}")
        });
    }
    if let Some(d) = r.date.as_deref().and_then(news_date) {
        out.push(format!("Published {d}."));
    }
    for p in &r.pieces {
        let (prefix, text) = match p {
            Piece::Heading(t) | Piece::Paragraph(t) => ("", t),
            Piece::Quote(t) => ("> ", t),
        };
        let t = squash(text);
        if t.is_empty() || out.last().is_some_and(|l| l.trim_start_matches("> ") == t) {
            continue;
        }
        out.push(format!("{prefix}{t}"));
    }
    out.join("\n\n")
}

fn text_of(el: &Element) -> String {
    squash(&el.text_content().unwrap_or_default())
}

fn first(doc: &Document, root: &Element, selectors: &[&str]) -> Option<Element> {
    selectors.iter().find_map(|s| {
        root.query_selector(s)
            .ok()
            .flatten()
            .or_else(|| doc.query_selector(s).ok().flatten())
    })
}

fn meta(doc: &Document, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|s| {
        doc.query_selector(s)
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
            .map(|c| squash(&c))
            .filter(|c| !c.is_empty())
    })
}

fn remove_all(root: &Element, selector: &str) {
    if let Ok(list) = root.query_selector_all(selector) {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                el.remove();
            }
        }
    }
}

/// Parse `html` inertly and reduce it to the article.
pub fn reduce_dom(html: &str) -> Result<Reduced, String> {
    let parser = DomParser::new().map_err(|_| "this browser has no DOMParser".to_string())?;
    let doc = parser
        .parse_from_string(html, SupportedType::TextHtml)
        .map_err(|_| "the HTML could not be parsed".to_string())?;
    let body = doc.body().ok_or("the page has no body")?;
    let body: Element = body.into();

    // Metadata first (meta tags live in <head>, which we never keep).
    let meta_title = meta(
        &doc,
        &["meta[property='og:title']", "meta[name='twitter:title']"],
    );
    let meta_author = meta(
        &doc,
        &["meta[name='author']", "meta[property='article:author']"],
    );
    let meta_date = meta(
        &doc,
        &[
            "meta[property='article:published_time']",
            "meta[name='date']",
            "meta[name='pubdate']",
            "meta[itemprop='datePublished']",
        ],
    );

    remove_all(&body, DROP);
    // Boilerplate by class or id, and site headers outside the article.
    if let Ok(list) = body.query_selector_all("[class], [id]") {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let attrs = format!(
                    "{} {}",
                    el.get_attribute("class").unwrap_or_default(),
                    el.get_attribute("id").unwrap_or_default()
                );
                // A class like "story-body share-enabled" still holds the
                // story: never drop what holds paragraphs or the article.
                let holds_story = el
                    .query_selector_all("p")
                    .map(|l| l.length() >= 3)
                    .unwrap_or(false)
                    || el.matches("article, main").unwrap_or(false)
                    || el.query_selector("article, main").ok().flatten().is_some();
                if is_noise(&attrs)
                    && !holds_story
                    && el.closest("p, blockquote").ok().flatten().is_none()
                {
                    el.remove();
                }
            }
        }
    }
    if let Ok(list) = body.query_selector_all("header") {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                if el.closest("article").ok().flatten().is_none() {
                    el.remove();
                }
            }
        }
    }

    let root = ["article", "[itemprop='articleBody']", "main", "[role=main]"]
        .iter()
        .find_map(|s| body.query_selector(s).ok().flatten())
        .unwrap_or(body.clone());

    let title_el = first(&doc, &root, &["h1"]);
    let title = title_el
        .as_ref()
        .map(text_of)
        .filter(|t| !t.is_empty())
        .or(meta_title)
        .or_else(|| Some(squash(&doc.title())).filter(|t| !t.is_empty()));
    let byline_el = first(
        &doc,
        &root,
        &[
            "[rel=author]",
            "[itemprop=author]",
            ".byline",
            ".author",
            "address",
        ],
    );
    let byline = byline_el
        .as_ref()
        .map(text_of)
        .filter(|b| !b.is_empty())
        .or(meta_author);
    let time_el = first(&doc, &root, &["time[datetime]"]);
    let date = time_el
        .as_ref()
        .and_then(|t| t.get_attribute("datetime"))
        .or(meta_date);

    let mut pieces = Vec::new();
    let list = root
        .query_selector_all("h2, h3, p, blockquote, li")
        .map_err(|_| "bad selector".to_string())?;
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        // Skip what is already taken (inside a quote, a list item holding
        // paragraphs, the byline or the date line).
        let tag = el.tag_name().to_ascii_lowercase();
        let in_quote = el
            .parent_element()
            .and_then(|p| p.closest("blockquote").ok().flatten())
            .is_some();
        if in_quote || (tag == "li" && el.query_selector("p").ok().flatten().is_some()) {
            continue;
        }
        // Inside the byline or date element, or nothing but it.
        let covers = |other: &Option<Element>| {
            other.as_ref().is_some_and(|o| {
                o.contains(Some(&el)) || (el.contains(Some(o)) && text_of(&el) == text_of(o))
            })
        };
        if covers(&byline_el) || covers(&time_el) {
            continue;
        }
        let t = text_of(&el);
        if t.is_empty() {
            continue;
        }
        pieces.push(match tag.as_str() {
            "blockquote" => Piece::Quote(t),
            "h2" | "h3" => Piece::Heading(t),
            _ => Piece::Paragraph(t),
        });
    }
    // A page with text but no paragraph elements: its body text, by lines.
    if pieces.is_empty() {
        for line in root.text_content().unwrap_or_default().lines() {
            let t = squash(line);
            if !t.is_empty() && Some(&t) != title.as_ref() {
                pieces.push(Piece::Paragraph(t));
            }
        }
    }
    Ok(Reduced {
        title,
        byline,
        date,
        pieces,
    })
}

/// Parse and reduce `html` to plain article text.
pub fn reduce(html: &str) -> Result<String, String> {
    let r = reduce_dom(html)?;
    if r.title.is_none() && r.pieces.is_empty() {
        return Err("no article text found in this HTML page".into());
    }
    Ok(assemble(&r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assembles_title_byline_date_and_blocks() {
        let r = Reduced {
            title: Some("  Leaders   meet\n in Paris ".into()),
            byline: Some("Jane Doe".into()),
            date: Some("2023-05-06T10:00:00Z".into()),
            pieces: vec![
                Piece::Paragraph("Leaders met.".into()),
                Piece::Quote("“We agree,” said Macron.".into()),
                Piece::Paragraph("   ".into()),
                Piece::Heading("Next steps".into()),
            ],
        };
        assert_eq!(
            assemble(&r),
            "Leaders meet in Paris\n\nBy Jane Doe\n\nPublished May 6, 2023.\n\nLeaders met.\n\n> “We agree,” said Macron.\n\nNext steps"
        );
    }

    #[test]
    fn noise_and_dates() {
        assert!(is_noise("ad-slot top"));
        assert!(is_noise("share_bar"));
        assert!(is_noise("x Related"));
        assert!(!is_noise("article-body lead"));
        assert!(!is_noise("headline"), "words, not substrings");
        assert_eq!(news_date("2020-10-14").as_deref(), Some("October 14, 2020"));
        assert_eq!(news_date("2020-13-01"), None);
        assert_eq!(news_date("soon"), None);
    }

    #[test]
    fn duplicate_title_paragraph_is_dropped() {
        let r = Reduced {
            title: Some("Same".into()),
            pieces: vec![
                Piece::Heading("Same".into()),
                Piece::Paragraph("Body.".into()),
            ],
            ..Default::default()
        };
        assert_eq!(assemble(&r), "Same\n\nBody.");
    }
}
