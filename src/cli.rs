//! The command-line interface, as data: clap definitions only, no I/O. Doc comments are
//! the long help; `help = ...` is the short one.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::error::ExitCode;

const AFTER_HELP: &str = "\
Examples:
  inkwell add https://example.com/feed.rss -n my-podcast
  inkwell add https://example.com/tech.rss -n tech-show -c tech -t summary,quotes
  inkwell list
  inkwell update tech-show --category news
  inkwell rename tech-show tech-news
  inkwell remove tech-news --force
  inkwell import subscriptions.opml --skip-existing
  inkwell export -o feeds.opml
  inkwell --json add https://example.com/feed.rss -n my-podcast --exist-ok

Every change takes the lock on feeds.lock, is written atomically (temp file, fsync,
rename, fsync of the directory) and keeps comments, blank lines and unknown keys.
inkwell prints no colour, and asks for confirmation only when standard input, output
and error are all terminals.
";

#[derive(Debug, Parser)]
#[command(
    name = "inkwell",
    version,
    about = "Manage podcast/RSS feed subscriptions (feeds.yaml), safely under concurrency",
    after_help = format!("{AFTER_HELP}\n{}", ExitCode::TABLE),
    max_term_width = 100
)]
pub struct Cli {
    /// Directory holding feeds.yaml and feeds.lock [default: the platform config dir
    /// + /inkwell, e.g. ~/.config/inkwell].
    #[arg(long, global = true, value_name = "DIR", env = "INKWELL_CONFIG_DIR")]
    pub config_dir: Option<PathBuf>,

    /// Seconds to wait for another inkwell process to release the lock before giving up
    /// (exit code 7).
    #[arg(
        long,
        global = true,
        value_name = "SECS",
        env = "INKWELL_LOCK_TIMEOUT",
        default_value = "30",
        value_parser = parse_seconds
    )]
    pub lock_timeout: f64,

    /// Print JSON on stdout (what changed, or the data asked for) and errors as JSON on
    /// stderr: {"error": "...", "code": N, "hint": "..."}.
    #[arg(short = 'j', long, global = true)]
    pub json: bool,

    /// Print no success messages or notes (errors still go to stderr; with -v, the
    /// verbose lines too).
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,

    /// Say more on stderr: lock waits, retries, timings, writes.
    #[arg(short = 'v', long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a feed.
    ///
    /// The name is normalized as inkwell-cli does (lowercase; every run of characters
    /// outside a-z and 0-9 becomes '-'); if that changes it and no --display-name is
    /// given, the name as typed is kept as the display name.
    #[command(
        after_help = "Examples:\n  inkwell add https://example.com/feed.rss -n my-podcast\n  inkwell add https://example.com/feed.rss -n \"My Podcast\" -c tech -t summary,quotes"
    )]
    Add(AddArgs),
    /// Remove one or more feeds (all of them, or none if any name is unknown).
    ///
    /// Asks for confirmation when standard input is a terminal, unless --force is given;
    /// never prompts in a script.
    #[command(
        visible_alias = "rm",
        after_help = "Examples:\n  inkwell remove old-show\n  inkwell remove a b c --force"
    )]
    Remove(RemoveArgs),
    /// Change fields of an existing feed.
    #[command(
        after_help = "Examples:\n  inkwell update my-podcast --url https://example.com/new.rss\n  inkwell update my-podcast --category news --no-display-name"
    )]
    Update(UpdateArgs),
    /// Rename a feed, keeping all its settings.
    #[command(
        after_help = "Examples:\n  inkwell rename my-podcast my-show\n  inkwell rename a b --force   # replaces an existing feed 'b'"
    )]
    Rename(RenameArgs),
    /// List the feeds (`list feeds` works too, as in inkwell-cli).
    #[command(
        visible_alias = "ls",
        after_help = "Examples:\n  inkwell list\n  inkwell list --json | jq '.feeds[].url'"
    )]
    List(ListArgs),
    /// Show one feed.
    #[command(
        after_help = "Examples:\n  inkwell show my-podcast\n  inkwell show my-podcast --json"
    )]
    Show(ShowArgs),
    /// Add many feeds at once from OPML, plain text or JSON, in one locked write.
    ///
    /// All or nothing: if any entry is bad, nothing is written and every bad entry is
    /// listed with its line. Formats (detected from the content, or --format):
    /// OPML 1.0/2.0 (outlines with xmlUrl; a feed's enclosing outline is its category),
    /// plain text (one URL per line, optionally followed by a name; '#' starts a comment
    /// line), and the JSON of `inkwell list --json`. An entry without a name is named
    /// after its URL. Names are normalized like `add --name`; a name that changes keeps
    /// the text as its display name. Two entries with the same name are an error unless
    /// they are identical (then one is imported). Credentials are never imported.
    ///
    /// Exit code 3 if an entry is invalid, 5 if the only problem is names that already
    /// exist (see --skip-existing, --update-existing).
    #[command(
        after_help = "Examples:\n  inkwell import podcasts.opml\n  inkwell import feeds.txt --skip-existing\n  inkwell list --json | ssh other-host inkwell import - --update-existing"
    )]
    Import(ImportArgs),
    /// Write all feeds as OPML (for podcast apps), JSON (as `list --json`) or YAML.
    ///
    /// Credentials are never exported: only the auth type is.
    #[command(
        after_help = "Examples:\n  inkwell export > feeds.opml\n  inkwell export --format json -o feeds.json"
    )]
    Export(ExportArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  inkwell completions bash > ~/.local/share/bash-completion/completions/inkwell\n  inkwell completions zsh > ~/.zfunc/_inkwell\n  inkwell completions fish > ~/.config/fish/completions/inkwell.fish"
    )]
    Completions(CompletionsArgs),
}

