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
//! Step 4 runs once the lock is released ([`Held::release`]), before the command reports
//! success: the next writer, who reads the new file, need not wait for it. A crash before
//! it loses only changes that were never reported: a later writer's file holds this
//! change too, and that writer syncs the directory itself before it reports.
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
//!
//! Only a regular file (or nothing) is replaced: a device, FIFO, socket or directory in
//! the target's place is [`Error::NotRegularFile`]. The new file keeps the old one's
//! protection: owner, mode, then every extended attribute (on Linux the POSIX ACL is
//! one), in that order because setting an ACL sets the group bits to its mask. If one
//! cannot be copied the write is refused ([`Error::ProtectionNotKept`]) rather than
//! widen or drop access. A file the user may not write is refused too
//! ([`Error::NotWritable`]), though the directory would let it be replaced, and so is
//! one whose owner the new file cannot get (anyone but root can give the new file only
//! their own uid and one of their groups): it would silently become the user's. Hard links
//! cannot survive: the new file is a new inode, other links keep the old content.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::lock::LockGuard;
use super::snapshot;
use crate::error::{Error, Result};
#[cfg(unix)]
use crate::platform;

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

/// What [`replace`] did.
#[must_use]
pub enum Outcome {
    /// The new file is in place. The lock stays held until `held` is released, so that
    /// the audit record is written under it; the release makes the rename durable.
    Replaced { held: Held },
    /// The file is no longer what the caller read: nothing was written, and the lock is
    /// handed back to redo the change on what is there now.
    Stale(LockGuard),
}

/// The lock after its one replace: held until [released](Held::release), and it replaces
/// nothing more.
#[must_use = "the rename is durable only once `release` returns"]
pub struct Held {
    guard: LockGuard,
    /// The directory whose entry the rename changed, or the failure that came after the
    /// new file was in place (another program's save could not be given back).
    then: std::result::Result<PathBuf, Error>,
}

impl Held {
    /// Releases the lock, then syncs the directory (step 4), so that the rename is on
    /// disk. A failure here comes after the change ([`Error::AfterChange`]): the new file
    /// is in place, and other processes may already have read it.
    pub fn release(self) -> Result<()> {
        drop(self.guard);
        sync_dir(&self.then?).map_err(after_change)
    }
}

/// Replaces the file `guard` protects with the concatenation of `pieces`, atomically and
/// durably. It takes the guard: only a holder of the file's lock can replace the file,
/// and only once per read of it.
///
/// `still_current(path, check)` says whether the file at `path` is still the target
/// exactly as the caller read it. Where names can be exchanged (Linux), it runs right
/// before the exchange ([`Check::Quick`]) and then on the file that was actually replaced
/// ([`Check::Full`]); elsewhere it runs once, in full, right before a plain rename. If it
/// says no, the write is abandoned ([`Outcome::Stale`]) and the target is left as it was
/// found.
pub fn replace(
    guard: LockGuard,
    pieces: &[&[u8]],
    still_current: &mut dyn FnMut(&Path, Check) -> Result<bool>,
) -> Result<Outcome> {
    let then = match write_pieces(guard.target(), pieces, still_current) {
        Ok(Some(dir)) => Ok(dir),
        Ok(None) => return Ok(Outcome::Stale(guard)),
        Err(e @ Error::AfterChange { .. }) => Err(e),
        Err(e) => return Err(e),
    };
    Ok(Outcome::Replaced {
        held: Held { guard, then },
    })
}

/// Writes a file no lock guards (an export to a path the user chose, a merge driver's
/// result) the same atomic, durable way, replacing whatever is there.
pub fn write_unguarded(target: &Path, contents: &[u8]) -> Result<()> {
    match write_pieces(target, &[contents], &mut |_, _| Ok(true))? {
        Some(dir) => sync_dir(&dir).map_err(after_change),
        None => Ok(()),
    }
}

