//! Presentation mode: the projector deck (`/present/<module>/<n>`), the
//! presenter window (`/presenter/<module>/<n>`) and the handout
//! (`/handout/<module>`).
//!
//! Keys are real WebDriver key presses, except in the sweep through every
//! slide of the pack, which dispatches `keydown` on window in the page to stay
//! fast (the deck listens there). A slide "fits" when
//! `[data-test=slide-content]` does not overflow (scrollHeight <=
//! clientHeight + 1, scrollWidth <= clientWidth + 1) and lies inside the
//! viewport; see tests/e2e/src/present.rs. Run with `--test-threads=1`
//! against the release build served by nginx (MTD_BASE_URL).

use std::path::PathBuf;

use mtd_e2e::fantoccini::key::Key;
use mtd_e2e::fantoccini::wd::WindowHandle;
use mtd_e2e::fantoccini::Locator;
use mtd_e2e::{Browser, Viewport};
use serde_json::{json, Value};

const MODULE: &str = "family-dynamics";
const DECK: &str = "[data-test=deck]";
const SLIDE: &str = "[data-test=deck] [data-test=slide]";
const OVERVIEW: &str = "nav[data-test=overview]";
const OVERVIEW_SLIDE: &str = "nav[data-test=overview] button[data-test=overview-slide]";
const BLACK: &str = "[data-test=black]";
const JUMP: &str = "[data-test=jump]";
const PRESENTER: &str = "[data-test=presenter]";
const PRESENTER_COUNTER: &str = "[data-test=presenter] [data-test=presenter-counter]";
const NOTES: &str = "[data-test=presenter] [data-test=notes]";
/// The question answered in the learning view; the first question of the deck.
const QUESTION_ID: &str = "fd-q-rules";
const Q_LEARN: &str = "fieldset[data-test=question][data-id=fd-q-rules]";
const REFLECTION_TEXT: &str = "section[data-test=reflection][data-id=fd-reflect] textarea";
/// What the learner writes; none of it may reach the deck.
const PRIVATE_REFLECTION: &str = "Private reflection 4711 about the Meier family";
const PRIVATE_NAME: &str = "Alexandra Testperson-Quill";

fn present(module: &str, n: usize) -> String {
    format!("/present/{module}/{n}")
}

// -- the course -------------------------------------------------------------------

/// Every entry id of public/content/course.json, in order (modules, the
/// assessment and the reference pages).
fn course_ids() -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../public/content/course.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("could not read {}: {e}", path.display()));
    let course: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    let ids: Vec<String> = course["modules"]
        .as_array()
        .unwrap_or_else(|| panic!("{} has no \"modules\" array", path.display()))
        .iter()
        .map(|m| {
            m["id"]
                .as_str()
                .unwrap_or_else(|| panic!("a course entry without an id: {m}"))
                .to_string()
        })
        .collect();
    assert!(!ids.is_empty(), "{} lists no entries", path.display());
    ids
}

// -- small helpers ----------------------------------------------------------------

/// Opens `/present/<module>/<n>`, waits for the deck and the web fonts, and
/// returns the total read from the counter.
async fn open_deck(b: &Browser, module: &str, n: usize) -> usize {
    b.goto(&present(module, n)).await;
    b.wait_visible(DECK).await;
    b.wait_js("document.fonts.status === 'loaded'").await;
    let (_, total) = b.deck_counter().await;
    b.wait_deck_slide(module, n.min(total), total).await;
    total
}

/// Waits until no element matches `selector`.
async fn wait_gone(b: &Browser, selector: &str) {
    b.wait_script(
        &format!("no element `{selector}`"),
        "const n = document.querySelectorAll(arguments[0]).length;
         return [n === 0, n + ' element(s) still match'];",
        vec![json!(selector)],
    )
    .await;
}

/// Presses `key` in the deck and waits until slide `n` shows and fits.
async fn key_to(b: &Browser, key: impl Into<char>, n: usize, total: usize) -> Value {
    b.press(key).await;
    b.wait_deck_slide(MODULE, n, total).await
}

