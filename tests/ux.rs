//! The command line as people and scripts expect it: hyphen values, repeated flags,
//! whole usage errors under --json, URL hints, one JSON shape, colour, history and show
//! details, and import of anything export writes.

mod common;

use common::Env;

const TWO: &str = "\
feeds:
  alpha-show:
    url: https://example.com/a.rss
    display_name: Alpha
    auth:
      type: none
      username: null
      password: null
      token: null
    category: tech
    custom_templates: [summary]
  beta:
    url: http://Example.com:80/b/
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
fn free_text_values_may_begin_with_a_dash() {
    let env = Env::new();
    user_templates(&env, &["-t1", "t2"]);
    env.run(&[
        "add",
        "https://example.com/x",
        "-n",
        "-dash",
        "--display-name",
        "-x",
        "-c",
        "- misc",
        "-t",
        "-t1,t2",
    ])
    .success();
    let v = env.run(&["show", "dash", "--json"]).json();
    assert_eq!(v["name"], "dash");
    assert_eq!(v["display_name"], "-x");
    assert_eq!(v["category"], "- misc");
    assert_eq!(v["extra_templates"], serde_json::json!(["-t1", "t2"]));
    // `- misc` is kept whole, not garbled to `- `.
    env.run(&["show", "dash"])
        .stdout_has("category:      - misc\n");
    env.run(&["update", "dash", "-c", "-other", "--display-name", "-y"])
        .success();
    env.run(&["show", "dash"])
        .stdout_has("category:      -other")
        .stdout_has("display name:  -y");
    // A username is free text too.
    env.run_stdin(
        &[
            "add",
            "https://example.com/private",
            "-n",
            "private",
            "--auth",
            "basic",
            "--username",
            "-ann",
            "--password-stdin",
        ],
        b"s3cret",
    )
    .success();
    env.run(&["show", "private"])
        .stdout_has("(username: -ann; credentials encrypted)");
    // --templates takes a dashed value as well.
    env.run(&["update", "dash", "--templates", "-t1"]).success();
    assert_eq!(
        env.run(&["show", "dash", "--json"]).json()["extra_templates"],
        serde_json::json!(["-t1"])
    );
}

#[test]
fn repeated_flags_are_accepted() {
    let env = Env::new();
    env.run(&["-qq", "add", "https://example.com/x", "-n", "x"])
        .success()
        .stdout_is_empty();
    env.run(&["-vv", "add", "https://example.com/y", "-n", "y"])
        .success()
        .stderr_has("inkwell: ");
    assert_eq!(env.run(&["list", "-j", "-j"]).success().json()["total"], 2);
    env.run(&["-q", "-q", "list", "--json", "--json"]).success();
}

#[test]
fn an_argument_that_only_begins_with_h_is_not_a_request_for_help() {
    // clap reads `-https://…` as `-h` and junk, and prints the help with exit 0: a
    // script whose URL or name starts with `-h` would think its change was made.
    let env = Env::new();
    for args in [
        &["add", "-https://example.com/x", "-n", "x"][..],
        &["remove", "-hx"],
        &["update", "-hx", "-c", "tech"],
        &["rename", "-hx", "y"],
        &["-j", "show", "-hx"],
        // A value that is also a subcommand's name is not the subcommand.
        &[
            "--lock-timeout",
            "1",
            "--config-dir",
            "add",
            "remove",
            "-hx",
        ],
    ] {
        let run = env.run(args);
        run.fails_with(2).stdout_is_empty().no_panic();
        let token = args.iter().find(|a| a.starts_with("-h")).unwrap();
        let stderr = run.stderr();
        assert!(stderr.contains(token), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!("-- {token}")),
            "{args:?}: {stderr}"
        );
        // The usage shown is the subcommand's, as for any other unexpected argument.
        let at = args.iter().position(|a| a == token).unwrap();
        let sub = args[at - 1];
        assert!(
            stderr.contains(&format!("inkwell {sub} [OPTIONS]")),
            "{args:?}: {stderr}"
        );
    }
    assert!(!env.feeds_path().exists());
    // Help asked for is still help, in a cluster with other flags too.
    for args in [
        &["add", "-h"][..],
        &["remove", "--help"],
        &["-vh"],
        &["list", "-qh"],
        &["add", "-n", "-hx", "-h"],
    ] {
        env.run(args).success().stdout_has("Usage: inkwell");
    }
    // A value that begins with `-h` is a value where one is expected.
    env.run(&["add", "https://example.com/x", "-n", "-hx"])
        .success();
    env.run(&["show", "hx"]).success();
}

