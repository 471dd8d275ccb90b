//! Feed credentials at rest, exactly as inkwell-cli keeps them: each of username, password
//! and token is its own Fernet token string in feeds.yaml, and the key is a urlsafe-base64
//! Fernet key (44 characters, no newline) in `<config dir>/.keyfile`, copied to
//! `.keyfile.backup`. Either tool decrypts what the other wrote.
//!
//! inkwell-cli creates the key by writing the file and then chmod-ing it, without a lock,
//! so two first-time `--auth` adds can each make a key and one feed's credentials are lost.
//! Here the key is created only under feeds.lock, private (0600) from its first byte, and
//! appears under its name complete or not at all (written to a temp file, fsynced, then
//! hard-linked into place, which fails if a key already exists). The backup is written
//! first and the key last; a failure removes what was created, so there is never a key
//! without its backup. Neither file is followed through a symlink, and a key in a config
//! directory others may change is refused.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;

use fernet::Fernet;

use crate::error::{Error, Result};
use crate::feed::Auth;
use crate::paths::Paths;

/// Longest accepted username or password, and token (inkwell-cli's limits).
pub const MAX_PASSWORD_LEN: usize = 255;
pub const MAX_TOKEN_LEN: usize = 1000;

/// Plaintext credentials for a private feed, as the user typed them.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    Basic { username: String, password: String },
    Bearer { token: String },
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never let a secret reach a log or a panic message.
        write!(f, "Credentials({})", self.kind())
    }
}

impl Credentials {
    /// The auth type stored in feeds.yaml.
    pub fn kind(&self) -> &'static str {
        match self {
            Credentials::Basic { .. } => "basic",
            Credentials::Bearer { .. } => "bearer",
        }
    }

    /// Checks the values the way inkwell-cli checks them after decrypting, so that
    /// nothing is stored that it would refuse to load.
    pub fn validate(&self) -> Result<()> {
        let check = |what: &str, value: &str, max: usize| {
            let reason = if value.is_empty() {
                Some("it is empty".to_string())
            } else if value.chars().count() > max {
                Some(format!("it is longer than {max} characters"))
            } else if value.contains('\0') {
                Some("it contains a NUL character".to_string())
            } else {
                None
            };
            match reason {
                Some(reason) => Err(Error::InvalidValue {
                    what: what.to_string(),
                    reason,
                }),
                None => Ok(()),
            }
        };
        match self {
            Credentials::Basic { username, password } => {
                check("username", username, MAX_PASSWORD_LEN)?;
                check("password", password, MAX_PASSWORD_LEN)
            }
            Credentials::Bearer { token } => check("token", token, MAX_TOKEN_LEN),
        }
    }

    /// The `auth` block to store: each secret encrypted on its own.
    pub fn encrypt(&self, key: &Key) -> Auth {
        match self {
            Credentials::Basic { username, password } => Auth {
                kind: self.kind().into(),
                username: Some(key.encrypt(username)),
                password: Some(key.encrypt(password)),
                token: None,
            },
            Credentials::Bearer { token } => Auth {
                kind: self.kind().into(),
                username: None,
                password: None,
                token: Some(key.encrypt(token)),
            },
        }
    }
}

/// A loaded Fernet key.
pub struct Key {
    fernet: Fernet,
}

impl Key {
    /// Reads a key from its text (surrounding whitespace is ignored, as Python does).
    pub fn from_text(text: &str) -> Option<Key> {
        Fernet::new(text.trim()).map(|fernet| Key { fernet })
    }

    /// A new key that is never stored: to try a change out with credentials of the
    /// same shape before a real key is created for it.
    pub fn throwaway() -> Key {
        Key::from_text(&Fernet::generate_key()).expect("a generated key is valid")
    }

    pub fn encrypt(&self, plaintext: &str) -> String {
        self.fernet.encrypt(plaintext.as_bytes())
    }

