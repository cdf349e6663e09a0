"""How long an iCalendar export of 10,000 events takes, from an open store to the file on disk."""

from __future__ import annotations

import gc
from datetime import timedelta
from pathlib import Path

from bench.context import BenchContext
from bench.generate import activities, sample_profile
from bench.timing import Row, median, timed_ms
from praxis_socialwork.store import Plan, Repository, today

EVENTS = 10_000
SESSIONS = 500  # weekly plans, each one VEVENT with an RRULE and an alarm
RUNS = 5
GOAL_MS = 2000.0


def export_ics_10k(ctx: BenchContext) -> list[Row]:
    """Time ``export_ics`` on a store holding 9,500 completed activities and 500 sessions, as rows."""
    from praxis_socialwork.exports.ical import export_ics

    path = ctx.scratch / "ical" / "praxis.json"
    _fill(path, ctx)
    out = ctx.scratch / "ical" / "praxis.ics"
    samples: list[float] = []
    with Repository.open(path, ctx.clock, read_only=True) as repo:
        for _ in range(RUNS):
            samples.append(timed_ms(lambda: export_ics(repo, out), collect=True))
        written = export_ics(repo, out)
    if written.events != EVENTS:  # the row's name says 10,000: make sure it is
        raise AssertionError(f"the benchmark store gave {written.events} events, not {EVENTS}")
    took = median(samples)
    return [Row(f"export {EVENTS:,} events to .ics", took, f"≤ {GOAL_MS / 1000:g} s", took <= GOAL_MS)]


def _fill(path: Path, ctx: BenchContext) -> None:
    now = today(ctx.clock)
    done = [a for a in activities(EVENTS + 2_000, seed=5, now=now) if a.status == "complete"]
    plans = [
        Plan(title=f"Supervision with practice educator {n}", kind="supervision",
             date=now - timedelta(weeks=n % 52), time="09:30", minutes=90,
             rules=["FREQ=WEEKLY;COUNT=20"], reminders=[15], location="Room 2, Civic Centre")
        for n in range(SESSIONS)
    ]  # fmt: skip
    with Repository.open(path, ctx.clock) as repo:
        repo.save_profile(sample_profile())
        repo.add_many(done[: EVENTS - SESSIONS])
        repo.add_many(plans)
        repo.compact()
    gc.collect()
