#!/usr/bin/env bash
# Browser check: `privacy-policy render --format html` of the canonical
# policy (3.1.0) loads in headless Chromium with no console message, its DOM
# holds every section and entity anchor, and a screenshot is taken
# (target/browser/policy.png, for a person to look at).
#
# Installs Debian's `chromium` when it is missing (apt-get, time-boxed).
# A probe page that logs a console error first proves the console capture
# works, so a silent browser cannot pass the check.
set -euo pipefail
cd "$(dirname "$0")/.."
printf '\n==> browser check: render --format html in headless Chromium\n'
fail() { echo "browser check FAILED: $*" >&2; exit 1; }

if ! command -v chromium >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    timeout 300 $sudo apt-get update -qq || fail "apt-get update failed or timed out"
    DEBIAN_FRONTEND=noninteractive timeout 600 $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null \
        || fail "could not install chromium within 10 minutes"
fi
chromium --version

out=target/browser
rm -rf "$out"; mkdir -p "$out"
cargo run --quiet -- render data/matrix.org/3.1.0.json --format html >"$out/policy.html"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# Chromium flags: no sandbox (containers), no GPU, and no network traffic
# of its own (updates, sync, QUIC), so the page is all it loads.
chrome() {
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@"
}

# 1. The probe: a console error must be seen.
printf '<!DOCTYPE html><title>probe</title><script>console.error("mpp-probe-error")</script>\n' >"$out/probe.html"
chrome --dump-dom "file://$PWD/$out/probe.html" >"$out/probe.dom" 2>"$out/probe.log" || true
grep -q 'mpp-probe-error' "$out/probe.log" \
    || fail "the console capture saw nothing from the probe page (see $out/probe.log)"

# 2. The page: its DOM, then a screenshot; no console message in either run.
chrome --dump-dom "file://$PWD/$out/policy.html" >"$out/policy.dom" 2>"$out/dom.log" \
    || fail "chromium could not load the page (see $out/dom.log)"
chrome --screenshot="$PWD/$out/policy.png" --window-size=1280,2400 --hide-scrollbars \
    "file://$PWD/$out/policy.html" >/dev/null 2>"$out/screenshot.log" \
    || fail "chromium could not take the screenshot (see $out/screenshot.log)"
if grep -h 'CONSOLE' "$out/dom.log" "$out/screenshot.log"; then
    fail "the page logged console messages (above)"
fi
for id in who-we-are data data-ip_address recipient-element right-erasure statements document-history release-3-1-0; do
    grep -q "id=\"$id\"" "$out/policy.dom" || fail "the rendered DOM has no element id=\"$id\""
done
headings=$(grep -o '<h[23][ >]' "$out/policy.dom" | wc -l)
[ "$headings" -ge 80 ] || fail "the rendered DOM has only $headings section and entity headings"
size=$(wc -c <"$out/policy.png")
[ "$size" -gt 20000 ] || fail "the screenshot is only $size bytes"
echo "browser check passed: $headings headings in the DOM, no console message, screenshot $out/policy.png ($size bytes)"
