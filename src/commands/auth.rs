//! `--auth` for `add` and `update`: where the credentials come from. Secrets are asked for
//! without echo on a terminal, or read from standard input with `--password-stdin` /
//! `--token-stdin`; never from argv. Without a terminal or those flags, it is an error
//! rather than a hang.

use std::io::{self, IsTerminal, Read};
use std::path::Path;

use crate::cli::{AuthArgs, AuthKind};
use crate::crypto::Credentials;
use crate::error::{Error, Result};
use crate::tty;

/// What the user asked for the feed's authentication.
pub enum Requested {
    /// No `--auth`: leave it as it is.
    Unchanged,
    /// `--auth none`.
    Remove,
    Set(Credentials),
}

/// Gathers the credentials `args` ask for. Call before taking any lock: a person may
/// take a while to type.
pub fn read(args: &AuthArgs) -> Result<Requested> {
    let usage = |message: &str| Error::Usage {
        message: message.to_string(),
    };
    let kind = match args.auth {
        None => return Ok(Requested::Unchanged),
        Some(Some(kind)) => kind,
        Some(None) => ask_kind()?,
    };
    let creds = match kind {
        AuthKind::None => {
            if args.username.is_some() || args.password_stdin || args.token_stdin {
                return Err(usage(
                    "--auth none takes no --username, --password-stdin or --token-stdin",
                ));
            }
            return Ok(Requested::Remove);
        }
        AuthKind::Basic => {
            if args.token_stdin {
                return Err(usage(
                    "--token-stdin is for --auth bearer; use --password-stdin with --auth basic",
                ));
            }
            let username = match &args.username {
                Some(u) => u.clone(),
                None if args.password_stdin => {
                    return Err(usage(
                        "--password-stdin needs --username NAME (standard input carries the password)",
                    ));
                }
                None => prompt_visible("Username: ", "--username NAME --password-stdin")?,
            };
            let password = if args.password_stdin {
                from_stdin("password")?
            } else {
                prompt_hidden("Password: ", "--password-stdin")?
            };
            Credentials::Basic { username, password }
        }
        AuthKind::Bearer => {
            if args.password_stdin || args.username.is_some() {
                return Err(usage(
                    "--auth bearer takes a token only; use --token-stdin (not --username or --password-stdin)",
                ));
            }
            let token = if args.token_stdin {
                from_stdin("token")?
            } else {
                prompt_hidden("Token: ", "--token-stdin")?
            };
            Credentials::Bearer { token }
        }
    };
    creds.validate()?;
    Ok(Requested::Set(creds))
}

/// `--auth` without a type: asked for on a terminal, with inkwell-cli's default (basic).
fn ask_kind() -> Result<AuthKind> {
    if !io::stdin().is_terminal() {
        return Err(Error::Usage {
            message: "--auth needs a type when standard input is not a terminal (there is nobody to ask); pass --auth basic|bearer|none".into(),
        });
    }
    loop {
        let answer = tty::read_visible("Auth type (basic, bearer, none) [basic]: ")
            .map_err(stdin_error)?
            .ok_or(Error::Declined)?;
        match answer.trim().to_ascii_lowercase().as_str() {
            "" | "basic" => return Ok(AuthKind::Basic),
            "bearer" => return Ok(AuthKind::Bearer),
            "none" => return Ok(AuthKind::None),
            other => stderr_line!(
                "'{}' is not an auth type; answer basic, bearer or none",
                super::display(other)
            ),
        }
    }
}

fn not_a_terminal(flag: &str) -> Error {
    Error::Usage {
        message: format!(
            "credentials are needed but standard input is not a terminal, so they cannot be asked for; pass {flag} and write the secret to standard input (e.g. printf '%s' \"$SECRET\" | inkwell ... {flag})"
        ),
    }
}

fn stdin_error(e: io::Error) -> Error {
    Error::io("read from", Path::new("standard input"), e)
}

fn prompt_visible(prompt: &str, flag: &str) -> Result<String> {
    if !io::stdin().is_terminal() {
        return Err(not_a_terminal(flag));
    }
    tty::read_visible(prompt)
        .map_err(stdin_error)?
        .ok_or(Error::Declined)
}

fn prompt_hidden(prompt: &str, flag: &str) -> Result<String> {
    if !io::stdin().is_terminal() {
        return Err(not_a_terminal(flag));
    }
    tty::read_hidden(prompt)
        .map_err(stdin_error)?
        .ok_or(Error::Declined)
}

/// Reads a secret from standard input: everything up to the first line break or EOF.
fn from_stdin(what: &str) -> Result<String> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(64 * 1024)
        .read_to_end(&mut bytes)
        .map_err(stdin_error)?;
    let text = String::from_utf8(bytes).map_err(|_| Error::InvalidValue {
        what: what.to_string(),
        reason: "standard input is not UTF-8 text".into(),
    })?;
    let line = text.split(['\n', '\r']).next().unwrap_or_default();
    if line.is_empty() {
        return Err(Error::InvalidValue {
            what: what.to_string(),
            reason: "standard input is empty (write the secret to it, e.g. printf '%s' \"$SECRET\" | inkwell ...)".into(),
        });
    }
    Ok(line.to_string())
}
