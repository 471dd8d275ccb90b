//! Three-way merge of feeds.yaml (by feed name and field) and config.yaml (by key): what
//! `inkwell merge`, git's merge driver for these files, computes.
//!
//! The result is CURRENT's text with splices, made through the lossless document layer
//! as every other edit is: a feed OTHER changed gets OTHER's new values spliced into
//! CURRENT's entry, a feed OTHER added is appended (with OTHER's text, moved to CURRENT's
//! indentation and line breaks), a feed OTHER removed is cut out; the checksum trailer is
//! recomputed and the result is read back and compared with the merged feeds. What both
//! sides changed differently is a conflict: CURRENT's block of that one feed (or key) and
//! OTHER's are put between standard conflict markers, and everything else is merged.
//!
//! Inputs that cannot be read or edited in place are refused ([`Refused`]): the caller
//! then leaves CURRENT as it was, and git reports an ordinary conflict.
//!
//! This module uses only the public API of the document layer (read, look up, apply a
//! [`Change`], the checksum helpers); where it needs the text of one entry it asks the
//! layer to remove that entry and compares the two texts, so it never depends on how
//! the layer stores positions.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use crate::feed::{Auth, Feed};
use crate::feeds::{Change, EditError, FeedsDocument, Patch};
use crate::yaml::checksum::{refresh as refresh_checksum, trailer as checksum_trailer};
use crate::yaml::tree::{self as yaml, Node, Value};
use crate::yaml::{line_end, line_start};

/// Which file the three versions are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Feeds,
    Config,
}

impl Kind {
    /// config.yaml (or .yml) by its file name; anything else is taken for feeds.yaml.
    pub fn of_path(path: &str) -> Kind {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        if name.eq_ignore_ascii_case("config.yaml") || name.eq_ignore_ascii_case("config.yml") {
            Kind::Config
        } else {
            Kind::Feeds
        }
    }
}

/// How conflicts are marked.
#[derive(Debug, Clone)]
pub struct Markers {
    /// Length of `<<<<<<<`, `=======` and `>>>>>>>` (git's `%L`, 7 by default).
    pub size: usize,
    pub current: String,
    pub other: String,
}

impl Default for Markers {
    fn default() -> Markers {
        Markers {
            size: 7,
            current: "CURRENT".into(),
            other: "OTHER".into(),
        }
    }
}

/// One thing both sides changed differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// `feed 'name'` or `key 'a.b'`.
    pub what: String,
    /// The fields involved (empty when the whole feed or key is).
    pub fields: Vec<String>,
    pub why: String,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.fields.as_slice() {
            [] => write!(f, "{}: {}", self.what, self.why),
            fields => write!(f, "{}, {}: {}", self.what, fields.join(", "), self.why),
        }
    }
}

/// The merged text; with conflicts, it holds conflict markers.
#[derive(Debug, Clone)]
pub struct Merged {
    pub text: String,
    pub conflicts: Vec<Conflict>,
}

/// Why the three versions cannot be merged by meaning; CURRENT must be left as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Merges BASE, CURRENT and OTHER (raw file bytes; an empty BASE means both sides
/// created the file).
pub fn merge(
    kind: Kind,
    base: &[u8],
    current: &[u8],
    other: &[u8],
    markers: &Markers,
) -> Result<Merged, Refused> {
    match kind {
        Kind::Feeds => merge_feeds(base, current, other, markers),
        Kind::Config => merge_config(base, current, other, markers),
    }
}

// ---------------------------------------------------------------------------------------
// feeds.yaml

fn read_feeds(bytes: &[u8], which: &str) -> Result<FeedsDocument, Refused> {
    FeedsDocument::from_bytes(bytes.to_vec()).map_err(|e| {
        Refused(match e.location {
            Some(l) => format!("{which}:{}:{}: {}", l.line, l.column, e.message),
            None => format!("{which}: {}", e.message),
        })
    })
}

fn edit_refused(e: EditError) -> Refused {
    Refused(match e {
        EditError::Exists { name, .. } => format!("feed '{name}' exists twice"),
        EditError::Missing { name } => format!("feed '{name}' is missing"),
        EditError::Unsupported { message } => message,
        EditError::Check { message } => format!("the merged text does not read back: {message}"),
    })
}

