//! The everyday command lines (`add`, `remove`, `rename`, `show`, `list` with their
//! plain options), read without clap.
//!
//! Building clap's parser and running it is the largest part of a short command's run:
//! about a third of the instructions of an `add` to a 40-feed file, and half of the page
//! faults it takes beyond the floor's (its code and heap pages are touched for the first
//! time). This reader
//! knows the options of those five subcommands from the tables below and takes a line
//! only when it can read it exactly as clap would; for anything else (help, a typo, an
//! unusual spelling, a repeated option, `--auth`, an environment variable clap would
//! read, any other subcommand) it returns `None` and clap parses the line, so every
//! message, suggestion and error stays clap's. The tests compare both readers on
//! thousands of generated lines.
//!
//! What it takes, and clap takes the same way: `--long VALUE`, `--long=VALUE`,
//! `-s VALUE`, flags, bundles of the global short flags (`-qv`), positional arguments
//! anywhere between options, the global options before or after the subcommand. A value
//! must be non-empty and must not start with `-`.

use std::ffi::OsStr;
use std::path::PathBuf;

use super::{
    AddArgs, AuthArgs, Cli, Command, GlobalArgs, ListArgs, RemoveArgs, RenameArgs, ShowArgs,
};

/// An option of a subcommand, as clap defines it in `cli/mod.rs`.
struct Opt {
    long: &'static str,
    aliases: &'static [&'static str],
    short: Option<char>,
    takes_value: bool,
}

const fn value(long: &'static str, short: Option<char>, aliases: &'static [&'static str]) -> Opt {
    Opt {
        long,
        aliases,
        short,
        takes_value: true,
    }
}

const fn flag(long: &'static str, short: Option<char>) -> Opt {
    Opt {
        long,
        aliases: &[],
        short,
        takes_value: false,
    }
}

/// A subcommand this reader takes: its names, options, and how many positional arguments
/// it needs and allows.
struct Spec {
    names: &'static [&'static str],
    options: &'static [Opt],
    positionals: (usize, usize),
}

// `command` and `global_args` read the options by their place in these tables: keep
// the order.
const SPECS: &[Spec] = &[
    Spec {
        names: &["add"],
        options: &[
            value("name", Some('n'), &["feed-name"]),
            value("category", Some('c'), &[]),
            value("display-name", None, &[]),
            value("templates", Some('t'), &["extra-templates"]),
            flag("exist-ok", None),
            flag("dry-run", None),
        ],
        positionals: (1, 1),
    },
    Spec {
        names: &["remove", "rm"],
        options: &[
            flag("force", Some('f')),
            flag("missing-ok", None),
            flag("dry-run", None),
        ],
        positionals: (1, usize::MAX),
    },
    Spec {
        names: &["rename"],
        options: &[flag("force", Some('f')), flag("dry-run", None)],
        positionals: (2, 2),
    },
    Spec {
        names: &["show"],
        options: &[],
        positionals: (1, 1),
    },
    Spec {
        names: &["list", "ls"],
        options: &[],
        positionals: (0, 1),
    },
];

/// The global options (`GlobalArgs`), in the same form.
const GLOBALS: &[Opt] = &[
    value("config-dir", None, &[]),
    value("lock-timeout", None, &[]),
    flag("json", Some('j')),
    flag("quiet", Some('q')),
    flag("verbose", Some('v')),
];

/// The environment variables clap reads for the global options: a line parsed while one
/// is set is left to clap.
const ENV: [&str; 2] = ["INKWELL_CONFIG_DIR", "INKWELL_LOCK_TIMEOUT"];

/// Options that take a value and options that do not, as given on the line.
#[derive(Default)]
struct Given<'a> {
    values: [Option<&'a str>; 8],
    flags: [bool; 8],
}

impl<'a> Given<'a> {
    /// Records option `i` of `table`; `None` if it was given before (left to clap).
    fn set(&mut self, i: usize, value: Option<&'a str>) -> Option<()> {
        match value {
            Some(v) => self.values[i].replace(v).is_none(),
            None => !std::mem::replace(&mut self.flags[i], true),
        }
        .then_some(())
    }
}

