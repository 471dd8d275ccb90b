//! Property test of the lossless editor: random valid files (comments, blank lines,
//! indentation 2 or 4, CRLF, flow entries, quoted keys, unknown keys) and random sequences
//! of add/update/remove/rename. After every step the text parses, reads as the model, and
//! every byte outside the touched entry is unchanged.

use proptest::prelude::*;

use super::*;

#[derive(Debug, Clone)]
struct EntrySpec {
    flow: bool,
    quote: u8,
    category: bool,
    unknown: bool,
    comment_before: bool,
    blank_after: bool,
}

#[derive(Debug, Clone)]
struct FileSpec {
    indent: usize,
    step: usize,
    crlf: bool,
    header: bool,
    trailer_key: bool,
    entries: Vec<EntrySpec>,
}

fn entry_spec() -> impl Strategy<Value = EntrySpec> {
    (
        prop::bool::weighted(0.2),
        0u8..3,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(flow, quote, category, unknown, comment_before, blank_after)| EntrySpec {
                flow,
                quote,
                category,
                unknown,
                comment_before,
                blank_after,
            },
        )
}

fn file_spec() -> impl Strategy<Value = FileSpec> {
    (
        prop::sample::select(vec![2usize, 4]),
        prop::sample::select(vec![2usize, 4]),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(entry_spec(), 1..6),
    )
        .prop_map(
            |(indent, step, crlf, header, trailer_key, entries)| FileSpec {
                indent,
                step,
                crlf,
                header,
                trailer_key,
                entries,
            },
        )
}

fn render(spec: &FileSpec) -> String {
    let pad = " ".repeat(spec.indent);
    let fpad = " ".repeat(spec.indent + spec.step);
    let mut s = String::new();
    if spec.header {
        s.push_str("# my feeds\n\n");
    }
    s.push_str("feeds:   # subscriptions\n");
    for (i, e) in spec.entries.iter().enumerate() {
        if e.comment_before {
            s.push_str(&format!("{pad}# about f{i}\n"));
        }
        let key = match e.quote {
            0 => format!("f{i}"),
            1 => format!("'f{i}'"),
            _ => format!("\"f{i}\""),
        };
        if e.flow {
            s.push_str(&format!("{pad}{key}: {{url: https://example.com/{i}"));
            if e.category {
                s.push_str(", category: old");
            }
            if e.unknown {
                s.push_str(", rating: 5");
            }
            s.push_str("}\n");
        } else {
            s.push_str(&format!(
                "{pad}{key}:\n{fpad}url: https://example.com/{i}  # main\n"
            ));
            if e.category {
                s.push_str(&format!("{fpad}category: 'old'\n"));
            }
            if e.unknown {
                s.push_str(&format!("{fpad}rating: 5\n"));
            }
        }
        if e.blank_after {
            s.push('\n');
        }
    }
    if spec.trailer_key {
        s.push_str("# not inkwell's\neditor: vim\n");
    }
    if spec.crlf {
        s.replace('\n', "\r\n")
    } else {
        s
    }
}

/// The text without the lines of the entry named `name` (unchanged when there is none).
fn without_entry(doc: &FeedsDocument, name: &str) -> String {
    match doc.entry(name) {
        Some(e) => {
            let start = line_start(&doc.text, e.key.start);
            let end = line_end(&doc.text, e.end);
            format!("{}{}", &doc.text[..start], &doc.text[end..])
        }
        None => doc.text.clone(),
    }
}

const VALUES: &[&str] = &[
    "news",
    "a: b",
    "- x",
    "yes",
    "",
    "中文 🎧",
    "multi\nline",
    " pad ",
    "#",
    "{x}",
];

