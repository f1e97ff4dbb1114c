//! Validates every file of the shipped content pack, as a trainer editing the
//! pack would: run `cargo test --test content_pack` and read the problems.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

use mtd_learn::content::*;

fn pack_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public/content")
}

fn read(relative: &str) -> String {
    fs::read_to_string(pack_dir().join(relative)).unwrap_or_else(|e| panic!("{relative}: cannot read ({e})"))
}

fn course() -> Course {
    match parse_course(&read(COURSE_FILE)) {
        Ok(parsed) if parsed.problems.is_empty() => parsed.value,
        Ok(parsed) => panic!("{}", list(&parsed.problems)),
        Err(problem) => panic!("{problem}"),
    }
}

fn list(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("\n  {p}")).collect()
}

#[test]
fn every_module_file_is_valid_and_agrees_with_the_index() {
    let course = course();
    let mut problems = Vec::new();
    let mut checked = 0;
    for entry in &course.modules {
        for lang in &entry.languages {
            let path = Course::module_path(lang, &entry.id);
            let source = read(&path);
            let parsed = parse_module(&path, &source);
            problems.extend(parsed.problems);
            problems.extend(check_module_against_index(entry, lang, &parsed.value, &source));
            checked += 1;
        }
    }
    assert!(problems.is_empty(), "{} problem(s) in the content pack:{}", problems.len(), list(&problems));
    assert!(checked > 0, "the pack has no module files");
}

#[test]
fn the_pack_holds_no_file_the_index_does_not_list() {
    let course = course();
    for lang in &course.languages {
        for file in fs::read_dir(pack_dir().join(lang)).unwrap() {
            let name = file.unwrap().file_name().into_string().unwrap();
            let id = name.strip_suffix(".md").unwrap_or_else(|| panic!("{lang}/{name}: only .md module files belong here"));
            let listed = course.module(id).is_some_and(|m| m.languages.contains(lang));
            assert!(listed, "{lang}/{name} is not listed for \"{lang}\" in course.json: add it or remove the file");
        }
    }
}

/// The foundation module's minimum, from the issue that introduced it.
#[test]
fn family_dynamics_is_a_complete_module() {
    let source = read("en/family-dynamics.md");
    let module = parse_module("en/family-dynamics.md", &source).value;
    assert!(module.objectives.len() >= 3);
    assert!(!module.sources.is_empty());
    let count = |f: fn(&Block) -> bool| module.blocks().filter(|b| f(b)).count();
    assert!(count(|b| matches!(b, Block::Question(_))) >= 3);
    let statements: usize = module.blocks().map(|b| if let Block::Likert(l) = b { l.statements.len() } else { 0 }).sum();
    assert!(statements >= 4);
    assert!(count(|b| matches!(b, Block::Vignette(_))) >= 1);
    assert!(count(|b| matches!(b, Block::Reflection(_))) >= 1);
    let slides: Vec<&Slide> = module.sections.iter().flat_map(|s| &s.slides).collect();
    assert!(slides.len() > module.sections.len(), "sections are split into slides");
    assert!(slides.iter().all(|s| s.notes.is_some()), "every slide has speaker notes");
    let words: usize = module
        .blocks()
        .map(|b| match b {
            Block::Paragraph(t) | Block::Heading(t) => plain_text(t).split_whitespace().count(),
            Block::List { items, .. } => items.iter().map(|t| plain_text(t).split_whitespace().count()).sum(),
            Block::Quote(ps) => ps.iter().map(|t| plain_text(t).split_whitespace().count()).sum(),
            Block::Callout(c) => c.body.iter().map(|b| if let Block::Paragraph(t) = b { plain_text(t).split_whitespace().count() } else { 0 }).sum(),
            _ => 0,
        })
        .sum();
    assert!(words >= 1200, "learning text has {words} words, at least 1,200 expected");
}
