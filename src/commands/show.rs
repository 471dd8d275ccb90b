//! `inkwell show NAME [--json]`: one feed, with its stored values exactly.

use super::output::{FeedJson, Output};
use crate::cli::ShowArgs;
use crate::crypto;
use crate::error::Result;
use crate::feed::Auth;
use crate::ops::{ConfigManager, resolve_name};

/// The auth type and whether the stored credentials open with the key on disk. The
/// credentials themselves are never shown.
fn auth_status(manager: &ConfigManager, auth: &Auth) -> String {
    let kind = super::display(&auth.kind);
    if auth.kind == "none" {
        return kind;
    }
    let keyfile = manager.paths().keyfile();
    match crypto::load(manager.paths()) {
        Ok(Some(key)) if key.opens(auth) => {
            // The username is not a secret; the password and token are never shown.
            match auth.username.as_deref().and_then(|u| key.decrypt(u)) {
                Some(user) => format!(
                    "{kind} (username: {}; credentials encrypted)",
                    super::display(&user)
                ),
                None => format!("{kind} (credentials encrypted)"),
            }
        }
        Ok(Some(_)) => format!(
            "{kind} (warning: the credentials do not decrypt with {})",
            keyfile.display()
        ),
        Ok(None) => format!("{kind} (warning: no key file at {})", keyfile.display()),
        Err(e) => format!("{kind} (warning: {e})"),
    }
}

pub fn run(manager: &ConfigManager, out: &Output, args: ShowArgs) -> Result<()> {
    let doc = manager.load()?;
    let name = resolve_name(&doc, &args.name)?;
    let feed = doc.get(&name).expect("resolved names exist");
    if out.json {
        return out.json(&FeedJson::new(&name, feed));
    }
    let opt = |v: &Option<String>| v.as_deref().map_or("-".to_string(), super::display);
    let templates = if feed.custom_templates.is_empty() {
        "-".to_string()
    } else {
        super::display(&feed.custom_templates.join(", "))
    };
    out.data(&format!(
        "name:          {}\ndisplay name:  {}\nurl:           {}\ncategory:      {}\nauth:          {}\ntemplates:     {}\n",
        out.name(&name),
        opt(&feed.display_name),
        super::display(&feed.url),
        opt(&feed.category),
        auth_status(manager, &feed.auth),
        templates
    ))
}
