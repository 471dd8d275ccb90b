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

Every change takes the lock on feeds.lock, is written atomically (temp file, fsync,
rename, fsync of the directory) and keeps comments, blank lines and unknown keys.
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
    /// line to audit.log in the config directory, in inkwell-cli's format.
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
}

/// Credentials of a private feed. Secrets never come from the command line: they are
/// asked for (without echo) on a terminal, or read from standard input.
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
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// What to list; only `feeds` is supported (accepted for inkwell-cli compatibility).
    #[arg(value_parser = ["feeds"], hide_possible_values = true)]
    pub what: Option<String>,
    /// Print JSON: {"feeds":[{"name","display_name","url","auth","category","extra_templates"}],"total":N}.
    #[arg(short = 'j', long)]
    pub json: bool,
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
    /// Print JSON with the stored values.
    #[arg(short = 'j', long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only changes to this feed (under this name, or renamed from or to it).
    pub name: Option<String>,
    /// Show at most N changes (the most recent).
    #[arg(short = 'n', long, value_name = "N")]
    pub limit: Option<usize>,
    /// Print the records as a JSON array (newest first), as stored in audit.log.
    #[arg(short = 'j', long)]
    pub json: bool,
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
    },
    /// Edit config.yaml in $VISUAL or $EDITOR (a private copy, installed only if valid).
    Edit,
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
