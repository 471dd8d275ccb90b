//! The fields of a feed in the layout inkwell and inkwell-cli write, read with a few
//! byte compares per line.
//!
//! Nearly every entry of a feeds.yaml looks like this (PyYAML's block style, which both
//! tools write):
//!
//! ```yaml
//!   name:
//!     url: https://example.com/feed.xml
//!     display_name: null
//!     auth:
//!       type: none
//!       username: null
//!     category: tech
//!     custom_templates: []
//! ```
//!
//! The fast reader (`fast.rs`) reads any plain block YAML line by line through general
//! steps (a line, its key, its value), about 500 instructions a line. Here a line is
//! checked against what it must be in this layout: its indentation, one of the five
//! field names (or the four `auth` keys), and a plain one-line value. Anything else (a
//! comment, a blank line, a quoted or flow value, an unknown key, CRLF) ends this reader
//! with `None`, and the fast reader reads the entry from the same place: both then give
//! the same `Entry` (a test checks that they do, entry by entry).

use super::fast::find_any;
use super::parse::{
    AUTH, CATEGORY, CUSTOM_TEMPLATES, DISPLAY_NAME, Extent, Fields, Shape, URL, text_hash,
};

/// An entry's fields read here: what `Entry` needs of them.
pub(super) struct Read {
    /// Where the line after the entry starts.
    pub next: usize,
    pub field_col: usize,
    pub fields: Fields,
    /// Just past the entry's last content.
    pub end: usize,
    pub seq_offset: Option<usize>,
    pub url_hash: u64,
}

/// The fields of the entry whose name (at column `indent`) ends at `key_end`, its field
/// lines starting at `from`, reading no further than `limit`.
pub(super) fn fields(
    text: &str,
    from: usize,
    limit: usize,
    key_end: usize,
    indent: usize,
) -> Option<Read> {
    let b = text.as_bytes();
    let Next::Line(field_col) = next(b, from, limit) else {
        return None;
    };
    if field_col <= indent {
        return None;
    }
    let mut fields = Fields::default();
    let mut seen = 0u8;
    let mut end = key_end;
    let mut url_hash = None;
    let mut seq_offset = None;
    let mut at = from;
    loop {
        let key = at + field_col;
        let (field, colon) = field_at(b, key)?;
        if seen & (1 << field) != 0 {
            return None;
        }
        seen |= 1 << field;
        end = end.max(colon);
        let extent = match b.get(colon + 1) {
            Some(b' ') => {
                let start = colon + 2;
                let value_end = if b.get(start..start + 3) == Some(b"[]\n") && start + 2 < limit {
                    if field != CUSTOM_TEMPLATES {
                        return None;
                    }
                    start + 2
                } else {
                    let value_end = plain_value(b, start, limit)?;
                    let null = is_null(&b[start..value_end]);
                    match field {
                        URL if null => return None,
                        URL => url_hash = Some(text_hash(&text[start..value_end])),
                        DISPLAY_NAME | CATEGORY => {}
                        _ if null => {}
                        _ => return None,
                    }
                    value_end
                };
                at = value_end + 1;
                Extent {
                    start,
                    end: value_end,
                    shape: Shape::Inline,
                }
            }
            Some(b'\n') if colon + 1 < limit => {
                at = colon + 2;
                let (extent, after) = match field {
                    AUTH => auth(b, at, limit, field_col)?,
                    CUSTOM_TEMPLATES => {
                        let (extent, after, offset) = templates(b, at, limit, field_col)?;
                        seq_offset = Some(offset);
                        (extent, after)
                    }
                    _ => return None,
                };
                at = after;
                extent
            }
            _ => return None,
        };
        end = end.max(extent.end);
        fields.push_known(field, &(key..colon), &extent);
        match next(b, at, limit) {
            Next::Line(col) if col == field_col => continue,
            Next::Line(col) if col < field_col => break,
            Next::End => break,
            _ => return None,
        }
    }
    Some(Read {
        next: at,
        field_col,
        fields,
        end,
        seq_offset,
        url_hash: url_hash?,
    })
}

/// An `auth` block whose lines start at `at`, its keys deeper than `field_col`: its
/// extent and where the line after it starts.
fn auth(b: &[u8], mut at: usize, limit: usize, field_col: usize) -> Option<(Extent, usize)> {
    let Next::Line(col) = next(b, at, limit) else {
        return None;
    };
    if col <= field_col {
        return None;
    }
    let start = at + col;
    let mut end = start;
    let mut seen = 0u8;
    loop {
        let (key, colon) = auth_key_at(b, at + col)?;
        if seen & (1 << key) != 0 {
            return None;
        }
        seen |= 1 << key;
        end = end.max(colon);
        at = match b.get(colon + 1) {
            Some(b' ') => {
                let value_end = plain_value(b, colon + 2, limit)?;
                end = end.max(value_end);
                value_end + 1
            }
            Some(b'\n') if colon + 1 < limit => colon + 2,
            _ => return None,
        };
        match next(b, at, limit) {
            Next::Line(c) if c == col => continue,
            Next::Line(c) if c < col => break,
            Next::End => break,
            _ => return None,
        }
    }
    Some((
        Extent {
            start,
            end,
            shape: Shape::Block,
        },
        at,
    ))
}

