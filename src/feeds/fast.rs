//! A fast reader for the plain block YAML that inkwell and inkwell-cli write.
//!
//! feeds.yaml can hold 100,000 feeds, and every change reads it twice (once to edit, once
//! to check the edit). A general YAML parser costs hundreds of instructions per byte;
//! this line scanner costs a few. It accepts only a strict subset whose meaning is
//! unambiguous: block mappings and sequences indented with spaces, plain scalars on one
//! line, quoted scalars without escapes, `[]`, `{}`, simple `[a, b]` lists, comments and
//! blank lines. On anything else (anchors, tags, block scalars, flow mappings, tabs,
//! multi-line scalars, directives, or any error) it returns `None` and the full parser
//! reads the file, so both always agree; a property test checks that they do.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use super::model::{
    BlockInfo, CATEGORY, CUSTOM_TEMPLATES, DISPLAY_NAME, Entry, EntryBody, Extent, FeedsShape,
    FieldPos, Fields, MAX_TEXT, Parsed, Shape, URL, known_field_index, text_hash,
};
use crate::feed::{Auth, Feed};
use crate::yaml::{is_null, line_end, line_start};

/// Reading an entry the fast reader checked: its fields are decoded on first use.
impl Entry {
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
            }) => scalar(&text[start..end]).unwrap_or_else(|| Cow::Borrowed(&self.feed(text).url)),
            _ => Cow::Borrowed(&self.feed(text).url),
        }
    }

    /// The feed this entry holds; `text` is the text its positions refer to.
    pub fn feed(&self, text: &str) -> &Feed {
        self.feed.get_or_init(|| {
            // The full parser decodes every entry as it reads it; the fast reader checked
            // this entry with the very code that decodes it (`decode` only decides whether
            // the values are kept), so decoding cannot fail. No other reader is tried.
            decode(text, self).expect("an entry the fast reader accepted decodes")
        })
    }
}

/// The scanner gave up: the full parser decides.
struct Bail;

type R<T> = Result<T, Bail>;

pub fn parse(text: &str) -> Option<Parsed> {
    if text.len() > MAX_TEXT || !plain_enough(text.as_bytes()) {
        return None;
    }
    Reader::new(text, 0, text.len(), false).document().ok()
}

/// Decodes the fields of an entry this reader accepted from `text` (see `Entry::feed`).
pub fn decode(text: &str, entry: &Entry) -> Option<Box<Feed>> {
    let EntryBody::Block { .. } = entry.body else {
        return None;
    };
    let mut reader = Reader::new(text, line_end(text, entry.key.start), text.len(), true);
    let indent = entry.key.start - line_start(text, entry.key.start);
    let decoded = reader
        .entry(String::new(), entry.key.clone(), indent)
        .ok()?;
    decoded.feed.into_inner()
}

/// Reads `text[from..to]` as the entries of a block `feeds` mapping whose names are at
/// column `indent`: after an edit, only the edited region of a file needs reading again.
/// `None` if the region is anything else (the caller then reads the whole text).
pub fn entries_between(text: &str, from: usize, to: usize, indent: usize) -> Option<Vec<Entry>> {
    if text.len() > MAX_TEXT || !plain_enough(text.get(from..to)?.as_bytes()) {
        return None;
    }
    // Few entries are read here, and all of them are compared at once: decode them now.
    let mut reader = Reader::new(text, from, to, true);
    let mut parsed = Parsed::empty(FeedsShape::Block);
    reader.entries(indent, &mut parsed, to).ok()?;
    // Every line of the region must belong to its entries.
    match reader.peek() {
        Ok(None) => Some(parsed.entries),
        _ => None,
    }
}

/// Rejects bytes whose YAML meaning is subtle: tabs, control characters, lone CRs,
/// C1 controls (U+0085 is a line break in YAML 1.1), U+2028/2029, BOMs, U+FFFE/FFFF.
fn plain_enough(b: &[u8]) -> bool {
    // Most files are printable ASCII and newlines: check 64 bytes at a time, branch-free,
    // and look closer only at chunks that hold anything else.
    let ordinary = |c: u8| (0x20..0x7f).contains(&c) || c == b'\n';
    b.chunks(64).enumerate().all(|(k, chunk)| {
        chunk.iter().fold(true, |ok, &c| ok & ordinary(c))
            || plain_enough_slow(b, k * 64, k * 64 + chunk.len())
    })
}

