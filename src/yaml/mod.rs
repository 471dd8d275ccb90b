//! The one lossless YAML layer: feeds.yaml and config.yaml are read and edited through it.
//!
//! A file is read with the byte position of every node by [`tree`], the one walker of
//! the YAML parser's events: config.yaml, the merge driver and feeds.yaml's full reader
//! read its tree (feeds.yaml's usual block layout is read line by line by the fast
//! reader in `crate::feeds`, which leaves everything else to the full one). An edit is a
//! list of splices over the text as read ([`Spliced`]): only the bytes being changed are
//! touched, so comments, blank lines, key order, quoting, CRLF line endings and unknown
//! keys survive byte for byte. New text is written with [`emit`] (quoted whenever a plain scalar could read
//! back as anything else) and follows the file's line break ([`line_break`]).
//! inkwell-cli's `# checksum:` trailer is kept right by [`checksum`]. After every edit
//! the new text is read back and must be what was meant, or the edit is refused.
//!
//! What this layer reads but refuses to edit in place (the user is told to edit by
//! hand, or with `inkwell edit` / `inkwell config edit`):
//! - a value carrying an anchor (`&a`) that is being changed, or removed while an alias
//!   still uses it, and feeds written as aliases (`*a`);
//! - merge keys (`<<: *a`) in a feed (refused on read: PyYAML would merge them in);
//! - a flow-style parent (`{...}`) of a key being added, and a top-level mapping in flow
//!   style; a one-line `feeds: {...}` is rewritten in block style, entry by entry;
//! - flow mappings or sequences written over several lines;
//! - a key that does not start its own line.

pub mod checksum;
pub mod emit;
mod splice;
pub mod tree;

use granit_parser::ScanError;

use crate::error::Location;

pub use emit::{Context, scalar};
pub use splice::Spliced;

/// A problem in the text, with the position it was found at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub location: Option<Location>,
    pub message: String,
}

/// A syntax error from the YAML scanner.
pub fn scan_error(e: &ScanError) -> ParseError {
    let m = e.marker();
    ParseError {
        location: Some(Location {
            line: m.line(),
            column: m.col() + 1,
        }),
        message: format!("YAML syntax error: {}", e.info()),
    }
}

/// Byte offset of the start of the line holding `pos`.
pub fn line_start(text: &str, pos: usize) -> usize {
    memchr::memrchr(b'\n', &text.as_bytes()[..pos]).map_or(0, |i| i + 1)
}

/// Byte offset just past the line break ending the line holding `pos` (or the text's end).
pub fn line_end(text: &str, pos: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i + 1)
}

/// Whether a plain scalar is YAML null (`~`, `null` and its capitalisations, or nothing).
pub fn is_null(plain: &str) -> bool {
    matches!(plain, "" | "~" | "null" | "Null" | "NULL")
}

/// The line break new text uses: the file's own (its first line decides), `\n` by default.
pub fn line_break(text: &str) -> &'static str {
    match memchr::memchr(b'\n', text.as_bytes()) {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}
