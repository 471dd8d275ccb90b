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
    env.run(&["remove", "b-show"]).success();
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
        serde_json::json!({"feed_name": "a-show", "url": "https://example.com/a", "auth_type": "none", "category": "tech"})
    );
    assert_eq!(first["user"], "unknown", "USER is not set in the test env");
    assert!(first["pid"].as_u64().is_some());
    assert_eq!(
        records[1]["details"]["changes"]["url"],
        serde_json::json!({"old": "https://example.com/a", "new": "https://example.com/b"})
    );
    assert_eq!(
        records[2]["details"],
        serde_json::json!({"feed_name": "b-show", "old_name": "a-show", "new_name": "b-show"})
    );
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
