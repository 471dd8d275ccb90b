//! The operating-system calls std does not offer, in one place, through rustix: the
//! atomic exchange of two names, flock (exclusive and shared), `O_NOFOLLOW` and
//! non-blocking opens, the effective user id, the write-permission check, extended
//! attributes (ACLs), the terminal's echo setting, poll and the host name.
//! The crate has no `unsafe` code; these wrappers are what it would otherwise need.

use std::fs::File;
use std::io;
use std::path::Path;

/// What [`rename_noreplace`] found.
pub enum NoReplace {
    Renamed,
    /// The target exists: nothing was done.
    Exists,
}

/// Swaps the two names atomically (`renameat2(RENAME_EXCHANGE)`); both must exist.
/// `Unsupported` where the platform cannot.
pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }
}

/// Renames `from` to `to` unless `to` exists, atomically: `renameat2(RENAME_NOREPLACE)`
/// on Linux; where that is not available (other systems, some FUSE and network file
/// systems), `link(2)` then removing `from`, which creates `to` only if it does not exist
/// either. Only where hard links are not supported too is it a look followed by a plain
/// rename, which leaves a moment in which a file appearing at `to` is replaced.
pub fn rename_noreplace(from: &Path, to: &Path) -> io::Result<NoReplace> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(NoReplace::Renamed),
            Err(rustix::io::Errno::EXIST) => return Ok(NoReplace::Exists),
            Err(e) if cannot_exchange(&e.into()) => {}
            Err(e) => return Err(e.into()),
        }
    }
    match link_noreplace(from, to) {
        Err(e) if cannot_link(&e) => {}
        other => return other,
    }
    if std::fs::symlink_metadata(to).is_ok() {
        return Ok(NoReplace::Exists);
    }
    retrying(|| std::fs::rename(from, to)).map(|()| NoReplace::Renamed)
}

/// [`rename_noreplace`] by `link(2)`: `to` becomes a second name of `from`'s file unless
/// it exists, then the name `from` is removed.
fn link_noreplace(from: &Path, to: &Path) -> io::Result<NoReplace> {
    match std::fs::hard_link(from, to) {
        Ok(()) => {
            // The file is in place under its new name; a temp name left over is removed
            // by the next clean-up.
            let _ = std::fs::remove_file(from);
            Ok(NoReplace::Renamed)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(NoReplace::Exists),
        Err(e) => Err(e),
    }
}

/// Whether an error from `link(2)` means "this file system has no hard links".
fn cannot_link(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        use rustix::io::Errno;
        [Errno::PERM, Errno::OPNOTSUPP, Errno::NOSYS, Errno::XDEV]
            .iter()
            .any(|errno| e.raw_os_error() == Some(errno.raw_os_error()))
            || e.kind() == io::ErrorKind::Unsupported
    }
    #[cfg(not(unix))]
    {
        e.kind() == io::ErrorKind::Unsupported
    }
}

/// Whether an error from [`exchange`] or [`rename_noreplace`] means "this file system
/// (or kernel) cannot do that", so that a plain rename is the fallback.
pub fn cannot_exchange(e: &io::Error) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::io::Errno;
        // ENOENT: the target was removed since it was read (the caller's check then finds
        // it changed).
        [Errno::INVAL, Errno::NOSYS, Errno::NOENT, Errno::PERM]
            .iter()
            .any(|errno| e.raw_os_error() == Some(errno.raw_os_error()))
            || e.kind() == io::ErrorKind::Unsupported
    }
    #[cfg(not(target_os = "linux"))]
    {
        e.kind() == io::ErrorKind::Unsupported
    }
}

/// Takes the exclusive flock on `file`, waiting if `wait`. inkwell-cli takes the same
/// lock with Python's `fcntl.flock`, so this must be flock exactly, not `fcntl` locks.
/// Returns `Ok(false)` when `wait` is false and another open file holds the lock.
#[cfg(unix)]
pub fn lock_exclusive(file: &File, wait: bool) -> io::Result<bool> {
    use rustix::fs::FlockOperation;
    flock(
        file,
        wait,
        FlockOperation::LockExclusive,
        FlockOperation::NonBlockingLockExclusive,
    )
}

/// Takes the shared flock on `file` (many readers at once, none while a writer holds the
/// exclusive one), waiting if `wait`; `Ok(false)` as [`lock_exclusive`].
#[cfg(unix)]
pub fn lock_shared(file: &File, wait: bool) -> io::Result<bool> {
    use rustix::fs::FlockOperation;
    flock(
        file,
        wait,
        FlockOperation::LockShared,
        FlockOperation::NonBlockingLockShared,
    )
}

