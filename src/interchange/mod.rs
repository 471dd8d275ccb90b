//! Feed lists in other formats: reading import files (OPML, plain text, the JSON of
//! `list --json`) into feeds, planning how they meet the feeds already configured, and
//! writing the feeds out again (OPML, JSON, YAML).
//!
//! Everything here is pure: bytes in, records or text out. Reading files, locking and
//! writing belong to the commands and to [`crate::ops`].

mod json;
mod opml;
mod text;
mod yaml;

use std::collections::HashMap;

pub use json::{JsonFeed, JsonList, export_json};
pub use opml::export_opml;

use crate::error::Problem;
use crate::feed::{Auth, Feed, MAX_NAME_LEN, normalize_name, normalize_url, url_key};
use crate::feeds::{Change, FeedsDocument, Patch};

/// The largest import file accepted. 10,000 feeds of OPML are about 2 MB.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Formats an import file can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Opml,
    Text,
    Json,
    Yaml,
}

impl Format {
    /// Guesses from the first meaningful character: `<` is XML, `{` or `[` JSON; a
    /// first line (after comments) of `feeds:` or `---` is a feeds.yaml; anything else
    /// plain text.
    pub fn detect(text: &str) -> Format {
        let text = text.trim_start_matches('\u{feff}');
        match text.trim_start().chars().next() {
            Some('<') => return Format::Opml,
            Some('{' | '[') => return Format::Json,
            _ => {}
        }
        let first = text
            .lines()
            .map(str::trim_end)
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        match first {
            Some(l) if l == "---" || l.starts_with("feeds:") => Format::Yaml,
            _ => Format::Text,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Opml => "opml",
            Format::Text => "text",
            Format::Json => "json",
            Format::Yaml => "yaml",
        }
    }
}

/// One feed as an import file describes it, before any checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// 1-based line where the entry starts, when known.
    pub line: Option<usize>,
    /// 1-based position among the file's entries.
    pub entry: usize,
    pub url: String,
    /// The name as written (normalized later); `None` names the feed after its URL.
    pub name: Option<String>,
    /// `name` is a title (OPML `text`), not a name someone chose: one that normalizes
    /// to nothing (say, all CJK) names the feed after its URL, and a long one is cut.
    pub name_is_title: bool,
    /// An explicit display name; without one, a name that normalization changed is
    /// kept as the display name (as `add --name` does).
    pub display_name: Option<String>,
    pub category: Option<String>,
    pub templates: Vec<String>,
    /// The auth type the source had; credentials are never imported.
    pub auth: Option<String>,
}

/// Reads an import file's text as `format`. On failure every problem found is returned.
pub fn parse(text: &str, format: Format) -> Result<Vec<Record>, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = match format {
        Format::Opml => opml::parse(text)?,
        Format::Text => text::parse(text),
        Format::Json => json::parse(text)?,
        Format::Yaml => yaml::parse(text)?,
    };
    for (i, r) in records.iter_mut().enumerate() {
        r.entry = i + 1;
    }
    Ok(records)
}

/// A checked import entry: a normalized name and the feed to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub line: Option<usize>,
    pub entry: usize,
    pub name: String,
    pub feed: Feed,
}

/// The checked entries, and what was noticed on the way.
#[derive(Debug, Default)]
pub struct Checked {
    pub items: Vec<Item>,
    pub problems: Vec<Problem>,
    pub notes: Vec<String>,
}

