#!/usr/bin/env bash
# instructions.sh BENCH R DIR -- instructions per parse round of `BENCH feeds` over the feeds in DIR:
# valgrind's cachegrind count for 2R rounds minus the count for R rounds, over R (start-up cancels out).
# Instruction counts do not drift with a shared machine's speed, so they compare two builds exactly.
# BENCH is a veille-bench binary (swift build -c release --product veille-bench); its debug info is
# stripped first, since valgrind 3.19 cannot read DWARF 5.
set -euo pipefail
bench=$1; rounds=$2; dir=$3
stripped=$(mktemp); trap 'rm -f "$stripped"' EXIT
strip -g -o "$stripped" "$bench"
count() {
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$stripped" feeds --rounds "$1" "$dir" 2>&1 \
        | sed -n 's/.*I *refs: *//p' | tr -d ,
}
a=$(count "$rounds"); b=$(count $((2 * rounds)))
echo "$(( (b - a) / rounds )) instructions per round"
