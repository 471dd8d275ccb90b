//! Import parsing and export formats, each written as input → entries or problems.

use super::*;

fn read(text: &str, format: Format) -> Checked {
    check(parse(text, format).expect("parses"))
}

fn problems(text: &str, format: Format) -> Vec<Problem> {
    match parse(text, format) {
        Ok(records) => check(records).problems,
        Err(p) => p,
    }
}

const OPML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Podcasts</title></head>
  <body>
    <outline type="rss" text="Syntax FM" xmlUrl="https://feed.syntax.fm/rss"/>
    <outline text="Tech">
      <outline type="rss" text="Darknet Diaries" title="DD" xmlUrl="https://feeds.megaphone.fm/darknetdiaries"/>
      <outline text="Deeper">
        <outline type="rss" title="only-title" xmlurl="https://example.com/deep.rss"></outline>
      </outline>
      <outline type="rss" text="back in tech" xmlUrl="https://example.com/b?a=1&amp;b=2"/>
    </outline>
    <outline type="link" text="not a feed" url="https://example.com/"/>
  </body>
</opml>
"#;

#[test]
fn formats_are_detected_from_the_content() {
    assert_eq!(Format::detect("\u{feff}  <?xml ..."), Format::Opml);
    assert_eq!(Format::detect("\n{\"feeds\": []}"), Format::Json);
    assert_eq!(Format::detect("[]"), Format::Json);
    assert_eq!(Format::detect("# my feeds\nhttps://x"), Format::Text);
    assert_eq!(Format::detect(""), Format::Text);
}

#[test]
fn opml_outlines_become_feeds_and_folders_become_categories() {
    let c = read(OPML, Format::Opml);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    type Row<'a> = (
        &'a str,
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        Option<usize>,
    );
    let got: Vec<Row> = c
        .items
        .iter()
        .map(|i| {
            (
                i.name.as_str(),
                i.feed.url.as_str(),
                i.feed.category.as_deref(),
                i.feed.display_name.as_deref(),
                i.line,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "syntax-fm",
                "https://feed.syntax.fm/rss",
                None,
                Some("Syntax FM"),
                Some(5)
            ),
            (
                "darknet-diaries",
                "https://feeds.megaphone.fm/darknetdiaries",
                Some("Tech"),
                Some("Darknet Diaries"),
                Some(7)
            ),
            (
                "only-title",
                "https://example.com/deep.rss",
                Some("Deeper"),
                None,
                Some(9)
            ),
            (
                "back-in-tech",
                "https://example.com/b?a=1&b=2",
                Some("Tech"),
                Some("back in tech"),
                Some(11)
            ),
        ]
    );
}

#[test]
fn a_doctype_is_refused_so_entities_cannot_expand() {
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<opml><body><outline text="&lol2;" xmlUrl="https://example.com/"/></body></opml>"#;
    let p = problems(bomb, Format::Opml);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].line, Some(2));
    assert!(p[0].message.contains("DOCTYPE"), "{}", p[0].message);
}

#[test]
fn undefined_entities_and_broken_xml_are_errors_with_a_line() {
    let p = problems(
        "<opml><body>\n<outline text=\"&foo;\" xmlUrl=\"https://example.com/\"/>\n</body></opml>",
        Format::Opml,
    );
    assert_eq!(p[0].line, Some(2), "{p:?}");
    let p = problems(
        "<opml>\n<body>\n<outline text='a' xmlUrl='https://e.com/'>\n</body></opml>",
        Format::Opml,
    );
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].message.contains("well-formed"), "{p:?}");
    let p = problems("<opml><body>\n<outline", Format::Opml);
    assert_eq!(p.len(), 1, "{p:?}");
}

#[test]
fn truncated_or_foreign_xml_is_not_taken_as_opml() {
    let p = problems(
        "<opml><body>\n<outline text='a' xmlUrl='https://e.com/'/>\n",
        Format::Opml,
    );
    assert!(p[0].message.contains("truncated"), "{p:?}");
    let p = problems("<rss><channel/></rss>", Format::Opml);
    assert!(p[0].message.contains("root element is <rss>"), "{p:?}");
    let p = problems("   ", Format::Opml);
    assert!(p[0].message.contains("no <opml>"), "{p:?}");
}

#[test]
fn deep_nesting_is_bounded() {
    let deep = format!(
        "<opml><body>{}</body></opml>",
        "<outline text='x'>".repeat(10_000)
    );
    let p = problems(&deep, Format::Opml);
    assert!(p[0].message.contains("nested"), "{p:?}");
}

