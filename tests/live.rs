//! Live sessions: the session code, the state file, answer files, the
//! trainer's aggregate and the timing decisions (docs/live-session.md).
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use mtd_learn::content::{parse_course, parse_module, Block};
use mtd_learn::live::*;
use proptest::prelude::*;

fn state() -> LiveState {
    LiveState {
        module: "family-dynamics".into(),
        lang: "en".into(),
        slide: 4,
        total: 23,
        poll: Some(Poll {
            id: "fd-q-rules".into(),
            kind: PollKind::Choice,
            options: 4,
            open: true,
        }),
        ended: false,
        at: 1_763_830_000_000,
    }
}

fn poll(kind: PollKind, options: usize) -> Poll {
    Poll {
        id: "fd-q-rules".into(),
        kind,
        options,
        open: true,
    }
}

// --- the session code --------------------------------------------------------

proptest! {
    #[test]
    fn a_session_code_reads_back_from_its_display(bytes in any::<[u8; SESSION_CODE_BYTES]>()) {
        let code = SessionCode::from_bytes(bytes);
        let shown = code.to_string();
        prop_assert_eq!(shown.len(), 9);
        prop_assert_eq!(&shown[4..5], "-");
        prop_assert_eq!(SessionCode::parse(&shown), Ok(code));
        prop_assert_eq!(SessionCode::parse(&shown.to_lowercase().replace('-', " ")), Ok(code));
        prop_assert_eq!(SessionCode::parse(&code.folder_name()), Ok(code));
        let folder = code.folder_name();
        prop_assert!(folder.len() == 8 && folder.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_lowercase()));
    }

    #[test]
    fn parsing_never_panics(input in ".{0,20}") {
        let _ = SessionCode::parse(&input);
    }
}

#[test]
fn session_codes_forgive_look_alikes_and_refuse_the_rest() {
    let code = SessionCode::from_bytes([0x12, 0x34, 0x56, 0x78, 0x9a]);
    let shown = code.to_string();
    assert_eq!(SessionCode::parse(&format!("  {}  ", shown.to_lowercase())), Ok(code));
    let zero = SessionCode::from_bytes([0; 5]);
    assert_eq!(zero.to_string(), "0000-0000");
    assert_eq!(SessionCode::parse("oooo-OOOO"), Ok(zero));
    assert_eq!(SessionCode::parse("IIII-LLLL"), SessionCode::parse("1111-1111"));
    assert_eq!(SessionCode::parse("ABCD-EFG"), Err(SessionCodeError::Length { found: 7 }));
    assert_eq!(SessionCode::parse("ABCD-EFGHJ"), Err(SessionCodeError::Length { found: 9 }));
    assert_eq!(SessionCode::parse("ABCD-EFGU"), Err(SessionCodeError::Character('U')));
    assert!(SessionCodeError::Length { found: 3 }.to_string().contains("8 letters"));
    assert_eq!(session_folder("/sync/", &zero), "/sync/live/00000000/");
}

// --- the state file ----------------------------------------------------------------

