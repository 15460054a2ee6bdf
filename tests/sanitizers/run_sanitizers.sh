#!/usr/bin/env bash
# Builds one sanitizer preset of CMakePresets.json in its own build directory (build-<preset>/)
# and runs a small suite under it: the loader and fuzz regressions, determinism across thread
# counts, the month dynamics, the property tests, and the CLI contract and bad-input catalogue
# through the sanitized binary. Any sanitizer report fails the run (-fno-sanitize-recover=all,
# halt_on_error=1).
#
# Usage: tests/sanitizers/run_sanitizers.sh asan-ubsan|tsan
# Exits 77 (CTest: skipped) when clang++ is not installed.
set -euo pipefail
preset=${1:?usage: run_sanitizers.sh asan-ubsan|tsan}
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build-$preset"
if ! command -v clang++ >/dev/null; then
  echo "SKIP: clang++ is not installed (scripts/install_deps.sh installs clang-14 and libclang-rt-14-dev)"
  exit 77
fi

case "$preset" in
  asan-ubsan)
    # Only what the suite needs: the whole test tree under ASan would double the build time.
    tests=(determinism_test dynamics_test shipped_scenarios_test fuzz_regressions_test fuzz_readers_test
      properties_test claims_test)
    cli=(run_contract bad_inputs hostile_inputs)
    export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    # AddressSanitizer's shadow memory counts in a run's peak memory; the limits are for the
    # normal build and checked there.
    export PARLEY_BAD_INPUT_RSS_MB=8192 PARLEY_BAD_INPUT_SECONDS=120 PARLEY_HOSTILE_SECONDS=120
    ;;
  tsan)
    # The multi-threaded parts: the parallel reduce (determinism) and the CLI across threads.
    tests=(determinism_test)
    cli=(run_contract)
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$root/tests/sanitizers/tsan.supp"
    ;;
  *)
    echo "unknown preset '$preset' (asan-ubsan or tsan)" >&2
    exit 2
    ;;
esac

cd "$root"
start=$(date +%s)
cmake --preset "$preset" >/dev/null
cmake --build "$build" -j"$(nproc)" --target parley "${tests[@]}"
echo "built $preset in $(($(date +%s) - start)) s"

failures=0
for test in "${tests[@]}"; do
  if PARLEY_SOURCE_DIR="$root" "$build/tests/$test" --no-intro=true; then
    echo "ok   - $test under $preset"
  else
    echo "FAIL - $test under $preset"
    failures=$((failures + 1))
  fi
done
for script in "${cli[@]}"; do
  if bash "$root/tests/cli/$script.sh" "$build/engine/parley" "$root" >"$build/$script.log" 2>&1; then
    echo "ok   - cli/$script.sh under $preset"
  else
    echo "FAIL - cli/$script.sh under $preset (log: $build/$script.log)"
    grep -v '^ok' "$build/$script.log" | tail -n 40
    failures=$((failures + 1))
  fi
done
echo "$preset: $failures failures, $(($(date +%s) - start)) s in all"
[ "$failures" -eq 0 ]
