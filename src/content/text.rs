//! Plain text blocks: paragraphs, `###` headings, lists and quotations.

use super::inline::parse_inline;
use super::model::{Block, RichText};
use super::problem::Report;

/// A line of a file with its 1-based number.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line<'a> {
    pub number: usize,
    pub text: &'a str,
}

pub(crate) fn split_lines(source: &str) -> Vec<Line<'_>> {
    source
        .lines()
        .enumerate()
        .map(|(i, text)| Line {
            number: i + 1,
            text: text.strip_suffix('\r').unwrap_or(text),
        })
        .collect()
}

/// Parses rich text and reports its problems at `line`.
pub(crate) fn rich(source: &str, line: usize, report: &mut Report) -> RichText {
    let (text, problems) = parse_inline(source.trim());
    for message in problems {
        report.at(line, message);
    }
    text
}

enum Open {
    Paragraph {
        line: usize,
        text: String,
    },
    List {
        ordered: bool,
        items: Vec<(usize, String)>,
    },
    Quote {
        line: usize,
        paragraphs: Vec<String>,
    },
}

/// A list item marker: `- `, `* ` or `1. `; returns (ordered, rest).
fn list_item(text: &str) -> Option<(bool, &str)> {
    if let Some(rest) = text.strip_prefix("- ").or_else(|| text.strip_prefix("* ")) {
        return Some((false, rest));
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        return text[digits..].strip_prefix(". ").map(|rest| (true, rest));
    }
    None
}

/// Turns lines of text into blocks. Marked blocks are handled by the caller;
/// a `##` heading here is reported because sections cannot nest.
pub(crate) fn parse_text(lines: &[Line], report: &mut Report) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Open> = None;
    for line in lines {
        let raw = line.text.trim_end();
        let text = raw.trim_start();
        let indented = raw.len() > text.len();
        if text.is_empty() {
            match &mut open {
                Some(Open::Quote { paragraphs, .. }) => paragraphs.push(String::new()),
                _ => close(&mut open, &mut blocks, report),
            }
            continue;
        }
        if text.starts_with('#') {
            let level = text.bytes().take_while(|&b| b == b'#').count();
            if let Some(title) = text[level..].strip_prefix(' ') {
                if level >= 3 {
                    close(&mut open, &mut blocks, report);
                    blocks.push(Block::Heading(rich(title, line.number, report)));
                } else {
                    report.at(line.number, format!("a level-{level} heading cannot stand here: use \"###\" inside a section"));
                }
                continue;
            }
        }
        if indented {
            if let Some(Open::List { items, .. }) = &mut open {
                let last = items.last_mut().expect("a list is opened with an item");
                last.1.push(' ');
                last.1.push_str(text);
                continue;
            }
        }
        if let Some((ordered, rest)) = list_item(text) {
            match &mut open {
                Some(Open::List { ordered: o, items }) if *o == ordered => {
                    items.push((line.number, rest.to_owned()))
                }
                _ => {
                    close(&mut open, &mut blocks, report);
                    open = Some(Open::List {
                        ordered,
                        items: vec![(line.number, rest.to_owned())],
                    });
                }
            }
            continue;
        }
        if let Some(rest) = text.strip_prefix('>') {
            let rest = rest.trim();
            match &mut open {
                Some(Open::Quote { paragraphs, .. }) => {
                    let last = paragraphs.last_mut().expect("a quote has a paragraph");
                    if !last.is_empty() {
                        last.push(' ');
                    }
                    last.push_str(rest);
                }
                _ => {
                    close(&mut open, &mut blocks, report);
                    open = Some(Open::Quote {
                        line: line.number,
                        paragraphs: vec![rest.to_owned()],
                    });
                }
            }
            continue;
        }
        match &mut open {
            Some(Open::Paragraph { text: t, .. }) => {
                t.push(' ');
                t.push_str(text);
            }
            _ => {
                close(&mut open, &mut blocks, report);
                open = Some(Open::Paragraph {
                    line: line.number,
                    text: text.to_owned(),
                });
            }
        }
    }
    close(&mut open, &mut blocks, report);
    blocks
}

fn close(open: &mut Option<Open>, blocks: &mut Vec<Block>, report: &mut Report) {
    match open.take() {
        None => {}
        Some(Open::Paragraph { line, text }) => {
            blocks.push(Block::Paragraph(rich(&text, line, report)))
        }
        Some(Open::List { ordered, items }) => blocks.push(Block::List {
            ordered,
            items: items
                .iter()
                .map(|(line, text)| rich(text, *line, report))
                .collect(),
        }),
        Some(Open::Quote { line, paragraphs }) => blocks.push(Block::Quote(
            paragraphs
                .iter()
                .filter(|p| !p.is_empty())
                .map(|p| rich(p, line, report))
                .collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::Inline;

    fn parse(source: &str) -> (Vec<Block>, Vec<String>) {
        let mut report = Report::new("t.md");
        let blocks = parse_text(&split_lines(source), &mut report);
        (
            blocks,
            report.problems.iter().map(|p| p.to_string()).collect(),
        )
    }

    fn t(s: &str) -> RichText {
        vec![Inline::Text(s.to_owned())]
    }

    #[test]
    fn paragraphs_join_lines_and_split_on_blank_lines() {
        let (blocks, problems) = parse("one\ntwo\n\nthree");
        assert!(problems.is_empty());
        assert_eq!(
            blocks,
            vec![Block::Paragraph(t("one two")), Block::Paragraph(t("three"))]
        );
    }

    #[test]
    fn lists_headings_and_quotes() {
        let (blocks, _) = parse("### Sub\n- a\n  more\n- b\n\n1. x\n2. y\n\n> q1\n> q2");
        assert_eq!(
            blocks,
            vec![
                Block::Heading(t("Sub")),
                Block::List {
                    ordered: false,
                    items: vec![t("a more"), t("b")]
                },
                Block::List {
                    ordered: true,
                    items: vec![t("x"), t("y")]
                },
                Block::Quote(vec![t("q1 q2")]),
            ]
        );
    }

    #[test]
    fn a_section_heading_inside_text_is_reported_at_its_line() {
        let (_, problems) = parse("text\n\n# Big");
        assert_eq!(
            problems,
            vec!["t.md, line 3: a level-1 heading cannot stand here: use \"###\" inside a section"]
        );
    }
}
