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

/// COMPREPLY for the bash completion of exactly `words` after `inkwell` (as bash splits
/// them: `--config-dir=x` is `--config-dir`, `=`, `x`), run in `scratch`'s work dir.
fn bash_reply(scratch: &Scratch, words: &[&str]) -> Vec<String> {
    let script = scratch.work.join("../inkwell.bash");
    fs::write(&script, script_of(Shell::Bash)).unwrap();
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'; COMP_WORDS=(inkwell {}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); _inkwell_dynamic; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" ")
    );
    let mut cmd = std::process::Command::new("bash");
    cmd.args(["--norc", "-c", &program]);
    let mut v: Vec<String> = run_shell(scratch, cmd)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    v.sort();
    v
}

#[test]
fn bash_config_dir_takes_directories_only_in_either_spelling() {
    if !shell_available("bash") {
        return;
    }
    let scratch = scratch();
    assert_eq!(
        bash_reply(&scratch, &["--config-dir", ""]),
        ["config", "sub"]
    );
    assert_eq!(
        bash_reply(&scratch, &["list", "--config-dir", "s"]),
        ["sub"]
    );
    assert_eq!(
        bash_reply(&scratch, &["--config-dir", "=", ""]),
        ["config", "sub"]
    );
    assert!(bash_reply(&scratch, &["--config-dir", "a"]).is_empty());
    // `--config-dir=DIR` and `~` are understood when feed names are completed.
    let py = ["pyramid", "python-show"];
    assert_eq!(
        bash_reply(&scratch, &["--config-dir", "=", "config", "show", "py"]),
        py
    );
    assert_eq!(
        bash_reply(&scratch, &["--config-dir", "~/config", "remove", "py"]),
        py
    );
}

