#!/usr/bin/env bash
# `pip install .` works: in a fresh venv that sees the system's packages (numpy, pandas,
# setuptools), pip builds the compiled module through CMake (setup.py) from a copy of the source
# and installs `parley`, which imports from the venv and runs. Skipped (exit 77) where the machine
# lacks venv, pip, setuptools or wheel (scripts/install_deps.sh installs them). The build reuses
# the compiler cache: the copy's build-pip/ sits one level below it, as build/ does in the source.
# usage: pip_install.sh PYTHON SOURCE_DIR WORK_DIR
set -u
python=$1
source_dir=$2
work_dir=$3
fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }

[ -n "$python" ] && [ -x "$python" ] || skip "no Python interpreter"
mkdir -p "$work_dir"
tmp=$(mktemp -d "$work_dir/pip.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

"$python" -m venv --system-site-packages "$tmp/venv" > "$tmp/venv.log" 2>&1 ||
  skip "$python -m venv failed (Debian: apt-get install python3-venv): $(tail -n 1 "$tmp/venv.log")"
venv_python=$tmp/venv/bin/python
"$venv_python" -m pip --version > /dev/null 2>&1 || skip "no pip in the venv (Debian: apt-get install python3-pip)"
"$venv_python" -c "import setuptools, wheel" 2> /dev/null ||
  skip "no setuptools or wheel (Debian: apt-get install python3-setuptools python3-wheel)"

# The files a checkout has (tracked, or new and not ignored): no build trees.
mkdir "$tmp/src"
if git -C "$source_dir" rev-parse --git-dir > /dev/null 2>&1; then
  git -C "$source_dir" ls-files -z --cached --others --exclude-standard | (cd "$source_dir" && tar --null -T - -cf -) |
    tar -xf - -C "$tmp/src" || fail "copy of the source"
else
  tar -C "$source_dir" --exclude='./build*' -cf - . | tar -xf - -C "$tmp/src" || fail "copy of the source"
fi

export PIP_DISABLE_PIP_VERSION_CHECK=1 CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2}
command -v ccache > /dev/null && export CMAKE_ARGS="${CMAKE_ARGS:-} -DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
# --no-index: the dependencies come from the system's packages, and nothing is downloaded.
(cd "$tmp" && "$venv_python" -m pip install --no-build-isolation --no-index ./src) > "$tmp/pip.log" 2>&1 ||
  { tail -n 40 "$tmp/pip.log"; fail "pip install"; }
[ -z "$(find "$tmp/src" -name '*.egg-info' -not -path '*/build-pip/*')" ] || fail "the build wrote egg-info into the sources"

(cd "$tmp" && "$venv_python" -c "
import parley
assert parley.__file__.startswith('$tmp/venv/'), parley.__file__
assert parley.__version__.startswith('0.1.'), parley.__version__
r = parley.run('$source_dir/scenarios/validation/brownian_two_barriers.json', trials=300, seed=1)
assert r.report['trials'] == 300, r.report['trials']
assert abs(sum(r.outcomes['share']) - 1) < 1e-12
") || fail "the pip-installed package"
"$venv_python" -m pip show parley | grep -q '^Version: 0\.1\.' || fail "pip show parley: no version 0.1.x"
echo "PASS: pip installed parley into a venv"