/// The byte-by-byte check of `b[from..to]` (a sequence may continue past `to`).
fn plain_enough_slow(b: &[u8], from: usize, to: usize) -> bool {
    let mut i = from;
    while i < to {
        match b[i] {
            b'\n' | 0x20..=0x7e => {}
            b'\r' if b.get(i + 1) == Some(&b'\n') => {}
            0xc2 if matches!(b.get(i + 1), Some(0x80..=0x9f)) => return false,
            0xe2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)) => {
                return false;
            }
            0xef if (b.get(i + 1) == Some(&0xbb) && b.get(i + 2) == Some(&0xbf))
                || (b.get(i + 1) == Some(&0xbf) && matches!(b.get(i + 2), Some(0xbe | 0xbf))) =>
            {
                return false;
            }
            0x80..=0xff => {}
            _ => return false,
        }
        i += 1;
    }
    true
}

/// A line with content (blank and comment-only lines are skipped).
#[derive(Clone, Copy)]
struct Line {
    indent: usize,
    /// Byte range of the line after its indentation, without the line break.
    start: usize,
    end: usize,
}

impl Line {
    /// Where the line starts, its indentation included. (The reader moves from line
    /// start to line start, so no search back for the line break is needed.)
    fn line_start(self) -> usize {
        self.start - self.indent
    }
}

/// A scalar or empty collection written on one line.
enum Val<'a> {
    /// Nothing after the `:` (or `-`): null, or a nested block on the next lines.
    Empty,
    Scalar {
        text: Cow<'a, str>,
        null: bool,
        range: Range<usize>,
    },
    EmptyMap(Range<usize>),
    /// A flow sequence of simple items (see `simple_flow_item`), brackets included.
    Seq(Range<usize>),
}

impl Val<'_> {
    fn range(&self) -> Option<Range<usize>> {
        match self {
            Val::Empty => None,
            Val::Scalar { range, .. } | Val::EmptyMap(range) | Val::Seq(range) => {
                Some(range.clone())
            }
        }
    }
}

enum Item<'a> {
    Key {
        key: Cow<'a, str>,
        range: Range<usize>,
        value: Val<'a>,
    },
    Dash {
        value: Val<'a>,
    },
}

struct Reader<'a> {
    text: &'a str,
    cursor: usize,
    peeked: Option<Option<Line>>,
    /// Nesting of skipped blocks below a feed's fields.
    depth: usize,
    /// Where reading stops (the end of the text, or of a re-read region).
    limit: usize,
    /// Whether to build each entry's `Feed`, or only check that it is one.
    decode: bool,
    /// The rest of the last entry checked, after its `url` line (see [`Tail`]).
    tail: Option<Tail>,
    /// The text of the last `auth` block checked, the column of its keys, and where its
    /// value lay.
    last_auth: Option<(Range<usize>, usize, Extent)>,
}

/// What follows an entry's `url` line, up to the next entry: in the files inkwell and
/// inkwell-cli write, this text is the same in most entries, byte for byte
/// (`display_name: null`, the `auth` block, ...). An entry whose rest repeats the last
/// one's is not read again: the same bytes read the same way, so its fields are the
/// last entry's, moved. This makes checking a file of 10,000 feeds about three times
/// faster.
struct Tail {
    /// The text, from the start of the line after `url` to the start of the line that
    /// ended the entry.
    text: Range<usize>,
    field_col: usize,
    /// The entry's fields, `url` first.
    fields: Fields,
    end: usize,
    seq_offset: Option<usize>,
}

/// Deeper blocks than this are read by the full parser.
const MAX_DEPTH: usize = 32;

impl<'a> Reader<'a> {
    fn new(text: &'a str, cursor: usize, limit: usize, decode: bool) -> Self {
        Reader {
            text,
            cursor,
            peeked: None,
            depth: 0,
            limit,
            decode,
            tail: None,
            last_auth: None,
        }
    }

    #[inline(always)]
    fn peek(&mut self) -> R<Option<Line>> {
        if let Some(p) = self.peeked {
            return Ok(p);
        }
        let line = self.scan()?;
        self.peeked = Some(line);
        Ok(line)
    }

    fn bump(&mut self) {
        self.peeked = None;
    }

