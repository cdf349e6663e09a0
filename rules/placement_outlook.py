"""One placement's outlook on a date: its planned finish, the working days left to its end, its pace
so far and the day it finishes at that pace.

This is the one source of those figures. The gap engine (and so ``praxis gaps``, the dashboard and
reports), the Placements screen, ``praxis placement plan`` and the calendar export all read them
here, so a placement finishes on the same day wherever it is shown. Days are counted on one walk,
``rules.schedule.open_days``: the placement's working weekdays, less its country's bank holidays and
the dates already logged (a sick day or an absence is not worked again).

Two finishes, labelled the same way everywhere:

* the **planned finish**: the day the required days are done if every working day from now is worked
  (``rules.schedule.placement_plan``). A placement without a planned end ends there, and that end
  moves when a working day is not worked.
* the finish **at your pace so far**: the same walk, worked at the share of working days counted over
  the last ``PACE_WEEKS`` weeks.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from praxis_socialwork.rules.schedule import PlacementPlan, open_days, placement_plan, uk_holidays
from praxis_socialwork.store import Placement, PlacementDay, Profile, vocab

__all__ = ["PACE_WEEKS", "Outlook", "country_of", "placement_outlook"]

PACE_WEEKS = 4  # the pace so far is measured over this many weeks up to today
_ROUNDING = 1e-9  # 3 days at a share of 0.6 is 5 working days, not 5.000000001


def country_of(profile: Profile | None, otherwise: str = "england") -> str:
    """The country whose bank holidays a person's placements skip: the profile's, else ``otherwise``
    (England unless said)."""
    country = profile.country if profile is not None else ""
    return country if country in vocab.COUNTRIES else otherwise


@dataclass(frozen=True)
class Outlook:
    """A placement's figures on ``today``. ``pace`` is counted days a week over the last ``pace_weeks``
    weeks (None when none were counted); ``gone_by`` is how many working days went by in those weeks
    (today only once something is logged on it), 0 while nothing could have been logged yet."""

    placement: Placement
    today: date
    country: str
    plan: PlacementPlan
    pace: float | None
    pace_weeks: float
    gone_by: int
    weekdays: frozenset[int]
    _walk: Iterator[date] = field(repr=False, compare=False)
    _open: list[date] = field(default_factory=list, repr=False, compare=False)

    # -- the planned finish ---------------------------------------------------------------------
    @property
    def needed(self) -> int:
        """Counted days still needed to reach the placement's required days."""
        return max(self.placement.required_days - len(self.plan.logged), 0)

    @property
    def finish(self) -> date | None:
        """The planned finish: the day the required days are done if every working day from now is
        worked (the last counted day once they are done); None when it cannot be worked out."""
        return self.plan.finish

    @property
    def end(self) -> date | None:
        """The day the placement ends: its planned end, or without one its planned finish."""
        return self.placement.planned_end or self.plan.finish

    @property
    def working_days_left(self) -> int | None:
        """Working days still open up to the end (bank holidays and days logged left out); without a
        planned end, the days still needed, as the end is where they run out. None if unknown."""
        if self.placement.planned_end is not None:
            return self.open_days_until(self.placement.planned_end)
        return self.needed if self.plan.finish is not None else None

    def finish_for(self, left: float) -> date | None:
        """The day ``left`` more counted days are done if every working day from now is worked (the
        planned finish when ``left`` is the days still needed); None beyond ten years."""
        if left <= 0:
            return self.plan.finish
        return self.nth_open_day(math.ceil(left - _ROUNDING))

    # -- the pace so far ------------------------------------------------------------------------
    @property
    def started(self) -> bool:
        """Whether a working day has gone by on which a day could have been logged."""
        return self.gone_by > 0

    @property
    def share(self) -> float | None:
        """The share of working days counted lately (0 to 1); None without a pace."""
        if self.pace is None or not self.weekdays:
            return None
        return min(self.pace / len(self.weekdays), 1.0)

    def pace_finish_for(self, left: float) -> date | None:
        """The day ``left`` more counted days are done at the pace so far; None without a pace, when
        nothing is left, or beyond ten years."""
        share = self.share
        if left <= 0 or not share:
            return None
        return self.nth_open_day(math.ceil(left / share - _ROUNDING))

    @property
    def pace_finish(self) -> date | None:
        """The finish at your pace so far, for the days still needed (None as for ``pace_finish_for``)."""
        return self.pace_finish_for(self.needed)

    def to_come(self, left: float) -> float:
        """How many of ``left`` more counted days the placement brings by its end: at its pace so far
        once under way (none if nothing was counted lately), every working day left before it starts.
        Without a planned end, all of them while days are being counted: its end moves to meet them."""
        if left <= 0:
            return 0.0
        if self.placement.planned_end is None:
            return float(left) if self.pace is not None or not self.started else 0.0
        available = self.working_days_left or 0
        if not self.started:
            return float(min(left, available))
        share = self.share
        return min(float(left), share * available) if share else 0.0

    def on_track(self, left: float) -> bool:
        """Whether ``left`` more counted days come by the end (see ``to_come``)."""
        return self.to_come(left) >= left - _ROUNDING

    # -- walking the days to come ---------------------------------------------------------------
    def nth_open_day(self, n: int) -> date | None:
        """The ``n``-th day (n ≥ 1) still open for work (``rules.schedule.open_days``); None beyond
        ten years."""
        while len(self._open) < n:
            day = next(self._walk, None)
            if day is None:
                return None
            self._open.append(day)
        return self._open[n - 1]

    def open_days_until(self, last: date) -> int:
        """How many days still open for work fall on or before ``last``."""
        while not self._open or self._open[-1] <= last:
            if self.nth_open_day(len(self._open) + 1) is None:
                break
        return bisect_right(self._open, last)

    def working_days(self, first: date, last: date) -> int:
        """Working days from ``first`` to ``last`` (both included), bank holidays left out."""
        if last < first:
            return 0
        holidays = uk_holidays(self.country, range(first.year, last.year + 1))
        days = (first + timedelta(days=n) for n in range((last - first).days + 1))
        return sum(1 for day in days if day.weekday() in self.weekdays and day not in holidays)


