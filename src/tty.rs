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
    let raw = crate::platform::RawInput::enable()?;
    let mut err = io::stderr().lock();
    let _ = write!(err, "{prompt}");
    let _ = err.flush();
    let result = read_line_raw(&raw);
    drop(raw);
    let _ = writeln!(err);
    result
}

#[cfg(unix)]
fn read_line_raw(input: &crate::platform::RawInput) -> io::Result<Option<String>> {
    let mut line: Vec<u8> = Vec::new();
    loop {
        let byte = input.read_byte()?;
        match (byte, byte.unwrap_or(0)) {
            (None, _) | (_, 0x04) if line.is_empty() => return Ok(None),
            (None, _) | (_, b'\n' | b'\r' | 0x04) => break,
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
