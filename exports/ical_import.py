"""iCalendar in: the events of a calendar file (a university's teaching and skills days) become plans.

An import is all-or-nothing and keyed by the file's name and each event's UID, so importing the
same file again updates what changed instead of adding it twice. A file that is not well-formed
iCalendar is refused with the reason and its line, and nothing is written. Times become UK wall
times (Europe/London); a repeat rule Praxis can hold is kept as the plan's rule, one it cannot is
expanded into one-off plans.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from praxis_socialwork.store import LONDON, Problem, Repository, ValidationError, today
from praxis_socialwork.store.files import read_input
from praxis_socialwork.store.models import Plan
from praxis_socialwork.store.validation import rrule_problem

SUFFIXES = (".ics", ".ical", ".icalendar")
EXPAND_AHEAD = timedelta(days=366)  # an endless rule that must be expanded stops a year from today
EXPAND_LIMIT = 1000  # occurrences of one event, at most
_COMPARE_AHEAD = timedelta(days=2 * 366)  # how far a kept rule is checked against the file's own
_USED = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID")
# Properties RFC 5545 (3.6.1, 3.6.5) allows at most once in a component: a second one is damage.
_ONCE = {
    "VEVENT": {"DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "UID", "SUMMARY", "LOCATION", "DESCRIPTION",
               "STATUS"},
    "VTIMEZONE": {"TZID"},
    "STANDARD": {"DTSTART", "TZOFFSETFROM", "TZOFFSETTO"},
    "DAYLIGHT": {"DTSTART", "TZOFFSETFROM", "TZOFFSETTO"},
}  # fmt: skip

# A content line's name and parameters (quoted parameter values may hold ':' and ';').
_CONTENT_LINE = re.compile(
    r'^[A-Za-z0-9-]+(?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*:'
)
_KIND_WORDS = (
    ("skills-day", re.compile(r"\bskills?\b")),
    (
        "teaching",
        re.compile(r"\b(lectures?|seminars?|tutorials?|teaching|workshops?|class(es)?|modules?|labs?)\b"),
    ),
    (
        "study",
        re.compile(r"\b(study|studies|reading (week|day)|revision|independent learning|self-directed)\b"),
    ),
)


@dataclass(frozen=True)
class IcsImportResult:
    """What an iCalendar import did; ``gone`` names plans from this file that it no longer holds."""

    source: str
    added: int
    updated: int
    unchanged: int
    gone: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def summary(self, path: Path) -> str:
        """Return what a person is told: counts, then the plans the file dropped, then any notes."""
        line = (
            f"Imported {self.added} new, updated {self.updated}, unchanged {self.unchanged} from {path.name}"
        )
        if self.gone:
            line += (
                f"; {len(self.gone)} no longer in the file (kept; delete them if they are cancelled): "
                + ", ".join(self.gone)
            )
        return "\n".join([line + ".", *self.notes])


def guess_kind(title: str) -> str:
    """The plan kind a calendar event's title suggests: skills-day, teaching, study, or other."""
    lowered = title.lower()
    for kind, words in _KIND_WORDS:
        if words.search(lowered):
            return kind
    return "other"


# -- reading the file ------------------------------------------------------------------------------
@dataclass
class _Scanned:
    """One VEVENT as the text has it: the line it begins on and where each property is."""

    begin: int
    lines: dict[str, int] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)


def _refuse(path: Path, problems: list[Problem]) -> ValidationError:
    return ValidationError(problems, f"{path.name}: nothing was imported.")