    /// Decrypts a token with no time limit (inkwell-cli sets none).
    pub fn decrypt(&self, token: &str) -> Option<String> {
        let bytes = self.fernet.decrypt(token.trim()).ok()?;
        String::from_utf8(bytes).ok()
    }

    /// True when every secret of `auth` decrypts with this key.
    pub fn opens(&self, auth: &Auth) -> bool {
        [&auth.username, &auth.password, &auth.token]
            .into_iter()
            .flatten()
            .filter(|t| !t.is_empty())
            .all(|t| self.decrypt(t).is_some())
    }
}

/// Reads the existing key, or `None` if there is none. Refuses a key file that group or
/// others may read or write, as inkwell-cli does, a key file that is a symlink (it is
/// never followed), and a key file in a config directory others may change.
pub fn load(paths: &Paths) -> Result<Option<Key>> {
    let path = paths.keyfile();
    let mut file = match open_key(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(open_error("open key file", &path, e)),
    };
    refuse_exposed_dir(paths)?;
    check_private(&file, &path)?;
    let mut text = String::new();
    file.read_to_string(&mut text)
        .map_err(|e| Error::io("read key file", &path, e))?;
    Key::from_text(&text)
        .map(Some)
        .ok_or_else(|| Error::KeyFile {
            path: path.clone(),
            problem: "it does not hold a Fernet key (44 characters of urlsafe base64)".into(),
            hint: restore_hint(paths),
        })
}

/// Opens the key file for reading without following a symlink, and without blocking
/// on a FIFO put in its place.
fn open_key(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    crate::platform::no_follow_nonblocking(&mut options);
    #[cfg(not(unix))]
    crate::platform::no_follow(&mut options);
    options.open(path)
}

fn open_error(action: &'static str, path: &Path, e: io::Error) -> Error {
    if crate::platform::is_symlink_refused(&e, path) {
        Error::SidecarSymlink {
            path: path.to_path_buf(),
        }
    } else {
        Error::io(action, path, e)
    }
}

/// Others who may change the config directory could replace the key (and so read the
/// credentials encrypted with it next): such a directory's key is not used.
fn refuse_exposed_dir(paths: &Paths) -> Result<()> {
    match paths.exposure() {
        Some(reason) => Err(Error::UnsafeKeyDir {
            path: paths.keyfile(),
            reason: format!("its directory {reason}"),
        }),
        None => Ok(()),
    }
}

/// Where the key [`load_or_create`] returns came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `.keyfile` as it was.
    Loaded,
    /// Created by this call: `.keyfile` and `.keyfile.backup` hold this text. If the
    /// change it was made for fails, [`remove_created`] takes them away again.
    Created(String),
    /// `.keyfile` was missing (a first `--auth` killed between writing the backup and
    /// the key) and was installed from `.keyfile.backup`, which opens every stored
    /// credential.
    Restored,
}

