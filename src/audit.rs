//! The change history, `<config dir>/audit.log`, in inkwell-cli's format: one compact JSON
//! object per line with the keys `timestamp` (UTC, microseconds, `+00:00`), `operation`,
//! `details`, `user`, `hostname` and `pid`, in that order.
//!
//! Lines are appended by the transaction while it still holds the lock, after the new
//! file is on disk, so the log's order is the order in which changes landed. Each append
//! is one `write` on a file opened with O_APPEND (never through a symlink); if it fails
//! or is cut short (a full disk), the log is truncated back to its length before, so no
//! torn line remains. The append waits at most [`LOCK_WAIT`] for audit.log's own lock
//! (held by another inkwell's append, see [`append`]): a process stopped there must not
//! hold up every writer past `--lock-timeout`; after that the record is appended
//! without it (O_APPEND writes of other appenders still do not interleave with it), and
//! the caller warns. It is not fsynced on its own: that would add a disk flush to every
//! change for the history's sake; a crash can lose the newest history lines, never a
//! change to the feeds.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::error::{Error, Result};
use crate::feed::Feed;
use crate::feeds::FeedsDocument;

/// One change, before it is stamped with time, user, host and pid.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub operation: &'static str,
    pub details: Value,
}

/// A line of audit.log as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub timestamp: String,
    pub operation: String,
    #[serde(default)]
    pub details: Value,
    #[serde(default)]
    pub user: Value,
    #[serde(default)]
    pub hostname: Value,
    #[serde(default)]
    pub pid: Value,
}

impl Record {
    /// The feed names this record is about: a rename is about both names, in 0.26's
    /// keys (`old_feed_name`, `new_feed_name`) and in older inkwell's (`old_name`, `new_name`).
    pub fn feed_names(&self) -> impl Iterator<Item = &str> {
        [
            "feed_name",
            "old_feed_name",
            "new_feed_name",
            "old_name",
            "new_name",
        ]
        .into_iter()
        .filter_map(|k| self.details.get(k).and_then(Value::as_str))
    }

    /// For a rename, the old and the new name, in either schema.
    pub fn renamed(&self) -> Option<(&str, &str)> {
        if self.operation != "rename_feed" {
            return None;
        }
        let get = |a: &str, b: &str| {
            self.details
                .get(a)
                .or_else(|| self.details.get(b))
                .and_then(Value::as_str)
        };
        Some((
            get("old_feed_name", "old_name")?,
            get("new_feed_name", "new_name")?,
        ))
    }
}

/// `add_feed`, with inkwell-cli 0.26's details.
pub fn add_feed(name: &str, feed: &Feed) -> Entry {
    Entry {
        operation: "add_feed",
        details: json!({
            "feed_name": name,
            "display_name": feed.display_name,
            "url": feed.url,
            "auth_type": feed.auth.kind,
            "category": feed.category,
            "custom_templates": feed.custom_templates,
        }),
    }
}

/// `remove_feed`, with inkwell-cli 0.26's details.
pub fn remove_feed(name: &str, feed: &Feed) -> Entry {
    Entry {
        operation: "remove_feed",
        details: json!({
            "feed_name": name,
            "url": feed.url,
            "auth_type": feed.auth.kind,
            "category": feed.category,
        }),
    }
}

/// `rename_feed` as inkwell-cli 0.26 writes it: the feed as it is after the rename, and
/// the URL of the feed a forced rename replaced.
pub fn rename_feed(from: &str, to: &str, feed: &Feed, overwritten: Option<&Feed>) -> Entry {
    let mut details = json!({
        "old_feed_name": from,
        "new_feed_name": to,
        "display_name": feed.display_name,
        "url": feed.url,
    });
    if let Some(o) = overwritten {
        details["overwritten_url"] = json!(o.url);
    }
    Entry {
        operation: "rename_feed",
        details,
    }
}

/// `update_feed` with `changes: {field: {old, new}}` in inkwell-cli 0.26's order and
/// types (`""` for no category or display name). Credentials are never logged, not even
/// encrypted; as in 0.26, new credentials of the same auth type leave no trace.
pub fn update_feed(name: &str, before: &Feed, after: &Feed) -> Entry {
    let mut changes = Map::new();
    let mut field = |key: &str, old: Value, new: Value| {
        if old != new {
            changes.insert(key.into(), json!({ "old": old, "new": new }));
        }
    };
    let text = |v: &Option<String>| json!(v.clone().unwrap_or_default());
    field("url", json!(before.url), json!(after.url));
    field("auth_type", json!(before.auth.kind), json!(after.auth.kind));
    field("category", text(&before.category), text(&after.category));
    field(
        "display_name",
        text(&before.display_name),
        text(&after.display_name),
    );
    field(
        "custom_templates",
        json!(before.custom_templates),
        json!(after.custom_templates),
    );
    Entry {
        operation: "update_feed",
        details: json!({ "feed_name": name, "changes": changes }),
    }
}

