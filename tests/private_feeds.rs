//! Private feeds: credentials encrypted exactly as inkwell-cli does, one key made once
//! even under a storm of first-time adds, never a secret on screen.

mod common;

use std::fs;
use std::io::Write;
use std::process::{Command, Output, Stdio};

use common::Env;
use inkwell::crypto::Key;
use inkwell::feeds::FeedsDocument;

/// The Fernet specification's test vector (generate.json / verify.json).
const SPEC_KEY: &str = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
const SPEC_TOKEN: &str = "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==";

/// Runs inkwell with `input` on standard input.
fn run_with_stdin(env: &Env, args: &[&str], input: &str) -> Output {
    let mut child = env
        .command()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn key(env: &Env) -> Key {
    let text = fs::read_to_string(env.dir().join(".keyfile")).expect("a key file");
    assert_eq!(text.len(), 44, "a Fernet key without newline: {text:?}");
    Key::from_text(&text).expect("a Fernet key")
}

fn doc(env: &Env) -> FeedsDocument {
    FeedsDocument::parse(env.feeds()).expect("feeds.yaml parses")
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn basic_credentials_are_stored_as_fernet_tokens_that_decrypt() {
    let env = Env::new();
    let out = run_with_stdin(
        &env,
        &[
            "add",
            "https://example.com/private.rss",
            "-n",
            "private",
            "--auth",
            "basic",
            "--username",
            "ann",
            "--password-stdin",
        ],
        "s3cret: #pw=\n",
    );
    assert!(out.status.success(), "{out:?}");
    let key = key(&env);
    let doc = doc(&env);
    let auth = &doc.get("private").unwrap().auth;
    assert_eq!(auth.kind, "basic");
    assert_eq!(
        key.decrypt(auth.username.as_deref().unwrap()).unwrap(),
        "ann"
    );
    assert_eq!(
        key.decrypt(auth.password.as_deref().unwrap()).unwrap(),
        "s3cret: #pw="
    );
    assert_eq!(auth.token, None);
    #[cfg(unix)]
    {
        assert_eq!(mode(&env.dir().join(".keyfile")), 0o600);
        assert_eq!(mode(&env.dir().join(".keyfile.backup")), 0o600);
    }
    assert_eq!(
        fs::read(env.dir().join(".keyfile")).unwrap(),
        fs::read(env.dir().join(".keyfile.backup")).unwrap()
    );
}

#[test]
fn credentials_written_by_inkwell_cli_are_read_with_its_key() {
    let env = Env::new();
    env.write_feeds(format!(
        "feeds:\n  spec:\n    url: https://example.com/f\n    auth:\n      type: bearer\n      username: null\n      password: null\n      token: {SPEC_TOKEN}\n"
    ));
    fs::write(env.dir().join(".keyfile"), SPEC_KEY).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(
            env.dir().join(".keyfile"),
            fs::Permissions::from_mode(0o600),
        )
        .unwrap();
    }
    assert_eq!(key(&env).decrypt(SPEC_TOKEN).as_deref(), Some("hello"));
    env.run(&["show", "spec"])
        .success()
        .stdout_has("bearer (credentials encrypted)");
    // Changing another field keeps the token byte for byte.
    env.run(&["update", "spec", "--category", "tech"]).success();
    assert!(env.feeds().contains(SPEC_TOKEN));
    env.run(&["show", "spec"])
        .success()
        .stdout_has("credentials encrypted");
}

#[test]
fn fifty_simultaneous_first_time_adds_share_one_key() {
    let env = Env::new();
    let n = 50;
    let children: Vec<_> = (0..n)
        .map(|i| {
            let mut child = env
                .command()
                .args([
                    "add",
                    &format!("https://example.com/{i}.rss"),
                    "-n",
                    &format!("feed-{i}"),
                    "--auth",
                    "bearer",
                    "--token-stdin",
                ])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            child
                .stdin
                .take()
                .unwrap()
                .write_all(format!("token-{i}").as_bytes())
                .unwrap();
            child
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    let key = key(&env);
    let doc = doc(&env);
    assert_eq!(doc.len(), n);
    for i in 0..n {
        let feed = doc.get(&format!("feed-{i}")).unwrap();
        let token = feed.auth.token.as_deref().unwrap();
        assert_eq!(
            key.decrypt(token).as_deref(),
            Some(format!("token-{i}").as_str()),
            "feed-{i} does not decrypt with the key on disk"
        );
    }
    assert_eq!(
        fs::read(env.dir().join(".keyfile")).unwrap(),
        fs::read(env.dir().join(".keyfile.backup")).unwrap()
    );
    assert!(env.temp_files().is_empty(), "{:?}", env.temp_files());
}

#[cfg(unix)]
#[test]
fn a_key_file_others_can_read_is_refused_with_the_fix() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let add = |name: &str| {
        run_with_stdin(
            &env,
            &[
                "add",
                "https://example.com/f",
                "-n",
                name,
                "--auth",
                "bearer",
                "--token-stdin",
            ],
            "tok",
        )
    };
    assert!(add("first").status.success());
    let keyfile = env.dir().join(".keyfile");
    for bad in [0o644, 0o620, 0o604] {
        fs::set_permissions(&keyfile, fs::Permissions::from_mode(bad)).unwrap();
        let before = env.feeds();
        let out = add("second");
        assert_eq!(out.status.code(), Some(8), "{out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("insecure permissions"), "{err}");
        assert!(
            err.contains(&format!("chmod 600 {}", keyfile.display())),
            "{err}"
        );
        assert_eq!(env.feeds(), before, "nothing written");
    }
    fs::set_permissions(&keyfile, fs::Permissions::from_mode(0o600)).unwrap();
    assert!(add("second").status.success());
}

#[test]
fn without_a_terminal_or_stdin_flag_it_is_an_error_not_a_hang() {
    let env = Env::new();
    for args in [
        &[
            "add",
            "https://example.com/f",
            "-n",
            "f",
            "--auth",
            "bearer",
        ][..],
        &["add", "https://example.com/f", "-n", "f", "--auth", "basic"],
        &[
            "add",
            "https://example.com/f",
            "-n",
            "f",
            "--auth",
            "basic",
            "--username",
            "u",
        ],
    ] {
        env.run(args)
            .fails_with(2)
            .stderr_has("not a terminal")
            .no_panic();
    }
    env.run(&[
        "add",
        "https://example.com/f",
        "-n",
        "f",
        "--auth",
        "basic",
        "--password-stdin",
    ])
    .fails_with(2)
    .stderr_has("--username");
    env.run(&[
        "add",
        "https://example.com/f",
        "-n",
        "f",
        "--auth",
        "bearer",
        "--token-stdin",
    ])
    .fails_with(3)
    .stderr_has("empty");
    assert!(env.names().is_empty());
    assert!(!env.dir().join(".keyfile").exists());
}

#[test]
fn a_feed_without_auth_never_touches_the_key() {
    let env = Env::new();
    env.run(&["add", "https://example.com/f", "-n", "f"])
        .success();
    assert!(!env.dir().join(".keyfile").exists());
    // Even an unreadable key file does not matter to a feed without credentials.
    fs::write(env.dir().join(".keyfile"), "garbage").unwrap();
    env.run(&["add", "https://example.com/g", "-n", "g"])
        .success();
}

#[test]
fn secrets_are_never_printed() {
    let env = Env::new();
    let out = run_with_stdin(
        &env,
        &[
            "add",
            "https://example.com/f",
            "-n",
            "f",
            "--auth",
            "basic",
            "--username",
            "user-name-x",
            "--password-stdin",
        ],
        "pass-word-y",
    );
    assert!(out.status.success());
    let stored = doc(&env).get("f").unwrap().auth.clone();
    let secrets = [
        "user-name-x".to_string(),
        "pass-word-y".to_string(),
        stored.username.unwrap(),
        stored.password.unwrap(),
    ];
    let mut printed = String::from_utf8_lossy(&out.stdout).into_owned();
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["show", "f", "--json"],
        &["history"],
        &["history", "--json"],
    ] {
        let run = env.run(args);
        run.success();
        printed.push_str(&run.stdout());
        printed.push_str(&run.stderr());
    }
    printed.push_str(&fs::read_to_string(env.dir().join("audit.log")).unwrap());
    for s in &secrets {
        assert!(!printed.contains(s.as_str()), "{s} was printed:\n{printed}");
    }
    // The username is not a secret: `show` names it (and only `show`).
    env.run(&["show", "f"])
        .stdout_has("username: user-name-x")
        .stdout_has("credentials encrypted");
    env.run(&["show", "f", "--json"])
        .stdout_has("\"auth\": \"basic\"");
}

#[test]
fn auth_can_be_replaced_and_removed() {
    let env = Env::new();
    let add = run_with_stdin(
        &env,
        &[
            "add",
            "https://example.com/f",
            "-n",
            "f",
            "--auth",
            "bearer",
            "--token-stdin",
        ],
        "one\n",
    );
    assert!(add.status.success());
    let upd = run_with_stdin(
        &env,
        &[
            "update",
            "f",
            "--auth",
            "basic",
            "--username",
            "u",
            "--password-stdin",
        ],
        "two",
    );
    assert!(upd.status.success(), "{upd:?}");
    let auth = doc(&env).get("f").unwrap().auth.clone();
    assert_eq!(auth.kind, "basic");
    assert_eq!(auth.token, None);
    assert_eq!(key(&env).decrypt(&auth.password.unwrap()).unwrap(), "two");
    env.run(&["update", "f", "--auth", "none"])
        .success()
        .stdout_has("basic -> none");
    let auth = doc(&env).get("f").unwrap().auth.clone();
    assert_eq!(
        (auth.kind.as_str(), auth.username, auth.password, auth.token),
        ("none", None, None, None)
    );
    env.run(&["update", "f", "--auth", "none", "--username", "x"])
        .fails_with(2);
}

/// Round trip with inkwell-cli's own library: Python's `cryptography` decrypts what we
/// wrote, and we decrypt what it wrote.
#[test]
fn pythons_cryptography_agrees() {
    let probe = Command::new("python3")
        .args(["-c", "import cryptography.fernet"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: python3 with the cryptography package is not installed");
        return;
    }
    let env = Env::new();
    let out = run_with_stdin(
        &env,
        &[
            "add",
            "https://example.com/f",
            "-n",
            "f",
            "--auth",
            "bearer",
            "--token-stdin",
        ],
        "tøken=",
    );
    assert!(out.status.success());
    let token = doc(&env).get("f").unwrap().auth.token.clone().unwrap();
    let script = "import sys\nfrom cryptography.fernet import Fernet\nf = Fernet(open(sys.argv[1], 'rb').read())\nprint(f.decrypt(sys.argv[2].encode()).decode('utf-8'))\nprint(f.encrypt('från python'.encode('utf-8')).decode())";
    let py = Command::new("python3")
        .args(["-c", script])
        .arg(env.dir().join(".keyfile"))
        .arg(&token)
        .output()
        .unwrap();
    assert!(py.status.success(), "{py:?}");
    let stdout = String::from_utf8(py.stdout).unwrap();
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some("tøken="));
    let from_python = lines.next().unwrap();
    assert_eq!(
        key(&env).decrypt(from_python).as_deref(),
        Some("från python")
    );
}
