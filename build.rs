//! Compiles the UI strings in `locales/<lang>.json` into the `i18n` module
//! that `src/ui/l10n.rs` includes (leptos_i18n's parser and code
//! generator). A key missing in a language or an unknown key fails the
//! build; `tests/translations.rs` checks the same files natively, and also
//! the `{{ placeholders }}`.

use std::path::{Path, PathBuf};

use leptos_i18n_parser::parse_locales::{
    options::{Config, ParseOptions},
    parse_locales,
};

/// The default language first; the same list as `mtd_learn::lang::UI_LANGUAGES`.
const LOCALES: [&str; 6] = ["en", "de", "fr", "nl", "da", "nb"];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    // Only the browser build has a UI; native builds (tests) skip the work.
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32") {
        return;
    }
    let manifest = PathBuf::from(env("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env("OUT_DIR"));

    // The app fills in `{{ name }}` itself (`ui::l10n::fill`): one small
    // function instead of a formatter generated per text and language
    // (measured: 10.7 KB less wasm, 4.2 KB brotli). leptos_i18n gets
    // copies of the files with `{name}`, which it leaves as it is.
    let copies = out.join("locales");
    std::fs::create_dir_all(&copies).unwrap_or_else(|e| fail("creating OUT_DIR/locales", &e));
    for lang in LOCALES {
        let file = format!("{lang}.json");
        let text = std::fs::read_to_string(manifest.join("locales").join(&file))
            .unwrap_or_else(|e| fail(&file, &e));
        std::fs::write(copies.join(&file), single_braces(&text))
            .unwrap_or_else(|e| fail(&file, &e));
        println!("cargo::rerun-if-changed=locales/{file}");
    }

    let config = Config::new(LOCALES[0])
        .and_then(|c| c.add_locales(&LOCALES[1..]))
        .unwrap_or_else(|e| fail("configuration", &e))
        .locales_path(copies)
        .parse_options(ParseOptions::new());
    let parsed = parse_locales(Some(manifest), config).unwrap_or_else(|e| fail("parsing", &e));
    let problems: Vec<String> = parsed
        .diag
        .errors()
        .iter()
        .map(ToString::to_string)
        .chain(parsed.diag.warnings().iter().map(ToString::to_string))
        .collect();
    if !problems.is_empty() {
        panic!("locales/*.json:\n  {}", problems.join("\n  "));
    }
    let code = leptos_i18n_codegen::gen_code(&parsed, None, false, None, false)
        .unwrap_or_else(|e| fail("code generation", &e));
    write(&out.join("i18n.rs"), &code.to_string());
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|e| fail(name, &e))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| fail(&path.display().to_string(), &e));
}

fn fail(what: &str, e: &dyn std::fmt::Display) -> ! {
    panic!("locales: {what}: {e}")
}

/// `{{ name }}` becomes `{name}`.
fn single_braces(text: &str) -> String {
    let mut result = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        result.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                result.push('{');
                result.push_str(after[..end].trim());
                result.push('}');
                rest = &after[end + 2..];
            }
            None => {
                result.push_str("{{");
                rest = after;
            }
        }
    }
    result.push_str(rest);
    result
}
