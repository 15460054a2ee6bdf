#!/usr/bin/env bash
# Parley installs like a library: `cmake --install` into a temporary prefix writes nothing outside
# it; a program outside the project (tests/install/downstream) finds the package with
# find_package(parley 0.1 CONFIG REQUIRED), links parley::engine and runs a scenario; a request
# for 0.2 is refused; the installed CLI runs; and the installed Python package, when the build has
# one, imports from the prefix.
# usage: install_and_use.sh BUILD_DIR SOURCE_DIR WORK_DIR CMAKE PYTHON
set -u
build_dir=$1
source_dir=$2
work_dir=$3
cmake=$4
python=${5:-}
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p "$work_dir"
tmp=$(mktemp -d "$work_dir/install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

"$cmake" --install "$build_dir" --prefix "$prefix" > "$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log"; fail "cmake --install"; }
outside=$(sed -n 's/^-- \(Installing\|Up-to-date\): //p' "$tmp/install.log" | grep -v "^$prefix/")
[ -z "$outside" ] || fail "installed outside the prefix: $outside"
for file in lib/cmake/parley/parleyConfig.cmake lib/cmake/parley/parleyConfigVersion.cmake \
            lib/cmake/parley/parleyTargets.cmake include/parley/sim/run.h bin/parley; do
  [ -e "$prefix/$file" ] || fail "the prefix lacks $file"
done

"$prefix/bin/parley" --help > "$tmp/help.txt" || fail "installed parley --help exited $?"
grep -q "run" "$tmp/help.txt" || fail "installed parley --help names no command"

# The downstream program, built with the compiler cache when there is one.
launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
"$cmake" -S "$source_dir/tests/install/downstream" -B "$tmp/downstream" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" "${launcher[@]}" > "$tmp/configure.log" 2>&1 ||
  { cat "$tmp/configure.log"; fail "configure of the downstream project"; }
"$cmake" --build "$tmp/downstream" > "$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; fail "build of the downstream project"; }
"$tmp/downstream/downstream" "$source_dir/scenarios/validation/brownian_two_barriers.json" 400 > "$tmp/run.txt" ||
  { cat "$tmp/run.txt"; fail "the downstream program exited $?"; }
grep -q "^trials 400 counted 400 version 0\.1\." "$tmp/run.txt" || { cat "$tmp/run.txt"; fail "downstream run"; }
# Brownian motion from the middle with a small upward drift: both barriers are reached.
grep -qE "^ukraine_victory [1-9]" "$tmp/run.txt" && grep -qE "^russia_victory [1-9]" "$tmp/run.txt" ||
  { cat "$tmp/run.txt"; fail "downstream outcomes"; }

"$cmake" -S "$source_dir/tests/install/downstream" -B "$tmp/too_new" -DPARLEY_REQUIRED_VERSION=0.2 \
  -DCMAKE_PREFIX_PATH="$prefix" > "$tmp/too_new.log" 2>&1 && fail "find_package(parley 0.2) accepted 0.1"
grep -q 'requested version "0.2"' "$tmp/too_new.log" || { cat "$tmp/too_new.log"; fail "0.2: no version message"; }

# The Python package, under the prefix's own site directory.
init=$(find "$prefix" -path '*/parley/__init__.py' | head -n 1)
if [ -n "$init" ] && [ -n "$python" ]; then
  case $init in "$prefix"/lib/*) ;; *) fail "the Python package is not under $prefix/lib: $init" ;; esac
  PYTHONPATH=$(dirname "$(dirname "$init")") "$python" -c "
import parley
assert parley.__file__.startswith('$prefix'), parley.__file__
r = parley.run('$source_dir/scenarios/validation/brownian_two_barriers.json', trials=300, seed=1)
assert r.report['trials'] == 300, r.report['trials']
" || fail "the installed Python package"
else
  echo "note: this build has no Python package to install"
fi
echo "PASS: installed into $prefix and used from outside"