/// The write of the concatenation of `pieces` (slices of the old text and the inserted
/// bytes of an edit), so that no buffer of the whole new file is built. Steps 1 to 3:
/// returns the directory to sync (step 4) once the new file is in place, `None` if the
/// target was not what was read and nothing was replaced.
fn write_pieces(
    target: &Path,
    pieces: &[&[u8]],
    still_current: &mut dyn FnMut(&Path, Check) -> Result<bool>,
) -> Result<Option<PathBuf>> {
    let real = resolve(target)?;
    let dir = match real.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let existing = replaceable(target, &real)?;

    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // `_owner` keeps the temp file's flock until the write is over, rename included.
    let (mut tmp, _owner) = owned_temp(&dir, &name)?;
    let tmp_path = tmp.path().to_path_buf();
    let fail = |action: &'static str| {
        let tmp_path = tmp_path.clone();
        move |e: io::Error| Error::io(action, &tmp_path, e)
    };

    keep_protection(tmp.as_file(), &tmp_path, &real, existing.as_ref())?;
    for piece in pieces {
        tmp.as_file_mut().write_all(piece).map_err(fail("write"))?;
    }
    crate::platform::sync(tmp.as_file()).map_err(fail("sync"))?;
    let ours = file_id(&tmp.as_file().metadata().map_err(fail("read metadata of"))?);
    if !still_current(&real, Check::Quick)? {
        return Ok(None);
    }
    // From here the temp name is managed by hand: after an exchange it names the old file.
    let tmp = tmp.into_temp_path();
    match swap::replace(&tmp, &real, existing.is_some()) {
        Ok(swap::Replaced::Exchanged) => {
            // `tmp` now names the file that was replaced. Was it still what was read?
            let check = still_current(&tmp, Check::Full);
            if matches!(check, Ok(true)) {
                drop(tmp);
                return Ok(Some(dir));
            }
            // Another program saved between the check and the exchange: give its file back.
            if let Err(e) = swap::exchange(&tmp, &real) {
                // Our file is live and its save is under the temp name: keep that.
                return Err(after_change(other_save_kept(tmp, &real, e)));
            }
            if fs::metadata(&tmp).map(|m| file_id(&m)).ok() != Some(ours) {
                // It saved yet again over our file meanwhile: its newest save goes back in.
                if let Err(e) = swap::exchange(&tmp, &real) {
                    // Our file is gone; its earlier save is live, its newest kept.
                    return Err(other_save_kept(tmp, &real, e));
                }
            }
            drop(tmp);
            sync_dir(&dir)?;
            check.map(|_| None)
        }
        Ok(swap::Replaced::Created) => {
            tmp.keep()
                .map_err(|e| Error::io("replace", &real, e.error))?;
            Ok(Some(dir))
        }
        Ok(swap::Replaced::CannotExchange) => {
            // Nothing can be given back after a plain rename: look closely first.
            if !still_current(&real, Check::Full)? {
                return Ok(None);
            }
            crate::platform::retrying(|| fs::rename(&tmp, &real))
                .map_err(|e| Error::io("replace", &real, e))?;
            tmp.keep()
                .map_err(|e| Error::io("replace", &real, e.error))?;
            Ok(Some(dir))
        }
        // A file appeared where there was none when it was read.
        Ok(swap::Replaced::NotCreated) => Ok(None),
        Err(e) => Err(Error::io("replace", &real, e)),
    }
}

/// Checks up front that `target` may be replaced (see [`write`]): it is a regular file
/// the user may write, or absent. A transaction calls it before computing its change, so
/// that `inkwell edit` says so before the editor opens.
pub fn check_replaceable(target: &Path) -> Result<()> {
    replaceable(target, &resolve(target)?).map(|_| ())
}

