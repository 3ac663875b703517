#!/usr/bin/env bash
# Prints what the batch commands make of the repository's fixtures into one folder, so two builds can be
# compared byte for byte (a refactoring must leave these unchanged):
#   Tests/Benchmarks/outputs.sh BIN OUTDIR     then     diff -r OUTDIR_A OUTDIR_B
# feed --batch over the syndication fixtures, extract --batch over the Readability and boilerplate pages,
# match --batch over the seeds and the pipeline fixtures' watchlist, senate parse over every Sénat page.
set -euo pipefail
bin=$1 out=$2
cd "$(dirname "$0")/../.."
mkdir -p "$out"
find Tests/SyndicationTests/Fixtures -type f \( -name '*.xml' -o -name '*.rss' -o -name '*.atom' -o -name '*.json' -o -name '*.rdf' \) | sort \
  | "$bin" feed --batch > "$out/feed.jsonl"
find Tests/ExtractionTests/Fixtures -name '*.html' | sort | "$bin" extract --batch > "$out/extract.jsonl"
for wl in Feeds/watchlist.yaml Tests/PipelineTests/Fixtures/watchlist.yaml; do
  find Tests/MatchingTests/Fixtures/seeds -name '*.txt' | sort \
    | "$bin" match --batch --watchlist "$wl" > "$out/match-$(echo "$wl" | tr / _).jsonl"
done
for p in $(find Tests/ParliamentTests/Fixtures/pages -name '*.html' | sort); do
  echo "== $p"; "$bin" senate parse "$p" 2>&1 || echo "exit $?"
done > "$out/senate.txt"
wc -c "$out"/* | tail -1
