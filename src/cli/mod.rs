//! The command-line interface, as data: clap definitions only, no I/O. Doc comments are
//! the long help; `help = ...` is the short one.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

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
inkwell colours errors, hints and names only on a terminal (see --color, NO_COLOR), and
asks for confirmation only when standard input, output and error are all terminals.
";

#[derive(Debug, Parser)]
#[command(
    name = "inkwell",
    version,
    about = "Manage podcast/RSS feed subscriptions (feeds.yaml), safely under concurrency",
    after_help = format!("{AFTER_HELP}\n{}", ExitCode::TABLE),
    max_term_width = 100,
    args_override_self = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// The options every subcommand takes, before or after its name.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the
    /// platform config dir + /inkwell, e.g. ~/.config/inkwell].
    // The environment variable is read by `paths`, not by clap: clap would count a value
    // from the environment as typed and show it in every usage line.
    #[arg(long, global = true, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub config_dir: Option<PathBuf>,

    /// Seconds to wait for another inkwell process to release the lock before giving up
    /// (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30].
    #[arg(
        long,
        global = true,
        value_name = "SECS",
        value_parser = parse_seconds,
        allow_negative_numbers = true
    )]
    pub lock_timeout: Option<f64>,

    /// Print JSON on stdout (what changed, or the data asked for) and errors as JSON on
    /// stderr: {"error": "...", "code": N, "hint": "..."}.
    #[arg(short = 'j', long, global = true)]
    pub json: bool,

    /// Print no success messages or notes (errors still go to stderr; with -v, the
    /// verbose lines too).
    #[arg(short = 'q', long, global = true, action = ArgAction::Count)]
    pub quiet: u8,

    /// Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats
    /// are accepted).
    #[arg(short = 'v', long, global = true, action = ArgAction::Count)]
    pub verbose: u8,

    /// Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set),
    /// always or never.
    #[arg(
        long,
        global = true,
        value_name = "WHEN",
        value_enum,
        default_value_t = ColorChoice::Auto
    )]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
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

    // Many machines: git as the engine (docs/many-machines.md).
    /// Merge three versions of feeds.yaml (by feed and field) or config.yaml (by key):
    /// git's merge driver for these files, also usable by hand like `git merge-file`.
    ///
    /// The result is written into CURRENT: CURRENT's text with OTHER's changes spliced in
    /// (comments, order, quoting and line endings kept; the checksum trailer recomputed).
    /// What both sides changed differently is left between conflict markers around that
    /// feed (or key) only, with one line per conflict on stderr. Exit code 0: merged
    /// cleanly; 1: conflicts remain, or the files cannot be merged by meaning (the reason
    /// on stderr, CURRENT untouched). Set it up with `inkwell git-setup`.
    #[command(
        after_help = "Examples:\n  inkwell merge base.yaml feeds.yaml theirs.yaml\n  git config merge.inkwell.driver 'inkwell merge %O %A %B --path %P --marker-size %L'"
    )]
    Merge(MergeArgs),
    /// Set up a git repository holding the config dir to merge feeds.yaml and config.yaml
    /// with `inkwell merge`.
    ///
    /// Writes `feeds.yaml merge=inkwell` and `config.yaml merge=inkwell` into the config
    /// dir's .gitattributes and `merge.inkwell.driver` into the repository's git config
    /// (the user's with --global); with --gitignore, also a .gitignore keeping the key
    /// file, audit.log and the lock files out of git. Running it again changes nothing.
    GitSetup(GitSetupArgs),
    /// Print completion candidates, one a line (called by the completion scripts).
    #[command(name = "__complete", hide = true)]
    Complete(CompleteArgs),
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
            | Command::Complete(_)
            | Command::Edit(_)
            | Command::History(_)
            | Command::Merge(_)
            | Command::GitSetup(_) => false,
            Command::Config(a) => matches!(a.action, ConfigAction::Set { dry_run: true, .. }),
        }
    }
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Feed URL (http or https).
    pub url: String,
    /// Name of the feed.
    #[arg(
        short = 'n',
        long,
        visible_alias = "feed-name",
        allow_hyphen_values = true
    )]
    pub name: String,
    /// Category, used by inkwell-cli to pick templates.
    #[arg(short = 'c', long, allow_hyphen_values = true)]
    pub category: Option<String>,
    /// Human-readable name shown in listings.
    #[arg(long, allow_hyphen_values = true)]
    pub display_name: Option<String>,
    /// Extra templates for this feed, comma-separated (stored as custom_templates).
    #[arg(
        short = 't',
        long,
        value_name = "A,B",
        visible_alias = "extra-templates",
        allow_hyphen_values = true
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
    /// Without TYPE it is asked for on a terminal, as inkwell-cli's `--auth` does.
    #[arg(long, value_enum, value_name = "TYPE", num_args = 0..=1)]
    pub auth: Option<Option<AuthKind>>,
    /// Username for --auth basic (asked for on a terminal when not given).
    #[arg(
        long,
        requires = "auth",
        value_name = "NAME",
        allow_hyphen_values = true
    )]
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
    #[arg(
        short = 'c',
        long,
        conflicts_with = "no_category",
        allow_hyphen_values = true
    )]
    pub category: Option<String>,
    /// Clear the category.
    #[arg(long)]
    pub no_category: bool,
    /// New display name.
    #[arg(long, conflicts_with = "no_display_name", allow_hyphen_values = true)]
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
        visible_alias = "extra-templates",
        allow_hyphen_values = true
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
    /// A feeds.yaml: inkwell-cli's file, or `inkwell export --format yaml`.
    Yaml,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format [default: from the extension of -o (.opml/.xml, .json, .yaml/.yml),
    /// else opml, or json with --json].
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
pub struct MergeArgs {
    /// The common ancestor's version (git's %O); an empty file if there is none.
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// This side's version (git's %A); the result is written here.
    #[arg(value_name = "CURRENT")]
    pub current: PathBuf,
    /// The other side's version (git's %B).
    #[arg(value_name = "OTHER")]
    pub other: PathBuf,
    /// The file's path in the repository (git's %P): config.yaml is merged by key,
    /// anything else as feeds.yaml [default: CURRENT's file name].
    #[arg(long, value_name = "NAME")]
    pub path: Option<String>,
    /// Labels for the conflict markers, for CURRENT, BASE and OTHER in that order (as
    /// `git merge-file -L`) [default: CURRENT's and OTHER's file names, or CURRENT and
    /// OTHER for git's temporary files].
    #[arg(short = 'L', long = "label", value_name = "LABEL", num_args = 1, action = clap::ArgAction::Append)]
    pub labels: Vec<String>,
    /// Length of the conflict markers (git's %L).
    #[arg(long, value_name = "N", default_value_t = 7)]
    pub marker_size: usize,
}

#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// Write the driver into the user's git config instead of the repository's.
    #[arg(long)]
    pub global: bool,
    /// Also write a .gitignore in the config dir (key file, audit.log, lock files).
    #[arg(long)]
    pub gitignore: bool,
}

