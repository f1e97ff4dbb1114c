//! The app's languages: which ones the UI speaks, what they are called, how
//! a browser's language maps onto them, and which language to show a module
//! in when it has not been translated into the learner's one.
//!
//! Pure, so that the choices are tested natively (tests/translations.rs).

/// Every language of the UI, the default first. Each has `locales/<code>.json`.
pub const UI_LANGUAGES: [&str; 6] = ["en", "de", "fr", "nl", "da", "nb"];

/// The language the app starts in when neither a choice nor the browser
/// names one of [`UI_LANGUAGES`].
pub const DEFAULT_LANGUAGE: &str = "en";

pub fn is_ui_language(code: &str) -> bool {
    UI_LANGUAGES.contains(&code)
}

/// A language's name in that language, as people look for it in a list.
pub fn language_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "de" => "Deutsch",
        "fr" => "Français",
        "nl" => "Nederlands",
        "da" => "Dansk",
        "nb" => "Norsk bokmål",
        other => other,
    }
}

/// The UI language for one browser language tag ("de-AT" gives "de"), if
/// the UI has it. Norwegian as such ("no") and Nynorsk ("nn") get Bokmål.
pub fn from_browser_tag(tag: &str) -> Option<&'static str> {
    let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    let primary = match primary.as_str() {
        "no" | "nn" => "nb",
        other => other,
    };
    UI_LANGUAGES.iter().copied().find(|l| *l == primary)
}

/// The first of the browser's preferred languages the UI has.
pub fn from_browser_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    tags.into_iter().find_map(from_browser_tag)
}

/// The languages to show content in when it is missing in `wanted`,
/// nearest first: a reader of Bokmål reads Danish more easily than English
/// (and the other way round); for French and Dutch readers English is the
/// usual second language at work. English is always in the list.
pub fn nearest_languages(wanted: &str) -> &'static [&'static str] {
    match wanted {
        "nb" => &["da", "en"],
        "da" => &["nb", "en"],
        "nl" => &["en", "de"],
        "de" => &["en"],
        "en" => &["de"],
        _ => &["en"],
    }
}

/// Whether a count of `n` takes the singular in `lang` (French counts 0 and
/// 1 as singular; the other UI languages only 1).
pub fn is_singular(lang: &str, n: usize) -> bool {
    match lang {
        "fr" => n < 2,
        _ => n == 1,
    }
}

/// The locale the browser's `Intl` formats dates and numbers with. English
/// is British: "22 November 2026" and a 24-hour clock, as the app always
/// wrote them.
pub fn format_locale(lang: &str) -> &str {
    match lang {
        "en" => "en-GB",
        "de" => "de-DE",
        "fr" => "fr-FR",
        "nl" => "nl-NL",
        "da" => "da-DK",
        "nb" => "nb-NO",
        other => other,
    }
}