/// The metadata of `real` (what `target` resolves to) if it is a regular file the user
/// may write; `None` if nothing is there.
fn replaceable(target: &Path, real: &Path) -> Result<Option<fs::Metadata>> {
    match fs::metadata(real) {
        Ok(m) if !m.is_file() => Err(snapshot::not_regular(target, &m)),
        Ok(m) => {
            check_writable(target, real, &m)?;
            Ok(Some(m))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("read metadata of", real, e)),
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

/// Creates the temp file of a write in `dir`, with an exclusive flock on it that the
/// returned duplicate handle holds until it is dropped: [`remove_stale_temps`] removes
/// only temp files whose flock it can take, so never one a live process is writing,
/// whatever lock that process holds. If a clean-up removed the new file between its
/// creation and the flock, another is made.
fn owned_temp(dir: &Path, name: &str) -> Result<(tempfile::NamedTempFile, Option<File>)> {
    let mut attempts = 0;
    loop {
        attempts += 1;
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(TEMP_SUFFIX)
            .tempfile_in(dir)
            .map_err(|e| Error::io("create a temp file in", dir, without_path(e)))?;
        #[cfg(not(unix))]
        return Ok((tmp, None));
        #[cfg(unix)]
        {
            let fail = |e| Error::io("lock", tmp.path(), e);
            let owner = tmp.as_file().try_clone().map_err(fail)?;
            // Blocks only while a clean-up holds it, for the moment it takes to remove it.
            crate::platform::lock_exclusive(&owner, true).map_err(fail)?;
            let ours = file_id(&owner.metadata().map_err(fail)?);
            let named = fs::symlink_metadata(tmp.path()).map(|m| file_id(&m));
            if named.is_ok_and(|id| id == ours) {
                return Ok((tmp, Some(owner)));
            }
            if attempts >= 10 {
                return Err(Error::io(
                    "create a temp file in",
                    dir,
                    io::Error::other("another process keeps removing the temp files there"),
                ));
            }
            // Removed already: forget it without touching the name.
            let _ = tmp.into_temp_path().keep();
        }
    }
}

/// Removes the temp file at `path` if no live process owns it: if its flock can be taken
/// at once (the writer holds it until its rename). It is opened without following a
/// symlink and without blocking, and removed only if the name still leads to it.
#[cfg(unix)]
fn remove_if_unowned(path: &Path) -> bool {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    let Ok(file) = crate::platform::no_follow_nonblocking(&mut options).open(path) else {
        return false;
    };
    if !matches!(crate::platform::lock_exclusive(&file, false), Ok(true)) {
        return false;
    }
    let same = match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => b.is_file() && file_id(&a) == file_id(&b),
        _ => false,
    };
    same && fs::remove_file(path).is_ok()
}

#[cfg(not(unix))]
fn remove_if_unowned(path: &Path) -> bool {
    fs::remove_file(path).is_ok()
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

/// Refuses to replace `real` (reached through `path`) if the user may not write it: the
/// directory would let the file be replaced, and so taken over, by someone it denies.
/// For anyone but root this is the kernel's answer (mode, owner, groups, ACL); root may
/// write any file, except one without any write permission (`chmod a-w`), which root too
/// must make writable first, as in an editor.
#[cfg(unix)]
fn check_writable(path: &Path, real: &Path, m: &fs::Metadata) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let me = platform::effective_uid();
    let mode = m.mode() & 0o7777;
    let detail = if me == 0 {
        if mode & 0o222 != 0 {
            return Ok(());
        }
        format!(
            "the file is read-only for everyone (mode {mode:04o}, owner uid {}), which inkwell respects as root too",
            m.uid()
        )
    } else {
        // Anything but a plain "no" (a read-only file system) is left to the write,
        // which reports it.
        if !platform::may_write(real).is_ok_and(|w| !w) {
            if m.uid() != me {
                // Writable, but the new file could not be given back to its owner: said
                // here, before any work (an editor session), not only at the write.
                return Err(owner_not_kept(
                    path,
                    (m.uid(), m.gid()),
                    (me, m.gid()),
                    None,
                ));
            }
            return Ok(());
        }
        format!(
            "the file is not writable by you (mode {mode:04o}, owner uid {}, you are uid {me})",
            m.uid()
        )
    };
    let hint = if m.uid() == me {
        "if it should change, make it writable (`chmod u+w` on it), then retry".to_string()
    } else if me == 0 {
        "if it should change, make it writable (`chmod u+w` on it; its owner is kept), then retry"
            .to_string()
    } else {
        format!(
            "it belongs to uid {}: run inkwell as that user, or have the owner (or root) give you write access (`chmod`, `setfacl`) or the file (`chown`)",
            m.uid()
        )
    };
    Err(Error::NotWritable {
        path: path.to_path_buf(),
        detail,
        hint,
    })
}

#[cfg(not(unix))]
fn check_writable(path: &Path, _real: &Path, m: &fs::Metadata) -> Result<()> {
    if m.permissions().readonly() {
        return Err(Error::NotWritable {
            path: path.to_path_buf(),
            detail: "the file is marked read-only".into(),
            hint: "clear its read-only attribute, then retry".into(),
        });
    }
    Ok(())
}

/// Gives the temp file `file` (at `tmp_path`) the protection of the file `real` it
/// replaces (`existing`): owner, mode, then every extended attribute, ACLs included, in
/// that order (setting the ACL sets the group bits to its mask, which the old mode held
/// already, so the mode comes out as it was). A new file gets [`NEW_FILE_MODE`].
#[cfg(unix)]
fn keep_protection(
    file: &File,
    tmp_path: &Path,
    real: &Path,
    existing: Option<&fs::Metadata>,
) -> Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let set_mode = |mode: u32| {
        // Set explicitly: a mode passed at creation would be narrowed by the umask.
        file.set_permissions(fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io("set permissions of", tmp_path, e))
    };
    let Some(m) = existing else {
        return set_mode(NEW_FILE_MODE);
    };
    let attributes = xattrs::read(real)?;
    // Keep the owner when root edits someone else's file; only root may chown.
    let mine = file
        .metadata()
        .map_err(|e| Error::io("read metadata of", tmp_path, e))?;
    if (mine.uid(), mine.gid()) != (m.uid(), m.gid())
        && let Err(e) = std::os::unix::fs::fchown(file, Some(m.uid()), Some(m.gid()))
    {
        return Err(owner_not_kept(
            real,
            (m.uid(), m.gid()),
            (mine.uid(), mine.gid()),
            Some(&e),
        ));
    }
    xattrs::drop_inherited_acl(file, real, &attributes)?;
    set_mode(m.mode() & 0o7777)?;
    xattrs::write(file, real, &attributes)
}

