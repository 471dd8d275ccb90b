//! One module per subcommand: turn arguments into an operation on the
//! [`ConfigManager`](crate::ops::ConfigManager), then say what happened.

mod add;
mod auth;
pub mod completions;
mod config;
mod config_edit;
mod edit;
pub(crate) mod editor;
mod export;
mod history;
mod import;
mod list;
mod merge;
pub mod output;
mod remove;
mod rename;
mod show;
mod update;

use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

use crate::cli::{Cli, Command};
use crate::error::{Error, Result};
use crate::ops::ConfigManager;
use crate::paths::Paths;
pub use output::Output;

/// The output mode the global flags ask for.
pub fn output_of(cli: &Cli) -> Output {
    Output {
        json: cli.global.json,
        quiet: cli.global.quiet > 0,
        verbose: cli.global.verbose > 0,
        dry_run: cli.command.dry_run(),
        color: output::color_enabled(cli.global.color),
    }
}

pub fn run(cli: Cli) -> Result<()> {
    let out = output_of(&cli);
    if let Command::Completions(args) = cli.command {
        // Needs no config directory (and works without a home directory).
        return completions::run(&out, args);
    }
    if let Command::Merge(args) = cli.command {
        // A merge driver works on the files git names; it needs no config directory.
        return merge::run_merge(&out, args);
    }
    let paths = Paths::resolve(cli.global.config_dir)?;
    let lock_timeout = match cli.global.lock_timeout {
        Some(secs) => secs,
        None => crate::paths::lock_timeout_from_env()?.unwrap_or(crate::cli::DEFAULT_LOCK_TIMEOUT),
    };
    let mut lock_timeout = Duration::from_secs_f64(lock_timeout);
    if matches!(cli.command, Command::Complete(_)) {
        lock_timeout = lock_timeout.min(completions::LOCK_WAIT);
    }
    let quiet = out.quiet || out.json;
    let mut manager = ConfigManager::new(paths)
        .with_lock_timeout(lock_timeout)
        .with_dry_run(out.dry_run);
    if out.verbose {
        manager = manager.with_trace(move |msg: &str| out.trace(msg));
    }
    let manager = manager
        .on_lock_wait(move |path: &Path| {
            if !quiet || out.verbose {
                stderr_line!(
                    "inkwell: waiting for the lock on {} (another process is changing the feeds)...",
                    path.display()
                );
            }
        })
        .on_redo(move |path: &Path| {
            if !quiet || out.verbose {
                stderr_line!(
                    "inkwell: {} was changed by another program during the update; applying the change to the new text",
                    path.display()
                );
            }
        })
        .on_warning(|message: &str| stderr_line!("warning: {message}"));
    if !matches!(cli.command, Command::Complete(_)) {
        // Shell completion runs on each Tab: no warning in the middle of a prompt.
        manager.warn_if_exposed();
    }
    let result = match cli.command {
        Command::Add(args) => add::run(&manager, &out, args),
        Command::Remove(args) => remove::run(&manager, &out, args),
        Command::Update(args) => update::run(&manager, &out, args),
        Command::Rename(args) => rename::run(&manager, &out, args),
        Command::List(args) => list::run(&manager, &out, args),
        Command::Show(args) => show::run(&manager, &out, args),
        Command::Import(args) => import::run(&manager, &out, args),
        Command::Export(args) => export::run(&manager, &out, args),
        Command::Edit(args) => edit::run(&manager, &out, args),
        Command::History(args) => history::run(&manager, &out, args),
        Command::Version => print(&format!("inkwell {}\n", env!("CARGO_PKG_VERSION"))),
        Command::Config(args) => config::run(&manager, &out, args),
        Command::GitSetup(args) => merge::run_setup(manager.paths(), &out, args),
        Command::Complete(args) => completions::candidates(&manager, args),
        Command::Completions(_) | Command::Merge(_) => unreachable!("handled above"),
    };
    match result {
        // A failure once a new file is in place (standard output unwritable, ...) does
        // not undo the change: say that it was made.
        Err(e) if manager.changed() && !matches!(e, Error::AfterChange { .. }) => {
            Err(Error::AfterChange { cause: Box::new(e) })
        }
        other => other,
    }
}

/// Prints an error as `error: ...` with an optional `hint: ...` line.
pub fn report(e: &Error) {
    Output::default().error(e);
}

/// Writes to stdout. A closed pipe (`inkwell list | head -1`) is not an error.
pub(crate) fn print(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("write to", Path::new("standard output"), e)),
    }
}

/// Makes a stored value safe to show on a terminal: control characters are escaped.
pub(crate) fn display(s: &str) -> String {
    if s.chars().any(char::is_control) {
        s.escape_debug().collect()
    } else {
        s.to_string()
    }
}
