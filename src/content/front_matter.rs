//! The front matter between the first two `---` lines of a module file.

use super::problem::Report;
use super::text::Line;

#[derive(Default)]
pub(crate) struct FrontMatter {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub objectives: Vec<String>,
    pub sources: Vec<String>,
    /// Line of each source, so that problems inside a source can be located.
    pub source_lines: Vec<usize>,
}

const KEYS: &str = "id, title, summary, objectives, sources";

/// Reads the front matter; returns it and the index of the first body line.
pub(crate) fn parse_front_matter(lines: &[Line], report: &mut Report) -> (FrontMatter, usize) {
    let mut fm = FrontMatter::default();
    if lines.first().map(|l| l.text.trim_end()) != Some("---") {
        report.at(1, "the file must start with front matter: a line \"---\", then id, title, summary, objectives and sources, then \"---\"");
        return (fm, 0);
    }
    let mut list: Option<&str> = None;
    let mut end = None;
    for (index, line) in lines.iter().enumerate().skip(1) {
        let text = line.text.trim_end();
        if text == "---" {
            end = Some(index + 1);
            break;
        }
        if text.trim().is_empty() {
            continue;
        }
        if let Some(item) = text
            .trim_start()
            .strip_prefix("- ")
            .filter(|_| text.starts_with(' '))
        {
            match list {
                Some("objectives") => fm.objectives.push(item.trim().to_owned()),
                Some(_) => {
                    fm.sources.push(item.trim().to_owned());
                    fm.source_lines.push(line.number);
                }
                None => report.at(line.number, "a list item here belongs to no list: put it under \"objectives:\" or \"sources:\""),
            }
            continue;
        }
        let Some((key, value)) = text.split_once(':') else {
            report.at(
                line.number,
                format!("expected \"key: value\" (keys: {KEYS})"),
            );
            continue;
        };
        let value = value.trim().to_owned();
        list = None;
        match key.trim() {
            "id" => fm.id = value,
            "title" => fm.title = value,
            "summary" => fm.summary = value,
            k @ ("objectives" | "sources") => {
                if !value.is_empty() {
                    report.at(
                        line.number,
                        format!(
                            "write each of the {k} on its own line below, starting with \"  - \""
                        ),
                    );
                }
                list = Some(if k == "objectives" {
                    "objectives"
                } else {
                    "sources"
                });
            }
            other => report.at(
                line.number,
                format!("unknown front matter key \"{other}\" (keys: {KEYS})"),
            ),
        }
    }
    let Some(end) = end else {
        report.at(
            1,
            "the front matter is never closed: add a line \"---\" after it",
        );
        return (fm, lines.len());
    };
    for (key, value) in [
        ("id", &fm.id),
        ("title", &fm.title),
        ("summary", &fm.summary),
    ] {
        if value.is_empty() {
            report.at(1, format!("the front matter has no {key}"));
        }
    }
    if fm.objectives.is_empty() {
        report.at(
            1,
            "the front matter lists no learning objectives (\"objectives:\" with \"  - \" items)",
        );
    }
    if fm.sources.is_empty() {
        report.at(
            1,
            "the front matter lists no sources: every module must name where its facts come from",
        );
    }
    (fm, end)
}
