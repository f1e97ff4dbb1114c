//! The course index, `course.json`: which modules exist, in which order and
//! languages, and how long each takes.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::is_valid_id;
use super::model::Module;
use super::problem::{Parsed, Problem, Report};

pub const COURSE_FILE: &str = "course.json";

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    pub title: BTreeMap<String, String>,
    /// Every language of the pack; the first is the fallback.
    pub languages: Vec<String>,
    pub modules: Vec<ModuleEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleEntry {
    pub id: String,
    /// What the file is; decides where the app shows it.
    #[serde(default)]
    pub kind: EntryKind,
    pub minutes: u32,
    pub languages: Vec<String>,
    pub title: BTreeMap<String, String>,
    pub summary: BTreeMap<String, String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// A learning module: listed on the home page in course order.
    #[default]
    Module,
    /// A reference page such as the glossary or help and contacts.
    Reference,
    /// The seminar self-assessment, taken before and after the training.
    Assessment,
}

impl Course {
    /// The learning modules in course order, without reference pages and
    /// the assessment.
    pub fn learning_modules(&self) -> impl Iterator<Item = &ModuleEntry> {
        self.modules.iter().filter(|m| m.kind == EntryKind::Module)
    }

    pub fn entries_of(&self, kind: EntryKind) -> impl Iterator<Item = &ModuleEntry> {
        self.modules.iter().filter(move |m| m.kind == kind)
    }

    pub fn module(&self, id: &str) -> Option<&ModuleEntry> {
        self.modules.iter().find(|m| m.id == id)
    }

    pub fn fallback_language(&self) -> &str {
        self.languages.first().map_or("en", String::as_str)
    }

    pub fn title_in(&self, lang: &str) -> &str {
        localized(&self.title, lang, self.language_for(lang))
    }

    /// The language the course title and index are shown in for a learner
    /// who wants `wanted`: the same choice as for a module.
    pub fn language_for<'a>(&'a self, wanted: &'a str) -> &'a str {
        nearest_of(&self.languages, wanted).unwrap_or_else(|| self.fallback_language())
    }

    /// The module file's path inside the pack, e.g. `en/family-dynamics.md`.
    pub fn module_path(lang: &str, id: &str) -> String {
        format!("{lang}/{id}.md")
    }
}

impl ModuleEntry {
    /// The language to load this module in: `wanted` if the module has it,
    /// else the nearest one it has (`crate::lang::nearest_languages`), else
    /// the module's first language.
    pub fn language_for<'a>(&'a self, wanted: &'a str) -> &'a str {
        nearest_of(&self.languages, wanted).unwrap_or(wanted)
    }

    pub fn title_in(&self, lang: &str) -> &str {
        localized(&self.title, lang, self.language_for(lang))
    }

    pub fn summary_in(&self, lang: &str) -> &str {
        localized(&self.summary, lang, self.language_for(lang))
    }
}

/// `wanted` if `available` has it, else the nearest language it has, else
/// its first one; `None` only for an empty list.
fn nearest_of<'a>(available: &'a [String], wanted: &str) -> Option<&'a str> {
    let has = |code: &str| available.iter().find(|l| *l == code).map(String::as_str);
    has(wanted)
        .or_else(|| {
            crate::lang::nearest_languages(wanted)
                .iter()
                .find_map(|l| has(l))
        })
        .or_else(|| available.first().map(String::as_str))
}

fn localized<'a>(map: &'a BTreeMap<String, String>, lang: &str, fallback: &str) -> &'a str {
    map.get(lang)
        .or_else(|| map.get(fallback))
        .or_else(|| map.values().next())
        .map_or("", String::as_str)
}

/// Parses and checks `course.json`. JSON errors name the line and column.
pub fn parse_course(source: &str) -> Result<Parsed<Course>, Problem> {
    let course: Course = serde_json::from_str(source).map_err(|e| Problem {
        file: COURSE_FILE.to_owned(),
        line: e.line(),
        message: format!("cannot read the course index: {e}"),
    })?;
    let mut report = Report::new(COURSE_FILE);
    let line_of = |needle: &str| {
        source
            .lines()
            .position(|l| l.contains(needle))
            .map_or(0, |i| i + 1)
    };
    if course.languages.is_empty() {
        report.at(line_of("\"languages\""), "the course lists no languages");
    }
    if course.modules.is_empty() {
        report.at(line_of("\"modules\""), "the course lists no modules");
    }
    for lang in &course.languages {
        if !course.title.contains_key(lang) {
            report.at(
                line_of("\"title\""),
                format!("the course has no title in \"{lang}\""),
            );
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for entry in &course.modules {
        let line = line_of(&format!("\"{}\"", entry.id));
        if !is_valid_id(&entry.id) {
            report.at(line, format!("module id \"{}\" is not valid: use lower-case letters, digits and single hyphens", entry.id));
        }
        if seen.contains(&entry.id.as_str()) {
            report.at(line, format!("module \"{}\" is listed twice", entry.id));
        }
        seen.push(&entry.id);
        if entry.minutes == 0 {
            report.at(
                line,
                format!("module \"{}\" has minutes 0: give an estimate", entry.id),
            );
        }
        if entry.languages.is_empty() {
            report.at(line, format!("module \"{}\" lists no languages", entry.id));
        }
        for lang in &entry.languages {
            if !course.languages.contains(lang) {
                report.at(line, format!("module \"{}\" is in \"{lang}\", which the course does not list in \"languages\"", entry.id));
            }
            if !entry.title.contains_key(lang) || !entry.summary.contains_key(lang) {
                report.at(
                    line,
                    format!(
                        "module \"{}\" needs a title and a summary in \"{lang}\"",
                        entry.id
                    ),
                );
            }
        }
    }
    Ok(Parsed {
        value: course,
        problems: report.problems,
    })
}

/// Checks that a module file (`source`, parsed as `module`) agrees with its
/// entry in the course index.
pub fn check_module_against_index(
    entry: &ModuleEntry,
    lang: &str,
    module: &Module,
    source: &str,
) -> Vec<Problem> {
    let mut report = Report::new(&Course::module_path(lang, &entry.id));
    let line_of = |key: &str| {
        source
            .lines()
            .position(|l| l.starts_with(key))
            .map_or(1, |i| i + 1)
    };
    if module.id != entry.id {
        report.at(
            line_of("id:"),
            format!(
                "id \"{}\" differs from the file name and the course index (\"{}\")",
                module.id, entry.id
            ),
        );
    }
    if entry.title.get(lang) != Some(&module.title) {
        report.at(
            line_of("title:"),
            format!(
                "title differs from the course index (\"{}\"): keep them the same",
                entry.title.get(lang).map_or("", String::as_str)
            ),
        );
    }
    if entry.summary.get(lang) != Some(&module.summary) {
        report.at(
            line_of("summary:"),
            "summary differs from the course index: keep them the same",
        );
    }
    report.problems
}