    #[inline(always)]
    fn scan(&mut self) -> R<Option<Line>> {
        let bytes = self.text.as_bytes();
        while self.cursor < self.limit {
            let start = self.cursor;
            let nl =
                memchr::memchr(b'\n', &bytes[start..self.limit]).map_or(self.limit, |i| start + i);
            // Past the line break; at the limit if the line runs into it.
            self.cursor = (nl + 1).min(self.limit);
            let end = if nl > start && bytes[nl - 1] == b'\r' {
                nl - 1
            } else {
                nl
            };
            let indent = bytes[start..end].iter().take_while(|&&c| c == b' ').count();
            let body = &bytes[start + indent..end];
            if body.is_empty() || body[0] == b'#' {
                continue;
            }
            if indent == 0
                && (body.starts_with(b"---") || body.starts_with(b"...") || body[0] == b'%')
            {
                return Err(Bail);
            }
            return Ok(Some(Line {
                indent,
                start: start + indent,
                end,
            }));
        }
        Ok(None)
    }

    fn document(&mut self) -> R<Parsed> {
        let mut parsed = Parsed::empty(FeedsShape::NoDocument);
        if self.peek()?.is_none() {
            return Ok(parsed);
        }
        parsed.shape = FeedsShape::Missing;
        let mut root_keys: Vec<String> = Vec::new();
        while let Some(line) = self.peek()? {
            if line.indent != 0 {
                return Err(Bail);
            }
            self.bump();
            let Item::Key { key, range, value } = self.item(line)? else {
                return Err(Bail);
            };
            if root_keys.iter().any(|k| *k == key) {
                return Err(Bail);
            }
            root_keys.push(key.to_string());
            if key != "feeds" {
                self.skip_value(0, &value, &mut 0)?;
                continue;
            }
            parsed.feeds_key = Some(range.clone());
            parsed.shape = match value {
                Val::Empty => match self.peek()? {
                    Some(l) if l.indent > 0 => {
                        self.entries(l.indent, &mut parsed, self.limit)?;
                        let end = self.peek()?.map_or(self.text.len(), |next| next.start);
                        parsed.block = Some(BlockInfo {
                            indent: l.indent,
                            end,
                        });
                        FeedsShape::Block
                    }
                    Some(l) if self.is_dash(l) => return Err(Bail),
                    _ => FeedsShape::Null {
                        value: Extent {
                            start: range.end,
                            end: range.end,
                            shape: Shape::EmptyNull,
                        },
                    },
                },
                Val::Scalar {
                    null: true, range, ..
                } => FeedsShape::Null {
                    value: Extent {
                        start: range.start,
                        end: range.end,
                        shape: Shape::Inline,
                    },
                },
                Val::EmptyMap(range) => FeedsShape::Flow {
                    value: Extent {
                        start: range.start,
                        end: range.end,
                        shape: Shape::Inline,
                    },
                },
                _ => return Err(Bail),
            };
        }
        Ok(parsed)
    }

    /// Reads entries at column `indent`; `room_to` is where the text that `parsed` will
    /// hold entries from ends, to make room for them at once.
    fn entries(&mut self, indent: usize, parsed: &mut Parsed, room_to: usize) -> R<()> {
        while let Some(line) = self.peek()? {
            if line.indent < indent {
                if line.indent != 0 {
                    return Err(Bail);
                }
                break;
            }
            if line.indent > indent {
                return Err(Bail);
            }
            self.bump();
            let Item::Key {
                key: name,
                range: key,
                value: Val::Empty,
            } = self.item(line)?
            else {
                return Err(Bail);
            };
            let first_line = line.line_start();
            let entry = self.entry(name.into_owned(), key, indent)?;
            if parsed.entries.is_empty() {
                // Room for as many more entries of this size as the rest of the text
                // holds: growing 100,000 entries by doubling would copy them 17 times.
                let size = (entry.end - first_line).max(64);
                let more = room_to.saturating_sub(entry.end) / size + 1;
                parsed.entries.reserve(more + more / 8);
                parsed.index.reserve(&parsed.entries, more + more / 8);
            }
            parsed.entries.push(entry);
            if !parsed
                .index
                .insert(&parsed.entries, parsed.entries.len() - 1)
            {
                return Err(Bail);
            }
        }
        Ok(())
    }

