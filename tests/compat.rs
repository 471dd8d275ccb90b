//! inkwell-cli 0.26's rules, pinned without inkwell-cli itself (tests/interop_cli.rs runs
//! both tools when it is installed).

mod common;

use common::Env;

#[test]
fn config_set_enforces_0_26_bounds_and_knows_its_new_keys() {
    let env = Env::new();
    for (key, bad) in [
        ("cache.media.max_mb", "0"),
        ("cache.media.max_mb", "200000"),
        ("cache.media.ttl_days", "0"),
        ("cache.media.ttl_days", "5000"),
        ("extraction.short_content_bypass_tokens", "0"),
        ("extraction.short_content_bypass_tokens", "100001"),
        ("interview.model", &"x".repeat(101)),
    ] {
        env.run(&["config", "set", key, bad])
            .fails_with(3)
            .stderr_has("must be");
    }
    assert!(
        !env.dir().join("config.yaml").exists(),
        "nothing was written"
    );
    env.run(&["config", "set", "cache.media.max_mb", "102400"])
        .success();
    env.run(&["config", "set", "cache.media.ttl_days", "3650"])
        .success();
    env.run(&[
        "config",
        "set",
        "extraction.short_content_bypass_enabled",
        "false",
    ])
    .success();
    env.run(&[
        "config",
        "set",
        "extraction.short_content_bypass_tokens",
        "750",
    ])
    .success();
    let text = std::fs::read_to_string(env.dir().join("config.yaml")).unwrap();
    assert!(text.contains("short_content_bypass_tokens: 750"), "{text}");
    assert!(
        text.contains("short_content_bypass_enabled: false"),
        "{text}"
    );
}

#[test]
fn lookup_is_key_then_normalized_then_display_name_never_fuzzy() {
    let env = Env::new();
    env.run(&[
        "add",
        "https://example.com/a",
        "-n",
        "a",
        "--display-name",
        "The Daily Show",
    ])
    .success();
    env.run(&["show", "the daily show"])
        .success()
        .stdout_has("https://example.com/a");
    env.run(&["show", "THE DAILY SHOW"]).success();
    env.run(&["show", "the-daily-show"]).success();
    // A near miss is a miss (inkwell-cli 0.26 would take it through difflib).
    env.run(&["show", "The Daily Shaw"]).fails_with(4);
}

#[test]
fn add_refuses_a_name_that_normalizes_to_an_existing_key() {
    let env = Env::new();
    env.write_feeds("feeds:\n  My Show:\n    url: https://example.com/legacy\n");
    env.run(&["add", "https://example.com/new", "-n", "my show"])
        .fails_with(5)
        .stderr_has("My Show");
    assert_eq!(env.names(), ["My Show"]);
}

#[test]
fn rename_keeps_the_typed_name_as_display_name() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "old"])
        .success();
    env.run(&["rename", "old", "Better Show"]).success();
    let v: serde_json::Value =
        serde_json::from_str(&env.run(&["show", "better-show", "--json"]).stdout()).unwrap();
    assert_eq!(v["display_name"], "Better Show");
    env.run(&["rename", "better-show", "plain"]).success();
    let v: serde_json::Value =
        serde_json::from_str(&env.run(&["show", "plain", "--json"]).stdout()).unwrap();
    assert_eq!(v["display_name"], "Better Show", "a slug leaves it alone");
}

#[test]
fn extra_templates_are_checked_deduplicated_and_suggested() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a", "-t", "sumary"])
        .fails_with(3)
        .stderr_has("did you mean 'summary'");
    env.run(&[
        "add",
        "https://example.com/a",
        "-n",
        "a",
        "-t",
        "../../etc/passwd",
    ])
    .fails_with(3);
    assert!(env.names().is_empty());
    std::fs::create_dir_all(env.dir().join("templates/mine")).unwrap();
    std::fs::write(
        env.dir().join("templates/mine/my-notes.yaml"),
        "name: my-notes\n",
    )
    .unwrap();
    env.run(&[
        "add",
        "https://example.com/a",
        "-n",
        "a",
        "-t",
        "summary,my-notes,summary",
    ])
    .success();
    let v: serde_json::Value =
        serde_json::from_str(&env.run(&["show", "a", "--json"]).stdout()).unwrap();
    assert_eq!(
        v["extra_templates"],
        serde_json::json!(["summary", "my-notes"])
    );
}

#[test]
fn version_prints_the_version() {
    Env::new()
        .run(&["version"])
        .success()
        .stdout_has(&format!("inkwell {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn config_feed_sets_and_clears_extra_templates_as_inkwell_cli_does() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a", "-t", "summary"])
        .success();
    env.run(&[
        "config",
        "feed",
        "a",
        "--extra-templates",
        "tools-mentioned,step-by-step-plan",
    ])
    .success();
    let v: serde_json::Value =
        serde_json::from_str(&env.run(&["show", "a", "--json"]).stdout()).unwrap();
    assert_eq!(
        v["extra_templates"],
        serde_json::json!(["tools-mentioned", "step-by-step-plan"])
    );
    env.run(&["config", "feed", "a", "-t", "nope"])
        .fails_with(3);
    env.run(&["config", "feed", "a", "-t", ""]).success();
    let v: serde_json::Value =
        serde_json::from_str(&env.run(&["show", "a", "--json"]).stdout()).unwrap();
    assert_eq!(v["extra_templates"], serde_json::json!([]));
}

