//! `inkwell import` and `inkwell export`: bulk changes in one transaction, all or nothing,
//! and exports that import back as the same feeds.

mod common;

use std::fs;
use std::process::Command;

use common::Env;
use serde_json::{Value, json};

const APP_OPML: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
  <head><title>Pocket Casts Feeds</title></head>
  <body>
    <outline text="feeds">
      <outline type="rss" text="Syntax - Tasty Web Development Treats" xmlUrl="https://feed.syntax.fm/rss" />
    </outline>
    <outline text="Security">
      <outline type="rss" text="Darknet Diaries" xmlUrl="https://feeds.megaphone.fm/darknetdiaries" />
    </outline>
    <outline type="rss" text="plain" xmlUrl="https://example.com/plain.xml" />
  </body>
</opml>
"#;

fn feed<'a>(list: &'a Value, name: &str) -> &'a Value {
    list["feeds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no feed {name} in {list:#}"))
}

#[test]
fn an_opml_export_from_a_podcast_app_imports_with_categories_and_display_names() {
    let env = Env::new();
    let file = env.file("podcasts.opml", APP_OPML);
    env.run(&["import", &file])
        .success()
        .stdout_has("Imported 3 feeds");
    let list = env.list_json();
    assert_eq!(list["total"], 3);
    let syntax = feed(&list, "syntax-tasty-web-development-treats");
    assert_eq!(syntax["url"], "https://feed.syntax.fm/rss");
    assert_eq!(
        syntax["display_name"],
        "Syntax - Tasty Web Development Treats"
    );
    assert_eq!(syntax["category"], "feeds");
    assert_eq!(feed(&list, "darknet-diaries")["category"], "Security");
    let plain = feed(&list, "plain");
    assert_eq!(plain["category"], "");
    assert_eq!(plain["display_name"], "plain", "no display name was stored");
}

#[test]
fn plain_text_is_read_from_standard_input() {
    let env = Env::new();
    let input =
        "# my feeds\nhttps://example.com/a.rss  First Show\n\nhttps://www.example.com/b/feed.xml\n";
    env.run_stdin(&["import", "-"], input.as_bytes())
        .success()
        .stdout_has("Imported 2 feeds from <stdin>");
    assert_eq!(env.names(), vec!["first-show", "example-com-b-feed"]);
}

#[test]
fn one_bad_entry_means_nothing_is_written_and_every_bad_entry_is_named() {
    let env = Env::new();
    let file = env.file(
        "feeds.txt",
        "https://example.com/ok1 ok1\nnot a url\nhttps://example.com/ok2 ok2\nftp://example.com/x x\nhttps://example.com/ok3 !!!\n",
    );
    let run = env.run(&["import", &file]);
    run.fails_with(3)
        .no_panic()
        .stderr_has("3 problems; nothing was changed")
        .stderr_has(&format!("{file}:2: invalid URL 'not'"))
        .stderr_has(&format!("{file}:4: invalid URL"))
        .stderr_has(&format!("{file}:5: invalid feed name"));
    assert!(
        !env.dir().exists(),
        "a refused import must not even create the config directory"
    );
}

#[test]
fn a_bad_import_leaves_an_existing_file_byte_for_byte() {
    let env = Env::new();
    let original = "# mine\nfeeds:\n  keep:\n    url: https://example.com/keep\n";
    env.write_feeds(original);
    let file = env.file("bad.opml", "<opml><body><outline xmlUrl='https://example.com/new' text='new'/><outline xmlUrl='javascript:alert(1)' text='evil'/></body></opml>");
    env.run(&["import", &file])
        .fails_with(3)
        .stderr_has("scheme 'javascript'");
    assert_eq!(env.feeds(), original);
}