def _scan(path: Path, text: str) -> list[_Scanned]:
    """Check the file's shape line by line (unfolding long lines) and find each event's lines."""
    problems: list[Problem] = []
    logical: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t"):
            if not logical:
                problems.append(Problem("", "the file starts with a continued line", number))
                break
            start, so_far = logical[-1]
            logical[-1] = (start, so_far + raw[1:])
        elif raw.strip():
            logical.append((number, raw))
    first = logical[0][1].strip().upper() if logical else ""
    if first != "BEGIN:VCALENDAR":
        message = "this is not an iCalendar file (it should start with BEGIN:VCALENDAR)"
        if first.startswith("BEGIN:V"):
            message = (
                f"this is one piece of a calendar ({first}) without the calendar around it "
                "(BEGIN:VCALENDAR); export or save the whole calendar and import that"
            )
        raise _refuse(path, [Problem("", message, logical[0][0] if logical else 1)])
    stack: list[tuple[str, int]] = []
    events: list[_Scanned] = []
    seen: dict[tuple[int, str], int] = {}  # (component's line, property) -> the property's first line
    ended = False
    for number, line in logical:
        if ended:
            problems.append(Problem("", "there is text after END:VCALENDAR", number))
            break
        if not _CONTENT_LINE.match(line):
            shown = line if len(line) <= 40 else line[:40] + "…"
            problems.append(Problem("", f"'{shown}' is not an iCalendar line (NAME:value)", number))
            continue
        name, _, value = line.partition(":")
        name = name.split(";", 1)[0].upper()
        value = value.strip().upper()
        if name == "BEGIN":
            if value == "VEVENT":
                if [s[0] for s in stack] != ["VCALENDAR"]:
                    problems.append(Problem("", "an event (BEGIN:VEVENT) inside another component", number))
                events.append(_Scanned(number))
            stack.append((value, number))
        elif name == "END":
            if not stack or stack[-1][0] != value:
                opened = f"BEGIN:{stack[-1][0]} on line {stack[-1][1]}" if stack else "nothing"
                problems.append(Problem("", f"END:{value} does not close {opened}", number))
                break
            stack.pop()
            ended = not stack
        else:
            if stack and name in _ONCE.get(stack[-1][0], ()):
                problems += _repeated(seen, stack[-1], name, number)
            if stack and stack[-1][0] == "VEVENT":
                events[-1].lines.setdefault(name, number)
                events[-1].text.setdefault(name, line)
    if stack and not problems:
        what, begun = stack[-1]
        problems.append(
            Problem("", f"the file ends inside BEGIN:{what} (line {begun}); is it cut short?", logical[-1][0])
        )
    if problems:
        raise _refuse(path, problems)
    return events


def _repeated(
    seen: dict[tuple[int, str], int], inside: tuple[str, int], name: str, number: int
) -> list[Problem]:
    """Note where ``name`` first appears in the component begun at ``inside``; a second time is a problem."""
    what, begun = inside
    first = seen.setdefault((begun, name), number)
    if first == number:
        return []
    message = f"appears twice in BEGIN:{what} on line {begun} (first on line {first}); one is allowed"
    return [Problem(name, message, number)]


def _read_events(path: Path) -> list[tuple[_Scanned, Any]]:
    """Read and check ``path``; return each VEVENT with where it is in the text."""
    from icalendar import Calendar

    raw = read_input(path, "calendar")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _refuse(path, [Problem("", "this is not UTF-8 text, so not an iCalendar file", line)]) from exc
    scanned = _scan(path, text)
    try:
        calendar = Calendar.from_ical(text)
    except ValueError as exc:
        raise _refuse(path, [Problem("", f"this is not a readable iCalendar file ({exc})")]) from exc
    parsed = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    if len(parsed) != len(scanned):  # cannot happen after _scan; lines would be misattributed
        raise _refuse(path, [Problem("", "the events could not be told apart")])
    return list(zip(scanned, parsed, strict=True))


# -- one event ----------------------------------------------------------------------------------------
Moment = date | datetime


@dataclass
class _Event:
    """A VEVENT reduced to what Praxis keeps, with times still as the file gives them."""

    where: _Scanned
    uid: str
    title: str
    location: str
    notes: str
    start: Moment
    end: Moment | None
    recurrence_id: Moment | None
    rules: list[Any]
    exdates: list[Moment]
    has_rdate: bool
    has_exrule: bool
    cancelled: bool


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    return str(value).strip() if value is not None else ""


