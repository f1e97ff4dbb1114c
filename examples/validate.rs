//! Checks content files and prints every problem with file and line.
//!
//!     cargo run --example validate -- public/content/de/family-dynamics.md
//!     cargo run --example validate                 (the whole pack)
//!
//! A module file is also compared with its versions in the pack's other
//! languages and with its entry in course.json.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use mtd_learn::content::*;

fn main() -> ExitCode {
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/content");
    let course = std::fs::read_to_string(pack.join(COURSE_FILE))
        .ok()
        .and_then(|s| parse_course(&s).ok())
        .map(|p| p.value);
    let mut files: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if files.is_empty() {
        let Some(course) = &course else {
            eprintln!("{COURSE_FILE} cannot be read; name the files to check");
            return ExitCode::FAILURE;
        };
        for entry in &course.modules {
            for lang in &entry.languages {
                files.push(pack.join(Course::module_path(lang, &entry.id)));
            }
        }
    }
    let mut problems = Vec::new();
    for path in &files {
        let Ok(source) = std::fs::read_to_string(path) else {
            eprintln!("{}: cannot read", path.display());
            return ExitCode::FAILURE;
        };
        let lang = path
            .parent()
            .and_then(Path::file_name)
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_owned();
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_owned();
        let name = Course::module_path(&lang, &id);
        let parsed = parse_module(&name, &source);
        problems.extend(parsed.problems);
        let Some(course) = &course else { continue };
        let Some(entry) = course.module(&id) else {
            println!("note: {name} is not listed in {COURSE_FILE} yet");
            continue;
        };
        if entry.languages.contains(&lang) {
            problems.extend(check_module_against_index(
                entry,
                &lang,
                &parsed.value,
                &source,
            ));
        }
        for other in language_dirs(&pack).iter().filter(|l| **l != lang) {
            let other_name = Course::module_path(other, &id);
            if let Ok(other_source) = std::fs::read_to_string(pack.join(&other_name)) {
                let reference = parse_module(&other_name, &other_source).value;
                problems.extend(compare_structure(
                    &other_name,
                    &reference,
                    &name,
                    &parsed.value,
                ));
            }
        }
    }
    for problem in &problems {
        println!("{problem}");
    }
    println!(
        "{} file(s) checked, {} problem(s)",
        files.len(),
        problems.len()
    );
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Every language folder of the pack, listed in course.json or not yet.
fn language_dirs(pack: &Path) -> Vec<String> {
    std::fs::read_dir(pack)
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default()
}
