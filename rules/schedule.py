"""Dates to come: a placement's planned days, the occurrences of planned sessions, and deadlines.

Pure functions of records and dates, like the rest of ``rules``: no clock (``today`` is handed in),
no Textual, no store access. Recurrence arithmetic is python-dateutil's ``rrule``; UK public
holidays come from the ``holidays`` library, by country (``rules.bank_holidays`` remembers them).

Times are wall-clock times in London: a rule is expanded on naive local datetimes and the London
zone is attached afterwards, so a 09:30 weekly session stays at 09:30 across the clock changes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

from praxis_socialwork.rules.bank_holidays import year_holidays
from praxis_socialwork.store import format_uk, vocab
from praxis_socialwork.store.clock import LONDON

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta
    from dateutil.rrule import rrule

    from praxis_socialwork.rules.findings import Finding
    from praxis_socialwork.store.models import Placement, PlacementDay, Plan

__all__ = [
    "PRESETS",
    "Deadline",
    "Occurrence",
    "DaysToLog",
    "PlacementPlan",
    "days_to_log",
    "deadlines",
    "open_days",
    "occurrences",
    "placement_plan",
    "preset_rules",
    "uk_holidays",
]

# -- holidays ---------------------------------------------------------------------------------

# The holidays library's subdivision of the United Kingdom for each country word a profile holds.
_SUBDIVISIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern-ireland": "NIR"}




def _subdivision(country: str) -> str:
    return _SUBDIVISIONS[vocab.choose(country, vocab.COUNTRIES, "country")]


def uk_holidays(country: str, years: Iterable[int]) -> dict[date, str]:
    """Return the public (bank) holidays of ``country`` in ``years``, date -> name.

    ``country`` is a ``store.vocab.COUNTRIES`` word (england, wales, scotland, northern-ireland);
    England and Wales share a calendar. Substitute days are included ("Boxing Day (observed)").
    Raises ``ValueError`` naming the choices for an unknown country.
    """
    subdiv = _subdivision(country)
    found: dict[date, str] = {}
    for year in sorted(set(years)):
        found.update(year_holidays(subdiv, year))
    return found


# -- placement plan ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlacementPlan:
    """When a placement's required days will be done, if every working day from now is worked."""

    placement_id: str
    logged: tuple[date, ...]  # counted days already logged
    planned: tuple[date, ...]  # working days still to come, in order, as many as still needed
    finish: date | None  # the last day needed (None when it cannot be worked out)
    skipped_holidays: tuple[tuple[date, str], ...]

    @property
    def days_left(self) -> int:
        """How many days are still to be worked."""
        return len(self.planned)


# A plan never looks further ahead than this (a placement of one day a week needing 200 days
# takes about four years); beyond it the finish is reported as unknown.
_MOST_YEARS_AHEAD = 10


def _own_days(placement: Placement, days: Iterable[PlacementDay]) -> list[PlacementDay]:
    """The dated days logged on ``placement`` (every dated day when the placement has no id yet)."""
    return [d for d in days if d.date is not None and (d.placement_id == placement.id or not placement.id)]


def _weekday_numbers(placement: Placement) -> list[int]:
    """The placement's working weekdays as numbers (Monday 0 … Sunday 6); unknown words are ignored."""
    return [vocab.WEEKDAYS.index(w) for w in placement.weekdays if w in vocab.WEEKDAYS]


def open_days(
    placement: Placement, days: Iterable[PlacementDay], country: str, today: date
) -> Iterator[date]:
    """Yield, in order, the days still open for work on ``placement`` as of ``today``.

    They are its working weekdays from today (or the start, if later), less the public holidays of
    ``country`` and any date already logged: today once logged, and a day logged ahead (an absence
    agreed for next week) is skipped without moving the days before it. The walk stops ten years
    on; nothing is yielded without a start or a working weekday. This is the one walk of days to
    come: ``placement_plan`` places the days still needed on it, and ``rules.placement_outlook``
    counts working days left and finishes at a pace on it.
    """
    weekdays = set(_weekday_numbers(placement))
    if placement.start is None or not weekdays:
        return
    taken = {d.date for d in _own_days(placement, days)}
    first = max(placement.start, today)
    subdiv = _subdivision(country)
    limit = date(first.year + _MOST_YEARS_AHEAD, 12, 31)
    holiday_year, holidays = -1, dict[date, str]()
    day = first
    while day <= limit:
        if day.weekday() in weekdays:
            if day.year != holiday_year:
                holiday_year, holidays = day.year, year_holidays(subdiv, day.year)
            if day not in holidays and day not in taken:
                yield day
        day += timedelta(days=1)


