//! Document edits, each written as: given this file, make this change, expect this file.

use super::*;

fn feed(url: &str) -> Feed {
    Feed::new(url.to_string())
}

fn add(name: &str, url: &str) -> Change {
    Change::Add {
        name: name.into(),
        feed: feed(url),
    }
}

fn remove(name: &str) -> Change {
    Change::Remove { name: name.into() }
}

fn edited(input: &str, changes: &[Change]) -> String {
    let mut doc = FeedsDocument::parse(input.to_string()).expect("input parses");
    doc.apply(changes).expect("edit applies");
    doc.into_text()
}

const ENTRY_A: &str = "  a:
    url: https://a.example/feed
    display_name: null
    auth:
      type: none
      username: null
      password: null
      token: null
    category: null
    custom_templates: []
";

#[test]
fn add_to_an_empty_file_writes_what_inkwell_cli_writes() {
    assert_eq!(
        edited("", &[add("a", "https://a.example/feed")]),
        format!("feeds:\n{ENTRY_A}")
    );
}

#[test]
fn add_to_a_comment_only_file_keeps_the_comments() {
    assert_eq!(
        edited("# my feeds\n\n", &[add("a", "https://a.example/feed")]),
        format!("# my feeds\n\nfeeds:\n{ENTRY_A}")
    );
    assert_eq!(
        edited("# no newline", &[add("a", "https://a.example/feed")]),
        format!("# no newline\nfeeds:\n{ENTRY_A}")
    );
}

#[test]
fn add_to_flow_empty_feeds_turns_it_into_a_block() {
    let input = "# Podcast Feeds\n# This file will be automatically populated\n\nfeeds: {}\n";
    let expected = format!(
        "# Podcast Feeds\n# This file will be automatically populated\n\nfeeds:\n{ENTRY_A}"
    );
    assert_eq!(
        edited(input, &[add("a", "https://a.example/feed")]),
        expected
    );
}

#[test]
fn add_to_null_feeds_keeps_the_trailing_comment() {
    assert_eq!(
        edited(
            "feeds: # none yet\nother: 1\n",
            &[add("a", "https://a.example/feed")]
        ),
        format!("feeds: # none yet\n{ENTRY_A}other: 1\n")
    );
    assert_eq!(
        edited("feeds: ~\n", &[add("a", "https://a.example/feed")]),
        format!("feeds:\n{ENTRY_A}")
    );
}

#[test]
fn add_goes_after_the_last_entry_in_the_files_own_indentation() {
    let input = "\
# header
feeds:
    # first feed
    old:   # trailing
        url: https://old.example/  # keep me
        custom: value

        weird_key: [1, 2]
# between
settings:
    x: 1
";
    let expected = "\
# header
feeds:
    # first feed
    old:   # trailing
        url: https://old.example/  # keep me
        custom: value

        weird_key: [1, 2]
    new:
        url: https://new.example/
        display_name: null
        auth:
            type: none
            username: null
            password: null
            token: null
        category: null
        custom_templates: []
# between
settings:
    x: 1
";
    assert_eq!(
        edited(input, &[add("new", "https://new.example/")]),
        expected
    );
}

#[test]
fn add_keeps_crlf_line_endings() {
    let input = "feeds:\r\n  a:\r\n    url: https://a.example/feed\r\n";
    let out = edited(input, &[add("b", "https://b.example/")]);
    assert!(out.starts_with(input), "{out:?}");
    assert!(
        !out.replace("\r\n", "").contains('\n'),
        "a bare LF slipped in: {out:?}"
    );
    let doc = FeedsDocument::parse(out).unwrap();
    assert_eq!(doc.get("b").unwrap().url, "https://b.example/");
}

#[test]
fn add_to_a_file_without_final_newline() {
    let input = "feeds:\n  a:\n    url: https://a.example/feed";
    let out = edited(input, &[add("b", "https://b.example/")]);
    assert!(
        out.starts_with("feeds:\n  a:\n    url: https://a.example/feed\n  b:\n"),
        "{out}"
    );
}

#[test]
fn templates_are_written_as_pyyaml_does() {
    let mut f = feed("https://a.example/feed");
    f.custom_templates = vec!["summary".into(), "quotes".into()];
    f.category = Some("tech".into());
    f.display_name = Some("My A".into());
    let out = edited(
        "",
        &[Change::Add {
            name: "a".into(),
            feed: f,
        }],
    );
    assert_eq!(
        out,
        "feeds:
  a:
    url: https://a.example/feed
    display_name: My A
    auth:
      type: none
      username: null
      password: null
      token: null
    category: tech
    custom_templates:
    - summary
    - quotes
"
    );
}

#[test]
fn remove_deletes_exactly_the_entrys_lines() {
    let input = "\
feeds:
  a:
    url: https://a.example/   # a
    tags: |
      multi

  # about b
  b:
    url: https://b.example/
  c: {url: 'https://c.example/'}
rest: true
";
    assert_eq!(
        edited(input, &[remove("a")]),
        "\
feeds:

  # about b
  b:
    url: https://b.example/
  c: {url: 'https://c.example/'}
rest: true
"
    );
    assert_eq!(
        edited(input, &[remove("c")]),
        "\
feeds:
  a:
    url: https://a.example/   # a
    tags: |
      multi

  # about b
  b:
    url: https://b.example/
rest: true
"
    );
}

#[test]
fn removing_the_last_feed_leaves_an_empty_mapping() {
    let input = "# top\nfeeds:\n  a:\n    url: https://a.example/\n# end\n";
    assert_eq!(edited(input, &[remove("a")]), "# top\nfeeds: {}\n# end\n");
}

