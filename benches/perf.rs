//! `cargo bench --bench perf`: inkwell measured against the machine's own floor.
//!
//! The floor is the unavoidable work of one `add`, done by this same executable when it is
//! started as `perf --floor DIR NAME`: lock `feeds.lock`, read `feeds.yaml`, write a temp
//! file with the new entry appended, fsync it, rename it over `feeds.yaml`, fsync the
//! directory. Each floor run is its own process, like each inkwell run, and floor and
//! inkwell runs alternate so that drift in the machine's speed hits both alike.
//!
//! `INKWELL_BENCH_QUICK=1` (or `-- --quick`) does a few repetitions of each measurement,
//! to check that the benchmark itself works; so does a run by `cargo test --benches`.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Output, Stdio};
use std::time::{Duration, Instant};

const INKWELL: &str = env!("CARGO_BIN_EXE_inkwell");
const FLOOR_ARG: &str = "--floor";
const STORM: usize = 200;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some(FLOOR_ARG) {
        let [_, _, dir, name] = &args[..] else {
            eprintln!("usage: perf --floor DIR NAME");
            return ExitCode::from(2);
        };
        return match floor(Path::new(dir), name) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("floor: {e}");
                ExitCode::FAILURE
            }
        };
    }
    // `cargo bench` passes `--bench`; without it (`cargo test --benches`) the run is quick.
    let quick = !args.iter().any(|a| a == "--bench")
        || args.iter().any(|a| a == "--quick")
        || std::env::var_os("INKWELL_BENCH_QUICK").is_some_and(|v| !v.is_empty() && v != "0");
    let reps = if quick { Reps::QUICK } else { Reps::FULL };
    let mut bench = Bench::new();
    let ok = bench.run(&reps);
    println!(
        "\ntotal bench time {:.1} s{}",
        bench.started.elapsed().as_secs_f64(),
        if quick { " (quick mode)" } else { "" }
    );
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The floor: one locked, durable rewrite of `feeds.yaml` with one entry appended.
fn floor(dir: &Path, name: &str) -> io::Result<()> {
    let lock = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join("feeds.lock"))?;
    lock.lock()?;
    let path = dir.join("feeds.yaml");
    let mut text = match fs::read(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => b"feeds:\n".to_vec(),
        Err(e) => return Err(e),
    };
    text.extend_from_slice(entry(name).as_bytes());
    let tmp = dir.join(format!(".feeds.yaml.{}.floor-tmp", std::process::id()));
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)?;
    file.write_all(&text)?;
    file.sync_all()?;
    drop(file);
    fs::rename(&tmp, &path)?;
    File::open(dir)?.sync_all()?;
    drop(lock);
    Ok(())
}

/// The entry `inkwell add URL -n NAME -c bench --display-name "Bench NAME"` writes, in
/// inkwell-cli's layout (the floor appends the same bytes).
fn entry(name: &str) -> String {
    format!(
        "  {name}:\n    url: {url}\n    display_name: {display}\n    auth:\n      type: none\n      username: null\n      password: null\n      token: null\n    category: bench\n    custom_templates: []\n",
        url = url(name),
        display = display_name(name),
    )
}

fn url(name: &str) -> String {
    format!("https://podcasts.example.com/shows/{name}/feed.xml")
}

fn display_name(name: &str) -> String {
    format!("Bench {name}")
}

/// A `feeds.yaml` of `n` feeds in inkwell-cli's layout, with a mix of set and null fields.
fn feeds_yaml(n: usize) -> String {
    const CATEGORIES: [&str; 4] = ["tech", "news", "comedy", "null"];
    let mut s = String::with_capacity(n * 260 + 8);
    s.push_str("feeds:\n");
    for i in 0..n {
        let name = format!("feed-{i:06}");
        let display = if i % 3 == 0 {
            "null".to_string()
        } else {
            format!("Feed {i:06}")
        };
        let templates = if i % 5 == 0 {
            "\n    - summary\n    - transcript"
        } else {
            " []"
        };
        s.push_str(&format!(
            "  {name}:\n    url: https://podcasts.example.com/shows/{name}/rss.xml\n    display_name: {display}\n    auth:\n      type: none\n      username: null\n      password: null\n      token: null\n    category: {category}\n    custom_templates:{templates}\n",
            category = CATEGORIES[i % CATEGORIES.len()],
        ));
    }
    s
}

/// Repetitions of each measurement.
struct Reps {
    add: usize,
    list: usize,
    storms: usize,
    scaling: [(usize, usize); 3],
    import: usize,
}

impl Reps {
    const FULL: Reps = Reps {
        add: 41,
        list: 31,
        storms: 5,
        scaling: [(1_000, 15), (10_000, 9), (100_000, 5)],
        import: 7,
    };
    const QUICK: Reps = Reps {
        add: 3,
        list: 3,
        storms: 1,
        scaling: [(1_000, 1), (10_000, 1), (100_000, 1)],
        import: 1,
    };
}

