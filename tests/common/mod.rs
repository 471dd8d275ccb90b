//! The shared test harness: each test gets its own temp config directory, runs the real
//! `inkwell` binary the way a user does (`--config-dir DIR` on the command line), and
//! failed assertions (assert_cmd's) print the command, its output and the files.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use assert_cmd::assert::{Assert, OutputAssertExt};
use predicates::str::{contains, is_empty};
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_inkwell");

pub struct Env {
    root: TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            root: TempDir::new().expect("temp dir"),
        }
    }

    /// The config directory (created on demand by inkwell itself).
    pub fn dir(&self) -> PathBuf {
        self.root.path().join("config")
    }

    pub fn root(&self) -> &Path {
        self.root.path()
    }

    pub fn feeds_path(&self) -> PathBuf {
        self.dir().join("feeds.yaml")
    }

    pub fn write_feeds(&self, text: impl AsRef<[u8]>) {
        fs::create_dir_all(self.dir()).unwrap();
        fs::write(self.feeds_path(), text).unwrap();
    }

    pub fn feeds(&self) -> String {
        fs::read_to_string(self.feeds_path()).unwrap_or_default()
    }

    /// A `Command` for inkwell with a clean environment and `--config-dir` pointing at
    /// this test's dir.
    pub fn command(&self) -> Command {
        let mut cmd = self.command_without_dir();
        cmd.arg("--config-dir").arg(self.dir());
        cmd
    }

    /// A `Command` for inkwell with a clean environment and no config directory chosen:
    /// for tests of `INKWELL_CONFIG_DIR` and the platform default.
    pub fn command_without_dir(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.root.path())
            .stdin(Stdio::null());
        cmd
    }

    /// Runs inkwell with `args` and `vars` set, with standard input, output and error on
    /// a pseudo-terminal (python3's pty module), writing each answer of `dialogue` once
    /// its prompt has appeared (a prompt may repeat). Returns the exit code and what the
    /// terminal showed; `None` (with the reason printed: the test skips) without a pty.
    /// With `("INKWELL_TEST_CONTROLLING_TTY", "1")` in `vars` (not passed on to inkwell),
    /// the pty is inkwell's controlling terminal in a session of its own, so that a
    /// typed Ctrl-C sends SIGINT to inkwell and its children, as on a real terminal.
    pub fn on_a_terminal(
        &self,
        vars: &[(&str, &str)],
        args: &[&str],
        dialogue: &[(&str, &str)],
    ) -> Option<(i32, String)> {
        const DRIVER: &str = r#"
import fcntl, json, os, pty, select, subprocess, sys, termios
dialogue = json.loads(sys.argv[1])
m, s = pty.openpty()
def controlling_tty():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
ctty = os.environ.pop("INKWELL_TEST_CONTROLLING_TTY", None) == "1"
p = subprocess.Popen(sys.argv[2:], stdin=s, stdout=s, stderr=s,
                     preexec_fn=controlling_tty if ctty else None)
os.close(s)
out, seen = b"", 0
while True:
    r, _, _ = select.select([m], [], [], 30)
    if not r:
        p.kill()
        break
    try:
        chunk = os.read(m, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    while dialogue and out.find(dialogue[0][0].encode(), seen) >= 0:
        seen = out.find(dialogue[0][0].encode(), seen) + len(dialogue[0][0])
        os.write(m, (dialogue.pop(0)[1] + "\n").encode())
sys.stdout.write(out.decode("utf-8", "replace"))
sys.exit(p.wait())
"#;
        let has_pty = Command::new("python3")
            .args(["-c", "import pty; pty.openpty()"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !has_pty {
            eprintln!("skipped: python3 with a working pty module is not available");
            return None;
        }
        let template = self.command();
        let mut cmd = Command::new("python3");
        cmd.env_clear();
        for (k, v) in template.get_envs() {
            if let Some(v) = v {
                cmd.env(k, v);
            }
        }
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let dialogue: Vec<[&str; 2]> = dialogue.iter().map(|(p, a)| [*p, *a]).collect();
        let out = cmd
            .args(["-c", DRIVER, &serde_json::to_string(&dialogue).unwrap()])
            .arg(BIN)
            .args(template.get_args())
            .args(args)
            .output()
            .unwrap();
        Some((
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"),
        ))
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let output = self.command().args(args).output().expect("inkwell runs");
        Run {
            args: args.iter().map(|s| s.to_string()).collect(),
            output,
            listing: self.listing(),
        }
    }

    /// Runs inkwell with `input` on its standard input.
    pub fn run_stdin(&self, args: &[&str], input: &[u8]) -> Run {
        use std::io::Write;
        let mut child = self
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("inkwell starts");
        let mut stdin = child.stdin.take().unwrap();
        // A refused input is not read to the end; a closed pipe is then expected.
        let _ = stdin.write_all(input);
        drop(stdin);
        let output = child.wait_with_output().expect("inkwell runs");
        Run {
            args: args.iter().map(|s| s.to_string()).collect(),
            output,
            listing: self.listing(),
        }
    }

    /// Writes a file next to the config directory (an import source, say) and returns
    /// its path as a string.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.root.path().join(name);
        fs::write(&path, contents).unwrap();
        path.to_string_lossy().into_owned()
    }

    /// `list --json` parsed.
    pub fn list_json(&self) -> serde_json::Value {
        let run = self.run(&["list", "--json"]);
        run.success();
        serde_json::from_slice(&run.output.stdout).expect("list --json is JSON")
    }

    pub fn spawn(&self, args: &[String]) -> Child {
        self.command()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("inkwell starts")
    }

    /// Names of the feeds, as `list --json` reports them.
    pub fn names(&self) -> Vec<String> {
        let run = self.run(&["list", "--json"]);
        run.success();
        let v: serde_json::Value =
            serde_json::from_slice(&run.output.stdout).expect("list --json is JSON");
        v["feeds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect()
    }

    /// The directory listing, for failure messages.
    pub fn listing(&self) -> String {
        let mut names: Vec<String> = fs::read_dir(self.dir())
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names.join(" ")
    }

    /// Names of files that look like temp files left behind.
    pub fn temp_files(&self) -> Vec<String> {
        fs::read_dir(self.dir())
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.contains("tmp"))
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub struct Run {
    pub args: Vec<String>,
    pub output: Output,
    pub listing: String,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    /// Standard output parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.output.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{}", self.describe()))
    }

    /// Standard error parsed as one JSON object (the `--json` error report).
    pub fn json_error(&self) -> serde_json::Value {
        serde_json::from_slice(&self.output.stderr)
            .unwrap_or_else(|e| panic!("stderr is not JSON ({e})\n{}", self.describe()))
    }

    pub fn stdout_is_empty(&self) -> &Run {
        self.assert().stdout(is_empty());
        self
    }

    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    /// assert_cmd's view of the run, with the config dir's listing in its failure report.
    fn assert(&self) -> Assert {
        self.output
            .clone()
            .assert()
            .append_context("command", format!("inkwell {:?}", self.args))
            .append_context("config dir", self.listing.clone())
    }

    fn describe(&self) -> String {
        format!(
            "inkwell {:?}\nexit: {:?}\n--- stdout\n{}--- stderr\n{}--- config dir: {}",
            self.args,
            self.output.status,
            self.stdout(),
            self.stderr(),
            self.listing
        )
    }

    pub fn success(&self) -> &Run {
        self.assert().success();
        self
    }

    pub fn fails_with(&self, code: i32) -> &Run {
        self.assert().code(code);
        self
    }

    pub fn stderr_has(&self, needle: &str) -> &Run {
        self.assert().stderr(contains(needle));
        self
    }

    pub fn stdout_has(&self, needle: &str) -> &Run {
        self.assert().stdout(contains(needle));
        self
    }

    /// No panic message or backtrace ever reaches the user.
    pub fn no_panic(&self) -> &Run {
        let err = self.stderr();
        assert!(
            !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
            "{}",
            self.describe()
        );
        self
    }
}

/// The inkwell-cli 0.26 executable: `$INKWELL_CLI_BIN`, else the CI venv's. `None` (with
/// the reason printed, so the skip shows in the test log) when it is not installed.
pub fn inkwell_cli() -> Option<PathBuf> {
    let bin = std::env::var_os("INKWELL_CLI_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/opt/inkwell-cli-venv/bin/inkwell"));
    if bin.is_file() {
        Some(bin)
    } else {
        eprintln!(
            "skipped: inkwell-cli is not installed at {} (set INKWELL_CLI_BIN; .ci/run installs it)",
            bin.display()
        );
        None
    }
}

/// The Python of inkwell-cli's venv (next to its executable).
pub fn inkwell_cli_python() -> Option<PathBuf> {
    let python = inkwell_cli()?.parent()?.join("python");
    if python.is_file() {
        Some(python)
    } else {
        eprintln!(
            "skipped: no python next to inkwell-cli at {}",
            python.display()
        );
        None
    }
}

/// Waits until `path` exists (a helper process creates it when it is ready, or holds a
/// lock), for at most 20 s; `what` says what failed to happen.
pub fn wait_for_file(path: &Path, what: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !path.exists() {
        assert!(std::time::Instant::now() < deadline, "{what}");
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}
