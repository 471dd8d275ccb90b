//! A file as a transaction read it, to tell whether anyone changed it since: its bytes
//! and its identity (device, inode, size, mtime).
//!
//! Only regular files are read: feeds.yaml or config.yaml that is (after symlinks) a
//! device, a FIFO, a socket or a directory is [`Error::NotRegularFile`], found without
//! ever blocking (a FIFO with no writer would otherwise hang every command, under the
//! lock).

use std::fs;
use std::io;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use super::atomic::{self, Check};
use crate::error::{Error, Result};
use crate::platform;

/// Opens `path` (symlinks followed) for reading if it is a regular file, with its
/// metadata; `None` if nothing is there. Anything else is [`Error::NotRegularFile`]:
/// it is looked at (`stat`) before it is opened, so a device is never opened, and the
/// open itself is non-blocking, so a FIFO put there meanwhile cannot hang it either.
pub fn open_regular(path: &Path) -> Result<Option<(fs::File, fs::Metadata)>> {
    match fs::metadata(path) {
        Ok(m) if !m.is_file() => return Err(not_regular(path, &m)),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io("read", path, e)),
    }
    let file = match platform::retrying(|| platform::open_nonblocking(path)) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io("read", path, e)),
    };
    let meta = file
        .metadata()
        .map_err(|e| Error::io("read metadata of", path, e))?;
    if !meta.is_file() {
        return Err(not_regular(path, &meta));
    }
    platform::set_blocking(&file).map_err(|e| Error::io("read", path, e))?;
    Ok(Some((file, meta)))
}

/// The error for `path`, whose metadata (symlinks followed) is `meta`, not being a
/// regular file.
pub fn not_regular(path: &Path, meta: &fs::Metadata) -> Error {
    let real = fs::symlink_metadata(path)
        .is_ok_and(|m| m.file_type().is_symlink())
        .then(|| atomic::resolve(path).ok())
        .flatten();
    Error::NotRegularFile {
        path: path.to_path_buf(),
        kind: kind_name(meta.file_type()),
        real,
    }
}

/// What a file that is not a regular file is, in words.
fn kind_name(kind: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() {
            return "character device";
        }
        if kind.is_block_device() {
            return "block device";
        }
        if kind.is_fifo() {
            return "FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "socket";
        }
    }
    if kind.is_dir() {
        "directory"
    } else {
        "special file"
    }
}

/// A file as read: its bytes and identity (device, inode, size, mtime), to detect changes
/// made behind our back. The bytes are handed on (to the parser, then to the writer as
/// the old text of the edit) and compared byte for byte before the file is replaced.
#[derive(Debug)]
pub struct Snapshot {
    pub bytes: Option<Vec<u8>>,
    identity: Option<Identity>,
}

type Identity = (u64, u64, u64, Option<SystemTime>);

impl Snapshot {
    /// Missing or empty: what a file looks like between the delete and the write of a
    /// save that is not atomic.
    fn looks_absent(&self) -> bool {
        self.bytes.as_ref().is_none_or(|b| b.is_empty())
    }
}

/// Whether the file at `path` is still exactly what `before` read, whose bytes were
/// `read`, without reading it into memory: the identity first, then (for
/// [`Check::Full`]) the content, compared block by block with `read`.
pub fn unchanged_since(path: &Path, before: &Snapshot, read: &[u8], check: Check) -> Result<bool> {
    use std::io::Read;
    let Some((mut file, meta)) = open_regular(path)? else {
        return Ok(before.identity.is_none());
    };
    if before.identity != Some(identity(&meta)) {
        return Ok(false);
    }
    if check == Check::Quick {
        return Ok(true);
    }
    let mut buf = vec![0u8; read.len().saturating_add(1).min(256 * 1024)];
    let mut at = 0;
    loop {
        let n = match file.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io("read", path, e)),
        };
        if n == 0 {
            return Ok(at == read.len());
        }
        if read.get(at..at + n) != Some(&buf[..n]) {
            return Ok(false);
        }
        at += n;
    }
}

fn identity(m: &fs::Metadata) -> Identity {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (m.dev(), m.ino(), m.len(), m.modified().ok())
    }
    #[cfg(not(unix))]
    {
        (0, 0, m.len(), m.modified().ok())
    }
}

/// The largest feeds.yaml inkwell reads. Real files are far smaller (10,000 feeds take
/// about 2.5 MB); the limit keeps a stray huge file from exhausting memory.
pub const MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;

/// The file's bytes, and its metadata as it was before they were read (so that any
/// change during or after the read shows in its identity); `None` if it does not exist.
fn read_limited(path: &Path) -> Result<Option<(Vec<u8>, fs::Metadata)>> {
    use std::io::Read;
    let Some((file, meta)) = open_regular(path)? else {
        return Ok(None);
    };
    // The size is checked before reading and again after, in case the file grew.
    let size = meta.len();
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(MAX_FILE_SIZE)).unwrap_or(0) + 1);
    if size <= MAX_FILE_SIZE {
        file.take(MAX_FILE_SIZE + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io("read", path, e))?;
    }
    if size > MAX_FILE_SIZE || bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(Error::Malformed {
            path: path.to_path_buf(),
            location: None,
            message: format!(
                "the file is larger than {} MiB, the most inkwell reads; nothing was read or written",
                MAX_FILE_SIZE / 1024 / 1024
            ),
        });
    }
    Ok(Some((bytes, meta)))
}