def _event(path: Path, where: _Scanned, component: Any, problems: list[Problem]) -> _Event | None:
    """Check one VEVENT and read it; add what is wrong with it to ``problems``."""
    title = _text(component, "SUMMARY")
    label = f"the event '{title}'" if title else "an event"
    found: list[Problem] = []
    for name, message in component.errors:
        if name in _USED:
            found.append(Problem(name, f"cannot be read ({message})", where.lines.get(name, where.begin)))
    if "DTSTART" not in component:
        found.append(Problem("DTSTART", f"{label} has no start (DTSTART)", where.begin))
    if found:
        problems += found
        return None
    start = component.DTSTART
    for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
        prop = component.get(name)
        tzid = prop.params.get("TZID") if prop is not None and hasattr(prop, "params") else None
        if tzid and isinstance(prop.dt, datetime) and prop.dt.tzinfo is None:
            found.append(
                Problem(
                    name,
                    f"the time zone '{tzid}' is not known and the file does not describe it (VTIMEZONE)",
                    where.lines.get(name),
                )
            )
    end: Moment | None = None
    if "DTEND" in component:
        end = component["DTEND"].dt
    elif "DURATION" in component:
        duration = component["DURATION"].dt
        if isinstance(duration, timedelta):
            try:
                end = start + duration
            except OverflowError:
                where_duration = where.lines.get("DURATION", where.begin)
                found.append(Problem("DURATION", f"{label} would end after the year 9999", where_duration))
    if end is not None and _instant(end) < _instant(start):
        found.append(
            Problem("DTEND", f"{label} ends before it starts", where.lines.get("DTEND", where.begin))
        )
    exdates: list[Moment] = []
    for value in _as_list(component.get("EXDATE")):
        exdates += [d.dt for d in value.dts]
    if found:
        problems += found
        return None
    uid = _text(component, "UID")
    if not uid:  # not allowed by RFC 5545, but some tools omit it: a stable stand-in from the event
        seed = where.text.get("DTSTART", "") + "\n" + title
        uid = "no-uid-" + hashlib.sha256(seed.encode()).hexdigest()[:20]
    recurrence = component.get("RECURRENCE-ID")
    return _Event(
        where=where,
        uid=uid,
        title=title or "(no title)",
        location=_text(component, "LOCATION"),
        notes=_text(component, "DESCRIPTION"),
        start=start,
        end=end,
        recurrence_id=recurrence.dt if recurrence is not None else None,
        rules=list(_as_list(component.get("RRULE"))),
        exdates=exdates,
        has_rdate="RDATE" in component,
        has_exrule="EXRULE" in component,
        cancelled=_text(component, "STATUS").upper() == "CANCELLED",
    )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _london(moment: datetime) -> datetime:
    """A file's time as a London wall time (a floating time already is one)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=LONDON)
    return moment.astimezone(LONDON)


def _instant(moment: Moment) -> datetime:
    """A moment as a UTC instant, for comparing (a date is London midnight)."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time())
    return _london(moment).astimezone(UTC)


def _recurrence_key(moment: Moment) -> str:
    """How an occurrence is named in a UID: RFC 5545 form, a date or a UTC time."""
    if isinstance(moment, datetime):
        return _instant(moment).strftime("%Y%m%dT%H%M%SZ")
    return moment.strftime("%Y%m%d")


def _original_day(moment: Moment) -> str:
    """The London date an occurrence falls on (the key of ``skipped`` and ``moved``)."""
    return (_london(moment) if isinstance(moment, datetime) else moment).isoformat()[:10]


def _start_text(moment: Moment) -> str:
    """An occurrence's new start as ``moved`` holds it: a date, or a London date and time."""
    if isinstance(moment, datetime):
        return _london(moment).strftime("%Y-%m-%dT%H:%M")
    return moment.isoformat()


def _shape(start: Moment, end: Moment | None) -> dict[str, Any]:
    """The plan fields for when an occurrence is: date, time, minutes, end date (and a note)."""
    if not isinstance(start, datetime):
        last = None
        if end is not None:
            end_day = end.date() if isinstance(end, datetime) else end
            last = end_day - timedelta(days=1) if end_day > start + timedelta(days=1) else None
        return {"date": start, "time": "", "end_date": last, "minutes": 60, "note": ""}
    local = _london(start)
    minutes = 60  # no end in the file (a moment, RFC 5545 says): the plan's usual hour
    if end is not None and isinstance(end, datetime):
        minutes = round((_instant(end) - _instant(start)).total_seconds() / 60) or 60
    if minutes > 24 * 60:  # longer than a day: kept as all-day over the days it covers
        last_moment = _london(end) - timedelta(microseconds=1)  # type: ignore[arg-type]
        note = f"From the calendar: {local:%Y-%m-%d %H:%M} to {_london(end):%Y-%m-%d %H:%M}."  # type: ignore[arg-type]
        return {"date": local.date(), "time": "", "end_date": last_moment.date(), "minutes": 60, "note": note}
    return {
        "date": local.date(),
        "time": local.strftime("%H:%M"),
        "end_date": None,
        "minutes": minutes,
        "note": "",
    }


