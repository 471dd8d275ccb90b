//! The `inkwell` binary: parse, run, exit with the code the error maps to.

fn main() {
    tune_allocator();
    std::process::exit(inkwell::run(std::env::args_os()));
}

/// A run reads feeds.yaml into one buffer and builds the new text in another of the same
/// size. By default glibc maps every buffer over 128 KiB separately and unmaps it when
/// freed, so each buffer costs fresh zeroed pages and an unmap; on a 24 MB file that is
/// a few thousand page faults. Keeping large buffers on the heap lets the second reuse
/// the first's pages. The process is short-lived, so nothing is given back early.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; it is called before any thread
    // starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 512 << 20);
    }
}
