//! Contrast of the colour tokens in every theme: light and dark
//! (style/tokens.css) and the projector theme (style/present.css). Text
//! needs 4.5:1 (WCAG 1.4.3), focus rings, control edges and chart bars 3:1
//! (WCAG 1.4.11).
//!
//! axe-core checks the text it finds on the pages the e2e tests open; this
//! test also covers states those pages may not show (hover, every result
//! colour, the blanked deck) and the non-text pairs axe does not measure.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;
use std::fs;
use std::path::Path;

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The block `{ … }` that follows the first `marker` (no nested braces).
fn block<'a>(css: &'a str, marker: &str) -> &'a str {
    let at = css
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker:?} in the stylesheet"));
    let open = at + css[at..].find('{').expect("a block");
    let close = open + css[open..].find('}').expect("the block's end");
    &css[open + 1..close]
}

/// The text without `/* … */` comments.
fn strip_comments(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}

/// `--name: #rrggbb;` declarations of a block.
fn hex_vars(block: &str) -> HashMap<String, String> {
    strip_comments(block)
        .split(';')
        .filter_map(|decl| {
            let (name, value) = decl.split_once(':')?;
            let name = name
                .trim()
                .trim_start_matches('{')
                .trim()
                .strip_prefix("--")?;
            let value = value.trim();
            (value.starts_with('#') && (value.len() == 7 || value.len() == 4))
                .then(|| (name.to_owned(), value.to_owned()))
        })
        .collect()
}

fn rgb(hex: &str) -> [f64; 3] {
    let h = hex.trim_start_matches('#');
    let h: String = if h.len() == 3 {
        h.chars().flat_map(|c| [c, c]).collect()
    } else {
        h.to_owned()
    };
    let c = |i: usize| f64::from(u8::from_str_radix(&h[i..i + 2], 16).expect("hex colour"));
    [c(0), c(2), c(4)]
}

