//! A file as a transaction read it, to tell whether anyone changed it since: its bytes,
//! its identity (device, inode, size, mtime) and a digest of its content.

use std::fs;
use std::io;
use std::path::Path;
use std::time::SystemTime;

use super::atomic::Check;
use crate::document::FxHasher;
use crate::error::{Error, Result};

/// A file as read: its bytes, identity (device, inode, size, mtime) and content digest,
/// to detect changes made behind our back. Two snapshots are equal when identity and
/// digest are; the bytes may have been handed on (to the parser) meanwhile.
#[derive(Debug)]
pub struct Snapshot {
    pub bytes: Option<Vec<u8>>,
    identity: Option<Identity>,
    digest: Option<u64>,
}

type Identity = (u64, u64, u64, Option<SystemTime>);

impl PartialEq for Snapshot {
    fn eq(&self, other: &Snapshot) -> bool {
        self.identity == other.identity && self.digest == other.digest
    }
}

/// The content digest of a snapshot, only ever compared after the file's identity
/// (inode, size, mtime) already matched. Four independent FxHash lanes over 32-byte
/// blocks: a single chain would wait on each multiplication, and a 24 MB file is
/// digested twice per change.
#[derive(Default)]
struct Digest {
    lanes: [FxHasher; 4],
    len: u64,
}

impl Digest {
    /// Adds `bytes`; every call but the last must pass a multiple of 32 bytes.
    fn update(&mut self, bytes: &[u8]) {
        use std::hash::Hasher;
        let mut blocks = bytes.chunks_exact(32);
        for block in &mut blocks {
            for (lane, word) in self.lanes.iter_mut().zip(block.chunks_exact(8)) {
                let mut w = [0u8; 8];
                w.copy_from_slice(word);
                lane.write_u64(u64::from_le_bytes(w));
            }
        }
        for (i, &b) in blocks.remainder().iter().enumerate() {
            self.lanes[i % 4].write_u8(b);
        }
        self.len += bytes.len() as u64;
    }

    fn finish(&self) -> u64 {
        use std::hash::Hasher;
        let mut h = FxHasher::default();
        for lane in &self.lanes {
            h.write_u64(lane.finish());
        }
        h.write_u64(self.len);
        h.finish()
    }
}

fn digest(bytes: &[u8]) -> u64 {
    let mut d = Digest::default();
    d.update(bytes);
    d.finish()
}

/// Whether the file at `path` is still exactly what `before` read, without reading it
/// into memory: the identity first, then (for [`Check::Full`]) the content digest,
/// streamed.
pub fn unchanged_since(path: &Path, before: &Snapshot, check: Check) -> Result<bool> {
    use std::io::Read;
    let mut file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(before.identity.is_none()),
        Err(e) => return Err(Error::io("read", path, e)),
    };
    let meta = file
        .metadata()
        .map_err(|e| Error::io("read metadata of", path, e))?;
    if before.identity != Some(identity(&meta)) {
        return Ok(false);
    }
    if check == Check::Quick {
        return Ok(true);
    }
    let mut h = Digest::default();
    // Whole buffers of a multiple of 32 bytes, so the digest equals that of one slice; a
    // small file needs no more than its size (and one byte to see its end).
    let size = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    let mut buf = vec![0u8; size.saturating_add(32).min(256 * 1024) & !31];
    loop {
        let mut filled = 0;
        while filled < buf.len() {
            match file.read(&mut buf[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Error::io("read", path, e)),
            }
        }
        h.update(&buf[..filled]);
        if filled < buf.len() {
            break;
        }
    }
    Ok(before.digest == Some(h.finish()))
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
/// change during or after the read shows in its identity).
fn read_limited(path: &Path) -> Result<(Vec<u8>, fs::Metadata)> {
    use std::io::Read;
    let file = fs::File::open(path).map_err(|e| Error::io("read", path, e))?;
    let meta = file
        .metadata()
        .map_err(|e| Error::io("read metadata of", path, e))?;
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
    Ok((bytes, meta))
}

pub fn read_snapshot(path: &Path) -> Result<Snapshot> {
    match read_limited(path) {
        Ok((bytes, meta)) => Ok(Snapshot {
            digest: Some(digest(&bytes)),
            bytes: Some(bytes),
            identity: Some(identity(&meta)),
        }),
        Err(Error::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => Ok(Snapshot {
            bytes: None,
            identity: None,
            digest: None,
        }),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::{Digest, digest};

    #[test]
    fn a_digest_streamed_in_blocks_equals_the_digest_of_the_whole() {
        let bytes: Vec<u8> = (0..10_000u32).map(|i| (i * 7 + i / 13) as u8).collect();
        for block in [32, 64, 4096, 9984] {
            let mut d = Digest::default();
            for chunk in bytes.chunks(block) {
                d.update(chunk);
            }
            assert_eq!(d.finish(), digest(&bytes), "blocks of {block}");
        }
    }

    #[test]
    fn a_digest_tells_apart_one_changed_byte_and_a_different_length() {
        let bytes = b"feeds:\n  a:\n    url: https://example.com/a\n".repeat(50);
        let base = digest(&bytes);
        for at in [0, 1, 31, 32, 33, bytes.len() - 1] {
            let mut changed = bytes.clone();
            changed[at] ^= 1;
            assert_ne!(digest(&changed), base, "byte {at}");
        }
        assert_ne!(digest(&bytes[..bytes.len() - 1]), base);
        let mut longer = bytes.clone();
        longer.push(0);
        assert_ne!(digest(&longer), base);
    }
}
