//! `inkwell export [--format opml|json|yaml] [-o FILE]`: the feeds in another format,
//! on stdout or written to a file. Credentials are never exported.
//!
//! A regular file (or a new path) is replaced atomically. A FIFO, a character device
//! (`/dev/null`, a terminal) or `/dev/stdout` is written into directly and never
//! replaced. The config dir's own feeds.yaml and config.yaml are refused.

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
    let live = [manager.paths().feeds(), manager.paths().config()];
    let same = |a: &fs::Metadata, b: &fs::Metadata| same_file(a, b);
    let target = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // A new name: still refuse the live files' names (feeds.yaml not created yet).
            let refused = live.iter().any(|l| {
                path.file_name() == l.file_name()
                    && path.parent().and_then(|p| p.canonicalize().ok())
                        == l.parent().and_then(|p| p.canonicalize().ok())
            });
            return if refused {
                Err(live_file(path))
            } else {
                Ok(Destination::File)
            };
        }
        Err(e) => return Err(Error::io("read metadata of", path, e)),
    };
    if live
        .iter()
        .filter_map(|l| fs::metadata(l).ok())
        .any(|l| same(&l, &target))
    {
        return Err(live_file(path));
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

fn live_file(path: &Path) -> Error {
    Error::InvalidValue {
        what: "export destination".into(),
        reason: format!(
            "{} is inkwell's own live file; export to another path",
            path.display()
        ),
    }
}