    fn entry(&mut self, name: String, key: Range<usize>, indent: usize) -> R<Entry> {
        let field_col = match self.peek()? {
            Some(l) if l.indent > indent => l.indent,
            _ => return Err(Bail),
        };
        // Only built when decoding; a check needs nothing but positions.
        let mut feed = self.decode.then(|| Feed::new(String::new()));
        let mut has_url = false;
        let mut url = 0;
        let mut fields = Fields::default();
        // Known fields seen so far as bits; other names (rare) in a list.
        let mut seen_known = 0u8;
        let mut seen: Vec<Cow<'a, str>> = Vec::new();
        let mut seq_offset = None;
        let mut end = key.end;
        // Where the text after a first `url: value` line starts (see `Tail`).
        let mut tail_start = None;
        while let Some(line) = self.peek()? {
            if line.indent < field_col {
                break;
            }
            if line.indent > field_col {
                return Err(Bail);
            }
            self.bump();
            let Item::Key {
                key: fname,
                range: fkey,
                value,
            } = self.item(line)?
            else {
                return Err(Bail);
            };
            end = end.max(fkey.end);
            let Some(field) = known_field_index(&fname) else {
                if seen.contains(&fname) {
                    return Err(Bail);
                }
                seen.push(fname);
                self.skip_value(field_col, &value, &mut end)?;
                continue;
            };
            let bit = 1u8 << field;
            if seen_known & bit != 0 {
                return Err(Bail);
            }
            seen_known |= bit;
            let extent = match field {
                URL | DISPLAY_NAME | CATEGORY => {
                    let text = match &value {
                        Val::Scalar { null: true, .. } => None,
                        Val::Scalar { text, .. } => Some(text.as_ref()),
                        Val::Empty => {
                            self.no_nested(field_col)?;
                            None
                        }
                        _ => return Err(Bail),
                    };
                    if field == URL {
                        has_url = text.is_some();
                        url = text.map_or(0, text_hash);
                    }
                    if let Some(feed) = &mut feed {
                        let text = text.map(str::to_string);
                        match field {
                            URL => feed.url = text.unwrap_or_default(),
                            DISPLAY_NAME => feed.display_name = text,
                            _ => feed.category = text,
                        }
                    }
                    self.inline_extent(&value, &fkey)
                }
                CUSTOM_TEMPLATES => match value {
                    Val::Empty => match self.peek()? {
                        Some(l) if l.indent >= field_col && self.is_dash(l) => {
                            seq_offset = Some(l.indent - field_col);
                            let items = feed.as_mut().map(|f| &mut f.custom_templates);
                            self.templates(l.indent, field_col, items)?
                        }
                        _ => {
                            self.no_nested(field_col)?;
                            self.inline_extent(&value, &fkey)
                        }
                    },
                    Val::Scalar { null: true, .. } => self.inline_extent(&value, &fkey),
                    Val::Seq(ref range) => {
                        if let Some(feed) = &mut feed {
                            feed.custom_templates = flow_items(&self.text[range.clone()]);
                        }
                        self.inline_extent(&value, &fkey)
                    }
                    _ => return Err(Bail),
                },
                _ => match value {
                    // auth
                    Val::Scalar { null: true, .. } | Val::EmptyMap(_) => {
                        self.inline_extent(&value, &fkey)
                    }
                    Val::Empty => match self.peek()? {
                        Some(l) if l.indent > field_col => {
                            let at = l.line_start();
                            self.auth_block(at, l.indent, feed.as_mut().map(|f| &mut f.auth))?
                        }
                        _ => {
                            self.no_nested(field_col)?;
                            self.inline_extent(&value, &fkey)
                        }
                    },
                    _ => return Err(Bail),
                },
            };
            end = end.max(extent.end);
            fields.push_known(field, &fkey, &extent);
            if seen_known == 1 << URL && seen.is_empty() && !self.decode && self.peeked.is_none() {
                let at = self.cursor;
                tail_start = Some(at);
                if let Some(last) = self.repeats_last_tail(at, field_col)? {
                    fields.extend_shifted(&last.fields, at - last.text.start);
                    if last.end >= last.text.start {
                        end = end.max(last.end - last.text.start + at);
                    }
                    seq_offset = last.seq_offset;
                    self.tail = Some(last);
                    break;
                }
            }
        }
        if !has_url {
            return Err(Bail);
        }
        if let Some(at) = tail_start {
            let to = self.peek()?.map_or(self.limit, Line::line_start);
            self.tail = Some(Tail {
                text: at..to,
                field_col,
                fields: fields.clone(),
                end,
                seq_offset,
            });
        }
        Ok(Entry {
            name,
            key,
            end,
            body: EntryBody::Block { field_col },
            fields,
            seq_offset,
            feed: feed.map_or_else(OnceCell::new, |f| OnceCell::from(Box::new(f))),
            url_hash: url,
        })
    }

