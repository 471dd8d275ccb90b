//! `inkwell add URL --name NAME`.

use super::auth::{self, Requested};
use crate::cli::AddArgs;
use crate::error::Result;
use crate::feed::{Feed, normalize_name, normalize_url, parse_templates};
use crate::ops::ConfigManager;

pub fn run(manager: &ConfigManager, args: AddArgs) -> Result<()> {
    let url = normalize_url(&args.url)?;
    let name = normalize_name(&args.name)?;
    let mut feed = Feed::new(url);
    feed.category = args.category;
    feed.custom_templates = args
        .templates
        .as_deref()
        .map(parse_templates)
        .unwrap_or_default();
    feed.display_name = match args.display_name {
        Some(d) => Some(d),
        // Keep what the user typed when normalization changed it, as inkwell-cli does.
        None if name != args.name => Some(args.name.clone()),
        None => None,
    };
    let credentials = match auth::read(&args.auth)? {
        Requested::Set(c) => Some(c),
        Requested::Unchanged | Requested::Remove => None,
    };
    let same_url = manager.add_with(&name, feed.clone(), credentials.as_ref())?;
    if name != args.name {
        eprintln!(
            "note: stored as '{name}' (normalized from '{}')",
            super::display(&args.name)
        );
    }
    for other in same_url {
        eprintln!("warning: feed '{other}' already has the URL {}", feed.url);
    }
    match &credentials {
        Some(c) => super::print(&format!(
            "Added feed '{name}' ({}) with {} authentication\n",
            feed.url,
            c.kind()
        )),
        None => super::print(&format!("Added feed '{name}' ({})\n", feed.url)),
    }
}