/// `update_config` with `changes: {key: {old, new}}`; as in inkwell-cli 0.26 the values
/// are strings (`""` for none).
pub fn update_config(changes: Map<String, Value>) -> Entry {
    let text = |v: &Value| match v {
        Value::Null => json!(""),
        Value::String(_) => v.clone(),
        Value::Array(items) => json!(
            items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(",")
        ),
        other => json!(other.to_string()),
    };
    let changes: Map<String, Value> = changes
        .into_iter()
        .map(|(k, v)| {
            let side = |s: &str| text(v.get(s).unwrap_or(&Value::Null));
            let c = json!({ "old": side("old"), "new": side("new") });
            (k, c)
        })
        .collect();
    Entry {
        operation: "update_config",
        details: json!({ "changes": changes }),
    }
}

/// What changed between two readings of feeds.yaml, as the records the commands
/// would have written: for `inkwell edit`, where the user changed the file by hand.
pub fn differences(old: &FeedsDocument, new: &FeedsDocument) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (name, feed) in old.feeds() {
        match new.get(name) {
            None => entries.push(remove_feed(name, feed)),
            Some(after) if after != feed => entries.push(update_feed(name, feed, after)),
            Some(_) => {}
        }
    }
    for (name, feed) in new.feeds() {
        if old.get(name).is_none() {
            entries.push(add_feed(name, feed));
        }
    }
    entries
}

/// How long [`append`] waits for audit.log's lock before it appends without it.
pub const LOCK_WAIT: Duration = Duration::from_secs(2);

/// How a record was appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Appended {
    /// Under audit.log's lock, as always but for:
    Locked,
    /// Without it: another process held it for more than [`LOCK_WAIT`].
    WithoutLock,
}

/// Stamps `entries` and appends them to the log at `path` in one write.
pub fn append(path: &Path, entries: &[Entry]) -> Result<Appended> {
    if entries.is_empty() {
        return Ok(Appended::Locked);
    }
    let timestamp = now_iso();
    let (user, hostname) = (user(), hostname());
    let pid = std::process::id();
    let mut text = String::new();
    for e in entries {
        // Built by hand, not through a map, to keep inkwell-cli's key order.
        let record = Record {
            timestamp: timestamp.clone(),
            operation: e.operation.to_string(),
            details: e.details.clone(),
            user: json!(user),
            hostname: json!(hostname),
            pid: json!(pid),
        };
        text.push_str(&to_python_json(&record).map_err(|e| Error::io("append to", path, e))?);
        text.push('\n');
    }
    let mut options = OpenOptions::new();
    options.read(true).append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = open_log(path, &mut options)?;
    let failed = |e| Error::io("append to", path, e);
    // Other inkwell processes append under the other file's lock (config.lock against
    // feeds.lock): this one keeps them out while the log may be cut back to `len`.
    let appended = lock_bounded(&file).map_err(failed)?;
    let len = file.metadata().map_err(failed)?.len();
    if !ends_with_newline(&file, len).map_err(failed)? {
        // A line cut short by a crash must not swallow the next record.
        text.insert(0, '\n');
    }
    write_whole(&file, text.as_bytes(), len, appended == Appended::Locked).map_err(failed)?;
    Ok(appended)
}

/// Opens the log with `options`, never through a symlink and never blocking (a FIFO or
/// a device put in its place), and checks that it is a regular file: anything else is
/// refused ([`Error::NotRegularFile`]) before a byte is read or written.
fn open_log(path: &Path, options: &mut OpenOptions) -> Result<fs::File> {
    #[cfg(unix)]
    crate::platform::no_follow_nonblocking(options);
    #[cfg(not(unix))]
    crate::platform::no_follow(options);
    let file = options.open(path).map_err(|e| {
        match fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => Error::SidecarSymlink {
                path: path.to_path_buf(),
            },
            // A FIFO without a reader refuses a non-blocking open for writing (ENXIO).
            Ok(m) if !m.is_file() => crate::store::snapshot::not_regular(path, &m),
            _ => Error::io("open", path, e),
        }
    })?;
    let meta = file
        .metadata()
        .map_err(|e| Error::io("read metadata of", path, e))?;
    if !meta.is_file() {
        return Err(crate::store::snapshot::not_regular(path, &meta));
    }
    crate::platform::set_blocking(&file).map_err(|e| Error::io("open", path, e))?;
    Ok(file)
}

