use super::*;

fn feeds(base: &str, current: &str, other: &str) -> Result<Merged, Refused> {
    merge(
        Kind::Feeds,
        base.as_bytes(),
        current.as_bytes(),
        other.as_bytes(),
        &Markers::default(),
    )
}

fn clean(base: &str, current: &str, other: &str) -> String {
    let m = feeds(base, current, other).expect("mergeable");
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    m.text
}

fn config(base: &str, current: &str, other: &str) -> Result<Merged, Refused> {
    merge(
        Kind::Config,
        base.as_bytes(),
        current.as_bytes(),
        other.as_bytes(),
        &Markers::default(),
    )
}

const BASE: &str = "\
# my feeds
feeds:
  a:
    url: https://a.example/feed
    display_name: null
    category: null
  b:
    url: https://b.example/feed # keep me
";

#[test]
fn feeds_added_on_both_sides_are_both_kept_with_current_text_first() {
    let cur = format!("{BASE}  c:\n    url: https://c.example/feed\n");
    let oth = format!(
        "{BASE}  # added elsewhere\n  d:\n    url: 'https://d.example/feed'  # quoted\n    extra: kept\n"
    );
    let out = clean(BASE, &cur, &oth);
    assert_eq!(
        out,
        format!("{cur}  d:\n    url: 'https://d.example/feed'  # quoted\n    extra: kept\n")
    );
}

#[test]
fn others_entries_take_currents_indentation_and_line_breaks() {
    let crlf = |s: &str| s.replace('\n', "\r\n");
    let base = "feeds:\n    a:\n        url: https://a.example/\n";
    let cur = crlf(base);
    let oth = "feeds:\n  a:\n    url: https://a.example/\n  n:\n    url: https://n.example/\n    category: x\n";
    let out = clean(base, &cur, oth);
    assert_eq!(
        out,
        crlf(
            "feeds:\n    a:\n        url: https://a.example/\n    n:\n      url: https://n.example/\n      category: x\n"
        )
    );
}

#[test]
fn crlf_is_kept_byte_for_byte_around_a_change() {
    let crlf = |s: &str| s.replace('\n', "\r\n");
    let oth = BASE.replace("https://b.example/feed", "https://b2.example/feed");
    let out = clean(&crlf(BASE), &crlf(BASE), &crlf(&oth));
    assert_eq!(out, crlf(&oth));
}

#[test]
fn a_field_changed_on_each_side_merges() {
    let cur = BASE.replace("display_name: null", "display_name: Aye");
    let oth = BASE.replace("https://a.example/feed", "https://a2.example/feed");
    let out = clean(BASE, &cur, &oth);
    assert_eq!(
        out,
        BASE.replace("display_name: null", "display_name: Aye")
            .replace("https://a.example/feed", "https://a2.example/feed")
    );
}

#[test]
fn the_same_change_on_both_sides_is_taken_once() {
    let both = BASE.replace("https://a.example/feed", "https://a2.example/feed");
    assert_eq!(clean(BASE, &both, &both), both);
}

#[test]
fn removed_on_one_side_and_unchanged_on_the_other_is_removed() {
    let oth = BASE.replace("  b:\n    url: https://b.example/feed # keep me\n", "");
    let cur = BASE.replace("category: null", "category: news");
    let out = clean(BASE, &cur, &oth);
    assert_eq!(out, oth.replace("category: null", "category: news"));
}

#[test]
fn a_feed_moved_by_one_side_stays_where_current_has_it() {
    let moved = "# my feeds\nfeeds:\n  b:\n    url: https://b.example/feed # keep me\n  a:\n    url: https://a.example/feed\n    display_name: null\n    category: null\n";
    // OTHER moved it, CURRENT changed it: the change lands, CURRENT's order stays.
    let cur = BASE.replace("category: null", "category: news");
    assert_eq!(clean(BASE, &cur, moved), cur);
    // CURRENT moved it, OTHER changed it: the change lands in the moved entry.
    let oth = BASE.replace("https://a.example/feed", "https://a2.example/feed");
    assert_eq!(
        clean(BASE, moved, &oth),
        moved.replace("https://a.example/feed", "https://a2.example/feed")
    );
}