#[derive(Debug, Args)]
pub struct CompleteArgs {
    /// What to list: the configured feed names, or the config keys.
    pub what: CompleteWhat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompleteWhat {
    Feeds,
    ConfigKeys,
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
    /// Set a feed's extra templates, as inkwell-cli's `config feed` does (the same as
    /// `inkwell update NAME -t A,B`; an empty list clears them).
    Feed {
        /// Name of the feed.
        name: String,
        /// The extra templates, comma-separated ("" for none).
        #[arg(
            short = 't',
            long = "extra-templates",
            value_name = "A,B",
            allow_hyphen_values = true
        )]
        extra_templates: String,
    },
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
pub const DEFAULT_LOCK_TIMEOUT: f64 = 30.0;

/// Reads a number of seconds (for `--lock-timeout` and `INKWELL_LOCK_TIMEOUT`).
pub fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=86_400.0).contains(&v) => Ok(v),
        _ => Err(format!(
            "'{s}' is not a number of seconds between 0 and 86400"
        )),
    }
}

/// Parses a command line (program name first). clap reads a short-flag cluster up to an
/// `h` as a request for help, so `inkwell add -https://…` printed the help with exit 0 and
/// added nothing. Help is printed only when asked for (`-h`, `--help`, or a cluster of
/// known flags such as `-vh`); a cluster with anything else after its `h` is an
/// unexpected argument (exit 2), with the `--` that passes it as a value.
pub fn parse(args: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
    use clap::CommandFactory;
    let err = match Cli::try_parse_from(args) {
        Ok(cli) => return Ok(cli),
        Err(e) if e.kind() != clap::error::ErrorKind::DisplayHelp => return Err(e),
        Err(e) => e,
    };
    let cmd = Cli::command();
    let mut shorts = vec!['h'];
    let mut stack = vec![&cmd];
    while let Some(c) = stack.pop() {
        shorts.extend(c.get_arguments().filter_map(clap::Arg::get_short));
        stack.extend(c.get_subcommands());
    }
    let words = args.iter().skip(1).take_while(|a| *a != "--");
    let words: Vec<String> = words.map(|a| a.to_string_lossy().into_owned()).collect();
    if words.iter().any(|w| w == "-h" || w == "--help") {
        return Err(err);
    }
    let garbled = words.iter().find(|w| {
        let Some(cluster) = w.strip_prefix('-').filter(|c| !c.starts_with('-')) else {
            return false;
        };
        cluster.split_once('h').is_some_and(|(before, after)| {
            before.chars().all(|c| shorts.contains(&c))
                && after.chars().any(|c| !shorts.contains(&c))
        })
    });
    let Some(word) = garbled else {
        return Err(err);
    };
    // clap parses the line again with the word swapped for an argument nothing takes:
    // its error has the usage line of the (sub)command the word was given to, under the
    // program's name. The message is then about the word itself.
    const MARK: &str = "--\u{1}\u{1}\u{1}\u{1}";
    let marked = args
        .iter()
        .map(|a| if *a == **word { MARK.into() } else { a.clone() });
    let tip = format!(
        "-h asks for help only alone or among other flags; to pass '{word}' as a value, put '--' before it: '-- {word}'"
    );
    match Cli::try_parse_from(marked) {
        Err(mut e) if e.kind() == clap::error::ErrorKind::UnknownArgument => {
            use clap::error::{ContextKind, ContextValue};
            e.insert(ContextKind::InvalidArg, ContextValue::String(word.clone()));
            e.insert(
                ContextKind::Suggested,
                ContextValue::StyledStrs(vec![tip.into()]),
            );
            Err(e)
        }
        // (The mark read as a value: say it at the top level.)
        _ => Err(cmd.clone().error(
            clap::error::ErrorKind::UnknownArgument,
            format!("unexpected argument '{word}' found\n\n  tip: {tip}"),
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
