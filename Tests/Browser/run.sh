#!/usr/bin/env bash
# The browser test (`make test` runs it after the Swift suite): a seeded archive from `veille-bench archive`,
# `veille serve` on 127.0.0.1 (a port the OS picks), then walk.py in headless Chromium. Screenshots and the
# server's log stay in .build/browser for a person to look at.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-.build/debug}
OUT=.build/browser
rm -rf "$OUT" && mkdir -p "$OUT"
"$BIN/veille-bench" archive --items 2000 --db "$OUT/veille.sqlite" --config "$OUT/Feeds"
"$BIN/veille" serve --db "$OUT/veille.sqlite" --config "$OUT/Feeds" --listen 127.0.0.1:0 >"$OUT/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 300); do grep -q "listening on" "$OUT/serve.log" && break; sleep 0.1; done
URL=$(grep -o 'http://[^ ]*' "$OUT/serve.log" | head -1)
[ -n "$URL" ] || { echo "veille serve did not start:"; cat "$OUT/serve.log"; exit 1; }
/usr/bin/python3 Tests/Browser/walk.py "$URL" "$OUT"

# The HTML digests (file and mail versions, French and English: the golden files) and the demo's HTML
# digest, in headless Chromium; screenshots in .build/browser/digests.
mkdir -p "$OUT/digests"
"$BIN/veille" demo --mirror Feeds/demo --out "$OUT/demo" --quiet >"$OUT/demo.log" 2>&1 \
  || { echo "veille demo failed:"; cat "$OUT/demo.log"; exit 1; }
DEMO_HTML=$(grep 'demo-html-.*-run2\.html$' "$OUT/demo.log" | head -1)
[ -n "$DEMO_HTML" ] || { echo "veille demo wrote no HTML digest:"; cat "$OUT/demo.log"; exit 1; }
/usr/bin/python3 Tests/Browser/digest.py "$OUT/digests" Tests/DigestsTests/Fixtures/golden/*/digest*.html "$DEMO_HTML"
