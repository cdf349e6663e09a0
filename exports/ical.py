"""iCalendar (RFC 5545) export: placements, sessions, deadlines, planned and logged days.

Every event's UID is its record's id (or a uuid5 of what it is), so re-exporting to the same path
updates a subscribed calendar instead of duplicating it; SEQUENCE is the record's edit count.
Only titles and places leave by default: notes, descriptions, learning and reflection text are
written only when asked for (``details``).

icalendar 7 builds the calendar, its ``VTIMEZONE`` and every event that recurs or carries an
alarm (sessions and deadlines). The plain all-day items (a placement's span, logged and planned
days, CPD activities), thousands of them in a long-kept store, are written by ``_AllDayWriter``
straight to content lines: icalendar takes about 0.25 ms an event to build and serialise, too
slow for the 10,000-event goal. The tests read every export back with icalendar and vobject.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from praxis_socialwork.store import LONDON, PraxisError, atomic_write

if TYPE_CHECKING:
    from icalendar import Calendar, Event

    from praxis_socialwork.rules import Finding
    from praxis_socialwork.rules.schedule import PlacementPlan
    from praxis_socialwork.store import Activity, Placement, PlacementDay, Plan, Profile, Repository

INCLUDES = ("placement", "sessions", "deadlines", "planned", "logged")
"""What an export can hold, as ``--include`` names it."""

PRODID = "-//Praxis//Praxis CPD and placement log//EN"
# Several rules one after another cannot be one RRULE: their occurrences are listed (RDATE) up
# to the export's end, or this far ahead of today when it has none.
LISTED_AHEAD = timedelta(days=2 * 366)
# How far the VTIMEZONE's transitions reach beyond the latest timed event (or today).
ZONE_YEARS_AHEAD = 10

_NOUNS = {
    "placement": ("placement", "placements"),
    "sessions": ("session", "sessions"),
    "deadlines": ("deadline", "deadlines"),
    "planned": ("planned day", "planned days"),
    "logged": ("logged item", "logged items"),
}
_SINGULAR = {"session": "sessions", "deadline": "deadlines", "placements": "placement"}
_DAY_TITLES = {"practice": "Placement day", "skills": "Skills day", "study": "Study day"}
_NOT_WORKED = {"absence": "Absence", "sick": "Absence", "bank-holiday": "Bank holiday"}


@dataclass(frozen=True)
class CalendarData:
    """Everything an export reads: the records, and the gap engine's findings (for deadlines)."""

    profile: Profile | None = None
    placements: Sequence[Placement] = ()
    days: Sequence[PlacementDay] = ()
    plans: Sequence[Plan] = ()
    activities: Sequence[Activity] = ()
    findings: Sequence[Finding] = ()

    @classmethod
    def from_repository(cls, repo: Repository, findings: Sequence[Finding] = ()) -> CalendarData:
        """Read the records an export needs from an open store."""
        return cls(repo.profile(), repo.placements(), repo.days(), repo.plans(), repo.activities(), findings)


@dataclass(frozen=True)
class IcsExport:
    """What an export wrote: the file's bytes and how many events of each kind."""

    data: bytes
    counts: dict[str, int] = field(default_factory=dict)
    path: Path | None = None
    details: bool = False

    @property
    def events(self) -> int:
        """How many events the file holds (a moved occurrence counts as one more)."""
        return sum(self.counts.values())

    def summary(self) -> str:
        """Return one line telling a person what was written."""
        parts = [f"{n} {_NOUNS[word][n != 1]}" for word, n in self.counts.items() if n]
        what = ", ".join(parts) if parts else "nothing in that range"
        privacy = (
            "" if self.details else " Notes and reflections were left out (add --details to include them)."
        )
        where = f" to {self.path}" if self.path else ""
        return f"Wrote {self.events} event{'s' if self.events != 1 else ''}{where}: {what}.{privacy}"