/// Whether `shell` can be run here; if not, says so (the test then skips).
fn shell_available(shell: &str) -> bool {
    let ok = std::process::Command::new(shell)
        .args(["-c", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipped: {shell} is not installed (.ci/run installs zsh and fish with apt-get)");
    }
    ok
}

/// A scratch place for a shell completion test: `work/config` holding three feeds,
/// `work/sub` (another directory) and `work/afile` (a file), and `bin/inkwell` (the
/// built binary, found through PATH as a user's would be).
struct Scratch {
    _tmp: tempfile::TempDir,
    work: PathBuf,
    bin: PathBuf,
}

fn scratch() -> Scratch {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("work");
    fs::create_dir_all(work.join("config")).unwrap();
    fs::create_dir_all(work.join("sub")).unwrap();
    fs::write(work.join("afile"), "").unwrap();
    fs::write(
        work.join("config/feeds.yaml"),
        "feeds:\n  python-show:\n    url: https://example.com/1\n  pyramid:\n    url: https://example.com/2\n  other:\n    url: https://example.com/3\n",
    )
    .unwrap();
    let bin = tmp.path().join("bin");
    fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_inkwell"), bin.join("inkwell")).unwrap();
    Scratch {
        _tmp: tmp,
        work,
        bin,
    }
}

/// Runs `cmd` in `scratch` (PATH finding `inkwell` first), killed after a minute.
fn run_shell(scratch: &Scratch, mut cmd: std::process::Command) -> String {
    let path = format!(
        "{}:{}",
        scratch.bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut child = cmd
        .current_dir(&scratch.work)
        .env("PATH", path)
        .env("HOME", &scratch.work)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the shell starts");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{:?}: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Drives an interactive `zsh -f` on a pseudo-terminal (zpty): loads the `_inkwell` in
/// the given fpath dir with compinit, types each line followed by TAB, and writes every
/// match the completion system offers to the output file, each line's matches followed
/// by `-----`.
const ZSH_DRIVER: &str = r#"
zmodload zsh/zpty || exit 3
dir=$1 out=$2; shift 2
zpty z zsh -f -i
zpty -w z "PS1='> '; fpath=(${(q)dir} \$fpath); autoload -Uz compinit; compinit -u -d ${(q)out}.dump"
zpty -w z "compadd() { if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd \"\$@\"; return; fi; local -a __hits; builtin compadd -A __hits \"\$@\"; (( \$#__hits )) && print -rl -- \$__hits >> ${(q)out}; builtin compadd \"\$@\" }"
zpty -w z "_drive() { zle complete-word; print -- ----- >> ${(q)out}; zle kill-whole-line; print -n 'ZZ'\$((1+1))'END'; }; zle -N _drive; bindkey '^I' _drive"
zpty -w z "echo ZZ\$((2+1))READY"
zpty -r -m z res '*ZZ3READY*' || exit 4
for line; do
  zpty -w -n z "$line"$'\t'
  zpty -r -m z res '*ZZ2END*' || exit 5
done
zpty -d z
"#;

/// What completing each of `lines` (TAB at its end) offers, in a real shell, each
/// sorted and without repeats.
fn completions_in(scratch: &Scratch, shell: &str, lines: &[&str]) -> Vec<Vec<String>> {
    let tidy = |group: &str, strip: fn(&str) -> &str| {
        let mut v: Vec<String> = group
            .lines()
            .map(strip)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        v.sort();
        v.dedup();
        v
    };
    match shell {
        "zsh" => {
            let fpath = scratch.work.join("../zfunc");
            fs::create_dir_all(&fpath).unwrap();
            fs::write(fpath.join("_inkwell"), script_of(Shell::Zsh)).unwrap();
            fs::write(fpath.join("../driver.zsh"), ZSH_DRIVER).unwrap();
            let out = scratch.work.join("../matches");
            let _ = fs::remove_file(&out);
            let mut cmd = std::process::Command::new("zsh");
            cmd.arg("-f")
                .arg(fpath.join("../driver.zsh"))
                .arg(&fpath)
                .arg(&out)
                .args(lines);
            run_shell(scratch, cmd);
            let text = fs::read_to_string(&out).unwrap_or_default();
            let groups: Vec<Vec<String>> = text
                .split("-----\n")
                .take(lines.len())
                .map(|g| tidy(g, |l| l))
                .collect();
            assert_eq!(groups.len(), lines.len(), "{text}");
            groups
        }
        "fish" => {
            let script = scratch.work.join("../inkwell.fish");
            fs::write(&script, script_of(Shell::Fish)).unwrap();
            let mut program = format!("source '{}'\n", script.display());
            for line in lines {
                program.push_str(&format!("complete -C '{line}'; echo -----\n"));
            }
            let mut cmd = std::process::Command::new("fish");
            cmd.args(["--no-config", "-c", &program]);
            let text = run_shell(scratch, cmd);
            // fish prints `candidate<TAB>description`.
            text.split("-----\n")
                .take(lines.len())
                .map(|g| tidy(g, |l| l.split('\t').next().unwrap_or("")))
                .collect()
        }
        _ => unreachable!(),
    }
}

/// The same questions for zsh and fish; `dir` is how each shell shows a directory.
fn shell_completes_feed_names_and_config_keys(shell: &str, dir: fn(&str) -> String) {
    if !shell_available(shell) {
        return;
    }
    let scratch = scratch();
    let lines = [
        "inkwell --config-dir config show py",
        "inkwell --config-dir config update py",
        "inkwell --config-dir config rename py",
        "inkwell --config-dir config remove py",
        "inkwell --config-dir config remove other -f py",
        "inkwell --config-dir config history py",
        "inkwell --config-dir config config feed py",
        "inkwell --config-dir=config show py",
        "inkwell --config-dir ~/config remove py",
        "inkwell --config-dir config config set log_le",
        "inkwell --config-dir config config get log_le",
        "inkwell --config-dir config show ",
        "inkwell --config-dir ",
        "inkwell list --config-dir ",
        "inkwell --config-dir config show pyramid p",
        "inkwell --config-dir config config feed pyramid p",
    ];
    let got = completions_in(&scratch, shell, &lines);
    let py = ["pyramid", "python-show"];
    for (line, offered) in lines.iter().zip(&got).take(9) {
        assert_eq!(offered, &py, "{shell}: {line}");
    }
    assert_eq!(got[9], ["log_level"], "{shell}: {}", lines[9]);
    assert_eq!(got[10], ["log_level"], "{shell}: {}", lines[10]);
    assert_eq!(got[11], ["other", "pyramid", "python-show"], "{shell}");
    // --config-dir: directories only (not `afile`).
    let dirs = [dir("config"), dir("sub")];
    assert_eq!(got[12], dirs, "{shell}: {}", lines[12]);
    assert_eq!(got[13], dirs, "{shell}: {}", lines[13]);
    // A second argument of show is no feed name (nor is anything else here).
    assert!(got[14].is_empty(), "{shell}: {}: {:?}", lines[14], got[14]);
    assert!(got[15].is_empty(), "{shell}: {}: {:?}", lines[15], got[15]);
    // The feeds come from the live file.
    fs::write(
        scratch.work.join("config/feeds.yaml"),
        "feeds:\n  pyx:\n    url: https://example.com/x\n",
    )
    .unwrap();
    let got = completions_in(&scratch, shell, &["inkwell --config-dir config remove py"]);
    assert_eq!(got[0], ["pyx"], "{shell}");
}

#[test]
fn zsh_completes_feed_names_config_keys_and_directories() {
    shell_completes_feed_names_and_config_keys("zsh", |d| d.to_string());
}

#[test]
fn fish_completes_feed_names_config_keys_and_directories() {
    shell_completes_feed_names_and_config_keys("fish", |d| format!("{d}/"));
}

fn script_of(shell: Shell) -> String {
    script(shell)
}