#[test]
fn plain_text_takes_a_url_and_an_optional_name() {
    let c = read(
        "# podcasts\n\nhttps://example.com/a.rss   The A Show  \n  https://www.example.com/shows/b.xml\r\n",
        Format::Text,
    );
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    assert_eq!(c.items.len(), 2);
    assert_eq!(c.items[0].name, "the-a-show");
    assert_eq!(c.items[0].feed.display_name.as_deref(), Some("The A Show"));
    assert_eq!(c.items[0].line, Some(3));
    assert_eq!(c.items[1].name, "example-com-shows-b");
    assert_eq!(c.items[1].feed.display_name, None);
    assert_eq!(c.items[1].line, Some(4));
}

#[test]
fn every_bad_entry_is_reported_with_its_line() {
    let p = problems(
        "https://ok.example.com/\nnot-a-url\nftp://example.com/x name\nhttps://example.com/ !!!\n",
        Format::Text,
    );
    let lines: Vec<Option<usize>> = p.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![Some(2), Some(3), Some(4)], "{p:?}");
    assert!(p[1].message.contains("scheme 'ftp'"));
    assert!(p[2].message.contains("invalid feed name"));
}

#[test]
fn duplicate_names_in_one_file_are_an_error_unless_identical() {
    let c = read(
        "https://example.com/a.rss show\nhttps://example.com/b.rss Show\nhttps://example.com/a.rss show\n",
        Format::Text,
    );
    assert_eq!(c.items.len(), 1);
    assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
    assert_eq!(c.problems[0].line, Some(2));
    assert!(c.problems[0].message.contains("line 1"));
    assert_eq!(c.notes.len(), 1, "{:?}", c.notes);
}

#[test]
fn json_of_list_is_read_back_with_lines() {
    let json = r#"{
  "feeds": [
    {
      "name": "a",
      "display_name": "a",
      "url": "https://example.com/a",
      "auth": "none",
      "category": "",
      "extra_templates": []
    },
    {
      "name": "b",
      "display_name": "The B {show}",
      "url": "https://example.com/b",
      "auth": "basic",
      "category": "tech",
      "extra_templates": ["summary", "quotes"]
    }
  ],
  "total": 2
}"#;
    let c = read(json, Format::Json);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let a = &c.items[0];
    assert_eq!((a.name.as_str(), a.line), ("a", Some(3)));
    assert_eq!(a.feed.display_name, None);
    assert_eq!(a.feed.category, None);
    let b = &c.items[1];
    assert_eq!(b.line, Some(11));
    assert_eq!(b.feed.display_name.as_deref(), Some("The B {show}"));
    assert_eq!(b.feed.category.as_deref(), Some("tech"));
    assert_eq!(b.feed.custom_templates, vec!["summary", "quotes"]);
    assert_eq!(
        b.feed.auth,
        Auth::default(),
        "credentials are never imported"
    );
    assert!(c.notes.iter().any(|n| n.contains("credentials")));
}

#[test]
fn bad_json_entries_are_each_reported() {
    let p = problems(
        "[\n {\"url\": \"https://e.com/\"},\n {\"name\": \"x\"},\n 7,\n {\"url\": 3}\n]",
        Format::Json,
    );
    let got: Vec<(Option<usize>, Option<usize>)> = p.iter().map(|p| (p.line, p.entry)).collect();
    // The number has no object to point at, so positions fall back to entry numbers.
    assert_eq!(got, vec![(None, Some(2)), (None, Some(3)), (None, Some(4))]);
    let p = problems("{\"feeds\": [\n{\"url\": \"x\"},\n", Format::Json);
    assert!(p[0].message.contains("not valid JSON"), "{p:?}");
    let p = problems("{\"other\": 1}", Format::Json);
    assert!(p[0].message.contains("\"feeds\" array"), "{p:?}");
}

#[test]
fn names_from_urls_are_short_and_clean() {
    assert_eq!(
        name_from_url("https://www.example.com/shows/tech.rss"),
        "example-com-shows-tech"
    );
    assert_eq!(
        name_from_url("https://feeds.example.org/"),
        "feeds-example-org"
    );
    let long = format!("https://example.com/{}", "abcdefghi/".repeat(40));
    let name = name_from_url(&long);
    assert!(name.len() <= MAX_NAME_LEN && !name.ends_with('-'), "{name}");
}