/// Waits until the slide on the projector has a question that is (not)
/// revealed; returns its `data-id`.
async fn wait_question_revealed(b: &Browser, frame: &str, revealed: bool) -> String {
    let v = b
        .wait_script(
            &format!(
                "a question in `{frame}` {}",
                if revealed {
                    "with its answer revealed (`[data-test=revealed]`, no reveal hint)"
                } else {
                    "with its answer hidden (`[data-test=reveal-hint]`, no `[data-test=revealed]`)"
                }
            ),
            "const q = document.querySelector(arguments[0] + ' [data-test=slide-question]');
             if (!q) return [false, 'no [data-test=slide-question] in the frame'];
             const shown = q.querySelectorAll('[data-test=revealed]').length;
             const hint = q.querySelectorAll('[data-test=reveal-hint]').length;
             const ok = arguments[1] ? (shown > 0 && hint === 0) : (shown === 0 && hint > 0);
             return [ok, ok ? q.getAttribute('data-id')
                 : 'revealed ' + shown + ', reveal hints ' + hint + ', text ' + JSON.stringify(q.innerText.slice(0, 300))];",
            vec![json!(frame), json!(revealed)],
        )
        .await;
    v.as_str().unwrap_or_default().to_string()
}

/// Waits until the presenter's counter reads "Slide n of …"; returns the
/// notes text.
async fn wait_presenter_slide(b: &Browser, n: usize, total: usize) -> String {
    b.wait_text(PRESENTER_COUNTER, &format!("Slide {n} of {total}"))
        .await;
    let v = b
        .wait_script(
            &format!("the presenter to show slide {n} of {total} with its notes"),
            "const c = document.querySelector(arguments[0]);
             const notes = document.querySelector(arguments[1]);
             const t = c ? c.innerText.trim() : '(no counter)';
             const nt = notes ? notes.innerText.trim() : '';
             return [t === arguments[2] && nt.length > 0,
                 t === arguments[2] ? nt : 'counter ' + JSON.stringify(t)];",
            vec![
                json!(PRESENTER_COUNTER),
                json!(NOTES),
                json!(format!("Slide {n} of {total}")),
            ],
        )
        .await;
    v.as_str().unwrap_or_default().to_string()
}

/// Listens on the deck's BroadcastChannel in the current page, counting the
/// messages of every window of this session (the page's own deck included).
async fn spy_channel(b: &Browser, module: &str) {
    b.js(
        "if (!window.__mtdSpy) {
             const spy = { count: 0, at: performance.now(), last: [] };
             const ch = new BroadcastChannel('mtd-learn.present.' + arguments[0]);
             ch.onmessage = (e) => {
                 spy.count += 1; spy.at = performance.now();
                 spy.last.push(String(e.data)); if (spy.last.length > 8) spy.last.shift();
             };
             spy.channel = ch;
             window.__mtdSpy = spy;
         }",
        vec![json!(module)],
    )
    .await;
}

/// Waits until the windows stop talking: no channel message for `quiet_ms`.
/// Fails when they keep sending (two windows undoing each other's slide).
async fn wait_channel_quiet(b: &Browser, quiet_ms: u64) -> u64 {
    let v = b
        .wait_script(
            &format!("the presentation channel to be quiet for {quiet_ms} ms (windows settled)"),
            "const s = window.__mtdSpy;
             if (!s) return [false, 'no spy installed'];
             const idle = performance.now() - s.at;
             return [idle >= arguments[0], idle >= arguments[0] ? s.count
                 : s.count + ' message(s) so far, last ' + Math.round(idle)
                   + ' ms ago; latest: ' + JSON.stringify(s.last)];",
            vec![json!(quiet_ms)],
        )
        .await;
    v.as_u64().unwrap_or(0)
}

/// After `what` (a reload), waits until the channel is quiet (the spy runs
/// in the window that was not reloaded, which must be current), then fails
/// unless both windows show slide `k`; the message names what each shows.
async fn check_both_on(
    b: &Browser,
    projector: &WindowHandle,
    presenter: &WindowHandle,
    k: usize,
    total: usize,
    what: &str,
) {
    let messages = wait_channel_quiet(b, 500).await;
    let latest = b
        .js(
            "return window.__mtdSpy ? window.__mtdSpy.last : [];",
            vec![],
        )
        .await;
    b.switch_to(projector).await;
    let deck = b.slide_fit().await;
    b.switch_to(presenter).await;
    let pres = b.text(PRESENTER_COUNTER).await.unwrap_or_default();
    let pres_url = b.current_url().await;
    b.check(
        deck["slide"] == json!(k) && pres.trim() == format!("Slide {k} of {total}"),
        &format!(
            "after {what}: expected both windows on slide {k}; the projector shows slide {} ({}), the presenter {pres:?} (its address {pres_url}); {messages} channel message(s) until quiet, latest {latest}",
            deck["slide"], deck["path"]
        ),
    )
    .await;
    wait_presenter_slide(b, k, total).await;
    b.switch_to(projector).await;
    b.wait_deck_slide(MODULE, k, total).await;
    eprintln!("after {what}: both on slide {k}; {messages} channel message(s)");
}

