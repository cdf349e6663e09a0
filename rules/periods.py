"""Laying out a version's periods on the calendar, and counting working days in a placement."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from praxis_socialwork.rules.framework import Period
from praxis_socialwork.store import Placement, Profile, format_uk, vocab

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Window:
    """One period a requirement is judged over: its dates, its due date, and its placement if any."""

    start: date
    end: date | None
    due: date | None
    placement: Placement | None = None
    credit: float = 0.0  # the share of an hours need treated as done (an extended registration)
    owes_nothing: str = ""  # why nothing is owed in this period (e.g. joined the register late in it)
    assumed: str = ""  # a sentence saying what the period's dates were worked out from, if guessed

    def holds(self, day: date) -> bool:
        """Whether ``day`` falls inside this period."""
        return self.start <= day and (self.end is None or day <= self.end)


class NeedsRegistrationDate(Exception):
    """The period is counted from a date the profile does not have (``self.what``: "registration" or
    "first-post")."""

    def __init__(self, what: str = "registration") -> None:
        super().__init__(what)
        self.what = what


def _step(period: Period) -> relativedelta:
    return relativedelta(years=period.years, months=period.months)


def due_for(period: Period, end: date | None) -> date | None:
    """The day a period of this layout ending on ``end`` is due (None when it has no end)."""
    return _due(period, end)


def _due(period: Period, end: date | None) -> date | None:
    if end is None:
        return None
    return (
        end + relativedelta(months=period.due_after_end_months) - timedelta(days=period.due_before_end_days)
    )


def windows(
    period: Period,
    on: date,
    profile: Profile | None,
    placements: list[Placement],
    not_before: date | None = None,
    not_after: date | None = None,
) -> list[Window]:
    """Return the period(s) of this layout that matter on ``on``.

    Yearly, registration and rolling periods give the one containing ``on`` (a one-off registration
    period gives itself, even once it has closed); placement periods give one per placement that has
    started or is planned; course periods give one spanning every placement. A yearly period that
    began before ``not_before`` (the day its rules began) starts then; a yearly or registration period
    still running after ``not_after`` (the day before newer rules take over) ends then.
    """
    if period.kind == "yearly":
        found = _yearly(period, on, profile.registered_on if profile else None, not_before)
        return [_cut(period, found, not_after)]
    if period.kind == "registration":
        return [_cut(period, _registration(period, on, profile), not_after)]
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


def _cut(period: Period, window: Window, not_after: date | None) -> Window:
    """The window, ended on ``not_after`` if it runs past it (and is due then)."""
    if not_after is None or window.end is None or not window.start <= not_after < window.end:
        return window
    return replace(window, end=not_after, due=_due(period, not_after))


def _yearly(period: Period, on: date, registered: date | None, not_before: date | None) -> Window:
    """The year containing ``on``; a person's first, partial year runs from their registration, and
    one who joined on or after ``joiners_owe_nothing_from`` in it owes nothing in it."""
    month, day = period.start
    start = _on_or_before(on, month, day)
    end = start + relativedelta(years=1) - ONE_DAY
    if registered is not None and registered > end:  # not registered yet: the first year is to come
        end = _on_or_before(registered, month, day) + relativedelta(years=1) - ONE_DAY
    owes_nothing = ""
    if registered is not None and start < registered <= end:
        start = registered  # the first, partial year runs from registration
        joiners = period.joiners_owe_nothing_from
        if joiners is not None and registered >= _on_or_before(end, *joiners):
            owes_nothing = (
                f"You joined the register on {format_uk(registered)}, on or after "
                f"{format_uk(_on_or_before(end, *joiners))}: nothing is owed at this renewal. "
                f"Your first full year starts {format_uk(end + ONE_DAY)}."
            )
    if not_before is not None and start < not_before <= end:
        start = not_before
    return Window(start, end, _due(period, end), owes_nothing=owes_nothing)


def _registration(period: Period, on: date, profile: Profile | None) -> Window:
    """The registration period containing ``on`` (a one-off period: the first, even once closed),
    counted from the registration date or the first day in post; extended periods run longer."""
    first_post = period.counted_from == "first-post"
    first = (profile.first_post_on if first_post else profile.registered_on) if profile else None
    assumed = ""
    if first is None and first_post and profile is not None and profile.registered_on is not None:
        first, assumed = (
            profile.registered_on,
            (
                " Counted from your registration date, as your first day in post is not set "
                "(praxis init --first-post-on DATE)."
            ),
        )
    if first is None:
        raise NeedsRegistrationDate(period.counted_from)
    step = _step(period)
    start = first
    while True:
        end = start + step - ONE_DAY
        extended = next((x for x in period.extensions if start <= x.current_on <= end), None)
        if extended is not None:
            end += relativedelta(years=extended.years, months=extended.months)
        if not period.repeat or on <= end:
            credit = extended.credit if extended is not None else 0.0
            return Window(start, end, _due(period, end), credit=credit, assumed=assumed)
        start = end + ONE_DAY


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
    """Return the planned end, or, without one, a first guess at it: the day the required days would
    be done counting working weekdays from the start, with no bank holiday and no day missed.

    Only the layout of periods uses the guess; the gap engine moves a placement's end to its planned
    finish, and everything shown to a person reads ``rules.placement_outlook``."""
    if placement.planned_end is not None:
        return placement.planned_end
    assert placement.start is not None
    return nth_working_day(placement, placement.start - ONE_DAY, max(placement.required_days, 1))
