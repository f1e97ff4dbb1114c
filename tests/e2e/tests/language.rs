//! One language setting drives the UI and the content. Switching keeps the
//! learner's answers (ids and option positions are the same in every
//! language of the pack), updates `<html lang>` and the tab title, and is
//! remembered; a first visit follows the browser's language; a language
//! without the course content (French, Dutch) shows the nearest one it has
//! and says so.

use mtd_e2e::{Browser, Viewport};
use serde_json::json;

const QUESTION: &str = "fieldset[data-test=question][data-id=fd-q-rules]";
const NAV: &str = "header nav ul";

/// Chooses `code` in the settings' language select and waits until it is stored.
async fn choose_language(b: &Browser, code: &str) {
    b.goto("/settings").await;
    b.wait_visible("select[data-test=language]").await;
    b.wait_count(
        &format!("select[data-test=language] option[value={code}]"),
        1,
    )
    .await;
    b.js(
        "const s = document.querySelector('select[data-test=language]');
         s.value = arguments[0];
         s.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![json!(code)],
    )
    .await;
    b.wait_storage_contains("mtd-learn.language", code).await;
}

/// Waits until `<html lang>` is `lang`.
async fn wait_html_lang(b: &Browser, lang: &str) {
    b.wait_script(
        &format!("<html lang=\"{lang}\">"),
        "const l = document.documentElement.lang;
         return [l === arguments[0], 'lang=' + JSON.stringify(l)];",
        vec![json!(lang)],
    )
    .await;
}

/// Waits until the tab title contains `needle`.
async fn wait_title(b: &Browser, needle: &str) {
    b.wait_script(
        &format!("a tab title containing {needle:?}"),
        "return [document.title.includes(arguments[0]), document.title];",
        vec![json!(needle)],
    )
    .await;
}

async fn answer_rules_question(b: &Browser) {
    b.goto("/m/family-dynamics/rules").await;
    b.wait_visible(QUESTION).await;
    b.click_nth(
        &format!("{QUESTION} label input"),
        0,
        Some(&format!("{QUESTION} label:has(input)")),
    )
    .await;
    b.click(&format!("{QUESTION} button[data-test=check]"))
        .await;
    b.wait_visible(&format!("{QUESTION} [data-test=result]"))
        .await;
}

#[tokio::test]
async fn switching_to_german_translates_the_ui_keeps_answers_and_is_remembered() {
    let b = Browser::start(Viewport::Desktop).await;

    b.step("an English browser starts in English");
    b.goto("/").await;
    wait_html_lang(&b, "en").await;
    b.wait_text(NAV, "Settings").await;

    b.step("answer a question in English");
    answer_rules_question(&b).await;

    b.step("choose Deutsch in the settings");
    choose_language(&b, "de").await;
    let names = b
        .js(
            "return Array.from(document.querySelectorAll('select[data-test=language] option'),
                 o => o.value + '=' + o.textContent.trim());",
            vec![],
        )
        .await;
    b.check(
        names
            == json!([
                "en=English",
                "de=Deutsch",
                "fr=Français",
                "nl=Nederlands",
                "da=Dansk",
                "nb=Norsk bokmål"
            ]),
        &format!("the select lists the six UI languages, each in itself: {names}"),
    )
    .await;

    b.step("the settings page switches to German at once");
    wait_html_lang(&b, "de").await;
    b.wait_text("h1", "Einstellungen").await;
    b.wait_text(NAV, "Kurs").await;
    b.wait_text(NAV, "Ergebnisse").await;
    b.wait_text("button[data-test=export]", "Meine Daten exportieren")
        .await;
    wait_title(&b, "Einstellungen – Make the Difference").await;
    b.wait_text("footer", "Nichts wird irgendwohin gesendet")
        .await;

    b.step("the home page lists the German titles in a German frame");
    b.goto("/").await;
    b.wait_text(
        "[data-test=module-card][data-module=family-dynamics] h3",
        "Familiendynamik",
    )
    .await;
    b.wait_text("main h2", "Module").await;
    b.wait_text("a[data-test=continue]", "Dort weitermachen")
        .await;

    b.step("the German section shows the answer given in English");
    b.goto("/m/family-dynamics/rules").await;
    b.wait_text("h1", "Ungeschriebene Regeln").await;
    let result = b.wait_result(QUESTION).await;
    b.check(
        ["Richtig.", "Teilweise richtig.", "Nicht ganz."]
            .iter()
            .any(|r| result.starts_with(r)),
        &format!("the kept result reads in German: {result:?}"),
    )
    .await;
    b.wait_text(
        &format!("{QUESTION} button[data-test=retry]"),
        "Noch einmal versuchen",
    )
    .await;
    b.wait_text(".section-count", "Abschnitt").await;
    b.wait_script(
        "the German article to carry lang=\"de\"",
        "const a = document.querySelector('article[lang]');
         return [!!a && a.lang === 'de', a ? 'lang=' + a.lang : 'no article[lang]'];",
        vec![],
    )
    .await;
    b.check(
        b.count("[data-test=language-fallback]").await == 0,
        "no fallback notice for a module that exists in German",
    )
    .await;
    b.screenshot("section-de").await;

    b.step("after a reload the choice is still German");
    b.refresh().await;
    b.wait_text("h1", "Ungeschriebene Regeln").await;
    wait_html_lang(&b, "de").await;
    b.wait_text(NAV, "Einstellungen").await;
    b.wait_visible(&format!("{QUESTION} [data-test=result]"))
        .await;
    let chosen = b.local_storage("mtd-learn.language").await;
    b.check(
        chosen.as_deref() == Some("de"),
        &format!("stored language: {chosen:?}"),
    )
    .await;
    b.close().await;
}

