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
