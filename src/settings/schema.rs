//! inkwell-cli's config.yaml schema (its `GlobalConfig`): every key, its type, allowed
//! values and default, and how a value written in the file or typed on the command line
//! is checked, the way inkwell-cli's pydantic models check it on load.
//!
//! [`FIXED`] is the one table of settings, derived from inkwell-cli 0.26.0's pydantic
//! models (`inkwell/config/schema.py`); `tests/compat_schema.rs` compares it with the
//! installed models via `tests/support/dump_config_schema.py`.

use crate::yaml::tree::Node;

/// The type of a setting and the values it allows.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A string; `max` is [`NO_MAX`] where the model has no `max_length`.
    Str {
        min: usize,
        max: usize,
        prefix: Option<&'static str>,
    },
    /// A filesystem path (pydantic's `Path`): any string.
    Path,
    /// A string or null (API keys).
    OptStr {
        min: usize,
        max: usize,
    },
    Bool,
    Int {
        min: i64,
        max: i64,
    },
    Float {
        min: f64,
        max: f64,
    },
    Choice(&'static [&'static str]),
    List,
}

/// A typed value.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<String>),
}

impl Typed {
    /// How the value is written in config.yaml.
    pub fn yaml(&self) -> String {
        use crate::yaml::{Context, scalar};
        match self {
            Typed::Null => "null".into(),
            Typed::Bool(b) => b.to_string(),
            Typed::Int(i) => i.to_string(),
            Typed::Float(f) => {
                // Rust never prints an exponent here; PyYAML needs the dot to read a float.
                let s = f.to_string();
                if s.contains('.') { s } else { format!("{s}.0") }
            }
            Typed::Str(s) => scalar(s, Context::Block),
            Typed::List(items) => {
                let parts: Vec<String> = items.iter().map(|i| scalar(i, Context::Flow)).collect();
                format!("[{}]", parts.join(", "))
            }
        }
    }

    /// How the value is shown to a person, and read back by `set`.
    pub fn show(&self) -> String {
        match self {
            Typed::Null => "(not set)".into(),
            Typed::Str(s) => s.clone(),
            Typed::List(items) => items.join(", "),
            other => other.yaml(),
        }
    }

    pub fn json(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Typed::Null => json!(null),
            Typed::Bool(b) => json!(b),
            Typed::Int(i) => json!(i),
            Typed::Float(f) => json!(f),
            Typed::Str(s) => json!(s),
            Typed::List(l) => json!(l),
        }
    }
}

/// One setting.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub key: String,
    pub kind: Kind,
    pub default: Option<&'static str>,
    /// Shown masked (API keys).
    pub secret: bool,
}

impl Spec {
    pub fn default_value(&self) -> Typed {
        match self.default {
            Some(d) => parse_input(&self.kind, d).expect("defaults are valid"),
            None => Typed::Null,
        }
    }

    pub fn path(&self) -> Vec<&str> {
        self.key.split('.').collect()
    }

    /// The allowed values, for messages.
    pub fn describe(&self) -> String {
        describe(&self.kind)
    }
}

const LOG_LEVELS: &[&str] = &["DEBUG", "INFO", "WARNING", "ERROR"];
const PROVIDERS: &[&str] = &["claude", "gemini"];
const FORMAT_STYLES: &[&str] = &["structured", "narrative", "qa"];

const fn s(min: usize, max: usize) -> Kind {
    Kind::Str {
        min,
        max,
        prefix: None,
    }
}

/// No upper bound on a string's length.
pub const NO_MAX: usize = usize::MAX;

const API_KEY: Kind = Kind::OptStr { min: 20, max: 500 };
const ANY_STR: Kind = s(0, NO_MAX);

