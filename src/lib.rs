//! inkwell: a concurrency-safe manager for podcast/RSS feed subscriptions, file-compatible
//! with inkwell-cli.
//!
//! Layers, from the outside in: [`cli`] (clap definitions) → [`commands`] (one module per
//! subcommand: arguments → operation → message) → [`ops::ConfigManager`] (the
//! transaction: lock → read → change → atomic write) → [`document`] (lossless YAML
//! edits) and [`store`] (lock file, atomic write).

pub mod audit;
pub mod cli;
pub mod commands;
pub mod crypto;
pub mod document;
pub mod error;
pub mod feed;
pub mod ops;
pub mod paths;
pub mod settings;
pub mod store;
pub mod tty;

pub use error::{Error, ExitCode};
pub use ops::ConfigManager;

use std::ffi::OsString;

use clap::Parser;

/// Runs inkwell with `args` (including the program name) and returns the exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are "errors" that print to stdout and exit 0.
            let _ = e.print();
            return e.exit_code();
        }
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::Success as i32,
        Err(e) => {
            commands::report(&e);
            e.exit_code() as i32
        }
    }
}