/// The key to encrypt with, created if there is none yet.
///
/// Call it only while holding feeds.lock (inside a transaction): the lock is what makes
/// "read, else create" one step for every inkwell process.
///
/// A new key is written as `.keyfile.backup` first and as `.keyfile` last, each complete
/// and durable before the next step; if any step fails, what this call created is
/// removed again, so a failure never leaves a key without its backup. A backup without
/// its key (a run killed between the two steps) is installed as the key when
/// `opens_stored` says it opens every credential stored in feeds.yaml; otherwise it is
/// the "restore the key" error, as a new key would make them unreadable for good.
pub fn load_or_create(paths: &Paths, opens_stored: impl Fn(&Key) -> bool) -> Result<(Key, Origin)> {
    if let Some(key) = load(paths)? {
        return Ok((key, Origin::Loaded));
    }
    let path = paths.keyfile();
    let backup = paths.keyfile_backup();
    remove_stale_temps(paths);
    match fs::symlink_metadata(&backup) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(Error::SidecarSymlink { path: backup });
        }
        Ok(m) => {
            if m.is_file()
                && let Some(key) = restore_from_backup(paths, &opens_stored)?
            {
                return Ok((key, Origin::Restored));
            }
            // A new key would make every stored credential unreadable for good.
            return Err(Error::KeyFile {
                path,
                problem: "it is missing, but a backup of a key exists".into(),
                hint: format!(
                    "restore the key first: cp {} {} && chmod 600 {}",
                    backup.display(),
                    paths.keyfile().display(),
                    paths.keyfile().display()
                ),
            });
        }
        Err(_) => {}
    }
    paths.ensure_dir()?;
    refuse_exposed_dir(paths)?;
    let text = Fernet::generate_key();
    install(&backup, text.as_bytes()).map_err(|e| open_error("create key backup", &backup, e))?;
    match install(&path, text.as_bytes()) {
        Ok(()) => {}
        // Created meanwhile by a process that does not take our lock (inkwell-cli).
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            remove_own_backup(&backup, &text);
            return load(paths)?
                .map(|key| (key, Origin::Loaded))
                .ok_or_else(|| Error::KeyFile {
                    path: path.clone(),
                    problem: "it vanished while being read".into(),
                    hint: restore_hint(paths),
                });
        }
        Err(e) => {
            remove_own_backup(&backup, &text);
            return Err(open_error("create key file", &path, e));
        }
    }
    let key = Key::from_text(&text).ok_or_else(|| Error::KeyFile {
        path,
        problem: "the generated key does not load".into(),
        hint: restore_hint(paths),
    })?;
    Ok((key, Origin::Created(text)))
}

/// Installs `.keyfile.backup` as the missing `.keyfile` (durably, never replacing a key
/// that appeared meanwhile) if it is a private regular file holding a key that opens
/// every stored credential; `None` if it is not.
fn restore_from_backup(paths: &Paths, opens_stored: &dyn Fn(&Key) -> bool) -> Result<Option<Key>> {
    let backup = paths.keyfile_backup();
    let Ok(mut file) = open_key(&backup) else {
        return Ok(None);
    };
    if !file.metadata().is_ok_and(|m| m.is_file()) || check_private(&file, &backup).is_err() {
        return Ok(None);
    }
    let mut text = String::new();
    if file.read_to_string(&mut text).is_err() {
        return Ok(None);
    }
    let Some(key) = Key::from_text(&text) else {
        return Ok(None);
    };
    if !opens_stored(&key) {
        return Ok(None);
    }
    refuse_exposed_dir(paths)?;
    let path = paths.keyfile();
    match install(&path, text.as_bytes()) {
        Ok(()) => Ok(Some(key)),
        // Put there meanwhile by a process that does not take our lock (inkwell-cli).
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => load(paths),
        Err(e) => Err(open_error("create key file", &path, e)),
    }
}

/// Takes away the key files a [`load_or_create`] call created (`text` is its key) for a
/// change that then failed, so that "nothing was changed" holds: `.keyfile` first, then
/// its backup, each only if it still holds that key, and only if `in_use` (whether a
/// credential stored in feeds.yaml opens with it) says no. Call it under feeds.lock.
pub fn remove_created(paths: &Paths, text: &str, in_use: impl Fn(&Key) -> bool) {
    let Some(key) = Key::from_text(text) else {
        return;
    };
    if in_use(&key) {
        return;
    }
    let path = paths.keyfile();
    let holds = |p: &Path| {
        open_key(p).is_ok_and(|mut f| {
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).is_ok() && bytes == text.as_bytes()
        })
    };
    if holds(&path) {
        if fs::remove_file(&path).is_err() {
            return;
        }
        if let Some(dir) = path.parent() {
            let _ = File::open(dir).and_then(|d| crate::platform::sync(&d));
        }
    }
    if !path.exists() {
        remove_own_backup(&paths.keyfile_backup(), text);
    }
}

