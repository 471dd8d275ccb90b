//! inkwell-cli's global settings, config.yaml: reading the effective values (file, else
//! deprecated key, else default) and changing one value with the same guarantees as
//! feeds.yaml: the sidecar lock `config.lock`, a lossless in-place edit checked by
//! reading it back, an atomic durable write, and a line in audit.log.
//!
//! Values are checked against inkwell-cli's schema before anything is written, so a value
//! that would make every inkwell-cli command fail on load is refused up front.

pub mod schema;

use std::path::Path;

use serde_json::{Map, json};

use crate::audit;
use crate::error::{Error, Result};
use crate::ops::{ConfigManager, Redo, Step, Target};
use crate::yaml::Spliced;
use crate::yaml::tree::{self as yaml, Node};
use schema::{DEFAULT_CATEGORIES, DEPRECATED, Kind, Spec, Typed};

/// config.yaml as read ([`ConfigManager::load_config`] reads it under the shared lock).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub text: String,
    pub root: Option<Node>,
    pub exists: bool,
}

impl Loaded {
    pub fn at(&self, path: &[&str]) -> Option<&Node> {
        self.root.as_ref()?.path(path)
    }
}

pub fn parse(path: &Path, bytes: Vec<u8>, exists: bool) -> Result<Loaded> {
    let malformed = |location, message: String| Error::Malformed {
        path: path.to_path_buf(),
        location,
        message,
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| malformed(None, "the file is not valid UTF-8 text".into()))?;
    let root = yaml::parse(&text).map_err(|e| malformed(e.location, e.message))?;
    if let Some(root) = &root
        && !matches!(root, Node::Map { .. })
        && !root.is_null()
    {
        return Err(malformed(
            None,
            "the top level must be a mapping of settings".into(),
        ));
    }
    Ok(Loaded { text, root, exists })
}

/// Where an effective value comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    File,
    Default,
    /// An old top-level key inkwell-cli still honours.
    Deprecated(&'static str),
}

/// A setting's effective value, or why the value in the file is not valid.
#[derive(Debug, Clone)]
pub struct Setting {
    pub spec: Spec,
    pub value: std::result::Result<Typed, String>,
    pub source: Source,
}

impl Setting {
    /// The value as shown: API keys masked to their last four characters.
    pub fn shown(&self) -> String {
        match &self.value {
            Ok(Typed::Str(s)) if self.spec.secret => mask(s),
            Ok(v) => v.show(),
            Err(reason) => format!("INVALID: {reason}"),
        }
    }
}

pub fn mask(secret: &str) -> String {
    let tail: String = {
        let chars: Vec<char> = secret.chars().collect();
        chars[chars.len().saturating_sub(4)..].iter().collect()
    };
    format!("••••••••{tail}")
}

/// The effective value of `spec` in `loaded`.
pub fn effective(loaded: &Loaded, spec: Spec) -> Setting {
    let path = spec.path();
    if let Some(node) = loaded.at(&path) {
        let value = schema::read_node(&spec.kind, node);
        return Setting {
            spec,
            value,
            source: Source::File,
        };
    }
    if loaded.at(&path[..1]).is_none()
        && let Some((old, _)) = DEPRECATED.iter().find(|(_, new)| *new == spec.key)
        && let Some(node) = loaded.at(&[old])
        && !node.is_null()
    {
        let value = schema::read_node(&deprecated_kind(&spec.kind), node);
        return Setting {
            spec,
            value,
            source: Source::Deprecated(old),
        };
    }
    Setting {
        value: Ok(spec.default_value()),
        spec,
        source: Source::Default,
    }
}

/// What inkwell-cli 0.26 checks of a deprecated top-level key: only its type
/// (`str | None`, `bool | None`); the value is copied into the new field unchecked.
fn deprecated_kind(kind: &Kind) -> Kind {
    match kind {
        Kind::Str { .. } => Kind::Str {
            min: 0,
            max: schema::NO_MAX,
            prefix: None,
        },
        other => other.clone(),
    }
}

