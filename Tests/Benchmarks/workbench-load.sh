#!/usr/bin/env bash
# The workbench under load (issue 17): `veille-bench archive --items N`, then `veille serve` (release build)
# on 127.0.0.1 and wrk at 4 connections for 20 s per page: dashboard, a campaign, an item, a search. Prints
# p95 per page (Tests/Benchmarks/wrk-p95.lua) and the server's peak RSS. Loopback only.
# usage: [REUSE=1] Tests/Benchmarks/workbench-load.sh [ITEMS] [BIN_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
ITEMS=${1:-100000}
BIN=${2:-.build/release}
OUT=.build/bench-archive
# REUSE=1 keeps an archive already generated with the same ITEMS (generation takes minutes at 1,000,000).
if [ "${REUSE:-0}" != 1 ] || [ ! -f "$OUT/veille.sqlite" ]; then
  "$BIN/veille-bench" archive --items "$ITEMS" --db "$OUT/veille.sqlite" --config "$OUT/Feeds"
fi
"$BIN/veille" serve --db "$OUT/veille.sqlite" --config "$OUT/Feeds" --listen 127.0.0.1:0 >"$OUT/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 300); do grep -q "listening on" "$OUT/serve.log" && break; sleep 0.1; done
URL=$(grep -o 'http://[^ ]*' "$OUT/serve.log" | head -1)
ITEM=$((ITEMS / 2))
for path in "/" "/campaigns/c7" "/items/$ITEM" "/search?q=campagne7" "/search?q=%22fin%22+bakou*"; do
  printf '%-28s ' "$path"
  wrk -t 2 -c 4 -d 20s -s Tests/Benchmarks/wrk-p95.lua "${URL%/}$path" | tail -1
done
echo "serve peak RSS: $(grep VmHWM /proc/$PID/status | awk '{print $2/1024 " MB"}')"
