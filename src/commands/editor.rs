//! The editor session `inkwell edit` and `inkwell config edit` share, run inside the
//! transaction (so under the file's lock, like `visudo` and `crontab -e`).
//!
//! The editor works on a private copy (mode 0600, next to the file, named so that the
//! next transaction on that file removes it if inkwell was killed meanwhile); the file
//! itself is only replaced once the copy passes the caller's check. If the copy is not
//! installed after the user changed it (abort, invalid, or a program that ignores the lock
//! saved the file meanwhile), it is kept as `<name>.edited.yaml` so no typing is lost.

use crate::error::{Error, Result};
use crate::signals::{self, Held, SIGHUP, SIGINT, SIGTERM};
use crate::store::atomic::{self, EDIT_COPY_SUFFIX};
use std::fs;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The editor to run, and whether a person is there to answer a prompt.
pub struct Editor {
    command: String,
    interactive: bool,
    /// The kept text of an earlier edit (`<name>.edited.yaml`) the user chose to resume:
    /// its path and text, which the editor opens instead of the file's.
    resume: Option<(PathBuf, Vec<u8>)>,
}

impl Editor {
    /// `--editor`, else `$VISUAL`, else `$EDITOR`, else vi, but vi only on a terminal:
    /// without one it would hang or garble a script's output. An editor chosen explicitly
    /// (a GUI editor, a script) is trusted to work without one.
    pub fn choose(flag: Option<String>) -> Result<Editor> {
        let chosen = flag
            .filter(|e| !e.trim().is_empty())
            .or_else(crate::paths::editor_from_env);
        let interactive = io::stdin().is_terminal();
        if chosen.is_none() && !interactive {
            return Err(Error::EditNeedsTerminal);
        }
        Ok(Editor {
            command: chosen.unwrap_or_else(|| "vi".to_string()),
            interactive,
            resume: None,
        })
    }

    /// When an earlier edit of `file` was not installed and its text is kept in `dir`
    /// (see [`keep_copy`]), says where, and on a terminal offers to resume it: the editor
    /// then opens that text instead of the file's. Asked before the lock is taken.
    pub fn offer_kept(&mut self, file: &Path, dir: &Path) -> Result<()> {
        let kept = kept_path(file, dir);
        let Ok(text) = fs::read(&kept) else {
            return Ok(());
        };
        if !self.interactive {
            eprintln!(
                "note: the text of an earlier edit of {} that was not installed is kept in {}; this edit starts from {0} (run it on a terminal to resume that text)",
                file_name(file),
                kept.display()
            );
            return Ok(());
        }
        let newer = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
        let since = match (newer(file), newer(&kept)) {
            (Some(f), Some(k)) if f > k => format!(
                " ({} has changed since; resuming replaces those changes with your text)",
                file_name(file)
            ),
            _ => String::new(),
        };
        eprintln!(
            "An earlier edit of {} was not installed; its text is kept in {}{since}.",
            file_name(file),
            kept.display()
        );
        loop {
            eprint!(
                "What now? [r]esume editing it, [s]tart from {} (it stays kept), or [d]elete it and start from {0} [R/s/d] ",
                file_name(file)
            );
            let _ = io::stderr().flush();
            match read_answer()?.as_deref() {
                None | Some("s" | "start") => return Ok(()),
                Some("" | "r" | "resume") => {
                    self.resume = Some((kept, text));
                    return Ok(());
                }
                Some("d" | "delete") => {
                    fs::remove_file(&kept).map_err(|e| Error::io("remove", &kept, e))?;
                    return Ok(());
                }
                Some(_) => {}
            }
        }
    }

    /// After a session that ended well (installed, or nothing to install): the kept text
    /// it resumed is now in the file, or was given up by the user, so it is removed.
    pub fn forget_kept(&self) {
        if let Some((kept, _)) = &self.resume {
            let _ = fs::remove_file(kept);
        }
    }

    /// Opens `original` (the text of `file`) in the editor on a private copy, stored in
    /// `copy`, until `check` accepts the result or the user gives up. Returns the new
    /// text, or `None` when it is unchanged. Without a terminal, a text `check` refuses is
    /// an error at once; on one, the user may reopen the editor.
    pub fn session(
        &self,
        file: &Path,
        original: &[u8],
        check: impl Fn(&[u8]) -> Result<()>,
        copy: &mut Option<tempfile::TempPath>,
    ) -> Result<Option<Vec<u8>>> {
        eprintln!(
            "inkwell: {} is locked while you edit it; other inkwell commands wait until you are done",
            file.display()
        );
        let start = self.resume.as_ref().map_or(original, |(_, text)| text);
        let copy = copy.insert(private_copy(file, start)?);
        loop {
            self.run(file, copy)?;
            let edited = fs::read(&**copy).map_err(|e| Error::io("read", copy, e))?;
            if edited == original {
                return Ok(None);
            }
            // A problem is reported at its place in the copy the user edits.
            let problem = match check(&edited) {
                Ok(()) => return Ok(Some(edited)),
                Err(Error::Malformed {
                    location, message, ..
                }) => Error::Malformed {
                    path: copy.to_path_buf(),
                    location,
                    message,
                },
                Err(problem) => problem,
            };
            if !self.interactive {
                return Err(problem);
            }
            super::report(&problem);
            if !ask_reopen(file)? {
                return Err(Error::Declined);
            }
        }
    }

