//! `inkwell export [--format opml|json|yaml] [-o FILE]`: the feeds in another format,
//! on stdout or written to a file. Credentials are never exported.
//!
//! A regular file (or a new path) is replaced atomically. A FIFO, a character device
//! (`/dev/null`, a terminal) or `/dev/stdout` is written into directly and never
//! replaced. The config dir's own files are refused: feeds.yaml, config.yaml, feeds.lock,
//! config.lock, .keyfile, .keyfile.backup and audit.log (also through a symlink or a hard
//! link).

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use super::output::Output;
use crate::cli::{ExportArgs, ExportFormat};
use crate::error::{Error, Result};
use crate::interchange::{export_json, export_opml, export_yaml};
use crate::ops::ConfigManager;
use crate::store::atomic;

pub fn run(manager: &ConfigManager, out: &Output, args: ExportArgs) -> Result<()> {
    let doc = manager.load()?;
    // --format, else the output file's extension, else OPML (JSON with --json).
    let from_extension = args.output.as_deref().and_then(|p| {
        match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "opml" | "xml" => Some(ExportFormat::Opml),
            "json" => Some(ExportFormat::Json),
            "yaml" | "yml" => Some(ExportFormat::Yaml),
            _ => None,
        }
    });
    let format = args.format.or(from_extension).unwrap_or(if out.json {
        ExportFormat::Json
    } else {
        ExportFormat::Opml
    });
    let text = match format {
        ExportFormat::Opml => export_opml(&doc),
        ExportFormat::Json => export_json(&doc),
        ExportFormat::Yaml => export_yaml(&doc),
    };
    let Some(path) = args.output else {
        return out.data(&text);
    };
    let done = format!(
        "Exported {} feed{} to {}",
        doc.len(),
        if doc.len() == 1 { "" } else { "s" },
        path.display()
    );
    match destination(manager, &path)? {
        Destination::Stream => {
            fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .and_then(|mut f| f.write_all(text.as_bytes()))
                .map_err(|e| Error::io("write to", &path, e))?;
            // A stream may be standard output itself (`-o /dev/stdout`): the export alone
            // goes there, the confirmation to stderr.
            out.note(&done);
            Ok(())
        }
        Destination::File => {
            atomic::write_unguarded(&path, text.as_bytes())?;
            out.done(&format!("{done}\n"))
        }
    }
}

/// Whether two metadata describe one file (where that cannot be told, by size and
/// modification time, which only a live config file and its copy share).
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        a.len() == b.len() && a.modified().ok() == b.modified().ok()
    }
}

enum Destination {
    /// Written into as it is: a FIFO, a character device, standard output.
    Stream,
    /// Replaced atomically: a regular file or a new path.
    File,
}

fn destination(manager: &ConfigManager, path: &Path) -> Result<Destination> {
    let paths = manager.paths();
    // Every file inkwell keeps in the config dir: overwriting the key, its backup, the
    // history or a lock file would destroy them (or the mutual exclusion) as surely as
    // overwriting the feed list.
    let own = [
        paths.feeds(),
        paths.config(),
        paths.feeds_lock(),
        paths.config_lock(),
        paths.keyfile(),
        paths.keyfile_backup(),
        paths.audit_log(),
    ];
    // By name, after following symlinks: also a file not created yet (no .keyfile before
    // the first --auth) and a dangling symlink to one of them.
    let dir = paths.dir().canonicalize().ok();
    let resolved = atomic::resolve(path)?;
    let resolved_dir = match resolved.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new(".").canonicalize().ok(),
        Some(p) => p.canonicalize().ok(),
        None => None,
    };
    if dir.is_some()
        && resolved_dir == dir
        && own.iter().any(|o| resolved.file_name() == o.file_name())
    {
        return Err(own_file(path));
    }
    let target = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Destination::File),
        Err(e) => return Err(Error::io("read metadata of", path, e)),
    };
    // By identity: a hard link elsewhere, or a feeds.yaml that is a symlink to a file
    // outside the config dir.
    if own
        .iter()
        .filter_map(|o| fs::metadata(o).ok())
        .any(|o| same_file(&o, &target))
    {
        return Err(own_file(path));
    }
    let kind = target.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() || kind.is_char_device() || path.starts_with("/dev/fd") {
            return Ok(Destination::Stream);
        }
        if path.starts_with("/dev") || path.starts_with("/proc") {
            // /dev/stdout naming a regular file: write into it as a shell redirection
            // would, rather than replace the file behind the descriptor.
            return Ok(Destination::Stream);
        }
    }
    if kind.is_file() {
        return Ok(Destination::File);
    }
    let problem = if kind.is_dir() {
        io::Error::new(io::ErrorKind::IsADirectory, "it is a directory")
    } else {
        io::Error::other("it is not a regular file, a FIFO or a character device")
    };
    Err(Error::io("write to", path, problem))
}

fn own_file(path: &Path) -> Error {
    Error::InvalidValue {
        what: "export destination".into(),
        reason: format!(
            "{} is one of inkwell's own files (the feeds, the settings, the key, the history or a lock); export to another path",
            path.display()
        ),
    }
}
