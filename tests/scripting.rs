//! Scripts and CI as users: JSON in and out, stable exit codes, idempotent flags, dry
//! runs, quiet and verbose modes, completions, and bulk imports racing other writers.

mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::process::Stdio;

use common::Env;

#[test]
fn every_mutating_command_reports_what_changed_as_json() {
    let env = Env::new();
    let run = env.run(&[
        "--json",
        "add",
        "https://example.com/a",
        "-n",
        "My Show",
        "-c",
        "tech",
    ]);
    run.success();
    let v = run.json();
    assert_eq!(v["command"], "add");
    assert_eq!(v["changed"], true);
    assert_eq!(v["dry_run"], false);
    assert_eq!(v["changes"][0]["action"], "add");
    assert_eq!(v["changes"][0]["name"], "my-show");
    assert_eq!(v["changes"][0]["feed"]["display_name"], "My Show");
    assert_eq!(v["changes"][0]["feed"]["category"], "tech");
    assert!(
        v["notes"][0].as_str().unwrap().contains("normalized"),
        "{v:#}"
    );
    assert!(run.stderr().is_empty(), "notes go into the JSON");

    let v = env
        .run(&["update", "my-show", "--category", "news", "--json"])
        .json();
    assert_eq!(v["changes"][0]["action"], "update");
    assert_eq!(v["changes"][0]["before"]["category"], "tech");
    assert_eq!(v["changes"][0]["after"]["category"], "news");

    let v = env.run(&["rename", "my-show", "show", "-j"]).json();
    assert_eq!(v["changes"][0]["action"], "rename");
    assert_eq!(v["changes"][0]["old_name"], "my-show");
    assert_eq!(v["changes"][0]["name"], "show");

    let v = env.run(&["show", "show", "--json"]).json();
    assert_eq!(v["name"], "show");
    assert_eq!(v["url"], "https://example.com/a");

    let v = env.run(&["remove", "show", "--json", "--force"]).json();
    assert_eq!(v["changes"][0]["action"], "remove");
    assert_eq!(v["changes"][0]["feed"]["url"], "https://example.com/a");
    assert_eq!(env.list_json()["total"], 0);

    let file = env.file("f.txt", "https://example.com/x x\n");
    let v = env.run(&["import", &file, "--json"]).json();
    assert_eq!(v["command"], "import");
    assert_eq!(v["changes"][0]["action"], "add");
}

#[test]
fn with_json_errors_are_one_json_object_on_stderr_with_the_exit_code() {
    let env = Env::new();
    let run = env.run(&["--json", "add", "ftp://example.com/x", "-n", "x"]);
    run.fails_with(3).stdout_is_empty();
    let e = run.json_error();
    assert_eq!(e["code"], 3);
    assert!(e["error"].as_str().unwrap().contains("scheme 'ftp'"), "{e}");
    assert!(e["hint"].as_str().unwrap().contains("http"), "{e}");

    let e = env.run(&["show", "nope", "--json"]);
    e.fails_with(4);
    assert_eq!(e.json_error()["code"], 4);

    // Even a usage error clap reports, when the script asked for JSON.
    let e = env.run(&["--json", "add", "--bogus"]);
    e.fails_with(2);
    let e = e.json_error();
    assert_eq!(e["code"], 2);
    assert!(e["error"].as_str().unwrap().contains("--bogus"), "{e}");

    let file = env.file("bad.txt", "https://example.com/ok ok\nnope\n");
    let run = env.run(&["import", &file, "--json"]);
    run.fails_with(3);
    let e = run.json_error();
    assert_eq!(e["problems"][0]["line"], 2);
    assert_eq!(e["problems"].as_array().unwrap().len(), 1);
}