    /// The last entry's [`Tail`] if the text at `at` repeats it and the entry ends
    /// there; otherwise `None`, with the reader where it was.
    fn repeats_last_tail(&mut self, at: usize, field_col: usize) -> R<Option<Tail>> {
        let Some(last) = self.tail.take_if(|t| t.field_col == field_col) else {
            return Ok(None);
        };
        Ok(self.repeats(at, &last.text, field_col).then_some(last))
    }

    /// An `auth` block mapping with its keys at column `indent`, whose first line starts
    /// at `at`: when only checking, one that repeats the last `auth` block read byte for
    /// byte is not read again (see [`Tail`]; the `auth` blocks of a file are usually all
    /// alike even where the entries' other fields differ).
    fn auth_block(&mut self, at: usize, indent: usize, auth: Option<&mut Auth>) -> R<Extent> {
        if auth.is_some() {
            return self.auth(indent, auth);
        }
        if let Some((seen, _, extent)) = self.last_auth.take_if(|(_, col, _)| *col == indent)
            && self.repeats(at, &seen, indent)
        {
            let by = at - seen.start;
            let extent = Extent {
                start: extent.start + by,
                end: extent.end + by,
                shape: extent.shape,
            };
            self.last_auth = Some((at..at + seen.len(), indent, extent.clone()));
            return Ok(extent);
        }
        let extent = self.auth(indent, None)?;
        let to = self.peek()?.map_or(self.limit, Line::line_start);
        self.last_auth = Some((at..to, indent, extent.clone()));
        Ok(extent)
    }

    /// Whether the text at `at` repeats `text[seen]` and what follows it ends the block
    /// it belongs to (its next line is left of `col`, or there is none). If so the reader
    /// is moved past it; if not, it is put back at `at`.
    fn repeats(&mut self, at: usize, seen: &Range<usize>, col: usize) -> bool {
        let len = seen.len();
        let b = self.text.as_bytes();
        if at + len > self.limit || b[at..at + len] != b[seen.clone()] {
            // (Where the reader was: `at` is the start of the line it peeked, if any.)
            return false;
        }
        let (cursor, peeked) = (self.cursor, self.peeked);
        self.cursor = at + len;
        self.peeked = None;
        match self.peek() {
            Ok(Some(l)) if l.indent >= col => {}
            Ok(_) => return true,
            Err(Bail) => {}
        }
        // More follows (or something the reader must look at itself): read on normally.
        self.cursor = cursor;
        self.peeked = peeked;
        false
    }

    fn inline_extent(&self, value: &Val, key: &Range<usize>) -> Extent {
        match value.range() {
            Some(r) => Extent {
                start: r.start,
                end: r.end,
                shape: Shape::Inline,
            },
            None => Extent {
                start: key.end,
                end: key.end,
                shape: Shape::EmptyNull,
            },
        }
    }

    /// A block list of template names with its dashes at column `indent` (pushed to
    /// `items` when decoding).
    fn templates(
        &mut self,
        indent: usize,
        key_col: usize,
        mut items: Option<&mut Vec<String>>,
    ) -> R<Extent> {
        let mut range: Option<Range<usize>> = None;
        while let Some(line) = self.peek()? {
            let dash = self.is_dash(line);
            if line.indent < indent || (line.indent == key_col && !dash) {
                break;
            }
            if line.indent > indent || !dash {
                return Err(Bail);
            }
            self.bump();
            let Item::Dash {
                value:
                    Val::Scalar {
                        text,
                        null: false,
                        range: r,
                    },
            } = self.item(line)?
            else {
                return Err(Bail);
            };
            if let Some(items) = &mut items {
                items.push(text.into_owned());
            }
            range = Some(range.map_or(r.clone(), |old| old.start..r.end));
        }
        let r = range.ok_or(Bail)?;
        Ok(Extent {
            start: r.start,
            end: r.end,
            shape: Shape::Block,
        })
    }

