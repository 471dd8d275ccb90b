//! `inkwell config show | get KEY | set KEY VALUE | edit` on config.yaml, and
//! `config feed NAME -t A,B` (inkwell-cli's way to set a feed's extra templates).

use serde_json::json;

use crate::cli::{AuthArgs, ConfigAction, ConfigArgs, UpdateArgs};
use crate::error::{Error, Result};
use crate::ops::ConfigManager;
use crate::settings::{self, Setting, Source, schema};

use super::Output;

pub fn run(manager: &ConfigManager, out: &Output, args: ConfigArgs) -> Result<()> {
    match args.action {
        ConfigAction::Feed {
            name,
            extra_templates,
        } => {
            let clear = extra_templates.trim().is_empty();
            let args = UpdateArgs {
                name,
                url: None,
                category: None,
                no_category: false,
                display_name: None,
                no_display_name: false,
                templates: (!clear).then_some(extra_templates),
                no_templates: clear,
                auth: AuthArgs {
                    auth: None,
                    username: None,
                    password_stdin: false,
                    token_stdin: false,
                },
                dry_run: false,
            };
            super::update::run(manager, out, args)
        }
        ConfigAction::Show { json } => show(manager, json || out.json),
        ConfigAction::Get { key, reveal } => get(manager, out, &key, reveal),
        ConfigAction::Set { key, value, .. } => set(manager, out, &key, &value),
        ConfigAction::Edit { editor } => super::config_edit::run(manager, out, editor),
    }
}

fn source(s: &Setting) -> String {
    match s.source {
        Source::File => "file".into(),
        Source::Default => "default".into(),
        Source::Deprecated(old) => format!("deprecated key {old}"),
    }
}

fn show(manager: &ConfigManager, as_json: bool) -> Result<()> {
    let path = manager.paths().config();
    let loaded = manager.load_config()?;
    let all = settings::all(&loaded);
    let unknown = settings::unknown_keys(&loaded);
    if as_json {
        let list: Vec<_> = all
            .iter()
            .map(|s| {
                let value = match &s.value {
                    Ok(_) if s.spec.secret => json!(s.shown()),
                    Ok(v) => v.json(),
                    Err(_) => json!(null),
                };
                let mut o = json!({ "key": s.spec.key, "value": value, "source": source(s) });
                if let Err(e) = &s.value {
                    o["error"] = json!(e);
                }
                o
            })
            .collect();
        let out = json!({
            "path": path.display().to_string(),
            "exists": loaded.exists,
            "settings": list,
            "unknown_keys": unknown,
        });
        return super::print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&out).expect("serializable")
        ));
    }
    let mut out = format!(
        "# {}{}\n",
        path.display(),
        if loaded.exists {
            ""
        } else {
            " (missing: every value is a default)"
        }
    );
    let width = all.iter().map(|s| s.spec.key.len()).max().unwrap_or(0);
    for s in &all {
        let mark = match s.source {
            Source::File => String::new(),
            Source::Default => "  (default)".into(),
            Source::Deprecated(old) => format!("  (from deprecated {old})"),
        };
        let shown = match &s.value {
            Ok(schema::Typed::Str(v)) if v.is_empty() => "\"\"".to_string(),
            _ => super::display(&s.shown()),
        };
        out.push_str(&format!("{:<width$}  {shown}{mark}\n", s.spec.key));
    }
    if !unknown.is_empty() {
        out.push_str(&format!(
            "# kept but not used by inkwell-cli: {}\n",
            super::display(&unknown.join(", "))
        ));
    }
    for problem in settings::problems(&loaded) {
        stderr_line!("warning: {}: {}", path.display(), super::display(&problem));
    }
    super::print(&out)
}

/// A setting's value as `config get --json` prints it (API keys masked unless revealed).
fn json_value(s: &Setting, reveal: bool) -> serde_json::Value {
    match &s.value {
        Ok(_) if s.spec.secret && !reveal => json!(s.shown()),
        Ok(v) => v.json(),
        Err(_) => json!(null),
    }
}

