//! The promise on every path: only regular files are replaced, a file's protection
//! (ACLs, extended attributes, write permission, owner) is kept, exit codes say what
//! happened after a late failure, shared files exclude each other, `edit` survives
//! signals, and inkwell's own sidecar files are never followed through symlinks.
//!
//! Tests that need root (device nodes, other users) or a tool (strace, setfacl) skip
//! with a printed reason when it is missing; CI runs as root with the tools installed.

mod common;

use std::fs;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::{BIN, Env};

const TWO: &str =
    "feeds:\n  a:\n    url: https://example.com/a\n  b:\n    url: https://example.com/b\n";

fn is_root() -> bool {
    // SAFETY-free: the owner of /proc/self is the effective user.
    fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

macro_rules! require {
    ($cond:expr, $why:expr) => {
        if !$cond {
            eprintln!("skipped: {}", $why);
            return;
        }
    };
}

/// A character device node like /dev/null (1:3), made in the test's own dir, so that a
/// bug can never destroy the system's /dev/null.
fn null_device(at: &Path) -> PathBuf {
    let path = at.join("null");
    let ok = Command::new("mknod")
        .arg(&path)
        .args(["c", "1", "3"])
        .status()
        .unwrap();
    assert!(ok.success());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
    path
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

/// Runs inkwell, killing it if it has not ended after `limit`: `None` when it hung.
fn run_bounded(env: &Env, args: &[&str], limit: Duration) -> Option<std::process::Output> {
    let mut child = env
        .command()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return Some(child.wait_with_output().unwrap());
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        thread::sleep(Duration::from_millis(20));
    }
}

// --- Only regular files are replaced ---------------------------------------------------

#[test]
fn export_to_a_device_writes_into_it_and_leaves_the_node() {
    require!(is_root(), "mknod needs root");
    let env = Env::new();
    env.write_feeds(TWO);
    let dev = null_device(env.root());
    let dev_s = dev.to_str().unwrap();
    env.run(&["export", "-o", dev_s]).success();
    let m = fs::symlink_metadata(&dev).unwrap();
    assert!(
        m.file_type().is_char_device(),
        "the device node was replaced"
    );
    assert_eq!(m.mode() & 0o777, 0o666);
    assert!(
        env.temp_files().is_empty() && !env.root().join(".null.inkwell-tmp").exists(),
        "no temp file is left next to the device"
    );
}

#[test]
fn export_to_a_fifo_is_read_by_its_reader() {
    let env = Env::new();
    env.write_feeds(TWO);
    let fifo = env.root().join("pipe");
    mkfifo(&fifo);
    // The reader may never get a writer (if the FIFO were replaced): it reports through
    // a channel, and the test waits for it with a timeout.
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        thread::spawn(move || {
            let mut s = String::new();
            if let Ok(mut f) = fs::File::open(fifo) {
                let _ = f.read_to_string(&mut s);
            }
            let _ = tx.send(s);
        });
    }
    let run = run_bounded(
        &env,
        &["export", "--format", "json", "-o", fifo.to_str().unwrap()],
        Duration::from_secs(10),
    )
    .expect("export to a FIFO with a reader finishes");
    assert!(run.status.success(), "{run:?}");
    let got = rx
        .recv_timeout(Duration::from_secs(5))
        .expect("the FIFO's reader got the export");
    assert!(got.contains("https://example.com/b"), "{got}");
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn export_to_dev_stdout_into_a_pipe_writes_to_the_pipe() {
    let env = Env::new();
    env.write_feeds(TWO);
    let run = env.run(&["export", "--format", "json", "-o", "/dev/stdout"]);
    run.success().stdout_has("https://example.com/a");
}

#[test]
fn export_over_the_live_feeds_yaml_is_refused() {
    let env = Env::new();
    env.write_feeds(TWO);
    let feeds = env.feeds_path();
    env.run(&["export", "-o", feeds.to_str().unwrap()])
        .fails_with(3)
        .stderr_has("feeds.yaml");
    assert_eq!(env.feeds(), TWO);
    let config = env.dir().join("config.yaml");
    fs::write(&config, "general:\n  log_level: INFO\n").unwrap();
    env.run(&["export", "-o", config.to_str().unwrap()])
        .fails_with(3);
    assert_eq!(
        fs::read_to_string(&config).unwrap(),
        "general:\n  log_level: INFO\n"
    );
}

#[test]
fn a_feeds_yaml_linked_to_a_device_is_refused_and_the_device_kept() {
    require!(is_root(), "mknod needs root");
    let env = Env::new();
    fs::create_dir_all(env.dir()).unwrap();
    let dev = null_device(env.root());
    std::os::unix::fs::symlink(&dev, env.feeds_path()).unwrap();
    env.run(&["add", "https://example.com/x", "-n", "x"])
        .fails_with(8)
        .stderr_has("not a regular file")
        .no_panic();
    env.run(&["list"])
        .fails_with(8)
        .stderr_has("not a regular file");
    assert!(fs::metadata(&dev).unwrap().file_type().is_char_device());
}

#[test]
fn a_fifo_as_feeds_yaml_never_hangs_a_command() {
    let env = Env::new();
    fs::create_dir_all(env.dir()).unwrap();
    mkfifo(&env.feeds_path());
    for args in [
        &["list"][..],
        &["add", "https://example.com/x", "-n", "x"][..],
        &["show", "x"][..],
    ] {
        let out = run_bounded(&env, args, Duration::from_secs(5))
            .unwrap_or_else(|| panic!("inkwell {args:?} hung on a FIFO"));
        assert_eq!(out.status.code(), Some(8), "{args:?}: {out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("not a regular file"),
            "{out:?}"
        );
    }
    let config = env.dir().join("config.yaml");
    mkfifo(&config);
    let out = run_bounded(&env, &["config", "show"], Duration::from_secs(5))
        .expect("config show hung on a FIFO");
    assert_eq!(out.status.code(), Some(8), "{out:?}");
}

// --- The file's protection is kept -----------------------------------------------------

fn getfacl(path: &Path) -> String {
    let out = Command::new("getfacl")
        .args(["--omit-header", "--absolute-names"])
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn an_acl_survives_every_write() {
    require!(
        have("setfacl") && have("getfacl"),
        "setfacl/getfacl (package acl) missing"
    );
    let env = Env::new();
    env.write_feeds(TWO);
    fs::set_permissions(env.feeds_path(), fs::Permissions::from_mode(0o600)).unwrap();
    let set = Command::new("setfacl")
        .args(["-m", "u:nobody:rw,g::-,m::rw"])
        .arg(env.feeds_path())
        .status()
        .unwrap();
    require!(set.success(), "this file system has no ACLs");
    let before = getfacl(&env.feeds_path());
    assert!(before.contains("user:nobody:rw-"), "{before}");
    env.run(&["add", "https://example.com/c", "-n", "c"])
        .success();
    env.run(&["update", "c", "--category", "news"]).success();
    env.run(&["remove", "c", "--force"]).success();
    assert_eq!(getfacl(&env.feeds_path()), before);
    let config = env.dir().join("config.yaml");
    fs::write(&config, "general:\n  log_level: INFO\n").unwrap();
    Command::new("setfacl")
        .args(["-m", "u:nobody:r"])
        .arg(&config)
        .status()
        .unwrap();
    let before = getfacl(&config);
    env.run(&["config", "set", "log_level", "DEBUG"]).success();
    assert_eq!(getfacl(&config), before);
}

#[test]
fn extended_attributes_survive_a_write() {
    let env = Env::new();
    env.write_feeds(TWO);
    let set = Command::new("python3")
        .args([
            "-c",
            "import os,sys; os.setxattr(sys.argv[1], 'user.origin', b'laptop')",
        ])
        .arg(env.feeds_path())
        .status();
    require!(
        set.is_ok_and(|s| s.success()),
        "python3 or user xattrs on this file system missing"
    );
    env.run(&["add", "https://example.com/c", "-n", "c"])
        .success();
    let got = Command::new("python3")
        .args([
            "-c",
            "import os,sys; print(os.getxattr(sys.argv[1], 'user.origin').decode())",
        ])
        .arg(env.feeds_path())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&got.stdout).trim(), "laptop");
}

