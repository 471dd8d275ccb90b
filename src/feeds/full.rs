//! The full reader: any YAML, read by the YAML layer into its tree ([`crate::yaml::tree`],
//! which keeps every node's byte range), into the model and the positions the editor
//! needs.
//!
//! One walk over the tree builds the feeds, checks their types, and records where each
//! feed, key and field sits in the text. Nothing is ever expanded: an alias is followed
//! to its anchored node in the tree ([`Tree::resolve`]), so an "alias bomb" costs no more
//! than its own text; the tree refuses one whose aliases stand for more than
//! [`MAX_ALIAS_NODES`] nodes, and the parser's nesting limits bound the depth.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::ops::Range;

use granit_parser::ScalarStyle;

use super::model::{
    Entry, EntryBody, Extent, FeedsShape, FieldPos, Fields, MAX_TEXT, Parsed, Shape, known_field,
    text_hash,
};
use crate::error::Location;
use crate::feed::{Auth, Feed};
use crate::yaml::tree::{self, MapEntry, Node, Rules, Step, Tree};
use crate::yaml::{ParseError, is_null, line_start};

type PResult<T> = Result<T, ParseError>;

/// How many nodes aliases may stand for in total (see [`Rules::max_alias_nodes`]).
pub const MAX_ALIAS_NODES: u64 = 100_000;

/// feeds.yaml's rules: keys are checked here (a field's value may use any key), and
/// aliases are followed, within the alias-bomb bound.
const RULES: Rules = Rules {
    any_keys: true,
    max_alias_nodes: Some(MAX_ALIAS_NODES),
    file: "feeds.yaml",
};

/// Parses with the full YAML parser only.
pub fn parse_full(text: &str) -> PResult<Parsed> {
    if text.len() > MAX_TEXT {
        return Err(ParseError {
            location: None,
            message: "the text is larger than 4 GiB".into(),
        });
    }
    // On a broken text, the feeds' own errors in what comes before the break come first,
    // in the order of the text.
    let (tree, broken) = tree::read(text, RULES);
    let Some(root) = &tree.root else {
        return match broken {
            Some(b) => Err(b.error),
            None => Ok(Parsed::empty(FeedsShape::NoDocument)),
        };
    };
    let walk = Walk { text, tree: &tree };
    let cut = broken.as_ref().and_then(|b| {
        Some(Cut {
            rest: b.cut.as_deref()?,
            error: &b.error,
        })
    });
    let parsed = walk.root(root, cut)?;
    match broken {
        Some(b) => Err(b.error),
        None => Ok(parsed),
    }
}

/// Where the break in a broken text is, seen from a node on the way to it: `rest` leads
/// on from there (it is empty at the node being read when `error` was found). What lies
/// on the way to the break is not read: the error is reported instead.
#[derive(Clone, Copy)]
struct Cut<'b> {
    rest: &'b [Step],
    error: &'b ParseError,
}

/// The cut seen from `cut`'s node's child at `step`, if the break is in that child.
fn below(cut: Option<Cut<'_>>, step: Step) -> Option<Cut<'_>> {
    let cut = cut?;
    match cut.rest.split_first() {
        Some((first, rest)) if *first == step => Some(Cut { rest, ..cut }),
        _ => None,
    }
}

/// The break's error when the break is in the node seen.
fn stop(cut: Option<Cut<'_>>) -> PResult<()> {
    match cut {
        Some(c) => Err(c.error.clone()),
        None => Ok(()),
    }
}

fn err(at: &Location, message: impl Into<String>) -> ParseError {
    ParseError {
        location: Some(at.clone()),
        message: message.into(),
    }
}

struct Walk<'t> {
    text: &'t str,
    tree: &'t Tree,
}

