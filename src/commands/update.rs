//! `inkwell update NAME [--url U] [--category C | --no-category] ... [--dry-run]`.

use super::auth::{self, Requested};
use super::output::{ChangeJson, ChangeReport, FeedJson, Output};
use crate::cli::UpdateArgs;
use crate::error::{Error, Result};
use crate::feed::{Auth, Feed, normalize_url, parse_templates};
use crate::feeds::Patch;
use crate::ops::ConfigManager;

pub fn run(manager: &ConfigManager, out: &Output, args: UpdateArgs) -> Result<()> {
    let (credentials, auth_patch) = match auth::read(&args.auth)? {
        Requested::Unchanged => (None, None),
        Requested::Remove => (None, Some(Auth::default())),
        Requested::Set(c) => (Some(c), None),
    };
    let patch = Patch {
        url: args.url.as_deref().map(normalize_url).transpose()?,
        display_name: clearable(args.display_name, args.no_display_name),
        category: clearable(args.category, args.no_category),
        custom_templates: match (args.templates, args.no_templates) {
            (_, true) => Some(Vec::new()),
            (Some(t), false) => Some(parse_templates(&t)),
            (None, false) => None,
        },
        auth: auth_patch,
    };
    if let Some(templates) = &patch.custom_templates {
        crate::feed::check_templates(
            templates,
            &crate::feed::available_templates(manager.paths().dir()),
        )?;
    }
    if patch.is_empty() && credentials.is_none() {
        return Err(Error::Usage {
            message: "nothing to update: pass at least one of --url, --category, --display-name, --templates, --auth (or --no-...)".into(),
        });
    }
    let (name, before, after) = manager.update(&args.name, &patch, credentials.as_ref())?;
    let mut notes = Vec::new();
    if patch.url.is_some() && before.url != after.url {
        let doc = manager.load()?;
        for (other, f) in doc.feeds() {
            if other != name && crate::feed::same_feed_url(&f.url, &after.url) {
                notes.push(format!(
                    "warning: feed '{other}' already has the URL {}",
                    super::display(&f.url)
                ));
            }
        }
    }
    if out.json {
        let change = if before == after {
            ChangeJson::Unchanged { name }
        } else {
            ChangeJson::Update {
                before: FeedJson::new(&name, &before),
                after: FeedJson::new(&name, &after),
                name,
            }
        };
        return out.json(&ChangeReport::new("update", out, vec![change], notes));
    }
    for note in &notes {
        out.note(note);
    }
    let changes = describe_changes(&before, &after);
    if changes.is_empty() {
        return out.done(&format!("Feed '{}' unchanged\n", out.name(&name)));
    }
    out.done(&format!(
        "{} feed '{}'\n{}\n",
        out.verb("Updated", "Would update"),
        out.name(&name),
        changes.join("\n")
    ))
}

/// One `  field: old -> new` line per field that differs.
pub(crate) fn describe_changes(before: &Feed, after: &Feed) -> Vec<String> {
    let mut changes = Vec::new();
    let show = |v: &Option<String>| v.as_deref().map_or("(none)".to_string(), super::display);
    if before.url != after.url {
        changes.push(format!("  url: {} -> {}", before.url, after.url));
    }
    if before.display_name != after.display_name {
        changes.push(format!(
            "  display_name: {} -> {}",
            show(&before.display_name),
            show(&after.display_name)
        ));
    }
    if before.category != after.category {
        changes.push(format!(
            "  category: {} -> {}",
            show(&before.category),
            show(&after.category)
        ));
    }
    if before.custom_templates != after.custom_templates {
        let list = |v: &[String]| {
            if v.is_empty() {
                "(none)".to_string()
            } else {
                super::display(&v.join(", "))
            }
        };
        changes.push(format!(
            "  templates: {} -> {}",
            list(&before.custom_templates),
            list(&after.custom_templates)
        ));
    }
    if before.auth.kind != after.auth.kind {
        changes.push(format!(
            "  auth: {} -> {}",
            before.auth.kind, after.auth.kind
        ));
    } else if before.auth != after.auth {
        changes.push(format!("  auth: {} (new credentials)", after.auth.kind));
    }
    changes
}

fn clearable(value: Option<String>, clear: bool) -> Option<Option<String>> {
    if clear { Some(None) } else { value.map(Some) }
}