def parse_include(values: Iterable[str] | None) -> tuple[str, ...]:
    """Return the ``--include`` words given as ``a,b`` and/or repeated, in ``INCLUDES`` order.

    None or nothing means everything. Raises ``PraxisError`` naming the choices for an unknown word.
    """
    from praxis_socialwork.store.vocab import choose

    words = [w.strip() for value in values or () for w in value.split(",") if w.strip()]
    if not words:
        return INCLUDES
    chosen: set[str] = set()
    for word in words:
        lowered = word.lower()
        try:
            chosen.add(choose(_SINGULAR.get(lowered, lowered), INCLUDES, "thing to include"))
        except ValueError as exc:
            raise PraxisError(f"--include: {exc}") from None
    return tuple(w for w in INCLUDES if w in chosen)


def export_ics(
    repo: Repository,
    path: Path,
    *,
    findings: Sequence[Finding] = (),
    include: Iterable[str] = INCLUDES,
    start: date | None = None,
    end: date | None = None,
    details: bool = False,
) -> IcsExport:
    """Write the store's calendar to ``path`` atomically (the old file stays whole until then).

    ``findings`` are the gap engine's, for the framework deadlines. ``start``/``end`` keep only
    items that touch those days. Raises ``PraxisError`` when ``path`` is a folder.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise PraxisError(f"{path} is a folder; give a file name such as {path / 'praxis.ics'}")
    result = build_ics(
        CalendarData.from_repository(repo, findings),
        now=repo.clock.now(),
        include=include,
        start=start,
        end=end,
        details=details,
    )
    atomic_write(path, result.data)
    return IcsExport(result.data, result.counts, path, details)


def build_ics(
    data: CalendarData,
    *,
    now: datetime,
    include: Iterable[str] = INCLUDES,
    start: date | None = None,
    end: date | None = None,
    details: bool = False,
) -> IcsExport:
    """Build the calendar file's bytes (RFC 5545, UTF-8, CRLF lines) from ``data``.

    ``now`` (aware) is every event's DTSTAMP, in UTC; its London date is "today" for planned
    days and deadlines. ``include`` holds ``INCLUDES`` words; ``start``/``end`` (inclusive) keep
    only items that touch those days; ``details`` adds notes and reflection text as DESCRIPTION.
    """
    wanted = set(include)
    unknown = wanted - set(INCLUDES)
    if unknown:
        raise PraxisError(f"cannot include {', '.join(sorted(unknown))}; choose from {', '.join(INCLUDES)}")
    if start is not None and end is not None and end < start:
        raise PraxisError(f"the range ends ({end}) before it starts ({start})")
    build = _Build(data, now, start, end, details)
    if "placement" in wanted:
        build.placements()
    if "sessions" in wanted:
        build.sessions()
    if "deadlines" in wanted:
        build.deadlines()
    if "planned" in wanted:
        build.planned()
    if "logged" in wanted:
        build.logged()
    return IcsExport(build.finish(), {w: build.counts.get(w, 0) for w in INCLUDES if w in wanted})


class _AllDayWriter:
    """Content lines for plain all-day events (no recurrence, no alarm), escaped and folded."""

    # TEXT may hold no control characters but tab (RFC 5545 3.3.11); line ends become \n.
    _DROP = {c: None for c in (*range(0x00, 0x09), *range(0x0B, 0x0D), *range(0x0E, 0x20), 0x7F)}

    def __init__(self, stamp: str) -> None:
        self.stamp = stamp
        self.lines: list[str] = []

    def add(
        self,
        uid: str,
        first: date,
        after: date,
        summary: str,
        sequence: int,
        location: str = "",
        description: str = "",
        transparent: bool = False,
    ) -> None:
        """Add one event over the days ``first`` up to (not including) ``after``."""
        out = self.lines
        out.append("BEGIN:VEVENT")
        out.append(_fold("UID:" + self.text(uid)))
        out.append(self.stamp)
        out.append(f"DTSTART;VALUE=DATE:{first.year:04d}{first.month:02d}{first.day:02d}")
        out.append(f"DTEND;VALUE=DATE:{after.year:04d}{after.month:02d}{after.day:02d}")
        out.append(f"SEQUENCE:{sequence}")
        out.append(_fold("SUMMARY:" + self.text(summary)))
        if location:
            out.append(_fold("LOCATION:" + self.text(location)))
        if description:
            out.append(_fold("DESCRIPTION:" + self.text(description)))
        if transparent:
            out.append("TRANSP:TRANSPARENT")
        out.append("END:VEVENT")

    @classmethod
    def text(cls, value: str) -> str:
        """Escape a TEXT value (RFC 5545 3.3.11)."""
        value = value.replace("\r\n", "\n").replace("\r", "\n").translate(cls._DROP)
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")

    def to_bytes(self) -> bytes:
        """Return the events' lines, each ended by CRLF."""
        if not self.lines:
            return b""
        return ("\r\n".join(self.lines) + "\r\n").encode("utf-8")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    if len(line) <= 75 and line.isascii():
        return line
    if len(line.encode("utf-8")) <= 75:
        return line
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # a continuation line starts with a space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


