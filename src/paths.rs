//! Where inkwell's files live. The config directory comes from `--config-dir`, then
//! `$INKWELL_CONFIG_DIR`, then the platform's config directory, the same one inkwell-cli
//! uses. Nothing else in the crate decides a path. `$INKWELL_LOCK_TIMEOUT` is read here
//! too, so that clap never sees a value from the environment (it would show such a value
//! in usage lines as if it had been typed).

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

impl Paths {
    /// Uses `dir` when given, else `<platform config dir>/inkwell`
    /// (Linux: `$XDG_CONFIG_HOME/inkwell` or `~/.config/inkwell`).
    pub fn resolve(dir: Option<PathBuf>) -> Result<Paths> {
        let from_env = || std::env::var_os("INKWELL_CONFIG_DIR").filter(|v| !v.is_empty());
        if let Some(dir) = dir.or_else(|| from_env().map(PathBuf::from)) {
            return Ok(Paths { dir });
        }
        let base = directories::BaseDirs::new().ok_or_else(|| Error::InvalidValue {
            what: "config directory".into(),
            reason: "no home directory is known; pass --config-dir DIR or set INKWELL_CONFIG_DIR"
                .into(),
        })?;
        Ok(Paths {
            dir: base.config_dir().join("inkwell"),
        })
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

    /// Creates the config directory (mode 0700) if it does not exist yet.
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
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(&self.dir)
            .map_err(|e| Error::io("create config directory", &self.dir, e))
    }
}
