//! Live hybrid sessions through the real nginx sync backend
//! (deploy/nginx-sync.conf, docs/live-session.md): a trainer's projector
//! deck and participants' phones. Participants follow slide changes, a
//! late joiner lands on the current slide, a poll collects answers and the
//! projector shows only counts, participants' answers stay out of their
//! private progress unless they tick the box, the session ends and its
//! files are deleted. Failures: wrong codes, the server going away, a
//! damaged state file. One test measures the latency from the trainer's
//! key press to a participant's slide change, and the requests a
//! participant makes while nothing changes.
//!
//! Each test runs its own server (`Server`, through scripts/serve.sh
//! --no-build --sync) so that it can stop and restart it.

use std::path::Path;
use std::time::{Duration, Instant};

use mtd_e2e::fantoccini::key::Key;
use mtd_e2e::{Browser, Server, Theme, Viewport};
use mtd_learn::content::{parse_module, Block};
use mtd_learn::live::{LiveState, SessionCode};
use serde_json::{json, Value};

const MODULE: &str = "family-dynamics";
const QUESTION: &str = "fd-q-rules";
const PAGE: &str = "[data-test=live-page]";
const RESULTS: &str = "[data-test=deck] [data-test=live-results]";
/// Long enough for the participant's back-off (2, 4, 8, 10 s) to retry.
const RECOVERY: Duration = Duration::from_secs(30);

/// The slide (from 1) of the deck that holds `question` and its number of
/// options, read from the pack.
fn slide_of(question: &str) -> (usize, usize) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../public/content/en/{MODULE}.md"));
    let text = std::fs::read_to_string(&path).expect("the module file");
    let module = parse_module("en/family-dynamics.md", &text).value;
    module
        .slides()
        .iter()
        .find_map(|s| {
            s.slide.blocks.iter().find_map(|b| match b {
                Block::Question(q) if q.id == question => Some((s.number, q.options.len())),
                _ => None,
            })
        })
        .expect("the question is on a slide")
}

/// Opens the deck at slide `n` and waits for it.
async fn open_deck(trainer: &Browser, n: usize) {
    trainer.goto(&format!("/present/{MODULE}/{n}")).await;
    trainer.wait_visible("[data-test=deck]").await;
    trainer.wait_deck_slide_attr(n).await;
}

trait LiveWaits {
    async fn wait_deck_slide_attr(&self, n: usize);
    async fn wait_live(&self, state: &str, slide: Option<usize>, within: Duration) -> Value;
}

impl LiveWaits for Browser {
    /// The projector shows slide `n` (its frame's `data-slide`).
    async fn wait_deck_slide_attr(&self, n: usize) {
        self.wait_script(
            &format!("the deck to show slide {n}"),
            "const f = document.querySelector('[data-test=deck] [data-test=slide]');
             const s = f && f.getAttribute('data-slide');
             return [s === String(arguments[0]), s];",
            vec![json!(n)],
        )
        .await;
    }

    /// The participant's page is in `state` (`data-live-state`) and, when
    /// given, shows slide `slide`; returns what the page says.
    async fn wait_live(&self, state: &str, slide: Option<usize>, within: Duration) -> Value {
        self.wait_script_within(
            &format!("the live page to be {state:?} on slide {slide:?}"),
            within,
            "const p = document.querySelector(arguments[0]);
             if (!p) return [false, 'no live page'];
             const m = document.querySelector('[data-test=live-message]');
             const seen = { state: p.dataset.liveState, slide: p.dataset.slide, live: p.dataset.liveSlide,
                 message: m ? m.innerText : null, content: !!p.querySelector('[data-test=live-slide]') };
             const ok = seen.state === arguments[1] && (arguments[2] === null || seen.slide === String(arguments[2]));
             return [ok, seen];",
            vec![json!(PAGE), json!(state), json!(slide)],
        )
        .await
    }
}