#[tokio::test]
async fn a_norwegian_browser_starts_in_norwegian() {
    let b = Browser::start_in_language(Viewport::Phone, "nb").await;
    b.step("first visit, nothing chosen yet");
    b.goto("/").await;
    wait_html_lang(&b, "nb").await;
    b.wait_text(NAV, "Innstillinger").await;
    b.wait_text(
        "[data-test=module-card][data-module=family-dynamics] h3",
        "Familiedynamikk",
    )
    .await;
    b.wait_text("main h2", "Moduler").await;
    b.check(
        b.local_storage("mtd-learn.language").await.is_none(),
        "following the browser stores nothing",
    )
    .await;
    b.assert_no_horizontal_scroll("the Norwegian home page")
        .await;
    b.screenshot("home-nb").await;

    b.step("the settings show Norsk bokmål as the language");
    b.goto("/settings").await;
    b.wait_text("h1", "Innstillinger").await;
    let selected = b
        .js(
            "return document.querySelector('select[data-test=language]').value;",
            vec![],
        )
        .await;
    b.check(selected == json!("nb"), &format!("selected: {selected}"))
        .await;
    b.close().await;
}

#[tokio::test]
async fn french_ui_says_the_module_is_not_in_french_and_offers_english() {
    let b = Browser::start(Viewport::Phone).await;
    b.step("answer in English, then choose Français");
    answer_rules_question(&b).await;
    choose_language(&b, "fr").await;
    wait_html_lang(&b, "fr").await;
    b.wait_text("h1", "Paramètres").await;
    b.wait_text(NAV, "Cours").await;

    b.step("the home page: French frame, English course content");
    b.goto("/").await;
    b.wait_text("main h2", "Modules").await;
    b.wait_text(".hero__lead", "Une formation pour les professionnels")
        .await;
    b.wait_script(
        "the module cards to be marked English",
        "const c = document.querySelector('[data-test=module-card][data-module=family-dynamics]');
         return [!!c && c.lang === 'en', c ? 'lang=' + c.lang : 'no card'];",
        vec![],
    )
    .await;
    b.wait_text(
        "[data-test=module-card][data-module=family-dynamics] h3",
        "Family dynamics",
    )
    .await;

    b.step("the section says it is not available in French, shown in English");
    b.goto("/m/family-dynamics/rules").await;
    let notice = b
        .wait_text(
            "[data-test=language-fallback]",
            "pas encore disponible en français",
        )
        .await;
    b.check(
        notice.contains("affiché en anglais"),
        &format!("the notice names English: {notice:?}"),
    )
    .await;
    b.wait_text("[data-test=fallback-switch]", "Tout afficher en anglais")
        .await;
    b.wait_text("h1", "Unwritten rules").await;
    b.wait_visible(&format!("{QUESTION} [data-test=result]"))
        .await;
    b.wait_text(&format!("{QUESTION} button[data-test=retry]"), "Réessayer")
        .await;
    b.assert_no_horizontal_scroll("the French section with the English module")
        .await;
    b.screenshot("section-fr-fallback").await;

    b.step("the offer switches everything to English");
    b.click("[data-test=fallback-switch]").await;
    b.wait_storage_contains("mtd-learn.language", "en").await;
    wait_html_lang(&b, "en").await;
    b.wait_text(NAV, "Course").await;
    b.wait_count("[data-test=language-fallback]", 0).await;
    b.wait_visible(&format!("{QUESTION} [data-test=result]"))
        .await;
    b.close().await;
}

/// German and Danish words are longer: nothing may run off a phone screen.
#[tokio::test]
async fn german_and_danish_pages_fit_a_phone() {
    let b = Browser::start(Viewport::Phone).await;
    answer_rules_question(&b).await;
    for lang in ["de", "da"] {
        choose_language(&b, lang).await;
        wait_html_lang(&b, lang).await;
        let pages = [
            ("settings", "/settings", "[data-test=sync-panel]"),
            ("home", "/", "[data-test=module-card]"),
            ("module", "/m/family-dynamics", "a[data-test=start]"),
            ("section", "/m/family-dynamics/rules", QUESTION),
            ("assessment", "/m/seminar-assessment", "li[data-test=phase]"),
            ("results", "/results", "[data-test=completion]"),
            (
                "certificate",
                "/certificate",
                "section[data-test=certificate]",
            ),
        ];
        for (name, path, ready) in pages {
            b.step(&format!("{name} in {lang}"));
            b.goto(path).await;
            b.wait_visible(ready).await;
            b.wait_loaded().await;
            wait_html_lang(&b, lang).await;
            b.assert_no_horizontal_scroll(&format!("{name} ({lang})"))
                .await;
            b.screenshot(&format!("{name}-{lang}")).await;
        }
    }
    b.close().await;
}