/// Every setting: the fixed ones, then the template categories and plugins in use.
pub fn all(loaded: &Loaded) -> Vec<Setting> {
    let mut out: Vec<Setting> = schema::fixed().map(|s| effective(loaded, s)).collect();
    match loaded.at(&["template_categories"]) {
        Some(Node::Map { entries, .. }) => {
            for e in entries {
                if let Some(spec) = schema::lookup(&format!("template_categories.{}", e.key)) {
                    out.push(effective(loaded, spec));
                }
            }
        }
        Some(_) => {}
        None => {
            for (name, _) in DEFAULT_CATEGORIES {
                let spec = schema::lookup(&format!("template_categories.{name}")).expect("known");
                out.push(effective(loaded, spec));
            }
        }
    }
    if let Some(Node::Map { entries, .. }) = loaded.at(&["plugins"]) {
        for plugin in entries.iter().filter(|e| !e.key.contains('.')) {
            for field in ["enabled", "priority"] {
                let spec =
                    schema::lookup(&format!("plugins.{}.{field}", plugin.key)).expect("known");
                out.push(effective(loaded, spec));
            }
            if let Some(Node::Map {
                entries: config, ..
            }) = plugin.value.get("config")
            {
                for c in config.iter().filter(|c| !c.key.contains('.')) {
                    if let Some(spec) =
                        schema::lookup(&format!("plugins.{}.config.{}", plugin.key, c.key))
                    {
                        // Plugin options are free-form in inkwell-cli: show them as written.
                        let value = match &c.value {
                            Node::Scalar { text, .. } => Ok(Typed::Str(text.clone())),
                            other => Ok(Typed::Str(loaded.text[other.span()].to_string())),
                        };
                        out.push(Setting {
                            spec,
                            value,
                            source: Source::File,
                        });
                    }
                }
            }
        }
    }
    out
}

/// Problems inkwell-cli would refuse the file for: invalid values and sections that are
/// not mappings.
pub fn problems(loaded: &Loaded) -> Vec<String> {
    problems_at(loaded).into_iter().map(|p| p.message).collect()
}

/// [`problems`], each at the line and column of its value in the file, in file order.
pub fn problems_at(loaded: &Loaded) -> Vec<crate::feed::Problem> {
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut out = Vec::new();
    let mut push = |node: Option<&Node>, message: String| {
        found.push((node.map_or(0, |n| n.span().start), message));
    };
    for section in [
        "transcription",
        "extraction",
        "interview",
        "cache",
        "template_categories",
        "plugins",
    ] {
        if let Some(node) = loaded.at(&[section])
            && !matches!(node, Node::Map { .. })
        {
            push(Some(node), format!("{section}: must be a mapping"));
        }
    }
    if let Some(node) = loaded.at(&["cache", "media"])
        && !matches!(node, Node::Map { .. })
    {
        push(Some(node), "cache.media: must be a mapping".into());
    }
    if let Some(Node::Map { entries, .. }) = loaded.at(&["plugins"]) {
        for p in entries {
            if !matches!(p.value, Node::Map { .. }) {
                push(
                    Some(&p.value),
                    format!("plugins.{}: must be a mapping", p.key),
                );
            }
        }
    }
    // A deprecated key is typed even where the new section makes inkwell-cli ignore it
    // (where it is used, its setting below reports it).
    for (old, new) in DEPRECATED {
        let section = new.split('.').next().unwrap_or_default();
        if let Some(node) = loaded.at(&[old])
            && !node.is_null()
            && loaded.at(&[section]).is_some()
            && let Some(spec) = schema::lookup(new)
            && let Err(reason) = schema::read_node(&deprecated_kind(&spec.kind), node)
        {
            push(Some(node), format!("{old}: {reason}"));
        }
    }
    for s in all(loaded) {
        if let Err(reason) = &s.value {
            let node = match s.source {
                Source::Deprecated(old) => loaded.at(&[old]),
                _ => loaded.at(&s.spec.path()),
            };
            push(node, format!("{}: {reason}", s.spec.key));
        }
    }
    // In file order; a stable sort keeps the order above for problems at one place.
    found.sort_by_key(|(offset, _)| *offset);
    for (offset, message) in found {
        out.push(crate::feed::Problem::at(&loaded.text, offset, message));
    }
    out
}

/// Keys in the file that inkwell-cli's schema does not have (kept, but unused).
pub fn unknown_keys(loaded: &Loaded) -> Vec<String> {
    let Some(Node::Map { entries, .. }) = &loaded.root else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let known = |k: &str| schema::lookup(k).is_some();
    for e in entries {
        let key = e.key.as_str();
        if known(key)
            || DEPRECATED.iter().any(|(d, _)| *d == key)
            || schema::OPEN_SECTIONS.contains(&key)
        {
            continue;
        }
        match &e.value {
            Node::Map { entries: inner, .. }
                if schema::fixed().any(|s| s.key.starts_with(&format!("{key}."))) =>
            {
                for i in inner {
                    let k = format!("{key}.{}", i.key);
                    match &i.value {
                        Node::Map {
                            entries: deeper, ..
                        } if k == "cache.media" => {
                            for d in deeper {
                                let k = format!("{k}.{}", d.key);
                                if !known(&k) {
                                    out.push(k);
                                }
                            }
                        }
                        _ if !known(&k) => out.push(k),
                        _ => {}
                    }
                }
            }
            _ => out.push(key.to_string()),
        }
    }
    out
}

/// What `set` did.
#[derive(Debug)]
pub struct Outcome {
    pub setting: Setting,
    pub old: Setting,
    pub changed: bool,
    /// Deprecated keys whose values were copied into a newly written section.
    pub carried: Vec<String>,
}

