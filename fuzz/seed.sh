#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the repository's documents (data/ and the
# test fixtures). The corpora are generated, not committed; crashing inputs
# that matter are kept in tests/corpus/fuzz/ instead.
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/load corpus/diff corpus/edit
for f in "$root"/data/*/*.json "$root"/tests/fixtures/*.json "$root"/tests/fixtures/diff/*.json; do
    [ -f "$f" ] && cp "$f" "corpus/load/$(basename "$(dirname "$f")")_$(basename "$f")"
done
if [ -d "$root/tests/corpus/bad" ]; then
    for f in "$root"/tests/corpus/bad/*.json; do cp "$f" "corpus/load/bad_$(basename "$f")"; done
fi
# diff: every consecutive pair of releases, OLD \0 NEW.
prev=
for f in $(ls "$root"/data/matrix.org/*.json | sort -V); do
    if [ -n "$prev" ]; then
        { cat "$prev"; printf '\0'; cat "$f"; } > "corpus/diff/$(basename "$prev" .json)_$(basename "$f" .json)"
    fi
    prev=$f
done
# diff: a pair with an accepted-findings file.
first=$(ls "$root"/data/matrix.org/*.json | sort -V | head -1)
{ cat "$first"; printf '\0'; cat "$prev"; printf '\0'
  printf '{"accepted": [{"rule": "title-changed", "pointer": "/title", "reason": "seed"}]}'; } > corpus/diff/first_last_accepted
# edit: structured inputs are decoded from any bytes; a few fixed seeds.
for i in $(seq 0 15); do
    head -c $((16 + i * 16)) /dev/zero | tr '\0' "\\$(printf '%03o' $((i * 16 + 1)))" > "corpus/edit/seed_$i"
done
echo "seeded: $(ls corpus/load | wc -l) load, $(ls corpus/diff | wc -l) diff, $(ls corpus/edit | wc -l) edit"
