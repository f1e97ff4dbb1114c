//! The progress model and its stored envelope.
#![cfg(not(target_arch = "wasm32"))]

use mtd_learn::progress::*;
use proptest::prelude::*;

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        (
            proptest::collection::vec(0u8..6, 0..4),
            any::<bool>(),
            0u32..3
        )
            .prop_map(|(selected, checked, attempt)| Answer::Choice {
                selected,
                checked,
                attempt
            }),
        (1u8..=5).prop_map(|value| Answer::Likert { value }),
        proptest::collection::vec(("[a-c]", 0u8..3), 0..3)
            .prop_map(|path| Answer::Vignette { path }),
    ]
}

fn record<T>(value: T, at: u64, device: String) -> Record<T> {
    Record { value, at, device }
}

/// Small key and device spaces, so that generated states collide often.
fn module_progress() -> impl Strategy<Value = ModuleProgress> {
    let key = "[xyz]";
    let device = "[pq]";
    let at = 0u64..4;
    (
        proptest::collection::btree_map(key, (answer(), at.clone(), device), 0..4),
        proptest::collection::btree_map(key, (at.clone(), device), 0..3),
        proptest::collection::btree_map(key, ("[a-z ]{0,8}", at, device), 0..3),
    )
        .prop_map(|(answers, visits, reflections)| ModuleProgress {
            answers: answers
                .into_iter()
                .map(|(k, (v, at, d))| (k, record(v, at, d)))
                .collect(),
            visits: visits
                .into_iter()
                .map(|(k, (at, d))| (k, record(true, at, d)))
                .collect(),
            reflections: reflections
                .into_iter()
                .map(|(k, (v, at, d))| (k, record(v, at, d)))
                .collect(),
        })
}

fn state() -> impl Strategy<Value = ProgressState> {
    (
        proptest::collection::btree_map("[ab]", module_progress(), 0..3),
        proptest::option::of(("[ab]", "[xyz]", 0u64..4, "[pq]")),
    )
        .prop_map(|(modules, place)| ProgressState {
            modules,
            place: place
                .map(|(module, section, at, device)| record(Place { module, section }, at, device)),
        })
}

proptest! {
    #[test]
    fn merge_is_commutative(a in state(), b in state()) {
        prop_assert_eq!(a.clone().merge(b.clone()), b.merge(a));
    }

    #[test]
    fn merge_is_associative(a in state(), b in state(), c in state()) {
        prop_assert_eq!(a.clone().merge(b.clone()).merge(c.clone()), a.merge(b.merge(c)));
    }

    #[test]
    fn merge_is_idempotent(a in state(), b in state()) {
        prop_assert_eq!(a.clone().merge(a.clone()), a.clone());
        let once = a.clone().merge(b.clone());
        prop_assert_eq!(once.clone().merge(b), once);
    }

    #[test]
    fn merge_never_loses_a_key_and_keeps_the_latest(a in state(), b in state()) {
        let merged = a.clone().merge(b.clone());
        for side in [&a, &b] {
            for (id, module) in &side.modules {
                let kept = merged.modules.get(id).expect("module kept");
                for (key, r) in &module.answers {
                    prop_assert!(kept.answers.get(key).expect("answer kept").at >= r.at);
                }
                for (key, r) in &module.reflections {
                    prop_assert!(kept.reflections.get(key).expect("reflection kept").at >= r.at);
                }
                for key in module.visits.keys() { prop_assert!(kept.visits.contains_key(key)); }
            }
        }
        prop_assert_eq!(merged.place.is_some(), a.place.is_some() || b.place.is_some());
    }

    #[test]
    fn envelope_round_trips(s in state(), now in 0u64..4_102_444_800_000) {
        let raw = encode(&s, "device-1", now);
        match decode(&raw) {
            Decoded::Current(envelope) => {
                prop_assert_eq!(envelope.data, s);
                prop_assert_eq!(envelope.schema, SCHEMA);
                prop_assert_eq!(envelope.device, "device-1");
            }
            other => prop_assert!(false, "decoded as {:?}", other),
        }
    }

    #[test]
    fn decoding_any_text_never_panics(raw in ".{0,200}") {
        let _ = decode(&raw);
    }
}

