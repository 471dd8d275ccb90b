//! Crash consistency: `inkwell add` processes killed with SIGKILL at random moments.
//! Afterwards feeds.yaml always parses, every add that exited 0 is in it, the lock is
//! free, and the temp files killed processes left are removed by the next write.
//! Also checks the durability order (fsync file → rename → fsync directory) with strace.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use common::Env;

/// A small xorshift generator: the test prints its seed so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn inkwell_temps(env: &Env) -> Vec<String> {
    env.temp_files()
        .into_iter()
        .filter(|n| n.starts_with(".feeds.yaml.") && n.ends_with(".inkwell-tmp"))
        .collect()
}

#[test]
fn adds_killed_at_random_moments_never_corrupt_or_lose_a_reported_add() {
    const KILLS: usize = 300;
    const PER_ROUND: usize = 16;
    let seed = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    let mut rng = Rng(seed);
    let env = Env::new();
    env.write_feeds("# survives every crash\nfeeds:\n  seed:\n    url: https://example.com/seed\n");
    let other = env.dir().join(".feeds.yaml.swp");
    fs::write(&other, "an editor's file, not ours").unwrap();

    let start = Instant::now();
    let (mut kills, mut rounds, mut next_id) = (0, 0, 0);
    let mut reported: BTreeSet<String> = BTreeSet::new();
    let mut rounds_with_leftover_temps = 0;
    let mut leftovers_removed = 0;
    while kills < KILLS && start.elapsed() < Duration::from_secs(45) {
        rounds += 1;
        let children: Vec<(String, std::process::Child)> = (0..PER_ROUND)
            .map(|_| {
                next_id += 1;
                let name = format!("f{next_id}");
                let child = env.spawn(&[
                    "add".into(),
                    format!("https://example.com/{name}"),
                    "-n".into(),
                    name.clone(),
                ]);
                (name, child)
            })
            .collect();
        // Kill about two thirds of them, each after its own random delay; every third
        // round kill them all, so no survivor cleans up after the killed ones.
        let victims = if rounds % 3 == 0 {
            PER_ROUND
        } else {
            PER_ROUND * 2 / 3
        };
        let mut order: Vec<usize> = (0..PER_ROUND).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i as u64 + 1) as usize);
        }
        let mut children: Vec<Option<(String, std::process::Child)>> =
            children.into_iter().map(Some).collect();
        for &i in order.iter().take(victims) {
            thread::sleep(Duration::from_micros(rng.below(4_000)));
            if let Some((_, child)) = children[i].as_mut() {
                let _ = child.kill();
                kills += 1;
            }
        }
        for (name, child) in children.into_iter().flatten() {
            let out = child.wait_with_output().unwrap();
            match out.status.code() {
                Some(0) => {
                    reported.insert(name);
                }
                // Killed by the test; any other signal (an abort, a crash) is a failure.
                None => {
                    use std::os::unix::process::ExitStatusExt;
                    assert_eq!(
                        out.status.signal(),
                        Some(libc::SIGKILL),
                        "add {name} died of a signal it was not sent: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
                Some(code) => panic!(
                    "add {name} failed with {code}: {}",
                    String::from_utf8_lossy(&out.stderr)
                ),
            }
        }
        if !inkwell_temps(&env).is_empty() {
            rounds_with_leftover_temps += 1;
        }
        if rounds % 3 == 0 && !inkwell_temps(&env).is_empty() {
            env.run(&[
                "add",
                "https://example.com/x",
                "-n",
                &format!("cleanup-{rounds}"),
            ])
            .success();
            reported.insert(format!("cleanup-{rounds}"));
            assert!(inkwell_temps(&env).is_empty(), "{}", env.listing());
            leftovers_removed += 1;
        }
        // The file parses, and nothing that was reported as added is missing.
        let names: BTreeSet<String> = env.names().into_iter().collect();
        let lost: Vec<_> = reported.difference(&names).collect();
        assert!(lost.is_empty(), "seed {seed}: lost {lost:?}");
        assert!(names.contains("seed"));
    }
    println!(
        "seed {seed}: {kills} kills in {rounds} rounds ({:.1}s); {} adds reported success; \
         {rounds_with_leftover_temps} rounds left temp files behind, \
         {leftovers_removed} times a later write removed them",
        start.elapsed().as_secs_f64(),
        reported.len()
    );
    assert!(
        kills >= 200,
        "only {kills} kills happened in the time budget"
    );

    // No lock is left held: a fresh add gets it at once.
    env.run(&[
        "--lock-timeout",
        "1",
        "add",
        "https://example.com/final",
        "-n",
        "final",
    ])
    .success();
    assert!(
        inkwell_temps(&env).is_empty(),
        "a successful write removes the temp files of killed processes: {:?}",
        env.listing()
    );
    assert!(
        other.exists(),
        "files that are not inkwell's own are never removed"
    );
    assert!(env.feeds().starts_with("# survives every crash\n"));
}