/// What a feed's three-way merge needs at the end.
enum Marked {
    /// The feed is in the merged text; OTHER's version is `Some` (or removed there).
    Here { other: bool },
    /// CURRENT removed the feed, OTHER changed it.
    OnlyOther,
}

fn merge_feeds(
    base: &[u8],
    current: &[u8],
    other: &[u8],
    markers: &Markers,
) -> Result<Merged, Refused> {
    let base = read_feeds(base, "BASE")?;
    let cur = read_feeds(current, "CURRENT")?;
    let oth = read_feeds(other, "OTHER")?;
    let whole = [
        Whole::of(&base.text(), "BASE")?,
        Whole::of(&cur.text(), "CURRENT")?,
        Whole::of(&oth.text(), "OTHER")?,
    ];
    let in_base: HashMap<&str, &Feed> = base.feeds().collect();
    let in_other: HashMap<&str, &Feed> = oth.feeds().collect();

    let mut changes = Vec::new();
    let mut conflicts = Vec::new();
    let mut marked: Vec<(String, Marked)> = Vec::new();
    let mut added = Vec::new();
    for (name, a) in cur.feeds() {
        match (in_base.get(name), in_other.get(name)) {
            (None, None) => {}
            (None, Some(o)) => {
                if a != *o {
                    conflicts.push(feed_conflict(name, &[], "added on both sides, differently"));
                    marked.push((name.into(), Marked::Here { other: true }));
                }
            }
            (Some(b), None) => {
                if a == *b {
                    changes.push(Change::Remove { name: name.into() });
                } else {
                    conflicts.push(feed_conflict(
                        name,
                        &changed_fields(b, a),
                        "changed in CURRENT, removed in OTHER",
                    ));
                    marked.push((name.into(), Marked::Here { other: false }));
                }
            }
            (Some(b), Some(o)) => match merge_feed(b, a, o) {
                Ok(patch) if patch.is_empty() => {}
                Ok(patch) => changes.push(Change::Update {
                    name: name.into(),
                    patch,
                }),
                Err(fields) => {
                    conflicts.push(feed_conflict(
                        name,
                        &fields,
                        "changed differently on both sides",
                    ));
                    marked.push((name.into(), Marked::Here { other: true }));
                }
            },
        }
    }
    for (name, b) in base.feeds() {
        if cur.get(name).is_none()
            && let Some(o) = in_other.get(name)
            && *o != b
        {
            conflicts.push(feed_conflict(
                name,
                &changed_fields(b, o),
                "removed in CURRENT, changed in OTHER",
            ));
            marked.push((name.into(), Marked::OnlyOther));
        }
    }
    for (name, o) in oth.feeds() {
        if cur.get(name).is_none() && !in_base.contains_key(name) {
            changes.push(Change::Add {
                name: name.into(),
                feed: o.clone(),
            });
            added.push(name.to_string());
        }
    }

    let mut doc = cur.clone();
    doc.apply(&changes).map_err(edit_refused)?;
    let doc = with_others_text(doc, &oth, &added);
    let clashing: Vec<&str> = marked.iter().map(|(n, _)| n.as_str()).collect();
    let doc = carry_unknown(doc, &oth, &whole, &clashing)?;
    if conflicts.is_empty() {
        return Ok(Merged {
            text: doc.into_text(),
            conflicts,
        });
    }
    let text = mark_feeds(doc, &oth, &in_other, &marked, markers)?;
    Ok(Merged { text, conflicts })
}

/// A feeds file read as plain YAML: every key of every feed (known to inkwell or not),
/// and the top-level keys besides `feeds`.
struct Whole {
    feeds: HashMap<String, Value>,
    rest: Vec<(String, Value)>,
}

impl Whole {
    fn of(text: &str, which: &str) -> Result<Whole, Refused> {
        let root = yaml::parse(text).map_err(|e| Refused(format!("{which}: {}", e.message)))?;
        let mut whole = Whole {
            feeds: HashMap::new(),
            rest: Vec::new(),
        };
        let Some(Value::Map(top)) = root.map(|r| r.value(text)) else {
            return Ok(whole);
        };
        let mut has_feeds = false;
        for (k, v) in top {
            if k == "feeds" {
                has_feeds = true;
                if let Value::Map(feeds) = v {
                    whole.feeds = feeds.into_iter().collect();
                }
            } else {
                whole.rest.push((k, v));
            }
        }
        if !has_feeds && !whole.rest.is_empty() {
            return Err(Refused(format!(
                "{which}: this is not a feeds file (it has no top-level 'feeds' key)"
            )));
        }
        Ok(whole)
    }
}

