//! A person saving feeds.yaml in an editor while scripts run `inkwell add`: editors do not
//! take inkwell's lock, so inkwell must notice a save that lands during its transaction
//! and redo the change on the saved text.
//!
//! The editor is a real process (python3) that behaves like a careful editor (vim, emacs
//! and VS Code all check "changed on disk since it was read" before saving): it reads the
//! file, thinks for a few milliseconds, adds one feed, checks that the file was not
//! changed meanwhile (reloading and redoing its edit if it was), then saves. It saves in
//! one of the two ways editors do:
//!
//! - `rename`: write a temp file next to it, then swap it in. Like inkwell, it uses an
//!   atomic exchange (renameat2 RENAME_EXCHANGE) and puts the displaced file back if it
//!   is not what it read, so that neither side can overwrite the other unseen.
//! - `inplace`: open the file, truncate it and write the new text into the same inode.
//!   Such an editor cannot know whether inkwell replaced the file between its open and
//!   its write (a window of microseconds: its write then goes to the replaced file). The
//!   test editor detects that right after writing and saves again; it reports how often
//!   that happened, which is the residual window the README documents.
//!
//! Every feed the editor saved and every feed an `inkwell add` reported as added must be
//! in the final file, in every trial.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::process::{Command, Stdio};

use common::Env;

const EDITOR: &str = r#"
import ctypes, os, random, sys, time

path, mode, prefix, count, seed, ready = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
rnd = random.Random(seed)
libc = ctypes.CDLL(None, use_errno=True)

def exchange(a, b):
    # renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)
    if libc.renameat2(-100, a.encode(), -100, b.encode(), 2) != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))

def ident(st):
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)

def load():
    while True:
        st = os.stat(path)
        with open(path, "rb") as f:
            data = f.read()
        if ident(os.stat(path)) == ident(st):
            return st, data

def unchanged(p, st, data):
    with open(p, "rb") as f:
        return ident(os.fstat(f.fileno())) == ident(st) and f.read() == data

stats = {"saves": 0, "reloads": 0, "lost_saves": 0}
# Started: the adds begin now, so that they run while the editor saves.
open(ready, "w").close()
for i in range(count):
    name = "%s-%d" % (prefix, i)
    while True:
        st, data = load()
        if ("\n  %s:\n" % name).encode() in data:
            # A save reported as gone was read by inkwell before the file was replaced.
            stats["saves"] += 1
            break
        new = data + ("  %s:\n    url: https://example.com/%s/%d\n" % (name, prefix, i)).encode()
        time.sleep(rnd.uniform(0, 0.004))
        if mode == "rename":
            tmp = os.path.join(os.path.dirname(path), ".feeds.yaml.editor-swap")
            with open(tmp, "wb") as f:
                f.write(new)
                f.flush()
                os.fsync(f.fileno())
            if not unchanged(path, st, data):
                os.unlink(tmp)
                stats["reloads"] += 1
                continue
            exchange(tmp, path)
            if unchanged(tmp, st, data):
                os.unlink(tmp)
                stats["saves"] += 1
                break
            # Someone saved in between: put their file back and start again.
            exchange(tmp, path)
            os.unlink(tmp)
            stats["reloads"] += 1
        else:
            fd = os.open(path, os.O_RDWR)
            try:
                st2 = os.fstat(fd)
                cur = os.pread(fd, st2.st_size + 1, 0)
                if ident(st2) != ident(st) or cur != data:
                    stats["reloads"] += 1
                    continue
                os.ftruncate(fd, 0)
                os.pwrite(fd, new, 0)
                os.fsync(fd)
                landed = os.fstat(fd).st_ino == os.stat(path).st_ino
            finally:
                os.close(fd)
            if landed:
                stats["saves"] += 1
                break
            stats["lost_saves"] += 1
print("%(saves)d %(reloads)d %(lost_saves)d" % stats)
"#;

const SEED: &str =
    "# edited by hand and by scripts\nfeeds:\n  seed:\n    url: https://example.com/seed\n";