#[cfg(unix)]
fn flock(
    file: &File,
    wait: bool,
    blocking: rustix::fs::FlockOperation,
    non_blocking: rustix::fs::FlockOperation,
) -> io::Result<bool> {
    let operation = if wait { blocking } else { non_blocking };
    loop {
        match rustix::fs::flock(file, operation) {
            Ok(()) => return Ok(true),
            Err(rustix::io::Errno::WOULDBLOCK) if !wait => return Ok(false),
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
}

/// Elsewhere std's lock (LockFileEx on Windows) is the native one.
#[cfg(not(unix))]
pub fn lock_exclusive(file: &File, wait: bool) -> io::Result<bool> {
    if wait {
        return file.lock().map(|()| true);
    }
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Makes `options` refuse to open a symlink in the last component (`O_NOFOLLOW`): for
/// inkwell's own files (locks, audit.log, the key), which must never lead elsewhere.
/// Opening a symlink then fails with an error [`is_symlink_refused`] recognises.
pub fn no_follow(options: &mut std::fs::OpenOptions) -> &mut std::fs::OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    options
}

/// [`no_follow`], and never blocking in `open` (a FIFO put in a file's place), nor
/// making a terminal put there the controlling one.
#[cfg(unix)]
pub fn no_follow_nonblocking(options: &mut std::fs::OpenOptions) -> &mut std::fs::OpenOptions {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;
    options.custom_flags((OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY).bits() as i32);
    options
}

/// Whether an open with [`no_follow`] of `path` failed because `path` is a symlink.
pub fn is_symlink_refused(e: &io::Error, path: &Path) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
            && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
    }
    #[cfg(not(unix))]
    {
        let _ = (e, path);
        false
    }
}

/// The effective user id of this process (0: root): who "the invoking user" is.
#[cfg(unix)]
pub fn effective_uid() -> u32 {
    rustix::process::geteuid().as_raw()
}

