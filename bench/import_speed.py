"""Imports into a filled store, timed as whole ``praxis import`` processes (issue 16).

Two inputs are made for a store of ``n`` records: a bundle of ``n // 10`` new reflections, each
linked to an activity the store holds (10,000 into 100,000 records is the issue's case), and a CSV
file of ``n // 10`` new activities as a spreadsheet would hold them. Each is imported into a fresh
copy of the store. Reported: wall seconds, and peak memory beyond what opening the store takes
(the same import of a one-record file: the code loaded and the store opened) as a multiple of the
input file's size.
"""

from __future__ import annotations

import csv
import random
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

from bench.context import bench_clock
from bench.mixed_store import long_activities, reflections
from bench.ratios import BIN, Sample, run_child
from praxis_socialwork.exports.bundle import bundle_path, encode
from praxis_socialwork.exports.csv_columns import ACTIVITY_COLUMNS
from praxis_socialwork.store import Activity, Repository, stamp
from praxis_socialwork.store.migrations import SCHEMA_VERSION

IMPORT_GOAL_S = 10.0  # 10,000 reflections into 100,000 records
MEMORY_GOAL = 2.0  # peak beyond a one-record import's, as a multiple of the input file


def make_inputs(count: int, store: Path, folder: Path) -> tuple[Path, Path]:
    """Write a bundle of ``count`` new reflections (each linked to one of the store's activities) and
    a CSV file of ``count`` new activities into ``folder``; return their paths."""
    clock = bench_clock()
    with Repository.open(store, clock, read_only=True) as repo:
        activity_ids = [a.id for a in repo.activities()]
        profile = repo.profile()
    rng = random.Random(16)
    new = [
        replace(r, id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), links=[rng.choice(activity_ids)])
        for r in reflections(count, seed=99)
    ]
    now = stamp(clock)
    doc = {
        "praxis_bundle": 1,
        "schema_version": SCHEMA_VERSION,
        "written_by": "bench",
        "exported": now,
        "profile": [profile.to_doc()] if profile else [],
        "reflections": [replace(r, created=now, updated=now, sequence=1).to_doc() for r in new],
    }
    bundle = bundle_path(folder / f"reflections-{count}")
    bundle.write_bytes(encode(doc))
    table = folder / f"activities-{count}.csv"
    with table.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(ACTIVITY_COLUMNS)
        for a in long_activities(count, seed=77):
            out.writerow(_csv_row(a))
    return bundle, table


def _csv_row(a: Activity) -> list[str]:
    doc = a.to_doc()
    out = []
    for column in ACTIVITY_COLUMNS:
        value = doc.get(column, "")
        out.append("; ".join(value) if isinstance(value, list) else "" if value is None else str(value))
    return out


def import_rows(n: int, folder: Path, store: Path, env: dict[str, str]) -> list[tuple[str, ...]]:
    """Import the bundle and the CSV into fresh copies of ``store``; return the table's rows."""
    work = folder / "imports"
    work.mkdir(exist_ok=True)
    count = max(1, n // 10)
    inputs = {}
    for size in (1, count):
        # Made in a child process: a child's peak memory (ru_maxrss) starts from its parent's at the
        # fork, so the process measuring must stay small.
        subprocess.run(
            [sys.executable, "-m", "bench.import_speed", "--make-inputs", str(size), str(store), str(work)],
            check=True,
        )
        inputs[size] = (bundle_path(work / f"reflections-{size}"), work / f"activities-{size}.csv")
    rows: list[tuple[str, ...]] = []
    for k, what in enumerate(("reflections (bundle)", "activities (CSV)")):
        one, wall = _import(inputs[1][k], work, store, env)
        got, wall = _import(inputs[count][k], work, store, env)
        size = inputs[count][k].stat().st_size
        extra = max(0, got.max_rss - one.max_rss)
        goal = what.startswith("reflections")
        rows.append((
            f"import {count:,} {what}", f"{n:,}", f"{wall:.2f} s", "-",
            f"<= {IMPORT_GOAL_S:g} s at 100,000" if goal else "-",
            _ok(wall <= IMPORT_GOAL_S) if goal and n == 100_000 else "-",
        ))  # fmt: skip
        rows.append((
            "  peak memory beyond importing 1 record", f"{n:,}", f"{extra / 1e6:.0f} MB",
            f"{extra / size:.1f}x input ({size / 1e6:.1f} MB)", f"<= {MEMORY_GOAL:g}x input",
            _ok(extra <= MEMORY_GOAL * size),
        ))  # fmt: skip
    return rows


def _import(source: Path, work: Path, store: Path, env: dict[str, str]) -> tuple[Sample, float]:
    """Import ``source`` into a fresh copy of ``store``: its rusage sample and wall seconds."""
    copy = work / "store"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(store.parent, copy)
    started = time.perf_counter()
    got = run_child(
        [str(BIN / "praxis"), "import", str(source)], env | {"PRAXIS_STORE": str(copy / store.name)}
    )
    return got, time.perf_counter() - started


def _ok(good: bool) -> str:
    return "yes" if good else "NO"


if __name__ == "__main__" and sys.argv[1:2] == ["--make-inputs"]:
    make_inputs(int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
elif __name__ == "__main__":  # python -m bench.import_speed STORE: one size, printed
    from bench.ratios import CLOCK, render

    store = Path(sys.argv[1])
    folder = store.parent.parent
    env = {"PATH": "/usr/bin:/bin", "PRAXIS_CLOCK": CLOCK, "PRAXIS_STORE": str(store),
           "XDG_CONFIG_HOME": str(folder / "config"), "XDG_STATE_HOME": str(folder / "state")}  # fmt: skip
    with Repository.open(store, read_only=True) as repo:
        n = sum(repo.stats().values())
    print(render(import_rows(n, folder, store, env)))
