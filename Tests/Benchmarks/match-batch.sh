#!/bin/sh
# The `veille match --batch` figure of issue 16: the whole process as a user runs it.
#
#   Tests/Benchmarks/match-batch.sh [BIN] [DIR] [RUNS] [ALIASES]
#
# BIN defaults to .build/release/veille (swift build -c release --product veille). DIR (default
# /tmp/veille-match-bench) receives the corpus of make-match-corpus.py (>= 100 MB in 195 files, ALIASES
# two-word aliases in Latin, Cyrillic and Hangul, default 10000, one planted about every 1.3 KB), built
# once. Each of RUNS rounds (default 5) times, with /usr/bin/time, the process over one empty file
# (start-up and watchlist compilation alone), then over the corpus (JSON written to a file); it prints
# each round's MB/s = corpus bytes / (wall - wall of the empty run), and the min and median over rounds,
# with the start-up time, the peak RSS and the machine's load average (a shared machine drifts), and the
# CPU time (user+sys) of both runs: MB per CPU-second tells a loaded machine from a slow matcher.
set -eu
BIN=${1:-.build/release/veille}
DIR=${2:-/tmp/veille-match-bench}
RUNS=${3:-5}
ALIASES=${4:-10000}
HERE=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$DIR/paths.txt" ] || [ ! -f "$DIR/watchlist.yaml" ] || [ "$(grep -c '^  - id:' "$DIR/watchlist.yaml")" -ne $((ALIASES / 5)) ]; then
    python3 "$HERE/make-match-corpus.py" "$DIR" --aliases "$ALIASES"
fi
BYTES=$(cat "$DIR/paths.txt" | xargs cat | wc -c)
FILES=$(wc -l < "$DIR/paths.txt")
cat "$DIR/paths.txt" | xargs cat > /dev/null # warm the page cache
echo "corpus: $FILES files, $BYTES bytes; watchlist: $ALIASES aliases; binary: $BIN; $(nproc) cores"
i=0
: > "$DIR/rounds.txt"
while [ "$i" -lt "$RUNS" ]; do
    /usr/bin/time -f "%e %M %U %S" -o "$DIR/empty.time" \
        "$BIN" match --batch --watchlist "$DIR/watchlist.yaml" < "$DIR/empty-paths.txt" > "$DIR/empty.jsonl"
    /usr/bin/time -f "%e %M %U %S" -o "$DIR/full.time" \
        "$BIN" match --batch --watchlist "$DIR/watchlist.yaml" < "$DIR/paths.txt" > "$DIR/out.jsonl"
    read -r ew em eu es < "$DIR/empty.time"
    read -r fw fm fu fs < "$DIR/full.time"
    load=$(cut -d' ' -f1 /proc/loadavg)
    awk -v b="$BYTES" -v ew="$ew" -v fw="$fw" -v em="$em" -v fm="$fm" -v fu="$fu" -v fs="$fs" -v eu="$eu" -v es="$es" \
        -v load="$load" \
        'BEGIN { d = fw - ew; mbs = d > 0 ? b / 1e6 / d : 0; c = (fu + fs) - (eu + es); cpu = c > 0 ? b / 1e6 / c : 0;
                 printf "round: %.0f MB/s  (wall %.2f s, empty run %.2f s; CPU user+sys %.2f s, empty run %.2f s: %.0f MB per CPU-second; peak RSS %.0f MB, empty-run RSS %.0f MB; load %s)\n",
                        mbs, fw, ew, fu + fs, eu + es, cpu, fm / 1024, em / 1024, load;
                 printf "%f %f %f %f %f %f\n", mbs, ew, fm / 1024, fw, cpu, eu + es > "/dev/stderr" }' 2>> "$DIR/rounds.txt"
    i=$((i + 1))
done
LINES=$(wc -l < "$DIR/out.jsonl")
MATCHES=$(grep -o '"id":' "$DIR/out.jsonl" | wc -l)
python3 - "$DIR/rounds.txt" "$LINES" "$MATCHES" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
mbs = [r[0] for r in rows]
empty = [r[1] * 1000 for r in rows]
print(f"match --batch: min {min(mbs):.0f} MB/s, median {statistics.median(mbs):.0f} MB/s, max {max(mbs):.0f} MB/s "
      f"over {len(rows)} rounds; start-up with compilation: min {min(empty):.0f} ms, median "
      f"{statistics.median(empty):.0f} ms; peak RSS {max(r[2] for r in rows):.0f} MB; {sys.argv[2]} lines, "
      f"{sys.argv[3]} matches")
cpu = [r[4] for r in rows]
print(f"CPU: median {statistics.median(cpu):.0f} MB per CPU-second after start-up (min {min(cpu):.0f}); "
      f"start-up CPU median {statistics.median(r[5] for r in rows) * 1000:.0f} ms "
      f"(wall figures count the machine's load: see each round's load average)")
PY