class _Build:
    """One export in progress: the icalendar calendar, the plain all-day lines, and counts."""

    def __init__(self, data: CalendarData, now: datetime, start: date | None, end: date | None,
                 details: bool) -> None:  # fmt: skip
        from icalendar import Calendar

        self.data = data
        self.stamp = now.astimezone(UTC)
        self.today = now.astimezone(LONDON).date()
        self.start = start
        self.end = end
        self.details = details
        from praxis_socialwork.rules.placement_outlook import country_of

        self.country = country_of(data.profile)  # as the gap engine and the app plan placements
        self.cal: Calendar = Calendar.new(
            prodid=PRODID, name="Praxis", calscale="GREGORIAN", method="PUBLISH"
        )
        self.cal.pop("UID", None)  # a fresh random one each export would make identical exports differ
        self.plain = _AllDayWriter(f"DTSTAMP:{self.stamp:%Y%m%dT%H%M%SZ}")
        self.counts: dict[str, int] = {}
        self.timed_years: set[int] = set()
        self._plans: dict[str, PlacementPlan] | None = None
        self._places = {p.id: p for p in data.placements}

    # -- what to keep ------------------------------------------------------------------------
    def touches(self, first: date, last: date) -> bool:
        """Whether the days ``first``..``last`` (inclusive) meet the export's range."""
        return (self.start is None or last >= self.start) and (self.end is None or first <= self.end)

    def count(self, word: str, n: int = 1) -> None:
        self.counts[word] = self.counts.get(word, 0) + n

    def placement_plans(self) -> dict[str, PlacementPlan]:
        """Each placement's plan (planned days and finish), worked out once."""
        if self._plans is None:
            from praxis_socialwork.rules.schedule import placement_plan

            by_placement: dict[str, list[PlacementDay]] = {}
            for day in self.data.days:
                by_placement.setdefault(day.placement_id, []).append(day)
            self._plans = {
                p.id: placement_plan(p, by_placement.get(p.id, []), self.country, self.today)
                for p in self.data.placements
            }
        return self._plans

    # -- the items ---------------------------------------------------------------------------
    def placements(self) -> None:
        """Each placement as one all-day span, from its start to its planned end or finish."""
        for p in self.data.placements:
            if p.start is None:
                continue
            last = p.planned_end
            if last is None:
                last = self.placement_plans()[p.id].finish or p.start
            last = max(last, p.start)
            if self.touches(p.start, last):
                self.plain.add(p.id, p.start, last + timedelta(days=1), f"Placement: {p.name}",
                               p.sequence, _place(p), transparent=True)  # fmt: skip
                self.count("placement")

    def planned(self) -> None:
        """The days each placement still needs, one all-day event each (UID from placement and date)."""
        plans = self.placement_plans()
        for p in self.data.placements:
            plan = plans.get(p.id)
            if plan is None or not plan.planned:
                continue
            namespace = _namespace(p.id)
            title = f"Placement day (planned) · {_hours(p.hours_per_day)}"
            for day in plan.planned:
                if self.touches(day, day):
                    uid = str(uuid.uuid5(namespace, day.isoformat()))
                    self.plain.add(uid, day, day + timedelta(days=1), title, p.sequence, _place(p))
                    self.count("planned")

    def logged(self) -> None:
        """Logged placement days and completed CPD activities, one all-day event each."""
        for d in self.data.days:
            if d.date is None or not self.touches(d.date, d.date):
                continue
            p = self._places.get(d.placement_id)
            if d.kind in _NOT_WORKED:
                title = _NOT_WORKED[d.kind]
            else:
                title = f"{_DAY_TITLES.get(d.kind, 'Placement day')} · {_hours(d.hours)}"
            self.plain.add(d.id, d.date, d.date + timedelta(days=1), title, d.sequence,
                           _place(p) if p else "", d.note if self.details else "")  # fmt: skip
            self.count("logged")
        for a in self.data.activities:
            if a.status != "complete" or a.date is None:
                continue
            last = a.end_date if a.end_date and a.end_date > a.date else a.date
            if self.touches(a.date, last):
                described = _activity_details(a) if self.details else ""
                self.plain.add(a.id, a.date, last + timedelta(days=1), f"CPD: {a.title}", a.sequence,
                               "", described, transparent=True)  # fmt: skip
                self.count("logged")

    def deadlines(self) -> None:
        """Deadlines from the frameworks and placements, with a reminder alarm for each lead time."""
        from icalendar import Alarm, Event

        from praxis_socialwork.rules.schedule import deadlines

        found = deadlines(
            list(self.data.findings), list(self.data.placements), self.placement_plans(), self.today
        )
        for d in found:
            if not self.touches(d.due, d.due):
                continue
            event = Event.new(uid=d.id, stamp=self.stamp, start=d.due, end=d.due + timedelta(days=1),
                              summary=d.title, sequence=0, transparency="TRANSPARENT")  # fmt: skip
            for days in d.reminders:
                lead = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
                event.add_component(Alarm.new_display(description=f"{d.title} ({lead})",
                                                      trigger=-timedelta(days=days)))  # fmt: skip
            self.cal.add_component(event)
            self.count("deadlines")

    def sessions(self) -> None:
        """Each plan as one event: RRULE (one rule) or RDATEs (several), EXDATEs, moved occurrences."""
        from praxis_socialwork.rules.schedule import occurrences

        for plan in self.data.plans:
            if plan.date is None:
                continue
            if self.start is not None or self.end is not None:
                low = self.start or plan.date
                high = self.end or max(low, self.today) + LISTED_AHEAD
                if not occurrences(plan, low, high):
                    continue
            self.session(plan, occurrences)

    def session(self, plan: Plan, occurrences: Any) -> None:

        assert plan.date is not None
        at = _plan_time(plan)
        first = _at(plan.date, at)
        if not plan.rules:
            happens = occurrences(plan, plan.date, plan.date)
            if not happens:
                return  # the one occurrence was skipped
            only = happens[0]
            self.cal.add_component(self.session_event(plan, only.start, only.end))
            self.count("sessions")
            return
        length = _length(plan, at)
        event = self.session_event(plan, first, _after(first, length))
        overrides: list[Event] = []
        if len(plan.rules) == 1:
            event.add("RRULE", _rrule(plan.rules[0], timed=at is not None))
            moved = sorted(plan.moved)
            if moved:
                low, high = date.fromisoformat(moved[0]), date.fromisoformat(moved[-1])
                overrides = [self.session_event(plan, o.start, o.end, _at(o.original, at))
                             for o in occurrences(plan, low, high) if o.moved]  # fmt: skip
        else:
            until = self.end or max(plan.date, self.today) + LISTED_AHEAD
            happens = occurrences(plan, plan.date, until)
            listed = sorted({o.original for o in happens} - {plan.date})
            if listed:
                event.add("RDATE", [_at(day, at) for day in listed])
            overrides = [self.session_event(plan, o.start, o.end, _at(o.original, at))
                         for o in happens if o.moved]  # fmt: skip
        skipped = sorted(date.fromisoformat(day) for day in set(plan.skipped))
        if skipped:
            event.add("EXDATE", [_at(day, at) for day in skipped])
        self.cal.add_component(event)
        for override in overrides:
            self.cal.add_component(override)
        self.count("sessions", 1 + len(overrides))

    def session_event(
        self,
        plan: Plan,
        begin: datetime | date,
        after: datetime | date,
        recurrence: datetime | date | None = None,
    ) -> Event:
        """One VEVENT for a plan (the series, or one moved occurrence when ``recurrence`` is set)."""
        from icalendar import Alarm, Event

        if isinstance(begin, datetime):
            self.timed_years.add(begin.year)
        event = Event.new(
            uid=plan.id,
            stamp=self.stamp,
            start=begin,
            end=after,
            summary=plan.title,
            sequence=plan.sequence,
            location=plan.location or None,
            description=plan.notes if self.details and plan.notes else None,
            recurrence_id=recurrence,
        )
        for minutes in sorted(set(plan.reminders), reverse=True):
            event.add_component(
                Alarm.new_display(description=plan.title, trigger=-timedelta(minutes=minutes))
            )
        return event

    # -- the file ----------------------------------------------------------------------------
    def finish(self) -> bytes:
        """The whole file: icalendar's calendar with the plain all-day events before its end."""
        from icalendar import Timezone

        years = self.timed_years or {self.today.year}
        first = date(min(min(years), self.today.year), 1, 1)
        last = date(max(max(years), self.today.year) + ZONE_YEARS_AHEAD, 1, 1)
        self.cal.add_missing_timezones(first_date=first, last_date=last)
        if not any(c.name == "VTIMEZONE" for c in self.cal.subcomponents):
            # Nothing here is timed, but importers that look for the zone of a calendar find it.
            zone = Timezone.from_tzid("Europe/London", first_date=first, last_date=last)
            self.cal.subcomponents.insert(0, zone)
        head = self.cal.to_ical()
        closing = b"END:VCALENDAR\r\n"
        assert head.endswith(closing)
        return head[: -len(closing)] + self.plain.to_bytes() + closing


