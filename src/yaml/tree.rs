//! Any YAML, read into a tree that keeps each node's byte range, and one value set at a
//! dotted path by splicing bytes, so comments, blank lines, quoting and unknown keys
//! survive untouched. This is the layer's one walker of granit-parser's events: the
//! config.yaml reader, the merge driver and the feeds.yaml full reader all read its tree.
//!
//! After every edit the text is parsed again and must equal the old tree with only that
//! value changed; otherwise the edit is refused. What it will not edit in place is
//! refused, not rewritten (the list is in [`crate::yaml`]).
//!
//! Aliases are never expanded: an alias node names its anchor, which [`Tree::resolve`]
//! finds in the tree. Under [`Rules::max_alias_nodes`], a file whose aliases stand for
//! too many nodes (an "alias bomb") is refused while it is read; the parser's nesting
//! limits bound the depth.

use std::collections::HashMap;
use std::ops::Range;

use granit_parser::{Event, Parser, ScalarStyle, Span, StructureStyle};

use super::{Context, is_null, line_break, line_end, line_start, scalar, scan_error};
use crate::error::Location;

/// A YAML node and where its content lies in the text. `at` is the line and column of
/// its first event (where an error about it points); `anchor` is the parser's id of the
/// anchor it carries (`&x`), 0 for none.
#[derive(Debug, Clone)]
pub enum Node {
    Scalar {
        text: String,
        /// Plain (unquoted, untagged) scalars are resolved by type (`true`, `5`, `~`).
        plain: bool,
        style: ScalarStyle,
        span: Range<usize>,
        anchor: usize,
        at: Location,
    },
    Seq {
        items: Vec<Node>,
        span: Range<usize>,
        flow: bool,
        anchor: usize,
        at: Location,
    },
    Map {
        entries: Vec<MapEntry>,
        span: Range<usize>,
        flow: bool,
        anchor: usize,
        at: Location,
    },
    /// An alias (`*x`): kept as it is, never expanded; `id` is its anchor's.
    Alias {
        span: Range<usize>,
        id: usize,
        at: Location,
    },
}

#[derive(Debug, Clone)]
pub struct MapEntry {
    /// The key's text (empty when the key is not a scalar).
    pub key: String,
    pub key_span: Range<usize>,
    pub key_at: Location,
    /// The key as a node, when it is not a scalar (only under [`Rules::any_keys`]) or
    /// carries an anchor (so that an alias can name it).
    pub key_node: Option<Box<Node>>,
    pub value: Node,
}

impl MapEntry {
    /// The key's text when the key is a scalar.
    pub fn scalar_key(&self) -> Option<&str> {
        match self.key_node.as_deref() {
            None | Some(Node::Scalar { .. }) => Some(&self.key),
            Some(_) => None,
        }
    }
}

/// A node without positions, to compare trees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Scalar { text: String, plain: bool },
    Seq(Vec<Value>),
    Map(Vec<(String, Value)>),
    Alias(String),
}

impl Node {
    pub fn span(&self) -> Range<usize> {
        match self {
            Node::Scalar { span, .. }
            | Node::Seq { span, .. }
            | Node::Map { span, .. }
            | Node::Alias { span, .. } => span.clone(),
        }
    }

    /// Where the node starts, as a line and column.
    pub fn at(&self) -> &Location {
        match self {
            Node::Scalar { at, .. }
            | Node::Seq { at, .. }
            | Node::Map { at, .. }
            | Node::Alias { at, .. } => at,
        }
    }

