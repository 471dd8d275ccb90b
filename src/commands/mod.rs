//! One module per subcommand: turn arguments into an operation on the
//! [`ConfigManager`](crate::ops::ConfigManager), then say what happened.

mod add;
mod auth;
mod config;
mod config_edit;
mod edit;
mod history;
mod list;
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

pub fn run(cli: Cli) -> Result<()> {
    let paths = Paths::resolve(cli.config_dir)?;
    let manager = ConfigManager::new(paths)
        .with_lock_timeout(Duration::from_secs_f64(cli.lock_timeout))
        .on_lock_wait(|path: &Path| {
            eprintln!(
                "inkwell: waiting for the lock on {} (another process is changing the feeds)...",
                path.display()
            );
        })
        .on_redo(|path: &Path| {
            eprintln!(
                "inkwell: {} was changed by another program during the update; applying the change to the new text",
                path.display()
            );
        })
        .on_warning(|message: &str| eprintln!("warning: {message}"));
    match cli.command {
        Command::Add(args) => add::run(&manager, args),
        Command::Remove(args) => remove::run(&manager, args),
        Command::Update(args) => update::run(&manager, args),
        Command::Rename(args) => rename::run(&manager, args),
        Command::List(args) => list::run(&manager, args),
        Command::Show(args) => show::run(&manager, args),
        Command::Edit(args) => edit::run(&manager, args),
        Command::History(args) => history::run(&manager, args),
        Command::Config(args) => config::run(&manager, args),
    }
}

/// Prints an error as `error: ...` with an optional `hint: ...` line.
pub fn report(e: &Error) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "error: {e}");
    if let Some(hint) = e.hint() {
        let _ = writeln!(err, "hint: {hint}");
    }
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
