//! Reads feeds.yaml into the typed model *and* the byte positions the editor needs.
//!
//! One pass over granit-parser's event stream (which carries UTF-8 byte offsets) builds
//! the feeds, checks their types, and records where each feed, key and field sits in the
//! text. Nothing is ever expanded: an alias shares the anchored value (`Rc`), so an
//! "alias bomb" costs no more than its own text, and the parser's nesting limits bound
//! the depth.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use granit_parser::{Event, Parser, ScalarStyle, ScanError, Span, StructureStyle};

use crate::error::Location;
use crate::feed::{Auth, Feed};

/// A problem in the text, with the position it was found at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub location: Option<Location>,
    pub message: String,
}

type PResult<T> = Result<T, ParseError>;

/// An error at the start of `span` (also used by the config.yaml reader).
pub(crate) fn err_at(span: &Span, message: impl Into<String>) -> ParseError {
    ParseError {
        location: Some(Location {
            line: span.start.line(),
            column: span.start.col() + 1,
        }),
        message: message.into(),
    }
}

/// How a value node is written, which decides how it can be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `key:` with nothing after it.
    EmptyNull,
    /// A plain or quoted scalar, an alias or a flow collection: one token range.
    Inline,
    /// A block scalar (`|`, `>`) or a block collection: spans lines after the key.
    Block,
}

/// Where a node sits: `start..end` covers its content (without trailing blank lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extent {
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
}

/// A known field of a feed entry and where its key and value are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPos {
    pub name: &'static str,
    pub key: Range<usize>,
    pub value: Extent,
}

/// The known fields of an entry in file order, each at most once, kept inline and
/// compact (positions as `u32`; a text over 4 GiB is refused before it is read): a file
/// of 100,000 feeds makes no allocation per field, and its entries stay small to copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    slots: [Option<Slot>; KNOWN_FIELDS.len()],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    key: [u32; 2],
    value: [u32; 2],
    kind: u8,
    shape: Shape,
}

/// A position in a text of at most `u32::MAX` bytes (see [`MAX_TEXT`]).
fn pos32(at: usize) -> u32 {
    u32::try_from(at).expect("texts over u32::MAX bytes are refused before reading")
}

impl Slot {
    fn known(kind: usize, key: &Range<usize>, value: &Extent) -> Slot {
        Slot {
            key: [pos32(key.start), pos32(key.end)],
            value: [pos32(value.start), pos32(value.end)],
            kind: kind as u8,
            shape: value.shape,
        }
    }

    fn pos(&self) -> FieldPos {
        FieldPos {
            name: KNOWN_FIELDS[usize::from(self.kind)],
            key: self.key[0] as usize..self.key[1] as usize,
            value: Extent {
                start: self.value[0] as usize,
                end: self.value[1] as usize,
                shape: self.shape,
            },
        }
    }
}

impl Fields {
    /// Adds a known field (one whose `name` is in [`KNOWN_FIELDS`]; others are not kept).
    /// A known field appears at most once in an entry (both readers refuse a repeated
    /// key), so there is room.
    pub fn push(&mut self, field: FieldPos) {
        if let Some(kind) = known_field_index(field.name) {
            self.push_known(kind, &field.key, &field.value);
        }
    }

    /// Adds [`KNOWN_FIELDS`]`[kind]` (the fast reader knows which it read).
    pub(super) fn push_known(&mut self, kind: usize, key: &Range<usize>, value: &Extent) {
        if let Some(slot) = self.slots.iter_mut().find(|s| s.is_none()) {
            *slot = Some(Slot::known(kind, key, value));
        }
    }

    pub fn first(&self) -> Option<FieldPos> {
        self.slots[0].as_ref().map(Slot::pos)
    }

    /// The field called `name`.
    pub fn get(&self, name: &str) -> Option<FieldPos> {
        let kind = known_field_index(name)?;
        self.slots
            .iter()
            .map_while(Option::as_ref)
            .find(|s| usize::from(s.kind) == kind)
            .map(Slot::pos)
    }

    /// Changes every field with `f`, as positions (tests compare readers this way).
    #[cfg(test)]
    pub fn update(&mut self, mut f: impl FnMut(&mut FieldPos)) {
        for slot in self.slots.iter_mut().map_while(Option::as_mut) {
            let mut pos = slot.pos();
            f(&mut pos);
            *slot = Slot::known(usize::from(slot.kind), &pos.key, &pos.value);
        }
    }

    fn shift(&mut self, delta: isize) {
        let by = |x: &mut u32| {
            *x = pos32(
                (*x as usize)
                    .checked_add_signed(delta)
                    .expect("positions stay in the text"),
            )
        };
        for slot in self.slots.iter_mut().map_while(Option::as_mut) {
            slot.key.iter_mut().for_each(by);
            slot.value.iter_mut().for_each(by);
        }
    }
}

/// The longest text that is read: positions are kept as `u32`.
pub const MAX_TEXT: usize = u32::MAX as usize;

