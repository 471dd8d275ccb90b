//! `inkwell add URL --name NAME [--auth ...] [--exist-ok] [--dry-run]`.

use super::auth::{self, Requested};
use super::output::{ChangeJson, ChangeReport, FeedJson, Output};
use crate::cli::AddArgs;
use crate::error::Result;
use crate::feed::{Feed, FeedName, FeedUrl, parse_templates};
use crate::ops::ConfigManager;

pub fn run(manager: &ConfigManager, out: &Output, args: AddArgs) -> Result<()> {
    let url = FeedUrl::parse(&args.url)?;
    let name = FeedName::parse(&args.name)?;
    let mut feed = Feed::new(url.to_string());
    feed.category = args.category;
    feed.custom_templates = args
        .templates
        .as_deref()
        .map(parse_templates)
        .unwrap_or_default();
    crate::feed::check_templates(
        &feed.custom_templates,
        &crate::feed::available_templates(manager.paths().dir()),
    )?;
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
    let same_url = manager.add(
        &name,
        &url,
        feed.clone(),
        credentials.as_ref(),
        args.exist_ok,
    )?;
    if let Some(c) = &credentials {
        feed.auth.kind = c.kind().into();
    }
    let mut notes = Vec::new();
    if name != args.name {
        notes.push(format!(
            "note: stored as '{name}' (normalized from '{}')",
            super::display(&args.name)
        ));
    }
    for other in same_url.iter().flatten() {
        notes.push(format!(
            "warning: feed '{other}' already has the URL {}",
            feed.url
        ));
    }
    if out.json {
        let change = match same_url {
            Some(_) => ChangeJson::Add {
                name: name.to_string(),
                feed: FeedJson::new(name.as_str(), &feed),
            },
            None => ChangeJson::Unchanged {
                name: name.to_string(),
            },
        };
        return out.json(&ChangeReport::new("add", out, vec![change], notes));
    }
    for note in &notes {
        out.note(note);
    }
    let with_auth = match &credentials {
        Some(c) => format!(" with {} authentication", c.kind()),
        None => String::new(),
    };
    match same_url {
        Some(_) => out.done(&format!(
            "{} feed '{}' ({}){with_auth}\n",
            out.verb("Added", "Would add"),
            out.name(name.as_str()),
            feed.url
        )),
        None => out.done(&format!(
            "Feed '{}' already exists with this URL; nothing changed\n",
            out.name(name.as_str())
        )),
    }
}
