#!/usr/bin/env bash
# Runs veille's libFuzzer targets one after another (not part of `make test`); see README.md here.
#
#   Tests/Fuzz/run-fuzzers.sh [seconds-per-target] [target ...]
#
# Targets: feed article senate-page senate-csv watchlist markup-xml (default: all), 600 s each by default.
# Builds `veille-fuzz` with -sanitize=fuzzer,address into its own scratch folder (.build-fuzz), seeds
# each corpus from the test fixtures, and keeps corpora, crash inputs and logs under
# .build-fuzz/work/ (VEILLE_FUZZ_WORK to change). VEILLE_FUZZ_PACKAGE names another package folder
# whose Sources/ are the same (a helper's scratch package). Exit 1 when any target found a crash.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
package=${VEILLE_FUZZ_PACKAGE:-$repo}
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(feed article senate-page senate-csv watchlist markup-xml)
work=${VEILLE_FUZZ_WORK:-$package/.build-fuzz/work}

build=(swift build -c release --package-path "$package" --scratch-path "$package/.build-fuzz"
       --product veille-fuzz
       -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address
       # Invariants debug builds assert (feed text is valid UTF-8) are checked in the fuzzing build too.
       -Xswiftc -DVEILLE_CHECK_UTF8
       # gold aborts with an internal error on the sanitized link; lld links it.
       -Xswiftc -use-ld=lld)
"${build[@]}"
bin="$("${build[@]}" --show-bin-path)/veille-fuzz"

# Seed files per target, from the fixtures the tests already use.
seeds_for() {
    local t=$repo/Tests
    case "$1" in
        feed) find "$t/SyndicationTests/Fixtures" "$t/PipelineTests/Fixtures" -type f \
                   \( -name '*.xml' -o -name '*.rss' -o -name '*.json' -o -name '*.atom' \) ;;
        article) find "$t/ExtractionTests/Fixtures" "$t/PipelineTests/Fixtures/hostile" -type f -name '*.html' ;;
        senate-page) find "$t/ParliamentTests/Fixtures" -type f -name '*.html' ;;
        senate-csv) find "$t/ParliamentTests/Fixtures" -type f -name '*.csv' ;;
        watchlist) find "$repo/Feeds" "$t/PipelineTests/Fixtures" -maxdepth 1 -type f -name 'watchlist*.yaml' ;;
        markup-xml) sed "s|^|$t/SyndicationTests/Fixtures/feeds/|" "$t/MarkupTests/Fixtures/xml/inputs.txt" ;;
        *) echo "unknown target $1" >&2; return 1 ;;
    esac
}

# Longest input per target: the largest page fixtures are a few hundred KB; feeds and CSV stay smaller.
max_len_for() {
    case "$1" in article|senate-page) echo 200000 ;; *) echo 65536 ;; esac
}

status=0
for target in "${targets[@]}"; do
    corpus=$work/corpus/$target seeds=$work/seeds/$target crashes=$work/crashes/$target
    mkdir -p "$corpus" "$seeds" "$crashes" "$work/logs"
    seeds_for "$target" | while read -r f; do cp -f "$f" "$seeds/$(echo "$f" | md5sum | cut -c1-12)-$(basename "$f")"; done
    log=$work/logs/$target.log
    echo "== $target: ${seconds}s, corpus $corpus, seeds $(ls "$seeds" | wc -l), log $log"
    # -detect_leaks=0: Swift runtime caches look like leaks to LeakSanitizer; crashes, overflows,
    # use-after-free, timeouts (-timeout) and memory blow-ups (-rss_limit_mb) are what we hunt.
    set +e
    SWIFT_BACKTRACE=enable=no "$bin" "$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
        -max_len="$(max_len_for "$target")" -detect_leaks=0 -print_final_stats=1 \
        -artifact_prefix="$crashes/" "$corpus" "$seeds" >"$log" 2>&1
    code=$?
    set -e
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    found=$(ls "$crashes" | wc -l)
    echo "   exit $code, executions ${execs:-?}, corpus $(ls "$corpus" | wc -l) files, crash/timeout/oom inputs: $found"
    [ "$code" -eq 0 ] && [ "$found" -eq 0 ] || status=1
done
exit $status
