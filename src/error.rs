//! The one error type of the crate, and the one place where errors become exit codes.
//!
//! Every failure a user can meet is a variant here with a message that says what went
//! wrong, where, and (through `hint`) how to fix it. `main` prints it and exits with
//! [`Error::exit_code`]; nothing else decides an exit status.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Exit codes, stable and documented in the README and `--help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum ExitCode {
    Success = 0,
    /// Declined at a confirmation prompt, or any failure not listed below.
    Failure = 1,
    /// Bad command-line usage (unknown flag, missing argument).
    Usage = 2,
    /// A value given on the command line is invalid (URL, name, ...).
    InvalidInput = 3,
    /// The named feed (or key) does not exist.
    NotFound = 4,
    /// The feed already exists.
    AlreadyExists = 5,
    /// A file on disk (feeds.yaml) is malformed; nothing was written.
    Malformed = 6,
    /// Another process held the lock for longer than `--lock-timeout`.
    LockTimeout = 7,
    /// Reading or writing a file failed (permission, disk full, read-only, ...).
    Io = 8,
    /// feeds.yaml kept changing under us (an editor without the lock); nothing was written.
    Conflict = 9,
    /// The change was made (the new file is in place), but something after it failed:
    /// syncing the directory, writing the report to standard output, ...
    ChangedBut = 10,
}

impl ExitCode {
    /// `inkwell merge`: conflicts remain, or the files could not be merged by meaning.
    /// 1 by git's contract for merge drivers (0 clean, non-zero conflicts, > 128 a crash).
    pub const MERGE_CONFLICTS: ExitCode = ExitCode::Failure;

    /// The table printed in `--help` and the README.
    pub const TABLE: &'static str = "\
Exit codes:
  0  success
  1  declined at a prompt, merge conflicts remain (`inkwell merge`), or another failure
  2  usage error (unknown flag, missing argument)
  3  invalid input (URL, feed name, ...)
  4  feed (or config key) not found
  5  feed already exists
  6  malformed feeds.yaml, config.yaml or key file (nothing written)
  7  timed out waiting for the lock
  8  I/O error (permission, disk full, read-only, unsafe key file mode or config dir, symlinked lock, log or key file, ...)
  9  feeds.yaml kept changing during the update (nothing written)
  10 the change was made, but something after it failed (directory sync, audit.log record, standard output)";
}

