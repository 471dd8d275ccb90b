//! OPML 1.0/2.0, the subscription list format of podcast apps.
//!
//! Reading: every `<outline>` with an `xmlUrl` is a feed, named from its `text` (or
//! `title`); its category is its own `category` attribute (OPML 2.0), else the innermost
//! enclosing outline without an `xmlUrl` (a folder). A single top-level folder around
//! everything (Pocket Casts' and Overcast's `<outline text="feeds">`) is a wrapper, not
//! a category. A `<!DOCTYPE>` is refused outright, so no entity can be defined (no
//! "billion laughs"); only XML's predefined entities and character references are
//! understood. Writing: OPML 2.0 with one folder outline per category; attributes in
//! inkwell's XML namespace ([`NAMESPACE`]: `inkwell:name`, `inkwell:templates`,
//! `inkwell:category`, ignored by other apps) make an export import back as the same
//! feeds. The un-namespaced `inkwellName` and `inkwellTemplates` of older exports are
//! read too.

/// The XML namespace of inkwell's own OPML attributes.
pub const NAMESPACE: &str = "urn:x-inkwell:opml:1";

use std::collections::HashMap;
use std::fmt::Write as _;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::{LineCounter, Record, quote};
use crate::error::Problem;
use crate::feed::Feed;
use crate::feeds::FeedsDocument;

/// Deeper nesting than any real subscription list; bounds the folder stack.
const MAX_DEPTH: usize = 64;

/// Attributes of one `<outline>`, unescaped; names compared case-insensitively because
/// exporters disagree (`xmlUrl`, `xmlurl`).
struct Outline {
    attrs: HashMap<String, String>,
}

impl Outline {
    fn get(&self, key: &str) -> Option<&str> {
        self.attrs
            .get(&key.to_ascii_lowercase())
            .map(String::as_str)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    fn label(&self) -> Option<&str> {
        self.get("text").or_else(|| self.get("title"))
    }
}

pub fn parse(text: &str) -> Result<Vec<Record>, Vec<Problem>> {
    let mut reader = Reader::from_str(text);
    let mut lines = LineCounter::new(text);
    let mut records = Vec::new();
    let mut problems = Vec::new();
    // One entry per open <outline>: the category its children get.
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut root_seen = false;
    let mut depth = 0usize;
    // Top-level outlines: how many, and the label of the first if it is a folder; and
    // for each record, whether its category came from a top-level folder.
    let mut top_level = 0usize;
    let mut top_folder: Option<String> = None;
    let mut from_top: Vec<bool> = Vec::new();
    loop {
        let start = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let at = reader.error_position() as usize;
                problems.push(Problem::at(
                    Some(lines.line_at(at)),
                    format!("not well-formed XML: {e}"),
                ));
                return Err(problems);
            }
        };
        // The event's own start, skipping the whitespace before it.
        let skip = text[start..].len() - text[start..].trim_start().len();
        let line = lines.line_at(start + skip);
        match event {
            Event::DocType(_) => {
                return Err(vec![Problem::at(
                    Some(line),
                    "a <!DOCTYPE> declaration is not accepted in an import file (it can define entities that expand without bound); remove it",
                )]);
            }
            Event::Start(ref e) | Event::Empty(ref e) if !root_seen => {
                root_seen = true;
                if e.local_name().as_ref() != b"opml" {
                    return Err(vec![Problem::at(
                        Some(line),
                        format!(
                            "this is not OPML: the root element is <{}>, not <opml>",
                            quote(&String::from_utf8_lossy(e.name().as_ref()))
                        ),
                    )]);
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(vec![Problem::at(
                        Some(line),
                        format!("elements are nested more than {MAX_DEPTH} levels deep"),
                    )]);
                }
                if e.local_name().as_ref() == b"outline" {
                    let inherited = folders.last().cloned().flatten();
                    let top = folders.is_empty();
                    let category = match outline(&e) {
                        Ok(o) if o.get("xmlUrl").is_some() => {
                            top_level += usize::from(top);
                            from_top.push(folders.len() == 1 && !has_own_category(&o));
                            records.push(record(&o, inherited.clone(), line));
                            inherited
                        }
                        Ok(o) => {
                            if top {
                                top_level += 1;
                                if top_level == 1 {
                                    top_folder = o.label().map(str::to_string);
                                }
                            }
                            o.label().map(str::to_string).or(inherited)
                        }
                        Err(message) => {
                            problems.push(Problem::at(Some(line), message));
                            inherited
                        }
                    };
                    folders.push(category);
                }
            }
            Event::Empty(e) if e.local_name().as_ref() == b"outline" => match outline(&e) {
                Ok(o) if o.get("xmlUrl").is_some() => {
                    top_level += usize::from(folders.is_empty());
                    from_top.push(folders.len() == 1 && !has_own_category(&o));
                    records.push(record(&o, folders.last().cloned().flatten(), line));
                }
                Ok(_) => top_level += usize::from(folders.is_empty()),
                Err(message) => problems.push(Problem::at(Some(line), message)),
            },
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if e.local_name().as_ref() == b"outline" {
                    folders.pop();
                }
            }
            Event::Eof => {
                if depth > 0 {
                    problems.push(Problem::at(
                        Some(line),
                        "the file ends before </opml>; is it truncated?",
                    ));
                }
                break;
            }
            _ => {}
        }
    }
    if !root_seen {
        problems.push(Problem::at(
            Some(1),
            "this is not OPML: there is no <opml> element",
        ));
    }
    if top_level == 1 && top_folder.is_some() {
        // One folder around everything: a wrapper, not a category.
        for (r, top) in records.iter_mut().zip(from_top) {
            if top && r.category == top_folder {
                r.category = None;
            }
        }
    }
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(problems)
    }
}