#[test]
fn add_exist_ok_succeeds_without_change_only_for_the_same_url() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "show"])
        .success();
    let before = env.feeds();
    env.run(&["add", "https://EXAMPLE.com/a", "-n", "show", "--exist-ok"])
        .success()
        .stdout_has("already exists with this URL; nothing changed");
    assert_eq!(env.feeds(), before);
    let v = env
        .run(&[
            "add",
            "https://example.com/a",
            "-n",
            "show",
            "--exist-ok",
            "--json",
        ])
        .json();
    assert_eq!(v["changed"], false);
    assert_eq!(v["changes"][0]["action"], "unchanged");

    env.run(&["add", "https://example.com/b", "-n", "show", "--exist-ok"])
        .fails_with(5)
        .stderr_has("already exists (url: https://example.com/a)");
    env.run(&["add", "https://example.com/a", "-n", "show"])
        .fails_with(5);
    assert_eq!(env.feeds(), before);
}

#[test]
fn remove_missing_ok_removes_what_exists_and_skips_the_rest() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a"])
        .success();
    env.run(&["remove", "ghost", "--missing-ok", "--force"])
        .success()
        .stderr_has("no feed named 'ghost'");
    env.run(&["remove", "a", "ghost"]).fails_with(4);
    assert_eq!(env.names(), vec!["a"]);
    let v = env
        .run(&["remove", "a", "ghost", "--missing-ok", "--json", "--force"])
        .json();
    assert_eq!(v["changes"][0]["action"], "remove");
    assert_eq!(v["changes"][1]["action"], "skip");
    assert!(env.names().is_empty());
}

#[test]
fn dry_runs_say_what_would_change_and_write_nothing() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a", "--dry-run"])
        .success()
        .stdout_has("Would add feed 'a'");
    assert!(
        !env.dir().exists(),
        "a dry run creates neither the directory nor the lock file"
    );

    env.run(&["add", "https://example.com/a", "-n", "a"])
        .success();
    let before = env.feeds();
    let modified = std::fs::metadata(env.feeds_path())
        .unwrap()
        .modified()
        .unwrap();
    for args in [
        vec!["update", "a", "--url", "https://example.com/b", "--dry-run"],
        vec!["rename", "a", "b", "--dry-run"],
        vec!["remove", "a", "--dry-run"],
        vec!["add", "https://example.com/c", "-n", "c", "--dry-run"],
    ] {
        env.run(&args).success().stdout_has("Would ");
    }
    let v = env.run(&["remove", "a", "--dry-run", "--json"]).json();
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["changed"], true);
    // Errors are still found in a dry run.
    env.run(&["add", "https://example.com/x", "-n", "a", "--dry-run"])
        .fails_with(5);
    env.run(&["remove", "zzz", "--dry-run"]).fails_with(4);
    assert_eq!(env.feeds(), before);
    assert_eq!(
        std::fs::metadata(env.feeds_path())
            .unwrap()
            .modified()
            .unwrap(),
        modified
    );
}

#[test]
fn quiet_prints_nothing_on_success_and_verbose_shows_the_transaction() {
    let env = Env::new();
    let run = env.run(&["-q", "add", "https://example.com/a", "-n", "My Show"]);
    run.success().stdout_is_empty();
    assert!(run.stderr().is_empty(), "{}", run.stderr());
    env.run(&["--quiet", "show", "nope"])
        .fails_with(4)
        .stderr_has("error: no feed named 'nope'");

    let run = env.run(&["-v", "add", "https://example.com/b", "-n", "b"]);
    run.success()
        .stdout_has("Added feed 'b'")
        .stderr_has("inkwell: lock on ")
        .stderr_has("inkwell: read ")
        .stderr_has("inkwell: wrote ");
    let run = env.run(&["-q", "-v", "add", "https://example.com/c", "-n", "c"]);
    run.success()
        .stdout_is_empty()
        .stderr_has("inkwell: wrote ");
}

#[test]
fn help_lists_the_exit_codes_and_the_new_commands() {
    let env = Env::new();
    let run = env.run(&["--help"]);
    run.success()
        .stdout_has("Exit codes:")
        .stdout_has("7  timed out waiting for the lock")
        .stdout_has("import")
        .stdout_has("export")
        .stdout_has("completions")
        .stdout_has("--json");
    env.run(&["help", "import"])
        .success()
        .stdout_has("--skip-existing")
        .stdout_has("--dry-run");
}

