//! Plain text import: one URL per line, optionally followed by whitespace and a name.
//! Blank lines and lines starting with `#` are skipped, and so is a `#` comment after
//! whitespace at the end of a line. Bad URLs are caught by the
//! checks every format goes through, with their line.

use super::Record;

pub fn parse(text: &str) -> Vec<Record> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // A trailing `# comment` (after whitespace) is not part of the name.
        let line = match line.find(" #").or_else(|| line.find("\t#")) {
            Some(at) => line[..at].trim_end(),
            None => line,
        };
        let (url, name) = match line.split_once(char::is_whitespace) {
            Some((url, rest)) => (url, Some(rest.trim())),
            None => (line, None),
        };
        out.push(Record {
            line: Some(i + 1),
            url: url.to_string(),
            name: name.filter(|n| !n.is_empty()).map(str::to_string),
            ..Record::default()
        });
    }
    out
}