#[test]
fn existing_names_fail_the_import_unless_told_to_skip_or_update() {
    let env = Env::new();
    env.run(&["add", "https://example.com/old", "-n", "show", "-c", "kept"])
        .success();
    let file = env.file(
        "feeds.txt",
        "https://example.com/new show\nhttps://example.com/other other\n",
    );

    env.run(&["import", &file])
        .fails_with(5)
        .stderr_has(&format!(
            "{file}:1: a feed named 'show' already exists (url: https://example.com/old)"
        ))
        .stderr_has("--skip-existing");
    assert_eq!(env.names(), vec!["show"]);

    env.run(&["import", &file, "--skip-existing"])
        .success()
        .stdout_has("Imported 1 feed from")
        .stdout_has("1 skipped as existing");
    assert_eq!(
        feed(&env.list_json(), "show")["url"],
        "https://example.com/old"
    );

    env.run(&["import", &file, "--update-existing"])
        .success()
        .stdout_has("Imported 0 feeds")
        .stdout_has("1 updated, 1 unchanged");
    let list = env.list_json();
    assert_eq!(feed(&list, "show")["url"], "https://example.com/new");
    assert_eq!(
        feed(&list, "show")["category"],
        "kept",
        "fields the file does not give are not cleared"
    );

    // A pipeline re-run changes nothing and writes nothing.
    let before = env.feeds();
    env.run(&["import", &file, "--update-existing"])
        .success()
        .stdout_has("2 unchanged");
    assert_eq!(env.feeds(), before);

    env.run(&["import", &file, "--skip-existing", "--update-existing"])
        .fails_with(2);
}

#[test]
fn duplicate_names_inside_one_file_are_an_error_identical_repeats_are_not() {
    let env = Env::new();
    let file = env.file(
        "dups.txt",
        "https://example.com/a My Show\nhttps://example.com/a my show\nhttps://example.com/b MY SHOW\n",
    );
    env.run(&["import", &file])
        .fails_with(3)
        .stderr_has(&format!(
            "{file}:3: the name 'my-show' is already used by line 1"
        ));
    assert!(!env.feeds_path().exists());

    let file = env.file(
        "repeats.txt",
        "https://example.com/a show\nhttps://example.com/a show\n",
    );
    env.run(&["import", &file])
        .success()
        .stderr_has("listed twice");
    assert_eq!(env.names(), vec!["show"]);
}

#[test]
fn hostile_xml_is_refused_without_expanding_anything() {
    let env = Env::new();
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<opml><body><outline text="&lol3;" xmlUrl="https://example.com/"/></body></opml>
"#;
    let file = env.file("bomb.opml", bomb);
    env.run(&["import", &file])
        .fails_with(3)
        .no_panic()
        .stderr_has(&format!(
            "{file}:2: a <!DOCTYPE> declaration is not accepted"
        ));

    let external = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><opml><body><outline text="&e;" xmlUrl="https://example.com/"/></body></opml>"#;
    let file = env.file("xxe.opml", external);
    env.run(&["import", &file])
        .fails_with(3)
        .stderr_has("DOCTYPE");
    assert!(!env.feeds_path().exists());
}

#[test]
fn an_oversized_file_is_refused_before_it_is_parsed() {
    let env = Env::new();
    let path = env.root().join("huge.txt");
    // Sparse: 65 MiB of zeros that take no disk space.
    fs::File::create(&path)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    env.run(&["import", path.to_str().unwrap()])
        .fails_with(3)
        .stderr_has("larger than 64 MiB");
}

#[test]
fn files_that_are_not_text_or_not_the_declared_format_are_errors() {
    let env = Env::new();
    let file = env.file(
        "binary.txt",
        b"https://example.com/a a\n\xff\xfe\n".as_slice(),
    );
    env.run(&["import", &file])
        .fails_with(3)
        .stderr_has(&format!("{file}:2: the file is not UTF-8 text"));
    let file = env.file("list.txt", "https://example.com/a a\n");
    env.run(&["import", &file, "--format", "json"])
        .fails_with(3)
        .stderr_has("not valid JSON");
    env.run(&["import", &file, "--format", "opml"])
        .fails_with(3)
        .stderr_has("no <opml> element");
    env.run(&["import", &file, "--format", "csv"]).fails_with(2);
    env.run(&["import", "/nonexistent/feeds.opml"])
        .fails_with(8)
        .stderr_has("cannot open /nonexistent/feeds.opml");
}

