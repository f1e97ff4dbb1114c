//! Migrations of the stored envelope from every earlier schema to the
//! current one. Each step takes an envelope of schema N and returns one of
//! schema N + 1; they run in order, so data from any earlier version reads.
//! Every step has a test on a saved fixture of its old format (tests/fixtures).

use serde_json::{Map, Value};

/// (schema it upgrades from, the step).
const STEPS: &[(u64, fn(Value) -> Result<Value, String>)] = &[(1, v1_to_v2)];

/// Upgrades `envelope` (of schema `from`) to the current schema.
pub fn migrate(mut envelope: Value, from: u64) -> Result<Value, String> {
    for &(schema, step) in STEPS {
        if schema >= from {
            envelope = step(envelope)?;
        }
    }
    Ok(envelope)
}

/// Schema 1 (app 0.1.0) kept three flat maps keyed `<module>/<id>`;
/// schema 2 keeps them per module: `modules.<module>.answers.<id>`.
fn v1_to_v2(mut envelope: Value) -> Result<Value, String> {
    let data = match envelope.get_mut("data").map(Value::take) {
        Some(Value::Object(data)) => data,
        Some(Value::Null) | None => Map::new(),
        Some(_) => return Err("\"data\" is not an object".into()),
    };
    let mut modules: Map<String, Value> = Map::new();
    let mut place = None;
    for (field, value) in data {
        match field.as_str() {
            "answers" | "visits" | "reflections" => {
                let Value::Object(records) = value else {
                    return Err(format!("\"{field}\" is not an object"));
                };
                for (key, record) in records {
                    let (module, id) = key.split_once('/').ok_or_else(|| {
                        format!("the key \"{key}\" in \"{field}\" names no module")
                    })?;
                    let entry = modules
                        .entry(module)
                        .or_insert_with(|| Value::Object(Map::new()));
                    let group = entry
                        .as_object_mut()
                        .expect("module entries are objects")
                        .entry(field.clone())
                        .or_insert_with(|| Value::Object(Map::new()));
                    group
                        .as_object_mut()
                        .expect("groups are objects")
                        .insert(id.to_owned(), record);
                }
            }
            "place" => place = Some(value),
            other => return Err(format!("unexpected field \"{other}\" in schema 1 data")),
        }
    }
    let mut data = Map::new();
    data.insert("modules".into(), Value::Object(modules));
    if let Some(place) = place {
        data.insert("place".into(), place);
    }
    envelope["data"] = Value::Object(data);
    envelope["schema"] = Value::from(2);
    Ok(envelope)
}