#[test]
fn rename_replaces_only_the_key() {
    let input =
        "feeds:\n  old:  # note\n    url: https://a.example/\n  z:\n    url: https://z.example/\n";
    let out = edited(
        input,
        &[Change::Rename {
            from: "old".into(),
            to: "new".into(),
        }],
    );
    assert_eq!(
        out,
        "feeds:\n  new:  # note\n    url: https://a.example/\n  z:\n    url: https://z.example/\n"
    );
    let out = edited(
        input,
        &[Change::Rename {
            from: "old".into(),
            to: "123".into(),
        }],
    );
    assert!(out.starts_with("feeds:\n  \"123\":  # note\n"), "{out}");
}

#[test]
fn update_replaces_values_and_keeps_comments() {
    let input = "\
feeds:
  a:
    url: 'https://a.example/'   # where
    display_name:
    category: news # cat
    custom_templates:
    - one
    - two
    extra: kept
";
    let patch = Patch {
        url: Some("https://new.example/".into()),
        display_name: Some(Some("Shown".into())),
        category: Some(None),
        custom_templates: Some(vec!["x".into()]),
        auth: None,
    };
    let out = edited(
        input,
        &[Change::Update {
            name: "a".into(),
            patch,
        }],
    );
    assert_eq!(
        out,
        "\
feeds:
  a:
    url: https://new.example/   # where
    display_name: Shown
    category: null # cat
    custom_templates: [x]
    extra: kept
"
    );
}

#[test]
fn update_adds_missing_fields_at_the_end_of_the_entry() {
    let input = "feeds:\n  a:\n    url: https://a.example/\n  b: {url: https://b.example/}\n";
    let patch = Patch {
        category: Some(Some("tech".into())),
        ..Patch::default()
    };
    let out = edited(
        input,
        &[
            Change::Update {
                name: "a".into(),
                patch: patch.clone(),
            },
            Change::Update {
                name: "b".into(),
                patch,
            },
        ],
    );
    assert_eq!(
        out,
        "feeds:\n  a:\n    url: https://a.example/\n    category: tech\n  b: {url: https://b.example/, category: tech}\n"
    );
}

// Regression: the blank lines after a `|+` scalar are part of its value; new text used to
// be spliced in before them, silently cutting `notes: "line1\n\n\n"` down to "line1\n".
#[test]
fn text_after_an_entry_goes_past_the_kept_lines_of_a_keep_block_scalar() {
    let input = "feeds:\n  a:\n    url: https://a.example/\n    notes: |+\n      line1\n\n\n";
    assert_eq!(
        edited(input, &[add("b", "https://b.example/")]),
        format!(
            "{input}{}",
            ENTRY_A
                .replace("  a:", "  b:")
                .replace("a.example/feed", "b.example/")
        )
    );
    let patch = Patch {
        category: Some(Some("tech".into())),
        ..Patch::default()
    };
    assert_eq!(
        edited(
            input,
            &[Change::Update {
                name: "a".into(),
                patch
            }]
        ),
        format!("{input}    category: tech\n")
    );
    // Without keep chomping the blank lines are layout, and new text goes before them.
    let clipped =
        "feeds:\n  a:\n    url: https://a.example/\n    notes: |\n      line1\n\nother: 1\n";
    assert!(
        edited(clipped, &[add("b", "https://b.example/")])
            .ends_with("custom_templates: []\n\nother: 1\n")
    );
}

// Regression: removing the holder of an anchor that another feed aliases failed the
// read-back check and was reported as a bug in inkwell (exit 1).
#[test]
fn an_anchor_still_aliased_elsewhere_is_not_removed() {
    let input = "feeds:\n  a:\n    url: &u https://a.example/\n  b:\n    url: *u\n";
    let mut doc = FeedsDocument::parse(input.to_string()).unwrap();
    match doc.apply(&[remove("a")]) {
        Err(EditError::Unsupported { message }) => assert!(message.contains("&u"), "{message}"),
        other => panic!("expected Unsupported, got {other:?}"),
    }
    assert_eq!(doc.text(), input);
    // Removing the alias, or the anchor together with its only alias, is fine.
    assert_eq!(
        edited(input, &[remove("b")]),
        "feeds:\n  a:\n    url: &u https://a.example/\n"
    );
    assert_eq!(edited(input, &[remove("a"), remove("b")]), "feeds: {}\n");
}

#[test]
fn hostile_values_cannot_inject_structure() {
    let nasty = [
        "a: b",
        "- x",
        "&anchor",
        "*alias",
        "{}",
        "#",
        "x\ny: z",
        "\"quoted\"",
        "'single'",
        "tab\tx",
        "emoji 🎙️",
        "中文",
        " padded ",
        "\u{7}bell",
        "null",
        "yes",
        "1e3",
        "\\",
        "\r\n",
    ];
    for value in nasty {
        let mut f = feed("https://a.example/");
        f.display_name = Some(value.to_string());
        f.category = Some(value.to_string());
        f.custom_templates = vec![value.to_string()];
        let out = edited(
            "feeds: {}\n",
            &[Change::Add {
                name: "a".into(),
                feed: f.clone(),
            }],
        );
        let doc = FeedsDocument::parse(out.clone()).unwrap();
        assert_eq!(doc.len(), 1, "{value:?} -> {out}");
        assert_eq!(doc.get("a"), Some(&f), "{value:?} -> {out}");
    }
}

