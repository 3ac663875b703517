#!/usr/bin/env python3
"""batch-wall.py N PATHS BIN [BIN...] -- wall time of `BIN feed --batch` over the paths in PATHS, N rounds.

The binaries run alternately, so that a shared machine's drifting speed affects them alike; prints the
minimum and the median per binary. Output goes to /dev/null: this times veille alone, without feed_eval's
own decoding of the JSON Lines.
"""
import statistics
import subprocess
import sys
import time

if len(sys.argv) < 4:
    sys.exit(__doc__)
rounds, paths, bins = int(sys.argv[1]), open(sys.argv[2], "rb").read(), sys.argv[3:]
times = {b: [] for b in bins}
for _ in range(rounds):
    for b in bins:
        start = time.perf_counter()
        subprocess.run([b, "feed", "--batch"], input=paths, stdout=subprocess.DEVNULL, check=True)
        times[b].append(time.perf_counter() - start)
for b in bins:
    print(f"{b}: min={min(times[b]) * 1000:.1f} ms median={statistics.median(times[b]) * 1000:.1f} ms")