impl Command {
    /// Whether the command was asked to only say what it would change.
    pub fn dry_run(&self) -> bool {
        match self {
            Command::Add(a) => a.dry_run,
            Command::Remove(a) => a.dry_run,
            Command::Update(a) => a.dry_run,
            Command::Rename(a) => a.dry_run,
            Command::Import(a) => a.dry_run,
            Command::List(_) | Command::Show(_) | Command::Export(_) | Command::Completions(_) => {
                false
            }
        }
    }
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Feed URL (http or https).
    pub url: String,
    /// Name of the feed.
    #[arg(short = 'n', long, visible_alias = "feed-name")]
    pub name: String,
    /// Category, used by inkwell-cli to pick templates.
    #[arg(short = 'c', long)]
    pub category: Option<String>,
    /// Human-readable name shown in listings.
    #[arg(long)]
    pub display_name: Option<String>,
    /// Extra templates for this feed, comma-separated (stored as custom_templates).
    #[arg(
        short = 't',
        long,
        value_name = "A,B",
        visible_alias = "extra-templates"
    )]
    pub templates: Option<String>,
    /// Succeed without changing anything if the feed already exists with this URL
    /// (a feed of that name with another URL is still an error).
    #[arg(long)]
    pub exist_ok: bool,
    /// Print what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Names of the feeds to remove.
    #[arg(required = true, value_name = "NAME")]
    pub names: Vec<String>,
    /// Do not ask for confirmation.
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Names that do not exist are not an error; the others are removed.
    #[arg(long)]
    pub missing_ok: bool,
    /// Print what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Name of the feed.
    pub name: String,
    /// New URL.
    #[arg(long)]
    pub url: Option<String>,
    /// New category.
    #[arg(short = 'c', long, conflicts_with = "no_category")]
    pub category: Option<String>,
    /// Clear the category.
    #[arg(long)]
    pub no_category: bool,
    /// New display name.
    #[arg(long, conflicts_with = "no_display_name")]
    pub display_name: Option<String>,
    /// Clear the display name.
    #[arg(long)]
    pub no_display_name: bool,
    /// New extra templates, comma-separated (replaces the list).
    #[arg(
        short = 't',
        long,
        value_name = "A,B",
        conflicts_with = "no_templates",
        visible_alias = "extra-templates"
    )]
    pub templates: Option<String>,
    /// Clear the extra templates.
    #[arg(long)]
    pub no_templates: bool,
    /// Print what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct RenameArgs {
    /// Current name.
    pub old: String,
    /// New name (normalized like `add --name`).
    pub new: String,
    /// Replace an existing feed that already has the new name.
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Print what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// What to list; only `feeds` is supported (accepted for inkwell-cli compatibility).
    #[arg(value_parser = ["feeds"], hide_possible_values = true)]
    pub what: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Name of the feed.
    pub name: String,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// File to read, or '-' for standard input.
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,
    /// Format of the file [default: detected from its content].
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// Leave feeds whose name already exists as they are (default: an error).
    #[arg(long, conflicts_with = "update_existing")]
    pub skip_existing: bool,
    /// Update feeds whose name already exists with the URL and the fields the file gives
    /// (never clears a field).
    #[arg(long)]
    pub update_existing: bool,
    /// Print what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// OPML 1.0 or 2.0, as podcast apps export it.
    Opml,
    /// One URL per line, optionally followed by a name; '#' comment lines.
    Text,
    /// The JSON of `inkwell list --json` (or a bare array of its feeds).
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format [default: opml, or json with --json].
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// OPML 2.0, which podcast apps import.
    Opml,
    /// The JSON of `inkwell list --json`.
    Json,
    /// A feeds.yaml, without credentials.
    Yaml,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    pub shell: clap_complete::Shell,
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=86_400.0).contains(&v) => Ok(v),
        _ => Err(format!(
            "'{s}' is not a number of seconds between 0 and 86400"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