    /// The entry `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map { entries, .. } => entries.iter().find(|e| e.key == key).map(|e| &e.value),
            _ => None,
        }
    }

    pub fn path(&self, path: &[&str]) -> Option<&Node> {
        path.iter().try_fold(self, |node, key| node.get(key))
    }

    /// True for a plain `~`, `null` or empty scalar.
    pub fn is_null(&self) -> bool {
        matches!(self, Node::Scalar { text, plain: true, .. } if is_null(text))
    }

    /// The id of the anchor the node carries, 0 for none.
    pub fn anchor(&self) -> usize {
        match self {
            Node::Scalar { anchor, .. } | Node::Seq { anchor, .. } | Node::Map { anchor, .. } => {
                *anchor
            }
            Node::Alias { .. } => 0,
        }
    }

    /// A block scalar (`|`, `>`).
    pub fn is_block_scalar(&self) -> bool {
        matches!(
            self,
            Node::Scalar {
                style: ScalarStyle::Literal | ScalarStyle::Folded,
                ..
            }
        )
    }

    pub fn value(&self, text: &str) -> Value {
        match self {
            Node::Scalar { text, plain, .. } => Value::Scalar {
                text: text.clone(),
                plain: *plain,
            },
            Node::Seq { items, .. } => Value::Seq(items.iter().map(|i| i.value(text)).collect()),
            Node::Map { entries, .. } => Value::Map(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.value(text)))
                    .collect(),
            ),
            Node::Alias { span, .. } => Value::Alias(text[span.clone()].to_string()),
        }
    }
}

/// A problem reading the YAML, with where it is: the same error as feeds.yaml's.
pub use super::ParseError as YamlError;

/// What [`read`] accepts beyond YAML syntax.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// A mapping key may be any node (a collection, an alias) and may repeat: the reader
    /// of the tree checks what it needs. Otherwise keys are scalars, each once in its
    /// mapping.
    pub any_keys: bool,
    /// When set, an alias must name a node read before it ([`Tree::resolve`] finds it),
    /// and all aliases together may stand for at most this many nodes (each counted as
    /// the parser events of its anchored node, aliases in it expanded). Aliases are never
    /// expanded, but a file over the bound is an "alias bomb" that would blow up a reader
    /// that does expand them (PyYAML, so inkwell-cli) or walks the result: it is refused.
    pub max_alias_nodes: Option<u64>,
    /// What the error for a second document says must hold one ("feeds.yaml").
    pub file: &'static str,
}

/// config.yaml's rules: string keys, each once; aliases kept as text.
pub const STRICT: Rules = Rules {
    any_keys: false,
    max_alias_nodes: None,
    file: "it",
};

/// A YAML document read into a tree.
#[derive(Debug, Clone)]
pub struct Tree {
    /// The document's node; none for an empty (or comment-only) text.
    pub root: Option<Node>,
    /// Where each anchored node is (only under [`Rules::max_alias_nodes`]).
    anchors: HashMap<usize, Box<[Step]>>,
}

/// One step from a node to a child: a sequence item, a mapping entry's key or value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Item(u32),
    Key(u32),
    Value(u32),
}

impl Tree {
    /// The node an alias stands for (the node itself when it is not an alias). Every
    /// alias resolves when the tree was read under [`Rules::max_alias_nodes`].
    pub fn resolve<'t>(&'t self, node: &'t Node) -> &'t Node {
        let Node::Alias { id, .. } = node else {
            return node;
        };
        let found = self.anchors.get(id).and_then(|path| {
            path.iter()
                .try_fold(self.root.as_ref()?, |n, step| match (n, *step) {
                    (Node::Seq { items, .. }, Step::Item(i)) => items.get(i as usize),
                    (Node::Map { entries, .. }, Step::Key(i)) => {
                        entries.get(i as usize)?.key_node.as_deref()
                    }
                    (Node::Map { entries, .. }, Step::Value(i)) => {
                        entries.get(i as usize).map(|e| &e.value)
                    }
                    _ => None,
                })
        });
        found.unwrap_or(node)
    }
}

/// Parses one YAML document under config.yaml's rules ([`STRICT`]). An empty (or
/// comment-only) text has no root node.
pub fn parse(text: &str) -> Result<Option<Node>, YamlError> {
    match read(text, STRICT) {
        (_, Some(broken)) => Err(broken.error),
        (tree, None) => Ok(tree.root),
    }
}

