//! `inkwell config show | get KEY | set KEY VALUE | edit` on config.yaml.

use serde_json::json;

use crate::cli::{ConfigAction, ConfigArgs};
use crate::error::{Error, Result};
use crate::ops::ConfigManager;
use crate::settings::{self, Setting, Source, schema};

pub fn run(manager: &ConfigManager, args: ConfigArgs) -> Result<()> {
    match args.action {
        ConfigAction::Show { json } => show(manager, json),
        ConfigAction::Get { key, reveal } => get(manager, &key, reveal),
        ConfigAction::Set { key, value } => set(manager, &key, &value),
        ConfigAction::Edit => super::config_edit::run(manager),
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
    let loaded = settings::load(&path)?;
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
        eprintln!("warning: {}: {}", path.display(), super::display(&problem));
    }
    super::print(&out)
}

fn get(manager: &ConfigManager, key: &str, reveal: bool) -> Result<()> {
    let loaded = settings::load(&manager.paths().config())?;
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
        eprintln!("note: {old} is deprecated; inkwell-cli now reads {new}");
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

fn set(manager: &ConfigManager, key: &str, raw: &str) -> Result<()> {
    let outcome = settings::set(manager, key, raw)?;
    let shown = super::display(&outcome.setting.shown());
    if !outcome.changed {
        return super::print(&format!("{key} is already {shown}; nothing changed\n"));
    }
    for old in &outcome.carried {
        eprintln!(
            "note: copied the deprecated {old} into the new section, which replaces it for inkwell-cli"
        );
    }
    let was = match outcome.old.source {
        Source::File => super::display(&outcome.old.shown()),
        _ => format!(
            "{} ({})",
            super::display(&outcome.old.shown()),
            source(&outcome.old)
        ),
    };
    super::print(&format!("Set {key} = {shown} (was {was})\n"))
}
