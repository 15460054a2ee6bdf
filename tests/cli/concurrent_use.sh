#!/usr/bin/env bash
# Output under concurrent and hostile use (docs/hardening.md): of two `parley run --out X` started
# together exactly one wins and X holds its whole report, the other exits 2 and replaces nothing;
# a legal 255-byte --out name works; two sweeps on one --out directory at once: the second is
# refused naming the lock; a failed sweep leaves nothing that makes the fixed rerun need --force;
# a checkpoint that is a device is refused at its limit. Usage: concurrent_use.sh PARLEY SOURCE_DIR
set -u
parley=$1
root=$(cd "$2" && pwd)
source "$(dirname "$0")/lib/check.bash"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
war=$root/scenarios/validation/brownian_two_barriers.json

# --- two writers on one --out ------------------------------------------------------------------
# The slow writer passes the start-up check first; the fast one commits while the slow one works,
# so the slow one's commit is the exclusive step that must fail.
"$parley" run "$war" --trials 20000 --seed 2 --threads 1 >"$work/fast.expected" 2>/dev/null
"$parley" run "$war" --trials 600000 --seed 1 --threads 1 --out "$work/X" 2>"$work/slow.err" &
slow=$!
sleep 0.3
"$parley" run "$war" --trials 20000 --seed 2 --threads 1 --out "$work/X" 2>"$work/fast.err"
fast_status=$?
wait "$slow"
slow_status=$?
check "two writers: the one that finishes first wins (exit 0)" test "$fast_status" -eq 0
check "... the other exits 2" test "$slow_status" -eq 2
check "... saying the file appeared while it worked" grep -q "appeared while parley worked" "$work/slow.err"
check "... and naming --force" grep -q -- "--force" "$work/slow.err"
check "... X holds the winner's complete report" cmp -s "$work/X" "$work/fast.expected"
check "... and no temporary file is left" test -z "$(find "$work" -name 'X.tmp-*')"

# Started at the same moment, same work: whichever commits first wins, never both.
for round in 1 2 3; do
  rm -f "$work/Y"
  "$parley" run "$war" --trials 20000 --seed 11 --threads 1 --out "$work/Y" 2>/dev/null &
  first=$!
  "$parley" run "$war" --trials 20000 --seed 12 --threads 1 --out "$work/Y" 2>/dev/null &
  second=$!
  wait "$first"
  first_status=$?
  wait "$second"
  second_status=$?
  if [ "$first_status" -eq 0 ]; then winner=11; else winner=12; fi
  "$parley" run "$war" --trials 20000 --seed "$winner" --threads 1 >"$work/winner.expected" 2>/dev/null
  check "round $round: exactly one writer exits 0, the other 2 ($first_status, $second_status)" \
    test "$((first_status + second_status))" -eq 2 -a "$((first_status * second_status))" -eq 0
  check "round $round: Y holds the winner's complete report" cmp -s "$work/Y" "$work/winner.expected"
done
check "no temporary file is left by the losers" test -z "$(find "$work" -name 'Y.tmp-*')"

# --- a legal 255-byte name ---------------------------------------------------------------------
long=$(printf 'r%.0s' $(seq 255))
"$parley" run "$war" --trials 20 --out "$work/$long" 2>"$work/err.txt"
check "a 255-byte --out name is written (exit 0)" test $? -eq 0
"$parley" run "$war" --trials 20 >"$work/short.expected" 2>/dev/null
check "... with the report" cmp -s "$work/$long" "$work/short.expected"
"$parley" run "$war" --trials 20 --out "$work/$long" 2>/dev/null
check "... refused the second time (exit 2)" test $? -eq 2
"$parley" run "$war" --trials 20 --out "$work/$long" --force 2>/dev/null
check "... and replaced with --force" test $? -eq 0
wide=$(printf '\xc3\xa9%.0s' $(seq 127))a  # 127 two-byte characters and one byte: 255 bytes
"$parley" run "$war" --trials 20 --out "$work/$wide" 2>/dev/null
check "a 255-byte name of two-byte characters is written too" cmp -s "$work/$wide" "$work/short.expected"
check "... leaving only the reports behind" test "$(find "$work" -name '*.tmp-*' | wc -l)" -eq 0