/// Normalizes names and URLs and finds duplicate names inside the file.
///
/// Exact repeats (same name, same fields) are dropped with a note; the same name with
/// different fields is a problem, reported on the later line.
pub fn check(records: Vec<Record>) -> Checked {
    let mut out = Checked::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut with_auth = 0;
    for r in records {
        let problem = |message: String| Problem {
            line: r.line,
            entry: Some(r.entry),
            message,
            exists: false,
        };
        let url = match normalize_url(&r.url) {
            Ok(u) => u,
            Err(e) => {
                out.problems.push(problem(e.to_string()));
                continue;
            }
        };
        let name = match &r.name {
            Some(raw) if r.name_is_title => Ok(name_from_title(raw, &url)),
            Some(raw) => normalize_name(raw),
            None => Ok(name_from_url(&url)),
        };
        let name = match name {
            Ok(n) => n,
            Err(e) => {
                out.problems.push(problem(e.to_string()));
                continue;
            }
        };
        let display_name = match (&r.display_name, &r.name) {
            (Some(d), _) if !d.is_empty() && *d != name => Some(d.clone()),
            (Some(_), _) => None,
            (None, Some(raw)) if *raw != name => Some(raw.clone()),
            (None, _) => None,
        };
        if r.auth.as_deref().is_some_and(|a| a != "none") {
            with_auth += 1;
        }
        let feed = Feed {
            url,
            display_name,
            auth: Auth::default(),
            category: r.category.filter(|c| !c.is_empty()),
            custom_templates: r.templates,
        };
        if let Some(&first) = seen.get(&name) {
            let earlier: &Item = &out.items[first];
            let place = earlier
                .line
                .map_or(format!("entry {}", earlier.entry), |l| format!("line {l}"));
            if earlier.feed == feed {
                out.notes.push(format!(
                    "'{name}' is listed twice with the same settings ({place} and {}); imported once",
                    r.line
                        .map_or(format!("entry {}", r.entry), |l| format!("line {l}"))
                ));
            } else {
                out.problems.push(problem(format!(
                    "the name '{name}' is already used by {place} of this file, with other settings; give one of them another name"
                )));
            }
            continue;
        }
        seen.insert(name.clone(), out.items.len());
        out.items.push(Item {
            line: r.line,
            entry: r.entry,
            name,
            feed,
        });
    }
    if with_auth > 0 {
        out.notes.push(format!(
            "{with_auth} feed{} used authentication; credentials are not imported, so set them again",
            if with_auth == 1 { "" } else { "s" }
        ));
    }
    out
}

/// A name for a feed the file gives no name: its host (without `www.`) and path, without
/// a feed-file extension, e.g. `https://www.example.com/shows/tech.rss` → `example-com-shows-tech`.
pub fn name_from_url(url: &str) -> String {
    let parsed = url::Url::parse(url).ok();
    let host = parsed
        .as_ref()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let path = parsed.as_ref().map_or("", |u| u.path());
    let path = [".rss", ".xml", ".atom", ".json"]
        .iter()
        .find_map(|ext| path.strip_suffix(ext))
        .unwrap_or(path);
    let name = normalize_name(&format!("{host}{path}"))
        .or_else(|_| normalize_name(url))
        .unwrap_or_else(|_| "feed".into());
    if name.len() <= MAX_NAME_LEN {
        return name;
    }
    let cut = &name[..MAX_NAME_LEN];
    cut.rsplit_once('-')
        .map_or(cut, |(head, _)| head)
        .to_string()
}

/// A name from a title: normalized like `add --name`; a title too long for a name is
/// cut at a word boundary, and one with nothing left (say, all CJK) gives the URL's name.
fn name_from_title(title: &str, url: &str) -> String {
    if let Ok(name) = normalize_name(title) {
        return name;
    }
    // Lowercasing can turn one character into two, so a prefix of half the limit
    // always fits.
    for take in [MAX_NAME_LEN, MAX_NAME_LEN / 2] {
        let prefix: String = title.chars().take(take).collect();
        if prefix.chars().count() < title.chars().count()
            && let Ok(name) = normalize_name(&prefix)
        {
            return match name.rsplit_once('-') {
                Some((head, _)) => head.to_string(),
                None => name,
            };
        }
    }
    name_from_url(url)
}

/// What to do with an entry whose name is already configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse the whole import.
    Error,
    /// Leave the configured feed as it is.
    Skip,
    /// Set the URL and the fields the file gives.
    Update,
}

/// What happened (or would happen) to one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Added {
        name: String,
        feed: Feed,
    },
    Updated {
        name: String,
        before: Feed,
        after: Feed,
    },
    /// Already configured with these values.
    Unchanged {
        name: String,
    },
    /// Already configured; left alone (`--skip-existing`).
    Skipped {
        name: String,
    },
}