#[cfg(not(unix))]
pub fn lock_shared(file: &File, wait: bool) -> io::Result<bool> {
    if wait {
        return file.lock_shared().map(|()| true);
    }
    match file.try_lock_shared() {
        Ok(()) => Ok(true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Whether opening or creating a file failed because the directory or file system may
/// not be written (read-only mount, no write permission), rather than for a reason worth
/// an error.
pub fn is_read_only(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        use rustix::io::Errno;
        [Errno::ROFS, Errno::ACCESS, Errno::PERM]
            .iter()
            .any(|errno| e.raw_os_error() == Some(errno.raw_os_error()))
    }
    #[cfg(not(unix))]
    {
        e.kind() == io::ErrorKind::PermissionDenied
    }
}

/// The terminal on standard input with echo off, for a secret; restored when dropped.
/// Only echo is turned off: line editing (backspace, Ctrl-U) stays the terminal's, and
/// Ctrl-C, Ctrl-Z and Ctrl-\\ stay signals rather than bytes of the secret.
#[cfg(unix)]
pub struct HiddenInput {
    original: rustix::termios::Termios,
    hidden: rustix::termios::Termios,
}

/// What [`HiddenInput::wait`] found.
#[cfg(unix)]
pub enum Ready {
    /// Standard input can be read (a line, the end of input, or an error).
    Input,
    /// A signal arrived (or the wait was interrupted).
    Signal,
}

#[cfg(unix)]
impl HiddenInput {
    /// Fails when standard input is not a terminal.
    pub fn enable() -> io::Result<HiddenInput> {
        use rustix::termios::{LocalModes, tcgetattr};
        let original = tcgetattr(io::stdin())?;
        let mut hidden = original.clone();
        hidden.local_modes &= !(LocalModes::ECHO | LocalModes::ECHONL);
        let input = HiddenInput { original, hidden };
        input.hide()?;
        Ok(input)
    }

    /// Turns echo off (again, after [`restore`](Self::restore)); what was typed before
    /// is discarded.
    pub fn hide(&self) -> io::Result<()> {
        use rustix::termios::{OptionalActions, tcsetattr};
        tcsetattr(io::stdin(), OptionalActions::Flush, &self.hidden).map_err(io::Error::from)
    }

    /// Puts the terminal back as it was found.
    pub fn restore(&self) {
        use rustix::termios::{OptionalActions, tcsetattr};
        let _ = tcsetattr(io::stdin(), OptionalActions::Flush, &self.original);
    }

    /// Waits until standard input can be read or `wake` (a signal's) is readable.
    pub fn wait(&self, wake: Option<&std::os::unix::net::UnixStream>) -> io::Result<Ready> {
        use rustix::event::{PollFd, PollFlags, poll};
        let stdin = io::stdin();
        let mut fds = vec![PollFd::new(&stdin, PollFlags::IN)];
        if let Some(wake) = wake {
            fds.push(PollFd::new(wake, PollFlags::IN));
        }
        match poll(&mut fds, None) {
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => return Ok(Ready::Signal),
            Err(e) => return Err(e.into()),
        }
        if fds.get(1).is_some_and(|f| !f.revents().is_empty()) {
            return Ok(Ready::Signal);
        }
        Ok(Ready::Input)
    }

    /// Reads what the terminal hands on: at most one line, a part of one at Ctrl-D, or
    /// nothing at the end of input.
    pub fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match rustix::io::read(io::stdin(), &mut *buf) {
                Ok(n) => return Ok(n),
                Err(rustix::io::Errno::INTR) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
}

#[cfg(unix)]
impl Drop for HiddenInput {
    fn drop(&mut self) {
        self.restore();
    }
}

/// The home directory of this process's real user in /etc/passwd, as Python's
/// `pwd.getpwuid(os.getuid()).pw_dir` finds it for users in local files (users only in
/// LDAP and the like are not found, and get the "no home directory" error instead).
#[cfg(unix)]
pub fn passwd_home() -> Option<std::path::PathBuf> {
    let uid = rustix::process::getuid().as_raw().to_string();
    let text = std::fs::read_to_string("/etc/passwd").ok()?;
    text.lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.len() >= 7 && f[2] == uid)
        .map(|f| std::path::PathBuf::from(f[5]))
        .filter(|h| !h.as_os_str().is_empty())
}

#[cfg(not(unix))]
pub fn passwd_home() -> Option<std::path::PathBuf> {
    None
}

/// The system's host name, if it has one.
#[cfg(unix)]
pub fn hostname() -> Option<String> {
    let uname = rustix::system::uname();
    let name = uname.nodename().to_string_lossy().into_owned();
    (!name.is_empty()).then_some(name)
}

#[cfg(not(unix))]
pub fn hostname() -> Option<String> {
    None
}

/// Opens `path` for reading without ever blocking in `open`: `O_NONBLOCK` (a FIFO with
/// no writer, a device that waits for carrier), `O_NOCTTY` (a terminal never becomes
/// ours). The caller checks the kind of file it got, then calls [`set_blocking`].
#[cfg(unix)]
pub fn open_nonblocking(path: &Path) -> io::Result<File> {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags((OFlags::NONBLOCK | OFlags::NOCTTY).bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
pub fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Clears `O_NONBLOCK` again (regular files ignore it, but some FUSE file systems pass
/// it on to their daemon).
#[cfg(unix)]
pub fn set_blocking(file: &File) -> io::Result<()> {
    use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
    let flags = fcntl_getfl(file)?;
    if flags.contains(OFlags::NONBLOCK) {
        fcntl_setfl(file, flags - OFlags::NONBLOCK)?;
    }
    Ok(())
}

#[cfg(not(unix))]
pub fn set_blocking(_file: &File) -> io::Result<()> {
    Ok(())
}

/// Whether the kernel lets this process (its effective user and groups, ACLs included)
/// open `path` for writing: `faccessat(W_OK, AT_EACCESS)`. Root passes whatever the
/// mode. `Err` for anything but a plain "no" (a read-only file system, a vanished file).
#[cfg(unix)]
pub fn may_write(path: &Path) -> io::Result<bool> {
    use rustix::fs::{Access, AtFlags, CWD, accessat};
    match accessat(CWD, path, Access::WRITE_OK, AtFlags::EACCESS) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::ACCESS | rustix::io::Errno::PERM) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Makes `file`'s data and metadata durable (`fsync`). On macOS std's `sync_all` asks
/// for `F_FULLFSYNC`, which network file systems refuse (`ENOTSUP`); there a plain
/// `fsync` is the most that can be had (not verified here: inkwell is tested on Linux).
pub fn sync(file: &File) -> io::Result<()> {
    match file.sync_all() {
        // ENOTSUP is 45 on macOS.
        #[cfg(target_os = "macos")]
        Err(e) if e.raw_os_error() == Some(45) => rustix::fs::fsync(file).map_err(io::Error::from),
        other => other,
    }
}

/// Runs `op`, and on Windows runs it again for about two seconds, at jittered
/// intervals, while it fails because another process has the file open (access denied,
/// a sharing violation): Windows cannot replace or open a file another program holds,
/// even for a moment (a virus scanner, an indexer, inkwell-cli saving). Elsewhere `op`
/// runs once. (Not verified here: inkwell is tested on Linux.)
pub fn retrying<T>(mut op: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    #[cfg(windows)]
    {
        const ERROR_SHARING_VIOLATION: i32 = 32;
        const ERROR_LOCK_VIOLATION: i32 = 33;
        let busy = |e: &io::Error| {
            e.kind() == io::ErrorKind::PermissionDenied
                || matches!(
                    e.raw_os_error(),
                    Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION)
                )
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
        let mut attempt: u64 = 0;
        loop {
            match op() {
                Err(e) if busy(&e) && std::time::Instant::now() < deadline => {
                    attempt += 1;
                    let jitter = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| u64::from(d.subsec_nanos()) % 20);
                    std::thread::sleep(std::time::Duration::from_millis(
                        (5 * attempt).min(100) + jitter,
                    ));
                }
                other => return other,
            }
        }
    }
    #[cfg(not(windows))]
    op()
}

/// Extended attributes, on Linux (where POSIX ACLs are among them:
/// `system.posix_acl_access`, `system.posix_acl_default`). Elsewhere there are none to
/// copy: macOS keeps ACLs outside the xattrs, and is not covered.
#[cfg(target_os = "linux")]
pub mod xattr {
    use std::ffi::{OsStr, OsString};
    use std::fs::File;
    use std::io;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;

    use rustix::fs::{XattrFlags, fgetxattr, fremovexattr, fsetxattr};
    use rustix::fs::{lgetxattr, llistxattr};
    use rustix::io::Errno;

    /// The names of the extended attributes of the file at `path`, not following a
    /// symlink there. Empty where the file system does not support them.
    pub fn names_at(path: &Path) -> io::Result<Vec<OsString>> {
        list(|buf| llistxattr(path, buf))
    }

    /// The value of the attribute `name` of `file`; `None` if it has none.
    pub fn get(file: &File, name: &OsStr) -> io::Result<Option<Vec<u8>>> {
        value(|buf| fgetxattr(file, name, buf))
    }

    /// [`get`] of the file at `path`, not following a symlink there.
    pub fn get_at(path: &Path, name: &OsStr) -> io::Result<Option<Vec<u8>>> {
        value(|buf| lgetxattr(path, name, buf))
    }

    /// Sets the attribute `name` of `file` to `value`, creating or replacing it. "Not
    /// supported here" is [`io::ErrorKind::Unsupported`].
    pub fn set(file: &File, name: &OsStr, value: &[u8]) -> io::Result<()> {
        fsetxattr(file, name, value, XattrFlags::empty()).map_err(unsupported)
    }

    /// Removes the attribute `name` of `file`; nothing to do if it has none.
    pub fn remove(file: &File, name: &OsStr) -> io::Result<()> {
        match fremovexattr(file, name) {
            Ok(()) | Err(Errno::NODATA | Errno::OPNOTSUPP) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    fn unsupported(e: Errno) -> io::Error {
        if e == Errno::OPNOTSUPP {
            io::Error::new(io::ErrorKind::Unsupported, io::Error::from(e))
        } else {
            e.into()
        }
    }

    /// Grows the buffer until the whole list fits (ERANGE: it grew meanwhile).
    fn list(call: impl Fn(&mut [u8]) -> Result<usize, Errno>) -> io::Result<Vec<OsString>> {
        let mut buf = vec![0u8; 4096];
        loop {
            match call(&mut buf) {
                Ok(n) => {
                    return Ok(buf[..n]
                        .split(|&b| b == 0)
                        .filter(|name| !name.is_empty())
                        .map(|name| OsStr::from_bytes(name).to_os_string())
                        .collect());
                }
                Err(Errno::OPNOTSUPP) => return Ok(Vec::new()),
                Err(Errno::RANGE) if buf.len() < 1 << 24 => buf.resize(buf.len() * 4, 0),
                Err(e) => return Err(e.into()),
            }
        }
    }

    fn value(call: impl Fn(&mut [u8]) -> Result<usize, Errno>) -> io::Result<Option<Vec<u8>>> {
        let mut buf = vec![0u8; 4096];
        loop {
            match call(&mut buf) {
                Ok(n) => {
                    buf.truncate(n);
                    return Ok(Some(buf));
                }
                Err(Errno::NODATA) => return Ok(None),
                Err(Errno::RANGE) if buf.len() < 1 << 24 => buf.resize(buf.len() * 4, 0),
                Err(e) => return Err(unsupported(e)),
            }
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_link_creates_the_name_only_if_it_is_free() {
        let dir = tempfile::tempdir().unwrap();
        let (from, to) = (dir.path().join("tmp"), dir.path().join("feeds.yaml"));
        std::fs::write(&from, "ours").unwrap();
        std::fs::write(&to, "theirs").unwrap();
        assert!(matches!(
            link_noreplace(&from, &to).unwrap(),
            NoReplace::Exists
        ));
        assert_eq!(std::fs::read(&to).unwrap(), b"theirs");
        assert!(from.exists());
        std::fs::remove_file(&to).unwrap();
        assert!(matches!(
            link_noreplace(&from, &to).unwrap(),
            NoReplace::Renamed
        ));
        assert_eq!(std::fs::read(&to).unwrap(), b"ours");
        assert!(!from.exists());
    }
}
