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
    env.run(&["update", "dash", "-c", "-other", "--display-name", "-y"])
        .success();
    env.run(&["show", "dash"])
        .stdout_has("category:      -other")
        .stdout_has("display name:  -y");
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
    run.fails_with(3).stderr_has("the limit is 4096");
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
    let v = env
        .run(&["rename", "beta", "gamma", "--json"])
        .success()
        .json();
    assert_eq!(v["changes"][0]["name"], "gamma");
    assert_eq!(v["changes"][0]["old_name"], "beta");
    let v = env.run(&["remove", "gamma", "--json"]).success().json();
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