fn get(manager: &ConfigManager, out: &Output, key: &str, reveal: bool) -> Result<()> {
    let loaded = manager.load_config()?;
    if out.json {
        return get_json(manager, &loaded, key, reveal);
    }
    let value = |s: &Setting| -> Result<String> {
        match &s.value {
            Ok(v) if reveal => Ok(v.show()),
            Ok(_) => Ok(s.shown()),
            Err(reason) => Err(Error::InvalidValue {
                what: format!("{} in {}", s.spec.key, manager.paths().config().display()),
                reason: reason.clone(),
            }),
        }
    };
    if let Some((old, new)) = schema::DEPRECATED.iter().find(|(old, _)| *old == key) {
        let node = loaded.at(&[old]);
        let text = node.map_or("(not set)".into(), |n| loaded.text[n.span()].to_string());
        stderr_line!("note: {old} is deprecated; inkwell-cli now reads {new}");
        return super::print(&format!("{}\n", super::display(&text)));
    }
    let all = settings::all(&loaded);
    if let Some(s) = all.iter().find(|s| s.spec.key == key) {
        return super::print(&format!("{}\n", super::display(&value(s)?)));
    }
    if let Some(spec) = schema::lookup(key) {
        let s = settings::effective(&loaded, spec);
        return super::print(&format!("{}\n", super::display(&value(&s)?)));
    }
    let prefix = format!("{key}.");
    let under: Vec<&Setting> = all
        .iter()
        .filter(|s| s.spec.key.starts_with(&prefix))
        .collect();
    if !under.is_empty() {
        let mut out = String::new();
        for s in under {
            out.push_str(&format!(
                "{} = {}\n",
                s.spec.key,
                super::display(&value(s)?)
            ));
        }
        return super::print(&out);
    }
    if schema::OPEN_SECTIONS.contains(&key) {
        return Ok(());
    }
    Err(Error::UnknownConfigKey {
        key: key.to_string(),
        suggestion: schema::suggest(key),
    })
}

/// `config get --json`: `{"key", "value", "source"}`, or for a section
/// `{"key", "settings": [{"key", "value", "source"}]}`.
fn get_json(
    manager: &ConfigManager,
    loaded: &settings::Loaded,
    key: &str,
    reveal: bool,
) -> Result<()> {
    let one = |s: &Setting| -> Result<serde_json::Value> {
        if let Err(reason) = &s.value {
            return Err(Error::InvalidValue {
                what: format!("{} in {}", s.spec.key, manager.paths().config().display()),
                reason: reason.clone(),
            });
        }
        Ok(json!({ "key": s.spec.key, "value": json_value(s, reveal), "source": source(s) }))
    };
    if let Some((old, new)) = schema::DEPRECATED.iter().find(|(old, _)| *old == key) {
        let text = loaded.at(&[old]).map(|n| loaded.text[n.span()].to_string());
        return out_json(&json!({ "key": key, "value": text, "deprecated_for": new }));
    }
    let all = settings::all(loaded);
    let value = if let Some(s) = all.iter().find(|s| s.spec.key == key) {
        one(s)?
    } else if let Some(spec) = schema::lookup(key) {
        one(&settings::effective(loaded, spec))?
    } else {
        let prefix = format!("{key}.");
        let under = all
            .iter()
            .filter(|s| s.spec.key.starts_with(&prefix))
            .map(one)
            .collect::<Result<Vec<_>>>()?;
        if under.is_empty() && !schema::OPEN_SECTIONS.contains(&key) {
            return Err(Error::UnknownConfigKey {
                key: key.to_string(),
                suggestion: schema::suggest(key),
            });
        }
        json!({ "key": key, "settings": under })
    };
    out_json(&value)
}

fn out_json(value: &serde_json::Value) -> Result<()> {
    super::print(&format!(
        "{}\n",
        serde_json::to_string_pretty(value).expect("serializable")
    ))
}

fn set(manager: &ConfigManager, out: &Output, key: &str, raw: &str) -> Result<()> {
    let outcome = settings::set(manager, key, raw)?;
    if out.json {
        let notes: Vec<String> = outcome
            .carried
            .iter()
            .map(|old| format!("copied the deprecated {old} into the new section"))
            .collect();
        return out.json(&json!({
            "command": "config set",
            "dry_run": out.dry_run,
            "changed": outcome.changed,
            "key": key,
            "old": json_value(&outcome.old, false),
            "new": json_value(&outcome.setting, false),
            "notes": notes,
        }));
    }
    // An empty list or string reads as nothing at all in a sentence.
    let shown_of = |text: String| {
        if text.is_empty() {
            "(none)".to_string()
        } else {
            super::display(&text)
        }
    };
    let shown = shown_of(outcome.setting.shown());
    if !outcome.changed {
        return out.done(&format!("{key} is already {shown}; nothing changed\n"));
    }
    for old in &outcome.carried {
        out.note(&format!(
            "note: {} the deprecated {old} into the new section, which replaces it for inkwell-cli",
            out.verb("copied", "would copy")
        ));
    }
    let was = match outcome.old.source {
        Source::File => shown_of(outcome.old.shown()),
        _ => format!(
            "{} ({})",
            shown_of(outcome.old.shown()),
            source(&outcome.old)
        ),
    };
    out.done(&format!(
        "{} {key} = {shown} (was {was})\n",
        out.verb("Set", "Would set")
    ))
}
