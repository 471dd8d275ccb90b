//! Large buffers in transparent huge pages (the `inkwell` binary's global allocator on
//! Linux).
//!
//! An add to a file of 10,000 feeds holds a few buffers of megabytes each: the file, its
//! entries, the new text. Every 4 KiB page of them costs a page fault when first
//! written, a few microseconds each on a virtual machine: some 1,500 faults, more time
//! than reading and parsing the file. Here an allocation of 1 MiB or more gets a mapping
//! of its own, aligned to 2 MiB and marked `MADV_HUGEPAGE`, so that the kernel backs it
//! with 2 MiB pages: one fault each. Where the kernel has none at hand, or transparent
//! huge pages are off, the mapping gets small pages, as any other. Smaller allocations
//! (all of them in a run on an ordinary file) go to the system allocator unchanged.
//!
//! The mapping of a freed large block (the largest freed since the last large
//! allocation) is kept for the next large allocation (not a zeroed one): its pages are
//! already there, so reusing them costs no page
//! faults and no zeroing, which on a virtual machine is most of the cost of fresh
//! memory. An add to a file of 100,000 feeds frees the second reader's 12 MB of entries
//! right before it builds the 24 MB new text. A larger block gets a new mapping with the
//! kept pages moved to its start (`mremap`), a smaller one the kept mapping cut to size.

use std::alloc::{GlobalAlloc, Layout, System};
use std::ptr;
use std::sync::{Mutex, PoisonError};

/// The global allocator: the system's, with large blocks mapped on their own.
pub struct LargeInHugePages {
    /// The mapping of the largest large block freed since the last large allocation:
    /// (address, length).
    spare: Mutex<Option<(usize, usize)>>,
}

impl LargeInHugePages {
    pub const fn new() -> LargeInHugePages {
        LargeInHugePages {
            spare: Mutex::new(None),
        }
    }

    /// A mapping for a large block of `size` bytes: the spare one if there is one, else a
    /// new one; null on failure.
    fn take(&self, size: usize) -> *mut u8 {
        let Some(len) = mapped_len(size) else {
            return ptr::null_mut();
        };
        let spare = self
            .spare
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let Some((at, kept)) = spare else {
            return map(size);
        };
        // SAFETY: `at..at + kept` is a mapping of ours that no block uses any more; only
        // it, and the new mapping made here, are changed.
        unsafe {
            if kept >= len {
                if kept > len {
                    libc::munmap((at + len) as *mut libc::c_void, kept - len);
                }
                return at as *mut u8;
            }
            let new = map(size);
            if new.is_null() {
                self.give_back(at as *mut u8, kept);
                return new;
            }
            // Fails if the kept mapping is two (one made here before, from two pieces):
            // then the new block simply starts with fresh pages.
            if libc::mremap(
                at as *mut libc::c_void,
                kept,
                kept,
                libc::MREMAP_MAYMOVE | libc::MREMAP_FIXED,
                new.cast::<libc::c_void>(),
            ) == libc::MAP_FAILED
            {
                libc::munmap(at as *mut libc::c_void, kept);
            }
            new
        }
    }

    /// Keeps the mapping of a freed large block for the next large allocation, if it is
    /// larger than the one kept so far; unmaps the other.
    fn give_back(&self, block: *mut u8, len: usize) {
        let mut spare = self.spare.lock().unwrap_or_else(PoisonError::into_inner);
        let unmap = match *spare {
            Some((_, kept)) if kept >= len => Some((block as usize, len)),
            _ => spare.replace((block as usize, len)),
        };
        drop(spare);
        if let Some((at, len)) = unmap {
            // SAFETY: a mapping of ours that no block uses any more.
            unsafe { libc::munmap(at as *mut libc::c_void, len) };
        }
    }
}

impl Default for LargeInHugePages {
    fn default() -> LargeInHugePages {
        LargeInHugePages::new()
    }
}

/// Blocks of this size or more are mapped on their own.
const LARGE: usize = 1 << 20;
/// The huge page size (x86-64 and arm64 with 4 KiB base pages).
const HUGE: usize = 2 << 20;

fn is_large(layout: Layout) -> bool {
    layout.size() >= LARGE && layout.align() <= HUGE
}

/// The length of the mapping that holds a large block of `size` bytes.
fn mapped_len(size: usize) -> Option<usize> {
    size.checked_next_multiple_of(HUGE)
}