/// The keys of a feed that inkwell does not know (the whole value if it is not a mapping).
fn unknown_part(v: Option<&Value>) -> Option<Value> {
    const KNOWN: [&str; 5] = [
        "url",
        "display_name",
        "auth",
        "category",
        "custom_templates",
    ];
    match v? {
        Value::Map(items) => Some(Value::Map(
            items
                .iter()
                .filter(|(k, _)| !KNOWN.contains(&k.as_str()))
                .cloned()
                .collect(),
        )),
        other => Some(other.clone()),
    }
}

/// Carries what the merge by field cannot see: a change OTHER made to keys inkwell does
/// not know. A feed CURRENT left as it was in BASE takes OTHER's whole entry; a change
/// that would be lost otherwise is refused, as is one to top-level keys besides `feeds`.
fn carry_unknown(
    doc: FeedsDocument,
    oth: &FeedsDocument,
    [b, a, o]: &[Whole; 3],
    clashing: &[&str],
) -> Result<FeedsDocument, Refused> {
    if o.rest != b.rest && o.rest != a.rest {
        return Err(Refused(
            "OTHER changed top-level keys besides 'feeds', which merge does not carry; merge the file by hand".into(),
        ));
    }
    let mut take = Vec::new();
    for (name, ov) in &o.feeds {
        let (bv, av) = (b.feeds.get(name), a.feeds.get(name));
        if clashing.contains(&name.as_str()) || Some(ov) == bv || Some(ov) == av {
            continue;
        }
        let (bu, au, ou) = (unknown_part(bv), unknown_part(av), unknown_part(Some(ov)));
        if ou == bu || ou == au || av.is_none() {
            continue;
        }
        if av == bv {
            take.push(name.as_str());
        } else {
            return Err(Refused(format!(
                "feed '{name}': keys inkwell does not know were changed in OTHER and the feed was changed in CURRENT; merge it by hand"
            )));
        }
    }
    if take.is_empty() {
        return Ok(doc);
    }
    let nl = newline(&doc.text());
    let mut splices = Vec::new();
    for name in &take {
        let cannot = || Refused(format!("feed '{name}': cannot take OTHER's entry in place"));
        let here = block_of(&doc, name).ok_or_else(cannot)?;
        let there = block_of(oth, name).ok_or_else(cannot)?;
        let mine = &doc.text()[here.clone()];
        let col = mine.len() - mine.trim_start_matches(' ').len();
        let block = relayout(&oth.text()[there], col, nl).ok_or_else(cannot)?;
        splices.push((here, block));
    }
    let text = refresh_checksum(splice(&doc.text(), splices));
    let next = FeedsDocument::parse(text.clone())
        .map_err(|e| Refused(format!("the merged text does not read back: {}", e.message)))?;
    let got = Whole::of(&text, "the merged text")?;
    for name in &take {
        if got.feeds.get(*name) != o.feeds.get(*name) || next.get(name) != oth.get(name) {
            return Err(Refused(format!(
                "feed '{name}': OTHER's entry does not read back the same in the merged text"
            )));
        }
    }
    Ok(next)
}

fn feed_conflict(name: &str, fields: &[String], why: &str) -> Conflict {
    Conflict {
        what: format!("feed '{name}'"),
        fields: fields.to_vec(),
        why: why.into(),
    }
}

/// Takes a field from whichever side changed it; `Err` lists the fields both changed
/// differently.
fn pick<T: PartialEq + Clone>(
    name: &str,
    b: &T,
    a: &T,
    o: &T,
    out: &mut Option<T>,
    clash: &mut Vec<String>,
) {
    if o == b || a == o {
        return;
    }
    if a == b {
        *out = Some(o.clone());
    } else {
        clash.push(name.into());
    }
}