#[test]
fn a_usage_error_under_json_carries_the_whole_message() {
    let env = Env::new();
    let run = env.run(&["--json", "add"]);
    run.fails_with(2);
    let v = run.json_error();
    let error = v["error"].as_str().unwrap();
    assert!(error.contains("--name <NAME>"), "{v}");
    assert!(error.contains("<URL>"), "{v}");
    assert_eq!(v["code"], 2);
    assert_eq!(v["usage"], "inkwell add --name <NAME> <URL>");
}

#[test]
fn usage_lines_do_not_show_options_set_in_the_environment() {
    let env = Env::new();
    let run = env
        .command()
        .env("INKWELL_LOCK_TIMEOUT", "3")
        .args(["add"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert!(
        err.contains("Usage: inkwell add --name <NAME> <URL>\n"),
        "{err}"
    );
    assert!(!err.contains("--config-dir"), "{err}");
    assert!(!err.contains("--lock-timeout"), "{err}");
    // The same with the directory from INKWELL_CONFIG_DIR (not on the command line).
    let run = env
        .command_without_dir()
        .env("INKWELL_CONFIG_DIR", env.dir())
        .env("INKWELL_LOCK_TIMEOUT", "3")
        .args(["remove"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert!(err.contains("Usage: inkwell remove "), "{err}");
    assert!(!err.contains("--config-dir"), "{err}");
    assert!(!err.contains("--lock-timeout"), "{err}");
    // Both variables still work.
    let bad = env
        .command()
        .env("INKWELL_LOCK_TIMEOUT", "soon")
        .args(["list"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("INKWELL_LOCK_TIMEOUT"));
    env.run(&["add", "https://example.com/x", "-n", "x"])
        .success();
    assert!(env.feeds().contains("https://example.com/x"));
}

#[test]
fn a_url_without_a_scheme_gets_a_suggestion_and_a_long_one_its_own_hint() {
    let env = Env::new();
    env.run(&["add", "example.com/x.rss", "-n", "x"])
        .fails_with(3)
        .stderr_has("needs http:// or https://")
        .stderr_has("https://example.com/x.rss");
    let long = format!("https://example.com/{}", "x".repeat(5000));
    let run = env.run(&["add", &long, "-n", "x"]);
    run.fails_with(3).stderr_has("the limit is 2083");
    assert!(
        !run.stderr().contains("must be absolute"),
        "{}",
        run.stderr()
    );
}

#[test]
fn global_options_have_their_own_help_heading() {
    let env = Env::new();
    let help = env.run(&["add", "--help"]).success().stdout();
    let (own, global) = help.split_once("Global options:").expect(&help);
    assert!(own.contains("--display-name"));
    assert!(!own.contains("--lock-timeout"), "{help}");
    assert!(global.contains("--lock-timeout") && global.contains("--color"));
    // The same for every command.
    let top = env.run(&["--help"]).success().stdout();
    let commands: Vec<&str> = top
        .split("Commands:")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 14, "{commands:?}");
    for command in commands.iter().copied().chain(["config set"]) {
        let mut args: Vec<&str> = command.split(' ').collect();
        args.push("--help");
        let help = env.run(&args).success().stdout();
        let (own, global) = help
            .split_once("Global options:")
            .unwrap_or_else(|| panic!("{command}: {help}"));
        for option in ["--config-dir", "--lock-timeout", "--color", "--quiet"] {
            assert!(
                !own.contains(option),
                "{command}: {option} in its own options:\n{help}"
            );
            assert!(global.contains(option), "{command}: {option}:\n{help}");
        }
    }
}

#[test]
fn one_json_shape_for_a_feed_everywhere() {
    let env = Env::new();
    env.write_feeds(TWO);
    let list = env.list_json();
    let listed = &list["feeds"][0];
    let shown = env.run(&["show", "alpha-show", "--json"]).success().json();
    assert_eq!(&shown, listed);
    let keys: Vec<&String> = shown.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "name",
            "display_name",
            "url",
            "auth",
            "category",
            "extra_templates"
        ]
    );
    let beta = env.run(&["show", "beta", "--json"]).json();
    assert_eq!(beta["display_name"], "beta");
    assert_eq!(beta["category"], "");
    let v = env
        .run(&["update", "beta", "-c", "news", "--json"])
        .success()
        .json();
    assert_eq!(v["changes"][0]["before"], list["feeds"][1]);
    let after = env.run(&["show", "beta", "--json"]).json();
    assert_eq!(v["changes"][0]["after"], after);
    // add's change holds the feed as show prints it.
    let v = env
        .run(&["add", "https://example.com/new", "-n", "new", "--json"])
        .success()
        .json();
    assert_eq!(
        v["changes"][0]["feed"],
        env.run(&["show", "new", "--json"]).json()
    );
    let v = env
        .run(&["rename", "beta", "gamma", "--json"])
        .success()
        .json();
    assert_eq!(v["changes"][0]["name"], "gamma");
    assert_eq!(v["changes"][0]["old_name"], "beta");
    let v = env
        .run(&["remove", "gamma", "--force", "--json"])
        .success()
        .json();
    let keys: Vec<&String> = v["changes"][0]["feed"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(
        keys,
        [
            "name",
            "display_name",
            "url",
            "auth",
            "category",
            "extra_templates"
        ]
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let env = Env::new();
    let plain = env.run(&["show", "nope"]);
    plain.fails_with(4);
    assert!(!plain.stderr().contains('\x1b'), "{}", plain.stderr());
    let forced = env.run(&["--color", "always", "show", "nope"]);
    assert!(forced.stderr().contains("\x1b["), "{}", forced.stderr());
    assert!(forced.stderr().contains("error:"));
    let never = env.run(&["--color=never", "show", "nope"]);
    assert!(!never.stderr().contains('\x1b'));
    // NO_COLOR turns off the automatic choice only.
    let out = env
        .command()
        .env("NO_COLOR", "1")
        .args(["--color", "auto", "show", "nope"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\x1b'));
}

/// `name` as a feed name is styled on a terminal (bold, then reset).
fn styled(name: &str) -> String {
    format!("\x1b[1m{name}\x1b[0m")
}

/// What the terminal showed when inkwell ran on one (see `Env::on_a_terminal`).
fn on_a_terminal(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> Option<String> {
    env.on_a_terminal(vars, args, &[]).map(|(_, shown)| shown)
}

#[test]
fn feed_names_are_coloured_on_a_terminal_and_never_in_a_pipe() {
    let env = Env::new();
    let steps: [(&[&str], &[&str]); 8] = [
        (
            &[
                "add",
                "https://example.com/a",
                "-n",
                "alpha",
                "--display-name",
                "Alpha",
            ],
            &["alpha"],
        ),
        (&["add", "https://example.com/b", "-n", "bee"], &["bee"]),
        (&["update", "bee", "-c", "news"], &["bee"]),
        (&["rename", "bee", "beta"], &["bee", "beta"]),
        (&["list"], &["Alpha", "alpha", "beta"]),
        (&["show", "alpha"], &["alpha"]),
        (&["history"], &["alpha", "bee", "beta"]),
        (&["remove", "beta", "--force"], &["beta"]),
    ];
    // Asked for: every name is styled.
    for (args, names) in steps {
        let mut forced = vec!["--color", "always"];
        forced.extend_from_slice(args);
        let run = env.run(&forced);
        run.success();
        for name in names {
            assert!(
                run.stdout().contains(&styled(name)),
                "{args:?}: {name} not styled:\n{}",
                run.stdout()
            );
        }
    }
    // The table still lines up: padding is outside the styling.
    let list = env.run(&["--color", "always", "list"]).stdout();
    assert!(
        list.contains(&format!(
            "{}    -         -     -          https://",
            styled("Alpha")
        )),
        "{list:?}"
    );
    // Piped (the default choice) or --color never: no escape codes at all.
    for never in [false, true] {
        let again = Env::new();
        for (args, _) in steps {
            let mut argv: Vec<&str> = if never {
                vec!["--color", "never"]
            } else {
                vec![]
            };
            argv.extend_from_slice(args);
            let run = again.run(&argv);
            run.success();
            assert!(
                !run.stdout().contains('\x1b') && !run.stderr().contains('\x1b'),
                "{argv:?}: {}{}",
                run.stdout(),
                run.stderr()
            );
        }
    }
    // On a terminal: names and the error label are coloured, unless NO_COLOR or --color never.
    env.run(&["add", "https://example.com/c", "-n", "gamma"])
        .success();
    let Some(shown) = on_a_terminal(&env, &[], &["list"]) else {
        return;
    };
    assert!(shown.contains(&styled("gamma")), "{shown:?}");
    let shown = on_a_terminal(&env, &[], &["show", "gamma"]).unwrap();
    assert!(shown.contains(&styled("gamma")), "{shown:?}");
    let shown = on_a_terminal(&env, &[], &["show", "nope"]).unwrap();
    assert!(
        shown.contains("\x1b[") && shown.contains("error:"),
        "{shown:?}"
    );
    for (extra, args, needle) in [
        (&[("NO_COLOR", "1")][..], &["list"][..], "gamma"),
        (&[("NO_COLOR", "1")], &["show", "nope"], "error:"),
        (&[], &["--color", "never", "list"], "gamma"),
        (&[], &["--color", "never", "history"], "gamma"),
    ] {
        let shown = on_a_terminal(&env, extra, args).unwrap();
        assert!(shown.contains(needle), "{args:?}: {shown:?}");
        assert!(!shown.contains('\x1b'), "{extra:?} {args:?}: {shown:?}");
    }
}

#[test]
fn history_columns_line_up_and_limit_zero_is_not_an_empty_log() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a"])
        .success();
    env.run(&["add", "https://example.com/b", "-n", "long-name-here"])
        .success();
    env.run(&["update", "a", "-c", "x"]).success();
    let out = env.run(&["history"]).success().stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    let col = |line: &str, needle: &str| line.find(needle).unwrap();
    // The third column (the feed) and the fourth start at the same place on every line.
    assert_eq!(col(lines[0], " a "), col(lines[2], " a "), "{out}");
    assert_eq!(col(lines[0], "category"), col(lines[1], "https"), "{out}");
    let run = env.run(&["history", "--limit", "0"]);
    run.success().stdout_is_empty();
    assert!(
        !run.stderr().contains("No changes recorded yet"),
        "{}",
        run.stderr()
    );
    run.stderr_has("3 change(s) recorded");
}

#[test]
fn config_set_of_an_empty_list_says_none() {
    let env = Env::new();
    env.run(&["config", "set", "default_templates", "a,b"])
        .success();
    env.run(&["config", "set", "default_templates", ""])
        .success()
        .stdout_has("default_templates = (none) (was a, b)");
}

/// `list --json`'s feeds, the measure of "the same feeds".
fn feeds_of(env: &Env) -> serde_json::Value {
    env.list_json()["feeds"].clone()
}

/// The same, in name order (OPML groups feeds by category).
fn sorted_feeds(env: &Env) -> Vec<serde_json::Value> {
    let mut feeds = feeds_of(env).as_array().unwrap().clone();
    feeds.sort_by_key(|f| f["name"].as_str().unwrap().to_string());
    feeds
}

#[test]
fn every_export_format_imports_back_to_the_same_feeds() {
    let source = Env::new();
    // URLs as inkwell writes them (an import stores a URL in its normal form).
    source.write_feeds(TWO.replace("http://Example.com:80/b/", "http://example.com/b/"));
    user_templates(&source, &["x", "y"]);
    source
        .run(&[
            "add",
            "https://example.com/c",
            "-n",
            "c",
            "-c",
            "solo",
            "-t",
            "x,y",
        ])
        .success();
    let want = sorted_feeds(&source);
    for format in ["opml", "json", "yaml"] {
        let text = source
            .run(&["export", "--format", format])
            .success()
            .stdout();
        let target = Env::new();
        let file = target.file(&format!("feeds.{format}"), &text);
        target.run(&["import", &file]).success();
        assert_eq!(sorted_feeds(&target), want, "{format}:\n{text}");
        // And with --format given.
        let again = Env::new();
        let file = again.file("in", &text);
        again.run(&["import", &file, "--format", format]).success();
        assert_eq!(sorted_feeds(&again), want, "{format} with --format");
    }
    // A feeds.yaml as inkwell-cli writes it imports too (detected by its content).
    let target = Env::new();
    let file = target.file("feeds.yaml", TWO);
    target.run(&["import", &file]).success();
    assert_eq!(target.names(), ["alpha-show", "beta"]);
}

#[test]
fn an_empty_yaml_export_is_valid_yaml_that_imports_as_nothing() {
    let env = Env::new();
    let text = env.run(&["export", "--format", "yaml"]).success().stdout();
    assert_eq!(text, "feeds: {}\n");
    let file = env.file("empty.yaml", &text);
    env.run(&["import", &file]).success();
    assert!(env.names().is_empty());
}

#[test]
fn export_infers_the_format_from_the_extension() {
    let env = Env::new();
    env.write_feeds(TWO);
    for (file, starts) in [
        ("out.json", "{"),
        ("out.yaml", "feeds:"),
        ("out.yml", "feeds:"),
        ("out.opml", "<?xml"),
        ("out.xml", "<?xml"),
    ] {
        let path = env.root().join(file);
        env.run(&["export", "-o", path.to_str().unwrap()]).success();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(starts), "{file}: {text}");
    }
    let path = env.root().join("forced.json");
    env.run(&["export", "--format", "opml", "-o", path.to_str().unwrap()])
        .success();
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("<?xml"));
}

#[test]
fn opml_category_attribute_wrapper_outline_and_namespace() {
    let env = Env::new();
    let wrapped = env.file(
        "pocketcasts.opml",
        r#"<?xml version="1.0"?>
<opml version="1.0"><head/><body>
  <outline text="feeds">
    <outline type="rss" text="One" xmlUrl="https://example.com/1"/>
    <outline type="rss" text="Two" xmlUrl="https://example.com/2" category="/News/World,/Other"/>
  </outline>
</body></opml>"#,
    );
    env.run(&["import", &wrapped]).success();
    let feeds = feeds_of(&env);
    assert_eq!(
        feeds[0]["category"], "",
        "a wrapper is not a category: {feeds}"
    );
    assert_eq!(feeds[1]["category"], "News/World");
    // An old export's un-namespaced attributes are still read.
    let old = Env::new();
    let file = old.file(
        "old.opml",
        r#"<opml version="2.0"><body><outline text="T" xmlUrl="https://example.com/t" inkwellName="tee" inkwellTemplates="a,b"/></body></opml>"#,
    );
    old.run(&["import", &file]).success();
    let f = &feeds_of(&old)[0];
    assert_eq!(f["name"], "tee");
    assert_eq!(f["extra_templates"], serde_json::json!(["a", "b"]));
    // A new export declares its namespace and uses it.
    let text = old.run(&["export"]).success().stdout();
    assert!(
        text.contains(r#"xmlns:inkwell="urn:x-inkwell:opml:1""#),
        "{text}"
    );
    assert!(text.contains(r#"inkwell:name="tee""#), "{text}");
    assert!(!text.contains("inkwellName"), "{text}");
}

#[test]
fn plain_text_import_strips_trailing_comments() {
    let env = Env::new();
    let file = env.file(
        "feeds.txt",
        "# my feeds\nhttps://example.com/a My Show # the good one\nhttps://example.com/b\t# no name\n",
    );
    env.run(&["import", &file]).success();
    let feeds = feeds_of(&env);
    assert_eq!(feeds[0]["name"], "my-show");
    assert_eq!(feeds[0]["display_name"], "My Show");
    assert_eq!(feeds[1]["name"], "example-com-b");
}

#[test]
fn re_importing_many_existing_feeds_prints_a_summary_and_ten_lines() {
    let env = Env::new();
    let list: String = (0..40)
        .map(|i| format!("https://example.com/{i} show-{i}\n"))
        .collect();
    let file = env.file("feeds.txt", &list);
    env.run(&["import", &file]).success();
    let run = env.run(&["import", &file]);
    run.fails_with(5);
    let err = run.stderr();
    let first = err.lines().next().unwrap();
    assert!(first.contains("40 feeds already exist"), "{err}");
    assert!(first.contains("--skip-existing"), "{err}");
    assert_eq!(err.matches("already exists").count(), 10, "{err}");
    assert!(err.contains("and 30 more"), "{err}");
    assert!(err.lines().count() <= 14, "{err}");
}

#[test]
fn another_spelling_of_a_url_is_the_same_feed() {
    let env = Env::new();
    env.write_feeds(TWO);
    // beta is http://Example.com:80/b/
    env.run(&["add", "https://example.com/b", "-n", "b2"])
        .success()
        .stderr_has("feed 'beta' already has the URL");
    env.run(&["update", "b2", "--url", "HTTPS://example.COM/a.rss/"])
        .success()
        .stderr_has("feed 'alpha-show' already has the URL");
    // Percent-encoding in another case is the same URL too.
    env.run(&["add", "https://example.com/%7euser/feed", "-n", "p1"])
        .success();
    env.run(&["add", "https://example.com/%7Euser/feed", "-n", "p2"])
        .success()
        .stderr_has("feed 'p1' already has the URL");
    let file = env.file(
        "in.txt",
        "http://example.com/a.rss other-name\nhttps://example.com/new\n",
    );
    env.run(&["import", &file, "--skip-existing"]).success();
    let names = env.names();
    assert!(!names.contains(&"other-name".to_string()), "{names:?}");
    assert!(
        names.contains(&"p2".to_string()),
        "add warns, and still adds: {names:?}"
    );
    assert!(names.contains(&"example-com-new".to_string()), "{names:?}");
    // Stored URLs are unchanged.
    assert!(env.feeds().contains("url: http://Example.com:80/b/"));
}

/// Templates of the user's own (`templates/NAME.yaml` in the config dir), which `-t`
/// accepts besides the built-in ones.
fn user_templates(env: &Env, names: &[&str]) {
    let dir = env.dir().join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    for name in names {
        std::fs::write(dir.join(format!("{name}.yaml")), "name: x\n").unwrap();
    }
}
