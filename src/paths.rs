//! Where inkwell's files live. The config directory comes from `--config-dir`, then
//! `$INKWELL_CONFIG_DIR`, then the directory inkwell-cli uses: platformdirs'
//! `user_config_dir("inkwell")` (checked against platformdirs 4.14's source). Nothing
//! else in the crate decides a path. `$INKWELL_LOCK_TIMEOUT` is read here too, so that
//! clap never sees a value from the environment (it would show such a value in usage
//! lines as if it had been typed). It is the one reader of the environment: the editor
//! (`$VISUAL`, `$EDITOR`), colour (`$NO_COLOR`, `$TERM`) and audit.log's user and host
//! are read here as well.
//!
//! | platform | directory |
//! | --- | --- |
//! | Linux, BSD | `$XDG_CONFIG_HOME/inkwell` if absolute, else `~/.config/inkwell` |
//! | macOS | `$XDG_CONFIG_HOME/inkwell` if absolute (platformdirs ≥ 4.6), else `~/Library/Application Support/inkwell` |
//! | Windows | `%LOCALAPPDATA%\inkwell` (`%WIN_PD_OVERRIDE_LOCAL_APPDATA%` first, as platformdirs) |

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// `$INKWELL_LOCK_TIMEOUT` in seconds, if set (and not empty); a bad value is a usage
/// error.
pub fn lock_timeout_from_env() -> Result<Option<f64>> {
    let Some(raw) = std::env::var_os("INKWELL_LOCK_TIMEOUT").filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    crate::cli::parse_seconds(&raw.to_string_lossy())
        .map(Some)
        .map_err(|reason| Error::Usage {
            message: format!("invalid value in INKWELL_LOCK_TIMEOUT: {reason}"),
        })
}

#[derive(Debug, Clone)]
pub struct Paths {
    dir: PathBuf,
}

/// The platform families whose config directories differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    Unix,
    MacOs,
    Windows,
}

impl Os {
    pub const CURRENT: Os = if cfg!(target_os = "macos") {
        Os::MacOs
    } else if cfg!(windows) {
        Os::Windows
    } else {
        Os::Unix
    };
}

/// platformdirs' `user_config_dir("inkwell", appauthor=False)` on `os`, with `env` as the
/// environment and `passwd_home` the user's home in the password database (what
/// os.path.expanduser falls back to when HOME is unset, empty or relative). `None` when
/// no absolute directory is known.
pub fn platform_config_dir(
    os: Os,
    env: impl Fn(&str) -> Option<OsString>,
    passwd_home: impl Fn() -> Option<PathBuf>,
) -> Option<PathBuf> {
    let set = |name: &str| env(name).filter(|v| !v.is_empty());
    let absolute_posix = |v: &OsString| v.to_string_lossy().starts_with('/');
    match os {
        Os::Unix | Os::MacOs => {
            if let Some(xdg) = set("XDG_CONFIG_HOME").filter(absolute_posix) {
                return Some(PathBuf::from(xdg).join("inkwell"));
            }
            let home = match set("HOME").filter(absolute_posix) {
                Some(home) => PathBuf::from(home),
                None => passwd_home().filter(|h| absolute_posix(&h.clone().into_os_string()))?,
            };
            Some(match os {
                Os::MacOs => home.join("Library/Application Support/inkwell"),
                _ => home.join(".config/inkwell"),
            })
        }
        Os::Windows => {
            let base = set("WIN_PD_OVERRIDE_LOCAL_APPDATA")
                .map(|v| v.to_string_lossy().trim().to_string())
                .filter(|v| windows_absolute(v))
                .or_else(|| set("LOCALAPPDATA").map(|v| v.to_string_lossy().into_owned()))
                .or_else(|| {
                    set("USERPROFILE").map(|p| format!("{}\\AppData\\Local", p.to_string_lossy()))
                })?;
            Some(PathBuf::from(format!(
                "{}\\inkwell",
                base.trim_end_matches(['\\', '/'])
            )))
        }
    }
}

