//! `inkwell edit` with scripted editors: installs valid edits atomically, keeps the file
//! when the result is invalid or the user aborts, never hangs without a terminal, and
//! makes other inkwell writers wait while the editor is open.
//!
//! The prompt after an invalid edit is driven through a real pseudo-terminal (python3's
//! `pty` module), since inkwell only prompts when standard input is a terminal.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use common::Env;

const FILE: &str = "# my feeds\nfeeds:\n  a:\n    url: https://example.com/a   # keep me\n";

/// Writes an editor script; it gets the file to edit as its last argument.
fn editor(env: &Env, name: &str, body: &str) -> PathBuf {
    let path = env.root().join(name);
    fs::write(&path, format!("#!/bin/sh\nset -e\n{body}\n")).unwrap();
    path
}

fn edit_with(env: &Env, editor_cmd: &str) -> Output {
    env.command()
        .env("EDITOR", editor_cmd)
        .arg("edit")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn a_valid_edit_is_installed_with_everything_else_kept() {
    let env = Env::new();
    env.write_feeds(FILE);
    let ed = editor(
        &env,
        "ed.sh",
        r#"printf '  b:\n    url: https://example.com/b\n' >> "$1""#,
    );
    let out = edit_with(&env, &format!("sh {}", ed.display()));
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Installed the edited feeds.yaml (2 feeds)")
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("is locked while you edit it"));
    assert_eq!(
        env.feeds(),
        format!("{FILE}  b:\n    url: https://example.com/b\n")
    );
    assert_eq!(
        env.listing(),
        "audit.log feeds.lock feeds.yaml",
        "no copy or temp file left (the history records the new feed)"
    );
}

#[test]
fn no_change_writes_nothing() {
    let env = Env::new();
    env.write_feeds(FILE);
    let before = fs::metadata(env.feeds_path()).unwrap();
    let out = edit_with(&env, "true");
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("No changes"));
    let after = fs::metadata(env.feeds_path()).unwrap();
    assert_eq!(before.modified().unwrap(), after.modified().unwrap());
    assert_eq!(env.feeds(), FILE);
    assert_eq!(env.listing(), "feeds.lock feeds.yaml");
}

#[cfg(unix)]
#[test]
fn the_editor_command_may_carry_arguments_and_gets_a_private_copy() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.write_feeds(FILE);
    fs::set_permissions(env.feeds_path(), fs::Permissions::from_mode(0o644)).unwrap();
    let seen = env.root().join("seen");
    let ed = editor(
        &env,
        "ed.sh",
        &format!(
            r#"[ "$1" = "--wait" ] || exit 3
echo "$(dirname "$2") $(basename "$2") $(stat -c %a "$2")" > {seen}"#,
            seen = seen.display()
        ),
    );
    // VISUAL wins over EDITOR, and may hold arguments like "code --wait".
    let out = env
        .command()
        .env("VISUAL", format!("sh '{}' --wait", ed.display()))
        .env("EDITOR", "false")
        .arg("edit")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let seen = fs::read_to_string(seen).unwrap();
    let parts: Vec<&str> = seen.split_whitespace().collect();
    assert_eq!(
        Path::new(parts[0]),
        env.dir(),
        "the copy is in the config dir"
    );
    assert!(
        parts[1].starts_with(".feeds.yaml.") && parts[1].ends_with(".inkwell-edit.yaml"),
        "{seen}"
    );
    assert_eq!(
        parts[2], "600",
        "the copy is private even when feeds.yaml is not"
    );
}

#[test]
fn without_a_terminal_or_an_editor_it_fails_at_once() {
    let env = Env::new();
    env.write_feeds(FILE);
    let start = Instant::now();
    let out = env.command().arg("edit").output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("standard input is not a terminal"), "{err}");
    assert!(err.contains("set VISUAL or EDITOR"), "{err}");
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_eq!(env.feeds(), FILE);
}

