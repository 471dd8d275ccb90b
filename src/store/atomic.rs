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
//! Programs that do not take our lock (editors) may save the target at any moment. The
//! caller's check that the target is unchanged runs right before step 3, but a save can
//! still land between that check and the rename. On Linux step 3 is therefore an atomic
//! exchange (`renameat2(RENAME_EXCHANGE)`): the replaced file stays reachable under the
//! temp name, is checked once more, and if it is not what was read it is swapped back, so
//! the other program's save is never lost. Where the file system cannot exchange, a
//! plain rename is used and that window (microseconds) remains.
//!
//! A symlinked target is written through: the link's final target is replaced and the
//! link stays a link. On any error the temp file is removed and the target is untouched.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::lock::LockGuard;
use crate::error::{Error, Result};

/// Mode of a file created by inkwell.
pub const NEW_FILE_MODE: u32 = 0o600;
/// Marks the tool's own temp files, so stale ones can be recognised and removed.
const TEMP_SUFFIX: &str = ".inkwell-tmp";
/// Marks the private copies `inkwell edit` and `inkwell config edit` open in an editor
/// (`.yaml` last, for the editor's syntax highlighting); removed like temp files if an
/// edit was killed.
pub const EDIT_COPY_SUFFIX: &str = ".inkwell-edit.yaml";

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

/// How closely `still_current` (see [`write`]) must look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The file's identity (device, inode, size, modification time) is enough: the
    /// replaced file gets a [`Check::Full`] look once it is out of the way.
    Quick,
    /// Byte for byte.
    Full,
}

/// Replaces the file `guard` protects with the concatenation of `pieces`, atomically and
/// durably. Only a holder of the file's lock can call it.
///
/// `still_current(path, check)` says whether the file at `path` is still the target
/// exactly as the caller read it. Where names can be exchanged (Linux), it runs right
/// before the exchange ([`Check::Quick`]) and then on the file that was actually replaced
/// ([`Check::Full`]); elsewhere it runs once, in full, right before a plain rename. If it
/// says no, the write is abandoned (`Ok(false)`) and the target is left as it was found.
pub fn replace(
    guard: &LockGuard,
    pieces: &[&[u8]],
    still_current: &mut dyn FnMut(&Path, Check) -> Result<bool>,
) -> Result<bool> {
    write(guard.target(), pieces, still_current)
}

/// Writes a file no lock guards (an export to a path the user chose) the same atomic,
/// durable way, replacing whatever is there.
pub fn write_unguarded(target: &Path, contents: &[u8]) -> Result<()> {
    write(target, &[contents], &mut |_, _| Ok(true)).map(|_| ())
}

fn write(
    target: &Path,
    pieces: &[&[u8]],
    still_current: &mut dyn FnMut(&Path, Check) -> Result<bool>,
) -> Result<bool> {
    write_pieces(target, pieces, still_current)
}

