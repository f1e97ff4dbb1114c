//! First-visit previews (scripts/prerender.py, src/ui/preview.rs): nginx
//! answers a section with the page the app rendered at build time in the
//! browser's first language; a first visitor sees it while the wasm loads,
//! the app takes over without a shift, and a returning learner or a
//! language without previews gets the app as before.

use std::path::Path;

use mtd_e2e::{Browser, Viewport};
use mtd_learn::content::parse_module;
use serde_json::{json, Value};

const MODULE: &str = "family-dynamics";
const SECTION: &str = "rules";

fn section_title(lang: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../public/content/{lang}/{MODULE}.md"));
    let text = std::fs::read_to_string(&path).expect("the module file");
    let module = parse_module(&format!("{lang}/{MODULE}.md"), &text).value;
    let index = module.section_index(SECTION).expect("the section");
    module.sections[index].title.clone()
}

fn route() -> String {
    format!("/m/{MODULE}/{SECTION}")
}

/// Keeps the wasm from loading, so the page stays as it is before the app.
async fn block_wasm(b: &Browser, block: bool) {
    b.cdp("Network.enable", json!({})).await;
    let urls: Vec<&str> = if block { vec!["*.wasm"] } else { vec![] };
    b.cdp("Network.setBlockedURLs", json!({ "urls": urls }))
        .await;
}

/// Opens the section with the wasm blocked, so the page stays as it is
/// before the app, and reports `[html has class preview, preview shown,
/// visible h1 texts, preview inert, boot text visible, html lang]`.
async fn without_the_app(b: &Browser) -> Value {
    block_wasm(b, true).await;
    b.open(&route()).await;
    b.wait_js("document.readyState === 'complete'").await;
    b.js(
        "const p = document.getElementById('preview');
         const shown = !!p && getComputedStyle(p).display !== 'none';
         const h1 = Array.from(document.querySelectorAll('h1'))
             .filter(h => h.checkVisibility()).map(h => h.innerText.trim());
         const boot = document.getElementById('boot');
         return [document.documentElement.classList.contains('preview'), shown, h1,
                 !!p && p.hasAttribute('inert'),
                 !!boot && boot.getBoundingClientRect().width > 1,
                 document.documentElement.lang];",
        vec![],
    )
    .await
}

/// Opens the section with the wasm and waits for the app's own page;
/// reports `[h1 texts, html lang, html has class preview]` and fails on a
/// layout shift.
async fn with_the_app(b: &Browser) -> Value {
    block_wasm(b, false).await;
    b.goto(&route()).await;
    let after = b
        .wait_script(
            "the app's section page",
            "const h1 = Array.from(document.querySelectorAll('h1')).map(h => h.innerText.trim());
             const ok = h1.length === 1 && !!document.querySelector('body > main [data-test=next]');
             return [ok, [h1, document.documentElement.lang,
                          document.documentElement.classList.contains('preview')]];",
            vec![],
        )
        .await;
    b.assert_no_layout_shift("the hand-over from the preview")
        .await;
    after
}

#[tokio::test]
async fn a_first_visitor_reads_the_section_before_the_app_and_the_app_takes_over() {
    let title = section_title("en");
    let b = Browser::start(Viewport::Phone).await;

    b.step("nginx answers the section with its preview; every script carries the response's nonce");
    b.goto("/content/course.json").await;
    let served = b
        .wait_script(
            "the section's HTML",
            "return fetch(arguments[0]).then(async r => [true,
                 [r.status, r.headers.get('content-security-policy') || '', await r.text()]]);",
            vec![json!(b.url(&route()))],
        )
        .await;
    let (status, csp, html) = (
        served[0].as_i64().unwrap_or(0),
        served[1].as_str().unwrap_or_default().to_string(),
        served[2].as_str().unwrap_or_default().to_string(),
    );
    b.check(status == 200, &format!("GET {} answered {status}", route()))
        .await;
    b.check(
        html.contains(r#"<div id="preview" inert>"#) && html.contains(&format!("<h1>{title}")),
        &format!("the answer holds no preview of “{title}”"),
    )
    .await;
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_default()
        .to_string();
    let scripts: Vec<&str> = html
        .match_indices("<script")
        .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap_or(0)])
        .collect();
    b.check(
        !nonce.is_empty()
            && scripts.len() >= 2
            && scripts
                .iter()
                .all(|s| s.contains(&format!("nonce=\"{nonce}\""))),
        &format!("scripts {scripts:?} do not all carry the CSP nonce {nonce:?}"),
    )
    .await;

    b.step("without the wasm the visitor reads the section: shown, inert, loading announced");
    let state = without_the_app(&b).await;
    b.check(
        state == json!([true, true, [title.clone()], true, false, "en"]),
        &format!(
            "before the app: [class preview, shown, h1s, inert, boot visible, lang] = {state}"
        ),
    )
    .await;
    let boot = b.text("#boot").await.unwrap_or_default();
    b.check(
        !boot.trim().is_empty(),
        "no loading text for screen readers",
    )
    .await;

    b.step(
        "with the wasm the app takes over: one page, no shift, the preloaded module file used once",
    );
    let after = with_the_app(&b).await;
    b.check(
        after == json!([[title.clone()], "en", false]),
        &format!("after the hand-over: {after}"),
    )
    .await;
    let fetched = b
        .js(
            "return performance.getEntriesByType('resource')
                 .filter(e => e.name.endsWith(arguments[0])).length;",
            vec![json!(format!("content/en/{MODULE}.md"))],
        )
        .await;
    b.check(
        fetched == json!(1),
        &format!("the module file was fetched {fetched} times (preload and app should share one request)"),
    )
    .await;

    b.close().await;
}

#[tokio::test]
async fn a_german_browser_gets_the_german_preview_and_the_german_app() {
    let title = section_title("de");
    let b = Browser::start_in_language(Viewport::Phone, "de").await;
    b.step("without the wasm: the German preview");
    let state = without_the_app(&b).await;
    b.check(
        state == json!([true, true, [title.clone()], true, false, "de"]),
        &format!("German browser before the app: [class preview, shown, h1s, inert, boot visible, lang] = {state}"),
    )
    .await;
    b.step("with the wasm: the German app takes over without a shift");
    let after = with_the_app(&b).await;
    b.check(
        after == json!([[title], "de", false]),
        &format!("after the hand-over: {after}"),
    )
    .await;
    b.close().await;
}

#[tokio::test]
async fn no_preview_for_a_language_without_one_or_a_returning_learner() {
    let b = Browser::start_in_language(Viewport::Phone, "fr").await;
    b.step("a French browser (French UI, English content) gets the loading text");
    let state = without_the_app(&b).await;
    b.check(
        state == json!([false, false, [], true, true, "en"]),
        &format!("French browser before the app: [class preview, shown, h1s, inert, boot visible, lang] = {state}"),
    )
    .await;
    b.close().await;

    let b = Browser::start(Viewport::Phone).await;
    b.step("a browser with the app's data stored gets the loading text");
    b.goto("/content/course.json").await;
    b.js(
        "localStorage.setItem('mtd-learn.language', 'en'); return null;",
        vec![],
    )
    .await;
    let state = without_the_app(&b).await;
    b.check(
        state == json!([false, false, [], true, true, "en"]),
        &format!("returning learner before the app: [class preview, shown, h1s, inert, boot visible, lang] = {state}"),
    )
    .await;
    b.close().await;
}