/// The fixed keys, in inkwell-cli's order: (key, type, default).
pub const FIXED: &[(&str, Kind, Option<&str>)] = &[
    ("version", ANY_STR, Some("1")),
    ("default_output_dir", Kind::Path, Some("~/inkwell-notes")),
    ("log_level", Kind::Choice(LOG_LEVELS), Some("INFO")),
    (
        "default_templates",
        Kind::List,
        Some("summary,quotes,key-concepts"),
    ),
    (
        "transcription.model_name",
        Kind::Str {
            min: 1,
            max: 100,
            prefix: Some("gemini-"),
        },
        Some("gemini-3-flash-preview"),
    ),
    ("transcription.api_key", API_KEY, None),
    (
        "transcription.cost_threshold_usd",
        Kind::Float {
            min: 0.0,
            max: 1000.0,
        },
        Some("1.0"),
    ),
    ("transcription.youtube_check", Kind::Bool, Some("true")),
    (
        "extraction.default_provider",
        Kind::Choice(PROVIDERS),
        Some("gemini"),
    ),
    (
        "extraction.short_content_bypass_enabled",
        Kind::Bool,
        Some("true"),
    ),
    (
        "extraction.short_content_bypass_tokens",
        Kind::Int {
            min: 1,
            max: 100_000,
        },
        Some("500"),
    ),
    ("extraction.claude_api_key", API_KEY, None),
    ("extraction.gemini_api_key", API_KEY, None),
    ("interview.enabled", Kind::Bool, Some("true")),
    ("interview.auto_start", Kind::Bool, Some("false")),
    ("interview.default_template", ANY_STR, Some("reflective")),
    (
        "interview.question_count",
        Kind::Int { min: 1, max: 100 },
        Some("5"),
    ),
    (
        "interview.max_depth",
        Kind::Int { min: 1, max: 10 },
        Some("3"),
    ),
    ("interview.guidelines", s(0, 10_000), Some("")),
    ("interview.save_raw_transcript", Kind::Bool, Some("true")),
    ("interview.resume_enabled", Kind::Bool, Some("true")),
    (
        "interview.session_timeout_minutes",
        Kind::Int { min: 1, max: 1440 },
        Some("60"),
    ),
    ("interview.include_action_items", Kind::Bool, Some("true")),
    ("interview.include_key_insights", Kind::Bool, Some("true")),
    (
        "interview.format_style",
        Kind::Choice(FORMAT_STYLES),
        Some("structured"),
    ),
    (
        "interview.max_cost_per_interview",
        Kind::Float {
            min: 0.0,
            max: 100.0,
        },
        Some("0.5"),
    ),
    ("interview.confirm_high_cost", Kind::Bool, Some("true")),
    ("interview.model", s(1, 100), Some("claude-sonnet-4-5")),
    (
        "interview.temperature",
        Kind::Float { min: 0.0, max: 2.0 },
        Some("0.7"),
    ),
    ("interview.streaming", Kind::Bool, Some("true")),
    ("cache.media.enabled", Kind::Bool, Some("true")),
    (
        "cache.media.max_mb",
        Kind::Int {
            min: 1,
            max: 102_400,
        },
        Some("2048"),
    ),
    (
        "cache.media.ttl_days",
        Kind::Int { min: 1, max: 3650 },
        Some("30"),
    ),
];

/// inkwell-cli's default categories, used while config.yaml has no `template_categories`.
pub const DEFAULT_CATEGORIES: &[(&str, &str)] = &[
    ("tech", "tools-mentioned,frameworks-mentioned"),
    ("interview", "books-mentioned,people-mentioned"),
];

/// Old top-level keys inkwell-cli still reads, and where their value now lives. They
/// count only while the new key's section is absent from the file.
pub const DEPRECATED: &[(&str, &str)] = &[
    ("transcription_model", "transcription.model_name"),
    ("interview_model", "interview.model"),
    ("youtube_check", "transcription.youtube_check"),
];

/// The sections whose keys are named by the user: `template_categories.NAME`,
/// `plugins.NAME.enabled|priority`, `plugins.NAME.config.KEY`.
pub const OPEN_SECTIONS: &[&str] = &["template_categories", "plugins"];

/// Every fixed setting, in order.
pub fn fixed() -> impl Iterator<Item = Spec> {
    FIXED.iter().map(|(key, kind, default)| Spec {
        key: key.to_string(),
        kind: kind.clone(),
        default: *default,
        secret: key.ends_with("api_key"),
    })
}

/// The setting named `key`, fixed or in an open section.
pub fn lookup(key: &str) -> Option<Spec> {
    if let Some(spec) = fixed().find(|s| s.key == key) {
        return Some(spec);
    }
    let parts: Vec<&str> = key.split('.').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let (kind, default) = match parts.as_slice() {
        ["template_categories", name] => (
            Kind::List,
            DEFAULT_CATEGORIES
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, d)| *d),
        ),
        ["plugins", _, "enabled"] => (Kind::Bool, Some("true")),
        ["plugins", _, "priority"] => (Kind::Int { min: 0, max: 200 }, Some("50")),
        ["plugins", _, "config", _] => (ANY_STR, None),
        _ => return None,
    };
    Some(Spec {
        key: key.to_string(),
        kind,
        default,
        secret: false,
    })
}