/// [`write`] of the concatenation of `pieces` (slices of the old text and the inserted
/// bytes of an edit), so that no buffer of the whole new file is built.
pub fn write_pieces(
    target: &Path,
    pieces: &[&[u8]],
    still_current: &mut dyn FnMut(&Path, Check) -> Result<bool>,
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
        .map_err(|e| Error::io("create a temp file in", &dir, without_path(e)))?;
    let tmp_path = tmp.path().to_path_buf();
    let fail = |action: &'static str| {
        let tmp_path = tmp_path.clone();
        move |e: io::Error| Error::io(action, &tmp_path, e)
    };

    set_owner_and_mode(tmp.as_file(), existing.as_ref()).map_err(fail("set permissions of"))?;
    for piece in pieces {
        tmp.as_file_mut().write_all(piece).map_err(fail("write"))?;
    }
    tmp.as_file().sync_all().map_err(fail("sync"))?;
    let ours = file_id(&tmp.as_file().metadata().map_err(fail("read metadata of"))?);
    if !still_current(&real, Check::Quick)? {
        return Ok(false);
    }
    // From here the temp name is managed by hand: after an exchange it names the old file.
    let tmp = tmp.into_temp_path();
    match swap::replace(&tmp, &real, existing.is_some()) {
        Ok(swap::Replaced::Exchanged) => {
            // `tmp` now names the file that was replaced. Was it still what was read?
            let check = still_current(&tmp, Check::Full);
            if matches!(check, Ok(true)) {
                drop(tmp);
                sync_dir(&dir).map_err(after_change)?;
                return Ok(true);
            }
            // Another program saved between the check and the exchange: give its file back.
            swap::exchange(&tmp, &real).map_err(|e| Error::io("restore", &real, e))?;
            if fs::metadata(&tmp).map(|m| file_id(&m)).ok() != Some(ours) {
                // It saved yet again over our file meanwhile: its newest save goes back in.
                swap::exchange(&tmp, &real).map_err(|e| Error::io("restore", &real, e))?;
            }
            drop(tmp);
            sync_dir(&dir)?;
            check.map(|_| false)
        }
        Ok(swap::Replaced::Created) => {
            tmp.keep()
                .map_err(|e| Error::io("replace", &real, e.error))?;
            sync_dir(&dir).map_err(after_change)?;
            Ok(true)
        }
        Ok(swap::Replaced::CannotExchange) => {
            // Nothing can be given back after a plain rename: look closely first.
            if !still_current(&real, Check::Full)? {
                return Ok(false);
            }
            fs::rename(&tmp, &real).map_err(|e| Error::io("replace", &real, e))?;
            tmp.keep()
                .map_err(|e| Error::io("replace", &real, e.error))?;
            sync_dir(&dir).map_err(after_change)?;
            Ok(true)
        }
        // A file appeared where there was none when it was read.
        Ok(swap::Replaced::NotCreated) => Ok(false),
        Err(e) => Err(Error::io("replace", &real, e)),
    }
}

fn file_id(m: &fs::Metadata) -> (u64, u64) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (m.dev(), m.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        (0, 0)
    }
}

/// Replacing one name by another: an atomic exchange where the kernel offers one.
mod swap {
    use std::io;
    use std::path::Path;

    use crate::platform;

    pub enum Replaced {
        /// The names were exchanged: the temp name now holds the replaced file.
        Exchanged,
        /// The target did not exist and was created.
        Created,
        /// The target did not exist when read, but does now: nothing was done.
        NotCreated,
        /// The target exists, and the platform or file system cannot exchange names:
        /// nothing was done, a plain rename is left to the caller.
        CannotExchange,
    }

    /// Puts `from` at `to`. `exists` says whether `to` existed when it was read.
    pub fn replace(from: &Path, to: &Path, exists: bool) -> io::Result<Replaced> {
        if exists {
            return match platform::exchange(from, to) {
                Ok(()) => Ok(Replaced::Exchanged),
                Err(e) if platform::cannot_exchange(&e) => Ok(Replaced::CannotExchange),
                Err(e) => Err(e),
            };
        }
        // Never over a file that appeared since it was read: that one is read again.
        match platform::rename_noreplace(from, to)? {
            platform::NoReplace::Renamed => Ok(Replaced::Created),
            platform::NoReplace::Exists => Ok(Replaced::NotCreated),
        }
    }

    /// Swaps the two names atomically.
    pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
        platform::exchange(a, b)
    }
}

