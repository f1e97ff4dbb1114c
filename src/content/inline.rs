//! Inline markup: `*emphasis*`, `**strong**`, `` `code` ``, `[text](href)`
//! and backslash escapes. Anything else, HTML included, is plain text.

use super::model::{plain_text, Inline, RichText};

const ESCAPABLE: &[char] = &['\\', '*', '_', '[', ']', '(', ')', '`'];
const SAFE_SCHEMES: &[&str] = &["https://", "http://", "mailto:", "#"];

/// Parses one run of text. Problems (such as a link with a refused scheme) are
/// returned as messages; the caller knows the line.
pub(crate) fn parse_inline(source: &str) -> (RichText, Vec<String>) {
    let chars: Vec<char> = source.chars().collect();
    let mut problems = Vec::new();
    let text = parse_run(&chars, &mut problems);
    (text, problems)
}

fn parse_run(chars: &[char], problems: &mut Vec<String>) -> RichText {
    let mut out: RichText = Vec::new();
    let mut plain = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let parsed = match c {
            '\\' if i + 1 < chars.len() && ESCAPABLE.contains(&chars[i + 1]) => {
                plain.push(chars[i + 1]);
                i += 2;
                continue;
            }
            '`' => find_closing(chars, i + 1, &['`'])
                .map(|end| (Inline::Code(chars[i + 1..end].iter().collect()), end + 1)),
            '*' if chars.get(i + 1) == Some(&'*') => find_closing(chars, i + 2, &['*', '*'])
                .filter(|&end| end > i + 2)
                .map(|end| {
                    (
                        Inline::Strong(parse_run(&chars[i + 2..end], problems)),
                        end + 2,
                    )
                }),
            '*' => find_closing(chars, i + 1, &['*'])
                .filter(|&end| end > i + 1)
                .map(|end| {
                    (
                        Inline::Emphasis(parse_run(&chars[i + 1..end], problems)),
                        end + 1,
                    )
                }),
            '[' => parse_link(chars, i, problems),
            'h' if starts_word(chars, i) => bare_url(chars, i),
            _ => None,
        };
        match parsed {
            Some((inline, next)) => {
                flush(&mut out, &mut plain);
                out.push(inline);
                i = next;
            }
            None => {
                plain.push(c);
                i += 1;
            }
        }
    }
    flush(&mut out, &mut plain);
    out
}

fn flush(out: &mut RichText, plain: &mut String) {
    if !plain.is_empty() {
        out.push(Inline::Text(std::mem::take(plain)));
    }
}

/// Position of the next unescaped occurrence of `marker` at or after `from`.
/// A single `*` does not match the first star of `**`.
fn find_closing(chars: &[char], from: usize, marker: &[char]) -> Option<usize> {
    let mut i = from;
    while i + marker.len() <= chars.len() {
        if chars[i] == '\\' {
            i += 2;
            continue;
        }
        if chars[i..i + marker.len()] == *marker {
            let doubled = marker == ['*'] && chars.get(i + 1) == Some(&'*');
            if !doubled {
                return Some(i);
            }
            i += 2;
            continue;
        }
        i += 1;
    }
    None
}

fn starts_word(chars: &[char], i: usize) -> bool {
    i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '('
}

/// A bare `https://…` or `http://…` address becomes a link to itself, so
/// that DOIs and web addresses in source lists can be followed. Trailing
/// punctuation belongs to the sentence, not the address.
fn bare_url(chars: &[char], start: usize) -> Option<(Inline, usize)> {
    let rest: String = chars[start..].iter().take(8).collect();
    if !(rest.starts_with("https://") || rest.starts_with("http://")) {
        return None;
    }
    let mut end = start;
    while end < chars.len() && !chars[end].is_whitespace() {
        end += 1;
    }
    while end > start && matches!(chars[end - 1], '.' | ',' | ';' | ':' | ')' | '!' | '?') {
        end -= 1;
    }
    let href: String = chars[start..end].iter().collect();
    if href.len() <= "https://".len() {
        return None;
    }
    Some((
        Inline::Link {
            text: vec![Inline::Text(href.clone())],
            href,
        },
        end,
    ))
}

fn parse_link(chars: &[char], open: usize, problems: &mut Vec<String>) -> Option<(Inline, usize)> {
    let close = find_closing(chars, open + 1, &[']'])?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = find_closing(chars, close + 2, &[')'])?;
    let href: String = chars[close + 2..end]
        .iter()
        .collect::<String>()
        .trim()
        .to_owned();
    let text = parse_run(&chars[open + 1..close], problems);
    if SAFE_SCHEMES.iter().any(|scheme| href.starts_with(scheme)) && href.len() > 1 {
        Some((Inline::Link { href, text }, end + 1))
    } else {
        problems.push(format!(
            "link target \"{href}\" is not allowed: use an address starting with https://, http://, mailto: or #"
        ));
        // Keep the words, drop the target.
        Some((Inline::Text(plain_text(&text)), end + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_owned())
    }

    #[test]
    fn plain_text_stays_one_run() {
        assert_eq!(parse_inline("Hello, world.").0, vec![text("Hello, world.")]);
    }

    #[test]
    fn emphasis_strong_and_code() {
        let (parsed, problems) = parse_inline("a *b* **c** `d*e`");
        assert!(problems.is_empty());
        assert_eq!(
            parsed,
            vec![
                text("a "),
                Inline::Emphasis(vec![text("b")]),
                text(" "),
                Inline::Strong(vec![text("c")]),
                text(" "),
                Inline::Code("d*e".into()),
            ]
        );
    }

    #[test]
    fn strong_may_contain_emphasis() {
        let (parsed, _) = parse_inline("**a *b* c**");
        assert_eq!(
            parsed,
            vec![Inline::Strong(vec![
                text("a "),
                Inline::Emphasis(vec![text("b")]),
                text(" c")
            ])]
        );
    }

    #[test]
    fn unclosed_markers_are_literal() {
        assert_eq!(parse_inline("5 * 3 = 15").0, vec![text("5 * 3 = 15")]);
        assert_eq!(parse_inline("[not a link").0, vec![text("[not a link")]);
    }

    #[test]
    fn escapes_make_markers_literal() {
        assert_eq!(parse_inline(r"\*not em\*").0, vec![text("*not em*")]);
    }

    #[test]
    fn safe_links_are_kept() {
        let (parsed, problems) = parse_inline("see [NACOA](https://nacoa.de) now");
        assert!(problems.is_empty());
        assert_eq!(
            parsed[1],
            Inline::Link {
                href: "https://nacoa.de".into(),
                text: vec![text("NACOA")]
            }
        );
    }

    #[test]
    fn script_links_are_refused_and_reported() {
        let (parsed, problems) = parse_inline("[click](javascript:alert(1))");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("javascript:"));
        assert!(parsed.iter().all(|i| !matches!(i, Inline::Link { .. })));
    }

    #[test]
    fn bare_addresses_become_links_without_trailing_punctuation() {
        let (parsed, _) = parse_inline("See https://doi.org/10.3390/x1. Or not:https://no");
        assert_eq!(parsed[0], text("See "));
        assert_eq!(
            parsed[1],
            Inline::Link {
                href: "https://doi.org/10.3390/x1".into(),
                text: vec![text("https://doi.org/10.3390/x1")]
            }
        );
        assert_eq!(parsed[2], text(". Or not:https://no"));
    }

    #[test]
    fn html_is_just_text() {
        assert_eq!(parse_inline("<b>x</b>").0, vec![text("<b>x</b>")]);
    }
}
