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
out="$("$parley" validate "$minimal" "$work/bad.json" 2> "$work/err.txt")"; rc=$?
err="$(cat "$work/err.txt")"
[ "$rc" -eq 2 ] || fail "invalid file: exit $rc"
[ "$out" = "$minimal: ok (2 actors, 0 issues, horizon 24 months)" ] || fail "stdout holds the ok lines only: '$out'"
echo "$err" | grep -qF "$work/bad.json: 4 problems" || fail "problem count on stderr: '$err'"
echo "$err" | grep -qF "At /horizon of 12 - is not a known key (did you mean 'horizon_months'?)" || fail "hint: '$err'"

err="$("$parley" validate "$work/missing.json" 2>&1 >/dev/null)"; rc=$?
[ "$rc" -eq 1 ] || fail "missing file: exit $rc (1: the file cannot be read, an I/O error, not bad input)"
echo "$err" | grep -qF "$work/missing.json" || fail "missing file not named: '$err'"

: > "$work/empty.json"
err="$("$parley" validate "$work/empty.json" 2>&1 >/dev/null)"; rc=$?
[ "$rc" -eq 2 ] || fail "empty file: exit $rc"
echo "$err" | grep -qF "must not be empty" || fail "empty file: '$err'"

# Each file by its kind: sweep and claims files are checked by their own loaders, not as scenarios.
out="$("$parley" validate "$source_dir"/scenarios/sweeps/*.json "$source_dir"/scenarios/claims/*.json \
  "$source_dir/scenarios/csis_treaty.json" 2> "$work/err.txt")"; rc=$?
[ "$rc" -eq 0 ] || fail "shipped sweep, claims and treaty files: exit $rc: $(cat "$work/err.txt")"
echo "$out" | grep -qF "no_bargaining_space.json: ok (sweep file, 4 parameters)" || fail "sweep kind: '$out'"
echo "$out" | grep -qF "000_broadened_talks.json: ok (claims file, 6 claims)" || fail "claims kind: '$out'"
echo "$out" | grep -qF "csis_treaty.json: ok (treaty document" || fail "treaty kind: '$out'"
scenario_path="$(cd "$source_dir/scenarios" && pwd)/ukraine_war.json"
sed -e 's/"trials_per_point"/"trials_per_pont"/' -e "s|\"../ukraine_war.json\"|\"$scenario_path\"|" \
  "$source_dir/scenarios/sweeps/ukraine_drivers.json" > "$work/sweep.json"
err="$("$parley" validate "$work/sweep.json" 2>&1 >/dev/null)"; rc=$?
[ "$rc" -eq 2 ] || fail "a sweep file with a typo: exit $rc"
echo "$err" | grep -qF "trials_per_pont" || fail "the sweep loader's problem: '$err'"
echo "$err" | grep -vqF "valid keys: name, description, horizon_months" || fail "read as a scenario: '$err'"

"$parley" validate >/dev/null 2>&1; rc=$?
[ "$rc" -eq 2 ] || fail "no files: exit $rc"

# One schema per kind, each the checked-in docs/<kind>.schema.json; the scenario's is the default.
for kind in scenario sweep claims treaty; do
  "$parley" schema --kind "$kind" > "$work/$kind.schema.json" || fail "schema --kind $kind: exit $?"
  cmp -s "$work/$kind.schema.json" "$source_dir/docs/$kind.schema.json" ||
    fail "schema --kind $kind differs from docs/$kind.schema.json"
done
err="$("$parley" schema --kind sweeps 2>&1 >/dev/null)"; rc=$?
[ "$rc" -eq 2 ] || fail "an unknown kind: exit $rc"
echo "$err" | grep -qF "must be one of scenario sweep claims treaty" || fail "an unknown kind names the kinds: '$err'"
"$parley" help schema | grep -qF -- "--kind KIND" || fail "help schema does not describe --kind"
"$parley" schema > "$work/schema.json" || fail "schema: exit $?"
cmp -s "$work/schema.json" "$source_dir/docs/scenario.schema.json" || fail "schema output differs from docs/scenario.schema.json"
"$parley" schema --out "$work/schema2.json" || fail "schema --out: exit $?"
cmp -s "$work/schema2.json" "$work/schema.json" || fail "schema --out differs"
echo "ok"
