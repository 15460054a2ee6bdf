#!/usr/bin/env bash
# docs/claims.md is reproducible by the command it names: run that command in a scratch copy of
# the layout it expects (scenarios/ and an empty docs/) and compare the bytes. When an engine
# change moves the figures, regenerate the report with the command in its header.
# usage: claims_doc.sh PARLEY SOURCE_DIR
set -u
parley=$1
source_dir=$2
source "$(dirname "$0")/lib/check.bash"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

command=$(sed -n '/^```sh$/{n;p;q}' "$source_dir/docs/claims.md")
check "docs/claims.md names a parley claims command" test "${command#parley claims }" != "$command"
ln -s "$source_dir/scenarios" "$tmp/scenarios"
mkdir "$tmp/docs"
# The command as written, with the binary under test for "parley".
(cd "$tmp" && eval "\"$parley\" ${command#parley }") > /dev/null
check "the command runs" test $? -eq 0
check "it reproduces docs/claims.md byte for byte" cmp "$tmp/docs/claims.md" "$source_dir/docs/claims.md"
[ "$failures" -eq 0 ]