    /// An `auth` block mapping with its keys at column `indent` (into `auth` when decoding).
    fn auth(&mut self, indent: usize, mut auth: Option<&mut Auth>) -> R<Extent> {
        // The four keys inkwell reads, seen so far, as bits; other keys (rare) in a list.
        let mut seen_known = 0u8;
        let mut seen: Vec<Cow<'a, str>> = Vec::new();
        let mut start = None;
        let mut end = 0;
        while let Some(line) = self.peek()? {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return Err(Bail);
            }
            self.bump();
            let Item::Key { key, range, value } = self.item(line)? else {
                return Err(Bail);
            };
            let known = auth_key_index(&key);
            match known {
                Some(bit) if seen_known & (1 << bit) != 0 => return Err(Bail),
                Some(bit) => seen_known |= 1 << bit,
                None if seen.contains(&key) => return Err(Bail),
                None => {}
            }
            start.get_or_insert(range.start);
            end = end.max(range.end);
            let text = match &value {
                Val::Scalar { null: true, .. } => None,
                Val::Scalar { text, .. } => Some(text.as_ref()),
                Val::Empty if known.is_none() => {
                    self.skip_value(indent, &value, &mut end)?;
                    seen.push(key);
                    continue;
                }
                Val::Empty => {
                    self.no_nested(indent)?;
                    None
                }
                _ => return Err(Bail),
            };
            if let Some(r) = value.range() {
                end = end.max(r.end);
            }
            if let Some(auth) = &mut auth {
                let text = text.map(str::to_string);
                match known {
                    Some(0) => auth.kind = text.unwrap_or_else(|| "none".into()),
                    Some(1) => auth.username = text,
                    Some(2) => auth.password = text,
                    Some(3) => auth.token = text,
                    _ => {}
                }
            }
            if known.is_none() {
                seen.push(key);
            }
        }
        Ok(Extent {
            start: start.ok_or(Bail)?,
            end,
            shape: Shape::Block,
        })
    }

    /// After `key:` with nothing after it: the value must be null (no nested block).
    #[inline(always)]
    fn no_nested(&mut self, indent: usize) -> R<()> {
        match self.peek()? {
            Some(l) if l.indent > indent || (l.indent == indent && self.is_dash(l)) => Err(Bail),
            _ => Ok(()),
        }
    }

    /// Consumes a value inkwell does not interpret, checking its block structure.
    fn skip_value(&mut self, indent: usize, value: &Val, end: &mut usize) -> R<()> {
        if let Some(r) = value.range() {
            *end = (*end).max(r.end);
            return Ok(());
        }
        match self.peek()? {
            Some(l) if l.indent > indent => self.skip_block(l.indent, false, end),
            Some(l) if l.indent == indent && self.is_dash(l) => self.skip_block(indent, true, end),
            _ => Ok(()),
        }
    }

    /// A block mapping or sequence at column `indent` (`indentless`: a sequence at the
    /// same column as its key, which ends at the next non-dash line).
    fn skip_block(&mut self, indent: usize, indentless: bool, end: &mut usize) -> R<()> {
        // Deep nesting is left to the full parser, which enforces its nesting limit.
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Bail);
        }
        let result = self.skip_block_items(indent, indentless, end);
        self.depth -= 1;
        result
    }

    fn skip_block_items(&mut self, indent: usize, indentless: bool, end: &mut usize) -> R<()> {
        let first = self.peek()?.ok_or(Bail)?;
        let is_seq = self.is_dash(first);
        while let Some(line) = self.peek()? {
            if line.indent < indent || (indentless && !self.is_dash(line)) {
                break;
            }
            if line.indent > indent || self.is_dash(line) != is_seq {
                return Err(Bail);
            }
            self.bump();
            match self.item(line)? {
                Item::Key { range, value, .. } => {
                    *end = (*end).max(range.end);
                    self.skip_value(indent, &value, end)?;
                }
                Item::Dash { value } => {
                    *end = (*end).max(line.start + 1);
                    match value.range() {
                        Some(r) => *end = (*end).max(r.end),
                        None => match self.peek()? {
                            Some(l) if l.indent > indent => {
                                self.skip_block(l.indent, false, end)?
                            }
                            _ => {}
                        },
                    }
                }
            }
        }
        Ok(())
    }

    #[inline(always)]
    fn is_dash(&self, line: Line) -> bool {
        let s = &self.text[line.start..line.end];
        s == "-" || s.starts_with("- ")
    }

    #[inline(always)]
    fn item(&self, line: Line) -> R<Item<'a>> {
        let s = &self.text[line.start..line.end];
        if s == "-" || s.starts_with("- ") {
            return Ok(Item::Dash {
                value: self.value(line.start + 1, line.end)?,
            });
        }
        let (key, key_len, colon) = key(s)?;
        let range = line.start..line.start + key_len;
        let value = self.value(line.start + colon + 1, line.end)?;
        Ok(Item::Key { key, range, value })
    }

    /// Reads the value in `text[from..to]` (which starts with a space, or is empty).
    #[inline(always)]
    fn value(&self, from: usize, to: usize) -> R<Val<'a>> {
        // Bytes, not chars: every character that matters here is ASCII.
        let b = self.text.as_bytes();
        let off = from + b[from..to].iter().take_while(|&&c| c == b' ').count();
        if off == from && from < to {
            return Err(Bail);
        }
        if off == to {
            return Ok(Val::Empty);
        }
        let t = &self.text[off..to];
        let after_token = |len: usize| -> R<()> { rest_is_comment(&t[len..]) };
        match b[off] {
            b'#' => Ok(Val::Empty),
            b'"' | b'\'' => {
                let (text, len) = quoted(t)?;
                after_token(len)?;
                Ok(Val::Scalar {
                    text,
                    null: false,
                    range: off..off + len,
                })
            }
            b'[' => {
                let close = find_byte(t.as_bytes(), b']').ok_or(Bail)?;
                after_token(close + 1)?;
                let inner = &t[1..close];
                let range = off..off + close + 1;
                if inner.is_empty() {
                    return Ok(Val::Seq(range));
                }
                if inner.bytes().all(|c| c == b' ') {
                    return Err(Bail);
                }
                if !inner
                    .split(',')
                    .all(|item| simple_flow_item(item.trim_matches(' ')))
                {
                    return Err(Bail);
                }
                Ok(Val::Seq(range))
            }
            b'{' => {
                if !t.starts_with("{}") {
                    return Err(Bail);
                }
                after_token(2)?;
                Ok(Val::EmptyMap(off..off + 2))
            }
            b']' | b'}' | b',' | b'&' | b'*' | b'!' | b'|' | b'>' | b'%' | b'@' | b'`' => Err(Bail),
            b'-' | b'?' | b':' if t.len() == 1 || t.as_bytes()[1] == b' ' => Err(Bail),
            _ => {
                let bytes = t.as_bytes();
                let mut cut = bytes.len();
                // A ` #` starts a comment; `: ` would make the value a mapping. Both hold
                // a space, and most values (URLs, names) hold few or none: look only at
                // the spaces. (`t` starts with no space, so one is never at 0.)
                let mut from = 0;
                while let Some(i) = find_byte(&bytes[from..], b' ').map(|i| from + i) {
                    if bytes[i - 1] == b':' {
                        return Err(Bail);
                    }
                    if bytes.get(i + 1) == Some(&b'#') {
                        cut = i;
                        break;
                    }
                    from = i + 1;
                }
                let v = trim_end_spaces(&t[..cut]);
                if v.ends_with(':') {
                    return Err(Bail);
                }
                Ok(Val::Scalar {
                    text: Cow::Borrowed(v),
                    null: is_null(v),
                    range: off..off + v.len(),
                })
            }
        }
    }
}