/// The new file cannot get the old one's owner (only root may give a file away; anyone
/// else may change its group only to one of their own groups): replacing it would hand
/// the file to the user, so the write is refused.
#[cfg(unix)]
fn owner_not_kept(
    path: &Path,
    (uid, gid): (u32, u32),
    (my_uid, my_gid): (u32, u32),
    cause: Option<&io::Error>,
) -> Error {
    let cause = cause.map(|e| format!(" ({e})")).unwrap_or_default();
    let (detail, hint) = if my_uid != uid {
        (
            format!(
                "the new file would belong to you (uid {my_uid}), not to uid {uid} as the old one does, and only root may give a file away{cause}"
            ),
            format!(
                "run inkwell as uid {uid}, or chown the file to yourself if it may become yours (`chown {my_uid} FILE`)"
            ),
        )
    } else {
        (
            format!(
                "the new file would belong to you with group {my_gid}, not to group {gid} as the old one does, and you are not in group {gid}{cause}"
            ),
            format!(
                "run inkwell as a member of group {gid}, or chgrp the file to a group of yours if it may change (`chgrp {my_gid} FILE`)"
            ),
        )
    };
    Error::NotWritable {
        path: path.to_path_buf(),
        detail,
        hint,
    }
}

#[cfg(not(unix))]
fn keep_protection(
    _file: &File,
    _tmp_path: &Path,
    _real: &Path,
    _existing: Option<&fs::Metadata>,
) -> Result<()> {
    Ok(())
}

/// Copying extended attributes (on Linux the POSIX ACLs are two of them).
#[cfg(target_os = "linux")]
mod xattrs {
    use std::ffi::{OsStr, OsString};
    use std::fs::File;
    use std::io;
    use std::path::Path;

    use crate::error::{Error, Result};
    use crate::platform::xattr;

    /// The access ACL of a file.
    const ACCESS_ACL: &str = "system.posix_acl_access";

    pub type Attributes = Vec<(OsString, Vec<u8>)>;

    fn refused(real: &Path, name: &OsStr, source: io::Error) -> Error {
        Error::ProtectionNotKept {
            path: real.to_path_buf(),
            attribute: name.to_string_lossy().into_owned(),
            source,
        }
    }

    /// Every extended attribute of the file at `real` with its value; none where the
    /// file system has no support for them.
    pub fn read(real: &Path) -> Result<Attributes> {
        let names = xattr::names_at(real)
            .map_err(|e| Error::io("list the extended attributes of", real, e))?;
        let mut attributes = Vec::with_capacity(names.len());
        for name in names {
            match xattr::get_at(real, &name) {
                Ok(Some(value)) => attributes.push((name, value)),
                // Removed since it was listed.
                Ok(None) => {}
                Err(e) => return Err(refused(real, &name, e)),
            }
        }
        Ok(attributes)
    }

    /// A new file in a directory with a default ACL gets an ACL of its own; the old
    /// file had none, so the new one must not have one either.
    pub fn drop_inherited_acl(file: &File, real: &Path, attributes: &Attributes) -> Result<()> {
        if attributes.iter().any(|(name, _)| name == ACCESS_ACL) {
            return Ok(());
        }
        xattr::remove(file, OsStr::new(ACCESS_ACL))
            .map_err(|e| refused(real, OsStr::new(ACCESS_ACL), e))
    }

    /// Sets `attributes` on `file`; those it already has with the same value (a
    /// security label the kernel gave it) are left alone.
    pub fn write(file: &File, real: &Path, attributes: &Attributes) -> Result<()> {
        for (name, value) in attributes {
            if xattr::get(file, name).ok().flatten().as_ref() == Some(value) {
                continue;
            }
            xattr::set(file, name, value).map_err(|e| refused(real, name, e))?;
        }
        Ok(())
    }
}

