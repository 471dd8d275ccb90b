//! `inkwell export [--format opml|json|yaml] [-o FILE]`: the feeds in another format,
//! on stdout or written atomically to a file. Credentials are never exported.

use super::output::Output;
use crate::cli::{ExportArgs, ExportFormat};
use crate::error::Result;
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
    atomic::write_unguarded(&path, text.as_bytes())?;
    out.done(&format!(
        "Exported {} feed{} to {}\n",
        doc.len(),
        if doc.len() == 1 { "" } else { "s" },
        path.display()
    ))
}
