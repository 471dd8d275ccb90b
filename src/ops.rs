//! The transaction. Every change to feeds.yaml or config.yaml, whether computed by a
//! command or typed by a person in an editor, goes through [`ConfigManager::transaction`]:
//! lock the file's sidecar lock → read the file → change it → replace it atomically →
//! append to audit.log → unlock. Readers ([`ConfigManager::load`],
//! [`ConfigManager::load_config`], [`ConfigManager::shared`]) take the same lock shared:
//! inkwell's own atomic replace needs no lock to be read whole, but inkwell-cli saves in
//! place (truncate, then write) under the lock, and on FUSE file systems without an
//! atomic exchange the replace happens in two steps. Readers never create the lock file:
//! where there is none, no writer that locks has used the file, and they read without it
//! (checking that none appeared meanwhile); `-v` says so.
//!
//! A file found missing or empty although it existed a moment ago (the lock file was
//! already there, or a temp file sits next to it) is looked for again for a short while
//! before it counts as empty, by readers and writers alike: `git checkout` and some
//! editors delete the file and then write it anew, without our lock.
//!
//! Editors do not take our lock, so right before the replace the file is checked to still
//! be exactly what was read (inode, size, mtime, content); if it is not, a computed change
//! is redone on the new content, a bounded number of times, and a typed one is refused
//! (and kept by the editor session).
//!
//! A dry run ([`ConfigManager::with_dry_run`]) computes the same change on the current
//! file without the lock and writes nothing, not even the config directory.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use crate::audit;
use crate::crypto::{self, Credentials};
use crate::error::{Error, Result};
use crate::feed::{Feed, FeedName, FeedUrl, suggest};
use crate::feeds::{Change, EditError, FeedsDocument, Patch};
use crate::interchange::{self, Existing, Item, Outcome};
use crate::paths::Paths;
use crate::store::atomic::{self, Check};
use crate::store::lock::{self, ReadLock};
use crate::store::snapshot::{
    MISSING_SETTLE, Snapshot, read_settled, save_in_progress, unchanged_since,
};
use crate::yaml::Spliced;

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

/// Reads and changes the files of one config directory: feeds.yaml and config.yaml.
pub struct ConfigManager {
    paths: Paths,
    lock_timeout: Duration,
    on_lock_wait: Box<dyn Fn(&Path)>,
    on_redo: Box<dyn Fn(&Path)>,
    on_warning: Box<dyn Fn(&str)>,
    dry_run: bool,
    trace: Box<dyn Fn(&str)>,
    /// Whether anyone receives the trace (`--verbose`).
    tracing: bool,
    /// Set once a transaction has put a new file in place.
    changed: Cell<bool>,
    /// The text of a key created for the change in progress, to take it away again if
    /// the change fails ([`crypto::remove_created`]).
    created_key: Cell<Option<String>>,
}

/// A file inkwell changes, each guarded by its own sidecar lock (the one inkwell-cli
/// takes too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// feeds.yaml, under feeds.lock.
    Feeds,
    /// config.yaml, under config.lock.
    Config,
}

impl Target {
    /// The file and its lock.
    fn paths(self, paths: &Paths) -> (PathBuf, PathBuf) {
        match self {
            Target::Feeds => (paths.feeds(), paths.feeds_lock()),
            Target::Config => (paths.config(), paths.config_lock()),
        }
    }
}

/// What a change decided: write this edit of the text read, or nothing.
pub enum Step<T> {
    Write(Spliced, T),
    Keep(T),
}