# -- small helpers ----------------------------------------------------------------------------


def _namespace(placement_id: str) -> uuid.UUID:
    """The uuid5 namespace for a placement's planned days: its own id (a UUID)."""
    try:
        return uuid.UUID(placement_id)
    except ValueError:  # a hand-made id: still stable, just not the id itself
        return uuid.uuid5(uuid.NAMESPACE_URL, f"praxis:placement:{placement_id}")


def _place(p: Placement) -> str:
    return p.agency or p.name


def _hours(value: float) -> str:
    return f"{value:g} h"


def _activity_details(a: Activity) -> str:
    parts = [
        ("What and why", a.description),
        ("What I learnt", a.learning),
        ("Impact on practice", a.impact),
        ("Peer reflection", a.peer_reflection),
    ]
    return "\n\n".join(f"{label}: {text}" for label, text in parts if text.strip())


def _plan_time(plan: Plan) -> time | None:
    if not plan.time:
        return None
    hours, _, minutes = plan.time.partition(":")
    return time(int(hours), int(minutes))


def _at(day: date, at: time | None) -> datetime | date:
    """``day`` at the plan's London wall-clock time, or the date itself for an all-day plan."""
    return day if at is None else datetime.combine(day, at, tzinfo=LONDON)


def _length(plan: Plan, at: time | None) -> timedelta:
    if at is not None:
        return timedelta(minutes=plan.minutes)
    assert plan.date is not None
    last = plan.end_date if plan.end_date and plan.end_date > plan.date else plan.date
    return timedelta(days=(last - plan.date).days + 1)


def _after(begin: datetime | date, length: timedelta) -> datetime | date:
    """The exclusive end: elapsed minutes for a timed start (right across a clock change), else days."""
    if isinstance(begin, datetime):
        return (begin.astimezone(UTC) + length).astimezone(LONDON)
    return begin + length


def _rrule(rule: str, *, timed: bool) -> dict[str, Any]:
    """A stored RRULE value as icalendar's recurrence dict, UNTIL in the form RFC 5545 requires.

    With a London DTSTART, UNTIL must be a UTC time (a date-only UNTIL means the end of that day);
    with an all-day DTSTART it must be a date.
    """
    from icalendar import vRecur

    value = vRecur.from_ical(rule)
    untils = value.get("UNTIL")
    if untils:
        until = untils[0]
        if timed:
            if not isinstance(until, datetime):
                until = datetime.combine(until, time(23, 59, 59))
            if until.tzinfo is None:
                until = until.replace(tzinfo=LONDON)
            value["UNTIL"] = [until.astimezone(UTC)]
        elif isinstance(until, datetime):
            value["UNTIL"] = [(until.astimezone(LONDON) if until.tzinfo else until).date()]
    return dict(value)
