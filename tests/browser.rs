//! Browser tests (wasm-bindgen-test in headless Chromium): storage against
//! the real localStorage, and a component mounted and clicked.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use mtd_learn::content::parse_module;
use mtd_learn::progress::{decode, encode, Answer, Decoded, ProgressState};
use mtd_learn::store::{self, Notice, PROGRESS_KEY, QUARANTINE_PREFIX};
use mtd_learn::ui::{Progress, QuestionView};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn clear_app_keys() {
    store::delete_all().expect("storage works in the test browser");
    assert_eq!(store::read(PROGRESS_KEY), Ok(None));
}

fn quarantine_keys() -> Vec<String> {
    let s = storage();
    (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with(QUARANTINE_PREFIX))
        .collect()
}

#[wasm_bindgen_test]
fn progress_round_trips_through_local_storage() {
    clear_app_keys();
    let fresh = store::load();
    assert!(fresh.state.is_empty());
    assert!(fresh.notice.is_none());
    assert_eq!(fresh.device.len(), 16, "device id is 64 random bits in hex");

    let mut state = ProgressState::default();
    state.set_answer(
        "fd",
        "q1",
        Answer::Choice {
            selected: vec![1],
            checked: true,
            attempt: 0,
        },
        5,
        &fresh.device,
    );
    state.visit("fd", "rules", 6, &fresh.device);
    store::save(&state, &fresh.device).unwrap();

    let again = store::load();
    assert_eq!(again.state, state);
    assert_eq!(
        again.device, fresh.device,
        "the device id survives a reload"
    );
    let raw = storage().get_item(PROGRESS_KEY).unwrap().unwrap();
    assert!(matches!(decode(&raw), Decoded::Current(e) if e.schema == mtd_learn::progress::SCHEMA));
}

#[wasm_bindgen_test]
fn unreadable_progress_is_kept_aside_before_anything_is_written() {
    clear_app_keys();
    storage()
        .set_item(PROGRESS_KEY, "{\"schema\": 1, \"data\": [oops")
        .unwrap();
    let loaded = store::load();
    let Some(Notice::Quarantined { key, reason }) = loaded.notice else {
        panic!("expected a quarantine notice")
    };
    assert!(reason.contains("not valid JSON"), "{reason}");
    assert_eq!(
        storage().get_item(&key).unwrap().as_deref(),
        Some("{\"schema\": 1, \"data\": [oops")
    );
    assert!(loaded.writable);
    // Saving afterwards never touches the kept copy.
    store::save(&ProgressState::default(), &loaded.device).unwrap();
    assert_eq!(quarantine_keys(), vec![key.clone()]);
    assert_eq!(
        storage().get_item(&key).unwrap().as_deref(),
        Some("{\"schema\": 1, \"data\": [oops")
    );
}

#[wasm_bindgen_test]
fn progress_from_a_newer_app_version_is_never_overwritten() {
    clear_app_keys();
    let future =
        r#"{"schema":99,"device":"x","updated":"2030-01-01T00:00:00.000Z","data":{"new":"shape"}}"#;
    storage().set_item(PROGRESS_KEY, future).unwrap();
    let loaded = store::load();
    assert_eq!(loaded.notice, Some(Notice::NewerVersion { schema: 99 }));
    assert!(!loaded.writable);
    assert!(store::save(&ProgressState::default(), "me").is_err());
    assert_eq!(
        storage().get_item(PROGRESS_KEY).unwrap().as_deref(),
        Some(future)
    );
}

#[wasm_bindgen_test]
fn saving_keeps_what_another_tab_stored_meanwhile() {
    clear_app_keys();
    let mut other_tab = ProgressState::default();
    other_tab.set_reflection("fd", "r", "from the other tab".into(), 10, "tab-b");
    storage()
        .set_item(PROGRESS_KEY, &encode(&other_tab, "tab-b", 10))
        .unwrap();

    let mut mine = ProgressState::default();
    mine.set_answer("fd", "q1", Answer::Likert { value: 4 }, 20, "tab-a");
    let merged = store::save(&mine, "tab-a").unwrap();
    assert_eq!(merged.reflection("fd", "r"), Some("from the other tab"));
    assert_eq!(store::load().state, merged);
}

#[wasm_bindgen_test]
fn delete_all_removes_every_key_of_the_app_and_nothing_else() {
    clear_app_keys();
    storage().set_item(PROGRESS_KEY, "x").unwrap();
    storage().set_item("mtd-learn.quarantine.1", "y").unwrap();
    storage().set_item("another-app", "keep me").unwrap();
    assert_eq!(store::delete_all(), Ok(2));
    assert_eq!(
        storage().get_item("another-app").unwrap().as_deref(),
        Some("keep me")
    );
    storage().remove_item("another-app").unwrap();
}

const MODULE: &str = "---\nid: t\ntitle: T\nsummary: S\nobjectives:\n  - O\nsources:\n  - Src\n---\n## S {#s}\n\n::: question id=q kind=single\nWhich one?\n- [ ] Wrong\n  > Because it is wrong.\n- [x] Right\n  > Because it is right.\n:::\n";

/// Lets Leptos run the effects a click scheduled.
async fn settle() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

fn find(root: &web_sys::Element, selector: &str) -> Option<web_sys::Element> {
    root.query_selector(selector).unwrap()
}