/// Takes audit.log's exclusive lock, waiting at most [`LOCK_WAIT`] (in short steps, so
/// that a holder that never lets go, a stopped process, cannot hang the caller).
fn lock_bounded(file: &fs::File) -> io::Result<Appended> {
    let start = Instant::now();
    loop {
        if crate::platform::lock_exclusive(file, false)? {
            return Ok(Appended::Locked);
        }
        if start.elapsed() >= LOCK_WAIT {
            return Ok(Appended::WithoutLock);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Refuses an audit.log that is anything but a regular file or absent: a symlink is
/// never followed (a root run on someone else's config dir would append elsewhere), and
/// a FIFO or a device would block the append or swallow the record. Checked before a
/// change is made, so that the change is not made only to go unrecorded.
pub fn refuse_unusable(path: &Path) -> Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(Error::SidecarSymlink {
            path: path.to_path_buf(),
        }),
        Ok(m) if !m.is_file() => Err(crate::store::snapshot::not_regular(path, &m)),
        _ => Ok(()),
    }
}

/// Appends `bytes` to `file` (of length `len`) in one `write`. If that fails or is cut
/// short (a full disk), the file is truncated back to `len`, so no torn line remains.
/// Without the lock (`locked` false) another process may have appended since `len` was
/// taken: the part written is cut off only if it is still the end of the file.
fn write_whole(mut file: &fs::File, bytes: &[u8], len: u64, locked: bool) -> io::Result<()> {
    let error = loop {
        match file.write(bytes) {
            Ok(n) if n == bytes.len() => return Ok(()),
            Ok(n) if !locked => {
                use std::io::Seek;
                // With O_APPEND the offset is now the end of what this write added.
                if let Ok(end) = file.stream_position()
                    && file.metadata().is_ok_and(|m| m.len() == end)
                {
                    let _ = file.set_len(end - n as u64);
                }
                return Err(io::Error::new(
                    io::ErrorKind::StorageFull,
                    format!(
                        "only {n} of {} bytes could be written (is the disk full?)",
                        bytes.len()
                    ),
                ));
            }
            Err(e) if !locked && e.kind() != io::ErrorKind::Interrupted => return Err(e),
            Ok(n) => {
                break io::Error::new(
                    io::ErrorKind::StorageFull,
                    format!(
                        "only {n} of {} bytes could be written (is the disk full?)",
                        bytes.len()
                    ),
                );
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => break e,
        }
    };
    let _ = file.set_len(len);
    Err(error)
}

#[cfg(unix)]
fn ends_with_newline(file: &fs::File, len: u64) -> io::Result<bool> {
    use std::os::unix::fs::FileExt;
    if len == 0 {
        return Ok(true);
    }
    let mut last = [0u8];
    file.read_exact_at(&mut last, len - 1)?;
    Ok(last[0] == b'\n')
}

#[cfg(not(unix))]
fn ends_with_newline(_file: &fs::File, _len: u64) -> io::Result<bool> {
    Ok(true)
}

/// Serializes as Python's `json.dumps` does by default: `", "` and `": "` separators and
/// every non-ASCII character escaped as `\uXXXX`.
fn to_python_json(value: &impl Serialize) -> io::Result<String> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, PythonFormatter);
    value.serialize(&mut ser).map_err(io::Error::other)?;
    String::from_utf8(out).map_err(io::Error::other)
}

struct PythonFormatter;

impl serde_json::ser::Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> io::Result<()> {
        for c in s.chars() {
            if c.is_ascii() {
                w.write_all(&[c as u8])?;
            } else {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(w, "\\u{u:04x}")?;
                }
            }
        }
        Ok(())
    }
}

/// What reading the log found: the records in file order and how many lines were not
/// records (e.g. a line cut short by a crash).
#[derive(Debug, Default)]
pub struct Log {
    pub records: Vec<Record>,
    pub unreadable: usize,
}

/// Reads the log, never through a symlink and never blocking; a missing log is an empty
/// one, anything but a regular file an error.
pub fn read(path: &Path) -> Result<Log> {
    let mut file = match open_log(path, OpenOptions::new().read(true)) {
        Ok(f) => f,
        Err(Error::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            return Ok(Log::default());
        }
        Err(e) => return Err(e),
    };
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut file, &mut bytes).map_err(|e| Error::io("read", path, e))?;
    let mut log = Log::default();
    for line in bytes.split(|b| *b == b'\n') {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Record>(line) {
            Ok(r) => log.records.push(r),
            Err(_) => log.unreadable += 1,
        }
    }
    Ok(log)
}

