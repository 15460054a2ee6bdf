#!/usr/bin/env bash
# `parley draft`: exit codes, formats, and the CSIS counts through the binary.
# usage: draft.sh PARLEY SOURCE_DIR
set -u
parley=$1
source_dir=$2
scenario=$source_dir/scenarios/csis_treaty.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$parley" draft "$scenario" --top 3 > "$tmp/out.json" || fail "draft exited $?"
grep -q '"drafts_respecting_exclusions": 248831' "$tmp/out.json" || fail "feasible count"
grep -q '"drafts_accepted_by_all": 8413' "$tmp/out.json" || fail "acceptable count"
"$parley" draft "$scenario" --format csv --top 2 > "$tmp/out.csv" || fail "csv exited $?"
[ "$(wc -l < "$tmp/out.csv")" -eq 6 ] || fail "csv rows: header, 2 ranked, 3 presets"
"$parley" draft "$scenario" --format markdown --output "$tmp/out.md" || fail "markdown exited $?"
grep -q '## Ranked acceptable drafts' "$tmp/out.md" || fail "markdown table"

"$parley" draft "$tmp/missing.json" 2> /dev/null; [ $? -eq 1 ] || fail "missing file should exit 1"
echo '{"name": "x", "actors": ["A"], "treaty": {"articles": [], "thresholdz": {}}}' > "$tmp/bad.json"
"$parley" draft "$tmp/bad.json" 2> "$tmp/err.txt"; [ $? -eq 2 ] || fail "bad input should exit 2"
grep -q 'At /treaty/thresholdz' "$tmp/err.txt" || fail "pointer in the message"
grep -q "did you mean 'thresholds'" "$tmp/err.txt" || fail "did-you-mean hint"
"$parley" draft "$scenario" --format xml 2> /dev/null; [ $? -eq 2 ] || fail "bad option should exit 2"
echo ok
