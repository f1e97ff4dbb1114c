//! Accessibility: axe-core (WCAG 2.0/2.1 A and AA, best practices) on every
//! route and view in the light and the dark theme at phone and desktop size
//! (and the projector view at 4:3), a keyboard-only journey, reduced
//! motion, reflow at 200 % and 400 % zoom, and the names a screen reader
//! reads from the accessibility tree.
//!
//! What axe cannot judge, and how it was checked by hand, is in
//! docs/accessibility.md. Hooks come from docs/dom-contract.md. Run with
//! `--test-threads=1` against the release build served by nginx
//! (MTD_BASE_URL); axe-core comes from MTD_AXE_JS (scripts/test.sh).

use mtd_e2e::fantoccini::key::Key;
use mtd_e2e::{Browser, Theme, Viewport};
use serde_json::json;

const MODULE: &str = "family-dynamics";
const ASSESSMENT: &str = "seminar-assessment";
const CARD_LINK: &str =
    "[data-test=module-card][data-module=family-dynamics] a[href$=\"/m/family-dynamics\"]";
const QUESTION: &str = "fieldset[data-test=question][data-id=fd-q-rules]";
const SYNC_KEY: &str = "mtd-learn.sync";

// -- axe on every page ------------------------------------------------------------

/// Violations found so far, kept so that one run reports every page.
#[derive(Default)]
struct Audit {
    problems: Vec<String>,
    runs: usize,
}

/// Runs axe on the page as it is, in the light and then the dark theme
/// (emulated `prefers-color-scheme`), and saves a screenshot of the dark
/// one. Leaves the page in the light theme. At desktop size it then shows
/// the page at 200 % and 400 % zoom (see [`reflow`]).
async fn audit(b: &Browser, acc: &mut Audit, label: &str) {
    b.step(&format!("axe: {label}"));
    for theme in Theme::BOTH {
        b.emulate_media(theme, false).await;
        let found = b.axe().await;
        acc.runs += 1;
        if !found.is_empty() {
            let list: String = found.iter().map(|v| v.to_string()).collect();
            acc.problems.push(format!(
                "[{}] {label} ({theme}): {} violation(s)\n{list}",
                b.viewport,
                found.len()
            ));
        }
        if theme == Theme::Dark {
            b.screenshot(&format!("a11y-{label}-dark")).await;
        }
    }
    b.emulate_media(Theme::Light, false).await;
    if b.viewport == Viewport::Desktop {
        reflow(b, label).await;
    }
}

/// The page as a reader of a 1280 x 1024 window sees it at 200 % and 400 %
/// zoom (layout viewport 640 and 320 CSS px wide, WCAG 1.4.10): nothing
/// scrolls sideways; a screenshot `zoom<percent>-<label>` for a person to
/// look at. A presentation slide must still fit the screen.
async fn reflow(b: &Browser, label: &str) {
    // What the screenshot shows: the part of the page that is hardest to reflow.
    let shown = match label {
        "section-answered" => Some(QUESTION),
        "apply-answered" | "attempt" | "results" => Some("figure[data-test=profile]"),
        "comparison" => Some("section[data-test=comparison] figure[data-test=profile]"),
        "settings-sync-on" => Some("[data-test=sync-qr]"),
        "settings-confirm" => Some("[data-test=confirm-dialog]"),
        "certificate" => Some("section[data-test=certificate]"),
        _ => None,
    };
    for percent in [200, 400] {
        b.step(&format!("{label} at {percent} % zoom"));
        b.emulate_zoom(Some((1280, 1024, percent))).await;
        b.wait_js("document.fonts.status === 'loaded'").await;
        if let Some(sel) = shown {
            b.js(
                "document.querySelector(arguments[0]).scrollIntoView({ block: 'start', behavior: 'instant' });",
                vec![json!(sel)],
            )
            .await;
        }
        if b.count("[data-test=deck] [data-test=slide-content]").await > 0 {
            b.wait_script(
                "the slide to fit the zoomed screen",
                &format!("{JS_FITS} return [fits().ok, fits()];"),
                vec![],
            )
            .await;
        } else {
            b.assert_no_horizontal_scroll(&format!("{label} at {percent} % zoom"))
                .await;
        }
        b.screenshot(&format!("zoom{percent}-{label}")).await;
    }
    b.emulate_zoom(None).await;
}

