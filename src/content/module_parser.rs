//! A module file: front matter, then sections, slides and marked blocks.

use std::collections::HashMap;

use super::attributes::Opening;
use super::blocks::{parse_marked, Marked};
use super::front_matter::parse_front_matter;
use super::is_valid_id;
use super::model::*;
use super::problem::{Parsed, Report};
use super::text::{parse_text, rich, split_lines, Line};

/// Parses a module file. `file` names it in problems (e.g. `en/family-dynamics.md`).
///
/// Always returns a module: blocks that cannot be read are left out and
/// reported, so the app can show the rest.
pub fn parse_module(file: &str, source: &str) -> Parsed<Module> {
    let mut report = Report::new(file);
    let lines = split_lines(source);
    let (front, body_start) = parse_front_matter(&lines, &mut report);
    let sources = front
        .sources
        .iter()
        .zip(&front.source_lines)
        .map(|(s, &line)| rich(s, line, &mut report))
        .collect();

    let mut builder = SectionBuilder::default();
    let mut index = body_start;
    while index < lines.len() {
        let line = lines[index];
        let trimmed = line.text.trim();
        index += 1;
        if let Some(heading) = line.text.strip_prefix("## ") {
            builder.flush_slide(&mut report);
            builder.start_section(heading, line.number, &mut report);
        } else if trimmed == "---" {
            builder.flush_slide(&mut report);
            if builder.sections.is_empty() {
                report.at(line.number, "a slide break before the first section: start the module with \"## Title {#id}\"");
            } else {
                builder.slide_breaks_at.push(line.number);
                builder.slide.line = line.number;
            }
        } else if let Some(rest) = trimmed.strip_prefix(":::") {
            let close = lines[index..].iter().position(|l| l.text.trim() == ":::");
            let body_end = match close {
                Some(offset) => index + offset,
                None => {
                    report.at(
                        line.number,
                        "this block is never closed: add a line \":::\" after it",
                    );
                    lines.len()
                }
            };
            if rest.trim().is_empty() {
                report.at(line.number, "a closing \":::\" without an opening block");
                continue;
            }
            let body = &lines[index..body_end];
            if let Some(nested) = body.iter().find(|l| l.text.trim_start().starts_with(":::")) {
                report.at(
                    nested.number,
                    "blocks cannot be nested: close the block above with \":::\" first",
                );
            }
            index = (body_end + 1).min(lines.len());
            builder.flush_text(&mut report);
            if let Some(opening) = Opening::parse(rest, line.number, &mut report) {
                if let Some(marked) = parse_marked(opening, body, &mut report) {
                    builder.add_marked(marked, line.number, &mut report);
                }
            }
        } else if builder.sections.is_empty() {
            if !trimmed.is_empty() {
                report.at(
                    line.number,
                    "text before the first section: start the body with \"## Title {#id}\"",
                );
            }
        } else {
            builder.text.push(line);
        }
    }
    builder.flush_slide(&mut report);
    let sections = builder.finish(&mut report);
    let module = Module {
        id: front.id,
        title: front.title,
        summary: front.summary,
        objectives: front.objectives,
        sources,
        sections,
    };
    check_unique_ids(&module, &lines, &mut report);
    Parsed {
        value: module,
        problems: report.problems,
    }
}

#[derive(Default)]
struct SectionBuilder<'a> {
    sections: Vec<(usize, Section)>,
    slide: Slide,
    slide_has_notes_at: Option<usize>,
    slide_breaks_at: Vec<usize>,
    text: Vec<Line<'a>>,
}

impl<'a> SectionBuilder<'a> {
    fn start_section(&mut self, heading: &str, line: usize, report: &mut Report) {
        let (title, id) = match heading.trim().rsplit_once("{#") {
            Some((title, rest)) if rest.ends_with('}') => {
                (title.trim(), rest.trim_end_matches('}').trim())
            }
            _ => {
                report.at(
                    line,
                    format!(
                        "section \"{}\" has no id: write \"## {} {{#some-id}}\"",
                        heading.trim(),
                        heading.trim()
                    ),
                );
                (heading.trim(), "")
            }
        };
        if !id.is_empty() && !is_valid_id(id) {
            report.at(line, format!("section id \"{id}\" is not valid: use lower-case letters, digits and single hyphens"));
        }
        if title.is_empty() {
            report.at(line, "section has no title");
        }
        let id = if is_valid_id(id) {
            id.to_owned()
        } else {
            format!("section-{}", self.sections.len() + 1)
        };
        if self.sections.iter().any(|(_, s)| s.id == id) {
            report.at(line, format!("section id \"{id}\" is used twice"));
        }
        self.sections.push((
            line,
            Section {
                id,
                line,
                title: title.to_owned(),
                slides: Vec::new(),
            },
        ));
        self.slide.line = line;
    }

    fn flush_text(&mut self, report: &mut Report) {
        if !self.text.is_empty() {
            let blocks = parse_text(&self.text, report);
            self.slide.blocks.extend(blocks);
            self.text.clear();
        }
    }

    fn flush_slide(&mut self, report: &mut Report) {
        self.flush_text(report);
        let slide = std::mem::take(&mut self.slide);
        self.slide_has_notes_at = None;
        if let Some((line, section)) = self.sections.last_mut() {
            if slide.blocks.is_empty() {
                let at = self
                    .slide_breaks_at
                    .last()
                    .copied()
                    .filter(|&b| b > *line)
                    .unwrap_or(*line);
                report.at(
                    at,
                    format!(
                        "an empty slide in section \"{}\": remove the extra \"---\" or add text",
                        section.id
                    ),
                );
                if slide.notes.is_none() {
                    return;
                }
            }
            section.slides.push(slide);
        }
    }

    fn add_marked(&mut self, marked: Marked, line: usize, report: &mut Report) {
        match marked {
            Marked::Block(block) => self.slide.blocks.push(block),
            Marked::Notes(notes) => {
                if let Some(first) = self.slide_has_notes_at {
                    report.at(line, format!("this slide already has speaker notes (line {first}): use one notes block per slide"));
                } else {
                    self.slide_has_notes_at = Some(line);
                    self.slide.notes = Some(notes);
                }
            }
        }
    }

    fn finish(&mut self, report: &mut Report) -> Vec<Section> {
        if self.sections.is_empty() {
            report.at(
                0,
                "the module has no sections: start each with \"## Title {#id}\"",
            );
        }
        std::mem::take(&mut self.sections)
            .into_iter()
            .map(|(_, s)| s)
            .collect()
    }
}

/// Interactive ids key stored answers, so they must be unique in the module.
fn check_unique_ids(module: &Module, lines: &[Line], report: &mut Report) {
    let mut seen: HashMap<&str, ()> = HashMap::new();
    for block in module.blocks() {
        let id = match block {
            Block::Question(q) => &q.id,
            Block::Likert(l) => &l.id,
            Block::Vignette(v) => &v.id,
            Block::Reflection(r) => &r.id,
            Block::Term(t) => &t.id,
            _ => continue,
        };
        if seen.insert(id, ()).is_some() {
            let needle = format!("id={id}");
            let line = lines
                .iter()
                .filter(|l| {
                    l.text.trim_start().starts_with(":::")
                        && l.text.split_whitespace().any(|w| w == needle)
                })
                .nth(1)
                .map_or(0, |l| l.number);
            report.at(line, format!("id \"{id}\" is used by two blocks: every question, scale, case and reflection needs its own id"));
        }
    }
}
