//! `inkwell rename OLD NEW [--force] [--dry-run]`.

use super::output::{ChangeJson, ChangeReport, FeedJson, Output};
use crate::cli::RenameArgs;
use crate::error::Result;
use crate::feed::FeedName;
use crate::ops::ConfigManager;

pub fn run(manager: &ConfigManager, out: &Output, args: RenameArgs) -> Result<()> {
    let typed = FeedName::parse(&args.new)?;
    let new = typed.to_string();
    // As in inkwell-cli 0.26, a name typed otherwise than its key is kept as display name.
    let display = (new != args.new).then_some(args.new.as_str());
    let (old, replaced) = manager.rename(&args.old, &typed, display, args.force)?;
    let mut notes = Vec::new();
    if new != args.new {
        notes.push(format!(
            "note: stored as '{new}' (normalized from '{}')",
            super::display(&args.new)
        ));
    }
    if let Some(feed) = &replaced {
        notes.push(format!(
            "note: {} the existing feed '{new}' ({})",
            out.verb("replaced", "would replace"),
            feed.url
        ));
    }
    if out.json {
        let change = if old == new {
            ChangeJson::Unchanged { name: old }
        } else {
            ChangeJson::Rename {
                replaced: replaced.as_ref().map(|f| FeedJson::new(&new, f)),
                old_name: old,
                name: new,
            }
        };
        return out.json(&ChangeReport::new("rename", out, vec![change], notes));
    }
    for note in &notes {
        out.note(note);
    }
    if old == new {
        return out.done(&format!(
            "Feed '{}' already has that name\n",
            out.name(&old)
        ));
    }
    out.done(&format!(
        "{} feed '{}' to '{}'\n",
        out.verb("Renamed", "Would rename"),
        out.name(&old),
        out.name(&new)
    ))
}
