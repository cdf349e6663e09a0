"""The app's part of issue 16 on a filled mixed store: first paint, opening Activities, searching.

``app_rows(n, folder, store)`` measures, on a copy of ``store`` made in ``folder``:

* launch to the first full paint of the dashboard on a real pseudo-terminal, with the dashboard
  cache warm and without it, each as a ratio to a minimal Textual app started the same way
  (``bench.launch_bench``);
* pressing ``a`` on the dashboard until the first frame with the activities' rows painted, and
  each key of a search word typed key by key until the frame with the narrowed rows, in the real
  app run headless (``bench.table_bench``).

It returns rows of six strings, as ``bench.ratios`` prints them:
(what, records, figure, ratio, goal, ok).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.context import bench_clock
from bench.launch_bench import launch_samples
from bench.table_bench import SEARCH_WORD, time_activities
from bench.timing import median, p95

WARM_GOAL = 1.3  # first paint with the dashboard cache, as a multiple of the minimal app's
COLD_GOAL = 3.0  # the same without the cache
OPEN_GOAL_S = 0.5  # `a` on the dashboard to the activities' rows painted
KEY_GOAL_MS = 50.0  # a search key to the narrowed rows painted
LARGE = 50_000  # from this many records, fewer runs (a start without the cache judges them all)

Table = list[tuple[str, str, str, str, str, str]]


def _ok(good: bool) -> str:
    return "yes" if good else "NO"


def _runs(n: int) -> tuple[int, int, int]:
    """(launch runs, launch runs without the cache, activities runs) for ``n`` records."""
    return (5, 1, 3) if n >= LARGE else (7, 5, 5)


def _seconds(ms: float) -> str:
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.0f} ms"


def app_rows(n: int, folder: Path, store: Path) -> Table:
    """Measure the three goals on the ``n``-record store at ``store``; return table rows.

    ``folder`` is scratch space: the store is copied into ``folder/app`` (with the settings and state
    folders the app uses) so its dashboard cache and any lock files never sit beside ``store``.
    """
    clock = bench_clock()
    work = folder / "app"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    copy = work / store.name
    shutil.copy2(store, copy)
    launch_runs, cold_runs, table_runs = _runs(n)
    # A start without the cache reads and judges every record: allow it minutes on a large store.
    samples = launch_samples(copy, clock, launch_runs, cold_runs, timeout=max(60.0, n / 500))
    base = median(samples["minimal"])
    warm = median(samples["warm"])
    cold = median(samples["cold"])
    records = f"{n:,}"
    rows: Table = [
        ("app: minimal Textual app, first paint", records, _seconds(base), "1.0x", "-", "-"),
        (
            "app: first paint, dashboard cache warm",
            records,
            _seconds(warm),
            f"{warm / base:.2f}x",
            f"<= {WARM_GOAL:g}x minimal",
            _ok(warm <= WARM_GOAL * base),
        ),
        (
            "app: first paint, no dashboard cache",
            records,
            _seconds(cold),
            f"{cold / base:.2f}x",
            f"<= {COLD_GOAL:g}x minimal",
            _ok(cold <= COLD_GOAL * base),
        ),
    ]
    # The headless runs share one session (the records read and judged once) on the same copy.
    runs = time_activities(copy, clock, table_runs)
    opened = median([r["open"] for r in runs])
    keys = [ms for r in runs for ms in r["keys"]]
    worst, middle = p95(keys), median(keys)
    rows += [
        (
            "app: open Activities (a to rows painted)",
            records,
            _seconds(opened),
            "-",
            f"<= {OPEN_GOAL_S:g} s",
            _ok(opened <= OPEN_GOAL_S * 1000),
        ),
        (
            f"app: search key to narrowed rows, p95 of {len(keys)} ('{SEARCH_WORD}' x{len(runs)})",
            records,
            f"{worst:.0f} ms",
            "-",
            f"<= {KEY_GOAL_MS:g} ms",
            _ok(worst <= KEY_GOAL_MS),
        ),
        (
            "app: search key to narrowed rows, median",
            records,
            f"{middle:.0f} ms",
            "-",
            f"<= {KEY_GOAL_MS:g} ms",
            _ok(middle <= KEY_GOAL_MS),
        ),
    ]
    return rows
