//! Compiles the UI strings in `locales/<lang>.json` into the `i18n` module
//! that `src/ui/l10n.rs` includes (leptos_i18n's code generator). A key
//! missing in a language, an unknown key or a broken placeholder fails the
//! build; `tests/translations.rs` checks the same files natively.

use std::path::PathBuf;

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
    let fail = |what: &str, e: &dyn std::fmt::Display| -> ! { panic!("locales: {what}: {e}") };
    let manifest =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let config = Config::new(LOCALES[0])
        .and_then(|c| c.add_locales(&LOCALES[1..]))
        .unwrap_or_else(|e| fail("configuration", &e))
        .parse_options(ParseOptions::new().interpolate_display(true));
    let parsed = parse_locales(Some(manifest), config).unwrap_or_else(|e| fail("parsing", &e));
    for path in parsed.tracked_files.iter().flatten() {
        println!("cargo::rerun-if-changed={path}");
    }
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
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("i18n.rs");
    std::fs::write(&out, code.to_string()).unwrap_or_else(|e| fail("writing the module", &e));
}