/// `fits()`: the deck's slide content does not overflow its box.
const JS_FITS: &str = "const fits = () => {
    const c = document.querySelector('[data-test=deck] [data-test=slide-content]');
    if (!c) return { ok: false, why: 'no slide' };
    return { ok: c.scrollHeight <= c.clientHeight + 1 && c.scrollWidth <= c.clientWidth + 1
        && document.documentElement.scrollWidth <= window.innerWidth,
        sh: c.scrollHeight, ch: c.clientHeight, sw: c.scrollWidth, cw: c.clientWidth,
        fit: c.style.getPropertyValue('--fit') };
};";

async fn finish(b: Browser, acc: Audit) {
    eprintln!("[{}] axe ran {} time(s)", b.viewport, acc.runs);
    if !acc.problems.is_empty() {
        b.fail(&format!(
            "axe found violations on {} page/theme combination(s):\n{}",
            acc.problems.len(),
            acc.problems.join("\n")
        ))
        .await;
    }
    b.close().await;
}

/// Clicks the option with value `value` of `question` (a selector).
async fn choose(b: &Browser, question: &str, value: usize) {
    b.click_nth(
        &format!("{question} label input[value=\"{value}\"]"),
        0,
        Some(&format!("{question} label:has(input[value=\"{value}\"])")),
    )
    .await;
}

/// Chooses option `value` of `question`, checks it and waits for the result.
async fn answer(b: &Browser, question: &str, value: usize) {
    b.wait_visible(question).await;
    choose(b, question, value).await;
    b.click(&format!("{question} button[data-test=check]"))
        .await;
    b.wait_result(question).await;
}

/// Rates the first statement of the first Likert block on the page.
async fn rate_first(b: &Browser, value: u8) {
    let sel = "fieldset[data-test=statement]";
    b.wait_visible(sel).await;
    b.click_nth(
        &format!("{sel} label.scale__point input[value=\"{value}\"]"),
        0,
        Some(&format!(
            "{sel} label.scale__point:has(input[value=\"{value}\"])"
        )),
    )
    .await;
}

async fn open(b: &Browser, path: &str, hook: &str) {
    b.goto(path).await;
    b.wait_visible(hook).await;
    b.wait_loaded().await;
}

/// Opens the module's deck at slide 1; returns the number of slides.
async fn open_deck(b: &Browser) -> usize {
    open(
        b,
        &format!("/present/{MODULE}/1"),
        "[data-test=deck] [data-test=slide-content]",
    )
    .await;
    let (_, total) = b.deck_counter().await;
    b.wait_deck_slide(MODULE, 1, total).await;
    total
}

/// Starts an attempt of `phase` from the assessment overview.
async fn start_attempt(b: &Browser, phase: &str) {
    open(
        b,
        &format!("/m/{ASSESSMENT}"),
        "li[data-test=phase][data-phase=before]",
    )
    .await;
    b.click(&format!(
        "li[data-test=phase][data-phase={phase}] button[data-test=start-attempt]"
    ))
    .await;
    b.wait_url_ends_with(&format!("/assess/{ASSESSMENT}/{phase}"))
        .await;
    b.wait_visible("article[data-test=attempt] fieldset[data-test=question]")
        .await;
}

