//! The lossless feeds.yaml document: reads the feeds and edits the text in place.
//!
//! An edit is a list of byte-range splices computed from the parser's positions: only the
//! bytes of the entries being changed are touched, so comments, blank lines, key order,
//! quoting, CRLF line endings and keys inkwell does not know survive byte for byte.
//! After every edit the new text is parsed again and must read back as exactly the
//! intended feeds; if it does not, the edit is refused and nothing is written.

mod fast;
mod full;
mod model;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;

pub use crate::yaml::ParseError;
use crate::yaml::{Context, Spliced, checksum, emit, line_end, line_start, scalar};
use model::{Entry, EntryBody, FeedsShape, Parsed, Shape};

use crate::error::Location;
use crate::feed::{Auth, Feed};

/// Parses the whole text. An empty or comment-only text has no feeds.
///
/// Plain block YAML, which is what inkwell and inkwell-cli write, is read by a fast
/// line scanner; anything else (and every error) goes through the full YAML parser.
fn read(text: &str) -> Result<Parsed, ParseError> {
    if let Some(parsed) = fast::parse(text) {
        return Ok(parsed);
    }
    full::parse_full(text)
}

/// A change to the feeds, applied by [`FeedsDocument::apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Add { name: String, feed: Feed },
    Remove { name: String },
    Rename { from: String, to: String },
    Update { name: String, patch: Patch },
}

/// New values for some fields of a feed; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patch {
    pub url: Option<String>,
    pub display_name: Option<Option<String>>,
    pub category: Option<Option<String>>,
    pub custom_templates: Option<Vec<String>>,
    pub auth: Option<Auth>,
}

impl Patch {
    pub fn is_empty(&self) -> bool {
        *self == Patch::default()
    }

    pub fn apply_to(&self, feed: &mut Feed) {
        if let Some(u) = &self.url {
            feed.url = u.clone();
        }
        if let Some(d) = &self.display_name {
            feed.display_name = d.clone();
        }
        if let Some(c) = &self.category {
            feed.category = c.clone();
        }
        if let Some(t) = &self.custom_templates {
            feed.custom_templates = t.clone();
        }
        if let Some(a) = &self.auth {
            feed.auth = a.clone();
        }
    }
}

/// Why an edit could not be made. The document is unchanged in every case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    Exists {
        name: String,
        url: String,
    },
    Missing {
        name: String,
    },
    /// The file is valid but written in a way this editor will not change in place.
    Unsupported {
        message: String,
    },
    /// The edited text did not read back as intended (a bug guard).
    Check {
        message: String,
    },
}

/// feeds.yaml as text plus what was read from it.
#[derive(Debug, Clone)]
pub struct FeedsDocument {
    /// The text the entries' positions refer to (but see [`Edit::Region`]).
    text: String,
    parsed: Parsed,
    /// What `apply` changed since the text was read.
    edit: Edit,
}

/// The edit a document holds, to be written as splices over the text read.
#[derive(Debug, Clone)]
enum Edit {
    None,
    /// `text` is still the text read; the new text is `text` with these splices. The
    /// re-read entries (from `after - added` on) are decoded and placed in the new text;
    /// the entries from `after` on are still placed in `text`, `delta` bytes before
    /// their place in the new text. A file of 100,000 feeds is edited this way without
    /// a second copy of its text.
    Region {
        splices: Vec<(Range<usize>, String)>,
        after: usize,
        delta: isize,
    },
    /// `text` is the new text, read back whole; `read` the text as read.
    Whole {
        read: String,
    },
}

