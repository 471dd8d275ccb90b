//! `inkwell rename OLD NEW [--force]`.

use crate::cli::RenameArgs;
use crate::error::Result;
use crate::feed::normalize_name;
use crate::ops::ConfigManager;

pub fn run(manager: &ConfigManager, args: RenameArgs) -> Result<()> {
    let new = normalize_name(&args.new)?;
    let (old, replaced) = manager.rename(&args.old, &new, args.force)?;
    if new != args.new {
        eprintln!(
            "note: stored as '{new}' (normalized from '{}')",
            super::display(&args.new)
        );
    }
    if let Some(feed) = replaced {
        eprintln!("note: replaced the existing feed '{new}' ({})", feed.url);
    }
    if old == new {
        return super::print(&format!("Feed '{old}' already has that name\n"));
    }
    super::print(&format!("Renamed feed '{old}' to '{new}'\n"))
}
