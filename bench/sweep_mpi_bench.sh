#!/usr/bin/env bash
# Parallel efficiency of `parley sweep` over MPI ranks: the shipped example sweep on 1 process
# and on 2 ranks (mpirun), one thread per rank, best of 3. Prints JSON lines.
# Usage: bench/sweep_mpi_bench.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
sweep="$root/scenarios/sweeps/ukraine_drivers.json"
command -v mpirun >/dev/null || { echo '{"bench":"sweep_mpi","skipped":"mpirun not found"}'; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
best() {  # best wall seconds of 3 runs of the command
  local best=""
  for _ in 1 2 3; do
    rm -rf "$work/out"
    local start end
    start=$(date +%s.%N)
    "$@" --out "$work/out" --threads 1 2>/dev/null
    end=$(date +%s.%N)
    best=$(python3 -c "a='$best'; t=$end-$start; print(t if not a else min(float(a), t))")
  done
  echo "$best"
}
one=$(best "$build/engine/parley" sweep "$sweep")
two=$(best mpirun --allow-run-as-root --oversubscribe -np 2 "$build/engine/parley" sweep "$sweep")
python3 -c "
import json
one, two = $one, $two
print(json.dumps({'bench': 'sweep_mpi', 'sweep': 'scenarios/sweeps/ukraine_drivers.json', 'ranks': 1, 'threads_per_rank': 1, 'seconds': round(one, 3)}))
print(json.dumps({'bench': 'sweep_mpi', 'sweep': 'scenarios/sweeps/ukraine_drivers.json', 'ranks': 2, 'threads_per_rank': 1, 'seconds': round(two, 3), 'speedup': round(one / two, 2), 'efficiency': round(one / two / 2, 2)}))"
