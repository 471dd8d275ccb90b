//! `inkwell show NAME [--json]`: one feed, with its stored values exactly.

use super::output::{FeedJson, Output};
use crate::cli::ShowArgs;
use crate::error::Result;
use crate::ops::{ConfigManager, resolve_name};

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
        super::display(&name),
        opt(&feed.display_name),
        super::display(&feed.url),
        opt(&feed.category),
        super::display(&feed.auth.kind),
        templates
    ))
}
