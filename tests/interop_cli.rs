//! inkwell and inkwell-cli 0.26 on one directory. Runs inkwell-cli's own ConfigManager
//! (tests/support/inkwell_cli_ops.py, with the Python of inkwell-cli's venv, found from
//! `$INKWELL_CLI_BIN` or /opt/inkwell-cli-venv) and skips with the reason printed when it
//! is not installed.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::Env;
use serde_json::{Value, json};

struct Both {
    env: Env,
    python: PathBuf,
}

impl Both {
    fn new() -> Option<Both> {
        let python = common::inkwell_cli_python()?;
        Some(Both {
            env: Env::new(),
            python,
        })
    }

    /// Runs `ops` through inkwell-cli's ConfigManager on the test's directory.
    fn cli(&self, ops: Value) -> Vec<Value> {
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/support/inkwell_cli_ops.py"
        );
        // inkwell-cli's directory is platformdirs' user_config_dir: $XDG_CONFIG_HOME/inkwell.
        let root = self.env.dir().parent().unwrap().join("xdg");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(self.env.dir()).unwrap();
        if !root.join("inkwell").exists() {
            std::os::unix::fs::symlink(self.env.dir(), root.join("inkwell")).unwrap();
        }
        let out = Command::new(&self.python)
            .arg(script)
            .arg(ops.to_string())
            .env_clear()
            .env("HOME", self.env.root())
            .env("XDG_CONFIG_HOME", &root)
            .output()
            .expect("python runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn cli_ok(&self, ops: Value) -> Vec<Value> {
        let results = self.cli(ops.clone());
        for (op, r) in ops.as_array().unwrap().iter().zip(&results) {
            assert_eq!(r["ok"], true, "inkwell-cli {op}: {}", r["error"]);
        }
        results.into_iter().map(|r| r["result"].clone()).collect()
    }

    fn log(&self) -> Vec<Value> {
        std::fs::read_to_string(self.env.dir().join("audit.log"))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

/// The shape of a JSON value: the same keys, with each value's type (recursively).
fn shape(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), shape(v))).collect()),
        Value::Array(items) => json!(["array", items.first().map(shape)]),
        Value::String(_) => json!("string"),
        Value::Number(_) => json!("number"),
        Value::Bool(_) => json!("bool"),
        Value::Null => json!("null"),
    }
}

