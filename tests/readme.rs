//! The README's examples run as written.
//!
//! Every shell example in README.md that runs `inkwell` is run, in the order the README
//! gives them, against one scratch config directory, with the built binary:
//!
//! - in a ```` ```console ```` block, a line `$ COMMAND` is a command and the lines after
//!   it, up to the next `$ `, are its whole output (stdout and stderr as a terminal shows
//!   them: lines starting with `error:`, `hint:`, `note:` or `warning:` are stderr, the
//!   rest stdout). A last line `...` means "more follows, not shown". A following
//!   `$ echo $?` gives the exit code the command must end with; without it, it is 0.
//! - in a ```` ```sh ```` block, each line is a command that must exit 0; its output is
//!   not checked.
//!
//! A command is a line whose first word is `inkwell`, or that pipes into `inkwell`; other
//! lines (`cargo install`, `export ...`) are skipped. Each command is run by `sh`, with
//! `inkwell` a function calling the built binary with `--config-dir` on the scratch dir,
//! `HOME` on another scratch dir and the working directory a third, so nothing outside
//! the test's own directories is read or written.

use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_inkwell");

#[derive(Debug)]
struct Example {
    /// Line number in README.md (1-based).
    line: usize,
    command: String,
    /// `None`: output not checked (a `sh` block).
    output: Option<Vec<String>>,
    code: i32,
}

fn is_inkwell_command(line: &str) -> bool {
    line.starts_with("inkwell ") || line == "inkwell" || line.contains("| inkwell ")
}

