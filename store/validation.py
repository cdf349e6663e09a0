"""Checks a record on its own; each problem names the field and says what is wrong.

Checks that need other records (a second day on the same date, a placement that must exist)
live in the repository, which holds them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime, time

from praxis_socialwork.store import vocab
from praxis_socialwork.store.dates import format_uk
from praxis_socialwork.store.errors import Problem
from praxis_socialwork.store.models import (
    Activity,
    Comment,
    Placement,
    PlacementDay,
    Plan,
    Profile,
    Record,
    Reflection,
    ReviewNote,
    SignOff,
)
from praxis_socialwork.store.standards import check_code

_FRAMEWORK_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def problems(record: Record, today: date) -> list[Problem]:
    """Return every problem with ``record`` as of ``today``; an empty list means it may be saved."""
    check = _CHECKS[type(record)]
    return check(record, today)


def _required(found: list[Problem], name: str, value: object) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        found.append(Problem(name, "is required"))


def _choice(found: list[Problem], name: str, value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        found.append(Problem(name, f"'{value}' is not a known {what}; choose one of {', '.join(allowed)}"))


def _codes(found: list[Problem], name: str, codes: list[str]) -> None:
    for code in codes:
        if (why := check_code(code)) is not None:
            found.append(Problem(name, why))


def _hours(found: list[Problem], name: str, hours: float | None, most: float) -> None:
    if hours is None:
        found.append(Problem(name, "is required"))
    elif not isinstance(hours, int | float) or isinstance(hours, bool) or not math.isfinite(hours):
        found.append(Problem(name, f"'{hours}' is not a number of hours"))
    elif hours <= 0:
        found.append(Problem(name, f"must be more than 0 (got {hours:g})"))
    elif hours > most:
        found.append(Problem(name, f"must be at most {most:g} (got {hours:g})"))


def _not_future(found: list[Problem], name: str, value: date | None, today: date, advice: str = "") -> None:
    if value is not None and value > today:
        found.append(Problem(name, f"{format_uk(value)} is in the future{advice}"))


def _profile(p: Profile, today: date) -> list[Problem]:
    found: list[Problem] = []
    _required(found, "name", p.name)
    _choice(found, "role", p.role, vocab.ROLES, "role")
    _choice(found, "country", p.country, vocab.COUNTRIES, "country")
    for fid in p.frameworks:
        if not _FRAMEWORK_ID.match(fid):
            found.append(Problem("frameworks", f"'{fid}' is not a framework id (e.g. swe, pcf)"))
    _not_future(found, "registered_on", p.registered_on, today)
    return found


def _activity(a: Activity, today: date) -> list[Problem]:
    found: list[Problem] = []
    _required(found, "date", a.date)
    _required(found, "title", a.title)
    _choice(found, "type", a.type, vocab.ACTIVITY_TYPES, "activity type")
    _choice(found, "status", a.status, vocab.ACTIVITY_STATUSES, "status")
    days = 1
    if a.date is not None and a.end_date is not None:
        if a.end_date < a.date:
            found.append(Problem("end_date", f"{a.end_date} is before the start date {a.date}"))
        else:
            days = (a.end_date - a.date).days + 1
    _hours(found, "hours", a.hours, 24.0 * days)
    if a.status == "complete":
        advice = "; a completed activity must have happened (mark it planned instead)"
        _not_future(found, "date", a.date, today, advice)
    if a.peer_reflection.strip() and not a.peer.strip():
        found.append(Problem("peer", "say who the peer reflection was with"))
    _codes(found, "standards", a.standards)
    return found


def _placement(p: Placement, today: date) -> list[Problem]:
    found: list[Problem] = []
    _required(found, "name", p.name)
    _required(found, "start", p.start)
    _choice(found, "setting", p.setting, vocab.SETTINGS, "setting")
    _choice(found, "kind", p.kind, vocab.PLACEMENT_KINDS, "placement kind")
    if not isinstance(p.required_days, int) or p.required_days <= 0:
        found.append(Problem("required_days", f"must be a whole number above 0 (got {p.required_days})"))
    if p.start is not None and p.planned_end is not None and p.planned_end < p.start:
        found.append(Problem("planned_end", f"{p.planned_end} is before the start date {p.start}"))
    if not p.weekdays:
        found.append(Problem("weekdays", "at least one working weekday is required"))
    for day in p.weekdays:
        _choice(found, "weekdays", day, vocab.WEEKDAYS, "weekday")
    _hours(found, "hours_per_day", p.hours_per_day, 24.0)
    if not isinstance(p.archived, bool):
        found.append(Problem("archived", f"must be true or false (got {p.archived!r})"))
    return found


def _day(d: PlacementDay, today: date) -> list[Problem]:
    found: list[Problem] = []
    _required(found, "placement", d.placement_id)
    _required(found, "date", d.date)
    _choice(found, "kind", d.kind, vocab.DAY_KINDS, "kind of day")
    if d.kind in vocab.NO_HOURS_DAY_KINDS and d.hours == 0:
        pass  # an absence or a bank holiday is logged with no hours
    else:
        _hours(found, "hours", d.hours, 24.0)
    _not_future(found, "date", d.date, today, "; log a day once it has happened")
    return found


def _reflection(r: Reflection, today: date) -> list[Problem]:
    found: list[Problem] = []
    _required(found, "date", r.date)
    _required(found, "title", r.title)
    _choice(found, "model", r.model, vocab.REFLECTION_MODELS, "reflective model")
    if r.model in vocab.REFLECTION_STAGES:
        stages = [name for name, _ in vocab.REFLECTION_STAGES[r.model]]
        for key in r.stages:
            if key not in stages:
                found.append(
                    Problem(
                        "stages",
                        f"'{key}' is not a stage of {r.model}; its stages are {', '.join(stages)}",
                    )
                )
    _not_future(found, "date", r.date, today)
    _codes(found, "standards", r.standards)
    return found


_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _plan(p: Plan, today: date) -> list[Problem]:
    found: list[Problem] = []
    _required(found, "date", p.date)
    _required(found, "title", p.title)
    _choice(found, "kind", p.kind, vocab.PLAN_KINDS, "kind of plan")
    if p.time and not _TIME.match(p.time):
        found.append(Problem("time", f"'{p.time}' is not a time; write it as HH:MM, e.g. 09:30"))
    if not isinstance(p.minutes, int) or isinstance(p.minutes, bool) or not 0 < p.minutes <= 24 * 60:
        found.append(Problem("minutes", f"must be whole minutes from 1 to 1440 (got {p.minutes})"))
    if p.end_date is not None and p.date is not None and p.end_date < p.date:
        found.append(Problem("end_date", f"{p.end_date} is before the start, {p.date}"))
    for rule in p.rules:
        if (why := rrule_problem(rule, p.date)) is not None:
            found.append(Problem("rules", why))
    for day in p.skipped:
        if not _is_iso_date(day):
            found.append(Problem("skipped", f"'{day}' is not a date (YYYY-MM-DD)"))
    for day, new in p.moved.items():
        if not _is_iso_date(day):
            found.append(Problem("moved", f"'{day}' is not a date (YYYY-MM-DD)"))
        if not (_is_iso_date(new) or _is_iso_datetime(new)):
            found.append(Problem("moved", f"'{new}' is not a date or a date and time (YYYY-MM-DDTHH:MM)"))
    for n in p.reminders:
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            found.append(Problem("reminders", f"'{n}' is not a number of minutes before"))
    return found


def rrule_problem(rule: str, start: date | None) -> str | None:
    """Why ``rule`` is not a usable RFC 5545 RRULE value, or None if it is."""
    from dateutil.rrule import rrulestr

    if not rule.strip() or rule.upper().startswith(("RRULE:", "DTSTART")):
        return f"'{rule}' should be an RRULE value such as FREQ=WEEKLY;COUNT=6"
    try:
        rrulestr(rule, dtstart=datetime.combine(start or date(2000, 1, 1), time()))
    except (ValueError, TypeError) as exc:
        return f"'{rule}' is not a valid repeat rule ({exc})"
    return None


def _is_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return len(text) == 10


def _is_iso_datetime(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return "T" in text


def _when(found: list[Problem], name: str, value: str) -> None:
    _required(found, name, value)
    if value:
        try:
            datetime.fromisoformat(value)
        except (TypeError, ValueError):
            found.append(Problem(name, f"'{value}' is not a date and time (e.g. 2026-11-22T12:00:00Z)"))


def _about(found: list[Problem], note: ReviewNote, what: str) -> None:
    """What a sign-off and a comment both need: the record they are about, who, and when."""
    _required(found, "record_id", note.record_id)
    _choice(found, "record_kind", note.record_kind, vocab.REVIEWED_KINDS, f"kind of record to {what}")
    _required(found, "by", note.by)
    _when(found, "at", note.at)


def _signoff(s: SignOff, today: date) -> list[Problem]:
    found: list[Problem] = []
    _about(found, s, "sign off")
    if not re.fullmatch(r"[0-9a-f]{64}", s.hash or ""):
        found.append(Problem("hash", "should be the SHA-256 of the record as signed (64 hex digits)"))
    if bool(s.public_key) != bool(s.signature):
        found.append(Problem("signature", "a signature needs its public key, and a key its signature"))
    return found


def _comment(c: Comment, today: date) -> list[Problem]:
    found: list[Problem] = []
    _about(found, c, "comment on")
    _choice(found, "status", c.status, vocab.COMMENT_STATUSES, "comment status")
    if c.status != "resolved":
        _required(found, "text", c.text)
    return found


_CHECKS: dict[type, Callable[[Record, date], list[Problem]]] = {
    SignOff: _signoff,  # type: ignore[dict-item]
    Comment: _comment,  # type: ignore[dict-item]
    Plan: _plan,  # type: ignore[dict-item]
    Profile: _profile,  # type: ignore[dict-item]
    Activity: _activity,  # type: ignore[dict-item]
    Placement: _placement,  # type: ignore[dict-item]
    PlacementDay: _day,  # type: ignore[dict-item]
    Reflection: _reflection,  # type: ignore[dict-item]
}
