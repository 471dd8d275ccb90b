//! Reading a secret from the terminal without echoing it.
//!
//! The terminal is put in non-canonical mode with echo and signals off, and the line is
//! edited here (backspace, Ctrl-U). With signals off, Ctrl-C arrives as a byte and ends
//! the prompt cleanly, so the terminal is always restored: a signal killing the process
//! mid-prompt would leave echo off in the user's shell.

use std::io::{self, Write};

/// Prompts on stderr and reads one line from the terminal on stdin, hidden.
/// Returns `None` when the user cancels (Ctrl-C, or Ctrl-D on an empty line).
#[cfg(unix)]
pub fn read_hidden(prompt: &str) -> io::Result<Option<String>> {
    let fd = libc::STDIN_FILENO;
    // SAFETY: termios is plain data; tcgetattr fills it or fails.
    let mut original: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(fd, &mut original) } != 0 {
        return Err(io::Error::last_os_error());
    }
    let mut raw = original;
    raw.c_lflag &= !(libc::ECHO | libc::ICANON | libc::ISIG | libc::IEXTEN);
    raw.c_cc[libc::VMIN] = 1;
    raw.c_cc[libc::VTIME] = 0;
    let mut err = io::stderr().lock();
    let _ = write!(err, "{prompt}");
    let _ = err.flush();
    if unsafe { libc::tcsetattr(fd, libc::TCSAFLUSH, &raw) } != 0 {
        return Err(io::Error::last_os_error());
    }
    let result = read_line_raw(fd);
    // SAFETY: restores the settings read above.
    unsafe { libc::tcsetattr(fd, libc::TCSAFLUSH, &original) };
    let _ = writeln!(err);
    result
}

#[cfg(unix)]
fn read_line_raw(fd: libc::c_int) -> io::Result<Option<String>> {
    let mut line: Vec<u8> = Vec::new();
    loop {
        let mut byte = 0u8;
        // SAFETY: reads at most one byte into a valid buffer.
        let n = unsafe { libc::read(fd, (&mut byte as *mut u8).cast(), 1) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        match (n, byte) {
            (0, _) | (_, 0x04) if line.is_empty() => return Ok(None),
            (0, _) | (_, b'\n' | b'\r' | 0x04) => break,
            (_, 0x03) => return Ok(None),
            (_, 0x7f | 0x08) => {
                // Remove one whole UTF-8 character.
                while let Some(b) = line.pop() {
                    if b & 0xc0 != 0x80 {
                        break;
                    }
                }
            }
            (_, 0x15) => line.clear(),
            (_, b) => line.push(b),
        }
    }
    String::from_utf8(line)
        .map(Some)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "the input is not UTF-8"))
}

#[cfg(not(unix))]
pub fn read_hidden(_prompt: &str) -> io::Result<Option<String>> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "hidden input is not supported on this platform; use --password-stdin or --token-stdin",
    ))
}

/// Prompts on stderr and reads one visible line from stdin (`None` at end of input).
pub fn read_visible(prompt: &str) -> io::Result<Option<String>> {
    let mut err = io::stderr().lock();
    let _ = write!(err, "{prompt}");
    let _ = err.flush();
    let mut line = String::new();
    if io::stdin().read_line(&mut line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line.trim_end_matches(['\r', '\n']).to_string()))
}