    /// Runs the editor on `copy` through the shell, so that a command with arguments
    /// (`code --wait`, `emacsclient -t`) works as it does for git.
    fn run(&self, file: &Path, copy: &Path) -> Result<()> {
        let fail = |reason: String| Error::Editor {
            command: self.command.clone(),
            reason,
        };
        // While the editor runs, Ctrl-C, a closed terminal or a `kill` must not end inkwell:
        // the lock would drop and the user's save go into a copy nobody installs. As git
        // does, the signals are deferred (the editor gets them too and decides itself);
        // once it exits, the session ends as usual and the save is installed.
        let deferred = Held::start(&[SIGINT, SIGTERM, SIGHUP]);
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!("{} \"$@\"", self.command))
            .arg(&self.command)
            .arg(copy)
            .status()
            .map_err(|e| fail(format!("could not be started: {e}")));
        if let Some(signal) = deferred.and_then(Held::finish) {
            eprintln!(
                "inkwell: {} arrived while the editor ran; finishing the edit of {} first",
                signals::name(signal),
                file_name(file)
            );
        }
        let status = status?;
        if status.success() {
            Ok(())
        } else {
            Err(fail(format!(
                "exited with {status}; {} is unchanged",
                file_name(file)
            )))
        }
    }
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A copy of `original` next to the file really written (symlinks followed), where the
/// clean-up of stale temp files looks.
fn private_copy(file: &Path, original: &[u8]) -> Result<tempfile::TempPath> {
    let real = atomic::resolve(file)?;
    let dir = match real.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // tempfile creates it with mode 0600: feeds can hold credentials, config.yaml API keys.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{}.", file_name(&real)))
        .suffix(EDIT_COPY_SUFFIX)
        .tempfile_in(&dir)
        .map_err(|e| Error::io("create a private copy in", &dir, e))?;
    tmp.write_all(original)
        .and_then(|()| tmp.flush())
        .map_err(|e| Error::io("write", tmp.path(), e))?;
    Ok(tmp.into_temp_path())
}

/// One answer typed on standard input, trimmed and in lower case; `None` at its end.
fn read_answer() -> Result<Option<String>> {
    let mut answer = String::new();
    let read = io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Error::io("read from", Path::new("standard input"), e))?;
    Ok((read > 0).then(|| answer.trim().to_lowercase()))
}

fn ask_reopen(file: &Path) -> Result<bool> {
    loop {
        eprint!(
            "What now? [r]e-open the editor, or [a]bort and keep {} as it was [R/a] ",
            file_name(file)
        );
        let _ = io::stderr().flush();
        match read_answer()?.as_deref() {
            None | Some("a" | "abort" | "q") => return Ok(false),
            Some("" | "r" | "re-open" | "reopen") => return Ok(true),
            Some(_) => {}
        }
    }
}

/// Where the text of an edit of `file` that was not installed is kept: `<name>.edited.yaml`
/// in `dir`.
pub fn kept_path(file: &Path, dir: &Path) -> PathBuf {
    let stem = Path::new(&file_name(file))
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!("{stem}.edited.yaml"))
}

/// Keeps the edited text of an edit of `file` that was not installed, in `dir` as
/// `<name>.edited.yaml`, and says where.
pub fn keep_copy(e: Error, copy: Option<tempfile::TempPath>, file: &Path, dir: &Path) -> Error {
    let worth_keeping = matches!(
        e,
        Error::Declined
            | Error::Malformed { .. }
            | Error::InvalidValue { .. }
            | Error::ChangedDuringEdit { .. }
            | Error::NotWritable { .. }
            | Error::ProtectionNotKept { .. }
    );
    let kept: Option<PathBuf> = match copy {
        Some(copy) if worth_keeping => {
            let dest = kept_path(file, dir);
            copy.persist(&dest).ok().map(|()| dest)
        }
        _ => None,
    };
    match (e, kept) {
        (Error::ChangedDuringEdit { path, .. }, kept) => Error::ChangedDuringEdit { path, kept },
        // The place of a problem is now in the kept copy.
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
