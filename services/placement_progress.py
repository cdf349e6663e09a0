"""How far a placement has got: days by kind, counted days against those required, the pace over the
last few weeks, its planned finish and the date it finishes at that pace.

The tallies are plain counting (no Textual); every date and working-day figure comes from
``rules.placement_outlook``, the one engine the gap engine, ``praxis placement plan`` and the calendar
export read too, so the Placements screen gives the same finish as they do. The projection counts
only the placement's own working weekdays, less its country's bank holidays: a three-day-a-week
placement at full pace gains three days a week, not five.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from praxis_socialwork.rules.periods import working_weekdays
from praxis_socialwork.rules.placement_outlook import PACE_WEEKS, placement_outlook
from praxis_socialwork.store import vocab
from praxis_socialwork.store.models import Placement, PlacementDay

__all__ = ["PACE_WEEKS", "Progress", "current_placement", "progress", "weekdays_text"]


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
    counted in the measured weeks (then ``finish`` is None too, unless the days are already done).
    The dates are ``rules.placement_outlook``'s: bank holidays and days already logged are not worked."""

    required: int
    by_kind: dict[str, int]  # days logged of every kind in vocab.DAY_KINDS, in that order
    hours: float  # every hour logged
    counted_hours: float  # hours on the days that count
    counted: int  # days of the kinds in vocab.COUNTED_DAY_KINDS
    days_left: int
    pace: float | None
    pace_weeks: float  # how many weeks the pace was measured over (fewer early in a placement)
    finish: date | None  # the day the required days were reached, or will be at your pace so far
    full_time_finish: date | None  # the planned finish: every working day from now on worked
    working_days_to_end: int | None  # working days from today to the planned end (None if no end)
    after_end: int | None = None  # working days the finish at your pace falls after the planned end

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
    country: str = "england",
    weeks: int = PACE_WEEKS,
) -> Progress:
    """Work out ``placement``'s figures on ``today`` from its logged ``days`` (days of other
    placements are ignored; days after today are not expected but would count as logged), skipping
    the bank holidays of ``country`` (a ``store.vocab.COUNTRIES`` word) in its dates."""
    own = sorted((d for d in days if d.placement_id == placement.id and d.date), key=lambda d: d.date)
    by_kind = {kind: 0 for kind in vocab.DAY_KINDS}
    hours = counted_hours = 0.0
    counted_dates: list[date] = []
    for day in own:
        by_kind[day.kind] = by_kind.get(day.kind, 0) + 1
        hours += day.hours
        if day.kind in vocab.COUNTED_DAY_KINDS:
            counted_hours += day.hours
            counted_dates.append(day.date)  # type: ignore[arg-type]
    required = max(placement.required_days, 0)
    days_left = max(required - len(counted_dates), 0)
    outlook = placement_outlook(placement, own, country, today, weeks=weeks)

    finish = outlook.pace_finish
    if required and days_left == 0:
        finish = counted_dates[required - 1]
    end = placement.planned_end
    after_end = None
    if end is not None and finish is not None and days_left:
        after_end = outlook.working_days(end + timedelta(days=1), finish)

    return Progress(
        required=required,
        by_kind=by_kind,
        hours=hours,
        counted_hours=counted_hours,
        counted=len(counted_dates),
        days_left=days_left,
        pace=outlook.pace,
        pace_weeks=outlook.pace_weeks,
        finish=finish,
        full_time_finish=outlook.finish if days_left else None,
        working_days_to_end=outlook.working_days_left if end is not None else None,
        after_end=after_end,
    )