/// The value of a one-line scalar token this reader accepted (`None` for anything else).
pub fn scalar(token: &str) -> Option<Cow<'_, str>> {
    match token.as_bytes().first()? {
        b'"' | b'\'' => quoted(token)
            .ok()
            .filter(|(_, len)| *len == token.len())
            .map(|(t, _)| t),
        _ => Some(Cow::Borrowed(token)),
    }
}

/// After a token: only spaces, then nothing or a comment.
fn rest_is_comment(rest: &str) -> R<()> {
    let t = rest.trim_start_matches(' ');
    if t.is_empty() || (t.starts_with('#') && t.len() < rest.len()) {
        Ok(())
    } else {
        Err(Bail)
    }
}

/// The items of a flow sequence `[a, b]` that `Reader::value` accepted.
fn flow_items(seq: &str) -> Vec<String> {
    let inner = &seq[1..seq.len() - 1];
    if inner.is_empty() {
        return Vec::new();
    }
    inner
        .split(',')
        .map(|item| item.trim_matches(' ').to_string())
        .collect()
}

/// A list item that reads the same in every YAML reader: a plain word-like string.
fn simple_flow_item(item: &str) -> bool {
    let Some(first) = item.chars().next() else {
        return false;
    };
    (first.is_alphanumeric() || first == '_')
        && item
            .chars()
            .all(|c| c.is_alphanumeric() || " -_./+=()~".contains(c))
        && !matches!(item, "null" | "Null" | "NULL")
}