/// An attribute that cannot be put on the new file refuses the write: as `nobody`, a
/// `security.*` attribute (only root may set one); and an injected EOPNOTSUPP from
/// `fsetxattr`. A file system without any extended attributes (EOPNOTSUPP from listing
/// them) is no reason to refuse.
#[test]
fn an_attribute_that_cannot_be_copied_refuses_the_write() {
    require!(
        is_root() && have("setpriv") && have("setfattr") && have("getfattr"),
        "needs root, setpriv and setfattr/getfattr (package attr)"
    );
    let root = tempfile::Builder::new().tempdir_in("/tmp").unwrap();
    fs::set_permissions(root.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let dir = root.path().join("config");
    fs::create_dir(&dir).unwrap();
    let feeds = dir.join("feeds.yaml");
    fs::write(&feeds, TWO).unwrap();
    std::os::unix::fs::chown(&dir, Some(65534), Some(65534)).unwrap();
    std::os::unix::fs::chown(&feeds, Some(65534), Some(65534)).unwrap();
    let set = Command::new("setfattr")
        .args(["-n", "security.inkwell", "-v", "kept"])
        .arg(&feeds)
        .status()
        .unwrap();
    require!(
        set.success(),
        "this file system has no security.* attributes"
    );
    let out = as_nobody(&dir, &["add", "https://example.com/c", "-n", "c"]);
    assert_eq!(out.status.code(), Some(8), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("security.inkwell"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    assert_eq!(fs::read_to_string(&feeds).unwrap(), TWO);
    let attr = Command::new("getfattr")
        .args(["--only-values", "-n", "security.inkwell"])
        .arg(&feeds)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&attr.stdout), "kept");
    let left: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("inkwell-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");

    require!(have("strace"), "strace missing (fault injection)");
    let env = Env::new();
    env.write_feeds(TWO);
    Command::new("setfattr")
        .args(["-n", "user.origin", "-v", "laptop"])
        .arg(env.feeds_path())
        .status()
        .unwrap();
    let strace = |inject: &str, args: &[&str]| {
        Command::new("strace")
            .args(["-f", "-qq", "-o", "/dev/null", "-e", inject])
            .arg(BIN)
            .arg("--config-dir")
            .arg(env.dir())
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let out = strace(
        "inject=fsetxattr:error=EOPNOTSUPP",
        &["add", "https://example.com/c", "-n", "c"],
    );
    assert_eq!(out.status.code(), Some(8), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("user.origin") && err.contains("not supported"),
        "{err}"
    );
    assert_eq!(env.feeds(), TWO);
    // No attributes to be had at all: the write goes ahead.
    let out = strace(
        "inject=llistxattr,flistxattr:error=EOPNOTSUPP",
        &["add", "https://example.com/c", "-n", "c"],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(env.feeds().contains("https://example.com/c"));
}

/// A new file in a directory with a default ACL inherits an ACL of its own; the file it
/// replaces had none, so the replaced feeds.yaml must not gain one (that would let the
/// default ACL's users read it).
#[test]
fn a_default_acl_of_the_directory_is_not_added_to_the_file() {
    require!(
        have("setfacl") && have("getfacl"),
        "setfacl/getfacl (package acl) missing"
    );
    let env = Env::new();
    env.write_feeds(TWO);
    fs::set_permissions(env.feeds_path(), fs::Permissions::from_mode(0o640)).unwrap();
    let before = getfacl(&env.feeds_path());
    let set = Command::new("setfacl")
        .args(["-d", "-m", "u:nobody:rw"])
        .arg(env.dir())
        .status()
        .unwrap();
    require!(set.success(), "this file system has no ACLs");
    env.run(&["add", "https://example.com/c", "-n", "c"])
        .success();
    assert_eq!(getfacl(&env.feeds_path()), before);
    assert!(!before.contains("nobody"), "{before}");
}

/// Runs inkwell as user `nobody` (via setpriv), on `dir`.
fn as_nobody(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN])
        .arg("--config-dir")
        .arg(dir)
        .args(args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", dir)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn a_read_only_feeds_yaml_is_not_replaced() {
    require!(
        is_root() && have("setpriv"),
        "needs root and setpriv to act as another user"
    );
    let root = tempfile::Builder::new().tempdir_in("/tmp").unwrap();
    fs::set_permissions(root.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let dir = root.path().join("config");
    fs::create_dir(&dir).unwrap();
    let feeds = dir.join("feeds.yaml");
    fs::write(&feeds, TWO).unwrap();
    std::os::unix::fs::chown(&dir, Some(65534), Some(65534)).unwrap();
    std::os::unix::fs::chown(&feeds, Some(65534), Some(65534)).unwrap();
    fs::set_permissions(&feeds, fs::Permissions::from_mode(0o444)).unwrap();
    let out = as_nobody(&dir, &["add", "https://example.com/c", "-n", "c"]);
    assert_eq!(out.status.code(), Some(8), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not writable"),
        "{out:?}"
    );
    assert_eq!(fs::read_to_string(&feeds).unwrap(), TWO);

    // A file of root's in the user's own directory: the user may not write it, and it
    // must not silently become theirs.
    std::os::unix::fs::chown(&feeds, Some(0), Some(0)).unwrap();
    fs::set_permissions(&feeds, fs::Permissions::from_mode(0o644)).unwrap();
    let out = as_nobody(&dir, &["add", "https://example.com/c", "-n", "c"]);
    assert_eq!(out.status.code(), Some(8), "{out:?}");
    let m = fs::metadata(&feeds).unwrap();
    assert_eq!(
        (m.uid(), fs::read_to_string(&feeds).unwrap()),
        (0, TWO.to_string())
    );
}

// --- Exit codes tell the truth ---------------------------------------------------------

#[test]
fn an_unwritable_stdout_after_a_change_says_the_change_was_made() {
    let env = Env::new();
    env.write_feeds(TWO);
    let out = env
        .command()
        .args(["add", "https://example.com/c", "-n", "c"])
        .stdout(
            fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(10), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the change was made"), "{err}");
    assert!(env.feeds().contains("https://example.com/c"));
    let log = fs::read_to_string(env.dir().join("audit.log")).unwrap_or_default();
    assert!(
        log.contains("add_feed"),
        "the change is in audit.log: {log}"
    );
}

#[test]
fn a_failed_directory_sync_after_the_rename_is_exit_10_and_audited() {
    require!(have("strace"), "strace missing (fault injection)");
    let env = Env::new();
    env.write_feeds(TWO);
    // fsync calls of an add: the temp file's, then the directory's (the last one).
    let out = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "-e", "trace=fsync", "-e"])
        .arg("inject=fsync:error=EIO:when=2")
        .arg(BIN)
        .arg("--config-dir")
        .arg(env.dir())
        .args(["add", "https://example.com/c", "-n", "c"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(10), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the change was made"), "{err}");
    assert!(!err.contains("nothing was changed"), "{err}");
    assert!(env.feeds().contains("https://example.com/c"));
    let log = fs::read_to_string(env.dir().join("audit.log")).unwrap_or_default();
    assert!(log.contains("add_feed"), "{log}");
}

/// Runs inkwell under strace with one fault injected (`inject=...`), `input` on stdin.
fn with_fault(env: &Env, inject: &str, args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "-e"])
        .arg(inject)
        .arg(BIN)
        .arg("--config-dir")
        .arg(env.dir())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

const FIRST_AUTH: [&str; 9] = [
    "add",
    "https://example.com/p",
    "-n",
    "p",
    "--auth",
    "basic",
    "--username",
    "ann",
    "--password-stdin",
];

/// The first `--auth` creates `.keyfile` and `.keyfile.backup` (six fsyncs and six writes
/// in all with the feeds.yaml write, audit.log and the report). Whichever fails, both key
/// files or neither exist afterwards, and the exit code says what happened: 8 with
/// nothing changed, or 0/10 with the feed added.
#[test]
fn a_failed_first_auth_never_leaves_a_key_without_its_backup() {
    require!(have("strace"), "strace missing (fault injection)");
    let faults = (1..=6)
        .map(|n| format!("inject=fsync:error=EIO:when={n}"))
        .chain((1..=6).map(|n| format!("inject=write:error=ENOSPC:when={n}")));
    let mut codes = Vec::new();
    let mut problems = Vec::new();
    for inject in faults {
        let env = Env::new();
        env.write_feeds(TWO);
        let out = with_fault(&env, &inject, &FIRST_AUTH, b"pw\n");
        let key = fs::symlink_metadata(env.dir().join(".keyfile")).is_ok();
        let backup = fs::symlink_metadata(env.dir().join(".keyfile.backup")).is_ok();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let code = out.status.code();
        let added = env.feeds().contains("https://example.com/p");
        let problem = if key != backup {
            Some(format!("key {key}, backup {backup}"))
        } else if !env.temp_files().is_empty() {
            Some(format!("temp files left: {:?}", env.temp_files()))
        } else {
            match code {
                Some(0 | 10) if key && added => None,
                Some(8) if !added && (key || err.contains("nothing was changed")) => None,
                _ => Some(format!("exit {code:?}, feed added: {added}")),
            }
        };
        if let Some(p) = problem {
            problems.push(format!("{inject}: {p}: {err}"));
        }
        codes.push((inject, code));
    }
    eprintln!("{codes:?}");
    assert!(problems.is_empty(), "{problems:#?}");
}

/// A key in a config directory others may change could be replaced by them: refused,
/// whether it would be created there or already is there.
#[test]
fn a_key_file_in_a_world_writable_config_dir_is_refused() {
    let env = Env::new();
    env.write_feeds(TWO);
    fs::set_permissions(env.dir(), fs::Permissions::from_mode(0o1777)).unwrap();
    env.run_stdin(&FIRST_AUTH, b"pw\n")
        .fails_with(8)
        .stderr_has("world-writable")
        .stderr_has("nothing was changed");
    assert!(!env.dir().join(".keyfile").exists());
    assert!(!env.dir().join(".keyfile.backup").exists());
    assert_eq!(env.feeds(), TWO);

    fs::set_permissions(env.dir(), fs::Permissions::from_mode(0o700)).unwrap();
    env.run_stdin(&FIRST_AUTH, b"pw\n").success();
    let feeds = env.feeds();
    fs::set_permissions(env.dir(), fs::Permissions::from_mode(0o777)).unwrap();
    let second = [
        "update",
        "p",
        "--auth",
        "basic",
        "--username",
        "bo",
        "--password-stdin",
    ];
    env.run_stdin(&second, b"pw2\n")
        .fails_with(8)
        .stderr_has("refusing to use the key file");
    assert_eq!(env.feeds(), feeds);

    require!(
        is_root(),
        "not root: cannot give the directory to another user"
    );
    fs::set_permissions(env.dir(), fs::Permissions::from_mode(0o700)).unwrap();
    std::os::unix::fs::chown(env.dir(), Some(65534), Some(65534)).unwrap();
    env.run_stdin(&second, b"pw2\n")
        .fails_with(8)
        .stderr_has("owned by another user");
    assert_eq!(env.feeds(), feeds);
    env.run(&["list"])
        .success()
        .stderr_has("owned by another user");
}

// --- Shared files exclude each other ---------------------------------------------------

#[test]
fn two_config_dirs_sharing_one_feeds_yaml_lose_nothing() {
    let root = tempfile::tempdir().unwrap();
    let real = root.path().join("dotfiles");
    fs::create_dir(&real).unwrap();
    fs::write(real.join("feeds.yaml"), "feeds: {}\n").unwrap();
    let dirs: Vec<PathBuf> = ["one", "two"]
        .iter()
        .map(|d| {
            let dir = root.path().join(d);
            fs::create_dir(&dir).unwrap();
            std::os::unix::fs::symlink(real.join("feeds.yaml"), dir.join("feeds.yaml")).unwrap();
            dir
        })
        .collect();
    let n = 60;
    let children: Vec<_> = (0..n)
        .map(|i| {
            Command::new(BIN)
                .arg("--config-dir")
                .arg(&dirs[i % 2])
                .args(["add", &format!("https://example.com/{i}"), "-n"])
                .arg(format!("f{i}"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let failed: Vec<String> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .filter(|o| !o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {n} failed: {:?}",
        failed.len(),
        &failed[..failed.len().min(3)]
    );
    let text = fs::read_to_string(real.join("feeds.yaml")).unwrap();
    for i in 0..n {
        assert!(
            text.contains(&format!("https://example.com/{i}\n")),
            "f{i} lost"
        );
    }
}

// --- Signals ---------------------------------------------------------------------------

#[test]
fn signals_during_edit_do_not_lose_the_users_save() {
    for signal in ["INT", "TERM", "HUP"] {
        let env = Env::new();
        env.write_feeds(TWO);
        let ready = env.root().join("ready");
        let script = env.root().join("ed.sh");
        // The editor goes on running after the signal (as `ed` or `code --wait` do),
        // then saves.
        fs::write(
            &script,
            format!(
                "#!/bin/sh\ntrap '' INT TERM HUP\ntouch {}\nsleep 1\nprintf '  c:\\n    url: https://example.com/c\\n' >> \"$1\"\n",
                ready.display()
            ),
        )
        .unwrap();
        let child = env
            .command()
            .args(["edit", "--editor"])
            .arg(format!("sh {}", script.display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while !ready.exists() && start.elapsed() < Duration::from_secs(10) {
            thread::sleep(Duration::from_millis(10));
        }
        Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            env.feeds().contains("https://example.com/c"),
            "SIG{signal}: the save was lost\n{out:?}"
        );
    }
}

// --- Symlinks and ownership of the config dir ------------------------------------------

#[test]
fn sidecar_files_are_never_followed_through_symlinks() {
    let env = Env::new();
    env.write_feeds(TWO);
    let elsewhere = env.root().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    for name in ["feeds.lock", "audit.log"] {
        let victim = elsewhere.join(name);
        std::os::unix::fs::symlink(&victim, env.dir().join(name)).unwrap();
        env.run(&[
            "add",
            &format!("https://example.com/{name}"),
            "-n",
            name.replace('.', "-").as_str(),
        ])
        .fails_with(8)
        .stderr_has("symlink");
        assert!(
            !victim.exists(),
            "{name}: a file was created through the link"
        );
        fs::remove_file(env.dir().join(name)).unwrap();
    }
    assert_eq!(env.feeds(), TWO);
}

#[test]
fn a_world_writable_config_dir_gets_a_warning() {
    let env = Env::new();
    env.write_feeds(TWO);
    fs::set_permissions(env.dir(), fs::Permissions::from_mode(0o777)).unwrap();
    env.run(&["list"]).success().stderr_has("world-writable");
}

#[test]
fn key_files_and_config_lock_are_never_followed_through_symlinks() {
    for name in [".keyfile", ".keyfile.backup"] {
        let env = Env::new();
        env.write_feeds(TWO);
        let victim = env.root().join("victim");
        std::os::unix::fs::symlink(&victim, env.dir().join(name)).unwrap();
        env.run_stdin(&FIRST_AUTH, b"pw\n")
            .fails_with(8)
            .stderr_has("symlink");
        assert!(
            !victim.exists(),
            "{name}: a file was created through the link"
        );
        assert_eq!(env.feeds(), TWO);
    }
    let env = Env::new();
    env.write_feeds(TWO);
    let victim = env.root().join("victim");
    std::os::unix::fs::symlink(&victim, env.dir().join("config.lock")).unwrap();
    env.run(&["config", "set", "cache.media.ttl_days", "30"])
        .fails_with(8)
        .stderr_has("symlink");
    assert!(
        !victim.exists(),
        "config.lock: a file was created through the link"
    );
    assert!(!env.dir().join("config.yaml").exists());
}

// --- Smaller ---------------------------------------------------------------------------

#[test]
fn a_url_with_a_password_is_refused_with_a_hint() {
    let env = Env::new();
    env.run(&["add", "https://user:secret@example.com/feed", "-n", "x"])
        .fails_with(3)
        .stderr_has("--auth basic");
    assert!(!env.feeds().contains("secret"));
    let list = env.file("list.txt", "https://user:secret@example.com/feed x\n");
    env.run(&["import", &list]).fails_with(3);
    assert!(!env.feeds().contains("secret"));
}

#[test]
fn an_error_names_its_path_once() {
    let env = Env::new();
    env.write_feeds("feeds:\n  a: [\n");
    let run = env.run(&["list"]);
    let err = run.stderr();
    let path = env.feeds_path().display().to_string();
    assert_eq!(err.matches(&path).count(), 1, "{err}");
}

/// A tmpfs mounted for one test, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Fills the file system of `dir` so that exactly `pages` pages (4 KiB) stay free.
fn fill_leaving(dir: &Path, pages: u64) {
    use std::io::Write;
    let filler = dir.join("filler");
    let mut f = fs::File::create(&filler).unwrap();
    let block = vec![0u8; 4096];
    while f.write_all(&block).is_ok() {}
    let len = f.metadata().unwrap().len();
    f.set_len((len / 4096).saturating_sub(pages) * 4096)
        .unwrap();
}

/// The disk fills up while audit.log is appended: the record is cut short by the file
/// system (a partial write), and the log is cut back, so no torn line is left, and the
/// change itself (already on disk) is reported with a warning.
#[test]
fn a_full_disk_leaves_no_torn_line_in_audit_log() {
    require!(is_root(), "not root: cannot mount a tmpfs");
    let Some(fs_) = Tmpfs::mount("1m") else {
        eprintln!("skipped: mount -t tmpfs failed");
        return;
    };
    let dir = fs_.path().join("config");
    fs::create_dir(&dir).unwrap();
    // An empty feeds.yaml takes no page, so that the new one uses the last free page and
    // nothing is freed by the replace.
    fs::write(dir.join("feeds.yaml"), "").unwrap();
    fs::write(dir.join("feeds.lock"), "").unwrap();
    // A log whose last page has 40 bytes left: the next record crosses into a new page.
    let pad = |n: usize| {
        format!(
            "{{\"timestamp\": \"2026-01-01T00:00:00+00:00\", \"operation\": \"add_feed\", \"details\": {{\"pad\": \"{}\"}}, \"user\": \"u\", \"hostname\": \"h\", \"pid\": 1}}\n",
            "x".repeat(n)
        )
    };
    let overhead = pad(0).len();
    let line = pad(4096 - 40 - overhead);
    assert_eq!(line.len(), 4096 - 40);
    fs::write(dir.join("audit.log"), &line).unwrap();
    fill_leaving(fs_.path(), 1);
    let out = Command::new(BIN)
        .arg("--config-dir")
        .arg(&dir)
        .args(["add", "https://example.com/c", "-n", "c"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let feeds = fs::read_to_string(dir.join("feeds.yaml")).unwrap();
    assert!(feeds.contains("https://example.com/c"), "{out:?}");
    let log = fs::read(dir.join("audit.log")).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&log),
        line,
        "audit.log holds exactly the old records\n{err}"
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(err.contains("could not be recorded"), "{err}");
}

/// A first write creates the config directory and its missing parents: each new
/// directory and the existing parent of the outermost one are fsynced, so the new file
/// does not vanish with its directory in a crash.
#[test]
fn a_first_write_syncs_the_directories_it_creates() {
    require!(have("strace"), "strace missing (syscall trace)");
    let root = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(root.path()).unwrap();
    let dir = root.join("a/b/config");
    let trace = root.join("trace");
    let out = Command::new("strace")
        .args(["-f", "-qq", "-y", "-e", "trace=fsync,fdatasync", "-o"])
        .arg(&trace)
        .arg(BIN)
        .arg("--config-dir")
        .arg(&dir)
        .args(["add", "https://example.com/c", "-n", "c"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let trace = fs::read_to_string(&trace).unwrap();
    for synced in [root.clone(), root.join("a"), root.join("a/b"), dir.clone()] {
        assert!(
            trace.contains(&format!("<{}>)", synced.display())),
            "{} not fsynced:\n{trace}",
            synced.display()
        );
    }
}