/// Types `text` into the first element matching `selector`.
async fn type_into(b: &Browser, selector: &str, text: &str) {
    b.wait_visible(selector).await;
    let el = match b.client.find(Locator::Css(selector)).await {
        Ok(el) => el,
        Err(e) => b.fail(&format!("could not find `{selector}`: {e}")).await,
    };
    if let Err(e) = el.send_keys(text).await {
        b.fail(&format!("could not type into `{selector}`: {e}"))
            .await;
    }
}

/// One line for a failed slide measurement.
fn describe(module: &str, m: &Value) -> String {
    format!(
        "{module} slide {}{}: {} (scrollHeight/clientHeight {}/{}, scrollWidth/clientWidth {}/{}, box [{},{} – {},{}], --fit {}, font-size {})",
        m["want"].as_u64().map(|n| n.to_string()).unwrap_or_else(|| m["slide"].to_string()),
        if m["revealedStep"] == json!(true) { " (answer revealed)" } else { "" },
        m["problem"].as_str().unwrap_or("?"),
        m["sh"], m["ch"], m["sw"], m["cw"], m["left"], m["top"], m["right"], m["bottom"],
        m["fit"].as_str().unwrap_or("?"),
        m["fontSize"].as_str().unwrap_or("?"),
    )
}

// -- 1. keys through a whole module ------------------------------------------------

