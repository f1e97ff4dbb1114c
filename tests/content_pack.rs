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
    fs::read_to_string(pack_dir().join(relative))
        .unwrap_or_else(|e| panic!("{relative}: cannot read ({e})"))
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
            problems.extend(check_module_against_index(
                entry,
                lang,
                &parsed.value,
                &source,
            ));
            checked += 1;
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) in the content pack:{}",
        problems.len(),
        list(&problems)
    );
    assert!(checked > 0, "the pack has no module files");
}

#[test]
fn the_pack_holds_no_file_the_index_does_not_list() {
    let course = course();
    for lang in &course.languages {
        for file in fs::read_dir(pack_dir().join(lang)).unwrap() {
            let name = file.unwrap().file_name().into_string().unwrap();
            let id = name
                .strip_suffix(".md")
                .unwrap_or_else(|| panic!("{lang}/{name}: only .md module files belong here"));
            let listed = course
                .module(id)
                .is_some_and(|m| m.languages.contains(lang));
            assert!(listed, "{lang}/{name} is not listed for \"{lang}\" in course.json: add it or remove the file");
        }
    }
}

/// Every learning module is offered in every language of the course, and
/// each translation has the structure of the first language's version.
#[test]
fn every_module_exists_in_every_language_with_the_same_structure() {
    let course = course();
    let reference_lang = course.fallback_language().to_owned();
    let mut problems = Vec::new();
    for entry in &course.modules {
        for lang in &course.languages {
            assert!(
                entry.languages.contains(lang),
                "module \"{}\" is missing in \"{lang}\": add {} and list the language in course.json",
                entry.id,
                Course::module_path(lang, &entry.id)
            );
        }
        let reference_file = Course::module_path(&reference_lang, &entry.id);
        let reference = parse_module(&reference_file, &read(&reference_file)).value;
        for lang in entry.languages.iter().filter(|l| **l != reference_lang) {
            let file = Course::module_path(lang, &entry.id);
            let module = parse_module(&file, &read(&file)).value;
            problems.extend(compare_structure(
                &reference_file,
                &reference,
                &file,
                &module,
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} structural difference(s):{}",
        problems.len(),
        list(&problems)
    );
}

fn words(blocks: &[Block]) -> usize {
    let count = |t: &RichText| plain_text(t).split_whitespace().count();
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(t) | Block::Heading(t) => count(t),
            Block::List { items, .. } => items.iter().map(count).sum(),
            Block::Quote(ps) => ps.iter().map(count).sum(),
            Block::Callout(c) => words(&c.body),
            _ => 0,
        })
        .sum()
}

/// What the curriculum promises for every learning module in every language.
#[test]
fn every_learning_module_meets_the_curriculum_standard() {
    let course = course();
    let mut failures = Vec::new();
    for entry in course.learning_modules() {
        for lang in &entry.languages {
            let file = Course::module_path(lang, &entry.id);
            let module = parse_module(&file, &read(&file)).value;
            let mut fail = |what: String| failures.push(format!("{file}: {what}"));
            let blocks: Vec<Block> = module.blocks().cloned().collect();
            let count = |f: fn(&Block) -> bool| blocks.iter().filter(|b| f(b)).count();
            if !(3..=5).contains(&module.objectives.len()) {
                fail(format!(
                    "{} learning objectives, 3 to 5 expected",
                    module.objectives.len()
                ));
            }
            let text = words(&blocks);
            if !(1200..=2500).contains(&text) {
                fail(format!(
                    "{text} words of learning text, 1,200 to 2,500 expected"
                ));
            }
            let questions = count(|b| matches!(b, Block::Question(_)));
            if questions < 5 {
                fail(format!(
                    "{questions} knowledge questions, at least 5 expected"
                ));
            }
            if count(|b| matches!(b, Block::Vignette(_))) == 0 {
                fail("no case vignette".into());
            }
            let reflections = count(|b| matches!(b, Block::Reflection(_)));
            if reflections != 1 {
                fail(format!(
                    "{reflections} reflection prompts, exactly 1 expected"
                ));
            }
            for section in &module.sections {
                for (n, slide) in section.slides.iter().enumerate() {
                    match &slide.notes {
                        None => fail(format!(
                            "line {}: slide {} of section \"{}\" has no speaker notes",
                            slide.line,
                            n + 1,
                            section.id
                        )),
                        Some(notes) if notes.minutes.is_none() => fail(format!(
                            "line {}: the speaker notes of slide {} of \"{}\" give no minutes",
                            slide.line,
                            n + 1,
                            section.id
                        )),
                        Some(_) => {}
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} shortfall(s):\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

/// The seminar needs every one of its topics; the order is the course order.
#[test]
fn the_course_has_the_ten_seminar_modules_in_order() {
    let ids: Vec<String> = course().learning_modules().map(|m| m.id.clone()).collect();
    assert_eq!(
        ids,
        [
            "scale-and-invisibility",
            "family-dynamics",
            "childrens-roles",
            "stress-and-risk",
            "protection-and-resilience",
            "talking-with-children",
            "offers-and-evidence",
            "talking-with-parents",
            "binding-cooperation",
            "my-attitudes",
        ]
    );
}