fn doc(text: &str) -> FeedsDocument {
    FeedsDocument::parse(text.to_string()).unwrap()
}

#[test]
fn the_plan_adds_new_names_and_applies_the_policy_to_existing_ones() {
    let current = doc(
        "feeds:\n  a:\n    url: https://example.com/a\n    category: old\n    display_name: Keep\n",
    );
    let items = read(
        "https://example.com/a2 a\nhttps://example.com/n n\n",
        Format::Text,
    )
    .items;

    let err = plan(&current, &items, Existing::Error).unwrap_err();
    assert_eq!(err.len(), 1);
    assert!(err[0].exists && err[0].line == Some(1), "{err:?}");

    let (changes, outcomes) = plan(&current, &items, Existing::Skip).unwrap();
    assert_eq!(changes.len(), 1);
    assert!(matches!(&outcomes[0], Outcome::Skipped { name } if name == "a"));

    let (changes, outcomes) = plan(&current, &items, Existing::Update).unwrap();
    assert_eq!(changes.len(), 2);
    let Outcome::Updated { after, .. } = &outcomes[0] else {
        panic!("{outcomes:?}")
    };
    assert_eq!(after.url, "https://example.com/a2");
    // Fields the file does not give are kept, never cleared.
    assert_eq!(after.category.as_deref(), Some("old"));
    assert_eq!(after.display_name.as_deref(), Some("Keep"));

    let same = read("https://example.com/a a\n", Format::Text).items;
    let (changes, outcomes) = plan(&current, &same, Existing::Update).unwrap();
    assert!(changes.is_empty());
    assert!(matches!(&outcomes[0], Outcome::Unchanged { .. }));
}

#[test]
fn exports_read_back_as_the_same_feeds() {
    let current = doc(r#"feeds:
  plain:
    url: https://example.com/plain
  fancy:
    url: "https://example.com/f?a=1&b=%3C2%3E"
    display_name: "Quotes \" & 'apostrophes' <tags>\ttab"
    category: "Tech & Science"
    custom_templates: [summary, quotes]
    auth:
      type: basic
      username: gAAAAsecret
      password: gAAAAsecret
  other:
    url: https://example.com/o
    category: Tech & Science
"#);
    let expected: Vec<(String, Feed)> = current
        .feeds()
        .map(|(n, f)| {
            let mut f = f.clone();
            f.auth = Auth::default();
            (n.to_string(), f)
        })
        .collect();
    for (format, text) in [
        (Format::Opml, export_opml(&current)),
        (Format::Json, export_json(&current)),
    ] {
        assert!(!text.contains("gAAAA"), "credentials leaked:\n{text}");
        let c = read(&text, format);
        assert!(c.problems.is_empty(), "{format:?}: {:?}", c.problems);
        let mut got: Vec<(String, Feed)> = c.items.into_iter().map(|i| (i.name, i.feed)).collect();
        got.sort_by(|a, b| a.0.cmp(&b.0));
        let mut want = expected.clone();
        want.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(got, want, "{format:?} round trip\n{text}");
    }
    let yaml = export_yaml(&current);
    assert!(!yaml.contains("gAAAA"), "{yaml}");
    let back = doc(&yaml);
    let kinds: Vec<&str> = back.feeds().map(|(_, f)| f.auth.kind.as_str()).collect();
    assert_eq!(kinds, vec!["none", "basic", "none"]);
}

#[test]
fn opml_titles_that_make_no_name_fall_back_to_the_url_and_long_ones_are_cut() {
    let long = "Word ".repeat(60);
    let opml = format!(
        r#"<opml><body>
<outline text="日本語のポッドキャスト" xmlUrl="https://example.jp/podcast.rss"/>
<outline text="{long}" xmlUrl="https://example.com/long"/>
</body></opml>"#
    );
    let c = read(&opml, Format::Opml);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    assert_eq!(c.items[0].name, "example-jp-podcast");
    assert_eq!(
        c.items[0].feed.display_name.as_deref(),
        Some("日本語のポッドキャスト")
    );
    let name = &c.items[1].name;
    assert!(
        name.len() <= MAX_NAME_LEN && name.ends_with("word"),
        "{name}"
    );
    assert_eq!(c.items[1].feed.display_name.as_deref(), Some(long.trim()));
    // A name someone chose is never replaced: it is an error.
    let p = problems("https://example.jp/a 日本語\n", Format::Text);
    assert!(p[0].message.contains("invalid feed name"), "{p:?}");
}
