//! The command-line interface, as data: clap definitions only, no I/O. Doc comments are
//! the long help; `help = ...` is the short one.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// The options every subcommand takes, before or after its name.
#[derive(Debug, Args)]
pub struct GlobalArgs {
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
        default_value = DEFAULT_LOCK_TIMEOUT,
        value_parser = parse_seconds,
        allow_negative_numbers = true
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
}

#[derive(Debug, Subcommand)]
// Only the subcommand that runs has its arguments built: start-up is part of every call.
#[command(defer = true)]
pub enum Command {
    /// Print the version (as inkwell-cli's `inkwell version` does).
    Version,
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
    /// Edit feeds.yaml in your editor, safely.
    ///
    /// Opens a private copy in $VISUAL, else $EDITOR, else vi, while holding the lock:
    /// other inkwell commands wait until you are done. The result is checked before it
    /// is installed; if it is not valid you can re-open the editor or abort (feeds.yaml
    /// is then unchanged). Without a terminal, an editor must be set explicitly.
    #[command(
        after_help = "Examples:\n  inkwell edit\n  EDITOR=\"code --wait\" inkwell edit\n  inkwell edit --editor nano"
    )]
    Edit(EditArgs),
    /// Show the recorded changes (audit.log), newest first.
    ///
    /// Every add, remove, update and rename of a feed and every `config set` appends one
    /// line to audit.log in the config directory, in inkwell-cli's format. With --json,
    /// the records are printed as a JSON array, as stored in audit.log.
    #[command(
        after_help = "Examples:\n  inkwell history\n  inkwell history my-podcast --limit 5\n  inkwell history --json | jq '.[0]'"
    )]
    History(HistoryArgs),
    /// Show or change inkwell-cli's global settings (config.yaml).
    ///
    /// Keys are dotted paths (`interview.model`, `cache.media.max_mb`). `set` checks the value
    /// against the key's type and allowed values before writing; the file's comments and
    /// unknown keys are kept. Changes take the lock on config.lock and are recorded in
    /// audit.log.
    #[command(
        after_help = "Examples:\n  inkwell config show\n  inkwell config get log_level\n  inkwell config set log_level DEBUG\n  inkwell config set default_templates summary,quotes\n  inkwell config set plugins.codex.enabled false\n  inkwell config edit"
    )]
    Config(ConfigArgs),
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
            Command::Version
            | Command::List(_)
            | Command::Show(_)
            | Command::Export(_)
            | Command::Completions(_)
            | Command::Edit(_)
            | Command::History(_) => false,
            Command::Config(a) => matches!(a.action, ConfigAction::Set { dry_run: true, .. }),
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
    #[command(flatten)]
    pub auth: AuthArgs,
    /// Succeed without changing anything if the feed already exists with this URL
    /// (a feed of that name with another URL is still an error).
    #[arg(long)]
    pub exist_ok: bool,
    /// Print what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

// Credentials of a private feed. Secrets never come from the command line: they are
// asked for (without echo) on a terminal, or read from standard input.
#[derive(Debug, Args)]
pub struct AuthArgs {
    /// Authentication: basic (username and password) or bearer (token); `none` removes it.
    #[arg(long, value_enum, value_name = "TYPE")]
    pub auth: Option<AuthKind>,
    /// Username for --auth basic (asked for on a terminal when not given).
    #[arg(long, requires = "auth", value_name = "NAME")]
    pub username: Option<String>,
    /// Read the password for --auth basic from standard input (up to a line break or EOF).
    #[arg(long, requires = "auth", conflicts_with = "token_stdin")]
    pub password_stdin: bool,
    /// Read the token for --auth bearer from standard input (up to a line break or EOF).
    #[arg(long, requires = "auth")]
    pub token_stdin: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuthKind {
    None,
    Basic,
    Bearer,
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
    #[command(flatten)]
    pub auth: AuthArgs,
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
pub struct EditArgs {
    /// Editor command, run by the shell with the file appended (e.g. "code --wait")
    /// [default: $VISUAL, then $EDITOR, then vi].
    #[arg(long, value_name = "CMD")]
    pub editor: Option<String>,
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

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only changes to this feed (under this name, or renamed from or to it).
    pub name: Option<String>,
    /// Show at most N changes (the most recent).
    #[arg(short = 'n', long, value_name = "N")]
    pub limit: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub action: ConfigAction,
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print every setting's effective value; `(default)` marks values not in the file.
    Show {
        /// Print JSON: {"path": ..., "settings": [{"key","value","source"}], ...}.
        #[arg(short = 'j', long)]
        json: bool,
    },
    /// Print one setting's effective value (or every setting under a section).
    Get {
        /// Dotted key, e.g. `interview.model`, or a section such as `interview`.
        key: String,
        /// Print API keys in full instead of masked.
        #[arg(long)]
        reveal: bool,
    },
    /// Check a value and write it to config.yaml.
    Set {
        /// Dotted key, e.g. `log_level` or `cache.media.enabled`.
        key: String,
        /// The value; lists are comma-separated (an empty string for none).
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// Check the value and print what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Edit config.yaml in $VISUAL or $EDITOR (a private copy, installed only if valid).
    ///
    /// Without a terminal, an editor must be set explicitly (VISUAL, EDITOR or --editor).
    Edit {
        /// Editor command, run by the shell with the file appended (e.g. "code --wait")
        /// [default: $VISUAL, then $EDITOR, then vi].
        #[arg(long, value_name = "CMD")]
        editor: Option<String>,
    },
}

/// `--lock-timeout` when neither the option nor `INKWELL_LOCK_TIMEOUT` is given.
const DEFAULT_LOCK_TIMEOUT: &str = "30";

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
