//! `inkwell list [feeds] [--json]`: a table for people, inkwell-cli's JSON for scripts.

use serde::Serialize;

use crate::cli::ListArgs;
use crate::error::Result;
use crate::ops::ConfigManager;

/// One feed in inkwell-cli's `list feeds --json` shape.
#[derive(Serialize)]
struct JsonFeed<'a> {
    name: &'a str,
    /// The display name, or the name when there is none (as inkwell-cli prints it).
    display_name: &'a str,
    url: &'a str,
    /// The auth type only; credentials are never printed.
    auth: &'a str,
    category: &'a str,
    extra_templates: &'a [String],
}

#[derive(Serialize)]
struct JsonList<'a> {
    feeds: Vec<JsonFeed<'a>>,
    total: usize,
}

pub fn run(manager: &ConfigManager, args: ListArgs) -> Result<()> {
    let doc = manager.load()?;
    if args.json {
        let feeds: Vec<JsonFeed> = doc
            .feeds()
            .map(|(name, f)| JsonFeed {
                name,
                display_name: f
                    .display_name
                    .as_deref()
                    .filter(|d| !d.is_empty())
                    .unwrap_or(name),
                url: &f.url,
                auth: &f.auth.kind,
                category: f.category.as_deref().unwrap_or(""),
                extra_templates: &f.custom_templates,
            })
            .collect();
        let total = feeds.len();
        let json = serde_json::to_string_pretty(&JsonList { feeds, total }).expect("serializable");
        return super::print(&format!("{json}\n"));
    }
    if doc.is_empty() {
        eprintln!("No feeds configured yet.\nAdd one: inkwell add URL --name NAME");
        return Ok(());
    }
    let dash = |s: Option<&str>| {
        s.filter(|s| !s.is_empty())
            .map_or("-".to_string(), super::display)
    };
    let rows: Vec<[String; 4]> = doc
        .feeds()
        .map(|(name, f)| {
            [
                super::display(name),
                dash(f.category.as_deref()),
                if f.auth.kind == "none" {
                    "-".into()
                } else {
                    super::display(&f.auth.kind)
                },
                super::display(&f.url),
            ]
        })
        .collect();
    let mut out = table(["NAME", "CATEGORY", "AUTH", "URL"], &rows);
    out.push_str(&format!(
        "{} feed{}\n",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    ));
    super::print(&out)
}

/// Left-aligned columns separated by two spaces; the last column is not padded.
fn table<const N: usize>(header: [&str; N], rows: &[[String; N]]) -> String {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut l = String::new();
        for (i, cell) in cells.enumerate() {
            if i + 1 == N {
                l.push_str(cell);
            } else {
                l.push_str(&format!("{cell:<w$}  ", w = widths[i]));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}