/// Where in a file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug)]
pub enum Error {
    Usage {
        message: String,
    },
    InvalidUrl {
        url: String,
        reason: String,
    },
    InvalidName {
        name: String,
        reason: String,
    },
    InvalidValue {
        what: String,
        reason: String,
    },
    NotFound {
        name: String,
        suggestion: Option<String>,
    },
    AlreadyExists {
        name: String,
        url: String,
    },
    Malformed {
        path: PathBuf,
        location: Option<Location>,
        message: String,
    },
    LockTimeout {
        path: PathBuf,
        seconds: f64,
    },
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    Conflict {
        path: PathBuf,
        attempts: u32,
    },
    /// An edit produced text that does not read back as the intended feeds.
    /// This is a bug guard: the file is left untouched.
    EditCheck {
        path: PathBuf,
        message: String,
    },
    ChangedSinceConfirmed {
        name: String,
    },
    Declined,
    /// Another program saved the file while inkwell replaced it (after the last check),
    /// and giving that save back failed: it is kept at `kept`. Inside
    /// [`Error::AfterChange`] inkwell's new file is in `path`; on its own (the other
    /// program saved twice) `path` holds its earlier save and inkwell's change is not made.
    OtherSaveKept {
        path: PathBuf,
        kept: PathBuf,
        source: io::Error,
    },
    /// The new file is in place, but a later step failed: the change was made.
    AfterChange {
        cause: Box<Error>,
    },
    /// Inside [`Error::AfterChange`]: the change's audit.log record could not be written
    /// (`cause`), after `earlier`, a failure after the change that came first (the
    /// directory sync), if there was one.
    AuditNotWritten {
        cause: Box<Error>,
        earlier: Option<Box<Error>>,
    },
    /// `inkwell merge`: conflicts remain; CURRENT holds conflict markers.
    MergeConflicts {
        path: PathBuf,
        count: usize,
    },
    /// `inkwell merge`: the versions cannot be merged by meaning; CURRENT is untouched.
    Unmergeable {
        path: PathBuf,
        reason: String,
    },
    /// A git command run by `inkwell git-setup` failed.
    Git {
        command: String,
        reason: String,
    },
    NotATerminal {
        what: String,
    },
    /// `inkwell edit`: a program that ignores the lock saved feeds.yaml during the edit.
    ChangedDuringEdit {
        path: PathBuf,
        /// Where the edited text was kept.
        kept: Option<PathBuf>,
    },
    /// `inkwell edit` without a terminal and without an editor chosen explicitly.
    EditNeedsTerminal,
    /// `inkwell edit` / `config edit`: the editor could not be run or failed (exit 1).
    Editor {
        command: String,
        reason: String,
        /// The signal that ended the editor (seen directly, or as the shell's status
        /// 128+N), if one did.
        signal: Option<i32>,
        /// Where the text the user saved before the failure is kept, if it was changed.
        kept: Option<PathBuf>,
    },
    /// feeds.yaml or config.yaml (symlinks followed) is not a regular file: a device, a
    /// FIFO, a socket or a directory. It is neither opened for writing nor replaced.
    NotRegularFile {
        path: PathBuf,
        /// "character device", "FIFO", ...
        kind: &'static str,
        /// Where `path`, a symlink, leads.
        real: Option<PathBuf>,
    },
    /// The invoking user may not write the file (mode, ACL or owner); replacing it through
    /// the directory would take it over, so nothing is written.
    NotWritable {
        path: PathBuf,
        /// Why, with the mode and owner.
        detail: String,
        /// How to fix it.
        hint: String,
    },
    /// An ACL or extended attribute of the file cannot be carried over to the new file;
    /// writing without it would widen or drop its access rules, so nothing is written.
    ProtectionNotKept {
        path: PathBuf,
        /// The attribute (`system.posix_acl_access` is the ACL).
        attribute: String,
        source: io::Error,
    },
    /// The key file may be read or written by group or others.
    InsecureKeyFile {
        path: PathBuf,
        mode: u32,
    },
    /// The key file is unusable (not a key, missing while its backup exists, ...).
    KeyFile {
        path: PathBuf,
        problem: String,
        hint: String,
    },
    /// One of inkwell's own files in the config dir (feeds.lock, config.lock, audit.log,
    /// .keyfile, .keyfile.backup, or the lock next to a symlinked feeds.yaml's real file)
    /// is a symlink: it is never followed, so that no run (root's least of all) creates or
    /// appends files elsewhere. Nothing was changed.
    SidecarSymlink {
        path: PathBuf,
    },
    /// `.keyfile` in a config directory that others may change (world-writable, or owned
    /// by another user): they could replace the key. Nothing was changed.
    UnsafeKeyDir {
        path: PathBuf,
        reason: String,
    },
    /// A config.yaml key that inkwell-cli does not have.
    UnknownConfigKey {
        key: String,
        suggestion: Option<String>,
    },
    /// An import file has bad entries (or cannot be read as its format at all); nothing
    /// was written. Every problem is listed with its line.
    BadImport {
        source: String,
        problems: Vec<Problem>,
    },
}

/// One bad entry of an import file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line of the entry, where the format tells it.
    pub line: Option<usize>,
    /// 1-based position of the entry in the file, where there is one.
    pub entry: Option<usize>,
    pub message: String,
    /// The entry is fine but a feed of that name already exists.
    pub exists: bool,
}

impl Problem {
    pub fn at(line: Option<usize>, message: impl Into<String>) -> Problem {
        Problem {
            line,
            entry: None,
            message: message.into(),
            exists: false,
        }
    }