/// Where reading stopped on the first error.
#[derive(Debug, Clone)]
pub struct Broken {
    pub error: YamlError,
    /// The steps from the root to the node being read when the error was found (that
    /// node holds what was read of it); none when the error came after the document.
    pub cut: Option<Box<[Step]>>,
}

/// Parses one YAML document under `rules`, as far as it can be read: on an error, the
/// tree holds what was read before it, and [`Broken::cut`] says where that is (so that
/// a reader of the tree can report its own errors before it first, as the text reads).
pub fn read(text: &str, rules: Rules) -> (Tree, Option<Broken>) {
    let mut r = Reader {
        text,
        parser: Parser::new_from_str(text),
        rules,
        events: 0,
        alias_nodes: 0,
        path: Vec::new(),
        anchors: HashMap::new(),
        sizes: HashMap::new(),
        broken: None,
    };
    let root = r.document();
    let tree = Tree {
        root,
        anchors: r.anchors,
    };
    (tree, r.broken)
}

/// The line and column where `span` starts.
fn location(span: &Span) -> Location {
    Location {
        line: span.start.line(),
        column: span.start.col() + 1,
    }
}

fn error_at(span: &Span, message: impl Into<String>) -> YamlError {
    YamlError {
        location: Some(location(span)),
        message: message.into(),
    }
}

struct Reader<'a> {
    text: &'a str,
    parser: Parser<'a, granit_parser::StrInput<'a>>,
    rules: Rules,
    /// Events read so far, each alias counted as the nodes it stands for.
    events: u64,
    /// What the aliases read so far stand for.
    alias_nodes: u64,
    /// The steps from the root to the node being read.
    path: Vec<Step>,
    /// Where each anchored node read so far is, and how many nodes it stands for.
    anchors: HashMap<usize, Box<[Step]>>,
    sizes: HashMap<usize, u64>,
    /// The first error; nothing is read after it.
    broken: Option<Broken>,
}

impl<'a> Reader<'a> {
    /// Records the first error, found while reading the node at `self.path`.
    fn fail(&mut self, error: YamlError) {
        if self.broken.is_none() {
            self.broken = Some(Broken {
                error,
                cut: Some(self.path.as_slice().into()),
            });
        }
    }

    fn next(&mut self) -> Result<(Event<'a>, Span), YamlError> {
        match self.parser.next() {
            Some(Ok(ev)) => {
                self.events += 1;
                Ok(ev)
            }
            Some(Err(e)) => Err(scan_error(&e)),
            None => Err(YamlError {
                location: None,
                message: "unexpected end of the YAML stream".into(),
            }),
        }
    }

    fn expect(&mut self, ok: impl Fn(&Event) -> bool, what: &str) -> Result<(), YamlError> {
        let (ev, span) = self.next()?;
        if ok(&ev) {
            Ok(())
        } else {
            Err(error_at(&span, format!("expected {what}")))
        }
    }

    /// The document's root node, as far as it reads.
    fn document(&mut self) -> Option<Node> {
        let root = match self.document_start() {
            Ok(root) => root,
            Err(e) => {
                self.fail(e);
                return None;
            }
        };
        if root.is_some()
            && self.broken.is_none()
            && let Err(error) = self.document_end()
        {
            self.broken = Some(Broken { error, cut: None });
        }
        root
    }

    fn document_start(&mut self) -> Result<Option<Node>, YamlError> {
        self.expect(|e| matches!(e, Event::StreamStart), "a YAML stream")?;
        let (ev, span) = self.next()?;
        match ev {
            Event::StreamEnd => Ok(None),
            Event::DocumentStart(..) => {
                let (ev, span) = self.next()?;
                Ok(Some(self.node_from(ev, span)))
            }
            _ => Err(error_at(&span, "expected a YAML document")),
        }
    }

