//! `inkwell edit`: feeds.yaml in the user's editor, under the lock, checked before it is
//! installed, like `visudo` and `crontab -e`.
//!
//! The editor works on a private copy (mode 0600, next to feeds.yaml); feeds.yaml itself
//! is only replaced, atomically, once the copy reads as valid feeds. If the copy is not
//! installed after the user changed it (abort, invalid, or a program that ignores the lock
//! saved feeds.yaml meanwhile), it is kept as `feeds.edited.yaml` so no typing is lost.

use std::fs;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cli::EditArgs;
use crate::document::FeedsDocument;
use crate::error::{Error, Result};
use crate::ops::ConfigManager;
use crate::store::atomic::EDIT_COPY_SUFFIX;

use super::Output;

/// Where an edited text that was not installed is kept.
const KEPT_NAME: &str = "feeds.edited.yaml";

pub fn run(manager: &ConfigManager, out: &Output, args: EditArgs) -> Result<()> {
    let chosen = args
        .editor
        .filter(|e| !e.trim().is_empty())
        .or_else(|| env_editor("VISUAL"))
        .or_else(|| env_editor("EDITOR"));
    let interactive = io::stdin().is_terminal();
    // vi without a terminal would hang or garble a script's output; an editor chosen
    // explicitly (a GUI editor, a script) is trusted to work without one.
    if chosen.is_none() && !interactive {
        return Err(Error::EditNeedsTerminal);
    }
    let editor = chosen.unwrap_or_else(|| "vi".to_string());

    let mut copy: Option<tempfile::TempPath> = None;
    let result = manager.edit(|feeds, original| {
        eprintln!(
            "inkwell: {} is locked while you edit it; other inkwell commands wait until you are done",
            feeds.display()
        );
        let copy = copy.insert(private_copy(feeds, original)?);
        loop {
            run_editor(&editor, copy)?;
            let edited = fs::read(&**copy).map_err(|e| Error::io("read", copy, e))?;
            if edited == original {
                return Ok(None);
            }
            let problem = match FeedsDocument::from_bytes(edited.clone()) {
                Ok(doc) => match crate::feed::problems(doc.text()).as_slice() {
                    [] => return Ok(Some(edited)),
                    [first, ..] => Error::Malformed {
                        path: copy.to_path_buf(),
                        location: Some(crate::error::Location {
                            line: first.line,
                            column: first.column,
                        }),
                        message: crate::feed::describe_problems(&crate::feed::problems(doc.text())),
                    },
                },
                Err(e) => Error::Malformed {
                    path: copy.to_path_buf(),
                    location: e.location,
                    message: e.message,
                },
            };
            if !interactive {
                return Err(problem);
            }
            super::report(&problem);
            if !ask_reopen()? {
                return Err(Error::Declined);
            }
        }
    });
    let installed = match result {
        Ok(installed) => installed,
        Err(e) => return Err(keep_copy(e, copy, manager.paths().dir())),
    };
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

fn env_editor(var: &str) -> Option<String> {
    std::env::var(var).ok().filter(|e| !e.trim().is_empty())
}

fn private_copy(feeds: &Path, original: &[u8]) -> Result<tempfile::TempPath> {
    let dir = feeds.parent().unwrap_or(Path::new("."));
    // tempfile creates it with mode 0600: the feeds can hold credentials.
    let mut tmp = tempfile::Builder::new()
        .prefix(".feeds.yaml.")
        .suffix(EDIT_COPY_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| Error::io("create a private copy in", dir, e))?;
    tmp.write_all(original)
        .and_then(|()| tmp.flush())
        .map_err(|e| Error::io("write", tmp.path(), e))?;
    Ok(tmp.into_temp_path())
}

/// Runs the editor on `file` through the shell, so that a command with arguments
/// (`code --wait`, `emacsclient -t`) works as it does for git.
fn run_editor(editor: &str, file: &Path) -> Result<()> {
    let fail = |reason: String| Error::Editor {
        command: editor.to_string(),
        reason,
    };
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(editor)
        .arg(file)
        .status()
        .map_err(|e| fail(format!("could not be started: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(fail(format!(
            "exited with {status}; feeds.yaml is unchanged"
        )))
    }
}

fn ask_reopen() -> Result<bool> {
    loop {
        eprint!("What now? [r]e-open the editor, or [a]bort and keep feeds.yaml as it was [R/a] ");
        let _ = io::stderr().flush();
        let mut answer = String::new();
        let read = io::stdin()
            .lock()
            .read_line(&mut answer)
            .map_err(|e| Error::io("read from", Path::new("standard input"), e))?;
        if read == 0 {
            return Ok(false);
        }
        match answer.trim().to_lowercase().as_str() {
            "" | "r" | "re-open" | "reopen" => return Ok(true),
            "a" | "abort" | "q" => return Ok(false),
            _ => {}
        }
    }
}

/// Keeps the edited text of an edit that was not installed, and says where.
fn keep_copy(e: Error, copy: Option<tempfile::TempPath>, dir: &Path) -> Error {
    let worth_keeping = matches!(
        e,
        Error::Declined | Error::Malformed { .. } | Error::ChangedDuringEdit { .. }
    );
    let kept: Option<PathBuf> = match copy {
        Some(copy) if worth_keeping => {
            let dest = dir.join(KEPT_NAME);
            copy.persist(&dest).ok().map(|()| dest)
        }
        _ => None,
    };
    match (e, kept) {
        (Error::ChangedDuringEdit { path, .. }, kept) => Error::ChangedDuringEdit { path, kept },
        // The problem's line and column are in the edited text, which now lives here.
        (
            Error::Malformed {
                location, message, ..
            },
            Some(kept),
        ) => {
            eprintln!("note: your edited text is kept in {}", kept.display());
            Error::Malformed {
                path: kept,
                location,
                message,
            }
        }
        (e, Some(kept)) => {
            eprintln!("note: your edited text is kept in {}", kept.display());
            e
        }
        (e, None) => e,
    }
}
