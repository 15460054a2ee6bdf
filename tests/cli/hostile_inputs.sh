#!/usr/bin/env bash
# The hostile catalogue (tests/hostile/cases.json): inputs an adversarial user would write, each
# refused with exit 2, a located message and no output. Usage: hostile_inputs.sh PARLEY SOURCE_DIR
set -euo pipefail
exec python3 "$2/tests/hostile/check_hostile.py" "$1" "$2"
