//! Learner states of a chosen size, for benchmarks and size figures.

use super::{Answer, ProgressState};

/// A state with about `records` records spread over 10 modules: answers,
/// visits and reflections in the proportions a real learner produces.
/// Deterministic: the same arguments give the same state.
pub fn synthetic_state(records: usize, device: &str, start_ms: u64) -> ProgressState {
    let mut state = ProgressState::default();
    for i in 0..records {
        let module = format!("module-{}", i % 10);
        let at = start_ms + i as u64;
        match i % 10 {
            0..=5 => state.set_answer(
                &module,
                &format!("q-{i}"),
                Answer::Choice {
                    selected: vec![(i % 4) as u8],
                    checked: true,
                    attempt: 0,
                },
                at,
                device,
            ),
            6..=7 => state.set_answer(
                &module,
                &format!("likert.{i}"),
                Answer::Likert {
                    value: (i % 5) as u8 + 1,
                },
                at,
                device,
            ),
            8 => state.visit(&module, &format!("section-{i}"), at, device),
            _ => state.set_reflection(
                &module,
                &format!("r-{i}"),
                format!("Reflection number {i}, a few words long."),
                at,
                device,
            ),
        }
    }
    state
}

/// The same state in the flat schema-1 form, to measure the migration.
pub fn as_schema_1(state: &ProgressState, device: &str) -> String {
    let mut answers = serde_json::Map::new();
    let mut visits = serde_json::Map::new();
    let mut reflections = serde_json::Map::new();
    for (module, progress) in &state.modules {
        for (id, r) in &progress.answers {
            answers.insert(
                format!("{module}/{id}"),
                serde_json::to_value(r).expect("serialises"),
            );
        }
        for (id, r) in &progress.visits {
            visits.insert(
                format!("{module}/{id}"),
                serde_json::to_value(r).expect("serialises"),
            );
        }
        for (id, r) in &progress.reflections {
            reflections.insert(
                format!("{module}/{id}"),
                serde_json::to_value(r).expect("serialises"),
            );
        }
    }
    serde_json::json!({
        "schema": 1,
        "device": device,
        "updated": "2026-01-01T00:00:00.000Z",
        "data": { "answers": answers, "visits": visits, "reflections": reflections, "place": state.place },
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{decode, Decoded};

    #[test]
    fn the_synthetic_state_has_the_asked_size_and_survives_migration() {
        let state = synthetic_state(1000, "d", 1);
        assert_eq!(state.record_count(), 1001, "1000 records and the place");
        let Decoded::Current(envelope) = decode(&as_schema_1(&state, "d")) else {
            panic!("migrates")
        };
        assert_eq!(envelope.data, state);
    }
}
