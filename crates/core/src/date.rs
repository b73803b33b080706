//! Dates: find the article's date in its text, and small calendar helpers.

use crate::lexicon::MONTHS;
use crate::tokenize::{TokKind, Token};

/// Month number (1-12) of a month name or abbreviation (`Sept.`, `Oct`).
pub fn month_number(w: &str) -> Option<u32> {
    let l = w.trim_end_matches('.').to_lowercase();
    if l.len() < 3 {
        return None;
    }
    if l == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == l || (l.len() == 3 && m.starts_with(&l)))
        .map(|i| i as u32 + 1)
}

fn day(w: &str) -> Option<u32> {
    let d: String = w.chars().take_while(char::is_ascii_digit).collect();
    let rest = &w[d.len()..];
    if !(rest.is_empty() || matches!(rest, "st" | "nd" | "rd" | "th")) {
        return None;
    }
    d.parse().ok().filter(|v| (1..=31).contains(v))
}

fn year(w: &str) -> Option<u32> {
    (w.len() == 4)
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

pub fn format_date(y: u32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// Is `s` a valid `YYYY-MM-DD` date?
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (
        s[0..4].parse::<u32>(),
        s[5..7].parse::<u32>(),
        s[8..10].parse::<u32>(),
    ) else {
        return false;
    };
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The first full date stated in the text: `October 14, 2020`, `14 October
/// 2020`, `Oct. 14, 2020` or `2020-10-14`.
pub fn find_date(text: &str, toks: &[Token]) -> Option<String> {
    let w = |i: usize| toks.get(i).map(|t| t.text(text)).unwrap_or("");
    for i in 0..toks.len() {
        let t = toks[i];
        if t.kind == TokKind::Word {
            if let Some(m) = month_number(w(i)) {
                if !w(i).chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                // Month D, YYYY
                if let Some(d) = day(w(i + 1)) {
                    let yi = if w(i + 2) == "," { i + 3 } else { i + 2 };
                    if let Some(y) = year(w(yi)) {
                        if d <= days_in_month(y, m) {
                            return Some(format_date(y, m, d));
                        }
                    }
                }
                // D Month YYYY
                if i > 0 {
                    if let (Some(d), Some(y)) = (day(w(i - 1)), year(w(i + 1))) {
                        if d <= days_in_month(y, m) {
                            return Some(format_date(y, m, d));
                        }
                    }
                }
            }
        }
        // 2020-10-14 (tokenized as 2020 - 10 - 14)
        if t.kind == TokKind::Number && year(w(i)).is_some() && w(i + 1) == "-" && w(i + 3) == "-" {
            let s = format!("{}-{}-{}", w(i), w(i + 2), w(i + 4));
            if is_iso_date(&s) {
                return Some(s);
            }
        }
    }
    None
}

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
pub fn date_from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format_date(y as u32, m as u32, d as u32)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (the inverse of [`date_from_days`]);
/// `None` when the text is not such a date.
pub fn days_from_date(s: &str) -> Option<i64> {
    if !is_iso_date(s) {
        return None;
    }
    let y: i64 = s[..4].parse().ok()?;
    let m: i64 = s[5..7].parse().ok()?;
    let d: i64 = s[8..10].parse().ok()?;
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn find(t: &str) -> Option<String> {
        let tk = tokenize(t, &[0..t.len()]);
        find_date(t, &tk.tokens)
    }

    #[test]
    fn formats() {
        assert_eq!(
            find("NAIROBI, March 3, 2024 (Reuters) - x").as_deref(),
            Some("2024-03-03")
        );
        assert_eq!(
            find("Published 14 October 2020 by x").as_deref(),
            Some("2020-10-14")
        );
        assert_eq!(
            find("On Sept. 27, 2020 fighting began").as_deref(),
            Some("2020-09-27")
        );
        assert_eq!(
            find("Updated 2021-02-28 10:00").as_deref(),
            Some("2021-02-28")
        );
        assert_eq!(find("The fighting began on Sept. 27."), None);
        assert_eq!(find("In May 2020, 5 people"), None);
        assert_eq!(find("February 30, 2021"), None);
    }

    #[test]
    fn epoch_days() {
        assert_eq!(date_from_days(0), "1970-01-01");
        assert_eq!(date_from_days(18_549), "2020-10-14");
        assert_eq!(days_from_date("2020-10-14"), Some(18_549));
        assert_eq!(days_from_date("1970-01-01"), Some(0));
        assert_eq!(days_from_date("2020-10-4"), None);
        for d in [-800, -1, 59, 60, 11_016, 20_000, 20_781] {
            assert_eq!(days_from_date(&date_from_days(d)), Some(d));
        }
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
    }
}
