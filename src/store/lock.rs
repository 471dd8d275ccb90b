//! The cross-process lock on a sidecar file (`feeds.lock`), the file inkwell-cli flocks
//! too, so the two tools exclude each other. Writers take it exclusively ([`acquire`]),
//! readers shared ([`acquire_shared`]): a reader never sees a file that a writer saving in
//! place (inkwell-cli truncates and rewrites feeds.yaml under the lock) has half written.
//!
//! The lock file is created if missing and never deleted: deleting it would let two
//! processes lock two different files. It is never opened through a symlink. A
//! transaction on a symlinked feeds.yaml also locks next to the real file
//! ([`acquire_with_real`]). The lock belongs to the open file, so it is
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
    /// The lock next to a symlinked target's real file, taken after this one
    /// ([`acquire_with_real`]).
    _real: Option<Box<LockGuard>>,
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
        _real: None,
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

/// [`acquire`] of `lock`, the config dir's own lock (the one inkwell-cli takes), and
/// then, when `target` is a symlink, also of the lock next to the file it resolves to
/// (`<real dir>/<real name without extension>.lock`), unless that is `lock` itself. Two
/// config dirs whose feeds.yaml lead to one file (dotfiles) so exclude each other. The
/// order is always own lock first, real one second, so no two processes wait for each
/// other; `timeout` bounds both together.
pub fn acquire_with_real(
    target: &Path,
    lock: &Path,
    timeout: Duration,
    on_wait: &dyn Fn(&Path),
) -> Result<LockGuard> {
    let start = Instant::now();
    let on_wait = said_once(on_wait);
    let mut guard = acquire(target, lock, timeout, &on_wait)?;
    if let Some(real_lock) = real_lock(target, lock)? {
        let left = timeout.saturating_sub(start.elapsed());
        guard._real = Some(Box::new(acquire(target, &real_lock, left, &on_wait)?));
    }
    Ok(guard)
}

/// The lock files a reader of `target` takes where they exist, in the order
/// [`acquire_with_real`] takes them: the config dir's own `lock`, then, for a symlinked
/// `target`, the one next to its real file.
pub fn reader_locks(target: &Path, lock: &Path) -> Result<Vec<PathBuf>> {
    let mut all = vec![lock.to_path_buf()];
    all.extend(real_lock(target, lock)?);
    Ok(all)
}

/// [`acquire_shared`] of each of `locks` that exists, in order, under the one timeout.
/// A reader creates no lock file: a missing one means no writer that locks has used it.
pub fn acquire_shared_all(
    locks: &[PathBuf],
    timeout: Duration,
    on_wait: &dyn Fn(&Path),
) -> Result<Vec<(PathBuf, ReadLock)>> {
    let start = Instant::now();
    let on_wait = said_once(on_wait);
    let mut held = Vec::new();
    for lock in locks.iter().filter(|l| l.symlink_metadata().is_ok()) {
        let left = timeout.saturating_sub(start.elapsed());
        held.push((lock.clone(), acquire_shared(lock, left, &on_wait)?));
    }
    Ok(held)
}

/// `on_wait`, called at most once: waiting is said once, whichever of two locks it is
/// for.
fn said_once(on_wait: &dyn Fn(&Path)) -> impl Fn(&Path) + '_ {
    let told = std::cell::Cell::new(false);
    move |path| {
        if !told.replace(true) {
            on_wait(path);
        }
    }
}

/// The lock next to the real file of a symlinked `target`, if it is not `own`.
fn real_lock(target: &Path, own: &Path) -> Result<Option<PathBuf>> {
    let is_link = std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(None);
    }
    let real = super::atomic::resolve(target)?;
    let (Some(dir), Some(name)) = (real.parent(), real.file_name()) else {
        return Ok(None);
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    // feeds.yaml -> feeds.lock, config.yaml -> config.lock; never the file itself.
    let path = Path::new(name);
    let stem = match path.extension() {
        Some(ext) if ext != "lock" => path.file_stem().unwrap_or(name),
        _ => name,
    };
    let mut lock_name = stem.to_os_string();
    lock_name.push(".lock");
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    let same_dir = match (canonical(dir), own.parent().and_then(canonical)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    };
    if same_dir && own.file_name() == Some(lock_name.as_os_str()) {
        return Ok(None);
    }
    Ok(Some(dir.join(lock_name)))
}