#[test]
fn a_temp_file_left_by_a_killed_process_is_removed_by_the_next_write() {
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a"])
        .success();
    let stale = env.dir().join(".feeds.yaml.Ab12Cd.inkwell-tmp");
    fs::write(&stale, "half a file").unwrap();
    env.run(&["list"]).success();
    assert!(stale.exists(), "readers do not touch temp files");
    env.run(&["add", "https://example.com/b", "-n", "b"])
        .success();
    assert!(!stale.exists());
}

fn strace_available() -> bool {
    Command::new("strace")
        .args(["-o", "/dev/null", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn the_write_syncs_the_file_then_renames_then_syncs_the_directory() {
    if !strace_available() {
        println!("SKIP: strace is not installed or cannot trace here");
        return;
    }
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a"])
        .success();
    env.run(&["add", "https://example.com/b", "-n", "b"])
        .success();
    let trace = env.root().join("trace");
    let out = Command::new("strace")
        .arg("-f")
        .arg("-o")
        .arg(&trace)
        .args([
            "-e",
            "trace=fsync,fdatasync,rename,renameat,renameat2,openat",
        ])
        .arg(common::BIN)
        .arg("--config-dir")
        .arg(env.dir())
        .args(["add", "https://example.com/c", "-n", "c"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let trace = fs::read_to_string(&trace).unwrap();
    let dir = env.dir().to_string_lossy().into_owned();

    // Replay the calls in order, tracking what each fd refers to.
    let mut fds: std::collections::HashMap<String, String> = Default::default();
    let mut events: Vec<String> = Vec::new();
    for line in trace.lines() {
        let call = line.split_once(' ').map_or(line, |(_, rest)| rest).trim();
        let result = call.rsplit_once("= ").map(|(_, r)| r.trim()).unwrap_or("");
        if call.starts_with("openat(") {
            if let (Some(path), Ok(fd)) = (call.split('"').nth(1), result.parse::<i32>()) {
                fds.insert(fd.to_string(), path.to_string());
            }
        } else if call.starts_with("fsync(") || call.starts_with("fdatasync(") {
            let fd = call
                .split(['(', ')'])
                .nth(1)
                .unwrap_or_default()
                .to_string();
            let path = fds.get(&fd).cloned().unwrap_or_default();
            if path.ends_with(".inkwell-tmp") {
                events.push("fsync tmp".into());
            } else if path == dir {
                events.push("fsync dir".into());
            }
        } else if call.starts_with("rename") && call.contains(".inkwell-tmp") && result == "0" {
            assert!(call.contains("feeds.yaml\""), "{call}");
            events.push("rename".into());
        }
    }
    assert_eq!(
        events,
        ["fsync tmp", "rename", "fsync dir"],
        "durability order\n{trace}"
    );
    assert_eq!(env.names(), ["a", "b", "c"]);
}
