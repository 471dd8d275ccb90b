//! inkwell: a concurrency-safe manager for podcast/RSS feed subscriptions, file-compatible
//! with inkwell-cli.
//!
//! Layers, from the outside in: [`cli`] (clap definitions) → [`commands`] (one module per
//! subcommand: arguments → operation → message) → [`ops::ConfigManager`] (the one
//! transaction: lock → read → change → atomic replace → audit) → [`feeds`] (the
//! feeds.yaml model and its two readers) and [`settings`] (config.yaml) over [`yaml`] (the
//! one lossless YAML layer), and [`store`] (lock file, snapshot, atomic replace). [`interchange`] reads
//! and writes other formats (OPML, plain text, JSON) for import and export. The system
//! calls std lacks are in [`platform`]; the crate has no `unsafe` code.

#![forbid(unsafe_code)]
// `eprintln!`/`println!` panic when the stream cannot be written (`2>/dev/full`): all
// output goes through `commands::print` (stdout) and `stderr_line!` (stderr) instead
// (unit tests may print: the harness captures it).
#![cfg_attr(not(test), deny(clippy::print_stderr, clippy::print_stdout))]

/// A line on standard error that never panics (unlike `eprintln!`): see
/// [`commands::output::stderr_write`].
macro_rules! stderr_line {
    ($($arg:tt)*) => {
        $crate::commands::output::stderr_write(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// Text on standard error without a newline (a prompt), never panicking.
macro_rules! stderr_text {
    ($($arg:tt)*) => {
        $crate::commands::output::stderr_write(format_args!($($arg)*))
    };
}

pub mod audit;
pub mod cli;
pub mod commands;
pub mod crypto;
pub mod error;
pub mod feed;
pub mod feeds;
pub mod interchange;
pub mod merge;
pub mod ops;
pub mod paths;
pub mod platform;
pub mod settings;
#[cfg(unix)]
pub mod signals;
pub mod store;
pub mod tty;
pub mod yaml;

pub use error::{Error, ExitCode};
pub use ops::ConfigManager;

use std::ffi::OsString;

/// Runs inkwell with `args` (including the program name) and returns the exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let cli = match cli::parse(&args) {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() && wants_json(&args) => {
            // A script that asked for JSON gets its usage error as JSON too, all of it.
            stderr_line!("{}", usage_error_json(&e));
            return e.exit_code();
        }
        Err(e) => {
            // --help and --version are "errors" that print to stdout and exit 0.
            let _ = e.print();
            return e.exit_code();
        }
    };
    let out = commands::output_of(&cli);
    match commands::run(cli) {
        Ok(()) => ExitCode::Success as i32,
        Err(e) => {
            out.error(&e);
            e.exit_code() as i32
        }
    }
}

/// clap's whole message as `{"error", "code", "usage"?, "hint"?}`: the error with every
/// line it has (the missing arguments, say), its usage line, and its tip.
fn usage_error_json(e: &clap::Error) -> serde_json::Value {
    let text = e.render().to_string();
    let mut message = Vec::new();
    let mut usage = None;
    let mut hint = None;
    for block in text.split("\n\n") {
        let block = block.trim();
        if let Some(u) = block.strip_prefix("Usage: ") {
            usage = Some(u.to_string());
        } else if let Some(t) = block.strip_prefix("tip: ") {
            hint = Some(t.to_string());
        } else if !block.is_empty() && !block.starts_with("For more information") {
            message.push(block.strip_prefix("error: ").unwrap_or(block).to_string());
        }
    }
    let mut json = serde_json::json!({"error": message.join("\n"), "code": e.exit_code()});
    if let Some(u) = usage {
        json["usage"] = u.into();
    }
    if let Some(h) = hint {
        json["hint"] = h.into();
    }
    json
}

/// Whether `--json` (or `-j`) is among raw arguments that clap rejected.
fn wants_json(args: &[OsString]) -> bool {
    args.iter().skip(1).take_while(|a| *a != "--").any(|a| {
        let a = a.to_string_lossy();
        a == "--json" || (a.starts_with('-') && !a.starts_with("--") && a[1..].contains('j'))
    })
}
