//! The editor session `inkwell edit` and `inkwell config edit` share, run inside the
//! transaction (so under the file's lock, like `visudo` and `crontab -e`).
//!
//! The editor works on a private copy (mode 0600, next to the file, named so that the
//! next transaction on that file removes it if inkwell was killed meanwhile); the file
//! itself is only replaced once the copy passes the caller's check. If the copy is not
//! installed after the user changed it (abort, invalid, an editor that failed or was
//! ended by a signal, or a program that ignores the lock saved the file meanwhile), it is
//! kept in the config dir as `<name>.edited.yaml` (then `<name>.edited.2.yaml`, ...: a
//! kept text is never overwritten) so no typing is lost.

use crate::error::{Error, Result};
use crate::platform::{self, NoReplace};
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
    /// (see [`Editor::keep_copy`]), says where, and on a terminal offers to resume it: the editor
    /// then opens that text instead of the file's. Asked before the lock is taken.
    pub fn offer_kept(&mut self, file: &Path, dir: &Path) -> Result<()> {
        let mut all = kept_texts(file, dir);
        // The newest is offered; the others are named.
        let Some(kept) = all.pop() else {
            return Ok(());
        };
        let Ok(text) = fs::read(&kept) else {
            return Ok(());
        };
        let older = || {
            if !all.is_empty() {
                let names: Vec<String> = all.iter().map(|p| p.display().to_string()).collect();
                stderr_line!(
                    "note: older texts of edits of {} that were not installed are kept in {}",
                    file_name(file),
                    names.join(", ")
                );
            }
        };
        if !self.interactive {
            stderr_line!(
                "note: the text of an earlier edit of {} that was not installed is kept in {}; this edit starts from {0} (run it on a terminal to resume that text)",
                file_name(file),
                kept.display()
            );
            older();
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
        stderr_line!(
            "An earlier edit of {} was not installed; its text is kept in {}{since}.",
            file_name(file),
            kept.display()
        );
        older();
        loop {
            stderr_text!(
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
    /// text, or `None` when it is unchanged; a text emptied in the editor becomes one
    /// comment line, so inkwell never writes an empty file. Without a terminal, a text `check` refuses is
    /// an error at once; on one, the user may reopen the editor.
    pub fn session(
        &self,
        file: &Path,
        original: &[u8],
        check: impl Fn(&[u8]) -> Result<()>,
        copy: &mut Option<Copy>,
    ) -> Result<Option<Vec<u8>>> {
        stderr_line!(
            "inkwell: {} is locked while you edit it; other inkwell commands wait until you are done",
            file.display()
        );
        let start = self.resume.as_ref().map_or(original, |(_, text)| text);
        let copy = &copy
            .insert(Copy {
                path: private_copy(file, start)?,
                start: start.to_vec(),
            })
            .path;
        loop {
            self.run(file, copy)?;
            let mut edited = fs::read(&**copy).map_err(|e| Error::io("read", copy, e))?;
            if edited.is_empty() {
                // Readers take an empty file for a save in progress (inkwell-cli's, which
                // truncates first) and look again for a moment: an emptied file is
                // installed as a comment line instead, which both tools read as empty.
                edited = EMPTIED.to_vec();
            }
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
        let fail = |reason: String, signal: Option<i32>| Error::Editor {
            command: self.command.clone(),
            reason,
            signal,
            kept: None,
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
            .map_err(|e| fail(format!("could not be started: {e}"), None));
        if let Some(signal) = deferred.and_then(Held::finish) {
            stderr_line!(
                "inkwell: {} arrived while the editor ran; finishing the edit of {} first",
                signals::name(signal),
                file_name(file)
            );
        }
        let status = status?;
        if status.success() {
            return Ok(());
        }
        // The editor runs under `sh -c`, which reports a child ended by signal N as
        // status 128+N (unless it exec'd the editor, then the signal is seen directly).
        #[cfg(unix)]
        let signal = std::os::unix::process::ExitStatusExt::signal(&status).or_else(|| {
            status
                .code()
                .filter(|c| (129..=192).contains(c))
                .map(|c| c - 128)
        });
        #[cfg(not(unix))]
        let signal = None;
        let how = match signal {
            Some(n) => format!("was ended by signal {n} ({})", signals::name(n)),
            None => format!("exited with {status}"),
        };
        Err(fail(
            format!("{how}; {} is unchanged", file_name(file)),
            signal,
        ))
    }
}

/// What a text emptied in the editor is installed as (see [`Editor::session`]).
const EMPTIED: &[u8] = b"# empty: every setting at its default, no feeds\n";

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
        stderr_text!(
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

/// The private copy of a session and the text it started from (the file's, or a kept
/// text resumed).
pub struct Copy {
    path: tempfile::TempPath,
    start: Vec<u8>,
}

/// The stem of `file`'s name: `feeds` for feeds.yaml.
fn stem(file: &Path) -> String {
    Path::new(&file_name(file))
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The `n`th name a kept text of an edit of `file` may take in `dir`:
/// `<name>.edited.yaml`, then `<name>.edited.2.yaml`, `<name>.edited.3.yaml`, ...
fn kept_name(file: &Path, dir: &Path, n: u32) -> PathBuf {
    let stem = stem(file);
    match n {
        0 | 1 => dir.join(format!("{stem}.edited.yaml")),
        n => dir.join(format!("{stem}.edited.{n}.yaml")),
    }
}

/// The number in a kept text's name (1 for `<stem>.edited.yaml`), if `name` is one.
fn kept_number(stem: &str, name: &str) -> Option<u32> {
    let rest = name.strip_prefix(stem)?.strip_prefix(".edited.")?;
    if rest == "yaml" {
        return Some(1);
    }
    let n = rest.strip_suffix(".yaml")?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) || n.starts_with('0') {
        return None;
    }
    n.parse().ok().filter(|&n| n >= 2)
}

/// Whether `path` names a kept text (of feeds.yaml or config.yaml).
pub fn is_kept_edit(path: &Path) -> bool {
    let name = file_name(path);
    ["feeds", "config"]
        .iter()
        .any(|stem| kept_number(stem, &name).is_some())
}

/// Whether `path` names a kept text of config.yaml.
pub fn kept_edit_of_config(path: &Path) -> bool {
    kept_number("config", &file_name(path)).is_some()
}

/// Every kept text of edits of `file` in `dir`, oldest first (by modification time, then
/// by number), newest last.
pub fn kept_texts(file: &Path, dir: &Path) -> Vec<PathBuf> {
    let stem = stem(file);
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(Option<std::time::SystemTime>, u32, PathBuf)> = entries
        .filter_map(|e| {
            let e = e.ok()?;
            let n = kept_number(&stem, &e.file_name().to_string_lossy())?;
            let meta = e.metadata().ok().filter(|m| m.is_file())?;
            Some((meta.modified().ok(), n, e.path()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, _, p)| p).collect()
}

/// The largest number tried for a free kept name.
const MAX_KEPT: u32 = 10_000;

/// Moves the private copy `copy` to the first free kept name in `dir`, durably. The
/// name is taken atomically (no-replace rename, or create-new), so no kept text is
/// overwritten. When the rename fails (the copy sits next to the real file of a
/// symlink, on another file system: EXDEV), the text is copied (create-new, fsync) and
/// the copy removed.
fn keep(copy: tempfile::TempPath, file: &Path, dir: &Path) -> io::Result<PathBuf> {
    fs::File::open(&copy)?.sync_all()?;
    let sync_dir = || {
        #[cfg(unix)]
        let _ = fs::File::open(dir).and_then(|d| d.sync_all());
    };
    let mut renamed = true;
    for n in 1..=MAX_KEPT {
        let dest = kept_name(file, dir, n);
        match platform::rename_noreplace(&copy, &dest) {
            Ok(NoReplace::Renamed) => {
                let _ = copy.keep();
                sync_dir();
                return Ok(dest);
            }
            Ok(NoReplace::Exists) => {}
            Err(_) => {
                renamed = false;
                break;
            }
        }
    }
    if renamed {
        return Err(io::Error::other(format!(
            "{MAX_KEPT} kept texts exist already"
        )));
    }
    let text = fs::read(&copy)?;
    for n in 1..=MAX_KEPT {
        let dest = kept_name(file, dir, n);
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut out = match options.open(&dest) {
            Ok(out) => out,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        if let Err(e) = out.write_all(&text).and_then(|()| out.sync_all()) {
            let _ = fs::remove_file(&dest);
            return Err(e);
        }
        sync_dir();
        // `copy` is removed when it goes out of scope.
        return Ok(dest);
    }
    Err(io::Error::other(format!(
        "{MAX_KEPT} kept texts exist already"
    )))
}

impl Editor {
    /// After a session that failed: keeps the edited text, whatever the failure, when it
    /// differs from the text the session started from, in `dir` under a free name (see
    /// [`keep`]), and says where. A kept text the session resumed is then removed: the
    /// new one carries it on. If keeping fails, says so.
    pub fn keep_copy(&self, e: Error, copy: Option<Copy>, file: &Path, dir: &Path) -> Error {
        let kept: Option<PathBuf> = match copy {
            Some(Copy { path, start }) => match fs::read(&path) {
                Ok(edited) if edited != start => match keep(path, file, dir) {
                    Ok(dest) => {
                        if let Some((resumed, _)) = &self.resume
                            && resumed != &dest
                        {
                            let _ = fs::remove_file(resumed);
                        }
                        Some(dest)
                    }
                    Err(why) => {
                        stderr_line!(
                            "warning: your edited text could not be kept in {}: {why}; it is lost",
                            dir.display()
                        );
                        None
                    }
                },
                _ => None,
            },
            None => None,
        };
        match (e, kept) {
            (Error::ChangedDuringEdit { path, .. }, kept) => {
                Error::ChangedDuringEdit { path, kept }
            }
            (
                Error::Editor {
                    command,
                    reason,
                    signal,
                    ..
                },
                kept,
            ) => Error::Editor {
                command,
                reason,
                signal,
                kept,
            },
            // The place of a problem is now in the kept copy.
            (
                Error::Malformed {
                    location, message, ..
                },
                Some(kept),
            ) => {
                stderr_line!("note: your edited text is kept in {}", kept.display());
                Error::Malformed {
                    path: kept,
                    location,
                    message,
                }
            }
            // Not kept: the private copy is gone, so the problem is named in the file
            // (its place is that of the edited text).
            (
                Error::Malformed {
                    location, message, ..
                },
                None,
            ) => Error::Malformed {
                path: file.to_path_buf(),
                location,
                message,
            },
            (e, Some(kept)) => {
                stderr_line!("note: your edited text is kept in {}", kept.display());
                e
            }
            (e, None) => e,
        }
    }
}