#[wasm_bindgen_test]
async fn a_question_is_answered_checked_explained_saved_and_retried() {
    clear_app_keys();
    let module = parse_module("en/t.md", MODULE).value;
    let question = module.questions().next().unwrap().clone();
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let host_el: web_sys::HtmlElement = host.clone().unchecked_into();
    let handle = leptos::mount::mount_to(host_el, move || {
        provide_context(Progress::load());
        view! { <QuestionView question=question.clone() module_id="t"/> }
    });

    let check: web_sys::HtmlButtonElement = find(&host, "[data-test=check]")
        .expect("check button")
        .unchecked_into();
    assert!(check.disabled(), "nothing chosen yet");
    let inputs = host.query_selector_all("input[type=radio]").unwrap();
    assert_eq!(inputs.length(), 2);
    let right: web_sys::HtmlInputElement = inputs.item(1).unwrap().unchecked_into();
    right.click();
    settle().await;
    assert!(!check.disabled(), "an option is chosen");
    check.click();
    settle().await;

    let result = find(&host, "[data-test=result]").expect("a result after checking");
    assert!(result.text_content().unwrap().starts_with("Correct."));
    let explanations = host.query_selector_all("[data-test=explanation]").unwrap();
    assert_eq!(explanations.length(), 2, "every option explains itself");
    assert!(explanations
        .item(1)
        .unwrap()
        .text_content()
        .unwrap()
        .contains("Because it is right."));
    let raw = store::read(PROGRESS_KEY)
        .unwrap()
        .expect("the answer was saved");
    let Decoded::Current(saved) = decode(&raw) else {
        panic!("saved progress decodes")
    };
    assert_eq!(
        saved.data.answer("t", "q"),
        Some(&Answer::Choice {
            selected: vec![1],
            checked: true,
            attempt: 0
        })
    );

    let retry: web_sys::HtmlElement = find(&host, "[data-test=retry]")
        .expect("retry button")
        .unchecked_into();
    retry.click();
    settle().await;
    assert!(
        find(&host, "[data-test=result]").is_none(),
        "retry hides the result"
    );
    assert!(!right.checked(), "retry clears the choice");
    drop(handle);
    host.remove();
}

/// Runs JavaScript in the test page (the runner has no CSP).
fn run_js(code: &str) {
    js_sys::Function::new_no_args(code)
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("script runs");
}

#[wasm_bindgen_test]
fn a_full_storage_keeps_the_app_working_in_memory_and_says_so_once() {
    clear_app_keys();
    let owner = Owner::new();
    owner.set();
    let progress = Progress::load();
    assert!(progress.notice.get_untracked().is_none());
    // Fill the origin's quota with junk until the browser refuses even a
    // few bytes more: big chunks first, then ever smaller ones.
    let mut n = 0;
    let mut size = 512 * 1024;
    while size >= 1 {
        let chunk = "x".repeat(size);
        while storage().set_item(&format!("junk-{n}"), &chunk).is_ok() {
            n += 1;
            assert!(n < 2000, "the browser never reported a full storage");
        }
        size /= 4;
    }
    progress.set_answer("fd", "q1", Answer::Likert { value: 2 });
    assert_eq!(progress.notice.get_untracked(), Some(Notice::Unavailable));
    assert_eq!(
        progress.answer("fd", "q1"),
        Some(Answer::Likert { value: 2 }),
        "kept in memory"
    );
    progress.notice.set(None);
    progress.set_answer("fd", "q2", Answer::Likert { value: 4 });
    assert_eq!(
        progress.notice.get_untracked(),
        None,
        "told once, not on every answer"
    );
    assert_eq!(
        progress.answer("fd", "q2"),
        Some(Answer::Likert { value: 4 })
    );
    for i in 0..n {
        storage().remove_item(&format!("junk-{i}")).unwrap();
    }
}

#[wasm_bindgen_test]
fn storage_switched_off_never_panics() {
    clear_app_keys();
    run_js(
        "window.__savedLocalStorage = Object.getOwnPropertyDescriptor(window, 'localStorage');
         Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('denied', 'SecurityError'); } });",
    );
    let loaded = store::load();
    let saved = store::save(&ProgressState::default(), "d");
    let deleted = store::delete_all();
    run_js(
        "if (window.__savedLocalStorage) { Object.defineProperty(window, 'localStorage', window.__savedLocalStorage); }
         else { delete window.localStorage; }",
    );
    assert_eq!(loaded.notice, Some(Notice::Unavailable));
    assert!(!loaded.writable);
    assert!(saved.is_err() && deleted.is_err());
    assert!(
        store::read(PROGRESS_KEY).is_ok(),
        "storage is back for the other tests"
    );
}

#[wasm_bindgen_test]
async fn another_tabs_records_arrive_through_the_storage_event() {
    clear_app_keys();
    let owner = Owner::new();
    owner.set();
    let progress = Progress::load();
    progress.set_answer("fd", "mine", Answer::Likert { value: 1 });
    progress.follow_other_tabs();

    let mut other_tab = ProgressState::default();
    other_tab.set_reflection("fd", "r", "written in tab B".into(), 99, "tab-b");
    let raw = encode(&other_tab, "tab-b", 99);
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(PROGRESS_KEY));
    init.set_new_value(Some(&raw));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
    settle().await;

    assert_eq!(
        progress
            .with(|s| s.reflection("fd", "r").map(str::to_owned))
            .as_deref(),
        Some("written in tab B")
    );
    assert_eq!(
        progress.answer("fd", "mine"),
        Some(Answer::Likert { value: 1 }),
        "this tab's newer answer survives"
    );
}
