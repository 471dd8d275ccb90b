//! `inkwell config`: inkwell-cli's config.yaml, checked before writing, edited in place
//! with comments and unknown keys kept, safe under concurrency, recorded in audit.log.

mod common;

use std::fs;
use std::process::Command;

use common::Env;

fn config(env: &Env) -> String {
    fs::read_to_string(env.dir().join("config.yaml")).unwrap_or_default()
}

fn write_config(env: &Env, text: &str) {
    fs::create_dir_all(env.dir()).unwrap();
    fs::write(env.dir().join("config.yaml"), text).unwrap();
}

fn audit_lines(env: &Env) -> Vec<serde_json::Value> {
    fs::read_to_string(env.dir().join("audit.log"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const ORIGINAL: &str = "\
# inkwell configuration
version: \"1\"
default_output_dir: ~/inkwell-notes   # where notes go
log_level: INFO

default_templates:
- summary
- quotes

interview:
  model: claude-sonnet-4-5
  temperature: 0.7   # creativity

obsidian:            # not in inkwell-cli's schema: kept as is
  vault: ~/vault
";

#[test]
fn set_changes_only_the_value_and_keeps_everything_else() {
    let env = Env::new();
    write_config(&env, ORIGINAL);
    env.run(&["config", "set", "log_level", "debug"])
        .success()
        .stdout_has("Set log_level = DEBUG (was INFO)");
    env.run(&["config", "set", "interview.temperature", "1.2"])
        .success();
    env.run(&["config", "set", "interview.question_count", "8"])
        .success();
    env.run(&["config", "set", "default_templates", "summary,key-concepts"])
        .success();
    env.run(&["config", "set", "cache.media.enabled", "no"])
        .success();
    assert_eq!(
        config(&env),
        "\
# inkwell configuration
version: \"1\"
default_output_dir: ~/inkwell-notes   # where notes go
log_level: DEBUG

default_templates: [summary, key-concepts]

interview:
  model: claude-sonnet-4-5
  temperature: 1.2   # creativity
  question_count: 8

obsidian:            # not in inkwell-cli's schema: kept as is
  vault: ~/vault
cache:
  media:
    enabled: false
"
    );
    env.run(&["config", "get", "interview.temperature"])
        .success()
        .stdout_has("1.2");
    env.run(&["config", "get", "cache.media.enabled"])
        .success()
        .stdout_has("false");
    let ops: Vec<String> = audit_lines(&env)
        .iter()
        .map(|r| r["operation"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ops, vec!["update_config"; 5]);
    assert_eq!(
        audit_lines(&env)[0]["details"],
        serde_json::json!({"changes": {"log_level": {"old": "INFO", "new": "DEBUG"}}})
    );
}

#[test]
fn set_refuses_bad_values_before_writing() {
    let env = Env::new();
    write_config(&env, ORIGINAL);
    let cases: &[(&[&str], &str)] = &[
        (&["log_level", "LOUD"], "DEBUG, INFO, WARNING, ERROR"),
        (&["interview.question_count", "0"], "from 1 to 100"),
        (&["interview.question_count", "five"], "whole number"),
        (&["interview.temperature", "-1"], "from 0 to 2"),
        (
            &["interview.format_style", "poem"],
            "structured, narrative, qa",
        ),
        (&["transcription.model_name", "gpt-4"], "gemini-"),
        (&["transcription.api_key", "short"], "20 to 500"),
        (&["cache.media.enabled", "maybe"], "true or false"),
        (&["plugins.codex.priority", "500"], "from 0 to 200"),
        (
            &["transcription_model", "gemini-x"],
            "transcription.model_name",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["config", "set"];
        all.extend_from_slice(args);
        env.run(&all).fails_with(3).stderr_has(expected).no_panic();
    }
    env.run(&["config", "set", "log_levl", "DEBUG"])
        .fails_with(4)
        .stderr_has("unknown config key 'log_levl'")
        .stderr_has("did you mean 'log_level'?");
    env.run(&["config", "set", "interview.modle", "x"])
        .fails_with(4)
        .stderr_has("did you mean 'interview.model'?");
    env.run(&["config", "get", "nope.nothing"]).fails_with(4);
    assert_eq!(config(&env), ORIGINAL, "nothing was written");
    assert!(audit_lines(&env).is_empty());
}

#[test]
fn a_missing_config_means_defaults_and_is_created_on_set() {
    let env = Env::new();
    let show = env.run(&["config", "show"]);
    show.success()
        .stdout_has("missing")
        .stdout_has("log_level")
        .stdout_has("INFO  (default)")
        .stdout_has("template_categories.tech");
    env.run(&["config", "get", "cache.media.max_mb"])
        .success()
        .stdout_has("2048");
    assert!(
        !env.dir().join("config.yaml").exists(),
        "reading writes nothing"
    );
    env.run(&[
        "config",
        "set",
        "template_categories.news",
        "headlines,people-mentioned",
    ])
    .success();
    // inkwell-cli replaces its default categories with the file's: they are written too.
    env.run(&["config", "get", "template_categories.tech"])
        .success()
        .stdout_has("tools-mentioned, frameworks-mentioned");
    env.run(&["config", "get", "template_categories.news"])
        .success()
        .stdout_has("headlines, people-mentioned");
    let show = env.run(&["config", "show"]);
    show.success();
    let line = |key: &str| {
        show.stdout()
            .lines()
            .find(|l| l.starts_with(&format!("{key} ")))
            .unwrap_or_else(|| panic!("no {key} line"))
            .to_string()
    };
    assert!(line("log_level").ends_with("(default)"));
    assert!(!line("template_categories.tech").contains("(default)"));
}

#[test]
fn api_keys_are_masked() {
    let env = Env::new();
    let key = "AIzaSyExampleExampleExample1234";
    env.run(&["config", "set", "transcription.api_key", key])
        .success()
        .stdout_has("••••1234");
    for args in [
        &["config", "show"][..],
        &["config", "get", "transcription.api_key"],
        &["history"],
    ] {
        let run = env.run(args);
        run.success();
        assert!(!run.stdout().contains(key), "{args:?} printed the key");
    }
    assert!(
        !fs::read_to_string(env.dir().join("audit.log"))
            .unwrap()
            .contains(key)
    );
    env.run(&["config", "get", "transcription.api_key", "--reveal"])
        .success()
        .stdout_has(key);
}

#[test]
fn inkwell_clis_checksum_trailer_is_recomputed() {
    use sha2::{Digest, Sha256};
    let env = Env::new();
    let body = "log_level: INFO\n";
    write_config(
        &env,
        &format!("{body}# checksum: {:x}\n", Sha256::digest(body)),
    );
    env.run(&["config", "set", "log_level", "ERROR"]).success();
    let text = config(&env);
    let (new_body, sum) = text.rsplit_once("# checksum: ").unwrap();
    assert_eq!(new_body, "log_level: ERROR\n");
    assert_eq!(sum.trim(), format!("{:x}", Sha256::digest(new_body)));
}

#[test]
fn thirty_simultaneous_sets_all_land() {
    let env = Env::new();
    write_config(&env, ORIGINAL);
    let children: Vec<_> = (0..30)
        .map(|i| {
            env.spawn(&[
                "config".into(),
                "set".into(),
                format!("plugins.p{i}.priority"),
                format!("{i}"),
            ])
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    for i in 0..30 {
        env.run(&["config", "get", &format!("plugins.p{i}.priority")])
            .success()
            .stdout_has(&format!("{i}\n"));
    }
    assert!(config(&env).starts_with(ORIGINAL.trim_end()));
    assert_eq!(audit_lines(&env).len(), 30);
    assert!(env.temp_files().is_empty(), "{:?}", env.temp_files());
}

#[test]
fn edit_installs_only_a_valid_file() {
    let env = Env::new();
    write_config(&env, ORIGINAL);
    let edit = |script: &str| {
        env.command()
            .args(["config", "edit"])
            .env("EDITOR", script)
            .output()
            .unwrap()
    };
    let bad = edit("sed -i s/^log_level:.*/log_level:\\ LOUD/");
    assert_eq!(bad.status.code(), Some(6), "{bad:?}");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("'LOUD' is not allowed"));
    assert_eq!(config(&env), ORIGINAL);
    let good = edit("sed -i s/^log_level:.*/log_level:\\ WARNING/");
    assert!(good.status.success(), "{good:?}");
    assert_eq!(
        config(&env),
        ORIGINAL.replace("log_level: INFO", "log_level: WARNING")
    );
    let last = audit_lines(&env).pop().unwrap();
    assert_eq!(
        last["details"]["changes"]["log_level"],
        serde_json::json!({"old": "INFO", "new": "WARNING"})
    );
    let failed = edit("false");
    assert_eq!(failed.status.code(), Some(1), "{failed:?}");
    assert!(String::from_utf8_lossy(&failed.stderr).contains("config.yaml is unchanged"));
}

// As `inkwell edit` does: each problem at its line and column of the edited copy (kept
// as config.edited.yaml), in file order, the first as `path:line:column:`; exit 6.
#[test]
fn edit_reports_problems_at_their_line_and_column_in_the_edited_copy() {
    let env = Env::new();
    write_config(&env, ORIGINAL);
    let edited = "\
log_level: LOUD
cache:
  media:
    max_mb: 0
interview: 5
extraction:
  short_content_bypass_enabled: maybe
";
    fs::write(env.root().join("edited.yaml"), edited).unwrap();
    let out = env
        .command()
        .args(["config", "edit"])
        .env(
            "EDITOR",
            format!("cp {}", env.root().join("edited.yaml").display()),
        )
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(6), "{err}");
    let kept = env.dir().join("config.edited.yaml");
    assert!(
        err.contains(&format!(
            "{}:1:12: log_level: 'LOUD' is not allowed",
            kept.display()
        )),
        "{err}"
    );
    for also in [
        "also 4:13: cache.media.max_mb: 0 is out of range",
        "also 5:12: interview: must be a mapping",
        "also 7:33: extraction.short_content_bypass_enabled: 'maybe' is not true or false",
    ] {
        assert!(err.contains(also), "{also}: {err}");
    }
    let first = |needle: &str| err.find(needle).unwrap();
    assert!(first("also 4:13") < first("also 5:12") && first("also 5:12") < first("also 7:33"));
    assert!(
        err.contains("inkwell config edit"),
        "the hint names config edit: {err}"
    );
    assert_eq!(fs::read_to_string(kept).unwrap(), edited);
    assert_eq!(config(&env), ORIGINAL, "nothing installed");
}

// inkwell-cli 0.26 types its deprecated top-level keys `str | None` / `bool | None` and
// copies them into the new fields unchecked: `transcription_model: gpt-4` loads there.
#[test]
fn edit_checks_deprecated_keys_as_0_26_does() {
    let env = Env::new();
    write_config(&env, "log_level: INFO\n");
    let edit = |text: &str| {
        fs::write(env.root().join("edited.yaml"), text).unwrap();
        env.command()
            .args(["config", "edit"])
            .env(
                "EDITOR",
                format!("cp {}", env.root().join("edited.yaml").display()),
            )
            .output()
            .unwrap()
    };
    let ok = edit("log_level: INFO\ntranscription_model: gpt-4\n");
    assert!(ok.status.success(), "{ok:?}");
    env.run(&["config", "get", "transcription.model_name"])
        .success()
        .stdout_has("gpt-4");
    // Each refused text is kept under a name of its own.
    for (text, needle) in [
        (
            "interview_model: 5\n",
            "config.edited.yaml:1:18: interview.model: '5' is not a string",
        ),
        // With the new section present the old key is not used, but still typed.
        (
            "transcription:\n  model_name: gemini-x\ntranscription_model: [a]\n",
            "config.edited.2.yaml:3:22: transcription_model: a list is not",
        ),
        (
            "transcription:\n  model_name: gemini-x\nyoutube_check: maybe\n",
            "config.edited.3.yaml:3:16: youtube_check: 'maybe' is not true or false",
        ),
    ] {
        let bad = edit(text);
        let err = String::from_utf8_lossy(&bad.stderr);
        assert_eq!(bad.status.code(), Some(6), "{text}: {err}");
        assert!(err.contains(needle), "{needle}: {err}");
    }
}

// Regression: `config edit` in a script with no editor set started vi, which hung
// waiting for a terminal that was not there.
#[test]
fn edit_without_a_terminal_needs_an_explicit_editor() {
    let env = Env::new();
    write_config(&env, ORIGINAL);
    env.run(&["config", "edit"])
        .fails_with(1)
        .stderr_has("no editor is set")
        .stderr_has("--editor");
    assert_eq!(config(&env), ORIGINAL);
    env.run(&[
        "config",
        "edit",
        "--editor",
        "sed -i s/^log_level:.*/log_level:\\ ERROR/",
    ])
    .success();
    assert_eq!(
        config(&env),
        ORIGINAL.replace("log_level: INFO", "log_level: ERROR")
    );
}

// Regression: when another program saved config.yaml during `config edit`, the edited
// text was thrown away.
#[test]
fn edit_keeps_the_typing_when_config_yaml_changed_meanwhile() {
    let env = Env::new();
    write_config(&env, ORIGINAL);
    let dir = env.dir().display().to_string();
    let editor = format!(
        "f() {{ printf 'log_level: ERROR\\n' > '{dir}/other' && mv '{dir}/other' '{dir}/config.yaml'; sed -i s/^log_level:.*/log_level:\\ WARNING/ \"$1\"; }}; f"
    );
    env.run(&["config", "edit", "--editor", &editor])
        .fails_with(9)
        .stderr_has("config.edited.yaml")
        .stderr_has("inkwell config edit");
    assert_eq!(config(&env), "log_level: ERROR\n");
    let kept = std::fs::read_to_string(env.dir().join("config.edited.yaml")).unwrap();
    assert_eq!(
        kept,
        ORIGINAL.replace("log_level: INFO", "log_level: WARNING")
    );
}

/// The private copies `config edit` opens in the editor, by name.
fn edit_copies(env: &Env) -> Vec<String> {
    fs::read_dir(env.dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".config.yaml.") && n.contains("edit"))
        .collect()
}

// Regression: a killed `config edit` left its private copy of config.yaml (API keys
// included) in the config directory, and nothing ever removed it. Now the next change to
// config.yaml removes it, as the next change to feeds.yaml removes a killed `edit`'s copy.
#[cfg(unix)]
#[test]
fn a_killed_config_edit_leaves_no_copy_of_config_yaml_behind() {
    let env = Env::new();
    write_config(&env, ORIGINAL);
    let pid_file = env.root().join("editor.pid");
    // The editor records its pid and sleeps; `#` drops the file argument.
    let editor = format!("echo $$ > '{}'; exec sleep 60 #", pid_file.display());
    let mut edit = env.spawn(&["config".into(), "edit".into(), "--editor".into(), editor]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let editor_pid = loop {
        if let Some(pid) = fs::read_to_string(&pid_file)
            .ok()
            .and_then(|p| p.trim().parse::<u32>().ok())
        {
            break pid;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the editor never started"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(edit_copies(&env).len(), 1, "{}", env.listing());
    edit.kill().unwrap(); // SIGKILL: inkwell cannot clean up
    edit.wait().unwrap();
    let _ = Command::new("kill").arg(editor_pid.to_string()).status();
    assert_eq!(
        edit_copies(&env).len(),
        1,
        "the killed process left its copy"
    );

    env.run(&["config", "set", "log_level", "WARNING"])
        .success();
    assert!(edit_copies(&env).is_empty(), "{}", env.listing());
    assert_eq!(
        config(&env),
        ORIGINAL.replace("log_level: INFO", "log_level: WARNING")
    );
}

/// PyYAML (inkwell-cli's reader) sees the types that were meant.
#[test]
fn pyyaml_reads_back_the_intended_types() {
    let probe = Command::new("python3").args(["-c", "import yaml"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: python3 with PyYAML is not installed");
        return;
    }
    let env = Env::new();
    for (k, v) in [
        ("version", "1"),
        ("log_level", "warning"),
        ("interview.temperature", "1"),
        ("interview.guidelines", "yes: no # maybe"),
        ("cache.media.max_mb", "512"),
        ("default_templates", "on,null,a b"),
    ] {
        env.run(&["config", "set", k, v]).success();
    }
    let script = "import sys, yaml, json\nprint(json.dumps(yaml.safe_load(open(sys.argv[1]))))";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(env.dir().join("config.yaml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "1");
    assert_eq!(v["log_level"], "WARNING");
    assert!(v["interview"]["temperature"].is_f64());
    assert_eq!(v["interview"]["guidelines"], "yes: no # maybe");
    assert_eq!(v["cache"]["media"]["max_mb"], 512);
    assert_eq!(
        v["default_templates"],
        serde_json::json!(["on", "null", "a b"])
    );
}

// Regression: `config` was written before the global flags and ignored `--json` and `-q`,
// and `config set` had no `--dry-run` although every other mutating command has one.
#[test]
fn config_honours_json_quiet_and_dry_run() {
    let env = Env::new();
    env.run(&["config", "set", "log_level", "debug", "--dry-run"])
        .success()
        .stdout_has("Would set log_level = DEBUG");
    assert!(
        !env.dir().exists(),
        "a dry run created the config directory"
    );

    write_config(&env, ORIGINAL);
    let dry = env.run(&["--json", "config", "set", "log_level", "debug", "--dry-run"]);
    dry.success();
    let v = dry.json();
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["changed"], true);
    assert_eq!(
        (v["old"].as_str(), v["new"].as_str()),
        (Some("INFO"), Some("DEBUG"))
    );
    assert_eq!(config(&env), ORIGINAL);
    assert!(!env.dir().join("audit.log").exists());
    env.run(&["config", "set", "log_level", "LOUD", "--dry-run"])
        .fails_with(3);

    let set = env.run(&["--json", "config", "set", "log_level", "debug"]);
    set.success();
    assert_eq!(set.json()["new"], "DEBUG");
    assert_eq!(audit_lines(&env).len(), 1);
    env.run(&["-q", "config", "set", "log_level", "error"])
        .success()
        .stdout_is_empty();
    let got = env.run(&["--json", "config", "get", "log_level"]);
    got.success();
    assert_eq!(
        got.json(),
        serde_json::json!({"key": "log_level", "value": "ERROR", "source": "file"})
    );
    let section = env.run(&["--json", "config", "get", "interview"]);
    section.success();
    let keys = section.json()["settings"].as_array().unwrap().clone();
    assert!(
        keys.iter()
            .any(|s| s["key"] == "interview.model" && s["value"] == "claude-sonnet-4-5")
    );
    env.run(&["--json", "config", "get", "nope"]).fails_with(4);
}

// `config edit` after an edit that was not installed names its kept text (and, on a
// terminal, offers to resume it: tests/edit_command.rs drives that for `inkwell edit`);
// a YAML error in the kept text gets a hint that names `config edit`.
#[test]
fn a_kept_config_edit_is_named_by_the_next_edit() {
    let env = Env::new();
    write_config(&env, ORIGINAL);
    let broken = env
        .run(&["config", "edit", "--editor", "printf 'log_level: [\\n' >"])
        .stderr();
    assert!(broken.contains("config.edited.yaml"), "{broken}");
    assert!(
        broken.contains("hint: nothing was changed; `inkwell config edit` on a terminal offers to resume editing this text"),
        "{broken}"
    );
    assert_eq!(config(&env), ORIGINAL);
    let kept = env.dir().join("config.edited.yaml");
    env.run(&[
        "config",
        "edit",
        "--editor",
        "sed -i s/^log_level:.*/log_level:\\ ERROR/",
    ])
    .success()
    .stderr_has(&format!(
        "the text of an earlier edit of config.yaml that was not installed is kept in {}",
        kept.display()
    ));
    assert!(kept.exists());
}

// B8: a config.yaml that does not parse gets the hint "(or run `inkwell config edit`)",
// so `config edit` opens it: the fixed text is checked and installed.
#[test]
fn a_malformed_config_can_be_fixed_with_config_edit() {
    let env = Env::new();
    write_config(&env, "log_level: [\n");
    env.run(&["config", "show"])
        .fails_with(6)
        .stderr_has("inkwell config edit");
    fs::write(env.root().join("fixed.yaml"), "log_level: ERROR\n").unwrap();
    let fixed = format!("cp {}", env.root().join("fixed.yaml").display());
    env.run(&["config", "edit", "--editor", &fixed]).success();
    assert_eq!(config(&env), "log_level: ERROR\n");
    env.run(&["config", "get", "log_level"])
        .success()
        .stdout_has("ERROR");
    let last = audit_lines(&env).pop().unwrap();
    assert_eq!(
        last["details"]["changes"]["log_level"]["new"],
        serde_json::json!("ERROR"),
        "{last}"
    );
}