#[test]
fn an_invalid_edit_without_a_terminal_is_refused_and_kept_aside() {
    let env = Env::new();
    env.write_feeds(FILE);
    let ed = editor(&env, "ed.sh", r#"printf 'feeds:\n  b: [\n' > "$1""#);
    let out = edit_with(&env, &format!("sh {}", ed.display()));
    assert_eq!(out.status.code(), Some(6), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("feeds.edited.yaml:2:6: YAML syntax error"),
        "{err}"
    );
    assert!(err.contains("feeds.edited.yaml"), "{err}");
    assert_eq!(env.feeds(), FILE, "the original is untouched");
    assert_eq!(
        fs::read_to_string(env.dir().join("feeds.edited.yaml")).unwrap(),
        "feeds:\n  b: [\n"
    );
}

// A failing editor installs nothing; what it saved before failing is kept aside (B2).
#[test]
fn a_failing_editor_changes_nothing() {
    let env = Env::new();
    env.write_feeds(FILE);
    let ed = editor(&env, "ed.sh", r#"echo garbage > "$1"; exit 4"#);
    let out = edit_with(&env, &format!("sh {}", ed.display()));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("exited with exit status: 4"), "{err}");
    assert!(err.contains("set VISUAL or EDITOR"), "{err}");
    assert_eq!(env.feeds(), FILE);
    assert_eq!(env.listing(), "feeds.edited.yaml feeds.lock feeds.yaml");
    assert_eq!(
        fs::read_to_string(env.dir().join("feeds.edited.yaml")).unwrap(),
        "garbage\n"
    );
    // One that saved nothing leaves nothing behind.
    fs::remove_file(env.dir().join("feeds.edited.yaml")).unwrap();
    let out = edit_with(&env, "false");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(env.listing(), "feeds.lock feeds.yaml");
}

#[test]
fn a_malformed_file_can_be_fixed_with_edit() {
    let env = Env::new();
    env.write_feeds("feeds:\n  a: [\n");
    env.run(&["list"]).fails_with(6).stderr_has("inkwell edit");
    let ed = editor(
        &env,
        "ed.sh",
        r#"printf 'feeds:\n  a:\n    url: https://example.com/a\n' > "$1""#,
    );
    let out = edit_with(&env, &format!("sh {}", ed.display()));
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(env.names(), ["a"]);
}

#[test]
fn a_save_by_another_program_during_the_edit_is_not_overwritten() {
    let env = Env::new();
    env.write_feeds(FILE);
    // The "other program" writes feeds.yaml directly, ignoring the lock.
    let ed = editor(
        &env,
        "ed.sh",
        &format!(
            r#"printf 'feeds: {{}}\n' > '{feeds}'
printf '  b:\n    url: https://example.com/b\n' >> "$1""#,
            feeds = env.feeds_path().display()
        ),
    );
    let out = edit_with(&env, &format!("sh {}", ed.display()));
    assert_eq!(out.status.code(), Some(9), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("was changed by another program while you edited it"),
        "{err}"
    );
    assert!(err.contains("feeds.edited.yaml"), "{err}");
    assert_eq!(env.feeds(), "feeds: {}\n");
    assert!(
        fs::read_to_string(env.dir().join("feeds.edited.yaml"))
            .unwrap()
            .ends_with("  b:\n    url: https://example.com/b\n")
    );
}

#[test]
fn an_add_during_the_edit_waits_and_then_lands() {
    let env = Env::new();
    env.write_feeds(FILE);
    let started = env.root().join("started");
    let ed = editor(
        &env,
        "ed.sh",
        &format!(
            r#"touch '{started}'
sleep 2
printf '  from-editor:\n    url: https://example.com/e\n' >> "$1""#,
            started = started.display()
        ),
    );
    let edit = env
        .command()
        .env("EDITOR", format!("sh {}", ed.display()))
        .arg("edit")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    common::wait_for_file(&started, "the editor never started");
    let add = env.spawn(&[
        "add".into(),
        "https://example.com/t".into(),
        "-n".into(),
        "from-tool".into(),
    ]);
    let edit = edit.wait_with_output().unwrap();
    let edit_done = Instant::now();
    let add = add.wait_with_output().unwrap();
    assert!(edit.status.success(), "{}", text(&edit));
    assert!(add.status.success(), "{}", text(&add));
    assert!(
        String::from_utf8_lossy(&add.stderr).contains("waiting for the lock"),
        "the add waited for the edit: {}",
        text(&add)
    );
    assert!(edit_done.elapsed() < Duration::from_secs(10));
    assert_eq!(env.names(), ["a", "from-editor", "from-tool"]);
}

/// Runs `inkwell edit` on a pseudo-terminal, answering each "What now?" prompt in turn.
fn edit_on_a_terminal(env: &Env, editor_cmd: &str, answers: &[&str]) -> Option<(i32, String)> {
    let dialogue: Vec<(&str, &str)> = answers.iter().map(|a| ("What now?", *a)).collect();
    env.on_a_terminal(&[("EDITOR", editor_cmd)], &["edit"], &dialogue)
}

/// An editor that writes an invalid file the first time and a valid one after.
fn invalid_then_valid(env: &Env) -> String {
    let count = env.root().join("count");
    let ed = editor(
        env,
        "ed.sh",
        &format!(
            r#"n=$(cat '{count}' 2>/dev/null || echo 0)
echo $((n + 1)) > '{count}'
if [ "$n" = 0 ]; then
  printf 'feeds:\n  b:\n    category: no url\n' > "$1"
else
  printf 'feeds:\n  b:\n    url: https://example.com/b\n' > "$1"
fi"#,
            count = count.display()
        ),
    );
    format!("sh {}", ed.display())
}

#[test]
fn on_a_terminal_an_invalid_edit_can_be_reopened_and_fixed() {
    let env = Env::new();
    env.write_feeds(FILE);
    let ed = invalid_then_valid(&env);
    let Some((code, out)) = edit_on_a_terminal(&env, &ed, &["r"]) else {
        return;
    };
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(".inkwell-edit.yaml:2:3: feed 'b' has no 'url'"),
        "{out}"
    );
    assert!(out.contains("[r]e-open the editor"), "{out}");
    assert!(
        out.contains("Installed the edited feeds.yaml (1 feed)"),
        "{out}"
    );
    assert_eq!(env.names(), ["b"]);
    assert!(!env.dir().join("feeds.edited.yaml").exists());
}

