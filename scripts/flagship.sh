#!/usr/bin/env bash
# Installs what is missing, builds, and runs the flagship scenario with a readable summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
./build/engine/parley run scenarios/ukraine_war.json --format summary "$@"
