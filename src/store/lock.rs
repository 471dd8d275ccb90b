//! The cross-process lock on a sidecar file (`feeds.lock`), the file inkwell-cli flocks
//! too, so the two tools exclude each other. Writers take it exclusively ([`acquire`]),
//! readers shared ([`acquire_shared`]): a reader never sees a file that a writer saving in
//! place (inkwell-cli truncates and rewrites feeds.yaml under the lock) has half written.
//!
//! The lock file is created if missing and never deleted: deleting it would let two
//! processes lock two different files. The lock belongs to the open file, so it is
//! released when the guard is dropped, and by the kernel if the process dies.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::platform;

/// How long to wait quietly before saying that we are waiting.
const QUIET_WAIT: Duration = Duration::from_secs(1);

/// Proof that the lock guarding one file is held: the only way to replace that file
/// ([`atomic::replace`](super::atomic::replace)) or clear its stale temp files. Dropping
/// it releases the lock.
#[must_use = "the lock is released as soon as the guard is dropped"]
#[derive(Debug)]
pub struct LockGuard {
    _file: File,
    path: PathBuf,
    target: PathBuf,
}

impl LockGuard {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file this lock guards, the one a holder may replace.
    pub fn target(&self) -> &Path {
        &self.target
    }
}

/// Takes the exclusive lock `lock` that guards `target`, waiting at most `timeout` in
/// all (opening the lock file and the first try included).
///
/// If the lock is not granted within a second, `on_wait` is called once (the CLI says on
/// stderr that it is waiting, and for which file).
pub fn acquire(
    target: &Path,
    lock: &Path,
    timeout: Duration,
    on_wait: &dyn Fn(&Path),
) -> Result<LockGuard> {
    let start = Instant::now();
    let file = open(lock)?;
    let file = take(file, lock, false, start, timeout, on_wait)?;
    Ok(LockGuard {
        _file: file,
        path: lock.to_path_buf(),
        target: target.to_path_buf(),
    })
}

/// A reader's shared lock, or why there is none.
#[must_use = "the lock is released as soon as it is dropped"]
#[derive(Debug)]
pub enum ReadLock {
    /// Held until dropped.
    Held(#[allow(dead_code)] File),
    /// The lock file can be neither written nor read (no permission, or it is gone):
    /// the file is read without the lock.
    Unavailable(std::io::Error),
}

/// Takes the lock `lock` shared, for reading, with the same timeout and the same
/// `on_wait` as [`acquire`]. A lock file that cannot be opened for writing (a read-only
/// directory or file system, another user's file) is opened read-only: a shared flock
/// needs no write access. Where it cannot be opened at all, [`ReadLock::Unavailable`]
/// says why.
pub fn acquire_shared(lock: &Path, timeout: Duration, on_wait: &dyn Fn(&Path)) -> Result<ReadLock> {
    let start = Instant::now();
    let file = match open(lock) {
        Ok(file) => file,
        Err(Error::Io { source, .. })
            if platform::is_read_only(&source) || source.kind() == std::io::ErrorKind::NotFound =>
        {
            match open_read_only(lock) {
                Ok(file) => file,
                Err(_) => return Ok(ReadLock::Unavailable(source)),
            }
        }
        Err(e) => return Err(e),
    };
    take(file, lock, true, start, timeout, on_wait).map(ReadLock::Held)
}

/// Locks the open lock file `file` (shared or exclusive), waiting at most what is left
/// of `timeout` since `start`.
fn take(
    file: File,
    lock: &Path,
    shared: bool,
    start: Instant,
    timeout: Duration,
    on_wait: &dyn Fn(&Path),
) -> Result<File> {
    let try_lock = if shared {
        platform::lock_shared
    } else {
        platform::lock_exclusive
    };
    if try_lock(&file, false).map_err(|e| Error::io("lock", lock, e))? {
        return Ok(file);
    }
    let left = |start: Instant| timeout.saturating_sub(start.elapsed());
    if left(start).is_zero() {
        return Err(timed_out(lock, timeout));
    }

    // Block in the kernel on a second handle to the same open file, in a helper thread,
    // so that the wait can be bounded. If we give up, the thread still owns its handle:
    // when the kernel finally grants the lock, the thread drops the handle, which closes
    // the file and releases the lock again.
    let waiter = file.try_clone().map_err(|e| Error::io("lock", lock, e))?;
    let (tx, rx) = mpsc::channel();
    thread::Builder::new()
        .name("inkwell-lock".into())
        .spawn(move || {
            let result = try_lock(&waiter, true);
            let _ = tx.send(result);
            drop(waiter);
        })
        .map_err(|e| Error::io("lock", lock, e))?;

    let quiet = QUIET_WAIT.saturating_sub(start.elapsed()).min(left(start));
    let outcome = match rx.recv_timeout(quiet) {
        Err(mpsc::RecvTimeoutError::Timeout) if !left(start).is_zero() => {
            on_wait(lock);
            rx.recv_timeout(left(start))
        }
        other => other,
    };
    match outcome {
        Ok(Ok(_)) => Ok(file),
        Ok(Err(e)) => Err(Error::io("lock", lock, e)),
        Err(_) => Err(timed_out(lock, timeout)),
    }
}

fn timed_out(path: &Path, timeout: Duration) -> Error {
    Error::LockTimeout {
        path: path.to_path_buf(),
        seconds: timeout.as_secs_f64(),
    }
}

fn open(path: &Path) -> Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .map_err(|e| Error::io("open lock file", path, e))
}