fn auth_of(env: &Env, name: &str) -> serde_json::Value {
    let v: serde_json::Value =
        serde_json::from_str(&env.run(&["show", name, "--json"]).stdout()).unwrap();
    v["auth"].clone()
}

#[test]
fn auth_without_a_type_asks_for_it_on_a_terminal_as_inkwell_cli_does() {
    let env = Env::new();
    // Without a terminal there is nobody to ask: a usage error naming the types.
    env.run(&["add", "https://example.com/a", "-n", "a", "--auth"])
        .fails_with(2)
        .stderr_has("--auth basic|bearer|none");
    assert!(env.names().is_empty(), "nothing was added");
    env.run(&["add", "https://example.com/a", "--auth", "-n", "a"])
        .fails_with(2)
        .stderr_has("--auth basic|bearer|none");
    assert!(env.names().is_empty(), "nothing was added");

    let Some((code, out)) = env.on_a_terminal(
        &[],
        &["add", "https://example.com/a", "-n", "a", "--auth"],
        &[("Auth type", "bearer"), ("Token:", "tok-0123456789")],
    ) else {
        return;
    };
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("[basic]"), "the default is shown: {out}");
    assert!(
        !out.contains("tok-0123456789"),
        "the token is not echoed: {out}"
    );
    assert_eq!(auth_of(&env, "a"), "bearer");

    // An empty answer takes the default, basic, as inkwell-cli's prompt does; a wrong one
    // is asked again.
    let (code, out) = env
        .on_a_terminal(
            &[],
            &["update", "a", "--auth"],
            &[
                ("Auth type", "oauth"),
                ("Auth type", ""),
                ("Username:", "ann"),
                ("Password:", "s3cret"),
            ],
        )
        .unwrap();
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("'oauth'"), "the wrong answer is named: {out}");
    assert!(!out.contains("s3cret"), "{out}");
    assert_eq!(auth_of(&env, "a"), "basic");

    let (code, out) = env
        .on_a_terminal(&[], &["update", "a", "--auth"], &[("Auth type", "none")])
        .unwrap();
    assert_eq!(code, 0, "{out}");
    assert_eq!(auth_of(&env, "a"), "none");
    // The type given as before still works without any prompt.
    env.run(&["update", "a", "--auth", "none"]).success();
}

// inkwell-cli's `list feeds` table: the listener's own title, the key below it when they
// differ, and the feed's templates.
#[test]
fn list_shows_display_names_above_keys_and_templates() {
    let env = Env::new();
    env.write_feeds(
        "feeds:\n  my-show:\n    url: https://example.com/a\n    display_name: My Show\n    category: tech\n    custom_templates: [summary, quotes]\n  plain:\n    url: https://example.com/b\n",
    );
    let out = env.run(&["list"]).success().stdout();
    let lines: Vec<&str> = out.lines().collect();
    let row = |i: usize| lines[i].split_whitespace().collect::<Vec<_>>();
    assert_eq!(
        row(0),
        ["NAME", "CATEGORY", "AUTH", "TEMPLATES", "URL"],
        "{out}"
    );
    assert_eq!(
        row(1),
        [
            "My",
            "Show",
            "tech",
            "-",
            "summary,quotes",
            "https://example.com/a"
        ],
        "{out}"
    );
    assert_eq!(lines[2].trim(), "my-show", "the key below the title: {out}");
    assert_eq!(
        row(3),
        ["plain", "-", "-", "-", "https://example.com/b"],
        "{out}"
    );
}

// The README says where the two tools differ, as issue 14 asks.
#[test]
fn the_readme_lists_the_differences_from_inkwell_cli() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("## Differences from inkwell-cli")
        .expect("a section 'Differences from inkwell-cli'");
    let section = &readme[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
    for needle in [
        "`inkwell list`",
        "latest",
        "Names are exact",
        "INKWELL_CONFIG_DIR",
        "YouTube",
        "LOCALAPPDATA",
        "XDG_CONFIG_HOME",
    ] {
        assert!(
            section.contains(needle),
            "missing {needle:?} in:\n{section}"
        );
    }
}

// Two display names equal ignoring case: inkwell-cli 0.26 builds a dict of them, so the
// later feed in the file wins; inkwell finds the same one.
#[test]
fn a_display_name_shared_ignoring_case_finds_the_later_feed_as_inkwell_cli_does() {
    let env = Env::new();
    env.write_feeds(
        "feeds:\n  first:\n    url: https://example.com/1\n    display_name: The Show\n  second:\n    url: https://example.com/2\n    display_name: THE SHOW\n",
    );
    env.run(&["show", "the show"])
        .success()
        .stdout_has("https://example.com/2");
}

// On a terminal `remove` asks, as inkwell-cli does; only yes removes.
#[test]
fn remove_on_a_terminal_asks_first() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a"])
        .success();
    let Some((code, out)) = env.on_a_terminal(&[], &["remove", "a"], &[("[y/N]", "n")]) else {
        return;
    };
    assert!(out.contains("https://example.com/a"), "{out}");
    assert_ne!(code, 0, "declined: {out}");
    assert_eq!(env.names(), ["a"]);
    let (code, out) = env
        .on_a_terminal(&[], &["remove", "a"], &[("[y/N]", "y")])
        .unwrap();
    assert_eq!(code, 0, "{out}");
    assert!(env.names().is_empty(), "{out}");
}