/// Every route and view of the learning app, in both themes.
async fn every_page(vp: Viewport) {
    let b = Browser::start(vp).await;
    let mut acc = Audit::default();

    b.step("home, nothing started");
    open(&b, "/", CARD_LINK).await;
    audit(&b, &mut acc, "home").await;

    open(&b, &format!("/m/{MODULE}"), "a[data-test=section-link]").await;
    audit(&b, &mut acc, "module").await;

    b.step("a section with a question answered and checked");
    open(&b, &format!("/m/{MODULE}/rules"), QUESTION).await;
    audit(&b, &mut acc, "section").await;
    answer(&b, QUESTION, 0).await;
    b.wait_visible(&format!("{QUESTION} [data-test=explanation]"))
        .await;
    audit(&b, &mut acc, "section-answered").await;

    b.step("the section with a case, a self-assessment and a reflection");
    open(
        &b,
        &format!("/m/{MODULE}/apply"),
        "section[data-test=vignette]",
    )
    .await;
    audit(&b, &mut acc, "apply").await;
    b.click("section[data-test=vignette] button[data-test=choice]")
        .await;
    b.wait_visible("section[data-test=vignette] [data-test=choice-result]")
        .await;
    rate_first(&b, 4).await;
    b.wait_visible("section[data-test=likert] figure[data-test=profile]")
        .await;
    b.fill("section[data-test=reflection] textarea", "A first thought.")
        .await;
    b.wait_text("section[data-test=reflection] [aria-live]", "Saved")
        .await;
    audit(&b, &mut acc, "apply-answered").await;

    b.step("home with progress and the continue link");
    open(&b, "/", "a[data-test=continue]").await;
    audit(&b, &mut acc, "home-progress").await;

    for reference in ["glossary", "help"] {
        open(&b, &format!("/m/{reference}"), "h1").await;
        b.wait_visible("[data-test=term], [data-test=contact]")
            .await;
        audit(&b, &mut acc, reference).await;
    }

    b.step("the assessment: overview, before attempt, comparison");
    open(
        &b,
        &format!("/m/{ASSESSMENT}"),
        "li[data-test=phase][data-phase=before]",
    )
    .await;
    audit(&b, &mut acc, "assessment").await;
    start_attempt(&b, "before").await;
    let first = "article[data-test=attempt] fieldset[data-test=question]";
    answer(&b, first, 0).await;
    rate_first(&b, 2).await;
    b.wait_visible("article[data-test=attempt] figure[data-test=profile]")
        .await;
    audit(&b, &mut acc, "attempt").await;
    start_attempt(&b, "after").await;
    answer(&b, first, 1).await;
    rate_first(&b, 4).await;
    b.wait_visible("article[data-test=attempt] figure[data-test=profile]")
        .await;
    open(
        &b,
        &format!("/m/{ASSESSMENT}"),
        "section[data-test=comparison]",
    )
    .await;
    b.wait_visible("section[data-test=comparison] figure[data-test=profile]")
        .await;
    audit(&b, &mut acc, "comparison").await;

    b.step("results and certificate");
    open(&b, "/results", "[data-test=completion]").await;
    b.wait_visible("section[data-test=module-result]").await;
    audit(&b, &mut acc, "results").await;
    open(&b, "/certificate", "section[data-test=certificate]").await;
    b.fill("input[data-test=cert-name]", "Anna Müller").await;
    b.wait_text("[data-test=cert-shown-name]", "Anna Müller")
        .await;
    audit(&b, &mut acc, "certificate").await;

    b.step("settings: sync off, the delete confirmation");
    open(&b, "/settings", "select[data-test=language]").await;
    b.wait_visible("[data-test=sync-panel] [data-test=sync-url]")
        .await;
    audit(&b, &mut acc, "settings").await;
    b.click("button[data-test=delete-all]").await;
    b.wait_visible("[data-test=confirm-dialog]").await;
    audit(&b, &mut acc, "settings-confirm").await;
    b.click("button[data-test=cancel-delete]").await;

    // Sync on without a backend: the panel shows the code, the QR code and
    // a failed status (this server has no sync folder).
    b.step("settings: sync on (no backend)");
    let code = mtd_learn::sync::SyncCode::from_bytes([7; mtd_learn::sync::CODE_BYTES]).to_string();
    b.js(
        "localStorage.setItem(arguments[0], JSON.stringify({ url: '/sync/', code: arguments[1] }));",
        vec![json!(SYNC_KEY), json!(code)],
    )
    .await;
    b.refresh().await;
    b.wait_visible("[data-test=sync-qr]").await;
    b.wait_script(
        "the sync status to settle (not syncing)",
        "const s = document.querySelector('[data-test=sync-panel] [data-test=sync-status]');
         const st = s ? s.getAttribute('data-sync-state') : null;
         return [!!st && st !== 'syncing', st];",
        vec![],
    )
    .await;
    audit(&b, &mut acc, "settings-sync-on").await;
    b.click("button[data-test=sync-off]").await;
    b.wait_visible("[data-test=sync-panel] [data-test=sync-url]")
        .await;

    b.step("an unknown address");
    b.goto("/no/such/page").await;
    b.wait_text("h1", "Page not found").await;
    audit(&b, &mut acc, "not-found").await;

    b.step("presentation: the deck and its slide overview");
    open_deck(&b).await;
    audit(&b, &mut acc, "deck").await;
    b.press('o').await;
    b.wait_visible("[data-test=overview]").await;
    audit(&b, &mut acc, "deck-overview").await;
    b.press(Key::Escape).await;
    b.wait_script(
        "the overview to close",
        "return [!document.querySelector('[data-test=overview]'), null];",
        vec![],
    )
    .await;

    open(
        &b,
        &format!("/presenter/{MODULE}/1"),
        "[data-test=presenter]",
    )
    .await;
    b.wait_visible("[data-test=presenter-current] [data-test=slide-content]")
        .await;
    audit(&b, &mut acc, "presenter").await;

    open(
        &b,
        &format!("/handout/{MODULE}"),
        "[data-test=handout-slide]",
    )
    .await;
    audit(&b, &mut acc, "handout").await;

    finish(b, acc).await;
}