#[test]
fn import_dry_run_lists_the_changes_and_writes_nothing() {
    let env = Env::new();
    let file = env.file("podcasts.opml", APP_OPML);
    env.run(&["import", &file, "--dry-run"])
        .success()
        .stdout_has("  add darknet-diaries (https://feeds.megaphone.fm/darknetdiaries)")
        .stdout_has("Would import 3 feeds");
    assert!(!env.dir().exists(), "{}", env.listing());
}

const RICH: &str = r#"# hand-written
feeds:
  syntax:
    url: https://feed.syntax.fm/rss
    display_name: Syntax & Friends <live>
    category: Web Dev
    custom_templates: [summary, quotes]
  darknet-diaries:
    url: https://feeds.megaphone.fm/darknetdiaries
    category: security
    auth:
      type: basic
      username: gAAAAABsecretuser
      password: gAAAAABsecretpass
  tabs:
    url: https://example.com/t?x=1&y=2
    display_name: "with\ttab and \"quotes\""
    category: Web Dev
  bare:
    url: https://example.com/bare
"#;

/// `list --json` without the auth type, which an import never carries.
fn without_auth(mut list: Value) -> Value {
    for f in list["feeds"].as_array_mut().unwrap() {
        f["auth"] = json!(null);
    }
    list
}

#[test]
fn opml_and_json_exports_import_back_as_the_same_feeds() {
    let source = Env::new();
    source.write_feeds(RICH);
    let expected = without_auth(source.list_json());
    for format in ["opml", "json"] {
        let run = source.run(&["export", "--format", format]);
        run.success();
        assert!(
            !run.stdout().contains("gAAAA"),
            "{format} export leaked credentials:\n{}",
            run.stdout()
        );
        let target = Env::new();
        target
            .run_stdin(&["import", "-"], &run.output.stdout)
            .success();
        let mut got = without_auth(target.list_json());
        let mut want = expected.clone();
        for list in [&mut got, &mut want] {
            list["feeds"]
                .as_array_mut()
                .unwrap()
                .sort_by_key(|f| f["name"].as_str().unwrap().to_string());
        }
        assert_eq!(got, want, "{format} round trip");
    }
}

#[test]
fn the_opml_export_is_what_podcast_apps_read() {
    let env = Env::new();
    env.write_feeds(RICH);
    let run = env.run(&["export"]);
    run.success()
        .stdout_has("<opml version=\"2.0\" xmlns:inkwell=\"urn:x-inkwell:opml:1\">")
        .stdout_has("<outline text=\"Web Dev\" title=\"Web Dev\">")
        .stdout_has("type=\"rss\" text=\"Syntax &amp; Friends &lt;live&gt;\"")
        .stdout_has("xmlUrl=\"https://example.com/t?x=1&amp;y=2\"");
    if let Ok(out) = Command::new("xmllint")
        .args(["--noout", "-"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(&run.output.stdout)?;
            c.wait_with_output()
        })
    {
        assert!(out.status.success(), "xmllint rejects the export");
    } else {
        eprintln!("skipping the xmllint check: xmllint is not installed");
    }
}

