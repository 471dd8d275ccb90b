//! `inkwell merge` as git's merge driver, with real git: a bare repository and clones in
//! a temp dir, the config dir being the clone. Skips (with a reason) if git is missing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Barrier};
use std::thread;

const BIN: &str = env!("CARGO_BIN_EXE_inkwell");

struct World {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

fn have_git() -> bool {
    let ok = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipped: git is not installed");
    }
    ok
}

fn show(what: &str, o: &Output) -> String {
    format!(
        "{what}: {}\nstdout:\n{}\nstderr:\n{}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

impl World {
    fn new() -> World {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        std::fs::write(root.join("gitconfig"), "").unwrap();
        let w = World { _tmp: tmp, root };
        let o = w.git(&w.root, &["init", "-q", "--bare", "origin.git"]);
        assert!(o.status.success(), "{}", show("git init", &o));
        w
    }

    fn cmd(&self, program: &str, dir: &Path) -> Command {
        let bin_dir = Path::new(BIN).parent().unwrap();
        let path = format!(
            "{}:{}",
            bin_dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut c = Command::new(program);
        c.current_dir(dir)
            .env("PATH", path)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.root.join("gitconfig"))
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .env_remove("INKWELL_CONFIG_DIR");
        c
    }

    fn git(&self, dir: &Path, args: &[&str]) -> Output {
        self.cmd("git", dir)
            .args(["-c", "init.defaultBranch=main"])
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, dir: &Path, args: &[&str]) -> String {
        let o = self.git(dir, args);
        assert!(o.status.success(), "{}", show(&format!("git {args:?}"), &o));
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    fn inkwell(&self, dir: &Path, args: &[&str]) -> Output {
        self.cmd(BIN, dir)
            .arg("--config-dir")
            .arg(dir)
            .args(args)
            .output()
            .unwrap()
    }

    fn ink_ok(&self, dir: &Path, args: &[&str]) {
        let o = self.inkwell(dir, args);
        assert!(
            o.status.success(),
            "{}",
            show(&format!("inkwell {args:?}"), &o)
        );
    }

    /// A clone; with the driver, `inkwell git-setup` is run in it.
    fn clone_repo(&self, name: &str, driver: bool) -> PathBuf {
        self.ok(&self.root, &["clone", "-q", "origin.git", name]);
        let dir = self.root.join(name);
        if driver {
            self.ink_ok(&dir, &["git-setup"]);
        }
        dir
    }

    /// The first commit: feeds.yaml with a comment and two feeds (and, with the driver,
    /// .gitattributes and .gitignore from `inkwell git-setup --gitignore`).
    fn seed(&self, driver: bool) {
        let dir = self.clone_repo("seed", false);
        std::fs::write(dir.join("feeds.yaml"), SEED).unwrap();
        if driver {
            self.ink_ok(&dir, &["git-setup", "--gitignore"]);
        } else {
            std::fs::write(
                dir.join(".gitignore"),
                ".keyfile*\naudit.log\nfeeds.lock\nconfig.lock\n",
            )
            .unwrap();
        }
        self.ok(&dir, &["add", "-A"]);
        self.ok(&dir, &["commit", "-qm", "seed"]);
        self.ok(&dir, &["push", "-q", "origin", "HEAD:main"]);
    }

    fn commit_all(&self, dir: &Path, msg: &str) {
        self.ok(dir, &["add", "-A"]);
        self.ok(dir, &["commit", "-qm", msg]);
    }
}

const SEED: &str = "\
# Feeds shared by every machine.
feeds:
  alpha:
    url: https://alpha.example/feed
    category: tech # the first one
  beta:
    url: https://beta.example/feed
";

fn read(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("feeds.yaml")).unwrap()
}

#[test]
fn two_clones_adding_different_feeds_merge_cleanly() {
    if !have_git() {
        return;
    }
    let w = World::new();
    w.seed(true);
    let a = w.clone_repo("a", true);
    let b = w.clone_repo("b", true);
    w.ink_ok(&a, &["add", "https://one.example/feed", "-n", "one"]);
    w.commit_all(&a, "add one");
    w.ok(&a, &["push", "-q"]);
    w.ink_ok(&b, &["add", "https://two.example/feed", "-n", "two"]);
    w.commit_all(&b, "add two");
    w.ok(&b, &["pull", "-q", "--rebase"]);
    let text = read(&b);
    assert!(text.starts_with(SEED), "{text}");
    assert!(
        text.contains("  one:\n    url: https://one.example/feed\n"),
        "{text}"
    );
    assert!(
        text.contains("  two:\n    url: https://two.example/feed\n"),
        "{text}"
    );
    w.ink_ok(&b, &["show", "one"]);
    w.ink_ok(&b, &["show", "two"]);
    // A merge commit (no rebase) too.
    w.ok(&b, &["push", "-q"]);
    w.ink_ok(&a, &["add", "https://three.example/feed", "-n", "three"]);
    w.commit_all(&a, "add three");
    w.ink_ok(&b, &["remove", "one", "--force"]);
    w.commit_all(&b, "remove one");
    w.ok(&b, &["push", "-q"]);
    w.ok(&a, &["pull", "-q", "--no-rebase"]);
    let text = read(&a);
    assert!(
        text.contains("  three:\n") && !text.contains("  one:\n"),
        "{text}"
    );
}

#[test]
fn a_removal_and_a_change_to_another_feed_merge_cleanly() {
    if !have_git() {
        return;
    }
    let w = World::new();
    w.seed(true);
    let a = w.clone_repo("a", true);
    let b = w.clone_repo("b", true);
    w.ink_ok(&a, &["remove", "beta", "--force"]);
    w.commit_all(&a, "remove beta");
    w.ok(&a, &["push", "-q"]);
    w.ink_ok(
        &b,
        &["update", "alpha", "--url", "https://alpha2.example/feed"],
    );
    w.commit_all(&b, "move alpha");
    w.ok(&b, &["pull", "-q", "--rebase"]);
    assert_eq!(
        read(&b),
        "# Feeds shared by every machine.\nfeeds:\n  alpha:\n    url: https://alpha2.example/feed\n    category: tech # the first one\n"
    );
}

#[test]
fn the_same_url_changed_differently_conflicts_around_that_feed_only() {
    if !have_git() {
        return;
    }
    let w = World::new();
    w.seed(true);
    let a = w.clone_repo("a", true);
    let b = w.clone_repo("b", true);
    w.ink_ok(
        &a,
        &["update", "alpha", "--url", "https://mine.example/feed"],
    );
    w.ink_ok(&a, &["add", "https://new.example/feed", "-n", "new"]);
    w.commit_all(&a, "a");
    w.ok(&a, &["push", "-q"]);
    w.ink_ok(
        &b,
        &["update", "alpha", "--url", "https://theirs.example/feed"],
    );
    w.commit_all(&b, "b");
    let o = w.git(&b, &["pull", "--no-rebase"]);
    assert!(!o.status.success(), "{}", show("pull", &o));
    let all = show("pull", &o);
    assert!(
        all.contains("conflict: feeds.yaml: feed 'alpha', url"),
        "{all}"
    );
    let text = read(&b);
    let start = text.find("<<<<<<< ").expect("markers");
    let end = text.find(">>>>>>> ").expect("markers");
    let inside = &text[start..end];
    assert!(
        inside.contains("https://mine.example/feed")
            || inside.contains("https://theirs.example/feed")
    );
    assert!(
        !inside.contains("beta") && !inside.contains("new"),
        "{text}"
    );
    assert!(
        text.contains("  new:\n    url: https://new.example/feed\n"),
        "{text}"
    );
    assert!(
        text.starts_with("# Feeds shared by every machine.\nfeeds:\n<<<<<<< CURRENT\n")
            && text.contains("\n>>>>>>> OTHER\n"),
        "{text}"
    );
    let unmerged = w.ok(&b, &["diff", "--name-only", "--diff-filter=U"]);
    assert_eq!(unmerged.trim(), "feeds.yaml");
}

#[test]
fn without_the_driver_the_same_cases_conflict() {
    if !have_git() {
        return;
    }
    let w = World::new();
    w.seed(false);
    let a = w.clone_repo("a", false);
    let b = w.clone_repo("b", false);
    w.ink_ok(&a, &["add", "https://one.example/feed", "-n", "one"]);
    w.commit_all(&a, "add one");
    w.ok(&a, &["push", "-q"]);
    w.ink_ok(&b, &["add", "https://two.example/feed", "-n", "two"]);
    w.commit_all(&b, "add two");
    let o = w.git(&b, &["pull", "--rebase"]);
    assert!(!o.status.success(), "{}", show("pull", &o));
    assert!(read(&b).contains("<<<<<<<"));
}

#[test]
fn git_setup_twice_changes_nothing() {
    if !have_git() {
        return;
    }
    let w = World::new();
    let a = w.clone_repo("a", false);
    w.ink_ok(&a, &["git-setup", "--gitignore"]);
    let files = |d: &Path| {
        (
            std::fs::read_to_string(d.join(".gitattributes")).unwrap(),
            std::fs::read_to_string(d.join(".gitignore")).unwrap(),
            std::fs::read_to_string(d.join(".git/config")).unwrap(),
        )
    };
    let first = files(&a);
    assert_eq!(
        first.0,
        "feeds.yaml merge=inkwell\nconfig.yaml merge=inkwell\n"
    );
    assert_eq!(first.1, ".keyfile*\naudit.log\nfeeds.lock\nconfig.lock\n");
    assert!(
        first
            .2
            .contains("driver = inkwell merge %O %A %B --marker-size %L --path %P"),
        "{}",
        first.2
    );
    let o = w.inkwell(&a, &["git-setup", "--gitignore"]);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("nothing changed"),
        "{}",
        show("again", &o)
    );
    assert_eq!(files(&a), first);
}

/// Six machines, each a real clone with its own processes, add a feed at the same time
/// and push, retrying `git pull --rebase` after a rejected push: every feed lands.
#[test]
fn six_clones_push_with_pull_rebase_retries_and_all_feeds_land() {
    if !have_git() {
        return;
    }
    let w = Arc::new(World::new());
    w.seed(true);
    let n = 6;
    let clones: Vec<PathBuf> = (0..n)
        .map(|i| w.clone_repo(&format!("m{i}"), true))
        .collect();
    let barrier = Arc::new(Barrier::new(n));
    let handles: Vec<_> = clones
        .into_iter()
        .enumerate()
        .map(|(i, dir)| {
            let (w, barrier) = (Arc::clone(&w), Arc::clone(&barrier));
            thread::spawn(move || {
                let name = format!("machine-{i}");
                w.ink_ok(
                    &dir,
                    &["add", &format!("https://m{i}.example/feed"), "-n", &name],
                );
                w.commit_all(&dir, &format!("add {name}"));
                barrier.wait();
                let (mut rounds, mut conflicts) = (0, 0);
                loop {
                    rounds += 1;
                    let pull = w.git(&dir, &["pull", "-q", "--rebase"]);
                    if !pull.status.success() {
                        conflicts += 1;
                        let _ = w.git(&dir, &["rebase", "--abort"]);
                        assert!(rounds < 50, "{}", show("pull", &pull));
                        continue;
                    }
                    if w.git(&dir, &["push", "-q"]).status.success() {
                        return (rounds, conflicts);
                    }
                    assert!(rounds < 50, "no push after 50 rounds");
                }
            })
        })
        .collect();
    let results: Vec<(u32, u32)> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let check = w.clone_repo("check", true);
    let text = read(&check);
    for i in 0..n {
        assert!(text.contains(&format!("  machine-{i}:\n")), "{text}");
    }
    assert!(text.starts_with(SEED), "{text}");
    let rounds: u32 = results.iter().map(|r| r.0).sum();
    let conflicts: u32 = results.iter().map(|r| r.1).sum();
    eprintln!(
        "fleet: {n} clones, {rounds} pull+push rounds in all (per clone {results:?}), {conflicts} conflicts"
    );
    assert_eq!(conflicts, 0);
}

/// By hand, like `git merge-file`: exit 1 and CURRENT untouched when the files cannot be
/// merged by meaning; exit 1 with git's labels around the conflict; 0 when clean.
#[test]
fn merge_by_hand_exit_codes_and_untouched_current() {
    let tmp = tempfile::tempdir().unwrap();
    let p = |n: &str| tmp.path().join(n);
    let base = "feeds:\n  a: &x\n    url: https://a.example/\n  b: *x\n";
    let cur = "feeds:\n  a: &x\n    url: https://a.example/\n  b: *x\n  c:\n    url: https://c.example/\n";
    let oth = "feeds:\n  a: &x\n    url: https://a.example/\n  b:\n    url: https://b.example/\n";
    std::fs::write(p("base"), base).unwrap();
    std::fs::write(p("feeds.yaml"), cur).unwrap();
    std::fs::write(p("other"), oth).unwrap();
    let run = |args: &[&str]| {
        Command::new(BIN)
            .arg("merge")
            .args(args)
            .current_dir(tmp.path())
            .output()
            .unwrap()
    };
    let o = run(&["base", "feeds.yaml", "other"]);
    assert_eq!(o.status.code(), Some(1), "{}", show("merge", &o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("alias"),
        "{}",
        show("merge", &o)
    );
    assert_eq!(std::fs::read_to_string(p("feeds.yaml")).unwrap(), cur);

    std::fs::write(p("base"), "feeds:\n  a:\n    url: https://a.example/\n").unwrap();
    std::fs::write(
        p("feeds.yaml"),
        "feeds:\n  a:\n    url: https://mine.example/\n",
    )
    .unwrap();
    std::fs::write(
        p("other"),
        "feeds:\n  a:\n    url: https://theirs.example/\n",
    )
    .unwrap();
    let o = run(&[
        "base",
        "feeds.yaml",
        "other",
        "-L",
        "HEAD",
        "-L",
        "base",
        "-L",
        "origin/main",
        "--marker-size",
        "9",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", show("merge", &o));
    assert_eq!(
        std::fs::read_to_string(p("feeds.yaml")).unwrap(),
        "feeds:\n<<<<<<<<< HEAD\n  a:\n    url: https://mine.example/\n=========\n  a:\n    url: https://theirs.example/\n>>>>>>>>> origin/main\n"
    );

    std::fs::write(
        p("feeds.yaml"),
        "feeds:\n  a:\n    url: https://a.example/\n  z:\n    url: https://z.example/\n",
    )
    .unwrap();
    let o = run(&["base", "feeds.yaml", "other"]);
    assert_eq!(o.status.code(), Some(0), "{}", show("merge", &o));
    assert_eq!(
        std::fs::read_to_string(p("feeds.yaml")).unwrap(),
        "feeds:\n  a:\n    url: https://theirs.example/\n  z:\n    url: https://z.example/\n"
    );
    let o = run(&["base", "missing.yaml", "other"]);
    assert!(
        matches!(o.status.code(), Some(c) if (1..=128).contains(&c)),
        "{}",
        show("merge", &o)
    );
}

/// examples/fleet-sync.sh, run at once on three clones: every feed lands.
#[test]
fn the_fleet_script_lands_every_change() {
    if !have_git() || Command::new("sh").arg("-c").arg("true").output().is_err() {
        eprintln!("skipped: git or sh missing");
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/fleet-sync.sh");
    let w = Arc::new(World::new());
    w.seed(true);
    let n = 3;
    let barrier = Arc::new(Barrier::new(n));
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let dir = w.clone_repo(&format!("s{i}"), true);
            let (w, barrier, script) = (Arc::clone(&w), Arc::clone(&barrier), script.clone());
            thread::spawn(move || {
                barrier.wait();
                let o = w
                    .cmd("sh", &dir)
                    .arg(&script)
                    .args([
                        "add",
                        &format!("https://s{i}.example/feed"),
                        "-n",
                        &format!("script-{i}"),
                    ])
                    .env("INKWELL_CONFIG_DIR", &dir)
                    .env("TRIES", "30")
                    .output()
                    .unwrap();
                assert!(o.status.success(), "{}", show("fleet-sync.sh", &o));
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let text = read(&w.clone_repo("check", false));
    for i in 0..n {
        assert!(text.contains(&format!("  script-{i}:\n")), "{text}");
    }
    let log = w.ok(&w.root.join("check"), &["ls-files"]);
    assert!(
        !log.contains("audit.log") && !log.contains("feeds.lock"),
        "{log}"
    );
}
