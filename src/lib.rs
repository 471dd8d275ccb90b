//! inkwell: a concurrency-safe manager for podcast/RSS feed subscriptions, file-compatible
//! with inkwell-cli.
//!
//! Layers, from the outside in: [`cli`] (clap definitions) → [`commands`] (one module per
//! subcommand: arguments → operation → message) → [`ops::ConfigManager`] (the one
//! transaction: lock → read → change → atomic replace → audit) → [`document`] (lossless
//! YAML edits) and [`store`] (lock file, snapshot, atomic replace). [`interchange`] reads
//! and writes other formats (OPML, plain text, JSON) for import and export. The system
//! calls std lacks are in [`platform`]; the crate has no `unsafe` code.

#![forbid(unsafe_code)]

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
    let cli = match <cli::Cli as clap::Parser>::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() && wants_json(&args) => {
            // A script that asked for JSON gets its usage error as JSON too.
            let text = e.to_string();
            let message = text.lines().next().unwrap_or("");
            let message = message.strip_prefix("error: ").unwrap_or(message);
            let json = serde_json::json!({"error": message, "code": e.exit_code()});
            eprintln!("{json}");
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

/// Whether `--json` (or `-j`) is among raw arguments that clap rejected.
fn wants_json(args: &[OsString]) -> bool {
    args.iter().skip(1).take_while(|a| *a != "--").any(|a| {
        let a = a.to_string_lossy();
        a == "--json" || (a.starts_with('-') && !a.starts_with("--") && a[1..].contains('j'))
    })
}