/// An existing lock file opened for reading only, without following a symlink.
fn open_read_only(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        rustix::fs::OFlags::NOFOLLOW.bits() as i32,
    );
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_share_the_lock_and_exclude_writers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feeds.lock");
        let target = dir.path().join("feeds.yaml");
        let short = Duration::from_millis(100);
        let one = acquire_shared(&path, short, &|_| {}).unwrap();
        let two = acquire_shared(&path, short, &|_| {}).unwrap();
        assert!(matches!(
            (&one, &two),
            (ReadLock::Held(_), ReadLock::Held(_))
        ));
        let err = acquire(&target, &path, short, &|_| {}).unwrap_err();
        assert!(matches!(err, Error::LockTimeout { .. }), "{err}");
        drop((one, two));
        let writer = acquire(&target, &path, short, &|_| {}).unwrap();
        let err = acquire_shared(&path, short, &|_| {}).unwrap_err();
        assert!(matches!(err, Error::LockTimeout { .. }), "{err}");
        drop(writer);
    }

    #[test]
    fn without_a_directory_a_reader_goes_on_without_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing/feeds.lock");
        let lock = acquire_shared(&path, Duration::ZERO, &|_| {}).unwrap();
        assert!(matches!(lock, ReadLock::Unavailable(_)), "{lock:?}");
        assert!(!path.exists());
    }

    #[test]
    fn a_held_lock_times_out_and_is_free_after_release() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feeds.lock");
        let target = dir.path().join("feeds.yaml");
        let held = acquire(&target, &path, Duration::from_secs(1), &|_| {}).unwrap();
        let start = Instant::now();
        let err = acquire(&target, &path, Duration::from_millis(200), &|_| {}).unwrap_err();
        assert!(matches!(err, Error::LockTimeout { .. }), "{err}");
        assert!(start.elapsed() < Duration::from_secs(2));
        drop(held);
        let again = acquire(&target, &path, Duration::from_millis(200), &|_| {}).unwrap();
        assert_eq!(again.path(), path);
        assert!(path.exists(), "the lock file is never deleted");
    }

    #[test]
    fn a_waiter_is_told_once_and_gets_the_lock_when_it_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feeds.lock");
        let target = dir.path().join("feeds.yaml");
        let held = acquire(&target, &path, Duration::from_secs(1), &|_| {}).unwrap();
        let releaser = thread::spawn(move || {
            thread::sleep(Duration::from_millis(1300));
            drop(held);
        });
        let told = std::cell::Cell::new(0);
        let guard = acquire(&target, &path, Duration::from_secs(10), &|_| {
            told.set(told.get() + 1)
        })
        .unwrap();
        assert_eq!(told.get(), 1);
        drop(guard);
        releaser.join().unwrap();
    }

    #[test]
    fn the_timeout_bounds_the_whole_call_and_a_zero_timeout_only_tries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feeds.lock");
        let target = dir.path().join("feeds.yaml");
        let _held = acquire(&target, &path, Duration::ZERO, &|_| {}).unwrap();
        let start = Instant::now();
        let err = acquire(&target, &path, Duration::ZERO, &|_| panic!("no wait")).unwrap_err();
        assert!(matches!(err, Error::LockTimeout { .. }), "{err}");
        assert!(start.elapsed() < Duration::from_millis(100));

        let told = std::cell::Cell::new(0);
        let start = Instant::now();
        let timeout = Duration::from_millis(1300);
        let err = acquire(&target, &path, timeout, &|_| told.set(told.get() + 1)).unwrap_err();
        assert!(matches!(err, Error::LockTimeout { .. }), "{err}");
        let took = start.elapsed();
        assert!(
            took >= timeout && took < timeout + Duration::from_millis(300),
            "{took:?}"
        );
        assert_eq!(told.get(), 1, "told once, after a second");
    }
}