async fn keyboard_through_a_whole_module(vp: Viewport) {
    let b = Browser::start(vp).await;

    b.step("open the first slide");
    let total = open_deck(&b, MODULE, 1).await;
    eprintln!("[{vp}] {MODULE}: {total} slides");
    b.check(
        total >= 6,
        &format!("{MODULE} has {total} slides; the test needs at least 6"),
    )
    .await;

    b.step("ArrowRight / PageDown / Space alternately to the last slide");
    let forward: [(char, &str); 3] = [
        (Key::Right.into(), "ArrowRight"),
        (Key::PageDown.into(), "PageDown"),
        (Key::Space.into(), "Space"),
    ];
    let mut smallest_fit = (f64::MAX, 1usize);
    for n in 2..=total {
        let (key, name) = forward[(n - 2) % forward.len()];
        b.step(&format!("{name}: slide {} -> {n} of {total}", n - 1));
        let m = key_to(&b, key, n, total).await;
        let fit = m["fit"]
            .as_str()
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(1.0);
        if fit < smallest_fit.0 {
            smallest_fit = (fit, n);
        }
    }
    b.wait_text("[data-test=counter]", &format!("{total} / {total}"))
        .await;
    eprintln!(
        "[{vp}] smallest type scale --fit {} on slide {}",
        smallest_fit.0, smallest_fit.1
    );

    b.step("past the end: ArrowRight stays on the last slide (ArrowLeft then shows total-1)");
    b.press(Key::Right).await;
    key_to(&b, Key::Left, total - 1, total).await;

    b.step("back: PageUp, Backspace, ArrowUp; forward: ArrowDown");
    key_to(&b, Key::PageUp, total - 2, total).await;
    key_to(&b, Key::Backspace, total - 3, total).await;
    key_to(&b, Key::Up, total - 4, total).await;
    key_to(&b, Key::Down, total - 3, total).await;

    b.step("Home -> 1; ArrowLeft stays on 1 (ArrowRight then shows 2); End -> last");
    key_to(&b, Key::Home, 1, total).await;
    b.press(Key::Left).await;
    key_to(&b, Key::Right, 2, total).await;
    key_to(&b, Key::End, total, total).await;

    b.step("type 5: the jump prompt shows; Enter jumps to slide 5");
    b.press('5').await;
    b.wait_text(JUMP, "5").await;
    key_to(&b, Key::Enter, 5, total).await;
    wait_gone(&b, JUMP).await;
    b.wait_url_ends_with(&present(MODULE, 5)).await;

    b.step("reload: still slide 5");
    b.refresh().await;
    b.wait_visible(DECK).await;
    b.wait_deck_slide(MODULE, 5, total).await;

    b.step("Escape opens the overview with every slide, the current one marked");
    b.press(Key::Escape).await;
    b.wait_visible(OVERVIEW).await;
    b.wait_count(OVERVIEW_SLIDE, total).await;
    let v = b
        .js(
            "const all = Array.from(document.querySelectorAll(arguments[0]));
             return [all.length, all.map((e, i) => e.classList.contains('current') ? i + 1 : 0).filter(x => x),
                 all.map(e => (e.querySelector('.deck-overview__number') || e).innerText.trim().split(/\\s/)[0])];",
            vec![json!(OVERVIEW_SLIDE)],
        )
        .await;
    b.check(
        v[0] == json!(total) && v[1] == json!([5]),
        &format!("overview: expected {total} slides with slide 5 marked current; found {} slides, current {}", v[0], v[1]),
    )
    .await;
    let numbers: Vec<String> = (1..=total).map(|n| n.to_string()).collect();
    b.check(
        v[2] == json!(numbers),
        &format!(
            "overview: expected the slides numbered 1..{total} in order, found {}",
            v[2]
        ),
    )
    .await;

    b.step("click overview slide 3: slide 3 shows and the overview closes");
    b.click_nth(OVERVIEW_SLIDE, 2, None).await;
    b.wait_deck_slide(MODULE, 3, total).await;
    wait_gone(&b, OVERVIEW).await;

    b.step("O opens the overview too, O closes it");
    b.press('o').await;
    b.wait_visible(OVERVIEW).await;
    b.press('o').await;
    wait_gone(&b, OVERVIEW).await;

    b.step("B blanks the screen, B shows the slide again; '.' does the same");
    b.press('b').await;
    b.wait_visible(BLACK).await;
    let covers = b
        .js(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect();
             return r.left <= 0 && r.top <= 0 && r.right >= innerWidth && r.bottom >= innerHeight;",
            vec![json!(BLACK)],
        )
        .await;
    b.check(
        covers == json!(true),
        "the black screen does not cover the viewport",
    )
    .await;
    b.press('b').await;
    wait_gone(&b, BLACK).await;
    b.press('.').await;
    b.wait_visible(BLACK).await;
    b.press('.').await;
    wait_gone(&b, BLACK).await;
    b.wait_deck_slide(MODULE, 3, total).await;

    b.close().await;
}

#[tokio::test]
async fn keyboard_through_a_whole_module_desktop() {
    keyboard_through_a_whole_module(Viewport::Desktop).await;
}

#[tokio::test]
async fn keyboard_through_a_whole_module_projector_4x3() {
    keyboard_through_a_whole_module(Viewport::Projector43).await;
}

// -- 2. questions reveal only on the trainer's key; no personal data ------------

