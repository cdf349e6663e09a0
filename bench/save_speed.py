"""One save into a filled store, as the app makes it, timed (issue 16: flat in the store's size).

``python -m bench.save_speed STORE`` copies the store's folder, opens the copy as the app does
(shared: the write lock taken for each save, other processes' saves read in first), adds one
long-text activity, then times ``SAVES`` more one by one, each appended to the journal and fsynced
before it returns. It prints the p50 and p99 in milliseconds as JSON; ``bench.ratios`` runs it in a
child process so the measuring process stays small.
"""

from __future__ import annotations

import gc
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.context import bench_clock
from bench.mixed_store import long_activities
from praxis_socialwork.store import Repository, today

SAVES = 300
P50_GOAL_MS = 10.0
P99_GOAL_MS = 30.0
FLAT_GOAL = 1.5  # p50 at the largest size over p50 at the smallest


def time_saves(store: Path) -> dict[str, float]:
    """Return the p50 and p99 ms of ``SAVES`` single saves into a copy of ``store``."""
    clock = bench_clock()
    new = long_activities(SAVES + 1, seed=5, now=today(clock))
    with tempfile.TemporaryDirectory(dir=store.parent.parent) as tmp:
        copy = Path(tmp) / "store"
        shutil.copytree(store.parent, copy)
        with Repository.open(copy / store.name, clock, shared=True) as repo:
            repo.add(new[0])  # the day's first save also takes the daily backup
            gc.collect()
            took = []
            for activity in new[1:]:
                started = time.perf_counter()
                repo.add(activity)
                took.append((time.perf_counter() - started) * 1000)
    took.sort()
    return {"p50": statistics.median(took), "p99": took[int(len(took) * 0.99) - 1]}


if __name__ == "__main__":
    print(json.dumps(time_saves(Path(sys.argv[1]))))