    fn document_end(&mut self) -> Result<(), YamlError> {
        self.expect(
            |e| matches!(e, Event::DocumentEnd),
            "the end of the document",
        )?;
        let (ev, span) = self.next()?;
        if matches!(ev, Event::StreamEnd) {
            return Ok(());
        }
        Err(error_at(
            &span,
            format!(
                "the file holds more than one YAML document; {} must hold one",
                self.rules.file
            ),
        ))
    }

    /// The node at `step` below the current one.
    fn child(&mut self, step: Step, ev: Event<'a>, span: Span) -> Node {
        self.path.push(step);
        let node = self.node_from(ev, span);
        self.path.pop();
        node
    }

    /// The next event inside a collection, or `None` (the error recorded) when there is
    /// none to read.
    fn next_inside(&mut self) -> Option<(Event<'a>, Span)> {
        if self.broken.is_some() {
            return None;
        }
        match self.next() {
            Ok(x) => Some(x),
            Err(e) => {
                self.fail(e);
                None
            }
        }
    }

    /// The node starting with `ev`; after an error, what was read of it.
    fn node_from(&mut self, ev: Event<'a>, span: Span) -> Node {
        // `ev` itself was already counted.
        let first = self.events - 1;
        let r = span.byte_range().unwrap_or(0..0);
        let at = location(&span);
        let node = match ev {
            Event::Scalar(text, style, anchor, tag) => {
                let block = matches!(style, ScalarStyle::Literal | ScalarStyle::Folded);
                let end = if block {
                    r.start
                        + self.text[r.clone()]
                            .trim_end_matches([' ', '\t', '\r', '\n'])
                            .len()
                } else {
                    r.end
                };
                Node::Scalar {
                    text: text.into_owned(),
                    plain: style == ScalarStyle::Plain && tag.is_none(),
                    style,
                    span: r.start..end,
                    anchor,
                    at,
                }
            }
            Event::Alias(id) => {
                if let Err(e) = self.alias(id, &span) {
                    self.fail(e);
                }
                Node::Alias { span: r, id, at }
            }
            Event::SequenceStart(style, anchor, _) => {
                let flow = style == StructureStyle::Flow;
                let mut items = Vec::new();
                let mut end = r.end;
                while let Some((ev, s)) = self.next_inside() {
                    if matches!(ev, Event::SequenceEnd) {
                        if flow {
                            end = s.byte_range().map_or(end, |x| x.end);
                        }
                        break;
                    }
                    let item = self.child(Step::Item(index(items.len())), ev, s);
                    end = end.max(item.span().end);
                    items.push(item);
                }
                Node::Seq {
                    items,
                    span: r.start..end,
                    flow,
                    anchor,
                    at,
                }
            }
            Event::MappingStart(style, anchor, _) => {
                let flow = style == StructureStyle::Flow;
                let mut entries: Vec<MapEntry> = Vec::new();
                let mut end = r.end;
                while let Some((ev, s)) = self.next_inside() {
                    if matches!(ev, Event::MappingEnd) {
                        if flow {
                            end = s.byte_range().map_or(end, |x| x.end);
                        }
                        break;
                    }
                    let i = index(entries.len());
                    let Some(entry) = self.entry(i, ev, s, &entries) else {
                        break;
                    };
                    end = end.max(entry.key_span.end).max(entry.value.span().end);
                    entries.push(entry);
                }
                Node::Map {
                    entries,
                    span: r.start..end,
                    flow,
                    anchor,
                    at,
                }
            }
            _ => {
                self.fail(error_at(&span, "unexpected YAML event"));
                Node::Alias { span: r, id: 0, at }
            }
        };
        let anchor = node.anchor();
        if anchor != 0 && self.rules.max_alias_nodes.is_some() && self.broken.is_none() {
            self.anchors.insert(anchor, self.path.as_slice().into());
            self.sizes.insert(anchor, self.events - first);
        }
        node
    }