impl FeedsDocument {
    /// Reads raw file bytes; invalid UTF-8 is reported with its line and column.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<FeedsDocument, ParseError> {
        match String::from_utf8(bytes) {
            Ok(text) => FeedsDocument::parse(text),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let bytes = e.as_bytes();
                let before = String::from_utf8_lossy(&bytes[..valid]);
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                Err(ParseError {
                    location: Some(Location { line, column }),
                    message: "the file is not valid UTF-8 text".into(),
                })
            }
        }
    }

    pub fn parse(text: String) -> Result<FeedsDocument, ParseError> {
        let parsed = read(&text)?;
        Ok(FeedsDocument {
            text,
            parsed,
            edit: Edit::None,
        })
    }

    /// The current text (built whole from the splices if an edit is pending).
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match &self.edit {
            Edit::Region { splices, .. } => {
                std::borrow::Cow::Owned(Spliced::new(self.text.clone(), splices.clone()).to_text())
            }
            _ => std::borrow::Cow::Borrowed(&self.text),
        }
    }

    /// Whether [`apply`](Self::apply) changed the text since it was read.
    pub fn is_edited(&self) -> bool {
        match &self.edit {
            Edit::None => false,
            Edit::Region { splices, .. } => splices.iter().any(|(r, s)| self.text[r.clone()] != *s),
            Edit::Whole { read } => *read != self.text,
        }
    }

    pub fn into_text(self) -> String {
        self.into_spliced().to_text()
    }

    /// The text as read and the splices that make the current text: what is written.
    pub fn into_spliced(self) -> Spliced {
        match self.edit {
            Edit::None => Spliced::new(self.text, Vec::new()),
            Edit::Region { splices, .. } => Spliced::new(self.text, splices),
            Edit::Whole { read } => {
                let len = read.len();
                Spliced::new(read, vec![(0..len, self.text)])
            }
        }
    }

    /// Builds the new text of a pending region edit, so that every position refers to it.
    fn materialize(&mut self) {
        let Edit::Region {
            splices,
            after,
            delta,
        } = std::mem::replace(&mut self.edit, Edit::None)
        else {
            return;
        };
        let read = std::mem::take(&mut self.text);
        self.text = Spliced::new(read.clone(), splices).to_text();
        for e in &mut self.parsed.entries[after..] {
            e.shift(delta);
        }
        self.edit = Edit::Whole { read };
    }

    /// The feeds in file order.
    pub fn feeds(&self) -> impl ExactSizeIterator<Item = (&str, &Feed)> {
        self.parsed
            .entries
            .iter()
            .map(|e| (e.name.as_str(), e.feed(&self.text)))
    }

    /// The feed names in file order (no fields are decoded).
    pub fn names(&self) -> impl ExactSizeIterator<Item = &str> {
        self.parsed.entries.iter().map(|e| e.name.as_str())
    }

    /// The names of the feeds whose URL is `url`. Only URLs are decoded, which keeps
    /// this cheap on a file of 100,000 feeds.
    pub fn names_with_url<'s>(&'s self, url: &'s str) -> impl Iterator<Item = &'s str> {
        let hash = model::text_hash(url);
        self.parsed
            .entries
            .iter()
            .filter(move |e| e.has_url(&self.text, url, hash))
            .map(|e| e.name.as_str())
    }

    /// The names of the feeds whose URL is another spelling of `url` (see
    /// [`crate::feed::same_feed_url`]). Only URLs are decoded, and only those that pass
    /// a cheap case-insensitive look are parsed.
    pub fn names_with_same_feed_url<'s>(&'s self, url: &'s str) -> impl Iterator<Item = &'s str> {
        let tail = crate::feed::url_tail(url);
        let rough = crate::feed::rough_url(url);
        let key = crate::feed::url_key(url);
        self.parsed
            .entries
            .iter()
            .filter(move |e| {
                let theirs = e.url(&self.text);
                theirs == url
                    || (crate::feed::url_tail(&theirs).eq_ignore_ascii_case(tail)
                        && crate::feed::rough_url(&theirs) == rough
                        && crate::feed::url_key(&theirs) == key)
            })
            .map(|e| e.name.as_str())
    }

    pub fn get(&self, name: &str) -> Option<&Feed> {
        self.entry(name).map(|e| e.feed(&self.text))
    }

    pub fn len(&self) -> usize {
        self.parsed.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parsed.entries.is_empty()
    }

    fn entry(&self, name: &str) -> Option<&Entry> {
        let entries = &self.parsed.entries;
        self.parsed.index.get(entries, name).map(|i| &entries[i])
    }

    /// Applies the changes as one edit: all of them, or none (`self` untouched on error).
    pub fn apply(&mut self, changes: &[Change]) -> Result<(), EditError> {
        if changes.is_empty() {
            return Ok(());
        }
        self.materialize();
        match self.plan(changes)? {
            Planned::Whole(mut next) => {
                next.text = checksum::refresh(std::mem::take(&mut next.text));
                next.edit = match std::mem::replace(&mut self.edit, Edit::None) {
                    Edit::Whole { read } => Edit::Whole { read },
                    _ => Edit::Whole {
                        read: std::mem::take(&mut self.text),
                    },
                };
                *self = next;
            }
            Planned::Region { splices, region } => self.assemble(splices, region),
        }
        Ok(())
    }

    /// Computes the edited document without changing `self`.
    ///
    /// The new text is always read back and compared with the intended feeds. When the
    /// fast reader read the file and the edit stays inside its `feeds` block, only the
    /// entries around the edit are read again: the bytes before and after them are
    /// unchanged, and the reader, which knows no state across entries, reads them as
    /// before. Otherwise the whole new text is read.
    fn plan(&self, changes: &[Change]) -> Result<Planned, EditError> {
        let expected = self.expected(changes)?;
        if matches!(self.parsed.shape, FeedsShape::Flow { .. }) {
            return self
                .flow_to_block()?
                .apply_whole(changes, &expected)
                .map(Planned::Whole);
        }
        if !batchable(changes) {
            return self.apply_whole(changes, &expected).map(Planned::Whole);
        }
        let splices = self.spliced(changes, &expected)?;
        if matches!(self.edit, Edit::None)
            && let Some((region, splices)) = self.reread(&splices)
            && self.region_matches(&region, &expected)
        {
            return Ok(Planned::Region { splices, region });
        }
        let next = reread_whole(splice(&self.text, splices))?;
        next.check(&expected)?;
        Ok(Planned::Whole(next))
    }

    /// Applies the changes reading the whole text back after each batch.
    fn apply_whole(
        &self,
        changes: &[Change],
        expected: &Expected,
    ) -> Result<FeedsDocument, EditError> {
        if batchable(changes) {
            let next = reread_whole(splice(&self.text, self.spliced(changes, expected)?))?;
            next.check(expected)?;
            return Ok(next);
        }
        let mut current: Option<FeedsDocument> = None;
        for change in changes {
            let doc = current.as_ref().unwrap_or(self);
            let one = std::slice::from_ref(change);
            let step = doc.expected(one)?;
            let after = reread_whole(splice(&doc.text, doc.spliced(one, &step)?))?;
            after.check(&step)?;
            current = Some(after);
        }
        let next = current.expect("changes is not empty");
        next.check(expected)?;
        Ok(next)
    }

    /// Reads again only the entries the edits touched, if that is enough (see `plan`):
    /// the new text of those entries is built from the splices and read on its own.
    /// Returns the entries read and the splices that make the new file: that region's
    /// new text, and the new checksum when the file has a trailer after it.
    fn reread(&self, splices: &[(Range<usize>, String)]) -> Option<(Region, Splices)> {
        let block = self.parsed.block?;
        let entries = &self.parsed.entries;
        let start_of = |e: &Entry| line_start(&self.text, e.key.start);
        let first = splices.iter().map(|(r, _)| r.start).min()?;
        let last = splices.iter().map(|(r, _)| r.end).max()?;
        if entries.is_empty() || first < start_of(&entries[0]) {
            return None;
        }
        let k = entries.partition_point(|e| start_of(e) <= first) - 1;
        let m = entries.partition_point(|e| start_of(e) < last).max(k + 1);
        let from = start_of(&entries[k]);
        let old_to = entries.get(m).map_or(block.end, start_of);
        let trailer = checksum::trailer(&self.text);
        if trailer.is_some_and(|at| at < old_to) {
            return None;
        }
        let mut new = String::with_capacity(old_to - from);
        let mut pos = from;
        for (r, s) in splices {
            new.push_str(&self.text[pos..r.start]);
            new.push_str(s);
            pos = r.end;
        }
        new.push_str(&self.text[pos..old_to]);
        let delta = new.len() as isize - (old_to - from) as isize;
        let mut reread = fast::entries_between(&new, 0, new.len(), block.indent)?;
        for e in &mut reread {
            e.shift(from as isize);
        }
        let mut out = Vec::with_capacity(2);
        if let Some(at) = trailer {
            let old = self.text.as_bytes();
            let before = [&old[..from], new.as_bytes(), &old[old_to..at]];
            out.push(checksum::refresh_at(at, &before));
        }
        out.insert(0, (from..old_to, new));
        Some((
            Region {
                k,
                m,
                delta,
                entries: reread,
                end: block.end.checked_add_signed(delta)?,
                indent: block.indent,
            },
            out,
        ))
    }

    /// Whether the old entries around `region` and its new entries (in `text`) read as
    /// `expected`. An old entry that `expected` keeps as it was is that very entry: it
    /// is not decoded to be compared with itself.
    fn region_matches(&self, region: &Region, expected: &Expected) -> bool {
        let entries = &self.parsed.entries;
        // The re-read entries are decoded: their text is not read again.
        let got = entries[..region.k]
            .iter()
            .chain(&region.entries)
            .chain(&entries[region.m..]);
        region.k + region.entries.len() + (entries.len() - region.m) == expected.len()
            && got
                .zip(expected.slots())
                .all(|(g, i)| match expected.unchanged(i) {
                    // The very entry, under its own name: nothing to read (on a large file,
                    // reading every name would be a cache miss per entry).
                    Some(e) if std::ptr::eq(e, g) => true,
                    _ => g.name == expected.name(i) && g.feed(&self.text) == expected.feed(i),
                })
    }

    /// Makes this the edited document: the unchanged entries stay where they are, the
    /// re-read ones replace the edited ones, and the text stays the text read, with the
    /// splices pending (see [`Edit::Region`]).
    fn assemble(&mut self, splices: Vec<(Range<usize>, String)>, region: Region) {
        let entries = &mut self.parsed.entries;
        let added = region.entries.len();
        entries.splice(region.k..region.m, region.entries);
        // The new entries' names were checked against the expected feeds: all distinct.
        let distinct = self.parsed.index.splice(entries, region.k..region.m, added);
        debug_assert!(distinct, "re-read entries have distinct names");
        self.parsed.shape = FeedsShape::Block;
        self.parsed.block = Some(model::BlockInfo {
            indent: region.indent,
            end: region.end,
        });
        self.edit = Edit::Region {
            splices,
            after: region.k + added,
            delta: region.delta,
        };
    }

    /// The feeds as they must read after `changes`, described as differences from the
    /// current ones (nothing is copied for feeds the changes leave alone); also checks
    /// that the changes make sense.
    fn expected(&self, changes: &[Change]) -> Result<Expected<'_>, EditError> {
        let mut exp = Expected {
            text: &self.text,
            base: &self.parsed.entries,
            index: &self.parsed.index,
            moved: HashMap::new(),
            removed: HashSet::new(),
            names: HashMap::new(),
            feeds: HashMap::new(),
            added: Vec::new(),
        };
        for change in changes {
            match change {
                Change::Add { name, feed } => {
                    if let Some(i) = exp.slot(name) {
                        return Err(EditError::Exists {
                            name: name.clone(),
                            url: exp.feed(i).url.clone(),
                        });
                    }
                    let slot = exp.base.len() + exp.added.len();
                    exp.added.push((name.clone(), feed.clone()));
                    exp.moved.insert(name.clone(), Some(slot));
                }
                Change::Remove { name } => {
                    let i = exp
                        .slot(name)
                        .ok_or_else(|| EditError::Missing { name: name.clone() })?;
                    exp.removed.insert(i);
                    exp.moved.insert(name.clone(), None);
                }
                Change::Rename { from, to } => {
                    let i = exp
                        .slot(from)
                        .ok_or_else(|| EditError::Missing { name: from.clone() })?;
                    if from != to {
                        if let Some(j) = exp.slot(to) {
                            return Err(EditError::Exists {
                                name: to.clone(),
                                url: exp.feed(j).url.clone(),
                            });
                        }
                        exp.moved.insert(from.clone(), None);
                        exp.moved.insert(to.clone(), Some(i));
                        exp.names.insert(i, to.clone());
                    }
                }
                Change::Update { name, patch } => {
                    let i = exp
                        .slot(name)
                        .ok_or_else(|| EditError::Missing { name: name.clone() })?;
                    let mut feed = exp.feed(i).clone();
                    patch.apply_to(&mut feed);
                    exp.feeds.insert(i, feed);
                }
            }
        }
        Ok(exp)
    }

    fn check(&self, expected: &Expected) -> Result<(), EditError> {
        if self.len() != expected.len() {
            return Err(EditError::Check {
                message: format!(
                    "expected {} feeds, read back {}",
                    expected.len(),
                    self.len()
                ),
            });
        }
        for ((gn, gf), (en, ef)) in self.feeds().zip(expected.iter()) {
            if gn != en || gf != ef {
                return Err(EditError::Check {
                    message: format!("feed '{en}' reads back as '{gn}' with different fields"),
                });
            }
        }
        Ok(())
    }

    /// The text with the changes spliced in, and the splices made (old range, new length).
    fn spliced(
        &self,
        changes: &[Change],
        expected: &Expected,
    ) -> Result<Vec<(Range<usize>, String)>, EditError> {
        if let FeedsShape::Opaque { why } = &self.parsed.shape {
            return Err(EditError::Unsupported {
                message: format!("{why}; edit the file by hand"),
            });
        }
        let layout = Layout::detect(&self.text, &self.parsed);
        let mut splices: Vec<(Range<usize>, String)> = Vec::new();
        let mut added = String::new();
        for change in changes {
            match change {
                Change::Add { name, feed } => layout.entry_text(&mut added, name, feed),
                Change::Remove { name } => {
                    let e = self.existing(name)?;
                    let start = line_start(&self.text, e.key.start);
                    self.require_line_start(e, start)?;
                    splices.push((start..line_end(&self.text, e.end), String::new()));
                }
                Change::Rename { from, to } => {
                    let e = self.existing(from)?;
                    if from != to {
                        splices.push((e.key.clone(), scalar(to, Context::Block)));
                    }
                }
                Change::Update { name, patch } => {
                    let e = self.existing(name)?;
                    self.update_splices(e, patch, &layout, &mut splices)?;
                }
            }
        }
        if !added.is_empty() {
            splices.extend(self.insertion(added, &layout));
        } else if expected.len() == 0 && !self.parsed.entries.is_empty() {
            // Removing the last feed leaves `feeds: {}`, which inkwell-cli reads as no feeds
            // (a bare `feeds:` would be null, which it rejects).
            if let Some(colon) = self.feeds_colon() {
                splices.push((colon + 1..colon + 1, " {}".into()));
            }
        }
        splices.sort_by_key(|(r, _)| (r.start, r.end));
        self.no_dangling_aliases(&splices)?;
        Ok(splices)
    }

    /// Refuses splices that would delete an anchor (`&x`) that an alias (`*x`) elsewhere
    /// still refers to: the edited file would not parse. The user has to decide.
    fn no_dangling_aliases(&self, splices: &[(Range<usize>, String)]) -> Result<(), EditError> {
        // Most edits remove no anchor: then the new text (maybe megabytes) is not built.
        let removed: Vec<Range<usize>> = splices.iter().map(|(r, _)| r.clone()).collect();
        let anchors = removed.iter().any(|r| self.text[r.clone()].contains('&'));
        if !anchors {
            return Ok(());
        }
        let new = &splice(&self.text, splices.to_vec());
        if !new.contains('*') {
            return Ok(());
        }
        for range in &removed {
            let gone = &self.text[range.clone()];
            for (i, _) in gone.match_indices('&') {
                let name: String = gone[i + 1..]
                    .chars()
                    .take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c))
                    .collect();
                if name.is_empty() {
                    continue;
                }
                let named = |sigil: char| {
                    let token = format!("{sigil}{name}");
                    new.match_indices(&token).any(|(j, _)| {
                        new[j + token.len()..]
                            .chars()
                            .next()
                            .is_none_or(|c| c.is_whitespace() || ",[]{}".contains(c))
                    })
                };
                if named('*') && !named('&') {
                    return Err(EditError::Unsupported {
                        message: format!(
                            "the anchor &{name} that this change would remove is used by an alias \
                             (*{name}) elsewhere in the file; edit the file by hand"
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    fn existing(&self, name: &str) -> Result<&Entry, EditError> {
        let e = self.entry(name).ok_or_else(|| EditError::Missing {
            name: name.to_string(),
        })?;
        if e.body == EntryBody::Alias {
            return Err(EditError::Unsupported {
                message: format!(
                    "feed '{name}' is written as an alias (*...); edit the file by hand"
                ),
            });
        }
        Ok(e)
    }

    fn require_line_start(&self, e: &Entry, start: usize) -> Result<(), EditError> {
        if self.text[start..e.key.start].bytes().all(|b| b == b' ') {
            Ok(())
        } else {
            Err(EditError::Unsupported {
                message: format!(
                    "feed '{}' does not start its own line; edit the file by hand",
                    e.name
                ),
            })
        }
    }

    /// Where text that follows an entry goes: after the line its content ends on, and
    /// also after the blank lines that follow when the entry holds a block scalar with
    /// keep chomping (`|+`, `>+`), whose value includes those trailing line breaks.
    fn after_entry(&self, e: &Entry) -> usize {
        let text = &self.text;
        let mut at = line_end(text, e.end);
        let body = &text[line_start(text, e.key.start)..e.end];
        if body.lines().any(keeps_trailing_lines) {
            while at < text.len() {
                let next = line_end(text, at);
                if !text[at..next].trim().is_empty() {
                    break;
                }
                at = next;
            }
        }
        at
    }

    /// Offset of the `:` after the `feeds` key.
    fn feeds_colon(&self) -> Option<usize> {
        let key = self.parsed.feeds_key.as_ref()?;
        colon_after(&self.text, key.end)
    }

    /// Where new entries go, and the splices that put them there.
    fn insertion(&self, entries: String, layout: &Layout) -> Vec<(Range<usize>, String)> {
        let nl = layout.nl;
        let text = &self.text;
        let needs_nl = |at: usize| at > 0 && !text[..at].ends_with('\n');
        match &self.parsed.shape {
            FeedsShape::Block => {
                let last = self
                    .parsed
                    .entries
                    .last()
                    .expect("block mapping has entries");
                let at = self.after_entry(last);
                let lead = if needs_nl(at) { nl } else { "" };
                vec![(at..at, format!("{lead}{entries}"))]
            }
            FeedsShape::Null { value } => {
                let colon = self.feeds_colon().unwrap_or(value.start);
                let mut out = Vec::new();
                if value.shape != Shape::EmptyNull {
                    out.push((colon + 1..value.end, String::new()));
                }
                let at = line_end(text, colon);
                let lead = if needs_nl(at) { nl } else { "" };
                out.push((at..at, format!("{lead}{entries}")));
                out
            }
            FeedsShape::Missing | FeedsShape::NoDocument => {
                // Before inkwell-cli's `# checksum:` trailer, which must stay last.
                let at = checksum::trailer(text).unwrap_or(text.len());
                let lead = if needs_nl(at) { nl } else { "" };
                vec![(at..at, format!("{lead}feeds:{nl}{entries}"))]
            }
            FeedsShape::Flow { .. } | FeedsShape::Opaque { .. } => {
                unreachable!("flow and opaque shapes are handled before splicing")
            }
        }
    }

    fn update_splices(
        &self,
        e: &Entry,
        patch: &Patch,
        layout: &Layout,
        out: &mut Vec<(Range<usize>, String)>,
    ) -> Result<(), EditError> {
        let flow = matches!(e.body, EntryBody::Flow { .. });
        let ctx = if flow { Context::Flow } else { Context::Block };
        let mut fields: Vec<(&str, FieldText)> = Vec::new();
        if let Some(u) = &patch.url {
            fields.push(("url", FieldText::Inline(scalar(u, ctx))));
        }
        if let Some(d) = &patch.display_name {
            fields.push((
                "display_name",
                FieldText::Inline(emit::opt_scalar(d.as_deref(), ctx)),
            ));
        }
        if let Some(c) = &patch.category {
            fields.push((
                "category",
                FieldText::Inline(emit::opt_scalar(c.as_deref(), ctx)),
            ));
        }
        if let Some(t) = &patch.custom_templates {
            fields.push(("custom_templates", FieldText::Inline(emit::flow_list(t))));
        }
        if let Some(a) = &patch.auth {
            if flow {
                fields.push(("auth", FieldText::Inline(auth_flow(a))));
            } else {
                let col = match e.body {
                    EntryBody::Block { field_col } => field_col,
                    _ => 0,
                };
                fields.push((
                    "auth",
                    FieldText::Lines(layout.auth_lines(col + layout.step, a)),
                ));
            }
        }
        let mut inserted = String::new();
        for (name, value) in fields {
            match e.field(name) {
                Some(pos) => {
                    let colon = colon_after(&self.text, pos.key.end).ok_or_else(|| {
                        EditError::Unsupported {
                            message: format!(
                                "feed '{}': cannot find the ':' after '{name}'",
                                e.name
                            ),
                        }
                    })?;
                    if pos.value.shape != Shape::EmptyNull
                        && self.text[colon + 1..pos.value.start].contains('&')
                    {
                        return Err(EditError::Unsupported {
                            message: format!(
                                "feed '{}': the value of '{name}' carries an anchor (&...) that other entries may use; edit the file by hand",
                                e.name
                            ),
                        });
                    }
                    match value {
                        FieldText::Inline(v) if pos.value.shape == Shape::Inline => {
                            out.push((pos.value.start..pos.value.end, v));
                        }
                        FieldText::Inline(v) => {
                            out.push((colon + 1..pos.value.end.max(colon + 1), format!(" {v}")));
                        }
                        FieldText::Lines(lines) => {
                            let mut s = String::new();
                            for l in lines {
                                s.push_str(layout.nl);
                                s.push_str(&l);
                            }
                            out.push((colon + 1..pos.value.end.max(colon + 1), s));
                        }
                    }
                }
                None => match (&e.body, value) {
                    (EntryBody::Flow { .. }, FieldText::Inline(v)) => {
                        let _ = write!(inserted, ", {name}: {v}");
                    }
                    (EntryBody::Block { field_col }, FieldText::Inline(v)) => {
                        let _ = write!(
                            inserted,
                            "{}{name}: {v}{}",
                            " ".repeat(*field_col),
                            layout.nl
                        );
                    }
                    (EntryBody::Block { field_col }, FieldText::Lines(lines)) => {
                        let _ = write!(inserted, "{}{name}:{}", " ".repeat(*field_col), layout.nl);
                        for l in lines {
                            let _ = write!(inserted, "{l}{}", layout.nl);
                        }
                    }
                    _ => {
                        return Err(EditError::Unsupported {
                            message: format!(
                                "feed '{}' cannot take a new '{name}' in place",
                                e.name
                            ),
                        });
                    }
                },
            }
        }
        if !inserted.is_empty() {
            match e.body {
                EntryBody::Flow { close } => out.push((close..close, inserted)),
                _ => {
                    let at = self.after_entry(e);
                    let lead = if self.text[..at].ends_with('\n') {
                        ""
                    } else {
                        layout.nl
                    };
                    out.push((at..at, format!("{lead}{inserted}")));
                }
            }
        }
        Ok(())
    }

    /// Rewrites a non-empty `feeds: {...}` as a block mapping, keeping each entry's text.
    fn flow_to_block(&self) -> Result<FeedsDocument, EditError> {
        let FeedsShape::Flow { value } = &self.parsed.shape else {
            return Ok(self.clone());
        };
        let layout = Layout::detect(&self.text, &self.parsed);
        let mut block = String::new();
        for e in &self.parsed.entries {
            let colon = colon_after(&self.text, e.key.end).unwrap_or(e.key.end);
            let key = &self.text[e.key.clone()];
            let val = self.text[colon + 1..e.end].trim();
            if val.contains('\n') {
                return Err(EditError::Unsupported {
                    message:
                        "'feeds' is a multi-line flow mapping ({...}); rewrite it in block style"
                            .into(),
                });
            }
            let _ = write!(
                block,
                "{}{}{key}: {val}",
                layout.nl,
                " ".repeat(layout.indent)
            );
        }
        let colon = self.feeds_colon().unwrap_or(value.start);
        let text = splice(&self.text, vec![(colon + 1..value.end, block)]);
        let parsed = read(&text).map_err(|e| EditError::Check { message: e.message })?;
        let next = FeedsDocument {
            text,
            parsed,
            edit: Edit::None,
        };
        next.check(&self.expected(&[])?)?;
        Ok(next)
    }
}

/// Byte ranges of the text read and what replaces each.
type Splices = Vec<(Range<usize>, String)>;

/// What an edit produces: a document read back whole, or the new text with the
/// entries re-read around the edit.
enum Planned {
    Whole(FeedsDocument),
    Region {
        splices: Vec<(Range<usize>, String)>,
        region: Region,
    },
}

/// Entries `k..m` of the old document, re-read from the new text, where every later
/// position moved by `delta`.
struct Region {
    k: usize,
    m: usize,
    delta: isize,
    entries: Vec<Entry>,
    /// End of the `feeds` block in the new text, and the column of its names.
    end: usize,
    indent: usize,
}

/// Reads an edited text back whole.
fn reread_whole(text: String) -> Result<FeedsDocument, EditError> {
    let parsed = read(&text).map_err(|e| EditError::Check {
        message: format!("the edited text does not parse: {}", e.message),
    })?;
    Ok(FeedsDocument {
        text,
        parsed,
        edit: Edit::None,
    })
}

/// The feeds an edit must produce: the current entries with some removed, renamed or
/// changed, and new ones at the end. Slots `0..base.len()` are current entries, later
/// slots the added ones.
struct Expected<'a> {
    /// The text `base` was read from.
    text: &'a str,
    base: &'a [Entry],
    index: &'a model::NameIndex,
    /// Names whose slot the changes moved (`None`: the name is gone).
    moved: HashMap<String, Option<usize>>,
    removed: HashSet<usize>,
    names: HashMap<usize, String>,
    feeds: HashMap<usize, Feed>,
    added: Vec<(String, Feed)>,
}

impl Expected<'_> {
    fn slot(&self, name: &str) -> Option<usize> {
        match self.moved.get(name) {
            Some(slot) => *slot,
            None => self.index.get(self.base, name),
        }
    }

    fn name(&self, i: usize) -> &str {
        match self.names.get(&i) {
            Some(n) => n,
            None if i < self.base.len() => &self.base[i].name,
            None => &self.added[i - self.base.len()].0,
        }
    }

    fn feed(&self, i: usize) -> &Feed {
        match self.feeds.get(&i) {
            Some(f) => f,
            None if i < self.base.len() => self.base[i].feed(self.text),
            None => &self.added[i - self.base.len()].1,
        }
    }

    fn len(&self) -> usize {
        self.base.len() + self.added.len() - self.removed.len()
    }

    /// The base entry at slot `i` if the changes leave it as it is (name and fields).
    fn unchanged(&self, i: usize) -> Option<&Entry> {
        let untouched = !self.names.contains_key(&i) && !self.feeds.contains_key(&i);
        self.base.get(i).filter(|_| untouched)
    }

    /// The slots of the expected feeds, in order.
    fn slots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.base.len() + self.added.len()).filter(|i| !self.removed.contains(i))
    }

    fn iter(&self) -> impl Iterator<Item = (&str, &Feed)> {
        self.slots().map(|i| (self.name(i), self.feed(i)))
    }
}

