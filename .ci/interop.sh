#!/usr/bin/env bash
# Cross-language checks (issue 14): the schema, the generated TypeScript and
# Python bindings, the conformance corpus, the DPV JSON-LD export and the
# README's cross-language snippets. Installs what it needs (Node + npm and
# Python 3.10+ with venv, from Debian when missing; pinned npm and PyPI
# packages); every step is time-boxed and fails loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { printf '\n==> interop: %s (%ss)\n' "$*" "$(($(date +%s) - start))"; }
fail() { printf '\n!!! interop FAILED: %s\n' "$*" >&2; exit 1; }
box() { local secs=$1; shift; timeout "$secs" "$@" || fail "$* (exit $?, limit ${secs}s)"; }

step "tools: node, npm, python3 venv"
need=()
command -v node >/dev/null && command -v npm >/dev/null || need+=(nodejs npm)
python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || need+=(python3 python3-venv)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]} from Debian"
    box 300 apt-get update -qq
    DEBIAN_FRONTEND=noninteractive box 600 apt-get install -y -qq "${need[@]}" >/dev/null
fi
node --version && python3 --version

step "build privacy-policy"
box 900 cargo build --quiet --bin privacy-policy
bin=$PWD/target/debug/privacy-policy

step "bindings are current (scripts/gen-bindings.sh --check; installs pinned tools)"
box 900 scripts/gen-bindings.sh --check
py=$PWD/.venv-interop/bin/python
ts=bindings/typescript
tsc=$ts/node_modules/.bin/tsc

step "TypeScript: package builds (tsc --strict), every data file typed as PrivacyPolicy without a cast"
(cd $ts && box 300 npm run --silent build)
box 60 node $ts/test/gen-typed-data.js "$PWD"
box 600 $tsc -p $ts/tsconfig.test.json --strict

step "Ajv 2020 strict: schema compiles with no warning; corpus and data verdicts"
box 300 node $ts/build/bindings/typescript/test/conformance.js "$PWD"
box 60 node $ts/build/bindings/typescript/test/import-json.js

step "Python: jsonschema and jschon verdicts on the corpus and data"
box 600 "$py" tests/conformance/check_python.py "$PWD"

step "Python: the package installs; pydantic round trip of every data file has an empty diff"
box 300 .venv-interop/bin/pip install --quiet --disable-pip-version-check --force-reinstall --no-deps ./bindings/python
rm -rf bindings/python/build
box 300 "$py" bindings/python/tests/roundtrip.py "$bin" "$PWD"

step "JSON-LD export: pyld expands it, rdflib parses it, every DPV IRI is a DPV 2.2 term"
box 300 "$py" tests/conformance/check_jsonld.py "$bin" "$PWD"

step "README: every cross-language snippet runs"
box 900 "$py" bindings/check_readme_snippets.py "$(dirname "$bin")" "$PWD"

step "done"
