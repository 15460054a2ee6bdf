#!/usr/bin/env bash
# Configures and builds Parley in build/ (Release), against Debian's /usr/bin/python3.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install_deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPARLEY_BUILD_PYTHON=ON -DPython_EXECUTABLE=/usr/bin/python3 "$@" >/dev/null
cmake --build build -j"$(nproc)"