/// `args` (with the program name first) read as clap would read them, or `None` when
/// clap is to read them.
pub(crate) fn parse<S: AsRef<OsStr>>(args: &[S]) -> Option<Cli> {
    let words = words_of(args)?;
    let mut words = words.into_iter();
    let mut globals = Given::default();
    let name = subcommand(&mut words, &mut globals)?;
    let spec = SPECS.iter().find(|s| s.names.contains(&name))?;
    let mut given = Given::default();
    let mut positionals = Vec::new();
    while let Some(word) = words.next() {
        if take(GLOBALS, &mut globals, word, &mut words, true)?
            || take(spec.options, &mut given, word, &mut words, false)?
        {
            continue;
        }
        if word.is_empty() || (word.starts_with('-') && word != "-") {
            return None;
        }
        positionals.push(word);
    }
    let (least, most) = spec.positionals;
    if positionals.len() < least || positionals.len() > most {
        return None;
    }
    Some(Cli {
        global: global_args(&globals)?,
        command: command(spec.names[0], &given, positionals)?,
    })
}

/// The name of the subcommand that `args` (with the program name first) give after
/// global options only, if they do, in a spelling this reader takes.
pub(crate) fn subcommand_name<S: AsRef<OsStr>>(args: &[S]) -> Option<&str> {
    subcommand(&mut words_of(args)?.into_iter(), &mut Given::default())
}

fn words_of<S: AsRef<OsStr>>(args: &[S]) -> Option<Vec<&str>> {
    args.get(1..)?.iter().map(|a| a.as_ref().to_str()).collect()
}

/// Takes the global options at the start of `words` into `globals`, then the word after
/// them: the subcommand's name.
fn subcommand<'a>(
    words: &mut impl Iterator<Item = &'a str>,
    globals: &mut Given<'a>,
) -> Option<&'a str> {
    loop {
        let word = words.next()?;
        if !take(GLOBALS, globals, word, words, true)? {
            return Some(word);
        }
    }
}

/// Takes `word` (and its value, from `rest` if it is not attached) if it is one of
/// `table`'s options. `Some(false)`: not one of them; `None`: one of them, but in a
/// form left to clap. With `bundles`, `-qv` stands for `-q -v`.
fn take<'a>(
    table: &[Opt],
    given: &mut Given<'a>,
    word: &'a str,
    rest: &mut impl Iterator<Item = &'a str>,
    bundles: bool,
) -> Option<bool> {
    let (i, attached) = if let Some(long) = word.strip_prefix("--") {
        let (name, attached) = match long.split_once('=') {
            Some((name, v)) => (name, Some(v)),
            None => (long, None),
        };
        match table
            .iter()
            .position(|o| o.long == name || o.aliases.contains(&name))
        {
            Some(i) => (i, attached),
            None => return Some(false),
        }
    } else if let Some(shorts) = word.strip_prefix('-') {
        let mut chars = shorts.chars();
        let position = |c| table.iter().position(|o| o.short == Some(c));
        match (chars.next(), chars.as_str()) {
            (Some(c), "") => match position(c) {
                Some(i) => (i, None),
                None => return Some(false),
            },
            (Some(_), _) if bundles => {
                let all: Option<Vec<usize>> = shorts
                    .chars()
                    .map(|c| position(c).filter(|&i| !table[i].takes_value))
                    .collect();
                let Some(all) = all else {
                    return Some(false);
                };
                for i in all {
                    given.set(i, None)?;
                }
                return Some(true);
            }
            _ => return Some(false),
        }
    } else {
        return Some(false);
    };
    let value = match (table[i].takes_value, attached) {
        (false, None) => None,
        (false, Some(_)) => return None,
        (true, Some(v)) => Some(v),
        (true, None) => Some(rest.next()?),
    };
    if value.is_some_and(|v| v.is_empty() || v.starts_with('-')) {
        return None;
    }
    given.set(i, value)?;
    Some(true)
}

fn global_args(given: &Given) -> Option<GlobalArgs> {
    let [config_dir, lock_timeout, ..] = given.values;
    // clap would read these from the environment: leave that to it.
    let from_env = |i: usize| given.values[i].is_none() && std::env::var_os(ENV[i]).is_some();
    if from_env(0) || from_env(1) {
        return None;
    }
    Some(GlobalArgs {
        config_dir: config_dir.map(PathBuf::from),
        lock_timeout: super::parse_seconds(lock_timeout.unwrap_or(super::DEFAULT_LOCK_TIMEOUT))
            .ok()?,
        json: given.flags[2],
        quiet: given.flags[3],
        verbose: given.flags[4],
    })
}