fn timed_out(path: &Path, timeout: Duration) -> Error {
    Error::LockTimeout {
        path: path.to_path_buf(),
        seconds: timeout.as_secs_f64(),
    }
}

/// Opens (creating) the lock file, never through a symlink: a root run must not create
/// files where a link in someone's config dir points.
fn open(path: &Path) -> Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    platform::no_follow(&mut options).open(path).map_err(|e| {
        if platform::is_symlink_refused(&e, path) {
            Error::SidecarSymlink {
                path: path.to_path_buf(),
            }
        } else {
            Error::io("open lock file", path, e)
        }
    })
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

    #[cfg(unix)]
    #[test]
    fn a_symlinked_target_is_locked_next_to_its_real_file_too() {
        let root = tempfile::tempdir().unwrap();
        let (own, real) = (root.path().join("own"), root.path().join("real"));
        std::fs::create_dir(&own).unwrap();
        std::fs::create_dir(&real).unwrap();
        std::fs::write(real.join("config.yaml"), "").unwrap();
        let target = own.join("config.yaml");
        std::os::unix::fs::symlink(real.join("config.yaml"), &target).unwrap();
        let lock = own.join("config.lock");
        let guard = acquire_with_real(&target, &lock, Duration::ZERO, &|_| {}).unwrap();
        // The real file's own directory (or another dir linking to it) is kept out.
        let real_target = real.join("config.yaml");
        let err = acquire(
            &real_target,
            &real.join("config.lock"),
            Duration::ZERO,
            &|_| {},
        )
        .unwrap_err();
        assert!(matches!(err, Error::LockTimeout { .. }), "{err}");
        drop(guard);
        let _free = acquire(
            &real_target,
            &real.join("config.lock"),
            Duration::ZERO,
            &|_| {},
        )
        .unwrap();
        // A file that is not a symlink needs its own lock only.
        assert_eq!(
            real_lock(&real_target, &real.join("config.lock")).unwrap(),
            None
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_symlink_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        let path = dir.path().join("feeds.lock");
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        let target = dir.path().join("feeds.yaml");
        let err = acquire(&target, &path, Duration::ZERO, &|_| {}).unwrap_err();
        assert!(matches!(err, Error::SidecarSymlink { .. }), "{err}");
        assert!(!victim.exists());
    }

    #[test]
    fn a_waiter_is_told_once_and_gets_the_lock_when_it_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feeds.lock");
        let target = dir.path().join("feeds.yaml");
        let held = acquire(&target, &path, Duration::from_secs(1), &|_| {}).unwrap();
        // Released once the waiter has said that it waits (no race with a sleep).
        let (waiting, said) = mpsc::channel::<()>();
        let releaser = thread::spawn(move || {
            said.recv().unwrap();
            drop(held);
        });
        let told = std::cell::Cell::new(0);
        let guard = acquire(&target, &path, Duration::from_secs(30), &|_| {
            told.set(told.get() + 1);
            let _ = waiting.send(());
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
        // Bounds loose enough for a loaded machine; what matters is no wait at all.
        assert!(start.elapsed() < Duration::from_secs(1));

        let told = std::cell::Cell::new(0);
        let start = Instant::now();
        let timeout = Duration::from_millis(1300);
        let err = acquire(&target, &path, timeout, &|_| told.set(told.get() + 1)).unwrap_err();
        assert!(matches!(err, Error::LockTimeout { .. }), "{err}");
        let took = start.elapsed();
        assert!(
            took >= timeout && took < timeout + Duration::from_secs(2),
            "{took:?}"
        );
        assert_eq!(told.get(), 1, "told once, after a second");
    }
}