impl<'t> Walk<'t> {
    fn root(&self, root: &'t Node, cut: Option<Cut<'_>>) -> PResult<Parsed> {
        let (entries, flow) = match root {
            Node::Map { anchor, at, .. } if *anchor != 0 => {
                return Err(err(at, "the top-level mapping must not carry an anchor"));
            }
            Node::Map { entries, flow, .. } => (entries, *flow),
            Node::Scalar {
                text,
                style: ScalarStyle::Plain,
                ..
            } if is_null(text) => {
                // An explicit `~`/`null` document: no feeds, nothing editable in place.
                return Ok(Parsed::empty(FeedsShape::Opaque {
                    why: "the document is a bare null".into(),
                }));
            }
            other => {
                stop(cut)?;
                return Err(err(
                    other.at(),
                    format!(
                        "the top level must be a mapping with a 'feeds' key, found {}",
                        self.kind(other)
                    ),
                ));
            }
        };
        let mut parsed = Parsed::empty(FeedsShape::Missing);
        let mut seen: HashSet<&str> = HashSet::new();
        for (i, e) in (0..).zip(entries) {
            stop(below(cut, Step::Key(i)))?;
            let Some(key) = e.scalar_key() else {
                return Err(err(&e.key_at, "top-level keys must be plain strings"));
            };
            if !seen.insert(key) {
                return Err(err(&e.key_at, format!("duplicate top-level key '{key}'")));
            }
            let value_cut = below(cut, Step::Value(i));
            if key == "feeds" {
                parsed.feeds_key = Some(e.key_span.clone());
                self.feeds(&e.value, &mut parsed, value_cut)?;
            } else {
                stop(value_cut)?;
            }
        }
        stop(cut)?;
        if flow {
            parsed.shape = FeedsShape::Opaque {
                why: "the top-level mapping is written in flow style ({...})".into(),
            };
        }
        Ok(parsed)
    }

    fn feeds(&self, node: &'t Node, parsed: &mut Parsed, cut: Option<Cut<'_>>) -> PResult<()> {
        let not_a_mapping = |v: &Node, at: &Location| {
            err(
                at,
                format!(
                    "'feeds' must be a mapping of feed names to feeds, found {}",
                    self.kind(v)
                ),
            )
        };
        match node {
            Node::Map {
                entries,
                span,
                flow,
                anchor,
                ..
            } => {
                if *anchor != 0 {
                    return Err(ParseError {
                        location: None,
                        message: "the 'feeds' mapping must not carry an anchor".into(),
                    });
                }
                for (i, e) in (0..).zip(entries) {
                    stop(below(cut, Step::Key(i)))?;
                    let Some(name) = e.scalar_key() else {
                        return Err(err(&e.key_at, "feed names must be strings"));
                    };
                    if parsed.index.get(&parsed.entries, name).is_some() {
                        return Err(err(&e.key_at, format!("duplicate feed name '{name}'")));
                    }
                    let entry = self.entry(name, e, below(cut, Step::Value(i)))?;
                    parsed.push(entry, &e.key_at)?;
                }
                stop(cut)?;
                parsed.shape = if *flow {
                    // `span.end` is just past the closing brace.
                    FeedsShape::Flow {
                        value: Extent {
                            start: span.start,
                            end: span.end.max(span.start + 1),
                            shape: Shape::Inline,
                        },
                    }
                } else {
                    FeedsShape::Block
                };
                Ok(())
            }
            Node::Alias { at, .. } => {
                stop(cut)?;
                let Node::Map { entries, .. } = self.tree.resolve(node) else {
                    return Err(not_a_mapping(node, at));
                };
                for e in entries {
                    let name = self
                        .scalar_key(e)
                        .ok_or_else(|| err(at, "feed names must be strings"))?;
                    let feed = self.feed(name, &e.value).map_err(|m| err(at, m))?;
                    parsed.push(
                        Entry {
                            name: name.to_string(),
                            key: 0..0,
                            end: 0,
                            body: EntryBody::Alias,
                            fields: Fields::default(),
                            seq_offset: None,
                            url_hash: text_hash(&feed.url),
                            feed: OnceCell::from(Box::new(feed)),
                        },
                        at,
                    )?;
                }
                parsed.shape = FeedsShape::Opaque {
                    why: "'feeds' is an alias".into(),
                };
                Ok(())
            }
            Node::Scalar {
                text,
                style: ScalarStyle::Plain,
                anchor: 0,
                span,
                ..
            } if is_null(text) => {
                let value = if span.is_empty() {
                    let at = parsed.feeds_key.as_ref().map_or(span.start, |k| k.end);
                    Extent {
                        start: at,
                        end: at,
                        shape: Shape::EmptyNull,
                    }
                } else {
                    Extent {
                        start: span.start,
                        end: span.end,
                        shape: Shape::Inline,
                    }
                };
                parsed.shape = FeedsShape::Null { value };
                Ok(())
            }
            other => {
                stop(cut)?;
                Err(not_a_mapping(other, other.at()))
            }
        }
    }

