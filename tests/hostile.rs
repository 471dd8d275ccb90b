//! Issue 13, as a hostile tester found it: an unwritable standard error never turns an
//! outcome into a panic (exit 101), `export -o` never overwrites inkwell's own files,
//! and config readers never report built-in defaults while inkwell-cli saves
//! config.yaml in place without a lock.

mod common;

use std::fs::{self, File};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::Env;

const TWO: &str =
    "feeds:\n  a:\n    url: https://example.com/a\n  b:\n    url: https://example.com/b\n";

/// Runs `cmd` with its standard error on /dev/full (every write fails with ENOSPC).
fn with_full_stderr(mut cmd: Command) -> Output {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(File::create("/dev/full").expect("/dev/full"))
        .output()
        .expect("inkwell runs")
}

fn script(env: &Env, name: &str, body: &str) -> PathBuf {
    let path = env.root().join(name);
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn expect(wrong: &mut Vec<String>, what: &str, out: &Output, expected: i32) {
    if code(out) != expected {
        wrong.push(format!(
            "{what}: exit {} (expected {expected}), stdout {:?}",
            code(out),
            String::from_utf8_lossy(&out.stdout)
        ));
    }
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

// F7: `eprintln!` panics ("failed printing to stderr", exit 101) when stderr cannot be
// written. Every message now goes through one writer that ignores the failure, and the
// exit code is the documented one.
#[test]
fn an_unwritable_stderr_never_changes_the_exit_code() {
    if !Path::new("/dev/full").exists() {
        eprintln!("skipped: no /dev/full");
        return;
    }
    let env = Env::new();
    env.write_feeds(TWO);
    // Every case runs; the wrong exit codes are listed together.
    let mut wrong = Vec::new();

    // add: a success message on stdout, nothing on stderr.
    let mut cmd = env.command();
    cmd.args(["add", "https://example.com/c", "-n", "c"]);
    let out = with_full_stderr(cmd);
    expect(&mut wrong, "add", &out, 0);

    // An error (a duplicate): exit 5, not 101.
    let mut cmd = env.command();
    cmd.args(["add", "https://example.com/c", "-n", "c"]);
    let out = with_full_stderr(cmd);
    expect(&mut wrong, "duplicate add", &out, 5);

    // A usage error with --json: its JSON goes to stderr; clap's code (2).
    let mut cmd = env.command();
    cmd.args(["--json", "add"]);
    let out = with_full_stderr(cmd);
    expect(&mut wrong, "usage error", &out, 2);

    // edit: the editor notes go to stderr; the edit is installed, exit 0.
    let ed = script(
        &env,
        "ed.sh",
        r#"printf '  edited:\n    url: https://example.com/edited\n' >> "$1""#,
    );
    let mut cmd = env.command();
    cmd.arg("edit").arg("--editor").arg(&ed);
    let out = with_full_stderr(cmd);
    expect(&mut wrong, "edit", &out, 0);
    if !env.feeds().contains("edited:") {
        wrong.push("edit: not installed".into());
    }

    // config edit, the same.
    let ced = script(&env, "ced.sh", r#"printf 'log_level: DEBUG\n' > "$1""#);
    let mut cmd = env.command();
    cmd.args(["config", "edit", "--editor"]).arg(&ced);
    let out = with_full_stderr(cmd);
    expect(&mut wrong, "config edit", &out, 0);
    let config = fs::read_to_string(env.dir().join("config.yaml")).unwrap_or_default();
    if !config.contains("log_level: DEBUG") {
        wrong.push("config edit: not installed".into());
    }

    // list in a world-writable dir: the warning goes to stderr, the listing to stdout.
    fs::set_permissions(env.dir(), fs::Permissions::from_mode(0o777)).unwrap();
    let mut cmd = env.command();
    cmd.arg("list");
    let out = with_full_stderr(cmd);
    expect(&mut wrong, "list", &out, 0);
    if !String::from_utf8_lossy(&out.stdout).contains("a ") {
        wrong.push("list: no listing".into());
    }
    fs::set_permissions(env.dir(), fs::Permissions::from_mode(0o700)).unwrap();

    // audit.log is a directory: refused before the change (exit 8, nothing made), never
    // a panic after it.
    fs::remove_file(env.dir().join("audit.log")).unwrap();
    fs::create_dir(env.dir().join("audit.log")).unwrap();
    let mut cmd = env.command();
    cmd.args(["add", "https://example.com/d", "-n", "d"]);
    let out = with_full_stderr(cmd);
    expect(&mut wrong, "add with audit.log a directory", &out, 8);
    if env.feeds().contains("https://example.com/d") {
        wrong.push("add with audit.log a directory: made although refused".into());
    }
    // The same with a writable stderr, for comparison: the error is there.
    env.run(&["add", "https://example.com/e", "-n", "e"])
        .fails_with(8)
        .stderr_has("not a regular file");
    assert!(
        wrong.is_empty(),
        "wrong exit codes with stderr on /dev/full: {wrong:#?}"
    );
}

// F7, the other half: a failure to write STDOUT after a change is still exit 10.
#[test]
fn an_unwritable_stdout_after_a_change_is_still_exit_10_with_stderr_full_too() {
    if !Path::new("/dev/full").exists() {
        eprintln!("skipped: no /dev/full");
        return;
    }
    let env = Env::new();
    env.write_feeds(TWO);
    let out = env
        .command()
        .args(["add", "https://example.com/c", "-n", "c"])
        .stdout(File::create("/dev/full").unwrap())
        .stderr(File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(code(&out), 10, "{out:?}");
    assert!(env.feeds().contains("https://example.com/c"));
}

// F3: `export -o` onto inkwell's own files (the key, its backup, the history, the lock
// files) replaced them with OPML and exit 0. Refused now, by name and through symlinks
// and hard links, as feeds.yaml and config.yaml are.
#[test]
fn export_never_overwrites_inkwells_own_files() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a"])
        .success();
    env.run_stdin(
        &[
            "add",
            "https://example.com/m",
            "-n",
            "m",
            "--auth",
            "basic",
            "--username",
            "u",
            "--password-stdin",
        ],
        b"pw\n",
    )
    .success();
    env.run(&["config", "set", "log_level", "DEBUG"]).success();
    let dir = env.dir();
    let names = [
        ".keyfile",
        ".keyfile.backup",
        "audit.log",
        "feeds.lock",
        "config.lock",
        "feeds.yaml",
        "config.yaml",
    ];
    let before: Vec<Option<Vec<u8>>> = names.iter().map(|n| fs::read(dir.join(n)).ok()).collect();
    for name in names {
        assert!(dir.join(name).exists(), "{name} should exist for this test");
    }
    for (i, name) in names.iter().enumerate() {
        let target = dir.join(name);
        // Directly.
        env.run(&["export", "-o", target.to_str().unwrap()])
            .fails_with(3)
            .stderr_has("inkwell's own files");
        // Through a symlink and a hard link elsewhere.
        let sym = env.root().join(format!("sym-{i}.opml"));
        std::os::unix::fs::symlink(&target, &sym).unwrap();
        env.run(&["export", "-o", sym.to_str().unwrap()])
            .fails_with(3)
            .stderr_has("inkwell's own files");
        let hard = env.root().join(format!("hard-{i}.opml"));
        fs::hard_link(&target, &hard).unwrap();
        env.run(&["export", "-o", hard.to_str().unwrap()])
            .fails_with(3)
            .stderr_has("inkwell's own files");
        assert_eq!(fs::read(&target).ok(), before[i], "{name} was changed");
    }
    // A name not created yet is refused too (no .keyfile before the first --auth).
    let fresh = Env::new();
    fresh
        .run(&["add", "https://example.com/a", "-n", "a"])
        .success();
    for name in [".keyfile", ".keyfile.backup"] {
        let target = fresh.dir().join(name);
        assert!(!target.exists());
        fresh
            .run(&["export", "-o", target.to_str().unwrap()])
            .fails_with(3);
        assert!(!target.exists(), "{name} was created");
    }
    // The key still works, the history is whole.
    env.run(&["show", "m"]).success();
    env.run(&["history"]).success().stdout_has("m");
    // Another name in the config dir is still fine.
    let other = dir.join("backup.opml");
    env.run(&["export", "-o", other.to_str().unwrap()])
        .success();
    assert!(fs::read_to_string(other).unwrap().contains("opml"));
}

// F1: inkwell-cli 0.26 saves config.yaml in place (truncate, then write) with no lock
// at all; in a dir only inkwell-cli has used there is no config.lock either. A reader
// that found the empty file in between reported the built-in defaults with exit 0
// (2-13% of reads). An empty file is now itself a sign of a save in progress.
#[test]
fn config_readers_never_report_defaults_while_inkwell_cli_saves_config() {
    let Some(python) = common::inkwell_cli_python() else {
        return;
    };
    let env = Env::new();
    let dir = env.dir();
    fs::create_dir_all(&dir).unwrap();
    let stop = env.root().join("stop");
    // inkwell-cli's own ConfigManager, as `inkwell config set` of inkwell-cli runs it.
    let setup = r#"
import sys
from pathlib import Path
from inkwell.config.manager import ConfigManager as M
m = M(config_dir=Path(sys.argv[1]))
c = m.load_config(); c.default_output_dir = Path("/custom/notes"); m.save_config(c)
"#;
    let status = Command::new(&python)
        .args(["-c", setup])
        .arg(&dir)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        !dir.join("config.lock").exists(),
        "inkwell-cli takes no lock on config.yaml"
    );
    let saver = r#"
import sys, os
from pathlib import Path
from inkwell.config.manager import ConfigManager as M
d = Path(sys.argv[1]); stop = sys.argv[2]
m = M(config_dir=d); i = 0
while not os.path.exists(stop):
    i += 1
    c = m.load_config(); c.log_level = "DEBUG" if i % 2 else "WARNING"; m.save_config(c)
print(i)
"#;
    let child = Command::new(&python)
        .args(["-c", saver])
        .arg(&dir)
        .arg(&stop)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let mut wrong = Vec::new();
    let reads = 150;
    let started = Instant::now();
    for i in 0..reads {
        let run = if i % 2 == 0 {
            env.run(&["config", "get", "default_output_dir"])
        } else {
            env.run(&["config", "show"])
        };
        let text = run.stdout();
        if run.code() != 0 || !text.contains("/custom/notes") {
            let what: String = format!("rc={} {}{}", run.code(), text, run.stderr())
                .chars()
                .take(160)
                .collect();
            wrong.push(what);
        }
    }
    fs::write(&stop, "").unwrap();
    let out = child.wait_with_output().unwrap();
    let saves = String::from_utf8_lossy(&out.stdout).trim().to_string();
    eprintln!(
        "{reads} reads in {:.1?} during {saves} inkwell-cli saves: {} wrong",
        started.elapsed(),
        wrong.len()
    );
    assert!(
        wrong.is_empty(),
        "{} wrong reads: {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(5)]
    );
}

// F1, the cost side: readers look again at an empty file for up to 200 ms, so inkwell
// itself never writes one. A text emptied in `edit` / `config edit` is installed as one
// comment line, which inkwell and inkwell-cli both read as empty.
#[test]
fn an_emptied_edit_is_installed_as_a_comment_not_an_empty_file() {
    let env = Env::new();
    env.write_feeds(TWO);
    env.run(&["config", "set", "log_level", "DEBUG"]).success();
    let ed = script(&env, "empty.sh", r#": > "$1""#);
    env.command()
        .arg("edit")
        .arg("--editor")
        .arg(&ed)
        .output()
        .unwrap();
    env.command()
        .args(["config", "edit", "--editor"])
        .arg(&ed)
        .output()
        .unwrap();
    for name in ["feeds.yaml", "config.yaml"] {
        let text = fs::read_to_string(env.dir().join(name)).unwrap();
        assert!(
            !text.is_empty() && text.trim_start().starts_with('#'),
            "{name}: {text:?}"
        );
    }
    assert_eq!(env.list_json()["total"], 0);
    let started = Instant::now();
    env.run(&["config", "get", "log_level"])
        .success()
        .stdout_has("INFO");
    assert!(
        started.elapsed() < Duration::from_millis(150),
        "{:?}",
        started.elapsed()
    );
}
