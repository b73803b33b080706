//! Any article in: a file (`<input type=file>` or drag and drop), `?src=`
//! pointing to a file on this site, or one of the bundled samples. Whatever
//! comes in becomes plain text for the engine: HTML is reduced by
//! [`crate::html_reduce`] (never injected), Markdown is flattened by
//! [`crate::markdown`], anything else is read as text.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::{html_reduce, markdown};

/// Files bigger than this are refused (the reader is for articles).
pub const MAX_FILE_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// The bundled samples: (id, title). The first is the article Dramatis started from.
pub const SAMPLES: [(&str, &str, &str); 4] = [
    (
        "karabakh-2020",
        "Putin, Erdoğan talk Nagorno-Karabakh (2020)",
        include_str!("../assets/samples/karabakh-2020.txt"),
    ),
    (
        "horn-drought-2023",
        "Sample: hunger in the Horn of Africa (2023)",
        include_str!("../assets/samples/horn-drought-2023.txt"),
    ),
    (
        "pacific-forum-2023",
        "Sample: Pacific leaders meet in Fiji (2023)",
        include_str!("../assets/samples/pacific-forum-2023.txt"),
    ),
    (
        "andes-lithium-2023",
        "Sample: Chile and Argentina lithium pact (2023)",
        include_str!("../assets/samples/andes-lithium-2023.txt"),
    ),
];

pub fn sample(id: &str) -> Option<&'static str> {
    SAMPLES.iter().find(|s| s.0 == id).map(|s| s.2)
}

/// How to read a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

/// The format from the file name, else the MIME type, else a sniff of the text.
pub fn format_of(name: &str, mime: &str, text: &str) -> Format {
    let lower = name.to_ascii_lowercase();
    let path = lower.split(['?', '#']).next().unwrap_or("");
    if path.ends_with(".html") || path.ends_with(".htm") || path.ends_with(".xhtml") {
        return Format::Html;
    }
    if path.ends_with(".md") || path.ends_with(".markdown") {
        return Format::Markdown;
    }
    if path.ends_with(".txt") || path.ends_with(".text") {
        return Format::Text;
    }
    let mime = mime.to_ascii_lowercase();
    if mime.starts_with("text/html") || mime.starts_with("application/xhtml") {
        return Format::Html;
    }
    if mime.starts_with("text/markdown") {
        return Format::Markdown;
    }
    let head = text
        .trim_start()
        .get(..200.min(text.trim_start().len()))
        .unwrap_or("");
    let head = head.to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        Format::Html
    } else {
        Format::Text
    }
}

/// Whether the file name (or MIME type) is one the reader opens.
pub fn accepted(name: &str, mime: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        ".txt",
        ".text",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".xhtml",
    ]
    .iter()
    .any(|e| n.ends_with(e))
        || mime.starts_with("text/")
}

/// Raw file content → the plain text the engine reads.
pub fn to_text(format: Format, raw: &str) -> Result<String, String> {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    match format {
        Format::Text => Ok(raw.to_string()),
        Format::Markdown => Ok(markdown::plain(raw)),
        Format::Html => html_reduce::reduce(raw),
    }
}

fn js_err(e: wasm_bindgen::JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|x| String::from(x.message()))
        })
        .unwrap_or_else(|| "unknown error".into())
}

/// Read a file the reader chose or dropped.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    let name = file.name();
    if !accepted(&name, &file.type_()) {
        return Err(format!("{name}: open a .txt, .md or .html file"));
    }
    if file.size() > MAX_FILE_BYTES {
        return Err(format!("{name} is larger than 20 MB"));
    }
    let v = JsFuture::from(file.text()).await.map_err(js_err)?;
    let raw = v.as_string().unwrap_or_default();
    to_text(format_of(&name, &file.type_(), &raw), &raw)
}

/// The `src` query parameter of this page, if any.
pub fn src_param() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get("src").filter(|s| !s.trim().is_empty())
}

/// Resolve `src` against this page; only URLs of this page's origin are allowed.
pub fn same_origin_url(src: &str) -> Result<String, String> {
    let loc = web_sys::window().ok_or("no window")?.location();
    let here = loc.href().map_err(js_err)?;
    let url = web_sys::Url::new_with_base(src, &here).map_err(|_| format!("not a URL: {src}"))?;
    let origin = loc.origin().map_err(js_err)?;
    if url.origin() != origin || !matches!(url.protocol().as_str(), "http:" | "https:") {
        return Err("?src= can only open files from this site".into());
    }
    Ok(url.href())
}

/// Fetch `?src=` (same origin only; the page's CSP forbids anything else anyway).
pub async fn fetch_src(src: &str) -> Result<String, String> {
    let url = same_origin_url(src)?;
    let w = web_sys::window().ok_or("no window")?;
    let resp: web_sys::Response = JsFuture::from(w.fetch_with_str(&url))
        .await
        .map_err(|_| format!("could not load {src}"))?
        .dyn_into()
        .map_err(|_| "not a response".to_string())?;
    if !resp.ok() {
        return Err(format!("could not load {src} (HTTP {})", resp.status()));
    }
    let mime = resp
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    let raw = JsFuture::from(resp.text().map_err(js_err)?)
        .await
        .map_err(js_err)?
        .as_string()
        .unwrap_or_default();
    if raw.len() as f64 > MAX_FILE_BYTES {
        return Err(format!("{src} is larger than 20 MB"));
    }
    to_text(format_of(&url, &mime, &raw), &raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name_then_type_then_content() {
        assert_eq!(format_of("a.HTML", "", ""), Format::Html);
        assert_eq!(format_of("http://x/a.htm?x=1#y", "", ""), Format::Html);
        assert_eq!(format_of("notes.md", "text/plain", ""), Format::Markdown);
        assert_eq!(format_of("a.txt", "text/html", "<html>"), Format::Text);
        assert_eq!(
            format_of("blob", "text/html; charset=utf-8", ""),
            Format::Html
        );
        assert_eq!(format_of("x", "", "  <!DOCTYPE html><p>hi"), Format::Html);
        assert_eq!(format_of("x", "", "Plain words"), Format::Text);
    }

    #[test]
    fn accepts_articles_only() {
        assert!(accepted("story.txt", ""));
        assert!(accepted("story.MD", ""));
        assert!(accepted("page.html", "text/html"));
        assert!(accepted("noext", "text/plain"));
        assert!(!accepted("photo.jpg", "image/jpeg"));
        assert!(!accepted("app.wasm", "application/wasm"));
    }

    #[test]
    fn text_and_markdown_conversion() {
        assert_eq!(to_text(Format::Text, "\u{feff}Hi").unwrap(), "Hi");
        assert_eq!(
            to_text(Format::Markdown, "# T\n\n*a* [b](c)").unwrap(),
            "# T\n\na b"
        );
    }

    #[test]
    fn samples_are_bundled_and_marked() {
        assert_eq!(
            sample("karabakh-2020").map(|s| s.starts_with("Putin")),
            Some(true)
        );
        for (id, title, text) in &SAMPLES[1..] {
            assert!(title.starts_with("Sample:"), "{id}");
            assert!(text.contains("It is not a real news report."), "{id}");
        }
        assert!(sample("nope").is_none());
    }
}
