#!/usr/bin/env bash
# Runs the benchmark set recorded in docs/performance.md. Usage: bench/run_benchmarks.sh [BUILD_DIR]
# Prints JSON lines; each names what it measured. Instructions per unit (callgrind, steady under
# load) come from bench/instructions.sh instead.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
flagship="$root/scenarios/ukraine_war.json"
# The floor every time per unit is read against; throughput_bench and bargaining_bench also
# measure it in their own process and give each figure as a multiple of it (x_floor).
"$build/bench/floor_walk_bench"
# The plain Brownian validation case: the run `parley run` makes of it, without the CLI around.
"$build/bench/throughput_bench" "$root/scenarios/validation/brownian_two_barriers.json" --trials 20000 --threads 1
for threads in 1 2; do
  "$build/bench/throughput_bench" "$flagship" --trials 20000 --threads "$threads"
  "$build/bench/throughput_bench" "$flagship" --trials 20000 --threads "$threads" --battlefield-only
done
# Peak memory must not grow with the trial count.
"$build/bench/throughput_bench" "$flagship" --trials 10000 --memory
"$build/bench/throughput_bench" "$flagship" --trials 1000000 --memory
# Sweeps: throughput, schedules and threads (sweep_bench, in the loop below), MPI ranks here.
"$root/bench/sweep_mpi_bench.sh" "$build"
for extra in "$build"/bench/*_bench; do
  case "$(basename "$extra")" in throughput_bench | floor_walk_bench) ;; *) "$extra" ;; esac
done
