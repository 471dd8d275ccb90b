//! Any YAML (config.yaml): reads any YAML into a tree that keeps
//! each node's byte range, and sets one value at a dotted path by splicing bytes, so
//! comments, blank lines, quoting and unknown keys survive untouched.
//!
//! After every edit the text is parsed again and must equal the old tree with only that
//! value changed; otherwise the edit is refused. Files written in ways it will not edit
//! in place (flow-style parents, aliases, tags on parents) are refused, not rewritten.

use std::ops::Range;

use granit_parser::{Event, Parser, ScalarStyle, Span, StructureStyle};

use super::{Context, err_at, is_null, line_break, line_end, line_start, scalar, scan_error};

/// A YAML node and where its content lies in the text.
#[derive(Debug, Clone)]
pub enum Node {
    Scalar {
        text: String,
        /// Plain (unquoted, untagged) scalars are resolved by type (`true`, `5`, `~`).
        plain: bool,
        span: Range<usize>,
        block: bool,
    },
    Seq {
        items: Vec<Node>,
        span: Range<usize>,
        flow: bool,
    },
    Map {
        entries: Vec<MapEntry>,
        span: Range<usize>,
        flow: bool,
    },
    /// An alias (`*x`): kept as text, never followed, so nothing is ever expanded.
    Alias { span: Range<usize> },
}

#[derive(Debug, Clone)]
pub struct MapEntry {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Node,
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
            | Node::Alias { span } => span.clone(),
        }
    }

    /// The entry `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map { entries, .. } => entries.iter().find(|e| e.key == key).map(|e| &e.value),
            _ => None,
        }
    }

    pub fn at(&self, path: &[&str]) -> Option<&Node> {
        path.iter().try_fold(self, |node, key| node.get(key))
    }

    /// True for a plain `~`, `null` or empty scalar.
    pub fn is_null(&self) -> bool {
        matches!(self, Node::Scalar { text, plain: true, .. } if is_null(text))
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
            Node::Alias { span } => Value::Alias(text[span.clone()].to_string()),
        }
    }
}

/// A problem reading the YAML, with where it is: the same error as feeds.yaml's.
pub use super::ParseError as YamlError;

/// Parses one YAML document. An empty (or comment-only) text has no root node.
pub fn parse(text: &str) -> Result<Option<Node>, YamlError> {
    let mut r = Reader {
        text,
        parser: Parser::new_from_str(text),
    };
    r.expect(|e| matches!(e, Event::StreamStart), "a YAML stream")?;
    let (ev, span) = r.next()?;
    let root = match ev {
        Event::StreamEnd => return Ok(None),
        Event::DocumentStart(..) => r.node()?,
        _ => return Err(err_at(&span, "expected a YAML document")),
    };
    r.expect(
        |e| matches!(e, Event::DocumentEnd),
        "the end of the document",
    )?;
    let (ev, span) = r.next()?;
    if !matches!(ev, Event::StreamEnd) {
        return Err(err_at(
            &span,
            "the file holds more than one YAML document; it must hold one",
        ));
    }
    Ok(Some(root))
}

struct Reader<'a> {
    text: &'a str,
    parser: Parser<'a, granit_parser::StrInput<'a>>,
}

impl<'a> Reader<'a> {
    fn next(&mut self) -> Result<(Event<'a>, Span), YamlError> {
        match self.parser.next() {
            Some(Ok(ev)) => Ok(ev),
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
            Err(err_at(&span, format!("expected {what}")))
        }
    }

    fn node(&mut self) -> Result<Node, YamlError> {
        let (ev, span) = self.next()?;
        self.node_from(ev, span)
    }

    fn node_from(&mut self, ev: Event<'a>, span: Span) -> Result<Node, YamlError> {
        let r = span.byte_range().unwrap_or(0..0);
        match ev {
            Event::Scalar(text, style, _, tag) => {
                let block = matches!(style, ScalarStyle::Literal | ScalarStyle::Folded);
                let end = if block {
                    r.start
                        + self.text[r.clone()]
                            .trim_end_matches([' ', '\t', '\r', '\n'])
                            .len()
                } else {
                    r.end
                };
                Ok(Node::Scalar {
                    text: text.into_owned(),
                    plain: style == ScalarStyle::Plain && tag.is_none(),
                    span: r.start..end,
                    block,
                })
            }
            Event::Alias(_) => Ok(Node::Alias { span: r }),
            Event::SequenceStart(style, ..) => {
                let flow = style == StructureStyle::Flow;
                let mut items = Vec::new();
                let mut end = r.end;
                loop {
                    let (ev, s) = self.next()?;
                    if matches!(ev, Event::SequenceEnd) {
                        if flow {
                            end = s.byte_range().map_or(end, |x| x.end);
                        }
                        break;
                    }
                    let item = self.node_from(ev, s)?;
                    end = end.max(item.span().end);
                    items.push(item);
                }
                Ok(Node::Seq {
                    items,
                    span: r.start..end,
                    flow,
                })
            }
            Event::MappingStart(style, ..) => {
                let flow = style == StructureStyle::Flow;
                let mut entries: Vec<MapEntry> = Vec::new();
                let mut end = r.end;
                loop {
                    let (ev, s) = self.next()?;
                    let key = match ev {
                        Event::MappingEnd => {
                            if flow {
                                end = s.byte_range().map_or(end, |x| x.end);
                            }
                            break;
                        }
                        Event::Scalar(text, ..) => text.into_owned(),
                        _ => return Err(err_at(&s, "mapping keys must be plain strings")),
                    };
                    if entries.iter().any(|e| e.key == key) {
                        return Err(err_at(&s, format!("duplicate key '{key}'")));
                    }
                    let key_span = s.byte_range().unwrap_or(0..0);
                    let value = self.node()?;
                    end = end.max(key_span.end).max(value.span().end);
                    entries.push(MapEntry {
                        key,
                        key_span,
                        value,
                    });
                }
                Ok(Node::Map {
                    entries,
                    span: r.start..end,
                    flow,
                })
            }
            _ => Err(err_at(&span, "unexpected YAML event")),
        }
    }
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
    } = node
    else {
        return Err(EditError::Unsupported(format!(
            "the value above '{}' is not a mapping",
            path[0]
        )));
    };
    match entries.iter().find(|e| e.key == path[0]) {
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
        Node::Scalar { block, span, .. } => !block && !span.is_empty(),
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
    fn flow_parents_are_refused_not_rewritten() {
        let err = set("interview: {model: m}\n", &["interview", "enabled"], "true").unwrap_err();
        assert!(matches!(err, EditError::Unsupported(_)), "{err:?}");
        let err = set("interview: 5\n", &["interview", "enabled"], "true").unwrap_err();
        assert!(matches!(err, EditError::Unsupported(_)), "{err:?}");
    }
}
