//! Faults of the machine, not of the input: a full disk, a read-only mount, missing
//! permissions, things in the way of our files, a lock held by someone else. Each is a
//! clear error with its exit code (8 for I/O, 7 for the lock), feeds.yaml is untouched
//! and no temp file is left. Also: symlinks and permission bits survive writes.
//!
//! Tests that need root, mount, setpriv or flock skip with a printed reason without them.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{BIN, Env};

const FILE: &str = "# mine\nfeeds:\n  a:\n    url: https://example.com/a\n";

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A tmpfs mounted for one test, unmounted when dropped.
struct Tmpfs {
    dir: PathBuf,
}

impl Tmpfs {
    fn mount(at: &Path, options: &str) -> Option<Tmpfs> {
        if !is_root() {
            println!("SKIP: mounting a tmpfs needs root");
            return None;
        }
        fs::create_dir_all(at).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            println!("SKIP: cannot mount a tmpfs here (no CAP_SYS_ADMIN?)");
            return None;
        }
        Some(Tmpfs {
            dir: at.to_path_buf(),
        })
    }

    fn remount(&self, options: &str) {
        let ok = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.dir)
            .status()
            .unwrap();
        assert!(ok.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).status();
    }
}

/// Runs inkwell on `dir` as the config dir.
fn inkwell(dir: &Path, args: &[&str]) -> std::process::Output {
    let env = Env::new();
    env.command_without_dir()
        .arg("--config-dir")
        .arg(dir)
        .args(args)
        .output()
        .unwrap()
}

fn assert_fails(out: &std::process::Output, code: i32, needle: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(err.contains(needle), "stderr lacks {needle:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

fn no_temp_files(dir: &Path) {
    let left: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("inkwell-tmp"))
        .collect();
    assert!(left.is_empty(), "temp files left: {left:?}");
}

#[test]
fn a_full_disk_is_an_io_error_and_the_file_is_untouched() {
    let env = Env::new();
    let Some(fs_) = Tmpfs::mount(&env.root().join("small"), "size=64k") else {
        return;
    };
    let dir = fs_.dir.join("config");
    // 40 KiB of feeds: the new copy cannot fit next to the old one in 64 KiB.
    let mut text = String::from(FILE);
    let mut i = 0;
    while text.len() < 40 * 1024 {
        text.push_str(&format!("  feed-{i}:\n    url: https://example.com/{i}\n"));
        i += 1;
    }
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("feeds.yaml"), &text).unwrap();
    let out = inkwell(&dir, &["add", "https://example.com/new", "-n", "new"]);
    assert_fails(&out, 8, "No space left on device");
    assert_fails(&out, 8, "free some disk space");
    assert_eq!(fs::read_to_string(dir.join("feeds.yaml")).unwrap(), text);
    no_temp_files(&dir);
}

#[test]
fn a_read_only_file_system_is_an_io_error_and_the_file_is_untouched() {
    let env = Env::new();
    let Some(fs_) = Tmpfs::mount(&env.root().join("ro"), "size=1m") else {
        return;
    };
    let dir = fs_.dir.join("config");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("feeds.yaml"), FILE).unwrap();
    fs::write(dir.join("feeds.lock"), "").unwrap();
    fs_.remount("ro");
    let out = inkwell(&dir, &["add", "https://example.com/new", "-n", "new"]);
    assert_fails(&out, 8, "Read-only file system");
    assert_eq!(fs::read_to_string(dir.join("feeds.yaml")).unwrap(), FILE);
    no_temp_files(&dir);
    // Reading still works.
    let out = inkwell(&dir, &["list"]);
    assert!(out.status.success());
    fs_.remount("rw");
}