#[tokio::test]
async fn questions_reveal_only_on_the_trainers_key() {
    let b = Browser::start(Viewport::Desktop).await;

    b.step("the learner answers fd-q-rules in the learning view");
    b.goto(&format!("/m/{MODULE}/rules")).await;
    b.wait_visible(Q_LEARN).await;
    b.click_nth(
        &format!("{Q_LEARN} label input"),
        1,
        Some(&format!("{Q_LEARN} label:has(input)")),
    )
    .await;
    b.click(&format!("{Q_LEARN} button[data-test=check]")).await;
    b.wait_visible(&format!("{Q_LEARN} [data-test=result]"))
        .await;
    let result = b
        .text(&format!("{Q_LEARN} [data-test=result]"))
        .await
        .unwrap_or_default();
    let first_word = result.split_whitespace().next().unwrap_or("").to_string();
    b.wait_stored(&format!("/data/modules/{MODULE}/answers/{QUESTION_ID}"))
        .await;
    eprintln!("learning view result: {result:?}");

    b.step("the learner writes a reflection and enters a name for the certificate");
    b.goto(&format!("/m/{MODULE}/apply")).await;
    type_into(&b, REFLECTION_TEXT, PRIVATE_REFLECTION).await;
    b.wait_storage_contains(mtd_e2e::PROGRESS_KEY, PRIVATE_REFLECTION)
        .await;
    b.goto("/certificate").await;
    type_into(&b, "input[data-test=cert-name]", PRIVATE_NAME).await;
    b.wait_storage_contains("mtd-learn.name", PRIVATE_NAME)
        .await;

    b.step("the deck: step forward to the first question slide");
    let total = open_deck(&b, MODULE, 1).await;
    let mut n = 1;
    loop {
        let m = b.slide_fit().await;
        if m["question"].as_u64().unwrap_or(0) > 0 {
            break;
        }
        b.check(
            n < total,
            &format!("no slide of {MODULE} has a `[data-test=slide-question]`"),
        )
        .await;
        n += 1;
        key_to(&b, Key::Right, n, total).await;
    }
    let qid = wait_question_revealed(&b, SLIDE, false).await;
    eprintln!("first question slide: {n} ({qid})");
    b.check(
        qid == QUESTION_ID,
        &format!("the first question of the deck is {qid:?} on slide {n}; expected {QUESTION_ID:?}, the question answered in the learning view (did the content change?)"),
    )
    .await;
    b.wait_visible(&format!("{SLIDE} [data-test=reveal-hint]"))
        .await;
    b.screenshot("present-question").await;

    b.step("the question slide shows nothing of the learner's answer");
    let v = b
        .js(
            "const deck = document.querySelector(arguments[0]);
             const slide = document.querySelector(arguments[1]);
             return [slide.innerText, deck.querySelectorAll('input, textarea, select').length,
                 deck.querySelectorAll('input:checked, [aria-checked=true], [aria-pressed=true], .selected, .is-selected').length];",
            vec![json!(DECK), json!(SLIDE)],
        )
        .await;
    let text = v[0].as_str().unwrap_or_default().to_string();
    let mut leaks: Vec<&str> = [
        "Correct",
        "Your choice",
        "Partly right",
        "Not quite",
        "Read why",
    ]
    .into_iter()
    .filter(|w| text.contains(w))
    .collect();
    if !first_word.is_empty() && text.contains(first_word.as_str()) {
        leaks.push(first_word.as_str());
    }
    b.check(
        leaks.is_empty(),
        &format!("the unrevealed question slide shows {leaks:?} (the learning view said {result:?}); slide text: {text:?}"),
    )
    .await;
    b.check(
        v[1] == json!(0) && v[2] == json!(0),
        &format!(
            "the deck has {} form control(s) and {} checked/selected element(s); expected none",
            v[1], v[2]
        ),
    )
    .await;

    b.step("R reveals the answer; the revealed slide still fits");
    b.press('r').await;
    wait_question_revealed(&b, SLIDE, true).await;
    let m = b.wait_deck_slide(MODULE, n, total).await;
    b.check(
        m["revealed"].as_u64().unwrap_or(0) > 0,
        &format!("after R, the measured slide has no `[data-test=revealed]`: {m}"),
    )
    .await;
    b.screenshot("present-question-revealed").await;

    b.step("ArrowRight then ArrowLeft: the answer is hidden again");
    key_to(&b, Key::Right, n + 1, total).await;
    key_to(&b, Key::Left, n, total).await;
    wait_question_revealed(&b, SLIDE, false).await;

    b.step("every slide of the deck: no name, no reflection, no result, no form control");
    key_to(&b, Key::Home, 1, total).await;
    let slides = b.sweep_deck_text(total).await;
    let mut problems = Vec::new();
    for m in &slides {
        let t = m["text"].as_str().unwrap_or_default();
        for needle in [
            PRIVATE_NAME,
            PRIVATE_REFLECTION,
            "Your choice",
            "Partly right",
            "Not quite",
        ] {
            if t.contains(needle) {
                problems.push(format!("slide {}: shows {needle:?}", m["slide"]));
            }
        }
        if m["inputs"].as_u64().unwrap_or(0) > 0 {
            problems.push(format!(
                "slide {}: {} form control(s)",
                m["slide"], m["inputs"]
            ));
        }
    }
    b.check(
        slides.len() == total,
        &format!("the sweep measured {} of {total} slides", slides.len()),
    )
    .await;
    b.check(
        problems.is_empty(),
        &format!("personal data in the deck:\n  {}", problems.join("\n  ")),
    )
    .await;

    b.step("the handout shows no personal data either");
    b.goto(&format!("/handout/{MODULE}")).await;
    b.wait_count(
        "[data-test=handout] article[data-test=handout-slide]",
        total,
    )
    .await;
    let v = b
        .js(
            "const h = document.querySelector('[data-test=handout]');
             return [h.innerText, h.querySelectorAll('input, textarea, select').length];",
            vec![],
        )
        .await;
    let text = v[0].as_str().unwrap_or_default();
    let leaks: Vec<&str> = [
        PRIVATE_NAME,
        PRIVATE_REFLECTION,
        "Your choice",
        "Partly right",
        "Not quite",
    ]
    .into_iter()
    .filter(|w| text.contains(w))
    .collect();
    b.check(
        leaks.is_empty() && v[1] == json!(0),
        &format!(
            "the handout shows {leaks:?} and has {} form control(s)",
            v[1]
        ),
    )
    .await;

    b.close().await;
}

