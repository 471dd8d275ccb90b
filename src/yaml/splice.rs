//! An edited text as the text read plus the splices made to it: the new file is written
//! from slices of the old text and the inserted bytes, so an edit of a large file builds
//! no second buffer of its size.

use std::ops::Range;

/// A text as read (`old`) and sorted, non-overlapping splices over it: the new text is
/// `old` with each range replaced by its string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spliced {
    old: String,
    splices: Vec<(Range<usize>, String)>,
}

impl Spliced {
    /// `splices` are sorted by position here; they must not overlap, and insertions at one
    /// offset keep their order.
    pub fn new(old: String, mut splices: Vec<(Range<usize>, String)>) -> Spliced {
        splices.sort_by_key(|(r, _)| (r.start, r.end));
        debug_assert!(
            splices.windows(2).all(|w| w[0].0.end <= w[1].0.start),
            "overlapping splices"
        );
        Spliced { old, splices }
    }

    /// The text as read, unchanged.
    pub fn old(&self) -> &str {
        &self.old
    }

    pub fn into_old(self) -> String {
        self.old
    }

    /// Whether the new text differs from the old.
    pub fn is_changed(&self) -> bool {
        self.splices.iter().any(|(r, s)| self.old[r.clone()] != *s)
    }

    /// The new text, in pieces: slices of the old text and the inserted strings.
    pub fn pieces(&self) -> Vec<&[u8]> {
        let mut out = Vec::with_capacity(2 * self.splices.len() + 1);
        let mut pos = 0;
        for (r, s) in &self.splices {
            out.push(&self.old.as_bytes()[pos..r.start]);
            out.push(s.as_bytes());
            pos = r.end;
        }
        out.push(&self.old.as_bytes()[pos..]);
        out.retain(|p| !p.is_empty());
        out
    }

    /// The length of the new text.
    pub fn len(&self) -> usize {
        let removed: usize = self.splices.iter().map(|(r, _)| r.len()).sum();
        let added: usize = self.splices.iter().map(|(_, s)| s.len()).sum();
        self.old.len() - removed + added
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The new text as one string (small texts, tests, and callers that need it whole).
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(self.len());
        for p in self.pieces() {
            out.push_str(std::str::from_utf8(p).expect("splices keep UTF-8 boundaries"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_make_the_new_text_and_the_old_stays() {
        let s = Spliced::new(
            "abcdef".into(),
            vec![
                (4..5, "XY".into()),
                (0..0, ">".into()),
                (1..3, String::new()),
            ],
        );
        assert_eq!(s.to_text(), ">adXYf");
        assert_eq!(s.len(), 6);
        assert_eq!(s.old(), "abcdef");
        assert!(s.is_changed());
        let same = Spliced::new("abc".into(), vec![(1..2, "b".into())]);
        assert!(!same.is_changed());
        assert_eq!(same.pieces().concat(), b"abc");
    }
}