#[test]
fn permission_denied_is_an_io_error_and_the_file_is_untouched() {
    if !is_root() {
        println!("SKIP: switching to an unprivileged user needs root");
        return;
    }
    let setpriv = |args: &[&str], dir: &Path| {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN])
            .args(args)
            .env_clear()
            .env("INKWELL_CONFIG_DIR", dir)
            .env("HOME", "/nonexistent")
            .stdin(Stdio::null())
            .output()
    };
    let env = Env::new();
    let dir = env.dir();
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("feeds.yaml"), FILE).unwrap();
    use std::os::unix::fs::PermissionsExt;
    for p in [env.root(), dir.as_path()] {
        fs::set_permissions(p, fs::Permissions::from_mode(0o755)).unwrap();
    }
    fs::set_permissions(dir.join("feeds.yaml"), fs::Permissions::from_mode(0o644)).unwrap();
    match setpriv(&["list"], &dir) {
        Ok(o) if o.status.success() => {}
        Ok(o) => {
            println!(
                "SKIP: the unprivileged user cannot run inkwell here: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            return;
        }
        Err(e) => {
            println!("SKIP: setpriv is not available: {e}");
            return;
        }
    }
    let out = setpriv(&["add", "https://example.com/new", "-n", "new"], &dir).unwrap();
    assert_fails(&out, 8, "Permission denied");
    assert_fails(&out, 8, "check the permissions");
    // With the lock file writable, the temp file is what cannot be created.
    fs::write(dir.join("feeds.lock"), "").unwrap();
    fs::set_permissions(dir.join("feeds.lock"), fs::Permissions::from_mode(0o666)).unwrap();
    let out = setpriv(&["add", "https://example.com/new", "-n", "new"], &dir).unwrap();
    assert_fails(&out, 8, "Permission denied");
    assert_eq!(fs::read_to_string(dir.join("feeds.yaml")).unwrap(), FILE);
    no_temp_files(&dir);
}

#[test]
fn feeds_yaml_being_a_directory_is_an_io_error() {
    let env = Env::new();
    fs::create_dir_all(env.feeds_path()).unwrap();
    env.run(&["add", "https://example.com/new", "-n", "new"])
        .fails_with(8)
        .stderr_has("feeds.yaml")
        .stderr_has("directory")
        .no_panic();
    env.run(&["list"]).fails_with(8).no_panic();
    assert!(env.feeds_path().is_dir());
    no_temp_files(&env.dir());
}

#[test]
fn a_config_dir_path_that_is_a_file_is_an_io_error() {
    let env = Env::new();
    fs::write(env.dir(), "a file where the dir should be").unwrap();
    env.run(&["add", "https://example.com/new", "-n", "new"])
        .fails_with(8)
        .stderr_has("is not a directory")
        .no_panic();
    assert_eq!(
        fs::read_to_string(env.dir()).unwrap(),
        "a file where the dir should be"
    );
}

#[test]
fn a_lock_file_that_cannot_be_opened_is_an_io_error() {
    let env = Env::new();
    env.write_feeds(FILE);
    fs::create_dir(env.dir().join("feeds.lock")).unwrap();
    env.run(&["add", "https://example.com/new", "-n", "new"])
        .fails_with(8)
        .stderr_has("cannot open lock file")
        .stderr_has("feeds.lock")
        .no_panic();
    assert_eq!(env.feeds(), FILE);
    no_temp_files(&env.dir());
}

#[test]
fn a_lock_held_by_flock_times_out_with_exit_7_in_time() {
    let env = Env::new();
    env.write_feeds(FILE);
    let lock = env.dir().join("feeds.lock");
    let ready = env.root().join("ready");
    // -o: only flock itself holds the lock, so killing it releases the lock.
    let holder = Command::new("flock")
        .arg("-o")
        .arg(&lock)
        .args(["sh", "-c"])
        .arg(format!("touch '{}'; sleep 5", ready.display()))
        .spawn();
    let Ok(mut holder) = holder else {
        println!("SKIP: flock(1) is not installed");
        return;
    };
    common::wait_for_file(&ready, "flock never took the lock");
    let start = Instant::now();
    env.run(&[
        "--lock-timeout",
        "1",
        "add",
        "https://example.com/new",
        "-n",
        "new",
    ])
    .fails_with(7)
    .stderr_has("timed out after 1s waiting for the lock")
    .no_panic();
    let took = start.elapsed();
    let _ = holder.kill();
    let _ = holder.wait();
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert_eq!(env.feeds(), FILE);
    no_temp_files(&env.dir());
    // Once the holder is gone the lock is free again.
    env.run(&[
        "--lock-timeout",
        "1",
        "add",
        "https://example.com/new",
        "-n",
        "new",
    ])
    .success();
}

