//! Hostile input: bad URLs and names on the command line, values full of YAML syntax and
//! control characters, and malformed or hostile files. Every failure has its documented
//! exit code (3 invalid input, 6 malformed file), a line and column where one applies,
//! and leaves feeds.yaml byte for byte as it was; every accepted value round-trips.

mod common;

use std::fs;
use std::process::Command;
use std::time::{Duration, Instant};

use common::Env;

const FILE: &str = "# mine\nfeeds:\n  a:\n    url: https://example.com/a\n";

#[test]
fn invalid_urls_are_refused_with_exit_3() {
    let env = Env::new();
    env.write_feeds(FILE);
    let long = format!("https://example.com/{}", "x".repeat(10_000));
    for (url, why) in [
        ("not-a-url", "needs http:// or https://"),
        ("ftp://example.com/feed", "scheme 'ftp'"),
        ("http://", "empty host"),
        ("https://example.com/a feed", "a space"),
        ("javascript:alert(1)", "scheme 'javascript'"),
        ("file:///etc/passwd", "scheme 'file'"),
        ("", "empty"),
        (long.as_str(), "the limit is 2083"),
    ] {
        let run = env.run(&["add", url, "-n", "x"]);
        run.fails_with(3).stderr_has(why).no_panic();
        if url != long {
            // A too-long URL has its own hint instead.
            run.stderr_has("http:// or https://");
        }
        assert_eq!(env.feeds(), FILE, "{url}");
    }
    // A 10 kB argument is shortened in the message.
    let run = env.run(&["add", &long, "-n", "x"]);
    assert!(run.stderr().len() < 1000, "{}", run.stderr().len());
}

#[test]
fn names_that_normalize_to_nothing_are_refused_with_exit_3() {
    let env = Env::new();
    env.write_feeds(FILE);
    for name in ["!!!", " ", "", "---", "日本語", "🎧", "\n\t"] {
        env.run(&["add", "https://example.com/x", &format!("--name={name}")])
            .fails_with(3)
            .stderr_has("invalid feed name")
            .no_panic();
        assert_eq!(env.feeds(), FILE, "{name:?}");
    }
}

/// Values that try to break out of their scalar, or that YAML would read as something
/// else; each must come back exactly as given.
const NASTY: &[&str] = &[
    "a: b",
    "- x",
    "&anchor",
    "*alias",
    "{}",
    "[1, 2]",
    "#",
    "x # not a comment",
    "'single'",
    "\"double\"",
    "back\\slash",
    "line\nbreak",
    "crlf\r\nbreak",
    "tab\there",
    "bell\u{7}del\u{7f}nel\u{85}",
    "ls\u{2028}ps\u{2029}bom\u{feff}",
    "  leading and trailing  ",
    "🎧 emoji",
    "中文播客",
    "yes",
    "null",
    "~",
    "0x1F",
    "1:20",
    "2024-01-01",
    "!!python/object:os.system",
    "%YAML 1.1",
    "---",
    "...",
    "key:\n  injected: true",
    "\"\nfeeds:\n  evil:\n    url: https://evil.example/\n",
];

#[test]
fn hostile_display_names_and_categories_round_trip_and_inject_nothing() {
    let env = Env::new();
    env.write_feeds(FILE);
    for (i, value) in NASTY.iter().enumerate() {
        let name = format!("n{i}");
        env.run(&[
            "add",
            "https://example.com/x",
            "-n",
            &name,
            &format!("--display-name={value}"),
            &format!("--category={value}"),
        ])
        .success()
        .no_panic();
        let run = env.run(&["show", &name, "--json"]);
        let v: serde_json::Value = serde_json::from_str(&run.success().stdout()).unwrap();
        assert_eq!(v["display_name"], *value, "display name {value:?}");
        assert_eq!(v["category"], *value, "category {value:?}");
        assert_eq!(v["url"], "https://example.com/x");

        // Template names must name a template (inkwell-cli 0.26's rule), so none of
        // these is stored; the refusal changes nothing.
        let before = env.feeds();
        env.run(&["update", &name, &format!("--templates={value}")])
            .fails_with(3)
            .stderr_has("unknown template");
        assert_eq!(env.feeds(), before, "{value:?}");
    }
    // Nothing was injected: exactly the feeds that were added, no others.
    let mut expected = vec!["a".to_string()];
    expected.extend((0..NASTY.len()).map(|i| format!("n{i}")));
    assert_eq!(env.names(), expected);
    assert!(env.feeds().starts_with("# mine\nfeeds:\n"));
}