/// How an entry's value mapping is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryBody {
    /// A block mapping; `field_col` is the column (bytes from line start) of its keys.
    Block { field_col: usize },
    /// A flow mapping `{...}`; `close` is the byte offset of its `}`.
    Flow { close: usize },
    /// The value is an alias to a mapping defined elsewhere: readable, not editable in place.
    Alias,
}

/// One feed as found in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub key: Range<usize>,
    /// Byte offset just past the entry's last content (before any trailing comment).
    pub end: usize,
    pub body: EntryBody,
    pub fields: Fields,
    /// Column offset of block sequence items relative to their key, if one was seen.
    pub seq_offset: Option<usize>,
    /// The feed's fields. The full parser fills this as it reads; the fast reader only
    /// checks an entry, and its fields are decoded on first use (see [`Entry::feed`]):
    /// an add to a file of 100,000 feeds decodes none of them (it reads URLs with
    /// [`Entry::url`]). Boxed, so that an entry that is never decoded stays small.
    pub(super) feed: OnceCell<Box<Feed>>,
    /// A hash of the URL (see [`text_hash`]), taken while the entry was read: finding
    /// the feeds with a given URL then reads no text, which on a large file would be a
    /// cache miss per entry.
    pub(super) url_hash: u64,
}

impl Entry {
    pub fn field(&self, name: &str) -> Option<FieldPos> {
        self.fields.get(name)
    }

    /// Whether the entry's URL is `url`, whose [`text_hash`] is `hash`: usually decided
    /// without reading the text.
    pub fn has_url(&self, text: &str, url: &str, hash: u64) -> bool {
        self.url_hash == hash && self.url(text) == url
    }

    /// The entry's URL, without decoding its other fields.
    pub fn url<'t>(&'t self, text: &'t str) -> Cow<'t, str> {
        if let Some(feed) = self.feed.get() {
            return Cow::Borrowed(&feed.url);
        }
        match self.field("url") {
            Some(FieldPos {
                value:
                    Extent {
                        start,
                        end,
                        shape: Shape::Inline,
                    },
                ..
            }) => super::fast::scalar(&text[start..end])
                .unwrap_or_else(|| Cow::Borrowed(&self.feed(text).url)),
            _ => Cow::Borrowed(&self.feed(text).url),
        }
    }

    /// The feed this entry holds; `text` is the text its positions refer to.
    pub fn feed(&self, text: &str) -> &Feed {
        self.feed.get_or_init(|| {
            // The full parser decodes every entry as it reads it; the fast reader checked
            // this entry with the very code that decodes it (`decode` only decides whether
            // the values are kept), so decoding cannot fail. No other reader is tried.
            super::fast::decode(text, self).expect("an entry the fast reader accepted decodes")
        })
    }
}

/// How the `feeds` value is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedsShape {
    /// The file has no document (empty, or only comments and blank lines).
    NoDocument,
    /// A top-level block mapping without a `feeds` key.
    Missing,
    /// `feeds:` with a null value; `value` is where the null is.
    Null { value: Extent },
    /// `feeds: {...}`, possibly empty.
    Flow { value: Extent },
    /// A block mapping of entries.
    Block,
    /// `feeds: *alias`, or a flow top-level mapping: readable, not editable in place.
    Opaque { why: String },
}

/// The result of reading feeds.yaml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub shape: FeedsShape,
    /// The `feeds` key, when present.
    pub feeds_key: Option<Range<usize>>,
    pub entries: Vec<Entry>,
    /// Position of each name in `entries`.
    pub index: NameIndex,
    /// Set when the fast reader read a block `feeds` mapping: then a part of it can be
    /// read again on its own after an edit (see `FeedsDocument::apply`).
    pub block: Option<BlockInfo>,
}

/// The hash of a name or URL, for the name index and [`Entry::url_hash`] (foldhash,
/// with a fixed seed: the hash of a URL is taken once, when its entry is read).
pub fn text_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0).hash_one(text)
}

/// Feed names to their positions in `entries`. The table holds positions only (four
/// bytes a slot) and compares names in the entries themselves: no name is copied, and
/// the table for 100,000 feeds stays small enough for the processor's caches. Names come
/// from the user's own file, so a fast hash is enough (no hash-flooding defence is
/// needed against oneself).
#[derive(Clone, Default)]
pub struct NameIndex {
    table: hashbrown::HashTable<u32>,
}

impl NameIndex {
    /// The position of `name` among `entries` (the entries this index was built over).
    pub fn get(&self, entries: &[Entry], name: &str) -> Option<usize> {
        self.table
            .find(text_hash(name), |&i| entries[i as usize].name == name)
            .map(|&i| i as usize)
    }

    /// Adds `entries[i]`; false (and nothing added) if its name is already there.
    pub fn insert(&mut self, entries: &[Entry], i: usize) -> bool {
        let name = entries[i].name.as_str();
        let at = u32::try_from(i)
            .expect("fewer feeds than bytes, and texts over u32::MAX bytes are refused");
        match self.table.entry(
            text_hash(name),
            |&j| entries[j as usize].name == name,
            |&j| text_hash(&entries[j as usize].name),
        ) {
            hashbrown::hash_table::Entry::Occupied(_) => false,
            hashbrown::hash_table::Entry::Vacant(slot) => {
                slot.insert(at);
                true
            }
        }
    }