#[tokio::test]
async fn axe_every_page_phone() {
    every_page(Viewport::Phone).await;
}

#[tokio::test]
async fn axe_every_page_desktop() {
    every_page(Viewport::Desktop).await;
}

/// The projector view at 4:3: every slide of the module (question slides
/// also with the answer revealed) in the light theme, the first slide and
/// the first revealed question also in the dark one (the deck has its own
/// colours, which must not depend on the theme).
#[tokio::test]
async fn axe_projector_every_slide() {
    let b = Browser::start(Viewport::Projector43).await;
    let mut acc = Audit::default();
    let total = open_deck(&b).await;
    audit(&b, &mut acc, "deck-projector").await;
    let mut dark_question = false;
    for n in 1..=total {
        if n > 1 {
            b.press(Key::Right).await;
            b.wait_deck_slide(MODULE, n, total).await;
            audit_light(&b, &mut acc, &format!("slide {n}")).await;
        }
        if b.count("[data-test=deck] [data-test=slide-question]").await > 0 {
            b.press('r').await;
            b.wait_visible("[data-test=deck] [data-test=revealed]")
                .await;
            if dark_question {
                audit_light(&b, &mut acc, &format!("slide {n} revealed")).await;
            } else {
                audit(&b, &mut acc, "deck-projector-revealed").await;
                dark_question = true;
            }
        }
    }
    b.check(dark_question, "no question slide in the deck")
        .await;
    b.step("the blanked screen and a typed slide number");
    b.press('b').await;
    b.wait_visible("[data-test=black]").await;
    audit_light(&b, &mut acc, "blanked").await;
    b.press('b').await;
    b.press('3').await;
    b.wait_visible("[data-test=jump]").await;
    audit_light(&b, &mut acc, "typed slide number").await;
    b.press(Key::Enter).await;
    b.wait_deck_slide(MODULE, 3, total).await;
    finish(b, acc).await;
}

/// Runs axe in the light theme only.
async fn audit_light(b: &Browser, acc: &mut Audit, label: &str) {
    b.step(&format!("axe: {label}"));
    let found = b.axe().await;
    acc.runs += 1;
    if !found.is_empty() {
        let list: String = found.iter().map(|v| v.to_string()).collect();
        acc.problems.push(format!(
            "[{}] {label} (light): {} violation(s)\n{list}",
            b.viewport,
            found.len()
        ));
    }
}

// -- keyboard only ----------------------------------------------------------------

/// Presses Tab from the top of the page until the focus leaves the page
/// (or comes round again), checking that every focused element shows a
/// focus indicator on screen; returns the focus order.
async fn walk_focus(b: &Browser, label: &str, hook: &str, max: usize) -> Vec<String> {
    b.step(&format!("Tab through {label}"));
    // A reload starts the sequential focus navigation at the top again
    // (the page keeps its state: it is stored).
    b.refresh().await;
    b.wait_visible(hook).await;
    b.wait_loaded().await;
    let mut order: Vec<String> = Vec::new();
    for _ in 0..max {
        b.tab().await;
        let info = b.focus_info().await;
        if info["none"] == json!(true) {
            break;
        }
        let desc = info["desc"].as_str().unwrap_or_default().to_string();
        if order.first() == Some(&desc) {
            break;
        }
        b.assert_focus_visible(&format!("{label}, Tab #{}", order.len() + 1))
            .await;
        order.push(desc);
    }
    eprintln!(
        "[{}] focus order on {label} ({} stops):\n    {}",
        b.viewport,
        order.len(),
        order.join("\n    ")
    );
    b.check(
        order.first().is_some_and(|d| d.contains("Skip to content")),
        &format!(
            "{label}: the first Tab stop is not the skip link: {:?}",
            order.first()
        ),
    )
    .await;
    order
}

