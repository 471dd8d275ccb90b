//! `inkwell config edit`: opens a private copy of config.yaml in $VISUAL / $EDITOR while
//! holding config.lock, checks the result against inkwell-cli's schema, and installs it
//! atomically only if it is valid. An invalid edit can be reopened, or is kept aside.

use std::fs;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::Command;

use serde_json::{Map, json};

use crate::audit;
use crate::error::{Error, Result};
use crate::ops::{ConfigManager, read_snapshot};
use crate::settings::{self, Loaded};
use crate::store::atomic;

use super::Output;

/// Where an edited text that could not be installed because config.yaml changed is kept.
const KEPT_NAME: &str = "config.edited.yaml";

pub fn run(manager: &ConfigManager, out: &Output, editor: Option<String>) -> Result<()> {
    let paths = manager.paths();
    let path = paths.config();
    let chosen = editor.filter(|e| !e.trim().is_empty()).or_else(|| {
        ["VISUAL", "EDITOR"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty()))
    });
    // vi without a terminal would hang a script; an editor chosen explicitly is trusted.
    if chosen.is_none() && !io::stdin().is_terminal() {
        return Err(Error::EditNeedsTerminal);
    }
    let editor = chosen.unwrap_or_else(|| "vi".into());
    let _guard = manager.lock(&paths.config_lock())?;
    let before = read_snapshot(&path)?;
    let original = before.bytes.clone().unwrap_or_default();
    let old = settings::parse(&path, original.clone(), before.bytes.is_some())?;

    // tempfile creates the copy with mode 0600: it may hold API keys.
    let mut copy = tempfile::Builder::new()
        .prefix(".config.yaml.edit.")
        .suffix(".yaml")
        .tempfile_in(paths.dir())
        .map_err(|e| Error::io("create a temp file in", paths.dir(), e))?;
    copy.write_all(&original)
        .and_then(|()| copy.flush())
        .map_err(|e| Error::io("write", copy.path(), e))?;
    let new = loop {
        open_editor(&editor, copy.path())?;
        let bytes = fs::read(copy.path()).map_err(|e| Error::io("read", copy.path(), e))?;
        let problems = match settings::parse(&path, bytes.clone(), true) {
            Ok(loaded) => settings::problems(&loaded),
            Err(e) => vec![e.to_string()],
        };
        if problems.is_empty() {
            break bytes;
        }
        for p in &problems {
            eprintln!("problem: {}", super::display(p));
        }
        if !ask_again()? {
            let (_, kept) = copy
                .keep()
                .map_err(|e| Error::io("keep", paths.dir(), e.error))?;
            return Err(Error::InvalidValue {
                what: "config.yaml".into(),
                reason: format!(
                    "the edited file is not valid, so it was not installed; your edit is kept in {}",
                    kept.display()
                ),
            });
        }
    };
    if new == original {
        if out.json {
            return out.json(&json!({ "command": "config edit", "changed": false, "changes": {} }));
        }
        return out.done("config.yaml unchanged\n");
    }
    let mut unchanged = |p: &Path, _| Ok(read_snapshot(p)? == before);
    if !atomic::write(&path, &new, &mut unchanged)? {
        // A program that ignores config.lock saved config.yaml meanwhile: keep the typing.
        let dest = paths.dir().join(KEPT_NAME);
        let kept = copy.into_temp_path().persist(&dest).ok().map(|()| dest);
        return Err(Error::ChangedDuringEdit { path, kept });
    }
    let after = settings::parse(&path, new, true)?;
    let changes = diff(&old, &after);
    let count = changes.len();
    if count > 0 {
        manager.log(&[audit::update_config(changes.clone())]);
    }
    if out.json {
        return out.json(&json!({ "command": "config edit", "changed": true, "changes": changes }));
    }
    out.done(&format!(
        "Installed the edited {} ({count} setting{} changed)\n",
        path.display(),
        if count == 1 { "" } else { "s" }
    ))
}

/// Runs the editor through the shell, so `EDITOR="code --wait"` works.
fn open_editor(editor: &str, file: &Path) -> Result<()> {
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file)
        .status()
        .map_err(|e| Error::io("run the editor for", file, e))?;
    if !status.success() {
        return Err(Error::Editor {
            command: editor.to_string(),
            reason: format!("exited with {status}; config.yaml is unchanged"),
        });
    }
    Ok(())
}

fn ask_again() -> Result<bool> {
    if !io::stdin().is_terminal() {
        return Ok(false);
    }
    eprint!("Edit again? [Y/n] ");
    let mut answer = String::new();
    io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Error::io("read from", Path::new("standard input"), e))?;
    Ok(!matches!(answer.trim().to_lowercase().as_str(), "n" | "no"))
}

/// The effective values that differ, as `{key: {old, new}}` (API keys as set or not).
fn diff(old: &Loaded, new: &Loaded) -> Map<String, serde_json::Value> {
    let value = |s: &settings::Setting| match &s.value {
        Ok(settings::schema::Typed::Str(_)) if s.spec.secret => json!("(set)"),
        Ok(v) => v.json(),
        Err(_) => json!("(invalid)"),
    };
    let before = settings::all(old);
    let after = settings::all(new);
    let mut changes = Map::new();
    for a in &after {
        let b = before.iter().find(|b| b.spec.key == a.spec.key);
        let old_v = b.map_or(json!(null), value);
        let new_v = value(a);
        if old_v != new_v {
            changes.insert(a.spec.key.clone(), json!({ "old": old_v, "new": new_v }));
        }
    }
    for b in &before {
        if !after.iter().any(|a| a.spec.key == b.spec.key) {
            changes.insert(b.spec.key.clone(), json!({ "old": value(b), "new": null }));
        }
    }
    changes
}
