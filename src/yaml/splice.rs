//! An edited text as the text read plus the splices made to it: the new file is written
//! from slices of the old text and the inserted bytes, so an edit of a large file builds
//! no second buffer of its size.

use std::ops::Range;

/// A text as read (`old`) and sorted, non-overlapping splices over it: the new text is
/// `old` with each range replaced by its string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spliced {
    old: Vec<u8>,
    splices: Vec<(Range<usize>, Vec<u8>)>,
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
        Spliced {
            old: old.into_bytes(),
            splices: splices
                .into_iter()
                .map(|(r, s)| (r, s.into_bytes()))
                .collect(),
        }
    }

    /// The whole of `old` (any bytes: a file being repaired may not even be UTF-8)
    /// replaced by `new`, as `inkwell edit` does.
    pub fn whole(old: Vec<u8>, new: Vec<u8>) -> Spliced {
        let len = old.len();
        Spliced {
            old,
            splices: vec![(0..len, new)],
        }
    }

    /// The bytes as read, unchanged.
    pub fn old(&self) -> &[u8] {
        &self.old
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
            out.push(&self.old[pos..r.start]);
            out.push(s);
            pos = r.end;
        }
        out.push(&self.old[pos..]);
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
        String::from_utf8_lossy(&self.pieces().concat()).into_owned()
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
        assert_eq!(s.old(), b"abcdef");
        assert!(s.is_changed());
        let same = Spliced::new("abc".into(), vec![(1..2, "b".into())]);
        assert!(!same.is_changed());
        assert_eq!(same.pieces().concat(), b"abc");
    }
}