    /// The mapping entry `i` whose key starts with `ev`: none when the key is refused;
    /// after an error, what was read of it (with a null value if none was).
    fn entry(&mut self, i: u32, ev: Event<'a>, s: Span, before: &[MapEntry]) -> Option<MapEntry> {
        let key_at = location(&s);
        let (key, key_span, key_node) = match ev {
            Event::Scalar(ref text, _, anchor, _) if anchor == 0 || !self.rules.any_keys => {
                let r = s.byte_range().unwrap_or(0..0);
                (text.to_string(), r, None)
            }
            Event::Scalar(..) => {
                let node = self.child(Step::Key(i), ev, s);
                let Node::Scalar { text, span, .. } = &node else {
                    unreachable!("a scalar event reads as a scalar")
                };
                (text.clone(), span.clone(), Some(Box::new(node)))
            }
            _ if self.rules.any_keys => {
                let node = self.child(Step::Key(i), ev, s);
                (String::new(), node.span(), Some(Box::new(node)))
            }
            _ => {
                self.fail(error_at(&s, "mapping keys must be plain strings"));
                return None;
            }
        };
        if !self.rules.any_keys && before.iter().any(|e| e.key == key) {
            self.fail(error_at(&s, format!("duplicate key '{key}'")));
            return None;
        }
        let nothing = Node::Scalar {
            text: String::new(),
            plain: true,
            style: ScalarStyle::Plain,
            span: key_span.end..key_span.end,
            anchor: 0,
            at: key_at.clone(),
        };
        let value = if self.broken.is_some() {
            nothing
        } else {
            self.path.push(Step::Value(i));
            let value = match self.next() {
                Ok((ev, vs)) => self.node_from(ev, vs),
                Err(e) => {
                    self.fail(e);
                    nothing
                }
            };
            self.path.pop();
            value
        };
        Some(MapEntry {
            key,
            key_span,
            key_at,
            key_node,
            value,
        })
    }

    /// Counts what the alias to anchor `id` stands for, under [`Rules::max_alias_nodes`].
    fn alias(&mut self, id: usize, span: &Span) -> Result<(), YamlError> {
        let Some(max) = self.rules.max_alias_nodes else {
            return Ok(());
        };
        let size = *self
            .sizes
            .get(&id)
            .ok_or_else(|| error_at(span, "alias to an unknown anchor"))?;
        self.events += size;
        self.alias_nodes += size;
        if self.alias_nodes > max {
            return Err(error_at(
                span,
                format!(
                    "the aliases (*...) stand for more than {max} nodes in total; \
                     this looks like an alias bomb (\"billion laughs\")"
                ),
            ));
        }
        Ok(())
    }
}

/// A position among a collection's children (fewer than the text's bytes).
fn index(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// Why a value could not be set in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The file is written in a way this editor does not change in place.
    Unsupported(String),
    /// The edited text does not read back as intended (a bug guard).
    Check(String),
}

