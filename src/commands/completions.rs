//! `inkwell completions SHELL`: a completion script generated from the clap definition,
//! plus a small layer that completes feed names (for `show`, `update`, `rename`,
//! `remove`, `history`, `config feed`) and config keys (for `config get/set`) from the
//! live files, by calling the hidden `inkwell __complete feeds|config-keys`.

use std::time::Duration;

use clap::CommandFactory;

use super::output::Output;
use crate::cli::{Cli, CompleteArgs, CompleteWhat, CompletionsArgs};
use crate::error::Result;
use crate::ops::ConfigManager;
use crate::settings::schema;

pub fn run(out: &Output, args: CompletionsArgs) -> Result<()> {
    out.data(&script(args.shell))
}

/// How long `inkwell __complete` waits for the lock (at most; `--lock-timeout` may be
/// shorter). It runs on every Tab: while another process holds the lock for long (an
/// `inkwell edit` session), the prompt offers nothing after this wait instead of
/// freezing for the writers' timeout. A writer holds the lock for milliseconds.
pub const LOCK_WAIT: Duration = Duration::from_millis(500);

/// `inkwell __complete WHAT`: candidates one a line. A missing or unreadable file, or
/// one still locked after [`LOCK_WAIT`], gives none: a completion never prints an error
/// into the user's command line.
pub fn candidates(manager: &ConfigManager, args: CompleteArgs) -> Result<()> {
    let mut text = String::new();
    match args.what {
        CompleteWhat::Feeds => {
            if let Ok(doc) = manager.load() {
                for name in doc.names() {
                    text.push_str(name);
                    text.push('\n');
                }
            }
        }
        CompleteWhat::ConfigKeys => {
            for spec in schema::fixed() {
                text.push_str(&spec.key);
                text.push('\n');
            }
        }
    }
    super::print(&text)
}

/// The completion script for `shell`, as committed under `completions/`.
pub fn script(shell: clap_complete::Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "inkwell", &mut buf);
    let generated = String::from_utf8(buf).expect("completion scripts are UTF-8");
    match shell {
        clap_complete::Shell::Bash => format!("{generated}{BASH}"),
        clap_complete::Shell::Zsh => zsh(&generated),
        clap_complete::Shell::Fish => format!("{}{FISH}", fish(&generated)),
        _ => generated,
    }
}

/// Wraps the generated `_inkwell`: where a feed name or config key goes, the
/// candidates come from `inkwell __complete`, with the same `--config-dir`.
const BASH: &str = r#"
# Feed names and config keys, from the live files.
_inkwell_candidates() {
    local i d="" dir=()
    for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
        case "${COMP_WORDS[i]}" in
            --config-dir)
                d="${COMP_WORDS[i+1]}"
                [[ $d == = ]] && d="${COMP_WORDS[i+2]}" ;;
            --config-dir=*) d="${COMP_WORDS[i]#--config-dir=}" ;;
        esac
    done
    [[ -n $d ]] && dir=(--config-dir "${d/#\~/$HOME}")
    "${COMP_WORDS[0]}" "${dir[@]}" __complete "$1" 2>/dev/null
}

_inkwell_dynamic() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    local cmd="" sub="" npos=0 i w
    # --config-dir takes directories, and nothing else even when none matches.
    if [[ $prev == --config-dir || ( $prev == = && ${COMP_WORDS[COMP_CWORD-2]} == --config-dir ) ]]; then
        compopt -o filenames +o default +o bashdefault 2>/dev/null
        local IFS=$'\n'
        COMPREPLY=($(compgen -d -- "$cur"))
        return 0
    fi
    for ((i = 1; i < COMP_CWORD; i++)); do
        w="${COMP_WORDS[i]}"
        case "$w" in
            --config-dir|--lock-timeout|--color|--url|-c|--category|--display-name|-t|--templates|--extra-templates|--auth|--username|-n|--limit|--format|-o|--output|--editor)
                ((i++)); [[ ${COMP_WORDS[i]} == = ]] && ((i++)); continue ;;
            -*) continue ;;
        esac
        if [[ -z $cmd ]]; then cmd=$w
        elif [[ $cmd == config && -z $sub ]]; then sub=$w
        else ((npos++)); fi
    done
    local what=""
    if [[ $cur != -* && ( $prev != -* || $prev == -f || $prev == --force || $prev == --dry-run || $prev == --missing-ok || $prev == -j || $prev == --json ) ]]; then
        case "$cmd" in
            show|update|history) ((npos == 0)) && what=feeds ;;
            rename) ((npos == 0)) && what=feeds ;;
            remove|rm) what=feeds ;;
            config) [[ ( $sub == get || $sub == set ) && npos -eq 0 ]] && what=config-keys
                    [[ $sub == feed && npos -eq 0 ]] && what=feeds ;;
        esac
    fi
    if [[ -n $what ]]; then
        local IFS=$'\n'
        COMPREPLY=($(compgen -W "$(_inkwell_candidates "$what")" -- "$cur"))
        return 0
    fi
    _inkwell "$@"
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _inkwell_dynamic -o nosort -o bashdefault -o default inkwell
else
    complete -F _inkwell_dynamic -o bashdefault -o default inkwell