#[test]
fn on_a_terminal_an_invalid_edit_can_be_aborted() {
    let env = Env::new();
    env.write_feeds(FILE);
    let ed = invalid_then_valid(&env);
    let Some((code, out)) = edit_on_a_terminal(&env, &ed, &["a"]) else {
        return;
    };
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("aborted; nothing was changed"), "{out}");
    assert_eq!(env.feeds(), FILE, "the original is kept");
    assert_eq!(
        fs::read_to_string(env.dir().join("feeds.edited.yaml")).unwrap(),
        "feeds:\n  b:\n    category: no url\n"
    );
}

/// An editor that fixes the text of the aborted edit (feed 'b' without a url) when it
/// is given that text, and otherwise writes that invalid text.
fn fixes_the_kept_text(env: &Env) -> String {
    let ed = editor(
        env,
        "fix.sh",
        r#"if grep -q 'no url' "$1"; then
  printf 'feeds:\n  b:\n    url: https://example.com/b\n' > "$1"
else
  printf 'feeds:\n  b:\n    category: no url\n' > "$1"
fi"#,
    );
    format!("sh {}", ed.display())
}

#[test]
fn after_an_abort_the_next_edit_offers_the_kept_text_and_resumes_it() {
    let env = Env::new();
    env.write_feeds(FILE);
    let ed = fixes_the_kept_text(&env);
    let kept = env.dir().join("feeds.edited.yaml");
    let Some((code, out)) = edit_on_a_terminal(&env, &ed, &["a"]) else {
        return;
    };
    assert_eq!(code, 1, "{out}");
    assert!(kept.exists(), "{out}");
    // The next edit says where the text is and offers it; resumed, it is fixed and
    // installed, and the kept copy is gone.
    let (code, out) = edit_on_a_terminal(&env, &ed, &["r"]).unwrap();
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!(
            "An earlier edit of feeds.yaml was not installed; its text is kept in {}",
            kept.display()
        )),
        "{out}"
    );
    assert!(out.contains("[r]esume editing it"), "{out}");
    assert!(
        out.contains("Installed the edited feeds.yaml (1 feed)"),
        "{out}"
    );
    assert_eq!(env.names(), ["b"]);
    assert!(!kept.exists(), "{out}");
}