// -- 3. presenter and projector in step ------------------------------------------

#[tokio::test]
async fn presenter_follows_and_drives_the_projector() {
    let b = Browser::start(Viewport::Desktop).await;

    b.step("projector at slide 2");
    let total = open_deck(&b, MODULE, 2).await;
    let projector = b.current_window().await;

    b.step("presenter window at slide 2");
    let presenter = b.open_window().await;
    b.goto(&format!("/presenter/{MODULE}/2")).await;
    b.wait_visible(PRESENTER).await;
    let notes2 = wait_presenter_slide(&b, 2, total).await;
    b.wait_visible("[data-test=presenter] [data-test=elapsed]")
        .await;
    b.wait_visible("[data-test=presenter] [data-test=clock]")
        .await;
    b.wait_visible("[data-test=presenter] [data-test=presenter-current] [data-test=slide-content]")
        .await;
    b.wait_js("document.fonts.status === 'loaded'").await;
    b.screenshot("presenter").await;

    b.step("ArrowRight in the presenter: the projector shows slide 3");
    b.press(Key::Right).await;
    let notes3 = wait_presenter_slide(&b, 3, total).await;
    b.check(
        notes3 != notes2,
        &format!("the presenter's notes did not change from slide 2 to 3: {notes3:?}"),
    )
    .await;
    b.switch_to(&projector).await;
    b.wait_deck_slide(MODULE, 3, total).await;

    b.step("ArrowRight in the projector: the presenter shows slide 4 and its notes");
    b.press(Key::Right).await;
    b.wait_deck_slide(MODULE, 4, total).await;
    b.switch_to(&presenter).await;
    let notes4 = wait_presenter_slide(&b, 4, total).await;
    b.check(
        notes4 != notes3,
        &format!("the presenter's notes did not change from slide 3 to 4: {notes4:?}"),
    )
    .await;

    b.step("the presenter's Next button: both windows move on");
    b.click("[data-test=presenter] button[data-test=presenter-next]")
        .await;
    wait_presenter_slide(&b, 5, total).await;
    b.switch_to(&projector).await;
    b.wait_deck_slide(MODULE, 5, total).await;

    b.step("the presenter goes to the first question slide (Home, then ArrowRight)");
    b.switch_to(&presenter).await;
    b.press(Key::Home).await;
    let mut q = 1;
    wait_presenter_slide(&b, q, total).await;
    while b
        .count("[data-test=presenter] [data-test=presenter-current] [data-test=slide-question]")
        .await
        == 0
    {
        b.check(q < total, &format!("no question slide in {MODULE}"))
            .await;
        q += 1;
        b.press(Key::Right).await;
        wait_presenter_slide(&b, q, total).await;
    }
    b.switch_to(&projector).await;
    b.wait_deck_slide(MODULE, q, total).await;
    wait_question_revealed(&b, SLIDE, false).await;

    b.step("R in the presenter reveals the answer on the projector");
    b.switch_to(&presenter).await;
    b.press('r').await;
    wait_question_revealed(&b, "[data-test=presenter-current]", true).await;
    b.switch_to(&projector).await;
    wait_question_revealed(&b, SLIDE, true).await;
    b.wait_deck_slide(MODULE, q, total).await;

    b.step("the presenter's reveal button hides it again on the projector");
    b.switch_to(&presenter).await;
    b.click("[data-test=presenter] button[data-test=presenter-reveal]")
        .await;
    wait_question_revealed(&b, "[data-test=presenter-current]", false).await;
    b.switch_to(&projector).await;
    wait_question_revealed(&b, SLIDE, false).await;

    b.step("R in the projector reveals it in the presenter");
    b.press('r').await;
    wait_question_revealed(&b, SLIDE, true).await;
    b.switch_to(&presenter).await;
    wait_question_revealed(&b, "[data-test=presenter-current]", true).await;
    b.press('r').await;
    wait_question_revealed(&b, "[data-test=presenter-current]", false).await;
    b.switch_to(&projector).await;
    wait_question_revealed(&b, SLIDE, false).await;

    b.step("screenshots: the overview grid and a text slide on the projector");
    b.switch_to(&projector).await;
    b.press(Key::Escape).await;
    b.wait_visible(OVERVIEW).await;
    b.wait_count(OVERVIEW_SLIDE, total).await;
    b.screenshot("overview").await;
    b.press(Key::Escape).await;
    wait_gone(&b, OVERVIEW).await;
    let m = key_to(&b, Key::Home, 1, total).await;
    b.check(
        m["question"] == json!(0) && m["inputs"] == json!(0),
        &format!("slide 1 was expected to be a text slide: {m}"),
    )
    .await;
    b.screenshot("present-text").await;

    b.step("the presenter moves on (two slides past the question)");
    let k = (q + 2).min(total);
    b.switch_to(&presenter).await;
    wait_presenter_slide(&b, 1, total).await;
    for n in 2..=k {
        b.press(Key::Right).await;
        wait_presenter_slide(&b, n, total).await;
    }
    spy_channel(&b, MODULE).await;
    b.switch_to(&projector).await;
    b.wait_deck_slide(MODULE, k, total).await;

    b.step("reload the projector: it ends on the presenter's slide, and both stay there");
    b.refresh().await;
    b.wait_visible(DECK).await;
    b.deck_counter().await;
    b.switch_to(&presenter).await;
    check_both_on(
        &b,
        &projector,
        &presenter,
        k,
        total,
        "reloading the projector",
    )
    .await;

    b.step("after its reload the projector still drives the presenter");
    b.switch_to(&projector).await;
    key_to(&b, Key::Left, k - 1, total).await;
    b.switch_to(&presenter).await;
    wait_presenter_slide(&b, k - 1, total).await;
    b.switch_to(&projector).await;
    key_to(&b, Key::Right, k, total).await;
    b.switch_to(&presenter).await;
    wait_presenter_slide(&b, k, total).await;

    b.step("reload the presenter: it ends on the projector's slide, and both stay there");
    b.switch_to(&projector).await;
    spy_channel(&b, MODULE).await;
    b.switch_to(&presenter).await;
    b.refresh().await;
    b.wait_visible(PRESENTER).await;
    b.wait_text(PRESENTER_COUNTER, "Slide ").await;
    b.switch_to(&projector).await;
    check_both_on(
        &b,
        &projector,
        &presenter,
        k,
        total,
        "reloading the presenter",
    )
    .await;

    b.close().await;
}

