//! The UI strings in `locales/<lang>.json`: every language has exactly the
//! keys of English, with the same `{{ placeholders }}`, and every key the
//! code asks for (`tr!(key …)`) exists with the same placeholder names. The
//! build checks keys too (build.rs); this test says precisely what is
//! wrong, natively, and also catches what the build lets through (an
//! unused key, a placeholder missing in one language or at a call, a stray
//! space).
//!
//! How to add a language: docs/translations.md.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use mtd_learn::lang::{
    from_browser_tag, from_browser_tags, is_singular, language_name, nearest_languages,
    DEFAULT_LANGUAGE, UI_LANGUAGES,
};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn locale_path(lang: &str) -> PathBuf {
    root().join("locales").join(format!("{lang}.json"))
}

/// One language file as key → text, in file order; panics with the file
/// name when it is not a flat JSON object of strings.
fn load(lang: &str) -> BTreeMap<String, String> {
    let path = locale_path(lang);
    let raw = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: cannot be read ({e})", path.display()));
    let value: Value = serde_json::from_str(&raw)
        .unwrap_or_else(|e| panic!("{}: not valid JSON ({e})", path.display()));
    let Value::Object(map) = value else {
        panic!(
            "{}: must be one JSON object of \"key\": \"text\"",
            path.display()
        );
    };
    map.into_iter()
        .map(|(key, text)| match text {
            Value::String(text) => (key, text),
            other => panic!(
                "{}: \"{key}\" must be a string, found {other}",
                path.display()
            ),
        })
        .collect()
}

/// The names in `{{ name }}` placeholders, or why the text is malformed.
fn placeholders(text: &str) -> Result<BTreeSet<String>, String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let end = after
            .find("}}")
            .ok_or_else(|| format!("\"{{{{\" without \"}}}}\" in {text:?}"))?;
        let name = after[..end].trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!(
                "placeholder {{{{{}}}}} is not a plain name",
                &after[..end]
            ));
        }
        names.insert(name.to_owned());
        rest = &after[end + 2..];
    }
    if rest.contains("}}") {
        return Err(format!("\"}}}}\" without \"{{{{\" in {text:?}"));
    }
    Ok(names)
}

fn edge_spaces(text: &str) -> (bool, bool) {
    (text.starts_with(' '), text.ends_with(' '))
}