fn examples(readme: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut fence: Option<String> = None;
    // In a console block: the example whose output is being read, if it is one we run.
    let mut reading: Option<usize> = None;
    // The previous `$ ` line was a command we run (for `$ echo $?`).
    let mut last_was_ours = false;
    for (i, raw) in readme.lines().enumerate() {
        let line = raw.trim_end();
        if let Some(rest) = line.trim_start().strip_prefix("```") {
            if fence.is_some() {
                fence = None;
                reading = None;
                last_was_ours = false;
            } else {
                fence = Some(rest.trim().to_string());
            }
            continue;
        }
        match fence.as_deref() {
            Some("console") => {
                if let Some(cmd) = line.strip_prefix("$ ") {
                    let cmd = cmd.trim();
                    if cmd == "echo $?" {
                        assert!(
                            last_was_ours,
                            "README.md:{}: `$ echo $?` must follow an inkwell command",
                            i + 1
                        );
                        reading = Some(usize::MAX); // its output is the code
                        continue;
                    }
                    if is_inkwell_command(cmd) {
                        out.push(Example {
                            line: i + 1,
                            command: cmd.to_string(),
                            output: Some(Vec::new()),
                            code: 0,
                        });
                        reading = Some(out.len() - 1);
                        last_was_ours = true;
                    } else {
                        reading = None;
                        last_was_ours = false;
                    }
                } else {
                    match reading {
                        Some(usize::MAX) => {
                            let example = out.last_mut().unwrap();
                            example.code = line.trim().parse().unwrap_or_else(|_| {
                                panic!("README.md:{}: `echo $?` shows no number", i + 1)
                            });
                            reading = None;
                        }
                        Some(n) => out[n].output.as_mut().unwrap().push(line.to_string()),
                        None => {}
                    }
                }
            }
            Some("sh") => {
                let cmd = line.trim();
                if is_inkwell_command(cmd) {
                    out.push(Example {
                        line: i + 1,
                        command: cmd.to_string(),
                        output: None,
                        code: 0,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

fn is_stderr_line(line: &str) -> bool {
    ["error:", "hint:", "note:", "warning:"]
        .iter()
        .any(|p| line.starts_with(p))
}

/// Compares shown lines with actual output; a last shown `...` allows more output.
fn matches(shown: &[&str], actual: &str) -> bool {
    let actual: Vec<&str> = actual.lines().map(str::trim_end).collect();
    match shown.split_last() {
        Some((&"...", head)) => actual.starts_with(head),
        _ => actual == shown,
    }
}

fn run(example: &Example, config: &Path, home: &Path, work: &Path) {
    let script = format!(
        "inkwell() {{ \"$INKWELL_BIN\" --config-dir \"$INKWELL_README_DIR\" \"$@\"; }}\n{}",
        example.command
    );
    let output = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("INKWELL_BIN", BIN)
        .env("INKWELL_README_DIR", config)
        .current_dir(work)
        .stdin(Stdio::null())
        .output()
        .expect("sh runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code().unwrap_or(-1);
    let mut problems = Vec::new();
    if code != example.code {
        problems.push(format!(
            "exit code {code}, the README shows {}",
            example.code
        ));
    }
    if let Some(shown) = &example.output {
        let shown_out: Vec<&str> = shown
            .iter()
            .map(String::as_str)
            .filter(|l| !is_stderr_line(l))
            .collect();
        let shown_err: Vec<&str> = shown
            .iter()
            .map(String::as_str)
            .filter(|l| is_stderr_line(l))
            .collect();
        if !matches(&shown_out, &stdout) {
            problems.push(format!(
                "stdout differs; the README shows:\n{}",
                shown_out.join("\n")
            ));
        }
        if !matches(&shown_err, &stderr) {
            problems.push(format!(
                "stderr differs; the README shows:\n{}",
                shown_err.join("\n")
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "README.md:{}: `{}`\n{}\n--- stdout ---\n{stdout}--- stderr ---\n{stderr}",
        example.line,
        example.command,
        problems.join("\n")
    );
}

#[test]
fn the_readme_examples_run_as_written() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let examples = examples(&readme);
    // Guards against a change of format that would leave nothing to run.
    assert!(
        examples.len() >= 15 && examples.iter().filter(|e| e.output.is_some()).count() >= 8,
        "found only {} runnable examples in README.md: {examples:#?}",
        examples.len()
    );
    let root = tempfile::tempdir().unwrap();
    let (config, home, work) = (
        root.path().join("config"),
        root.path().join("home"),
        root.path().join("work"),
    );
    std::fs::create_dir(&home).unwrap();
    std::fs::create_dir(&work).unwrap();
    for example in &examples {
        run(example, &config, &home, &work);
    }
}

#[test]
fn the_example_reader_reads_console_and_sh_blocks() {
    let text = "\
text
```console
$ inkwell add https://example.com/a.rss -n a
Added feed 'a' (https://example.com/a.rss)
$ inkwell show b
error: no feed named 'b'
$ echo $?
4
$ cargo install --locked --path .
Installed
```
```sh
inkwell list   # a comment
printf x | inkwell import -
cargo build
```
";
    let found = examples(text);
    let summary: Vec<(&str, Option<usize>, i32)> = found
        .iter()
        .map(|e| (e.command.as_str(), e.output.as_ref().map(Vec::len), e.code))
        .collect();
    assert_eq!(
        summary,
        [
            ("inkwell add https://example.com/a.rss -n a", Some(1), 0),
            ("inkwell show b", Some(1), 4),
            ("inkwell list   # a comment", None, 0),
            ("printf x | inkwell import -", None, 0),
        ]
    );
    assert!(matches(&["a", "..."], "a\nb\n"));
    assert!(!matches(&["a"], "a\nb\n"));
}

/// The README's exit-code table lists exactly the codes `inkwell --help` lists.
#[test]
fn the_readme_lists_every_exit_code() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let section = readme
        .split("## Exit codes")
        .nth(1)
        .expect("README.md has an Exit codes section");
    let in_readme: Vec<u32> = section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| {
            l.trim_start_matches('|')
                .split('|')
                .next()?
                .trim()
                .parse()
                .ok()
        })
        .collect();
    let help = Command::new(BIN)
        .arg("--help")
        .output()
        .expect("inkwell runs");
    let help = String::from_utf8_lossy(&help.stdout);
    let in_help: Vec<u32> = help
        .split("Exit codes:")
        .nth(1)
        .expect("--help lists the exit codes")
        .lines()
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert!(in_help.len() >= 10, "--help lists {in_help:?}");
    assert_eq!(
        in_readme, in_help,
        "README.md's exit codes and --help's differ"
    );
}

/// The README's JSON example of a feed is what inkwell prints for that feed: the same
/// keys in the same order, the same values.
#[test]
fn the_readme_json_example_is_the_shape_inkwell_prints() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let block = readme
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README.md has a ```json block");
    let shown: serde_json::Value = serde_json::from_str(block).expect("the example is JSON");
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let inkwell = |args: &[&str]| {
        let out = Command::new(BIN)
            .arg("--config-dir")
            .arg(&config)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("inkwell runs");
        assert!(out.status.success(), "{args:?}: {out:?}");
        out.stdout
    };
    let field = |k: &str| shown[k].as_str().unwrap_or_else(|| panic!("{k}: {shown}"));
    let templates: Vec<&str> = shown["extra_templates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    inkwell(&[
        "add",
        field("url"),
        "-n",
        field("name"),
        "--display-name",
        field("display_name"),
        "-c",
        field("category"),
        "-t",
        &templates.join(","),
    ]);
    let printed: serde_json::Value =
        serde_json::from_slice(&inkwell(&["show", field("name"), "--json"])).unwrap();
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(&printed), keys(&shown), "{printed}");
    assert_eq!(printed, shown);
    let listed: serde_json::Value = serde_json::from_slice(&inkwell(&["list", "--json"])).unwrap();
    assert_eq!(listed["feeds"][0], shown);
}
