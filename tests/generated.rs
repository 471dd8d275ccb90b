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