#[test]
fn export_to_a_file_is_atomic_private_and_has_no_credentials() {
    let env = Env::new();
    env.write_feeds(RICH);
    let out = env.root().join("feeds.yaml.export");
    env.run(&["export", "--format", "yaml", "-o", out.to_str().unwrap()])
        .success()
        .stdout_has("Exported 4 feeds");
    let text = fs::read_to_string(&out).unwrap();
    assert!(!text.contains("gAAAA"), "{text}");
    assert!(text.contains("type: basic"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let leftovers: Vec<_> = fs::read_dir(env.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // The YAML export is itself a feeds.yaml that inkwell reads.
    let other = Env::new();
    other.write_feeds(&text);
    assert_eq!(other.names(), env.names());

    env.run(&["export", "-o", env.root().to_str().unwrap()])
        .fails_with(8)
        .stderr_has("is a directory");
}

fn ten_thousand_feeds() -> String {
    (0..10_000)
        .map(|i| format!("https://example.com/feeds/{i}.rss Show Number {i}\n"))
        .collect()
}

#[test]
fn ten_thousand_feeds_are_imported_with_one_write() {
    let env = Env::new();
    let file = env.file("many.txt", ten_thousand_feeds());
    let run = env.run(&["-v", "import", &file]);
    run.success().stdout_has("Imported 10000 feeds");
    let writes = run
        .stderr()
        .lines()
        .filter(|l| l.starts_with("inkwell: wrote "))
        .count();
    assert_eq!(writes, 1, "{}", run.stderr());
    assert_eq!(env.list_json()["total"], 10_000);
    assert!(env.temp_files().is_empty());
}

#[test]
fn ten_thousand_feeds_are_one_rename_of_feeds_yaml_under_strace() {
    let usable = Command::new("strace")
        .args(["-f", "-o", "/dev/null", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !usable {
        eprintln!(
            "skipping: strace is not installed or cannot trace here (apt-get install strace)"
        );
        return;
    }
    let env = Env::new();
    let file = env.file("many.txt", ten_thousand_feeds());
    let log = env.root().join("strace.log");
    let status = Command::new("strace")
        .args(["-f", "-e", "trace=rename,renameat,renameat2,openat", "-o"])
        .arg(&log)
        .arg(common::BIN)
        .args(["--config-dir", env.dir().to_str().unwrap(), "import", &file])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let trace = fs::read_to_string(&log).unwrap();
    let renames: Vec<&str> = trace
        .lines()
        .filter(|l| l.contains("rename") && l.contains("feeds.yaml\""))
        .collect();
    assert_eq!(renames.len(), 1, "{renames:#?}");
    let written: Vec<&str> = trace
        .lines()
        .filter(|l| l.contains("openat") && l.contains("feeds.yaml") && l.contains("O_CREAT"))
        .collect();
    assert_eq!(written.len(), 1, "one temp file is created: {written:#?}");
    assert_eq!(env.list_json()["total"], 10_000);
}

#[test]
fn export_with_json_and_no_format_prints_the_list_json() {
    let env = Env::new();
    env.write_feeds(RICH);
    assert_eq!(env.run(&["--json", "export"]).json(), env.list_json());
    env.run(&["export", "--json", "--format", "opml"])
        .success()
        .stdout_has("<opml");
}

#[test]
fn an_import_appends_to_a_hand_written_file_and_keeps_every_byte_of_it() {
    let env = Env::new();
    let original = "# my feeds, by hand\nfeeds:\n    mine:   # keep this comment\n        url: 'https://example.com/mine'\n\n# trailing note\n";
    env.write_feeds(original);
    let file = env.file("podcasts.opml", APP_OPML);
    env.run(&["import", &file]).success();
    let text = env.feeds();
    assert!(
        text.starts_with("# my feeds, by hand\nfeeds:\n    mine:   # keep this comment\n        url: 'https://example.com/mine'\n"),
        "{text}"
    );
    assert!(text.contains("# trailing note"), "{text}");
    assert!(
        text.contains(
            "\n    darknet-diaries:\n        url: https://feeds.megaphone.fm/darknetdiaries\n"
        ),
        "new entries use the file's own indentation:\n{text}"
    );
    assert_eq!(env.list_json()["total"], 4);
}