enum FieldText {
    Inline(String),
    Lines(Vec<String>),
}

/// The entry a change refers to; aliases are not edited in place.
/// Whether a line ends with a block scalar header that keeps trailing line breaks
/// (`key: |+`, `- >2+ # note`). A false positive only moves where new text goes past
/// blank lines.
fn keeps_trailing_lines(line: &str) -> bool {
    let line = match line.find(" #") {
        Some(i) => &line[..i],
        None => line,
    };
    let Some(header) = line.trim_end().rsplit([' ', '\t']).next() else {
        return false;
    };
    let mut chars = header.chars();
    matches!(chars.next(), Some('|' | '>'))
        && header.contains('+')
        && chars.all(|c| c == '+' || c.is_ascii_digit())
}

/// True when no feed is touched twice, so all splices can be computed from one reading.
fn batchable(changes: &[Change]) -> bool {
    let mut seen = std::collections::HashSet::new();
    changes.iter().all(|c| match c {
        Change::Add { name, .. } | Change::Remove { name } | Change::Update { name, .. } => {
            seen.insert(name.as_str())
        }
        Change::Rename { from, to } => {
            seen.insert(from.as_str()) && (from == to || seen.insert(to.as_str()))
        }
    })
}

/// The first `:` after `from`, skipping only spaces.
fn colon_after(text: &str, from: usize) -> Option<usize> {
    let rest = &text[from..];
    let skip = rest.len() - rest.trim_start_matches(' ').len();
    (rest.as_bytes().get(skip) == Some(&b':')).then_some(from + skip)
}