def _plan(event: _Event, source: str, uid: str, start: Moment, end: Moment | None) -> Plan:
    shape = _shape(start, end)
    notes = "\n\n".join(n for n in (shape.pop("note"), event.notes) if n)
    return Plan(
        title=event.title,
        kind=guess_kind(event.title),
        location=event.location,
        notes=notes,
        source=source,
        source_uid=uid,
        **shape,
    )


def _same_but_start(a: _Event, b: _Event) -> bool:
    """Whether an override differs from its series only in when it starts."""
    length = None if a.end is None else _instant(a.end) - _instant(a.start)
    other = None if b.end is None else _instant(b.end) - _instant(b.start)
    return (a.title, a.location, length, isinstance(a.start, datetime)) == (
        b.title,
        b.location,
        other,
        isinstance(b.start, datetime),
    )


# -- repeat rules -------------------------------------------------------------------------------------
def _rule_text(rule: Any, until: Moment | None) -> str:
    """An RRULE value as text, its UNTIL replaced by ``until`` written in basic ISO form."""
    parts = []
    for key, values in rule.items():
        if key.upper() == "UNTIL":
            if until is None:
                continue
            text = (
                until.strftime("%Y%m%dT%H%M%S") if isinstance(until, datetime) else until.strftime("%Y%m%d")
            )
            if isinstance(until, datetime) and until.tzinfo is not None:
                text += "Z"
            parts.append(f"UNTIL={text}")
        else:
            parts.append(f"{key.upper()}=" + ",".join(_rule_value(v) for v in values))
    return ";".join(parts)


def _rule_value(value: Any) -> str:
    if hasattr(value, "to_ical"):
        out = value.to_ical()
        return out.decode() if isinstance(out, bytes) else str(out)
    return str(value)


def _until(rule: Any) -> Moment | None:
    values = rule.get("UNTIL")
    return values[0] if values else None


def _file_occurrences(event: _Event, rule: Any, stop: datetime) -> list[Moment]:
    """The occurrences the file means (in its own time zone), up to ``stop`` and the limit."""
    from dateutil.rrule import rrulestr

    start = event.start
    until = _until(rule)
    if isinstance(start, datetime):
        if until is not None and not isinstance(until, datetime):  # a date: through the end of that day
            until = datetime.combine(until, time(23, 59, 59))
        if start.tzinfo is not None and until is not None:
            until = _instant(until)  # RFC 5545: UTC when the start has a zone
        elif until is not None:
            until = _london(until).replace(tzinfo=None) if isinstance(until, datetime) else until
        dtstart = start
    else:
        dtstart = datetime.combine(start, time())
        if isinstance(until, datetime):
            until = _london(until).replace(tzinfo=None)
    found: list[Moment] = []
    for moment in rrulestr(_rule_text(rule, until), dtstart=dtstart):
        if _instant(moment) > stop or len(found) >= EXPAND_LIMIT:
            break
        found.append(moment if isinstance(start, datetime) else moment.date())
    return found


def _kept_rule(event: _Event, rule: Any) -> str:
    """The rule as the plan keeps it: repeats of a London wall time, UNTIL as a London time or date."""
    until = _until(rule)
    if until is not None:
        if isinstance(event.start, datetime):
            until = _london(
                until if isinstance(until, datetime) else datetime.combine(until, time(23, 59, 59))
            )
            until = until.replace(tzinfo=None)
        elif isinstance(until, datetime):
            until = _london(until).date()
    return _rule_text(rule, until)


def _kept_occurrences(plan: Plan, rule: str, stop: datetime) -> list[Moment]:
    """The occurrences Praxis would give for a plan with ``rule`` (London wall times)."""
    from dateutil.rrule import rrulestr

    assert plan.date is not None
    clock = time.fromisoformat(plan.time) if plan.time else time()
    found: list[Moment] = []
    for moment in rrulestr(rule, dtstart=datetime.combine(plan.date, clock)):
        if _instant(moment) > stop or len(found) >= EXPAND_LIMIT:
            break
        found.append(moment.replace(tzinfo=LONDON) if plan.time else moment.date())
    return found