/// Sets the value at `path` to `yaml` (an inline YAML value such as `DEBUG`, `"a b"` or
/// `[x, y]`), adding the missing keys. Returns the new text; `text` is never changed.
pub fn set(text: &str, path: &[&str], yaml: &str) -> Result<String, EditError> {
    assert!(!path.is_empty(), "a path has at least one key");
    let parse_check = |t: &str| {
        parse(t)
            .map_err(|e| EditError::Check(format!("the edited text does not parse: {}", e.message)))
    };
    let root = parse_check(text)?;
    let new_value = match parse(&format!("v: {yaml}\n")) {
        Ok(Some(n)) => n.get("v").expect("just written").value(""),
        _ => return Err(EditError::Check(format!("'{yaml}' is not a YAML value"))),
    };
    let nl = line_break(text);
    let step = indent_step(text, root.as_ref());
    let splice = match &root {
        None => {
            let at = super::checksum::trailer(text).unwrap_or(text.len());
            let lead = if at > 0 && !text[..at].ends_with('\n') {
                nl
            } else {
                ""
            };
            (at..at, format!("{lead}{}", nested(path, yaml, 0, step, nl)))
        }
        Some(root) => plan(text, root, path, yaml, step, nl)?,
    };
    let (range, insert) = splice;
    let mut out = String::with_capacity(text.len() + insert.len());
    out.push_str(&text[..range.start]);
    out.push_str(&insert);
    out.push_str(&text[range.end..]);
    let out = crate::yaml::checksum::refresh(out);

    // The new tree must be the old one with exactly this value changed.
    let expected = with_value(root.as_ref().map(|r| r.value(text)), path, new_value);
    let got = parse_check(&out)?.map(|r| r.value(&out));
    if got.as_ref() != Some(&expected) {
        return Err(EditError::Check(format!(
            "setting {} changed other parts of the file",
            path.join(".")
        )));
    }
    Ok(out)
}

/// The splice that puts `yaml` at `path` under `node`.
fn plan(
    text: &str,
    node: &Node,
    path: &[&str],
    yaml: &str,
    step: usize,
    nl: &str,
) -> Result<(Range<usize>, String), EditError> {
    let Node::Map {
        entries,
        flow,
        span,
        ..
    } = node
    else {
        return Err(EditError::Unsupported(format!(
            "the value above '{}' is not a mapping",
            path[0]
        )));
    };
    let entry = entries.iter().find(|e| e.key == path[0]);
    if let Some(entry) = entry
        && entry.value.anchor() != 0
    {
        // An alias elsewhere would silently stand for the new value.
        return Err(EditError::Unsupported(format!(
            "'{}' carries an anchor (&...) that aliases may use; change it with `inkwell config edit`",
            entry.key
        )));
    }
    match entry {
        Some(entry) if path.len() == 1 => Ok(replace_value(text, entry, yaml)),
        Some(entry) => match &entry.value {
            Node::Map { flow: false, .. } => plan(text, &entry.value, &path[1..], yaml, step, nl),
            Node::Map {
                entries,
                flow: true,
                ..
            } if entries.is_empty() => {
                let col = column(text, entry.key_span.start);
                Ok(replace_with_block(
                    text,
                    entry,
                    &path[1..],
                    yaml,
                    col + step,
                    step,
                    nl,
                ))
            }
            v if v.is_null() => {
                let col = column(text, entry.key_span.start);
                Ok(replace_with_block(
                    text,
                    entry,
                    &path[1..],
                    yaml,
                    col + step,
                    step,
                    nl,
                ))
            }
            Node::Map { flow: true, .. } => Err(EditError::Unsupported(format!(
                "'{}' is written in flow style ({{...}}); change it with `inkwell config edit`",
                entry.key
            ))),
            _ => Err(EditError::Unsupported(format!(
                "'{}' is not a mapping, so it cannot hold '{}'",
                entry.key, path[1]
            ))),
        },
        None if *flow => Err(EditError::Unsupported(
            "a mapping is written in flow style ({...}); change it with `inkwell config edit`"
                .into(),
        )),
        None => {
            let Some(last) = entries.last() else {
                return Err(EditError::Unsupported("an empty block mapping".into()));
            };
            let col = column(text, last.key_span.start);
            if !text[line_start(text, last.key_span.start)..last.key_span.start]
                .bytes()
                .all(|b| b == b' ')
            {
                return Err(EditError::Unsupported(format!(
                    "'{}' does not start its own line",
                    last.key
                )));
            }
            let at = line_end(text, span.end.max(last.value.span().end));
            let lead = if !text[..at].ends_with('\n') { nl } else { "" };
            Ok((
                at..at,
                format!("{lead}{}", nested(path, yaml, col, step, nl)),
            ))
        }
    }
}

