# Shared by the CLI contract scripts in tests/cli/ (sourced; not a test itself: the CTest loop
# registers only tests/cli/*.sh). check DESCRIPTION COMMAND... runs COMMAND, prints ok/FAIL and
# counts failures; the script ends with `[ "$failures" -eq 0 ]`.
failures=0
check() {
  local description=$1
  shift
  if "$@"; then echo "ok   - $description"; else echo "FAIL - $description"; failures=$((failures + 1)); fi
}
