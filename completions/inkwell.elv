
use builtin;
use str;

set edit:completion:arg-completer[inkwell] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'inkwell'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'inkwell'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand version 'Print the version (as inkwell-cli''s `inkwell version` does)'
            cand add 'Add a feed'
            cand remove 'Remove one or more feeds (all of them, or none if any name is unknown)'
            cand rm 'Remove one or more feeds (all of them, or none if any name is unknown)'
            cand update 'Change fields of an existing feed'
            cand rename 'Rename a feed, keeping all its settings'
            cand list 'List the feeds (`list feeds` works too, as in inkwell-cli)'
            cand ls 'List the feeds (`list feeds` works too, as in inkwell-cli)'
            cand show 'Show one feed'
            cand edit 'Edit feeds.yaml in your editor, safely'
            cand history 'Show the recorded changes (audit.log), newest first'
            cand config 'Show or change inkwell-cli''s global settings (config.yaml)'
            cand import 'Add many feeds at once from OPML, plain text or JSON, in one locked write'
            cand export 'Write all feeds as OPML (for podcast apps), JSON (as `list --json`) or YAML'
            cand completions 'Print a shell completion script'
            cand merge 'Merge three versions of feeds.yaml (by feed and field) or config.yaml (by key): git''s merge driver for these files, also usable by hand like `git merge-file`'
            cand git-setup 'Set up a git repository holding the config dir to merge feeds.yaml and config.yaml with `inkwell merge`'
            cand __complete 'Print completion candidates, one a line (called by the completion scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'inkwell;version'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'inkwell;add'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -n 'Name of the feed'
            cand --name 'Name of the feed'
            cand --feed-name 'Name of the feed'
            cand -c 'Category, used by inkwell-cli to pick templates'
            cand --category 'Category, used by inkwell-cli to pick templates'
            cand --display-name 'Human-readable name shown in listings'
            cand -t 'Extra templates for this feed, comma-separated (stored as custom_templates)'
            cand --templates 'Extra templates for this feed, comma-separated (stored as custom_templates)'
            cand --extra-templates 'Extra templates for this feed, comma-separated (stored as custom_templates)'
            cand --auth 'Authentication: basic (username and password) or bearer (token); `none` removes it. Without TYPE it is asked for on a terminal, as inkwell-cli''s `--auth` does'
            cand --username 'Username for --auth basic (asked for on a terminal when not given)'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --password-stdin 'Read the password for --auth basic from standard input (up to a line break or EOF)'
            cand --token-stdin 'Read the token for --auth bearer from standard input (up to a line break or EOF)'
            cand --exist-ok 'Succeed without changing anything if the feed already exists with this URL (a feed of that name with another URL is still an error)'
            cand --dry-run 'Print what would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'inkwell;remove'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -f 'Do not ask for confirmation'
            cand --force 'Do not ask for confirmation'
            cand --missing-ok 'Names that do not exist are not an error; the others are removed'
            cand --dry-run 'Print what would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'inkwell;rm'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -f 'Do not ask for confirmation'
            cand --force 'Do not ask for confirmation'
            cand --missing-ok 'Names that do not exist are not an error; the others are removed'
            cand --dry-run 'Print what would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'inkwell;update'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand --url 'New URL'
            cand -c 'New category'
            cand --category 'New category'
            cand --display-name 'New display name'
            cand -t 'New extra templates, comma-separated (replaces the list)'
            cand --templates 'New extra templates, comma-separated (replaces the list)'
            cand --extra-templates 'New extra templates, comma-separated (replaces the list)'
            cand --auth 'Authentication: basic (username and password) or bearer (token); `none` removes it. Without TYPE it is asked for on a terminal, as inkwell-cli''s `--auth` does'
            cand --username 'Username for --auth basic (asked for on a terminal when not given)'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --no-category 'Clear the category'
            cand --no-display-name 'Clear the display name'
            cand --no-templates 'Clear the extra templates'
            cand --password-stdin 'Read the password for --auth basic from standard input (up to a line break or EOF)'
            cand --token-stdin 'Read the token for --auth bearer from standard input (up to a line break or EOF)'
            cand --dry-run 'Print what would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'inkwell;rename'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -f 'Replace an existing feed that already has the new name'
            cand --force 'Replace an existing feed that already has the new name'
            cand --dry-run 'Print what would change; write nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'inkwell;list'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'inkwell;ls'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'inkwell;show'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'inkwell;edit'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand --editor 'Editor command, run by the shell with the file appended (e.g. "code --wait") [default: $VISUAL, then $EDITOR, then vi]'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'inkwell;history'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -n 'Show at most N changes (the most recent)'
            cand --limit 'Show at most N changes (the most recent)'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'inkwell;config'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand feed 'Set a feed''s extra templates, as inkwell-cli''s `config feed` does (the same as `inkwell update NAME -t A,B`; an empty list clears them)'
            cand show 'Print every setting''s effective value; `(default)` marks values not in the file'
            cand get 'Print one setting''s effective value (or every setting under a section)'
            cand set 'Check a value and write it to config.yaml'
            cand edit 'Edit config.yaml in $VISUAL or $EDITOR (a private copy, installed only if valid)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'inkwell;config;feed'= {
            cand -t 'The extra templates, comma-separated ("" for none)'
            cand --extra-templates 'The extra templates, comma-separated ("" for none)'
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'inkwell;config;show'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -j 'Print JSON: {"path": ..., "settings": [{"key","value","source"}], ...}'
            cand --json 'Print JSON: {"path": ..., "settings": [{"key","value","source"}], ...}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'inkwell;config;get'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand --reveal 'Print API keys in full instead of masked'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'inkwell;config;set'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand --dry-run 'Check the value and print what would change; write nothing'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'inkwell;config;edit'= {
            cand --editor 'Editor command, run by the shell with the file appended (e.g. "code --wait") [default: $VISUAL, then $EDITOR, then vi]'
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'inkwell;config;help'= {
            cand feed 'Set a feed''s extra templates, as inkwell-cli''s `config feed` does (the same as `inkwell update NAME -t A,B`; an empty list clears them)'
            cand show 'Print every setting''s effective value; `(default)` marks values not in the file'
            cand get 'Print one setting''s effective value (or every setting under a section)'
            cand set 'Check a value and write it to config.yaml'
            cand edit 'Edit config.yaml in $VISUAL or $EDITOR (a private copy, installed only if valid)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'inkwell;config;help;feed'= {
        }
        &'inkwell;config;help;show'= {
        }
        &'inkwell;config;help;get'= {
        }
        &'inkwell;config;help;set'= {
        }
        &'inkwell;config;help;edit'= {
        }
        &'inkwell;config;help;help'= {
        }
        &'inkwell;import'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand --format 'Format of the file [default: detected from its content]'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --skip-existing 'Leave feeds whose name already exists as they are (default: an error)'
            cand --update-existing 'Update feeds whose name already exists with the URL and the fields the file gives (never clears a field)'
            cand --dry-run 'Print what would change; write nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'inkwell;export'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand --format 'Output format [default: from the extension of -o (.opml/.xml, .json, .yaml/.yml), else opml, or json with --json]'
            cand -o 'Write to FILE (atomically) instead of standard output'
            cand --output 'Write to FILE (atomically) instead of standard output'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'inkwell;completions'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'inkwell;merge'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand --path 'The file''s path in the repository (git''s %P): config.yaml is merged by key, anything else as feeds.yaml [default: CURRENT''s file name]'
            cand -L 'Labels for the conflict markers, for CURRENT, BASE and OTHER in that order (as `git merge-file -L`) [default: CURRENT''s and OTHER''s file names, or CURRENT and OTHER for git''s temporary files]'
            cand --label 'Labels for the conflict markers, for CURRENT, BASE and OTHER in that order (as `git merge-file -L`) [default: CURRENT''s and OTHER''s file names, or CURRENT and OTHER for git''s temporary files]'
            cand --marker-size 'Length of the conflict markers (git''s %L)'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'inkwell;git-setup'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --global 'Write the driver into the user''s git config instead of the repository''s'
            cand --gitignore 'Also write a .gitignore in the config dir (key file, audit.log, lock files)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'inkwell;__complete'= {
            cand --config-dir 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]'
            cand --lock-timeout 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]'
            cand --color 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never'
            cand -j 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand --json 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}'
            cand -q 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand --quiet 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)'
            cand -v 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand --verbose 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'inkwell;help'= {
            cand version 'Print the version (as inkwell-cli''s `inkwell version` does)'
            cand add 'Add a feed'
            cand remove 'Remove one or more feeds (all of them, or none if any name is unknown)'
            cand update 'Change fields of an existing feed'
            cand rename 'Rename a feed, keeping all its settings'
            cand list 'List the feeds (`list feeds` works too, as in inkwell-cli)'
            cand show 'Show one feed'
            cand edit 'Edit feeds.yaml in your editor, safely'
            cand history 'Show the recorded changes (audit.log), newest first'
            cand config 'Show or change inkwell-cli''s global settings (config.yaml)'
            cand import 'Add many feeds at once from OPML, plain text or JSON, in one locked write'
            cand export 'Write all feeds as OPML (for podcast apps), JSON (as `list --json`) or YAML'
            cand completions 'Print a shell completion script'
            cand merge 'Merge three versions of feeds.yaml (by feed and field) or config.yaml (by key): git''s merge driver for these files, also usable by hand like `git merge-file`'
            cand git-setup 'Set up a git repository holding the config dir to merge feeds.yaml and config.yaml with `inkwell merge`'
            cand __complete 'Print completion candidates, one a line (called by the completion scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'inkwell;help;version'= {
        }
        &'inkwell;help;add'= {
        }
        &'inkwell;help;remove'= {
        }
        &'inkwell;help;update'= {
        }
        &'inkwell;help;rename'= {
        }
        &'inkwell;help;list'= {
        }
        &'inkwell;help;show'= {
        }
        &'inkwell;help;edit'= {
        }
        &'inkwell;help;history'= {
        }
        &'inkwell;help;config'= {
        }
        &'inkwell;help;import'= {
        }
        &'inkwell;help;export'= {
        }
        &'inkwell;help;completions'= {
        }
        &'inkwell;help;merge'= {
        }
        &'inkwell;help;git-setup'= {
        }
        &'inkwell;help;__complete'= {
        }
        &'inkwell;help;help'= {
        }
    ]
    $completions[$command]
}