#[test]
fn the_state_file_has_the_documented_form_and_reads_back() {
    let s = state();
    assert_eq!(
        s.to_json(),
        r#"{"v":1,"module":"family-dynamics","lang":"en","slide":4,"total":23,"poll":{"id":"fd-q-rules","kind":"choice","options":4,"open":true},"ended":false,"at":1763830000000}"#
    );
    assert_eq!(LiveState::parse(&s.to_json()), Ok(s.clone()));
    let plain = LiveState { poll: None, ended: true, ..s };
    assert!(plain.to_json().contains(r#""poll":null,"ended":true"#));
    assert_eq!(LiveState::parse(&plain.to_json()), Ok(plain));
}

fn arb_state() -> impl Strategy<Value = LiveState> {
    (
        1usize..500,
        0usize..500,
        proptest::option::of((
            "[a-z0-9][a-z0-9.-]{0,44}",
            prop_oneof![Just(PollKind::Choice), Just(PollKind::Multiple), Just(PollKind::Likert)],
            1usize..=MAX_OPTIONS,
            any::<bool>(),
        )),
        any::<bool>(),
        any::<u64>(),
    )
        .prop_map(|(total, extra, poll, ended, at)| LiveState {
            module: "family-dynamics".into(),
            lang: "de".into(),
            slide: 1 + extra % total,
            total,
            poll: poll.map(|(id, kind, options, open)| Poll { id, kind, options, open }),
            ended,
            at,
        })
}

proptest! {
    #[test]
    fn every_state_reads_back(s in arb_state()) {
        prop_assert_eq!(LiveState::parse(&s.to_json()), Ok(s));
    }

    #[test]
    fn any_text_is_read_or_refused_without_panic(text in ".{0,300}") {
        let _ = LiveState::parse(&text);
    }
}

#[test]
fn malformed_and_unknown_version_state_files_are_refused() {
    let good = state().to_json();
    let with = |from: &str, to: &str| good.replace(from, to);
    let malformed = [
        "".to_owned(),
        "<!doctype html><html>".to_owned(),
        "null".to_owned(),
        "[]".to_owned(),
        good[..good.len() / 2].to_owned(),
        with(r#""v":1,"#, ""),
        with(r#""v":1"#, r#""v":0"#),
        with(r#""v":1"#, r#""v":"1""#),
        with(r#""slide":4"#, r#""slide":0"#),
        with(r#""slide":4"#, r#""slide":24"#),
        with(r#""slide":4"#, r#""slide":-1"#),
        with(r#""total":23"#, r#""total":0"#),
        with(r#""module":"family-dynamics""#, r#""module":"../etc""#),
        with(r#""lang":"en""#, r#""lang":"EN""#),
        with(r#""kind":"choice""#, r#""kind":"essay""#),
        with(r#""options":4"#, r#""options":0"#),
        with(r#""options":4"#, r#""options":500"#),
        with(r#""id":"fd-q-rules""#, r#""id":"../state""#),
        with(r#""id":"fd-q-rules""#, r#""id":"Q1""#),
        with(r#","ended":false"#, ""),
        with(r#""ended":false"#, r#""ended":"no""#),
    ];
    for text in malformed {
        match LiveState::parse(&text) {
            Err(StateError::Malformed(_)) => {}
            other => panic!("{text:?} gave {other:?}"),
        }
    }
    assert_eq!(
        LiveState::parse(&with(r#""v":1"#, r#""v":2"#)),
        Err(StateError::Newer { version: 2 })
    );
    let huge = format!(r#"{{"v":1,"pad":"{}"}}"#, "x".repeat(MAX_FILE_BYTES));
    assert!(matches!(LiveState::parse(&huge), Err(StateError::TooLarge { .. })));
    // Unknown fields of version 1 are ignored.
    let extra = with(r#""ended":false"#, r#""ended":false,"theme":"dark""#);
    assert_eq!(LiveState::parse(&extra), Ok(state()));
    assert!(StateError::Newer { version: 2 }.to_string().contains("newer version"));
}

// --- answer files ------------------------------------------------------------------------

#[test]
fn answer_file_names_carry_only_the_participant_and_poll() {
    let name = answer_file_name("0123456789abcdef", "fd-q-rules").unwrap();
    assert_eq!(name, "p-0123456789abcdef-fd-q-rules.json");
    assert_eq!(parse_answer_file_name(&name), Some(("0123456789abcdef", "fd-q-rules")));
    assert_eq!(
        parse_answer_file_name("p-0123456789abcdef-fd-selfcheck.3.json"),
        Some(("0123456789abcdef", "fd-selfcheck.3"))
    );
    for bad in ["state.json", "p-0123-fd.json", "p-0123456789ABCDEF-q.json", "p-0123456789abcdef_q.json", "p-0123456789abcdef-.json", "x.json"] {
        assert_eq!(parse_answer_file_name(bad), None, "{bad}");
    }
    assert_eq!(answer_file_name("device-id", "q"), None);
    assert_eq!(answer_file_name("0123456789abcdef", &"q".repeat(46)), None);
    // Every name fits the backend's rule: [0-9a-z._-]{1,64}\.json
    let longest = answer_file_name("0123456789abcdef", &"q".repeat(45)).unwrap();
    let stem = longest.strip_suffix(".json").unwrap();
    assert!(stem.len() <= 64 && stem.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b)));
}

#[test]
fn answers_round_trip_and_must_fit_the_poll() {
    let single = poll(PollKind::Choice, 4);
    let several = poll(PollKind::Multiple, 4);
    let scale = poll(PollKind::Likert, 5);
    let body = PollAnswer::Choice(vec![2]).to_json("fd-q-rules");
    assert_eq!(body, r#"{"choice":[2],"poll":"fd-q-rules","v":1}"#);
    assert_eq!(PollAnswer::parse(&body, &single), Ok(PollAnswer::Choice(vec![2])));
    let body = PollAnswer::Choice(vec![3, 0]).to_json("fd-q-rules");
    assert_eq!(PollAnswer::parse(&body, &several), Ok(PollAnswer::Choice(vec![0, 3])));
    assert_eq!(PollAnswer::parse(&body, &single), Err(AnswerError::Invalid));
    let body = PollAnswer::Value(5).to_json("fd-q-rules");
    assert_eq!(PollAnswer::parse(&body, &scale), Ok(PollAnswer::Value(5)));
    assert_eq!(PollAnswer::parse(&body, &single), Err(AnswerError::Invalid));
    for (text, error) in [
        ("nonsense", AnswerError::NotJson),
        (r#"{"v":2,"poll":"fd-q-rules","choice":[1]}"#, AnswerError::Version),
        (r#"{"v":1,"poll":"other","choice":[1]}"#, AnswerError::OtherPoll),
        (r#"{"v":1,"poll":"fd-q-rules","choice":[4]}"#, AnswerError::Invalid),
        (r#"{"v":1,"poll":"fd-q-rules","choice":[]}"#, AnswerError::Invalid),
        (r#"{"v":1,"poll":"fd-q-rules","choice":["a"]}"#, AnswerError::Invalid),
        (r#"{"v":1,"poll":"fd-q-rules","choice":[1],"value":2}"#, AnswerError::Invalid),
    ] {
        assert_eq!(PollAnswer::parse(text, &single), Err(error), "{text}");
    }
    assert_eq!(PollAnswer::parse(r#"{"v":1,"poll":"fd-q-rules","value":0}"#, &scale), Err(AnswerError::Invalid));
    assert_eq!(PollAnswer::parse(r#"{"v":1,"poll":"fd-q-rules","value":6}"#, &scale), Err(AnswerError::Invalid));
}

// --- the aggregate ---------------------------------------------------------------------------

const T0: &str = "Sun, 22 Nov 2026 17:43:00 GMT";
const T1: &str = "Sun, 22 Nov 2026 17:43:01 GMT";
const T2: &str = "Sun, 22 Nov 2026 17:43:02 GMT";

fn entry(name: &str, mtime: &str, size: u64) -> ListingEntry {
    ListingEntry { name: name.into(), mtime: mtime.into(), size }
}

fn pid(n: u8) -> String {
    format!("{n:016x}")
}

fn file(n: u8, poll: &str) -> String {
    answer_file_name(&pid(n), poll).unwrap()
}

#[test]
fn the_listing_of_nginx_reads_as_files() {
    let text = r#"[
{ "name":"p-00aa-q1.json", "type":"file", "mtime":"Sun, 22 Nov 2026 17:43:00 GMT", "size":13 },
{ "name":"sub", "type":"directory", "mtime":"Sun, 22 Nov 2026 17:43:00 GMT" },
{ "name":"state.json", "type":"file", "mtime":"Sun, 22 Nov 2026 17:43:00 GMT", "size":7 }
]"#;
    let files = parse_listing(text).unwrap();
    assert_eq!(files, vec![entry("p-00aa-q1.json", T0, 13), entry("state.json", T0, 7)]);
    assert_eq!(parse_listing("[]").unwrap(), vec![]);
    assert!(parse_listing("<html>").is_err());
    assert!(parse_listing(r#"{"name":"x"}"#).is_err());
}

#[test]
fn the_aggregate_counts_and_fetches_only_what_changed() {
    let mut agg = Aggregate::new(poll(PollKind::Multiple, 4));
    let a = PollAnswer::Choice(vec![0, 2]).to_json("fd-q-rules");
    let b = PollAnswer::Choice(vec![2]).to_json("fd-q-rules");
    let listing = vec![
        entry("state.json", T0, 120),
        entry(&file(1, "fd-q-rules"), T0, a.len() as u64),
        entry(&file(2, "fd-q-rules"), T0, b.len() as u64),
        entry(&file(3, "other-poll"), T0, 40),
        entry(&file(4, "fd-q-rules"), T0, 9),
        entry("junk.json", T0, 4),
    ];
    let wanted = agg.to_fetch(&listing);
    let names: Vec<_> = wanted.iter().map(|e| e.name.clone()).collect();
    assert_eq!(names, vec![file(1, "fd-q-rules"), file(2, "fd-q-rules"), file(4, "fd-q-rules")]);
    // Listed a second after they were written: settled.
    agg.record(&wanted[0], Some(T1), &a);
    agg.record(&wanted[1], Some(T1), &b);
    agg.record(&wanted[2], Some(T1), "{broken");
    assert_eq!(agg.tally(), Tally { answers: 2, counts: vec![1, 0, 2, 0], ignored: 1 });

    // Nothing changed: nothing to fetch.
    assert!(agg.to_fetch(&listing).is_empty());

    // Participant 2 changes their answer: only that file is fetched, and
    // the new answer replaces the old one.
    let b2 = PollAnswer::Choice(vec![1, 3]).to_json("fd-q-rules");
    let mut listing2 = listing.clone();
    listing2[2] = entry(&file(2, "fd-q-rules"), T2, b2.len() as u64);
    let wanted = agg.to_fetch(&listing2);
    assert_eq!(wanted, vec![listing2[2].clone()]);
    agg.record(&wanted[0], Some("Sun, 22 Nov 2026 17:43:03 GMT"), &b2);
    assert_eq!(agg.tally(), Tally { answers: 2, counts: vec![1, 1, 1, 1], ignored: 1 });

    // A file that disappears is no longer counted.
    listing2.remove(1);
    assert!(agg.to_fetch(&listing2).is_empty());
    assert_eq!(agg.tally(), Tally { answers: 1, counts: vec![0, 1, 0, 1], ignored: 1 });
    agg.forget(&file(4, "fd-q-rules"));
    assert_eq!(agg.tally().ignored, 0);
}

#[test]
fn a_file_read_in_the_second_it_was_written_is_read_again() {
    let mut agg = Aggregate::new(poll(PollKind::Choice, 4));
    let first = PollAnswer::Choice(vec![0]).to_json("fd-q-rules");
    let listing = vec![entry(&file(1, "fd-q-rules"), T0, first.len() as u64)];
    let wanted = agg.to_fetch(&listing);
    agg.record(&wanted[0], Some(T0), &first);
    assert_eq!(agg.tally().counts, vec![1, 0, 0, 0]);
    // Same second, same size, another answer: the listing cannot tell, so
    // the file is fetched once more…
    let second = PollAnswer::Choice(vec![3]).to_json("fd-q-rules");
    assert_eq!(first.len(), second.len());
    let wanted = agg.to_fetch(&listing);
    assert_eq!(wanted.len(), 1);
    agg.record(&wanted[0], Some(T1), &second);
    assert_eq!(agg.tally().counts, vec![0, 0, 0, 1]);
    // …and then no more.
    assert!(agg.to_fetch(&listing).is_empty());
    // Without a Date header the listing is trusted.
    let mut agg = Aggregate::new(poll(PollKind::Choice, 4));
    let wanted = agg.to_fetch(&listing);
    agg.record(&wanted[0], None, &first);
    assert!(agg.to_fetch(&listing).is_empty());
}

#[test]
fn likert_polls_count_scale_points() {
    let mut agg = Aggregate::new(Poll { id: "fd-self.2".into(), kind: PollKind::Likert, options: 5, open: true });
    let listing: Vec<_> = (1..=4u8).map(|n| entry(&file(n, "fd-self.2"), T0, 30)).collect();
    let values = [5, 5, 1, 9];
    for (e, v) in agg.to_fetch(&listing).iter().zip(values) {
        agg.record(e, Some(T1), &PollAnswer::Value(v).to_json("fd-self.2"));
    }
    assert_eq!(agg.tally(), Tally { answers: 3, counts: vec![1, 0, 0, 0, 2], ignored: 1 });
}

proptest! {
    /// Whatever the files hold, the counts add up: every counted answer of
    /// a single-choice poll adds exactly one to one option.
    #[test]
    fn counts_add_up(bodies in proptest::collection::vec(prop_oneof![
        (0usize..6).prop_map(|i| PollAnswer::Choice(vec![i]).to_json("fd-q-rules")),
        ".{0,30}",
    ], 0..30)) {
        let mut agg = Aggregate::new(poll(PollKind::Choice, 4));
        let listing: Vec<_> = (0..bodies.len()).map(|n| entry(&file(n as u8, "fd-q-rules"), T0, 10)).collect();
        for (e, body) in agg.to_fetch(&listing).iter().zip(&bodies) {
            agg.record(e, Some(T1), body);
        }
        let tally = agg.tally();
        prop_assert_eq!(tally.answers + tally.ignored, bodies.len());
        prop_assert_eq!(tally.counts.iter().sum::<usize>(), tally.answers);
    }
}

// --- timing --------------------------------------------------------------------------------

#[test]
fn intervals_slow_down_in_the_background_and_after_failures() {
    assert_eq!(poll_delay_ms(true, 0), VISIBLE_POLL_MS);
    assert_eq!(poll_delay_ms(false, 0), HIDDEN_POLL_MS);
    assert!((1_000..=2_000).contains(&VISIBLE_POLL_MS));
    assert!(HIDDEN_POLL_MS >= 5 * VISIBLE_POLL_MS);
    let delays: Vec<u64> = (1..=6).map(|n| poll_delay_ms(true, n)).collect();
    assert_eq!(delays, vec![2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
    assert_eq!(poll_delay_ms(false, 1), HIDDEN_POLL_MS);
    assert_eq!(failure_delay_ms(u32::MAX), 10_000);
    assert!(TRAINER_DEBOUNCE_MS <= 150);
}

#[test]
fn an_etag_is_trusted_only_after_its_second() {
    assert!(!etag_trustworthy(Some(T0), Some(T0)));
    assert!(etag_trustworthy(Some(T0), Some(T1)));
    assert!(etag_trustworthy(None, Some(T1)));
    assert!(etag_trustworthy(Some(T0), None));
}

// --- the content -------------------------------------------------------------------------------

/// Every question and self-assessment statement of the shipped pack can be
/// polled: its id fits an answer file name.
#[test]
fn every_question_and_statement_of_the_pack_can_be_polled() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/content");
    let course = parse_course(&std::fs::read_to_string(root.join("course.json")).unwrap()).unwrap().value;
    let mut checked = 0;
    for entry in &course.modules {
        for lang in &course.languages {
            let path = root.join(lang).join(format!("{}.md", entry.id));
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let module = parse_module(&path.display().to_string(), &text).value;
            for block in module.blocks() {
                let ids: Vec<String> = match block {
                    Block::Question(q) => vec![q.id.clone()],
                    Block::Likert(l) => l.statements.iter().map(|s| s.id.clone()).collect(),
                    _ => continue,
                };
                for id in ids {
                    assert!(answer_file_name(&pid(1), &id).is_some(), "{id} in {} cannot be polled", path.display());
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} ids checked");
}

#[test]
fn questions_and_shown_statements_can_be_polled() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/content/en/family-dynamics.md");
    let module = parse_module("en/family-dynamics.md", &std::fs::read_to_string(root).unwrap()).value;
    let mut questions = 0;
    let mut statements = 0;
    for slide in module.slides() {
        for (poll, target) in polls_on(&slide.slide.blocks) {
            assert!(poll.open && !target.to_string().is_empty());
            match poll.kind {
                PollKind::Likert => {
                    statements += 1;
                    assert!(poll.id.contains('.'), "{}", poll.id);
                }
                _ => {
                    questions += 1;
                    let q = module.questions().find(|q| q.id == poll.id).unwrap();
                    assert_eq!(poll.options, q.options.len());
                }
            }
        }
    }
    assert_eq!(questions, module.questions().count());
    assert!(statements > 0, "family-dynamics has a self-assessment");
    assert!(polls_on(&[]).is_empty());
}