#[test]
fn the_checksum_trailer_is_recomputed() {
    let with =
        |s: &str| crate::yaml::checksum::refresh(format!("{s}# checksum: {}\n", "0".repeat(64)));
    let cur = with(&format!("{BASE}  c:\n    url: https://c.example/\n"));
    let oth = with(&format!("{BASE}  d:\n    url: https://d.example/\n"));
    let out = clean(&with(BASE), &cur, &oth);
    let expected = with(&format!(
        "{BASE}  c:\n    url: https://c.example/\n  d:\n    url: https://d.example/\n"
    ));
    assert_eq!(out, expected);
    assert_ne!(
        out[out.len() - 65..],
        cur[cur.len() - 65..],
        "trailer changed"
    );
}

#[test]
fn an_empty_base_means_both_sides_created_the_file() {
    let cur = "feeds:\n  a:\n    url: https://a.example/\n";
    let oth = "feeds:\n  b:\n    url: https://b.example/\n";
    assert_eq!(
        clean("", cur, oth),
        "feeds:\n  a:\n    url: https://a.example/\n  b:\n    url: https://b.example/\n"
    );
    // The same name with the same feed is one feed; with different ones, a conflict.
    assert_eq!(clean("", cur, cur), cur);
    let m = feeds("", cur, "feeds:\n  a:\n    url: https://other.example/\n").unwrap();
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].what, "feed 'a'");
}

#[test]
fn conflicting_urls_put_markers_around_that_feed_only() {
    let cur = BASE.replace("https://a.example/feed", "https://mine.example/feed");
    let oth = BASE
        .replace("https://a.example/feed", "https://theirs.example/feed")
        .replace("https://b.example/feed", "https://b2.example/feed");
    let m = merge(
        Kind::Feeds,
        BASE.as_bytes(),
        cur.as_bytes(),
        oth.as_bytes(),
        &Markers {
            size: 7,
            current: "HEAD".into(),
            other: "theirs".into(),
        },
    )
    .unwrap();
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(
        m.conflicts[0].to_string(),
        "feed 'a', url: changed differently on both sides"
    );
    assert_eq!(
        m.text,
        "# my feeds\nfeeds:\n<<<<<<< HEAD\n  a:\n    url: https://mine.example/feed\n    display_name: null\n    category: null\n=======\n  a:\n    url: https://theirs.example/feed\n    display_name: null\n    category: null\n>>>>>>> theirs\n  b:\n    url: https://b2.example/feed # keep me\n"
    );
}

#[test]
fn changed_on_one_side_and_removed_on_the_other_conflicts() {
    let cur = BASE.replace("https://b.example/feed", "https://b2.example/feed");
    let oth = BASE.replace("  b:\n    url: https://b.example/feed # keep me\n", "");
    let m = feeds(BASE, &cur, &oth).unwrap();
    assert_eq!(m.conflicts[0].why, "changed in CURRENT, removed in OTHER");
    assert!(m.text.ends_with("<<<<<<< CURRENT\n  b:\n    url: https://b2.example/feed # keep me\n=======\n>>>>>>> OTHER\n"), "{}", m.text);
    // And the other way round: OTHER's version goes where new feeds go.
    let m = feeds(BASE, &oth, &cur).unwrap();
    assert_eq!(m.conflicts[0].why, "removed in CURRENT, changed in OTHER");
    assert!(
        m.text.contains("<<<<<<< CURRENT\n=======\n  b:\n"),
        "{}",
        m.text
    );
}

#[test]
fn marker_size_follows_git() {
    let cur = BASE.replace("https://a.example/feed", "https://mine.example/feed");
    let oth = BASE.replace("https://a.example/feed", "https://theirs.example/feed");
    let m = merge(
        Kind::Feeds,
        BASE.as_bytes(),
        cur.as_bytes(),
        oth.as_bytes(),
        &Markers {
            size: 10,
            ..Markers::default()
        },
    )
    .unwrap();
    assert!(m.text.contains("\n<<<<<<<<<< CURRENT\n"));
    assert!(m.text.contains("\n==========\n"));
    assert!(m.text.contains("\n>>>>>>>>>> OTHER\n"));
}

#[test]
fn aliases_that_would_need_an_edit_are_refused() {
    let base = "feeds:\n  a: &x\n    url: https://a.example/\n  b: *x\n";
    let oth = "feeds:\n  a: &x\n    url: https://a.example/\n  b:\n    url: https://b.example/\n";
    let cur = "feeds:\n  a: &x\n    url: https://a.example/\n  b: *x\n  c:\n    url: https://c.example/\n";
    let err = feeds(base, cur, oth).unwrap_err();
    assert!(err.0.contains("alias"), "{err}");
}

