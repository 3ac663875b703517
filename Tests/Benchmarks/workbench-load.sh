#!/usr/bin/env bash
# The workbench under load (issue 17): `veille-bench archive --items N`, then `veille serve` (release build)
# on 127.0.0.1 and wrk at 4 connections for 20 s per page: dashboard, a campaign (plain, filtered by delta kind,
# by source, by date range, and its page 2 through the keyset cursor), an actor, an item, two searches. Prints
# p50/p95/p99 per page (Tests/Benchmarks/wrk-p95.lua) and the server's peak RSS. Loopback only.
# usage: [REUSE=1] [OUT=DIR] [SECONDS_PER_PAGE=20] Tests/Benchmarks/workbench-load.sh [ITEMS] [BIN_DIR]
# OUT (default .build/bench-archive) holds the archive; REUSE=1 keeps one already generated there with the same
# ITEMS (generation takes minutes at 1,000,000). An archive of an older veille must first be migrated by a writer
# command (`serve` applies no migration), e.g. `veille prune --older-than 36500d --db OUT/veille.sqlite`.
# DB=postgres://… serves that database instead (an archive copied there with `veille copy-db --from
# OUT/veille.sqlite --to …`; OUT still holds the archive's Feeds).
set -euo pipefail
cd "$(dirname "$0")/../.."
ITEMS=${1:-100000}
BIN=${2:-.build/release}
OUT=${OUT:-.build/bench-archive}
SECS=${SECONDS_PER_PAGE:-20}
DB=${DB:-$OUT/veille.sqlite}
if [ "$DB" = "$OUT/veille.sqlite" ] && { [ "${REUSE:-0}" != 1 ] || [ ! -f "$OUT/veille.sqlite" ]; }; then
  "$BIN/veille-bench" archive --items "$ITEMS" --db "$OUT/veille.sqlite" --config "$OUT/Feeds"
fi
"$BIN/veille" serve --db "$DB" --config "$OUT/Feeds" --listen 127.0.0.1:0 >"$OUT/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 300); do grep -q "listening on" "$OUT/serve.log" && break; sleep 0.1; done
URL=$(grep -o 'http://[^ ]*' "$OUT/serve.log" | head -1)
URL=${URL%/}
ITEM=$((ITEMS / 2))
# The filtered variants name a source and a cursor the archive holds: read from the campaign's first page.
json() { curl -sf -H 'Accept: application/json' "$URL$1" | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($2)"; }
SOURCE=$(json /campaigns/c7 'd["items"][0]["source"]')
NEXT=$(json /campaigns/c7 'd["next"]')
FROM=$(date -u -d '60 days ago' +%F)
TO=$(date -u -d '30 days ago' +%F)
for path in "/" "/campaigns/c7" "/campaigns/c7?kind=answered" "/campaigns/c7?source=$SOURCE" \
  "/campaigns/c7?from=$FROM&to=$TO" "$NEXT" "/actors/a10" "/items/$ITEM" "/search?q=campagne7" \
  "/search?q=%22fin%22+bakou*"; do
  printf '%-44s ' "$path"
  wrk -t 2 -c 4 -d "${SECS}s" -s Tests/Benchmarks/wrk-p95.lua "$URL$path" | tail -1
done
echo "serve peak RSS: $(grep VmHWM /proc/$PID/status | awk '{print $2/1024 " MB"}')"