/// What a transaction does when the file changed behind its back before the replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redo {
    /// Run the change again on the new content: it is computed from the text.
    OnChange,
    /// Fail with [`Error::ChangedDuringEdit`]: the change was typed by a person, once.
    Never,
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
            tracing: false,
            changed: Cell::new(false),
            created_key: Cell::new(None),
        }
    }

    /// Transactions compute their changes but write nothing.
    pub fn with_dry_run(mut self, dry_run: bool) -> ConfigManager {
        self.dry_run = dry_run;
        self
    }

    /// Receives what the transaction does, step by step (lock, read, write, retry), with
    /// timings: the `--verbose` output.
    pub fn with_trace(mut self, f: impl Fn(&str) + 'static) -> ConfigManager {
        self.trace = Box::new(f);
        self.tracing = true;
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

    /// Warns through [`on_warning`](Self::on_warning) when other users can change files
    /// in the config directory (it is world-writable, or owned by someone else): they
    /// could replace what inkwell reads. Such a directory's `.keyfile` is refused
    /// ([`crypto::load`]). Call it once per command.
    pub fn warn_if_exposed(&self) {
        if let Some(reason) = self.paths.exposure() {
            (self.on_warning)(&format!(
                "the config directory {} {reason}: other users can replace or add files in it; make it private to its owner (chmod 700, chown)",
                self.paths.dir().display()
            ));
        }
    }

    /// Whether a transaction of this manager put a new file in place: a failure after
    /// that is "the change was made, but ..." ([`Error::AfterChange`]).
    pub fn changed(&self) -> bool {
        self.changed.get()
    }

    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// Reads the feeds, under the shared lock. A missing or empty file has no feeds.
    pub fn load(&self) -> Result<FeedsDocument> {
        self.read_shared(Target::Feeds, |path, bytes| {
            parse(path, bytes.unwrap_or_default())
        })
    }

    /// Reads config.yaml, under the shared lock on config.lock. A missing file is an
    /// empty one.
    pub fn load_config(&self) -> Result<crate::settings::Loaded> {
        self.read_shared(Target::Config, |path, bytes| {
            let exists = bytes.is_some();
            crate::settings::parse(path, bytes.unwrap_or_default(), exists)
        })
    }

    /// Reads `target` with [`shared`](Self::shared) and hands its bytes (`None` when
    /// it does not exist) to `parse`. A file `parse` finds malformed is read again while
    /// it is still changing (an editor, which takes no lock, in the middle of saving it).
    fn read_shared<T>(
        &self,
        target: Target,
        mut parse: impl FnMut(&Path, Option<Vec<u8>>) -> Result<T>,
    ) -> Result<T> {
        self.shared(target, |path, lock_exists| {
            let mut attempt = 1;
            loop {
                let mut snapshot = self.read_file(path, lock_exists)?;
                match parse(path, snapshot.bytes.take()) {
                    Err(e @ Error::Malformed { .. }) if attempt < MAX_ATTEMPTS => {
                        thread::sleep(SETTLE);
                        if unchanged_since(path, &snapshot, &[], Check::Quick)? {
                            return Err(e);
                        }
                        attempt += 1;
                    }
                    other => return other,
                }
            }
        })
    }

    /// Runs `read` under the shared lock on `target`'s sidecar lock file, with the
    /// writers' timeout and waiting message: no writer that takes the lock (inkwell,
    /// inkwell-cli) is saving meanwhile. `read` gets the file's path and whether the lock
    /// file exists (a sign that the file did, for [`read_file`](Self::read_file)).
    ///
    /// Readers never create the lock file. Where there is none, no writer that locks
    /// has used the file yet (each creates it before it writes): `read` runs without the
    /// lock, and if a lock file has appeared by the time it is done, once more under the
    /// lock. Where the lock file cannot be opened (no permission), `read` runs without
    /// the lock. The trace says which.
    pub fn shared<T>(
        &self,
        target: Target,
        mut read: impl FnMut(&Path, bool) -> Result<T>,
    ) -> Result<T> {
        let trace = &*self.trace;
        let (path, lock_path) = target.paths(&self.paths);
        // The config dir's own lock file, and for a symlinked file the one next to its
        // real file, which writers through other config dirs take.
        let locks = lock::reader_locks(&path, &lock_path)?;
        let names = || {
            locks
                .iter()
                .map(|l| l.display().to_string())
                .collect::<Vec<_>>()
                .join(" or ")
        };
        let lock_exists = || locks.iter().any(|l| l.symlink_metadata().is_ok());
        if !lock_exists() {
            let out = read(&path, false);
            if !lock_exists() {
                trace(&format!(
                    "read {} without the lock: there is no {}, so no writer that locks has used the file, and none started during the read",
                    path.display(),
                    names()
                ));
                return out;
            }
            trace(&format!(
                "{} appeared during the read of {}: reading again under the lock",
                names(),
                path.display()
            ));
        }
        let started = Instant::now();
        let lock = lock::acquire_shared_all(&locks, self.lock_timeout, &*self.on_lock_wait)?;
        for (lock_path, held) in &lock {
            match held {
                ReadLock::Held(_) => trace(&format!(
                    "shared lock on {} acquired in {:.1?}",
                    lock_path.display(),
                    started.elapsed()
                )),
                ReadLock::Unavailable(e) => trace(&format!(
                    "reading {} without the lock on {}: it cannot be opened ({e})",
                    path.display(),
                    lock_path.display()
                )),
            }
        }
        let out = read(&path, true);
        drop(lock);
        out
    }

    /// Reads `path`. A file found missing or empty although there are signs that it
    /// existed a moment ago is looked for again, for up to [`MISSING_SETTLE`], before it
    /// counts as empty. The signs: its lock file existed before this command took it
    /// (inkwell or inkwell-cli has used the file; `lock_existed`), or a temp file
    /// `.<name>.*` sits next to it (a save in progress).
    fn read_file(&self, path: &Path, lock_existed: bool) -> Result<Snapshot> {
        let signs = || {
            lock_existed || {
                let real = atomic::resolve(path).unwrap_or_else(|_| path.to_path_buf());
                let dir = match real.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                real.file_name()
                    .is_some_and(|n| save_in_progress(dir, &n.to_string_lossy()))
            }
        };
        let (snapshot, waited) = read_settled(path, signs)?;
        if let Some(waited) = waited {
            let back = snapshot.bytes.as_ref().is_some_and(|b| !b.is_empty());
            (self.trace)(&format!(
                "{} was missing or empty although it existed a moment ago; looked again for {:.1?} (at most {:?}): {}",
                path.display(),
                waited,
                MISSING_SETTLE,
                if back {
                    "it is back"
                } else {
                    "still missing or empty, so read as empty"
                }
            ));
        }
        Ok(snapshot)
    }

    /// The transaction: lock → read → change → replace → audit, for `target`.
    ///
    /// `change` gets the file's path and bytes (empty when it does not exist) and decides
    /// what to write. Right before the file is replaced it is checked to still be what was
    /// read. If another program changed it, then with [`Redo::OnChange`] `change` runs
    /// again on the new bytes, after a short random pause, at most [`MAX_ATTEMPTS`] times;
    /// a file `change` finds malformed is read again the same way while it is still
    /// changing (an editor in the middle of saving it). Once the new file is durable, and
    /// still under the lock, `record`'s entries are appended to audit.log, so its order is
    /// the order of the changes; `record` runs once, and only when something was written.
    pub fn transaction<T>(
        &self,
        target: Target,
        redo: Redo,
        mut change: impl FnMut(&Path, Vec<u8>) -> Result<Step<T>>,
        record: impl FnOnce(&T) -> Vec<audit::Entry>,
    ) -> Result<T> {
        let trace = &*self.trace;
        let (path, lock_path) = target.paths(&self.paths);
        let lock_existed = lock_path.symlink_metadata().is_ok();
        if self.dry_run {
            let started = Instant::now();
            let bytes = self
                .read_file(&path, lock_existed)?
                .bytes
                .unwrap_or_default();
            let (Step::Write(_, out) | Step::Keep(out)) = change(&path, bytes)?;
            trace(&format!(
                "dry run: {} read without the lock and changes computed in {:.1?}; nothing written",
                path.display(),
                started.elapsed()
            ));
            return Ok(out);
        }

        // 1. Lock, and clear what a killed inkwell process left behind.
        self.paths.ensure_dir()?;
        // Outside the lock, which other writers wait for.
        if let Some(mount) = crate::store::fs_kind::of_dir(self.paths.dir(), self.tracing) {
            trace(&format!("config dir file system: {}", mount.describe()));
            if let Some(warning) = mount.lock_warning() {
                (self.on_warning)(&warning);
            }
        }
        let started = Instant::now();
        let mut guard =
            lock::acquire_with_real(&path, &lock_path, self.lock_timeout, &*self.on_lock_wait)?;
        trace(&format!(
            "lock on {} acquired in {:.1?}",
            lock_path.display(),
            started.elapsed()
        ));
        // A change that could not be recorded is not begun.
        audit::refuse_unusable(&self.paths.audit_log())?;
        atomic::remove_stale_temps(&guard)?;
        // A device, a FIFO or a file the user may not write is refused before any work
        // (before an editor opens on it).
        atomic::check_replaceable(&path)?;

        for attempt in 1..=MAX_ATTEMPTS {
            if attempt > 1 {
                (self.on_redo)(&path);
                thread::sleep(backoff(attempt - 1));
            }
            // 2. Read (looking again if the file is missing for a moment).
            let mut before = self.read_file(&path, lock_existed)?;
            let bytes = before.bytes.take().unwrap_or_default();
            // 3. Change.
            let (new, out) = match change(&path, bytes) {
                Ok(Step::Write(new, out)) => (new, out),
                Ok(Step::Keep(out)) => {
                    trace("no change; nothing written");
                    return Ok(out);
                }
                Err(e @ Error::Malformed { .. })
                    if redo == Redo::OnChange && attempt < MAX_ATTEMPTS =>
                {
                    // The bytes went to the parser: an editor still saving the file
                    // changes its identity (size, mtime or inode).
                    thread::sleep(SETTLE);
                    if unchanged_since(&path, &before, &[], Check::Quick)? {
                        return Err(e);
                    }
                    continue;
                }
                Err(e) => return Err(e),
            };
            // 4. Replace, if the file is still what was read.
            let started = Instant::now();
            let read = new.old();
            let mut unchanged = |p: &Path, check| unchanged_since(p, &before, read, check);
            match atomic::replace(guard, &new.pieces(), &mut unchanged)? {
                atomic::Outcome::Replaced { held } => {
                    self.changed.set(true);
                    trace(&format!(
                        "wrote {} ({} bytes) in {:.1?}",
                        path.display(),
                        new.len(),
                        started.elapsed()
                    ));
                    // 5. Audit, still under the lock; then release it and make the rename
                    // durable. A late failure (the new file is in place) is reported once
                    // the change is recorded, and a record that cannot be written is one
                    // too.
                    let logged = self.log(&record(&out));
                    let late = held.release().err();
                    return match (late, logged) {
                        (None, Ok(())) => Ok(out),
                        (Some(e), Ok(())) => Err(e),
                        (late, Err(e)) => Err(Error::AfterChange {
                            cause: Box::new(Error::AuditNotWritten {
                                cause: Box::new(e),
                                earlier: late.map(|l| match l {
                                    Error::AfterChange { cause } => cause,
                                    other => Box::new(other),
                                }),
                            }),
                        }),
                    };
                }
                atomic::Outcome::Stale(back) => guard = back,
            }
            if redo == Redo::Never {
                return Err(Error::ChangedDuringEdit { path, kept: None });
            }
            trace(&format!(
                "attempt {attempt}: {} changed behind our back; redoing the change on the new content",
                path.display()
            ));
        }
        Err(Error::Conflict {
            path,
            attempts: MAX_ATTEMPTS,
        })
    }

    /// A [`transaction`](Self::transaction) on feeds.yaml that runs `change` on the
    /// parsed document; nothing is written when the document is unchanged. `change` may
    /// run more than once; it must only decide and edit, not print.
    fn commit<T>(
        &self,
        mut change: impl FnMut(&mut FeedsDocument) -> Result<T>,
        record: impl FnOnce(&T) -> Vec<audit::Entry>,
    ) -> Result<T> {
        let trace = &*self.trace;
        let result = self.transaction(
            Target::Feeds,
            Redo::OnChange,
            |path, bytes| {
                let started = Instant::now();
                let size = bytes.len();
                let mut doc = parse(path, bytes)?;
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
                    Step::Write(doc.into_spliced(), out)
                } else {
                    Step::Keep(out)
                })
            },
            record,
        );
        // A key made for a change that was not made goes again: nothing was changed.
        if result
            .as_ref()
            .is_err_and(|e| !matches!(e, Error::AfterChange { .. }))
        {
            self.forget_created_key();
        }
        self.created_key.set(None);
        result
    }

    /// Lets `session` rewrite feeds.yaml by hand while the lock is held, so inkwell writes
    /// wait meanwhile (as with `visudo` or `crontab -e`). `session` gets the path and the
    /// current bytes (which may be malformed: fixing them is what this is for) and returns
    /// the new bytes, or `None` to leave the file alone. The new text must parse. It is
    /// installed only if no program that ignores the lock changed feeds.yaml meanwhile;
    /// otherwise nothing is written and the error says so. Returns whether anything was
    /// written.
    pub fn edit(
        &self,
        mut session: impl FnMut(&Path, &[u8]) -> Result<Option<Vec<u8>>>,
    ) -> Result<bool> {
        // Runs once: with `Redo::Never` a change behind our back is an error, not a redo.
        let written = self.transaction(
            Target::Feeds,
            Redo::Never,
            |path, original| {
                let Some(new) = session(path, &original)? else {
                    return Ok(Step::Keep(None));
                };
                if new == original {
                    return Ok(Step::Keep(None));
                }
                let edited = parse(path, new)?;
                // The old file may be malformed (fixing it is what `edit` is for): then there
                // is nothing to compare with, and the history says nothing about the fix.
                let history = match FeedsDocument::from_bytes(original.clone()) {
                    Ok(old) => audit::differences(&old, &edited),
                    Err(_) => Vec::new(),
                };
                let text = crate::yaml::checksum::refresh(edited.into_text());
                Ok(Step::Write(
                    Spliced::whole(original, text.into_bytes()),
                    Some(history),
                ))
            },
            |history| history.clone().unwrap_or_default(),
        )?;
        Ok(written.is_some())
    }

    /// Appends to audit.log, after the change is in place. A record appended without
    /// audit.log's own lock (another process held it too long) is still written: a
    /// warning. A record that cannot be written is returned: the caller reports it as
    /// "the change was made, but ..." (exit 10).
    pub fn log(&self, entries: &[audit::Entry]) -> Result<()> {
        let path = self.paths.audit_log();
        match audit::append(&path, entries)? {
            audit::Appended::Locked => {}
            audit::Appended::WithoutLock => (self.on_warning)(&format!(
                "another process held the lock on {} for more than {:?} (a stopped inkwell?); the change was recorded without its lock",
                path.display(),
                audit::LOCK_WAIT
            )),
        }
        Ok(())
    }

    /// Adds the feed `name` at `url`, with the other fields of `feed`, and
    /// `credentials` encrypted under the key in `.keyfile` (created here, under the
    /// lock, if there is none yet and the change can be made; a dry run creates
    /// nothing). With `exist_ok`, a feed of that name with this URL is left alone and
    /// `None` returned.
    /// Otherwise returns the names of other feeds that already have this URL.
    pub fn add(
        &self,
        name: &FeedName,
        url: &FeedUrl,
        mut feed: Feed,
        credentials: Option<&Credentials>,
        exist_ok: bool,
    ) -> Result<Option<Vec<String>>> {
        if let Some(c) = credentials {
            feed.auth.kind = c.kind().into();
        }
        let name = name.as_str();
        feed.url = url.as_str().to_string();
        let logged = feed.clone();
        self.commit(
            |doc| {
                if exist_ok && doc.get(name).is_some_and(|f| f.url == feed.url) {
                    return Ok(None);
                }
                if let Some(c) = credentials
                    && !self.dry_run
                {
                    let key = self.key_once_valid(doc, |trial, key| {
                        let mut feed = feed.clone();
                        feed.auth = c.encrypt(key);
                        self.add_in(trial, name, &feed).map(|_| ())
                    })?;
                    feed.auth = c.encrypt(&key);
                }
                self.add_in(doc, name, &feed).map(Some)
            },
            |added| match added {
                Some(_) => vec![audit::add_feed(name, &logged)],
                None => Vec::new(),
            },
        )
    }

    /// The key to encrypt credentials with in a change of `doc`: the one in `.keyfile`,
    /// or, where there is none yet, a new one created (under the lock the caller holds)
    /// only once `attempt`, the same change made with a throwaway key on a copy of
    /// `doc`, has succeeded: a change that fails (a duplicate name, a feed that cannot
    /// be edited) leaves no key behind.
    fn key_once_valid(
        &self,
        doc: &FeedsDocument,
        attempt: impl FnOnce(&mut FeedsDocument, &crypto::Key) -> Result<()>,
    ) -> Result<crypto::Key> {
        if let Some(key) = crypto::load(&self.paths)? {
            return Ok(key);
        }
        attempt(&mut doc.clone(), &crypto::Key::throwaway())?;
        let opens_stored = |key: &crypto::Key| doc.feeds().all(|(_, f)| key.opens(&f.auth));
        let (key, origin) = crypto::load_or_create(&self.paths, opens_stored)?;
        match origin {
            crypto::Origin::Loaded => {}
            crypto::Origin::Created(text) => self.created_key.set(Some(text)),
            crypto::Origin::Restored => (self.on_warning)(&format!(
                "{} was missing (an earlier first --auth was interrupted); installed {} as the key, as it opens every stored credential",
                self.paths.keyfile().display(),
                self.paths.keyfile_backup().display()
            )),
        }
        Ok(key)
    }

    /// After a change that failed without putting a file in place: takes away the key
    /// files this manager created for it (unless a stored credential uses the key), under
    /// the shared lock on feeds.lock, so that no writer can start using the key meanwhile.
    fn forget_created_key(&self) {
        let Some(text) = self.created_key.take() else {
            return;
        };
        if self.changed() {
            return;
        }
        let _ = self.shared(Target::Feeds, |path, _| {
            let bytes = self.read_file(path, false)?.bytes.unwrap_or_default();
            let doc = parse(path, bytes)?;
            crypto::remove_created(&self.paths, &text, |key| {
                doc.feeds()
                    .any(|(_, f)| crypto::has_secrets(&f.auth) && key.opens(&f.auth))
            });
            (self.trace)("removed the key files created for the change that failed");
            Ok(())
        });
    }

    fn add_in(&self, doc: &mut FeedsDocument, name: &str, feed: &Feed) -> Result<Vec<String>> {
        // A legacy key such as `My Show` is the same feed to inkwell-cli as `my-show`.
        // (Keys already in normalized form, nearly all of them, are skipped cheaply.)
        if let Some(other) = doc.names().find(|n| {
            *n != name
                && !crate::feed::is_normalized(n)
                && crate::feed::normalize_name(n).ok().as_deref() == Some(name)
        }) {
            return Err(Error::AlreadyExists {
                url: doc.get(other).map(|f| f.url.clone()).unwrap_or_default(),
                name: other.to_string(),
            });
        }
        // Other spellings of the URL (http/https, a trailing slash...) count too.
        let same_url: Vec<String> = doc
            .names_with_same_feed_url(&feed.url)
            .map(str::to_string)
            .collect();
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
    /// With `missing_ok`, unknown names are skipped and returned second instead of
    /// failing the whole removal.
    pub fn remove(
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

    /// Changes some fields of a feed and, with `credentials`, sets its authentication
    /// (encrypted as in [`add`](Self::add)); returns the feed before and after.
    pub fn update(
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
                        let key = self.key_once_valid(doc, |trial, key| {
                            let mut patch = patch.clone();
                            patch.auth = Some(c.encrypt(key));
                            let name = name.clone();
                            self.apply(trial, &[Change::Update { name, patch }])
                        })?;
                        c.encrypt(&key)
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
        to: &FeedName,
        display_name: Option<&str>,
        force: bool,
    ) -> Result<(String, Option<Feed>)> {
        let to = to.as_str();
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
    fn apply(&self, doc: &mut FeedsDocument, changes: &[Change]) -> Result<()> {
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
