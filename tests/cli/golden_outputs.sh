#!/usr/bin/env bash
# The byte-for-byte pin: every report of tests/golden/make_golden.sh equals tests/golden/expected.
# A refactor or a speed-up must pass it unchanged; a change meant to move numbers re-pins with
# the command in make_golden.sh's header and says why in its commit.
# usage: golden_outputs.sh PARLEY SOURCE_DIR
set -u
parley=$1
source_dir=$2
source "$(dirname "$0")/lib/check.bash"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash "$source_dir/tests/golden/make_golden.sh" "$parley" "$tmp/actual"
check "make_golden.sh runs" test $? -eq 0
check "the same files as tests/golden/expected" diff <(cd "$source_dir/tests/golden/expected" && ls) <(cd "$tmp/actual" && ls)
for expected in "$source_dir"/tests/golden/expected/*; do
  name=$(basename "$expected")
  check "$name byte for byte" cmp -s "$expected" "$tmp/actual/$name"
done
[ "$failures" -eq 0 ]