/// Wall and CPU (user + system) time and page faults of one process, or of a group of
/// processes.
#[derive(Clone, Copy)]
struct Sample {
    wall: Duration,
    cpu: Duration,
    faults: u64,
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2
    }
}

fn medians(samples: &[Sample]) -> Sample {
    Sample {
        wall: median(samples.iter().map(|s| s.wall).collect()),
        cpu: median(samples.iter().map(|s| s.cpu).collect()),
        faults: {
            let mut f: Vec<u64> = samples.iter().map(|s| s.faults).collect();
            f.sort_unstable();
            f[f.len() / 2]
        },
    }
}

/// User + system time and page faults (minor and major) of all waited-for children so
/// far.
fn children_usage() -> (Duration, u64) {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_CHILDREN is always valid.
    let usage = unsafe {
        assert_eq!(
            libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()),
            0
        );
        usage.assume_init()
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let faults = usage.ru_minflt + usage.ru_majflt;
    (tv(usage.ru_utime) + tv(usage.ru_stime), faults as u64)
}

fn check(what: &str, out: &Output) {
    assert!(
        out.status.success(),
        "{what} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Starts all `commands`, then waits for all of them; every one must succeed.
fn measure(what: &str, commands: Vec<Command>) -> Sample {
    let (cpu, faults) = children_usage();
    let start = Instant::now();
    let children: Vec<_> = commands
        .into_iter()
        .map(|mut c| {
            c.spawn()
                .unwrap_or_else(|e| panic!("cannot start {what}: {e}"))
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().expect("wait for a child"))
        .collect();
    let wall = start.elapsed();
    let (cpu_after, faults_after) = children_usage();
    let sample = Sample {
        wall,
        cpu: cpu_after - cpu,
        faults: faults_after - faults,
    };
    for out in &outputs {
        check(what, out);
    }
    sample
}

/// Writes `feeds.yaml` in `dir` and makes it durable, so that a timed run that follows
/// pays only for its own writes.
fn install(dir: &Path, text: &str) {
    let path = dir.join("feeds.yaml");
    let mut f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&path)
        .expect("write feeds.yaml");
    f.write_all(text.as_bytes()).expect("write feeds.yaml");
    f.sync_all().expect("sync feeds.yaml");
    File::open(dir)
        .and_then(|d| d.sync_all())
        .expect("sync dir");
}

fn count_feeds(dir: &Path) -> usize {
    fs::read_to_string(dir.join("feeds.yaml"))
        .map(|t| t.lines().filter(|l| l.starts_with("    url: ")).count())
        .unwrap_or(0)
}

struct Bench {
    root: tempfile::TempDir,
    dirs: usize,
    started: Instant,
    ok: bool,
}

impl Bench {
    fn new() -> Bench {
        Bench {
            root: tempfile::Builder::new()
                .prefix("inkwell-bench.")
                .tempdir_in("/tmp")
                .expect("temp dir under /tmp"),
            dirs: 0,
            started: Instant::now(),
            ok: true,
        }
    }

    /// A new, empty config dir for one measurement.
    fn fresh(&mut self, label: &str) -> PathBuf {
        self.dirs += 1;
        let dir = self.root.path().join(format!("{:02}-{label}", self.dirs));
        fs::create_dir(&dir).expect("create config dir");
        dir
    }

    fn base(&self, program: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.root.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        cmd
    }

    fn inkwell(&self, dir: &Path, args: &[&str]) -> Command {
        let mut cmd = self.base(Path::new(INKWELL));
        cmd.arg("--config-dir").arg(dir).args(args);
        cmd
    }

    fn inkwell_add(&self, dir: &Path, name: &str) -> Command {
        self.inkwell(
            dir,
            &[
                "add",
                &url(name),
                "-n",
                name,
                "-c",
                "bench",
                "--display-name",
                &display_name(name),
            ],
        )
    }

    fn floor_add(&self, dir: &Path, name: &str) -> Command {
        let me = std::env::current_exe().expect("path of the bench executable");
        let mut cmd = self.base(&me);
        cmd.arg(FLOOR_ARG).arg(dir).arg(name);
        cmd
    }

    fn run(&mut self, reps: &Reps) -> bool {
        println!("inkwell: {INKWELL}");
        println!(
            "machine: {} CPUs; work dir {}",
            std::thread::available_parallelism().map_or(0, |n| n.get()),
            self.root.path().display()
        );
        println!(
            "floor: this executable as its own process: lock feeds.lock, read feeds.yaml, write a\n\
             temp file with the new entry, fsync it, rename it over feeds.yaml, fsync the dir"
        );
        println!(
            "figures: medians; cpu = user + sys (page faults); ratio = inkwell wall / floor wall (run alternately)\n"
        );
        header();
        // `INKWELL_BENCH_ONLY=storm,100000` runs only the rows named (add, storm, list, a
        // size, import); the full set is what the targets are checked on.
        let only = std::env::var("INKWELL_BENCH_ONLY").unwrap_or_default();
        let wanted = |row: &str| only.is_empty() || only.split(',').any(|w| w.trim() == row);
        let forty = feeds_yaml(40);
        self.same_bytes(&forty);
        if wanted("add") {
            self.add(&forty, reps.add);
        }
        if wanted("storm") {
            self.storm(&forty, reps.storms);
        }
        if wanted("list") {
            self.list(&forty, reps.list);
        }
        for (n, runs) in reps.scaling {
            let target = match n {
                10_000 => Some(1.8),
                100_000 => Some(3.0),
                _ => None,
            };
            if wanted(&n.to_string()) {
                self.scaling(n, runs, target);
            }
        }
        if wanted("import") {
            self.import(10_000, reps.import);
        }
        self.ok
    }

    /// The floor must do the work of an add: it writes the same file inkwell writes.
    fn same_bytes(&mut self, text: &str) {
        let (a, b) = (self.fresh("same-inkwell"), self.fresh("same-floor"));
        install(&a, text);
        install(&b, text);
        measure("inkwell add", vec![self.inkwell_add(&a, "same")]);
        measure("floor", vec![self.floor_add(&b, "same")]);
        let same = fs::read(a.join("feeds.yaml")).ok() == fs::read(b.join("feeds.yaml")).ok();
        if !same {
            self.ok = false;
        }
        row(
            "floor and add write the same bytes",
            "1",
            if same { "yes" } else { "NO" },
            "",
            "",
            "",
            "",
            "",
            verdict(same),
        );
    }

    /// Alternates floor and inkwell adds on fresh copies of `text`: the copy is restored and
    /// made durable before each run, outside the timed region.
    fn paired_adds(&mut self, label: &str, text: &str, runs: usize) -> (Sample, Sample) {
        let ink_dir = self.fresh(&format!("{label}-inkwell"));
        let floor_dir = self.fresh(&format!("{label}-floor"));
        let (mut ink, mut flo) = (Vec::new(), Vec::new());
        for i in 0..runs {
            let name = format!("bench-{i}");
            for first_floor in [i % 2 == 0, i % 2 != 0] {
                if first_floor {
                    install(&floor_dir, text);
                    flo.push(measure("floor", vec![self.floor_add(&floor_dir, &name)]));
                } else {
                    install(&ink_dir, text);
                    ink.push(measure(
                        "inkwell add",
                        vec![self.inkwell_add(&ink_dir, &name)],
                    ));
                }
            }
        }
        (medians(&ink), medians(&flo))
    }

    fn add(&mut self, text: &str, runs: usize) {
        let (ink, flo) = self.paired_adds("add40", text, runs);
        self.ratio_row("add, 40 feeds", runs, ink, flo, 1.4);
    }

    fn scaling(&mut self, n: usize, runs: usize, target: Option<f64>) {
        let text = feeds_yaml(n);
        let (ink, flo) = self.paired_adds(&format!("add{n}"), &text, runs);
        let label = format!(
            "add, {} feeds ({:.1} MB)",
            thousands(n),
            text.len() as f64 / 1e6
        );
        match target {
            Some(t) => self.ratio_row(&label, runs, ink, flo, t),
            None => row(
                &label,
                &runs.to_string(),
                &ms(ink.wall),
                &cpu(ink),
                &ms(flo.wall),
                &cpu(flo),
                &format!("{:.2}x", ratio(ink.wall, flo.wall)),
                "",
                "",
            ),
        }
    }

    fn ratio_row(&mut self, label: &str, runs: usize, ink: Sample, flo: Sample, target: f64) {
        let r = ratio(ink.wall, flo.wall);
        let pass = r <= target;
        row(
            label,
            &runs.to_string(),
            &ms(ink.wall),
            &cpu(ink),
            &ms(flo.wall),
            &cpu(flo),
            &format!("{r:.2}x"),
            &format!("<= {target}x"),
            verdict(pass),
        );
    }

    /// `STORM` simultaneous adds to one 40-feed file, and as many floor processes started
    /// the same way; rounds alternate which goes first.
    fn storm(&mut self, text: &str, rounds: usize) {
        let (mut ink, mut flo) = (Vec::new(), Vec::new());
        let mut landed = (0, 0);
        let mut listed = None;
        for round in 0..rounds {
            for first_floor in [round % 2 == 0, round % 2 != 0] {
                if first_floor {
                    let dir = self.fresh("storm-floor");
                    install(&dir, text);
                    let cmds = (0..STORM)
                        .map(|i| self.floor_add(&dir, &format!("storm-{i}")))
                        .collect();
                    flo.push(measure("floor", cmds));
                    landed.1 = count_feeds(&dir);
                } else {
                    let dir = self.fresh("storm-inkwell");
                    install(&dir, text);
                    let cmds = (0..STORM)
                        .map(|i| self.inkwell_add(&dir, &format!("storm-{i}")))
                        .collect();
                    ink.push(measure("inkwell add", cmds));
                    landed.0 = count_feeds(&dir);
                    listed = Some(self.listed_total(&dir));
                }
            }
        }
        let (ink, flo) = (medians(&ink), medians(&flo));
        let r = ratio(ink.wall, flo.wall);
        row(
            &format!("storm: {STORM} adds at once (total)"),
            &rounds.to_string(),
            &ms(ink.wall),
            &cpu(ink),
            &ms(flo.wall),
            &cpu(flo),
            &format!("{r:.2}x"),
            "<= 1.4x",
            verdict(r <= 1.4),
        );
        let want = 40 + STORM;
        let all = landed.0 == want && listed == Some(want) && landed.1 == want;
        if !all {
            self.ok = false;
        }
        row(
            &format!("storm: all {STORM} landed"),
            "",
            &format!("{} feeds", landed.0),
            &format!("list: {}", listed.map_or("?".into(), |n| n.to_string())),
            &format!("{} feeds", landed.1),
            "",
            "",
            &format!("= {want}"),
            verdict(all),
        );
    }

    /// `total` from `inkwell list --json`.
    fn listed_total(&self, dir: &Path) -> usize {
        let out = self
            .inkwell(dir, &["list", "--json"])
            .stdout(Stdio::piped())
            .output()
            .expect("run inkwell list");
        check("inkwell list --json", &out);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("list --json");
        v["total"].as_u64().expect("total") as usize
    }

    fn list(&mut self, text: &str, runs: usize) {
        let dir = self.fresh("list40");
        install(&dir, text);
        let samples: Vec<_> = (0..runs)
            .map(|_| {
                measure(
                    "inkwell list",
                    vec![self.inkwell(&dir, &["list", "--json"])],
                )
            })
            .collect();
        let m = medians(&samples);
        row(
            "list --json, 40 feeds",
            &runs.to_string(),
            &ms(m.wall),
            &cpu(m),
            "",
            "",
            "",
            "",
            "",
        );
    }

    /// Imports an `n`-line text list (`URL name`) into a new config dir.
    fn import(&mut self, n: usize, runs: usize) {
        let list = self.root.path().join(format!("import-{n}.txt"));
        let mut text = String::with_capacity(n * 64);
        for i in 0..n {
            text.push_str(&format!(
                "https://podcasts.example.com/imported/show-{i}/feed.xml show-{i}\n"
            ));
        }
        fs::write(&list, text).expect("write the import list");
        let mut samples = Vec::new();
        for _ in 0..runs {
            let dir = self.fresh("import");
            let cmd = self.inkwell(&dir, &["import", list.to_str().expect("utf-8 path")]);
            samples.push(measure("inkwell import", vec![cmd]));
            let got = count_feeds(&dir);
            if got != n {
                self.ok = false;
                println!("import landed {got} of {n} feeds");
            }
        }
        let m = medians(&samples);
        let pass = m.wall <= Duration::from_millis(300);
        row(
            &format!("import {} feeds, new config", thousands(n)),
            &runs.to_string(),
            &ms(m.wall),
            &cpu(m),
            "",
            "",
            "",
            "<= 300 ms",
            verdict(pass),
        );
    }
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

/// CPU time and, in parentheses, page faults.
fn cpu(s: Sample) -> String {
    format!("{} ({})", ms(s.cpu), s.faults)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn verdict(pass: bool) -> &'static str {
    if pass { "PASS" } else { "MISS" }
}

fn header() {
    row(
        "measurement",
        "runs",
        "inkwell wall",
        "inkwell cpu (faults)",
        "floor wall",
        "floor cpu (faults)",
        "ratio",
        "target",
        "",
    );
    println!("{}", "-".repeat(138));
}

#[allow(clippy::too_many_arguments)]
fn row(
    label: &str,
    runs: &str,
    wall: &str,
    cpu: &str,
    floor_wall: &str,
    floor_cpu: &str,
    ratio: &str,
    target: &str,
    verdict: &str,
) {
    println!(
        "{label:<36} {runs:>4} {wall:>12} {cpu:>20} {floor_wall:>12} {floor_cpu:>20} {ratio:>7}  {target:<10} {verdict}"
    );
    let _ = io::stdout().flush();
}
