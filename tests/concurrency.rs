//! Many real `inkwell` processes at once: nothing reported as done is ever lost.

mod common;

use std::collections::BTreeSet;
use std::process::Child;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use common::Env;

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Starts every command before waiting for any, then checks each exited 0.
fn run_all_at_once(env: &Env, commands: Vec<Vec<String>>) {
    let children: Vec<(Vec<String>, Child)> = commands
        .into_iter()
        .map(|a| (a.clone(), env.spawn(&a)))
        .collect();
    for (args, child) in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "inkwell {args:?} failed: {:?}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn two_hundred_simultaneous_adds_all_land() {
    let env = Env::new();
    let commands = (0..200)
        .map(|i| {
            args(&[
                "add",
                &format!("https://example.com/{i}.rss"),
                "-n",
                &format!("feed-{i}"),
            ])
        })
        .collect();
    run_all_at_once(&env, commands);
    let names: BTreeSet<String> = env.names().into_iter().collect();
    let expected: BTreeSet<String> = (0..200).map(|i| format!("feed-{i}")).collect();
    assert_eq!(names, expected);
    assert!(env.temp_files().is_empty(), "{:?}", env.temp_files());
}

#[test]
fn a_mixed_storm_ends_in_exactly_the_expected_set() {
    let env = Env::new();
    let mut seed = String::from("# seeded by the test\nfeeds:\n");
    for i in 0..50 {
        seed.push_str(&format!(
            "  seed-{i}:\n    url: https://example.com/seed/{i}\n    category: old\n"
        ));
    }
    env.write_feeds(&seed);

    let mut commands = Vec::new();
    for i in 0..100 {
        commands.push(args(&[
            "add",
            &format!("https://example.com/new/{i}"),
            "-n",
            &format!("new-{i}"),
        ]));
    }
    for i in 0..25 {
        commands.push(args(&["remove", &format!("seed-{i}"), "--force"]));
    }
    for i in 25..50 {
        commands.push(args(&[
            "update",
            &format!("seed-{i}"),
            "--category",
            "updated",
        ]));
    }
    // Interleave the kinds so they really race.
    commands.sort_by_key(|c| c[1].len() % 7);
    run_all_at_once(&env, commands);

    let run = env.run(&["list", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&run.success().stdout()).unwrap();
    let feeds = v["feeds"].as_array().unwrap();
    let names: BTreeSet<String> = feeds
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect();
    let mut expected: BTreeSet<String> = (25..50).map(|i| format!("seed-{i}")).collect();
    expected.extend((0..100).map(|i| format!("new-{i}")));
    assert_eq!(names, expected);
    for f in feeds {
        if f["name"].as_str().unwrap().starts_with("seed-") {
            assert_eq!(f["category"], "updated", "{f}");
        }
    }
    assert!(
        env.feeds().starts_with("# seeded by the test\n"),
        "the comment survives the storm"
    );
}

#[test]
fn readers_never_see_a_partial_or_empty_file_during_a_storm() {
    let env = Arc::new(Env::new());
    let mut seed = String::from("feeds:\n");
    for i in 0..20 {
        seed.push_str(&format!(
            "  seed-{i}:\n    url: https://example.com/seed/{i}\n"
        ));
    }
    env.write_feeds(&seed);

    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let env = Arc::clone(&env);
        let stop = Arc::clone(&stop);
        thread::spawn(move || {
            let mut reads = 0;
            let mut last_total = 20;
            while !stop.load(Ordering::Relaxed) || reads < 5 {
                let out = env.command().args(["list", "--json"]).output().unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                let v: serde_json::Value =
                    serde_json::from_slice(&out.stdout).expect("complete JSON");
                let total = v["total"].as_u64().unwrap();
                assert!(
                    total >= last_total,
                    "a reader saw {total} feeds after seeing {last_total}"
                );
                last_total = total;
                reads += 1;
            }
            reads
        })
    };
    let commands = (0..100)
        .map(|i| {
            args(&[
                "add",
                &format!("https://example.com/{i}"),
                "-n",
                &format!("f{i}"),
            ])
        })
        .collect();
    run_all_at_once(&env, commands);
    stop.store(true, Ordering::Relaxed);
    let reads = reader.join().unwrap();
    println!("the reader completed {reads} reads during the storm");
    assert_eq!(env.names().len(), 120);
}

/// inkwell-cli takes feeds.lock with Python's `fcntl.flock`: an inkwell writer waits for
/// it, and while inkwell holds the lock (an open `inkwell edit`) inkwell-cli cannot take it.
#[test]
fn the_lock_is_the_same_flock_python_takes() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let probe = Command::new("python3")
        .args(["-c", "import fcntl"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        println!("SKIP: python3 is not installed");
        return;
    }
    let env = Env::new();
    env.run(&["add", "https://example.com/a", "-n", "a"])
        .success();
    let lock = env.dir().join("feeds.lock");
    let mut holder = Command::new("python3")
        .args([
            "-c",
            "import fcntl, sys, time\nf = open(sys.argv[1], 'a')\nfcntl.flock(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(1.5)",
        ])
        .arg(&lock)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(holder.stdout.as_mut().unwrap()),
        &mut line,
    )
    .unwrap();
    assert_eq!(line, "locked\n");
    let start = Instant::now();
    env.run(&[
        "--lock-timeout",
        "20",
        "add",
        "https://example.com/b",
        "-n",
        "b",
    ])
    .success()
    .stderr_has("waiting for the lock");
    assert!(start.elapsed() >= Duration::from_millis(1000));
    holder.wait().unwrap();

    // While `inkwell edit` is open, Python's non-blocking flock is refused.
    let seen = env.root().join("seen");
    let script = format!(
        "python3 -c \"import fcntl, sys\nf = open(sys.argv[1], 'a')\ntry:\n    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\n    print('free')\nexcept BlockingIOError:\n    print('busy')\" '{}' > '{}' #",
        lock.display(),
        seen.display()
    );
    env.run(&["edit", "--editor", &script]).success();
    assert_eq!(std::fs::read_to_string(&seen).unwrap(), "busy\n");
    env.run(&[
        "--lock-timeout",
        "0",
        "add",
        "https://example.com/c",
        "-n",
        "c",
    ])
    .success();
}
