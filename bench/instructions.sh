#!/usr/bin/env bash
# Instructions per unit of work under callgrind, each also as a multiple of the floor walk's
# instructions per step (bench/floor_walk.h): figures that hold on a loaded machine, where wall
# times do not. Usage: bench/instructions.sh [BUILD_DIR]   (needs valgrind; about 2-3 minutes)
#
# Each kernel runs at two sizes and the figure is the difference in instructions over the
# difference in units, so whatever a run costs once (process start-up, loading the scenario,
# compiling the model's tables, the report) cancels. Units: floor steps; simulated months
# (bench/trial_months.h counts them exactly, war and ceasefire apart); Nash solves.
# throughput_bench is counted inside its measured_run only, so that its own month count and
# floor timing stay out; the CLI's run is counted whole.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
command -v valgrind > /dev/null || { echo "instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flagship="$root/scenarios/ukraine_war.json"
brownian="$root/scenarios/validation/brownian_two_barriers.json"

# callgrind NAME [VALGRIND_OPTION...] -- COMMAND...: runs COMMAND under callgrind, its stdout in
# $work/NAME.json, and prints the instructions callgrind collected.
callgrind() {
  local name=$1 options=()
  shift
  while [[ $1 != -- ]]; do options+=("$1"); shift; done
  shift
  valgrind --tool=callgrind --callgrind-out-file="$work/$name.out" "${options[@]}" "$@" \
    > "$work/$name.json" 2> "$work/$name.log" || { cat "$work/$name.log" >&2; exit 1; }
  awk '/^(summary|totals):/ { print $2; exit }' "$work/$name.out"
}

# field FILE KEY: a number from the last JSON line of FILE.
field() { /usr/bin/python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().splitlines()[-1])[sys.argv[2]])' "$1" "$2"; }

results="$work/results.tsv"
# record KERNEL SIZE INSTRUCTIONS UNITS CEASEFIRE_MONTHS: one run, appended to $results.
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$results"; }

for n in 2000 4000; do
  ir=$(callgrind "floor$n" -- "$build/bench/floor_walk_bench" --trials "$n" --repeats 1)
  record floor "$n" "$ir" "$(field "$work/floor$n.json" steps)" 0
done
for n in 2000 4000; do
  ir=$(callgrind "brownian$n" -- "$build/engine/parley" run "$brownian" --trials "$n" --threads 1)
  # The CLI prints no month count: the same trials (seed, index) counted natively.
  "$build/bench/throughput_bench" "$brownian" --trials "$n" --threads 1 --repeats 1 > "$work/brownian_months$n.json"
  record brownian "$n" "$ir" "$(field "$work/brownian_months$n.json" war_months)" \
    "$(field "$work/brownian_months$n.json" ceasefire_months)"
done
for kernel in battlefield full; do
  extra=()
  [[ $kernel == battlefield ]] && extra=(--battlefield-only)
  for n in 250 1250; do
    ir=$(callgrind "$kernel$n" --toggle-collect='*measured_run*' -- \
      "$build/bench/throughput_bench" "$flagship" "${extra[@]}" --trials "$n" --threads 1 --repeats 1)
    record "$kernel" "$n" "$ir" "$(field "$work/$kernel$n.json" war_months)" \
      "$(field "$work/$kernel$n.json" ceasefire_months)"
  done
done
for loss in quadratic linear; do
  for n in 2000 4000; do
    ir=$(callgrind "nash_$loss$n" -- "$build/bench/bargaining_bench" --only "nash_4x5_$loss" --calls "$n")
    record "nash_$loss" "$n" "$ir" "$n" 0
  done
done

/usr/bin/python3 - "$results" << 'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    kernel, size, ir, war, ceasefire = line.split()
    rows.setdefault(kernel, []).append((int(size), int(ir), int(war), int(ceasefire)))

def per_unit(kernel, months):
    (_, ir0, w0, c0), (_, ir1, w1, c1) = rows[kernel]
    units = {"all": (w1 + c1) - (w0 + c0), "war": w1 - w0}[months]
    return (ir1 - ir0) / units, units

floor, floor_steps = per_unit("floor", "all")
table = [
    ("floor walk (`floor_walk_bench`)", "step", "floor", "all"),
    ("`parley run scenarios/validation/brownian_two_barriers.json`", "trial-month", "brownian", "all"),
    ("`throughput_bench scenarios/ukraine_war.json --battlefield-only`", "trial-month", "battlefield", "all"),
    ("`throughput_bench scenarios/ukraine_war.json` (full)", "simulated month (war + ceasefire)", "full", "all"),
    ("`throughput_bench scenarios/ukraine_war.json` (full)", "war month (ceasefire months' cost included)", "full", "war"),
    ("Nash 4x5 quadratic (`bargaining_bench --only nash_4x5_quadratic`)", "solve", "nash_quadratic", "all"),
    ("Nash 4x5 linear (`bargaining_bench --only nash_4x5_linear`)", "solve", "nash_linear", "all"),
]
print("| kernel | unit | units (difference of the two runs) | instructions / unit | x floor |")
print("| --- | --- | ---: | ---: | ---: |")
for name, unit, kernel, months in table:
    value, units = per_unit(kernel, months)
    print(f"| {name} | {unit} | {units:,} | {value:,.0f} | {value / floor:,.1f} |")
print()
print("| kernel | size | instructions | war months (steps, solves) | ceasefire months |")
print("| --- | ---: | ---: | ---: | ---: |")
for kernel, points in rows.items():
    for size, ir, war, ceasefire in points:
        print(f"| {kernel} | {size:,} | {ir:,} | {war:,} | {ceasefire:,} |")
PY
