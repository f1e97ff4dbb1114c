//! The learner's journey through the built app, at phone and desktop size.
//!
//! Hooks come from docs/dom-contract.md. Run with `--test-threads=1` against
//! the release build served by `scripts/test.sh` (which sets MTD_BASE_URL).

use mtd_e2e::{Browser, Viewport, KEY_PREFIX};
use serde_json::json;

const MODULE: &str = "family-dynamics";
const CARD: &str = "[data-test=module-card][data-module=family-dynamics]";
const CARD_LINK: &str =
    "[data-test=module-card][data-module=family-dynamics] a[href$=\"/m/family-dynamics\"]";
const SECTION_LINK: &str = "a[data-test=section-link]";
const RULES_LINK: &str = "a[data-test=section-link][href$=\"/m/family-dynamics/rules\"]";
const QUESTION: &str = "fieldset[data-test=question][data-id=fd-q-rules]";
const PROGRESS_TEXT: &str =
    "[data-test=module-card][data-module=family-dynamics] [data-test=module-progress]";

fn within(outer: &str, inner: &str) -> String {
    format!("{outer} {inner}")
}

/// Waits until the first `h1` has text; returns it (trimmed).
async fn wait_h1(b: &Browser) -> String {
    let v = b
        .wait_script(
            "a non-empty `h1`",
            "const h = document.querySelector('h1');
             if (!h) return [false, 'no h1'];
             const t = h.innerText.trim();
             return [t.length > 0, t.length > 0 ? t : 'h1 is empty'];",
            vec![],
        )
        .await;
    v.as_str().unwrap_or_default().to_string()
}

/// Waits until the `index`-th option input in `fieldset` is checked.
async fn wait_option_checked(b: &Browser, fieldset: &str, index: usize) {
    b.wait_script(
        &format!("option #{} of `{fieldset}` to be checked", index + 1),
        "const inputs = document.querySelectorAll(arguments[0] + ' label input');
         const i = inputs[arguments[1]];
         if (!i) return [false, inputs.length + ' option input(s)'];
         return [i.checked, 'checked states: ' + JSON.stringify(Array.from(inputs, x => x.checked))];",
        vec![json!(fieldset), json!(index)],
    )
    .await;
}

/// Waits until `a[data-test=continue]` points at `suffix`; returns its href.
async fn wait_continue_to(b: &Browser, suffix: &str) -> String {
    let v = b
        .wait_script(
            &format!("`a[data-test=continue]` with an href ending in {suffix:?}"),
            "const links = Array.from(document.querySelectorAll('a[data-test=continue]'));
             const hit = links.find(a => new URL(a.href, location.href).pathname.endsWith(arguments[0]));
             if (hit) return [true, hit.href];
             return [false, links.length === 0 ? 'no continue link'
                 : 'continue links: ' + JSON.stringify(links.map(a => a.getAttribute('href')))];",
            vec![json!(suffix)],
        )
        .await;
    v.as_str().unwrap_or_default().to_string()
}

/// `localStorage` keys that start with `mtd-learn.`.
async fn app_keys(b: &Browser) -> Vec<String> {
    b.local_storage_keys()
        .await
        .into_iter()
        .filter(|k| k.starts_with(KEY_PREFIX))
        .collect()
}

