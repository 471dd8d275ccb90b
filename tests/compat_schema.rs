//! settings::schema's table against inkwell-cli 0.26's pydantic models, read from the
//! installed package by tests/support/dump_config_schema.py. Skips (with the reason
//! printed) when inkwell-cli is not installed.

mod common;

use std::process::Command;

use inkwell::settings::schema::{self, DEFAULT_CATEGORIES, DEPRECATED, Kind, NO_MAX, Typed};
use serde_json::{Value, json};

fn dump() -> Option<Value> {
    let python = common::inkwell_cli_python()?;
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/support/dump_config_schema.py"
    );
    let out = Command::new(&python)
        .arg(script)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("the script prints JSON"))
}

/// What the model says about a field, in the dump's terms, from our table.
fn expected(kind: &Kind, default: &Typed) -> Value {
    let mut e = serde_json::Map::new();
    let default = match (kind, default) {
        (Kind::Float { .. }, Typed::Float(f)) => json!(f),
        (_, d) => d.json(),
    };
    e.insert("default".into(), default);
    match kind {
        Kind::Str { min, max, prefix } => {
            e.insert("type".into(), json!("str"));
            if *min > 0 {
                e.insert("min_length".into(), json!(min));
            }
            if *max != NO_MAX {
                e.insert("max_length".into(), json!(max));
            }
            e.insert("validated".into(), json!(prefix.is_some()));
        }
        Kind::Path => {
            e.insert("type".into(), json!("Path"));
        }
        Kind::OptStr { min, max } => {
            e.insert("type".into(), json!("str | None"));
            e.insert("min_length".into(), json!(min));
            e.insert("max_length".into(), json!(max));
        }
        Kind::Bool => {
            e.insert("type".into(), json!("bool"));
        }
        Kind::Int { min, max } => {
            e.insert("type".into(), json!("int"));
            e.insert("ge".into(), json!(min));
            e.insert("le".into(), json!(max));
        }
        Kind::Float { min, max } => {
            e.insert("type".into(), json!("float"));
            e.insert("ge".into(), json!(min));
            e.insert("le".into(), json!(max));
        }
        Kind::Choice(values) => {
            e.insert("allowed".into(), json!(values));
        }
        Kind::List => {
            e.insert("type".into(), json!("list[str]"));
        }
    }
    Value::Object(e)
}

/// The same view of the dump's entry.
fn found(entry: &Value, like: &Value) -> Value {
    let mut f = serde_json::Map::new();
    for key in like.as_object().unwrap().keys() {
        let v = match key.as_str() {
            "validated" => json!(entry.get("validators").is_some()),
            "ge" | "le" | "default" => match (&entry[key], &like[key]) {
                // pydantic keeps a float bound written as 0.0; compare as numbers.
                (Value::Number(a), Value::Number(_)) => json!(a.as_f64().unwrap()),
                (v, _) => v.clone(),
            },
            k => entry.get(k).cloned().unwrap_or(Value::Null),
        };
        f.insert(key.clone(), v);
    }
    Value::Object(f)
}

fn numbers_as_f64(v: Value) -> Value {
    match v {
        Value::Number(n) => json!(n.as_f64().unwrap()),
        Value::Object(m) => {
            Value::Object(m.into_iter().map(|(k, v)| (k, numbers_as_f64(v))).collect())
        }
        other => other,
    }
}

#[test]
fn the_settings_table_is_inkwell_clis_models() {
    let Some(dump) = dump() else { return };
    assert_eq!(dump["inkwell_cli_version"], "0.26.0");
    let model = dump["config.yaml"].as_object().unwrap();
    let mut problems = Vec::new();
    let mut covered = Vec::new();
    let mut check = |key: &str, spec: &schema::Spec, model_key: &str| {
        covered.push(model_key.to_string());
        let Some(entry) = model.get(model_key) else {
            problems.push(format!("{key}: not in inkwell-cli's models"));
            return;
        };
        let want = numbers_as_f64(expected(&spec.kind, &spec.default_value()));
        let got = numbers_as_f64(found(entry, &want));
        if want != got {
            problems.push(format!("{key}: table {want} but model {got}"));
        }
    };
    for spec in schema::fixed() {
        check(&spec.key.clone(), &spec, &spec.key.clone());
    }
    for field in ["enabled", "priority"] {
        let spec = schema::lookup(&format!("plugins.p.{field}")).unwrap();
        check(&spec.key.clone(), &spec, &format!("plugins.<key>.{field}"));
    }
    // Sections, open mappings and deprecated keys are checked on their own below.
    for (key, entry) in model {
        let ty = entry["type"].as_str().unwrap();
        let section = ty.ends_with("Config") || ty.starts_with("dict[");
        let deprecated = DEPRECATED.iter().any(|(d, _)| d == key);
        if !section && !deprecated && !covered.contains(key) {
            problems.push(format!(
                "{key} ({ty}) is in inkwell-cli's models but not in the table"
            ));
        }
    }
    for (old, new) in DEPRECATED {
        let ty = model.get(*old).map(|e| e["type"].clone());
        let new_ty = model[*new]["type"].as_str().unwrap().to_string();
        if ty != Some(json!(format!("{new_ty} | None"))) {
            problems.push(format!(
                "deprecated {old}: model has {ty:?}, {new} is {new_ty}"
            ));
        }
    }
    let categories: serde_json::Map<String, Value> = DEFAULT_CATEGORIES
        .iter()
        .map(|(n, l)| (n.to_string(), json!(l.split(',').collect::<Vec<_>>())))
        .collect();
    if model["template_categories"]["default"] != Value::Object(categories) {
        problems.push("template_categories: defaults differ".into());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_feed_fields_are_inkwell_clis_models() {
    let Some(dump) = dump() else { return };
    let model = dump["feeds.yaml"].as_object().unwrap();
    let leaves: Vec<(&str, &str)> = model
        .iter()
        .filter(|(_, e)| !e["type"].as_str().unwrap().ends_with("Config"))
        .filter_map(|(k, e)| Some((k.strip_prefix("feeds.<key>.")?, e["type"].as_str()?)))
        .collect();
    let ours: Vec<(&str, &str)> = inkwell::feed::FIELDS.to_vec();
    assert_eq!(ours, leaves);
    assert_eq!(
        model["feeds.<key>.auth.type"]["allowed"],
        json!(inkwell::feed::AUTH_TYPES)
    );
}