/// Applies non-overlapping splices; insertions at one offset keep their order.
fn splice(text: &str, mut splices: Vec<(Range<usize>, String)>) -> String {
    splices.sort_by_key(|(r, _)| (r.start, r.end));
    let extra: usize = splices.iter().map(|(_, s)| s.len()).sum();
    let mut out = String::with_capacity(text.len() + extra);
    let mut pos = 0;
    for (r, s) in splices {
        debug_assert!(r.start >= pos, "overlapping splices");
        out.push_str(&text[pos..r.start]);
        out.push_str(&s);
        pos = r.end;
    }
    out.push_str(&text[pos..]);
    out
}

fn auth_flow(a: &Auth) -> String {
    let o = |s: &Option<String>| emit::opt_scalar(s.as_deref(), Context::Flow);
    format!(
        "{{type: {}, username: {}, password: {}, token: {}}}",
        scalar(&a.kind, Context::Flow),
        o(&a.username),
        o(&a.password),
        o(&a.token)
    )
}

/// The file's own formatting, so new text looks like the old.
struct Layout {
    nl: &'static str,
    /// Column of feed names.
    indent: usize,
    /// Extra indentation of a feed's fields relative to its name.
    step: usize,
    /// Indentation of `- item` relative to its key (0: PyYAML's style).
    seq_offset: usize,
}

