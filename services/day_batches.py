"""Logging several placement days at once (a week, a range): the days to make and what to say of them.

The command line (``praxis log days``) and the Placements screen's "log days" form both build their
batch here, so they log and skip the same dates and say so in the same words. No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from praxis_socialwork.rules.schedule import DaysToLog, days_to_log
from praxis_socialwork.store import Placement, PlacementDay, SignOff, format_uk


@dataclass(frozen=True)
class DayBatch:
    """The new days a batch would log and the dates in its range it leaves alone."""

    placement: Placement
    records: tuple[PlacementDay, ...]
    plan: DaysToLog

    def skipped_lines(self) -> list[str]:
        """What was left alone, a line per reason; non-working days only counted."""
        lines: list[str] = []
        by_reason: dict[str, list[date]] = {}
        for day, why in self.plan.skipped:
            by_reason.setdefault(why, []).append(day)
        for why, found in by_reason.items():
            if why == "not a working day":
                lines.append(f"Left out {len(found)} non-working day{'s' if len(found) != 1 else ''}.")
            else:
                lines.append(f"Skipped ({why}): {', '.join(format_uk(d) for d in found)}.")
        return lines


def day_batch(
    placement: Placement,
    first: date,
    last: date,
    days: Iterable[PlacementDay],
    country: str,
    kind: str = "practice",
    hours: float | None = None,
) -> DayBatch:
    """The days to log for ``placement`` from ``first`` to ``last`` (``rules.schedule.days_to_log``),
    each of ``kind`` with ``hours`` (default: ``Placement.hours_for``). Raises ``ValueError`` for a bad
    range."""
    plan = days_to_log(placement, first, last, days, country)
    each = placement.hours_for(kind) if hours is None else hours
    records = tuple(
        PlacementDay(placement_id=placement.id, date=day, hours=each, kind=kind) for day in plan.dates
    )
    return DayBatch(placement, records, plan)


def logged_line(saved: list[PlacementDay], placement: Placement) -> str:
    """One sentence naming the days just logged."""
    if not saved:
        return f"Nothing new to log at {placement.name}."
    first = saved[0]
    n = len(saved)
    dates = ", ".join(format_uk(d.date) for d in saved if d.date)
    return (
        f"Logged {n} day{'s' if n != 1 else ''} at {placement.name} ({first.kind}, {first.hours:g} h each): "
        f"{dates}."
    )


def signed_days(days: Iterable[PlacementDay], signoffs: Iterable[SignOff]) -> list[PlacementDay]:
    """The days a practice educator has signed off (whether or not they changed since)."""
    signed = {s.record_id for s in signoffs}
    return [d for d in days if d.id in signed]


def dates_text(days: Iterable[PlacementDay], most: int = 5) -> str:
    """The days' dates UK style, the first ``most`` of them then "…"."""
    dates = [format_uk(d.date) for d in days if d.date]
    return ", ".join(dates[:most]) + (", …" if len(dates) > most else "")


def days_word(n: int) -> str:
    """``1 day``, ``3 days``."""
    return f"{n} day{'s' if n != 1 else ''}"