fn python3() -> Option<&'static str> {
    let ok = Command::new("python3")
        .args(["-c", "import ctypes; ctypes.CDLL(None).renameat2"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some("python3")
}

struct Trial {
    saves: u32,
    reloads: u32,
    lost_saves: u32,
    redone: usize,
}

/// One editor saving `EDITOR_FEEDS` feeds while `TOOL_ADDS` adds run; checks every feed.
fn trial(python: &str, mode: &str, seed: u32) -> Trial {
    const TOOL_ADDS: usize = 50;
    const EDITOR_FEEDS: usize = 20;
    let env = Env::new();
    env.write_feeds(SEED);
    let script = env.root().join("editor.py");
    fs::write(&script, EDITOR).unwrap();
    let ready = env.root().join("editor-ready");
    let editor = Command::new(python)
        .arg(&script)
        .arg(env.feeds_path())
        .args([mode, "ed", &EDITOR_FEEDS.to_string(), &seed.to_string()])
        .arg(&ready)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 starts");
    // The adds start once the editor runs (python's start-up takes longer than 50 adds).
    common::wait_for_file(&ready, "the editor did not start");
    let adds: Vec<_> = (0..TOOL_ADDS)
        .map(|i| {
            env.spawn(&[
                "add".into(),
                format!("https://example.com/tool/{i}"),
                "-n".into(),
                format!("tool-{i}"),
            ])
        })
        .collect();
    let mut redone = 0;
    for (i, add) in adds.into_iter().enumerate() {
        let out = add.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "[{mode}] add tool-{i} failed: {:?}\n{stderr}",
            out.status
        );
        redone += stderr.matches("was changed by another program").count();
    }
    let out = editor.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the editor failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let counts: Vec<u32> = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();

    let names: BTreeSet<String> = env.names().into_iter().collect();
    let mut expected: BTreeSet<String> = ["seed".to_string()].into();
    expected.extend((0..TOOL_ADDS).map(|i| format!("tool-{i}")));
    expected.extend((0..EDITOR_FEEDS).map(|i| format!("ed-{i}")));
    let missing: Vec<_> = expected.difference(&names).collect();
    assert!(
        missing.is_empty(),
        "[{mode}, seed {seed}] lost feeds: {missing:?}\n{}",
        env.feeds()
    );
    assert_eq!(
        names, expected,
        "[{mode}] no feed appears twice or from nowhere"
    );
    assert!(env.feeds().starts_with("# edited by hand and by scripts\n"));
    assert!(
        env.temp_files()
            .iter()
            .all(|n| !n.ends_with(".inkwell-tmp")),
        "{:?}",
        env.temp_files()
    );
    Trial {
        saves: counts[0],
        reloads: counts[1],
        lost_saves: counts[2],
        redone,
    }
}

fn trials(mode: &str) {
    let Some(python) = python3() else {
        println!("SKIP: python3 with ctypes renameat2 is not available");
        return;
    };
    const TRIALS: u32 = 6;
    let mut total = Trial {
        saves: 0,
        reloads: 0,
        lost_saves: 0,
        redone: 0,
    };
    for seed in 0..TRIALS {
        let t = trial(python, mode, seed);
        total.saves += t.saves;
        total.reloads += t.reloads;
        total.lost_saves += t.lost_saves;
        total.redone += t.redone;
    }
    println!(
        "[{mode}] {TRIALS} trials, 50 adds + 20 editor feeds each, nothing lost: editor saves {}, \
         editor reloads (it saw an inkwell write) {}, inkwell redos (it saw an editor save) {}, \
         editor saves that went to a replaced file and were redone {}",
        total.saves, total.reloads, total.redone, total.lost_saves
    );
    assert_eq!(total.saves, TRIALS * 20);
    assert!(
        total.redone > 0,
        "no editor save ever landed during an inkwell update, so this run proved nothing"
    );
}

#[test]
fn an_editor_saving_by_rename_and_fifty_adds_lose_nothing() {
    trials("rename");
}

#[test]
fn an_editor_saving_in_place_and_fifty_adds_lose_nothing() {
    trials("inplace");
}
