#!/usr/bin/env bash
# Writes every report the engine produces for the shipped scenarios into OUT_DIR, one file per
# command: `parley run` (json, csv, summary) for the flagship and every scenarios/validation
# file, `parley solve` (json, summary) wherever a bargaining block exists, `parley draft`
# (json, markdown) for the treaty scenarios, `parley claims` for the five claims files and
# `parley sweep` (with and without claims). tests/cli/golden_outputs.sh compares the result with
# tests/golden/expected byte for byte: a change that should move no number is proven neutral by
# it. To re-pin after a change that is meant to move numbers:
#   tests/golden/make_golden.sh build/engine/parley tests/golden/expected
# usage: make_golden.sh PARLEY OUT_DIR
set -u
parley=$(realpath "$1")
out=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
out=$(realpath "$out")
cd "$root"
status=0
# Runs one command, writing its stdout to $out/NAME and, when it fails, its exit status and stderr
# too (a command that starts failing, or stops failing, shows in the comparison).
emit() {
  local name=$1
  shift
  "$@" > "$out/$name" 2> "$out/$name.stderr"
  local rc=$?
  if [ $rc -eq 0 ]; then rm -f "$out/$name.stderr"; else echo "exit $rc" >> "$out/$name.stderr"; fi
}
for scenario in scenarios/ukraine_war.json scenarios/validation/*.json; do
  base=$(basename "$scenario" .json)
  emit "run-$base.json" "$parley" run "$scenario" --trials 3000 --seed 11 --threads 2
  emit "run-$base.csv" "$parley" run "$scenario" --trials 3000 --seed 11 --format csv
  emit "run-$base.txt" "$parley" run "$scenario" --trials 1000 --seed 5 --format summary
  if grep -q '"bargaining"' "$scenario"; then
    emit "solve-$base.json" "$parley" solve "$scenario" --format json
    emit "solve-$base.txt" "$parley" solve "$scenario"
  fi
  if grep -q '"treaty"' "$scenario"; then
    emit "draft-$base.json" "$parley" draft "$scenario"
    emit "draft-$base.md" "$parley" draft "$scenario" --format markdown
  fi
done
emit "draft-csis_treaty.json" "$parley" draft scenarios/csis_treaty.json
emit "draft-csis_treaty.md" "$parley" draft scenarios/csis_treaty.json --format markdown --top 5 --concept egalitarian
emit "draft-csis_treaty.csv" "$parley" draft scenarios/csis_treaty.json --format csv --trials 500 --seed 3
emit "claims.json" "$parley" claims scenarios/claims/*.json --trials 600 --seed 2024
emit "claims.csv" "$parley" claims scenarios/claims/*.json --trials 600 --seed 2024 --format csv
for sweep in tests/golden/inputs/*.json; do
  base=$(basename "$sweep" .json)
  dir=$(mktemp -d)
  emit "sweep-$base.log" "$parley" sweep "$sweep" --out "$dir/out"
  for file in points.csv summary.json; do
    [ -f "$dir/out/$file" ] && cp "$dir/out/$file" "$out/sweep-$base-$file"
  done
  rm -rf "$dir"
done
exit $status