#[test]
fn a_kept_edit_can_be_set_aside_or_deleted_and_is_named_without_a_terminal() {
    let env = Env::new();
    env.write_feeds(FILE);
    let ed = fixes_the_kept_text(&env);
    let kept = env.dir().join("feeds.edited.yaml");
    // Without a terminal, the invalid edit is kept; its hint says how to go on.
    let out = edit_with(&env, &ed);
    assert_eq!(out.status.code(), Some(6), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("feeds.edited.yaml:") && err.contains("has no 'url'"),
        "{err}"
    );
    assert!(
        err.contains("hint: nothing was changed; `inkwell edit` on a terminal offers to resume editing this text"),
        "{err}"
    );
    assert!(!err.contains("fix it by hand"), "{err}");
    // The next edit without a terminal names the kept text and starts from feeds.yaml
    // (this editor then writes the invalid text again, which is kept again).
    let out = edit_with(&env, &ed);
    assert_eq!(out.status.code(), Some(6), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "the text of an earlier edit of feeds.yaml that was not installed is kept in {}",
            kept.display()
        )),
        "{err}"
    );
    assert_eq!(env.feeds(), FILE);
    // On a terminal: [s]tart from feeds.yaml leaves it kept (the invalid text then
    // written is refused and kept again, after an abort) ...
    let Some((code, out)) = edit_on_a_terminal(&env, &ed, &["s", "a"]) else {
        return;
    };
    assert_eq!(code, 1, "{out}");
    // Each refused text is kept under its own name; none overwrites another.
    let second = env.dir().join("feeds.edited.2.yaml");
    let third = env.dir().join("feeds.edited.3.yaml");
    assert!(kept.exists() && second.exists() && third.exists(), "{out}");
    assert_eq!(env.feeds(), FILE);
    // ... and [d]elete removes the newest (offered) one before the edit starts from
    // feeds.yaml; the older ones are named and stay.
    let plain = editor(
        &env,
        "plain.sh",
        r#"printf '  c:\n    url: https://example.com/c\n' >> "$1""#,
    );
    let (code, out) = edit_on_a_terminal(&env, &format!("sh {}", plain.display()), &["d"]).unwrap();
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!("its text is kept in {}", third.display())),
        "{out}"
    );
    assert!(
        out.contains("older texts of edits of feeds.yaml that were not installed are kept in"),
        "{out}"
    );
    assert!(!third.exists(), "{out}");
    assert!(kept.exists() && second.exists(), "{out}");
    assert_eq!(env.names(), ["a", "c"]);
}

#[test]
fn an_edit_is_recorded_in_the_history_feed_by_feed() {
    let env = Env::new();
    env.write_feeds(
        "feeds:\n  a:\n    url: https://example.com/a\n  gone:\n    url: https://example.com/g\n",
    );
    let ed = editor(
        &env,
        "ed.sh",
        r#"printf 'feeds:\n  a:\n    url: https://example.com/a2\n  b:\n    url: https://example.com/b\n' > "$1""#,
    );
    let out = edit_with(&env, &format!("sh {}", ed.display()));
    assert!(out.status.success(), "{}", text(&out));
    let log = fs::read_to_string(env.dir().join("audit.log")).unwrap();
    let ops: Vec<(String, String)> = log
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["operation"].as_str().unwrap().to_string(),
                v["details"]["feed_name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("update_feed", "a"),
        ("remove_feed", "gone"),
        ("add_feed", "b"),
    ];
    assert_eq!(
        ops,
        expected.map(|(o, n)| (o.to_string(), n.to_string())),
        "{log}"
    );
}