#[test]
fn checksum_trailer_is_kept_last_and_updated() {
    let body = "feeds: {}\n";
    let input = format!("{body}# checksum: {}\n", "a".repeat(64));
    let out = edited(&input, &[add("a", "https://a.example/feed")]);
    let (main, sum) = out.rsplit_once("# checksum: ").unwrap();
    assert_eq!(main, format!("feeds:\n{ENTRY_A}"));
    use sha2::Digest;
    assert_eq!(
        sum.trim(),
        format!("{:x}", sha2::Sha256::digest(main.as_bytes()))
    );
}

#[test]
fn non_empty_flow_feeds_is_rewritten_as_block_keeping_entry_text() {
    let input = "feeds: {a: {url: 'https://a.example/', x: 1}}\n";
    let out = edited(input, &[add("b", "https://b.example/")]);
    assert!(
        out.starts_with("feeds:\n  a: {url: 'https://a.example/', x: 1}\n  b:\n"),
        "{out}"
    );
}

#[test]
fn a_failed_change_leaves_the_document_untouched() {
    let input = "feeds:\n  a:\n    url: https://a.example/\n";
    let mut doc = FeedsDocument::parse(input.into()).unwrap();
    let err = doc
        .apply(&[add("b", "https://b.example/"), remove("missing")])
        .unwrap_err();
    assert_eq!(
        err,
        EditError::Missing {
            name: "missing".into()
        }
    );
    assert_eq!(doc.text(), input);
    let err = doc.apply(&[add("a", "https://x.example/")]).unwrap_err();
    assert!(matches!(err, EditError::Exists { .. }));
}

#[test]
fn malformed_files_report_line_and_column() {
    type Case = (&'static str, &'static str, Option<(usize, usize)>);
    let cases: &[Case] = &[
        ("feeds:\n  a: [\n", "syntax", None),
        ("- a\n- b\n", "top level must be a mapping", Some((1, 1))),
        ("just text\n", "top level must be a mapping", Some((1, 1))),
        ("feeds:\n  - a\n", "'feeds' must be a mapping", Some((2, 3))),
        (
            "feeds:\n  a:\n    category: x\n",
            "has no 'url'",
            Some((2, 3)),
        ),
        (
            "feeds:\n  a:\n    url: [1]\n",
            "'url' must be a string",
            Some((3, 10)),
        ),
        (
            "feeds:\n  a:\n    url: x\n  a:\n    url: y\n",
            "duplicate feed name 'a'",
            Some((4, 3)),
        ),
        (
            "feeds:\n  a:\n    url: x\n    url: y\n",
            "duplicate field 'url'",
            Some((4, 5)),
        ),
        (
            "feeds: {}\nfeeds: {}\n",
            "duplicate top-level key",
            Some((2, 1)),
        ),
        (
            "feeds: {}\n---\nfeeds: {}\n",
            "more than one YAML document",
            Some((2, 1)),
        ),
        (
            "feeds:\n  a:\n    url: *nope\n",
            "unknown anchor",
            Some((3, 10)),
        ),
    ];
    for (input, needle, loc) in cases {
        let err = FeedsDocument::parse(input.to_string()).unwrap_err();
        assert!(err.message.contains(needle), "{input:?}: {err:?}");
        if let Some((line, column)) = loc {
            assert_eq!(
                err.location,
                Some(Location {
                    line: *line,
                    column: *column
                }),
                "{input:?}: {err:?}"
            );
        } else {
            assert!(err.location.is_some(), "{input:?}");
        }
    }
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    let err = FeedsDocument::from_bytes(b"feeds:\n  a\xff: x\n".to_vec()).unwrap_err();
    assert_eq!(err.location, Some(Location { line: 2, column: 4 }));
    assert!(err.message.contains("UTF-8"));
}

#[test]
fn alias_bombs_are_refused_without_expansion() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..60 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    text.push_str("feeds:\n  f:\n    url: https://x.example/\n    custom_templates: *a59\n");
    let start = std::time::Instant::now();
    let err = FeedsDocument::parse(text).unwrap_err();
    assert!(err.message.contains("alias bomb"), "{err:?}");
    assert!(start.elapsed().as_secs() < 5);
}

