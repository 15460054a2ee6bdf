#!/usr/bin/env bash
# `parley claims`: formats, exit codes, no partial or overwritten output, and located errors,
# through the binary, on a toy claims file over the two-barrier validation scenario.
# usage: claims.sh PARLEY SOURCE_DIR
set -u
parley=$1
source_dir=$2
source "$(dirname "$0")/lib/check.bash"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/toy.json" <<JSON
{
  "name": "toy", "title": "Toy claims", "article": "000_1c430494338ec1cd.txt",
  "baseline": "$source_dir/scenarios/validation/brownian_two_barriers.json",
  "variants": [
    {"id": "stronger", "description": "twice the defence bias",
     "changes": [{"pointer": "/battlefield/defence_bias_per_month", "value": 0.01, "source": {"assumption": "test"}}]}
  ],
  "claims": [
    {"id": "up", "quote": "q", "metric": "share_ukraine_victory", "expect": "higher", "baseline": "baseline", "variant": "stronger"},
    {"id": "down", "quote": "q, with a comma and \"quotes\"", "metric": "share_ukraine_victory", "expect": "lower", "baseline": "baseline", "variant": "stronger"}
  ]
}
JSON

check "json report" "$parley" claims "$tmp/toy.json" --trials 4000 --seed 3 --out "$tmp/out.json"
check "verdicts in json" grep -q '"verdict": "contradicted"' "$tmp/out.json"
check "command recorded" grep -q "\"command\": \"parley claims $tmp/toy.json --trials 4000 --seed 3 --out $tmp/out.json\"" "$tmp/out.json"
"$parley" claims "$tmp/toy.json" --trials 4000 --seed 3 --threads 1 --out "$tmp/one.json" > /dev/null
check "thread count changes nothing but the command" diff <(grep -v '"command"' "$tmp/out.json") <(grep -v '"command"' "$tmp/one.json")
check "csv report" "$parley" claims "$tmp/toy.json" --trials 4000 --format csv --out "$tmp/out.csv"
check "csv: header and two rows" test "$(wc -l < "$tmp/out.csv")" -eq 3
check "csv quotes a quote with commas" grep -q '"q, with a comma and ""quotes"""' "$tmp/out.csv"
check "markdown report" "$parley" claims "$tmp/toy.json" --trials 4000 --format markdown --out "$tmp/out.md"
check "markdown names its command" grep -q "parley claims $tmp/toy.json --trials 4000 --format markdown" "$tmp/out.md"
check "markdown table row" grep -q '| `up` |' "$tmp/out.md"

cp "$tmp/out.json" "$tmp/keep.json"
"$parley" claims "$tmp/toy.json" --trials 100 --out "$tmp/out.json" 2> "$tmp/err.txt"
check "existing output is refused (exit 2)" test $? -eq 2
check "existing output is untouched" cmp -s "$tmp/out.json" "$tmp/keep.json"
check "--force replaces it" "$parley" claims "$tmp/toy.json" --trials 100 --out "$tmp/out.json" --force

sed 's/share_ukraine_victory/share_ukraine_victroy/' "$tmp/toy.json" > "$tmp/bad.json"
"$parley" claims "$tmp/bad.json" --out "$tmp/bad_out.json" 2> "$tmp/err.txt"
check "bad claims file exits 2" test $? -eq 2
check "error names the pointer" grep -q 'At /claims/0/metric' "$tmp/err.txt"
check "error gives a hint" grep -q "did you mean 'share_ukraine_victory'" "$tmp/err.txt"
check "no output file on bad input" test ! -e "$tmp/bad_out.json"
"$parley" claims "$tmp/toy.json" --confidence 1.5 2> "$tmp/err.txt"
check "bad confidence exits 2" test $? -eq 2
check "bad confidence is named" grep -q -- '--confidence' "$tmp/err.txt"
"$parley" claims "$tmp/missing.json" 2> /dev/null
check "missing file exits 1" test $? -eq 1

[ "$failures" -eq 0 ]
