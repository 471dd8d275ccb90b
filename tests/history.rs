//! The change history: one audit.log line per change, in inkwell-cli's format, in the
//! order the changes landed, even when many processes change the feeds at once.

mod common;

use std::fs;

use common::Env;
use serde_json::Value;

fn log(env: &Env) -> Vec<Value> {
    fs::read_to_string(env.dir().join("audit.log"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn each_change_appends_one_record_in_inkwell_clis_format() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "A Show", "-c", "tech"])
        .success();
    env.run(&["update", "a-show", "--url", "https://example.com/b"])
        .success();
    env.run(&["update", "a-show", "--url", "https://example.com/b"])
        .success();
    env.run(&["rename", "a-show", "b-show"]).success();
    env.run(&["remove", "b-show", "--force"]).success();
    env.run(&["remove", "nope"]).fails_with(4);
    let records = log(&env);
    let ops: Vec<&str> = records
        .iter()
        .map(|r| r["operation"].as_str().unwrap())
        .collect();
    // The no-op update and the failed remove wrote nothing, so they log nothing.
    assert_eq!(
        ops,
        ["add_feed", "update_feed", "rename_feed", "remove_feed"]
    );
    let first = &records[0];
    let keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "timestamp",
            "operation",
            "details",
            "user",
            "hostname",
            "pid"
        ]
    );
    let ts = first["timestamp"].as_str().unwrap();
    assert!(ts.ends_with("+00:00") && ts.len() == 32, "{ts}");
    assert_eq!(
        first["details"],
        serde_json::json!({"feed_name": "a-show", "display_name": "A Show", "url": "https://example.com/a", "auth_type": "none", "category": "tech", "custom_templates": []})
    );
    assert_eq!(first["user"], "unknown", "USER is not set in the test env");
    assert!(first["pid"].as_u64().is_some());
    assert_eq!(
        records[1]["details"]["changes"]["url"],
        serde_json::json!({"old": "https://example.com/a", "new": "https://example.com/b"})
    );
    assert_eq!(
        records[2]["details"],
        serde_json::json!({"old_feed_name": "a-show", "new_feed_name": "b-show", "display_name": "A Show", "url": "https://example.com/b"})
    );
    // The feed's history reaches back through its rename.
    env.run(&["history", "b-show"])
        .success()
        .stdout_has("a-show  -> b-show")
        .stdout_has("add_feed");
    env.run(&["history", "a-show"])
        .success()
        .stdout_has("a-show  -> b-show")
        .stdout_has("https://example.com/a -> https://example.com/b");
    env.run(&["history", "--limit", "1"])
        .success()
        .stdout_has("remove_feed");
    let json = env.run(&["history", "--json", "--limit", "2"]);
    json.success();
    let v: Value = serde_json::from_str(&json.stdout()).unwrap();
    let ops: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["operation"].as_str().unwrap())
        .collect();
    assert_eq!(ops, ["remove_feed", "rename_feed"], "newest first");
}

#[test]
fn user_and_hostname_come_from_the_environment() {
    let env = Env::new();
    let out = env
        .command()
        .args(["add", "https://example.com/a", "-n", "a"])
        .env("USER", "ann")
        .env("HOSTNAME", "box")
        .output()
        .unwrap();
    assert!(out.status.success());
    let r = &log(&env)[0];
    assert_eq!(
        (r["user"].as_str(), r["hostname"].as_str()),
        (Some("ann"), Some("box"))
    );
}