def _why_not_kept(event: _Event, plan: Plan, horizon: date) -> tuple[str | None, str]:
    """Whether the event's repeats can be the plan's single rule: (reason it cannot, the rule)."""
    if len(event.rules) > 1:
        return "it has more than one repeat rule", ""
    if event.has_rdate or event.has_exrule:
        return "it lists extra or excluded dates by rule (RDATE/EXRULE)", ""
    rule = event.rules[0]
    freq = str(rule.get("FREQ", [""])[0]).upper()
    if freq in ("HOURLY", "MINUTELY", "SECONDLY"):
        return "it repeats more than once a day", ""
    kept = _kept_rule(event, rule)
    if (why := rrule_problem(kept, plan.date)) is not None:
        return why, ""
    stop = _instant(max(horizon, plan.date or horizon) + _COMPARE_AHEAD)
    theirs = [_london(m) if isinstance(m, datetime) else m for m in _file_occurrences(event, rule, stop)]
    if plan.time == "" and isinstance(event.start, datetime):
        theirs = [m.date() if isinstance(m, datetime) else m for m in theirs]
    if theirs != _kept_occurrences(plan, kept, stop):
        return "its times are set in UTC or another time zone, so its UK time moves at a clock change", ""
    return None, kept


def _series(
    master: _Event, changes: dict[datetime, _Event], source: str, horizon: date, notes: list[str]
) -> list[tuple[Plan, int]]:
    """The plans for one event and its changed occurrences: one plan keeping the rule, or one-off
    plans when the rule cannot be kept (then a note says why)."""
    uid = master.uid
    found: list[tuple[Plan, int]] = []
    plan = _plan(master, source, uid, master.start, master.end)
    if not master.rules:
        return [(plan, master.where.begin)]
    why, kept = _why_not_kept(master, plan, horizon)
    if why is None:
        plan.rules = [kept]
        skipped = {_original_day(d) for d in master.exdates}
        for instant, change in changes.items():
            day = _original_day(change.recurrence_id)  # type: ignore[arg-type]
            if change.cancelled:
                skipped.add(day)
            elif _same_but_start(change, master):
                if _instant(change.start) != instant:
                    plan.moved[day] = _start_text(change.start)
            else:  # changed in more than its time: the occurrence becomes a plan of its own
                skipped.add(day)
                key = f"{uid}#{_recurrence_key(change.recurrence_id)}"  # type: ignore[arg-type]
                found.append((_plan(change, source, key, change.start, change.end), change.where.begin))
        plan.skipped = sorted(skipped)
        plan.moved = dict(sorted(plan.moved.items()))
        found.append((plan, master.where.begin))
        return found
    # Expanded: one plan per occurrence, skipped ones left out, changed ones as changed.
    excluded = {_instant(d) for d in master.exdates}
    length = None if master.end is None else _instant(master.end) - _instant(master.start)
    stop = _instant(horizon)
    walk = sorted({m for rule in master.rules for m in _file_occurrences(master, rule, stop)}, key=_instant)
    count = 0
    for moment in walk:
        instant = _instant(moment)
        if instant in excluded:
            continue
        key = f"{uid}#{_recurrence_key(moment)}"
        change = changes.get(instant)
        if change is not None:
            if not change.cancelled:
                found.append((_plan(change, source, key, change.start, change.end), change.where.begin))
                count += 1
            continue
        end = None if length is None else moment + length
        found.append((_plan(master, source, key, moment, end), master.where.begin))
        count += 1
    bounded = all(r.get("COUNT") or r.get("UNTIL") for r in master.rules)
    reach = "" if bounded else f" up to {horizon.day} {horizon:%b %Y}"
    notes.append(f"'{master.title}' was expanded into {count} one-off plans{reach}: {why}.")
    return found