#[test]
fn a_later_answer_wins_whichever_side_it_is_on() {
    let mut phone = ProgressState::default();
    let mut laptop = ProgressState::default();
    phone.set_answer(
        "fd",
        "q1",
        Answer::Choice {
            selected: vec![0],
            checked: true,
            attempt: 0,
        },
        10,
        "phone",
    );
    laptop.set_answer(
        "fd",
        "q1",
        Answer::Choice {
            selected: vec![2],
            checked: true,
            attempt: 0,
        },
        20,
        "laptop",
    );
    laptop.set_reflection("fd", "r", "notes".into(), 5, "laptop");
    let merged = phone.merge(laptop);
    assert_eq!(
        merged.answer("fd", "q1"),
        Some(&Answer::Choice {
            selected: vec![2],
            checked: true,
            attempt: 0
        })
    );
    assert_eq!(merged.reflection("fd", "r"), Some("notes"));
}

#[test]
fn visiting_sets_the_place_to_continue() {
    let mut s = ProgressState::default();
    s.visit("fd", "rules", 1, "d");
    s.visit("fd", "roles", 2, "d");
    assert!(s.visited("fd", "rules"));
    assert_eq!(s.visited_count("fd", ["rules", "roles", "other"]), 2);
    assert_eq!(
        s.place.unwrap().value,
        Place {
            module: "fd".into(),
            section: "roles".into()
        }
    );
}

#[test]
fn the_stored_form_is_the_documented_envelope() {
    let mut s = ProgressState::default();
    s.visit("fd", "rules", 1_795_356_000_000, "d1");
    let raw = encode(&s, "d1", 1_795_356_000_000);
    let json: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(json["schema"], 2);
    assert_eq!(json["device"], "d1");
    assert_eq!(json["updated"], "2026-11-22T14:00:00.000Z");
    assert_eq!(
        json["data"]["modules"]["fd"]["visits"]["rules"]["device"],
        "d1"
    );
}

#[test]
fn broken_json_is_unreadable_with_a_reason() {
    let Decoded::Unreadable { reason } = decode("{\"schema\": 1, \"data\": ") else {
        panic!("should be unreadable")
    };
    assert!(reason.contains("not valid JSON"), "{reason}");
}

