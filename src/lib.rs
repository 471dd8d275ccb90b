//! inkwell: a concurrency-safe manager for podcast/RSS feed subscriptions, file-compatible
//! with inkwell-cli.
//!
//! Layers, from the outside in: [`cli`] (clap definitions) → [`commands`] (one module per
//! subcommand: arguments → operation → message) → [`ops::ConfigManager`] (the
//! transaction: lock → read → change → atomic write) → [`document`] (lossless YAML
//! edits) and [`store`] (lock file, atomic write). [`interchange`] reads and writes
//! other formats (OPML, plain text, JSON) for import and export.

pub mod audit;
pub mod cli;
pub mod commands;
pub mod crypto;
pub mod document;
pub mod error;
pub mod feed;
pub mod interchange;
#[cfg(target_os = "linux")]
pub mod large_alloc;
pub mod ops;
pub mod paths;
pub mod settings;
pub mod store;
pub mod tty;

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
    let cli = match parse_args(&args) {
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

/// `Cli::try_parse_from`: the everyday lines without clap ([`cli::quick`]), the rest
/// with it, without freeing clap's definition of the command line and its matches
/// afterwards: one run parses once, and the process exits soon after, so freeing them
/// would only add to every command's start-up.
fn parse_args(args: &[OsString]) -> Result<cli::Cli, clap::Error> {
    use clap::CommandFactory;
    if let Some(cli) = cli::quick::parse(args) {
        return Ok(cli);
    }
    if let Some(cli) = parse_with_named_subcommand_only(args) {
        return Ok(cli);
    }
    parse_against(cli::Cli::command(), args)
}

/// `args` parsed against `command`, neither freed afterwards (see `parse_args`).
fn parse_against(command: clap::Command, args: &[OsString]) -> Result<cli::Cli, clap::Error> {
    use clap::FromArgMatches;
    let mut command = std::mem::ManuallyDrop::new(command);
    let mut matches = std::mem::ManuallyDrop::new(command.try_get_matches_from_mut(args)?);
    cli::Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut command))
}

/// The usual command line (global options, a subcommand's name, its arguments), parsed
/// against a definition that holds only that subcommand. Before parsing, clap copies
/// each global option into every subcommand: 60 copies, about 120 KB of allocations and
/// 0.1 ms of every run. `None` when no subcommand is named before anything else, or
/// when the line does not parse: then `parse_args` parses it against the whole
/// definition, and help, errors and suggestions are clap's usual ones. A line that
/// parses here parses the same there: the options and the subcommand are the same
/// definitions, and the other subcommands are only other names for the first
/// positional argument.
fn parse_with_named_subcommand_only(args: &[OsString]) -> Option<cli::Cli> {
    use clap::{Args, Subcommand};
    let name = cli::quick::subcommand_name(args)?;
    let globals = <cli::GlobalArgs as Args>::augment_args(clap::Command::new("inkwell"));
    // Names and aliases only: a subcommand's arguments are built when it runs.
    let subcommands = std::mem::ManuallyDrop::new(
        <cli::Command as Subcommand>::augment_subcommands(clap::Command::new("inkwell")),
    );
    let subcommand = subcommands.find_subcommand(name)?.clone();
    parse_against(
        globals.subcommand(subcommand).subcommand_required(true),
        args,
    )
    .ok()
}

/// Whether `--json` (or `-j`) is among raw arguments that clap rejected.
fn wants_json(args: &[OsString]) -> bool {
    args.iter().skip(1).take_while(|a| *a != "--").any(|a| {
        let a = a.to_string_lossy();
        a == "--json" || (a.starts_with('-') && !a.starts_with("--") && a[1..].contains('j'))
    })
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use clap::CommandFactory;

    use super::*;

    use crate::cli::words;

    fn full(args: &[OsString]) -> Result<String, String> {
        parse_against(cli::Cli::command(), args)
            .map(|cli| format!("{cli:?}"))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn a_line_parsed_with_its_subcommand_only_parses_as_with_all_of_them() {
        let lines = [
            "add https://e.example/f.xml -n show",
            "add https://e.example/f.xml -n show -q",
            "-q add https://e.example/f.xml -n show -c tech --display-name x",
            "--config-dir /tmp/d -qv add u -n n",
            "--config-dir=/tmp/d --lock-timeout 2.5 add u -n n --exist-ok",
            "--lock-timeout=0 -j rm show --force",
            "--config-dir add list",
            "--config-dir list add u -n list",
            "ls --json",
            "list -v",
            "remove a b c --force -q",
            "update show --category news -v",
            "rename a b",
            "config set general.log_level DEBUG",
            "config show",
            "show show",
            "export -o feeds.opml --json",
            "import list.txt --skip-existing",
        ];
        let mut taken = 0;
        for line in lines {
            let args = words(line);
            let whole = full(&args);
            if let Some(cli) = parse_with_named_subcommand_only(&args) {
                taken += 1;
                assert_eq!(Ok(format!("{cli:?}")), whole, "{line}");
            }
            assert_eq!(
                parse_args(&args)
                    .map(|c| format!("{c:?}"))
                    .map_err(|e| e.to_string()),
                whole,
                "{line}"
            );
        }
        assert_eq!(
            taken,
            lines.len(),
            "every line above names its subcommand first"
        );
    }

    #[test]
    fn anything_else_is_parsed_against_the_whole_definition() {
        let lines = [
            "",
            "--help",
            "--version",
            "help add",
            "add --help",
            "-h",
            "ad u -n x",
            "--bogus add u -n x",
            "-qx add u -n x",
            "add",
            "add u -n x --bogus",
            "-- add u -n x",
            "--config-dir",
            "--lock-timeout soon add u -n x",
        ];
        for line in lines {
            let args = words(line);
            assert_eq!(
                parse_args(&args)
                    .map(|c| format!("{c:?}"))
                    .map_err(|e| e.to_string()),
                full(&args),
                "{line}"
            );
        }
        for line in [
            "",
            "--help",
            "help add",
            "ad u -n x",
            "--bogus add u -n x",
            "-- add u -n x",
        ] {
            assert!(
                parse_with_named_subcommand_only(&words(line)).is_none(),
                "{line}"
            );
        }
    }
}
