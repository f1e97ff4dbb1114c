//! Sync between devices through a real nginx WebDAV folder
//! (deploy/nginx-sync.conf): two browser profiles link with one code and
//! end with the union; the server goes away mid-session and nothing is
//! lost; bad codes, wrong addresses and damaged files give clear messages
//! and leave local progress alone; the server only ever holds ciphertext.
//!
//! Each test runs its own server (`Server`, through scripts/serve.sh
//! --no-build --sync) so that it can stop and restart it.

use std::time::Duration;

use mtd_e2e::{Browser, Server, Viewport};
use mtd_learn::sync::{open, Keys, SyncCode, CODE_BYTES};
use serde_json::{json, Value};

const RULES: &str = "/m/family-dynamics/rules";
const Q_RULES: &str = "fieldset[data-test=question][data-id=fd-q-rules]";
const Q_CORK: &str = "fieldset[data-test=question][data-id=fd-q-cork]";
const STATUS: &str = "[data-test=sync-status]";
/// Long enough for two retries of the app's back-off (2 s, 4 s, 8 s).
const RETRIES: Duration = Duration::from_secs(30);

fn answer_ptr(block: &str) -> String {
    format!("/data/modules/family-dynamics/answers/{block}")
}

/// Answers `question` with its first option and waits for it to be stored.
async fn answer(b: &Browser, question: &str, id: &str) {
    b.wait_visible(question).await;
    b.click_nth(
        &format!("{question} label input"),
        0,
        Some(&format!("{question} label:has(input)")),
    )
    .await;
    b.click(&format!("{question} button[data-test=check]")).await;
    b.wait_result(question).await;
    b.wait_stored(&answer_ptr(id)).await;
}

