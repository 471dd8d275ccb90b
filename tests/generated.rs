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
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    man_pages(&cmd, true, &mut files);
    files
}

/// Every visible command's page: clap_mangen's sections, then EXAMPLES (from the
/// `Examples:` of its after-help, never re-wrapped) and, on inkwell(1), ENVIRONMENT,
/// FILES and EXIT STATUS.
fn man_pages(cmd: &clap::Command, top: bool, files: &mut BTreeMap<String, Vec<u8>>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub, false, files);
    }
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render_title(&mut page).unwrap();
    man.render_name_section(&mut page).unwrap();
    man.render_synopsis_section(&mut page).unwrap();
    man.render_description_section(&mut page).unwrap();
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut page).unwrap();
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut page).unwrap();
    }
    let after = cmd
        .get_after_help()
        .map(|h| h.to_string())
        .unwrap_or_default();
    let examples: Vec<&str> = after
        .lines()
        .skip_while(|l| *l != "Examples:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    let mut roff = String::new();
    if !examples.is_empty() {
        roff.push_str(".SH EXAMPLES\n.nf\n");
        for line in examples {
            roff.push_str(&escape(line.trim_start()));
            roff.push('\n');
        }
        roff.push_str(".fi\n");
    }
    if top {
        roff.push_str(TOP_SECTIONS);
        roff.push_str(".SH \"EXIT STATUS\"\n.nf\n");
        for line in inkwell::ExitCode::TABLE.lines().skip(1) {
            roff.push_str(&escape(line.trim_start()));
            roff.push('\n');
        }
        roff.push_str(".fi\n");
    }
    page.extend_from_slice(roff.as_bytes());
    if cmd.get_version().is_some() {
        man.render_version_section(&mut page).unwrap();
    }
    files.insert(format!("man/{}", man.get_filename()), page);
}

/// Text safe on a roff line: backslashes escaped, a leading dot or quote neutralized,
/// and '-' as a real minus sign so that examples can be copied.
fn escape(line: &str) -> String {
    let text = line.replace('\\', "\\e").replace('-', "\\-");
    if text.starts_with('.') || text.starts_with('\'') {
        format!("\\&{text}")
    } else {
        text
    }
}

const TOP_SECTIONS: &str = r#".SH ENVIRONMENT
.TP
\fBINKWELL_CONFIG_DIR\fR
The config directory, when \fB\-\-config\-dir\fR is not given.
.TP
\fBINKWELL_LOCK_TIMEOUT\fR
Seconds to wait for the lock, when \fB\-\-lock\-timeout\fR is not given (default 30).
.TP
\fBVISUAL\fR, \fBEDITOR\fR
The editor of \fBinkwell edit\fR and \fBinkwell config edit\fR (else vi).
.TP
\fBNO_COLOR\fR
When set and not empty, no colour unless \fB\-\-color always\fR is given.
.SH FILES
All in the config directory (\fB\-\-config\-dir\fR, else $INKWELL_CONFIG_DIR, else
the platform config directory + /inkwell, e.g. ~/.config/inkwell):
.TP
\fBfeeds.yaml\fR
The feeds, in inkwell\-cli's format; comments and unknown keys are kept.
.TP
\fBfeeds.lock\fR, \fBconfig.lock\fR
Lock files taken by every change (never the data files themselves).
.TP
\fBconfig.yaml\fR
inkwell\-cli's global settings (\fBinkwell config\fR).
.TP
\fB.keyfile\fR
The key that encrypts feed credentials (mode 0600).
.TP
\fBaudit.log\fR
One JSON line per change (\fBinkwell history\fR).
"#;

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
    for section in [
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH \"EXIT STATUS\"",
        ".SH EXAMPLES",
    ] {
        assert!(page.contains(section), "no {section}:\n{page}");
    }
    for var in [
        "INKWELL_CONFIG_DIR",
        "INKWELL_LOCK_TIMEOUT",
        "VISUAL",
        "EDITOR",
        "NO_COLOR",
    ] {
        assert!(page.contains(var), "{var}");
    }
    assert!(page.contains("timed out waiting for the lock"));
    // Examples are kept as lines (no fill), one command a line, whole.
    let add = String::from_utf8(files["man/inkwell-add.1"].clone()).unwrap();
    let examples = add
        .split(".SH EXAMPLES\n.nf\n")
        .nth(1)
        .expect("add has EXAMPLES");
    let first = examples.lines().next().unwrap();
    assert_eq!(
        first,
        "inkwell add https://example.com/feed.rss \\-n my\\-podcast"
    );
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
    assert_eq!(
        bash_complete(&dir, &script, &["config", "feed", "py"]),
        ["python-show", "pyramid"]
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
