#!/usr/bin/env bash
# Builds the libFuzzer targets with Clang (the asan-ubsan preset of CMakePresets.json, in its
# own build directory) and fuzzes the scenario loader for a while on the seed corpus, then the
# sweep, claims, treaty and checkpoint readers for a third of that time each.
#
# Usage: tests/fuzz/run_fuzzer.sh [SECONDS] [extra libFuzzer flags...]
#   SECONDS defaults to 30 (what CTest runs). docs/hardening.md describes longer campaigns.
# Exits 77 (CTest: skipped) when clang++ or libFuzzer is not installed, 1 on any finding.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-30}
shift || true
preset=asan-ubsan
build="$root/build-$preset"

if ! command -v clang++ >/dev/null; then
  echo "SKIP: clang++ is not installed (scripts/install_deps.sh installs clang-14 and libclang-rt-14-dev)"
  exit 77
fi
if ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
  clang++ -x c++ -fsanitize=fuzzer - -o /dev/null 2>/dev/null; then
  echo "SKIP: clang++ cannot link libFuzzer (install libclang-rt-14-dev)"
  exit 77
fi

cd "$root"
cmake --preset "$preset" >/dev/null
readers="sweep claims treaty checkpoint"
cmake --build "$build" -j"$(nproc)" --target scenario_loader_fuzz $(for r in $readers; do echo "${r}_reader_fuzz"; done)

# New inputs the fuzzer finds go to a scratch directory; the checked-in corpus stays as it is.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/new" "$work/seeds"
find "$root/scenarios" -name '*.json' -exec cp {} "$work/seeds/" \;
cp "$root"/tests/fuzz/corpus/* "$root"/tests/fuzz/regressions/* "$work/seeds/"
cp "$root"/tests/bad_inputs/*.json "$work/seeds/" 2>/dev/null || true

# -timeout: one input taking this long is a hang. -rss_limit_mb: a memory blow-up is a finding.
# -max_len: room for the flagship scenario, so mutations start from whole documents.
status=0
"$build/tests/fuzz/scenario_loader_fuzz" "$work/new" "$work/seeds" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -dict="$root/tests/fuzz/scenario.dict" -artifact_prefix="$work/" -print_final_stats=1 "$@" \
  >"$work/fuzz.log" 2>&1 || status=$?
tail -n 40 "$work/fuzz.log"

# The other readers (tests/fuzz/reader_checks.h), a third of the time each, on their own corpora.
reader_seconds=$(( seconds / 3 > 5 ? seconds / 3 : 5 ))
for reader in $readers; do
  [ "$status" -eq 0 ] || break
  mkdir -p "$work/new-$reader"
  "$build/tests/fuzz/${reader}_reader_fuzz" "$work/new-$reader" "$root/tests/fuzz/reader_corpus/$reader" \
    -max_total_time="$reader_seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -dict="$root/tests/fuzz/scenario.dict" -artifact_prefix="$work/" -print_final_stats=1 "$@" \
    >"$work/fuzz-$reader.log" 2>&1 || status=$?
  echo "--- ${reader}_reader_fuzz"
  tail -n 12 "$work/fuzz-$reader.log"
done
if [ "$status" -ne 0 ]; then
  for artifact in "$work"/crash-* "$work"/timeout-* "$work"/oom-* "$work"/leak-*; do
    [ -e "$artifact" ] || continue
    mkdir -p "$root/build-$preset/fuzz-artifacts"
    cp "$artifact" "$root/build-$preset/fuzz-artifacts/"
    echo "finding kept in build-$preset/fuzz-artifacts/$(basename "$artifact")"
  done
  exit 1
fi
