# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_inkwell_global_optspecs
    string join \n config-dir= lock-timeout= j/json q/quiet v/verbose color= h/help V/version
end

function __fish_inkwell_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_inkwell_global_optspecs) -- $cmd 2>/dev/null
    or begin
        set -e cmd[-1]
        argparse -s (__fish_inkwell_global_optspecs) -- $cmd 2>/dev/null
    end
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_inkwell_using_subcommand
    set -l cmd (__fish_inkwell_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c inkwell -n "__fish_inkwell_needs_command" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_needs_command" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_needs_command" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_needs_command" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_needs_command" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_needs_command" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_needs_command" -s h -l help -d 'Print help'
complete -c inkwell -n "__fish_inkwell_needs_command" -s V -l version -d 'Print version'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "version" -d 'Print the version (as inkwell-cli\'s `inkwell version` does)'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "add" -d 'Add a feed'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "remove" -d 'Remove one or more feeds (all of them, or none if any name is unknown)'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "rm" -d 'Remove one or more feeds (all of them, or none if any name is unknown)'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "update" -d 'Change fields of an existing feed'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "rename" -d 'Rename a feed, keeping all its settings'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "list" -d 'List the feeds (`list feeds` works too, as in inkwell-cli)'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "ls" -d 'List the feeds (`list feeds` works too, as in inkwell-cli)'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "show" -d 'Show one feed'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "edit" -d 'Edit feeds.yaml in your editor, safely'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "history" -d 'Show the recorded changes (audit.log), newest first'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "config" -d 'Show or change inkwell-cli\'s global settings (config.yaml)'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "import" -d 'Add many feeds at once from OPML, plain text or JSON, in one locked write'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "export" -d 'Write all feeds as OPML (for podcast apps), JSON (as `list --json`) or YAML'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "merge" -d 'Merge three versions of feeds.yaml (by feed and field) or config.yaml (by key): git\'s merge driver for these files, also usable by hand like `git merge-file`'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "git-setup" -d 'Set up a git repository holding the config dir to merge feeds.yaml and config.yaml with `inkwell merge`'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "__complete" -d 'Print completion candidates, one a line (called by the completion scripts)'
complete -c inkwell -n "__fish_inkwell_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c inkwell -n "__fish_inkwell_using_subcommand version" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand version" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand version" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand version" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand version" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand version" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand version" -s h -l help -d 'Print help'
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -s n -l name -l feed-name -d 'Name of the feed' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -s c -l category -d 'Category, used by inkwell-cli to pick templates' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -l display-name -d 'Human-readable name shown in listings' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -s t -l templates -l extra-templates -d 'Extra templates for this feed, comma-separated (stored as custom_templates)' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -l auth -d 'Authentication: basic (username and password) or bearer (token); `none` removes it. Without TYPE it is asked for on a terminal, as inkwell-cli\'s `--auth` does' -r -f -a "none\t''
basic\t''
bearer\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -l username -d 'Username for --auth basic (asked for on a terminal when not given)' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -l password-stdin -d 'Read the password for --auth basic from standard input (up to a line break or EOF)'
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -l token-stdin -d 'Read the token for --auth bearer from standard input (up to a line break or EOF)'
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -l exist-ok -d 'Succeed without changing anything if the feed already exists with this URL (a feed of that name with another URL is still an error)'
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -l dry-run -d 'Print what would change; write nothing'
complete -c inkwell -n "__fish_inkwell_using_subcommand add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c inkwell -n "__fish_inkwell_using_subcommand remove" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand remove" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand remove" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand remove" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand remove" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand remove" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand remove" -s f -l force -d 'Do not ask for confirmation'
complete -c inkwell -n "__fish_inkwell_using_subcommand remove" -l missing-ok -d 'Names that do not exist are not an error; the others are removed'
complete -c inkwell -n "__fish_inkwell_using_subcommand remove" -l dry-run -d 'Print what would change; write nothing'
complete -c inkwell -n "__fish_inkwell_using_subcommand remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c inkwell -n "__fish_inkwell_using_subcommand rm" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand rm" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand rm" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand rm" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand rm" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand rm" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand rm" -s f -l force -d 'Do not ask for confirmation'
complete -c inkwell -n "__fish_inkwell_using_subcommand rm" -l missing-ok -d 'Names that do not exist are not an error; the others are removed'
complete -c inkwell -n "__fish_inkwell_using_subcommand rm" -l dry-run -d 'Print what would change; write nothing'
complete -c inkwell -n "__fish_inkwell_using_subcommand rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -l url -d 'New URL' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -s c -l category -d 'New category' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -l display-name -d 'New display name' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -s t -l templates -l extra-templates -d 'New extra templates, comma-separated (replaces the list)' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -l auth -d 'Authentication: basic (username and password) or bearer (token); `none` removes it. Without TYPE it is asked for on a terminal, as inkwell-cli\'s `--auth` does' -r -f -a "none\t''
basic\t''
bearer\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -l username -d 'Username for --auth basic (asked for on a terminal when not given)' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -l no-category -d 'Clear the category'
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -l no-display-name -d 'Clear the display name'
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -l no-templates -d 'Clear the extra templates'
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -l password-stdin -d 'Read the password for --auth basic from standard input (up to a line break or EOF)'
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -l token-stdin -d 'Read the token for --auth bearer from standard input (up to a line break or EOF)'
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -l dry-run -d 'Print what would change; write nothing'
complete -c inkwell -n "__fish_inkwell_using_subcommand update" -s h -l help -d 'Print help'
complete -c inkwell -n "__fish_inkwell_using_subcommand rename" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand rename" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand rename" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand rename" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand rename" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand rename" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand rename" -s f -l force -d 'Replace an existing feed that already has the new name'
complete -c inkwell -n "__fish_inkwell_using_subcommand rename" -l dry-run -d 'Print what would change; write nothing'
complete -c inkwell -n "__fish_inkwell_using_subcommand rename" -s h -l help -d 'Print help'
complete -c inkwell -n "__fish_inkwell_using_subcommand list" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand list" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand list" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand list" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand list" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand list" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand list" -s h -l help -d 'Print help'
complete -c inkwell -n "__fish_inkwell_using_subcommand ls" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand ls" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand ls" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand ls" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand ls" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand ls" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand ls" -s h -l help -d 'Print help'
complete -c inkwell -n "__fish_inkwell_using_subcommand show" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand show" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand show" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand show" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand show" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand show" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand show" -s h -l help -d 'Print help'
complete -c inkwell -n "__fish_inkwell_using_subcommand edit" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand edit" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand edit" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand edit" -l editor -d 'Editor command, run by the shell with the file appended (e.g. "code --wait") [default: $VISUAL, then $EDITOR, then vi]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand edit" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand edit" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand edit" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c inkwell -n "__fish_inkwell_using_subcommand history" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand history" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand history" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand history" -s n -l limit -d 'Show at most N changes (the most recent)' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand history" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand history" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand history" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and not __fish_seen_subcommand_from feed show get set edit help" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and not __fish_seen_subcommand_from feed show get set edit help" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and not __fish_seen_subcommand_from feed show get set edit help" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and not __fish_seen_subcommand_from feed show get set edit help" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and not __fish_seen_subcommand_from feed show get set edit help" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and not __fish_seen_subcommand_from feed show get set edit help" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and not __fish_seen_subcommand_from feed show get set edit help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and not __fish_seen_subcommand_from feed show get set edit help" -f -a "feed" -d 'Set a feed\'s extra templates, as inkwell-cli\'s `config feed` does (the same as `inkwell update NAME -t A,B`; an empty list clears them)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and not __fish_seen_subcommand_from feed show get set edit help" -f -a "show" -d 'Print every setting\'s effective value; `(default)` marks values not in the file'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and not __fish_seen_subcommand_from feed show get set edit help" -f -a "get" -d 'Print one setting\'s effective value (or every setting under a section)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and not __fish_seen_subcommand_from feed show get set edit help" -f -a "set" -d 'Check a value and write it to config.yaml'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and not __fish_seen_subcommand_from feed show get set edit help" -f -a "edit" -d 'Edit config.yaml in $VISUAL or $EDITOR (a private copy, installed only if valid)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and not __fish_seen_subcommand_from feed show get set edit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from feed" -s t -l extra-templates -d 'The extra templates, comma-separated ("" for none)' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from feed" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from feed" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from feed" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from feed" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from feed" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from feed" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from feed" -s h -l help -d 'Print help'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from show" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from show" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from show" -s j -l json -d 'Print JSON: {"path": ..., "settings": [{"key","value","source"}], ...}'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from get" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from get" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from get" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from get" -l reveal -d 'Print API keys in full instead of masked'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from get" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from set" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from set" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from set" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from set" -l dry-run -d 'Check the value and print what would change; write nothing'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from set" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from edit" -l editor -d 'Editor command, run by the shell with the file appended (e.g. "code --wait") [default: $VISUAL, then $EDITOR, then vi]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from edit" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from edit" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from edit" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from edit" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from edit" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "feed" -d 'Set a feed\'s extra templates, as inkwell-cli\'s `config feed` does (the same as `inkwell update NAME -t A,B`; an empty list clears them)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print every setting\'s effective value; `(default)` marks values not in the file'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print one setting\'s effective value (or every setting under a section)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Check a value and write it to config.yaml'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Edit config.yaml in $VISUAL or $EDITOR (a private copy, installed only if valid)'
complete -c inkwell -n "__fish_inkwell_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c inkwell -n "__fish_inkwell_using_subcommand import" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand import" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand import" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand import" -l format -d 'Format of the file [default: detected from its content]' -r -f -a "opml\t'OPML 1.0 or 2.0, as podcast apps export it'
text\t'One URL per line, optionally followed by a name; \'#\' comment lines'
json\t'The JSON of `inkwell list --json` (or a bare array of its feeds)'
yaml\t'A feeds.yaml: inkwell-cli\'s file, or `inkwell export --format yaml`'"
complete -c inkwell -n "__fish_inkwell_using_subcommand import" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand import" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand import" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand import" -l skip-existing -d 'Leave feeds whose name already exists as they are (default: an error)'
complete -c inkwell -n "__fish_inkwell_using_subcommand import" -l update-existing -d 'Update feeds whose name already exists with the URL and the fields the file gives (never clears a field)'
complete -c inkwell -n "__fish_inkwell_using_subcommand import" -l dry-run -d 'Print what would change; write nothing'
complete -c inkwell -n "__fish_inkwell_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c inkwell -n "__fish_inkwell_using_subcommand export" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand export" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand export" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand export" -l format -d 'Output format [default: from the extension of -o (.opml/.xml, .json, .yaml/.yml), else opml, or json with --json]' -r -f -a "opml\t'OPML 2.0, which podcast apps import'
json\t'The JSON of `inkwell list --json`'
yaml\t'A feeds.yaml, without credentials'"
complete -c inkwell -n "__fish_inkwell_using_subcommand export" -s o -l output -d 'Write to FILE (atomically) instead of standard output' -r -F
complete -c inkwell -n "__fish_inkwell_using_subcommand export" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand export" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand export" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c inkwell -n "__fish_inkwell_using_subcommand completions" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand completions" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand completions" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand completions" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand completions" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand completions" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand completions" -s h -l help -d 'Print help'
complete -c inkwell -n "__fish_inkwell_using_subcommand merge" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand merge" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand merge" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand merge" -l path -d 'The file\'s path in the repository (git\'s %P): config.yaml is merged by key, anything else as feeds.yaml [default: CURRENT\'s file name]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand merge" -s L -l label -d 'Labels for the conflict markers, for CURRENT, BASE and OTHER in that order (as `git merge-file -L`) [default: CURRENT\'s and OTHER\'s file names, or CURRENT and OTHER for git\'s temporary files]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand merge" -l marker-size -d 'Length of the conflict markers (git\'s %L)' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand merge" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand merge" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand merge" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand merge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c inkwell -n "__fish_inkwell_using_subcommand git-setup" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand git-setup" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand git-setup" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand git-setup" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand git-setup" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand git-setup" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand git-setup" -l global -d 'Write the driver into the user\'s git config instead of the repository\'s'
complete -c inkwell -n "__fish_inkwell_using_subcommand git-setup" -l gitignore -d 'Also write a .gitignore in the config dir (key file, audit.log, lock files)'
complete -c inkwell -n "__fish_inkwell_using_subcommand git-setup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c inkwell -n "__fish_inkwell_using_subcommand __complete" -l config-dir -d 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]' -r -f -a "(__fish_complete_directories)"
complete -c inkwell -n "__fish_inkwell_using_subcommand __complete" -l lock-timeout -d 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]' -r
complete -c inkwell -n "__fish_inkwell_using_subcommand __complete" -l color -d 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c inkwell -n "__fish_inkwell_using_subcommand __complete" -s j -l json -d 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
complete -c inkwell -n "__fish_inkwell_using_subcommand __complete" -s q -l quiet -d 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
complete -c inkwell -n "__fish_inkwell_using_subcommand __complete" -s v -l verbose -d 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
complete -c inkwell -n "__fish_inkwell_using_subcommand __complete" -s h -l help -d 'Print help'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "version" -d 'Print the version (as inkwell-cli\'s `inkwell version` does)'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "add" -d 'Add a feed'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "remove" -d 'Remove one or more feeds (all of them, or none if any name is unknown)'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "update" -d 'Change fields of an existing feed'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "rename" -d 'Rename a feed, keeping all its settings'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "list" -d 'List the feeds (`list feeds` works too, as in inkwell-cli)'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "show" -d 'Show one feed'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "edit" -d 'Edit feeds.yaml in your editor, safely'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "history" -d 'Show the recorded changes (audit.log), newest first'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "config" -d 'Show or change inkwell-cli\'s global settings (config.yaml)'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "import" -d 'Add many feeds at once from OPML, plain text or JSON, in one locked write'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "export" -d 'Write all feeds as OPML (for podcast apps), JSON (as `list --json`) or YAML'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "completions" -d 'Print a shell completion script'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "merge" -d 'Merge three versions of feeds.yaml (by feed and field) or config.yaml (by key): git\'s merge driver for these files, also usable by hand like `git merge-file`'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "git-setup" -d 'Set up a git repository holding the config dir to merge feeds.yaml and config.yaml with `inkwell merge`'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "__complete" -d 'Print completion candidates, one a line (called by the completion scripts)'
complete -c inkwell -n "__fish_inkwell_using_subcommand help; and not __fish_seen_subcommand_from version add remove update rename list show edit history config import export completions merge git-setup __complete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'

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
