//! Signals that must not end inkwell on the spot: while `inkwell edit` waits for the
//! editor (the lock would drop and the user's save be lost), and while the password
//! prompt has echo off (the user's shell would be left without echo).
//!
//! A signal asked for is handled from then on, for the rest of the process (signal-hook;
//! the crate has no `unsafe` code): unless a [`Held`] holds it, the handler runs the
//! signal's default action (ends or stops the process), as if there were none. While
//! held, it is recorded instead, and a socket is woken so that a thread waiting for
//! input ([`Held::wake`]) notices at once.

use std::io::Read;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

pub use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

struct Registry {
    /// Per signal handled, whether its default action runs (it is not held).
    live: Mutex<Vec<(i32, Arc<AtomicBool>)>>,
    /// The last signal that arrived while held.
    got: Arc<AtomicUsize>,
    /// Written to by every handled signal; read by [`Held::wake`]'s owner.
    wake_read: UnixStream,
    wake_write: UnixStream,
}

static REGISTRY: OnceLock<Option<Registry>> = OnceLock::new();

fn registry() -> Option<&'static Registry> {
    REGISTRY
        .get_or_init(|| {
            let (wake_read, wake_write) = UnixStream::pair().ok()?;
            wake_read.set_nonblocking(true).ok()?;
            Some(Registry {
                live: Mutex::new(Vec::new()),
                got: Arc::new(AtomicUsize::new(0)),
                wake_read,
                wake_write,
            })
        })
        .as_ref()
}

/// The flag that says whether `signal` takes its default action, its handler installed
/// the first time it is asked for.
fn live_flag(registry: &Registry, signal: i32) -> Option<Arc<AtomicBool>> {
    let mut live = registry.live.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, flag)) = live.iter().find(|(s, _)| *s == signal) {
        return Some(Arc::clone(flag));
    }
    let flag = Arc::new(AtomicBool::new(true));
    // The default action first: should a later registration fail, the signal still
    // acts as it did before.
    signal_hook::flag::register_conditional_default(signal, Arc::clone(&flag)).ok()?;
    signal_hook::flag::register_usize(signal, Arc::clone(&registry.got), signal as usize).ok()?;
    signal_hook::low_level::pipe::register(signal, registry.wake_write.try_clone().ok()?).ok()?;
    live.push((signal, Arc::clone(&flag)));
    Some(flag)
}

/// While it lives, the signals it was started with are recorded instead of acting.
/// Dropping it (or [`finish`](Held::finish)) lets them act again.
pub struct Held {
    registry: &'static Registry,
    flags: Vec<Arc<AtomicBool>>,
}

impl Held {
    /// Holds `signals`. `None` if they cannot be handled here: they then act as by
    /// default, which is no worse than before.
    pub fn start(signals: &[i32]) -> Option<Held> {
        let registry = registry()?;
        let flags = signals
            .iter()
            .map(|&s| live_flag(registry, s))
            .collect::<Option<Vec<_>>>()?;
        let held = Held { registry, flags };
        held.take();
        for flag in &held.flags {
            flag.store(false, Ordering::SeqCst);
        }
        Some(held)
    }

    /// The last signal that arrived since the start or the last `take`, if any.
    pub fn take(&self) -> Option<i32> {
        let mut buf = [0u8; 64];
        while matches!((&self.registry.wake_read).read(&mut buf), Ok(n) if n > 0) {}
        match self.registry.got.swap(0, Ordering::SeqCst) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }

    /// Readable when a signal arrived: for `poll` next to the input waited for.
    pub fn wake(&self) -> &UnixStream {
        &self.registry.wake_read
    }

    /// Ends the hold, and names the last signal that arrived and was not taken. A
    /// signal arriving from now on acts as by default.
    pub fn finish(self) -> Option<i32> {
        self.release();
        self.take()
    }

    fn release(&self) {
        for flag in &self.flags {
            flag.store(true, Ordering::SeqCst);
        }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        self.release();
    }
}

/// Does what `signal` does by default, now: ends the process by that signal (so that
/// the exit status says which), or stops it until it is continued (`SIGTSTP`). Call it
/// once what must be restored has been.
pub fn deliver(signal: i32) {
    let _ = signal_hook::low_level::emulate_default_handler(signal);
}

/// The signal's name, such as `SIGINT`.
pub fn name(signal: i32) -> &'static str {
    signal_hook::low_level::signal_name(signal).unwrap_or("a signal")
}
