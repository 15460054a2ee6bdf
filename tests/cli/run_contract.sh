#!/usr/bin/env bash
# The command-line contract of `parley run` and `parley validate`: exit codes, JSON paths in
# errors, output written whole or not at all, nothing a user wrote overwritten silently, and
# the same bytes for any thread count. Usage: run_contract.sh PARLEY SOURCE_DIR
set -uo pipefail
parley=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/lib/check.bash"
validation="$root/scenarios/validation/brownian_two_barriers.json"

"$parley" run "$validation" --trials 3000 --threads 1 >"$work/one.json"
check "run exits 0 and prints JSON" python3 -c "import json,sys; json.load(open('$work/one.json'))"
"$parley" run "$validation" --trials 3000 --threads 2 >"$work/two.json"
check "the same bytes for 1 and 2 threads" cmp -s "$work/one.json" "$work/two.json"

"$parley" run "$validation" --trials 2000 --format csv --out "$work/out.csv"
check "--out writes the CSV file" grep -q '^outcome_share,ukraine_victory' "$work/out.csv"
cp "$work/out.csv" "$work/before.csv"
"$parley" run "$validation" --trials 10 --out "$work/out.csv" 2>"$work/err.txt"
check "an existing output file is not replaced without --force (exit 2)" test $? -eq 2
check "... and is left untouched" cmp -s "$work/out.csv" "$work/before.csv"
check "... and the message says why" grep -q -- "--force" "$work/err.txt"
"$parley" run "$validation" --trials 10 --out "$work/out.csv" --force
check "--force replaces it" test "$(grep -c . "$work/out.csv")" -gt 1

# --seed takes what a scenario's "seed" takes: every 64-bit unsigned integer.
"$parley" run "$validation" --trials 2 --seed 18446744073709551615 >"$work/seed.json"
check "--seed 2^64 - 1 runs and is reported" grep -q '"seed": 18446744073709551615,' "$work/seed.json"

printf '{"name": "x", "horizon_months": 0, "actors": [], "battlefeld": {}}' >"$work/bad.json"
"$parley" run "$work/bad.json" --out "$work/never.json" 2>"$work/err.txt"
check "an invalid scenario exits 2" test $? -eq 2
check "... and writes no output file" test ! -e "$work/never.json"
check "... and names the JSON path of each problem" grep -q "At /horizon_months" "$work/err.txt"
check "... with a did-you-mean hint for an unknown key" grep -q "battlefield" "$work/err.txt"

"$parley" run "$work/missing.json" 2>"$work/err.txt"
check "a missing file is an error naming the path" grep -q "missing.json" "$work/err.txt"
"$parley" run "$validation" --trials -5 2>"$work/err.txt"
check "a negative trial count exits 2" test $? -eq 2
"$parley" run "$validation" --trails 5 2>"$work/err.txt"
check "an unknown option gets a hint" grep -q "did you mean '--trials'" "$work/err.txt"
# The words as CLI11 reads them: a value after '=', the last of a repeated option, a value missing.
"$parley" run "$validation" --trials=3 --trials 4 --format=json >"$work/words.json" 2>"$work/err.txt"
check "--option=value and a repeated option (the last counts)" grep -q '"trials_requested": 4$' "$work/words.json"
"$parley" run "$validation" --trials 2>"$work/err.txt"
check "an option without its value exits 2" test $? -eq 2
check "... saying it needs a value" grep -q -- "--trials: needs a value" "$work/err.txt"
"$parley" run "$validation" --out --force 2>"$work/err.txt"
check "an option followed by another option has no value: exit 2" test $? -eq 2
check "... saying so, and writing no file named after the option" grep -q -- "--out: needs a value" "$work/err.txt"
check "... (no file '--force')" test ! -e ./--force
"$parley" run "$validation" --trials 10 --out "$work" 2>"$work/err.txt"
check "a directory as output path fails cleanly" test $? -ne 0
"$parley" run "$validation" --trials 10 --out "$work/no/such/dir/out.json" 2>"$work/err.txt"
check "an unwritable output path fails cleanly" test $? -eq 1
check "... leaving no temporary file behind" test -z "$(find "$work" -name '*.tmp-*')"

"$parley" validate "$root"/scenarios/*.json "$root"/scenarios/validation/*.json >"$work/validate.txt"
check "every shipped scenario validates" test $? -eq 0
"$parley" validate "$work/bad.json" >"$work/validate.txt" 2>&1
check "validate exits 2 on an invalid file" test $? -eq 2

# interrupted_run OUT [OPTION...]: a run far too long to finish, sent SIGINT once it has had
# three times as long as a whole run of one batch (8,192 trials) takes on this machine now, so
# that a loaded or sanitized build has finished at least one batch; its exit status is the
# function's.
start=$(date +%s.%N)
"$parley" run "$root/scenarios/ukraine_war.json" --trials 8192 --threads 1 >/dev/null
one_batch=$(python3 -c "print(3 * ($(date +%s.%N) - $start))")
interrupted_run() {
  local out=$1
  shift
  "$parley" run "$root/scenarios/ukraine_war.json" --trials 100000000 --threads 1 --out "$out" "$@" 2>"$work/err.txt" &
  local pid=$!
  sleep "$one_batch"
  kill -INT "$pid"
  wait "$pid"
}

# Ctrl-C: a long run stops at the next batch, reports the finished trials, exits 130.
interrupted_run "$work/cut.json"
check "SIGINT exits 130" test $? -eq 130
check "... having saved the finished trials" python3 -c "
import json; r = json.load(open('$work/cut.json')); assert r['interrupted'] and 0 < r['trials'] < 100000000 and r['trials'] % 8192 == 0"

# The CSV of an interrupted run ends with an `interrupted` row (the trials asked for), after
# the `trials` row holding the finished whole batches.
interrupted_run "$work/cut.csv" --format csv
check "SIGINT exits 130 (csv)" test $? -eq 130
check "... and the CSV says it was interrupted" python3 -c "
rows = open('$work/cut.csv').read().splitlines()
last, trials = rows[-1].split(','), rows[-2].split(',')
assert last[0] == 'interrupted' and last[3] == '100000000', last
assert trials[0] == 'trials' and 0 < int(trials[3]) < 100000000 and int(trials[3]) % 8192 == 0, trials"

[ "$failures" -eq 0 ]