def placement_outlook(
    placement: Placement,
    days: Iterable[PlacementDay],
    country: str,
    today: date,
    *,
    weeks: int = PACE_WEEKS,
) -> Outlook:
    """Work out ``placement``'s outlook on ``today`` from its logged ``days`` (other placements' days
    are ignored) and the bank holidays of ``country`` (a ``store.vocab.COUNTRIES`` word).

    The pace so far is the share of working days gone by in the last ``weeks`` weeks (from the start,
    if later) that were logged as counted days, as days a week on the placement's working weekdays:
    a three-day-a-week placement at full pace makes three a week. Bank holidays are not working days;
    sick days and absences are, and slow the pace. Raises ``ValueError`` for an unknown country.
    """
    mine = [d for d in days if d.date is not None and (d.placement_id == placement.id or not placement.id)]
    weekdays = frozenset(vocab.WEEKDAYS.index(w) for w in placement.weekdays if w in vocab.WEEKDAYS)
    plan = placement_plan(placement, mine, country, today)
    pace, pace_weeks, gone_by = _pace(placement, weekdays, mine, country, today, weeks)
    walk = open_days(placement, mine, country, today)
    return Outlook(placement, today, country, plan, pace, pace_weeks, gone_by, weekdays, walk)


def _pace(
    placement: Placement,
    weekdays: frozenset[int],
    mine: list[PlacementDay],
    country: str,
    today: date,
    weeks: int,
) -> tuple[float | None, float, int]:
    """(pace in counted days a week, weeks measured, working days gone by) over the last ``weeks``
    weeks up to today, or since the start if later; weeks measured is never less than one."""
    if placement.start is None or not weekdays:
        return None, 0.0, 0
    first = max(today - timedelta(days=7 * weeks - 1), placement.start)
    if first > today:
        return None, 0.0, 0
    measured = max((today - first).days + 1, 7) / 7
    kinds = {d.date: d.kind for d in mine}
    last = today if today in kinds else today - timedelta(days=1)  # today is still to come until logged
    holidays = uk_holidays(country, range(first.year, today.year + 1))
    gone = (first + timedelta(days=n) for n in range((last - first).days + 1))
    gone_by = sum(
        1 for day in gone
        if day.weekday() in weekdays and day not in holidays and kinds.get(day) != "bank-holiday"
    )  # fmt: skip
    recent = sum(1 for d in mine if d.kind in vocab.COUNTED_DAY_KINDS and first <= d.date <= today)  # type: ignore[operator]
    if not recent:
        return None, measured, gone_by
    return len(weekdays) * min(recent / max(gone_by, 1), 1.0), measured, gone_by