/// Replaces an entry's value in place.
fn replace_value(text: &str, entry: &MapEntry, yaml: &str) -> (Range<usize>, String) {
    let v = entry.value.span();
    let inline = match &entry.value {
        Node::Scalar { span, .. } => !entry.value.is_block_scalar() && !span.is_empty(),
        Node::Seq { flow, .. } | Node::Map { flow, .. } => *flow,
        Node::Alias { .. } => true,
    };
    if inline {
        return (v, yaml.to_string());
    }
    // `key:` with nothing, a block scalar or a block collection: from the colon on.
    let colon = colon_after(text, entry.key_span.end);
    (colon + 1..v.end.max(colon + 1), format!(" {yaml}"))
}

/// Replaces a null or `{}` value with a block mapping holding `path: yaml`.
fn replace_with_block(
    text: &str,
    entry: &MapEntry,
    path: &[&str],
    yaml: &str,
    col: usize,
    step: usize,
    nl: &str,
) -> (Range<usize>, String) {
    let colon = colon_after(text, entry.key_span.end);
    let v = entry.value.span();
    let body = nested(path, yaml, col, step, nl);
    (
        colon + 1..v.end.max(colon + 1),
        format!("{nl}{}", body.trim_end_matches(['\r', '\n'])),
    )
}

/// `a:\n  b: yaml\n` for path [a, b], starting at column `col`.
fn nested(path: &[&str], yaml: &str, col: usize, step: usize, nl: &str) -> String {
    let mut out = String::new();
    for (depth, key) in path.iter().enumerate() {
        let pad = " ".repeat(col + depth * step);
        let key = scalar(key, Context::Block);
        if depth + 1 == path.len() {
            out.push_str(&format!("{pad}{key}: {yaml}{nl}"));
        } else {
            out.push_str(&format!("{pad}{key}:{nl}"));
        }
    }
    out
}

/// `tree` with the value at `path` set to `value` (adding mappings as needed).
fn with_value(tree: Option<Value>, path: &[&str], value: Value) -> Value {
    let mut entries = match tree {
        Some(Value::Map(entries)) => entries,
        _ => Vec::new(),
    };
    let (key, rest) = (path[0], &path[1..]);
    let new = |old: Option<Value>| {
        if rest.is_empty() {
            value.clone()
        } else {
            with_value(old, rest, value.clone())
        }
    };
    match entries.iter_mut().find(|(k, _)| k == key) {
        Some((_, v)) => *v = new(Some(v.clone())),
        None => entries.push((key.to_string(), new(None))),
    }
    Value::Map(entries)
}

/// The indentation step the file uses for nested mappings (2 when it has none).
fn indent_step(text: &str, root: Option<&Node>) -> usize {
    let Some(Node::Map {
        entries,
        flow: false,
        ..
    }) = root
    else {
        return 2;
    };
    for e in entries {
        if let Node::Map {
            entries: inner,
            flow: false,
            ..
        } = &e.value
            && let Some(first) = inner.first()
        {
            let d =
                column(text, first.key_span.start).saturating_sub(column(text, e.key_span.start));
            if d > 0 {
                return d;
            }
        }
    }
    2
}

fn column(text: &str, pos: usize) -> usize {
    pos - line_start(text, pos)
}