async fn journey(vp: Viewport) {
    let b = Browser::start(vp).await;

    // 1. Home.
    b.step("1. open home");
    b.goto("/").await;
    b.wait_visible(CARD).await;
    let title = wait_h1(&b).await;
    b.wait_script(
        "`<html lang>` to be \"en\"",
        "const l = document.documentElement.getAttribute('lang');
         return [l === 'en', l === null ? 'no lang attribute' : 'lang=' + JSON.stringify(l)];",
        vec![],
    )
    .await;
    b.wait_loaded().await;
    b.screenshot("home").await;
    eprintln!("[{vp}] home: h1 {title:?}");

    // 2. The module, through the card's link.
    b.step("2. open the module through its card");
    b.click(CARD_LINK).await;
    b.wait_url_ends_with(&format!("/m/{MODULE}")).await;
    b.wait_visible(SECTION_LINK).await;
    wait_h1(&b).await;
    b.wait_loaded().await;
    b.screenshot("module").await;

    // 3. The section "rules", through its section link.
    b.step("3. open section rules through its link");
    b.click(RULES_LINK).await;
    b.wait_url_ends_with(&format!("/m/{MODULE}/rules")).await;
    b.wait_visible(QUESTION).await;
    wait_h1(&b).await;
    b.screenshot("section").await;

    // 4. Answer the question with its first option and check it.
    b.step("4. answer fd-q-rules with the first option");
    b.click_nth(
        &within(QUESTION, "label input"),
        0,
        Some(&within(QUESTION, "label:has(input)")),
    )
    .await;
    wait_option_checked(&b, QUESTION, 0).await;
    b.click(&within(QUESTION, "button[data-test=check]")).await;
    let result = b.wait_result(QUESTION).await;
    b.check(
        !result.is_empty(),
        "`[data-test=result]` is shown but empty",
    )
    .await;
    b.wait_count(&within(QUESTION, "[data-test=explanation]"), 1)
        .await;
    b.screenshot("answered").await;
    // Schema 2 keeps records per module: data.modules.<module>.answers.<block>.
    let stored = b
        .wait_stored(&format!("/data/modules/{MODULE}/answers/fd-q-rules"))
        .await;
    b.check(
        stored["value"]["selected"] == json!([0]) && stored["value"]["checked"] == json!(true),
        &format!("stored answer to fd-q-rules: expected option 0, checked; found {stored}"),
    )
    .await;
    eprintln!("[{vp}] answered: result {result:?}");

    // 5. Reload: the answer is still there.
    b.step("5. reload: the answer persists");
    b.refresh().await;
    b.wait_visible(QUESTION).await;
    let result_again = b.wait_result(QUESTION).await;
    wait_option_checked(&b, QUESTION, 0).await;
    b.check(
        result_again == result,
        &format!(
            "after reloading, expected the same result {result:?} for {QUESTION}, found {result_again:?}"
        ),
    )
    .await;

    // 6. Home offers to continue there, and the module shows progress.
    b.step("6. home: continue link and progress");
    b.goto("/").await;
    b.wait_visible(CARD).await;
    wait_continue_to(&b, &format!("/m/{MODULE}/rules")).await;
    let progress = b
        .wait_script(
            &format!("`{PROGRESS_TEXT}` to show progress (not \"0 of …\")"),
            "const p = document.querySelector(arguments[0]);
             if (!p) return [false, 'no progress text'];
             const t = p.innerText.trim();
             return [t.length > 0 && !/^0\\s+of\\b/.test(t), JSON.stringify(t)];",
            vec![json!(PROGRESS_TEXT)],
        )
        .await;
    eprintln!("[{vp}] home after answering: progress {progress}");

    // 7. Deep link to a section, then reload it.
    b.step("7. deep link to parentification and reload");
    let deep = format!("/m/{MODULE}/parentification");
    b.goto(&deep).await;
    let h1 = wait_h1(&b).await;
    b.refresh().await;
    let h1_again = wait_h1(&b).await;
    b.wait_loaded().await;
    let url = b.current_url().await;
    let path = url.split(['?', '#']).next().unwrap_or_default();
    b.check(
        path.trim_end_matches('/') == b.url(&deep),
        &format!(
            "deep link: expected to stay at {}, found {url}",
            b.url(&deep)
        ),
    )
    .await;
    b.check(
        h1_again != "Page not found" && h1 != "Page not found",
        &format!("deep link {deep}: expected the section, got the not-found page"),
    )
    .await;
    // Only a section page has previous/next links.
    b.wait_visible("a[data-test=prev], a[data-test=next]").await;
    eprintln!("[{vp}] deep link: h1 {h1_again:?}");

    // 8. An unknown address.
    b.step("8. unknown address shows not-found");
    b.goto("/this/does/not/exist").await;
    b.wait_text("h1", "Page not found").await;
    b.wait_script(
        "a link to the home page inside `main#main`",
        "const home = new URL(arguments[0] + '/', location.href).href;
         const links = Array.from(document.querySelectorAll('main#main a[href]'));
         const hit = links.find(a => a.href === home || a.href + '/' === home);
         return [!!hit, 'home is ' + home + '; links in main: '
             + JSON.stringify(links.map(a => a.href).slice(0, 10))];",
        vec![json!(b.base())],
    )
    .await;
    b.screenshot("not-found").await;

    // 9. Delete everything from the settings page.
    b.step("9. settings: delete all data");
    b.goto("/settings").await;
    b.click("button[data-test=delete-all]").await;
    b.wait_visible("[data-test=confirm-dialog]").await;
    b.screenshot("settings-confirm").await;
    b.click("[data-test=confirm-dialog] button[data-test=confirm-delete]")
        .await;
    b.wait_visible("[data-test=status]").await;
    b.wait_no_app_keys().await;
    b.goto("/").await;
    b.wait_visible(CARD).await;
    b.wait_visible(PROGRESS_TEXT).await;
    b.wait_loaded().await;
    let continues = b.count("a[data-test=continue]").await;
    b.check(
        continues == 0,
        &format!("after deleting all data, expected no `a[data-test=continue]` on home, found {continues}"),
    )
    .await;
    let keys = app_keys(&b).await;
    eprintln!("[{vp}] after delete + home: app keys {keys:?}");

    b.close().await;
}