/// Starts a live session in the deck with the L key; returns the code as
/// shown, the join link and the folder name.
async fn start_session(trainer: &Browser) -> (String, String, String) {
    trainer.step("the trainer presses L: a live session starts");
    trainer.press('l').await;
    trainer.wait_visible("[data-test=live-join]").await;
    trainer.wait_visible("svg[data-test=live-qr]").await;
    let code = trainer.text("[data-test=live-join-code]").await.unwrap_or_default();
    let link = trainer.attr("a[data-test=live-join-link]", "href").await.unwrap_or_default();
    let parsed = SessionCode::parse(&code).unwrap_or_else(|e| panic!("shown code {code:?}: {e}"));
    assert!(link.ends_with(&format!("/live/{code}")), "join link {link} for code {code}");
    assert_eq!(trainer.text("[data-test=live-code]").await.as_deref(), Some(code.as_str()));
    (code, link, parsed.folder_name())
}

/// The state file on the server, parsed with the app's own code.
fn server_state(server: &Server, folder: &str) -> LiveState {
    let files = server.live_files(folder).expect("the session folder exists");
    let text = &files.iter().find(|(n, _)| n == "state.json").expect("state.json").1;
    LiveState::parse(text).unwrap_or_else(|e| panic!("state.json {text}: {e:?}"))
}

/// Picks option `index` of the open poll and sends it, optionally keeping
/// it in the participant's own progress.
async fn answer_poll(p: &Browser, index: usize, keep: bool) {
    let poll = format!("[data-test=live-poll][data-id={QUESTION}][data-open=true]");
    p.wait_visible(&poll).await;
    p.click_nth(&format!("{poll} input[data-test=live-option]"), index, Some(&format!("{poll} label.option__label"))).await;
    if keep {
        p.click_nth(&format!("{poll} input[data-test=live-save-own]"), 0, Some(&format!("{poll} .live-poll__own label"))).await;
    }
    p.click(&format!("{poll} button[data-test=live-send]")).await;
    p.wait_visible(&format!("{poll} [data-test=live-sent]")).await;
}

/// Waits until the projector shows `answers` answers and these counts.
async fn wait_counts(trainer: &Browser, answers: usize, counts: &[usize]) -> Value {
    trainer
        .wait_script_within(
            &format!("the projector to show {answers} answers with counts {counts:?}"),
            Duration::from_secs(15),
            "const r = document.querySelector(arguments[0]);
             if (!r) return [false, 'no result panel'];
             const bars = Array.from(r.querySelectorAll('[data-test=live-bar]')).map(b => Number(b.dataset.count));
             const texts = Array.from(r.querySelectorAll('.live-results__count')).map(c => Number(c.innerText));
             const seen = { answers: Number(r.dataset.answers), bars, texts, ignored: r.dataset.ignored, open: r.dataset.open, text: r.innerText };
             const ok = seen.answers === arguments[1] && JSON.stringify(bars) === JSON.stringify(arguments[2])
                 && JSON.stringify(texts) === JSON.stringify(arguments[2]);
             return [ok, seen];",
            vec![json!(RESULTS), json!(answers), json!(counts)],
        )
        .await
}

