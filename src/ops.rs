//! The transaction: every change to feeds.yaml goes through [`ConfigManager::transaction`]:
//! lock feeds.lock → read feeds.yaml → change the lossless document → write atomically
//! → unlock. Readers ([`ConfigManager::load`]) take no lock: the atomic rename means they
//! always see a whole file.
//!
//! Editors do not take our lock, so right before the rename the file is checked to still
//! be exactly what was read (inode, size, mtime, content); if it is not, the transaction
//! is redone on the new content, a bounded number of times.
//!
//! A dry run ([`ConfigManager::with_dry_run`]) computes the same changes on the current
//! file without the lock and writes nothing, not even the config directory.

use std::fs;
use std::io;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use crate::audit;
use crate::crypto::{self, Credentials};
use crate::document::{Change, EditError, FeedsDocument, FxHasher, Patch};
use crate::error::{Error, Result};
use crate::feed::{Feed, suggest};
use crate::interchange::{self, Existing, Item, Outcome};
use crate::paths::Paths;
use crate::store::atomic::{self, Check};
use crate::store::lock;

/// How long to wait before deciding that a file that does not parse is not just being
/// saved by another program.
const SETTLE: Duration = Duration::from_millis(25);

/// How often a transaction is tried when feeds.yaml keeps changing under it.
const MAX_ATTEMPTS: u32 = 10;

/// A pause before redoing a transaction, growing with each attempt and varied per process,
/// so that a program saving in bursts can finish instead of colliding with us again.
fn backoff(attempt: u32) -> Duration {
    let jitter = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos())
        ^ std::process::id();
    Duration::from_micros(u64::from(attempt) * 2_000 + u64::from(jitter % 3_000))
}

/// Reads and changes the feeds of one config directory.
pub struct ConfigManager {
    paths: Paths,
    lock_timeout: Duration,
    on_lock_wait: Box<dyn Fn(&Path)>,
    on_redo: Box<dyn Fn(&Path)>,
    on_warning: Box<dyn Fn(&str)>,
    dry_run: bool,
    trace: Box<dyn Fn(&str)>,
}

/// What one pass of [`ConfigManager::rewrite`] decided: write this text, or nothing.
pub(crate) enum Step<T> {
    Write(String, T),
    Keep(T),
}