fn command(name: &str, given: &Given, positionals: Vec<&str>) -> Option<Command> {
    let owned = |v: Option<&str>| v.map(str::to_string);
    let first = || positionals[0].to_string();
    Some(match name {
        "add" => Command::Add(AddArgs {
            url: first(),
            name: given.values[0]?.to_string(),
            category: owned(given.values[1]),
            display_name: owned(given.values[2]),
            templates: owned(given.values[3]),
            auth: AuthArgs {
                auth: None,
                username: None,
                password_stdin: false,
                token_stdin: false,
            },
            exist_ok: given.flags[4],
            dry_run: given.flags[5],
        }),
        "remove" => Command::Remove(RemoveArgs {
            names: positionals.iter().map(|s| s.to_string()).collect(),
            force: given.flags[0],
            missing_ok: given.flags[1],
            dry_run: given.flags[2],
        }),
        "rename" => Command::Rename(RenameArgs {
            old: first(),
            new: positionals[1].to_string(),
            force: given.flags[0],
            dry_run: given.flags[1],
        }),
        "show" => Command::Show(ShowArgs { name: first() }),
        "list" => Command::List(ListArgs {
            what: match positionals.first() {
                None => None,
                Some(&"feeds") => Some("feeds".to_string()),
                Some(_) => return None,
            },
        }),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::super::words;
    use super::*;

    fn clap<S: AsRef<OsStr>>(args: &[S]) -> Result<String, String> {
        Cli::try_parse_from(args.iter().map(AsRef::as_ref))
            .map(|cli| format!("{cli:?}"))
            .map_err(|e| e.to_string())
    }

    /// Whether clap would read a global option from the environment of this test run;
    /// then this reader takes nothing.
    fn env_is_set() -> bool {
        ENV.iter().any(|v| std::env::var_os(v).is_some())
    }

    #[test]
    fn the_everyday_lines_are_read_as_clap_reads_them() {
        if env_is_set() {
            eprintln!("SKIP: {ENV:?} set in the environment; clap reads every line then");
            return;
        }
        let lines = [
            "add https://example.com/feed.rss -n my-podcast",
            "--config-dir /tmp/d add https://e.example/f.xml -n show -c bench --display-name Bench",
            "add https://e.example/f.xml --name=show --category tech -t summary,quotes",
            "add https://e.example/f.xml --feed-name show --extra-templates a --exist-ok",
            "-qv add u -n n --dry-run --lock-timeout 2.5",
            "--json add -n n u",
            "add u -n n --config-dir=/tmp/x -j",
            "remove a b c --force -q",
            "rm a -f --missing-ok --dry-run",
            "rename a b --force",
            "rename a b --dry-run -v",
            "show my-podcast",
            "--json show -",
            "list",
            "ls --json",
            "list feeds",
            "--lock-timeout=0 list",
        ];
        for line in lines {
            let args = words(line);
            let quick = parse(&args).map(|cli| format!("{cli:?}"));
            assert_eq!(quick.ok_or("not taken".to_string()), clap(&args), "{line}");
        }
    }

    #[test]
    fn anything_unusual_is_left_to_clap() {
        let lines = [
            "",
            "--help",
            "-h",
            "--version",
            "help add",
            "add --help",
            "ad u -n x",
            "update show --category news",
            "add",
            "add u",
            "add u v -n x",
            "add u -n x -n y",
            "add u -n x --bogus",
            "add u -nx",
            "add u -n -x",
            "add u --name=",
            "add u -n x --exist-ok=yes",
            "add u -n x --auth basic",
            "add -- u -n x",
            "-q -q list",
            "-qx list",
            "--lock-timeout soon list",
            "--lock-timeout -1 list",
            "list everything",
            "list feeds feeds",
            "rm",
            "rm -fq a",
            "show",
            "show a b",
            "rename a",
            "config show",
        ];
        for line in lines {
            assert!(parse(&words(line)).is_none(), "{line}");
        }
    }

    /// A small deterministic generator (xorshift), so a failure names a line that can be
    /// run again.
    struct Lines(u64);

    impl Lines {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[self.below(from.len())]
        }
    }

    /// Ways of writing each option of `table`: first the usual ones, then odd ones.
    fn spellings(table: &[Opt]) -> (Vec<String>, Vec<String>) {
        let (mut usual, mut odd) = (Vec::new(), Vec::new());
        for o in table {
            let mut names: Vec<String> = std::iter::once(o.long)
                .chain(o.aliases.iter().copied())
                .map(|l| format!("--{l}"))
                .collect();
            names.extend(o.short.map(|c| format!("-{c}")));
            for name in names {
                if o.takes_value {
                    usual.extend([format!("{name} x"), format!("{name} 2.5")]);
                    if name.starts_with("--") {
                        usual.push(format!("{name}=x"));
                    }
                    odd.push(name.clone());
                } else {
                    usual.push(name.clone());
                    odd.push(format!("{name} x"));
                }
                odd.extend([
                    format!("{name}=x"),
                    format!("{name}="),
                    format!("{name} -x"),
                ]);
            }
        }
        (usual, odd)
    }

    /// A word or two from `usual` three times in four, else from `odd`.
    fn pick_spelling(lines: &mut Lines, (usual, odd): &(Vec<String>, Vec<String>)) -> Vec<String> {
        let from = if lines.below(4) == 0 || usual.is_empty() {
            odd
        } else {
            usual
        };
        from[lines.below(from.len())]
            .split(' ')
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn generated_lines_are_read_as_clap_reads_them_or_left_to_it() {
        if env_is_set() {
            eprintln!("SKIP: {ENV:?} set in the environment; clap reads every line then");
            return;
        }
        let mut globals = spellings(GLOBALS);
        globals.0.extend(["-qv", "-jq", "-vj"].map(String::from));
        globals
            .1
            .extend(["-qf", "-", "--", "--help", "-V", "--lock-timeout -1"].map(String::from));
        let mut names: Vec<&str> = SPECS.iter().flat_map(|s| s.names.iter().copied()).collect();
        names.extend(["update", "help", "config", "ad", "feeds"]);
        let values = [
            "https://e.example/f.xml",
            "My Show",
            "show",
            "feeds",
            "a=b",
            "-",
            "-x",
            "--",
            "x y",
            "\u{e9}t\u{e9}",
        ];
        let mut lines = Lines(0x9e37_79b9_7f4a_7c15);
        let (mut taken, mut per_spec) = (0, vec![0; SPECS.len()]);
        const LINES: usize = 40_000;
        for _ in 0..LINES {
            let mut args = vec!["inkwell".to_string()];
            for _ in 0..lines.below(3) {
                args.extend(pick_spelling(&mut lines, &globals));
            }
            let name = lines.pick(&names);
            args.push(name.to_string());
            let own = SPECS
                .iter()
                .find(|s| s.names.contains(&name))
                .map(|s| spellings(s.options))
                .unwrap_or_default();
            for _ in 0..lines.below(7) {
                match lines.below(6) {
                    0 => args.extend(pick_spelling(&mut lines, &globals)),
                    1..=3 if !own.0.is_empty() => args.extend(pick_spelling(&mut lines, &own)),
                    _ => args.push(lines.pick(&values).to_string()),
                }
            }
            if let Some(cli) = parse(&args) {
                taken += 1;
                let variant = match cli.command {
                    Command::Add(_) => 0,
                    Command::Remove(_) => 1,
                    Command::Rename(_) => 2,
                    Command::Show(_) => 3,
                    Command::List(_) => 4,
                    _ => unreachable!("only the subcommands of SPECS are taken"),
                };
                per_spec[variant] += 1;
                assert_eq!(Ok(format!("{cli:?}")), clap(&args), "{args:?}");
            }
        }
        println!("{taken} of {LINES} generated lines taken, each as clap reads it");
        assert!(
            taken > LINES / 50,
            "only {taken} of {LINES} lines were taken"
        );
        for (spec, n) in SPECS.iter().zip(per_spec) {
            assert!(n > 20, "only {n} lines of `{}` were taken", spec.names[0]);
        }
    }

    #[test]
    fn every_table_fits_the_record_of_given_options() {
        for table in SPECS.iter().map(|s| s.options).chain([GLOBALS]) {
            assert!(table.len() <= Given::default().values.len());
        }
    }
}