#[test]
fn completions_are_printed_for_every_shell_and_a_closed_pipe_is_fine() {
    let env = Env::new();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef inkwell"),
        ("fish", "complete -c inkwell"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[inkwell]"),
    ] {
        let run = env.run(&["completions", shell]);
        run.success().stdout_has(marker).stdout_has("import");
    }
    // `inkwell completions zsh | head -c 10`: the reader goes away early.
    succeeds_quietly_when_the_reader_stops_after(&env, &["completions", "zsh"], 10);
    // Completions need no config directory at all.
    env.command_without_dir()
        .env_remove("HOME")
        .args(["completions", "bash"])
        .output()
        .map(|o| assert!(o.status.success()))
        .unwrap();
}

#[test]
fn imports_and_adds_racing_each_other_lose_nothing() {
    let env = Env::new();
    let mut expected = BTreeSet::new();
    let mut commands: Vec<Vec<String>> = Vec::new();
    for batch in 0..8 {
        let mut text = String::new();
        for i in 0..100 {
            text.push_str(&format!(
                "https://example.com/{batch}/{i} batch-{batch}-{i}\n"
            ));
            expected.insert(format!("batch-{batch}-{i}"));
        }
        let file = env.file(&format!("batch-{batch}.txt"), text);
        commands.push(vec!["import".into(), file, "--skip-existing".into()]);
    }
    for i in 0..60 {
        commands.push(vec![
            "add".into(),
            format!("https://example.com/single/{i}"),
            "-n".into(),
            format!("single-{i}"),
            "--exist-ok".into(),
        ]);
        expected.insert(format!("single-{i}"));
    }
    // Re-runnable pipelines: an import overlapping the others races too, and whichever
    // lands first, every command succeeds.
    let overlap = env.file(
        "overlap.txt",
        "https://example.com/0/0 batch-0-0\nhttps://example.com/single/0 single-0\n",
    );
    commands.push(vec!["import".into(), overlap, "--skip-existing".into()]);

    let children: Vec<_> = commands
        .iter()
        .map(|args| (args.clone(), env.spawn(args)))
        .collect();
    for (args, child) in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "inkwell {args:?}: {:?}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let names: BTreeSet<String> = env.names().into_iter().collect();
    assert_eq!(names, expected);
    assert!(env.temp_files().is_empty(), "{:?}", env.temp_files());
}

/// A script that closes standard error (`inkwell -v add ... 2>&-`): the verbose lines
/// have nowhere to go, and must not land in a file inkwell opens in its place.
#[test]
fn closed_standard_streams_never_receive_a_file() {
    let env = Env::new();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"exec "$0" -v --config-dir "$1" add https://example.com/a -n a 2>&-"#)
        .arg(common::BIN)
        .arg(env.dir())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{status}");
    let lock = std::fs::read_to_string(env.dir().join("feeds.lock")).unwrap();
    assert_eq!(lock, "", "the lock file received output");
    let text = std::fs::read_to_string(env.feeds_path()).unwrap();
    assert!(text.starts_with("feeds:\n  a:\n"), "{text}");
    env.run(&["list"])
        .success()
        .stdout_has("https://example.com/a");
}

/// `inkwell list | head -1`: the reader goes away early; inkwell exits quietly.
#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let env = Env::new();
    let mut text = String::from("feeds:\n");
    for i in 0..2000 {
        text.push_str(&format!("  f{i}:\n    url: https://example.com/{i}\n"));
    }
    env.write_feeds(text);
    succeeds_quietly_when_the_reader_stops_after(&env, &["list"], 16);
}

/// Runs inkwell with `args`, reads `bytes` bytes of its output and closes the pipe
/// (with most of the output unwritten): inkwell must still succeed, saying nothing.
fn succeeds_quietly_when_the_reader_stops_after(env: &Env, args: &[&str], bytes: usize) {
    let mut child = env
        .command()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = vec![0u8; bytes];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{args:?}: {:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
