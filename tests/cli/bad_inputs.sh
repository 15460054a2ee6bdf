#!/usr/bin/env bash
# The catalogue of bad inputs (tests/bad_inputs/expected.json) and the generated ones (deep
# nesting, huge arrays, limits, unreadable paths) through `parley validate` and `parley run`.
# Usage: bad_inputs.sh PARLEY SOURCE_DIR
set -euo pipefail
exec python3 "$2/tests/bad_inputs/check_bad_inputs.py" "$1" "$2"
