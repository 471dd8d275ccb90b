//! The commands as a user runs them, one scenario per test.

mod common;

use std::fs::{self, File};
use std::time::{Duration, Instant};

use common::Env;

const HAND_WRITTEN: &str = "\
# My subscriptions (edited by hand)

feeds:
  # the good one
  syntax-fm:
    url: https://feed.syntax.fm/rss   # main feed
    display_name: Syntax
    auth:
      type: none
      username: null
      password: null
      token: null
    category: tech
    custom_templates: []
    my_note: keep this unknown key

  darknet-diaries:
    url: 'https://feeds.darknetdiaries.com/podcast.xml'
    rating: 5

# settings below are not inkwell's
editor: vim
";

#[test]
fn add_writes_the_inkwell_cli_schema_and_list_shows_it() {
    let env = Env::new();
    env.run(&["add", "https://example.com/feed.rss", "-n", "my-podcast"])
        .success()
        .stdout_has("Added feed 'my-podcast'");
    assert_eq!(
        env.feeds(),
        "\
feeds:
  my-podcast:
    url: https://example.com/feed.rss
    display_name: null
    auth:
      type: none
      username: null
      password: null
      token: null
    category: null
    custom_templates: []
"
    );
    let run = env.run(&["list", "feeds", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&run.success().stdout()).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"feeds": [{"name": "my-podcast", "display_name": "my-podcast",
            "url": "https://example.com/feed.rss", "auth": "none", "category": "", "extra_templates": []}],
            "total": 1})
    );
    env.run(&["list"])
        .success()
        .stdout_has("my-podcast")
        .stdout_has("https://example.com/feed.rss");
}

#[cfg(unix)]
#[test]
fn a_new_config_dir_is_private_and_feeds_yaml_is_0600() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a"])
        .success();
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&env.dir()), 0o700);
    assert_eq!(mode(&env.feeds_path()), 0o600);
    assert!(env.dir().join("feeds.lock").exists());
}

#[test]
fn aliases_and_options_of_add() {
    let env = Env::new();
    env.run(&[
        "add",
        "https://example.com/a",
        "--feed-name",
        "My Show!",
        "-c",
        "tech",
        "-t",
        "summary, quotes",
    ])
    .success()
    .stderr_has("normalized from 'My Show!'");
    let run = env.run(&["show", "my-show", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&run.success().stdout()).unwrap();
    assert_eq!(v["display_name"], "My Show!");
    assert_eq!(v["category"], "tech");
    assert_eq!(
        v["extra_templates"],
        serde_json::json!(["summary", "quotes"])
    );
    env.run(&[
        "add",
        "https://example.com/b",
        "--name",
        "b",
        "--display-name",
        "Bee",
    ])
    .success();
    env.run(&["show", "b"]).success().stdout_has("Bee");
}

#[test]
fn a_duplicate_name_is_refused_and_points_to_update_and_rename() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a"])
        .success();
    let before = env.feeds();
    env.run(&["add", "https://example.com/other", "-n", "A"])
        .fails_with(5)
        .stderr_has("a feed named 'a' already exists (url: https://example.com/a)")
        .stderr_has("inkwell update a")
        .stderr_has("inkwell rename a");
    assert_eq!(env.feeds(), before);
}

#[test]
fn a_url_already_present_under_another_name_warns_but_adds() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a"])
        .success();
    env.run(&["add", "https://example.com/a", "-n", "b"])
        .success()
        .stderr_has("warning: feed 'a' already has the URL");
    assert_eq!(env.names(), ["a", "b"]);
}

#[test]
fn bad_input_is_a_clear_error_and_nothing_is_created() {
    let env = Env::new();
    for (args, code, needle) in [
        (
            vec!["add", "not-a-url", "-n", "x"],
            3,
            "invalid URL 'not-a-url'",
        ),
        (
            vec!["add", "ftp://example.com/f", "-n", "x"],
            3,
            "scheme 'ftp'",
        ),
        (
            vec!["add", "https://example.com/f", "-n", "!!!"],
            3,
            "invalid feed name '!!!'",
        ),
        (vec!["add", "https://example.com/f"], 2, "--name"),
        (vec!["frobnicate"], 2, "unrecognized subcommand"),
        (
            vec!["--lock-timeout", "soon", "list"],
            2,
            "not a number of seconds",
        ),
    ] {
        env.run(&args)
            .fails_with(code)
            .stderr_has(needle)
            .no_panic();
    }
    assert!(!env.feeds_path().exists());
}

#[test]
fn remove_finds_exact_names_only_and_never_deletes_the_wrong_feed() {
    let env = Env::new();
    env.write_feeds(HAND_WRITTEN);
    env.run(&["remove", "Syntax Fn", "--force"])
        .fails_with(4)
        .stderr_has("no feed named 'Syntax Fn'")
        .stderr_has("did you mean 'syntax-fm'?");
    assert_eq!(env.feeds(), HAND_WRITTEN);
}

