//! Reading a secret from the terminal without echoing it.
//!
//! Only echo is turned off: the terminal still edits the line (backspace, Ctrl-U), and
//! Ctrl-C, Ctrl-Z and Ctrl-\\ stay signals, so they never become part of the secret.
//! While the prompt waits, SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGTSTP are held
//! ([`crate::signals`]): the terminal is restored first, then the signal does what it
//! does by default (ends inkwell by that signal, so the exit status is honest, or stops
//! it; on resume echo goes off again and the prompt is shown anew). Every other ending,
//! a line, the end of input or an error, restores the terminal too.

use std::io::{self, Write};

/// Prompts on stderr and reads one line from the terminal on stdin, hidden.
/// Returns `None` when the user cancels (Ctrl-D on an empty line).
#[cfg(unix)]
pub fn read_hidden(prompt: &str) -> io::Result<Option<String>> {
    use crate::signals::{self, Held, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let held = Held::start(&[SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP]);
    let input = crate::platform::HiddenInput::enable()?;
    show(prompt);
    let mut ended = None;
    let result = read_line(&input, held.as_ref(), prompt, &mut ended);
    drop(input);
    let _ = writeln!(io::stderr());
    // A signal that ended the prompt, or arrived as it ended, acts now that the
    // terminal is restored.
    if let Some(signal) = ended.or(held.and_then(Held::finish)) {
        signals::deliver(signal);
    }
    result
}

#[cfg(unix)]
fn show(prompt: &str) {
    let mut err = io::stderr().lock();
    let _ = write!(err, "{prompt}");
    let _ = err.flush();
}

#[cfg(unix)]
fn read_line(
    input: &crate::platform::HiddenInput,
    held: Option<&crate::signals::Held>,
    prompt: &str,
    ended: &mut Option<i32>,
) -> io::Result<Option<String>> {
    use crate::platform::Ready;
    use crate::signals::{self, SIGTSTP};
    let mut line: Vec<u8> = Vec::new();
    let mut buf = [0u8; 1024];
    loop {
        match input.wait(held.map(|h| h.wake()))? {
            Ready::Signal => match held.and_then(|h| h.take()) {
                Some(SIGTSTP) => {
                    // Ctrl-Z: stop with the terminal as the shell expects it; once
                    // continued, hide the input again and ask anew (the terminal dropped
                    // what was typed with the signal).
                    input.restore();
                    let _ = writeln!(io::stderr());
                    signals::deliver(SIGTSTP);
                    input.hide()?;
                    line.clear();
                    show(prompt);
                }
                Some(signal) => {
                    *ended = Some(signal);
                    return Err(io::Error::new(
                        io::ErrorKind::Interrupted,
                        format!("interrupted by {}", signals::name(signal)),
                    ));
                }
                None => {}
            },
            Ready::Input => {
                let n = input.read(&mut buf)?;
                if n == 0 {
                    // The end of input: Ctrl-D on an empty line cancels; after a part of
                    // a line (Ctrl-D typed after it once), that part is the answer.
                    if line.is_empty() {
                        return Ok(None);
                    }
                    break;
                }
                line.extend_from_slice(&buf[..n]);
                if line.last() == Some(&b'\n') {
                    line.pop();
                    if line.last() == Some(&b'\r') {
                        line.pop();
                    }
                    break;
                }
            }
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