/// The changes that import `items` into `doc`, in file order, and the outcome of each.
pub fn plan(
    doc: &FeedsDocument,
    items: &[Item],
    existing: Existing,
) -> Result<(Vec<Change>, Vec<Outcome>), Vec<Problem>> {
    let current: HashMap<&str, &Feed> = doc.feeds().collect();
    // For --skip-existing, a feed already configured under another name (and maybe
    // another spelling of its URL) is existing too.
    let by_url: HashMap<String, &str> = match existing {
        Existing::Skip => doc.feeds().map(|(n, f)| (url_key(&f.url), n)).collect(),
        _ => HashMap::new(),
    };
    let mut changes = Vec::new();
    let mut outcomes = Vec::with_capacity(items.len());
    let mut problems = Vec::new();
    for item in items {
        let name = item.name.clone();
        let Some(&before) = current.get(item.name.as_str()) else {
            if by_url.contains_key(&url_key(&item.feed.url)) {
                outcomes.push(Outcome::Skipped { name });
                continue;
            }
            changes.push(Change::Add {
                name: name.clone(),
                feed: item.feed.clone(),
            });
            outcomes.push(Outcome::Added {
                name,
                feed: item.feed.clone(),
            });
            continue;
        };
        match existing {
            Existing::Error => problems.push(Problem {
                line: item.line,
                entry: Some(item.entry),
                message: format!("a feed named '{name}' already exists (url: {})", before.url),
                exists: true,
            }),
            Existing::Skip => outcomes.push(Outcome::Skipped { name }),
            Existing::Update => {
                let patch = update_patch(before, &item.feed);
                if patch.is_empty() {
                    outcomes.push(Outcome::Unchanged { name });
                } else {
                    let mut after = before.clone();
                    patch.apply_to(&mut after);
                    changes.push(Change::Update {
                        name: name.clone(),
                        patch,
                    });
                    outcomes.push(Outcome::Updated {
                        name,
                        before: before.clone(),
                        after,
                    });
                }
            }
        }
    }
    if problems.is_empty() {
        Ok((changes, outcomes))
    } else {
        Err(problems)
    }
}

/// The URL always, and each other field the import gives a value for, where it differs.
fn update_patch(before: &Feed, new: &Feed) -> Patch {
    let differs = |old: &Option<String>, new: &Option<String>| {
        new.as_ref().filter(|n| Some(*n) != old.as_ref()).cloned()
    };
    Patch {
        url: (before.url != new.url).then(|| new.url.clone()),
        display_name: differs(&before.display_name, &new.display_name).map(Some),
        category: differs(&before.category, &new.category).map(Some),
        custom_templates: (!new.custom_templates.is_empty()
            && new.custom_templates != before.custom_templates)
            .then(|| new.custom_templates.clone()),
        auth: None,
    }
}

/// The feeds as a fresh feeds.yaml, without credentials (the auth type is kept).
pub fn export_yaml(doc: &FeedsDocument) -> String {
    let changes: Vec<Change> = doc
        .feeds()
        .map(|(name, f)| {
            let mut feed = f.clone();
            feed.auth = Auth {
                kind: f.auth.kind.clone(),
                ..Auth::default()
            };
            Change::Add {
                name: name.to_string(),
                feed,
            }
        })
        .collect();
    if changes.is_empty() {
        // Valid YAML that reads back as no feeds (an empty file is not).
        return "feeds: {}\n".to_string();
    }
    let mut out = FeedsDocument::parse(String::new()).expect("an empty document parses");
    match out.apply(&changes) {
        Ok(()) => out.into_text(),
        // Every name came from a parsed document, so they are unique and representable.
        Err(e) => unreachable!("re-emitting parsed feeds failed: {e:?}"),
    }
}

/// Counts lines as a scan moves forward through a text, for formats that report byte
/// offsets.
pub(crate) struct LineCounter<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            pos: 0,
            line: 1,
        }
    }

    /// The 1-based line of byte `offset`; offsets must not go backwards.
    pub(crate) fn line_at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset > self.pos {
            self.line += self.text.as_bytes()[self.pos..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.pos = offset;
        }
        self.line
    }
}

/// Makes file content safe to quote in a one-line message.
pub(crate) fn quote(s: &str) -> String {
    const MAX: usize = 80;
    let escaped: String = s.escape_debug().collect();
    if escaped.chars().count() <= MAX {
        escaped
    } else {
        format!("{}…", escaped.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod tests;
