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

use std::alloc::{GlobalAlloc, Layout, System};
use std::ptr;

/// The global allocator: the system's, with large blocks mapped on their own.
pub struct LargeInHugePages;

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
            map(layout.size())
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
            // SAFETY: `block` is a mapping of `len` bytes made by `map`.
            unsafe { libc::munmap(block.cast(), len) };
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
        let a = LargeInHugePages;
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
    fn a_block_aligned_beyond_a_huge_page_is_the_system_allocators() {
        let a = LargeInHugePages;
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
        let a = LargeInHugePages;
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
