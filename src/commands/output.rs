//! How a command speaks: human messages, JSON for scripts, quiet or verbose. Built once
//! from the global flags and handed to every command, so no command reads flags itself.

use std::io::{self, IsTerminal, Write};

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::cli::ColorChoice;
use crate::error::{Error, Result};

/// `error:`
const ERROR: Style = AnsiColor::Red.on_default().bold();
/// `warning:`
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
/// `hint:` and `note:`
const HINT: Style = AnsiColor::Cyan.on_default().bold();
/// Feed names in listings and messages.
const NAME: Style = Style::new().bold();

/// Where colour may be used: `--color`, then `NO_COLOR` (any non-empty value turns it
/// off), then whether each stream is a terminal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Colors {
    pub stdout: bool,
    pub stderr: bool,
}

/// Decides colour once, from the `--color` choice and the environment.
pub fn color_enabled(choice: ColorChoice) -> Colors {
    match choice {
        ColorChoice::Always => Colors {
            stdout: true,
            stderr: true,
        },
        ColorChoice::Never => Colors::default(),
        ColorChoice::Auto => {
            if crate::paths::no_color_from_env() {
                return Colors::default();
            }
            Colors {
                stdout: io::stdout().is_terminal(),
                stderr: io::stderr().is_terminal(),
            }
        }
    }
}

/// Writes `args` to standard error and ignores a failure: a message that cannot be
/// shown (`2>/dev/full`, a closed terminal) never panics and never changes the outcome
/// or the exit code. Every stderr message of inkwell goes through here (or through the
/// `stderr_line!`/`stderr_text!` macros that call it); `eprintln!` panics on a write
/// error, and the crate denies it (`clippy::print_stderr`, `clippy::print_stdout`).
pub fn stderr_write(args: std::fmt::Arguments<'_>) {
    let mut err = io::stderr().lock();
    let _ = err.write_fmt(args);
    let _ = err.flush();
}