impl Layout {
    fn detect(text: &str, parsed: &Parsed) -> Layout {
        let nl = crate::yaml::line_break(text);
        let col = |pos: usize| pos - line_start(text, pos);
        let block = parsed.entries.iter().filter(|e| e.body != EntryBody::Alias);
        let indent = parsed
            .entries
            .iter()
            .find(|e| e.body != EntryBody::Alias && matches!(parsed.shape, FeedsShape::Block))
            .map_or(2, |e| col(e.key.start));
        let step = block
            .clone()
            .find_map(|e| match e.body {
                EntryBody::Block { field_col } if field_col > col(e.key.start) => {
                    Some(field_col - col(e.key.start))
                }
                _ => None,
            })
            .unwrap_or(2);
        let seq_offset = parsed
            .entries
            .iter()
            .find_map(|e| e.seq_offset)
            .unwrap_or(0);
        Layout {
            nl,
            indent: indent.max(1),
            step,
            seq_offset,
        }
    }

    fn auth_lines(&self, col: usize, a: &Auth) -> Vec<String> {
        let pad = " ".repeat(col);
        let o = |s: &Option<String>| emit::opt_scalar(s.as_deref(), Context::Block);
        vec![
            format!("{pad}type: {}", scalar(&a.kind, Context::Block)),
            format!("{pad}username: {}", o(&a.username)),
            format!("{pad}password: {}", o(&a.password)),
            format!("{pad}token: {}", o(&a.token)),
        ]
    }

