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
use std::time::SystemTime;

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
    let file = match platform::open_nonblocking(path) {
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
