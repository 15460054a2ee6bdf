#!/usr/bin/env bash
# The command-line contract of `parley sweep`: the output files, the same bytes for any thread
# count, a process killed with SIGKILL and resumed (and a damaged checkpoint line) ending with
# the same bytes as an uninterrupted run, Ctrl-C saving finished points (exit 130), refusal to
# overwrite or to resume a different sweep, and located errors. Usage: sweep_contract.sh PARLEY SOURCE_DIR
set -uo pipefail
parley=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/lib/check.bash"
same_outputs() { cmp -s "$1/points.csv" "$2/points.csv" && cmp -s "$1/summary.json" "$2/summary.json"; }

# A small Latin hypercube over the two-barrier Brownian scenario: 12 cheap points.
cat >"$work/lhs.json" <<JSON
{"name": "contract", "scenario": "$root/scenarios/validation/brownian_two_barriers.json",
 "parameters": [{"pointer": "/battlefield/defence_bias_per_month", "range": [-0.01, 0.01]},
                {"pointer": "/battlefield/volatility_per_sqrt_month", "range": [0.02, 0.08], "scale": "log"}],
 "design": {"kind": "latin_hypercube", "points": 12, "seed": 4}, "trials_per_point": 300, "seed": 9}
JSON

"$parley" sweep "$work/lhs.json" --out "$work/one" --threads 1 2>"$work/err.txt"
check "sweep exits 0" test $? -eq 0
check "points.csv has a header and one row per point" test "$(wc -l <"$work/one/points.csv")" -eq 13
check "... with a column per swept pointer and interval columns" \
  grep -q '^point,/battlefield/defence_bias_per_month,/battlefield/volatility_per_sqrt_month,share_settlement,share_settlement_ci_lower,share_settlement_ci_upper' "$work/one/points.csv"
check "summary.json carries provenance" python3 -c "
import json; s = json.load(open('$work/one/summary.json'))
assert s['design']['kind'] == 'latin_hypercube' and s['trials_per_point'] == 300 and s['seed'] == 9
assert s['sweep']['content_hash'].startswith('0x') and s['scenario']['content_hash'].startswith('0x')
assert s['metrics']['share_ukraine_victory']['min'] <= s['metrics']['share_ukraine_victory']['max']"
"$parley" sweep "$work/lhs.json" --out "$work/two" --threads 2 2>/dev/null
check "the same bytes for 1 and 2 threads" same_outputs "$work/one" "$work/two"
"$parley" sweep "$work/lhs.json" --out "$work/trials" --threads 2 --schedule trials 2>/dev/null
check "the same bytes when threads share each point's trials" same_outputs "$work/one" "$work/trials"

# Killed with SIGKILL after 5 points (as by a crash or kill -9), then resumed.
PARLEY_SWEEP_TEST_KILL_AFTER_POINTS=5 "$parley" sweep "$work/lhs.json" --out "$work/killed" --threads 2 2>/dev/null
check "the test hook kills the process (SIGKILL)" test $? -eq 137
check "... before any output is written" test ! -e "$work/killed/points.csv"
check "... leaving finished points in the checkpoint" test "$(wc -l <"$work/killed/checkpoint.jsonl")" -ge 6
printf '{"point":11,"values":[0.5,0.' >>"$work/killed/checkpoint.jsonl"  # a torn write
"$parley" sweep "$work/lhs.json" --out "$work/killed" 2>"$work/err.txt"
check "a directory with a checkpoint is refused without --resume (exit 2)" test $? -eq 2
check "... and the message names --resume" grep -q -- "--resume" "$work/err.txt"
"$parley" sweep "$work/lhs.json" --out "$work/killed" --resume --threads 1 2>"$work/err.txt"
check "--resume completes the sweep" test $? -eq 0
check "... discarding the torn line" grep -q "1 damaged line" "$work/err.txt"
check "... with the same bytes as an uninterrupted run" same_outputs "$work/one" "$work/killed"

# Killed twice, the second time while resuming.
PARLEY_SWEEP_TEST_KILL_AFTER_POINTS=3 "$parley" sweep "$work/lhs.json" --out "$work/twice" 2>/dev/null
PARLEY_SWEEP_TEST_KILL_AFTER_POINTS=4 "$parley" sweep "$work/lhs.json" --out "$work/twice" --resume 2>/dev/null
"$parley" sweep "$work/lhs.json" --out "$work/twice" --resume 2>/dev/null
check "killed twice and resumed: the same bytes" same_outputs "$work/one" "$work/twice"

# A different sweep does not resume another's checkpoint.
sed 's/"trials_per_point": 300/"trials_per_point": 301/' "$work/lhs.json" >"$work/other.json"
PARLEY_SWEEP_TEST_KILL_AFTER_POINTS=2 "$parley" sweep "$work/lhs.json" --out "$work/mismatch" 2>/dev/null
"$parley" sweep "$work/other.json" --out "$work/mismatch" --resume 2>"$work/err.txt"
check "resuming a different sweep is refused (exit 2)" test $? -eq 2
check "... with a message that says so" grep -q "different sweep" "$work/err.txt"
"$parley" sweep "$work/other.json" --out "$work/mismatch" --force 2>/dev/null
check "--force starts again" test "$(wc -l <"$work/mismatch/points.csv")" -eq 13
"$parley" sweep "$work/lhs.json" --out "$work/one" 2>/dev/null
check "finished outputs are not replaced without --force" test $? -eq 2

# Ctrl-C: the point in progress stops at its next batch; finished points stay in the checkpoint.
sed -e 's/"trials_per_point": 300/"trials_per_point": 50000000/' "$work/lhs.json" >"$work/long.json"
"$parley" sweep "$work/long.json" --out "$work/cut" --threads 1 2>"$work/err.txt" &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"
check "Ctrl-C exits 130" test $? -eq 130
check "... writing no outputs" test ! -e "$work/cut/points.csv"
check "... keeping the checkpoint's header" test -s "$work/cut/checkpoint.jsonl"
check "... and says how to resume" grep -q -- "--resume" "$work/err.txt"

# Invalid sweep files: located errors, exit 2, nothing written.
cat >"$work/bad.json" <<JSON
{"name": "bad", "scenario": "$root/scenarios/validation/brownian_two_barriers.json",
 "parameters": [{"pointer": "/battlefield/nope", "range": [0, 1]}],
 "design": {"kind": "grid", "levels": 2}, "trials_per_pont": 10}
JSON
"$parley" sweep "$work/bad.json" --out "$work/bad" 2>"$work/err.txt"
check "an invalid sweep exits 2" test $? -eq 2
check "... naming the sweep pointer" grep -q "At /parameters/0/pointer" "$work/err.txt"
check "... and the scenario pointer" grep -q '/battlefield/nope' "$work/err.txt"
check "... with a did-you-mean hint" grep -q "did you mean 'trials_per_point'" "$work/err.txt"
check "... and writes nothing" test ! -e "$work/bad"

# The shipped example runs.
"$parley" sweep "$root/scenarios/sweeps/ukraine_drivers.json" --out "$work/example" 2>/dev/null
check "the shipped example sweep runs and reports Sobol' indices" python3 -c "
import json; s = json.load(open('$work/example/summary.json'))
assert 'first_order' in s['sensitivity']['by_metric']['share_ukraine_victory']"

if [ "$failures" -ne 0 ]; then echo "$failures check(s) failed"; exit 1; fi