fn merge_feed(b: &Feed, a: &Feed, o: &Feed) -> Result<Patch, Vec<String>> {
    let mut p = Patch::default();
    let mut clash = Vec::new();
    pick("url", &b.url, &a.url, &o.url, &mut p.url, &mut clash);
    pick(
        "display_name",
        &b.display_name,
        &a.display_name,
        &o.display_name,
        &mut p.display_name,
        &mut clash,
    );
    pick(
        "category",
        &b.category,
        &a.category,
        &o.category,
        &mut p.category,
        &mut clash,
    );
    pick(
        "custom_templates",
        &b.custom_templates,
        &a.custom_templates,
        &o.custom_templates,
        &mut p.custom_templates,
        &mut clash,
    );
    // auth by its parts: a new password on one side and a new username on the other merge.
    let (ba, aa, oa) = (&b.auth, &a.auth, &o.auth);
    let mut auth = aa.clone();
    let mut take = |field: &str, get: fn(&mut Auth) -> &mut Option<String>| {
        let (mut bv, mut av, mut ov) = (ba.clone(), aa.clone(), oa.clone());
        let mut out = None;
        pick(
            &format!("auth.{field}"),
            get(&mut bv),
            get(&mut av),
            get(&mut ov),
            &mut out,
            &mut clash,
        );
        if let Some(v) = out {
            *get(&mut auth) = v;
        }
    };
    take("username", |a| &mut a.username);
    take("password", |a| &mut a.password);
    take("token", |a| &mut a.token);
    let mut kind = None;
    pick(
        "auth.type",
        &ba.kind,
        &aa.kind,
        &oa.kind,
        &mut kind,
        &mut clash,
    );
    if let Some(k) = kind {
        auth.kind = k;
    }
    if auth != *aa {
        p.auth = Some(auth);
    }
    if clash.is_empty() { Ok(p) } else { Err(clash) }
}

/// The fields in which `b` and `x` differ.
fn changed_fields(b: &Feed, x: &Feed) -> Vec<String> {
    let mut out = Vec::new();
    let mut f = |name: &str, same: bool| {
        if !same {
            out.push(name.to_string());
        }
    };
    f("url", b.url == x.url);
    f("display_name", b.display_name == x.display_name);
    f("category", b.category == x.category);
    f("custom_templates", b.custom_templates == x.custom_templates);
    f("auth", b.auth == x.auth);
    out
}

/// The byte range of feed `name`'s lines in `doc`'s text: the layer removes the feed and
/// the two texts are compared. `None` when the removal is not one cut of whole lines.
fn block_of(doc: &FeedsDocument, name: &str) -> Option<Range<usize>> {
    let mut probe = doc.clone();
    // Another feed after it, so that removing the only feed leaves no `feeds: {}` behind.
    let mut filler = String::from("inkwell-merge-probe");
    while probe.get(&filler).is_some() {
        filler.push('-');
    }
    probe
        .apply(&[Change::Add {
            name: filler,
            feed: Feed::new("https://example.invalid/".into()),
        }])
        .ok()?;
    let mut removed = probe.clone();
    removed
        .apply(&[Change::Remove { name: name.into() }])
        .ok()?;
    let before = probe.text();
    let after = removed.text();
    let before = &before[..checksum_trailer(&before).unwrap_or(before.len())];
    let after = &after[..checksum_trailer(&after).unwrap_or(after.len())];
    let cut = before.len().checked_sub(after.len()).filter(|&n| n > 0)?;
    let common = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(x, y)| x == y)
        .count();
    let start = line_start(before, common.min(before.len()));
    let range = start..start + cut;
    let same = before.get(..start) == after.get(..start)
        && before.get(range.end..) == after.get(start..)
        && range.end <= doc.text().len()
        && doc.text().get(range.clone()) == before.get(range.clone());
    same.then_some(range)
}

/// The newline CURRENT uses.
fn newline(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// `block` with its line breaks made `nl` and its lines moved so that its first line
/// starts at column `col`; `None` if a line would have to lose non-blank text.
fn relayout(block: &str, col: usize, nl: &str) -> Option<String> {
    let first = block.len() - block.trim_start_matches(' ').len();
    let mut out = String::with_capacity(block.len());
    for line in block.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start_matches(' ').len();
        let rest = &body[lead..];
        if rest.is_empty() {
            out.push_str(nl);
            continue;
        }
        let new = (lead + col).checked_sub(first)?;
        out.push_str(&" ".repeat(new));
        out.push_str(rest);
        out.push_str(nl);
    }
    Some(out)
}