# -- the import ---------------------------------------------------------------------------------------
def read_plans(repo: Repository, path: Path) -> tuple[list[tuple[Plan, int]], list[str]]:
    """Read ``path`` into plans (each with the line its event begins on) and notes for the summary.

    Raises ``ValidationError`` (with lines) for a file that is not well-formed iCalendar.
    """
    source = "ics:" + path.name
    problems: list[Problem] = []
    with warnings.catch_warnings(record=True) as caught:  # the library's guesses become notes, not noise
        warnings.simplefilter("always")
        events = [e for where, c in _read_events(path) if (e := _event(path, where, c, problems)) is not None]
    if problems:
        raise _refuse(path, problems)
    guesses = dict.fromkeys(str(w.message).split(" See RFC")[0] for w in caught)
    masters: dict[str, _Event] = {}
    overrides: dict[str, list[_Event]] = {}
    for event in events:
        if event.recurrence_id is None:
            if event.uid in masters:
                first = masters[event.uid].where.begin
                problems.append(
                    Problem(
                        "UID",
                        f"'{event.uid}' is also the UID of the event on line {first}",
                        event.where.begin,
                    )
                )
            masters[event.uid] = event
        else:
            overrides.setdefault(event.uid, []).append(event)
    if problems:
        raise _refuse(path, problems)

    horizon = today(repo.clock) + EXPAND_AHEAD
    plans: list[tuple[Plan, int]] = []
    notes = [f"Note: {guess}" for guess in guesses]
    for uid, master in masters.items():
        changes = {
            _instant(o.recurrence_id): o for o in overrides.pop(uid, []) if o.recurrence_id is not None
        }
        try:
            plans += _series(master, changes, source, horizon, notes)
        except (ValueError, TypeError, OverflowError) as exc:  # a rule dateutil cannot work through
            line = master.where.lines.get("RRULE", master.where.begin)
            problems.append(Problem("RRULE", f"the repeat rule cannot be worked out ({exc})", line))
    if problems:
        raise _refuse(path, problems)
    for uid, orphans in overrides.items():  # changed occurrences whose series is not in the file
        for change in orphans:
            key = f"{uid}#{_recurrence_key(change.recurrence_id)}"  # type: ignore[arg-type]
            if not change.cancelled:
                plans.append((_plan(change, source, key, change.start, change.end), change.where.begin))
    return plans, notes


def import_ics(repo: Repository, path: Path) -> IcsImportResult:
    """Bring the events of the iCalendar file ``path`` into ``repo`` as plans: all of them, or none.

    Plans are matched by source ("ics:" + the file's name) and the event's UID: a changed event
    updates its plan (its sequence grows), an unchanged one is left alone, and plans whose event is
    gone from the file are kept and listed. Raises ``ValidationError`` naming each problem's line.
    """
    plans, notes = read_plans(repo, path)
    source = "ics:" + path.name
    existing = {p.source_uid: p for p in repo.plans() if p.source == source}
    seen: set[str] = set()
    to_add: list[Plan] = []
    to_update: list[Plan] = []
    unchanged = 0
    problems: list[Problem] = []
    for plan, line in plans:
        if plan.source_uid in seen:
            problems.append(Problem("UID", f"'{plan.source_uid}' is given twice", line))
            continue
        seen.add(plan.source_uid)
        old = existing.get(plan.source_uid)
        if old is not None:
            plan = _merge(old, plan)
            if plan.content() == old.content():
                unchanged += 1
                continue
        problems += [Problem(p.field, p.message, line) for p in repo.check(plan)]
        (to_add if old is None else to_update).append(plan)
    if problems:
        raise _refuse(path, problems)
    if to_add or to_update:
        with repo.transaction():
            repo.add_many(to_add)
            for plan in to_update:
                repo.update(plan)
    gone = tuple(_label(p) for uid, p in existing.items() if uid not in seen)
    return IcsImportResult(source, len(to_add), len(to_update), unchanged, gone, tuple(notes))


def _merge(old: Plan, new: Plan) -> Plan:
    """``new`` as an update of ``old``: what the person added in Praxis (placement, reminders,
    a kind they chose) is kept; what the file says (title, times, rule, place, notes) wins."""
    kind = old.kind if old.kind != guess_kind(old.title) else new.kind
    return replace(
        new,
        id=old.id,
        created=old.created,
        updated=old.updated,
        sequence=old.sequence,
        kind=kind,
        placement_id=old.placement_id,
        reminders=list(old.reminders),
        extra=dict(old.extra),
    )


def _label(plan: Plan) -> str:
    when = f"{plan.date:%a} {plan.date.day} {plan.date:%b %Y}" if plan.date else "no date"
    return f"{plan.title} ({when})"


def is_ics(path: Path, suffixes: Iterable[str] = SUFFIXES) -> bool:
    """Whether ``path`` is named as an iCalendar file."""
    return path.suffix.lower() in tuple(suffixes)


__all__ = ["IcsImportResult", "guess_kind", "import_ics", "is_ics", "read_plans"]
