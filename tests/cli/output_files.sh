#!/usr/bin/env bash
# Every command that writes a report file keeps the same rule (engine/cli/command.h): --out PATH
# writes it whole or not at all, an existing file is refused (exit 2, left as it was) unless
# --force is given, and the --output of `draft` and `schema` still works for one release, with a
# deprecation note on stderr. Also: --format names only what the command writes.
# usage: output_files.sh PARLEY SOURCE_DIR
set -u
parley=$1
source_dir=$(cd "$2" && pwd)
source "$(dirname "$0")/lib/check.bash"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

war=$source_dir/scenarios/validation/brownian_two_barriers.json
table=$source_dir/scenarios/validation/fearon_range.json
treaty=$source_dir/scenarios/validation/treaty_war_values.json
cat > "$tmp/toy.json" <<JSON
{
  "name": "toy", "title": "Toy claims", "article": "000_1c430494338ec1cd.txt", "baseline": "$war",
  "variants": [
    {"id": "stronger", "description": "twice the defence bias",
     "changes": [{"pointer": "/battlefield/defence_bias_per_month", "value": 0.01, "source": {"assumption": "test"}}]}
  ],
  "claims": [
    {"id": "up", "quote": "q", "metric": "share_ukraine_victory", "expect": "higher", "baseline": "baseline", "variant": "stronger"}
  ]
}
JSON

# A command's arguments without --out, one per verb that writes a report.
command_for() {
  case $1 in
    run) echo "run $war --trials 20" ;;
    solve) echo "solve $table" ;;
    draft) echo "draft $treaty" ;;
    claims) echo "claims $tmp/toy.json --trials 20 --format csv" ;;  # its JSON records the --out it was given
    schema) echo "schema" ;;
  esac
}

for verb in run solve draft claims schema; do
  read -r -a args <<<"$(command_for "$verb")"
  out=$tmp/$verb.out
  echo "a file the user wrote" >"$out"
  cp "$out" "$tmp/keep"
  "$parley" "${args[@]}" --out "$out" 2>"$tmp/err.txt"
  check "$verb: an existing --out is refused (exit 2)" test $? -eq 2
  check "$verb: ... and left untouched" cmp -s "$out" "$tmp/keep"
  check "$verb: ... and the message names --force" grep -q -- "--force" "$tmp/err.txt"
  "$parley" "${args[@]}" --out "$out" --force 2>/dev/null
  check "$verb: --force replaces it (exit 0)" test $? -eq 0
  check "$verb: ... with the report" test "$(head -c 21 "$out")" != "a file the user wrote"
  "$parley" "${args[@]}" >"$tmp/stdout" 2>/dev/null
  check "$verb: --out writes what stdout shows" cmp -s "$out" "$tmp/stdout"
  check "$verb: no temporary file is left behind" test -z "$(find "$tmp" -name "$verb.out.tmp-*")"
done

for verb in draft schema; do
  read -r -a args <<<"$(command_for "$verb")"
  out=$tmp/$verb.alias
  "$parley" "${args[@]}" --output "$out" 2>"$tmp/err.txt"
  check "$verb: --output still writes (exit 0)" test $? -eq 0
  check "$verb: ... the same report as --out" cmp -s "$out" "$tmp/$verb.out"
  check "$verb: ... and says on stderr that it is deprecated" grep -q -- "--output is deprecated" "$tmp/err.txt"
  check "$verb: ... and in which release it goes" grep -q "removed in parley 0.2.0" "$tmp/err.txt"
  "$parley" "${args[@]}" --output "$out" 2>"$tmp/err.txt"
  check "$verb: --output follows the same no-overwrite rule (exit 2)" test $? -eq 2
  check "$verb: ... naming the option used" grep -q -- "--output '$out': " "$tmp/err.txt"
  "$parley" "${args[@]}" --output "$out" --force 2>/dev/null
  check "$verb: --output with --force replaces it" cmp -s "$out" "$tmp/$verb.out"
  "$parley" "${args[@]}" --output "$out" --out "$tmp/both" 2>"$tmp/err.txt"
  check "$verb: --output and --out together are refused (exit 2)" test $? -eq 2
  check "$verb: ... writing nothing" test ! -e "$tmp/both"
done

"$parley" run "$war" --trials 20 --output "$tmp/x" 2>"$tmp/err.txt"
check "run: --output is not an option of commands that never had it" test $? -eq 2

"$parley" solve "$table" --format csv 2>"$tmp/err.txt"
check "solve --format csv is refused (exit 2)" test $? -eq 2
check "... listing the formats solve writes" grep -q "must be one of json summary" "$tmp/err.txt"
"$parley" run "$war" --format markdown --out "$tmp/never" 2>"$tmp/err.txt"
check "run --format markdown is refused (exit 2)" test $? -eq 2
check "... listing the formats run writes" grep -q "must be one of json csv summary" "$tmp/err.txt"
check "... before writing anything" test ! -e "$tmp/never"

for verb in run solve draft claims schema; do
  "$parley" "$verb" --help >"$tmp/help.txt"
  check "$verb --help lists --out and --force" grep -q -- "--force" "$tmp/help.txt"
done
[ "$failures" -eq 0 ]
