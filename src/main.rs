//! The `inkwell` binary: parse, run, exit with the code the error maps to.
//!
//! On Linux the binary has its own C `main`, so a run starts without the standard
//! library's start-up work that inkwell does not use (reading /proc/self/maps to place a
//! stack guard, an alternate signal stack). What inkwell relies on from that start-up is
//! done here: the standard streams are open, and SIGPIPE is ignored (a closed pipe
//! is an error that `inkwell list | head -1` handles, not a signal).
#![cfg_attr(all(target_os = "linux", target_env = "gnu", not(test)), no_main)]

/// Large buffers (a big feeds.yaml, its entries, its new text) in huge pages: see
/// `inkwell::large_alloc`.
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: inkwell::large_alloc::LargeInHugePages =
    inkwell::large_alloc::LargeInHugePages::new();

#[cfg(all(target_os = "linux", target_env = "gnu", not(test)))]
#[unsafe(no_mangle)]
extern "C" fn main(_argc: libc::c_int, _argv: *const *const libc::c_char) -> libc::c_int {
    standard_streams_open();
    // SAFETY: setting a signal's disposition to SIG_IGN before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    tune_allocator();
    // The arguments come from glibc's start-up, as they do for std's own `main`. A panic
    // must not unwind into C (that aborts): it ends the run as under std's `main`, with
    // its message on stderr and exit code 101.
    let code = std::panic::catch_unwind(|| inkwell::run(std::env::args_os())).unwrap_or(101);
    std::process::exit(code)
}

#[cfg(not(all(target_os = "linux", target_env = "gnu", not(test))))]
fn main() {
    std::process::exit(inkwell::run(std::env::args_os()));
}

/// Opens /dev/null on any of file descriptors 0, 1 and 2 that is closed, so that a file
/// inkwell opens can never take the place of standard output (and receive its output).
#[cfg(all(target_os = "linux", target_env = "gnu", not(test)))]
fn standard_streams_open() {
    let mut fds = [0, 1, 2].map(|fd| libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    });
    // SAFETY: `fds` is a valid array of three pollfd structures.
    let polled = unsafe { libc::poll(fds.as_mut_ptr(), 3, 0) };
    for pfd in &fds {
        // SAFETY: fcntl(F_GETFD) only reads the descriptor's flags.
        let closed = if polled >= 0 {
            pfd.revents & libc::POLLNVAL != 0
        } else {
            (unsafe { libc::fcntl(pfd.fd, libc::F_GETFD) }) == -1
        };
        // SAFETY: the path is a NUL-terminated string; the lowest free descriptor is the
        // closed one (the lower ones are open by now).
        if closed && unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) } == -1 {
            std::process::abort();
        }
    }
}

/// A run reads feeds.yaml into one buffer and builds the new text in another of the same
/// size. By default glibc maps every buffer over 128 KiB separately and unmaps it when
/// freed, so each buffer costs fresh zeroed pages and an unmap; on a 24 MB file that is
/// a few thousand page faults. Keeping large buffers on the heap lets the second reuse
/// the first's pages. The process is short-lived, so nothing is given back early.
#[cfg(all(target_os = "linux", target_env = "gnu", not(test)))]
fn tune_allocator() {
    // SAFETY: mallopt only sets allocator parameters; it is called before any thread
    // starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 512 << 20);
    }
}