fi
"#;

const FISH: &str = r#"
# Feed names and config keys, from the live files.
function __fish_inkwell_candidates
    set -l dir
    set -l words (commandline -opc)
    for i in (seq (count $words))
        if test "$words[$i]" = --config-dir; and test $i -lt (count $words)
            set dir --config-dir (string replace -r '^~' $HOME -- $words[(math $i + 1)])
        else if string match -q -- '--config-dir=*' $words[$i]
            set dir --config-dir (string replace -r '^--config-dir=' '' -- $words[$i] | string replace -r '^~' $HOME)
        end
    end
    command inkwell $dir __complete $argv 2>/dev/null
end
# Whether at most N words that are not options or option values precede the word being
# completed (the subcommand counts: `show NAME` is 1, `config feed NAME` is 2).
function __fish_inkwell_args_before
    set -l words (commandline -opc)
    set -e words[1]
    set -l n 0
    set -l skip 0
    for w in $words
        if test $skip = 1
            set skip 0
            continue
        end
        switch $w
            case --config-dir --lock-timeout --color --url -c --category --display-name -t --templates --extra-templates --auth --username -n --limit --format -o --output --editor
                set skip 1
            case '-*'
            case '*'
                set n (math $n + 1)
        end
    end
    test $n -le $argv[1]
end
complete -c inkwell -n "__fish_inkwell_using_subcommand show update rename history; and __fish_inkwell_args_before 1" -f -a "(__fish_inkwell_candidates feeds)"
complete -c inkwell -n "__fish_inkwell_using_subcommand remove rm" -f -a "(__fish_inkwell_candidates feeds)"
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from get set; and __fish_inkwell_args_before 2" -f -a "(__fish_inkwell_candidates config-keys)"
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from feed; and __fish_inkwell_args_before 2" -f -a "(__fish_inkwell_candidates feeds)"
"#;

const ZSH_HELPERS: &str = r#"
# Feed names and config keys, from the live files. `_inkwell` keeps the whole command
# line in `_inkwell_line` (below it narrows `words` to a subcommand's own words).
_inkwell_candidates() {
    local -a dir candidates
    local i=${_inkwell_line[(I)--config-dir]} d
    if (( i )); then
        d=${(Q)_inkwell_line[i+1]}
    else
        i=${_inkwell_line[(I)--config-dir=*]}
        (( i )) && d=${(Q)_inkwell_line[i]#--config-dir=}
    fi
    [[ -n $d ]] && dir=(--config-dir ${d/#\~/$HOME})
    candidates=(${(f)"$(${(Q)_inkwell_line[1]} $dir __complete $1 2>/dev/null)"})
    _describe -t $1 $1 candidates
}
_inkwell_feed_names() { _inkwell_candidates feeds }
_inkwell_config_keys() { _inkwell_candidates config-keys }
"#;

/// The generated zsh script, with the feed-name and key arguments completed by the
/// helpers above.
fn zsh(generated: &str) -> String {
    let mut out = String::with_capacity(generated.len() + ZSH_HELPERS.len());
    for line in generated.lines() {
        let feed = [
            "::names -- Names of the feeds to remove:",
            ":name -- Name of the feed:",
            ":old -- Current name:",
            "::name -- Only changes to this feed",
        ];
        let line = if feed
            .iter()
            .any(|p| line.starts_with(&format!("'{p}")) || line.starts_with(&format!("'*{p}")))
        {
            line.replace(":_default'", ":_inkwell_feed_names'")
        } else if line.starts_with("':key -- Dotted key") {
            line.replace(":_default'", ":_inkwell_config_keys'")
        } else {
            line.to_string()
        };
        out.push_str(&line);
        out.push('\n');
        if line == "#compdef inkwell" {
            out.push_str(ZSH_HELPERS);
        }
        if line == "_inkwell() {" {
            out.push_str("    local -a _inkwell_line\n    _inkwell_line=(\"${words[@]}\")\n");
        }
    }
    out
}

/// The generated fish script, where an option still waiting for its value
/// (`inkwell --config-dir <TAB>`) no longer hides that option's own completion (the
/// generated check fails on it, and fish then offers any file).
fn fish(generated: &str) -> String {
    generated.replace(
        FISH_PARSE,
        "    argparse -s (__fish_inkwell_global_optspecs) -- $cmd 2>/dev/null
    or begin
        set -e cmd[-1]
        argparse -s (__fish_inkwell_global_optspecs) -- $cmd 2>/dev/null
    end
    or return
",
    )
}

const FISH_PARSE: &str = "    argparse -s (__fish_inkwell_global_optspecs) -- $cmd 2>/dev/null
    or return
";
