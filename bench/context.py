"""What every benchmark is handed: a fixed clock and a filled store in a scratch folder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from praxis_socialwork.store import LONDON, FixedClock


def bench_clock() -> FixedClock:
    """Return the clock every benchmark uses: 22 November 2026, noon in London."""
    return FixedClock(datetime(2026, 11, 22, 12, 0, tzinfo=LONDON))


@dataclass(frozen=True)
class BenchContext:
    """A filled store that benchmarks may read but not change, and a folder they may write in.

    A benchmark that writes copies the store into its own folder under ``scratch`` first.
    """

    store_path: Path
    scratch: Path
    records: int
    clock: FixedClock