/// A block list of template names whose lines start at `at`, its dashes at
/// `field_col` or deeper: its extent, where the line after it starts, and how much
/// deeper its dashes are.
fn templates(
    b: &[u8],
    mut at: usize,
    limit: usize,
    field_col: usize,
) -> Option<(Extent, usize, usize)> {
    let Next::Line(col) = next(b, at, limit) else {
        return None;
    };
    if col < field_col {
        return None;
    }
    let mut start = None;
    let mut end;
    loop {
        let dash = at + col;
        if b.get(dash..dash + 2) != Some(b"- ") {
            return None;
        }
        let value_end = plain_value(b, dash + 2, limit)?;
        if is_null(&b[dash + 2..value_end]) {
            return None;
        }
        start.get_or_insert(dash + 2);
        end = value_end;
        at = value_end + 1;
        match next(b, at, limit) {
            Next::Line(c) if c == col && b[at + c] == b'-' => continue,
            // A line at the key's column that is not an item: the next field.
            Next::Line(c) if c < col || (c == col && col == field_col) => break,
            Next::End => break,
            _ => return None,
        }
    }
    Some((
        Extent {
            start: start?,
            end,
            shape: Shape::Block,
        },
        at,
        col - field_col,
    ))
}

enum Next {
    /// A line with content at this column.
    Line(usize),
    /// `limit`: the end of what is read.
    End,
    /// A blank or comment line, or spaces up to `limit`: left to the fast reader. (A
    /// line whose content runs into `limit` is a `Line`; the value readers refuse it.)
    Other,
}

/// What the line starting at `at` is.
#[inline(always)]
fn next(b: &[u8], at: usize, limit: usize) -> Next {
    if at >= limit {
        return Next::End;
    }
    let col = b[at..limit].iter().take_while(|&&c| c == b' ').count();
    match b.get(at + col) {
        Some(c) if at + col < limit && !matches!(c, b'\n' | b'\r' | b'#') => Next::Line(col),
        _ => Next::Other,
    }
}

/// The known field whose `name:` starts at `at`, and where its colon is.
#[inline(always)]
fn field_at(b: &[u8], at: usize) -> Option<(usize, usize)> {
    let (field, key) = match b.get(at)? {
        b'u' if at_word(b, at, b"url:") => (URL, 3),
        b'd' if at_word(b, at, b"display_name:") => (DISPLAY_NAME, 12),
        b'a' if at_word(b, at, b"auth:") => (AUTH, 4),
        b'c' if at_word(b, at, b"category:") => (CATEGORY, 8),
        b'c' if at_word(b, at, b"custom_templates:") => (CUSTOM_TEMPLATES, 16),
        _ => return None,
    };
    Some((field, at + key))
}

/// The `auth` key inkwell reads (`type`, `username`, `password`, `token`, numbered as
/// the fast reader numbers them) whose `key:` starts at `at`, and where its colon is.
#[inline(always)]
fn auth_key_at(b: &[u8], at: usize) -> Option<(usize, usize)> {
    let (key, len) = match b.get(at)? {
        b't' if at_word(b, at, b"type:") => (0, 4),
        b'u' if at_word(b, at, b"username:") => (1, 8),
        b'p' if at_word(b, at, b"password:") => (2, 8),
        b't' if at_word(b, at, b"token:") => (3, 5),
        _ => return None,
    };
    Some((key, at + len))
}

/// Whether `b[at..]` starts with `word`: a compare of known length, which the compiler
/// makes a load or two instead of a call.
#[inline(always)]
fn at_word<const N: usize>(b: &[u8], at: usize, word: &[u8; N]) -> bool {
    b.get(at..at + N).is_some_and(|s| s == word)
}

fn is_null(v: &[u8]) -> bool {
    matches!(v, b"~" | b"null" | b"Null" | b"NULL")
}

/// The end of a plain one-line scalar starting at `start` and ending its line, in the
/// common case only: a first byte that starts no other kind of token, no `: ` or ` #`
/// inside, no `:`, space or CR at its end, and a line break before `limit`.
#[inline(always)]
fn plain_value(b: &[u8], start: usize, limit: usize) -> Option<usize> {
    match *b.get(start)? {
        b' ' | b'\n' | b'\r' | b'#' | b'"' | b'\'' | b'[' | b']' | b'{' | b'}' | b',' | b'&'
        | b'*' | b'!' | b'|' | b'>' | b'%' | b'@' | b'`' | b'-' | b'?' | b':' => return None,
        _ => {}
    }
    let mut from = start + 1;
    loop {
        let i = find_any(b, from, limit, [b'\n', b':', b'#'])?;
        match b[i] {
            b'\n' => {
                // (A `:` just before the break was refused below.)
                return (!matches!(b[i - 1], b' ' | b'\r')).then_some(i);
            }
            b':' if matches!(b.get(i + 1), Some(b' ' | b'\n' | b'\r')) => return None,
            b'#' if b[i - 1] == b' ' => return None,
            _ => from = i + 1,
        }
    }
}