#[test]
fn wrong_shape_is_unreadable() {
    let raw = r#"{"schema":2,"device":"d","updated":"x","data":{"modules":{"a":{"answers":{"b":{"value":"yes","at":1,"device":"d"}}}}}}"#;
    let Decoded::Unreadable { reason } = decode(raw) else {
        panic!("should be unreadable")
    };
    assert!(reason.contains("unexpected shape"), "{reason}");
    assert!(matches!(decode("[1,2,3]"), Decoded::Unreadable { .. }));
    assert!(matches!(
        decode(r#"{"schema":0}"#),
        Decoded::Unreadable { .. }
    ));
}

#[test]
fn a_newer_schema_is_recognised_not_read() {
    assert_eq!(
        decode(r#"{"schema":7,"data":{"future":true}}"#),
        Decoded::Newer { schema: 7 }
    );
}

#[test]
fn fields_missing_in_older_data_get_defaults() {
    let raw = r#"{"schema":2,"device":"d","updated":"2026-01-01T00:00:00.000Z","data":{}}"#;
    let Decoded::Current(envelope) = decode(raw) else {
        panic!("should read")
    };
    assert!(envelope.data.is_empty());
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The foundation's first format (schema 1, app 0.1.0) reads after the
/// migration to schema 2 with every record where it belongs.
#[test]
fn schema_1_data_migrates_without_losing_a_record() {
    let Decoded::Current(envelope) = decode(&fixture("progress-v1.json")) else {
        panic!("schema 1 must read")
    };
    assert_eq!(envelope.schema, 2);
    assert_eq!(envelope.device, "9f3c2a7b01d4e8c6");
    let s = envelope.data;
    assert_eq!(
        s.answer("family-dynamics", "fd-q-rules"),
        Some(&Answer::Choice {
            selected: vec![0],
            checked: true,
            attempt: 0
        })
    );
    assert_eq!(
        s.answer("family-dynamics", "fd-self.2"),
        Some(&Answer::Likert { value: 4 })
    );
    assert_eq!(
        s.answer("family-dynamics", "fd-case-jonas"),
        Some(&Answer::Vignette {
            path: vec![("visit".into(), 0), ("walk".into(), 2)]
        })
    );
    assert_eq!(
        s.answer("my-attitudes", "ma-attitudes.1"),
        Some(&Answer::Likert { value: 2 })
    );
    assert_eq!(
        s.modules["my-attitudes"].answers["ma-attitudes.1"].device,
        "0a1b2c3d4e5f6071"
    );
    assert!(s.visited("family-dynamics", "intro") && s.visited("family-dynamics", "rules"));
    assert_eq!(
        s.reflection("family-dynamics", "fd-reflect"),
        Some("Lena's silence at school.")
    );
    assert_eq!(
        s.place.unwrap().value,
        Place {
            module: "family-dynamics".into(),
            section: "rules".into()
        }
    );
    assert_eq!(s.modules.len(), 2);
}

#[test]
fn a_schema_1_key_without_a_module_is_unreadable_not_guessed() {
    let raw = r#"{"schema":1,"device":"d","updated":"x","data":{"answers":{"orphan":{"value":{"kind":"likert","value":1},"at":1,"device":"d"}}}}"#;
    let Decoded::Unreadable { reason } = decode(raw) else {
        panic!("should be unreadable")
    };
    assert!(
        reason.contains("could not be upgraded") && reason.contains("\"orphan\""),
        "{reason}"
    );
}

#[test]
fn an_export_from_another_device_imports_and_merges() {
    let mut laptop = ProgressState::default();
    laptop.set_answer("fd", "q1", Answer::Likert { value: 3 }, 10, "laptop");
    laptop.set_reflection("fd", "r", "from the laptop".into(), 11, "laptop");
    let file = export(&laptop, "laptop", 12);
    assert!(
        file.contains("\"format\": \"mtd-learn-progress\""),
        "exports are marked and readable:\n{file}"
    );

    let mut phone = ProgressState::default();
    phone.set_answer("fd", "q2", Answer::Likert { value: 5 }, 20, "phone");
    let merged = phone.merge(import(&file).unwrap());
    assert_eq!(
        merged.answer("fd", "q1"),
        Some(&Answer::Likert { value: 3 })
    );
    assert_eq!(
        merged.answer("fd", "q2"),
        Some(&Answer::Likert { value: 5 })
    );
    assert_eq!(merged.reflection("fd", "r"), Some("from the laptop"));
}

#[test]
fn an_old_export_is_migrated_on_import() {
    let state = import(&fixture("progress-v1.json")).expect("schema 1 exports still import");
    assert!(state.visited("family-dynamics", "rules"));
}

#[test]
fn broken_and_foreign_files_are_refused_with_a_reason() {
    let not_json = import("{ this is not json").unwrap_err().to_string();
    assert!(not_json.contains("not valid JSON"), "{not_json}");
    let foreign = import(r#"{"name": "my shopping list", "items": ["milk"]}"#)
        .unwrap_err()
        .to_string();
    assert!(
        foreign.contains("not a progress export of this app"),
        "{foreign}"
    );
    let newer = import(r#"{"format":"mtd-learn-progress","schema":9,"data":{}}"#)
        .unwrap_err()
        .to_string();
    assert!(newer.contains("newer version"), "{newer}");
    let damaged = import(r#"{"format":"mtd-learn-progress","schema":2,"device":"d","updated":"x","data":{"modules":{"m":{"answers":{"q":{"value":7}}}}}}"#).unwrap_err().to_string();
    assert!(damaged.contains("cannot be read"), "{damaged}");
}