/// What inkwell installs, inkwell-cli 0.26 loads: its models' rules, reported at the line
/// and column of the edited text; nothing invalid is installed.
#[test]
fn an_edit_that_inkwell_cli_would_refuse_is_not_installed() {
    let cases = [
        (
            "feeds:\n  a:\n    url: notaurl\n",
            "3:10",
            "not a valid URL",
        ),
        (
            "feeds:\n  a:\n    url: ftp://example.com/a\n",
            "3:10",
            "scheme 'ftp'",
        ),
        (
            "feeds:\n  a:\n    url: https://example.com/a\n    auth:\n      type: oauth\n",
            "5:13",
            "auth type 'oauth' is not one of none, basic, bearer",
        ),
        (
            "feeds:\n  a:\n    url: https://example.com/a\n    category: 5\n",
            "4:15",
            "'category' must be a string",
        ),
        (
            "feeds:\n  a:\n    url: https://example.com/a\n    custom_templates: null\n",
            "4:23",
            "must be a list",
        ),
        // PyYAML reads these keys as an int and a bool; feed names must be strings.
        (
            "feeds:\n  123:\n    url: https://example.com/a\n",
            "2:3",
            "quote it: \"123\"",
        ),
        (
            "feeds:\n  yes:\n    url: https://example.com/a\n",
            "2:3",
            "quote it",
        ),
        // inkwell-cli decrypts credentials on load: a typed-in secret fails it.
        (
            "feeds:\n  a:\n    url: https://example.com/a\n    auth:\n      type: basic\n      username: plain\n",
            "6:17",
            "not encrypted",
        ),
    ];
    for (edited, at, message) in cases {
        let env = Env::new();
        env.write_feeds(FILE);
        fs::write(env.root().join("new.yaml"), edited).unwrap();
        let ed = editor(
            &env,
            "ed.sh",
            &format!("cp {} \"$1\"", env.root().join("new.yaml").display()),
        );
        let out = edit_with(&env, &format!("sh {}", ed.display()));
        assert_eq!(out.status.code(), Some(6), "{}", text(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("feeds.edited.yaml:{at}: ")),
            "{edited}: {err}"
        );
        assert!(err.contains(message), "{edited}: {err}");
        assert_eq!(env.feeds(), FILE, "nothing was installed");
    }
    // http/https URLs as pydantic's HttpUrl takes them are fine.
    let env = Env::new();
    env.write_feeds(FILE);
    let ed = editor(
        &env,
        "ed.sh",
        r#"printf 'feeds:\n  a:\n    url: http://localhost:8080/f\n    auth:\n      type: basic\n' > "$1""#,
    );
    let out = edit_with(&env, &format!("sh {}", ed.display()));
    assert!(out.status.success(), "{}", text(&out));
}

// Credentials already in the file (encrypted by inkwell or inkwell-cli) may stay, move
// to another feed, or go; the edit is installed and inkwell-cli can still decrypt them.
#[test]
fn an_edit_keeps_and_moves_encrypted_credentials() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a"])
        .success();
    env.run_stdin(
        &[
            "add",
            "https://example.com/b",
            "-n",
            "b",
            "--auth",
            "bearer",
            "--token-stdin",
        ],
        b"tok-0123456789",
    )
    .success();
    let feeds = env.feeds();
    let token_line = feeds
        .lines()
        .find(|l| l.trim_start().starts_with("token: g"))
        .unwrap();
    let token = token_line.trim_start().trim_start_matches("token: ").trim();
    // b goes, a gets b's token.
    let edited = format!(
        "feeds:\n  a:\n    url: https://example.com/a\n    auth:\n      type: bearer\n      token: {token}\n"
    );
    fs::write(env.root().join("new.yaml"), &edited).unwrap();
    let out = edit_with(
        &env,
        &format!("cp {}", env.root().join("new.yaml").display()),
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(env.names(), ["a"]);
}

// B2: a save followed by the editor's end by a signal (`code --wait` and Ctrl-C) is not
// lost: the text is kept, its path printed, the hint names the signal (not "set VISUAL
// or EDITOR"), and the next edit offers it.
#[test]
fn an_editor_ended_by_a_signal_after_a_save_keeps_the_text() {
    let env = Env::new();
    env.write_feeds(FILE);
    let ed = editor(
        &env,
        "ed.sh",
        r#"printf '  b:\n    url: https://example.com/b\n' >> "$1"; kill -INT $$"#,
    );
    fs::set_permissions(&ed, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let out = env
        .command()
        .args(["edit", "--editor"])
        .arg(&ed)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    let kept = env.dir().join("feeds.edited.yaml");
    assert_eq!(
        fs::read_to_string(&kept).unwrap_or_default(),
        format!("{FILE}  b:\n    url: https://example.com/b\n"),
        "{err}"
    );
    assert!(err.contains("ended by signal 2 (SIGINT)"), "{err}");
    assert!(err.contains(&kept.display().to_string()), "{err}");
    assert!(!err.contains("set VISUAL or EDITOR"), "{err}");
    assert_eq!(env.feeds(), FILE);
    // The next edit names it.
    let out = edit_with(&env, "true");
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!(
            "the text of an earlier edit of feeds.yaml that was not installed is kept in {}",
            kept.display()
        )),
        "{}",
        text(&out)
    );
}

