#!/usr/bin/env bash
# Writes startup.ld: a linker script that gathers the functions everyday commands run in
# one section ahead of the rest of the code, those of the first command profiled first.
# build.rs gives it to the linker (see README, Performance). Functions are named by
# patterns without their hashes. Run it after a change of the code that adds or renames
# what those commands run; it needs valgrind. A stale script only costs speed, and
# `cargo bench` says how much of it still matches.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "startup-order: valgrind is needed" >&2; exit 1; }
# The binary is profiled in the default layout (see build.rs); the next build relinks it
# with the new script.
INKWELL_DEFAULT_LAYOUT=1 cargo build --release --quiet
# As valgrind names it: the real path, symbolic links resolved.
bin=$(cd "${CARGO_TARGET_DIR:-target}/release" && pwd -P)/inkwell
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cfg=$work/config
seq 40 | sed 's|.*|https://podcasts.example.com/shows/show-&/feed.xml show-&|' >"$work/list.txt"
"$bin" --config-dir "$cfg" import "$work/list.txt" -q
n=0
profile() {
  n=$((n + 1))
  if ! valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/$n.out" \
    "$bin" --config-dir "$cfg" "$@" </dev/null >"$work/$n.log" 2>&1; then
    cat "$work/$n.log" >&2
    echo "startup-order: inkwell $* failed; startup.ld is unchanged" >&2
    exit 1
  fi
}
profile add https://podcasts.example.com/shows/new/feed.xml -n new -c tech --display-name New
profile --json list
profile list
profile remove new --force
profile show show-1
profile rename show-1 first
profile update first --category news
profile history --limit 5
profile add https://podcasts.example.com/shows/new/feed.xml -n new --dry-run
# Each function of the binary itself once, in the order of the profiles (callgrind's
# "ob=" names the object, "fn=" a function in it, "cob=" and "cfn=" those called; each
# is numbered at its first use; a name runs to the end of its line), as a pattern of its
# section: the hash of a legacy symbol (17h...E), the crate hashes of a v0 one (Cs..._)
# and the numbers LTO appends (.123) become '*', and callgrind's mark of a recursive
# call ('2) is dropped. A function LLVM deems cold is in .text.unlikely.NAME.
for i in $(seq "$n"); do cat "$work/$i.out"; echo "end-of-profile"; done | awk -v bin="$bin" -v quote="'" '
  $0 == "end-of-profile" { delete objects; delete names; next }
  /^c?ob=\(/ {
    id = $1; sub(/^c?ob=/, "", id)
    if (NF > 1) { objects[id] = substr($0, length($1) + 2) }
    if ($1 ~ /^ob=/) { inside = (objects[id] == bin) }
    next
  }
  /^c?fn=\(/ {
    id = $1; sub(/^c?fn=/, "", id)
    if (NF > 1) { names[id] = substr($0, length($1) + 2) }
    if ($1 ~ /^fn=/ && inside && names[id] !~ /^(0x|\()/) {
      pattern = names[id]
      sub(quote "[0-9]+$", "", pattern)
      gsub(/17h[0-9a-f]+E/, "17h*E", pattern)
      gsub(/Cs[0-9A-Za-z]+_/, "Cs*_", pattern)
      sub(/(\.[0-9]+)+$/, "*", pattern)
      if (!(pattern in seen)) {
        seen[pattern] = 1
        print "    *(.text." pattern " .text.unlikely." pattern ")"
      }
    }
  }
' >"$work/patterns"
{
  echo "/* Written by scripts/startup-order.sh: the functions everyday commands run, gathered"
  echo "   ahead of the rest of the code (see build.rs). */"
  echo "SECTIONS"
  echo "{"
  echo "  .text.hot : {"
  cat "$work/patterns"
  echo "  }"
  echo "}"
  echo "INSERT BEFORE .text;"
} >"$work/startup.ld"
count=$(wc -l <"$work/patterns")
if [ "$count" -eq 0 ]; then
  echo "startup-order: no function of $bin found in the profiles; startup.ld is unchanged" >&2
  exit 1
fi
mv "$work/startup.ld" startup.ld
echo "startup-order: $count function patterns in startup.ld"