    /// Makes room for `more` names without growing the table on the way.
    pub fn reserve(&mut self, entries: &[Entry], more: usize) {
        self.table
            .reserve(more, |&j| text_hash(&entries[j as usize].name));
    }

    /// Follows `entries.splice(range, new)` of `added` entries (`entries` is the result):
    /// the replaced names go, the later positions move, the new names come in. False
    /// if a new name was already there (it is then left out).
    pub fn splice(&mut self, entries: &[Entry], range: Range<usize>, added: usize) -> bool {
        let (k, m) = (range.start, range.end);
        self.table.retain(|at| {
            let i = *at as usize;
            if i >= m {
                // A name's hash does not depend on its position: no rehashing.
                *at = u32::try_from(i - (m - k) + added)
                    .expect("fewer feeds than bytes, and texts over u32::MAX bytes are refused");
            }
            i < k || i >= m
        });
        let mut all_new = true;
        for i in k..k + added {
            all_new &= self.insert(entries, i);
        }
        all_new
    }

    fn len(&self) -> usize {
        self.table.len()
    }

    fn positions(&self) -> Vec<u32> {
        let mut all: Vec<u32> = self.table.iter().copied().collect();
        all.sort_unstable();
        all
    }
}

/// Two indexes are equal when they hold the same positions (over the same entries).
impl PartialEq for NameIndex {
    fn eq(&self, other: &NameIndex) -> bool {
        self.len() == other.len() && self.positions() == other.positions()
    }
}

impl Eq for NameIndex {}

impl std::fmt::Debug for NameIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NameIndex")
            .field("positions", &self.positions())
            .finish()
    }
}

/// Where a block `feeds` mapping read by the fast reader lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockInfo {
    /// Column of the feed names.
    pub indent: usize,
    /// Start of the first line after the mapping (or the end of the text).
    pub end: usize,
}

impl Entry {
    /// Moves every position of the entry by `delta` bytes (it lies after an edit).
    pub fn shift(&mut self, delta: isize) {
        let by = |x: &mut usize| {
            *x = x
                .checked_add_signed(delta)
                .expect("positions stay in the text")
        };
        by(&mut self.key.start);
        by(&mut self.key.end);
        by(&mut self.end);
        if let EntryBody::Flow { close } = &mut self.body {
            by(close);
        }
        self.fields.shift(delta);
    }
}

impl Parsed {
    pub(super) fn empty(shape: FeedsShape) -> Parsed {
        Parsed {
            shape,
            feeds_key: None,
            entries: Vec::new(),
            index: NameIndex::default(),
            block: None,
        }
    }

    /// Appends an entry; a name seen before is an error.
    pub(super) fn push(&mut self, entry: Entry, at: &Span) -> PResult<()> {
        self.entries.push(entry);
        let last = self.entries.len() - 1;
        if !self.index.insert(&self.entries, last) {
            let entry = self.entries.pop().expect("just pushed");
            return Err(err_at(at, format!("duplicate feed name '{}'", entry.name)));
        }
        Ok(())
    }
}

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

fn is_plain_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
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

/// Parses the whole text. An empty or comment-only text has no feeds.
///
/// Plain block YAML, which is what inkwell and inkwell-cli write, is read by a fast
/// line scanner; anything else (and every error) goes through the full YAML parser.
pub fn parse(text: &str) -> PResult<Parsed> {
    if let Some(parsed) = super::fast::parse(text) {
        return Ok(parsed);
    }
    parse_full(text)
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

/// A syntax error from the YAML scanner (also used by the config.yaml reader).
pub(crate) fn scan_error(e: &ScanError) -> ParseError {
    let m = e.marker();
    ParseError {
        location: Some(Location {
            line: m.line(),
            column: m.col() + 1,
        }),
        message: format!("YAML syntax error: {}", e.info()),
    }
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

/// The fields inkwell edits; others are kept as they are.
pub const KNOWN_FIELDS: [&str; 5] = [
    "url",
    "display_name",
    "auth",
    "category",
    "custom_templates",
];

// Positions in `KNOWN_FIELDS`, for the readers that know which field they read.
pub(super) const URL: usize = 0;
pub(super) const DISPLAY_NAME: usize = 1;
pub(super) const CATEGORY: usize = 3;
pub(super) const CUSTOM_TEMPLATES: usize = 4;

pub fn known_field(name: &str) -> Option<&'static str> {
    known_field_index(name).map(|i| KNOWN_FIELDS[i])
}

/// Position of a known field in [`KNOWN_FIELDS`].
pub fn known_field_index(name: &str) -> Option<usize> {
    // The five names have five lengths: one comparison decides (this runs for every
    // field of every feed).
    match name.len() {
        3 if name == "url" => Some(0),
        12 if name == "display_name" => Some(1),
        4 if name == "auth" => Some(2),
        8 if name == "category" => Some(3),
        16 if name == "custom_templates" => Some(4),
        _ => None,
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

/// Byte offset of the start of the line holding `pos`.
pub fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// Byte offset just past the line break ending the line holding `pos` (or the text's end).
pub fn line_end(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1)
}
