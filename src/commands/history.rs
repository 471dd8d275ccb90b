//! `inkwell history [NAME] [--limit N] [--json]`: the changes recorded in audit.log,
//! newest first.

use serde_json::Value;

use super::output::Output;
use crate::audit::{self, Record};
use crate::cli::HistoryArgs;
use crate::error::Result;
use crate::feed::normalize_name;
use crate::ops::{ConfigManager, Target};

pub fn run(manager: &ConfigManager, out: &Output, args: HistoryArgs) -> Result<()> {
    let path = manager.paths().audit_log();
    // Under the shared feeds.lock, the lock feed changes are recorded under.
    let log = manager.shared(Target::Feeds, |_, _| audit::read(&path))?;
    if log.unreadable > 0 {
        stderr_line!(
            "warning: skipped {} line(s) of {} that are not history records",
            log.unreadable,
            path.display()
        );
    }
    let mut wanted: Vec<String> = match &args.name {
        Some(raw) => {
            let mut names = vec![raw.clone()];
            names.extend(normalize_name(raw).ok().filter(|n| n != raw));
            names
        }
        None => Vec::new(),
    };
    // Newest first; a rename to a wanted name makes the older name wanted too, so a
    // feed's history reaches back through its renames.
    let mut records: Vec<&Record> = Vec::new();
    for r in log.records.iter().rev() {
        if wanted.is_empty() {
            records.push(r);
            continue;
        }
        if r.feed_names().any(|n| wanted.iter().any(|w| w == n)) {
            records.push(r);
            if let Some((old, new)) = r.renamed()
                && wanted.iter().any(|w| w == new)
                && !wanted.iter().any(|w| w == old)
            {
                wanted.push(old.to_string());
            }
        }
    }
    let found = records.len();
    if let Some(limit) = args.limit {
        records.truncate(limit);
    }
    if out.json {
        // The records as stored in audit.log, newest first.
        let json = serde_json::to_string_pretty(&records).expect("serializable");
        return super::print(&format!("{json}\n"));
    }
    if records.is_empty() && found > 0 {
        stderr_line!("{found} change(s) recorded; --limit 0 shows none of them");
        return Ok(());
    }
    if records.is_empty() {
        match &args.name {
            Some(name) => stderr_line!("No changes recorded for '{}'.", super::display(name)),
            None => stderr_line!("No changes recorded yet."),
        }
        return Ok(());
    }
    // Columns: time, operation, feed (or nothing, for settings), what changed.
    let rows: Vec<[String; 4]> = records
        .iter()
        .map(|r| {
            let (feed, rest) = summary(r, out);
            [when(&r.timestamp), super::display(&r.operation), feed, rest]
        })
        .collect();
    let mut widths = [0usize; 3];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut text = String::new();
    for [time, op, feed, rest] in rows {
        let line = format!(
            "{time:<w0$}  {op:<w1$}  {}  {rest}",
            out.name_cell(&feed, widths[2]),
            w0 = widths[0],
            w1 = widths[1],
        );
        text.push_str(line.trim_end());
        text.push('\n');
    }
    super::print(&text)
}

/// `2026-05-01T12:34:56.789012+00:00` → `2026-05-01 12:34:56Z`.
fn when(timestamp: &str) -> String {
    match (timestamp.get(..10), timestamp.get(11..19)) {
        (Some(date), Some(time)) if timestamp.ends_with("+00:00") => format!("{date} {time}Z"),
        _ => super::display(timestamp),
    }
}

fn text(v: &Value) -> String {
    match v {
        // inkwell-cli 0.26 writes "" for no category or display name.
        Value::Null => "(none)".into(),
        Value::String(s) if s.is_empty() => "(none)".into(),
        Value::String(s) => super::display(s),
        Value::Array(items) if items.is_empty() => "(none)".into(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(", "),
        other => super::display(&other.to_string()),
    }
}

/// The feed a record is about (empty for a setting) and the rest of its line, where the
/// new name of a rename is styled as a name.
fn summary(r: &Record, out: &Output) -> (String, String) {
    let d = &r.details;
    let s = |k: &str| d.get(k).map(text).unwrap_or_default();
    let who = match (r.user.as_str(), r.hostname.as_str()) {
        (Some(u), Some(h)) => format!("  ({}@{})", super::display(u), super::display(h)),
        _ => String::new(),
    };
    let (feed, body) = match r.operation.as_str() {
        "add_feed" | "remove_feed" => {
            let mut line = s("url");
            if let Some(auth) = d.get("auth_type").and_then(Value::as_str)
                && auth != "none"
            {
                line.push_str(&format!("  auth: {}", super::display(auth)));
            }
            if let Some(c) = d.get("category").and_then(Value::as_str) {
                line.push_str(&format!("  category: {}", super::display(c)));
            }
            (s("feed_name"), line)
        }
        "rename_feed" => match r.renamed() {
            Some((old, new)) => {
                let mut line = format!("-> {}", out.name(new));
                if let Some(d) = d.get("display_name").and_then(Value::as_str) {
                    line.push_str(&format!("  display name: {}", super::display(d)));
                }
                if let Some(u) = d.get("overwritten_url").and_then(Value::as_str) {
                    line.push_str(&format!("  replaced {}", super::display(u)));
                }
                (old.to_string(), line)
            }
            None => (String::new(), super::display(&d.to_string())),
        },
        "update_feed" | "update_config" => {
            let changes = changes(d.get("changes"));
            match d.get("feed_name") {
                Some(name) => (text(name), changes),
                None => (String::new(), changes),
            }
        }
        _ => (String::new(), super::display(&d.to_string())),
    };
    (feed, format!("{body}{who}"))
}

fn changes(v: Option<&Value>) -> String {
    let Some(Value::Object(map)) = v else {
        return "(no changes)".into();
    };
    let parts: Vec<String> = map
        .iter()
        .filter_map(|(k, v)| match (k.as_str(), v) {
            ("auth_type_changed", _) => None,
            ("credentials_changed", _) => Some("new credentials".into()),
            (_, Value::Object(o)) if o.contains_key("old") || o.contains_key("new") => {
                let side = |s: &str| o.get(s).map_or("(none)".into(), text);
                Some(format!(
                    "{}: {} -> {}",
                    super::display(k),
                    side("old"),
                    side("new")
                ))
            }
            (_, v) => Some(format!("{}: {}", super::display(k), text(v))),
        })
        .collect();
    if parts.is_empty() {
        "(no changes)".into()
    } else {
        parts.join("; ")
    }
}
