//! How a command speaks: human messages, JSON for scripts, quiet or verbose. Built once
//! from the global flags and handed to every command, so no command reads flags itself.

use std::io::{self, Write};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::feed::Feed;

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
            let _ = writeln!(io::stderr().lock(), "{text}");
        }
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
        let _ = writeln!(err, "error: {e}");
        if let Some(hint) = e.hint() {
            let _ = writeln!(err, "hint: {hint}");
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

/// A feed's stored values, as `show --json` prints them; credentials are never printed.
#[derive(Serialize, Clone)]
pub struct FeedJson {
    pub name: String,
    pub url: String,
    pub display_name: Option<String>,
    /// The auth type only.
    pub auth: String,
    pub category: Option<String>,
    pub custom_templates: Vec<String>,
}

impl FeedJson {
    pub fn new(name: &str, feed: &Feed) -> FeedJson {
        FeedJson {
            name: name.to_string(),
            url: feed.url.clone(),
            display_name: feed.display_name.clone(),
            auth: feed.auth.kind.clone(),
            category: feed.category.clone(),
            custom_templates: feed.custom_templates.clone(),
        }
    }
}

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
    Rename {
        from: String,
        to: String,
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
