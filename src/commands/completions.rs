//! `inkwell completions SHELL`: a completion script generated from the clap definition.

use clap::CommandFactory;

use super::output::Output;
use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;

pub fn run(out: &Output, args: CompletionsArgs) -> Result<()> {
    out.data(&script(args.shell))
}

/// The completion script for `shell`, as committed under `completions/`.
pub fn script(shell: clap_complete::Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "inkwell", &mut buf);
    String::from_utf8(buf).expect("completion scripts are UTF-8")
}
