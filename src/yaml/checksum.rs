//! inkwell-cli's integrity trailer: it ends feeds.yaml with `# checksum: <sha256>` of the
//! text before that marker and refuses to load a file whose checksum does not match.
//! When a file carries one, every edit recomputes it so inkwell-cli keeps reading the file.

use sha2::{Digest, Sha256};

const MARK: &str = "# checksum: ";

/// Byte offset of the trailer's marker, when the file ends with a well-formed one.
///
/// inkwell-cli takes the last `# checksum: ` in the file and accepts what follows it
/// only if, stripped of whitespace, it is 64 hex digits; so a valid trailer is always
/// the marker and the digits at the very end of the text, before any whitespace.
pub fn trailer(text: &str) -> Option<usize> {
    let body = text.trim_end();
    let at = body.len().checked_sub(MARK.len() + 64)?;
    let hex = body.get(at + MARK.len()..)?;
    (body.get(at..at + MARK.len()) == Some(MARK) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then_some(at)
}

/// Recomputes the trailer of `text`, if it has one; other text is returned unchanged.
pub fn refresh(text: String) -> String {
    let Some(at) = trailer(&text) else {
        return text;
    };
    let body = &text[..at];
    let after = &text[at + MARK.len()..];
    let tail = &after[after.trim_end().len()..];
    // inkwell-cli hashes the text as Python reads it: universal newlines.
    let normalized = body.replace("\r\n", "\n").replace('\r', "\n");
    let digest = Sha256::digest(normalized.as_bytes());
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push_str(&format!("{b:02x}"));
    }
    format!("{body}{MARK}{hex}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailer_is_recomputed_over_the_text_before_it() {
        let body = "feeds: {}\n";
        let text = format!("{body}{MARK}{}\n", "0".repeat(64));
        let out = refresh(text);
        // sha256("feeds: {}\n"), as inkwell-cli computes it.
        let expected = format!("{:x}", Sha256::digest(body.as_bytes()));
        assert_eq!(out, format!("{body}{MARK}{expected}\n"));
    }

    #[test]
    fn files_without_a_trailer_are_untouched() {
        assert_eq!(
            refresh("feeds: {}\n# checksum: nope\n".into()),
            "feeds: {}\n# checksum: nope\n"
        );
        assert_eq!(trailer("feeds: {}\n"), None);
    }
}