    /// A new entry with every field inkwell-cli writes, in its order.
    fn entry_text(&self, out: &mut String, name: &str, feed: &Feed) {
        let nl = self.nl;
        let pad = " ".repeat(self.indent);
        let fpad = " ".repeat(self.indent + self.step);
        let o = |s: &Option<String>| emit::opt_scalar(s.as_deref(), Context::Block);
        let _ = write!(out, "{pad}{}:{nl}", scalar(name, Context::Block));
        let _ = write!(out, "{fpad}url: {}{nl}", scalar(&feed.url, Context::Block));
        let _ = write!(out, "{fpad}display_name: {}{nl}", o(&feed.display_name));
        let _ = write!(out, "{fpad}auth:{nl}");
        for l in self.auth_lines(self.indent + 2 * self.step, &feed.auth) {
            let _ = write!(out, "{l}{nl}");
        }
        let _ = write!(out, "{fpad}category: {}{nl}", o(&feed.category));
        if feed.custom_templates.is_empty() {
            let _ = write!(out, "{fpad}custom_templates: []{nl}");
        } else {
            let _ = write!(out, "{fpad}custom_templates:{nl}");
            let ipad = " ".repeat(self.indent + self.step + self.seq_offset);
            for t in &feed.custom_templates {
                let _ = write!(out, "{ipad}- {}{nl}", scalar(t, Context::Block));
            }
        }
    }
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
