"""How fast the store saves one record and loads them all, against stock TinyDB.

Stock TinyDB is imported here only as a yardstick; product code reaches TinyDB through store/.
"""

from __future__ import annotations

import gc
import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import JSONStorage

from bench.context import BenchContext
from bench.generate import activities
from bench.timing import Row, median, p95, timed_ms
from praxis_socialwork.store import Activity, Repository, stamp, today
from praxis_socialwork.store.storage import COMPACT_AT_LEAST

SAVE_SAMPLES = 50
STOCK_SAMPLES = 15
LOAD_RUNS = 7
SAVE_GOAL_MS = 20.0
LOAD_GOAL_MS = 100.0


def save_one_record(ctx: BenchContext) -> list[Row]:
    """Time single durable saves into the filled store, ours and stock TinyDB's, as rows."""
    new = activities(SAVE_SAMPLES + 1, seed=2, now=today(ctx.clock))
    gc.collect()
    ours = _save_ours(ctx, new)
    stock = _save_stock(ctx, new[:STOCK_SAMPLES])
    first, samples, compact_ms, line_bytes = ours
    snapshot = ctx.store_path.stat().st_size
    saves_per_fold = max(COMPACT_AT_LEAST, snapshot // 4) // max(1, line_bytes)
    floor = _fsync_floor(ctx.scratch / "fsync-floor", line_bytes)
    ours_median, stock_median = median(samples), median(stock)
    return [
        Row(
            f"save 1 record, ours: median of {len(samples)}",
            ours_median,
            f"≤ {SAVE_GOAL_MS:g} ms and ≤ stock",
            ours_median <= SAVE_GOAL_MS and ours_median <= stock_median,
        ),
        Row(f"save 1 record, ours: p95 of {len(samples)}", p95(samples), "", None),
        Row("save 1 record, ours: first of the day (+ daily backup)", first, "", None),
        Row(f"fold journal into snapshot (~every {saves_per_fold:,} saves)", compact_ms, "", None),
        Row(f"disk floor: append {line_bytes:,} B + fsync, median", floor, "", None),
        Row(f"save 1 record, stock TinyDB: median of {len(stock)}", stock_median, "", None),
        Row(f"save 1 record, stock TinyDB: p95 of {len(stock)}", p95(stock), "", None),
    ]


def open_and_load(ctx: BenchContext) -> list[Row]:
    """Time opening the filled store as the app does, then building every activity, as rows."""
    open_only: list[float] = []
    open_build: list[float] = []
    for _ in range(LOAD_RUNS):
        open_only.append(timed_ms(lambda: _open(ctx, build=False), collect=True))
        open_build.append(timed_ms(lambda: _open(ctx, build=True), collect=True))
    loaded = median(open_only)
    return [
        Row(
            f"open + load the store (every record in memory): median of {LOAD_RUNS}",
            loaded,
            f"≤ {LOAD_GOAL_MS:g} ms",
            loaded <= LOAD_GOAL_MS,
        ),
        Row(
            f"... and build all {ctx.records:,} Activity objects: median of {LOAD_RUNS}",
            median(open_build),
            "",
            None,
        ),
    ]


def _open(ctx: BenchContext, *, build: bool) -> None:
    """Open the store for writing (takes the lock, opens the journal), as ``praxis`` does."""
    with Repository.open(ctx.store_path, ctx.clock) as repo:
        if build:
            found = len(repo.activities())
            if found != ctx.records:
                raise AssertionError(f"loaded {found} activities, expected {ctx.records}")


def _save_ours(ctx: BenchContext, new: list[Activity]) -> tuple[float, list[float], float, int]:
    """Return (first save, later saves, compact) in ms and the bytes one save appends."""
    work = ctx.scratch / "save-ours"
    shutil.copytree(ctx.store_path.parent, work)
    with Repository.open(work / ctx.store_path.name, ctx.clock) as repo:
        # The first write after opening also takes the day's backup and indexes the ids.
        first = timed_ms(lambda: repo.add(new[0]))
        before = repo.storage.journal_size
        samples = [timed_ms(lambda a=a: repo.add(a)) for a in new[1:]]
        line_bytes = (repo.storage.journal_size - before) // len(samples)
        compact_ms = timed_ms(repo.compact)
    return first, samples, compact_ms, line_bytes


def _save_stock(ctx: BenchContext, new: list[Activity]) -> list[float]:
    """Return the ms each insert takes into a stock TinyDB JSON file of the same documents."""
    with Repository.open(ctx.store_path, ctx.clock, read_only=True) as repo:
        docs = [a.to_doc() for a in repo.activities()]
    now = stamp(ctx.clock)
    extra: list[dict[str, Any]] = [replace(a, created=now, updated=now, sequence=1).to_doc() for a in new]
    folder = ctx.scratch / "save-stock"
    folder.mkdir()
    db = TinyDB(folder / "stock.json", storage=JSONStorage)
    try:
        table = db.table("activities")
        table.insert_multiple(docs)
        return [timed_ms(lambda d=d: table.insert(d)) for d in extra]
    finally:
        db.close()


def _fsync_floor(path: Path, size: int) -> float:
    """Return the median ms to append ``size`` bytes to a file and fsync it: the disk's share."""
    line = b"x" * max(1, size - 1) + b"\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:

        def append() -> None:
            os.write(fd, line)
            os.fsync(fd)

        return median([timed_ms(append) for _ in range(SAVE_SAMPLES)])
    finally:
        os.close(fd)