/// `C:\...` or `\\server\share...`: what Windows calls fully qualified.
fn windows_absolute(p: &str) -> bool {
    let b = p.as_bytes();
    (b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/'))
        || p.starts_with("\\\\")
}

/// `$USER` and `$HOSTNAME`, then `$COMPUTERNAME`, as inkwell-cli records them in
/// audit.log (empty values count as unset).
pub fn audit_identity() -> (Option<String>, Option<String>) {
    let get = |v: &str| std::env::var(v).ok().filter(|s| !s.is_empty());
    (get("USER"), get("HOSTNAME").or_else(|| get("COMPUTERNAME")))
}

/// The editor the user chose: `$VISUAL`, then `$EDITOR` (blank values count as unset).
pub fn editor_from_env() -> Option<String> {
    let get = |v: &str| std::env::var(v).ok().filter(|e| !e.trim().is_empty());
    get("VISUAL").or_else(|| get("EDITOR"))
}

/// Whether the environment turns colour off: `$NO_COLOR` set and not empty, or a
/// `dumb` terminal.
pub fn no_color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
        || std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

impl Paths {
    /// Uses `dir` when given, then `$INKWELL_CONFIG_DIR`, else inkwell-cli's directory ([`platform_config_dir`]).
    pub fn resolve(dir: Option<PathBuf>) -> Result<Paths> {
        let from_env = || std::env::var_os("INKWELL_CONFIG_DIR").filter(|v| !v.is_empty());
        if let Some(dir) = dir.or_else(|| from_env().map(PathBuf::from)) {
            return Ok(Paths { dir });
        }
        let dir = platform_config_dir(
            Os::CURRENT,
            |v| std::env::var_os(v),
            crate::platform::passwd_home,
        )
        .ok_or_else(|| {
            Error::InvalidValue {
                what: "config directory".into(),
                reason: "no home directory is known (HOME, or LOCALAPPDATA on Windows, is unset or relative, and the password database has none); pass --config-dir DIR or set INKWELL_CONFIG_DIR".into(),
            }
        })?;
        Ok(Paths { dir })
    }

    pub fn new(dir: impl Into<PathBuf>) -> Paths {
        Paths { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn feeds(&self) -> PathBuf {
        self.dir.join("feeds.yaml")
    }

    /// The sidecar lock inkwell-cli also takes: never feeds.yaml itself, which is replaced
    /// by rename on every write.
    pub fn feeds_lock(&self) -> PathBuf {
        self.dir.join("feeds.lock")
    }

    /// The Fernet key that encrypts feed credentials, as inkwell-cli names it.
    pub fn keyfile(&self) -> PathBuf {
        self.dir.join(".keyfile")
    }

    /// The copy of the key inkwell-cli writes next to it when the key is created.
    pub fn keyfile_backup(&self) -> PathBuf {
        self.dir.join(".keyfile.backup")
    }

    /// inkwell-cli's global settings.
    pub fn config(&self) -> PathBuf {
        self.dir.join("config.yaml")
    }

    /// The sidecar lock for config.yaml, for the same reason as `feeds.lock`.
    pub fn config_lock(&self) -> PathBuf {
        self.dir.join("config.lock")
    }

    /// One JSON line per change, in inkwell-cli's format.
    pub fn audit_log(&self) -> PathBuf {
        self.dir.join("audit.log")
    }

    /// Creates the config directory (mode 0700) and any missing ancestors if it does not
    /// exist yet, and makes their names durable: each created directory and the parent of
    /// the outermost one are fsynced, so a first write's file is not lost with its
    /// directory in a crash.
    pub fn ensure_dir(&self) -> Result<()> {
        match fs::metadata(&self.dir) {
            Ok(m) if m.is_dir() => return Ok(()),
            Ok(_) => {
                return Err(Error::io(
                    "use config directory",
                    &self.dir,
                    std::io::Error::new(
                        std::io::ErrorKind::NotADirectory,
                        "it exists and is not a directory",
                    ),
                ));
            }
            Err(_) => {}
        }
        // The missing directories, innermost first.
        let mut missing = Vec::new();
        let mut dir = self.dir.as_path();
        while !dir.as_os_str().is_empty() && fs::symlink_metadata(dir).is_err() {
            missing.push(dir);
            dir = dir.parent().unwrap_or(Path::new(""));
        }
        if missing.is_empty() {
            // The name exists but leads nowhere (a dangling symlink): creating it says so.
            missing.push(self.dir.as_path());
        }
        let existing_parent = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let mut builder = fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        for d in missing.iter().rev() {
            match builder.create(d) {
                Ok(()) => {}
                // Created meanwhile by another process: fine.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && d.is_dir() => {}
                Err(e) => return Err(Error::io("create config directory", d, e)),
            }
        }
        for d in missing.iter().copied().chain([existing_parent]) {
            sync_dir(d)?;
        }
        Ok(())
    }

    /// Why other users could change files in the config directory, if they can: it is
    /// world-writable (sticky or not: the sticky bit does not keep them from creating the
    /// files that are not there yet, such as `.keyfile`), or owned by another user than
    /// the one running inkwell. `None` when it does not exist (inkwell creates it private).
    pub fn exposure(&self) -> Option<String> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let m = fs::metadata(&self.dir).ok()?;
            if m.mode() & 0o002 != 0 {
                return Some(format!(
                    "is world-writable (mode {:04o})",
                    m.mode() & 0o7777
                ));
            }
            let me = crate::platform::effective_uid();
            if m.uid() != me {
                return Some(format!(
                    "is owned by another user (uid {}; you are uid {me})",
                    m.uid()
                ));
            }
            None
        }
        #[cfg(not(unix))]
        None
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> Result<()> {
    fs::File::open(dir)
        .and_then(|d| crate::platform::sync(&d))
        .map_err(|e| Error::io("sync directory", dir, e))
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    fn dir(os: Os, vars: &[(&str, &str)]) -> Option<String> {
        dir_with_passwd(os, vars, None)
    }

    fn dir_with_passwd(os: Os, vars: &[(&str, &str)], passwd: Option<&str>) -> Option<String> {
        platform_config_dir(os, env(vars), || passwd.map(PathBuf::from))
            .map(|p| p.to_string_lossy().into_owned())
    }

    // platformdirs expands `~` as os.path.expanduser does: HOME, or where HOME is unset,
    // empty or relative, the home directory of the user in the password database.
    #[test]
    fn without_an_absolute_home_the_password_database_has_it_as_for_platformdirs() {
        for vars in [&[][..], &[("HOME", "")], &[("HOME", "relative")]] {
            assert_eq!(
                dir_with_passwd(Os::Unix, vars, Some("/home/pw")).unwrap(),
                "/home/pw/.config/inkwell"
            );
            assert_eq!(
                dir_with_passwd(Os::MacOs, vars, Some("/Users/pw")).unwrap(),
                "/Users/pw/Library/Application Support/inkwell"
            );
            assert_eq!(dir_with_passwd(Os::Unix, vars, Some("rel")), None);
            assert_eq!(dir_with_passwd(Os::Unix, vars, None), None);
        }
        assert_eq!(
            dir_with_passwd(Os::Unix, &[("HOME", "/home/ann")], Some("/home/pw")).unwrap(),
            "/home/ann/.config/inkwell",
            "HOME first"
        );
        assert_eq!(
            dir_with_passwd(Os::Unix, &[("XDG_CONFIG_HOME", "/x")], Some("/home/pw")).unwrap(),
            "/x/inkwell"
        );
    }

    #[test]
    fn linux_uses_xdg_config_home_when_absolute_else_dot_config() {
        let home = ("HOME", "/home/ann");
        assert_eq!(dir(Os::Unix, &[home]).unwrap(), "/home/ann/.config/inkwell");
        assert_eq!(
            dir(Os::Unix, &[home, ("XDG_CONFIG_HOME", "/xdg")]).unwrap(),
            "/xdg/inkwell"
        );
        // platformdirs ignores a relative or empty XDG_CONFIG_HOME.
        for xdg in ["rel/dir", ""] {
            assert_eq!(
                dir(Os::Unix, &[home, ("XDG_CONFIG_HOME", xdg)]).unwrap(),
                "/home/ann/.config/inkwell"
            );
        }
        assert_eq!(
            dir(Os::Unix, &[("HOME", "relative")]),
            None,
            "and no passwd entry"
        );
        assert_eq!(dir(Os::Unix, &[]), None);
    }

    #[test]
    fn macos_honours_xdg_config_home_like_platformdirs_4_6_and_later() {
        let home = ("HOME", "/Users/ann");
        assert_eq!(
            dir(Os::MacOs, &[home]).unwrap(),
            "/Users/ann/Library/Application Support/inkwell"
        );
        assert_eq!(
            dir(
                Os::MacOs,
                &[home, ("XDG_CONFIG_HOME", "/Users/ann/.config")]
            )
            .unwrap(),
            "/Users/ann/.config/inkwell"
        );
    }

    #[test]
    fn windows_uses_local_appdata_not_roaming() {
        let vars = [
            ("APPDATA", r"C:\Users\ann\AppData\Roaming"),
            ("LOCALAPPDATA", r"C:\Users\ann\AppData\Local"),
            ("XDG_CONFIG_HOME", "/ignored"),
        ];
        assert_eq!(
            dir(Os::Windows, &vars).unwrap(),
            r"C:\Users\ann\AppData\Local\inkwell"
        );
        assert_eq!(
            dir(
                Os::Windows,
                &[
                    ("LOCALAPPDATA", r"C:\L"),
                    ("WIN_PD_OVERRIDE_LOCAL_APPDATA", r"D:\Over\")
                ]
            )
            .unwrap(),
            r"D:\Over\inkwell"
        );
        // A relative override is ignored, as platformdirs ignores it.
        assert_eq!(
            dir(
                Os::Windows,
                &[
                    ("LOCALAPPDATA", r"C:\L"),
                    ("WIN_PD_OVERRIDE_LOCAL_APPDATA", "rel")
                ]
            )
            .unwrap(),
            r"C:\L\inkwell"
        );
        assert_eq!(
            dir(Os::Windows, &[("USERPROFILE", r"C:\Users\bo")]).unwrap(),
            r"C:\Users\bo\AppData\Local\inkwell"
        );
    }
}