/// A file as read: its bytes, identity (device, inode, size, mtime) and content digest,
/// to detect changes made behind our back. Two snapshots are equal when identity and
/// digest are; the bytes may have been handed on (to the parser) meanwhile.
#[derive(Debug)]
pub(crate) struct Snapshot {
    pub(crate) bytes: Option<Vec<u8>>,
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
pub(crate) fn unchanged_since(path: &Path, before: &Snapshot, check: Check) -> Result<bool> {
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

impl ConfigManager {
    pub fn new(paths: Paths) -> ConfigManager {
        ConfigManager {
            paths,
            lock_timeout: Duration::from_secs(30),
            on_lock_wait: Box::new(|_| {}),
            on_redo: Box::new(|_| {}),
            on_warning: Box::new(|_| {}),
            dry_run: false,
            trace: Box::new(|_| {}),
        }
    }

    /// Transactions compute their changes but write nothing.
    pub fn with_dry_run(mut self, dry_run: bool) -> ConfigManager {
        self.dry_run = dry_run;
        self
    }

    pub fn is_dry_run(&self) -> bool {
        self.dry_run
    }

    /// Receives what the transaction does, step by step (lock, read, write, retry), with
    /// timings: the `--verbose` output.
    pub fn with_trace(mut self, f: impl Fn(&str) + 'static) -> ConfigManager {
        self.trace = Box::new(f);
        self
    }

    pub fn with_lock_timeout(mut self, timeout: Duration) -> ConfigManager {
        self.lock_timeout = timeout;
        self
    }

    /// Called once when the lock is not granted within a second.
    pub fn on_lock_wait(mut self, f: impl Fn(&Path) + 'static) -> ConfigManager {
        self.on_lock_wait = Box::new(f);
        self
    }

    /// Called each time feeds.yaml changed behind our back and the change is redone.
    pub fn on_redo(mut self, f: impl Fn(&Path) + 'static) -> ConfigManager {
        self.on_redo = Box::new(f);
        self
    }

    /// Called with a message when something went wrong that did not stop the change.
    pub fn on_warning(mut self, f: impl Fn(&str) + 'static) -> ConfigManager {
        self.on_warning = Box::new(f);
        self
    }

    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// Reads the feeds without locking. A missing or empty file has no feeds.
    pub fn load(&self) -> Result<FeedsDocument> {
        let path = self.paths.feeds();
        let snapshot = read_snapshot(&path)?;
        parse(&path, snapshot.bytes.unwrap_or_default())
    }

    /// Runs `change` on the current document under the lock and writes the result.
    ///
    /// `change` may run more than once (if the file changes behind our back); it must
    /// only decide and edit, not print. Returns what `change` returned. When the document
    /// is unchanged nothing is written.
    pub fn transaction<T>(&self, change: impl FnMut(&mut FeedsDocument) -> Result<T>) -> Result<T> {
        self.commit(change, |_| Vec::new())
    }

    /// [`transaction`](Self::transaction), then, once the new file is on disk and while
    /// the lock is still held, appends what `record` says about the outcome to audit.log,
    /// so that the log's order is the order of the changes. Runs `record` once, and only
    /// when something was written.
    pub fn commit<T>(
        &self,
        mut change: impl FnMut(&mut FeedsDocument) -> Result<T>,
        record: impl FnOnce(&T) -> Vec<audit::Entry>,
    ) -> Result<T> {
        let path = self.paths.feeds();
        let trace = &*self.trace;
        if self.dry_run {
            let started = Instant::now();
            let mut doc = self.load()?;
            trace(&format!(
                "dry run: read {} ({} feeds) without the lock in {:.1?}",
                path.display(),
                doc.len(),
                started.elapsed()
            ));
            let started = Instant::now();
            let out = change(&mut doc)?;
            trace(&format!(
                "dry run: changes computed in {:.1?}; nothing written",
                started.elapsed()
            ));
            return Ok(out);
        }
        self.rewrite(
            &path,
            &self.paths.feeds_lock(),
            |bytes| {
                let started = Instant::now();
                let size = bytes.len();
                let mut doc = parse(&path, bytes)?;
                trace(&format!(
                    "read {} ({size} bytes, {} feeds) in {:.1?}",
                    path.display(),
                    doc.len(),
                    started.elapsed()
                ));
                let started = Instant::now();
                let out = change(&mut doc)?;
                trace(&format!("changes computed in {:.1?}", started.elapsed()));
                Ok(if doc.is_edited() {
                    Step::Write(doc.into_text(), out)
                } else {
                    Step::Keep(out)
                })
            },
            record,
        )
    }

    /// The locked read → change → atomic write loop every file of inkwell goes through
    /// (feeds.yaml under feeds.lock, config.yaml under config.lock).
    ///
    /// `step` gets the file's bytes (empty when it does not exist) and decides what to
    /// write. Right before the file is replaced it is checked to still be what was read;
    /// if another program changed it, `step` runs again on the new bytes, after a short
    /// random pause, at most [`MAX_ATTEMPTS`] times. A file `step` finds malformed is
    /// read again, the same way, while it is still changing (an editor in the middle of
    /// saving it). Once the new file is durable, and still under the lock, `record`'s
    /// entries are appended to audit.log, so its order is the order of the changes.
    pub(crate) fn rewrite<T>(
        &self,
        path: &Path,
        lock_path: &Path,
        mut step: impl FnMut(Vec<u8>) -> Result<Step<T>>,
        record: impl FnOnce(&T) -> Vec<audit::Entry>,
    ) -> Result<T> {
        let trace = &*self.trace;
        self.paths.ensure_dir()?;
        let started = Instant::now();
        let _guard = lock::acquire(lock_path, self.lock_timeout, &*self.on_lock_wait)?;
        trace(&format!(
            "lock on {} acquired in {:.1?}",
            lock_path.display(),
            started.elapsed()
        ));
        for attempt in 1..=MAX_ATTEMPTS {
            if attempt > 1 {
                (self.on_redo)(path);
                thread::sleep(backoff(attempt - 1));
            }
            let mut before = read_snapshot(path)?;
            let bytes = before.bytes.take().unwrap_or_default();
            let (text, out) = match step(bytes) {
                Ok(Step::Write(text, out)) => (text, out),
                Ok(Step::Keep(out)) => {
                    trace("no change; nothing written");
                    return Ok(out);
                }
                Err(e @ Error::Malformed { .. }) if attempt < MAX_ATTEMPTS => {
                    thread::sleep(SETTLE);
                    if unchanged_since(path, &before, Check::Full)? {
                        return Err(e);
                    }
                    continue;
                }
                Err(e) => return Err(e),
            };
            let started = Instant::now();
            atomic::remove_stale_temps(path)?;
            let mut unchanged = |p: &Path, check| unchanged_since(p, &before, check);
            if atomic::write(path, text.as_bytes(), &mut unchanged)? {
                trace(&format!(
                    "wrote {} ({} bytes) in {:.1?}",
                    path.display(),
                    text.len(),
                    started.elapsed()
                ));
                self.log(&record(&out));
                return Ok(out);
            }
            trace(&format!(
                "attempt {attempt}: {} changed behind our back; redoing the change on the new content",
                path.display()
            ));
        }
        Err(Error::Conflict {
            path: path.to_path_buf(),
            attempts: MAX_ATTEMPTS,
        })
    }

    /// Lets `session` rewrite feeds.yaml by hand while the lock is held, so inkwell writes
    /// wait meanwhile (as with `visudo` or `crontab -e`). `session` gets the current bytes
    /// (which may be malformed: fixing them is what this is for) and returns the new bytes,
    /// or `None` to leave the file alone. The new text must parse. It is installed only if
    /// no program that ignores the lock changed feeds.yaml meanwhile; otherwise nothing is
    /// written and the error says so. Returns whether anything was written.
    pub fn edit(
        &self,
        session: impl FnOnce(&Path, &[u8]) -> Result<Option<Vec<u8>>>,
    ) -> Result<bool> {
        let path = self.paths.feeds();
        self.paths.ensure_dir()?;
        let _guard = lock::acquire(
            &self.paths.feeds_lock(),
            self.lock_timeout,
            &*self.on_lock_wait,
        )?;
        atomic::remove_stale_temps(&path)?;
        let before = read_snapshot(&path)?;
        let original = before.bytes.clone().unwrap_or_default();
        let Some(new) = session(&path, &original)? else {
            return Ok(false);
        };
        if new == original {
            return Ok(false);
        }
        let edited = parse(&path, new)?;
        // The old file may be malformed (fixing it is what `edit` is for): then there is
        // nothing to compare with, and the history says nothing about the fix.
        let history = match FeedsDocument::from_bytes(original) {
            Ok(old) => audit::differences(&old, &edited),
            Err(_) => Vec::new(),
        };
        let text = crate::document::refresh_checksum(edited.into_text());
        let mut unchanged = |p: &Path, check| unchanged_since(p, &before, check);
        if atomic::write(&path, text.as_bytes(), &mut unchanged)? {
            self.log(&history);
            Ok(true)
        } else {
            Err(Error::ChangedDuringEdit { path, kept: None })
        }
    }

    /// Takes another sidecar lock (config.lock) with this manager's timeout and wait notice.
    pub fn lock(&self, path: &Path) -> Result<lock::LockGuard> {
        self.paths.ensure_dir()?;
        lock::acquire(path, self.lock_timeout, &*self.on_lock_wait)
    }

    /// Appends to audit.log. The change itself is already durable, so a failure here is
    /// reported as a warning rather than as a failed command.
    pub fn log(&self, entries: &[audit::Entry]) {
        let path = self.paths.audit_log();
        if let Err(e) = audit::append(&path, entries) {
            (self.on_warning)(&format!(
                "the change was made, but could not be recorded in {}: {e}",
                path.display()
            ));
        }
    }

    /// Adds a feed. Returns the names of other feeds that already have this URL.
    pub fn add(&self, name: &str, feed: Feed) -> Result<Vec<String>> {
        self.add_with(name, feed, None, false)
            .map(Option::unwrap_or_default)
    }

    /// Adds a feed unless a feed of that name already has this URL, in which case
    /// nothing changes and `None` is returned. The same name with another URL is still
    /// [`Error::AlreadyExists`].
    pub fn add_unless_present(&self, name: &str, feed: Feed) -> Result<Option<Vec<String>>> {
        self.add_with(name, feed, None, true)
    }

    /// Adds a feed, with `credentials` encrypted under the key in `.keyfile` (created
    /// here, under the lock, if there is none yet; a dry run creates nothing). With
    /// `exist_ok`, a feed of that name with this URL is left alone and `None` returned.
    /// Otherwise returns the names of other feeds that already have this URL.
    pub fn add_with(
        &self,
        name: &str,
        mut feed: Feed,
        credentials: Option<&Credentials>,
        exist_ok: bool,
    ) -> Result<Option<Vec<String>>> {
        if let Some(c) = credentials {
            feed.auth.kind = c.kind().into();
        }
        let logged = feed.clone();
        self.commit(
            |doc| {
                if exist_ok && doc.get(name).is_some_and(|f| f.url == feed.url) {
                    return Ok(None);
                }
                if let Some(c) = credentials
                    && !self.dry_run
                {
                    feed.auth = c.encrypt(&crypto::load_or_create(&self.paths)?);
                }
                self.add_in(doc, name, &feed).map(Some)
            },
            |added| match added {
                Some(_) => vec![audit::add_feed(name, &logged)],
                None => Vec::new(),
            },
        )
    }

    fn add_in(&self, doc: &mut FeedsDocument, name: &str, feed: &Feed) -> Result<Vec<String>> {
        // A legacy key such as `My Show` is the same feed to inkwell-cli as `my-show`.
        if let Some(other) = doc
            .names()
            .find(|n| *n != name && crate::feed::normalize_name(n).ok().as_deref() == Some(name))
        {
            return Err(Error::AlreadyExists {
                url: doc.get(other).map(|f| f.url.clone()).unwrap_or_default(),
                name: other.to_string(),
            });
        }
        let same_url: Vec<String> = doc.names_with_url(&feed.url).map(str::to_string).collect();
        self.apply(
            doc,
            &[Change::Add {
                name: name.to_string(),
                feed: feed.clone(),
            }],
        )?;
        Ok(same_url)
    }

    /// Removes all the named feeds, or none if any is missing. `expected` pins each
    /// feed's URL as the user confirmed it; a feed that changed since is not removed.
    pub fn remove(
        &self,
        names: &[String],
        expected: Option<&[(String, Feed)]>,
    ) -> Result<Vec<(String, Feed)>> {
        self.remove_with(names, expected, false)
            .map(|(removed, _)| removed)
    }

    /// [`remove`](Self::remove), where with `missing_ok` unknown names are skipped and
    /// returned second instead of failing the whole removal.
    pub fn remove_with(
        &self,
        names: &[String],
        expected: Option<&[(String, Feed)]>,
        missing_ok: bool,
    ) -> Result<Removal> {
        self.commit(
            |doc| {
                let mut removed = Vec::new();
                let mut missing = Vec::new();
                for raw in names {
                    let name = match resolve_name(doc, raw) {
                        Ok(name) => name,
                        Err(Error::NotFound { .. }) if missing_ok => {
                            missing.push(raw.clone());
                            continue;
                        }
                        Err(e) => return Err(e),
                    };
                    if removed.iter().any(|(n, _): &(String, Feed)| *n == name) {
                        continue;
                    }
                    let feed = doc.get(&name).cloned().expect("resolved names exist");
                    if let Some(expected) = expected
                        && !expected.iter().any(|(n, f)| *n == name && *f == feed)
                    {
                        return Err(Error::ChangedSinceConfirmed { name });
                    }
                    removed.push((name, feed));
                }
                let changes: Vec<Change> = removed
                    .iter()
                    .map(|(n, _)| Change::Remove { name: n.clone() })
                    .collect();
                self.apply(doc, &changes)?;
                Ok((removed, missing))
            },
            |(removed, _)| {
                removed
                    .iter()
                    .map(|(n, f)| audit::remove_feed(n, f))
                    .collect()
            },
        )
    }

    /// Changes some fields of a feed; returns the feed before and after.
    pub fn update(&self, raw_name: &str, patch: &Patch) -> Result<(String, Feed, Feed)> {
        self.update_with(raw_name, patch, None)
    }

    /// Changes some fields of a feed and, with `credentials`, sets its authentication
    /// (encrypted as in [`add_with`](Self::add_with)).
    pub fn update_with(
        &self,
        raw_name: &str,
        patch: &Patch,
        credentials: Option<&Credentials>,
    ) -> Result<(String, Feed, Feed)> {
        self.commit(
            |doc| {
                let name = resolve_name(doc, raw_name)?;
                let before = doc.get(&name).cloned().expect("resolved names exist");
                let mut patch = patch.clone();
                if let Some(c) = credentials {
                    patch.auth = Some(if self.dry_run {
                        crate::feed::Auth {
                            kind: c.kind().into(),
                            ..crate::feed::Auth::default()
                        }
                    } else {
                        c.encrypt(&crypto::load_or_create(&self.paths)?)
                    });
                }
                self.apply(
                    doc,
                    &[Change::Update {
                        name: name.clone(),
                        patch,
                    }],
                )?;
                let after = doc.get(&name).cloned().expect("updated feed exists");
                Ok((name, before, after))
            },
            |(name, before, after)| vec![audit::update_feed(name, before, after)],
        )
    }

    /// Renames a feed. With `force`, a feed already named `to` is replaced. `display_name`
    /// (the name as typed, when it differs from `to`) is stored as the feed's display name,
    /// as inkwell-cli 0.26 does. Returns the resolved old name and, if one was replaced,
    /// the feed that was.
    pub fn rename(
        &self,
        raw_from: &str,
        to: &str,
        display_name: Option<&str>,
        force: bool,
    ) -> Result<(String, Option<Feed>)> {
        let result = self.commit(
            |doc| {
                let from = resolve_name(doc, raw_from)?;
                let mut changes = Vec::new();
                let replaced = if from != to {
                    doc.get(to).cloned()
                } else {
                    None
                };
                if from == to {
                    return Ok((from, replaced, None));
                }
                if replaced.is_some() && force {
                    changes.push(Change::Remove {
                        name: to.to_string(),
                    });
                }
                changes.push(Change::Rename {
                    from: from.clone(),
                    to: to.to_string(),
                });
                if let Some(d) = display_name {
                    changes.push(Change::Update {
                        name: to.to_string(),
                        patch: Patch {
                            display_name: Some(Some(d.to_string())),
                            ..Patch::default()
                        },
                    });
                }
                self.apply(doc, &changes)?;
                let after = doc.get(to).cloned();
                Ok((from, replaced, after))
            },
            |(from, replaced, after)| match after {
                Some(feed) => vec![audit::rename_feed(from, to, feed, replaced.as_ref())],
                None => Vec::new(),
            },
        )?;
        Ok((result.0, result.1))
    }

    /// Imports checked entries in one transaction: one lock, one edit of the document
    /// (one parse, one splice, one re-parse, however many feeds) and one write.
    /// Entries that clash with configured feeds fail the whole import unless `existing`
    /// says to skip or update them.
    pub fn import(&self, source: &str, items: &[Item], existing: Existing) -> Result<Vec<Outcome>> {
        self.commit(
            |doc| {
                let (changes, outcomes) =
                    interchange::plan(doc, items, existing).map_err(|problems| {
                        Error::BadImport {
                            source: source.to_string(),
                            problems,
                        }
                    })?;
                if !changes.is_empty() {
                    self.apply(doc, &changes)?;
                }
                Ok(outcomes)
            },
            |outcomes| {
                outcomes
                    .iter()
                    .filter_map(|o| match o {
                        Outcome::Added { name, feed } => Some(audit::add_feed(name, feed)),
                        Outcome::Updated {
                            name,
                            before,
                            after,
                        } => Some(audit::update_feed(name, before, after)),
                        _ => None,
                    })
                    .collect()
            },
        )
    }

    /// Applies document changes, turning edit errors into user-facing ones.
    pub fn apply(&self, doc: &mut FeedsDocument, changes: &[Change]) -> Result<()> {
        doc.apply(changes).map_err(|e| match e {
            EditError::Exists { name, url } => Error::AlreadyExists { name, url },
            EditError::Missing { name } => Error::NotFound {
                suggestion: suggest(&name, doc.names()),
                name,
            },
            EditError::Unsupported { message } => Error::Malformed {
                path: self.paths.feeds(),
                location: None,
                message,
            },
            EditError::Check { message } => Error::EditCheck {
                path: self.paths.feeds(),
                message,
            },
        })
    }
}

/// The feeds removed, and the names skipped as missing.
pub type Removal = (Vec<(String, Feed)>, Vec<String>);

/// Finds a feed by its exact key, the normalized form of what was typed, or its display
/// name ([`crate::feed::resolve`]). Never fuzzy: a miss is an error with a "did you mean"
/// hint, and nothing is done.
pub fn resolve_name(doc: &FeedsDocument, raw: &str) -> Result<String> {
    if doc.get(raw).is_some() {
        return Ok(raw.to_string());
    }
    if let Ok(normalized) = crate::feed::normalize_name(raw)
        && doc.get(&normalized).is_some()
    {
        return Ok(normalized);
    }
    let feeds: Vec<(&str, &Feed)> = doc.feeds().collect();
    if let Some(name) = crate::feed::resolve(feeds.iter().copied(), raw) {
        return Ok(name);
    }
    Err(Error::NotFound {
        name: raw.to_string(),
        suggestion: suggest(raw, doc.names()),
    })
}

fn parse(path: &Path, bytes: Vec<u8>) -> Result<FeedsDocument> {
    FeedsDocument::from_bytes(bytes).map_err(|e| Error::Malformed {
        path: path.to_path_buf(),
        location: e.location,
        message: e.message,
    })
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

pub(crate) fn read_snapshot(path: &Path) -> Result<Snapshot> {
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