#[test]
fn deep_nesting_is_refused() {
    let text = format!("feeds: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    assert!(FeedsDocument::parse(text).is_err());
}

#[test]
fn anchors_and_aliases_read_correctly() {
    let input = "feeds:\n  a: &base\n    url: https://a.example/\n    category: c\n  b: *base\n";
    let doc = FeedsDocument::parse(input.into()).unwrap();
    assert_eq!(doc.get("b").unwrap().category.as_deref(), Some("c"));
    let mut d = doc.clone();
    let err = d
        .apply(&[Change::Update {
            name: "b".into(),
            patch: Patch {
                category: Some(None),
                ..Patch::default()
            },
        }])
        .unwrap_err();
    assert!(matches!(err, EditError::Unsupported { .. }));
    // Removing the anchored entry would break the alias: refused, not written.
    let mut d = doc.clone();
    assert!(matches!(
        d.apply(&[remove("a")]).unwrap_err(),
        EditError::Unsupported { .. }
    ));
    assert_eq!(d.text(), input);
}

/// A tiny deterministic generator of feeds.yaml texts in many styles, for the
/// differential test below.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
    fn scalar(&mut self) -> String {
        match self.below(9) {
            0 => "null".into(),
            1 => "~".into(),
            2 => "'it''s quoted'".into(),
            3 => "\"double # not a comment\"".into(),
            4 => "\"esc\\n\"".into(),
            5 => format!("plain value {}", self.below(100)),
            6 => "https://example.com/a:b?c=d#frag".into(),
            7 => "café ünïcode".into(),
            _ => self
                .pick(&[
                    "yes",
                    "123",
                    "a #comment",
                    "x:y",
                    "'a'",
                    "[a, b]",
                    "[]",
                    "{}",
                    "&x v",
                ])
                .into(),
        }
    }
    fn document(&mut self) -> String {
        let nl = if self.below(4) == 0 { "\r\n" } else { "\n" };
        let ind = self.pick(&["  ", "    ", " "]);
        let mut out = String::new();
        let line = |out: &mut String, s: String| {
            out.push_str(&s);
            out.push_str(nl);
        };
        if self.below(3) == 0 {
            line(&mut out, "# header comment".into());
        }
        if self.below(4) == 0 {
            line(&mut out, format!("settings:{}", self.pick(&["", " # c"])));
            line(&mut out, format!("{ind}depth: {}", self.scalar()));
            line(&mut out, format!("{ind}list:"));
            line(&mut out, format!("{ind}- {}", self.scalar()));
        }
        match self.below(8) {
            0 => line(&mut out, "feeds: {}".into()),
            1 => line(&mut out, "feeds:".into()),
            2 => line(&mut out, "feeds: ~".into()),
            _ => {
                line(&mut out, format!("feeds:{}", self.pick(&["", "  # mine"])));
                for i in 0..self.below(6) {
                    if self.below(3) == 0 {
                        line(&mut out, String::new());
                    }
                    if self.below(3) == 0 {
                        line(&mut out, format!("{ind}# about {i}"));
                    }
                    let key = match self.below(4) {
                        0 => format!("'feed {i}'"),
                        1 => format!("\"feed-{i}\""),
                        _ => format!("feed-{i}"),
                    };
                    if self.below(10) == 0 {
                        line(&mut out, format!("{ind}{key}: {{url: x{i}}}"));
                        continue;
                    }
                    line(&mut out, format!("{ind}{key}:{}", self.pick(&["", " # k"])));
                    let f = format!("{ind}{ind}");
                    let mut fields = vec![
                        format!(
                            "{f}url: {}",
                            self.pick(&["https://a.example/x", "'https://q.example/'", "null", ""])
                        ),
                        format!("{f}display_name: {}", self.scalar()),
                        format!("{f}category:{}", self.pick(&["", " tech", " ~ # none"])),
                    ];
                    match self.below(5) {
                        0 => fields.push(format!("{f}custom_templates: []")),
                        1 => fields.push(format!("{f}custom_templates: [a, b-c]")),
                        2 => fields.push(format!("{f}custom_templates:{nl}{f}- one{nl}{f}- 'two'")),
                        3 => fields.push(format!("{f}custom_templates:{nl}{f}{ind}- one # c")),
                        _ => {}
                    }
                    match self.below(4) {
                        0 => fields.push(format!("{f}auth:{nl}{f}{ind}type: basic{nl}{f}{ind}username: gAAAA-x_y={nl}{f}{ind}password: null")),
                        1 => fields.push(format!("{f}auth: null")),
                        2 => fields.push(format!("{f}auth:")),
                        _ => {}
                    }
                    if self.below(3) == 0 {
                        fields.push(format!(
                            "{f}extra:{nl}{f}{ind}nested: {}{nl}{f}{ind}more:{nl}{f}{ind}- x",
                            self.scalar()
                        ));
                    }
                    if self.below(4) == 0 {
                        fields.push(format!("{f}note: {}", self.scalar()));
                    }
                    for k in (1..fields.len()).rev() {
                        let j = self.below(k as u64 + 1) as usize;
                        fields.swap(k, j);
                    }
                    for field in fields {
                        line(&mut out, field);
                    }
                }
            }
        }
        if self.below(3) == 0 {
            line(&mut out, "# trailer".into());
            line(&mut out, format!("other: {}", self.scalar()));
        }
        out
    }
}

impl Gen {
    /// A feeds mapping in the layout inkwell and inkwell-cli write, with now and then
    /// a line that is not (a comment, a quoted value, an unknown key, CRLF...).
    fn usual_layout(&mut self) -> String {
        let nl = if self.below(20) == 0 { "\r\n" } else { "\n" };
        let ind = self.pick(&["  ", "    "]);
        let f = format!("{ind}{ind}");
        let a = format!("{f}{ind}");
        let mut out = format!("feeds:{nl}");
        let odd = |g: &mut Gen, usual: &str| -> String {
            if g.below(12) == 0 {
                g.scalar()
            } else {
                usual.to_string()
            }
        };
        for i in 0..1 + self.below(8) {
            out.push_str(&format!("{ind}feed-{i}:{nl}"));
            let url = odd(self, &format!("https://podcasts.example.com/{i}/rss.xml"));
            let mut fields = vec![
                format!("{f}url: {url}{nl}"),
                format!("{f}display_name: {}{nl}", odd(self, "null")),
            ];
            if self.below(6) != 0 {
                let mut auth = format!("{f}auth:{nl}");
                for key in ["type", "username", "password", "token"] {
                    if self.below(8) != 0 {
                        let usual = self.pick(&["null", "none", "basic", "gAAAAB-x_y="]);
                        let value = odd(self, usual);
                        auth.push_str(&format!("{a}{key}: {value}{nl}"));
                    }
                }
                fields.push(auth);
            }
            fields.push(format!("{f}category: {}{nl}", {
                let usual = self.pick(&["tech", "null"]);
                odd(self, usual)
            }));
            fields.push(match self.below(4) {
                0 => format!("{f}custom_templates:{nl}{f}- summary{nl}{f}- key-points{nl}"),
                1 => format!("{f}custom_templates:{nl}{a}- summary{nl}"),
                _ => format!("{f}custom_templates: {}{nl}", odd(self, "[]")),
            });
            if self.below(10) == 0 {
                let j = self.below(fields.len() as u64) as usize;
                fields.swap(0, j);
            }
            if self.below(15) == 0 {
                fields.push(format!(
                    "{f}{}{nl}",
                    self.pick(&["note: x", "# c", "", "url: y"])
                ));
            }
            out.extend(fields);
        }
        out
    }
}

