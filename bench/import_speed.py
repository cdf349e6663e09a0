"""Imports into a filled store, timed as whole ``praxis import`` processes (issue 16).

Two inputs are made for a store of ``n`` records: a bundle of ``n // 10`` new reflections, each
linked to an activity the store holds (10,000 into 100,000 records is the issue's case), and a CSV
file of ``n // 10`` new activities as a spreadsheet would hold them. Each is imported into a fresh
copy of the store. Reported: wall seconds, and peak memory beyond what opening the store takes
(the baseline process's peak, parsing the store file) as a multiple of the input file's size.
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

IMPORT_GOAL_S = 10.0  # 10,000 reflections into 100,000 records
MEMORY_GOAL = 2.0  # peak beyond the opened store, as a multiple of the input file


def make_inputs(n: int, store: Path, folder: Path) -> tuple[Path, Path]:
    """Write the reflections bundle and the activities CSV for a store of ``n`` records."""
    clock = bench_clock()
    with Repository.open(store, clock, read_only=True) as repo:
        activity_ids = [a.id for a in repo.activities()]
        profile = repo.profile()
    rng = random.Random(16)
    count = max(1, n // 10)
    new = [
        replace(r, id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), links=[rng.choice(activity_ids)])
        for r in reflections(count, seed=99)
    ]
    now = stamp(clock)
    doc = {
        "praxis_bundle": 1,
        "schema_version": _schema(),
        "written_by": "bench",
        "exported": now,
        "profile": [profile.to_doc()] if profile else [],
        "reflections": [replace(r, created=now, updated=now, sequence=1).to_doc() for r in new],
    }
    bundle = bundle_path(folder / "reflections")
    bundle.write_bytes(encode(doc))
    table = folder / "activities.csv"
    with table.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(ACTIVITY_COLUMNS)
        for a in long_activities(count, seed=77):
            out.writerow(_csv_row(a))
    return bundle, table


def _schema() -> int:
    from praxis_socialwork.store.migrations import SCHEMA_VERSION

    return SCHEMA_VERSION


def _csv_row(a: Activity) -> list[str]:
    doc = a.to_doc()
    out = []
    for column in ACTIVITY_COLUMNS:
        value = doc.get(column, "")
        out.append("; ".join(value) if isinstance(value, list) else "" if value is None else str(value))
    return out


def import_rows(
    n: int, folder: Path, store: Path, env: dict[str, str], base: Sample
) -> list[tuple[str, str, str, str, str, str]]:
    """Import the bundle and the CSV into fresh copies of ``store``; return the table's rows."""
    work = folder / "imports"
    work.mkdir(exist_ok=True)
    # Made in a child process: a child's peak memory (ru_maxrss) starts from its parent's at the
    # fork, so the process measuring must stay small.
    subprocess.run(
        [sys.executable, "-m", "bench.import_speed", "--make-inputs", str(n), str(store), str(work)],
        check=True,
    )
    bundle, table = bundle_path(work / "reflections"), work / "activities.csv"
    rows = []
    for label, source in ((f"import {max(1, n // 10):,} reflections (bundle)", bundle),
                          (f"import {max(1, n // 10):,} activities (CSV)", table)):  # fmt: skip
        copy = work / "store"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(store.parent, copy)
        started = time.perf_counter()
        got = run_child(
            [str(BIN / "praxis"), "import", str(source)], env | {"PRAXIS_STORE": str(copy / store.name)}
        )
        wall = time.perf_counter() - started
        size = source.stat().st_size
        beyond = max(0, got.max_rss - base.max_rss) / size
        goal = IMPORT_GOAL_S if "reflections" in label else None
        rows.append((
            label, f"{n:,}", f"{wall:.2f} s", "-",
            f"<= {IMPORT_GOAL_S:g} s at 100,000" if goal else "-",
            ("yes" if wall <= goal else "NO") if goal and n == 100_000 else "-",
        ))  # fmt: skip
        rows.append((
            "  peak memory beyond the opened store", f"{n:,}", f"{(got.max_rss - base.max_rss) / 1e6:.0f} MB",
            f"{beyond:.1f}x input ({size / 1e6:.1f} MB)", f"<= {MEMORY_GOAL:g}x input",
            "yes" if beyond <= MEMORY_GOAL else "NO",
        ))  # fmt: skip
    return rows


if __name__ == "__main__" and sys.argv[1:2] == ["--make-inputs"]:
    make_inputs(int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
elif __name__ == "__main__":  # python -m bench.import_speed STORE: one size, printed
    from bench.ratios import BASELINE_CODE, CLOCK, median_of, render

    store = Path(sys.argv[1])
    folder = store.parent.parent
    env = {"PATH": "/usr/bin:/bin", "PRAXIS_CLOCK": CLOCK, "PRAXIS_STORE": str(store),
           "XDG_CONFIG_HOME": str(folder / "config"), "XDG_STATE_HOME": str(folder / "state")}  # fmt: skip
    base = median_of([sys.executable, "-c", BASELINE_CODE, str(store)], env)
    with Repository.open(store, read_only=True) as repo:
        n = sum(repo.stats().values())
    print(render(import_rows(n, folder, store, env, base)))