    /// `source:line`, or `source: entry N` when the line is unknown.
    pub fn place(&self, source: &str) -> String {
        match (self.line, self.entry) {
            (Some(l), _) => format!("{source}:{l}"),
            (None, Some(n)) => format!("{source}: entry {n}"),
            (None, None) => source.to_string(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(action: &'static str, path: &Path, source: io::Error) -> Error {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Usage { .. } | Error::NotATerminal { .. } => ExitCode::Usage,
            Error::InvalidUrl { .. } | Error::InvalidName { .. } | Error::InvalidValue { .. } => {
                ExitCode::InvalidInput
            }
            Error::NotFound { .. } | Error::UnknownConfigKey { .. } => ExitCode::NotFound,
            Error::AlreadyExists { .. } => ExitCode::AlreadyExists,
            Error::Malformed { .. } | Error::KeyFile { .. } => ExitCode::Malformed,
            Error::LockTimeout { .. } => ExitCode::LockTimeout,
            Error::Io { .. }
            | Error::InsecureKeyFile { .. }
            | Error::NotRegularFile { .. }
            | Error::NotWritable { .. }
            | Error::ProtectionNotKept { .. }
            | Error::OtherSaveKept { .. }
            | Error::SidecarSymlink { .. }
            | Error::UnsafeKeyDir { .. } => ExitCode::Io,
            Error::Conflict { .. }
            | Error::ChangedSinceConfirmed { .. }
            | Error::ChangedDuringEdit { .. } => ExitCode::Conflict,
            Error::AfterChange { .. } | Error::AuditNotWritten { .. } => ExitCode::ChangedBut,
            Error::EditCheck { .. }
            | Error::Declined
            | Error::EditNeedsTerminal
            | Error::Editor { .. }
            | Error::Git { .. } => ExitCode::Failure,
            Error::MergeConflicts { .. } | Error::Unmergeable { .. } => ExitCode::MERGE_CONFLICTS,
            // Only "already exists" problems: the same code as `add` gives for one feed.
            Error::BadImport { problems, .. } if problems.iter().all(|p| p.exists) => {
                ExitCode::AlreadyExists
            }
            Error::BadImport { .. } => ExitCode::InvalidInput,
        }
    }

    /// A second line telling the user what to do, where one helps.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::InvalidUrl { url, .. } if url.len() > crate::feed::MAX_URL_LEN => Some(
                "a feed URL this long is usually a pasted page or a tracking link; use the feed's own address".into(),
            ),
            Error::InvalidUrl { url, reason } if reason.contains("needs http") => {
                Some(format!("did you mean 'https://{}'?", shorten(url)))
            }
            Error::InvalidUrl { .. } => {
                Some("feed URLs must be absolute http:// or https:// URLs".into())
            }
            Error::NotFound { suggestion, .. } => match suggestion {
                Some(s) => Some(format!("did you mean '{s}'?")),
                None => Some("run `inkwell list` to see the configured feeds".into()),
            },
            Error::AlreadyExists { name, .. } => Some(format!(
                "choose another name, change the existing feed with `inkwell update {name} ...`, or free the name with `inkwell rename {name} NEW`"
            )),
            Error::AfterChange { cause } => Some(after_change_hint(cause)),
            Error::Malformed { path, .. } => {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                let edit = if name.starts_with("config.") || name.starts_with(".config.yaml.") {
                    "config edit"
                } else {
                    "edit"
                };
                if name.ends_with(crate::store::atomic::EDIT_COPY_SUFFIX) {
                    // The copy being edited: the session asks what to do next.
                    None
                } else if crate::commands::editor::is_kept_edit(path) {
                    // The kept text of an edit that was not installed.
                    Some(format!(
                        "nothing was changed; `inkwell {edit}` on a terminal offers to resume editing this text"
                    ))
                } else {
                    Some(format!(
                        "fix it by hand (or run `inkwell {edit}`); nothing was changed"
                    ))
                }
            }
            Error::LockTimeout { .. } => Some(
                "another inkwell process holds it; retry, or raise --lock-timeout / INKWELL_LOCK_TIMEOUT".into(),
            ),
            Error::Io {
                action: "create key file" | "create key backup",
                source,
                ..
            } => Some(match io_hint(source) {
                Some(h) if h.contains("nothing was changed") => h,
                Some(h) => format!("{h}; nothing was changed"),
                None => "nothing was changed (no key was created); retry".into(),
            }),
            Error::Io { source, .. } => io_hint(source),
            Error::OtherSaveKept { path, kept, .. } => Some(format!(
                "inkwell's change was not made; {} holds the other program's earlier save: look at both, and `mv {} {}` puts its newest save back",
                path.display(),
                kept.display(),
                path.display()
            )),
            Error::Conflict { .. } => Some(
                "another program (an editor?) keeps rewriting the file; close it and retry".into(),
            ),
            Error::EditCheck { .. } => {
                Some("this is a bug in inkwell; please report it with the file attached".into())
            }
            Error::EditNeedsTerminal => Some(
                "set VISUAL or EDITOR (e.g. EDITOR=\"code --wait\"), or pass --editor CMD".into(),
            ),
            Error::NotATerminal { .. } => Some("pass --force to skip the confirmation".into()),
            Error::ChangedDuringEdit { kept, path } => {
                let again = if path.ends_with("config.yaml") {
                    "inkwell config edit"
                } else {
                    "inkwell edit"
                };
                Some(match kept {
                    Some(k) => format!(
                        "your edited text is kept in {}; compare it with the file and run `{again}` again",
                        k.display()
                    ),
                    None => format!("run `{again}` again"),
                })
            }
            Error::Editor { signal, kept, .. } => {
                let resume = kept.as_ref().map(|k| {
                    let edit = if crate::commands::editor::kept_edit_of_config(k) {
                        "config edit"
                    } else {
                        "edit"
                    };
                    format!(
                        "your edited text is kept in {} and `inkwell {edit}` offers to resume it",
                        k.display()
                    )
                });
                Some(match (signal, resume) {
                    (Some(n), Some(resume)) => format!(
                        "the editor was ended by signal {n} ({}); {resume}",
                        crate::signals::name(*n)
                    ),
                    (Some(n), None) => format!(
                        "the editor was ended by signal {n} ({}); nothing was changed",
                        crate::signals::name(*n)
                    ),
                    (None, Some(resume)) => format!(
                        "{resume}; if the editor does not work, set VISUAL or EDITOR to a working editor command, or pass --editor CMD"
                    ),
                    (None, None) => {
                        "set VISUAL or EDITOR to a working editor command, or pass --editor CMD"
                            .into()
                    }
                })
            }
            Error::InsecureKeyFile { path, .. } => {
                Some(format!("run: chmod 600 {}", path.display()))
            }
            Error::NotRegularFile { kind, real, .. } => Some(format!(
                "inkwell reads and replaces only regular files; move the {kind} away{}, then retry",
                if real.is_some() {
                    " or point the symlink at a regular file"
                } else {
                    ""
                }
            )),
            Error::NotWritable { hint, .. } => Some(hint.clone()),
            Error::ProtectionNotKept { attribute, source, .. } => {
                Some(protection_hint(attribute, source))
            }
            Error::KeyFile { hint, .. } => Some(hint.clone()),
            Error::SidecarSymlink { path } if is_key(path) => Some(
                "put the key file itself there in place of the link (or remove the link if no credentials use it); nothing was changed".into(),
            ),
            Error::SidecarSymlink { .. } => Some(
                "remove the link; inkwell creates the file itself; nothing was changed".into(),
            ),
            Error::UnsafeKeyDir { .. } => Some(
                "make the config directory private to its owner (chmod 700, chown to yourself), or run inkwell as its owner; nothing was changed".into(),
            ),
            Error::UnknownConfigKey { suggestion, .. } => match suggestion {
                Some(s) => Some(format!(
                    "did you mean '{s}'? (`inkwell config show` lists the keys)"
                )),
                None => Some("run `inkwell config show` to see the keys".into()),
            },
            Error::BadImport { problems, .. } if problems.iter().any(|p| p.exists) => Some(
                "fix the entries listed; for feeds that already exist pass --skip-existing or --update-existing".into(),
            ),
            Error::BadImport { .. } => Some("fix the entries listed and run the import again".into()),
            _ => None,
        }
    }
}

