//! `inkwell config edit`: config.yaml in the user's editor, under config.lock, checked
//! against inkwell-cli's schema before it is installed (see [`editor`](super::editor)
//! for the session). An invalid edit can be reopened, or is kept aside.

use serde_json::{Map, json};

use crate::audit;
use crate::error::{Error, Result};
use crate::ops::{ConfigManager, Redo, Step, Target};
use crate::settings::{self, Loaded};
use crate::yaml::Spliced;

use super::Output;
use super::editor::Editor;

pub fn run(manager: &ConfigManager, out: &Output, editor: Option<String>) -> Result<()> {
    let mut editor = Editor::choose(editor)?;
    let paths = manager.paths();
    let path = paths.config();
    editor.offer_kept(&path, paths.dir())?;
    let mut copy = None;
    let result = manager.transaction(
        Target::Config,
        Redo::Never,
        |path, original| {
            // A config.yaml that does not parse is opened too, so that it can be fixed here
            // (as `inkwell edit` fixes feeds.yaml); the result is checked before it is
            // installed.
            let old = settings::parse(path, original.clone(), !original.is_empty()).ok();
            // As `inkwell edit`: each problem at its place (the session reports it in the
            // copy the user edits), the file left as it was.
            let check = |edited: &[u8]| {
                let loaded = settings::parse(path, edited.to_vec(), true)?;
                match settings::problems_at(&loaded).as_slice() {
                    [] => Ok(()),
                    problems @ [first, ..] => Err(Error::Malformed {
                        path: path.to_path_buf(),
                        location: Some(crate::error::Location {
                            line: first.line,
                            column: first.column,
                        }),
                        message: crate::feed::describe_problems(
                            &problems
                                .iter()
                                .map(|p| crate::feed::Problem {
                                    message: super::display(&p.message),
                                    ..p.clone()
                                })
                                .collect::<Vec<_>>(),
                        ),
                    }),
                }
            };
            let Some(new) = editor.session(path, &original, check, &mut copy)? else {
                return Ok(Step::Keep(None));
            };
            let changes = diff(old.as_ref(), &settings::parse(path, new.clone(), true)?);
            Ok(Step::Write(Spliced::whole(original, new), Some(changes)))
        },
        |changes| match changes {
            Some(changes) if !changes.is_empty() => vec![audit::update_config(changes.clone())],
            _ => Vec::new(),
        },
    );
    let changes = match result {
        Ok(changes) => changes,
        Err(e) => return Err(editor.keep_copy(e, copy, &path, paths.dir())),
    };
    editor.forget_kept();
    let Some(changes) = changes else {
        if out.json {
            return out.json(&json!({ "command": "config edit", "changed": false, "changes": {} }));
        }
        return out.done("config.yaml unchanged\n");
    };
    let count = changes.len();
    if out.json {
        return out.json(&json!({ "command": "config edit", "changed": true, "changes": changes }));
    }
    out.done(&format!(
        "Installed the edited {} ({count} setting{} changed)\n",
        path.display(),
        if count == 1 { "" } else { "s" }
    ))
}

/// The effective values that differ, as `{key: {old, new}}` (API keys as set or not).
/// When the file before did not parse (`old` is `None`), what can be recorded is each
/// setting the new file sets, with the old value `(unreadable)`.
fn diff(old: Option<&Loaded>, new: &Loaded) -> Map<String, serde_json::Value> {
    let value = |s: &settings::Setting| match &s.value {
        Ok(settings::schema::Typed::Str(_)) if s.spec.secret => json!("(set)"),
        Ok(v) => v.json(),
        Err(_) => json!("(invalid)"),
    };
    let after = settings::all(new);
    let mut changes = Map::new();
    let Some(old) = old else {
        for a in &after {
            if !matches!(a.source, settings::Source::Default) {
                changes.insert(
                    a.spec.key.clone(),
                    json!({ "old": "(unreadable)", "new": value(a) }),
                );
            }
        }
        return changes;
    };
    let before = settings::all(old);
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
