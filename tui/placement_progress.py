"""How far a placement has got: days by kind, counted days against those required, the pace over the
last few weeks and the date it finishes at that pace.

Pure arithmetic on records and dates (no Textual), so the placements screen, and anything else that
wants the same figures, gets the same answer. The projection counts only the placement's own working
weekdays: a three-day-a-week placement at full pace gains three days a week, not five.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rules.periods import nth_working_day_after, working_days_between, working_weekdays
from store import vocab
from store.models import Placement, PlacementDay

PACE_WEEKS = 4  # the pace is measured over this many weeks up to today
NO_HOURS_KINDS = ("absence", "sick", "bank-holiday")  # logged with no hours unless some are given


def weekdays_text(placement: Placement) -> str:
    """The working weekdays in a few characters: ``Mon–Fri``, ``Mon, Wed, Thu``."""
    numbers = sorted(working_weekdays(placement))
    names = [vocab.WEEKDAYS[n].title() for n in numbers]
    if len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{names[0]}–{names[-1]}"
    return ", ".join(names)


def current_placement(placements: Sequence[Placement], today: date) -> Placement | None:
    """The placement to show first: the one running today (start ≤ today ≤ planned end; the latest to
    start if several), else the most recently started, else the soonest to start; None if there are none."""
    running = [
        p
        for p in placements
        if p.start and p.start <= today and (p.planned_end is None or today <= p.planned_end)
    ]
    if running:
        return max(running, key=lambda p: p.start or date.min)
    started = [p for p in placements if p.start and p.start <= today]
    if started:
        return max(started, key=lambda p: p.start or date.min)
    return min(placements, key=lambda p: p.start or date.max, default=None)


@dataclass(frozen=True)
class Progress:
    """One placement's figures on one date. ``pace`` is counted days a week; None when none were
    counted in the measured weeks (then ``finish`` is None too, unless the days are already done)."""

    required: int
    by_kind: dict[str, int]  # days logged of every kind in vocab.DAY_KINDS, in that order
    hours: float  # every hour logged
    counted_hours: float  # hours on the days that count
    counted: int  # days of the kinds in vocab.COUNTED_DAY_KINDS
    days_left: int
    pace: float | None
    pace_weeks: float  # how many weeks the pace was measured over (fewer early in a placement)
    finish: date | None  # the day the required days were reached, or will be at this pace
    full_time_finish: date | None  # the finish if every working day from now on is worked
    working_days_to_end: int | None  # working days from today to the planned end (None if no end)

    @property
    def done(self) -> bool:
        """Whether the counted days have reached the required days."""
        return self.required > 0 and self.days_left == 0

    @property
    def fraction(self) -> float:
        """Counted days as a share of those required, 0.0 to 1.0."""
        return min(self.counted / self.required, 1.0) if self.required > 0 else 0.0


def progress(
    placement: Placement,
    days: Iterable[PlacementDay],
    today: date,
    *,
    weeks: int = PACE_WEEKS,
    counted_kinds: Sequence[str] = vocab.COUNTED_DAY_KINDS,
) -> Progress:
    """Work out ``placement``'s figures on ``today`` from its logged ``days`` (days of other
    placements are ignored; days after today are not expected but would count as logged)."""
    own = sorted((d for d in days if d.placement_id == placement.id and d.date), key=lambda d: d.date)
    by_kind = {kind: 0 for kind in vocab.DAY_KINDS}
    hours = counted_hours = 0.0
    counted_dates: list[date] = []
    for day in own:
        by_kind[day.kind] = by_kind.get(day.kind, 0) + 1
        hours += day.hours
        if day.kind in counted_kinds:
            counted_hours += day.hours
            counted_dates.append(day.date)  # type: ignore[arg-type]
    required = max(placement.required_days, 0)
    counted = len(counted_dates)
    days_left = max(required - counted, 0)
    weekdays = working_weekdays(placement)

    pace, pace_weeks = _pace(placement, counted_dates, today, weeks)

    # Projections start today when today is still to be logged, else tomorrow.
    logged_today = any(d.date == today for d in own)
    start_after = today if logged_today else today - timedelta(days=1)
    if placement.start and placement.start > today:
        start_after = placement.start - timedelta(days=1)

    finish: date | None = None
    full_time: date | None = None
    if required and days_left == 0:
        finish = counted_dates[required - 1]
    elif days_left:
        full_time = nth_working_day_after(start_after, days_left, weekdays)
        if pace:
            share = min(pace / len(weekdays), 1.0)  # of each working day, on average, that is worked
            needed = math.ceil(days_left / share - 1e-9)
            finish = nth_working_day_after(start_after, needed, weekdays)

    to_end: int | None = None
    if placement.planned_end is not None:
        to_end = working_days_between(start_after + timedelta(days=1), placement.planned_end, weekdays)

    return Progress(
        required=required,
        by_kind=by_kind,
        hours=hours,
        counted_hours=counted_hours,
        counted=counted,
        days_left=days_left,
        pace=pace,
        pace_weeks=pace_weeks,
        finish=finish,
        full_time_finish=full_time,
        working_days_to_end=to_end,
    )


def _pace(placement: Placement, counted: list[date], today: date, weeks: int) -> tuple[float | None, float]:
    """Counted days a week over the last ``weeks`` weeks up to today (or since the start, if later;
    never less than one week, so one early day does not promise five a week)."""
    window_start = today - timedelta(days=7 * weeks - 1)
    if placement.start and placement.start > window_start:
        window_start = placement.start
    if window_start > today:
        return None, 0.0
    span = max((today - window_start).days + 1, 7)
    measured = span / 7
    recent = sum(1 for d in counted if window_start <= d <= today)
    return (recent / measured if recent else None), measured
