"""Laying out a version's periods on the calendar, and counting working days in a placement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from rules.framework import Period
from store import Placement, Profile, vocab

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Window:
    """One period a requirement is judged over: its dates, its due date, and its placement if any."""

    start: date
    end: date | None
    due: date | None
    placement: Placement | None = None

    def holds(self, day: date) -> bool:
        """Whether ``day`` falls inside this period."""
        return self.start <= day and (self.end is None or day <= self.end)


class NeedsRegistrationDate(Exception):
    """The period is counted from a registration date the profile does not have."""


def _step(period: Period) -> relativedelta:
    return relativedelta(years=period.years, months=period.months)


def _due(period: Period, end: date | None) -> date | None:
    return None if end is None else end - timedelta(days=period.due_before_end_days)


def windows(period: Period, on: date, profile: Profile | None, placements: list[Placement]) -> list[Window]:
    """Return the period(s) of this layout that matter on ``on``.

    Yearly, registration and rolling periods give the one containing ``on`` (a one-off registration
    period gives itself, even once it has closed); placement periods give one per placement that has
    started or is planned; course periods give one spanning every placement.
    """
    if period.kind == "yearly":
        month, day = period.start
        start = _on_or_before(on, month, day)
        end = start + relativedelta(years=1) - ONE_DAY
        registered = profile.registered_on if profile else None
        if registered is not None and registered > end:  # not registered yet: the first year is to come
            end = _on_or_before(registered, month, day) + relativedelta(years=1) - ONE_DAY
        if registered is not None and start < registered <= end:
            start = registered  # the first, partial year runs from registration
        return [Window(start, end, _due(period, end))]
    if period.kind == "registration":
        if profile is None or profile.registered_on is None:
            raise NeedsRegistrationDate
        first = profile.registered_on
        step = _step(period)
        k = 0
        if period.repeat:
            while first + step * (k + 1) <= on:
                k += 1
        start = first + step * k
        end = first + step * (k + 1) - ONE_DAY
        return [Window(start, end, _due(period, end))]
    if period.kind == "rolling":
        return [Window(on - _step(period) + ONE_DAY, on, None)]
    dated = [p for p in placements if p.start is not None]
    if period.kind == "placement":
        found = []
        for p in dated:
            end = placement_end(p)
            found.append(Window(p.start, end, _due(period, end), p))  # type: ignore[arg-type]
        return found
    if not dated:  # course
        return []
    start = min(p.start for p in dated)  # type: ignore[type-var]
    end = max(placement_end(p) for p in dated)
    return [Window(start, end, _due(period, end))]  # type: ignore[arg-type]


def _on_or_before(on: date, month: int, day: int) -> date:
    """The latest date with this month and day that is not after ``on`` (29 Feb falls back to 28)."""
    for year in (on.year, on.year - 1):
        candidate = date(year, 1, 1) + relativedelta(month=month, day=day)
        if candidate <= on:
            return candidate
    raise AssertionError("unreachable: a date a year earlier is always before")


WEEKDAY_NUMBER = {name: number for number, name in enumerate(vocab.WEEKDAYS)}  # mon = 0 … sun = 6


def working_weekdays(placement: Placement) -> frozenset[int]:
    """The weekday numbers (Monday 0 … Sunday 6) the placement works; Monday to Friday if none are set."""
    found = frozenset(WEEKDAY_NUMBER[d] for d in placement.weekdays if d in WEEKDAY_NUMBER)
    return found or frozenset(range(5))


def nth_working_day_after(after: date, n: int, weekdays: frozenset[int]) -> date:
    """The ``n``-th day (n ≥ 1) strictly after ``after`` whose weekday is in ``weekdays``."""
    if n < 1 or not weekdays:
        raise ValueError("n must be at least 1 and there must be a working weekday")
    # Any seven days in a row hold each weekday once: skip whole weeks, then walk the rest.
    full_weeks, rest = divmod(n - 1, len(weekdays))
    day = after + timedelta(weeks=full_weeks)
    left = rest + 1
    while True:
        day += timedelta(days=1)
        if day.weekday() in weekdays:
            left -= 1
            if left == 0:
                return day


def working_days_between(first: date, last: date, weekdays: frozenset[int]) -> int:
    """How many days from ``first`` to ``last`` (both included) fall on ``weekdays``; 0 if last < first."""
    if last < first:
        return 0
    total = (last - first).days + 1
    full_weeks, rest = divmod(total, 7)
    count = full_weeks * len(weekdays)
    for offset in range(rest):
        if (first + timedelta(days=full_weeks * 7 + offset)).weekday() in weekdays:
            count += 1
    return count


def working_days(placement: Placement, after: date, until: date) -> int:
    """Count the placement's working weekdays strictly after ``after`` and up to ``until``."""
    return working_days_between(after + ONE_DAY, until, working_weekdays(placement))


def nth_working_day(placement: Placement, after: date, n: int) -> date:
    """Return the date of the ``n``-th working day after ``after`` (``after`` itself if n <= 0)."""
    return after if n <= 0 else nth_working_day_after(after, n, working_weekdays(placement))


def placement_end(placement: Placement) -> date:
    """Return the planned end, or, without one, the day the required days would be done."""
    if placement.planned_end is not None:
        return placement.planned_end
    assert placement.start is not None
    return nth_working_day(placement, placement.start - ONE_DAY, max(placement.required_days, 1))