/// Tabs to `selector`, checks the focus shows, returns the way there.
async fn tab_to(b: &Browser, selector: &str, max: usize) -> Vec<String> {
    let way = b.tab_to(selector, max, false).await;
    b.assert_focus_visible(selector).await;
    way
}

async fn shift_tab_to(b: &Browser, selector: &str, max: usize) -> Vec<String> {
    let way = b.tab_to(selector, max, true).await;
    b.assert_focus_visible(selector).await;
    way
}

/// Waits until `value` is the one checked input of `question`.
async fn wait_checked(b: &Browser, question: &str, value: &str) {
    b.wait_script(
        &format!("option value {value} of `{question}` to be the checked one"),
        "const on = Array.from(document.querySelectorAll(arguments[0] + ' input'))
             .filter(i => i.checked).map(i => i.value);
         return [on.length === 1 && on[0] === arguments[1], on];",
        vec![json!(question), json!(value)],
    )
    .await;
}

/// A new page was opened by keyboard: the focus is on the main content.
async fn arrived(b: &Browser, path_end: &str) {
    b.wait_url_ends_with(path_end).await;
    b.wait_focus("main#main").await;
    b.wait_loaded().await;
}

/// Skip link, a module section, a question, the next section, the
/// assessment attempt and the presentation, by keyboard only: Tab,
/// Shift+Tab, Enter, Space and the arrow keys.
#[tokio::test]
async fn keyboard_only_journey() {
    let b = Browser::start(Viewport::Desktop).await;
    let nav_course = "header nav a[href=\"/\"]";

    b.step("home: the skip link is the first stop");
    open(&b, "/", CARD_LINK).await;
    b.tab().await;
    b.wait_focus("a[href=\"#main\"]").await;
    b.assert_focus_visible("the skip link").await;
    b.press(Key::Enter).await;
    b.wait_focus("main#main").await;

    b.step("home -> module -> section rules");
    tab_to(&b, CARD_LINK, 20).await;
    b.press(Key::Enter).await;
    arrived(&b, &format!("/m/{MODULE}")).await;
    let rules = format!("a[data-test=section-link][href$=\"/m/{MODULE}/rules\"]");
    tab_to(&b, &rules, 30).await;
    b.press(Key::Enter).await;
    arrived(&b, &format!("/m/{MODULE}/rules")).await;

    b.step("answer fd-q-rules with Space and the arrow keys, check with Enter");
    let radio = format!("{QUESTION} input[type=radio]");
    tab_to(&b, &radio, 40).await;
    b.press(' ').await;
    wait_checked(&b, QUESTION, "0").await;
    b.press(Key::Down).await;
    wait_checked(&b, QUESTION, "1").await;
    b.wait_focus(&format!("{QUESTION} input[value=\"1\"]"))
        .await;
    b.press(Key::Up).await;
    wait_checked(&b, QUESTION, "0").await;
    b.assert_focus_visible("the chosen option").await;
    tab_to(&b, &format!("{QUESTION} button[data-test=check]"), 3).await;
    b.press(Key::Enter).await;
    b.wait_result(QUESTION).await;
    // The focus stays in the question, on the button that replaced "Check".
    b.wait_focus(&format!("{QUESTION} button[data-test=retry]"))
        .await;
    b.assert_focus_visible("Try again after checking").await;
    let stored = b
        .wait_stored(&format!("/data/modules/{MODULE}/answers/fd-q-rules/value"))
        .await;
    b.check(
        stored["selected"] == json!([0]) && stored["checked"] == json!(true),
        &format!("stored fd-q-rules: {stored}"),
    )
    .await;

    b.step("the next section");
    tab_to(&b, "a[data-test=next]", 40).await;
    b.press(Key::Enter).await;
    arrived(&b, &format!("/m/{MODULE}/unpredictable")).await;

    b.step("back up to the main menu, to the self-assessment");
    shift_tab_to(&b, nav_course, 10).await;
    b.press(Key::Enter).await;
    arrived(&b, "/").await;
    tab_to(
        &b,
        &format!("[data-test=entry-card][data-module={ASSESSMENT}] a"),
        40,
    )
    .await;
    b.press(Key::Enter).await;
    arrived(&b, &format!("/m/{ASSESSMENT}")).await;
    tab_to(
        &b,
        "li[data-test=phase][data-phase=before] button[data-test=start-attempt]",
        10,
    )
    .await;
    b.press(Key::Enter).await;
    arrived(&b, &format!("/assess/{ASSESSMENT}/before")).await;

    b.step("answer the first question of the attempt");
    let first_id = b
        .wait_script(
            "the attempt's first question",
            "const f = document.querySelector('article[data-test=attempt] fieldset[data-test=question]');
             return [!!f, f ? f.getAttribute('data-id') : null];",
            vec![],
        )
        .await;
    let first = format!(
        "fieldset[data-test=question][data-id={}]",
        first_id.as_str().unwrap_or_default()
    );
    tab_to(&b, &format!("{first} input"), 20).await;
    b.press(' ').await;
    b.wait_script(
        "an option of the first question to be checked",
        "return [Array.from(document.querySelectorAll(arguments[0] + ' input')).some(i => i.checked), null];",
        vec![json!(first)],
    )
    .await;
    tab_to(&b, &format!("{first} button[data-test=check]"), 6).await;
    b.press(Key::Enter).await;
    b.wait_result(&first).await;
    b.wait_focus(&format!("{first} button[data-test=retry]"))
        .await;

    b.step("to the presentation of the module");
    shift_tab_to(&b, nav_course, 40).await;
    b.press(Key::Enter).await;
    arrived(&b, "/").await;
    tab_to(&b, CARD_LINK, 20).await;
    b.press(Key::Enter).await;
    arrived(&b, &format!("/m/{MODULE}")).await;
    tab_to(&b, "a[data-test=present]", 10).await;
    b.press(Key::Enter).await;
    b.wait_url_ends_with(&format!("/present/{MODULE}/1")).await;
    let (_, total) = b.deck_counter().await;
    b.wait_deck_slide(MODULE, 1, total).await;

    b.step("slides: next, next, previous by the arrow keys");
    b.press(Key::Right).await;
    b.wait_deck_slide(MODULE, 2, total).await;
    b.press(Key::Right).await;
    b.wait_deck_slide(MODULE, 3, total).await;
    b.press(Key::Left).await;
    b.wait_deck_slide(MODULE, 2, total).await;

    b.step("the slide overview: O, Tab to slide 4, Enter");
    b.press('o').await;
    b.wait_visible("[data-test=overview]").await;
    tab_to(&b, "[data-test=overview] li:nth-child(4) button", 10).await;
    b.press(Key::Enter).await;
    b.wait_deck_slide(MODULE, 4, total).await;
    b.wait_script(
        "the overview to close",
        "return [!document.querySelector('[data-test=overview]'), null];",
        vec![],
    )
    .await;
    b.screenshot("keyboard-deck").await;

    b.close().await;
}