#[tokio::test]
async fn a_trainer_and_two_participants_follow_poll_and_end() {
    let server = Server::start_with_sync();
    let trainer = Browser::start_at(Viewport::Desktop, server.url()).await;
    let p1 = Browser::start_at(Viewport::Phone, server.url()).await;
    let p2 = Browser::start_at(Viewport::Phone, server.url()).await;

    open_deck(&trainer, 1).await;
    let early: Vec<String> = server.requests().into_iter().filter(|r| r.contains("/sync/")).collect();
    assert!(early.is_empty(), "the deck talked to the backend before a session was started: {early:?}");
    let (code, link, folder) = start_session(&trainer).await;
    trainer.assert_axe_clean("deck with the live session's join overlay").await;
    trainer.screenshot("live-join").await;
    let state = server_state(&server, &folder);
    assert_eq!((state.module.as_str(), state.slide, state.ended, state.poll.is_none()), (MODULE, 1, false, true));

    p1.step("participant 1 opens the join link");
    p1.goto(&link).await;
    p1.wait_live("live", Some(1), Duration::from_secs(10)).await;
    p1.wait_visible("[data-test=live-slide]").await;
    trainer.press('l').await;
    trainer.wait_script("the join overlay to hide", "return [!document.querySelector('[data-test=live-join]'), null];", vec![]).await;

    for n in 2..=6 {
        trainer.step(&format!("the trainer moves to slide {n}; participant 1 follows"));
        trainer.press(Key::Right).await;
        trainer.wait_deck_slide_attr(n).await;
        p1.wait_live("live", Some(n), Duration::from_secs(10)).await;
    }
    p1.screenshot("live-following").await;
    assert_eq!(server_state(&server, &folder).slide, 6);

    p2.step("participant 2 joins late by typing the code on the home page");
    p2.goto("/").await;
    p2.fill("[data-test=live-code-input]", &code.to_lowercase().replace('-', " ")).await;
    p2.click("[data-test=live-join]").await;
    p2.wait_url_ends_with(&format!("/live/{code}")).await;
    p2.wait_live("live", Some(6), Duration::from_secs(10)).await;

    p1.step("participant 1 steps back a slide; the trainer moves on; participant 1 stays until they return");
    p1.click("[data-test=live-prev]").await;
    p1.wait_live("live", Some(5), Duration::from_secs(5)).await;
    p1.wait_visible("[data-test=live-return]").await;
    trainer.press(Key::Right).await;
    trainer.wait_deck_slide_attr(7).await;
    p2.wait_live("live", Some(7), Duration::from_secs(10)).await;
    let seen = p1
        .wait_script("participant 1 to know the trainer is on slide 7",
            "const p = document.querySelector('[data-test=live-page]'); return [p.dataset.liveSlide === '7', p.dataset.liveSlide];", vec![])
        .await;
    assert_eq!(seen, json!("7"));
    assert_eq!(p1.attr(PAGE, "data-slide").await.as_deref(), Some("5"), "participant 1 was pulled along while browsing");
    p1.screenshot("live-browsing-away").await;
    p1.click("[data-test=live-return]").await;
    p1.wait_live("live", Some(7), Duration::from_secs(5)).await;

    let (q, options) = slide_of(QUESTION);
    assert!(options >= 3, "{QUESTION} has {options} options");
    let counts = |pairs: &[(usize, usize)]| {
        let mut c = vec![0; options];
        for &(i, n) in pairs {
            c[i] = n;
        }
        c
    };
    trainer.step(&format!("the trainer jumps to the question on slide {q} and opens a poll with Q"));
    trainer.press_all(&q.to_string()).await;
    trainer.press(Key::Enter).await;
    trainer.wait_deck_slide_attr(q).await;
    p1.wait_live("live", Some(q), Duration::from_secs(10)).await;
    p2.wait_live("live", Some(q), Duration::from_secs(10)).await;
    trainer.press('q').await;
    trainer.wait_visible(&format!("{RESULTS}[data-poll={QUESTION}][data-open=true]")).await;
    wait_counts(&trainer, 0, &counts(&[])).await;

    p1.step("participant 1 sees the poll: axe finds nothing, light and dark");
    p1.wait_visible("[data-test=live-poll]").await;
    p1.assert_axe_clean("live participant with an open poll").await;
    p1.emulate_media(Theme::Dark, false).await;
    p1.assert_axe_clean("live participant with an open poll, dark").await;
    p1.emulate_media(Theme::Light, false).await;
    p1.step("participant 1 answers B without keeping it");
    answer_poll(&p1, 1, false).await;
    p1.screenshot("live-poll-answered").await;
    p2.step("participant 2 answers C and keeps it in their own progress");
    answer_poll(&p2, 2, true).await;
    trainer.step("the projector shows two answers, one each for B and C");
    wait_counts(&trainer, 2, &counts(&[(1, 1), (2, 1)])).await;
    trainer.screenshot("live-poll-result").await;
    trainer.assert_axe_clean("projector with the poll's counts").await;
    let text = trainer.text(RESULTS).await.unwrap_or_default();
    assert!(text.contains("2 answers"), "result text: {text}");
    trainer.step("the presenter window shows the session code and the counts too");
    let projector = trainer.current_window().await;
    trainer.open_window().await;
    trainer.goto(&format!("/presenter/{MODULE}/{q}")).await;
    let line = trainer.wait_text("[data-test=presenter] [data-test=presenter-live][data-answers='2']", &code).await;
    assert!(line.contains("B 1") && line.contains("C 1") && line.contains("2 answers"), "presenter: {line}");
    trainer.switch_to(&projector).await;

    p1.step("participant 1 changes their answer to C: it replaces the old one");
    answer_poll(&p1, 2, false).await;
    wait_counts(&trainer, 2, &counts(&[(2, 2)])).await;

    // What the server holds: one small anonymous file per participant.
    let files = server.live_files(&folder).expect("session folder");
    let answers: Vec<&(String, String)> = files.iter().filter(|(n, _)| n.starts_with("p-")).collect();
    assert_eq!(answers.len(), 2, "answer files: {files:?}");
    for (name, body) in &answers {
        assert!(name.ends_with(&format!("-{QUESTION}.json")) && name.len() == "p-".len() + 16 + 1 + QUESTION.len() + 5, "{name}");
        let v: Value = serde_json::from_str(body).expect("answer JSON");
        let mut keys: Vec<&String> = v.as_object().expect("object").keys().collect();
        keys.sort();
        assert_eq!(keys, ["choice", "poll", "v"], "{name}: {body}");
    }
    for p in [&p1, &p2] {
        if let Some(progress) = p.stored_progress().await {
            let device = progress["device"].as_str().unwrap_or("").to_string();
            assert!(device.is_empty() || files.iter().all(|(n, b)| !n.contains(&device) && !b.contains(&device)), "a device id reached the server");
        }
    }
    p2.wait_stored(&format!("/data/modules/{MODULE}/answers/{QUESTION}")).await;
    let kept = p1.stored_progress().await.and_then(|v| v.pointer(&format!("/data/modules/{MODULE}/answers/{QUESTION}")).cloned());
    assert!(kept.is_none(), "participant 1's poll answer went into their own progress: {kept:?}");

    trainer.step("the trainer closes the poll with Q");
    trainer.press('q').await;
    trainer.wait_visible(&format!("{RESULTS}[data-open=false]")).await;
    wait_counts(&trainer, 2, &counts(&[(2, 2)])).await;
    for p in [&p1, &p2] {
        p.wait_visible("[data-test=live-poll][data-open=false] [data-test=live-poll-closed]").await;
    }
    let state = server_state(&server, &folder);
    assert_eq!(state.poll.as_ref().map(|p| (p.id.as_str(), p.open)), Some((QUESTION, false)));

    trainer.step("the trainer ends the session");
    trainer.click("[data-test=live-end]").await;
    trainer.wait_visible("[data-test=live-delete]").await;
    for p in [&p1, &p2] {
        let seen = p.wait_live("ended", Some(q), Duration::from_secs(10)).await;
        assert!(seen["message"].as_str().unwrap_or("").contains("ended the session"), "{seen}");
        assert_eq!(seen["content"], json!(true), "the slide stays readable after the end");
    }
    p1.screenshot("live-ended").await;
    assert!(server_state(&server, &folder).ended);
    let gets_before = server.requests().iter().filter(|r| r.contains("state.json")).count();

    trainer.step("the trainer deletes the session files");
    trainer.click("[data-test=live-delete]").await;
    trainer.wait_visible("[data-test=live-deleted]").await;
    assert!(server.live_files(&folder).is_none(), "the session folder is still on disk");
    tokio::time::sleep(Duration::from_secs(4)).await;
    let gets_after = server.requests().iter().filter(|r| r.contains("state.json")).count();
    assert_eq!(gets_before, gets_after, "participants kept reading after the session ended");
    trainer.wait_visible("[data-test=live-start]").await;

    trainer.close().await;
    p1.close().await;
    p2.close().await;
}