// B3: feeds.yaml a symlink to a file on another file system: the private copy sits next
// to the real file, and the kept text still lands in the config dir (copied, not renamed).
#[test]
fn a_kept_edit_of_a_symlink_to_another_file_system_is_kept() {
    use std::os::unix::fs::MetadataExt;
    let env = Env::new();
    let shm = Path::new("/dev/shm");
    fs::create_dir_all(env.dir()).unwrap();
    let Ok(other) = tempfile::tempdir_in(shm) else {
        eprintln!("skipped: no /dev/shm");
        return;
    };
    if fs::metadata(other.path()).unwrap().dev() == fs::metadata(env.dir()).unwrap().dev() {
        eprintln!("skipped: /dev/shm is on the config dir's file system");
        return;
    }
    let real = other.path().join("feeds.yaml");
    fs::write(&real, FILE).unwrap();
    std::os::unix::fs::symlink(&real, env.feeds_path()).unwrap();
    let ed = editor(&env, "ed.sh", r#"printf 'feeds:\n  b: [\n' > "$1""#);
    let out = edit_with(&env, &format!("sh {}", ed.display()));
    assert_eq!(out.status.code(), Some(6), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    let kept = env.dir().join("feeds.edited.yaml");
    assert_eq!(
        fs::read_to_string(&kept).unwrap_or_default(),
        "feeds:\n  b: [\n",
        "{err}"
    );
    assert!(
        err.contains(&format!("{}:2:6: YAML syntax error", kept.display())),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&real).unwrap(), FILE);
    let left: Vec<_> = fs::read_dir(other.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("inkwell-edit"))
        .collect();
    assert!(
        left.is_empty(),
        "private copy left next to the real file: {left:?}"
    );
}

// B4: a second failed edit does not overwrite the text kept by the first; the next edit
// names the newest.
#[test]
fn two_failed_edits_without_a_terminal_keep_both_texts() {
    let env = Env::new();
    env.write_feeds(FILE);
    let first = editor(&env, "one.sh", r#"printf 'feeds:\n  one: [\n' > "$1""#);
    let second = editor(&env, "two.sh", r#"printf 'feeds:\n  two: [\n' > "$1""#);
    let out = edit_with(&env, &format!("sh {}", first.display()));
    assert_eq!(out.status.code(), Some(6), "{}", text(&out));
    let out = edit_with(&env, &format!("sh {}", second.display()));
    assert_eq!(out.status.code(), Some(6), "{}", text(&out));
    let one = env.dir().join("feeds.edited.yaml");
    let two = env.dir().join("feeds.edited.2.yaml");
    assert_eq!(
        fs::read_to_string(&one).unwrap_or_default(),
        "feeds:\n  one: [\n"
    );
    assert_eq!(
        fs::read_to_string(&two).unwrap_or_default(),
        "feeds:\n  two: [\n",
        "{}",
        text(&out)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&two.display().to_string()),
        "{}",
        text(&out)
    );
    let out = edit_with(&env, "true");
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!(
            "that was not installed is kept in {}",
            two.display()
        )),
        "{}",
        text(&out)
    );
}

// B2 on a terminal, as with `code --wait`: the editor saves, then the user types Ctrl-C
// (SIGINT to the whole foreground group; inkwell defers it). The saved text is kept.
#[test]
fn ctrl_c_on_a_terminal_after_a_save_keeps_the_text() {
    let env = Env::new();
    env.write_feeds(FILE);
    let ed = editor(
        &env,
        "wait.sh",
        r#"printf '  b:\n    url: https://example.com/b\n' >> "$1"; echo SAVED-NOW; exec sleep 20"#,
    );
    let cmd = format!("sh {}", ed.display());
    let Some((code, out)) = env.on_a_terminal(
        &[("EDITOR", &cmd), ("INKWELL_TEST_CONTROLLING_TTY", "1")],
        &["edit"],
        &[("SAVED-NOW", "\u{3}")],
    ) else {
        return;
    };
    assert_eq!(code, 1, "{out}");
    let kept = env.dir().join("feeds.edited.yaml");
    assert_eq!(
        fs::read_to_string(&kept).unwrap_or_default(),
        format!("{FILE}  b:\n    url: https://example.com/b\n"),
        "{out}"
    );
    assert!(out.contains("ended by signal 2 (SIGINT)"), "{out}");
    assert!(out.contains(&kept.display().to_string()), "{out}");
    assert!(!out.contains("set VISUAL or EDITOR"), "{out}");
    assert_eq!(env.feeds(), FILE);
}