/// tempfile appends the temp file's path to its errors; the message already names the
/// directory, and the random name means nothing to the user.
fn without_path(e: io::Error) -> io::Error {
    let text = e.to_string();
    match text.rsplit_once(" at path ") {
        Some((cause, _)) => io::Error::new(e.kind(), cause.to_string()),
        None => e,
    }
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

/// A failure once the new file is in place: the change was made.
fn after_change(e: Error) -> Error {
    Error::AfterChange { cause: Box::new(e) }
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

/// Removes temp files (and editor copies) that an earlier, killed inkwell process left
/// next to the file `guard` protects. Holding the lock is what makes this safe: no live
/// inkwell process is writing one.
pub fn remove_stale_temps(guard: &LockGuard) -> Result<usize> {
    let real = resolve(guard.target())?;
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
            && (file_name.ends_with(TEMP_SUFFIX) || file_name.ends_with(EDIT_COPY_SUFFIX))
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

    /// Replaces `target` under a lock kept in a directory of its own, so that the
    /// target's directory holds only what `replace` leaves there.
    fn locked_write(
        target: &Path,
        contents: &[u8],
        check: &mut dyn FnMut(&Path, Check) -> Result<bool>,
    ) -> Result<bool> {
        let locks = tempfile::tempdir().unwrap();
        let guard = lock(target, &locks);
        replace(&guard, &[contents], check)
    }

    fn lock(target: &Path, locks: &tempfile::TempDir) -> LockGuard {
        let lock = locks.path().join("feeds.lock");
        super::super::lock::acquire(target, &lock, std::time::Duration::ZERO, &|_| {}).unwrap()
    }

    #[test]
    fn pieces_are_written_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("feeds.yaml");
        let locks = tempfile::tempdir().unwrap();
        let guard = lock(&target, &locks);
        assert!(
            replace(&guard, &[b"feeds:\n", b"", b"  a: {}\n"], &mut |_, _| Ok(
                true
            ))
            .unwrap()
        );
        assert_eq!(fs::read(&target).unwrap(), b"feeds:\n  a: {}\n");
    }

    fn mode(p: &Path) -> u32 {
        fs::metadata(p).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn new_files_are_private_and_existing_modes_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("feeds.yaml");
        assert!(locked_write(&target, b"a", &mut |_, _| Ok(true)).unwrap());
        assert_eq!(mode(&target), 0o600);
        fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
        locked_write(&target, b"b", &mut |_, _| Ok(true)).unwrap();
        assert_eq!(mode(&target), 0o640);
        assert_eq!(fs::read(&target).unwrap(), b"b");
    }

    #[test]
    fn a_missing_directory_is_named_once_without_temp_names() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("missing/feeds.yaml");
        let err = locked_write(&target, b"x", &mut |_, _| Ok(true))
            .unwrap_err()
            .to_string();
        assert!(err.contains("missing: No such file or directory"), "{err}");
        assert!(!err.contains("inkwell-tmp"), "{err}");
    }

    #[test]
    fn symlinks_are_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.yaml");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("feeds.yaml");
        std::os::unix::fs::symlink("real.yaml", &link).unwrap();
        locked_write(&link, b"new", &mut |_, _| Ok(true)).unwrap();
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
        assert!(!locked_write(&target, b"new", &mut |_, _| Ok(false)).unwrap());
        assert_eq!(fs::read(&target).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// The window between the caller's last check and the replace: another program's save
    /// that lands there is given back, not overwritten.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_save_landing_after_the_last_check_is_given_back() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("feeds.yaml");
        fs::write(&target, "old").unwrap();
        let editor_tmp = dir.path().join("editor.swp");
        let mut calls = 0;
        let mut check = |p: &Path, _| {
            calls += 1;
            if calls == 1 {
                // The check passes, then an editor saves by rename before we replace.
                fs::write(&editor_tmp, "editor").unwrap();
                fs::rename(&editor_tmp, &target).unwrap();
                return Ok(true);
            }
            Ok(fs::read(p).unwrap() == b"old")
        };
        assert!(!locked_write(&target, b"ours", &mut check).unwrap());
        assert_eq!(calls, 2, "the replaced file was checked");
        assert_eq!(fs::read(&target).unwrap(), b"editor");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp left");
    }

    /// A feeds.yaml that did not exist when it was read, but does by the time the new one
    /// is put in place (a `git checkout` writing it): it is not replaced, and the caller
    /// redoes its change on it.
    #[test]
    fn a_file_appearing_after_the_read_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("feeds.yaml");
        let mut check = |p: &Path, _| {
            if !p.exists() {
                fs::write(p, "theirs").unwrap();
            }
            Ok(true)
        };
        assert!(!locked_write(&target, b"ours", &mut check).unwrap());
        assert_eq!(fs::read(&target).unwrap(), b"theirs");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp left");
    }

    #[test]
    fn stale_temps_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("feeds.yaml");
        fs::write(dir.path().join(".feeds.yaml.abc123.inkwell-tmp"), "x").unwrap();
        fs::write(dir.path().join(".feeds.yaml.abc123.inkwell-edit.yaml"), "x").unwrap();
        fs::write(dir.path().join(".feeds.yaml.tmp"), "not ours").unwrap();
        fs::write(dir.path().join("feeds.lock"), "").unwrap();
        let locks = tempfile::tempdir().unwrap();
        assert_eq!(remove_stale_temps(&lock(&target, &locks)).unwrap(), 2);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