#[tokio::test]
async fn wrong_codes_a_lost_server_and_a_damaged_state_file() {
    let mut server = Server::start_with_sync();
    let p = Browser::start_at(Viewport::Phone, server.url()).await;

    p.step("a code nobody uses");
    p.goto("/live/ZZZZ-ZZZZ").await;
    let seen = p.wait_live("no-session", None, Duration::from_secs(10)).await;
    assert!(seen["message"].as_str().unwrap_or("").contains("No live session with this code"), "{seen}");
    p.wait_visible("[data-test=live-join-form]").await;
    p.screenshot("live-wrong-code").await;
    p.step("something that is no code");
    p.goto("/live/hello").await;
    p.wait_visible("[data-test=live-message][data-live-error=bad-code]").await;
    p.fill("[data-test=live-code-input]", "ABC").await;
    p.click("[data-test=live-join]").await;
    p.wait_text("[data-test=live-code-error]", "8 letters").await;

    let trainer = Browser::start_at(Viewport::Projector43, server.url()).await;
    open_deck(&trainer, 1).await;
    let (_, link, folder) = start_session(&trainer).await;
    trainer.press('l').await;
    p.goto(&link).await;
    p.wait_live("live", Some(1), Duration::from_secs(10)).await;
    for n in 2..=3 {
        trainer.press(Key::Right).await;
        trainer.wait_deck_slide_attr(n).await;
    }
    p.wait_live("live", Some(3), Duration::from_secs(10)).await;

    p.step("nginx stops: the participant keeps the slide and says the connection is lost");
    server.stop();
    let seen = p.wait_live("lost", Some(3), Duration::from_secs(15)).await;
    assert!(seen["message"].as_str().unwrap_or("").contains("Connection lost"), "{seen}");
    assert_eq!(seen["content"], json!(true), "the slide stays while the server is away");
    p.screenshot("live-connection-lost").await;
    trainer.press(Key::Right).await;
    trainer.wait_deck_slide_attr(4).await;
    trainer.wait_visible("[data-test=live-error]").await;

    p.step("nginx starts again: trainer and participant recover on their own");
    server.start();
    p.wait_live("live", Some(4), RECOVERY).await;
    trainer.wait_script_within("the trainer's status to be live again", RECOVERY,
        "const c = document.querySelector('[data-test=live-controls]'); return [c && c.dataset.liveTrainer === 'live', c && c.dataset.liveTrainer];", vec![]).await;

    p.step("a damaged state file: the participant keeps the slide and recovers with the next good one");
    server.write_live_file(&folder, "state.json", b"{\"v\":1,\"slide\":\"seven\"");
    let seen = p.wait_live("unreadable", Some(4), Duration::from_secs(10)).await;
    assert!(seen["message"].as_str().unwrap_or("").contains("cannot be followed"), "{seen}");
    server.write_live_file(&folder, "state.json", br#"{"v":9,"module":"x"}"#);
    p.wait_text("[data-test=live-message]", "newer version").await;
    p.wait_live("unreadable", Some(4), Duration::from_secs(1)).await;
    trainer.press(Key::Right).await;
    trainer.wait_deck_slide_attr(5).await;
    p.wait_live("live", Some(5), RECOVERY).await;

    trainer.close().await;
    p.close().await;
}

/// Latency from the trainer's key press to a participant's slide change
/// (median of 20, timed in the pages with the shared clock of this
/// machine), and the participant's requests per minute while nothing
/// changes (from nginx's access log).
#[tokio::test]
async fn latency_and_idle_requests_are_measured() {
    let server = Server::start_with_sync();
    let trainer = Browser::start_at(Viewport::Desktop, server.url()).await;
    let p = Browser::start_at(Viewport::Phone, server.url()).await;
    open_deck(&trainer, 1).await;
    let (_, link, _) = start_session(&trainer).await;
    trainer.press('l').await;
    p.goto(&link).await;
    p.wait_live("live", Some(1), Duration::from_secs(10)).await;

    trainer.js("window.__keys = []; window.addEventListener('keydown', () => window.__keys.push(Date.now()), true);", vec![]).await;
    p.js("window.__changes = [];
          const page = document.querySelector('[data-test=live-page]');
          new MutationObserver(() => window.__changes.push([Number(page.dataset.slide), Date.now()]))
              .observe(page, { attributes: true, attributeFilter: ['data-slide'] });", vec![]).await;
    const CHANGES: usize = 20;
    // Ten slides forward, ten back (the module has fewer than 21 slides).
    let targets: Vec<usize> = (1..=CHANGES).map(|i| if i <= 10 { 1 + i } else { 21 - i }).collect();
    for (i, &target) in targets.iter().enumerate() {
        // Presses fall at different points of the participant's polling cycle.
        tokio::time::sleep(Duration::from_millis(((i as u64 + 1) * 373) % 1500)).await;
        trainer.press(if i < 10 { Key::Right } else { Key::Left }).await;
        trainer.wait_deck_slide_attr(target).await;
        p.wait_live("live", Some(target), Duration::from_secs(10)).await;
    }
    let keys = trainer.js("return window.__keys;", vec![]).await;
    let changes = p.js("return window.__changes;", vec![]).await;
    let keys: Vec<f64> = keys.as_array().unwrap().iter().filter_map(Value::as_f64).collect();
    assert_eq!(keys.len(), CHANGES, "key presses recorded: {keys:?}");
    let changes: Vec<(u64, f64)> = changes.as_array().unwrap().iter()
        .map(|c| (c[0].as_u64().unwrap_or(0), c[1].as_f64().unwrap_or(0.0)))
        .collect();
    let mut latencies: Vec<f64> = targets
        .iter()
        .zip(&keys)
        .map(|(&target, &pressed)| {
            let seen = changes.iter().find(|(slide, at)| *slide == target as u64 && *at >= pressed)
                .unwrap_or_else(|| panic!("no change to slide {target} after the key press recorded: {changes:?}"));
            seen.1 - pressed
        })
        .collect();
    latencies.sort_by(|a, b| a.total_cmp(b));
    let median = (latencies[CHANGES / 2 - 1] + latencies[CHANGES / 2]) / 2.0;
    eprintln!(
        "live latency, trainer key press to participant slide change: median {median:.0} ms over {CHANGES} changes (min {:.0} ms, max {:.0} ms)",
        latencies[0],
        latencies[CHANGES - 1]
    );
    assert!(median < 2_500.0, "median latency {median} ms");

    p.step("nothing changes for 30 s: count the participant's requests");
    let count = |server: &Server| server.requests().iter().filter(|r| r.contains("/sync/live/")).count();
    let before = count(&server);
    let start = Instant::now();
    tokio::time::sleep(Duration::from_secs(30)).await;
    let requests = count(&server) - before;
    let per_minute = requests as f64 * 60.0 / start.elapsed().as_secs_f64();
    eprintln!("live idle: {requests} requests in {:.1} s = {per_minute:.1} requests per minute per participant (visible tab)", start.elapsed().as_secs_f64());
    let idle: Vec<(String, u16)> = server.responses().into_iter().filter(|(r, _)| r.contains("/sync/live/")).rev().take(requests).collect();
    let not_modified = idle.iter().filter(|(_, status)| *status == 304).count();
    eprintln!("live idle: {not_modified} of {requests} answered 304 Not Modified");
    assert!(idle.iter().all(|(r, _)| r.starts_with("GET ") && r.contains("/state.json")), "idle requests other than reading state.json: {idle:?}");
    assert!(not_modified + 1 >= requests, "idle reads are conditional: {idle:?}");
    assert!((20.0..=60.0).contains(&per_minute), "{per_minute} requests per minute while idle");

    p.step("the page is hidden (another tab, a locked phone): the participant reads less often");
    p.js("Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
          Object.defineProperty(document, 'hidden', { value: true, configurable: true });
          document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));", vec![]).await;
    // The read already planned at the visible interval comes first.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let before = count(&server);
    let start = Instant::now();
    tokio::time::sleep(Duration::from_secs(30)).await;
    let hidden = count(&server) - before;
    let hidden_per_minute = hidden as f64 * 60.0 / start.elapsed().as_secs_f64();
    eprintln!("live hidden: {hidden} requests in {:.1} s = {hidden_per_minute:.1} requests per minute per participant (hidden tab)", start.elapsed().as_secs_f64());
    assert!(hidden_per_minute <= 10.0, "{hidden_per_minute} requests per minute while hidden");

    p.step("shown again: the participant reads at once and follows the trainer");
    trainer.press(Key::Right).await;
    trainer.wait_deck_slide_attr(2).await;
    p.js("delete document.visibilityState; delete document.hidden;
          document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));", vec![]).await;
    p.wait_live("live", Some(2), Duration::from_secs(3)).await;

    trainer.close().await;
    p.close().await;
}