/// Every control of the busiest pages can be reached with Tab, in reading
/// order, and shows its focus.
#[tokio::test]
async fn every_control_shows_its_focus() {
    let b = Browser::start(Viewport::Desktop).await;
    open(&b, &format!("/m/{MODULE}/rules"), QUESTION).await;
    answer(&b, QUESTION, 0).await;
    walk_focus(
        &b,
        "a section with a checked question",
        &format!("{QUESTION} [data-test=result]"),
        80,
    )
    .await;

    open(
        &b,
        &format!("/m/{MODULE}/apply"),
        "section[data-test=vignette]",
    )
    .await;
    rate_first(&b, 3).await;
    b.wait_visible("figure[data-test=profile]").await;
    let order = walk_focus(
        &b,
        "the case, self-assessment and reflection",
        "figure[data-test=profile]",
        80,
    )
    .await;
    for want in ["[data-test=choice]", "[type=radio]", "textarea"] {
        b.check(
            order.iter().any(|d| d.contains(want)),
            &format!("no Tab stop {want} on the apply section: {order:?}"),
        )
        .await;
    }

    b.step("a case choice by keyboard: the focus goes to its feedback");
    tab_to(
        &b,
        "section[data-test=vignette] button[data-test=choice]",
        40,
    )
    .await;
    b.press(Key::Enter).await;
    b.wait_focus("section[data-test=vignette] [data-test=choice-result]")
        .await;
    b.assert_focus_visible("the case feedback").await;

    open(&b, "/settings", "select[data-test=language]").await;
    let order = walk_focus(&b, "settings", "select[data-test=language]", 60).await;
    b.check(
        order.iter().any(|d| d.contains("[data-test=import]")),
        &format!("the import field is not a Tab stop: {order:?}"),
    )
    .await;

    open(
        &b,
        &format!("/presenter/{MODULE}/1"),
        "[data-test=presenter]",
    )
    .await;
    b.step("presenter: Enter on the Next button moves one slide");
    tab_to(&b, "button[data-test=presenter-next]", 10).await;
    b.press(Key::Enter).await;
    b.wait_text("[data-test=presenter-counter]", "Slide 2 of")
        .await;
    b.close().await;
}

