//! The full reader: any YAML, through granit-parser's event stream (which carries UTF-8
//! byte offsets), into the model and the positions the editor needs.
//!
//! One pass builds the feeds, checks their types, and records where each feed, key and
//! field sits in the text. Nothing is ever expanded: an alias shares the anchored value
//! (`Rc`), so an "alias bomb" costs no more than its own text, and the parser's nesting
//! limits bound the depth.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use granit_parser::{Event, Parser, ScalarStyle, Span, StructureStyle};

use super::model::{
    Entry, EntryBody, Extent, FeedsShape, FieldPos, Fields, MAX_TEXT, Parsed, Shape, known_field,
    text_hash,
};
use crate::feed::{Auth, Feed};
use crate::yaml::{ParseError, err_at, is_null as is_plain_null, line_start, scan_error};

type PResult<T> = Result<T, ParseError>;

/// A generic YAML value, used for field values and anchored nodes.
#[derive(Debug)]
enum Value {
    /// A scalar; `null` is true when it resolves to YAML null (plain `~`, `null`, empty).
    Scalar {
        text: String,
        null: bool,
    },
    Seq(Vec<Rc<Value>>),
    Map(Vec<(Rc<Value>, Rc<Value>)>),
}

impl Value {
    fn kind(&self) -> &'static str {
        match self {
            Value::Scalar { null: true, .. } => "null",
            Value::Scalar { .. } => "a scalar",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// How many nodes aliases may stand for in total. Aliases are never expanded here, but a
/// file whose aliases stand for more nodes than this is an "alias bomb" that would blow
/// up any reader that does expand them (or walks the result), so it is refused.
pub const MAX_ALIAS_NODES: u64 = 100_000;

struct Walker<'a> {
    text: &'a str,
    parser: Parser<'a, granit_parser::StrInput<'a>>,
    anchors: HashMap<usize, Rc<Value>>,
    peeked: Option<(Event<'a>, Span)>,
    /// Nodes read so far, counting each alias as the nodes it stands for.
    nodes: u64,
    /// How many nodes each anchor stands for.
    anchor_nodes: HashMap<usize, u64>,
    alias_nodes: u64,
}

/// Parses with the full YAML parser only.
pub fn parse_full(text: &str) -> PResult<Parsed> {
    if text.len() > MAX_TEXT {
        return Err(ParseError {
            location: None,
            message: "the text is larger than 4 GiB".into(),
        });
    }
    let mut w = Walker {
        text,
        parser: Parser::new_from_str(text),
        anchors: HashMap::new(),
        peeked: None,
        nodes: 0,
        anchor_nodes: HashMap::new(),
        alias_nodes: 0,
    };
    w.document()
}

impl<'a> Walker<'a> {
    fn next(&mut self) -> PResult<(Event<'a>, Span)> {
        if let Some(p) = self.peeked.take() {
            return Ok(p);
        }
        match self.parser.next() {
            Some(Ok(ev)) => {
                self.nodes += 1;
                Ok(ev)
            }
            Some(Err(e)) => Err(scan_error(&e)),
            None => Err(ParseError {
                location: None,
                message: "unexpected end of the YAML stream".into(),
            }),
        }
    }

    fn peek(&mut self) -> PResult<&(Event<'a>, Span)> {
        if self.peeked.is_none() {
            let ev = self.next()?;
            self.peeked = Some(ev);
        }
        Ok(self.peeked.as_ref().expect("just filled"))
    }

    fn off(&self, span: &Span) -> Range<usize> {
        // Parser::new_from_str guarantees byte offsets.
        span.byte_range().unwrap_or(0..0)
    }

    fn document(&mut self) -> PResult<Parsed> {
        let (ev, _) = self.next()?;
        if !matches!(ev, Event::StreamStart) {
            return Err(ParseError {
                location: None,
                message: "not a YAML stream".into(),
            });
        }
        let (ev, span) = self.next()?;
        let parsed = match ev {
            Event::StreamEnd => {
                return Ok(Parsed::empty(FeedsShape::NoDocument));
            }
            Event::DocumentStart(..) => self.root()?,
            _ => return Err(err_at(&span, "expected a YAML document")),
        };
        let (ev, span) = self.next()?;
        if !matches!(ev, Event::DocumentEnd) {
            return Err(err_at(&span, "expected the end of the document"));
        }
        let (ev, span) = self.next()?;
        match ev {
            Event::StreamEnd => Ok(parsed),
            _ => Err(err_at(
                &span,
                "the file holds more than one YAML document; feeds.yaml must hold one",
            )),
        }
    }

    fn root(&mut self) -> PResult<Parsed> {
        let (ev, span) = self.next()?;
        let style = match ev {
            Event::MappingStart(style, anchor, _) => {
                if anchor != 0 {
                    return Err(err_at(
                        &span,
                        "the top-level mapping must not carry an anchor",
                    ));
                }
                style
            }
            Event::Scalar(ref text, style, _, _)
                if style == ScalarStyle::Plain && is_plain_null(text) =>
            {
                // An explicit `~`/`null` document: no feeds, nothing editable in place.
                return Ok(Parsed::empty(FeedsShape::Opaque {
                    why: "the document is a bare null".into(),
                }));
            }
            other => {
                let v = self.value_from(other, span)?;
                return Err(err_at(
                    &span,
                    format!(
                        "the top level must be a mapping with a 'feeds' key, found {}",
                        v.0.kind()
                    ),
                ));
            }
        };
        let mut parsed = Parsed::empty(FeedsShape::Missing);
        let mut seen: Vec<String> = Vec::new();
        loop {
            let (ev, span) = self.next()?;
            let key = match ev {
                Event::MappingEnd => break,
                Event::Scalar(text, ..) => text.into_owned(),
                other => {
                    self.value_from(other, span)?;
                    return Err(err_at(&span, "top-level keys must be plain strings"));
                }
            };
            if seen.contains(&key) {
                return Err(err_at(&span, format!("duplicate top-level key '{key}'")));
            }
            seen.push(key.clone());
            if key != "feeds" {
                self.value()?;
                continue;
            }
            parsed.feeds_key = Some(self.off(&span));
            self.feeds(&mut parsed)?;
        }
        if style == StructureStyle::Flow {
            parsed.shape = FeedsShape::Opaque {
                why: "the top-level mapping is written in flow style ({...})".into(),
            };
        }
        Ok(parsed)
    }

    fn feeds(&mut self, parsed: &mut Parsed) -> PResult<()> {
        let (ev, span) = self.next()?;
        match ev {
            Event::MappingStart(style, anchor, _) => {
                let start = self.off(&span).start;
                let mut end = self.mapping_entries(parsed, anchor)?;
                if style == StructureStyle::Flow {
                    // `end` is just past the closing brace.
                    end = end.max(start + 1);
                    parsed.shape = FeedsShape::Flow {
                        value: Extent {
                            start,
                            end,
                            shape: Shape::Inline,
                        },
                    };
                } else {
                    parsed.shape = FeedsShape::Block;
                }
                Ok(())
            }
            Event::Alias(id) => {
                let v = self.alias(id, &span)?;
                let Value::Map(items) = &*v else {
                    return Err(err_at(
                        &span,
                        format!(
                            "'feeds' must be a mapping of feed names to feeds, found {}",
                            v.kind()
                        ),
                    ));
                };
                for (k, v) in items {
                    let name = scalar_text(k)
                        .ok_or_else(|| err_at(&span, "feed names must be strings"))?;
                    let feed = feed_from_value(&name, v).map_err(|m| err_at(&span, m))?;
                    parsed.push(
                        Entry {
                            name,
                            key: 0..0,
                            end: 0,
                            body: EntryBody::Alias,
                            fields: Fields::default(),
                            seq_offset: None,
                            url_hash: text_hash(&feed.url),
                            feed: OnceCell::from(Box::new(feed)),
                        },
                        &span,
                    )?;
                }
                parsed.shape = FeedsShape::Opaque {
                    why: "'feeds' is an alias".into(),
                };
                Ok(())
            }
            Event::Scalar(text, ScalarStyle::Plain, anchor, _)
                if is_plain_null(&text) && anchor == 0 =>
            {
                let mut r = self.off(&span);
                let shape = if r.is_empty() {
                    Shape::EmptyNull
                } else {
                    Shape::Inline
                };
                if shape == Shape::EmptyNull {
                    let at = parsed.feeds_key.as_ref().map_or(r.start, |k| k.end);
                    r = at..at;
                }
                parsed.shape = FeedsShape::Null {
                    value: Extent {
                        start: r.start,
                        end: r.end,
                        shape,
                    },
                };
                Ok(())
            }
            other => {
                let (v, _) = self.value_from(other, span)?;
                Err(err_at(
                    &span,
                    format!(
                        "'feeds' must be a mapping of feed names to feeds, found {}",
                        v.kind()
                    ),
                ))
            }
        }
    }

    /// Reads the entries of the feeds mapping; returns the end of its last content.
    fn mapping_entries(&mut self, parsed: &mut Parsed, anchor: usize) -> PResult<usize> {
        if anchor != 0 {
            return Err(ParseError {
                location: None,
                message: "the 'feeds' mapping must not carry an anchor".into(),
            });
        }
        let mut last_end = 0;
        loop {
            let (ev, span) = self.next()?;
            let name = match ev {
                Event::MappingEnd => {
                    let r = self.off(&span);
                    // For flow mappings the end event covers `}`.
                    return Ok(if r.end > r.start { r.end } else { last_end });
                }
                Event::Scalar(text, ..) => text.into_owned(),
                other => {
                    self.value_from(other, span)?;
                    return Err(err_at(&span, "feed names must be strings"));
                }
            };
            let key = self.off(&span);
            if parsed.index.get(&parsed.entries, &name).is_some() {
                return Err(err_at(&span, format!("duplicate feed name '{name}'")));
            }
            let entry = self.entry(name, key, &span)?;
            last_end = entry.end;
            parsed.push(entry, &span)?;
        }
    }

    fn entry(&mut self, name: String, key: Range<usize>, key_span: &Span) -> PResult<Entry> {
        let (ev, span) = self.next()?;
        let first = self.nodes - 1;
        match ev {
            Event::MappingStart(style, anchor, _) => {
                let open = self.off(&span);
                let mut fields = Fields::default();
                let mut values: Vec<(String, Rc<Value>, Span)> = Vec::new();
                let mut end = open.end;
                let mut close = open.end;
                let mut seq_offset = None;
                let mut items: Vec<(Rc<Value>, Rc<Value>)> = Vec::new();
                loop {
                    let (ev, span) = self.next()?;
                    let fname = match ev {
                        Event::MappingEnd => {
                            let r = self.off(&span);
                            if style == StructureStyle::Flow {
                                close = r.start;
                                end = r.end;
                            }
                            break;
                        }
                        Event::Scalar(text, ..) => text.into_owned(),
                        other => {
                            self.value_from(other, span)?;
                            return Err(err_at(
                                &span,
                                format!("feed '{name}': field names must be strings"),
                            ));
                        }
                    };
                    let fkey = self.off(&span);
                    if values.iter().any(|(n, ..)| *n == fname) {
                        return Err(err_at(
                            &span,
                            format!("feed '{name}': duplicate field '{fname}'"),
                        ));
                    }
                    let value_span = self.peek()?.1;
                    let (v, mut extent) = self.value()?;
                    if extent.shape == Shape::EmptyNull {
                        // The parser places an empty value at varying offsets; pin it to
                        // the key, which is where an edit inserts the new value.
                        extent.start = fkey.end;
                        extent.end = fkey.end;
                    }
                    if style == StructureStyle::Block {
                        end = end.max(extent.end).max(fkey.end);
                    }
                    if fname == "custom_templates"
                        && extent.shape == Shape::Block
                        && matches!(*v, Value::Seq(_))
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
                    if let Some(name) = known_field(&fname) {
                        fields.push(FieldPos {
                            name,
                            key: fkey,
                            value: extent,
                        });
                    }
                    items.push((
                        Rc::new(Value::Scalar {
                            text: fname.clone(),
                            null: false,
                        }),
                        v.clone(),
                    ));
                    values.push((fname, v, value_span));
                }
                let map = Rc::new(Value::Map(items));
                if anchor != 0 {
                    self.anchors.insert(anchor, map.clone());
                    self.anchor_nodes.insert(anchor, self.nodes - first);
                }
                let feed = feed_from_value(&name, &map).map_err(|m| {
                    // Point at the offending field when there is one.
                    let at = values
                        .iter()
                        .find(|(n, ..)| m.contains(&format!("'{n}'")))
                        .map(|(.., s)| *s)
                        .unwrap_or_else(|| *key_span);
                    err_at(&at, m)
                })?;
                let body = match style {
                    StructureStyle::Block => {
                        let first = fields.first().map(|f| f.key.start).unwrap_or(open.start);
                        EntryBody::Block {
                            field_col: first - line_start(self.text, first),
                        }
                    }
                    StructureStyle::Flow => EntryBody::Flow { close },
                };
                Ok(Entry {
                    name,
                    key,
                    end,
                    body,
                    fields,
                    seq_offset,
                    url_hash: text_hash(&feed.url),
                    feed: OnceCell::from(Box::new(feed)),
                })
            }
            other => {
                let is_alias = matches!(other, Event::Alias(_));
                let (v, extent) = self.value_from(other, span)?;
                if is_alias && matches!(*v, Value::Map(_)) {
                    let feed = feed_from_value(&name, &v).map_err(|m| err_at(&span, m))?;
                    return Ok(Entry {
                        name,
                        key,
                        end: extent.end,
                        body: EntryBody::Alias,
                        fields: Fields::default(),
                        seq_offset: None,
                        url_hash: text_hash(&feed.url),
                        feed: OnceCell::from(Box::new(feed)),
                    });
                }
                Err(err_at(
                    key_span,
                    format!(
                        "feed '{name}' must be a mapping with at least a 'url', found {}",
                        v.kind()
                    ),
                ))
            }
        }
    }

    fn value(&mut self) -> PResult<(Rc<Value>, Extent)> {
        let (ev, span) = self.next()?;
        self.value_from(ev, span)
    }

    /// Builds a generic value from the event `ev` and the events of its children.
    fn value_from(&mut self, ev: Event<'a>, span: Span) -> PResult<(Rc<Value>, Extent)> {
        // `ev` itself was already counted.
        let first = self.nodes - 1;
        let r = self.off(&span);
        let (value, anchor, extent) = match ev {
            Event::Scalar(text, style, anchor, tag) => {
                let null = style == ScalarStyle::Plain && tag.is_none() && is_plain_null(&text);
                let shape = match style {
                    _ if r.is_empty() => Shape::EmptyNull,
                    ScalarStyle::Literal | ScalarStyle::Folded => Shape::Block,
                    _ => Shape::Inline,
                };
                let end = if shape == Shape::Block {
                    r.start
                        + self.text[r.clone()]
                            .trim_end_matches([' ', '\t', '\r', '\n'])
                            .len()
                } else {
                    r.end
                };
                let v = Value::Scalar {
                    text: text.into_owned(),
                    null,
                };
                (
                    v,
                    anchor,
                    Extent {
                        start: r.start,
                        end,
                        shape,
                    },
                )
            }
            Event::Alias(id) => {
                let v = self.alias(id, &span)?;
                return Ok((
                    v,
                    Extent {
                        start: r.start,
                        end: r.end,
                        shape: Shape::Inline,
                    },
                ));
            }
            Event::SequenceStart(style, anchor, _) => {
                let mut items = Vec::new();
                let mut end = r.end;
                loop {
                    if matches!(self.peek()?.0, Event::SequenceEnd) {
                        let (_, s) = self.next()?;
                        if style == StructureStyle::Flow {
                            end = self.off(&s).end;
                        }
                        break;
                    }
                    let (v, e) = self.value()?;
                    end = end.max(e.end);
                    items.push(v);
                }
                let shape = collection_shape(style);
                (
                    Value::Seq(items),
                    anchor,
                    Extent {
                        start: r.start,
                        end,
                        shape,
                    },
                )
            }
            Event::MappingStart(style, anchor, _) => {
                let mut items = Vec::new();
                let mut end = r.end;
                loop {
                    if matches!(self.peek()?.0, Event::MappingEnd) {
                        let (_, s) = self.next()?;
                        if style == StructureStyle::Flow {
                            end = self.off(&s).end;
                        }
                        break;
                    }
                    let (k, ke) = self.value()?;
                    let (v, ve) = self.value()?;
                    end = end.max(ke.end).max(ve.end);
                    items.push((k, v));
                }
                let shape = collection_shape(style);
                (
                    Value::Map(items),
                    anchor,
                    Extent {
                        start: r.start,
                        end,
                        shape,
                    },
                )
            }
            _ => return Err(err_at(&span, "unexpected YAML event")),
        };
        let value = Rc::new(value);
        if anchor != 0 {
            self.anchors.insert(anchor, value.clone());
            self.anchor_nodes.insert(anchor, self.nodes - first);
        }
        Ok((value, extent))
    }

    fn alias(&mut self, id: usize, span: &Span) -> PResult<Rc<Value>> {
        let value = self
            .anchors
            .get(&id)
            .cloned()
            .ok_or_else(|| err_at(span, "alias to an unknown anchor"))?;
        let size = self.anchor_nodes.get(&id).copied().unwrap_or(1);
        self.nodes += size;
        self.alias_nodes += size;
        if self.alias_nodes > MAX_ALIAS_NODES {
            return Err(err_at(
                span,
                format!(
                    "the aliases (*...) stand for more than {MAX_ALIAS_NODES} nodes in total; \
                     this looks like an alias bomb (\"billion laughs\")"
                ),
            ));
        }
        Ok(value)
    }
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::Scalar { text, .. } => Some(text.clone()),
        _ => None,
    }
}

fn lookup<'v>(items: &'v [(Rc<Value>, Rc<Value>)], key: &str) -> Option<&'v Rc<Value>> {
    items
        .iter()
        .find(|(k, _)| matches!(&**k, Value::Scalar { text, .. } if text == key))
        .map(|(_, v)| v)
}