/// Replaces the text the layer emitted for the feeds OTHER added with OTHER's own text for
/// them (comments inside an entry, quoting, keys inkwell does not know), moved to CURRENT's
/// layout. The result must read back as the same feeds; if it does not, the emitted text
/// is kept.
fn with_others_text(doc: FeedsDocument, oth: &FeedsDocument, added: &[String]) -> FeedsDocument {
    if added.is_empty() {
        return doc;
    }
    let nl = newline(&doc.text());
    let mut splices = Vec::new();
    for name in added {
        let (Some(here), Some(there)) = (block_of(&doc, name), block_of(oth, name)) else {
            return doc;
        };
        let text = doc.text();
        let col = text[here.clone()].len() - text[here.clone()].trim_start_matches(' ').len();
        let Some(block) = relayout(&oth.text()[there], col, nl) else {
            return doc;
        };
        splices.push((here, block));
    }
    splices.sort_by_key(|(r, _)| r.start);
    let mut out = String::new();
    let mut at = 0;
    for (r, s) in splices {
        if r.start < at {
            return doc;
        }
        out.push_str(&doc.text()[at..r.start]);
        out.push_str(&s);
        at = r.end;
    }
    out.push_str(&doc.text()[at..]);
    let out = refresh_checksum(out);
    match FeedsDocument::parse(out) {
        Ok(next) if next.feeds().eq(doc.feeds()) => next,
        _ => doc,
    }
}

fn conflict_block(current: &str, other: &str, markers: &Markers, nl: &str) -> String {
    let end = |s: &str| {
        if s.is_empty() || s.ends_with('\n') {
            s.to_string()
        } else {
            format!("{s}{nl}")
        }
    };
    let n = markers.size.max(1);
    let label = |l: &str| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    };
    format!(
        "{}{}{nl}{}{}{nl}{}{}{}{nl}",
        "<".repeat(n),
        label(&markers.current),
        end(current),
        "=".repeat(n),
        end(other),
        ">".repeat(n),
        label(&markers.other),
    )
}

/// Puts CURRENT's and OTHER's versions of each conflicting feed between markers.
fn mark_feeds(
    doc: FeedsDocument,
    oth: &FeedsDocument,
    in_other: &HashMap<&str, &Feed>,
    marked: &[(String, Marked)],
    markers: &Markers,
) -> Result<String, Refused> {
    let cannot = |name: &str| {
        Refused(format!(
            "cannot place conflict markers around feed '{name}' in this layout"
        ))
    };
    // Feeds CURRENT removed go where new feeds go, with OTHER's version of them.
    let only_other: Vec<Change> = marked
        .iter()
        .filter(|(_, m)| matches!(m, Marked::OnlyOther))
        .map(|(name, _)| Change::Add {
            name: name.clone(),
            feed: (*in_other[name.as_str()]).clone(),
        })
        .collect();
    let mut staged = doc.clone();
    staged.apply(&only_other).map_err(edit_refused)?;
    let nl = newline(&staged.text());
    let mut splices = Vec::new();
    for (name, m) in marked {
        let here = block_of(&staged, name).ok_or_else(|| cannot(name))?;
        let mine = &staged.text()[here.clone()];
        let block = match m {
            Marked::OnlyOther => conflict_block("", mine, markers, nl),
            Marked::Here { other: false } => conflict_block(mine, "", markers, nl),
            Marked::Here { other: true } => {
                let there = &oth.text()[block_of(oth, name).ok_or_else(|| cannot(name))?];
                let col = mine.len() - mine.trim_start_matches(' ').len();
                let theirs = relayout(there, col, nl).unwrap_or_else(|| there.to_string());
                conflict_block(mine, &theirs, markers, nl)
            }
        };
        splices.push((here, block));
    }
    Ok(splice(&staged.text(), splices))
}

fn splice(text: &str, mut splices: Vec<(Range<usize>, String)>) -> String {
    splices.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (r, s) in splices {
        let start = r.start.max(at);
        out.push_str(&text[at..start]);
        out.push_str(&s);
        at = r.end.max(start);
    }
    out.push_str(&text[at..]);
    out
}

// ---------------------------------------------------------------------------------------
// config.yaml