#[test]
fn fifty_parallel_adds_log_fifty_lines_in_the_order_they_landed() {
    let env = Env::new();
    let children: Vec<_> = (0..50)
        .map(|i| {
            env.spawn(&[
                "add".to_string(),
                format!("https://example.com/{i}"),
                "-n".to_string(),
                format!("feed-{i}"),
            ])
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    // New feeds are appended to feeds.yaml, so its order is the order of the writes.
    let landed = env.names();
    let logged: Vec<String> = log(&env)
        .iter()
        .map(|r| {
            assert_eq!(r["operation"], "add_feed");
            r["details"]["feed_name"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(logged.len(), 50);
    assert_eq!(logged, landed);
    let stamps: Vec<String> = log(&env)
        .iter()
        .map(|r| r["timestamp"].as_str().unwrap().to_string())
        .collect();
    assert!(stamps.windows(2).all(|w| w[0] <= w[1]), "{stamps:?}");
}

#[test]
fn an_empty_history_says_so() {
    let env = Env::new();
    env.run(&["history"])
        .success()
        .stderr_has("No changes recorded yet");
    env.run(&["history", "--json"]).success().stdout_has("[]");
}

/// Records written by inkwell-cli 0.26 and by older versions (inkwell's own `old_name`/
/// `new_name` renames, 0.14's `auth_type_changed`) are all read.
#[test]
fn history_reads_0_26_and_older_records_and_follows_renames() {
    let env = Env::new();
    std::fs::create_dir_all(env.dir()).unwrap();
    let lines = [
        r#"{"timestamp": "2025-01-01T00:00:00+00:00", "operation": "add_feed", "details": {"feed_name": "old", "url": "https://example.com/a", "auth_type": "none", "category": null}, "user": "u", "hostname": "h", "pid": 1}"#,
        r#"{"timestamp": "2025-01-02T00:00:00+00:00", "operation": "update_feed", "details": {"feed_name": "old", "changes": {"auth_type_changed": true, "auth_type": {"old": "none", "new": "basic"}}}, "user": "u", "hostname": "h", "pid": 1}"#,
        r#"{"timestamp": "2025-01-03T00:00:00+00:00", "operation": "rename_feed", "details": {"feed_name": "mid", "old_name": "old", "new_name": "mid"}, "user": "u", "hostname": "h", "pid": 1}"#,
        r#"{"timestamp": "2026-01-04T00:00:00.123456+00:00", "operation": "rename_feed", "details": {"old_feed_name": "mid", "new_feed_name": "better-show", "display_name": "Better Show", "url": "https://example.com/a"}, "user": "u", "hostname": "h", "pid": 2}"#,
        r#"{"timestamp": "2026-01-05T00:00:00+00:00", "operation": "update_feed", "details": {"feed_name": "better-show", "changes": {"category": {"old": "", "new": "tech"}}}, "user": "u", "hostname": "h", "pid": 2}"#,
    ];
    std::fs::write(env.dir().join("audit.log"), lines.join("\n") + "\n").unwrap();
    let run = env.run(&["history", "Better Show"]);
    run.success()
        .stdout_has("mid          -> better-show  display name: Better Show")
        .stdout_has("old          -> mid")
        .stdout_has("auth_type: none -> basic")
        .stdout_has("category: (none) -> tech");
    assert!(!run.stdout().contains(" -> ,"), "{}", run.stdout());
    assert_eq!(run.stdout().lines().count(), 5, "{}", run.stdout());
    let run = env.run(&["history", "mid"]);
    assert_eq!(run.stdout().lines().count(), 4, "{}", run.stdout());
}

// inkwell-cli 0.26's update_feed: each change {old, new}, "" for no category or display
// name (never null), no `auth_type_changed`; rename_feed with --force names the URL it
// overwrote.
#[test]
fn update_and_rename_records_carry_0_26s_fields() {
    let env = Env::new();
    env.run(&[
        "add",
        "https://example.com/a",
        "-n",
        "a",
        "-c",
        "tech",
        "--display-name",
        "The A",
    ])
    .success();
    env.run(&["update", "a", "--no-category", "--no-display-name"])
        .success();
    env.run(&["update", "a", "-c", "news", "--display-name", "A!"])
        .success();
    env.run_stdin(
        &[
            "update",
            "a",
            "--auth",
            "basic",
            "--username",
            "u",
            "--password-stdin",
        ],
        b"pw",
    )
    .success();
    env.run(&["add", "https://example.com/b", "-n", "b"])
        .success();
    env.run(&["rename", "a", "b", "--force"]).success();
    let records = log(&env);
    assert_eq!(
        records[1]["details"],
        serde_json::json!({"feed_name": "a", "changes": {
            "category": {"old": "tech", "new": ""},
            "display_name": {"old": "The A", "new": ""}}})
    );
    assert_eq!(
        records[2]["details"]["changes"],
        serde_json::json!({
            "category": {"old": "", "new": "news"},
            "display_name": {"old": "", "new": "A!"}})
    );
    assert_eq!(
        records[3]["details"]["changes"],
        serde_json::json!({"auth_type": {"old": "none", "new": "basic"}})
    );
    assert_eq!(
        records[4]["details"],
        serde_json::json!({"feed_name": "b", "display_name": null, "url": "https://example.com/b", "auth_type": "none", "category": null, "custom_templates": []})
    );
    assert_eq!(
        records[5]["details"],
        serde_json::json!({"old_feed_name": "a", "new_feed_name": "b", "display_name": "A!",
            "url": "https://example.com/a", "overwritten_url": "https://example.com/b"})
    );
    let text = std::fs::read_to_string(env.dir().join("audit.log")).unwrap();
    assert!(!text.contains("auth_type_changed"), "{text}");
}