def placement_plan(
    placement: Placement, days: list[PlacementDay], country: str, today: date
) -> PlacementPlan:
    """Plan the working days a placement still needs, and so its finish date.

    Counted days logged (``store.vocab.COUNTED_DAY_KINDS``) count toward ``required_days``. The
    days still needed are placed on the placement's working weekdays from ``today`` (today itself
    when nothing is logged on it yet), never before the start, on ``open_days``: public holidays
    of ``country`` are skipped, and so is any date already logged (an absence, sickness or a bank
    holiday logged ahead is not planned over). ``finish`` is the last planned day, or the last logged day when
    the required days are already met. ``skipped_holidays`` lists the holidays on working
    weekdays from the start to the finish that were not worked. ``days`` may hold other
    placements' days; only this placement's are read.
    """
    mine = _own_days(placement, days)
    logged = tuple(sorted({d.date for d in mine if d.kind in vocab.COUNTED_DAY_KINDS}))  # type: ignore[misc]
    needed = max(0, placement.required_days - len(logged))
    weekdays = _weekday_numbers(placement)
    _subdivision(country)  # an unknown country is refused even when nothing is left to plan
    if placement.start is None:
        return PlacementPlan(placement.id, logged, (), logged[-1] if logged and not needed else None, ())

    planned = list(islice(open_days(placement, mine, country, today), needed)) if needed else []
    if len(planned) < needed:  # no working weekdays, or beyond the horizon
        finish = None
    elif planned:
        finish = planned[-1]
    else:
        finish = logged[-1] if logged else None
    skipped: list[tuple[date, str]] = []
    if finish is not None:
        worked = set(logged)
        names = uk_holidays(country, range(placement.start.year, finish.year + 1))
        skipped = [
            (day, name) for day, name in sorted(names.items())
            if placement.start <= day <= finish and day.weekday() in weekdays and day not in worked
        ]  # fmt: skip
    return PlacementPlan(placement.id, logged, tuple(planned), finish, tuple(skipped))


# -- logging several days at once --------------------------------------------------------------

# The most days one batch may cover: a slip of the year ("01/09/2025" for 2026) is refused, not logged.
MOST_DAYS_AT_ONCE = 366


@dataclass(frozen=True)
class DaysToLog:
    """The dates a batch would log, and the dates in its range it leaves alone, each with why
    ("not a working day", "bank holiday: Christmas Day", "already logged", "before the start")."""

    dates: tuple[date, ...]
    skipped: tuple[tuple[date, str], ...]


def days_to_log(
    placement: Placement, first: date, last: date, days: Iterable[PlacementDay], country: str
) -> DaysToLog:
    """The placement's usual days from ``first`` to ``last`` (both included) not logged yet.

    A usual day is one of the placement's working weekdays (Monday to Friday if none are set) that
    is not a public holiday in ``country`` and not before the placement starts. A date with any day
    already logged for this placement is left as it is (and listed as skipped). ``days`` may hold
    other placements' days; only this placement's are read. Raises ``ValueError`` if ``last`` is
    before ``first`` or the range is longer than ``MOST_DAYS_AT_ONCE``.
    """
    if last < first:
        raise ValueError(f"the last day ({format_uk(last)}) is before the first ({format_uk(first)})")
    if (last - first).days + 1 > MOST_DAYS_AT_ONCE:
        raise ValueError(f"that is more than {MOST_DAYS_AT_ONCE} days at once; log a shorter range")
    weekdays = {vocab.WEEKDAYS.index(w) for w in placement.weekdays if w in vocab.WEEKDAYS} or set(range(5))
    logged = {d.date for d in days if d.placement_id == placement.id and d.date is not None}
    holidays = uk_holidays(country, range(first.year, last.year + 1))
    dates: list[date] = []
    skipped: list[tuple[date, str]] = []
    day = first
    while day <= last:
        if day.weekday() not in weekdays:
            skipped.append((day, "not a working day"))
        elif day in holidays:
            skipped.append((day, f"bank holiday: {holidays[day]}"))
        elif placement.start is not None and day < placement.start:
            skipped.append((day, "before the placement starts"))
        elif day in logged:
            skipped.append((day, "already logged"))
        else:
            dates.append(day)
        day += timedelta(days=1)
    return DaysToLog(tuple(dates), tuple(skipped))