# --- sweeps --------------------------------------------------------------------------------------
sweep_file() {  # NAME TRIALS: a small Latin hypercube of the two-barrier scenario
  cat >"$work/$1.json" <<JSON
{"name": "$1", "scenario": "$war",
 "parameters": [{"pointer": "/battlefield/defence_bias_per_month", "range": [-0.01, 0.01]}],
 "design": {"kind": "latin_hypercube", "points": 4, "seed": 4}, "trials_per_point": $2, "seed": 9}
JSON
}
sweep_file long 50000000
sweep_file other 300
"$parley" sweep "$work/long.json" --out "$work/shared" --threads 1 2>"$work/long.err" &
first=$!
for _ in $(seq 100); do [ -s "$work/shared/checkpoint.jsonl" ] && break; sleep 0.1; done
"$parley" sweep "$work/other.json" --out "$work/shared" --force 2>"$work/other.err"
check "a second sweep on a directory in use is refused (exit 2)" test $? -eq 2
check "... naming --out and the lock" grep -q -- "--out '$work/shared': .*holds the directory's lock" \
  "$work/other.err"
check "... leaving the first sweep's checkpoint alone" grep -q sweep_hash "$work/shared/checkpoint.jsonl"
kill -INT "$first"
wait "$first"
check "... and the first sweep stops as usual on Ctrl-C (exit 130)" test $? -eq 130
"$parley" sweep "$work/other.json" --out "$work/shared" --force 2>/dev/null
check "once it is gone the directory is free again" test $? -eq 0

# A sweep whose points give an invalid scenario (min above max at one corner of the grid).
python3 -c "
import json, sys
d = json.load(open('$war'))
d['battlefield']['initial_front_share'] = {'dist': 'uniform', 'min': 0.2, 'max': 0.4}
json.dump(d, open('$work/ranged.json', 'w'))"
joint_sweep() {  # NAME LOWEST_MAX
  cat >"$work/$1.json" <<JSON
{"name": "joint", "scenario": "$work/ranged.json",
 "parameters": [{"pointer": "/battlefield/initial_front_share/min", "range": [0.25, 0.35]},
                {"pointer": "/battlefield/initial_front_share/max", "range": [$2, 0.45]}],
 "design": {"kind": "grid", "levels": 2}, "trials_per_point": 300, "seed": 9}
JSON
}
joint_sweep broken 0.3
joint_sweep fixed 0.36
"$parley" sweep "$work/broken.json" --out "$work/failed" 2>"$work/err.txt"
check "a sweep with an invalid point fails (exit 2)" test $? -eq 2
check "... naming the point" grep -q "At /design - point 2" "$work/err.txt"
check "... and leaves nothing: the directory it made is gone" test ! -e "$work/failed"
mkdir "$work/mine"
"$parley" sweep "$work/broken.json" --out "$work/mine" 2>/dev/null
check "in a directory the user made, it leaves no checkpoint" test -z "$(ls -A "$work/mine")"
check "... and keeps the directory" test -d "$work/mine"
"$parley" sweep "$work/fixed.json" --out "$work/mine" 2>"$work/err.txt"
check "the fixed rerun needs no --force (exit 0)" test $? -eq 0
check "... and writes its outputs" test -s "$work/mine/points.csv"

# A checkpoint that is a device is read no further than any checkpoint of the sweep could be.
sweep_file small 300
PARLEY_SWEEP_TEST_KILL_AFTER_POINTS=1 "$parley" sweep "$work/small.json" --out "$work/device" 2>/dev/null
ln -sf /dev/zero "$work/device/checkpoint.jsonl"
"$parley" sweep "$work/small.json" --out "$work/device" --resume 2>"$work/err.txt"
check "a checkpoint that is /dev/zero is refused (exit 2)" test $? -eq 2
check "... at the checkpoint's limit, saying what it is" grep -q "a checkpoint of this sweep's 4 points holds" \
  "$work/err.txt"

[ "$failures" -eq 0 ]
