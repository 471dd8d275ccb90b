//! The committed shell completions (`completions/`) and man pages (`man/`) are generated
//! from the one clap definition. This test fails when they are stale; run
//! `INKWELL_REGENERATE=1 cargo test --test generated` to rewrite them.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;
use inkwell::cli::Cli;
use inkwell::commands::completions::script;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every generated file, by path relative to the repository root.
fn generated() -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for (shell, file) in [
        (Shell::Bash, "inkwell.bash"),
        (Shell::Zsh, "_inkwell"),
        (Shell::Fish, "inkwell.fish"),
        (Shell::PowerShell, "_inkwell.ps1"),
        (Shell::Elvish, "inkwell.elv"),
    ] {
        files.insert(format!("completions/{file}"), script(shell).into_bytes());
    }
    let tmp = tempfile::tempdir().unwrap();
    clap_mangen::generate_to(Cli::command(), tmp.path()).unwrap();
    for entry in fs::read_dir(tmp.path()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        files.insert(format!("man/{name}"), fs::read(entry.path()).unwrap());
    }
    files
}

fn committed(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root().join(dir))
        .map(|rd| {
            rd.flatten()
                .map(|e| format!("{}/{}", dir.display(), e.file_name().to_string_lossy()))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn completions_and_man_pages_are_up_to_date() {
    let files = generated();
    if std::env::var_os("INKWELL_REGENERATE").is_some() {
        for dir in ["completions", "man"] {
            let _ = fs::remove_dir_all(root().join(dir));
            fs::create_dir_all(root().join(dir)).unwrap();
        }
        for (path, bytes) in &files {
            fs::write(root().join(path), bytes).unwrap();
        }
        eprintln!("regenerated {} files", files.len());
        return;
    }
    let mut stale = Vec::new();
    for (path, bytes) in &files {
        if fs::read(root().join(path)).ok().as_ref() != Some(bytes) {
            stale.push(format!("{path} (missing or different)"));
        }
    }
    for dir in ["completions", "man"] {
        for path in committed(Path::new(dir)) {
            if !files.contains_key(&path) {
                stale.push(format!("{path} (no longer generated)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "generated files are stale:\n  {}\nrun `INKWELL_REGENERATE=1 cargo test --test generated` and commit the result",
        stale.join("\n  ")
    );
}

#[test]
fn the_man_page_documents_the_exit_codes_and_every_command() {
    let files = generated();
    let page = String::from_utf8(files["man/inkwell.1"].clone()).unwrap();
    assert!(page.contains("Exit codes:"), "{page}");
    assert!(page.contains("timed out waiting for the lock"));
    for command in ["add", "remove", "import", "export", "completions"] {
        assert!(
            files.contains_key(&format!("man/inkwell-{command}.1")),
            "no page for {command}: {:?}",
            files.keys()
        );
    }
}

/// Runs the bash completion for `words` (the last one being completed) against a config
/// directory, and returns COMPREPLY.
fn bash_complete(dir: &Path, script: &Path, words: &[&str]) -> Vec<String> {
    let bin = env!("CARGO_BIN_EXE_inkwell");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'; COMP_WORDS=('{bin}' --config-dir '{}' {}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); _inkwell_dynamic; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        dir.display(),
        quoted.join(" ")
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_feed_names_and_config_keys_from_the_live_files() {
    if std::process::Command::new("bash")
        .arg("-c")
        .arg("true")
        .status()
        .is_err()
    {
        eprintln!("skipped: bash is not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("config");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("feeds.yaml"),
        "feeds:\n  python-show:\n    url: https://example.com/1\n  pyramid:\n    url: https://example.com/2\n  other:\n    url: https://example.com/3\n",
    )
    .unwrap();
    let script = tmp.path().join("inkwell.bash");
    fs::write(&script, script_of(Shell::Bash)).unwrap();
    for cmd in ["show", "update", "rename", "remove", "history"] {
        assert_eq!(
            bash_complete(&dir, &script, &[cmd, "py"]),
            ["python-show", "pyramid"],
            "{cmd}"
        );
    }
    assert_eq!(
        bash_complete(&dir, &script, &["remove", "other", "-f", "py"]),
        ["python-show", "pyramid"]
    );
    assert_eq!(
        bash_complete(&dir, &script, &["config", "set", "log_le"]),
        ["log_level"]
    );
    // An option's value is not a feed name; a second argument of show is none either.
    assert!(bash_complete(&dir, &script, &["update", "pyramid", "--url", ""]).is_empty());
    assert!(bash_complete(&dir, &script, &["show", "pyramid", "p"]).is_empty());
    // The feeds come from the live file.
    fs::write(
        dir.join("feeds.yaml"),
        "feeds:\n  pyx:\n    url: https://example.com/x\n",
    )
    .unwrap();
    assert_eq!(bash_complete(&dir, &script, &["show", "py"]), ["pyx"]);
}

#[test]
fn zsh_and_fish_complete_feed_names_and_config_dir_takes_directories() {
    let zsh = script_of(Shell::Zsh);
    assert!(
        zsh.contains("':name -- Name of the feed:_inkwell_feed_names'"),
        "{zsh}"
    );
    assert!(zsh.contains("_inkwell_config_keys'"));
    assert!(zsh.contains("__complete"));
    let fish = script_of(Shell::Fish);
    assert!(fish.contains("(__fish_inkwell_candidates feeds)"), "{fish}");
    assert!(fish.contains("(__fish_inkwell_candidates config-keys)"));
    assert!(fish.contains("-l config-dir") && fish.contains("__fish_complete_directories"));
    assert!(script_of(Shell::Bash).contains("plusdirs"));
}

fn script_of(shell: Shell) -> String {
    script(shell)
}