# -- occurrences of plans ---------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    """One time a plan happens."""

    plan_id: str
    title: str
    kind: str
    start: datetime | date  # tz-aware Europe/London datetime (store.LONDON), or a date when all-day
    end: datetime | date  # exclusive: start + minutes, or the day after the last day when all-day
    original: date  # the date the rule gave (iCal RECURRENCE-ID); differs from start if moved
    moved: bool
    location: str


_STEPS = {
    "YEARLY": "years",
    "MONTHLY": "months",
    "WEEKLY": "weeks",
    "DAILY": "days",
    "HOURLY": "hours",
    "MINUTELY": "minutes",
    "SECONDLY": "seconds",
}


def _parts(rule: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for part in rule.strip().split(";"):
        key, _, value = part.partition("=")
        if key.strip():
            parts[key.strip().upper()] = value.strip()
    return parts


def _local_rule_text(rule: str, timed: bool) -> str:
    """The rule with UNTIL as a naive London wall-clock time, as the expansion works in.

    A UTC UNTIL (``...Z``, as calendar files write it) becomes London time; a date-only UNTIL on a
    timed plan means the end of that day, so a session on the UNTIL date still happens.
    """
    parts = _parts(rule)
    until = parts.get("UNTIL")
    if until is None:
        return rule
    text = until.upper()
    if text.endswith("Z"):
        utc = datetime.strptime(text[:-1], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
        text = utc.astimezone(LONDON).strftime("%Y%m%dT%H%M%S")
    elif len(text) == 8 and timed:
        text += "T235959"
    parts["UNTIL"] = text
    return ";".join(f"{k}={v}" for k, v in parts.items())


@lru_cache(maxsize=1024)
def _rule(text: str, start: datetime, timed: bool) -> rrule:
    from dateutil.rrule import rrulestr

    return rrulestr(_local_rule_text(text, timed), dtstart=start)  # type: ignore[return-value]


def _step(text: str) -> relativedelta:
    from dateutil.relativedelta import relativedelta

    parts = _parts(text)
    unit = _STEPS.get(parts.get("FREQ", "").upper(), "days")
    return relativedelta(**{unit: int(parts.get("INTERVAL", "1") or 1)})


def _bounded(text: str) -> bool:
    parts = _parts(text)
    return "COUNT" in parts or "UNTIL" in parts


def _originals(plan: Plan, first: datetime, timed: bool, last_day: date) -> Iterator[datetime]:
    """The plan's occurrences as the rules give them (naive London times), up to ``last_day``.

    The first rule starts at the plan's date and, as RFC 5545 has it, that date is always its
    first occurrence (and counts toward COUNT). Each later rule starts one of its own steps after
    the previous rule's last occurrence. A rule without COUNT or UNTIL never ends, so no rule after
    it is reached.
    """
    if not plan.rules:
        yield first
        return
    last: datetime | None = None
    for n, text in enumerate(plan.rules):
        if n and not _bounded(plan.rules[n - 1]):
            return
        seg_start = first if last is None else last + _step(text)
        rule: rrule | None = _rule(text, seg_start, timed)
        if n == 0 and rule is not None and rule.after(first, inc=True) != first:
            count = _parts(text).get("COUNT")
            yield first
            last = first
            if count is not None:
                rule = rule.replace(count=int(count) - 1) if int(count) > 1 else None
        for moment in rule or ():
            if moment.date() > last_day:
                return
            yield moment
            last = moment


def _moved_start(value: str, plan_time: time | None) -> datetime | date:
    """A moved occurrence's new start: a London datetime for a timed plan, else a date."""
    if plan_time is None:
        return date.fromisoformat(value[:10])
    if "T" not in value:
        return datetime.combine(date.fromisoformat(value), plan_time, tzinfo=LONDON)
    moment = datetime.fromisoformat(value)
    return moment.astimezone(LONDON) if moment.tzinfo else moment.replace(tzinfo=LONDON)


def _plan_time(plan: Plan) -> time | None:
    if not plan.time:
        return None
    hours, _, minutes = plan.time.partition(":")
    return time(int(hours), int(minutes))


def occurrences(plan: Plan, start: date, end: date) -> list[Occurrence]:
    """Return the plan's occurrences whose original date or moved start falls in [start, end].

    Skipped occurrences are left out; moved ones start where they were moved to and keep their
    original date in ``original``. A plan with no rules happens once. Timed plans give London
    datetimes with an exclusive end ``minutes`` later; all-day plans give dates, the end being the
    day after the last day (``end_date`` for an item over several days). Sorted by start.
    A rule dateutil cannot read raises ``ValueError`` (validation keeps such plans out of a store).
    """
    if plan.date is None or end < start:
        return []
    plan_time = _plan_time(plan)
    timed = plan_time is not None
    first = datetime.combine(plan.date, plan_time or time())
    skipped = set(plan.skipped)
    moved = plan.moved
    last_day = max([end, *(date.fromisoformat(k) for k in moved)]) if moved else end
    length = timedelta(minutes=plan.minutes)
    span = timedelta(days=(plan.end_date - plan.date).days + 1 if plan.end_date else 1)
    found: list[Occurrence] = []
    for moment in _originals(plan, first, timed, last_day):
        original = moment.date()
        key = original.isoformat()
        if key in skipped:
            continue
        new = moved.get(key)
        begin: datetime | date
        if new is not None:
            begin = _moved_start(new, plan_time)
        elif timed:
            begin = moment.replace(tzinfo=LONDON)
        else:
            begin = original
        begin_day = begin.date() if isinstance(begin, datetime) else begin
        if not (start <= original <= end or start <= begin_day <= end):
            continue
        if isinstance(begin, datetime):
            finish: datetime | date = (begin.astimezone(UTC) + length).astimezone(LONDON)
        else:
            finish = begin + span
        found.append(
            Occurrence(
                plan.id, plan.title, plan.kind, begin, finish, original, new is not None, plan.location
            )
        )
    found.sort(key=lambda o: (o.start, o.original))
    return found


# -- presets ----------------------------------------------------------------------------------

PRESETS: dict[str, tuple[str, list[str]]] = {
    "weekly-6-then-fortnightly": (
        "weekly for the first 6 weeks, then fortnightly",
        ["FREQ=WEEKLY;COUNT=6", "FREQ=WEEKLY;INTERVAL=2"],
    ),
    "supervision-first-year": (
        "weekly for 6 weeks, fortnightly to 6 months, then monthly",
        ["FREQ=WEEKLY;COUNT=6", "FREQ=WEEKLY;INTERVAL=2;COUNT=10", "FREQ=MONTHLY"],
    ),
    "weekly": ("weekly", ["FREQ=WEEKLY"]),
    "fortnightly": ("fortnightly", ["FREQ=WEEKLY;INTERVAL=2"]),
    "monthly": ("monthly, on the same weekday of the month (e.g. the 2nd Tuesday)", ["FREQ=MONTHLY"]),
}
"""Repeat patterns people choose by name: id -> (label, rules). A bare ``FREQ=MONTHLY`` here means
the same weekday of the month as the start; ``preset_rules`` fills in that weekday."""

_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _nth_weekday(start: date) -> str:
    """BYDAY for the same weekday of the month as ``start``: ``2TU``; the 5th one is ``-1`` (last)."""
    nth = (start.day - 1) // 7 + 1
    return f"{-1 if nth == 5 else nth}{_BYDAY[start.weekday()]}"


def preset_rules(preset: str, start: date) -> list[str]:
    """Return the rules of ``PRESETS[preset]`` for a plan starting on ``start``.

    A monthly rule gets ``BYDAY`` for the start's weekday of the month (a session on the 2nd
    Tuesday stays on 2nd Tuesdays). Raises ``ValueError`` naming the presets for an unknown id.
    """
    if preset not in PRESETS:
        raise ValueError(f"'{preset}' is not a preset; choose one of {', '.join(PRESETS)}")
    return [
        f"{rule};BYDAY={_nth_weekday(start)}" if rule == "FREQ=MONTHLY" else rule
        for rule in PRESETS[preset][1]
    ]


# -- deadlines --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """A date something is due, with reminders so many days before."""

    id: str  # stable across runs (uuid5 of what it is), used as the iCal UID
    due: date
    title: str
    kind: str  # "cpd", "registration", "placement-midpoint", "placement-end", "review"
    reminders: tuple[int, ...] = (30, 7)  # days before


# Deadline ids are uuid5 names under this fixed namespace, so they never change between runs.
DEADLINE_NAMESPACE = uuid.UUID("6f0c1a52-3d8e-5b7a-9c41-2e5d7f80a913")


def _deadline_id(name: str) -> str:
    return str(uuid.uuid5(DEADLINE_NAMESPACE, name))


def _finding_kind(framework: str, words: str) -> str:
    if framework == "asye" or "review" in words:
        return "review"
    if "renew" in words:
        return "registration"
    return "cpd"


def deadlines(
    findings: list[Finding], placements: list[Placement], plans: dict[str, PlacementPlan], on: date
) -> list[Deadline]:
    """Return what is due on or after ``on``, soonest first.

    From the findings: each due date of a requirement not yet met (nor for information only),
    one deadline per framework and date; a finding about one placement is left to that
    placement's own deadlines. From each placement: its midpoint (the day its middle required
    day is planned, or halfway between start and planned end when there is no plan) and its end
    (the plan's finish when known, else the planned end). Ids are stable: a framework's deadline
    is named by its date, a placement's by the placement, so a moved finish keeps its id.
    """
    grouped: dict[tuple[str, date], list[Finding]] = {}
    for f in findings:
        if f.due is None or f.due < on or f.status in ("met", "info") or f.placement:
            continue
        grouped.setdefault((f.framework, f.due), []).append(f)
    found: list[Deadline] = []
    for (framework, due), group in grouped.items():
        words = " ".join(f"{f.requirement} {f.title}" for f in group).lower()
        more = f" (and {len(group) - 1} more)" if len(group) > 1 else ""
        found.append(
            Deadline(
                id=_deadline_id(f"framework:{framework}:{due.isoformat()}"),
                due=due,
                title=f"{framework.upper()} due: {group[0].title}{more}",
                kind=_finding_kind(framework, words),
            )
        )
    for p in placements:
        if p.start is None:
            continue
        plan = plans.get(p.id)
        end = plan.finish if plan is not None and plan.finish is not None else p.planned_end
        if end is None:
            continue
        middle = _midpoint(p, plan, end)
        if middle >= on:
            found.append(
                Deadline(_deadline_id(f"placement-midpoint:{p.id}"), middle, f"{p.name}: midpoint",
                         "placement-midpoint")
            )  # fmt: skip
        if end >= on:
            found.append(
                Deadline(_deadline_id(f"placement-end:{p.id}"), end, f"{p.name}: end", "placement-end")
            )
    found.sort(key=lambda d: (d.due, d.kind, d.title))
    return found


def _midpoint(p: Placement, plan: PlacementPlan | None, end: date) -> date:
    assert p.start is not None
    if plan is not None and p.required_days > 0:
        worked = [*plan.logged, *plan.planned]
        if len(worked) >= p.required_days:
            return worked[(p.required_days + 1) // 2 - 1]
    return p.start + (end - p.start) // 2
