//! `inkwell list [feeds] [--json]`: a table for people, inkwell-cli's JSON for scripts.

use super::output::Output;
use crate::cli::ListArgs;
use crate::error::Result;
use crate::interchange::export_json;
use crate::ops::ConfigManager;

pub fn run(manager: &ConfigManager, out: &Output, _args: ListArgs) -> Result<()> {
    let doc = manager.load()?;
    if out.json {
        return out.data(&export_json(&doc));
    }
    if doc.is_empty() {
        out.note("No feeds configured yet.\nAdd one: inkwell add URL --name NAME");
        return Ok(());
    }
    let dash = |s: Option<&str>| {
        s.filter(|s| !s.is_empty())
            .map_or("-".to_string(), super::display)
    };
    // As inkwell-cli shows it: the listener's own title, with the key to type below it
    // when they differ, and the feed's extra templates.
    let mut rows: Vec<[String; 5]> = Vec::new();
    for (name, f) in doc.feeds() {
        let title = f
            .display_name
            .as_deref()
            .filter(|d| !d.is_empty() && *d != name);
        rows.push([
            super::display(title.unwrap_or(name)),
            dash(f.category.as_deref()),
            if f.auth.kind == "none" {
                "-".into()
            } else {
                super::display(&f.auth.kind)
            },
            if f.custom_templates.is_empty() {
                "-".into()
            } else {
                super::display(&f.custom_templates.join(","))
            },
            super::display(&f.url),
        ]);
        if title.is_some() {
            rows.push([
                format!("  {}", super::display(name)),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
    }
    let count = doc.len();
    let mut text = table(out, ["NAME", "CATEGORY", "AUTH", "TEMPLATES", "URL"], &rows);
    text.push_str(&format!(
        "{} feed{}\n",
        count,
        if count == 1 { "" } else { "s" }
    ));
    out.data(&text)
}

/// Left-aligned columns separated by two spaces; the last column is not padded. The
/// first column of the rows holds feed names (coloured on a terminal).
fn table<const N: usize>(out: &Output, header: [&str; N], rows: &[[String; N]]) -> String {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut text = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>, names: bool| {
        let mut l = String::new();
        for (i, cell) in cells.enumerate() {
            if i == 0 && names {
                l.push_str(&out.name_cell(cell, widths[i]));
                l.push_str("  ");
            } else if i + 1 == N {
                l.push_str(cell);
            } else {
                l.push_str(&format!("{cell:<w$}  ", w = widths[i]));
            }
        }
        text.push_str(l.trim_end());
        text.push('\n');
    };
    line(&mut header.iter().copied(), false);
    for row in rows {
        line(&mut row.iter().map(String::as_str), true);
    }
    text
}
