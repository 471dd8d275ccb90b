//! The feeds.yaml model both readers build: the entries with the positions of their
//! keys and known fields, the name index, and how the `feeds` value is written.

use std::cell::OnceCell;
use std::ops::Range;

use crate::error::Location;
use crate::feed::Feed;
use crate::yaml::ParseError;

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
    #[inline]
    pub(super) fn push_known(&mut self, kind: usize, key: &Range<usize>, value: &Extent) {
        if let Some(slot) = self.slots.iter_mut().find(|s| s.is_none()) {
            *slot = Some(Slot::known(kind, key, value));
        }
    }

    /// Adds the fields of `other` after its first one, `delta` bytes further on (the
    /// fast reader's repeated entries, see `fast::Tail`).
    pub(super) fn extend_shifted(&mut self, other: &Fields, delta: usize) {
        let delta = pos32(delta);
        let moved = other.slots[1..].iter().map_while(|s| *s).map(|s| Slot {
            key: [s.key[0] + delta, s.key[1] + delta],
            value: [s.value[0] + delta, s.value[1] + delta],
            ..s
        });
        let free = self.slots.iter_mut().filter(|s| s.is_none());
        for (slot, field) in free.zip(moved) {
            *slot = Some(field);
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
    pub(super) fn push(&mut self, entry: Entry, at: &Location) -> Result<(), ParseError> {
        self.entries.push(entry);
        let last = self.entries.len() - 1;
        if !self.index.insert(&self.entries, last) {
            let entry = self.entries.pop().expect("just pushed");
            return Err(ParseError {
                location: Some(at.clone()),
                message: format!("duplicate feed name '{}'", entry.name),
            });
        }
        Ok(())
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
#[inline]
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