// -- 4. no slide of the pack overflows ------------------------------------------

async fn no_slide_of_any_module_overflows(vp: Viewport) {
    let b = Browser::start(vp).await;
    let ids = course_ids();
    let mut failures: Vec<String> = Vec::new();
    let mut counted = 0usize;
    let mut revealed = 0usize;
    let mut smallest: Option<(f64, String, usize)> = None;
    let mut first_failure: Option<(String, Value)> = None;
    let started = std::time::Instant::now();

    for id in &ids {
        b.step(&format!("every slide of {id}"));
        let total = {
            b.goto(&present(id, 1)).await;
            b.wait_visible(DECK).await;
            b.wait_js("document.fonts.status === 'loaded'").await;
            b.deck_counter().await.1
        };
        let slides = b.sweep_deck(total, true).await;
        let mut seen = std::collections::BTreeSet::new();
        for m in &slides {
            let want = m["want"].as_u64().unwrap_or(0) as usize;
            seen.insert(want);
            if m["revealedStep"] == json!(true) {
                revealed += 1;
            }
            if m["ok"] != json!(true) {
                failures.push(describe(id, m));
                if first_failure.is_none() {
                    first_failure = Some((id.clone(), m.clone()));
                }
            }
            if let Some(f) = m["fit"].as_str().and_then(|f| f.parse::<f64>().ok()) {
                if smallest.as_ref().is_none_or(|s| f < s.0) {
                    smallest = Some((f, id.clone(), want));
                }
            }
        }
        let missing: Vec<usize> = (1..=total).filter(|n| !seen.contains(n)).collect();
        if !missing.is_empty() {
            failures.push(format!(
                "{id}: slides {missing:?} of {total} were not reached"
            ));
        }
        counted += seen.len();
        eprintln!(
            "[{vp}] {id}: {total} slides, {} measurement(s)",
            slides.len()
        );
    }
    eprintln!(
        "[{vp}] measured {counted} slides (+{revealed} revealed question slides) of {} entries in {:?}",
        ids.len(),
        started.elapsed()
    );

    if let Some((fit, id, n)) = &smallest {
        eprintln!("[{vp}] smallest type scale: --fit {fit} on {id} slide {n}");
        b.step(&format!("screenshot the most scaled-down slide ({id} {n})"));
        open_deck(&b, id, *n).await;
        b.screenshot("present-densest").await;
    }
    if let Some((id, m)) = first_failure {
        let n = m["want"].as_u64().unwrap_or(1) as usize;
        b.step(&format!(
            "screenshot the first slide that does not fit ({id} {n})"
        ));
        b.goto(&present(&id, n)).await;
        b.wait_visible(DECK).await;
        b.deck_counter().await;
        if m["revealedStep"] == json!(true) {
            b.press('r').await;
            b.wait_visible(&format!("{SLIDE} [data-test=revealed]"))
                .await;
        }
        b.screenshot("present-overflow").await;
    }

    b.step("report every slide that does not fit");

    b.check(
        failures.is_empty(),
        &format!(
            "{} slide(s) do not fit at {}x{}:\n  {}",
            failures.len(),
            vp.size().0,
            vp.size().1,
            failures.join("\n  ")
        ),
    )
    .await;
    b.close().await;
}