fn paint(on: bool, style: Style, text: &str) -> String {
    if on {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Output {
    /// `--json`: results as JSON on stdout, errors as JSON on stderr, no prose.
    pub json: bool,
    /// `-q`: no success messages or notes.
    pub quiet: bool,
    /// `-v`: lock waits, retries and timings on stderr.
    pub verbose: bool,
    /// `--dry-run`: messages say what would change.
    pub dry_run: bool,
    /// `--color`: which streams get colour.
    pub color: Colors,
}

impl Output {
    /// A success message for people (not with `--json` or `-q`).
    pub fn done(&self, text: &str) -> Result<()> {
        if self.json || self.quiet {
            return Ok(());
        }
        super::print(text)
    }

    /// The data asked for (a listing, an export): always printed.
    pub fn data(&self, text: &str) -> Result<()> {
        super::print(text)
    }

    /// A JSON result on stdout.
    pub fn json(&self, value: &impl Serialize) -> Result<()> {
        let mut text = serde_json::to_string_pretty(value).expect("serializable");
        text.push('\n');
        super::print(&text)
    }

    /// A `note:` or `warning:` line on stderr (not with `--json`, where notes are part of
    /// the result, nor with `-q`).
    pub fn note(&self, text: &str) {
        if !self.json && !self.quiet {
            let _ = writeln!(io::stderr().lock(), "{}", self.label_err(text));
        }
    }

    /// `text` with a leading `error:`, `warning:`, `note:` or `hint:` coloured for stderr.
    pub fn label_err(&self, text: &str) -> String {
        if !self.color.stderr {
            return text.to_string();
        }
        text.lines()
            .map(|line| {
                for (label, style) in [
                    ("error:", ERROR),
                    ("warning:", WARNING),
                    ("note:", HINT),
                    ("hint:", HINT),
                ] {
                    if let Some(rest) = line.strip_prefix(label) {
                        return format!("{}{rest}", paint(true, style, label));
                    }
                }
                line.to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A feed name in data or a message printed on stdout (bold on a terminal), safe to
    /// show (control characters escaped).
    pub fn name(&self, name: &str) -> String {
        paint(self.color.stdout, NAME, &super::display(name))
    }

    /// `cell` padded to `width` columns, its text (not the padding) styled as a feed name:
    /// for tables, whose alignment counts only the visible characters.
    pub fn name_cell(&self, cell: &str, width: usize) -> String {
        let text = cell.trim_start();
        let indent = &cell[..cell.len() - text.len()];
        let pad = width.saturating_sub(cell.chars().count());
        format!("{indent}{}{:pad$}", self.name(text), "")
    }

    /// A `-v` line on stderr.
    pub fn trace(&self, text: &str) {
        if self.verbose {
            let _ = writeln!(io::stderr().lock(), "inkwell: {text}");
        }
    }

    /// "Added" or, in a dry run, "Would add".
    pub fn verb(&self, done: &'static str, would: &'static str) -> &'static str {
        if self.dry_run { would } else { done }
    }

    /// Prints an error: `error: ...` and `hint: ...`, or with `--json` one JSON object
    /// `{"error", "code", "hint"?, "problems"?}` on stderr.
    pub fn error(&self, e: &Error) {
        let mut err = io::stderr().lock();
        if self.json {
            let problems = match e {
                Error::BadImport { problems, .. } => Some(
                    problems
                        .iter()
                        .map(|p| JsonProblem {
                            line: p.line,
                            entry: p.entry,
                            message: &p.message,
                            exists: p.exists,
                        })
                        .collect(),
                ),
                _ => None,
            };
            let message = match e {
                // The problems are listed separately; keep the first line only.
                Error::BadImport { .. } => e.to_string().lines().next().unwrap_or("").to_string(),
                _ => e.to_string(),
            };
            let value = JsonError {
                error: message,
                code: e.exit_code() as i32,
                hint: e.hint(),
                problems,
            };
            let _ = writeln!(
                err,
                "{}",
                serde_json::to_string(&value).expect("serializable")
            );
            return;
        }
        let on = self.color.stderr;
        let _ = writeln!(err, "{} {e}", paint(on, ERROR, "error:"));
        if let Some(hint) = e.hint() {
            let _ = writeln!(err, "{} {hint}", paint(on, HINT, "hint:"));
        }
    }
}

#[derive(Serialize)]
pub struct JsonError<'a> {
    pub error: String,
    pub code: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problems: Option<Vec<JsonProblem<'a>>>,
}

#[derive(Serialize)]
pub struct JsonProblem<'a> {
    pub line: Option<usize>,
    pub entry: Option<usize>,
    pub message: &'a str,
    pub exists: bool,
}

/// A feed as every `--json` output prints it: `list --json`'s shape.
pub use crate::interchange::JsonFeed as FeedJson;

/// One thing a mutating command did (or, in a dry run, would do).
#[derive(Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ChangeJson {
    Add {
        name: String,
        feed: FeedJson,
    },
    Update {
        name: String,
        before: FeedJson,
        after: FeedJson,
    },
    Remove {
        name: String,
        feed: FeedJson,
    },
    /// `name` is the new name.
    Rename {
        name: String,
        old_name: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        replaced: Option<FeedJson>,
    },
    /// Already as asked: nothing to do.
    Unchanged {
        name: String,
    },
    /// Left alone on purpose (`--skip-existing`, `--missing-ok`).
    Skip {
        name: String,
        reason: String,
    },
}

impl ChangeJson {
    fn is_change(&self) -> bool {
        !matches!(self, ChangeJson::Unchanged { .. } | ChangeJson::Skip { .. })
    }
}

/// The `--json` result of every mutating command.
#[derive(Serialize)]
pub struct ChangeReport {
    pub command: &'static str,
    pub dry_run: bool,
    /// Whether the feeds changed (or, in a dry run, would change).
    pub changed: bool,
    pub changes: Vec<ChangeJson>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl ChangeReport {
    pub fn new(
        command: &'static str,
        out: &Output,
        changes: Vec<ChangeJson>,
        notes: Vec<String>,
    ) -> ChangeReport {
        ChangeReport {
            command,
            dry_run: out.dry_run,
            changed: changes.iter().any(ChangeJson::is_change),
            changes,
            notes,
        }
    }
}