fn read_config(bytes: &[u8], which: &str) -> Result<(String, Option<Node>), Refused> {
    let text = String::from_utf8(bytes.to_vec())
        .map_err(|_| Refused(format!("{which}: the file is not valid UTF-8 text")))?;
    let root = yaml::parse(&text).map_err(|e| {
        Refused(match e.location {
            Some(l) => format!("{which}:{}:{}: {}", l.line, l.column, e.message),
            None => format!("{which}: {}", e.message),
        })
    })?;
    if root.as_ref().and_then(|r| r.get("feeds")).is_some() {
        return Err(Refused(format!(
            "{which}: this is a feeds file (it has a top-level 'feeds' key), not config.yaml"
        )));
    }
    match &root {
        None | Some(Node::Map { flow: false, .. }) => Ok((text, root)),
        Some(Node::Map { entries, .. }) if entries.is_empty() => Ok((text, None)),
        Some(_) => Err(Refused(format!(
            "{which}: the file is not a block mapping of settings"
        ))),
    }
}

/// A change to make to CURRENT's config text.
enum Op {
    Set(Vec<String>, String),
    Delete(Vec<String>),
}

fn is_block_map(n: Option<&Node>) -> bool {
    matches!(n, Some(Node::Map { flow: false, .. }))
}

fn entries(n: Option<&Node>) -> &[yaml::MapEntry] {
    match n {
        Some(Node::Map { entries, .. }) => entries,
        _ => &[],
    }
}

struct Three<'a> {
    base: &'a str,
    cur: &'a str,
    oth: &'a str,
}

fn walk(
    t: &Three,
    path: &mut Vec<String>,
    b: Option<&Node>,
    a: Option<&Node>,
    o: Option<&Node>,
    ops: &mut Vec<Op>,
    conflicts: &mut Vec<Vec<String>>,
) {
    let maps =
        is_block_map(o) && (a.is_none() || is_block_map(a)) && (b.is_none() || is_block_map(b));
    if maps {
        let mut keys: Vec<&str> = entries(a).iter().map(|e| e.key.as_str()).collect();
        for e in entries(o).iter().chain(entries(b)) {
            if !keys.contains(&e.key.as_str()) {
                keys.push(&e.key);
            }
        }
        for k in keys {
            fn child<'n>(n: Option<&'n Node>, k: &str) -> Option<&'n Node> {
                n.and_then(|n| n.get(k))
            }
            path.push(k.to_string());
            walk(
                t,
                path,
                child(b, k),
                child(a, k),
                child(o, k),
                ops,
                conflicts,
            );
            path.pop();
        }
        return;
    }
    let bv = b.map(|n| n.value(t.base));
    let av = a.map(|n| n.value(t.cur));
    let ov = o.map(|n| n.value(t.oth));
    if ov == bv || av == ov {
        return;
    }
    if av != bv {
        conflicts.push(path.clone());
        return;
    }
    match o {
        None => ops.push(Op::Delete(path.clone())),
        Some(n) => match inline(n, t.oth) {
            Some(v) => ops.push(Op::Set(path.clone(), v)),
            None => conflicts.push(path.clone()),
        },
    }
}

/// A node of `text` written as one inline YAML value, if it can be.
fn inline(n: &Node, text: &str) -> Option<String> {
    match n {
        Node::Scalar { span, .. } if !n.is_block_scalar() => {
            let s = &text[span.clone()];
            (!s.contains('\n')).then(|| s.to_string())
        }
        Node::Seq {
            flow: true, span, ..
        }
        | Node::Map {
            flow: true, span, ..
        } => {
            let s = &text[span.clone()];
            (!s.contains('\n')).then(|| s.to_string())
        }
        Node::Seq { items, .. } => {
            let items: Option<Vec<String>> = items
                .iter()
                .map(|i| match i {
                    Node::Scalar { .. } | Node::Seq { .. } => inline(i, text),
                    _ => None,
                })
                .collect();
            Some(format!("[{}]", items?.join(", ")))
        }
        _ => None,
    }
}

fn entry_at<'n>(root: Option<&'n Node>, path: &[String]) -> Option<&'n yaml::MapEntry> {
    let (last, parents) = path.split_last()?;
    let mut node = root?;
    for k in parents {
        node = node.get(k)?;
    }
    entries(Some(node)).iter().find(|e| &e.key == last)
}

/// The lines a key and its value take.
fn entry_lines(text: &str, e: &yaml::MapEntry) -> Range<usize> {
    line_start(text, e.key_span.start)..line_end(text, e.value.span().end.max(e.key_span.end))
}