/// Keys and values are short: below this many bytes a plain loop finds a byte for less
/// than it costs to set up memchr's vector search.
const SHORT: usize = 48;

/// The first `:` or `#` in `b`.
#[inline(always)]
fn find_colon_or_hash(b: &[u8]) -> Option<usize> {
    if b.len() < SHORT {
        b.iter().position(|&c| c == b':' || c == b'#')
    } else {
        memchr::memchr2(b':', b'#', b)
    }
}

/// The first `byte` in `b`.
#[inline(always)]
fn find_byte(b: &[u8], byte: u8) -> Option<usize> {
    if b.len() < SHORT {
        b.iter().position(|&c| c == byte)
    } else {
        memchr::memchr(byte, b)
    }
}

/// `s` without the spaces it ends with. Most keys and values end with none, and the
/// last byte tells.
#[inline(always)]
fn trim_end_spaces(s: &str) -> &str {
    if s.ends_with(' ') {
        s.trim_end_matches(' ')
    } else {
        s
    }
}

/// A mapping key at the start of `s`: its text, its length in `s`, and the `:` offset.
#[inline(always)]
fn key(s: &str) -> R<(Cow<'_, str>, usize, usize)> {
    let (text, len) = match s.as_bytes()[0] {
        b'"' | b'\'' => quoted(s)?,
        b'-' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!'
        | b'|' | b'>' | b'%' | b'@' | b'`' => return Err(Bail),
        _ => {
            let b = s.as_bytes();
            let mut from = 0;
            let colon = loop {
                let i = from + find_colon_or_hash(&b[from..]).ok_or(Bail)?;
                match b[i] {
                    b':' if matches!(b.get(i + 1), None | Some(b' ')) => break i,
                    b'#' if i > 0 && b[i - 1] == b' ' => return Err(Bail),
                    _ => from = i + 1,
                }
            };
            let k = trim_end_spaces(&s[..colon]);
            if k.is_empty() || k.len() > 512 {
                return Err(Bail);
            }
            return Ok((Cow::Borrowed(k), k.len(), colon));
        }
    };
    match (s.as_bytes().get(len), s.as_bytes().get(len + 1)) {
        (Some(b':'), None | Some(b' ')) => Ok((text, len, len)),
        _ => Err(Bail),
    }
}

/// The keys of `auth` that inkwell reads, numbered by the bit that marks them as seen:
/// `type`, `username`, `password`, `token`. The length picks the one candidate to
/// compare with (this runs for every line of every `auth`).
fn auth_key_index(key: &str) -> Option<usize> {
    match key.len() {
        4 if key == "type" => Some(0),
        8 if key == "username" => Some(1),
        8 if key == "password" => Some(2),
        5 if key == "token" => Some(3),
        _ => None,
    }
}

/// A quoted scalar closed on this line; escapes in double quotes are left to the full parser.
fn quoted(s: &str) -> R<(Cow<'_, str>, usize)> {
    if let Some(body) = s.strip_prefix('"') {
        let close = body.find('"').ok_or(Bail)? + 1;
        let inner = &s[1..close];
        if inner.contains('\\') {
            return Err(Bail);
        }
        return Ok((Cow::Borrowed(inner), close + 1));
    }
    let mut out: Option<String> = None;
    let mut i = 1;
    loop {
        let j = i + s[i..].find('\'').ok_or(Bail)?;
        if s.as_bytes().get(j + 1) == Some(&b'\'') {
            let buf = out.get_or_insert_with(String::new);
            buf.push_str(&s[i..=j]);
            i = j + 2;
            continue;
        }
        return Ok(match out {
            Some(mut buf) => {
                buf.push_str(&s[i..j]);
                (Cow::Owned(buf), j + 1)
            }
            None => (Cow::Borrowed(&s[1..j]), j + 1),
        });
    }
}
