#!/usr/bin/env bash
# The repository stands alone: a clone of HEAD, in a folder with nothing beside it, configures;
# every file the tests name under the source directory is in it; no tracked file sends a reader
# or a build outside it (to the working copy of the articles and design kept beside it); and
# every relative link in its Markdown resolves inside it. The articles' quote checks are the one
# optional use of a folder outside (tests/seed_articles.h, docs/articles.md).
# usage: clone_alone.sh SOURCE_DIR WORK_DIR CMAKE PARLEY
set -u
source_dir=$1
work_dir=$2
cmake=$3
parley=$4
fail() { echo "FAIL: $*"; exit 1; }

head=$(git -C "$source_dir" rev-parse --verify -q HEAD) || { echo "SKIP: $source_dir is not a git checkout"; exit 77; }
mkdir -p "$work_dir"
tmp=$(mktemp -d "$work_dir/clone_alone.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
clone=$tmp/parley
# Cloning a linked worktree checks out the main worktree's branch, so HEAD is checked out by id.
git clone -q --no-hardlinks --no-checkout "$source_dir" "$clone" || fail "git clone of $source_dir"
git -C "$clone" checkout -q --detach "$head" || fail "checkout of $head"
[ "$(ls -A "$tmp")" = parley ] || fail "the clone is not alone in $tmp: $(ls -A "$tmp")"

# Mentions of the working copy beside the repository. Allowed: the articles' optional location,
# and the two scenarios whose descriptions name it (a description is part of the scenario's
# content hash, which every report prints, so rewording it would change every pinned output).
outside='\.\./shared|shared/(seeds|data|design|hooks)|"\.\."[[:space:]]*/[[:space:]]*"shared"'
allowed='^(tests/seed_articles\.h|scenarios/ukraine_war\.json|scenarios/csis_treaty\.json|tests/standalone/clone_alone\.sh)$'
mentions=$(git -C "$clone" grep -lE "$outside" | grep -vE "$allowed")
[ -z "$mentions" ] || fail "files that refer to the working copy outside the repository: $mentions"

# Files the C++ tests read through PARLEY_SOURCE_DIR, as `DIR) + "/a/b"`, `DIR) / "a" / "b"` or
# `kSourceDir + "/a/b"` (the articles' optional folder aside).
named=$(git -C "$clone" grep -hoE '(PARLEY_SOURCE_DIR\)|kSourceDir) \+ "/[^"]+"|PARLEY_SOURCE_DIR\)( / "[^"]+")+' \
          -- 'tests/*.cpp' 'tests/*.h' ':!tests/seed_articles.h' |
        sed -E 's/^(PARLEY_SOURCE_DIR\)|kSourceDir) \+ "\///; s/^PARLEY_SOURCE_DIR\) \/ //; s/" \/ "/\//g; s/"//g' | sort -u)
[ "$(echo "$named" | wc -l)" -ge 10 ] || fail "found only $(echo "$named" | wc -l) paths the tests name: the pattern is stale"
for relative in $named; do
  [ -e "$clone/$relative" ] || fail "the tests read $relative, which the clone lacks"
done

# Relative Markdown links resolve to files inside the clone.
while IFS= read -r markdown; do
  directory=$(dirname "$clone/$markdown")
  for link in $(grep -oE '\]\([^)# ]+' "$clone/$markdown" | sed 's/^](//' | grep -vE '^(https?|mailto):'); do
    target=$(realpath -m "$directory/$link")
    case $target in "$clone"/*) ;; *) fail "$markdown links outside the repository: $link" ;; esac
    [ -e "$target" ] || fail "$markdown links to a missing file: $link"
  done
done < <(git -C "$clone" ls-files '*.md')

"$cmake" -S "$clone" -B "$clone/build" -DCMAKE_BUILD_TYPE=Release -DPARLEY_TEST_HARDENING=OFF \
  > "$tmp/configure.log" 2>&1 || { tail -n 30 "$tmp/configure.log"; fail "configure of the clone"; }

# The shipped files work from the clone: every scenario validates, a claims file finds its baseline.
"$parley" validate "$clone"/scenarios/*.json "$clone"/scenarios/validation/*.json > "$tmp/validate.txt" 2>&1 ||
  { cat "$tmp/validate.txt"; fail "validate of the clone's scenarios"; }
"$parley" claims "$clone/scenarios/claims/000_broadened_talks.json" --trials 200 --seed 1 > /dev/null ||
  fail "claims from the clone"
echo "PASS: a clone of $head stands alone"