/// The closest known key, for "did you mean".
pub fn suggest(key: &str) -> Option<String> {
    let mut candidates: Vec<String> = fixed().map(|s| s.key).collect();
    candidates.extend(DEPRECATED.iter().map(|(k, _)| k.to_string()));
    let parts: Vec<&str> = key.split('.').collect();
    if let [first, name, rest @ ..] = parts.as_slice()
        && crate::feed::levenshtein(first, "plugins") <= 2
    {
        let tail = rest.join(".");
        for field in ["enabled", "priority", "config"] {
            candidates.push(format!("plugins.{name}.{field}"));
        }
        if !tail.is_empty() {
            candidates.push(format!("plugins.{name}.config.{tail}"));
        }
    }
    if let [first, name] = parts.as_slice() {
        candidates.push(format!("template_categories.{name}"));
        let _ = first;
    }
    let mut best: Option<(usize, String)> = None;
    for c in candidates {
        let d = crate::feed::levenshtein(key, &c);
        let tail_match =
            c.rsplit('.').next() == key.rsplit('.').next() && key.contains('.') != c.contains('.');
        let limit = (c.len().max(key.len()) / 3).max(2);
        if (d <= limit || tail_match) && best.as_ref().is_none_or(|(bd, _)| d < *bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

fn describe(kind: &Kind) -> String {
    match kind {
        Kind::Path => "a path".into(),
        Kind::Str { min, max, prefix } => {
            let mut d = match (*min, *max) {
                (0, NO_MAX) => "a string".to_string(),
                (min, NO_MAX) => format!("a string of at least {min} characters"),
                (0, max) => format!("a string of at most {max} characters"),
                (min, max) => format!("a string of {min} to {max} characters"),
            };
            if let Some(p) = prefix {
                d.push_str(&format!(" starting with '{p}'"));
            }
            d
        }
        Kind::OptStr { min, max } => format!("a string of {min} to {max} characters"),
        Kind::Bool => "true or false".into(),
        Kind::Int { min, max } => format!("a whole number from {min} to {max}"),
        Kind::Float { min, max } => format!("a number from {min} to {max}"),
        Kind::Choice(values) => format!("one of {}", values.join(", ")),
        Kind::List => "a comma-separated list (empty for none)".into(),
    }
}

/// Checks a value typed on the command line and turns it into a typed value.
pub fn parse_input(kind: &Kind, raw: &str) -> Result<Typed, String> {
    let trimmed = raw.trim();
    let wrong = || format!("'{raw}' is not {}", describe(kind));
    match kind {
        Kind::Str { .. } | Kind::OptStr { .. } | Kind::Path => {
            check_str(kind, raw).map(|()| Typed::Str(raw.to_string()))
        }
        Kind::Bool => match trimmed.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" => Ok(Typed::Bool(true)),
            "false" | "no" | "off" | "0" => Ok(Typed::Bool(false)),
            _ => Err(wrong()),
        },
        Kind::Int { min, max } => {
            let v: i64 = trimmed.replace('_', "").parse().map_err(|_| wrong())?;
            if v < *min || v > *max {
                return Err(format!(
                    "{v} is out of range: it must be from {min} to {max}"
                ));
            }
            Ok(Typed::Int(v))
        }
        Kind::Float { min, max } => {
            let v: f64 = trimmed.parse().map_err(|_| wrong())?;
            if !v.is_finite() || v < *min || v > *max {
                return Err(format!(
                    "{trimmed} is out of range: it must be from {min} to {max}"
                ));
            }
            Ok(Typed::Float(v))
        }
        Kind::Choice(values) => values
            .iter()
            .find(|v| v.eq_ignore_ascii_case(trimmed))
            .map(|v| Typed::Str(v.to_string()))
            .ok_or_else(|| {
                format!(
                    "'{raw}' is not allowed; the allowed values are {}",
                    values.join(", ")
                )
            }),
        Kind::List => {
            let items = crate::feed::parse_templates(raw);
            if let Some(bad) = items.iter().find(|i| i.chars().any(char::is_control)) {
                return Err(format!("list item {bad:?} contains a control character"));
            }
            Ok(Typed::List(items))
        }
    }
}

fn check_str(kind: &Kind, v: &str) -> Result<(), String> {
    let (min, max, prefix) = match kind {
        Kind::Str { min, max, prefix } => (*min, *max, *prefix),
        Kind::OptStr { min, max } => (*min, *max, None),
        Kind::Path => (0, NO_MAX, None),
        _ => unreachable!("strings only"),
    };
    let n = v.chars().count();
    if n < min || n > max {
        return Err(format!(
            "it is {n} characters long; it must be {}",
            describe(kind)
        ));
    }
    if let Some(p) = prefix
        && !v.starts_with(p)
    {
        return Err(format!("'{v}' must start with '{p}'"));
    }
    Ok(())
}

/// The type PyYAML gives a plain scalar: "null", "bool", "int", "float" or "str".
pub fn plain_type(text: &str) -> &'static str {
    match resolve(text) {
        Resolved::Null => "null",
        Resolved::Bool(_) => "bool",
        Resolved::Int(_) => "int",
        Resolved::Float(_) => "float",
        Resolved::Str => "str",
    }
}

/// What a plain YAML scalar means under YAML 1.1 (PyYAML's rules).
enum Resolved {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str,
}

fn resolve(text: &str) -> Resolved {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => {
            return Resolved::Bool(true);
        }
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => {
            return Resolved::Bool(false);
        }
        _ => {}
    }
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let clean = text.replace('_', "");
    if !body.is_empty()
        && body.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        && body.as_bytes()[0].is_ascii_digit()
        && let Ok(i) = clean.parse()
    {
        return Resolved::Int(i);
    }
    let is_float = body.contains('.')
        && body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && body.bytes().any(|b| b.is_ascii_digit())
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || b"._eE+-".contains(&b));
    if is_float && let Ok(f) = clean.parse() {
        return Resolved::Float(f);
    }
    match text.to_ascii_lowercase().as_str() {
        ".inf" | "+.inf" => Resolved::Float(f64::INFINITY),
        "-.inf" => Resolved::Float(f64::NEG_INFINITY),
        ".nan" => Resolved::Float(f64::NAN),
        _ => Resolved::Str,
    }
}

