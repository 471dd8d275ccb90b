//! `inkwell merge` (git's merge driver for feeds.yaml and config.yaml) and
//! `inkwell git-setup` (the .gitattributes lines, the driver, the .gitignore).

use std::fs;
use std::io;
use std::path::Path;
use std::process::Command;

use crate::cli::{GitSetupArgs, MergeArgs};
use crate::error::{Error, Result};
use crate::merge::{self, Kind, Markers};
use crate::paths::Paths;
use crate::store::atomic;

use super::Output;

/// The driver line, as git expands it: the three versions, the marker size, the path.
pub const DRIVER: &str = "inkwell merge %O %A %B --marker-size %L --path %P";
/// The .gitattributes lines.
pub const ATTRIBUTES: [&str; 2] = ["feeds.yaml merge=inkwell", "config.yaml merge=inkwell"];
/// What not to commit: the key file (and its backups), the audit log, the lock files.
pub const IGNORED: [&str; 4] = [".keyfile*", "audit.log", "feeds.lock", "config.lock"];

pub fn run_merge(out: &Output, args: MergeArgs) -> Result<()> {
    let read = |p: &Path| fs::read(p).map_err(|e| Error::io("read", p, e));
    let current = read(&args.current)?;
    let base = read(&args.base)?;
    let other = read(&args.other)?;
    let name_of = |p: &Path| {
        p.file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned())
    };
    let path = args.path.clone().unwrap_or_else(|| name_of(&args.current));
    // git hands the driver temporary files (.merge_file_XXXXXX): no names to show.
    let label = |given: Option<&String>, file: &Path, fallback: &str| match given {
        Some(l) => l.clone(),
        None if name_of(file).starts_with(".merge_file_") => fallback.to_string(),
        None => name_of(file),
    };
    let markers = Markers {
        size: args.marker_size.max(1),
        current: label(args.labels.first(), &args.current, "CURRENT"),
        other: label(args.labels.get(2), &args.other, "OTHER"),
    };
    let merged =
        merge::merge(Kind::of_path(&path), &base, &current, &other, &markers).map_err(|r| {
            Error::Unmergeable {
                path: path.clone().into(),
                reason: r.0,
            }
        })?;
    if merged.text.as_bytes() != current.as_slice() {
        atomic::write_unguarded(&args.current, merged.text.as_bytes())?;
    }
    for c in &merged.conflicts {
        stderr_line!("conflict: {path}: {c}");
    }
    if !merged.conflicts.is_empty() {
        return Err(Error::MergeConflicts {
            path: path.into(),
            count: merged.conflicts.len(),
        });
    }
    out.trace(&format!("merged {path} cleanly"));
    Ok(())
}

fn git(dir: &Path, args: &[&str]) -> Result<(bool, String)> {
    let shown = format!("git {}", args.join(" "));
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| Error::Git {
            command: shown.clone(),
            reason: e.to_string(),
        })?;
    Ok((
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).trim().to_string(),
    ))
}

/// Appends the lines `file` lacks; returns whether it changed.
fn ensure_lines(file: &Path, lines: &[&str]) -> Result<bool> {
    let old = match fs::read_to_string(file) {
        Ok(s) => s,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io("read", file, e)),
    };
    let have: Vec<&str> = old.lines().map(str::trim).collect();
    let missing: Vec<&&str> = lines.iter().filter(|l| !have.contains(l)).collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut new = old.clone();
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    for l in missing {
        new.push_str(l);
        new.push('\n');
    }
    atomic::write_unguarded(file, new.as_bytes())?;
    Ok(true)
}

pub fn run_setup(paths: &Paths, out: &Output, args: GitSetupArgs) -> Result<()> {
    let dir = paths.dir();
    let (inside, _) =
        git(dir, &["rev-parse", "--is-inside-work-tree"]).unwrap_or((false, String::new()));
    if !inside && !args.global {
        return Err(Error::Git {
            command: format!("git -C {} rev-parse", dir.display()),
            reason: "the config dir is not inside a git checkout; run `git init` there first, or pass --global".into(),
        });
    }
    let mut changed = Vec::new();
    if inside {
        let attributes = dir.join(".gitattributes");
        if ensure_lines(&attributes, &ATTRIBUTES)? {
            changed.push(attributes.display().to_string());
        }
        if args.gitignore {
            let ignore = dir.join(".gitignore");
            if ensure_lines(&ignore, &IGNORED)? {
                changed.push(ignore.display().to_string());
            }
        }
    }
    let scope = if args.global { "--global" } else { "--local" };
    let keys = [
        (
            "merge.inkwell.name",
            "inkwell: feeds.yaml by feed, config.yaml by key",
        ),
        ("merge.inkwell.driver", DRIVER),
    ];
    for (key, value) in keys {
        let (_, now) = git(dir, &["config", scope, "--get", key])?;
        if now != value {
            let (ok, _) = git(dir, &["config", scope, key, value])?;
            if !ok {
                return Err(Error::Git {
                    command: format!("git config {scope} {key} '{value}'"),
                    reason: "git could not write the setting".into(),
                });
            }
            changed.push(format!("git config {scope} {key}"));
        }
    }
    if changed.is_empty() {
        out.note("already set up; nothing changed");
    } else {
        out.note(&format!("set up: {}", changed.join(", ")));
    }
    if !args.gitignore && inside {
        let ignore = dir.join(".gitignore");
        let have = fs::read_to_string(&ignore).unwrap_or_default();
        if IGNORED
            .iter()
            .any(|l| !have.lines().any(|h| h.trim() == *l))
        {
            out.note(&format!(
                "not to commit: {} (run with --gitignore to write them into {})",
                IGNORED.join(" "),
                ignore.display()
            ));
        }
    }
    Ok(())
}