// -- reduced motion ------------------------------------------------------------------

/// With `prefers-reduced-motion: reduce` nothing animates or transitions;
/// without it the deck's progress bar slides.
#[tokio::test]
async fn reduced_motion_switches_motion_off() {
    let b = Browser::start(Viewport::Desktop).await;
    let probe = "const bar = document.querySelector('[role=progressbar] > div');
         const all = Array.from(document.querySelectorAll('*'));
         const moving = all.filter(e => {
             const s = getComputedStyle(e);
             const t = s.transitionDuration.split(',').some(d => parseFloat(d) > 0.001);
             const a = s.animationName !== 'none' && s.animationDuration.split(',').some(d => parseFloat(d) > 0.001);
             return t || a;
         }).map(e => e.className || e.tagName);
         return [!!bar, { bar: bar ? getComputedStyle(bar).transitionDuration : null, moving,
             running: document.getAnimations().length }];";

    b.emulate_media(Theme::Light, false).await;
    open(
        &b,
        &format!("/present/{MODULE}/1"),
        "[data-test=deck] [role=progressbar] > div",
    )
    .await;
    let normal = b
        .wait_script("the deck's progress bar", probe, vec![])
        .await;
    b.check(
        normal["bar"] == json!("0.2s"),
        &format!("without reduced motion the progress bar should slide in 0.2s: {normal}"),
    )
    .await;

    b.emulate_media(Theme::Light, true).await;
    b.refresh().await;
    b.wait_media(Theme::Light, true).await;
    b.wait_visible("[data-test=deck] [role=progressbar] > div")
        .await;
    b.press(Key::Right).await;
    let reduced = b
        .wait_script("the deck's progress bar", probe, vec![])
        .await;
    b.check(
        reduced["moving"].as_array().is_some_and(Vec::is_empty) && reduced["running"] == json!(0),
        &format!("with reduced motion something still moves: {reduced}"),
    )
    .await;
    eprintln!("reduced motion: normal {normal}, reduced {reduced}");
    b.close().await;
}

// -- what a screen reader reads -------------------------------------------------------