fn delete(text: &str, path: &[String]) -> Result<String, Refused> {
    let refuse = |why: &str| Refused(format!("cannot remove '{}': {why}", path.join(".")));
    let root = yaml::parse(text).map_err(|e| refuse(&e.message))?;
    let e = entry_at(root.as_ref(), path).ok_or_else(|| refuse("it is not there"))?;
    let r = entry_lines(text, e);
    if !text[r.start..e.key_span.start].bytes().all(|b| b == b' ') {
        return Err(refuse("it does not start its own line"));
    }
    if path.len() > 1 {
        let parent = entry_at(root.as_ref(), &path[..path.len() - 1]);
        if entries(parent.map(|p| &p.value)).len() == 1 {
            return Err(refuse("it is the last key of its section"));
        }
    }
    let out = refresh_checksum(format!("{}{}", &text[..r.start], &text[r.end..]));
    let expected = without(root.as_ref().map(|r| r.value(text)), path);
    let got = yaml::parse(&out)
        .ok()
        .map(|r| r.map(|r| r.value(&out)))
        .ok_or_else(|| refuse("the result does not parse"))?;
    let empty = Value::Map(Vec::new());
    if got.as_ref().unwrap_or(&empty) != expected.as_ref().unwrap_or(&empty) {
        return Err(refuse("the result does not read back as intended"));
    }
    Ok(out)
}

fn without(v: Option<Value>, path: &[String]) -> Option<Value> {
    let Some(Value::Map(mut items)) = v else {
        return v;
    };
    if let [key] = path {
        items.retain(|(k, _)| k != key);
    } else if let Some((_, child)) = items.iter_mut().find(|(k, _)| *k == path[0]) {
        let c = std::mem::replace(child, Value::Map(Vec::new()));
        *child = without(Some(c), &path[1..]).unwrap_or(Value::Map(Vec::new()));
    }
    Some(Value::Map(items))
}

fn merge_config(
    base: &[u8],
    current: &[u8],
    other: &[u8],
    markers: &Markers,
) -> Result<Merged, Refused> {
    let (bt, b) = read_config(base, "BASE")?;
    let (at, a) = read_config(current, "CURRENT")?;
    let (ot, o) = read_config(other, "OTHER")?;
    let three = Three {
        base: &bt,
        cur: &at,
        oth: &ot,
    };
    let mut ops = Vec::new();
    let mut clashes = Vec::new();
    walk(
        &three,
        &mut Vec::new(),
        b.as_ref(),
        a.as_ref(),
        o.as_ref(),
        &mut ops,
        &mut clashes,
    );
    let mut text = at.clone();
    for op in ops {
        text = match op {
            Op::Set(path, v) => {
                let keys: Vec<&str> = path.iter().map(String::as_str).collect();
                yaml::set(&text, &keys, &v).map_err(|e| {
                    Refused(match e {
                        yaml::EditError::Unsupported(m) | yaml::EditError::Check(m) => {
                            format!("cannot set '{}': {m}", path.join("."))
                        }
                    })
                })?
            }
            Op::Delete(path) => delete(&text, &path)?,
        };
    }
    let conflicts: Vec<Conflict> = clashes
        .iter()
        .map(|p| Conflict {
            what: format!("key '{}'", p.join(".")),
            fields: Vec::new(),
            why: "changed differently on both sides".into(),
        })
        .collect();
    if clashes.is_empty() {
        return Ok(Merged { text, conflicts });
    }
    let root = yaml::parse(&text).map_err(|e| Refused(e.message))?;
    let oroot = o.as_ref();
    let nl = newline(&text);
    let mut splices = Vec::new();
    for p in &clashes {
        let theirs =
            entry_at(oroot, p).map_or(String::new(), |e| ot[entry_lines(&ot, e)].to_string());
        let theirs = relayout(
            &theirs,
            theirs.len() - theirs.trim_start_matches(' ').len(),
            nl,
        )
        .unwrap_or(theirs);
        match entry_at(root.as_ref(), p) {
            Some(e) => {
                let r = entry_lines(&text, e);
                let block = conflict_block(&text[r.clone()], &theirs, markers, nl);
                splices.push((r, block));
            }
            None => {
                let at = checksum_trailer(&text).unwrap_or(text.len());
                let lead = if at > 0 && !text[..at].ends_with('\n') {
                    nl
                } else {
                    ""
                };
                let block = conflict_block("", &theirs, markers, nl);
                splices.push((at..at, format!("{lead}{block}")));
            }
        }
    }
    Ok(Merged {
        text: splice(&text, splices),
        conflicts,
    })
}

#[cfg(test)]
mod tests;
