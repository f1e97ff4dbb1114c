//! The learner's data survives: two tabs at once, broken storage, and an
//! export that is deleted and imported again. Desktop viewport.
//!
//! Hooks come from docs/dom-contract.md; the stored format is schema 2
//! (`data.modules.<module>.answers.<block>`, see src/progress/state.rs).
//! Run with `--test-threads=1` against the release build served by nginx
//! (MTD_BASE_URL).

use mtd_e2e::fantoccini::wd::WindowHandle;
use mtd_e2e::{Browser, Viewport, PROGRESS_KEY};
use serde_json::{json, Value};

const MODULE: &str = "family-dynamics";
const RULES: &str = "/m/family-dynamics/rules";
const APPLY: &str = "/m/family-dynamics/apply";
const Q_RULES: &str = "fieldset[data-test=question][data-id=fd-q-rules]";
const Q_CORK: &str = "fieldset[data-test=question][data-id=fd-q-cork]";
const REFLECTION: &str = "section[data-test=reflection]";
const REFLECTION_TEXT: &str = "section[data-test=reflection] textarea";
const QUARANTINE_PREFIX: &str = "mtd-learn.quarantine.";

fn within(outer: &str, inner: &str) -> String {
    format!("{outer} {inner}")
}

/// `/data/modules/family-dynamics/answers/<block>`.
fn answer_ptr(block: &str) -> String {
    format!("/data/modules/{MODULE}/answers/{block}")
}

/// `/data/modules/family-dynamics/reflections/<id>`.
fn reflection_ptr(id: &str) -> String {
    format!("/data/modules/{MODULE}/reflections/{id}")
}

/// Chooses the first option of `question`, checks it and waits for the
/// result; returns the result text.
async fn answer_first_option(b: &Browser, question: &str) -> String {
    b.wait_visible(question).await;
    b.click_nth(
        &within(question, "label input"),
        0,
        Some(&within(question, "label:has(input)")),
    )
    .await;
    b.wait_script(
        &format!("option #1 of `{question}` to be checked"),
        "const i = document.querySelector(arguments[0] + ' label input');
         return [!!i && i.checked, i ? 'unchecked' : 'no option input'];",
        vec![json!(question)],
    )
    .await;
    b.click(&within(question, "button[data-test=check]")).await;
    b.wait_result(question).await
}

/// Fails unless the stored record `v` is a checked choice of option 0.
async fn check_first_option_stored(b: &Browser, v: &Value, what: &str) {
    b.check(
        v["value"]["kind"] == json!("choice")
            && v["value"]["selected"] == json!([0])
            && v["value"]["checked"] == json!(true),
        &format!("{what}: expected a checked choice of option 0, found {v}"),
    )
    .await;
}

/// Waits until the reflection textarea's value is `text`.
async fn wait_textarea_value(b: &Browser, text: &str) {
    b.wait_script(
        &format!("`{REFLECTION_TEXT}` to hold {text:?}"),
        "const t = document.querySelector(arguments[0]);
         if (!t) return [false, 'no textarea'];
         return [t.value === arguments[1], 'value ' + JSON.stringify(t.value)];",
        vec![json!(REFLECTION_TEXT), json!(text)],
    )
    .await;
}

/// `input[type=file][data-test=import]` on the settings page gets `path`.
async fn import_file(b: &Browser, path: &std::path::Path) {
    let input = "input[type=file][data-test=import]";
    b.wait_count(input, 1).await;
    let el = match b
        .client
        .find(mtd_e2e::fantoccini::Locator::Css(input))
        .await
    {
        Ok(el) => el,
        Err(e) => b.fail(&format!("could not find `{input}`: {e}")).await,
    };
    if let Err(e) = el.send_keys(&path.display().to_string()).await {
        b.fail(&format!(
            "could not give {} to `{input}`: {e}",
            path.display()
        ))
        .await;
    }
}

