#!/usr/bin/env bash
# Time and peak memory of `veille run` reading a generated Assemblée archive (20,000 questions, ~50 MB) served
# on loopback by Python's http.server (Last-Modified / If-Modified-Since), night after night:
#   1. first night: download, check the whole zip, read and store every record (a baseline);
#   2. unchanged night: the server answers 304;
#   3. same content, new validators (the file rewritten identically): a 200, the entries hash as stored;
#   4. a later night where 500 questions got an answer: only their entries are inflated and parsed.
# Usage: Tests/Benchmarks/assemblee-archive.sh BIN [COUNT]   (BIN: a release build of veille)
set -euo pipefail
bin=$(realpath "$1") count=${2:-20000}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/www" "$work/Feeds"
python3 "$repo/Tests/Benchmarks/make-assemblee-archive.py" "$work/www/Questions_ecrites.json.zip" "$count"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$work/www" "$port" >/dev/null 2>&1 &
server=$!
sleep 1
# NOWATCHLIST=1: no watchlist, so the first night shows the archive read and store alone (no matching).
[ -n "${NOWATCHLIST:-}" ] || cp "$repo/Feeds/watchlist.yaml" "$work/Feeds/"
cat > "$work/Feeds/sources.yaml" <<YAML
contact: https://example.org/veille-bench
sources:
  - id: an-questions
    kind: assemblee-questions
    url: http://127.0.0.1:$port/Questions_ecrites.json.zip
    pages: http://127.0.0.1:$port/q17/
    every: 1s
    delay: 0s
YAML
echo "archive: $(stat -c %s "$work/www/Questions_ecrites.json.zip") bytes, $count questions"
night() {
  /usr/bin/time -f "$1: %e s wall, %U s user, %S s sys, %M KB peak RSS" \
    "$bin" run --all --quiet --config "$work/Feeds" --db "$work/veille.sqlite" --out "$work/digests" || true
}
night "first night"
night "unchanged night (304)"
cp "$work/www/Questions_ecrites.json.zip" "$work/www/copy.zip" && sleep 1 && mv "$work/www/copy.zip" "$work/www/Questions_ecrites.json.zip"
night "same content, new Last-Modified"
python3 "$repo/Tests/Benchmarks/make-assemblee-archive.py" "$work/www/Questions_ecrites.json.zip" "$count" 17 500
night "500 questions answered"
echo "deltas: $(sqlite3 "$work/veille.sqlite" "SELECT kind || ' ' || baseline || ' ' || COUNT(*) FROM delta GROUP BY kind, baseline" 2>/dev/null | tr '\n' ';')"
