#!/usr/bin/env bash
# `parley draft`: exit codes, formats, the CSIS counts, and a scenario whose reservations are war values,
# through the binary.
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
"$parley" draft "$scenario" --format markdown --out "$tmp/out.md" || fail "markdown exited $?"
grep -q '## Ranked acceptable drafts' "$tmp/out.md" || fail "markdown table"

# A war scenario with a bargaining block and a treaty block whose reservations are war values.
both=$source_dir/scenarios/validation/treaty_war_values.json
"$parley" draft "$both" > "$tmp/both.json" || fail "draft on a scenario exited $?"
grep -q '"drafts_accepted_by_all": 5' "$tmp/both.json" || fail "scenario: acceptable count"
grep -q '"reservations_from_war_values"' "$tmp/both.json" || fail "scenario: reservations reported"
grep -q '"best_draft_utility": 24.0' "$tmp/both.json" || fail "scenario: Russia's best draft"
"$parley" draft "$both" --format markdown | grep -q 'UKR 0.3086 x 20.000 = 6.172' || fail "markdown reservations"
sed 's/"reservation": "war_values"/"reservation": "war_valus"/' "$both" > "$tmp/typo.json"
"$parley" draft "$tmp/typo.json" 2> "$tmp/err.txt"; [ $? -eq 2 ] || fail "misspelt war_values should exit 2"
grep -q 'At /treaty/reservation' "$tmp/err.txt" || fail "war_values: pointer in the message"
grep -q "did you mean 'war_values'" "$tmp/err.txt" || fail "war_values: did-you-mean hint"
"$parley" draft "$source_dir/scenarios/validation/fearon_range.json" 2> "$tmp/err.txt"; [ $? -eq 2 ] || fail "no treaty block should exit 2"
grep -q 'needs "treaty"' "$tmp/err.txt" || fail "no treaty block: message"

"$parley" draft "$tmp/missing.json" 2> /dev/null; [ $? -eq 1 ] || fail "missing file should exit 1"
echo '{"name": "x", "actors": ["A"], "treaty": {"articles": [], "thresholdz": {}}}' > "$tmp/bad.json"
"$parley" draft "$tmp/bad.json" 2> "$tmp/err.txt"; [ $? -eq 2 ] || fail "bad input should exit 2"
grep -q 'At /treaty/thresholdz' "$tmp/err.txt" || fail "pointer in the message"
grep -q "did you mean 'thresholds'" "$tmp/err.txt" || fail "did-you-mean hint"
"$parley" draft "$scenario" --format xml 2> /dev/null; [ $? -eq 2 ] || fail "bad option should exit 2"

# Ctrl-C: 30 articles every party accepts in any draft take minutes to search exactly (2^30 - 1
# drafts); SIGINT stops the search within milliseconds and the report holds what it evaluated.
python3 - "$tmp/all30.json" <<'PY'
import json, sys
articles = [{"id": i + 1, "title": f"article {i + 1}", "scores": {"A": 10, "B": 10}} for i in range(30)]
doc = {"name": "all_acceptable_30", "actors": ["A", "B"],
       "treaty": {"rule": "average", "articles": articles, "thresholds": {"A": 1, "B": 1}}}
json.dump(doc, open(sys.argv[1], "w"))
PY
"$parley" draft "$tmp/all30.json" --out "$tmp/cut.json" 2> "$tmp/err.txt" &
pid=$!
sleep 1
start=$(date +%s%N)
kill -INT "$pid"
wait "$pid"; status=$?
stopped_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$status" -eq 130 ] || fail "SIGINT should exit 130 (got $status)"
[ "$stopped_ms" -lt 2000 ] || fail "SIGINT took $stopped_ms ms to stop the search"
grep -q 'parley draft: interrupted; the report holds what finished' "$tmp/err.txt" || fail "interrupt message"
python3 -c "
import json; r = json.load(open('$tmp/cut.json')); c = r['counts']
assert 'note' in r['interrupted'] and 0 < c['drafts_evaluated'] < c['drafts_respecting_exclusions'] == 2**30 - 1
assert c['drafts_accepted_by_all'] == c['drafts_evaluated'] and len(r['ranked']) == 10" || fail "interrupted report"
# The CSV of an interrupted draft ends with a row of kind `interrupted`, its label the note.
"$parley" draft "$tmp/all30.json" --format csv --out "$tmp/cut.csv" 2> /dev/null &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"; status=$?
[ "$status" -eq 130 ] || fail "SIGINT should exit 130 with --format csv (got $status)"
python3 -c "
import csv
rows = list(csv.reader(open('$tmp/cut.csv')))
assert rows[-1][0] == 'interrupted' and rows[-1][1].startswith('stopped before the end')
assert len(rows[-1]) == len(rows[0]) and sum(r[0] == 'ranked' for r in rows) == 10" || fail "interrupted CSV"
echo ok
