//! The UI in the learner's language: the strings of `locales/<lang>.json`
//! (compiled in by build.rs; use them through `tr!`), and dates and numbers
//! formatted by the browser's `Intl`, which costs the wasm nothing.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

include!(concat!(env!("OUT_DIR"), "/i18n.rs"));

thread_local! {
    static LANGUAGE: Cell<Option<RwSignal<String>>> = const { Cell::new(None) };
}

/// Makes `signal` the UI language (called once by the app). Until then, as
/// in component tests without the app, the UI is English.
pub fn install(signal: RwSignal<String>) {
    LANGUAGE.with(|l| l.set(Some(signal)));
}

/// The UI language code; inside a closure, reading it follows switches.
pub fn lang() -> String {
    LANGUAGE
        .with(Cell::get)
        .and_then(|signal| signal.try_get())
        .filter(|l| crate::lang::is_ui_language(l))
        .unwrap_or_else(|| crate::lang::DEFAULT_LANGUAGE.to_owned())
}

/// The leptos_i18n locale of [`lang`].
pub fn locale() -> i18n::Locale {
    use i18n::Locale;
    match lang().as_str() {
        "de" => Locale::de,
        "fr" => Locale::fr,
        "nl" => Locale::nl,
        "da" => Locale::da,
        "nb" => Locale::nb,
        _ => Locale::en,
    }
}

/// The text that `lookup` picks for the UI language. Every `tr!` passes a
/// plain function, so a key's lookup is compiled once per call site at
/// most and this part once for all (with [`owned`]: 9.4 KB less wasm
/// than leptos_i18n's lookup inlined at every call).
#[inline(never)]
pub fn text(lookup: fn(i18n::Locale) -> &'static str) -> &'static str {
    lookup(locale())
}

/// [`text`] as a `String`, also once for all.
#[inline(never)]
pub fn owned(lookup: fn(i18n::Locale) -> &'static str) -> String {
    text(lookup).to_owned()
}

/// `template` with each `{name}` replaced by the value named so in
/// `values` (build.rs turned the files' `{{ name }}` into `{name}`;
/// tests/translations.rs checks the names against the files).
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        text.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let value = after.find('}').and_then(|end| {
            let name = &after[..end];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (v, &after[end + 1..]))
        });
        match value {
            Some((value, tail)) => {
                let _ = write!(text, "{value}");
                rest = tail;
            }
            None => {
                text.push('{');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text
}

/// `one` or `many` for a count of `n`, as the UI language counts.
pub fn plural(n: usize, one: String, many: String) -> String {
    if crate::lang::is_singular(&lang(), n) {
        one
    } else {
        many
    }
}

/// The language's name as it reads inside a sentence of the UI language
/// ("Englisch", "anglais", "engelsk").
pub fn language_in_sentence(code: &str) -> String {
    match code {
        "en" => tr!(language_en),
        "de" => tr!(language_de),
        "fr" => tr!(language_fr),
        "nl" => tr!(language_nl),
        "da" => tr!(language_da),
        "nb" => tr!(language_nb),
        other => other.to_owned(),
    }
}

fn options(pairs: &[(&str, JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

fn locales() -> js_sys::Array {
    js_sys::Array::of1(&JsValue::from_str(crate::lang::format_locale(&lang())))
}

fn format_date(ms: u64, pairs: &[(&str, JsValue)]) -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&locales(), &options(pairs));
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    format
        .format()
        .call1(&format, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// "22 November 2026", "22. November 2026", "22 novembre 2026" …
pub fn long_date(ms: u64) -> String {
    let s = JsValue::from_str;
    format_date(
        ms,
        &[
            ("day", s("numeric")),
            ("month", s("long")),
            ("year", s("numeric")),
        ],
    )
}

/// "14:05" (Danish "14.05") in the learner's time zone.
pub fn clock(ms: u64) -> String {
    let s = JsValue::from_str;
    format_date(
        ms,
        &[
            ("hour", s("2-digit")),
            ("minute", s("2-digit")),
            ("hourCycle", s("h23")),
        ],
    )
}

/// `x` with exactly `digits` decimals: "3.4", German "3,4".
pub fn decimal(x: f64, digits: u32) -> String {
    let d = JsValue::from_f64(f64::from(digits));
    let format = js_sys::Intl::NumberFormat::new(
        &locales(),
        &options(&[
            ("minimumFractionDigits", d.clone()),
            ("maximumFractionDigits", d),
        ]),
    );
    format
        .format()
        .call1(&format, &JsValue::from_f64(x))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| format!("{x:.*}", digits as usize))
}

/// A score such as 2, 2.5 (German 2,5): up to two decimals, none shown
/// for a whole number.
pub fn number(x: f64) -> String {
    let format = js_sys::Intl::NumberFormat::new(
        &locales(),
        &options(&[("maximumFractionDigits", JsValue::from_f64(2.0))]),
    );
    format
        .format()
        .call1(&format, &JsValue::from_f64(x))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| format!("{x}"))
}

/// A whole number with the language's digit grouping ("2 097 153").
pub fn integer(n: u64) -> String {
    decimal(n as f64, 0)
}
