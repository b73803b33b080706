//! Markdown → the plain text the engine reads: headings keep their `#` (the
//! engine takes a leading `#` line as the title), quotes keep their `>`;
//! links become their text, images, HTML tags and emphasis marks go.
//! Nothing is rendered: the result is shown as text.

/// Inline Markdown of one line → plain text.
pub fn inline(line: &str) -> String {
    let c: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < c.len() {
        // Images: ![alt](url) → nothing.
        if c[i] == '!' && c.get(i + 1) == Some(&'[') {
            if let Some((_, end)) = link_at(&c, i + 1) {
                i = end;
                continue;
            }
        }
        // Links: [text](url) → text.
        if c[i] == '[' {
            if let Some((text, end)) = link_at(&c, i) {
                out.push_str(&inline(&text));
                i = end;
                continue;
            }
        }
        // Emphasis and code marks: *, **, _, __ at word edges, `.
        if c[i] == '*' || c[i] == '`' {
            i += 1;
            continue;
        }
        if c[i] == '_' {
            let prev = i.checked_sub(1).map(|p| c[p]);
            let next = c.get(i + 1).copied();
            let inner = prev.is_some_and(|p| p.is_alphanumeric())
                && next.is_some_and(|n| n.is_alphanumeric());
            if !inner {
                i += 1;
                continue;
            }
        }
        // Inline HTML tags: <b>, </span> … (text stays).
        if c[i] == '<' {
            if let Some(close) = c[i..].iter().position(|&x| x == '>') {
                let tag: String = c[i + 1..i + close].iter().collect();
                if !tag.is_empty()
                    && tag
                        .trim_start_matches('/')
                        .starts_with(|x: char| x.is_ascii_alphabetic())
                {
                    i += close + 1;
                    continue;
                }
            }
        }
        out.push(c[i]);
        i += 1;
    }
    out
}

/// `[text](url)` starting at `c[i] == '['`: the text and the index after `)`.
fn link_at(c: &[char], i: usize) -> Option<(String, usize)> {
    let close = i + c[i..].iter().position(|&x| x == ']')?;
    if c.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = close + 1 + c[close + 1..].iter().position(|&x| x == ')')?;
    Some((c[i + 1..close].iter().collect(), end + 1))
}

/// YAML front matter (`---` … `---` at the very top): its `title:`, and the rest.
fn front_matter(md: &str) -> (Option<String>, &str) {
    let Some(rest) = md
        .strip_prefix("---\n")
        .or_else(|| md.strip_prefix("---\r\n"))
    else {
        return (None, md);
    };
    let Some(end) = rest.find("\n---") else {
        return (None, md);
    };
    let title = rest[..end].lines().find_map(|l| {
        let v = l.strip_prefix("title:")?.trim().trim_matches(['"', '\'']);
        (!v.is_empty()).then(|| v.to_string())
    });
    let body = rest[end + 4..].trim_start_matches(['-', '\r']);
    (title, body.strip_prefix('\n').unwrap_or(body))
}

/// A Markdown document → plain text, line by line.
pub fn plain(md: &str) -> String {
    let (title, md) = front_matter(md);
    let mut out = Vec::new();
    if let Some(t) = title {
        out.push(format!("# {}", inline(&t)));
        out.push(String::new());
    }
    let mut fenced = false;
    for line in md.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Horizontal rules and setext underlines are layout, not text.
        let bare: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        if bare.len() >= 3
            && bare
                .chars()
                .all(|c| c == '-' || c == '*' || c == '=' || c == '_')
        {
            out.push(String::new());
            continue;
        }
        // List markers: "- item", "* item", "1. item" → the item.
        let item = t
            .strip_prefix("- ")
            .or_else(|| t.strip_prefix("* "))
            .or_else(|| t.strip_prefix("+ "))
            .or_else(|| {
                let d = t.find(|c: char| !c.is_ascii_digit())?;
                (d > 0).then(|| t[d..].strip_prefix(". ")).flatten()
            });
        match item {
            Some(rest) => out.push(inline(rest)),
            None if t.starts_with('#') || t.starts_with('>') => {
                let marks = t.len() - t.trim_start_matches(['#', '>']).len();
                out.push(format!("{}{}", &t[..marks], inline(&t[marks..])));
            }
            None => out.push(inline(line)),
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_images_emphasis_and_tags() {
        assert_eq!(
            inline("**Putin** met [Erdoğan](https://x.org/e) ![photo](p.jpg) in <b>Sochi</b>"),
            "Putin met Erdoğan  in Sochi"
        );
        assert_eq!(
            inline("snake_case stays, _emphasis_ goes"),
            "snake_case stays, emphasis goes"
        );
        assert_eq!(inline("3 < 4 and a > b"), "3 < 4 and a > b");
        assert_eq!(inline("[not a link] (really)"), "[not a link] (really)");
    }

    #[test]
    fn front_matter_gives_the_title() {
        let md = "---\ntitle: \"Leaders meet\"\ndate: 2023-05-06\n---\n\nBody text.";
        assert_eq!(plain(md), "# Leaders meet\n\n\nBody text.");
        assert_eq!(plain("---\nno end"), "\nno end");
    }

    #[test]
    fn blocks_keep_title_and_quote_marks() {
        let md = "# Leaders *meet*\n\nBy Jane Doe\n\n> \"We agree,\" said [Macron](u).\n\n- first point\n1. second point\n\n---\n\n```\ncode()\n```\nEnd.";
        let p = plain(md);
        assert_eq!(
            p,
            "# Leaders meet\n\nBy Jane Doe\n\n> \"We agree,\" said Macron.\n\nfirst point\nsecond point\n\n\n\nEnd."
        );
    }
}
