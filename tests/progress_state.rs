//! The progress model and its stored envelope.
#![cfg(not(target_arch = "wasm32"))]

use mtd_learn::progress::*;
use proptest::prelude::*;

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        (proptest::collection::vec(0u8..6, 0..4), any::<bool>())
            .prop_map(|(selected, checked)| Answer::Choice { selected, checked }),
        (1u8..=5).prop_map(|value| Answer::Likert { value }),
        proptest::collection::vec(("[a-c]", 0u8..3), 0..3).prop_map(|path| Answer::Vignette { path }),
    ]
}

/// Small key and device spaces, so that generated states collide often.
fn state() -> impl Strategy<Value = ProgressState> {
    let key = "[ab]/[xyz]";
    let device = "[pq]";
    let at = 0u64..4;
    (
        proptest::collection::btree_map(key, (answer(), at.clone(), device), 0..6),
        proptest::collection::btree_map(key, (at.clone(), device), 0..4),
        proptest::collection::btree_map(key, ("[a-z ]{0,8}", at.clone(), device), 0..4),
        proptest::option::of(("[ab]", "[xyz]", at, device)),
    )
        .prop_map(|(answers, visits, reflections, place)| ProgressState {
            answers: answers.into_iter().map(|(k, (v, at, d))| (k, Record { value: v, at, device: d })).collect(),
            visits: visits.into_iter().map(|(k, (at, d))| (k, Record { value: true, at, device: d })).collect(),
            reflections: reflections.into_iter().map(|(k, (v, at, d))| (k, Record { value: v, at, device: d })).collect(),
            place: place.map(|(module, section, at, device)| Record { value: Place { module, section }, at, device }),
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
            for (key, record) in &side.answers {
                let kept = merged.answers.get(key).expect("key kept");
                prop_assert!(kept.at >= record.at);
            }
            for key in side.visits.keys() { prop_assert!(merged.visits.contains_key(key)); }
            for key in side.reflections.keys() { prop_assert!(merged.reflections.contains_key(key)); }
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
    phone.set_answer("fd", "q1", Answer::Choice { selected: vec![0], checked: true }, 10, "phone");
    laptop.set_answer("fd", "q1", Answer::Choice { selected: vec![2], checked: true }, 20, "laptop");
    laptop.set_reflection("fd", "r", "notes".into(), 5, "laptop");
    let merged = phone.merge(laptop);
    assert_eq!(merged.answer("fd", "q1"), Some(&Answer::Choice { selected: vec![2], checked: true }));
    assert_eq!(merged.reflection("fd", "r"), Some("notes"));
}

#[test]
fn visiting_sets_the_place_to_continue() {
    let mut s = ProgressState::default();
    s.visit("fd", "rules", 1, "d");
    s.visit("fd", "roles", 2, "d");
    assert!(s.visited("fd", "rules"));
    assert_eq!(s.visited_count("fd", ["rules", "roles", "other"]), 2);
    assert_eq!(s.place.unwrap().value, Place { module: "fd".into(), section: "roles".into() });
}

#[test]
fn the_stored_form_is_the_documented_envelope() {
    let mut s = ProgressState::default();
    s.visit("fd", "rules", 1_795_356_000_000, "d1");
    let raw = encode(&s, "d1", 1_795_356_000_000);
    let json: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(json["schema"], 1);
    assert_eq!(json["device"], "d1");
    assert_eq!(json["updated"], "2026-11-22T14:00:00.000Z");
    assert_eq!(json["data"]["visits"]["fd/rules"]["device"], "d1");
}

#[test]
fn broken_json_is_unreadable_with_a_reason() {
    let Decoded::Unreadable { reason } = decode("{\"schema\": 1, \"data\": ") else { panic!("should be unreadable") };
    assert!(reason.contains("not valid JSON"), "{reason}");
}

#[test]
fn wrong_shape_is_unreadable() {
    let raw = r#"{"schema":1,"device":"d","updated":"x","data":{"answers":{"a/b":{"value":"yes","at":1,"device":"d"}}}}"#;
    let Decoded::Unreadable { reason } = decode(raw) else { panic!("should be unreadable") };
    assert!(reason.contains("unexpected shape"), "{reason}");
    assert!(matches!(decode("[1,2,3]"), Decoded::Unreadable { .. }));
    assert!(matches!(decode(r#"{"schema":0}"#), Decoded::Unreadable { .. }));
}

#[test]
fn a_newer_schema_is_recognised_not_read() {
    assert_eq!(decode(r#"{"schema":7,"data":{"future":true}}"#), Decoded::Newer { schema: 7 });
}

#[test]
fn fields_missing_in_older_data_get_defaults() {
    let raw = r#"{"schema":1,"device":"d","updated":"2026-01-01T00:00:00.000Z","data":{}}"#;
    let Decoded::Current(envelope) = decode(raw) else { panic!("should read") };
    assert!(envelope.data.is_empty());
}