/// Makes `lang` the app's language for the next page loaded in `b`.
async fn use_language(b: &Browser, lang: &str) {
    b.goto("/").await;
    b.js("localStorage.setItem('mtd-learn.language', arguments[0]);", vec![json!(lang)]).await;
}

/// German and Danish words are longer: the participant's page, with an
/// open poll, away from the trainer's slide and after the end, fits a
/// phone, and speaks the participant's language; so do the trainer's
/// controls and the poll result on the projector.
#[tokio::test]
async fn german_and_danish_live_pages_fit_a_phone() {
    let server = Server::start_with_sync();
    let trainer = Browser::start_at(Viewport::Desktop, server.url()).await;
    let p = Browser::start_at(Viewport::Phone, server.url()).await;
    let (q, _) = slide_of(QUESTION);
    for (lang, poll_label, send, end_button, ended) in [
        ("de", "Live-Umfrage", "Antwort senden", "Sitzung beenden", "Seminarleitung hat die Sitzung beendet"),
        ("da", "Liveafstemning", "Send svar", "Afslut sessionen", "Underviseren har afsluttet sessionen"),
    ] {
        trainer.step(&format!("a live session in {lang}"));
        use_language(&trainer, lang).await;
        use_language(&p, lang).await;
        open_deck(&trainer, q).await;
        let (_, link, _) = start_session(&trainer).await;
        trainer.screenshot(&format!("live-join-{lang}")).await;
        trainer.press('l').await;
        trainer.press('q').await;
        trainer.wait_visible(&format!("{RESULTS}[data-poll={QUESTION}][data-open=true]")).await;
        trainer.wait_text("[data-test=live-end]", end_button).await;
        trainer.wait_text(RESULTS, poll_label).await;
        trainer.screenshot(&format!("live-poll-result-{lang}")).await;

        p.step(&format!("the participant's page in {lang}, with the open poll"));
        p.goto(&link).await;
        p.wait_live("live", Some(q), Duration::from_secs(10)).await;
        p.wait_text("[data-test=live-poll] [data-test=live-send]", send).await;
        p.wait_loaded().await;
        p.assert_no_horizontal_scroll(&format!("live poll ({lang})")).await;
        p.js("document.querySelector('[data-test=live-poll]').scrollIntoView({ block: 'end' });", vec![]).await;
        p.screenshot(&format!("live-poll-{lang}")).await;

        p.step(&format!("browsing away from the trainer's slide in {lang}"));
        p.click("[data-test=live-prev]").await;
        p.wait_visible("[data-test=live-return]").await;
        p.assert_no_horizontal_scroll(&format!("live page away from the trainer ({lang})")).await;
        p.js("document.querySelector('.live-nav').scrollIntoView({ block: 'end' });", vec![]).await;
        p.screenshot(&format!("live-browsing-away-{lang}")).await;

        trainer.step(&format!("the trainer ends the session in {lang}"));
        trainer.click("[data-test=live-end]").await;
        trainer.wait_visible("[data-test=live-delete]").await;
        let seen = p.wait_live("ended", None, Duration::from_secs(10)).await;
        assert!(seen["message"].as_str().unwrap_or("").contains(ended), "{seen}");
        p.assert_no_horizontal_scroll(&format!("live page after the end ({lang})")).await;
        p.js("window.scrollTo(0, 0);", vec![]).await;
        p.screenshot(&format!("live-ended-{lang}")).await;
        trainer.click("[data-test=live-delete]").await;
        trainer.wait_visible("[data-test=live-deleted]").await;
    }
    trainer.close().await;
    p.close().await;
}