/// Names and roles from the browser's accessibility tree (what a screen
/// reader announces) for the landmarks, a question's radio group, the
/// profile chart, the deck's progress and the sync QR code.
#[tokio::test]
async fn screen_reader_names_from_the_accessibility_tree() {
    let b = Browser::start(Viewport::Desktop).await;

    b.step("landmarks and headings of a section");
    open(&b, &format!("/m/{MODULE}/rules"), QUESTION).await;
    let tree = b.ax_tree().await;
    let roles: Vec<&str> = tree
        .iter()
        .filter(|n| !n.ignored)
        .map(|n| n.role.as_str())
        .collect();
    for landmark in ["banner", "navigation", "main", "contentinfo"] {
        b.check(
            roles.contains(&landmark),
            &format!("no {landmark} landmark in the accessibility tree"),
        )
        .await;
    }
    let nav = b.ax_of("header nav").await;
    b.check(nav.name == "Main", &format!("header nav: {nav:?}"))
        .await;

    b.step("the question is a named group of named radio buttons");
    let legend = b
        .text(&format!("{QUESTION} legend"))
        .await
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let group = b.ax_of(QUESTION).await;
    b.check(
        group.role == "group" && !legend.is_empty() && group.name == legend,
        &format!("the question's group: {group:?}, legend {legend:?}"),
    )
    .await;
    let options = b
        .js(
            "return Array.from(document.querySelectorAll(arguments[0] + ' label'), l => l.innerText.trim().replace(/\\s+/g, ' '));",
            vec![json!(QUESTION)],
        )
        .await;
    let radios: Vec<_> = tree
        .iter()
        .filter(|n| n.role == "radio" && !n.ignored)
        .map(|n| n.name.clone())
        .collect();
    for o in options.as_array().cloned().unwrap_or_default() {
        let o = o.as_str().unwrap_or_default().to_string();
        b.check(
            radios.contains(&o),
            &format!("no radio button named {o:?}; radios: {radios:?}"),
        )
        .await;
    }
    let check = b
        .ax_of(&format!("{QUESTION} button[data-test=check]"))
        .await;
    b.check(
        check.role == "button" && check.name == "Check answer",
        &format!("the check button: {check:?}"),
    )
    .await;
    let live = b
        .attr(&format!("{QUESTION} [aria-live]"), "aria-live")
        .await;
    b.check(
        live.as_deref() == Some("polite"),
        &format!("the question's feedback is not a polite live region: {live:?}"),
    )
    .await;

    b.step("the self-assessment profile: a figure with a table, the chart hidden");
    open(
        &b,
        &format!("/m/{MODULE}/apply"),
        "section[data-test=likert]",
    )
    .await;
    let statement = b.ax_of("fieldset[data-test=statement]").await;
    b.check(
        statement.role == "group" && statement.name.starts_with("1."),
        &format!("the first statement's group: {statement:?}"),
    )
    .await;
    rate_first(&b, 4).await;
    b.wait_visible("figure[data-test=profile]").await;
    let figure = b.ax_of("figure[data-test=profile]").await;
    b.check(
        figure.role == "figure" && figure.name == "Your profile",
        &format!("the profile figure: {figure:?}"),
    )
    .await;
    let table = b.ax_of("figure[data-test=profile] table").await;
    b.check(
        table.role == "table" && table.name.starts_with("Your profile, mean per subscale"),
        &format!("the profile table: {table:?}"),
    )
    .await;
    let chart = b.ax_of("figure[data-test=profile] svg").await;
    b.check(
        chart.ignored,
        &format!("the chart is not hidden from screen readers: {chart:?}"),
    )
    .await;
    let cells = b
        .js(
            "return Array.from(document.querySelectorAll('figure[data-test=profile] tbody tr'), r => r.innerText.replace(/\\s+/g, ' ').trim());",
            vec![],
        )
        .await;
    eprintln!("profile table rows: {cells}");

    b.step("the sync QR code is an image with a name");
    let code = mtd_learn::sync::SyncCode::from_bytes([7; mtd_learn::sync::CODE_BYTES]).to_string();
    b.js(
        "localStorage.setItem(arguments[0], JSON.stringify({ url: '/sync/', code: arguments[1] }));",
        vec![json!(SYNC_KEY), json!(code)],
    )
    .await;
    open(&b, "/settings", "[data-test=sync-qr]").await;
    let qr = b.ax_of("[data-test=sync-qr]").await;
    b.check(
        qr.role == "image" && qr.name.starts_with("QR code of the link"),
        &format!("the QR code: {qr:?}"),
    )
    .await;
    b.click("button[data-test=sync-off]").await;

    b.step("the deck's progress");
    open(
        &b,
        &format!("/present/{MODULE}/2"),
        "[data-test=deck] [data-test=slide-content]",
    )
    .await;
    let bar = b.ax_of("[data-test=deck] [role=progressbar]").await;
    b.check(
        bar.role == "progressbar" && bar.name == "Slide",
        &format!("the deck's progress bar: {bar:?}"),
    )
    .await;
    let text = b
        .attr("[data-test=deck] [role=progressbar]", "aria-valuetext")
        .await;
    b.check(
        text.as_deref().is_some_and(|t| t.starts_with("Slide 2 of")),
        &format!("the progress bar's value text: {text:?}"),
    )
    .await;
    b.close().await;
}