/// Removes the temp files of key files that a killed run left (`..keyfile.PID.inkwell-tmp`,
/// `..keyfile.backup.PID.inkwell-tmp`): every run that writes them holds feeds.lock, as
/// the caller does, so none is in use.
fn remove_stale_temps(paths: &Paths) {
    let Ok(entries) = fs::read_dir(paths.dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("..keyfile.")
            && name.ends_with(".inkwell-tmp")
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether `auth` holds any encrypted secret.
pub fn has_secrets(auth: &Auth) -> bool {
    [&auth.username, &auth.password, &auth.token]
        .into_iter()
        .flatten()
        .any(|t| !t.is_empty())
}

/// Removes the backup this run wrote, if it still holds this run's key.
fn remove_own_backup(backup: &Path, text: &str) {
    let holds = open_key(backup).is_ok_and(|mut f| {
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).is_ok() && bytes == text.as_bytes()
    });
    if holds {
        let _ = fs::remove_file(backup);
        if let Some(dir) = backup.parent() {
            let _ = File::open(dir).and_then(|d| crate::platform::sync(&d));
        }
    }
}

fn restore_hint(paths: &Paths) -> String {
    format!(
        "restore it from the backup (cp {} {}), or add the feeds' credentials again",
        paths.keyfile_backup().display(),
        paths.keyfile().display()
    )
}

/// Puts `contents` at `path` (which must not exist) completely and durably, or not at
/// all, mode 0600: on failure nothing of it is left.
fn install(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.inkwell-tmp", std::process::id()));
    let _ = fs::remove_file(&tmp);
    let mut created = false;
    let result = write_private(&tmp, contents).and_then(|()| match fs::hard_link(&tmp, path) {
        Ok(()) => {
            created = true;
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // File systems without hard links: create-new directly (still 0600 from the start).
        Err(_) => write_private(path, contents).map(|()| created = true),
    });
    let _ = fs::remove_file(&tmp);
    let result = result.and_then(|()| crate::platform::sync(&File::open(dir)?));
    if result.is_err() && created {
        let _ = fs::remove_file(path);
    }
    result
}

/// Creates `path` (failing if it exists) with mode 0600 from its first byte, writes and
/// fsyncs it.
fn write_private(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    let result = (|| {
        #[cfg(unix)]
        {
            // The umask can only narrow the mode; make it exactly 0600.
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(fs::Permissions::from_mode(0o600))?;
        }
        file.write_all(contents)?;
        crate::platform::sync(&file)
    })();
    if result.is_err() {
        let _ = fs::remove_file(path);
    }
    result
}

#[cfg(unix)]
fn check_private(file: &File, path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let metadata = file
        .metadata()
        .map_err(|e| Error::io("read metadata of", path, e))?;
    if !metadata.is_file() {
        return Err(Error::KeyFile {
            path: path.to_path_buf(),
            problem: "it is not a regular file".into(),
            hint: "put the key file itself there".into(),
        });
    }
    let mode = metadata.permissions().mode();
    if mode & 0o066 != 0 {
        return Err(Error::InsecureKeyFile {
            path: path.to_path_buf(),
            mode: mode & 0o7777,
        });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_file: &File, _path: &Path) -> Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// From the Fernet specification's generate.json / verify.json.
    const SPEC_KEY: &str = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
    const SPEC_TOKEN: &str = "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==";

    #[test]
    fn the_spec_vector_decrypts_with_no_time_limit() {
        let key = Key::from_text(SPEC_KEY).unwrap();
        assert_eq!(key.decrypt(SPEC_TOKEN).as_deref(), Some("hello"));
    }

    #[test]
    fn a_tampered_token_or_another_key_does_not_decrypt() {
        let key = Key::from_text(SPEC_KEY).unwrap();
        // One byte of the ciphertext changed (the spec's "incorrect mac" case).
        let tampered = SPEC_TOKEN.replacen("BLLF", "BLLG", 1);
        assert_eq!(key.decrypt(&tampered), None);
        let other = Key::from_text(&Fernet::generate_key()).unwrap();
        assert_eq!(other.decrypt(SPEC_TOKEN), None);
    }

    #[test]
    fn keys_are_read_like_python_reads_them() {
        assert!(Key::from_text(&format!("{SPEC_KEY}\n")).is_some());
        assert!(Key::from_text("not a key").is_none());
        assert!(Key::from_text("").is_none());
    }

    #[test]
    fn credentials_are_encrypted_one_field_at_a_time() {
        let key = Key::from_text(SPEC_KEY).unwrap();
        let auth = Credentials::Basic {
            username: "ann".into(),
            password: "pä ss: #word".into(),
        }
        .encrypt(&key);
        assert_eq!(auth.kind, "basic");
        assert!(auth.username.as_deref().unwrap().starts_with("gAAAAA"));
        assert_eq!(
            key.decrypt(auth.username.as_deref().unwrap()).unwrap(),
            "ann"
        );
        assert_eq!(
            key.decrypt(auth.password.as_deref().unwrap()).unwrap(),
            "pä ss: #word"
        );
        assert_eq!(auth.token, None);
        assert!(key.opens(&auth));
    }

    #[test]
    fn limits_match_inkwell_cli() {
        let long = "x".repeat(MAX_PASSWORD_LEN + 1);
        let basic = |u: &str, p: &str| Credentials::Basic {
            username: u.into(),
            password: p.into(),
        };
        assert!(basic("a", "b").validate().is_ok());
        assert!(basic("", "b").validate().is_err());
        assert!(basic("a", &long).validate().is_err());
        assert!(basic("a\0", "b").validate().is_err());
        let token = |t: &str| Credentials::Bearer { token: t.into() };
        assert!(token(&long).validate().is_ok());
        assert!(token(&"x".repeat(MAX_TOKEN_LEN + 1)).validate().is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_new_key_is_private_with_a_backup_and_is_reused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::new(dir.path().join("cfg"));
        let (key, origin) = load_or_create(&paths, |_| true).unwrap();
        let text = fs::read_to_string(paths.keyfile()).unwrap();
        assert_eq!(origin, Origin::Created(text.clone()));
        assert_eq!(text.len(), 44, "{text:?}");
        assert_eq!(fs::read_to_string(paths.keyfile_backup()).unwrap(), text);
        for p in [paths.keyfile(), paths.keyfile_backup()] {
            let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", p.display());
        }
        let token = key.encrypt("secret");
        let (again, origin) = load_or_create(&paths, |_| true).unwrap();
        assert_eq!(origin, Origin::Loaded);
        assert_eq!(again.decrypt(&token).as_deref(), Some("secret"));
        let leftovers: Vec<_> = fs::read_dir(paths.dir())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_missing_key_with_a_backup_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::new(dir.path());
        fs::write(paths.keyfile_backup(), SPEC_KEY).unwrap();
        // A backup others may read is never installed, whatever it opens.
        let err = load_or_create(&paths, |_| true).err().unwrap();
        assert!(err.to_string().contains("missing"), "{err}");
        assert!(err.hint().unwrap().contains("cp "));
        assert!(!paths.keyfile().exists());
        // Nor one that does not open the stored credentials.
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(paths.keyfile_backup(), fs::Permissions::from_mode(0o600)).unwrap();
        let err = load_or_create(&paths, |_| false).err().unwrap();
        assert!(err.to_string().contains("missing"), "{err}");
        assert!(!paths.keyfile().exists());
        // One that does becomes the key.
        let (_, origin) = load_or_create(&paths, |_| true).unwrap();
        assert_eq!(origin, Origin::Restored);
        assert_eq!(fs::read_to_string(paths.keyfile()).unwrap(), SPEC_KEY);
    }
}
