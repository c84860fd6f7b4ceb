#!/usr/bin/env bash
# `privacy-policy validate FILE`, the whole process, against `jq empty FILE`
# (target: within 2×), with hyperfine.
#
#   apt-get update && apt-get install -y hyperfine jq
#   benches/cli.sh            # canonical document and synthetic 1k/3k documents
#
# The synthetic documents (4 MB and 13 MB, over the loader's 1 MiB default
# limit, so validated with --max-bytes) are written by the targets benchmark
# harness.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null && command -v jq >/dev/null || {
    echo "needs hyperfine and jq: apt-get update && apt-get install -y hyperfine jq" >&2
    exit 2
}
cargo build --release --quiet
cargo bench --quiet --bench targets -- --write-synthetic target/synthetic >/dev/null
bin=target/release/privacy-policy
for file in data/matrix.org/3.1.0.json target/synthetic/synthetic-1000.json target/synthetic/synthetic-3000.json; do
    "$bin" validate --max-bytes 16777216 "$file" >/dev/null
    hyperfine -N --warmup 5 --min-runs 30 \
        "$bin validate --max-bytes 16777216 $file" "jq empty $file"
done
