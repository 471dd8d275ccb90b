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
    // Standard output holds the export and nothing else: it parses as JSON.
    let stdout = run.stdout();
    let v: serde_json::Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("stdout is not the JSON export ({e}): {stdout}"));
    assert_eq!(v["total"], 2, "{stdout}");
    run.success().stderr_has("Exported 2 feeds to /dev/stdout");
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

/// A writable file of another user's (or of a group the user is not in): a non-root
/// writer cannot give the new file that owner, so the write is refused rather than the
/// file silently becoming the user's. Where the owner can be kept, the write goes on.
#[test]
fn a_file_whose_owner_cannot_be_kept_is_not_replaced() {
    require!(
        is_root() && have("setpriv"),
        "needs root and setpriv to act as another user"
    );
    let root = tempfile::Builder::new().tempdir_in("/tmp").unwrap();
    fs::set_permissions(root.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let dir = root.path().join("config");
    fs::create_dir(&dir).unwrap();
    std::os::unix::fs::chown(&dir, Some(65534), Some(65534)).unwrap();
    let feeds = dir.join("feeds.yaml");
    fs::write(&feeds, TWO).unwrap();
    fs::set_permissions(&feeds, fs::Permissions::from_mode(0o660)).unwrap();
    let temps = || {
        fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("inkwell-tmp"))
            .count()
    };
    // Owned by root, writable through its group; then the user's own, in root's group.
    for (uid, gid, says) in [(0, 65534, "not to uid 0"), (65534, 0, "not to group 0")] {
        std::os::unix::fs::chown(&feeds, Some(uid), Some(gid)).unwrap();
        let out = as_nobody(&dir, &["add", "https://example.com/c", "-n", "c"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(8), "{uid}:{gid}: {out:?}");
        assert!(err.contains("would belong to you"), "{err}");
        assert!(err.contains(says), "{err}");
        assert!(err.contains("nothing was changed"), "{err}");
        let m = fs::metadata(&feeds).unwrap();
        assert_eq!((m.uid(), m.gid(), m.mode() & 0o7777), (uid, gid, 0o660));
        assert_eq!(fs::read_to_string(&feeds).unwrap(), TWO);
        assert_eq!(temps(), 0, "a temp file was left");
    }
    // The user's own file: written, owner and mode kept.
    std::os::unix::fs::chown(&feeds, Some(65534), Some(65534)).unwrap();
    let out = as_nobody(&dir, &["add", "https://example.com/c", "-n", "c"]);
    assert!(out.status.success(), "{out:?}");
    let m = fs::metadata(&feeds).unwrap();
    assert_eq!((m.uid(), m.gid(), m.mode() & 0o7777), (65534, 65534, 0o660));
    assert!(
        fs::read_to_string(&feeds)
            .unwrap()
            .contains("example.com/c")
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
/// nothing changed (no key file left), or 0/10 with the feed added.
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
                // Nothing changed: no feed, and no key file either.
                Some(8) if !added && !key => None,
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

/// An `--auth` change that fails (a feed of that name exists; a feed that cannot be
/// edited) creates no key: exit non-zero means nothing was created. A dry run creates
/// nothing either.
#[test]
fn a_failed_change_with_auth_creates_no_key() {
    let no_key = |env: &Env, what: &str| {
        for f in [".keyfile", ".keyfile.backup"] {
            assert!(
                fs::symlink_metadata(env.dir().join(f)).is_err(),
                "{what}: {f} was created"
            );
        }
    };
    let env = Env::new();
    env.write_feeds(TWO);
    let dup = [
        "add",
        "https://e.example/1",
        "-n",
        "a",
        "--auth",
        "basic",
        "--username",
        "u",
        "--password-stdin",
    ];
    env.run_stdin(&dup, b"pw\n").fails_with(5);
    no_key(&env, "add of an existing name");
    let mut dry = FIRST_AUTH.to_vec();
    dry.push("--dry-run");
    env.run_stdin(&dry, b"pw\n").success();
    no_key(&env, "add --dry-run");
    assert_eq!(env.feeds(), TWO);

    // An alias inkwell does not edit through: the update fails after the name resolved.
    let aliased = "feeds:\n  a:\n    url: &u https://a.example/\n  b:\n    url: *u\n";
    env.write_feeds(aliased);
    let update = [
        "update",
        "a",
        "--url",
        "https://z.example/",
        "--auth",
        "basic",
        "--username",
        "u",
        "--password-stdin",
    ];
    let out = env.run_stdin(&update, b"pw\n");
    assert_ne!(out.code(), 0, "{}", out.stderr());
    no_key(&env, "update of an aliased feed");
    assert_eq!(env.feeds(), aliased);

    // The same changes that can be made create the key and its backup.
    env.write_feeds(TWO);
    env.run_stdin(&FIRST_AUTH, b"pw\n").success();
    assert!(env.dir().join(".keyfile").exists() && env.dir().join(".keyfile.backup").exists());
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

/// Changes feeds.yaml in place once inkwell's temp file appears (after inkwell read it),
/// keeping size and modification time, so that only the byte-for-byte check of the
/// replaced file sees it; prints the temp file's name.
const CHANGE_IN_PLACE: &str = r#"
import glob, os, sys, time
path = sys.argv[1]
d = os.path.dirname(path)
start = time.time()
while not glob.glob(os.path.join(d, ".feeds.yaml.*.inkwell-tmp")):
    if time.time() - start > 20:
        sys.exit(1)
    time.sleep(0.001)
st = os.stat(path)
with open(path, "r+b") as f:
    data = f.read().replace(b"example.com/a", b"example.com/x")
    f.seek(0)
    f.write(data)
os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
"#;

/// Another program's change lands after inkwell read feeds.yaml; inkwell's exchange puts
/// its new file in place, sees the other program's version and tries to give it back,
/// and that fails (injected EIO on the second renameat2). The new file is live: exit 10,
/// "the change was made", recorded in audit.log, and the other version is kept under the
/// name the error gives (`feeds.yaml.other-save-PID`), which later writes leave alone.
#[test]
fn a_failed_give_back_after_an_exchange_says_the_change_was_made_and_keeps_the_other_save() {
    require!(have("strace"), "strace missing (fault injection)");
    require!(
        have_python(),
        "needs python3 to change the file behind inkwell's back"
    );
    let env = Env::new();
    env.write_feeds(TWO);
    let feeds = env.feeds_path();
    let mut helper = Helper::start(CHANGE_IN_PLACE, &[feeds.as_os_str()]);
    // The temp file's fsync is held up long enough for the helper to change the file.
    let out = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null"])
        .args(["-e", "inject=fsync:delay_enter=1500000:when=1"])
        .args(["-e", "inject=renameat2:error=EIO:when=2"])
        .arg(BIN)
        .arg("--config-dir")
        .arg(env.dir())
        .args(["add", "https://example.com/c", "-n", "c"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(helper.0.wait().unwrap().success(), "the helper did not run");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(10), "{err}");
    assert!(err.contains("the change was made"), "{err}");
    assert!(!err.contains("nothing was changed"), "{err}");
    assert!(env.feeds().contains("https://example.com/c"), "{err}");
    let log = fs::read_to_string(env.dir().join("audit.log")).unwrap_or_default();
    assert!(log.contains("add_feed"), "{log}");
    // Kept out of the temp files' clean-up, which would remove it at the next write.
    assert!(env.temp_files().is_empty(), "{:?}", env.temp_files());
    let kept: Vec<PathBuf> = fs::read_dir(env.dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("other-save"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}: {err}");
    assert!(
        err.contains(&*kept[0].to_string_lossy()),
        "the kept file is named: {err}"
    );
    let theirs = fs::read_to_string(&kept[0]).unwrap();
    assert!(theirs.contains("example.com/x"), "{theirs}");
    env.run(&["add", "https://example.com/d", "-n", "d"])
        .success();
    assert!(kept[0].exists(), "the next write removed the kept save");
}

// --- Readers agree with every writer ---------------------------------------------------

fn have_python() -> bool {
    Command::new("python3")
        .args(["-c", "import fcntl, pty, termios"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A helper process that is stopped with the test, even when an assertion fails first.
struct Helper(std::process::Child);

impl Helper {
    fn start(script: &str, args: &[&std::ffi::OsStr]) -> Helper {
        Helper(
            Command::new("python3")
                .args(["-c", script])
                .args(args)
                .stdout(Stdio::piped())
                .spawn()
                .unwrap(),
        )
    }

    /// Waits until it has done its work once (it creates `stop.ready` then).
    fn ready(self, stop: &Path) -> Helper {
        let ready = PathBuf::from(format!("{}.ready", stop.display()));
        common::wait_for_file(&ready, "the helper did not start");
        self
    }

    /// Waits for it to end (after its stop file was written) and returns its output.
    fn finish(mut self) -> std::process::Output {
        let child = std::mem::replace(&mut self.0, Command::new("true").spawn().unwrap());
        child.wait_with_output().unwrap()
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// feeds.yaml with `n` feeds, f0 to f{n-1}.
fn feeds_text(n: usize) -> String {
    let mut text = String::from("feeds:\n");
    for i in 0..n {
        text.push_str(&format!("  f{i}:\n    url: https://example.com/{i}\n"));
    }
    text
}

/// Runs `count` `inkwell list --json` in waves of `wave` at once; returns, for each, the
/// exit code and the total reported (or the error text).
fn concurrent_lists(env: &Env, count: usize, wave: usize) -> Vec<(Option<i32>, String)> {
    let mut results = Vec::new();
    for _ in 0..count.div_ceil(wave) {
        let children: Vec<_> = (0..wave)
            .map(|_| {
                env.command()
                    .args(["list", "--json"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            let total = serde_json::from_slice::<serde_json::Value>(&out.stdout)
                .ok()
                .and_then(|v| v["total"].as_u64())
                .map_or_else(
                    || String::from_utf8_lossy(&out.stderr).into_owned(),
                    |t| t.to_string(),
                );
            results.push((out.status.code(), total));
        }
    }
    results
}

/// What inkwell-cli 0.26 does on every save: feeds.lock held exclusively with
/// `fcntl.flock`, feeds.yaml truncated and rewritten in place (here slowly, in small
/// pieces), in a loop until the file `stop` exists. Prints the number of saves.
const SAVE_IN_PLACE: &str = r#"
import fcntl, os, sys, time
d, n, stop = sys.argv[1], int(sys.argv[2]), sys.argv[3]
data = ("feeds:\n" + "".join(f"  f{i}:\n    url: https://example.com/{i}\n" for i in range(n))).encode()
lock = open(os.path.join(d, "feeds.lock"), "a")
saves = 0
while not os.path.exists(stop):
    fcntl.flock(lock, fcntl.LOCK_EX)
    with open(os.path.join(d, "feeds.yaml"), "wb") as f:
        for k in range(0, len(data), 100):
            f.write(data[k:k + 100]); f.flush(); time.sleep(0.002)
    fcntl.flock(lock, fcntl.LOCK_UN)
    saves += 1
    if saves == 1:
        open(stop + ".ready", "w").close()
    time.sleep(0.003)
print(saves)
"#;

#[test]
fn readers_never_see_an_in_place_save_made_under_feeds_lock() {
    require!(
        have_python(),
        "needs python3 for a writer that saves in place"
    );
    let env = Env::new();
    let n = 30;
    env.write_feeds(feeds_text(n));
    let stop = env.root().join("stop");
    let n_arg = n.to_string();
    let writer = Helper::start(
        SAVE_IN_PLACE,
        &[env.dir().as_os_str(), n_arg.as_ref(), stop.as_os_str()],
    )
    .ready(&stop);
    let results = concurrent_lists(&env, 48, 12);
    fs::write(&stop, "").unwrap();
    let saves = String::from_utf8(writer.finish().stdout).unwrap();
    let bad: Vec<_> = results
        .iter()
        .filter(|(code, total)| *code != Some(0) || *total != n.to_string())
        .collect();
    println!(
        "{} of {} readers wrong during {} in-place saves",
        bad.len(),
        results.len(),
        saves.trim()
    );
    assert!(saves.trim().parse::<u32>().unwrap() > 0);
    assert!(
        bad.is_empty(),
        "{} wrong: {:?}",
        bad.len(),
        &bad[..bad.len().min(5)]
    );
}

/// Holds `lock` exclusively (as inkwell-cli does while it saves) until `stop` exists.
const HOLD_LOCK: &str = r#"
import fcntl, os, sys, time
lock = open(sys.argv[1], "a")
fcntl.flock(lock, fcntl.LOCK_EX)
open(sys.argv[2] + ".held", "w").close()
while not os.path.exists(sys.argv[2]):
    time.sleep(0.01)
"#;

/// Another process (python's `flock`, as inkwell-cli takes it) holding `lock` until
/// [`release`](LockHeld::release)d or dropped; `scratch` holds its stop files.
struct LockHeld {
    helper: Helper,
    stop: PathBuf,
}

impl LockHeld {
    fn take(lock: &Path, scratch: &Path) -> LockHeld {
        let stop = scratch.join("stop");
        let held = scratch.join("stop.held");
        let _ = fs::remove_file(&stop);
        let _ = fs::remove_file(&held);
        let helper = Helper::start(HOLD_LOCK, &[lock.as_os_str(), stop.as_os_str()]);
        common::wait_for_file(&held, "the lock was not taken");
        LockHeld { helper, stop }
    }

    fn release(self) {
        fs::write(&self.stop, "").unwrap();
        self.helper.finish();
    }
}

#[test]
fn readers_wait_for_the_lock_like_writers_and_time_out_the_same_way() {
    require!(have_python(), "needs python3 to hold the lock");
    let env = Env::new();
    env.write_feeds(TWO);
    fs::write(env.dir().join("config.yaml"), "log_level: INFO\n").unwrap();
    for (lock, args) in [
        ("feeds.lock", &["list"][..]),
        ("feeds.lock", &["show", "a"][..]),
        ("feeds.lock", &["export", "--format", "opml"][..]),
        ("feeds.lock", &["history"][..]),
        ("config.lock", &["config", "show"][..]),
        ("config.lock", &["config", "get", "log_level"][..]),
    ] {
        let holder = LockHeld::take(&env.dir().join(lock), env.root());
        let started = Instant::now();
        let out = env
            .command()
            .args(["--lock-timeout", "1.5"])
            .args(args)
            .output()
            .unwrap();
        let took = started.elapsed();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("waiting for the lock on"), "{args:?}: {err}");
        assert!(err.contains(lock), "{args:?}: {err}");
        assert!(took >= Duration::from_millis(1500), "{args:?}: {took:?}");
        assert_eq!(out.status.code(), Some(7), "{args:?}: {out:?}");
        assert!(err.contains("error:"), "{args:?}: {err}");

        // Released meanwhile: a waiting reader goes on as soon as it can.
        let waiting = env
            .command()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        thread::sleep(Duration::from_millis(300));
        holder.release();
        let out = waiting.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
}

/// Shell completion runs on every Tab. While another process holds the feeds lock for
/// long (an `inkwell edit` session, a stopped writer), completing a feed name waits only
/// briefly and then offers nothing, instead of freezing the prompt for the writers' 30 s
/// lock timeout; once the lock is free it offers the names again.
#[test]
fn completing_a_feed_name_while_the_lock_is_held_does_not_freeze_the_prompt() {
    require!(have_python(), "needs python3 to hold the lock");
    let env = Env::new();
    env.write_feeds(TWO);
    let holder = LockHeld::take(&env.dir().join("feeds.lock"), env.root());
    let out = run_bounded(&env, &["__complete", "feeds"], Duration::from_secs(5))
        .expect("completion still waiting for the lock after 5 s");
    assert!(out.status.success(), "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    // Nothing is printed into the user's command line either.
    assert!(out.stderr.is_empty(), "{out:?}");

    holder.release();
    let out = run_bounded(&env, &["__complete", "feeds"], Duration::from_secs(5)).unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "a\nb\n", "{out:?}");
}

/// A process holding audit.log's lock (a stopped inkwell in the middle of an append)
/// does not hold up writers past a bound: after about 2 s the record is appended without
/// that lock, with a warning, and the command succeeds.
#[test]
fn a_held_audit_log_lock_does_not_hang_writers() {
    require!(have_python(), "needs python3 to hold the lock");
    let env = Env::new();
    env.write_feeds(TWO);
    let audit = env.dir().join("audit.log");
    let holder = LockHeld::take(&audit, env.root());
    let started = Instant::now();
    let out = run_bounded(
        &env,
        &["add", "https://example.com/c", "-n", "c"],
        Duration::from_secs(15),
    )
    .expect("add hung on audit.log's lock");
    let took = started.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{out:?}");
    assert!(took < Duration::from_secs(6), "{took:?}");
    assert!(err.contains("audit.log"), "{err}");
    assert!(err.contains("without its lock"), "{err}");
    assert!(env.feeds().contains("https://example.com/c"));
    let log = fs::read_to_string(&audit).unwrap();
    assert!(log.contains("add_feed"), "{log}");
    holder.release();
}

#[test]
fn a_read_where_the_lock_file_cannot_be_created_reads_without_it_and_says_so() {
    // As root, a read-only directory does not stop us: read as another user.
    let root = tempfile::Builder::new().tempdir_in("/tmp").unwrap();
    fs::set_permissions(root.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let dir = root.path().join("config");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("feeds.yaml"), TWO).unwrap();
    fs::write(dir.join("config.yaml"), "log_level: DEBUG\n").unwrap();
    let run = |args: &[&str]| -> std::process::Output {
        if is_root() {
            as_nobody(&dir, args)
        } else {
            Command::new(BIN)
                .arg("--config-dir")
                .arg(&dir)
                .args(args)
                .stdin(Stdio::null())
                .output()
                .unwrap()
        }
    };
    if is_root() {
        require!(have("setpriv"), "needs setpriv to read as another user");
    } else {
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
    }
    let out = run(&["-v", "list", "--json"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 2, "{out:?}");
    assert!(err.contains("without the lock"), "{err}");
    assert!(err.contains("feeds.lock"), "{err}");
    // Without -v it is not mentioned.
    let out = run(&["list", "--json"]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("without the lock"),
        "{out:?}"
    );
    let out = run(&["-v", "config", "get", "log_level"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "DEBUG\n", "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("config.lock"),
        "{out:?}"
    );
    assert!(!dir.join("feeds.lock").exists() && !dir.join("config.lock").exists());
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();

    // A lock file the reader may only read is still locked, read-only.
    if is_root() && have_python() {
        let lock = dir.join("feeds.lock");
        fs::write(&lock, "").unwrap();
        fs::set_permissions(&lock, fs::Permissions::from_mode(0o644)).unwrap();
        let holder = LockHeld::take(&lock, root.path());
        let out = run(&["--lock-timeout", "0.5", "list", "--json"]);
        assert_eq!(out.status.code(), Some(7), "{out:?}");
        holder.release();
        let out = run(&["-v", "list", "--json"]);
        assert!(out.status.success(), "{out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("shared lock on"),
            "{out:?}"
        );
    }
}

/// A save that deletes feeds.yaml and writes it anew, as `git checkout` or an editor's
/// delete-then-write save does (creating it with O_EXCL like git), in a loop until
/// `stop` exists, taking no lock. Prints the number of saves and the longest time
/// without a file; fails (FileExistsError) if feeds.yaml was already there again when it
/// came to create it.
const DELETE_THEN_WRITE: &str = r#"
import os, sys, time
d, n, stop = sys.argv[1], int(sys.argv[2]), sys.argv[3]
path = os.path.join(d, "feeds.yaml")
data = ("feeds:\n" + "".join(f"  f{i}:\n    url: https://example.com/{i}\n" for i in range(n))).encode()
try:
    os.nice(-10)  # a save takes milliseconds, even on a busy test machine
except OSError:
    pass
saves, longest = 0, 0.0
while not os.path.exists(stop):
    os.unlink(path)
    gone = time.monotonic()
    time.sleep(0.005)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    os.write(fd, data)
    os.close(fd)
    longest = max(longest, time.monotonic() - gone)
    saves += 1
    if saves == 1:
        open(stop + ".ready", "w").close()
    time.sleep(0.005)
print(f"{saves} (longest without a file: {longest * 1000:.0f} ms)")
"#;

#[test]
fn readers_look_again_when_feeds_yaml_is_briefly_missing() {
    require!(have_python(), "needs python3 for a delete-then-write saver");
    let env = Env::new();
    let n = 12;
    // inkwell has written here before (so the lock file exists).
    env.run(&["add", "https://example.com/seed", "-n", "seed"])
        .success();
    env.write_feeds(feeds_text(n));
    let stop = env.root().join("stop");
    let n_arg = n.to_string();
    let saver = Helper::start(
        DELETE_THEN_WRITE,
        &[env.dir().as_os_str(), n_arg.as_ref(), stop.as_os_str()],
    )
    .ready(&stop);
    let results = concurrent_lists(&env, 48, 12);
    fs::write(&stop, "").unwrap();
    let saver = saver.finish();
    let saves = String::from_utf8(saver.stdout).unwrap();
    assert!(saver.status.success());
    let bad: Vec<_> = results
        .iter()
        .filter(|(code, total)| *code != Some(0) || *total != n.to_string())
        .collect();
    println!(
        "{} of {} readers wrong during {} delete-then-write saves",
        bad.len(),
        results.len(),
        saves.trim()
    );
    assert!(
        bad.is_empty(),
        "{} wrong: {:?}",
        bad.len(),
        &bad[..bad.len().min(5)]
    );
}

/// Like `git checkout` of feeds.yaml in a loop: the file is deleted, and after a moment
/// created again (O_EXCL, as git does) with what it held. The content is read and the
/// file deleted under feeds.lock, so that no add lands between the two and is lost by
/// this script itself; the moment without a file is outside the lock, as with git.
/// Counts the times feeds.yaml already existed when it came to create it (an add made
/// a file of its own meanwhile: git fails there with "File exists"), and what that file
/// held. Prints a JSON summary.
const CHECKOUT_LOOP: &str = r#"
import fcntl, json, os, sys, time
d, stop = sys.argv[1], sys.argv[2]
path = os.path.join(d, "feeds.yaml")
lock = open(os.path.join(d, "feeds.lock"), "a")
try:
    os.nice(-10)  # a checkout takes milliseconds, even on a busy test machine
except OSError:
    pass
cycles, clashes, found = 0, 0, []
while not os.path.exists(stop):
    fcntl.flock(lock, fcntl.LOCK_EX)
    with open(path, "rb") as f:
        data = f.read()
    os.unlink(path)
    fcntl.flock(lock, fcntl.LOCK_UN)
    time.sleep(0.005)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        clashes += 1
        with open(path, "rb") as f:
            found.append(f.read().decode())
        continue
    os.write(fd, data)
    os.close(fd)
    cycles += 1
    if cycles == 1:
        open(stop + ".ready", "w").close()
    time.sleep(0.01)
print(json.dumps({"cycles": cycles, "clashes": clashes, "found": found[:3]}))
"#;

#[test]
fn an_add_while_feeds_yaml_is_deleted_and_recreated_keeps_every_feed() {
    require!(have_python(), "needs python3 for a checkout loop");
    let env = Env::new();
    let n = 10;
    env.run(&["add", "https://example.com/seed", "-n", "seed"])
        .success();
    env.write_feeds(feeds_text(n));
    let stop = env.root().join("stop");
    let checkout =
        Helper::start(CHECKOUT_LOOP, &[env.dir().as_os_str(), stop.as_os_str()]).ready(&stop);
    let mut outcomes = Vec::new();
    for wave in 0..6 {
        let children: Vec<_> = (0..5)
            .map(|k| {
                let name = format!("new{}", wave * 5 + k);
                let child = env
                    .command()
                    .args(["add", &format!("https://example.com/{name}"), "-n", &name])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap();
                (name, child)
            })
            .collect();
        for (name, child) in children {
            outcomes.push((name, child.wait_with_output().unwrap()));
        }
    }
    fs::write(&stop, "").unwrap();
    let summary: serde_json::Value = serde_json::from_slice(&checkout.finish().stdout).unwrap();
    println!("checkout loop: {summary}");
    assert_eq!(
        summary["clashes"], 0,
        "an add created feeds.yaml while a checkout was putting it back: {summary}"
    );
    let text = env.feeds();
    for i in 0..n {
        assert!(
            text.contains(&format!("https://example.com/{i}\n")),
            "f{i} lost:\n{text}"
        );
    }
    for (name, out) in &outcomes {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{name}: {err}");
        if out.status.success() {
            assert!(
                text.contains(&format!("https://example.com/{name}\n")),
                "{name} was added (exit 0) but is not in feeds.yaml:\n{text}"
            );
        } else {
            assert!(
                err.contains("error:"),
                "{name} failed without saying why: {out:?}"
            );
        }
    }
    let added = outcomes.iter().filter(|(_, o)| o.status.success()).count();
    println!("{added} of {} adds succeeded", outcomes.len());
    assert_eq!(
        added,
        outcomes.len(),
        "{:?}",
        outcomes.iter().find(|(_, o)| !o.status.success())
    );
}

// --- Shared files exclude each other ---------------------------------------------------

/// A reader in one config dir waits for a writer (inkwell-cli saving in place holds the
/// lock next to the real file) that writes the shared feeds.yaml through another dir.
#[test]
fn a_reader_of_a_shared_feeds_yaml_waits_for_the_lock_next_to_the_real_file() {
    require!(have_python(), "needs python3 to hold the lock");
    let root = tempfile::tempdir().unwrap();
    let real = root.path().join("dotfiles");
    fs::create_dir(&real).unwrap();
    fs::write(real.join("feeds.yaml"), TWO).unwrap();
    let mine = root.path().join("mine");
    fs::create_dir(&mine).unwrap();
    std::os::unix::fs::symlink(real.join("feeds.yaml"), mine.join("feeds.yaml")).unwrap();
    // Only the real file's dir has been written by a tool that locks: this dir has no
    // feeds.lock of its own, and the reader must still wait for the real one.
    let holder = LockHeld::take(&real.join("feeds.lock"), root.path());
    let list = || {
        Command::new(BIN)
            .arg("--config-dir")
            .arg(&mine)
            .args(["--lock-timeout", "0.5", "list", "--json"])
            .output()
            .unwrap()
    };
    let out = list();
    assert_eq!(out.status.code(), Some(7), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("waiting for the lock"),
        "{out:?}"
    );
    holder.release();
    let out = list();
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("\"total\": 2"),
        "{out:?}"
    );
}

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

/// Runs `inkwell add URL -n x --auth basic --username u` on a pseudo-terminal that is
/// its controlling terminal, waits for the password prompt, then acts as `mode` says:
/// `TERM`/`HUP` send that signal, `INT`/`QUIT`/`TSTP` type Ctrl-C, Ctrl-\ or Ctrl-Z after a few
/// characters (for `TSTP` it is resumed and then types the password), `type` types the
/// password. Prints what it saw as JSON: whether echo was off during the prompt and on
/// after, and how the process ended.
const PROMPT_DRIVER: &str = r#"
import fcntl, json, os, resource, select, signal, subprocess, sys, termios, time
bin_, d, mode = sys.argv[1], sys.argv[2], sys.argv[3]
m, s = os.openpty()
def setup():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
p = subprocess.Popen([bin_, "--config-dir", d, "add", "https://example.com/x", "-n", "x",
                      "--auth", "basic", "--username", "u"],
                     stdin=s, stdout=s, stderr=s, preexec_fn=setup)
out = b""
def wait_for(text, count=1, timeout=20):
    global out
    end = time.time() + timeout
    while out.count(text) < count:
        r, _, _ = select.select([m], [], [], max(0, end - time.time()))
        if not r:
            return False
        try:
            chunk = os.read(m, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        out += chunk
    return True
def echo():
    return bool(termios.tcgetattr(s)[3] & termios.ECHO)
def wait(timeout=10, flags=0):
    end = time.time() + timeout
    while time.time() < end:
        pid, status = os.waitpid(p.pid, os.WNOHANG | flags)
        if pid:
            return status
        time.sleep(0.01)
    return None
def ended(status):
    if status is None:
        return "running"
    if os.WIFSIGNALED(status):
        return "signal %d" % os.WTERMSIG(status)
    if os.WIFSTOPPED(status):
        return "stopped"
    return "exit %d" % os.WEXITSTATUS(status)
r = {"prompted": wait_for(b"Password: ")}
time.sleep(0.1)
r["echo_during"] = echo()
if mode in ("TERM", "HUP"):
    os.kill(p.pid, getattr(signal, "SIG" + mode))
    r["ended"] = ended(wait())
elif mode in ("QUIT", "INT"):
    os.write(m, b"sec\x1c" if mode == "QUIT" else b"sec\x03")
    status = wait(3)
    if status is None:
        os.write(m, b"ret\r")
        status = wait()
    r["ended"] = ended(status)
elif mode == "TSTP":
    os.write(m, b"sec\x1a")
    status = wait(3, os.WUNTRACED)
    r["first"] = ended(status)
    r["echo_stopped"] = echo()
    if status is None:
        os.write(m, b"ret\r")
    else:
        os.kill(p.pid, signal.SIGCONT)
        r["prompted_again"] = wait_for(b"Password: ", 2)
        time.sleep(0.1)
        r["echo_resumed"] = echo()
        os.write(m, b"secret\r")
    r["ended"] = ended(wait())
else:
    os.write(m, b"secret\r")
    r["ended"] = ended(wait())
if r.get("ended") == "running":
    p.kill()
r["echo_after"] = echo()
r["output"] = out.decode("utf-8", "replace")
print(json.dumps(r))
"#;

fn prompt_on_a_terminal(env: &Env, mode: &str) -> Option<serde_json::Value> {
    if !have_python() {
        eprintln!("skipped: needs python3 with pty and termios");
        return None;
    }
    fs::create_dir_all(env.dir()).unwrap();
    let out = Command::new("python3")
        .args(["-c", PROMPT_DRIVER, BIN])
        .arg(env.dir())
        .arg(mode)
        .env("HOME", env.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "the driver failed: {out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["prompted"], true, "no password prompt: {v}");
    assert_eq!(v["echo_during"], false, "echo was on at the prompt: {v}");
    Some(v)
}

fn stored_password(env: &Env) -> Option<String> {
    let text = fs::read_to_string(env.dir().join(".keyfile")).ok()?;
    let key = inkwell::crypto::Key::from_text(&text).unwrap();
    let doc = inkwell::feeds::FeedsDocument::parse(env.feeds()).unwrap();
    let password = doc.get("x")?.auth.password.clone()?;
    key.decrypt(&password)
}

#[test]
fn the_password_prompt_restores_the_terminal_after_sigterm_and_sighup() {
    for (mode, number) in [("TERM", 15), ("HUP", 1), ("INT", 2)] {
        let env = Env::new();
        let Some(v) = prompt_on_a_terminal(&env, mode) else {
            return;
        };
        assert_eq!(v["echo_after"], true, "SIG{mode}: echo left off: {v}");
        assert_eq!(v["ended"], format!("signal {number}"), "SIG{mode}: {v}");
        assert!(!env.feeds().contains("example.com/x"), "{v}");
    }
    // And after a normal ending.
    let env = Env::new();
    let Some(v) = prompt_on_a_terminal(&env, "type") else {
        return;
    };
    assert_eq!(
        (&v["ended"], &v["echo_after"]),
        (&"exit 0".into(), &true.into()),
        "{v}"
    );
    assert_eq!(stored_password(&env).as_deref(), Some("secret"));
}

#[test]
fn ctrl_backslash_and_ctrl_z_at_the_password_prompt_stay_signals() {
    let env = Env::new();
    let Some(v) = prompt_on_a_terminal(&env, "QUIT") else {
        return;
    };
    assert_eq!(v["ended"], "signal 3", "Ctrl-\\ was not SIGQUIT: {v}");
    assert_eq!(v["echo_after"], true, "{v}");
    assert!(!env.feeds().contains("example.com/x"), "{v}");

    let env = Env::new();
    let v = prompt_on_a_terminal(&env, "TSTP").unwrap();
    assert_eq!(v["first"], "stopped", "Ctrl-Z did not stop inkwell: {v}");
    assert_eq!(v["echo_stopped"], true, "echo was off while stopped: {v}");
    assert_eq!(v["prompted_again"], true, "{v}");
    assert_eq!(v["echo_resumed"], false, "{v}");
    assert_eq!(v["ended"], "exit 0", "{v}");
    assert_eq!(v["echo_after"], true, "{v}");
    assert_eq!(
        stored_password(&env).as_deref(),
        Some("secret"),
        "Ctrl-Z became part of the password: {v}"
    );
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
    assert_eq!(out.status.code(), Some(10), "{out:?}");
    assert!(
        err.contains("the change was made, but its audit.log record could not be written"),
        "{err}"
    );
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

// --- audit.log: only a regular file, never blocking; its failure is exit 10 -----------

/// audit.log replaced by a FIFO or a character device: every command ends at once (no
/// open or write blocks), a change is refused before it is made (exit 8, feeds.yaml
/// unchanged), and `history` reports the same error instead of hanging.
#[test]
fn an_audit_log_that_is_not_a_regular_file_is_refused_and_nothing_blocks() {
    let mut kinds = vec![("FIFO", None)];
    if is_root() {
        kinds.push(("character device", Some(())));
    } else {
        eprintln!("not root: the character device case is skipped");
    }
    for (kind, device) in kinds {
        let env = Env::new();
        env.write_feeds(TWO);
        let audit = env.dir().join("audit.log");
        if device.is_some() {
            let node = null_device(env.root());
            fs::rename(&node, &audit).unwrap();
        } else {
            assert!(
                Command::new("mkfifo")
                    .arg(&audit)
                    .status()
                    .unwrap()
                    .success()
            );
        }
        let limit = Duration::from_secs(10);
        let out = run_bounded(&env, &["history"], limit)
            .unwrap_or_else(|| panic!("{kind}: `history` hung"));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(8), "{kind}: history: {out:?}");
        assert!(err.contains("not a regular file"), "{kind}: {err}");
        let out = run_bounded(&env, &["add", "https://example.com/c", "-n", "c"], limit)
            .unwrap_or_else(|| panic!("{kind}: `add` hung"));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(8), "{kind}: add: {out:?}");
        assert!(err.contains("audit.log"), "{kind}: {err}");
        assert!(err.contains("not a regular file"), "{kind}: {err}");
        assert_eq!(env.feeds(), TWO, "{kind}: feeds.yaml was changed");
        let out = run_bounded(&env, &["config", "set", "log_level", "DEBUG"], limit)
            .unwrap_or_else(|| panic!("{kind}: `config set` hung"));
        assert_eq!(out.status.code(), Some(8), "{kind}: config set: {out:?}");
        assert!(
            !env.dir().join("config.yaml").exists(),
            "{kind}: config.yaml written"
        );
        let meta = fs::symlink_metadata(&audit).unwrap();
        let still = if device.is_some() {
            meta.file_type().is_char_device()
        } else {
            meta.file_type().is_fifo()
        };
        assert!(still, "{kind}: audit.log was replaced");
    }
}

/// The audit record cannot be written after the new feeds.yaml is in place (an injected
/// ENOSPC on each write in turn): wherever the change landed without its record, the
/// exit code is 10 and the message says the change was made but not recorded.
#[test]
fn a_failed_audit_record_after_the_change_is_exit_10() {
    require!(have("strace"), "strace missing (fault injection)");
    let mut hit = 0;
    let mut problems = Vec::new();
    for n in 1..=8 {
        let env = Env::new();
        env.write_feeds(TWO);
        let inject = format!("inject=write:error=ENOSPC:when={n}");
        let out = with_fault(
            &env,
            &inject,
            &["add", "https://example.com/c", "-n", "c"],
            b"",
        );
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let added = env.feeds().contains("https://example.com/c");
        let log = fs::read_to_string(env.dir().join("audit.log")).unwrap_or_default();
        let recorded = log.contains("add_feed");
        let code = out.status.code();
        if added && !recorded {
            hit += 1;
            if code != Some(10)
                || !err
                    .contains("the change was made, but its audit.log record could not be written")
            {
                problems.push(format!("{inject}: exit {code:?}: {err}"));
            }
        } else if !added && code == Some(0) {
            problems.push(format!("{inject}: exit 0 without the change: {err}"));
        }
        if !log.is_empty() && !log.ends_with('\n') {
            problems.push(format!("{inject}: torn line in audit.log: {log:?}"));
        }
    }
    assert!(hit > 0, "no injected write hit the audit record");
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The directory sync fails (exit 10 already) and then the audit record too: the message
/// says both.
#[test]
fn a_failed_directory_sync_and_audit_record_are_both_reported() {
    require!(have("strace"), "strace missing (fault injection)");
    let mut seen = false;
    for n in 1..=6 {
        let env = Env::new();
        env.write_feeds(TWO);
        let out = Command::new("strace")
            .args(["-f", "-qq", "-o", "/dev/null"])
            .args(["-e", "inject=fsync:error=EIO:when=2"])
            .args(["-e", &format!("inject=write:error=ENOSPC:when={n}")])
            .arg(BIN)
            .arg("--config-dir")
            .arg(env.dir())
            .args(["add", "https://example.com/c", "-n", "c"])
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        let added = env.feeds().contains("https://example.com/c");
        let log = fs::read_to_string(env.dir().join("audit.log")).unwrap_or_default();
        if added && !log.contains("add_feed") && err.contains("sync") {
            seen = true;
            assert_eq!(out.status.code(), Some(10), "{out:?}");
            assert!(
                err.contains("audit.log record could not be written"),
                "{err}"
            );
        }
    }
    assert!(
        seen,
        "no run failed both the directory sync and the audit record"
    );
}

// --- The first --auth: interrupted, or failed after its key was made ------------------

/// A first `--auth` killed between writing `.keyfile.backup` and `.keyfile` leaves the
/// backup alone; the next `--auth` installs it as the key (no credential needs another
/// key) and succeeds, saying so. A backup that does not open the stored credentials is
/// never installed: that stays the "restore the key" error.
#[test]
fn a_first_auth_killed_before_its_key_is_completed_by_the_next() {
    require!(have("strace"), "strace missing (fault injection)");
    let env = Env::new();
    env.write_feeds(TWO);
    let auth = |name: &str| {
        [
            "add".to_string(),
            format!("https://example.com/{name}"),
            "-n".into(),
            name.into(),
            "--auth".into(),
            "basic".into(),
            "--username".into(),
            "ann".into(),
            "--password-stdin".into(),
        ]
    };
    let first = auth("m");
    let first: Vec<&str> = first.iter().map(String::as_str).collect();
    let out = with_fault(
        &env,
        "inject=linkat:error=EIO:signal=SIGKILL:when=2",
        &first,
        b"pw\n",
    );
    assert_eq!(out.status.code(), None, "not killed: {out:?}");
    assert!(env.dir().join(".keyfile.backup").exists());
    assert!(!env.dir().join(".keyfile").exists());
    let next = auth("n");
    let next: Vec<&str> = next.iter().map(String::as_str).collect();
    let run = env.run_stdin(&next, b"pw\n");
    run.success();
    assert!(run.stderr().contains(".keyfile.backup"), "{}", run.stderr());
    let key = fs::read(env.dir().join(".keyfile")).unwrap();
    assert_eq!(key, fs::read(env.dir().join(".keyfile.backup")).unwrap());
    let mode = fs::metadata(env.dir().join(".keyfile")).unwrap().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(env.temp_files().is_empty(), "{:?}", env.temp_files());
    env.run(&["show", "n"]).success().stdout_has("ann");

    // A backup of another key than the one the stored credentials need.
    let other = Env::new();
    other.write_feeds(TWO);
    other.run_stdin(&first, b"pw\n").success();
    fs::copy(
        other.dir().join(".keyfile"),
        env.dir().join(".keyfile.backup"),
    )
    .unwrap();
    fs::remove_file(env.dir().join(".keyfile")).unwrap();
    let before = env.feeds();
    let third = auth("o");
    let third: Vec<&str> = third.iter().map(String::as_str).collect();
    env.run_stdin(&third, b"pw\n")
        .fails_with(6)
        .stderr_has("backup");
    assert!(!env.dir().join(".keyfile").exists());
    assert_eq!(env.feeds(), before);
}

/// The first `--auth` creates its key, and then writing feeds.yaml fails (each fault in
/// turn): exit 8 means nothing changed, so no key file is left either; exit 0 or 10
/// means the feed was added with both key files.
#[test]
fn a_first_auth_whose_feeds_write_fails_leaves_no_key() {
    require!(have("strace"), "strace missing (fault injection)");
    let faults = (1..=6)
        .map(|n| format!("inject=write:error=EIO:when={n}"))
        .chain((1..=6).map(|n| format!("inject=fsync:error=EIO:when={n}")))
        .chain((1..=2).map(|n| format!("inject=renameat2:error=EIO:when={n}")))
        .chain((1..=4).map(|n| format!("inject=fchmod:error=EIO:when={n}")));
    let mut codes = Vec::new();
    let mut problems = Vec::new();
    for inject in faults {
        let env = Env::new();
        env.write_feeds(TWO);
        let out = with_fault(&env, &inject, &FIRST_AUTH, b"pw\n");
        let key = env.dir().join(".keyfile").exists();
        let backup = env.dir().join(".keyfile.backup").exists();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let code = out.status.code();
        let feeds = env.feeds();
        let added = feeds.contains("https://example.com/p");
        let problem = match code {
            Some(8) if key || backup => Some(format!("key {key}, backup {backup} left")),
            Some(8) if feeds != TWO => Some("feeds.yaml changed".to_string()),
            Some(8) => None,
            Some(0 | 10) if !(added && key && backup) => {
                Some(format!("added {added}, key {key}, backup {backup}"))
            }
            Some(0 | 10) => None,
            _ => Some("unexpected exit".to_string()),
        };
        if let Some(p) = problem {
            problems.push(format!("{inject}: exit {code:?}: {p}: {err}"));
        }
        codes.push((inject, code));
    }
    eprintln!("{codes:?}");
    assert!(problems.is_empty(), "{problems:#?}");
}