/// Styles are applied and nothing scrolls sideways.
async fn layout_is_styled(vp: Viewport) {
    let b = Browser::start(vp).await;

    b.step("home is styled");
    b.goto("/").await;
    b.wait_visible(CARD).await;
    b.wait_loaded().await;
    let style = b
        .wait_script(
            "the stylesheet to apply (a font on body, or max-width/padding on main)",
            "const body = getComputedStyle(document.body);
             const m = document.querySelector('main');
             const main = m ? getComputedStyle(m) : null;
             const defaults = ['', 'serif', 'Times', 'Times New Roman', '\"Times New Roman\"'];
             const font = !defaults.includes(body.fontFamily.trim());
             const width = !!main && main.maxWidth !== 'none';
             const pad = !!main && ['paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft']
                 .some(p => parseFloat(main[p]) > 0);
             const seen = 'body font-family ' + JSON.stringify(body.fontFamily)
                 + (main ? ', main max-width ' + main.maxWidth + ', main padding ' + main.padding : ', no main');
             return [font || width || pad, seen];",
            vec![],
        )
        .await;
    eprintln!("[{vp}] style: {style}");

    let pages = [
        ("/".to_string(), CARD),
        (format!("/m/{MODULE}"), SECTION_LINK),
        (format!("/m/{MODULE}/rules"), QUESTION),
    ];
    for (path, hook) in &pages {
        b.step(&format!("no horizontal scroll on {path}"));
        b.goto(path).await;
        b.wait_visible(hook).await;
        b.wait_loaded().await;
        b.wait_js("document.fonts.status === 'loaded'").await;
        b.assert_no_horizontal_scroll(&format!("horizontal scroll on {path}"))
            .await;
        b.assert_no_layout_shift(&format!("loading {path}")).await;
    }

    b.close().await;
}

#[tokio::test]
async fn journey_phone() {
    journey(Viewport::Phone).await;
}

#[tokio::test]
async fn journey_desktop() {
    journey(Viewport::Desktop).await;
}

#[tokio::test]
async fn layout_is_styled_phone() {
    layout_is_styled(Viewport::Phone).await;
}

#[tokio::test]
async fn layout_is_styled_desktop() {
    layout_is_styled(Viewport::Desktop).await;
}