/// The `:` after a key (skipping spaces); the key's end when there is none.
fn colon_after(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    let skip = rest.len() - rest.trim_start_matches([' ', '"', '\'']).len();
    if rest.as_bytes().get(skip) == Some(&b':') {
        from + skip
    } else {
        from
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(text: &str) -> Given<'_> {
        Given(text)
    }

    struct Given<'a>(&'a str);

    impl Given<'_> {
        fn set(&self, path: &str, yaml: &str) -> String {
            let keys: Vec<&str> = path.split('.').collect();
            set(self.0, &keys, yaml).unwrap_or_else(|e| panic!("{path}: {e:?}"))
        }
    }

    #[test]
    fn a_scalar_is_replaced_and_comments_stay() {
        let text = "# settings\nlog_level: INFO  # how chatty\nversion: \"1\"\n";
        assert_eq!(
            given(text).set("log_level", "DEBUG"),
            "# settings\nlog_level: DEBUG  # how chatty\nversion: \"1\"\n"
        );
    }

    #[test]
    fn nested_keys_are_added_where_they_belong() {
        let text =
            "transcription:\n    model_name: gemini-x  # keep\n\n# tail comment\nlog_level: INFO\n";
        assert_eq!(
            given(text).set("transcription.youtube_check", "false"),
            "transcription:\n    model_name: gemini-x  # keep\n    youtube_check: false\n\n# tail comment\nlog_level: INFO\n"
        );
        assert_eq!(
            given(text).set("cache.media.enabled", "false"),
            "transcription:\n    model_name: gemini-x  # keep\n\n# tail comment\nlog_level: INFO\ncache:\n    media:\n        enabled: false\n"
        );
    }

    #[test]
    fn empty_files_and_null_sections_get_block_mappings() {
        assert_eq!(
            given("").set("interview.model", "m"),
            "interview:\n  model: m\n"
        );
        assert_eq!(
            given("# only a comment").set("log_level", "INFO"),
            "# only a comment\nlog_level: INFO\n"
        );
        assert_eq!(
            given("interview:\nlog_level: INFO\n").set("interview.model", "m"),
            "interview:\n  model: m\nlog_level: INFO\n"
        );
        assert_eq!(
            given("plugins: {}\n").set("plugins.x.enabled", "true"),
            "plugins:\n  x:\n    enabled: true\n"
        );
    }

    #[test]
    fn lists_replace_block_sequences() {
        let text = "default_templates:\n- summary\n- quotes\nlog_level: INFO\n";
        assert_eq!(
            given(text).set("default_templates", "[a, b]"),
            "default_templates: [a, b]\nlog_level: INFO\n"
        );
    }

    #[test]
    fn crlf_and_checksums_are_kept_right() {
        let text = "log_level: INFO\r\n";
        assert_eq!(
            given(text).set("interview.model", "m"),
            "log_level: INFO\r\ninterview:\r\n  model: m\r\n"
        );
        let with_sum = format!("log_level: INFO\n# checksum: {}\n", "0".repeat(64));
        let out = given(&with_sum).set("log_level", "ERROR");
        assert!(out.starts_with("log_level: ERROR\n# checksum: "));
        assert!(!out.contains(&"0".repeat(64)));
    }

    #[test]
    fn anchored_values_are_refused_not_rewritten() {
        for (text, path) in [
            ("log_level: &x INFO\nother: *x\n", "log_level"),
            ("a: &m\n  b: 1\nc: *m\n", "a.b"),
            ("a: &m\n  b: 1\nc: *m\n", "a.d"),
        ] {
            let keys: Vec<&str> = path.split('.').collect();
            let err = set(text, &keys, "2").unwrap_err();
            assert!(
                matches!(&err, EditError::Unsupported(m) if m.contains("anchor")),
                "{text:?} {path}: {err:?}"
            );
        }
        assert_eq!(
            given("a: &m\n  b: 1\nc: *m\nd: 1\n").set("d", "2"),
            "a: &m\n  b: 1\nc: *m\nd: 2\n"
        );
    }

    #[test]
    fn flow_parents_are_refused_not_rewritten() {
        let err = set("interview: {model: m}\n", &["interview", "enabled"], "true").unwrap_err();
        assert!(matches!(err, EditError::Unsupported(_)), "{err:?}");
        let err = set("interview: 5\n", &["interview", "enabled"], "true").unwrap_err();
        assert!(matches!(err, EditError::Unsupported(_)), "{err:?}");
    }
}