/// A new zeroed mapping of at least `size` bytes, aligned to `HUGE`; null on failure.
fn map(size: usize) -> *mut u8 {
    let Some((len, span)) = mapped_len(size).and_then(|len| Some((len, len.checked_add(HUGE)?)))
    else {
        return ptr::null_mut();
    };
    // SAFETY: a new private anonymous mapping; only its own parts are unmapped or
    // advised below.
    unsafe {
        let p = libc::mmap(
            ptr::null_mut(),
            span,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        if p == libc::MAP_FAILED {
            return ptr::null_mut();
        }
        // Map HUGE bytes more than needed, then give back what lies outside the aligned
        // part.
        let start = p as usize;
        let aligned = start.next_multiple_of(HUGE);
        let head = aligned - start;
        if head > 0 {
            libc::munmap(p, head);
        }
        let tail = span - head - len;
        if tail > 0 {
            libc::munmap((aligned + len) as *mut libc::c_void, tail);
        }
        // Advice only: without huge pages the mapping works as any other.
        libc::madvise(aligned as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
        aligned as *mut u8
    }
}

// SAFETY: every block is either the system allocator's (small, or over-aligned) or a
// mapping of its own (large), and which one is decided by the layout alone, which is
// the same when a block is freed or resized as when it was allocated (resizing passes
// the old layout and returns a block of the new one).
unsafe impl GlobalAlloc for LargeInHugePages {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if is_large(layout) {
            self.take(layout.size())
        } else {
            // SAFETY: the caller's guarantees, passed on.
            unsafe { System.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if is_large(layout) {
            // A new anonymous mapping is zeroed.
            map(layout.size())
        } else {
            // SAFETY: the caller's guarantees, passed on.
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        if is_large(layout) {
            let len = mapped_len(layout.size()).expect("the block was mapped with this length");
            self.give_back(block, len);
        } else {
            // SAFETY: the caller's guarantees, passed on.
            unsafe { System.dealloc(block, layout) }
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees that `new_size`, rounded up to the alignment, does
        // not overflow isize.
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (is_large(layout), is_large(new)) {
            // SAFETY: the caller's guarantees, passed on.
            (false, false) => return unsafe { System.realloc(block, layout, new_size) },
            // The block's mapping already has room for the new size.
            (true, true) if mapped_len(new_size) == mapped_len(layout.size()) => return block,
            _ => {}
        }
        // SAFETY: `new` has a non-zero size (the contract of `realloc`); the old block
        // holds `layout.size()` bytes and is freed with its own layout.
        unsafe {
            let moved = self.alloc(new);
            if !moved.is_null() {
                ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                self.dealloc(block, layout);
            }
            moved
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(size: usize) -> Layout {
        Layout::from_size_align(size, 8).unwrap()
    }

    #[test]
    fn a_large_block_is_aligned_to_a_huge_page_and_zeroed() {
        let a = LargeInHugePages::new();
        for size in [LARGE, LARGE + 1, 3 * HUGE + 5] {
            // SAFETY: a non-zero layout; the block is freed with it.
            unsafe {
                let p = a.alloc_zeroed(layout(size));
                assert!(!p.is_null());
                assert_eq!(p as usize % HUGE, 0, "{size}");
                let block = std::slice::from_raw_parts_mut(p, size);
                assert!(block.iter().all(|&b| b == 0));
                block.fill(7);
                a.dealloc(p, layout(size));
            }
        }
    }

    #[test]
    fn a_freed_blocks_pages_are_reused_by_the_next_large_allocation_but_not_a_zeroed_one() {
        let a = LargeInHugePages::new();
        let filled = |p: *mut u8, len: usize, byte: u8| {
            // SAFETY: `p` is a live block of at least `len` bytes.
            unsafe {
                std::slice::from_raw_parts(p, len)
                    .iter()
                    .all(|&b| b == byte)
            }
        };
        // SAFETY: non-zero layouts; each block is freed with its own.
        unsafe {
            let p = a.alloc(layout(3 * HUGE));
            p.write_bytes(0xa5, 3 * HUGE);
            a.dealloc(p, layout(3 * HUGE));
            // Larger: a new mapping, with the freed pages moved to its start.
            let q = a.alloc(layout(5 * HUGE + 1));
            assert_eq!(q as usize % HUGE, 0);
            assert!(filled(q, 3 * HUGE, 0xa5), "the freed pages come first");
            assert!(filled(q.add(3 * HUGE), 2 * HUGE + 1, 0), "then new ones");
            q.write_bytes(0x5a, 5 * HUGE + 1);
            a.dealloc(q, layout(5 * HUGE + 1));
            // Smaller: the kept mapping, cut to size.
            let r = a.alloc(layout(HUGE));
            assert_eq!(r, q);
            assert!(filled(r, HUGE, 0x5a));
            a.dealloc(r, layout(HUGE));
            // A zeroed block is never the kept one; that stays for the next.
            let z = a.alloc_zeroed(layout(HUGE));
            assert_ne!(z, r);
            assert!(filled(z, HUGE, 0));
            let again = a.alloc(layout(HUGE));
            assert_eq!(again, r);
            a.dealloc(again, layout(HUGE));
            a.dealloc(z, layout(HUGE));
        }
    }

    #[test]
    fn a_block_aligned_beyond_a_huge_page_is_the_system_allocators() {
        let a = LargeInHugePages::new();
        let over = Layout::from_size_align(LARGE, 2 * HUGE).unwrap();
        assert!(!is_large(over));
        // SAFETY: a non-zero layout; the block is freed with it.
        unsafe {
            let p = a.alloc(over);
            assert!(!p.is_null());
            assert_eq!(p as usize % (2 * HUGE), 0);
            p.write_bytes(1, LARGE);
            a.dealloc(p, over);
        }
    }

    #[test]
    fn resizing_across_the_threshold_keeps_the_contents() {
        let a = LargeInHugePages::new();
        let sizes = [
            100,
            LARGE - 1,
            LARGE,
            HUGE + 3,
            HUGE + 9,
            5 * HUGE,
            LARGE,
            64,
        ];
        // SAFETY: each resize passes the block's current layout; the last is freed with
        // its own.
        unsafe {
            let mut p = a.alloc(layout(sizes[0]));
            for i in 0..sizes[0] {
                *p.add(i) = (i % 251) as u8;
            }
            for pair in sizes.windows(2) {
                let (old, new) = (pair[0], pair[1]);
                p = a.realloc(p, layout(old), new);
                assert!(!p.is_null());
                for i in 0..old.min(new) {
                    assert_eq!(*p.add(i), (i % 251) as u8, "{old} -> {new} at {i}");
                }
                for i in old.min(new)..new {
                    *p.add(i) = (i % 251) as u8;
                }
            }
            a.dealloc(p, layout(*sizes.last().unwrap()));
        }
    }
}