/// `$USER`, as inkwell-cli records it.
fn user() -> String {
    crate::paths::audit_identity()
        .0
        .unwrap_or_else(|| "unknown".into())
}

/// `$HOSTNAME`, then `$COMPUTERNAME`, as inkwell-cli reads them; most shells do not export
/// HOSTNAME, so where neither is set the system's host name is used before "unknown".
fn hostname() -> String {
    crate::paths::audit_identity()
        .1
        .or_else(crate::platform::hostname)
        .unwrap_or_else(|| "unknown".into())
}

/// The current time as Python's `datetime.now(timezone.utc).isoformat()` prints it.
pub fn now_iso() -> String {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    iso_utc(since.as_secs(), since.subsec_micros())
}

/// `YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00`; Python leaves out a zero fraction.
fn iso_utc(secs: u64, micros: u32) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    let time = format!("{:02}:{:02}:{:02}", rem / 3600, rem % 3600 / 60, rem % 60);
    if micros == 0 {
        format!("{y:04}-{m:02}-{d:02}T{time}+00:00")
    } else {
        format!("{y:04}-{m:02}-{d:02}T{time}.{micros:06}+00:00")
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_look_like_pythons_isoformat() {
        assert_eq!(iso_utc(0, 0), "1970-01-01T00:00:00+00:00");
        // 2000-02-29 (a leap day in a century year) 23:59:59.000001
        assert_eq!(iso_utc(951_868_799, 1), "2000-02-29T23:59:59.000001+00:00");
        assert_eq!(
            iso_utc(1_777_638_896, 789_012),
            "2026-05-01T12:34:56.789012+00:00"
        );
        assert_eq!(iso_utc(4_102_444_800, 0), "2100-01-01T00:00:00+00:00");
    }

    #[test]
    fn records_keep_inkwell_clis_key_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.log");
        let feed = Feed::new("https://example.com/f".into());
        append(&path, &[add_feed("a", &feed)]).unwrap();
        append(&path, &[rename_feed("a", "b", &feed, None)]).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        let first = text.lines().next().unwrap();
        let keys = [
            "\"timestamp\"",
            "\"operation\"",
            "\"details\"",
            "\"user\"",
            "\"hostname\"",
            "\"pid\"",
        ];
        let positions: Vec<usize> = keys.iter().map(|k| first.find(k).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{first}");
        assert!(first.contains(
            r#""details": {"feed_name": "a", "display_name": null, "url": "https://example.com/f", "auth_type": "none", "category": null, "custom_templates": []}"#
        ), "{first}");
        let log = read(&path).unwrap();
        assert_eq!(log.records.len(), 2);
        assert_eq!(log.records[1].feed_names().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn updates_log_only_what_changed_and_never_secrets() {
        let before = Feed::new("https://example.com/f".into());
        let mut after = before.clone();
        after.category = Some("tech".into());
        after.auth.kind = "bearer".into();
        after.auth.token = Some("gAAAAA-secret".into());
        let e = update_feed("f", &before, &after);
        let text = e.details.to_string();
        assert!(!text.contains("secret"), "{text}");
        assert_eq!(e.details["changes"]["category"]["new"], "tech");
        assert_eq!(e.details["changes"]["category"]["old"], "");
        assert_eq!(e.details["changes"]["auth_type"]["new"], "bearer");
        assert!(e.details["changes"].get("auth_type_changed").is_none());
        assert!(e.details["changes"].get("url").is_none());
    }

    #[test]
    fn json_is_written_as_python_writes_it() {
        let v = json!({"a": ["é😀", 1.5, null], "b": "q\"\n"});
        assert_eq!(
            to_python_json(&v).unwrap(),
            r#"{"a": ["\u00e9\ud83d\ude00", 1.5, null], "b": "q\"\n"}"#
        );
    }

    #[test]
    fn torn_lines_are_counted_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.log");
        let feed = Feed::new("https://example.com/f".into());
        append(&path, &[rename_feed("a", "b", &feed, None)]).unwrap();
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"{\"timestamp\": \"2026").unwrap();
        let log = read(&path).unwrap();
        assert_eq!((log.records.len(), log.unreadable), (1, 1));
        append(&path, &[rename_feed("b", "c", &feed, None)]).unwrap();
        let log = read(&path).unwrap();
        assert_eq!((log.records.len(), log.unreadable), (2, 1));
    }
}