/// Checks `raw` for `key` and writes it to config.yaml under config.lock.
pub fn set(manager: &ConfigManager, key: &str, raw: &str) -> Result<Outcome> {
    let spec = spec_for_set(key)?;
    let value = schema::parse_input(&spec.kind, raw).map_err(|reason| Error::InvalidValue {
        what: format!("value for {key}"),
        reason,
    })?;
    manager.transaction(
        Target::Config,
        Redo::OnChange,
        |path, bytes| {
            // An empty file and a missing one read the same: no settings, all defaults.
            let exists = !bytes.is_empty();
            let loaded = parse(path, bytes, exists)?;
            let old = effective(&loaded, spec.clone());
            if old.source == Source::File && old.value.as_ref() == Ok(&value) {
                return Ok(Step::Keep(Outcome {
                    setting: old.clone(),
                    old,
                    changed: false,
                    carried: Vec::new(),
                }));
            }
            let (text, carried) = edited(path, &loaded, &spec, &value)?;
            let setting = effective(&parse(path, text.clone().into_bytes(), true)?, spec.clone());
            let len = loaded.text.len();
            Ok(Step::Write(
                Spliced::new(loaded.text, vec![(0..len, text)]),
                Outcome {
                    setting,
                    old,
                    changed: true,
                    carried,
                },
            ))
        },
        |outcome| {
            let mut changes = Map::new();
            changes.insert(
                key.to_string(),
                json!({ "old": logged(&outcome.old), "new": logged(&outcome.setting) }),
            );
            vec![audit::update_config(changes)]
        },
    )
}

/// How a value is recorded in audit.log: API keys only as set or not.
fn logged(s: &Setting) -> serde_json::Value {
    match &s.value {
        Ok(Typed::Str(_)) if s.spec.secret => json!("(set)"),
        Ok(v) => v.json(),
        Err(_) => json!("(invalid)"),
    }
}

pub fn spec_for_set(key: &str) -> Result<Spec> {
    if let Some((_, new)) = DEPRECATED.iter().find(|(old, _)| *old == key) {
        return Err(Error::InvalidValue {
            what: "config key".into(),
            reason: format!("'{key}' is deprecated in inkwell-cli; set '{new}' instead"),
        });
    }
    schema::lookup(key).ok_or_else(|| Error::UnknownConfigKey {
        key: key.to_string(),
        suggestion: schema::suggest(key),
    })
}

/// The new text of config.yaml with `spec` set to `value`, checked by reading it back.
fn edited(
    path: &Path,
    loaded: &Loaded,
    spec: &Spec,
    value: &Typed,
) -> Result<(String, Vec<String>)> {
    let key_path = spec.path();
    let section = key_path[0];
    let mut edits: Vec<(Vec<String>, String)> = Vec::new();
    let mut carried = Vec::new();
    if key_path.len() > 1 && loaded.at(&[section]).is_none_or(Node::is_null) {
        // Writing the section makes inkwell-cli ignore the deprecated keys for it, and its
        // default categories; keep their effect by writing them into it.
        for (old, new) in DEPRECATED {
            let new_path: Vec<&str> = new.split('.').collect();
            if new_path[0] == section && *new != spec.key {
                let s = effective(loaded, schema::lookup(new).expect("known"));
                if let (Source::Deprecated(_), Ok(v)) = (&s.source, &s.value) {
                    edits.push((new_path.iter().map(|p| p.to_string()).collect(), v.yaml()));
                    carried.push(old.to_string());
                }
            }
        }
        if section == "template_categories" {
            for (name, list) in DEFAULT_CATEGORIES {
                if *name != key_path[1] {
                    let v = schema::parse_input(&Kind::List, list).expect("valid default");
                    edits.push((vec![section.into(), name.to_string()], v.yaml()));
                }
            }
        }
    }
    edits.push((
        key_path.iter().map(|p| p.to_string()).collect(),
        value.yaml(),
    ));
    let mut text = loaded.text.clone();
    for (p, v) in &edits {
        let keys: Vec<&str> = p.iter().map(String::as_str).collect();
        text = yaml::set(&text, &keys, v).map_err(|e| match e {
            yaml::EditError::Unsupported(message) => Error::Malformed {
                path: path.to_path_buf(),
                location: None,
                message,
            },
            yaml::EditError::Check(message) => Error::EditCheck {
                path: path.to_path_buf(),
                message,
            },
        })?;
    }
    let after = parse(path, text.clone().into_bytes(), true)?;
    let got = effective(&after, spec.clone());
    if got.value.as_ref() != Ok(value) || got.source != Source::File {
        return Err(Error::EditCheck {
            path: path.to_path_buf(),
            message: format!("{} reads back as {}", spec.key, got.shown()),
        });
    }
    Ok((text, carried))
}
