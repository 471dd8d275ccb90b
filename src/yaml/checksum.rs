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
    format!("{body}{MARK}{}{tail}", hex(&digest))
}

/// The splice that puts the right checksum into the trailer whose marker is at `at` in
/// the text read, for a new text whose bytes before the marker are `before` (in pieces).
pub fn refresh_at(at: usize, before: &[&[u8]]) -> (std::ops::Range<usize>, String) {
    // Universal newlines, as in `refresh`, across piece boundaries.
    let mut hasher = Sha256::new();
    let mut cr = false;
    for piece in before {
        let mut from = 0;
        for (i, &b) in piece.iter().enumerate() {
            match b {
                b'\r' => {
                    hasher.update(&piece[from..i]);
                    hasher.update(b"\n");
                    cr = true;
                    from = i + 1;
                }
                b'\n' if cr => {
                    hasher.update(&piece[from..i]);
                    cr = false;
                    from = i + 1;
                }
                _ => cr = false,
            }
        }
        hasher.update(&piece[from..]);
    }
    let start = at + MARK.len();
    (start..start + 64, hex(&hasher.finalize()))
}

fn hex(digest: &[u8]) -> String {
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
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
    fn a_checksum_over_pieces_equals_the_checksum_over_the_whole() {
        let body = "a: 1\r\nb: 2\r\rc\n";
        let whole = refresh(format!("{body}{MARK}{}\n", "0".repeat(64)));
        for cut in 0..=body.len() {
            let (x, y) = body.as_bytes().split_at(cut);
            let (range, hex) = refresh_at(body.len(), &[x, y]);
            assert_eq!(whole[range], hex, "cut at {cut}");
        }
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
