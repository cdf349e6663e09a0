"""Result rows and the few statistics the benchmarks report."""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable
from typing import NamedTuple


class Row(NamedTuple):
    """One line of the results table; ``ok`` is None for a row that has no goal (context only)."""

    name: str
    value_ms: float
    goal: str
    ok: bool | None
    shown: str = ""  # a result that is not a time (a count, a rate) is shown as this instead


def timed_ms(action: Callable[[], object], *, collect: bool = False) -> float:
    """Run ``action`` once and return how long it took, in ms.

    With ``collect`` a garbage collection runs first (untimed), so garbage left by an earlier
    run is not charged to this one.
    """
    if collect:
        gc.collect()
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def median(samples: list[float]) -> float:
    """Return the median of ``samples``."""
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    """Return the 95th percentile of ``samples`` by nearest rank (the max for under 20 samples)."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def compile_bytecode() -> None:
    """Compile Praxis's modules, as an installed copy has them. Call before timing a command run as a
    process, with ``PYTHONDONTWRITEBYTECODE`` taken out of its environment (this machine sets it,
    which would make every timed run compile each edited module again)."""
    import compileall
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    for package in ("store", "rules", "exports", "services", "tui", "cli", "bench"):
        compileall.compile_dir(root / package, quiet=1)
