#!/usr/bin/env bash
# `parley validate` and `parley schema` through the binary: output lines and exit codes.
# Usage: validate.sh PARLEY_BINARY SOURCE_DIR
set -u
parley="$1"
source_dir="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

minimal="$source_dir/scenarios/validation/minimal.json"
out="$("$parley" validate "$minimal")"; rc=$?
[ "$rc" -eq 0 ] || fail "valid file: exit $rc"
[ "$out" = "$minimal: ok (2 actors, 0 issues, horizon 24 months)" ] || fail "valid file: output '$out'"

printf '{"name": "x", "horizon": 12}' > "$work/bad.json"
out="$("$parley" validate "$minimal" "$work/bad.json")"; rc=$?
[ "$rc" -eq 2 ] || fail "invalid file: exit $rc"
echo "$out" | grep -qF "$minimal: ok" || fail "the valid file is still reported: '$out'"
echo "$out" | grep -qF "$work/bad.json: 4 problems" || fail "problem count: '$out'"
echo "$out" | grep -qF "At /horizon of 12 - is not a known key (did you mean 'horizon_months'?)" || fail "hint: '$out'"

out="$("$parley" validate "$work/missing.json")"; rc=$?
[ "$rc" -eq 1 ] || fail "missing file: exit $rc (1: the file cannot be read, an I/O error, not bad input)"
echo "$out" | grep -qF "$work/missing.json" || fail "missing file not named: '$out'"

: > "$work/empty.json"
out="$("$parley" validate "$work/empty.json")"; rc=$?
[ "$rc" -eq 2 ] || fail "empty file: exit $rc"
echo "$out" | grep -qF "must not be empty" || fail "empty file: '$out'"

"$parley" validate >/dev/null 2>&1; rc=$?
[ "$rc" -eq 2 ] || fail "no files: exit $rc"

"$parley" schema > "$work/schema.json" || fail "schema: exit $?"
cmp -s "$work/schema.json" "$source_dir/docs/scenario.schema.json" || fail "schema output differs from docs/scenario.schema.json"
"$parley" schema --out "$work/schema2.json" || fail "schema --out: exit $?"
cmp -s "$work/schema2.json" "$work/schema.json" || fail "schema --out differs"
echo "ok"
