//! `inkwell remove NAME... [--force] [--missing-ok] [--dry-run]`: all named feeds or none.

use std::io::{self, BufRead, IsTerminal, Write};

use super::output::{ChangeJson, ChangeReport, FeedJson, Output};
use crate::cli::RemoveArgs;
use crate::error::{Error, Result};
use crate::feed::Feed;
use crate::ops::{ConfigManager, resolve_name};

pub fn run(manager: &ConfigManager, out: &Output, args: RemoveArgs) -> Result<()> {
    // Ask only a person: never in a dry run, for JSON, or when any stream is redirected.
    let interactive = io::stdin().is_terminal()
        && io::stdout().is_terminal()
        && io::stderr().is_terminal()
        && !out.dry_run
        && !out.json;
    // inkwell-cli asks even without a terminal, and aborts when nothing answers: without
    // --force nothing is deleted unless a person said yes.
    if !args.force && !interactive && !out.dry_run {
        // An unknown name is still reported as such (exit 4) rather than as the prompt.
        let doc = manager.load()?;
        for raw in &args.names {
            match resolve_name(&doc, raw) {
                Err(Error::NotFound { .. }) if args.missing_ok => {}
                Err(e) => return Err(e),
                Ok(_) => {}
            }
        }
        return Err(Error::NotATerminal {
            what: "removing feeds".into(),
        });
    }
    let confirmed = if !args.force && interactive {
        // Ask before taking the lock, so other writers are not blocked by a person
        // thinking; the transaction then checks the feeds did not change meanwhile.
        let doc = manager.load()?;
        let mut found: Vec<(String, Feed)> = Vec::new();
        for raw in &args.names {
            let name = match resolve_name(&doc, raw) {
                Ok(name) => name,
                Err(Error::NotFound { .. }) if args.missing_ok => continue,
                Err(e) => return Err(e),
            };
            let feed = doc.get(&name).cloned().expect("resolved names exist");
            if !found.iter().any(|(n, _)| *n == name) {
                found.push((name, feed));
            }
        }
        if !found.is_empty() && !confirm(&found)? {
            return Err(Error::Declined);
        }
        Some(found)
    } else {
        None
    };
    let (removed, missing) = manager.remove(&args.names, confirmed.as_deref(), args.missing_ok)?;
    if out.json {
        let mut changes: Vec<ChangeJson> = removed
            .iter()
            .map(|(name, feed)| ChangeJson::Remove {
                name: name.clone(),
                feed: FeedJson::new(name, feed),
            })
            .collect();
        changes.extend(missing.iter().map(|name| ChangeJson::Skip {
            name: name.clone(),
            reason: "no such feed".into(),
        }));
        return out.json(&ChangeReport::new("remove", out, changes, Vec::new()));
    }
    for name in &missing {
        out.note(&format!(
            "note: no feed named '{}'; nothing to remove",
            super::display(name)
        ));
    }
    let mut text = String::new();
    for (name, feed) in removed {
        text.push_str(&format!(
            "{} feed '{}' ({})\n",
            out.verb("Removed", "Would remove"),
            out.name(&name),
            feed.url
        ));
    }
    out.done(&text)
}

fn confirm(feeds: &[(String, Feed)]) -> Result<bool> {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "This will remove:");
    for (name, feed) in feeds {
        let _ = writeln!(err, "  {name}  {}", super::display(&feed.url));
    }
    let _ = write!(err, "Remove {} feed(s)? [y/N] ", feeds.len());
    let _ = err.flush();
    let mut answer = String::new();
    io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Error::io("read from", std::path::Path::new("standard input"), e))?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}