/// What is uncertain after a change that was made.
fn after_change_hint(cause: &Error) -> String {
    match cause {
        Error::OtherSaveKept { path, kept, .. } => format!(
            "{} holds inkwell's change; compare it with the other program's save and keep what you want (`mv {} {}` puts that save back, without inkwell's change)",
            path.display(),
            kept.display(),
            path.display()
        ),
        Error::Io { action, .. } if action.starts_with("sync") => {
            "the new file is in place but may not survive a power loss; check with `inkwell list` after a restart".into()
        }
        Error::Io { path, .. } if path == Path::new("standard output") => {
            "only the message was lost; check with `inkwell list`".into()
        }
        Error::AuditNotWritten { cause, earlier } => {
            let fix = match cause.as_ref() {
                Error::Io { source, .. } if source.kind() == io::ErrorKind::StorageFull => {
                    "free some disk space; "
                }
                _ => "",
            };
            let missing = format!(
                "{fix}the change is in place but missing from `inkwell history`: do not make it again (check with `inkwell list`)"
            );
            match earlier {
                Some(e) => format!("{}; {missing}", after_change_hint(e)),
                None => missing,
            }
        }
        _ => "check the result with `inkwell list` or `inkwell history`".into(),
    }
}

/// How to get past an ACL or extended attribute that cannot be copied.
fn protection_hint(attribute: &str, source: &io::Error) -> String {
    let remove = if attribute.starts_with("system.posix_acl") {
        "remove the ACL if it is not needed (`setfacl -b FILE`)".to_string()
    } else {
        format!("remove the attribute if it is not needed (`setfattr -x {attribute} FILE`)")
    };
    let namespace = attribute.split('.').next().unwrap_or_default();
    if source.kind() == io::ErrorKind::PermissionDenied
        && matches!(namespace, "security" | "trusted")
    {
        format!("only root may set {namespace}.* attributes: run inkwell as root, or {remove}")
    } else if source.kind() == io::ErrorKind::Unsupported {
        format!("the file system of the new file does not support it; {remove}")
    } else {
        format!("{remove}, then retry")
    }
}