#[test]
fn every_language_has_exactly_the_keys_and_placeholders_of_english() {
    let english = load(DEFAULT_LANGUAGE);
    assert!(!english.is_empty(), "locales/en.json has no strings");
    let mut problems = Vec::new();
    for (key, text) in &english {
        if let Err(e) = placeholders(text) {
            problems.push(format!("en: \"{key}\": {e}"));
        }
    }
    for lang in UI_LANGUAGES.iter().filter(|l| **l != DEFAULT_LANGUAGE) {
        let other = load(lang);
        for key in english.keys().filter(|k| !other.contains_key(*k)) {
            problems.push(format!(
                "{lang}: \"{key}\" is missing (en: {:?})",
                english[key]
            ));
        }
        for key in other.keys().filter(|k| !english.contains_key(*k)) {
            problems.push(format!("{lang}: \"{key}\" is not a key of en.json"));
        }
        for (key, text) in other.iter().filter(|(k, _)| english.contains_key(*k)) {
            let theirs = match placeholders(text) {
                Ok(names) => names,
                Err(e) => {
                    problems.push(format!("{lang}: \"{key}\": {e}"));
                    continue;
                }
            };
            let ours = placeholders(&english[key]).unwrap_or_default();
            if theirs != ours {
                problems.push(format!(
                    "{lang}: \"{key}\" has placeholders {theirs:?}, en has {ours:?}"
                ));
            }
            if text.trim().is_empty() {
                problems.push(format!("{lang}: \"{key}\" is empty"));
            }
            // A leading or trailing space separates the text from its
            // neighbour on the page: every language needs it, or none.
            if edge_spaces(text) != edge_spaces(&english[key]) {
                problems.push(format!(
                    "{lang}: \"{key}\" starts or ends with a space where en does not (or the other way round): {text:?}"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) in locales/*.json:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

#[test]
fn texts_hold_no_markup() {
    // leptos_i18n reads <tag>…</tag> in a text as a component; the app
    // passes no components, so a "<" would be an error or lost text.
    for lang in UI_LANGUAGES {
        for (key, text) in load(lang) {
            assert!(
                !text.contains('<') && !text.contains('>'),
                "{lang}: \"{key}\" contains < or >: {text:?}"
            );
        }
    }
}

#[test]
fn the_language_files_are_the_ui_languages() {
    let mut found: Vec<String> = fs::read_dir(root().join("locales"))
        .expect("locales/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut expected: Vec<String> = UI_LANGUAGES.iter().map(|l| format!("{l}.json")).collect();
    expected.sort();
    assert_eq!(
        found, expected,
        "locales/ must hold one file per language of mtd_learn::lang::UI_LANGUAGES"
    );
    // build.rs compiles the same list.
    let build = fs::read_to_string(root().join("build.rs")).expect("build.rs");
    let listed = format!(
        "const LOCALES: [&str; {}] = [{}];",
        UI_LANGUAGES.len(),
        UI_LANGUAGES
            .iter()
            .map(|l| format!("\"{l}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    assert!(build.contains(&listed), "build.rs must say `{listed}`");
    assert_eq!(UI_LANGUAGES[0], DEFAULT_LANGUAGE);
}

/// One `tr!(key, name = value, …)` in the source: the key and the names.
struct Call {
    file: String,
    key: String,
    names: BTreeSet<String>,
}

/// A line without its `//` comment (a `//` inside a string stays).
fn without_comment(line: &str) -> &str {
    let mut quotes = 0;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match c {
            '"' if previous != '\\' => quotes += 1,
            '/' if previous == '/' && quotes % 2 == 0 => return &line[..i - 1],
            _ => {}
        }
        previous = c;
    }
    line
}

/// The `tr!` calls of a source text (comments left out).
fn calls_in(file: &str, source: &str) -> Vec<Call> {
    let code: String = source
        .lines()
        .map(without_comment)
        .collect::<Vec<_>>()
        .join("\n");
    let mut calls = Vec::new();
    for (at, _) in code.match_indices("tr!(") {
        // The arguments up to the matching ")", split at top-level commas.
        let mut depth = 0usize;
        let mut parts = vec![String::new()];
        let mut in_string = false;
        let mut previous = ' ';
        for c in code[at + 4..].chars() {
            if in_string {
                in_string = !(c == '"' && previous != '\\');
            } else {
                match c {
                    '"' => in_string = true,
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' if depth == 0 => break,
                    ')' | ']' | '}' => depth -= 1,
                    ',' if depth == 0 => {
                        parts.push(String::new());
                        previous = c;
                        continue;
                    }
                    _ => {}
                }
            }
            parts.last_mut().expect("a part").push(c);
            previous = c;
        }
        let key = parts[0].trim().to_owned();
        // The macro's own definition passes `$key`, which is not a key.
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let names = parts[1..]
            .iter()
            .filter_map(|p| p.split_once('=').map(|(name, _)| name.trim().to_owned()))
            .collect();
        calls.push(Call {
            file: file.to_owned(),
            key,
            names,
        });
    }
    calls
}

/// Every `tr!(key …)` in src/ names a key of en.json with exactly the
/// key's `{{ placeholders }}` (the app fills them in at run time, so the
/// compiler does not check the names), and every key is used somewhere (a
/// key no code asks for is a leftover to delete).
#[test]
fn the_code_and_the_files_name_the_same_keys_and_placeholders() {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).expect("source folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root().join("src"), &mut files);
    let english = load(DEFAULT_LANGUAGE);
    let mut used = BTreeSet::new();
    let mut problems = Vec::new();
    for file in &files {
        let source = fs::read_to_string(file).expect("source file");
        let name = file
            .strip_prefix(root())
            .unwrap_or(file)
            .display()
            .to_string();
        for call in calls_in(&name, &source) {
            match english.get(&call.key) {
                None => problems.push(format!(
                    "{}: tr!({}) is not a key of locales/en.json",
                    call.file, call.key
                )),
                Some(text) => {
                    let wanted = placeholders(text).unwrap_or_default();
                    if wanted != call.names {
                        problems.push(format!(
                            "{}: tr!({}) passes {:?}, the text has {:?}",
                            call.file, call.key, call.names, wanted
                        ));
                    }
                }
            }
            used.insert(call.key);
        }
    }
    for key in english.keys().filter(|k| !used.contains(*k)) {
        problems.push(format!("locales/en.json: \"{key}\" is used by no tr!"));
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

#[test]
fn a_call_is_read_with_its_placeholder_names() {
    let calls = calls_in(
        "x.rs",
        r#"let a = tr!(one); // tr!(not_this)
           let b = tr!(two, n = f(x, y), total = if a == b { "(" } else { ")" },);
           macro_rules! tr { ($key:ident) => {} }"#,
    );
    let got: Vec<(String, Vec<String>)> = calls
        .into_iter()
        .map(|c| (c.key, c.names.into_iter().collect()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("one".to_owned(), vec![]),
            ("two".to_owned(), vec!["n".to_owned(), "total".to_owned()])
        ]
    );
}

#[test]
fn browser_languages_map_onto_the_ui_languages() {
    assert_eq!(from_browser_tag("de-AT"), Some("de"));
    assert_eq!(from_browser_tag("fr_CA"), Some("fr"));
    assert_eq!(from_browser_tag("NL"), Some("nl"));
    assert_eq!(from_browser_tag("nb-NO"), Some("nb"));
    assert_eq!(from_browser_tag("no"), Some("nb"));
    assert_eq!(from_browser_tag("nn"), Some("nb"));
    assert_eq!(from_browser_tag("sv-SE"), None);
    assert_eq!(from_browser_tag(""), None);
    assert_eq!(from_browser_tags(["sv", "da-DK", "en"]), Some("da"));
    assert_eq!(from_browser_tags(["pl", "it"]), None);
    for lang in UI_LANGUAGES {
        assert_eq!(from_browser_tag(lang), Some(lang));
        assert_ne!(language_name(lang), lang, "{lang} needs its own name");
    }
}

#[test]
fn a_missing_module_language_falls_back_to_a_near_one_and_always_reaches_english() {
    for lang in UI_LANGUAGES {
        let near = nearest_languages(lang);
        assert!(!near.contains(&lang), "{lang} lists itself");
        assert!(
            near.iter().all(|l| UI_LANGUAGES.contains(l)),
            "{lang}: {near:?}"
        );
        assert!(
            lang == "en" || near.contains(&"en"),
            "{lang} must reach English: {near:?}"
        );
    }
    assert_eq!(nearest_languages("nb")[0], "da");
    assert_eq!(nearest_languages("da")[0], "nb");
    assert_eq!(nearest_languages("fr")[0], "en");
    assert_eq!(nearest_languages("nl")[0], "en");
}

#[test]
fn french_counts_zero_as_singular() {
    assert!(is_singular("fr", 0) && is_singular("fr", 1) && !is_singular("fr", 2));
    for lang in ["en", "de", "nl", "da", "nb"] {
        assert!(!is_singular(lang, 0) && is_singular(lang, 1) && !is_singular(lang, 2));
    }
}

#[test]
fn a_module_is_shown_in_the_nearest_language_it_has() {
    use mtd_learn::content::ModuleEntry;
    let entry: ModuleEntry = serde_json::from_str(
        r#"{"id":"m","minutes":5,"languages":["en","de","da"],
            "title":{"en":"Title","de":"Titel","da":"Titel"},"summary":{"en":"s","de":"s","da":"s"}}"#,
    )
    .expect("entry");
    assert_eq!(entry.language_for("de"), "de");
    assert_eq!(entry.language_for("nb"), "da");
    assert_eq!(entry.language_for("fr"), "en");
    assert_eq!(entry.language_for("nl"), "en");
    let german_only: ModuleEntry = serde_json::from_str(
        r#"{"id":"m","minutes":5,"languages":["de"],"title":{"de":"T"},"summary":{"de":"s"}}"#,
    )
    .expect("entry");
    assert_eq!(
        german_only.language_for("fr"),
        "de",
        "the only language it has"
    );
    // The shipped pack: French and Dutch readers get English.
    let course = mtd_learn::content::parse_course(
        &fs::read_to_string(root().join("public/content/course.json")).expect("course.json"),
    )
    .expect("course.json parses")
    .value;
    for entry in &course.modules {
        for lang in ["fr", "nl"] {
            assert_eq!(entry.language_for(lang), "en", "{} in {lang}", entry.id);
        }
    }
    assert_eq!(course.language_for("fr"), "en");
}