/// Today's date (UTC, as the app names files) as the browser sees it.
async fn browser_date(b: &Browser) -> String {
    b.js("return new Date().toISOString().slice(0, 10);", vec![])
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Opens the section in tab A, then in tab B (a second window of the same
/// session, so the same localStorage); returns (A, B) with A current.
async fn two_tabs_on_rules(b: &Browser) -> (WindowHandle, WindowHandle) {
    b.step("tab A opens the section");
    b.goto(RULES).await;
    b.wait_visible(Q_RULES).await;
    let tab_a = b.current_window().await;

    b.step("tab B (same session, same storage) opens the same section");
    let tab_b = b.open_window().await;
    b.goto(RULES).await;
    b.wait_visible(Q_RULES).await;
    b.wait_visible(Q_CORK).await;
    let early = b.count(&within(Q_RULES, "[data-test=result]")).await;
    b.check(
        early == 0,
        &format!("tab B shows a result for fd-q-rules before anyone answered ({early})"),
    )
    .await;
    b.switch_to(&tab_a).await;
    (tab_a, tab_b)
}

/// What one tab answers shows in the other, already open tab, without a
/// reload (the app merges other tabs' `storage` events).
#[tokio::test]
async fn an_open_tab_shows_another_tabs_answer_without_reload() {
    let b = Browser::start(Viewport::Desktop).await;
    let (tab_a, tab_b) = two_tabs_on_rules(&b).await;

    b.step("tab A answers fd-q-rules");
    let result_a = answer_first_option(&b, Q_RULES).await;
    b.wait_stored(&answer_ptr("fd-q-rules")).await;

    b.step("tab B shows tab A's answer to fd-q-rules without a reload");
    b.switch_to(&tab_b).await;
    // Marks this document: a reload would drop the mark.
    b.js("window.__mtdSameDocument = true;", vec![]).await;
    let result_b = b.wait_result(Q_RULES).await;
    b.check(
        result_b == result_a,
        &format!("tab B shows result {result_b:?} for fd-q-rules, tab A showed {result_a:?}"),
    )
    .await;
    b.wait_script(
        "option #1 of fd-q-rules to be checked in tab B",
        "const i = document.querySelector(arguments[0] + ' label input');
         return [!!i && i.checked, i ? 'unchecked' : 'no option input'];",
        vec![json!(Q_RULES)],
    )
    .await;
    let same = b
        .js("return window.__mtdSameDocument === true;", vec![])
        .await;
    b.check(same == json!(true), "tab B was reloaded").await;

    b.step("tab B answers fd-q-cork; tab A shows it without a reload");
    answer_first_option(&b, Q_CORK).await;
    b.wait_stored(&answer_ptr("fd-q-cork")).await;
    b.switch_to(&tab_a).await;
    b.wait_result(Q_CORK).await;
    b.wait_result(Q_RULES).await;
    b.screenshot("two-tabs-live").await;

    b.close().await;
}

/// A tab that loaded before another tab answered does not overwrite that
/// answer when it saves its own: stored progress holds both.
#[tokio::test]
async fn two_tabs_keep_each_others_answers() {
    let b = Browser::start(Viewport::Desktop).await;
    let (tab_a, tab_b) = two_tabs_on_rules(&b).await;

    b.step("tab A answers fd-q-rules");
    answer_first_option(&b, Q_RULES).await;
    let stored = b.wait_stored(&answer_ptr("fd-q-rules")).await;
    check_first_option_stored(&b, &stored, "fd-q-rules after tab A answered").await;

    b.step("tab B (opened before that answer) answers fd-q-cork");
    b.switch_to(&tab_b).await;
    answer_first_option(&b, Q_CORK).await;
    b.wait_stored(&answer_ptr("fd-q-cork")).await;

    b.step("tab A: stored progress holds both answers");
    b.switch_to(&tab_a).await;
    let progress = b.stored_progress().await.unwrap_or(Value::Null);
    for block in ["fd-q-rules", "fd-q-cork"] {
        let record = progress
            .pointer(&answer_ptr(block))
            .cloned()
            .unwrap_or(Value::Null);
        check_first_option_stored(
            &b,
            &record,
            &format!("{block} in tab A's stored progress {progress}"),
        )
        .await;
    }

    b.step("both tabs reload and show both answers");
    b.refresh().await;
    b.wait_result(Q_RULES).await;
    b.wait_result(Q_CORK).await;
    b.switch_to(&tab_b).await;
    b.refresh().await;
    b.wait_result(Q_RULES).await;
    b.wait_result(Q_CORK).await;
    b.screenshot("two-tabs-stored").await;

    b.close().await;
}

#[tokio::test]
async fn corrupt_progress_is_kept_aside_and_downloadable() {
    // Cut off mid-way, with non-ASCII text, so "exactly the same text" means something.
    let broken = r#"{"schema":2,"device":"0123456789abcdef","data":{"modules":{"family-dynamics":{"reflections":{"fd-reflect":{"value":"Gespräch – „wichtig“ ✓"#;

    let b = Browser::start(Viewport::Desktop).await;

    b.step("write broken JSON into the progress key and reload");
    b.goto("/").await;
    b.wait_visible("[data-test=module-card]").await;
    b.js(
        "localStorage.setItem(arguments[0], arguments[1]);",
        vec![json!(PROGRESS_KEY), json!(broken)],
    )
    .await;
    b.refresh().await;

    b.step("the storage notice appears");
    b.wait_visible("[data-test=storage-notice]").await;
    b.wait_visible("[data-test=module-card]").await;
    b.screenshot("storage-notice").await;

    b.step("the broken text is kept under mtd-learn.quarantine.<ms>");
    let keys = b.app_keys().await;
    let kept: Vec<&String> = keys
        .iter()
        .filter(|k| k.starts_with(QUARANTINE_PREFIX))
        .collect();
    b.check(
        kept.len() == 1,
        &format!("expected one {QUARANTINE_PREFIX}* key, found app keys {keys:?}"),
    )
    .await;
    let kept_key = kept[0].clone();
    let ms = &kept_key[QUARANTINE_PREFIX.len()..];
    b.check(
        !ms.is_empty() && ms.bytes().all(|c| c.is_ascii_digit()),
        &format!("quarantine key {kept_key:?} does not end in milliseconds"),
    )
    .await;
    let kept_text = b.local_storage(&kept_key).await;
    b.check(
        kept_text.as_deref() == Some(broken),
        &format!("{kept_key} holds {kept_text:?}, expected exactly {broken:?}"),
    )
    .await;
    let main = b.local_storage(PROGRESS_KEY).await;
    b.check(
        main.as_deref() != Some(broken),
        &format!("{PROGRESS_KEY} still holds the broken text"),
    )
    .await;

    b.step("the notice's button downloads the kept text");
    let button = "[data-test=storage-notice] button[data-test=download-quarantine]";
    b.wait_visible(button).await;
    b.click(button).await;
    let (path, text) = b.wait_download("mtd-learn-kept-progress").await;
    eprintln!("downloaded {}", path.display());
    b.check(
        text == broken,
        &format!(
            "the download {} holds {text:?}, expected exactly {broken:?}",
            path.display()
        ),
    )
    .await;

    b.step("after another reload the notice is gone and the copy is still kept");
    b.refresh().await;
    b.wait_visible("[data-test=module-card]").await;
    b.wait_script(
        "no storage notice after the next load",
        "const n = document.querySelectorAll('[data-test=storage-notice]').length;
         return [n === 0, n + ' notice(s)'];",
        vec![],
    )
    .await;
    let still = b.local_storage(&kept_key).await;
    b.check(
        still.as_deref() == Some(broken),
        &format!("after a reload {kept_key} holds {still:?}"),
    )
    .await;

    b.close().await;
}

#[tokio::test]
async fn export_delete_import_restores_everything() {
    let text = "Talk to the school first; ask Jonas what he wants. Gespräch!";
    let b = Browser::start(Viewport::Desktop).await;

    b.step("answer fd-q-rules");
    b.goto(RULES).await;
    let result = answer_first_option(&b, Q_RULES).await;
    b.wait_stored(&answer_ptr("fd-q-rules")).await;

    b.step("write a reflection");
    b.goto(APPLY).await;
    b.wait_visible(REFLECTION_TEXT).await;
    let reflection_id = b.attr(REFLECTION, "data-id").await.unwrap_or_default();
    b.check(!reflection_id.is_empty(), "the reflection has no data-id")
        .await;
    let area = match b
        .client
        .find(mtd_e2e::fantoccini::Locator::Css(REFLECTION_TEXT))
        .await
    {
        Ok(el) => el,
        Err(e) => {
            b.fail(&format!("could not find `{REFLECTION_TEXT}`: {e}"))
                .await
        }
    };
    if let Err(e) = area.send_keys(text).await {
        b.fail(&format!("could not type into `{REFLECTION_TEXT}`: {e}"))
            .await;
    }
    wait_textarea_value(&b, text).await;
    let stored = b.wait_stored(&reflection_ptr(&reflection_id)).await;
    b.check(
        stored["value"] == json!(text),
        &format!("stored reflection {stored}, expected {text:?}"),
    )
    .await;

    b.step("export from the settings");
    b.goto("/settings").await;
    b.wait_visible("button[data-test=export]").await;
    let day_before = browser_date(&b).await;
    b.click("button[data-test=export]").await;
    let (export, exported) = b.wait_download("mtd-learn-progress-").await;
    let day_after = browser_date(&b).await;
    let name = export
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    b.check(
        [&day_before, &day_after]
            .iter()
            .any(|d| name == format!("mtd-learn-progress-{d}.json")),
        &format!("export file is named {name:?}, expected mtd-learn-progress-{day_after}.json"),
    )
    .await;
    let file: Value = match serde_json::from_str(&exported) {
        Ok(v) => v,
        Err(e) => {
            b.fail(&format!("the export {name} is not JSON ({e}): {exported}"))
                .await
        }
    };
    let answer = file
        .pointer(&answer_ptr("fd-q-rules"))
        .cloned()
        .unwrap_or(Value::Null);
    check_first_option_stored(&b, &answer, &format!("fd-q-rules in the export {file}")).await;
    let reflected = file
        .pointer(&reflection_ptr(&reflection_id))
        .cloned()
        .unwrap_or(Value::Null);
    b.check(
        reflected["value"] == json!(text),
        &format!("the export holds reflection {reflected}, expected {text:?}"),
    )
    .await;
    eprintln!("exported {} ({} bytes)", export.display(), exported.len());

    b.step("delete all data");
    b.click("button[data-test=delete-all]").await;
    b.wait_visible("[data-test=confirm-dialog]").await;
    b.click("[data-test=confirm-dialog] button[data-test=confirm-delete]")
        .await;
    b.wait_text("[data-test=status]", "deleted").await;
    b.wait_no_app_keys().await;

    b.step("import the exported file");
    import_file(&b, &export).await;
    let status = b.wait_text("[data-test=status]", "Imported").await;
    eprintln!("import status: {status:?}");
    let again = b.wait_stored(&answer_ptr("fd-q-rules")).await;
    check_first_option_stored(&b, &again, "fd-q-rules after the import").await;
    let again = b.wait_stored(&reflection_ptr(&reflection_id)).await;
    b.check(
        again["value"] == json!(text),
        &format!("stored reflection after the import {again}, expected {text:?}"),
    )
    .await;

    b.step("the question shows its result again");
    b.goto(RULES).await;
    let result_again = b.wait_result(Q_RULES).await;
    b.check(
        result_again == result,
        &format!("after the import fd-q-rules shows {result_again:?}, before it showed {result:?}"),
    )
    .await;

    b.step("the reflection holds the text again");
    b.goto(APPLY).await;
    b.wait_visible(REFLECTION_TEXT).await;
    wait_textarea_value(&b, text).await;
    b.screenshot("imported-reflection").await;

    b.close().await;
}

#[tokio::test]
async fn importing_a_foreign_file_is_refused() {
    let b = Browser::start(Viewport::Desktop).await;

    b.step("open the settings");
    b.goto("/settings").await;
    b.wait_visible("button[data-test=export]").await;
    let before = b.local_storage(PROGRESS_KEY).await;

    b.step("import a JSON file that is not an export");
    let foreign = b
        .write_temp_file("shopping.json", r#"{"name":"shopping"}"#)
        .await;
    import_file(&b, &foreign).await;
    let status = b
        .wait_text("[data-test=status]", "not a progress export")
        .await;
    eprintln!("foreign file: {status:?}");

    b.step("import a file that is not JSON at all");
    let broken = b
        .write_temp_file("broken.json", r#"{"schema": 2, "data": "#)
        .await;
    import_file(&b, &broken).await;
    let status = b.wait_text("[data-test=status]", "not valid JSON").await;
    b.check(
        status.contains("not a progress export"),
        &format!("status for a broken file: {status:?}"),
    )
    .await;

    b.step("nothing was stored");
    let after = b.local_storage(PROGRESS_KEY).await;
    b.check(
        after == before,
        &format!("{PROGRESS_KEY} changed from {before:?} to {after:?} after refused imports"),
    )
    .await;
    let counts = b.text("[data-test=status]").await;
    eprintln!("status at the end: {counts:?}");

    b.close().await;
}
