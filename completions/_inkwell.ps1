
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'inkwell' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'inkwell'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'inkwell' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print the version (as inkwell-cli''s `inkwell version` does)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a feed')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove one or more feeds (all of them, or none if any name is unknown)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one or more feeds (all of them, or none if any name is unknown)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change fields of an existing feed')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a feed, keeping all its settings')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the feeds (`list feeds` works too, as in inkwell-cli)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the feeds (`list feeds` works too, as in inkwell-cli)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one feed')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit feeds.yaml in your editor, safely')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the recorded changes (audit.log), newest first')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show or change inkwell-cli''s global settings (config.yaml)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add many feeds at once from OPML, plain text or JSON, in one locked write')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write all feeds as OPML (for podcast apps), JSON (as `list --json`) or YAML')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Merge three versions of feeds.yaml (by feed and field) or config.yaml (by key): git''s merge driver for these files, also usable by hand like `git merge-file`')
            [CompletionResult]::new('git-setup', 'git-setup', [CompletionResultType]::ParameterValue, 'Set up a git repository holding the config dir to merge feeds.yaml and config.yaml with `inkwell merge`')
            [CompletionResult]::new('__complete', '__complete', [CompletionResultType]::ParameterValue, 'Print completion candidates, one a line (called by the completion scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'inkwell;version' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'inkwell;add' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the feed')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the feed')
            [CompletionResult]::new('--feed-name', '--feed-name', [CompletionResultType]::ParameterName, 'Name of the feed')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Category, used by inkwell-cli to pick templates')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Category, used by inkwell-cli to pick templates')
            [CompletionResult]::new('--display-name', '--display-name', [CompletionResultType]::ParameterName, 'Human-readable name shown in listings')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Extra templates for this feed, comma-separated (stored as custom_templates)')
            [CompletionResult]::new('--templates', '--templates', [CompletionResultType]::ParameterName, 'Extra templates for this feed, comma-separated (stored as custom_templates)')
            [CompletionResult]::new('--extra-templates', '--extra-templates', [CompletionResultType]::ParameterName, 'Extra templates for this feed, comma-separated (stored as custom_templates)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication: basic (username and password) or bearer (token); `none` removes it. Without TYPE it is asked for on a terminal, as inkwell-cli''s `--auth` does')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for --auth basic (asked for on a terminal when not given)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password for --auth basic from standard input (up to a line break or EOF)')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the token for --auth bearer from standard input (up to a line break or EOF)')
            [CompletionResult]::new('--exist-ok', '--exist-ok', [CompletionResultType]::ParameterName, 'Succeed without changing anything if the feed already exists with this URL (a feed of that name with another URL is still an error)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'inkwell;remove' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--missing-ok', '--missing-ok', [CompletionResultType]::ParameterName, 'Names that do not exist are not an error; the others are removed')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'inkwell;rm' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--missing-ok', '--missing-ok', [CompletionResultType]::ParameterName, 'Names that do not exist are not an error; the others are removed')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'inkwell;update' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'New URL')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'New category')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'New category')
            [CompletionResult]::new('--display-name', '--display-name', [CompletionResultType]::ParameterName, 'New display name')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'New extra templates, comma-separated (replaces the list)')
            [CompletionResult]::new('--templates', '--templates', [CompletionResultType]::ParameterName, 'New extra templates, comma-separated (replaces the list)')
            [CompletionResult]::new('--extra-templates', '--extra-templates', [CompletionResultType]::ParameterName, 'New extra templates, comma-separated (replaces the list)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication: basic (username and password) or bearer (token); `none` removes it. Without TYPE it is asked for on a terminal, as inkwell-cli''s `--auth` does')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for --auth basic (asked for on a terminal when not given)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--no-category', '--no-category', [CompletionResultType]::ParameterName, 'Clear the category')
            [CompletionResult]::new('--no-display-name', '--no-display-name', [CompletionResultType]::ParameterName, 'Clear the display name')
            [CompletionResult]::new('--no-templates', '--no-templates', [CompletionResultType]::ParameterName, 'Clear the extra templates')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password for --auth basic from standard input (up to a line break or EOF)')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the token for --auth bearer from standard input (up to a line break or EOF)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'inkwell;rename' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Replace an existing feed that already has the new name')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing feed that already has the new name')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'inkwell;list' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'inkwell;ls' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'inkwell;show' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'inkwell;edit' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('--editor', '--editor', [CompletionResultType]::ParameterName, 'Editor command, run by the shell with the file appended (e.g. "code --wait") [default: $VISUAL, then $EDITOR, then vi]')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'inkwell;history' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N changes (the most recent)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N changes (the most recent)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'inkwell;config' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('feed', 'feed', [CompletionResultType]::ParameterValue, 'Set a feed''s extra templates, as inkwell-cli''s `config feed` does (the same as `inkwell update NAME -t A,B`; an empty list clears them)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every setting''s effective value; `(default)` marks values not in the file')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting''s effective value (or every setting under a section)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Check a value and write it to config.yaml')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit config.yaml in $VISUAL or $EDITOR (a private copy, installed only if valid)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'inkwell;config;feed' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'The extra templates, comma-separated ("" for none)')
            [CompletionResult]::new('--extra-templates', '--extra-templates', [CompletionResultType]::ParameterName, 'The extra templates, comma-separated ("" for none)')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'inkwell;config;show' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON: {"path": ..., "settings": [{"key","value","source"}], ...}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON: {"path": ..., "settings": [{"key","value","source"}], ...}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'inkwell;config;get' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Print API keys in full instead of masked')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'inkwell;config;set' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check the value and print what would change; write nothing')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'inkwell;config;edit' {
            [CompletionResult]::new('--editor', '--editor', [CompletionResultType]::ParameterName, 'Editor command, run by the shell with the file appended (e.g. "code --wait") [default: $VISUAL, then $EDITOR, then vi]')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'inkwell;config;help' {
            [CompletionResult]::new('feed', 'feed', [CompletionResultType]::ParameterValue, 'Set a feed''s extra templates, as inkwell-cli''s `config feed` does (the same as `inkwell update NAME -t A,B`; an empty list clears them)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every setting''s effective value; `(default)` marks values not in the file')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting''s effective value (or every setting under a section)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Check a value and write it to config.yaml')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit config.yaml in $VISUAL or $EDITOR (a private copy, installed only if valid)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'inkwell;config;help;feed' {
            break
        }
        'inkwell;config;help;show' {
            break
        }
        'inkwell;config;help;get' {
            break
        }
        'inkwell;config;help;set' {
            break
        }
        'inkwell;config;help;edit' {
            break
        }
        'inkwell;config;help;help' {
            break
        }
        'inkwell;import' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format of the file [default: detected from its content]')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--skip-existing', '--skip-existing', [CompletionResultType]::ParameterName, 'Leave feeds whose name already exists as they are (default: an error)')
            [CompletionResult]::new('--update-existing', '--update-existing', [CompletionResultType]::ParameterName, 'Update feeds whose name already exists with the URL and the fields the file gives (never clears a field)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change; write nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'inkwell;export' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: from the extension of -o (.opml/.xml, .json, .yaml/.yml), else opml, or json with --json]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE (atomically) instead of standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE (atomically) instead of standard output')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'inkwell;completions' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'inkwell;merge' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'The file''s path in the repository (git''s %P): config.yaml is merged by key, anything else as feeds.yaml [default: CURRENT''s file name]')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Labels for the conflict markers, for CURRENT, BASE and OTHER in that order (as `git merge-file -L`) [default: CURRENT''s and OTHER''s file names, or CURRENT and OTHER for git''s temporary files]')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Labels for the conflict markers, for CURRENT, BASE and OTHER in that order (as `git merge-file -L`) [default: CURRENT''s and OTHER''s file names, or CURRENT and OTHER for git''s temporary files]')
            [CompletionResult]::new('--marker-size', '--marker-size', [CompletionResultType]::ParameterName, 'Length of the conflict markers (git''s %L)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'inkwell;git-setup' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--global', '--global', [CompletionResultType]::ParameterName, 'Write the driver into the user''s git config instead of the repository''s')
            [CompletionResult]::new('--gitignore', '--gitignore', [CompletionResultType]::ParameterName, 'Also write a .gitignore in the config dir (key file, audit.log, lock files)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'inkwell;__complete' {
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory holding feeds.yaml and feeds.lock [env: INKWELL_CONFIG_DIR] [default: the platform config dir + /inkwell, e.g. ~/.config/inkwell]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for another inkwell process to release the lock before giving up (exit code 7) [env: INKWELL_LOCK_TIMEOUT] [default: 30]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour errors, hints and names: auto (on a terminal, unless NO_COLOR is set), always or never')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON on stdout (what changed, or the data asked for) and errors as JSON on stderr: {"error": "...", "code": N, "hint": "..."}')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no success messages or notes (errors still go to stderr; with -v, the verbose lines too)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: lock waits, retries, timings, writes (-vv: the same; repeats are accepted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'inkwell;help' {
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print the version (as inkwell-cli''s `inkwell version` does)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a feed')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove one or more feeds (all of them, or none if any name is unknown)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change fields of an existing feed')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a feed, keeping all its settings')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the feeds (`list feeds` works too, as in inkwell-cli)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one feed')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit feeds.yaml in your editor, safely')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the recorded changes (audit.log), newest first')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show or change inkwell-cli''s global settings (config.yaml)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add many feeds at once from OPML, plain text or JSON, in one locked write')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write all feeds as OPML (for podcast apps), JSON (as `list --json`) or YAML')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Merge three versions of feeds.yaml (by feed and field) or config.yaml (by key): git''s merge driver for these files, also usable by hand like `git merge-file`')
            [CompletionResult]::new('git-setup', 'git-setup', [CompletionResultType]::ParameterValue, 'Set up a git repository holding the config dir to merge feeds.yaml and config.yaml with `inkwell merge`')
            [CompletionResult]::new('__complete', '__complete', [CompletionResultType]::ParameterValue, 'Print completion candidates, one a line (called by the completion scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'inkwell;help;version' {
            break
        }
        'inkwell;help;add' {
            break
        }
        'inkwell;help;remove' {
            break
        }
        'inkwell;help;update' {
            break
        }
        'inkwell;help;rename' {
            break
        }
        'inkwell;help;list' {
            break
        }
        'inkwell;help;show' {
            break
        }
        'inkwell;help;edit' {
            break
        }
        'inkwell;help;history' {
            break
        }
        'inkwell;help;config' {
            break
        }
        'inkwell;help;import' {
            break
        }
        'inkwell;help;export' {
            break
        }
        'inkwell;help;completions' {
            break
        }
        'inkwell;help;merge' {
            break
        }
        'inkwell;help;git-setup' {
            break
        }
        'inkwell;help;__complete' {
            break
        }
        'inkwell;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