#[test]
fn hostile_names_keep_what_was_typed_as_the_display_name() {
    let env = Env::new();
    for (typed, stored) in [
        ("My Podcast: Live!", "my-podcast-live"),
        ("- x &a *b {} #", "x-a-b"),
        ("  Spaces  ", "spaces"),
        ("Émission Ω 中文 1", "mission-1"),
        ("a\nb: c", "a-b-c"),
    ] {
        env.run(&["add", "https://example.com/x", &format!("--name={typed}")])
            .success()
            .stderr_has(&format!("stored as '{stored}'"));
        let run = env.run(&["show", stored, "--json"]);
        let v: serde_json::Value = serde_json::from_str(&run.success().stdout()).unwrap();
        assert_eq!(v["name"], stored);
        assert_eq!(v["display_name"], typed);
    }
}

/// Runs add and list on a malformed file: both fail with 6, mention `needle`, and the
/// file is byte-identical afterwards.
fn refused(bytes: &[u8], needle: &str) {
    let env = Env::new();
    env.write_feeds(bytes);
    for args in [
        &["add", "https://example.com/n", "-n", "n"][..],
        &["list"][..],
        &["remove", "a", "--force"][..],
    ] {
        env.run(args).fails_with(6).stderr_has(needle).no_panic();
        assert!(
            fs::read(env.feeds_path()).unwrap() == bytes,
            "{needle}: file changed"
        );
    }
    assert!(env.temp_files().is_empty());
}

#[test]
fn malformed_files_are_refused_with_their_position() {
    for (text, needle) in [
        (
            "feeds:\n  a:\n    url: [\n",
            "feeds.yaml:3:10: YAML syntax error: unclosed bracket",
        ),
        (
            "feeds:\n  a: 'unclosed\n",
            "feeds.yaml:2:6: YAML syntax error: unclosed quote",
        ),
        (
            "feeds:\n\ta:\n",
            "feeds.yaml:2:2: YAML syntax error: tabs disallowed",
        ),
        (
            "- a\n- b\n",
            "feeds.yaml:1:1: the top level must be a mapping",
        ),
        (
            "just a scalar\n",
            "feeds.yaml:1:1: the top level must be a mapping",
        ),
        (
            "feeds:\n  - a\n  - b\n",
            "feeds.yaml:2:3: 'feeds' must be a mapping of feed names to feeds, found a list",
        ),
        (
            "feeds:\n  a:\n    category: x\n",
            "feeds.yaml:2:3: feed 'a' has no 'url'",
        ),
        (
            "feeds:\n  a: https://x.example/\n",
            "feeds.yaml:2:3: feed 'a' must be a mapping",
        ),
        (
            "feeds: {}\nfeeds: {}\n",
            "feeds.yaml:2:1: duplicate top-level key 'feeds'",
        ),
        (
            "feeds:\n  a:\n    url: https://x.example/\n  a:\n    url: https://y.example/\n",
            "feeds.yaml:4:3: duplicate feed name 'a'",
        ),
        (
            "feeds:\n  a:\n    url: https://x.example/\n    url: https://y.example/\n",
            "feeds.yaml:4:5: feed 'a': duplicate field 'url'",
        ),
        (
            "feeds: {}\n---\nfeeds: {}\n",
            "feeds.yaml:2:1: the file holds more than one YAML document",
        ),
        (
            "feeds:\n  a:\n    url: *nowhere\n",
            "feeds.yaml:3:10: YAML syntax error: while parsing node, found unknown anchor",
        ),
    ] {
        refused(text.as_bytes(), needle);
    }
}

