//! `inkwell import FILE|- [--format F] [--skip-existing | --update-existing] [--dry-run]`:
//! read a feed list, check every entry, then add them all in one transaction.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::time::Instant;

use super::output::{ChangeJson, ChangeReport, FeedJson, Output};
use crate::cli::{ImportArgs, ImportFormat};
use crate::error::{Error, Problem, Result};
use crate::interchange::{self, Existing, Format, MAX_IMPORT_BYTES, Outcome};
use crate::ops::ConfigManager;

pub fn run(manager: &ConfigManager, out: &Output, args: ImportArgs) -> Result<()> {
    let from_stdin = args.file.as_os_str() == "-";
    let source = if from_stdin {
        "<stdin>".to_string()
    } else {
        args.file.display().to_string()
    };
    let bad = |problems: Vec<Problem>| Error::BadImport {
        source: source.clone(),
        problems,
    };

    let started = Instant::now();
    let bytes = read_input(&args.file, from_stdin)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        bad(vec![Problem::at(Some(line), "the file is not UTF-8 text")])
    })?;
    let format = match args.format {
        Some(ImportFormat::Opml) => Format::Opml,
        Some(ImportFormat::Text) => Format::Text,
        Some(ImportFormat::Json) => Format::Json,
        Some(ImportFormat::Yaml) => Format::Yaml,
        None => Format::detect(&text),
    };
    let records = interchange::parse(&text, format).map_err(bad)?;
    let total = records.len();
    let mut checked = interchange::check(records);
    out.trace(&format!(
        "read {source} as {} ({} bytes, {total} entries) and checked it in {:.1?}",
        format.as_str(),
        text.len(),
        started.elapsed()
    ));
    let existing = if args.update_existing {
        Existing::Update
    } else if args.skip_existing {
        Existing::Skip
    } else {
        Existing::Error
    };
    if !checked.problems.is_empty() {
        // Report clashes with configured feeds too, so one run shows every problem.
        if existing == Existing::Error
            && let Ok(doc) = manager.load()
            && let Err(clashes) = interchange::plan(&doc, &checked.items, existing)
        {
            checked.problems.extend(clashes);
        }
        checked
            .problems
            .sort_by_key(|p| (p.line.unwrap_or(0), p.entry.unwrap_or(0)));
        return Err(bad(checked.problems));
    }
    let outcomes = manager.import(&source, &checked.items, existing)?;
    report(out, &source, format, total, outcomes, checked.notes)
}

/// Reads at most [`MAX_IMPORT_BYTES`]; a larger input is refused, not truncated.
fn read_input(path: &Path, from_stdin: bool) -> Result<Vec<u8>> {
    let label = if from_stdin {
        Path::new("standard input")
    } else {
        path
    };
    let reader: Box<dyn Read> = if from_stdin {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(path).map_err(|e| Error::io("open", path, e))?)
    };
    let mut bytes = Vec::new();
    reader
        .take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", label, e))?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(Error::InvalidValue {
            what: "import file".into(),
            reason: format!(
                "{} is larger than {} MiB; split it into smaller files",
                label.display(),
                MAX_IMPORT_BYTES / (1024 * 1024)
            ),
        });
    }
    Ok(bytes)
}

fn report(
    out: &Output,
    source: &str,
    format: Format,
    total: usize,
    outcomes: Vec<Outcome>,
    notes: Vec<String>,
) -> Result<()> {
    if out.json {
        let changes = outcomes
            .into_iter()
            .map(|o| match o {
                Outcome::Added { name, feed } => ChangeJson::Add {
                    feed: FeedJson::new(&name, &feed),
                    name,
                },
                Outcome::Updated {
                    name,
                    before,
                    after,
                } => ChangeJson::Update {
                    before: FeedJson::new(&name, &before),
                    after: FeedJson::new(&name, &after),
                    name,
                },
                Outcome::Unchanged { name } => ChangeJson::Unchanged { name },
                Outcome::Skipped { name } => ChangeJson::Skip {
                    name,
                    reason: "already exists".into(),
                },
            })
            .collect();
        return out.json(&ChangeReport::new("import", out, changes, notes));
    }
    for note in &notes {
        out.note(&format!("note: {note}"));
    }
    if total == 0 {
        out.note(&format!(
            "warning: {source} has no feeds (read as {})",
            format.as_str()
        ));
    }
    let (mut added, mut updated, mut unchanged, mut skipped) = (0, 0, 0, 0);
    let mut lines = String::new();
    let listing = out.dry_run;
    for o in &outcomes {
        match o {
            Outcome::Added { name, feed } => {
                added += 1;
                if listing {
                    lines.push_str(&format!("  add {name} ({})\n", super::display(&feed.url)));
                }
            }
            Outcome::Updated {
                name,
                before,
                after,
            } => {
                updated += 1;
                if listing {
                    lines.push_str(&format!("  update {name}\n"));
                    for change in super::update::describe_changes(before, after) {
                        lines.push_str(&format!("  {change}\n"));
                    }
                }
            }
            Outcome::Unchanged { .. } => unchanged += 1,
            Outcome::Skipped { name } => {
                skipped += 1;
                if listing {
                    lines.push_str(&format!("  skip {name} (already exists)\n"));
                }
            }
        }
    }
    let mut summary = format!(
        "{} {added} feed{} from {}",
        out.verb("Imported", "Would import"),
        if added == 1 { "" } else { "s" },
        super::display(source)
    );
    let mut extra = Vec::new();
    if updated > 0 {
        extra.push(format!("{updated} updated"));
    }
    if unchanged > 0 {
        extra.push(format!("{unchanged} unchanged"));
    }
    if skipped > 0 {
        extra.push(format!("{skipped} skipped as existing"));
    }
    if !extra.is_empty() {
        summary.push_str(&format!(" ({})", extra.join(", ")));
    }
    out.done(&format!("{lines}{summary}\n"))
}
