#!/usr/bin/env bash
# `parley sweep` under MPI writes the same bytes as one process, with 1 and 3 ranks (rank 0
# hands out points one at a time). Usage: sweep_mpi.sh MPIEXEC PARLEY SOURCE_DIR
set -uo pipefail
mpiexec=$1
parley=$2
root=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() {
  local description=$1
  shift
  if "$@"; then echo "ok   - $description"; else echo "FAIL - $description"; failures=$((failures + 1)); fi
}
same_outputs() { cmp -s "$1/points.csv" "$2/points.csv" && cmp -s "$1/summary.json" "$2/summary.json"; }
# Running as root needs --allow-run-as-root; more ranks than cores needs --oversubscribe.
mpi=("$mpiexec" --allow-run-as-root --oversubscribe)

cat >"$work/saltelli.json" <<JSON
{"name": "mpi", "scenario": "$root/scenarios/validation/brownian_two_barriers.json",
 "parameters": [{"pointer": "/battlefield/defence_bias_per_month", "range": [-0.01, 0.01]},
                {"pointer": "/battlefield/initial_front_share", "range": [0.2, 0.8]}],
 "design": {"kind": "saltelli", "points": 8, "seed": 2}, "trials_per_point": 400, "seed": 3}
JSON
"$parley" sweep "$work/saltelli.json" --out "$work/single" --threads 1 2>/dev/null
check "a single process runs the sweep" test -s "$work/single/points.csv"
"${mpi[@]}" -np 1 "$parley" sweep "$work/saltelli.json" --out "$work/np1" --threads 1 2>"$work/err1.txt"
check "1 rank: exit 0" test $? -eq 0
check "1 rank: the same bytes" same_outputs "$work/single" "$work/np1"
"${mpi[@]}" -np 3 "$parley" sweep "$work/saltelli.json" --out "$work/np3" --threads 1 2>"$work/err3.txt"
check "3 ranks: exit 0" test $? -eq 0
check "3 ranks: the points were spread" grep -q "over 3 MPI ranks" "$work/err3.txt"
check "3 ranks: the same bytes" same_outputs "$work/single" "$work/np3"
"${mpi[@]}" -np 3 "$parley" sweep "$work/saltelli.json" --out "$work/np3" --threads 1 2>"$work/err.txt"
check "3 ranks: an existing output directory is refused on every rank (exit 2)" test $? -ne 0
if [ "$failures" -ne 0 ]; then cat "$work"/err*.txt; echo "$failures check(s) failed"; exit 1; fi