    /// The feed `name`, the entry `e` of the feeds mapping.
    fn entry(&self, name: &str, e: &'t MapEntry, cut: Option<Cut<'_>>) -> PResult<Entry> {
        let (fields_in, span, flow) = match &e.value {
            Node::Map {
                entries,
                span,
                flow,
                ..
            } => (entries, span, *flow),
            alias @ Node::Alias { span, at, .. }
                if matches!(self.tree.resolve(alias), Node::Map { .. }) =>
            {
                stop(cut)?;
                let feed = self
                    .feed(name, self.tree.resolve(alias))
                    .map_err(|m| err(at, m))?;
                return Ok(Entry {
                    name: name.to_string(),
                    key: e.key_span.clone(),
                    end: span.end,
                    body: EntryBody::Alias,
                    fields: Fields::default(),
                    seq_offset: None,
                    url_hash: text_hash(&feed.url),
                    feed: OnceCell::from(Box::new(feed)),
                });
            }
            other => {
                stop(cut)?;
                return Err(err(
                    &e.key_at,
                    format!(
                        "feed '{name}' must be a mapping with at least a 'url', found {}",
                        self.kind(other)
                    ),
                ));
            }
        };
        let mut fields = Fields::default();
        let mut seen: Vec<&str> = Vec::new();
        // A block mapping's start event covers nothing: it ends where it starts.
        let mut end = span.start;
        let mut seq_offset = None;
        for (i, f) in (0..).zip(fields_in) {
            stop(below(cut, Step::Key(i)))?;
            let Some(fname) = f.scalar_key() else {
                return Err(err(
                    &f.key_at,
                    format!("feed '{name}': field names must be strings"),
                ));
            };
            if seen.contains(&fname) {
                return Err(err(
                    &f.key_at,
                    format!("feed '{name}': duplicate field '{fname}'"),
                ));
            }
            seen.push(fname);
            stop(below(cut, Step::Value(i)))?;
            let fkey = &f.key_span;
            let mut extent = extent(&f.value);
            if extent.shape == Shape::EmptyNull {
                // The parser places an empty value at varying offsets; pin it to the key,
                // which is where an edit inserts the new value.
                extent.start = fkey.end;
                extent.end = fkey.end;
            }
            if !flow {
                end = end.max(extent.end).max(fkey.end);
            }
            if fname == "custom_templates"
                && extent.shape == Shape::Block
                && matches!(f.value, Node::Seq { .. })
            {
                // The sequence starts at its first dash or, indentless, at its first item.
                let dash = if self.text.as_bytes().get(extent.start) == Some(&b'-') {
                    extent.start
                } else {
                    self.text[..extent.start].rfind('-').unwrap_or(extent.start)
                };
                let key_col = fkey.start - line_start(self.text, fkey.start);
                let dash_col = dash - line_start(self.text, dash);
                seq_offset = Some(dash_col.saturating_sub(key_col));
            }
            if let Some(name) = known_field(fname) {
                fields.push(FieldPos {
                    name,
                    key: fkey.clone(),
                    value: extent,
                });
            }
        }
        stop(cut)?;
        let feed = self.feed(name, &e.value).map_err(|m| {
            // Point at the offending field when there is one.
            let at = fields_in
                .iter()
                .find(|f| m.contains(&format!("'{}'", f.key)))
                .map_or(&e.key_at, |f| f.value.at());
            err(at, m)
        })?;
        let body = if flow {
            // `span.end` is just past the closing `}`.
            end = span.end;
            EntryBody::Flow {
                close: span.end - 1,
            }
        } else {
            let first = fields.first().map_or(span.start, |f| f.key.start);
            EntryBody::Block {
                field_col: first - line_start(self.text, first),
            }
        };
        Ok(Entry {
            name: name.to_string(),
            key: e.key_span.clone(),
            end,
            body,
            fields,
            seq_offset,
            url_hash: text_hash(&feed.url),
            feed: OnceCell::from(Box::new(feed)),
        })
    }

