#!/bin/sh
# Change the shared feeds on one machine and publish the change, retrying when another
# machine pushed first. The config dir is a git checkout set up with `inkwell git-setup`.
#
#   examples/fleet-sync.sh add https://example.com/feed.rss -n my-podcast
#   examples/fleet-sync.sh remove old-show --force
#
# INKWELL_CONFIG_DIR (or ~/.config/inkwell) is the checkout; TRIES bounds the retries.
set -eu

dir=${INKWELL_CONFIG_DIR:-${XDG_CONFIG_HOME:-$HOME/.config}/inkwell}
tries=${TRIES:-10}
export INKWELL_CONFIG_DIR="$dir"

git -C "$dir" pull --rebase --quiet
inkwell "$@"
# .gitignore (from `inkwell git-setup --gitignore`) keeps the key file, audit.log and locks out.
git -C "$dir" add -A
if git -C "$dir" diff --cached --quiet; then
    echo "nothing to commit" >&2
    exit 0
fi
git -C "$dir" commit --quiet -m "inkwell $*"

i=1
until git -C "$dir" push --quiet; do
    if [ "$i" -ge "$tries" ]; then
        echo "push still rejected after $tries tries; run this script again later" >&2
        exit 1
    fi
    i=$((i + 1))
    # Another machine pushed first: replay our commit on top of theirs. inkwell merge
    # merges feeds.yaml by feed, so only a real conflict (the same field of the same
    # feed changed differently) stops here.
    if ! git -C "$dir" pull --rebase --quiet; then
        echo "conflict: resolve it in $dir (git status), then: git rebase --continue && git push" >&2
        exit 1
    fi
    sleep "$(( (i % 3) + 1 ))"
done