/// Waits until the first sync status line says `state` (and, for errors,
/// `error` is the error kind); returns its text.
async fn wait_sync(b: &Browser, state: &str, error: Option<&str>, within: Duration) -> String {
    b.wait_script_within(
        &format!("sync status {state} {error:?}"),
        within,
        "const s = document.querySelector(arguments[0]);
         if (!s) return [false, 'no status line'];
         const ok = s.dataset.syncState === arguments[1]
             && (arguments[2] === null || s.dataset.syncError === arguments[2]);
         return [ok, s.dataset.syncState + '/' + s.dataset.syncError + ': ' + s.textContent];",
        vec![json!(STATUS), json!(state), json!(error)],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Settings → start sync at /sync/ with a new code; returns the code.
async fn start_sync(b: &Browser) -> String {
    b.step("turn sync on with a new code");
    b.goto("/settings").await;
    b.fill("[data-test=sync-url]", "/sync/").await;
    b.click("[data-test=sync-start]").await;
    b.wait_visible("[data-test=sync-code]").await;
    wait_sync(b, "synced", None, Duration::from_secs(10)).await;
    b.text("[data-test=sync-code]").await.unwrap_or_default()
}

/// The one file on the server, opened with the code: the progress inside.
fn server_progress(server: &Server, code: &str) -> Value {
    let files = server.sync_files();
    assert_eq!(files.len(), 1, "one file on the server: {:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>());
    let (name, bytes) = &files[0];
    let keys = Keys::derive(&SyncCode::parse(code).expect("the app's code parses"));
    assert_eq!(name, &format!("{}.mtds", keys.file_id));
    let plain = open(&keys, bytes).expect("the file opens with the code");
    serde_json::from_slice(&plain).expect("inside is the progress envelope")
}

fn assert_ciphertext_only(server: &Server) {
    for (name, bytes) in server.sync_files() {
        assert!(
            serde_json::from_slice::<Value>(bytes.as_slice()).is_err(),
            "{name} on the server is readable JSON"
        );
        let text = String::from_utf8_lossy(&bytes);
        for secret in ["fd-q-rules", "fd-q-cork", "family-dynamics", "schema", "device"] {
            assert!(!text.contains(secret), "{name} on the server shows {secret:?}");
        }
    }
}

#[tokio::test]
async fn two_devices_linked_by_one_code_end_with_the_union() {
    let server = Server::start_with_sync();
    let laptop = Browser::start_at(Viewport::Desktop, server.url()).await;
    let phone = Browser::start_at(Viewport::Phone, server.url()).await;

    laptop.step("the laptop answers before sync exists");
    laptop.goto(RULES).await;
    answer(&laptop, Q_RULES, "fd-q-rules").await;
    phone.step("the phone answers another question");
    phone.goto(RULES).await;
    answer(&phone, Q_CORK, "fd-q-cork").await;
    let early: Vec<String> = server.requests().into_iter().filter(|r| r.contains("/sync/")).collect();
    assert!(early.is_empty(), "requests to the sync folder before sync was on: {early:?}");
    laptop.goto("/settings").await;
    laptop.wait_visible("[data-test=sync-start]").await;
    assert!(
        laptop.text(".app-footer").await.unwrap_or_default().contains("Nothing is sent anywhere"),
        "the footer promises privacy while sync is off"
    );

    let code = start_sync(&laptop).await;
    assert!(SyncCode::parse(&code).is_ok(), "shown code {code:?} parses");
    laptop.wait_visible("[data-test=sync-qr]").await;
    laptop.screenshot("sync-on").await;
    let inside = server_progress(&server, &code);
    assert!(inside.pointer(&answer_ptr("fd-q-rules")).is_some(), "the server file holds the laptop's answer: {inside}");
    assert_ciphertext_only(&server);

    phone.step("the phone opens the laptop's device link (what the QR code holds)");
    let link = laptop.attr("[data-test=sync-device-link]", "href").await.unwrap_or_default();
    assert!(link.contains("#url=") && link.contains("&code="), "device link {link}");
    phone.goto(&link).await;
    phone.wait_visible("[data-test=sync-from-link]").await;
    let url_now = phone.current_url().await;
    assert!(!url_now.contains("code="), "the code is removed from the address bar: {url_now}");
    phone.click("[data-test=sync-link]").await;
    wait_sync(&phone, "synced", None, Duration::from_secs(10)).await;
    phone.step("the phone now has the laptop's answer besides its own");
    phone.wait_stored(&answer_ptr("fd-q-rules")).await;
    phone.wait_stored(&answer_ptr("fd-q-cork")).await;
    phone.screenshot("sync-linked").await;

    laptop.step("the laptop gets the phone's answer with Sync now");
    laptop.click("[data-test=sync-now]").await;
    laptop.wait_stored(&answer_ptr("fd-q-cork")).await;
    wait_sync(&laptop, "synced", None, Duration::from_secs(10)).await;
    let inside = server_progress(&server, &code);
    for id in ["fd-q-rules", "fd-q-cork"] {
        assert!(inside.pointer(&answer_ptr(id)).is_some(), "the server file lacks {id}: {inside}");
    }
    assert_ciphertext_only(&server);

    laptop.step("turning sync off forgets the code and keeps the progress");
    laptop.click("[data-test=sync-off]").await;
    laptop.wait_visible("[data-test=sync-start]").await;
    let keys = laptop.app_keys().await;
    assert!(!keys.iter().any(|k| k == "mtd-learn.sync"), "sync settings kept after turning off: {keys:?}");
    laptop.wait_stored(&answer_ptr("fd-q-cork")).await;
    laptop.close().await;
    phone.close().await;
}

#[tokio::test]
async fn the_server_going_away_mid_session_loses_nothing() {
    let mut server = Server::start_with_sync();
    let b = Browser::start_at(Viewport::Phone, server.url()).await;
    let code = start_sync(&b).await;
    b.goto(RULES).await;
    b.wait_visible(Q_RULES).await;

    b.step("nginx stops; the learner keeps answering");
    server.stop();
    answer(&b, Q_RULES, "fd-q-rules").await;
    answer(&b, Q_CORK, "fd-q-cork").await;
    let text = wait_sync(&b, "error", Some("unreachable"), Duration::from_secs(15)).await;
    assert!(text.contains("safe on this device"), "status while the server is away: {text}");
    b.screenshot("sync-server-down").await;

    b.step("nginx starts again; the app retries on its own");
    server.start();
    wait_sync(&b, "synced", None, RETRIES).await;
    let inside = server_progress(&server, &code);
    for id in ["fd-q-rules", "fd-q-cork"] {
        assert!(inside.pointer(&answer_ptr(id)).is_some(), "after the restart the server lacks {id}: {inside}");
    }
    assert_ciphertext_only(&server);
    b.close().await;
}

#[tokio::test]
async fn bad_codes_wrong_addresses_and_damaged_files_keep_local_progress() {
    let server = Server::start_with_sync();
    let b = Browser::start_at(Viewport::Desktop, server.url()).await;
    b.goto(RULES).await;
    answer(&b, Q_RULES, "fd-q-rules").await;
    b.goto("/settings").await;

    let attempts: [(&str, &str, Option<String>, &str); 5] = [
        ("a code with a missing part", "/sync/", Some("ABCD-EFGH".into()), "27"),
        ("a code with a typo", "/sync/", Some({
            let mut c = SyncCode::from_bytes([7; CODE_BYTES]).to_string();
            let last = c.pop().unwrap();
            c.push(if last == '0' { '1' } else { '0' });
            c
        }), "typo"),
        ("a valid code nobody uses", "/sync/", Some(SyncCode::from_bytes([7; CODE_BYTES]).to_string()), "Nothing is stored under this code"),
        ("an address that is the app, not a sync folder", "/", None, "does not point to a sync folder"),
        ("a folder that refuses uploads", "/content/", None, "did not accept the upload"),
    ];
    for (what, url, code, expected) in attempts {
        b.step(what);
        b.fill("[data-test=sync-url]", url).await;
        match code {
            Some(code) => {
                b.fill("[data-test=sync-link-code]", &code).await;
                b.click("[data-test=sync-link]").await;
            }
            None => b.click("[data-test=sync-start]").await,
        }
        let message = b.wait_text("[data-test=sync-message]", expected).await;
        b.check(
            b.count("[data-test=sync-start]").await == 1,
            &format!("sync stays off after {what} ({message})"),
        )
        .await;
        b.wait_stored(&answer_ptr("fd-q-rules")).await;
    }
    let keys = b.app_keys().await;
    assert!(!keys.iter().any(|k| k == "mtd-learn.sync"), "a failed start stored sync settings: {keys:?}");
    b.fill("[data-test=sync-url]", "http://learn.example.org/sync/").await;
    b.click("[data-test=sync-start]").await;
    b.wait_text("[data-test=sync-message]", "https://").await;

    b.step("a file changed on the server does not decrypt");
    start_sync(&b).await;
    let (name, mut bytes) = server.sync_files().remove(0);
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    server.write_sync_file(&name, &bytes);
    b.click("[data-test=sync-now]").await;
    let text = wait_sync(&b, "error", Some("tampered"), Duration::from_secs(10)).await;
    assert!(text.contains("cannot be decrypted"), "{text}");
    b.wait_stored(&answer_ptr("fd-q-rules")).await;

    b.step("a huge file is not read");
    server.write_sync_file(&name, &vec![b'M'; 3 * 1024 * 1024]);
    b.click("[data-test=sync-now]").await;
    wait_sync(&b, "error", Some("too-large"), Duration::from_secs(10)).await;
    b.wait_stored(&answer_ptr("fd-q-rules")).await;
    b.screenshot("sync-error").await;
    b.close().await;
}