    /// What a value is, for messages (an alias is what it stands for).
    fn kind(&self, node: &Node) -> &'static str {
        match self.tree.resolve(node) {
            n if n.is_null() => "null",
            Node::Scalar { .. } | Node::Alias { .. } => "a scalar",
            Node::Seq { .. } => "a list",
            Node::Map { .. } => "a mapping",
        }
    }

    /// The text of a key that is a scalar or an alias of one.
    fn scalar_key(&self, e: &'t MapEntry) -> Option<&'t str> {
        match e.key_node.as_deref().map(|k| self.tree.resolve(k)) {
            None => Some(&e.key),
            Some(Node::Scalar { text, .. }) => Some(text),
            Some(_) => None,
        }
    }

    /// The value of `key` in the mapping `entries` (the first, should it repeat).
    fn lookup(&self, entries: &'t [MapEntry], key: &str) -> Option<&'t Node> {
        entries
            .iter()
            .find(|e| self.scalar_key(e) == Some(key))
            .map(|e| self.tree.resolve(&e.value))
    }

    fn opt_string(
        &self,
        feed: &str,
        field: &str,
        v: Option<&Node>,
    ) -> Result<Option<String>, String> {
        match v {
            None => Ok(None),
            Some(n) if n.is_null() => Ok(None),
            Some(Node::Scalar { text, .. }) => Ok(Some(text.clone())),
            Some(other) => Err(format!(
                "feed '{feed}': '{field}' must be a string or null, found {}",
                self.kind(other)
            )),
        }
    }

    /// Converts a mapping into a feed, checking every known field's type.
    fn feed(&self, name: &str, node: &'t Node) -> Result<Feed, String> {
        let Node::Map { entries, .. } = self.tree.resolve(node) else {
            return Err(format!(
                "feed '{name}' must be a mapping with at least a 'url', found {}",
                self.kind(node)
            ));
        };
        if self.lookup(entries, "<<").is_some() {
            // PyYAML (so inkwell-cli) would merge the aliased keys in; reading the feed
            // without them would show other values than inkwell-cli sees.
            return Err(format!(
                "feed '{name}' uses a YAML merge key (<<), which inkwell does not support; write its keys out"
            ));
        }
        let field = |key: &str| self.lookup(entries, key);
        let url = self
            .opt_string(name, "url", field("url"))?
            .ok_or_else(|| format!("feed '{name}' has no 'url'"))?;
        let auth = match field("auth") {
            None => Auth::default(),
            Some(n) if n.is_null() => Auth::default(),
            Some(Node::Map { entries: a, .. }) => {
                let part = |key: &str, what: &str| self.opt_string(name, what, self.lookup(a, key));
                Auth {
                    kind: part("type", "auth.type")?.unwrap_or_else(|| "none".into()),
                    username: part("username", "auth.username")?,
                    password: part("password", "auth.password")?,
                    token: part("token", "auth.token")?,
                }
            }
            Some(other) => {
                return Err(format!(
                    "feed '{name}': 'auth' must be a mapping, found {}",
                    self.kind(other)
                ));
            }
        };
        let custom_templates = match field("custom_templates") {
            None => Vec::new(),
            Some(n) if n.is_null() => Vec::new(),
            Some(Node::Seq { items, .. }) => items
                .iter()
                .map(|t| match self.tree.resolve(t) {
                    n @ Node::Scalar { text, .. } if !n.is_null() => Ok(text.clone()),
                    _ => Err(format!(
                        "feed '{name}': 'custom_templates' must be a list of strings, found {} in it",
                        self.kind(t)
                    )),
                })
                .collect::<Result<_, _>>()?,
            Some(other) => {
                return Err(format!(
                    "feed '{name}': 'custom_templates' must be a list of strings, found {}",
                    self.kind(other)
                ));
            }
        };
        Ok(Feed {
            url,
            display_name: self.opt_string(name, "display_name", field("display_name"))?,
            auth,
            category: self.opt_string(name, "category", field("category"))?,
            custom_templates,
        })
    }
}

/// Where a value node is and how it is written.
fn extent(node: &Node) -> Extent {
    let span: Range<usize> = node.span();
    let shape = match node {
        Node::Scalar { .. } if span.is_empty() => Shape::EmptyNull,
        Node::Scalar { .. } if node.is_block_scalar() => Shape::Block,
        Node::Seq { flow: false, .. } | Node::Map { flow: false, .. } => Shape::Block,
        _ => Shape::Inline,
    };
    Extent {
        start: span.start,
        end: span.end,
        shape,
    }
}