/// Line number of a byte offset: what the editor relies on for an entry's end.
fn line_of(text: &str, pos: usize) -> usize {
    text[..pos].matches('\n').count()
}

/// `p` with every entry's fields decoded (the fast reader decodes them on first use).
fn decoded(text: &str, p: model::Parsed) -> model::Parsed {
    for e in &p.entries {
        e.feed(text);
    }
    p
}

fn comparable(text: &str, p: model::Parsed) -> model::Parsed {
    let mut p = decoded(text, p);
    p.block = None;
    for e in &mut p.entries {
        e.end = line_of(text, e.end);
        // The editor replaces block values from the ':' on; their start is not used.
        // Their end is compared by line: a last key written `key :` ends at the key for
        // the fast reader and at the space for the full parser.
        e.fields.update(|f| {
            if f.value.shape == Shape::Block {
                f.value.start = 0;
                f.value.end = line_of(text, f.value.end);
            }
        });
    }
    p
}

#[test]
fn the_fast_reader_agrees_with_the_full_parser() {
    const SEEDS: u64 = 4000;
    let mut fast_hits = 0;
    for seed in 1..SEEDS {
        let mut g = Gen(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let mut text = g.document();
        if g.below(4) == 0 && !text.is_empty() {
            // A random corruption: both readers must still agree (or the fast one defer).
            let at = g.below(text.len() as u64) as usize;
            if text.is_char_boundary(at) {
                let c = g.pick(&[
                    ":", " ", "-", "#", "'", "\"", "\n", "  ", "x: y\n", "\t", "[", "&a ",
                ]);
                text.insert_str(at, c);
            }
        }
        let slow = full::parse_full(&text);
        if let Some(fast) = fast::parse(&text) {
            fast_hits += 1;
            let slow = slow.unwrap_or_else(|e| {
                panic!("fast accepted what the full parser rejects: {e:?}\n{text}")
            });
            assert_eq!(
                comparable(&text, fast),
                comparable(&text, slow),
                "seed {seed}:\n{text}"
            );
        }
    }
    println!("the fast reader read {fast_hits} of {SEEDS} generated files");
    assert!(
        fast_hits > SEEDS / 4,
        "the fast path should cover most generated files, covered {fast_hits}"
    );
}

#[test]
fn a_last_line_without_a_line_break_ends_the_text_wherever_it_is() {
    for text in [
        "feeds:\n  a:",
        "feeds:\n  a:\n    url: u",
        "feeds:\n  a:\n    url: u\n  b:",
    ] {
        let full = full::parse_full(text).ok();
        if let Some(fast) = fast::parse(text) {
            let full = full
                .clone()
                .expect("the full parser reads what the fast one does");
            assert_eq!(comparable(text, fast), comparable(text, full), "{text:?}");
        }
    }
}

#[test]
fn an_entry_in_the_usual_layout_reads_as_the_full_parser_reads_it() {
    let mut read_fast = 0;
    for seed in 1..3000u64 {
        let mut g = Gen(seed.wrapping_mul(0x5851_f42d_4c95_7f2d));
        let mut text = if g.below(3) == 0 {
            g.document()
        } else {
            g.usual_layout()
        };
        if g.below(6) == 0 && !text.is_empty() {
            let at = g.below(text.len() as u64) as usize;
            if text.is_char_boundary(at) {
                text.insert_str(
                    at,
                    g.pick(&[":", " ", "-", "#", "'", "\n", "  ", "x: y\n", "[]"]),
                );
            }
        }
        if let Some(fast) = fast::parse(&text) {
            read_fast += 1;
            let full = full::parse_full(&text)
                .unwrap_or_else(|e| panic!("seed {seed}: fast read what full rejects: {e:?}"));
            assert_eq!(
                comparable(&text, fast),
                comparable(&text, full),
                "seed {seed}:\n{text}"
            );
        }
    }
    assert!(
        read_fast > 1500,
        "the fast reader read only {read_fast} texts"
    );
}

#[test]
fn re_reading_only_the_edited_entries_gives_what_reading_everything_gives() {
    let mut regional = 0;
    for seed in 1..1500u64 {
        let mut g = Gen(seed.wrapping_mul(0x2545_f491_4f6c_dd1d));
        let text = g.document();
        let Ok(mut doc) = FeedsDocument::parse(text.clone()) else {
            continue;
        };
        for step in 0..4 {
            let names: Vec<String> = doc.feeds().map(|(n, _)| n.to_string()).collect();
            let pick = |g: &mut Gen| names[g.below(names.len() as u64) as usize].clone();
            let change = match (g.below(4), names.is_empty()) {
                (0, _) | (_, true) => add(&format!("new-{step}"), "https://n.example/"),
                (1, false) => remove(&pick(&mut g)),
                (2, false) => Change::Rename {
                    from: pick(&mut g),
                    to: format!("renamed-{step}"),
                },
                _ => Change::Update {
                    name: pick(&mut g),
                    patch: Patch {
                        category: Some(Some(format!("c{step}"))),
                        custom_templates: Some(vec!["t".into()]),
                        ..Patch::default()
                    },
                },
            };
            let was_block = doc.parsed.block.is_some();
            if doc.apply(std::slice::from_ref(&change)).is_err() {
                break;
            }
            if was_block && matches!(doc.edit, Edit::Region { .. }) {
                regional += 1;
            }
            // The positions all refer to the new text, and the next step starts from it
            // as the next transaction would.
            doc.materialize();
            doc.edit = Edit::None;
            let whole = read(&doc.text).expect("edited text parses");
            for (i, e) in doc.parsed.entries.iter().enumerate() {
                assert_eq!(
                    doc.parsed.index.get(&doc.parsed.entries, &e.name),
                    Some(i),
                    "seed {seed} step {step}: '{}' is not found where it is",
                    e.name
                );
            }
            assert_eq!(
                decoded(&doc.text, doc.parsed.clone()),
                decoded(&doc.text, whole),
                "seed {seed} step {step} {change:?}\n{}",
                doc.text()
            );
        }
    }
    assert!(
        regional > 500,
        "only {regional} edits were re-read regionally"
    );
}

#[test]
fn merge_keys_are_refused_rather_than_read_differently_from_pyyaml() {
    let text =
        "defaults: &d\n  url: https://m.example/\nfeeds:\n  a:\n    <<: *d\n    category: x\n";
    let err = FeedsDocument::parse(text.into()).unwrap_err();
    assert!(err.message.contains("merge key (<<)"), "{err:?}");
    assert_eq!(err.location, Some(Location { line: 4, column: 3 }));
}

#[test]
fn a_value_carrying_an_anchor_is_not_changed_in_place() {
    let input = "feeds:\n  a:\n    url: &u https://a.example/\n  b:\n    url: *u\n";
    let mut doc = FeedsDocument::parse(input.into()).unwrap();
    let err = doc
        .apply(&[Change::Update {
            name: "a".into(),
            patch: Patch {
                url: Some("https://z.example/".into()),
                ..Patch::default()
            },
        }])
        .unwrap_err();
    assert!(
        matches!(err, EditError::Unsupported { ref message } if message.contains("anchor")),
        "{err:?}"
    );
    assert_eq!(doc.text(), input);
    // Fields without an anchor can still be changed.
    doc.apply(&[Change::Update {
        name: "a".into(),
        patch: Patch {
            category: Some(Some("c".into())),
            ..Patch::default()
        },
    }])
    .unwrap();
    assert_eq!(doc.get("b").unwrap().url, "https://a.example/");
}

#[test]
fn urls_are_read_without_decoding_the_rest_of_each_feed() {
    let text = "feeds:\n  a:\n    url: https://same.example/\n  b:\n    url: 'https://same.example/'\n  c:\n    url: \"https://other.example/it''s\"\n  d:\n    url: 'https://other.example/it''s'\n";
    let doc = FeedsDocument::parse(text.into()).unwrap();
    let same: Vec<&str> = doc.names_with_url("https://same.example/").collect();
    assert_eq!(same, ["a", "b"]);
    let quoted: Vec<&str> = doc.names_with_url("https://other.example/it's").collect();
    assert_eq!(quoted, ["d"]);
    assert!(
        doc.parsed.entries.iter().all(|e| e.feed.get().is_none()),
        "no feed was decoded to compare URLs"
    );
    // Decoding everything gives the same answer.
    for (name, feed) in doc.feeds() {
        let by_url: Vec<&str> = doc.names_with_url(&feed.url).collect();
        assert!(by_url.contains(&name), "{name}: {by_url:?}");
    }
    assert_eq!(doc.names().collect::<Vec<_>>(), ["a", "b", "c", "d"]);
}

/// A file of `n` feeds with comments and unknown keys, then `after`.
fn many_feeds(n: usize, after: &str) -> String {
    let mut text = String::from("# my feeds\nfeeds:\n");
    for i in 0..n {
        text.push_str(&format!(
            "  feed-{i}:\n    url: https://f.example/{i}\n    # note {i}\n    extra:\n      deep: [x]\n    custom_templates:\n    - a{i}\n"
        ));
    }
    text.push_str(after);
    text
}

#[test]
fn a_file_of_many_feeds_reads_as_the_full_parser_reads_it() {
    for after in ["", "other:\n  feed-1:\n    url: not-a-feed\n", "# end\n"] {
        let text = many_feeds(40, after);
        let fast = fast::parse(&text).expect("plain block YAML");
        let full = full::parse_full(&text).unwrap();
        assert_eq!(fast.entries.len(), 40);
        assert_eq!(
            comparable(&text, fast),
            comparable(&text, full),
            "{after:?}"
        );
    }
}

#[test]
fn a_name_repeated_far_apart_is_left_to_the_full_parser() {
    let mut text = many_feeds(40, "");
    text.push_str("  feed-0:\n    url: https://again.example/\n");
    assert!(fast::parse(&text).is_none());
    let err = FeedsDocument::parse(text).unwrap_err();
    assert!(err.message.contains("feed-0"), "{err:?}");
}

#[test]
fn a_name_repeated_at_the_end_is_left_to_the_full_parser() {
    let mut text = many_feeds(40, "");
    text.push_str("  twice:\n    url: https://a.example/\n");
    text.push_str("  twice:\n    url: https://b.example/\n");
    assert!(fast::parse(&text).is_none());
    let err = FeedsDocument::parse(text).unwrap_err();
    assert!(err.message.contains("twice"), "{err:?}");
}

#[test]
fn a_mapping_followed_by_another_with_lines_at_the_same_column_is_read_as_usual() {
    let mut text = String::from("feeds:\n  a:\n    url: https://a.example/\nnotes:\n");
    for i in 0..60 {
        text.push_str(&format!("  n{i}:\n    text: note {i}\n"));
    }
    let fast = fast::parse(&text).expect("plain block YAML");
    let full = full::parse_full(&text).unwrap();
    assert_eq!(fast.entries.len(), 1);
    assert_eq!(comparable(&text, fast), comparable(&text, full));
}

#[test]
fn bytes_the_fast_reader_leaves_alone_are_found_anywhere_in_a_file() {
    for (at, odd) in [(3, "\t"), (35, "\u{2028}"), (20, "\r"), (39, "\u{85}")] {
        let mut text = String::from("feeds:\n");
        for i in 0..40 {
            let note = if i == at { odd } else { "" };
            text.push_str(&format!(
                "  f{i}:\n    url: https://f.example/{i}\n    display_name: F{note}x\n"
            ));
        }
        assert!(fast::parse(&text).is_none(), "{odd:?} in entry {at}");
        // Whatever the full parser makes of it is what the document holds.
        match (FeedsDocument::parse(text.clone()), full::parse_full(&text)) {
            (Ok(doc), Ok(full)) => assert_eq!(doc.len(), full.entries.len()),
            (Err(a), Err(b)) => assert_eq!(a.message, b.message),
            (a, b) => panic!(
                "{odd:?}: {:?} vs {:?}",
                a.map(|d| d.len()),
                b.map(|p| p.entries.len())
            ),
        }
    }
}

/// Every line of a usual-layout entry replaced by, or preceded or followed by, one of
/// a thousand near misses (other indentation, keys, values, list items, comments): the
/// fast reader must read each text as the full parser does, or leave it to it.
#[test]
fn near_misses_of_the_usual_layout_read_as_the_full_parser_reads_them() {
    let entry = [
        "    url: https://a.example/f",
        "    display_name: null",
        "    auth:",
        "      type: none",
        "      username: null",
        "      password: null",
        "      token: null",
        "    category: tech",
        "    custom_templates:",
        "    - summary",
        "    - key-points",
    ];
    let values = [
        "",
        " ",
        "x",
        "x ",
        "~",
        "NULL",
        "nulL",
        "-x",
        "- x",
        "?x",
        ":x",
        "&a",
        "'q'",
        "\"q\"",
        "[]",
        "[] ",
        "[]x",
        "[a]",
        "{}",
        "#c",
        "x #c",
        "x#c",
        "x:",
        "x: y",
        "x:y",
        "é:é",
        "http://a:b/c#d",
        "x\r",
        "a:#",
    ];
    let keys = [
        "url",
        "display_name",
        "auth",
        "custom_templates",
        "type",
        "token",
        "note",
        "url ",
        "\"url\"",
    ];
    let mut variants: Vec<String> = vec![String::new(), "#c".into(), "    #c".into(), "   ".into()];
    for indent in ["   ", "    ", "     ", "      "] {
        for key in keys {
            variants.push(format!("{indent}{key}:"));
            variants.extend(values.iter().map(|v| format!("{indent}{key}: {v}")));
        }
        variants.extend(values.iter().map(|v| format!("{indent}- {v}")));
        variants.push(format!("{indent}-"));
    }
    let whole = entry.join("\n");
    let mut texts = 0;
    for i in 0..entry.len() {
        for (k, variant) in variants.iter().enumerate() {
            for place in 0..3 {
                let mut lines: Vec<&str> = entry.to_vec();
                match place {
                    0 => lines[i] = variant,
                    1 => lines.insert(i, variant),
                    _ => lines.insert(i + 1, variant),
                }
                let body = lines.join("\n");
                let mut cases = vec![
                    format!("feeds:\n  a:\n{body}\n  b:\n    url: u\n"),
                    format!("feeds:\n  a:\n{body}"),
                ];
                if k % 5 == 0 {
                    cases.push(format!(
                        "feeds:\n  z:\n{whole}\n  a:\n{body}\n  b:\n{whole}\nother: 1\n"
                    ));
                }
                if place == 0 {
                    cases.push(format!("feeds:\r\n  a:\r\n{}\r\n", lines.join("\r\n")));
                }
                for text in cases {
                    texts += 1;
                    if let Some(fast) = fast::parse(&text) {
                        let full = full::parse_full(&text)
                            .unwrap_or_else(|e| panic!("fast read what full rejects: {e:?}"));
                        // The feeds, not the positions: the full parser places some
                        // odd lines' positions differently (`- -x` items, `key :`).
                        let feeds = |p: &model::Parsed| -> Vec<(String, Feed)> {
                            p.entries
                                .iter()
                                .map(|e| (e.name.clone(), e.feed(&text).clone()))
                                .collect()
                        };
                        assert_eq!(feeds(&fast), feeds(&full), "{text:?}");
                    }
                }
            }
        }
    }
    assert!(texts > 50_000, "{texts}");
}

/// The fast reader does not read again an entry whose text after its `url` line repeats
/// the last entry's: it moves that entry's fields. Every entry of every sequence of
/// these bodies (repeats, prefixes of others, other indentation, extra fields, comments)
/// must read exactly as the same entry reads alone.
#[test]
fn an_entry_repeating_the_last_ones_text_reads_as_it_reads_alone() {
    const A: &str = "    display_name: null\n    auth:\n      type: none\n      username: null\n      password: null\n      token: null\n    category: null\n    custom_templates: []\n";
    let bodies = [
        A.to_string(),
        // A prefix of A: A after it matches its text, then must read on.
        "    display_name: null\n".to_string(),
        String::new(),
        format!("{A}    note: x\n"),
        format!("{A}    # a comment\n\n"),
        A.replace(
            "    custom_templates: []\n",
            "    custom_templates:\n    - summary\n",
        ),
        A.replace("    ", "   "),
        A.replace("category: null", "url: twice"),
        "    display_name: Show\n    category: x\n".to_string(),
        // The same `auth` block after another display name, a shorter one, one
        // indented otherwise, one with another key: the `auth` blocks are not read again
        // either.
        A.replace("display_name: null", "display_name: Other"),
        A.replace("display_name: null", "display_name: Third")
            .replace("      token: null\n", ""),
        A.replace("display_name: null", "display_name: Fourth")
            .replace("      ", "     "),
        A.replace("display_name: null", "display_name: Fifth")
            .replace("      token: null\n", "      token: null\n      extra: 1\n"),
    ];
    let entry = |k: usize, body: &str| {
        let col = if body.starts_with("   d") && !body.starts_with("    ") {
            "   "
        } else {
            "    "
        };
        format!("  f{k}:\n{col}url: https://e.example/{k}\n{body}")
    };
    let mut read = 0;
    for a in 0..bodies.len() {
        for b in 0..bodies.len() {
            for c in 0..bodies.len() {
                let parts = [
                    entry(0, &bodies[a]),
                    entry(1, &bodies[b]),
                    entry(2, &bodies[c]),
                ];
                let text = format!("feeds:\n{}", parts.concat());
                let alone: Vec<Option<model::Parsed>> = parts
                    .iter()
                    .map(|p| fast::parse(&format!("feeds:\n{p}")))
                    .collect();
                let Some(together) = fast::parse(&text) else {
                    assert!(alone.iter().any(Option::is_none), "{text}");
                    continue;
                };
                read += 1;
                let mut at = "feeds:\n".len();
                for (k, one) in alone.into_iter().enumerate() {
                    let one = one.unwrap_or_else(|| panic!("entry {k} alone: {text}"));
                    let mut theirs = one.entries[0].clone();
                    theirs.shift(at as isize - "feeds:\n".len() as isize);
                    let mine = &together.entries[k];
                    assert_eq!(mine.key, theirs.key, "{text}");
                    assert_eq!(mine.end, theirs.end, "entry {k}: {text}");
                    assert_eq!(mine.fields, theirs.fields, "entry {k}: {text}");
                    assert_eq!(mine.seq_offset, theirs.seq_offset, "entry {k}: {text}");
                    assert_eq!(mine.body, theirs.body, "entry {k}: {text}");
                    assert_eq!(mine.feed(&text), theirs.feed(&text), "entry {k}: {text}");
                    at += parts[k].len();
                }
            }
        }
    }
    assert!(read > 300, "{read}");
}

/// The full reader reads the YAML layer's tree; on a text broken further on, the feeds'
/// own errors before the break still come first, as the text reads.
#[test]
fn errors_are_reported_in_the_order_of_the_text() {
    let cases = [
        (
            "feeds:\n  a:\n    url: u\n    display_name: [x]\n  b: [",
            "feed 'a': 'display_name' must be a string or null, found a list",
            (4, 19),
        ),
        (
            "feeds:\n  a:\n    url: u\n  a: [",
            "duplicate feed name 'a'",
            (4, 3),
        ),
        (
            "feeds:\n  a:\n    url: u\n    url: [",
            "feed 'a': duplicate field 'url'",
            (4, 5),
        ),
        (
            "feeds:\n  a:\n    url: u\n    x: [\n",
            "YAML syntax error",
            (4, 8),
        ),
        (
            "feeds:\n  a:\n    url: u\n    x: &s [*s]\n",
            "alias to an unknown anchor",
            (4, 12),
        ),
        (
            "feeds: {}\nfeeds: {}\n---\nfeeds: {}\n",
            "duplicate top-level key 'feeds'",
            (2, 1),
        ),
    ];
    for (text, message, (line, column)) in cases {
        let err = full::parse_full(text).unwrap_err();
        assert!(err.message.contains(message), "{text:?}: {err:?}");
        assert_eq!(err.location, Some(Location { line, column }), "{text:?}");
    }
}

#[test]
fn aliases_are_followed_to_their_anchors_in_the_tree() {
    let text = "d: &d {a: {url: u, custom_templates: &t [x, y]}}\nn: &n ~\nfeeds: *d\nmore:\n  b:\n    url: v\n    custom_templates: *t\n    category: *n\n";
    let parsed = full::parse_full(text).unwrap();
    assert_eq!(parsed.entries.len(), 1);
    assert_eq!(parsed.entries[0].feed(text).custom_templates, ["x", "y"]);
    let text = "t: &t [x, y]\nn: &n ~\nfeeds:\n  b:\n    url: v\n    custom_templates: *t\n    category: *n\n  c: *b\n";
    assert!(full::parse_full(text).is_err(), "an alias to no anchor");
    let text = "t: &t [x, y]\nn: &n ~\nfeeds:\n  b: &b\n    url: v\n    custom_templates: *t\n    category: *n\n  c: *b\n";
    let parsed = full::parse_full(text).unwrap();
    let c = &parsed.entries[1];
    assert_eq!(c.body, EntryBody::Alias);
    assert_eq!(c.feed(text).custom_templates, ["x", "y"]);
    assert_eq!(c.feed(text).category, None);
}
