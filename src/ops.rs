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
use std::time::{Duration, Instant, SystemTime};

use crate::document::{Change, EditError, FeedsDocument, Patch};
use crate::error::{Error, Result};
use crate::feed::{Feed, suggest};
use crate::interchange::{self, Existing, Item, Outcome};
use crate::paths::Paths;
use crate::store::{atomic, lock};

/// How often a transaction is redone when feeds.yaml changes under it.
const MAX_ATTEMPTS: u32 = 10;

/// Reads and changes the feeds of one config directory.
pub struct ConfigManager {
    paths: Paths,
    lock_timeout: Duration,
    on_lock_wait: Box<dyn Fn(&Path)>,
    dry_run: bool,
    trace: Box<dyn Fn(&str)>,
}

/// feeds.yaml as read: its bytes and identity, to detect changes made behind our back.
#[derive(Debug, PartialEq, Eq)]
struct Snapshot {
    bytes: Option<Vec<u8>>,
    identity: Option<(u64, u64, u64, Option<SystemTime>)>,
}

impl ConfigManager {
    pub fn new(paths: Paths) -> ConfigManager {
        ConfigManager {
            paths,
            lock_timeout: Duration::from_secs(30),
            on_lock_wait: Box::new(|_| {}),
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
    pub fn transaction<T>(
        &self,
        mut change: impl FnMut(&mut FeedsDocument) -> Result<T>,
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
        self.paths.ensure_dir()?;
        let started = Instant::now();
        let _guard = lock::acquire(
            &self.paths.feeds_lock(),
            self.lock_timeout,
            &*self.on_lock_wait,
        )?;
        trace(&format!(
            "lock on {} acquired in {:.1?}",
            self.paths.feeds_lock().display(),
            started.elapsed()
        ));
        for attempt in 1..=MAX_ATTEMPTS {
            let started = Instant::now();
            let before = read_snapshot(&path)?;
            let original = before.bytes.clone().unwrap_or_default();
            let mut doc = parse(&path, original.clone())?;
            trace(&format!(
                "read {} ({} bytes, {} feeds) in {:.1?}",
                path.display(),
                original.len(),
                doc.len(),
                started.elapsed()
            ));
            let started = Instant::now();
            let out = change(&mut doc)?;
            trace(&format!("changes computed in {:.1?}", started.elapsed()));
            if doc.text().as_bytes() == original.as_slice() {
                trace("no change; nothing written");
                return Ok(out);
            }
            let started = Instant::now();
            atomic::remove_stale_temps(&path)?;
            let mut unchanged = || Ok(read_snapshot(&path)? == before);
            if atomic::write(&path, doc.text().as_bytes(), &mut unchanged)? {
                trace(&format!(
                    "wrote {} ({} bytes, {} feeds) in {:.1?}",
                    path.display(),
                    doc.text().len(),
                    doc.len(),
                    started.elapsed()
                ));
                return Ok(out);
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

    /// Adds a feed. Returns the names of other feeds that already have this URL.
    pub fn add(&self, name: &str, feed: Feed) -> Result<Vec<String>> {
        self.transaction(|doc| self.add_in(doc, name, &feed))
    }

    /// Adds a feed unless a feed of that name already has this URL, in which case
    /// nothing changes and `None` is returned. The same name with another URL is still
    /// [`Error::AlreadyExists`].
    pub fn add_unless_present(&self, name: &str, feed: Feed) -> Result<Option<Vec<String>>> {
        self.transaction(|doc| {
            if doc.get(name).is_some_and(|f| f.url == feed.url) {
                return Ok(None);
            }
            self.add_in(doc, name, &feed).map(Some)
        })
    }

    fn add_in(&self, doc: &mut FeedsDocument, name: &str, feed: &Feed) -> Result<Vec<String>> {
        let same_url: Vec<String> = doc
            .feeds()
            .filter(|(_, f)| f.url == feed.url)
            .map(|(n, _)| n.to_string())
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
        self.transaction(|doc| {
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
        })
    }

    /// Changes some fields of a feed; returns the feed before and after.
    pub fn update(&self, raw_name: &str, patch: &Patch) -> Result<(String, Feed, Feed)> {
        self.transaction(|doc| {
            let name = resolve_name(doc, raw_name)?;
            let before = doc.get(&name).cloned().expect("resolved names exist");
            self.apply(
                doc,
                &[Change::Update {
                    name: name.clone(),
                    patch: patch.clone(),
                }],
            )?;
            let after = doc.get(&name).cloned().expect("updated feed exists");
            Ok((name, before, after))
        })
    }

    /// Renames a feed. With `force`, a feed already named `to` is replaced.
    /// Returns the resolved old name and, if one was replaced, the feed that was.
    pub fn rename(&self, raw_from: &str, to: &str, force: bool) -> Result<(String, Option<Feed>)> {
        self.transaction(|doc| {
            let from = resolve_name(doc, raw_from)?;
            let mut changes = Vec::new();
            let replaced = if from != to {
                doc.get(to).cloned()
            } else {
                None
            };
            if replaced.is_some() && force {
                changes.push(Change::Remove {
                    name: to.to_string(),
                });
            }
            changes.push(Change::Rename {
                from: from.clone(),
                to: to.to_string(),
            });
            self.apply(doc, &changes)?;
            Ok((from, replaced))
        })
    }

    /// Imports checked entries in one transaction: one lock, one edit of the document
    /// (one parse, one splice, one re-parse, however many feeds) and one write.
    /// Entries that clash with configured feeds fail the whole import unless `existing`
    /// says to skip or update them.
    pub fn import(&self, source: &str, items: &[Item], existing: Existing) -> Result<Vec<Outcome>> {
        self.transaction(|doc| {
            let (changes, outcomes) =
                interchange::plan(doc, items, existing).map_err(|problems| Error::BadImport {
                    source: source.to_string(),
                    problems,
                })?;
            if !changes.is_empty() {
                self.apply(doc, &changes)?;
            }
            Ok(outcomes)
        })
    }

    /// Applies document changes, turning edit errors into user-facing ones.
    pub fn apply(&self, doc: &mut FeedsDocument, changes: &[Change]) -> Result<()> {
        doc.apply(changes).map_err(|e| match e {
            EditError::Exists { name, url } => Error::AlreadyExists { name, url },
            EditError::Missing { name } => Error::NotFound {
                suggestion: suggest(&name, doc.feeds().map(|(n, _)| n)),
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

/// Finds a feed by its exact key, or by the exact normalized form of what was typed.
/// Never fuzzy: a miss is an error with a "did you mean" hint, and nothing is done.
pub fn resolve_name(doc: &FeedsDocument, raw: &str) -> Result<String> {
    if doc.get(raw).is_some() {
        return Ok(raw.to_string());
    }
    if let Ok(normalized) = crate::feed::normalize_name(raw)
        && doc.get(&normalized).is_some()
    {
        return Ok(normalized);
    }
    Err(Error::NotFound {
        name: raw.to_string(),
        suggestion: suggest(raw, doc.feeds().map(|(n, _)| n)),
    })
}

fn parse(path: &Path, bytes: Vec<u8>) -> Result<FeedsDocument> {
    FeedsDocument::from_bytes(bytes).map_err(|e| Error::Malformed {
        path: path.to_path_buf(),
        location: e.location,
        message: e.message,
    })
}

fn read_snapshot(path: &Path) -> Result<Snapshot> {
    let identity = |m: &fs::Metadata| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            (m.dev(), m.ino(), m.len(), m.modified().ok())
        }
        #[cfg(not(unix))]
        {
            (0, 0, m.len(), m.modified().ok())
        }
    };
    match fs::read(path) {
        Ok(bytes) => {
            let meta = fs::metadata(path).map_err(|e| Error::io("read metadata of", path, e))?;
            Ok(Snapshot {
                bytes: Some(bytes),
                identity: Some(identity(&meta)),
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Snapshot {
            bytes: None,
            identity: None,
        }),
        Err(e) => Err(Error::io("read", path, e)),
    }
}