#[test]
fn audit_records_of_the_same_operations_have_the_same_shape() {
    let Some(both) = Both::new() else { return };
    let env = &both.env;
    both.cli_ok(json!([
        [
            "add",
            "Py Show",
            "https://example.com/p",
            "tech",
            ["summary"]
        ],
        ["set_templates", "py-show", ["summary", "quotes"]],
        ["rename", "py-show", "Py Better"],
        ["remove", "py-better"],
    ]));
    let py = both.log();
    env.run(&[
        "add",
        "https://example.com/r",
        "-n",
        "Rs Show",
        "-c",
        "tech",
        "-t",
        "summary",
    ])
    .success();
    env.run(&["update", "rs-show", "-t", "summary,quotes"])
        .success();
    env.run(&["rename", "rs-show", "Rs Better"]).success();
    env.run(&["remove", "rs-better", "--force"]).success();
    let rs = both.log()[py.len()..].to_vec();
    let ops = |log: &[Value]| {
        log.iter()
            .map(|r| r["operation"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ops(&py), ops(&rs));
    for (p, r) in py.iter().zip(&rs) {
        assert_eq!(shape(p), shape(r), "\ninkwell-cli: {p}\ninkwell:     {r}");
    }
    // Each tool reads the other's history and finds the feed through its rename.
    env.run(&["history", "py-better"])
        .success()
        .stdout_has("-> py-better")
        .stdout_has("add_feed");
    let h = both.cli_ok(json!([["history", "rs-show"], ["recent", 8]]));
    assert_eq!(h[0], json!(["add_feed", "update_feed"]));
    assert_eq!(h[1].as_array().unwrap().len(), 8);

    // update_config: a setting both tools log.
    both.cli_ok(json!([["config_set", "log_level", "DEBUG"]]));
    env.run(&["config", "set", "log_level", "WARNING"])
        .success();
    let log = both.log();
    let (p, r) = (&log[log.len() - 2], &log[log.len() - 1]);
    assert_eq!(p["operation"], "update_config");
    // inkwell-cli logs only the keys it compares (its first save also drops the deprecated
    // keys of its default file); every change is {old, new} strings in both.
    for rec in [p, r] {
        let changes = rec["details"]["changes"].as_object().unwrap();
        assert!(changes.contains_key("log_level"), "{rec}");
        for c in changes.values() {
            assert_eq!(shape(c), json!({"old": "string", "new": "string"}), "{rec}");
        }
    }
}

#[test]
fn every_accepted_config_set_leaves_a_config_inkwell_cli_loads() {
    let Some(both) = Both::new() else { return };
    let env = &both.env;
    let cases = [
        ("cache.media.max_mb", "1"),
        ("cache.media.max_mb", "102400"),
        ("cache.media.ttl_days", "3650"),
        ("extraction.short_content_bypass_enabled", "no"),
        ("extraction.short_content_bypass_tokens", "100000"),
        ("interview.temperature", "2"),
        ("interview.question_count", "100"),
        ("interview.format_style", "qa"),
        ("transcription.model_name", "gemini-2.5-pro"),
        ("transcription.api_key", "AIzaSyA-0123456789abcdef"),
        ("version", "2"),
        ("default_templates", "summary,quotes"),
        ("template_categories.news", "summary"),
        ("plugins.whisper.priority", "200"),
        ("plugins.whisper.config.model", "base"),
        ("default_output_dir", "~/notes"),
        ("interview.guidelines", "yes"),
    ];
    let refused = [
        ("cache.media.max_mb", "0"),
        ("cache.media.max_mb", "200000"),
        ("cache.media.ttl_days", "5000"),
        ("interview.temperature", "2.5"),
        ("transcription.model_name", "gpt-4"),
        ("transcription.api_key", "short"),
    ];
    for (key, value) in cases {
        env.run(&["config", "set", key, value]).success();
        let got = &both.cli(json!([["load_config"]]))[0];
        assert_eq!(
            got["ok"], true,
            "after `config set {key} {value}`: {}",
            got["error"]
        );
    }
    for (key, value) in refused {
        env.run(&["config", "set", key, value]).fails_with(3);
    }
    let config = &both.cli_ok(json!([["load_config"]]))[0];
    assert_eq!(config["cache"]["media"]["max_mb"], 102400);
    assert_eq!(config["extraction"]["short_content_bypass_enabled"], false);
    assert_eq!(config["plugins"]["whisper"]["priority"], 200);
    assert_eq!(config["version"], "2");
}

#[test]
fn every_installed_edit_leaves_feeds_inkwell_cli_loads_and_lists() {
    let Some(both) = Both::new() else { return };
    let env = &both.env;
    env.write_feeds("feeds:\n  a:\n    url: https://example.com/a\n");
    let edits = [
        "feeds:\n  a:\n    url: https://example.com/a\n    display_name: The A Show\n    custom_templates: [summary]\n",
        "feeds:\n  a:\n    url: http://localhost:8080/a?x=1\n    auth:\n      type: none\n    category: \"5\"\n",
        "feeds:\n  a:\n    url: notaurl\n",
        "feeds:\n  a:\n    url: https://example.com/a\n    auth:\n      type: oauth\n",
        "feeds:\n  a:\n    url: https://example.com/a\n    display_name: 12\n",
    ];
    for edited in edits {
        std::fs::write(env.root().join("new.yaml"), edited).unwrap();
        let out = env
            .command()
            .env(
                "EDITOR",
                format!("cp {}", env.root().join("new.yaml").display()),
            )
            .arg("edit")
            .output()
            .unwrap();
        let got = &both.cli(json!([["load_feeds"]]))[0];
        assert_eq!(
            got["ok"],
            true,
            "inkwell-cli cannot load what `edit` left (exit {:?}, {}): {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr),
            got["error"]
        );
    }
    // inkwell lists what inkwell-cli added, display name and templates included.
    both.cli_ok(json!([[
        "add",
        "My Pod",
        "https://example.com/m",
        null,
        ["quotes"]
    ]]));
    env.run(&["list"])
        .success()
        .stdout_has("My Pod")
        .stdout_has("quotes");
}

// The directory both tools use is platformdirs' (the version in inkwell-cli's venv), for
// Linux, macOS and Windows environments alike, HOME-less ones included.
#[test]
fn the_config_dir_is_platformdirs_user_config_dir_on_every_platform() {
    use inkwell::paths::{Os, platform_config_dir};
    let Some(python) = common::inkwell_cli_python() else {
        return;
    };
    let cases: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("unix", vec![("HOME", "/home/ann")]),
        (
            "unix",
            vec![("HOME", "/home/ann"), ("XDG_CONFIG_HOME", "/xdg")],
        ),
        (
            "unix",
            vec![("HOME", "/home/ann"), ("XDG_CONFIG_HOME", "/xdg/")],
        ),
        (
            "unix",
            vec![("HOME", "/home/ann"), ("XDG_CONFIG_HOME", "rel")],
        ),
        ("unix", vec![("HOME", "/home/ann"), ("XDG_CONFIG_HOME", "")]),
        ("unix", vec![]),
        ("unix", vec![("HOME", "relative")]),
        ("unix", vec![("HOME", "")]),
        ("macos", vec![("HOME", "/Users/ann")]),
        (
            "macos",
            vec![
                ("HOME", "/Users/ann"),
                ("XDG_CONFIG_HOME", "/Users/ann/.config"),
            ],
        ),
        (
            "macos",
            vec![("HOME", "/Users/ann"), ("XDG_CONFIG_HOME", "rel")],
        ),
        ("macos", vec![]),
        (
            "windows",
            vec![
                ("APPDATA", r"C:\Users\ann\AppData\Roaming"),
                ("LOCALAPPDATA", r"C:\Users\ann\AppData\Local"),
                ("XDG_CONFIG_HOME", "/ignored"),
                ("HOME", "/ignored"),
            ],
        ),
        ("windows", vec![("LOCALAPPDATA", r"C:\L\")]),
        (
            "windows",
            vec![
                ("LOCALAPPDATA", r"C:\L"),
                ("WIN_PD_OVERRIDE_LOCAL_APPDATA", r"D:\Over\"),
            ],
        ),
        (
            "windows",
            vec![
                ("LOCALAPPDATA", r"C:\L"),
                ("WIN_PD_OVERRIDE_LOCAL_APPDATA", "rel"),
            ],
        ),
        (
            "windows",
            vec![
                ("LOCALAPPDATA", r"C:\L"),
                ("WIN_PD_OVERRIDE_LOCAL_APPDATA", r"  E:\Sp  "),
            ],
        ),
    ];
    let as_json: Vec<Value> = cases
        .iter()
        .map(|(os, vars)| {
            json!([
                os,
                vars.iter()
                    .map(|(k, v)| (k.to_string(), json!(v)))
                    .collect::<serde_json::Map<_, _>>()
            ])
        })
        .collect();
    let out = Command::new(&python)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/support/platformdirs_config_dir.py"
        ))
        .arg(Value::Array(as_json).to_string())
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected: Vec<Option<String>> = serde_json::from_slice(&out.stdout).unwrap();
    let mut wrong = Vec::new();
    for ((os, vars), want) in cases.iter().zip(expected) {
        let kind = match *os {
            "unix" => Os::Unix,
            "macos" => Os::MacOs,
            _ => Os::Windows,
        };
        let got = platform_config_dir(
            kind,
            |name| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| std::ffi::OsString::from(v))
            },
            inkwell::platform::passwd_home,
        )
        .map(|p| p.to_string_lossy().into_owned());
        if got != want {
            wrong.push(format!(
                "{os} {vars:?}: platformdirs {want:?}, inkwell {got:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

// `config edit` installs what inkwell-cli loads and refuses what it refuses.
#[test]
fn config_edit_accepts_exactly_what_inkwell_cli_loads() {
    let Some(both) = Both::new() else { return };
    let env = &both.env;
    let texts = [
        "log_level: DEBUG\n",
        "transcription_model: gpt-4\n",
        "transcription_model: \"\"\n",
        "interview_model: 5\n",
        "transcription:\n  model_name: gemini-x\ntranscription_model: [a]\n",
        "transcription:\n  model_name: gemini-x\nyoutube_check: maybe\n",
        "cache:\n  media:\n    max_mb: 0\n",
        "cache:\n  media:\n    max_mb: 102400\n    ttl_days: 3650\n",
        "extraction:\n  short_content_bypass_tokens: 100001\n",
        "interview: 5\n",
        "plugins:\n  whisper:\n    priority: 201\n",
        "plugins:\n  whisper:\n    priority: 200\n    config:\n      model: base\n",
        "log_level: LOUD\n",
        "default_templates: summary\n",
        "template_categories:\n  news: [summary]\n",
    ];
    let mut disagree = Vec::new();
    for text in texts {
        std::fs::create_dir_all(env.dir()).unwrap();
        std::fs::write(env.dir().join("config.yaml"), "log_level: INFO\n").unwrap();
        std::fs::write(env.root().join("edited.yaml"), text).unwrap();
        let out = env
            .command()
            .args(["config", "edit"])
            .env(
                "EDITOR",
                format!("cp {}", env.root().join("edited.yaml").display()),
            )
            .output()
            .unwrap();
        let installed = out.status.success();
        // What inkwell-cli makes of the same text.
        std::fs::write(env.dir().join("config.yaml"), text).unwrap();
        let loads = both.cli(json!([["load_config"]]))[0]["ok"] == true;
        if installed != loads {
            disagree.push(format!(
                "{text:?}: inkwell {} (exit {:?}: {}), inkwell-cli {}",
                if installed { "installs" } else { "refuses" },
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).trim(),
                if loads { "loads it" } else { "refuses it" },
            ));
        }
        let _ = std::fs::remove_file(env.dir().join("config.edited.yaml"));
    }
    assert!(disagree.is_empty(), "\n{}", disagree.join("\n"));
}

// `edit` installs what inkwell-cli loads and refuses what it refuses.
#[test]
fn edit_accepts_exactly_what_inkwell_cli_loads() {
    let Some(both) = Both::new() else { return };
    let env = &both.env;
    let feed = |rest: &str| format!("feeds:\n  a:\n    url: https://example.com/a\n{rest}");
    let texts = [
        feed(""),
        feed("    category: 5\n"),
        feed("    category: \"5\"\n"),
        feed("    display_name: null\n"),
        feed("    display_name: true\n"),
        feed("    custom_templates: summary\n"),
        feed("    custom_templates: [sumary]\n"),
        feed("    custom_templates: [1]\n"),
        feed("    auth: null\n"),
        feed("    auth:\n      type: basic\n"),
        feed("    auth:\n      type: BASIC\n"),
        feed("    auth:\n      type: basic\n      username: plain\n"),
        feed("    extra_field: kept\n"),
        "feeds:\n  a:\n    url: http://localhost\n".into(),
        "feeds:\n  a:\n    url: https://example.com:99999/\n".into(),
        "feeds:\n  a:\n    url: \"https://exa mple.com/\"\n".into(),
        "feeds:\n  a:\n    url: https://例え.jp/feed\n".into(),
        "feeds:\n  a:\n    url: ftp://example.com/\n".into(),
        "feeds:\n  a:\n    url: https://\n".into(),
        "feeds:\n  123:\n    url: https://example.com/a\n".into(),
        "feeds: null\n".into(),
        "feeds: []\n".into(),
        "feeds:\n  a: null\n".into(),
        "other: 1\n".into(),
        "".into(),
    ];
    let mut disagree = Vec::new();
    for text in &texts {
        env.write_feeds("feeds:\n  z:\n    url: https://example.com/z\n");
        std::fs::write(env.root().join("edited.yaml"), text).unwrap();
        let out = env
            .command()
            .env(
                "EDITOR",
                format!("cp {}", env.root().join("edited.yaml").display()),
            )
            .arg("edit")
            .output()
            .unwrap();
        let installed = out.status.success();
        env.write_feeds(text);
        let got = &both.cli(json!([["load_feeds"]]))[0];
        let loads = got["ok"] == true;
        if installed != loads {
            disagree.push(format!(
                "{text:?}: inkwell {} (exit {:?}: {}), inkwell-cli {} {}",
                if installed { "installs" } else { "refuses" },
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).trim(),
                if loads { "loads it" } else { "refuses it" },
                got["error"]
            ));
        }
        let _ = std::fs::remove_file(env.dir().join("feeds.edited.yaml"));
    }
    assert!(disagree.is_empty(), "\n{}", disagree.join("\n\n"));
}