fn outline(e: &BytesStart) -> Result<Outline, String> {
    let mut attrs = HashMap::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| format!("bad attribute in <outline>: {err}"))?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).to_ascii_lowercase();
        let local = String::from_utf8_lossy(attr.key.local_name().as_ref()).to_ascii_lowercase();
        let value = attr.unescape_value().map_err(|err| {
            format!(
                "cannot read the value of attribute '{}': {err}",
                quote(&key)
            )
        })?;
        let value = value.into_owned();
        if local != key && !key.starts_with("inkwell:") && !key.starts_with("xmlns") {
            // Another app's prefix: read `x:xmlUrl` as `xmlUrl`.
            attrs.entry(local).or_insert_with(|| value.clone());
        }
        attrs.insert(key, value);
    }
    Ok(Outline { attrs })
}

fn record(o: &Outline, category: Option<String>, line: usize) -> Record {
    let label = o.label().map(str::to_string);
    let own = |new: &str, old: &str| o.get(new).or_else(|| o.get(old));
    let (name, display_name, name_is_title) = match own("inkwell:name", "inkwellName") {
        Some(n) => (Some(n.to_string()), label, false),
        None => (label, None, true),
    };
    Record {
        line: Some(line),
        url: o.get("xmlUrl").unwrap_or_default().to_string(),
        name,
        name_is_title,
        display_name,
        category: own("inkwell:category", "category")
            .map(opml_category)
            .or(category),
        templates: own("inkwell:templates", "inkwellTemplates")
            .map(crate::feed::parse_templates)
            .unwrap_or_default(),
        ..Record::default()
    }
}

/// OPML 2.0's `category`: comma-separated, slash-delimited paths (`/Tech/News`); the
/// first path, without its leading slash. inkwell's own attribute holds the category
/// exactly and has no slash to strip.
fn has_own_category(o: &Outline) -> bool {
    o.get("inkwell:category").is_some() || o.get("category").is_some()
}

fn opml_category(raw: &str) -> String {
    let first = raw.split(',').next().unwrap_or(raw).trim();
    first.strip_prefix('/').unwrap_or(first).to_string()
}

/// OPML 2.0: feeds without a category first, then one folder per category, each in the
/// order of first appearance.
pub fn export_opml(doc: &FeedsDocument) -> String {
    type Group<'a> = (Option<&'a str>, Vec<(&'a str, &'a Feed)>);
    let mut groups: Vec<Group> = vec![(None, Vec::new())];
    for (name, feed) in doc.feeds() {
        let cat = feed.category.as_deref().filter(|c| !c.is_empty());
        match groups.iter_mut().find(|(c, _)| *c == cat) {
            Some((_, list)) => list.push((name, feed)),
            None => groups.push((cat, vec![(name, feed)])),
        }
    }
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\" xmlns:inkwell=\"{NAMESPACE}\">\n  <head>\n    <title>inkwell feeds</title>\n  </head>\n  <body>\n",
    );
    for (cat, feeds) in &groups {
        let pad = match cat {
            Some(c) => {
                let _ = writeln!(out, "    <outline text=\"{0}\" title=\"{0}\">", attr(c));
                "      "
            }
            None => "    ",
        };
        for (name, feed) in feeds {
            let text = feed
                .display_name
                .as_deref()
                .filter(|d| !d.is_empty())
                .unwrap_or(name);
            let _ = write!(
                out,
                "{pad}<outline type=\"rss\" text=\"{0}\" title=\"{0}\" xmlUrl=\"{1}\" inkwell:name=\"{2}\"",
                attr(text),
                attr(&feed.url),
                attr(name)
            );
            if !feed.custom_templates.is_empty() {
                let _ = write!(
                    out,
                    " inkwell:templates=\"{}\"",
                    attr(&feed.custom_templates.join(","))
                );
            }
            if let Some(c) = cat {
                let _ = write!(out, " inkwell:category=\"{}\"", attr(c));
            }
            out.push_str("/>\n");
        }
        if cat.is_some() {
            out.push_str("    </outline>\n");
        }
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// Escapes an attribute value. Line breaks and tabs become character references so they
/// survive attribute normalization; characters XML 1.0 cannot carry at all become U+FFFD.
fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}