fn luminance(hex: &str) -> f64 {
    let lin = |c: f64| {
        let c = c / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let [r, g, b] = rgb(hex);
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

fn ratio(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

const TEXT: f64 = 4.5;
const NON_TEXT: f64 = 3.0;

/// (foreground, background, minimum, where the pair is used).
const APP_PAIRS: &[(&str, &str, f64, &str)] = &[
    ("text", "bg", TEXT, "body text"),
    ("text", "surface", TEXT, "panels, cards, questions"),
    (
        "text",
        "surface-2",
        TEXT,
        "default buttons, chosen scale point",
    ),
    ("text", "info-bg", TEXT, "notes, notices"),
    ("text", "good-bg", TEXT, "correct option, tip"),
    ("text", "partial-bg", TEXT, "warnings"),
    ("text", "bad-bg", TEXT, "wrong option, delete confirmation"),
    ("text-muted", "bg", TEXT, "hints, footer"),
    (
        "text-muted",
        "surface",
        TEXT,
        "card summaries, chart values",
    ),
    ("text-muted", "surface-2", TEXT, "private badge"),
    ("text-muted", "info-bg", TEXT, "hints in a notice"),
    ("link", "bg", TEXT, "links"),
    (
        "link",
        "surface",
        TEXT,
        "links in panels, secondary buttons",
    ),
    ("link", "info-bg", TEXT, "links in notes"),
    ("link", "good-bg", TEXT, "links in tips"),
    ("link", "partial-bg", TEXT, "links in warnings"),
    ("primary", "surface", TEXT, "block labels, card status"),
    ("primary", "surface-2", TEXT, "module number"),
    ("primary", "bg", TEXT, "presenter minutes"),
    (
        "on-primary",
        "primary",
        TEXT,
        "primary buttons, continue card",
    ),
    ("on-chrome", "chrome", TEXT, "header and phone bottom bar"),
    (
        "on-primary",
        "primary-strong",
        TEXT,
        "primary button hovered",
    ),
    ("good", "good-bg", TEXT, "result: correct"),
    ("partial", "partial-bg", TEXT, "result: partly right"),
    ("bad", "bad-bg", TEXT, "result: not quite"),
    ("good", "surface", TEXT, "visited mark"),
    ("danger", "surface", TEXT, "delete button"),
    ("bad", "surface", TEXT, "sync error in the settings"),
    ("bad", "bg", TEXT, "sync error in the footer"),
    ("focus", "bg", NON_TEXT, "focus ring on the page"),
    ("focus", "surface", NON_TEXT, "focus ring in a panel"),
    (
        "focus",
        "surface-2",
        NON_TEXT,
        "focus ring on a grey surface",
    ),
    ("on-chrome", "chrome", NON_TEXT, "focus ring in the header"),
    (
        "border-control",
        "surface",
        NON_TEXT,
        "edges of text fields and lists",
    ),
    (
        "border-control",
        "bg",
        NON_TEXT,
        "edge of the reflection field",
    ),
    (
        "primary",
        "surface",
        NON_TEXT,
        "profile bar (after), option chosen",
    ),
    ("text-muted", "surface", NON_TEXT, "profile bar (before)"),
];

const SLIDE_PAIRS: &[(&str, &str, f64, &str)] = &[
    ("slide-text", "slide-bg", TEXT, "slide text"),
    (
        "slide-muted",
        "slide-bg",
        TEXT,
        "counter, hints, quotations",
    ),
    (
        "slide-accent",
        "slide-bg",
        TEXT,
        "kicker, question label, links",
    ),
    ("slide-good", "slide-bg", TEXT, "revealed correct answer"),
    ("focus", "slide-bg", NON_TEXT, "focus ring in the deck"),
];

fn check(
    theme: &str,
    vars: &HashMap<String, String>,
    pairs: &[(&str, &str, f64, &str)],
) -> Vec<String> {
    let mut bad = Vec::new();
    for (fg, bg, min, use_) in pairs {
        let (Some(f), Some(b)) = (vars.get(*fg), vars.get(*bg)) else {
            bad.push(format!("{theme}: --{fg} or --{bg} is not a #hex token"));
            continue;
        };
        let r = ratio(f, b);
        if r < *min {
            bad.push(format!(
                "{theme}: --{fg} {f} on --{bg} {b} is {r:.2}:1, needs {min}:1 ({use_})"
            ));
        }
    }
    bad
}

#[test]
fn the_formula_matches_wcag() {
    assert!((ratio("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    assert!((ratio("#777777", "#ffffff") - 4.48).abs() < 0.01);
}

/// The dark theme is written twice in tokens.css: for the system setting
/// (`@media (prefers-color-scheme: dark)`) and for the learner's choice
/// (`:root[data-theme="dark"]`).
enum DarkBlock {
    System,
    Chosen,
}

fn dark_theme(tokens: &str, which: DarkBlock) -> HashMap<String, String> {
    let body = match which {
        // block() stops at the first `}`: the end of the inner :root rule.
        DarkBlock::System => block(tokens, "@media (prefers-color-scheme: dark)")
            .split_once('{')
            .map(|(_, rest)| rest)
            .unwrap_or_default(),
        DarkBlock::Chosen => block(tokens, ":root[data-theme=\"dark\"] {"),
    };
    hex_vars(body)
}

#[test]
fn the_system_and_the_chosen_dark_theme_are_the_same() {
    let tokens = strip_comments(&read("style/tokens.css"));
    let system = dark_theme(&tokens, DarkBlock::System);
    assert!(system.len() > 20, "the system dark theme was not found: {system:?}");
    assert_eq!(system, dark_theme(&tokens, DarkBlock::Chosen));
}

#[test]
fn every_theme_has_enough_contrast() {
    let tokens = strip_comments(&read("style/tokens.css"));
    let light = hex_vars(block(&tokens, ":root"));
    let mut dark = light.clone();
    dark.extend(dark_theme(&tokens, DarkBlock::Chosen));
    assert_ne!(
        light.get("bg"),
        dark.get("bg"),
        "the dark theme was not found"
    );

    let present = strip_comments(&read("style/present.css"));
    let slide = hex_vars(block(
        &present,
        ".deck, .deck__frame--small, .handout__frame",
    ));
    assert!(
        slide.contains_key("slide-bg"),
        "the projector theme was not found"
    );

    let mut bad = check("light", &light, APP_PAIRS);
    bad.extend(check("dark", &dark, APP_PAIRS));
    bad.extend(check("projector", &slide, SLIDE_PAIRS));
    // Fixed colours of the deck (present.css).
    for (fg, bg, min, use_) in [
        (
            "#111111",
            slide["slide-accent"].as_str(),
            TEXT,
            "slide-number prompt",
        ),
        (
            slide["slide-text"].as_str(),
            "#13282c",
            TEXT,
            "overview slide title",
        ),
        (
            slide["slide-muted"].as_str(),
            "#13282c",
            TEXT,
            "overview slide preview",
        ),
        (
            slide["slide-accent"].as_str(),
            "#13282c",
            TEXT,
            "overview slide number",
        ),
        (
            slide["slide-accent"].as_str(),
            "#13282c",
            NON_TEXT,
            "current slide in the overview",
        ),
    ] {
        let r = ratio(fg, bg);
        if r < min {
            bad.push(format!(
                "projector: {fg} on {bg} is {r:.2}:1, needs {min}:1 ({use_})"
            ));
        }
    }
    assert!(bad.is_empty(), "contrast too low:\n  {}", bad.join("\n  "));
}