#[derive(Debug, Clone)]
enum Op {
    Add(usize),
    Remove(usize),
    Rename(usize, usize),
    Update(usize, usize, u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..100).prop_map(Op::Add),
        (0usize..100).prop_map(Op::Remove),
        (0usize..100, 0usize..100).prop_map(|(a, b)| Op::Rename(a, b)),
        (0usize..100, 0usize..VALUES.len(), 0u8..4).prop_map(|(a, v, f)| Op::Update(a, v, f)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_keep_every_other_byte(spec in file_spec(), ops in prop::collection::vec(op(), 1..12)) {
        let text = render(&spec);
        let mut doc = FeedsDocument::parse(text.clone()).expect("generated files parse");
        let mut model: Vec<(String, Feed)> =
            doc.feeds().map(|(n, f)| (n.to_string(), f.clone())).collect();
        let mut fresh = 100;
        for op in ops {
            let before = doc.clone();
            let pick = |i: usize| model.get(i % model.len().max(1)).map(|(n, _)| n.clone());
            let (change, touched_before, touched_after) = match op {
                Op::Add(i) => {
                    fresh += 1;
                    let name = format!("new{fresh}");
                    let mut feed = Feed::new(format!("https://example.com/new/{i}"));
                    feed.category = Some(VALUES[i % VALUES.len()].to_string());
                    (Change::Add { name: name.clone(), feed }, None, Some(name))
                }
                Op::Remove(i) => match pick(i) {
                    Some(name) => (Change::Remove { name: name.clone() }, Some(name), None),
                    None => continue,
                },
                Op::Rename(i, j) => match pick(i) {
                    Some(from) => {
                        fresh += 1;
                        let to = if j % 3 == 0 { format!("Renamed {fresh}: x") } else { format!("r{fresh}") };
                        (Change::Rename { from: from.clone(), to: to.clone() }, Some(from), Some(to))
                    }
                    None => continue,
                },
                Op::Update(i, v, field) => match pick(i) {
                    Some(name) => {
                        let value = VALUES[v].to_string();
                        let patch = match field {
                            0 => Patch { category: Some(Some(value)), ..Patch::default() },
                            1 => Patch { display_name: Some(Some(value)), ..Patch::default() },
                            2 => Patch { category: Some(None), ..Patch::default() },
                            _ => Patch {
                                url: Some(format!("https://example.com/u/{v}")),
                                custom_templates: Some(vec![value]),
                                ..Patch::default()
                            },
                        };
                        (Change::Update { name: name.clone(), patch }, Some(name.clone()), Some(name))
                    }
                    None => continue,
                },
            };
            // The model.
            match &change {
                Change::Add { name, feed } => model.push((name.clone(), feed.clone())),
                Change::Remove { name } => model.retain(|(n, _)| n != name),
                Change::Rename { from, to } => {
                    for (n, _) in model.iter_mut() {
                        if n == from {
                            *n = to.clone();
                        }
                    }
                }
                Change::Update { name, patch } => {
                    for (n, f) in model.iter_mut() {
                        if n == name {
                            patch.apply_to(f);
                        }
                    }
                }
            }
            doc.apply(std::slice::from_ref(&change))
                .unwrap_or_else(|e| panic!("{change:?} on\n{}\nfailed: {e:?}", before.text));
            // Every position now refers to the new text, and the next change starts from
            // it as the next transaction would.
            doc.materialize();
            doc.edit = Edit::None;

            let reread = FeedsDocument::parse(doc.text.clone()).expect("the result parses");
            let got: Vec<(String, Feed)> =
                reread.feeds().map(|(n, f)| (n.to_string(), f.clone())).collect();
            prop_assert_eq!(&got, &model, "text:\n{}", doc.text);

            // Going from or to no feeds rewrites the `feeds:` line itself; otherwise only
            // the touched entry's lines may differ.
            if !before.is_empty() && !model.is_empty() {
                let a = touched_before.map_or(before.text.clone(), |n| without_entry(&before, &n));
                let b = touched_after.map_or(doc.text.clone(), |n| without_entry(&doc, &n));
                prop_assert_eq!(a, b, "{:?}", change);
            }
            if spec.crlf {
                prop_assert_eq!(doc.text.matches('\n').count(), doc.text.matches("\r\n").count());
            }
        }
    }
}