/// Checks a value found in config.yaml as inkwell-cli would on load.
pub fn read_node(kind: &Kind, node: &Node) -> Result<Typed, String> {
    let scalar = match node {
        Node::Scalar { text, plain, .. } => Some((text.as_str(), *plain)),
        _ => None,
    };
    let found = || match node {
        Node::Scalar { text, .. } => format!("'{text}'"),
        Node::Seq { .. } => "a list".into(),
        Node::Map { .. } => "a mapping".into(),
        Node::Alias { .. } => "an alias".into(),
    };
    let wrong = || format!("{} is not {}", found(), describe(kind));
    let string = |t: &str, plain: bool| -> Option<String> {
        (!plain || matches!(resolve(t), Resolved::Str)).then(|| t.to_string())
    };
    match kind {
        Kind::Str { .. } | Kind::OptStr { .. } | Kind::Path => {
            let Some((t, plain)) = scalar else {
                return Err(wrong());
            };
            if plain && matches!(resolve(t), Resolved::Null) {
                return match kind {
                    Kind::OptStr { .. } => Ok(Typed::Null),
                    _ => Err(wrong()),
                };
            }
            let s = string(t, plain)
                .ok_or_else(|| format!("'{t}' is not a string (quote it: \"{t}\")"))?;
            check_str(kind, &s)?;
            Ok(Typed::Str(s))
        }
        Kind::Bool => match scalar {
            Some((t, true)) => match resolve(t) {
                Resolved::Bool(b) => Ok(Typed::Bool(b)),
                Resolved::Int(0) => Ok(Typed::Bool(false)),
                Resolved::Int(1) => Ok(Typed::Bool(true)),
                _ => Err(wrong()),
            },
            Some((t, false)) => parse_input(kind, t).map_err(|_| wrong()),
            None => Err(wrong()),
        },
        Kind::Int { .. } => match scalar {
            Some((t, true)) => match resolve(t) {
                Resolved::Int(i) => parse_input(kind, &i.to_string()),
                Resolved::Float(f) if f.fract() == 0.0 && f.is_finite() => {
                    parse_input(kind, &(f as i64).to_string())
                }
                _ => Err(wrong()),
            },
            Some((t, false)) => parse_input(kind, t),
            None => Err(wrong()),
        },
        Kind::Float { .. } => match scalar {
            Some((t, true)) => match resolve(t) {
                Resolved::Int(i) => parse_input(kind, &i.to_string()),
                Resolved::Float(f) => parse_input(kind, &f.to_string()),
                _ => Err(wrong()),
            },
            Some((t, false)) => parse_input(kind, t),
            None => Err(wrong()),
        },
        Kind::Choice(values) => {
            let Some((t, plain)) = scalar else {
                return Err(wrong());
            };
            match string(t, plain) {
                Some(s) if values.contains(&s.as_str()) => Ok(Typed::Str(s)),
                _ => Err(format!(
                    "'{t}' is not allowed; the allowed values are {}",
                    values.join(", ")
                )),
            }
        }
        Kind::List => match node {
            Node::Seq { items, .. } => items
                .iter()
                .map(|i| match i {
                    Node::Scalar { text, plain, .. } => string(text, *plain)
                        .ok_or_else(|| format!("list item '{text}' is not a string")),
                    _ => Err("a list item is not a string".to_string()),
                })
                .collect::<Result<_, _>>()
                .map(Typed::List),
            _ => Err(wrong()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_is_valid_for_its_type() {
        for spec in fixed() {
            let d = spec.default_value();
            if spec.default.is_none() {
                assert_eq!(d, Typed::Null);
            }
        }
        assert_eq!(
            lookup("template_categories.tech").unwrap().default_value(),
            Typed::List(vec![
                "tools-mentioned".into(),
                "frameworks-mentioned".into()
            ])
        );
    }

    #[test]
    fn input_is_checked_against_type_and_range() {
        let level = lookup("log_level").unwrap();
        assert_eq!(
            parse_input(&level.kind, "debug"),
            Ok(Typed::Str("DEBUG".into()))
        );
        let err = parse_input(&level.kind, "LOUD").unwrap_err();
        assert!(err.contains("DEBUG, INFO, WARNING, ERROR"), "{err}");
        let q = lookup("interview.question_count").unwrap();
        assert!(
            parse_input(&q.kind, "0")
                .unwrap_err()
                .contains("from 1 to 100")
        );
        assert!(parse_input(&q.kind, "five").is_err());
        let t = lookup("interview.temperature").unwrap();
        assert_eq!(parse_input(&t.kind, "1.5"), Ok(Typed::Float(1.5)));
        assert!(parse_input(&t.kind, "2.5").is_err());
        assert!(parse_input(&t.kind, "NaN").is_err());
        let m = lookup("transcription.model_name").unwrap();
        assert!(
            parse_input(&m.kind, "gpt-4")
                .unwrap_err()
                .contains("gemini-")
        );
        let b = lookup("cache.media.enabled").unwrap();
        assert_eq!(parse_input(&b.kind, "no"), Ok(Typed::Bool(false)));
        assert!(parse_input(&b.kind, "maybe").is_err());
        let k = lookup("transcription.api_key").unwrap();
        assert!(parse_input(&k.kind, "short").is_err());
    }

    #[test]
    fn values_are_written_so_pyyaml_reads_the_same_type() {
        assert_eq!(Typed::Float(1.0).yaml(), "1.0");
        assert_eq!(Typed::Float(0.0000001).yaml(), "0.0000001");
        assert_eq!(Typed::Str("1".into()).yaml(), "\"1\"");
        assert_eq!(Typed::Str("yes".into()).yaml(), "\"yes\"");
        assert_eq!(
            Typed::List(vec!["a".into(), "b,c".into()]).yaml(),
            "[a, \"b,c\"]"
        );
        assert_eq!(Typed::List(vec![]).yaml(), "[]");
    }

    #[test]
    fn open_sections_and_suggestions() {
        assert!(lookup("plugins.codex.priority").is_some());
        assert!(lookup("plugins.codex.config.model").is_some());
        assert!(lookup("plugins.codex").is_none());
        assert!(lookup("template_categories.news").is_some());
        assert_eq!(suggest("log_levl").as_deref(), Some("log_level"));
        assert_eq!(
            suggest("interview.modle").as_deref(),
            Some("interview.model")
        );
        assert_eq!(suggest("max_mb").as_deref(), Some("cache.media.max_mb"));
        assert_eq!(
            suggest("plugin.codex.enabled").as_deref(),
            Some("plugins.codex.enabled")
        );
        assert_eq!(suggest("zzzzzzzzzzzz"), None);
    }
}
