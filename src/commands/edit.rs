//! `inkwell edit`: feeds.yaml in the user's editor, under the lock, checked before it is
//! installed (see [`editor`](super::editor) for the session).

use std::collections::HashSet;

use crate::cli::EditArgs;
use crate::error::{Error, Result};
use crate::feed::{Problem, StoredSecret, stored_secrets};
use crate::feeds::FeedsDocument;
use crate::ops::ConfigManager;

use super::Output;
use super::editor::Editor;

pub fn run(manager: &ConfigManager, out: &Output, args: EditArgs) -> Result<()> {
    let mut editor = Editor::choose(args.editor)?;
    let paths = manager.paths();
    editor.offer_kept(&paths.feeds(), paths.dir())?;
    let mut copy = None;
    let result = manager.edit(|feeds, original| {
        // Credentials already in the file may stay or move; new ones must decrypt.
        let known: HashSet<String> = stored_secrets(&String::from_utf8_lossy(original))
            .into_iter()
            .map(|s| s.value)
            .collect();
        let check = |edited: &[u8]| match FeedsDocument::from_bytes(edited.to_vec()) {
            Ok(doc) => {
                let text = doc.text();
                let mut problems = crate::feed::problems(&text);
                if problems.is_empty() {
                    problems = secret_problems(manager, &text, &known)?;
                }
                match problems.as_slice() {
                    [] => Ok(()),
                    problems @ [first, ..] => Err(Error::Malformed {
                        path: feeds.to_path_buf(),
                        location: Some(crate::error::Location {
                            line: first.line,
                            column: first.column,
                        }),
                        message: crate::feed::describe_problems(problems),
                    }),
                }
            }
            Err(e) => Err(Error::Malformed {
                path: feeds.to_path_buf(),
                location: e.location,
                message: e.message,
            }),
        };
        editor.session(feeds, original, check, &mut copy)
    });
    let installed = match result {
        Ok(installed) => installed,
        Err(e) => return Err(editor.keep_copy(e, copy, &paths.feeds(), paths.dir())),
    };
    editor.forget_kept();
    let feeds = manager.load()?.len();
    if out.json {
        return out.json(&serde_json::json!({
            "command": "edit",
            "changed": installed,
            "feeds": feeds,
        }));
    }
    if installed {
        out.done(&format!(
            "Installed the edited feeds.yaml ({feeds} feed{})\n",
            if feeds == 1 { "" } else { "s" }
        ))
    } else {
        out.done("No changes; feeds.yaml is unchanged.\n")
    }
}

/// inkwell-cli 0.26 decrypts every credential when it loads feeds.yaml and refuses the
/// file if one fails: each secret of `text` not in `known` (the file before the edit) must
/// decrypt with the directory's key to a value its `_validate_decrypted_credential`
/// accepts (not empty, at most 255 characters, 1000 for a token, no NUL).
fn secret_problems(
    manager: &ConfigManager,
    text: &str,
    known: &HashSet<String>,
) -> crate::error::Result<Vec<Problem>> {
    let new: Vec<StoredSecret> = stored_secrets(text)
        .into_iter()
        .filter(|s| !known.contains(&s.value))
        .collect();
    if new.is_empty() {
        return Ok(Vec::new());
    }
    let key = crate::crypto::load(manager.paths())?;
    let mut problems = Vec::new();
    for s in &new {
        let auth = if s.field == "token" {
            "bearer"
        } else {
            "basic"
        };
        let set_it = format!(
            "credentials are stored encrypted: set them with `inkwell update {} --auth {auth}`",
            s.feed
        );
        let reason = match key.as_ref().map(|k| k.decrypt(&s.value)) {
            None => Some(format!(
                "is not encrypted (there is no key file yet), so inkwell-cli cannot read it; {set_it}"
            )),
            Some(None) => Some(format!(
                "is not encrypted with this directory's key, so inkwell-cli cannot decrypt it; {set_it}"
            )),
            Some(Some(plain)) => {
                let max = if s.field == "token" { 1000 } else { 255 };
                if plain.is_empty() {
                    Some("decrypts to an empty value".to_string())
                } else if plain.chars().count() > max {
                    Some(format!("decrypts to more than {max} characters"))
                } else if plain.contains('\0') {
                    Some("decrypts to a value with a NUL byte".to_string())
                } else {
                    None
                }
            }
        };
        if let Some(reason) = reason {
            problems.push(Problem::at(
                text,
                s.offset,
                format!("feed '{}': auth.{} {reason}", s.feed, s.field),
            ));
        }
    }
    Ok(problems)
}
