//! The operating-system calls std does not offer, in one place, through rustix: the
//! atomic exchange of two names, flock, the terminal's echo setting, poll and the host
//! name.
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
    std::fs::rename(from, to).map(|()| NoReplace::Renamed)
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