#[cfg(unix)]
#[test]
fn a_symlinked_feeds_yaml_stays_a_link_and_its_target_is_updated() {
    let env = Env::new();
    let real_dir = env.root().join("dotfiles");
    fs::create_dir_all(&real_dir).unwrap();
    fs::write(real_dir.join("feeds.yaml"), FILE).unwrap();
    fs::create_dir_all(env.dir()).unwrap();
    std::os::unix::fs::symlink(real_dir.join("feeds.yaml"), env.feeds_path()).unwrap();
    env.run(&["add", "https://example.com/new", "-n", "new"])
        .success();
    assert!(
        fs::symlink_metadata(env.feeds_path())
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(real_dir.join("feeds.yaml"))
            .unwrap()
            .contains("  new:\n")
    );
    assert_eq!(env.names(), ["a", "new"]);
    no_temp_files(&env.dir());
    no_temp_files(&real_dir);
}

#[cfg(unix)]
#[test]
fn permission_bits_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    for bits in [0o600, 0o640, 0o644] {
        let env = Env::new();
        env.write_feeds(FILE);
        fs::set_permissions(env.feeds_path(), fs::Permissions::from_mode(bits)).unwrap();
        env.run(&["add", "https://example.com/new", "-n", "new"])
            .success();
        assert_eq!(mode(&env.feeds_path()), bits, "{bits:o}");
        env.run(&["remove", "new", "--force"]).success();
        assert_eq!(mode(&env.feeds_path()), bits, "{bits:o}");
    }
}

/// A large feeds.yaml is read by two threads. When the system will not start another
/// thread (a process limit, say), one reader does all the work: same result, no crash.
#[cfg(target_os = "linux")]
#[test]
fn a_large_file_is_read_without_a_second_thread_when_none_can_be_started() {
    let env = Env::new();
    let shim_dir = env.root().join("shim");
    fs::create_dir_all(&shim_dir).unwrap();
    let source = shim_dir.join("no_threads.c");
    fs::write(
        &source,
        "#include <errno.h>\n#include <pthread.h>\n\
         int pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*f)(void *), void *p)\n\
         { (void)t; (void)a; (void)f; (void)p; return EAGAIN; }\n",
    )
    .unwrap();
    let shim = shim_dir.join("no_threads.so");
    let built = Command::new("cc")
        .args(["-shared", "-fPIC", "-o"])
        .arg(&shim)
        .arg(&source)
        .status();
    if !built.is_ok_and(|s| s.success()) {
        println!("SKIP: no C compiler to build the pthread_create shim");
        return;
    }
    // About 1 MB: well over the size at which the reader splits the work.
    let mut text = String::from("feeds:\n");
    for i in 0..5000 {
        text.push_str(&format!(
            "  feed-{i}:\n    url: https://example.com/{i}/feed.xml\n    display_name: Feed {i}\n    auth:\n      type: none\n      username: null\n      password: null\n      token: null\n    category: null\n    custom_templates: []\n"
        ));
    }
    env.write_feeds(&text);
    let run = |args: &[&str]| {
        env.command()
            .args(args)
            .env("LD_PRELOAD", &shim)
            .output()
            .unwrap()
    };
    let list = run(&["list", "--json"]);
    assert!(
        list.status.success(),
        "{:?}: {}",
        list.status,
        String::from_utf8_lossy(&list.stderr)
    );
    let feeds: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(feeds["feeds"].as_array().map(Vec::len), Some(5000));
    let add = run(&["add", "https://example.com/new", "-n", "new"]);
    assert!(add.status.success(), "{:?}", add.status);
    let dup = run(&["add", "https://example.com/again", "-n", "feed-4999"]);
    assert_eq!(dup.status.code(), Some(5), "the last feed is still found");
    env.run(&["show", "new"]).success();
}
