#!/usr/bin/env bash
# Runs the benchmark set recorded in docs/performance.md. Usage: bench/run_benchmarks.sh [BUILD_DIR]
# Prints JSON lines; each names what it measured.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
flagship="$root/scenarios/ukraine_war.json"
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
  case "$(basename "$extra")" in throughput_bench) ;; *) "$extra" ;; esac
done