#[test]
fn remove_is_all_or_nothing() {
    let env = Env::new();
    env.write_feeds(HAND_WRITTEN);
    env.run(&["remove", "syntax-fm", "nope", "--force"])
        .fails_with(4)
        .stderr_has("'nope'");
    assert_eq!(env.feeds(), HAND_WRITTEN);
    env.run(&["rm", "syntax-fm", "darknet-diaries", "--force"])
        .success()
        .stdout_has("Removed feed 'syntax-fm'")
        .stdout_has("Removed feed 'darknet-diaries'");
    // Only the feeds' own lines go; the comment and blank lines around them are the user's.
    assert_eq!(
        env.feeds(),
        "# My subscriptions (edited by hand)\n\nfeeds: {}\n  # the good one\n\n\n# settings below are not inkwell's\neditor: vim\n"
    );
}

#[test]
fn remove_in_a_script_does_not_prompt() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a"])
        .success();
    // stdin is /dev/null, not a terminal: no prompt, no hang, and (as inkwell-cli aborts
    // there) nothing deleted without --force.
    env.run(&["remove", "a"])
        .fails_with(2)
        .stderr_has("pass --force");
    assert_eq!(env.names(), ["a"]);
    env.run(&["remove", "a", "--force"]).success();
    assert!(env.names().is_empty());
}

#[test]
fn edits_keep_comments_blank_lines_quoting_and_unknown_keys() {
    let env = Env::new();
    env.write_feeds(HAND_WRITTEN);
    env.run(&["add", "https://example.com/new", "-n", "new"])
        .success();
    let new_entry = "  new:\n    url: https://example.com/new\n    display_name: null\n    auth:\n      type: none\n      username: null\n      password: null\n      token: null\n    category: null\n    custom_templates: []\n";
    assert_eq!(
        env.feeds(),
        HAND_WRITTEN.replace("    rating: 5\n", &format!("    rating: 5\n{new_entry}")),
        "the new feed goes right after the last one; everything else is byte-identical"
    );

    env.run(&["remove", "new", "-f"]).success();
    assert_eq!(
        env.feeds(),
        HAND_WRITTEN,
        "add then remove restores the file byte for byte"
    );

    env.run(&["update", "darknet-diaries", "--category", "security"])
        .success();
    assert_eq!(
        env.feeds(),
        HAND_WRITTEN.replace("    rating: 5\n", "    rating: 5\n    category: security\n")
    );
    env.run(&["rename", "syntax-fm", "syntax"]).success();
    assert!(env.feeds().contains(
        "  # the good one\n  syntax:\n    url: https://feed.syntax.fm/rss   # main feed\n"
    ));
}

#[test]
fn crlf_files_stay_crlf() {
    let env = Env::new();
    env.write_feeds(HAND_WRITTEN.replace('\n', "\r\n"));
    env.run(&["add", "https://example.com/new", "-n", "new"])
        .success();
    let text = env.feeds();
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    assert_eq!(env.names(), ["syntax-fm", "darknet-diaries", "new"]);
}

#[test]
fn update_changes_and_clears_fields() {
    let env = Env::new();
    env.run(&[
        "add",
        "https://example.com/a",
        "-n",
        "a",
        "-c",
        "tech",
        "-t",
        "summary,quotes",
        "--display-name",
        "A",
    ])
    .success();
    env.run(&[
        "update",
        "a",
        "--url",
        "https://example.com/b",
        "--no-category",
        "--no-templates",
    ])
    .success()
    .stdout_has("url: https://example.com/a -> https://example.com/b");
    let v: serde_json::Value =
        serde_json::from_str(&env.run(&["show", "a", "--json"]).stdout()).unwrap();
    assert_eq!(v["url"], "https://example.com/b");
    assert_eq!(v["category"], "");
    assert_eq!(v["extra_templates"], serde_json::json!([]));
    assert_eq!(v["display_name"], "A");
    env.run(&["update", "a", "--no-display-name"]).success();
    let v: serde_json::Value =
        serde_json::from_str(&env.run(&["show", "a", "--json"]).stdout()).unwrap();
    assert_eq!(v["display_name"], "a", "falls back to the name");

    env.run(&["update", "a"])
        .fails_with(2)
        .stderr_has("nothing to update");
    env.run(&["update", "zzz", "--category", "x"]).fails_with(4);
    env.run(&["update", "a", "--url", "javascript:alert(1)"])
        .fails_with(3);
    env.run(&["update", "a", "--category", "x", "--no-category"])
        .fails_with(2);
}

#[test]
fn rename_refuses_to_overwrite_without_force() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a"])
        .success();
    env.run(&["add", "https://example.com/b", "-n", "b"])
        .success();
    env.run(&["rename", "a", "b"]).fails_with(5);
    env.run(&["rename", "missing", "c"]).fails_with(4);
    env.run(&["rename", "a", "B", "--force"])
        .success()
        .stderr_has("replaced the existing feed 'b'");
    assert_eq!(env.names(), ["b"]);
    let v: serde_json::Value =
        serde_json::from_str(&env.run(&["show", "b", "--json"]).stdout()).unwrap();
    assert_eq!(v["url"], "https://example.com/a");
}

