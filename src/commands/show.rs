//! `inkwell show NAME [--json]`: one feed, with its stored values exactly.

use serde::Serialize;

use crate::cli::ShowArgs;
use crate::crypto;
use crate::error::Result;
use crate::feed::Auth;
use crate::ops::{ConfigManager, resolve_name};

/// The stored fields, exactly (nulls stay null); credentials are never printed.
#[derive(Serialize)]
struct JsonShow<'a> {
    name: &'a str,
    url: &'a str,
    display_name: Option<&'a str>,
    auth: &'a str,
    category: Option<&'a str>,
    custom_templates: &'a [String],
}

/// The auth type and whether the stored credentials open with the key on disk. The
/// credentials themselves are never shown.
fn auth_status(manager: &ConfigManager, auth: &Auth) -> String {
    let kind = super::display(&auth.kind);
    if auth.kind == "none" {
        return kind;
    }
    let keyfile = manager.paths().keyfile();
    match crypto::load(manager.paths()) {
        Ok(Some(key)) if key.opens(auth) => format!("{kind} (credentials encrypted)"),
        Ok(Some(_)) => format!(
            "{kind} (warning: the credentials do not decrypt with {})",
            keyfile.display()
        ),
        Ok(None) => format!("{kind} (warning: no key file at {})", keyfile.display()),
        Err(e) => format!("{kind} (warning: {e})"),
    }
}

pub fn run(manager: &ConfigManager, args: ShowArgs) -> Result<()> {
    let doc = manager.load()?;
    let name = resolve_name(&doc, &args.name)?;
    let feed = doc.get(&name).expect("resolved names exist");
    if args.json {
        let json = serde_json::to_string_pretty(&JsonShow {
            name: &name,
            url: &feed.url,
            display_name: feed.display_name.as_deref(),
            auth: &feed.auth.kind,
            category: feed.category.as_deref(),
            custom_templates: &feed.custom_templates,
        })
        .expect("serializable");
        return super::print(&format!("{json}\n"));
    }
    let opt = |v: &Option<String>| v.as_deref().map_or("-".to_string(), super::display);
    let templates = if feed.custom_templates.is_empty() {
        "-".to_string()
    } else {
        super::display(&feed.custom_templates.join(", "))
    };
    super::print(&format!(
        "name:          {}\ndisplay name:  {}\nurl:           {}\ncategory:      {}\nauth:          {}\ntemplates:     {}\n",
        super::display(&name),
        opt(&feed.display_name),
        super::display(&feed.url),
        opt(&feed.category),
        auth_status(manager, &feed.auth),
        templates
    ))
}
