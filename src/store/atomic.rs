//! The atomic, durable write: readers see the old file or the new one, never a mix, and
//! once `write` returns the new file survives a crash.
//!
//! Order (each step is needed for durability):
//! 1. write a temp file in the target's own directory (same file system, so rename is atomic),
//!    with the target's permission bits (0600 for a new file: it can hold credentials);
//! 2. fsync the temp file, so its data is on disk before any name points at it;
//! 3. rename it over the target (atomic replace);
//! 4. fsync the directory, so the rename itself is on disk.
//!
//! A symlinked target is written through: the link's final target is replaced and the
//! link stays a link. On any error the temp file is removed and the target is untouched.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Mode of a file created by inkwell.
pub const NEW_FILE_MODE: u32 = 0o600;
/// Marks the tool's own temp files, so stale ones can be recognised and removed.
const TEMP_SUFFIX: &str = ".inkwell-tmp";

/// Follows symlinks from `path` to the file that is really written.
pub fn resolve(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let target =
                    fs::read_link(&current).map_err(|e| Error::io("read symlink", &current, e))?;
                current = match current.parent() {
                    Some(parent) => parent.join(target),
                    None => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(Error::io(
        "resolve",
        path,
        io::Error::other("too many levels of symbolic links"),
    ))
}

/// Writes `contents` to `target` atomically and durably.
///
/// `still_current` runs after the temp file is on disk and right before the rename; if it
/// returns `false` the write is abandoned (`Ok(false)`) and the target is untouched.
pub fn write(
    target: &Path,
    contents: &[u8],
    still_current: &mut dyn FnMut() -> Result<bool>,
) -> Result<bool> {
    let real = resolve(target)?;
    let dir = match real.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let existing = match fs::metadata(&real) {
        Ok(m) if m.is_dir() => {
            return Err(Error::io(
                "write",
                &real,
                io::Error::new(io::ErrorKind::IsADirectory, "it is a directory"),
            ));
        }
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io("read metadata of", &real, e)),
    };

    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)
        .map_err(|e| Error::io("create a temp file in", &dir, e))?;
    let tmp_path = tmp.path().to_path_buf();
    let fail = |action: &'static str| {
        let tmp_path = tmp_path.clone();
        move |e: io::Error| Error::io(action, &tmp_path, e)
    };

    set_owner_and_mode(tmp.as_file(), existing.as_ref()).map_err(fail("set permissions of"))?;
    tmp.write_all(contents).map_err(fail("write"))?;
    tmp.as_file().sync_all().map_err(fail("sync"))?;
    if !still_current()? {
        return Ok(false);
    }
    tmp.persist(&real)
        .map_err(|e| Error::io("replace", &real, e.error))?;
    sync_dir(&dir)?;
    Ok(true)
}

#[cfg(unix)]
fn set_owner_and_mode(file: &File, existing: Option<&fs::Metadata>) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let mode = existing.map_or(NEW_FILE_MODE, |m| m.mode() & 0o7777);
    // Keep the owner when root edits someone else's file; only root may chown.
    if let Some(m) = existing {
        let mine = file.metadata()?;
        if (mine.uid(), mine.gid()) != (m.uid(), m.gid()) {
            let _ = std::os::unix::fs::fchown(file, Some(m.uid()), Some(m.gid()));
        }
    }
    // Set explicitly: a mode passed at creation would be narrowed by the umask.
    file.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_owner_and_mode(_file: &File, _existing: Option<&fs::Metadata>) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io("sync directory", dir, e))
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> Result<()> {
    Ok(())
}

/// Removes temp files that an earlier, killed inkwell process left next to `target`.
/// Only call this while holding the lock: then no live process is writing one.
pub fn remove_stale_temps(target: &Path) -> Result<usize> {
    let real = resolve(target)?;
    let (Some(dir), Some(name)) = (real.parent(), real.file_name()) else {
        return Ok(0);
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(0);
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if file_name.starts_with(&prefix)
            && file_name.ends_with(TEMP_SUFFIX)
            && entry.file_type().is_ok_and(|t| t.is_file())
            && fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        fs::metadata(p).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn new_files_are_private_and_existing_modes_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("feeds.yaml");
        assert!(write(&target, b"a", &mut || Ok(true)).unwrap());
        assert_eq!(mode(&target), 0o600);
        fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
        write(&target, b"b", &mut || Ok(true)).unwrap();
        assert_eq!(mode(&target), 0o640);
        assert_eq!(fs::read(&target).unwrap(), b"b");
    }

    #[test]
    fn symlinks_are_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.yaml");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("feeds.yaml");
        std::os::unix::fs::symlink("real.yaml", &link).unwrap();
        write(&link, b"new", &mut || Ok(true)).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn an_abandoned_write_leaves_the_target_and_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("feeds.yaml");
        fs::write(&target, "old").unwrap();
        assert!(!write(&target, b"new", &mut || Ok(false)).unwrap());
        assert_eq!(fs::read(&target).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn stale_temps_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("feeds.yaml");
        fs::write(dir.path().join(".feeds.yaml.abc123.inkwell-tmp"), "x").unwrap();
        fs::write(dir.path().join(".feeds.yaml.tmp"), "not ours").unwrap();
        fs::write(dir.path().join("feeds.lock"), "").unwrap();
        assert_eq!(remove_stale_temps(&target).unwrap(), 1);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
