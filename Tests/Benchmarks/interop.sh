#!/usr/bin/env bash
# The STIX interop figures, whole processes: `veille watchlist import` of VIGINUM's four bundles, and
# `veille export stix` over 10,000 linked items (a store seeded by `veille-bench interop --keep`).
# Usage: Tests/Benchmarks/interop.sh [ROUNDS]   (builds release first)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
swift build -c release --product veille >/dev/null
swift build -c release --product veille-bench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.build/release/veille-bench interop --items 10000 --rounds "$rounds" --keep "$work/bench"
fixtures=Tests/InteropTests/Fixtures
for r in $(seq "$rounds"); do
  rm -rf "$work/imp" && mkdir -p "$work/imp" && : >"$work/imp/watchlist.yaml"
  /usr/bin/time -f "process: veille watchlist import (4 bundles): %e s wall, %M KB peak" \
    .build/release/veille watchlist import --quiet --config "$work/imp" \
    $fixtures/rrn-2023.stix.json $fixtures/portal-kombat-2024.stix.json $fixtures/matriochka-2024.stix.json \
    $fixtures/big-2024.stix.json >/dev/null
done
for r in $(seq "$rounds"); do
  /usr/bin/time -f "process: veille export stix (10,000 linked items): %e s wall, %M KB peak" \
    .build/release/veille export stix --config "$work/bench" --db "$work/bench/veille.sqlite" --output "$work/out.json"
done
echo "bundle: $(stat -c %s "$work/out.json") bytes"