#[tokio::test]
async fn no_slide_of_any_module_overflows_desktop() {
    no_slide_of_any_module_overflows(Viewport::Desktop).await;
}

#[tokio::test]
async fn no_slide_of_any_module_overflows_projector_4x3() {
    no_slide_of_any_module_overflows(Viewport::Projector43).await;
}

// -- 5. the handout ------------------------------------------------------------------

#[tokio::test]
async fn handout_lists_every_slide_with_notes() {
    let b = Browser::start(Viewport::Desktop).await;

    b.step("the deck's total");
    let total = open_deck(&b, MODULE, 1).await;

    b.step("the handout has one article per slide, numbered, each with notes");
    b.goto(&format!("/handout/{MODULE}")).await;
    b.wait_visible("[data-test=handout]").await;
    let articles = "[data-test=handout] article[data-test=handout-slide]";
    b.wait_count(articles, total).await;
    let v = b
        .js(
            "return Array.from(document.querySelectorAll(arguments[0])).map(a => {
                 const num = a.querySelector('.handout__number');
                 const notes = a.querySelector('.handout__notes');
                 return [num ? num.innerText.trim() : null,
                     a.querySelectorAll('[data-test=slide-content]').length,
                     notes ? notes.innerText.trim().length : 0];
             });",
            vec![json!(articles)],
        )
        .await;
    let rows = v.as_array().cloned().unwrap_or_default();
    b.check(
        rows.len() == total,
        &format!("the handout has {} slides, the deck {total}", rows.len()),
    )
    .await;
    let mut problems = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let want = format!("Slide {}", i + 1);
        if r[0] != json!(want) {
            problems.push(format!(
                "article {}: number {} (expected {want:?})",
                i + 1,
                r[0]
            ));
        }
        if r[1] != json!(1) {
            problems.push(format!("article {}: {} slide content(s)", i + 1, r[1]));
        }
        if r[2].as_u64().unwrap_or(0) == 0 {
            problems.push(format!("article {}: no notes", i + 1));
        }
    }
    b.check(
        problems.is_empty(),
        &format!("handout problems:\n  {}", problems.join("\n  ")),
    )
    .await;
    b.wait_js("document.fonts.status === 'loaded'").await;
    b.screenshot("handout").await;

    b.close().await;
}