fn opt_string(feed: &str, field: &str, v: Option<&Rc<Value>>) -> Result<Option<String>, String> {
    match v.map(|v| &**v) {
        None | Some(Value::Scalar { null: true, .. }) => Ok(None),
        Some(Value::Scalar { text, .. }) => Ok(Some(text.clone())),
        Some(other) => Err(format!(
            "feed '{feed}': '{field}' must be a string or null, found {}",
            other.kind()
        )),
    }
}

/// Converts a mapping value into a feed, checking every known field's type.
fn feed_from_value(name: &str, v: &Value) -> Result<Feed, String> {
    let Value::Map(items) = v else {
        return Err(format!(
            "feed '{name}' must be a mapping with at least a 'url', found {}",
            v.kind()
        ));
    };
    if lookup(items, "<<").is_some() {
        // PyYAML (so inkwell-cli) would merge the aliased keys in; reading the feed
        // without them would show other values than inkwell-cli sees.
        return Err(format!(
            "feed '{name}' uses a YAML merge key (<<), which inkwell does not support; write its keys out"
        ));
    }
    let url = opt_string(name, "url", lookup(items, "url"))?
        .ok_or_else(|| format!("feed '{name}' has no 'url'"))?;
    let auth = match lookup(items, "auth").map(|v| &**v) {
        None | Some(Value::Scalar { null: true, .. }) => Auth::default(),
        Some(Value::Map(a)) => Auth {
            kind: opt_string(name, "auth.type", lookup(a, "type"))?
                .unwrap_or_else(|| "none".into()),
            username: opt_string(name, "auth.username", lookup(a, "username"))?,
            password: opt_string(name, "auth.password", lookup(a, "password"))?,
            token: opt_string(name, "auth.token", lookup(a, "token"))?,
        },
        Some(other) => {
            return Err(format!(
                "feed '{name}': 'auth' must be a mapping, found {}",
                other.kind()
            ));
        }
    };
    let custom_templates = match lookup(items, "custom_templates").map(|v| &**v) {
        None | Some(Value::Scalar { null: true, .. }) => Vec::new(),
        Some(Value::Seq(list)) => list
            .iter()
            .map(|t| match &**t {
                Value::Scalar { text, null: false } => Ok(text.clone()),
                other => Err(format!(
                    "feed '{name}': 'custom_templates' must be a list of strings, found {} in it",
                    other.kind()
                )),
            })
            .collect::<Result<_, _>>()?,
        Some(other) => {
            return Err(format!(
                "feed '{name}': 'custom_templates' must be a list of strings, found {}",
                other.kind()
            ));
        }
    };
    Ok(Feed {
        url,
        display_name: opt_string(name, "display_name", lookup(items, "display_name"))?,
        auth,
        category: opt_string(name, "category", lookup(items, "category"))?,
        custom_templates,
    })
}

/// How a collection is written: `[...]`/`{...}` on its line, or a block over lines.
fn collection_shape(style: StructureStyle) -> Shape {
    match style {
        StructureStyle::Flow => Shape::Inline,
        _ => Shape::Block,
    }
}