#[test]
fn unreadable_inputs_are_refused_with_the_reason() {
    let err = feeds(BASE, "feeds: [\n", BASE).unwrap_err();
    assert!(err.0.starts_with("CURRENT:"), "{err}");
    let err = feeds(BASE, BASE, "\u{0}").unwrap_err();
    assert!(err.0.starts_with("OTHER"), "{err}");
    let err = merge(
        Kind::Feeds,
        BASE.as_bytes(),
        &[0xff, 0xfe],
        BASE.as_bytes(),
        &Markers::default(),
    )
    .unwrap_err();
    assert!(err.0.contains("UTF-8"), "{err}");
}

#[test]
fn config_keys_changed_on_each_side_merge() {
    let base =
        "# settings\nlog_level: INFO\ninterview:\n  model: small # the default\n  questions: 5\n";
    let cur = base.replace("INFO", "DEBUG");
    let oth = base.replace("questions: 5", "questions: 8");
    let m = config(base, &cur, &oth).unwrap();
    assert!(m.conflicts.is_empty());
    assert_eq!(
        m.text,
        base.replace("INFO", "DEBUG")
            .replace("questions: 5", "questions: 8")
    );
}

#[test]
fn config_keys_added_and_removed() {
    let base = "log_level: INFO\ninterview:\n  model: small\n  questions: 5\n";
    let cur = format!("{base}default_category: tech\n");
    let oth = "log_level: INFO\ninterview:\n  model: small\ncache:\n  ttl: 3\n";
    let m = config(base, &cur, oth).unwrap();
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let got = yaml::parse(&m.text).unwrap().unwrap().value(&m.text);
    let want_text =
        "log_level: INFO\ninterview:\n  model: small\ndefault_category: tech\ncache:\n  ttl: 3\n";
    assert_eq!(
        got,
        yaml::parse(want_text).unwrap().unwrap().value(want_text)
    );
    assert!(
        m.text
            .starts_with("log_level: INFO\ninterview:\n  model: small\ndefault_category: tech\n"),
        "{}",
        m.text
    );
}

#[test]
fn config_conflicts_mark_the_key_only() {
    let base = "log_level: INFO\ninterview:\n  model: small\n  questions: 5\n";
    let cur = base.replace("small", "large");
    let oth = base.replace("small", "medium").replace("INFO", "WARNING");
    let m = config(base, &cur, &oth).unwrap();
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].what, "key 'interview.model'");
    assert_eq!(
        m.text,
        "log_level: WARNING\ninterview:\n<<<<<<< CURRENT\n  model: large\n=======\n  model: medium\n>>>>>>> OTHER\n  questions: 5\n"
    );
}

#[test]
fn config_that_is_not_a_mapping_is_refused() {
    let err = config("", "- a\n- b\n", "").unwrap_err();
    assert!(err.0.contains("CURRENT"), "{err}");
}

#[test]
fn kind_follows_the_file_name() {
    assert_eq!(Kind::of_path("config.yaml"), Kind::Config);
    assert_eq!(Kind::of_path("dots/inkwell/config.yml"), Kind::Config);
    assert_eq!(Kind::of_path("inkwell/feeds.yaml"), Kind::Feeds);
}

#[test]
fn keys_inkwell_does_not_know_are_carried_from_other() {
    let oth = BASE.replace(
        "    category: null\n",
        "    category: null\n    rating: 5\n",
    );
    assert_eq!(clean(BASE, BASE, &oth), oth);
    // CURRENT changed the same feed too: refused rather than lost.
    let cur = BASE.replace("https://a.example/feed", "https://a2.example/feed");
    let err = feeds(BASE, &cur, &oth).unwrap_err();
    assert!(err.0.contains("feed 'a'"), "{err}");
}

#[test]
fn a_non_feeds_file_is_refused() {
    let err = feeds("", "log_level: INFO\n", "log_level: DEBUG\n").unwrap_err();
    assert!(err.0.contains("not a feeds file"), "{err}");
    let err = config("", "feeds: {}\n", "feeds: {}\n").unwrap_err();
    assert!(err.0.contains("feeds file"), "{err}");
    let top = format!("version: 1\n{BASE}");
    let err = feeds(&top, &top, &top.replace("version: 1", "version: 2")).unwrap_err();
    assert!(err.0.contains("top-level"), "{err}");
}
