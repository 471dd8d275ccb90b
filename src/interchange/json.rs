//! The JSON of `inkwell list --json` (inkwell-cli's shape), written by `list` and
//! `export --format json` and read back by `import`.

use serde::Serialize;
use serde_json::Value;

use super::{LineCounter, Record, quote};
use crate::error::Problem;
use crate::feed::Feed;
use crate::feeds::FeedsDocument;

/// One feed in inkwell-cli's `list feeds --json` shape: the one JSON shape of a feed
/// everywhere (`list`, `show`, `export`, and every change object).
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct JsonFeed {
    pub name: String,
    /// The display name, or the name when there is none (as inkwell-cli prints it).
    pub display_name: String,
    pub url: String,
    /// The auth type only; credentials are never printed.
    pub auth: String,
    /// The category, or `""` when there is none.
    pub category: String,
    pub extra_templates: Vec<String>,
}

impl JsonFeed {
    pub fn new(name: &str, f: &Feed) -> JsonFeed {
        JsonFeed {
            name: name.to_string(),
            display_name: f
                .display_name
                .as_deref()
                .filter(|d| !d.is_empty())
                .unwrap_or(name)
                .to_string(),
            url: f.url.clone(),
            auth: f.auth.kind.clone(),
            category: f.category.clone().unwrap_or_default(),
            extra_templates: f.custom_templates.clone(),
        }
    }
}

#[derive(Serialize)]
pub struct JsonList {
    pub feeds: Vec<JsonFeed>,
    pub total: usize,
}

impl JsonList {
    pub fn of(doc: &FeedsDocument) -> JsonList {
        let feeds: Vec<JsonFeed> = doc.feeds().map(|(n, f)| JsonFeed::new(n, f)).collect();
        let total = feeds.len();
        JsonList { feeds, total }
    }
}

/// `list --json` output, pretty-printed, with a final newline.
pub fn export_json(doc: &FeedsDocument) -> String {
    let mut s = serde_json::to_string_pretty(&JsonList::of(doc)).expect("serializable");
    s.push('\n');
    s
}

/// Reads `{"feeds": [...]}` or a bare `[...]` of feed objects. Each needs a `url`; the
/// other keys of `list --json` and `show --json` are used when present.
pub fn parse(text: &str) -> Result<Vec<Record>, Vec<Problem>> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| vec![Problem::at(Some(e.line()), format!("not valid JSON: {e}"))])?;
    let (feeds, depth) = match &value {
        Value::Array(a) => (a, 1),
        Value::Object(o) => match o.get("feeds") {
            Some(Value::Array(a)) => (a, 2),
            _ => {
                return Err(vec![Problem::at(
                    Some(1),
                    "expected the JSON of `inkwell list --json`: an object with a \"feeds\" array, or an array of feeds",
                )]);
            }
        },
        _ => {
            return Err(vec![Problem::at(
                Some(1),
                "expected a JSON object with a \"feeds\" array, or an array of feeds",
            )]);
        }
    };
    let lines = object_lines(text, depth).filter(|l| l.len() == feeds.len());
    let mut records = Vec::with_capacity(feeds.len());
    let mut problems = Vec::new();
    for (i, feed) in feeds.iter().enumerate() {
        let line = lines.as_ref().map(|l| l[i]);
        match record(feed) {
            Ok(mut r) => {
                r.line = line;
                records.push(r);
            }
            Err(message) => problems.push(Problem {
                line,
                entry: Some(i + 1),
                message,
                exists: false,
            }),
        }
    }
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(problems)
    }
}

fn record(v: &Value) -> Result<Record, String> {
    let Value::Object(o) = v else {
        return Err(format!("expected a feed object, found {}", kind(v)));
    };
    let string = |key: &str| -> Result<Option<String>, String> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(format!("\"{key}\" must be a string, found {}", kind(other))),
        }
    };
    let url = string("url")?.ok_or("the feed has no \"url\"")?;
    let templates = match o
        .get("extra_templates")
        .or_else(|| o.get("custom_templates"))
    {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|t| match t {
                Value::String(s) => Ok(s.clone()),
                other => Err(format!("templates must be strings, found {}", kind(other))),
            })
            .collect::<Result<_, _>>()?,
        Some(Value::String(s)) => crate::feed::parse_templates(s),
        Some(other) => {
            return Err(format!(
                "\"extra_templates\" must be a list of strings, found {}",
                kind(other)
            ));
        }
    };
    let auth = match o.get("auth") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Object(a)) => a.get("type").and_then(Value::as_str).map(str::to_string),
        _ => None,
    };
    let name = string("name")?;
    // `list --json` prints the name as the display name when there is none.
    let display_name = string("display_name")?.filter(|d| Some(d) != name.as_ref());
    Ok(Record {
        url,
        name,
        display_name,
        category: string("category")?,
        templates,
        auth,
        ..Record::default()
    })
}

fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(_) => "a boolean".into(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string \"{}\"", quote(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// Lines where the objects nested `depth` levels deep start, in order. serde_json keeps
/// no positions, so this re-scans the (already valid) text; a caller only uses the
/// result when it found exactly one line per feed.
fn object_lines(text: &str, depth: usize) -> Option<Vec<usize>> {
    let mut lines = Vec::new();
    let mut counter = LineCounter::new(text);
    let mut level = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                if b == b'{' && level == depth {
                    lines.push(counter.line_at(i));
                }
                level += 1;
            }
            b'}' | b']' => level = level.checked_sub(1)?,
            _ => {}
        }
    }
    Some(lines)
}