#[test]
fn a_malformed_file_is_reported_with_its_position_and_left_alone() {
    let env = Env::new();
    for (text, needle) in [
        (
            "feeds:\n  a:\n    url: x\n   bad indent: [\n",
            "feeds.yaml:",
        ),
        (
            "- just\n- a list\n",
            "feeds.yaml:1:1: the top level must be a mapping",
        ),
        (
            "feeds:\n  a:\n    category: c\n",
            "feeds.yaml:2:3: feed 'a' has no 'url'",
        ),
        (
            "feeds: [a, b]\n",
            "feeds.yaml:1:8: 'feeds' must be a mapping",
        ),
    ] {
        env.write_feeds(text);
        env.run(&["add", "https://example.com/n", "-n", "n"])
            .fails_with(6)
            .stderr_has(needle)
            .no_panic();
        env.run(&["list"]).fails_with(6).stderr_has(needle);
        assert_eq!(env.feeds(), text);
    }
    env.write_feeds(b"feeds:\n  \xff\xfe: x\n");
    env.run(&["list"])
        .fails_with(6)
        .stderr_has("feeds.yaml:2:3: the file is not valid UTF-8");
}

#[test]
fn readers_of_a_missing_config_dir_see_no_feeds_and_create_nothing() {
    let env = Env::new();
    let run = env.run(&["list", "--json"]);
    assert_eq!(
        run.success().stdout(),
        "{\n  \"feeds\": [],\n  \"total\": 0\n}\n"
    );
    env.run(&["list"])
        .success()
        .stderr_has("No feeds configured yet");
    env.run(&["show", "x"]).fails_with(4);
    assert!(!env.dir().exists());
}

#[test]
fn config_dir_precedence_flag_then_env_then_xdg() {
    let env = Env::new();
    let xdg = env.root().join("xdg");
    let flag = env.root().join("flag");
    let mut cmd = env.command_without_dir();
    cmd.env("XDG_CONFIG_HOME", &xdg);
    assert!(
        cmd.args(["add", "https://example.com/x", "-n", "x"])
            .status()
            .unwrap()
            .success()
    );
    assert!(xdg.join("inkwell/feeds.yaml").exists());

    let mut cmd = env.command_without_dir();
    cmd.env("XDG_CONFIG_HOME", &xdg)
        .env("INKWELL_CONFIG_DIR", env.dir())
        .args(["--config-dir"])
        .arg(&flag)
        .args(["add", "https://example.com/y", "-n", "y"]);
    assert!(cmd.status().unwrap().success());
    assert!(flag.join("feeds.yaml").exists());
    assert!(
        !env.feeds_path().exists(),
        "the flag wins over INKWELL_CONFIG_DIR"
    );

    let mut cmd = env.command_without_dir();
    cmd.env("XDG_CONFIG_HOME", &xdg)
        .env("INKWELL_CONFIG_DIR", env.dir())
        .args(["add", "https://example.com/z", "-n", "z"]);
    assert!(cmd.status().unwrap().success());
    assert!(
        env.feeds_path().exists(),
        "INKWELL_CONFIG_DIR wins over XDG_CONFIG_HOME"
    );
}

#[test]
fn a_config_dir_that_is_a_file_is_an_io_error() {
    let env = Env::new();
    fs::write(env.dir(), "not a dir").unwrap();
    env.run(&["add", "https://example.com/x", "-n", "x"])
        .fails_with(8)
        .stderr_has("is not a directory")
        .no_panic();
}

#[test]
fn a_held_lock_times_out_with_its_own_exit_code() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a"])
        .success();
    let lock = File::options()
        .write(true)
        .open(env.dir().join("feeds.lock"))
        .unwrap();
    lock.lock().unwrap();

    let start = Instant::now();
    env.run(&[
        "--lock-timeout",
        "0.3",
        "add",
        "https://example.com/b",
        "-n",
        "b",
    ])
    .fails_with(7)
    .stderr_has("timed out after 0.3s waiting for the lock")
    .stderr_has("feeds.lock");
    assert!(
        start.elapsed() < Duration::from_millis(1300),
        "returned within timeout + 1 s"
    );

    let mut cmd = env.command();
    cmd.env("INKWELL_LOCK_TIMEOUT", "1.5")
        .args(["add", "https://example.com/b", "-n", "b"]);
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(7));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.matches("inkwell: waiting for the lock on").count(),
        1,
        "{err}"
    );

    // Readers take it shared: they wait for a writer (inkwell-cli saves in place) too.
    env.run(&["--lock-timeout", "0.3", "list", "--json"])
        .fails_with(7)
        .stderr_has("feeds.lock");
    drop(lock);
    assert_eq!(env.names(), ["a"]);
    env.run(&["add", "https://example.com/b", "-n", "b"])
        .success();
}

#[test]
fn help_documents_examples_and_exit_codes() {
    let env = Env::new();
    env.run(&["--help"])
        .success()
        .stdout_has("Exit codes:")
        .stdout_has("7  timed out waiting for the lock")
        .stdout_has("inkwell add https://example.com/feed.rss -n my-podcast");
    env.run(&["add", "--help"])
        .success()
        .stdout_has("--feed-name")
        .stdout_has("Examples:");
}