/// `.keyfile` or `.keyfile.backup`, whose hint differs: the link may lead to the only key.
fn is_key(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with(".keyfile"))
}

fn io_hint(source: &io::Error) -> Option<String> {
    match source.kind() {
        io::ErrorKind::PermissionDenied => {
            Some("check the permissions of the file and its directory".into())
        }
        io::ErrorKind::StorageFull => {
            Some("free some disk space and retry; nothing was changed".into())
        }
        io::ErrorKind::ReadOnlyFilesystem => Some("the file system is mounted read-only".into()),
        io::ErrorKind::NotADirectory => {
            Some("a path component that should be a directory is a file".into())
        }
        io::ErrorKind::IsADirectory => {
            Some("remove or rename the directory that is in the file's place".into())
        }
        _ => None,
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage { message } => write!(f, "{message}"),
            Error::InvalidUrl { url, reason } => {
                write!(f, "invalid URL '{}': {reason}", shorten(url))
            }
            Error::InvalidName { name, reason } => {
                write!(f, "invalid feed name '{}': {reason}", shorten(name))
            }
            Error::InvalidValue { what, reason } => write!(f, "invalid {what}: {reason}"),
            Error::NotFound { name, .. } => write!(f, "no feed named '{}'", shorten(name)),
            Error::AlreadyExists { name, url } => {
                write!(f, "a feed named '{name}' already exists (url: {url})")
            }
            Error::Malformed {
                path,
                location,
                message,
            } => match location {
                Some(l) => write!(f, "{}:{}:{}: {message}", path.display(), l.line, l.column),
                None => write!(f, "{}: {message}", path.display()),
            },
            Error::LockTimeout { path, seconds } => {
                write!(
                    f,
                    "timed out after {seconds}s waiting for the lock on {}",
                    path.display()
                )
            }
            Error::Io {
                action,
                path,
                source,
            } => write!(f, "cannot {action} {}: {source}", path.display()),
            Error::Conflict { path, attempts } => write!(
                f,
                "{} changed during each of {attempts} attempts to update it; nothing was written",
                path.display()
            ),
            Error::EditCheck { path, message } => write!(
                f,
                "refusing to write {}: the edited text does not read back as intended ({message})",
                path.display()
            ),
            Error::ChangedSinceConfirmed { name } => write!(
                f,
                "feed '{name}' changed while waiting for confirmation; nothing was removed"
            ),
            Error::Declined => write!(f, "aborted; nothing was changed"),
            Error::AfterChange { cause } => write!(f, "the change was made, but {cause}"),
            Error::AuditNotWritten { cause, earlier } => {
                if let Some(e) = earlier {
                    write!(f, "{e}; and ")?;
                }
                write!(f, "its audit.log record could not be written: {cause}")
            }
            Error::OtherSaveKept { path, kept, source } => write!(
                f,
                "another program saved {} while inkwell replaced it, and giving its save back failed: {source}; its save is kept at {}",
                path.display(),
                kept.display()
            ),
            Error::MergeConflicts { path, count } => write!(
                f,
                "{}: {count} conflict{} left between conflict markers",
                path.display(),
                if *count == 1 { "" } else { "s" }
            ),
            Error::Unmergeable { path, reason } => write!(
                f,
                "cannot merge {} by meaning: {reason}; it is left as it was",
                path.display()
            ),
            Error::Git { command, reason } => write!(f, "`{command}` failed: {reason}"),
            Error::EditNeedsTerminal => write!(
                f,
                "no editor is set and standard input is not a terminal for the default (vi)"
            ),
            Error::NotATerminal { what } => write!(
                f,
                "{what} needs confirmation, but standard input is not a terminal"
            ),
            Error::ChangedDuringEdit { path, .. } => write!(
                f,
                "{} was changed by another program while you edited it; nothing was written",
                path.display()
            ),
            Error::Editor {
                command, reason, ..
            } => {
                write!(f, "the editor '{}' {reason}", shorten(command))
            }
            Error::NotRegularFile { path, kind, real } => {
                write!(f, "{} is not a regular file but a {kind}", path.display())?;
                if let Some(real) = real {
                    write!(f, " (the symlink leads to {})", real.display())?;
                }
                write!(f, "; nothing was read or written")
            }
            Error::NotWritable { path, detail, .. } => write!(
                f,
                "cannot replace {}: Permission denied: {detail}; nothing was changed",
                path.display()
            ),
            Error::ProtectionNotKept {
                path,
                attribute,
                source,
            } => write!(
                f,
                "cannot copy the {} of {} to the new file: {source}; nothing was changed, rather than widen or drop its access rules",
                if attribute.starts_with("system.posix_acl") {
                    format!("ACL ({attribute})")
                } else {
                    format!("extended attribute {attribute}")
                },
                path.display()
            ),
            Error::InsecureKeyFile { path, mode } => write!(
                f,
                "key file {} has insecure permissions ({mode:#o}): group or others may read or write it",
                path.display()
            ),
            Error::KeyFile { path, problem, .. } => {
                write!(f, "key file {}: {problem}", path.display())
            }
            Error::SidecarSymlink { path } => write!(
                f,
                "refusing to follow the symlink {}: inkwell opens its own files there only directly",
                path.display()
            ),
            Error::UnsafeKeyDir { path, reason } => write!(
                f,
                "refusing to use the key file {}: {reason}, so others could replace the key",
                path.display()
            ),
            Error::UnknownConfigKey { key, .. } => {
                write!(f, "unknown config key '{}'", shorten(key))
            }
            Error::BadImport { source, problems } => {
                // Feeds that already exist are summed up and the first few listed: a
                // re-import of 490 feeds is one fix (a flag), not 490 problems.
                const LISTED: usize = 10;
                let n = problems.len();
                let existing = problems.iter().filter(|p| p.exists).count();
                if existing == n {
                    write!(
                        f,
                        "cannot import {source}: {n} feed{} already exist{} (pass --skip-existing to leave {}, or --update-existing); nothing was changed",
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "s" } else { "" },
                        if n == 1 { "it" } else { "them" }
                    )?;
                } else {
                    write!(
                        f,
                        "cannot import {source}: {n} problem{}; nothing was changed",
                        if n == 1 { "" } else { "s" }
                    )?;
                }
                let mut listed = 0;
                for p in problems {
                    if p.exists {
                        listed += 1;
                        if listed > LISTED {
                            continue;
                        }
                    }
                    write!(f, "\n  {}: {}", p.place(source), p.message)?;
                }
                if existing > LISTED {
                    write!(
                        f,
                        "\n  ... and {} more feeds that already exist",
                        existing - LISTED
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. }
            | Error::ProtectionNotKept { source, .. }
            | Error::OtherSaveKept { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Keep error lines readable when a user passes a 10 kB argument.
fn shorten(s: &str) -> String {
    const MAX: usize = 120;
    let escaped: String = s.escape_debug().collect();
    if escaped.chars().count() <= MAX {
        escaped
    } else {
        let head: String = escaped.chars().take(MAX).collect();
        format!("{head}… ({} bytes)", s.len())
    }
}