/// Elsewhere no extended attributes are copied (see the README's guarantees).
#[cfg(all(unix, not(target_os = "linux")))]
mod xattrs {
    use std::fs::File;
    use std::path::Path;

    use crate::error::Result;

    pub type Attributes = ();

    pub fn read(_real: &Path) -> Result<Attributes> {
        Ok(())
    }

    pub fn drop_inherited_acl(_: &File, _: &Path, _: &Attributes) -> Result<()> {
        Ok(())
    }

    pub fn write(_: &File, _: &Path, _: &Attributes) -> Result<()> {
        Ok(())
    }
}

/// Giving another program's save (now at `tmp`) back to `real` failed with `e`: the save
/// is moved to `<name>.other-save-<pid>` next to it, out of the temp files' clean-up
/// (left at the temp name if even that fails), and the error names where it is.
fn other_save_kept(tmp: tempfile::TempPath, real: &Path, e: io::Error) -> Error {
    let kept = match tmp.keep() {
        Ok(path) => path,
        Err(persist) => persist.path.to_path_buf(),
    };
    let mut name = real.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".other-save-{}", std::process::id()));
    let aside = real.with_file_name(name);
    let kept = match crate::platform::rename_noreplace(&kept, &aside) {
        Ok(crate::platform::NoReplace::Renamed) => aside,
        _ => kept,
    };
    Error::OtherSaveKept {
        path: real.to_path_buf(),
        kept,
        source: e,
    }
}

/// A failure once the new file is in place: the change was made.
fn after_change(e: Error) -> Error {
    Error::AfterChange { cause: Box::new(e) }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| crate::platform::sync(&d))
        .map_err(|e| Error::io("sync directory", dir, e))
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> Result<()> {
    Ok(())
}

/// Removes temp files (and editor copies) that an earlier, killed inkwell process left
/// next to the file `guard` protects. A temp file is removed only if no live process
/// owns it (its flock can be taken: see [`owned_temp`]), so a process holding another
/// config dir's lock on the same real file keeps its temp file; editor copies are
/// written only under the lock `guard` holds.
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
            && remove_if_unowned(&entry.path())
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
        replace(guard, &[contents], check).map(|outcome| match outcome {
            Outcome::Replaced { held } => {
                if let Err(e) = held.release() {
                    panic!("late failure: {e:?}");
                }
                true
            }
            Outcome::Stale(_) => false,
        })
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
        let outcome = replace(guard, &[b"feeds:\n", b"", b"  a: {}\n"], &mut |_, _| {
            Ok(true)
        });
        let Ok(Outcome::Replaced { held }) = outcome else {
            panic!("not replaced");
        };
        held.release().unwrap();
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

    /// Another config dir's process (holding another lock) writing to the same real
    /// file: its temp file is flocked, and the clean-up leaves it alone.
    #[test]
    fn a_temp_file_a_live_process_owns_is_not_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("feeds.yaml");
        let (live, _owner) = owned_temp(dir.path(), "feeds.yaml").unwrap();
        fs::write(dir.path().join(".feeds.yaml.dead01.inkwell-tmp"), "x").unwrap();
        let locks = tempfile::tempdir().unwrap();
        assert_eq!(remove_stale_temps(&lock(&target, &locks)).unwrap(), 1);
        assert!(live.path().exists(), "the live temp file was removed");
        drop(_owner);
        drop(live);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn only_regular_files_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("feeds.yaml");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let err = locked_write(&fifo, b"x", &mut |_, _| Ok(true)).unwrap_err();
        assert!(matches!(err, Error::NotRegularFile { kind, .. } if kind.contains("FIFO")));
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap();
        let link = dir.path().join("config.yaml");
        std::os::unix::fs::symlink(&sub, &link).unwrap();
        let err = locked_write(&link, b"x", &mut |_, _| Ok(true)).unwrap_err();
        assert!(
            matches!(&err, Error::NotRegularFile { kind: "directory", real: Some(r), .. } if *r == sub),
            "{err:?}"
        );
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 3, "no temp left");
    }

    #[test]
    fn a_file_without_any_write_bit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("feeds.yaml");
        fs::write(&target, "old").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o444)).unwrap();
        let err = locked_write(&target, b"new", &mut |_, _| Ok(true)).unwrap_err();
        assert!(matches!(err, Error::NotWritable { .. }), "{err:?}");
        assert_eq!(fs::read(&target).unwrap(), b"old");
        assert_eq!(mode(&target), 0o444);
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