pub fn read_snapshot(path: &Path) -> Result<Snapshot> {
    Ok(match read_limited(path)? {
        Some((bytes, meta)) => Snapshot {
            bytes: Some(bytes),
            identity: Some(identity(&meta)),
        },
        None => Snapshot {
            bytes: None,
            identity: None,
        },
    })
}

/// How long a file that is missing or empty although it existed a moment ago is looked
/// for again ([`read_settled`]).
pub const MISSING_SETTLE: Duration = Duration::from_millis(200);
/// Short, so that a file present only for a few milliseconds at a time (a program saving
/// in a loop) is not missed by polls that fall into its gaps in step with it.
const MISSING_STEP: Duration = Duration::from_millis(2);

/// [`read_snapshot`], except that a file found missing or empty while `signs` says it
/// existed a moment ago is read again every 2 ms, for up to [`MISSING_SETTLE`], until it
/// is back. Programs that do not take our lock save by deleting the file and writing it
/// anew (`git checkout`, some editors), and a FUSE file system without an atomic
/// replace renames in two steps: for a moment there is no file, or an empty one, and
/// reading that as "no feeds" would report, or write, a list without the others' feeds.
/// A file that exists but is empty is itself such a sign, whatever `signs` says:
/// inkwell-cli saves in place (truncate, then write), and for config.yaml it takes no
/// lock at all, so a dir only inkwell-cli has used has no config.lock to tell; neither
/// tool ever writes an empty file (an empty feed list is `feeds: {}`). The cost: a truly
/// empty file (`touch feeds.yaml`) takes up to [`MISSING_SETTLE`] per read.
/// `signs` runs only when the file is missing. Returns the snapshot and, if it looked
/// again, for how long.
pub fn read_settled(
    path: &Path,
    signs: impl FnOnce() -> bool,
) -> Result<(Snapshot, Option<Duration>)> {
    let first = read_snapshot(path)?;
    let empty = first.bytes.as_ref().is_some_and(|b| b.is_empty());
    if !first.looks_absent() || !(empty || signs()) {
        return Ok((first, None));
    }
    let started = Instant::now();
    loop {
        thread::sleep(MISSING_STEP);
        let again = read_snapshot(path)?;
        if !again.looks_absent() || started.elapsed() >= MISSING_SETTLE {
            return Ok((again, Some(started.elapsed())));
        }
    }
}

/// Whether a file of `name` is being saved in `dir` right now, by the look of it: a temp
/// file `.<name>.*` next to it (inkwell's own `.<name>.XXXXXX.inkwell-tmp` during a
/// two-step rename on FUSE, an editor's swap or temp file).
pub fn save_in_progress(dir: &Path, name: &str) -> bool {
    let prefix = format!(".{name}.");
    fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(&prefix))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_missing_for_a_moment_is_read_once_it_is_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feeds.yaml");
        let writer = {
            let path = path.clone();
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(40));
                fs::write(path, "feeds: {}\n").unwrap();
            })
        };
        let (snapshot, waited) = read_settled(&path, || true).unwrap();
        writer.join().unwrap();
        assert_eq!(snapshot.bytes.as_deref(), Some(&b"feeds: {}\n"[..]));
        assert!(
            waited.is_some_and(|w| w >= Duration::from_millis(30)),
            "{waited:?}"
        );
    }

    #[test]
    fn without_signs_or_for_good_a_missing_file_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feeds.yaml");
        let started = Instant::now();
        let (snapshot, waited) = read_settled(&path, || false).unwrap();
        assert!(snapshot.bytes.is_none() && waited.is_none());
        assert!(started.elapsed() < MISSING_SETTLE);
        let (snapshot, waited) = read_settled(&path, || true).unwrap();
        assert!(snapshot.bytes.is_none());
        assert!(waited.is_some_and(|w| w >= MISSING_SETTLE), "{waited:?}");
    }

    #[test]
    fn a_temp_file_next_to_it_is_a_save_in_progress() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("feeds.lock"), "").unwrap();
        assert!(!save_in_progress(dir.path(), "feeds.yaml"));
        fs::write(dir.path().join(".feeds.yaml.x1.inkwell-tmp"), "").unwrap();
        assert!(save_in_progress(dir.path(), "feeds.yaml"));
    }

    #[test]
    fn an_empty_file_is_a_save_in_progress_without_other_signs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.yaml");
        fs::write(&path, "").unwrap();
        let writer = {
            let path = path.clone();
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(40));
                fs::write(path, "log_level: DEBUG\n").unwrap();
            })
        };
        let (snapshot, waited) = read_settled(&path, || false).unwrap();
        writer.join().unwrap();
        assert_eq!(snapshot.bytes.as_deref(), Some(&b"log_level: DEBUG\n"[..]));
        assert!(waited.is_some(), "{waited:?}");
    }
}
