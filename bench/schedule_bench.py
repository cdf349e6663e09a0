"""How long a 200-day placement plan takes: every working day planned, bank holidays skipped."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

from bench.context import BenchContext
from bench.timing import Row, median, timed_ms
from praxis_socialwork.rules import schedule
from praxis_socialwork.store import Placement, PlacementDay, today

RUNS = 21
GOAL_MS = 50.0
# The first plan a process makes also imports dateutil's rrule and the holidays library.
_COLD = (
    "import time; from datetime import date; t = time.perf_counter()\n"
    "from praxis_socialwork.rules.schedule import placement_plan; from store import Placement\n"
    "p = Placement(id='p', name='p', start=date(2026, 9, 7), required_days=200)\n"
    "placement_plan(p, [], 'scotland', date(2026, 11, 22))\n"
    "print((time.perf_counter() - t) * 1000)\n"
)


def placement_plan_200_days(ctx: BenchContext) -> list[Row]:
    """Time planning a 200-day placement (and one half done), median of several runs, as rows."""
    now = today(ctx.clock)
    fresh = Placement(id="bench-fresh", name="Fresh", start=now, required_days=200)
    half = Placement(id="bench-half", name="Half", start=now - timedelta(days=140), required_days=200)
    logged = [
        PlacementDay(id=f"d{n}", placement_id=half.id, date=day, hours=7.5,
                     kind="absence" if n % 25 == 0 else "practice")
        for n, day in enumerate(_weekdays(half.start, now))  # type: ignore[arg-type]
    ]  # fmt: skip

    def plan(placement: Placement, days: list[PlacementDay]) -> None:
        schedule._year_holidays.cache_clear()  # each run works the holidays out again
        result = schedule.placement_plan(placement, days, "scotland", now)
        assert result.finish is not None

    plan(fresh, [])  # the libraries load once per process: the cold row below shows that cost
    samples = [timed_ms(lambda: plan(fresh, []), collect=True) for _ in range(RUNS)]
    half_samples = [timed_ms(lambda: plan(half, logged), collect=True) for _ in range(RUNS)]
    cold = float(
        subprocess.run([sys.executable, "-c", _COLD], capture_output=True, text=True, check=True).stdout
    )
    value = median(samples)
    return [
        Row(
            f"compute a 200-day placement plan: median of {RUNS}",
            value,
            f"≤ {GOAL_MS:g} ms",
            value <= GOAL_MS,
        ),
        Row(f"  (half done, {len(logged)} days logged: median of {RUNS})", median(half_samples), "", None),
        Row("  (first plan in a new process, its imports included)", cold, "", None),
    ]


def _weekdays(start: date, before: date) -> list[date]:
    days = (start + timedelta(n) for n in range((before - start).days))
    return [d for d in days if d.weekday() < 5]
