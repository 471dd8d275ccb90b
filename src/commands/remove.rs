//! `inkwell remove NAME... [--force]`: all named feeds or none.

use std::io::{self, BufRead, IsTerminal, Write};

use crate::cli::RemoveArgs;
use crate::error::{Error, Result};
use crate::feed::Feed;
use crate::ops::{ConfigManager, resolve_name};

pub fn run(manager: &ConfigManager, args: RemoveArgs) -> Result<()> {
    let confirmed = if !args.force && io::stdin().is_terminal() {
        // Ask before taking the lock, so other writers are not blocked by a person
        // thinking; the transaction then checks the feeds did not change meanwhile.
        let doc = manager.load()?;
        let mut found: Vec<(String, Feed)> = Vec::new();
        for raw in &args.names {
            let name = resolve_name(&doc, raw)?;
            let feed = doc.get(&name).cloned().expect("resolved names exist");
            if !found.iter().any(|(n, _)| *n == name) {
                found.push((name, feed));
            }
        }
        if !confirm(&found)? {
            return Err(Error::Declined);
        }
        Some(found)
    } else {
        None
    };
    let removed = manager.remove(&args.names, confirmed.as_deref())?;
    let mut out = String::new();
    for (name, feed) in removed {
        out.push_str(&format!("Removed feed '{name}' ({})\n", feed.url));
    }
    super::print(&out)
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