#[test]
fn invalid_utf8_and_binary_files_are_refused() {
    refused(
        b"feeds:\n  a:\n    url: https://x.example/\xc3\x28\n",
        "feeds.yaml:3:28: the file is not valid UTF-8",
    );
    let mut binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    binary.splice(0..0, b"\x7fELF".iter().copied());
    refused(&binary, "the file is not valid UTF-8");
    refused(
        b"feeds: {}\n\0\0\0",
        "feeds.yaml:2:1: YAML syntax error: unexpected character",
    );
}

/// Runs `inkwell list` on `text`, returning the run and the peak memory in KiB when
/// /usr/bin/time can measure it.
fn list_measured(env: &Env, text: &[u8]) -> (std::process::Output, Duration, Option<u64>) {
    env.write_feeds(text);
    let time = std::path::Path::new("/usr/bin/time");
    let start = Instant::now();
    let (out, peak) = if time.exists() {
        let mut cmd = Command::new(time);
        let inner = env.command();
        cmd.env_clear();
        for (k, v) in inner.get_envs() {
            if let Some(v) = v {
                cmd.env(k, v);
            }
        }
        let out = cmd
            .args(["-f", "PEAK_KB=%M", common::BIN])
            .args(inner.get_args())
            .arg("list")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let peak = err
            .lines()
            .find_map(|l| l.strip_prefix("PEAK_KB="))
            .and_then(|v| v.trim().parse().ok());
        (out, peak)
    } else {
        (env.command().arg("list").output().unwrap(), None)
    };
    (out, start.elapsed(), peak)
}

#[test]
fn an_alias_bomb_and_deep_nesting_fail_fast_in_little_memory() {
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    bomb.push_str("feeds:\n  x:\n    url: https://x.example/\n    bomb: *a9\n");
    let deep_flow = format!(
        "feeds:\n  x:\n    url: https://x.example/\n    deep: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let mut deep_block = String::from("feeds:\n  x:\n    url: https://x.example/\n    deep:\n");
    for i in 0..1_000 {
        deep_block.push_str(&format!("{}k{i}:\n", "  ".repeat(i + 3)));
    }
    for (what, text, needle) in [
        ("alias bomb", bomb.as_str(), "alias bomb"),
        (
            "deep flow nesting",
            deep_flow.as_str(),
            "recursion limit exceeded",
        ),
        (
            "deep block nesting",
            deep_block.as_str(),
            "recursion limit exceeded",
        ),
    ] {
        let env = Env::new();
        let (out, took, peak) = list_measured(&env, text.as_bytes());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(6), "{what}: {err}");
        assert!(err.contains(needle), "{what}: {err}");
        assert!(
            err.contains("feeds.yaml:"),
            "{what}: a position is given: {err}"
        );
        println!(
            "{what} ({} bytes): refused in {:.0} ms, peak memory {}",
            text.len(),
            took.as_secs_f64() * 1000.0,
            peak.map_or("not measured".into(), |kb| format!("{kb} KiB"))
        );
        // Generous bounds: the point is "no blow-up", not a benchmark.
        assert!(took < Duration::from_secs(10), "{what} took {took:?}");
        if let Some(kb) = peak {
            assert!(kb < 256 * 1024, "{what} peaked at {kb} KiB");
        }
        refused(text.as_bytes(), needle);
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_reading_it_all() {
    let env = Env::new();
    let mut text = String::from("feeds:\n");
    let entry = "  f:\n    url: https://example.com/feed\n";
    text.reserve(50 * 1024 * 1024);
    let mut i = 0;
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&entry.replace("f:", &format!("f{i}:")));
        i += 1;
    }
    let (out, took, peak) = list_measured(&env, text.as_bytes());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(6), "{err}");
    assert!(err.contains("larger than 32 MiB"), "{err}");
    println!(
        "50 MB file: refused in {:.0} ms, peak memory {}",
        took.as_secs_f64() * 1000.0,
        peak.map_or("not measured".into(), |kb| format!("{kb} KiB"))
    );
    if let Some(kb) = peak {
        assert!(kb < 128 * 1024, "peaked at {kb} KiB");
    }
    env.run(&["add", "https://example.com/n", "-n", "n"])
        .fails_with(6)
        .stderr_has("larger than 32 MiB");
    assert!(fs::read(env.feeds_path()).unwrap() == text.as_bytes());
}
