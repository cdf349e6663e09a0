"""What the dashboard shows, worked out from the records; and a small cache of it for a fast start.

No Textual here. ``build`` asks the gap engine and adds up hours per week; ``DashboardCache`` keeps
the last result beside the store (owner-only), keyed by the store files' size and modification time,
the day, the frameworks and the Praxis version. The app paints the dashboard from the cache at once
and opens the store in the background; if anything differs, the cache is simply not used.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from praxis_socialwork.store import __version__, atomic_write, config_dir
from praxis_socialwork.store.vocab import COUNTED_DAY_KINDS

if TYPE_CHECKING:
    from praxis_socialwork.rules import Finding
    from praxis_socialwork.rules.schedule import PlacementPlan
    from praxis_socialwork.services.session import Session

WEEKS_SHOWN = 8
DEADLINES_SHOWN = 6
CACHE_FORMAT = 4
SESSION_DAYS = 14
SESSIONS_SHOWN = 5


@dataclass(frozen=True)
class Deadline:
    """A date something is due, what it is, and how many days are left."""

    due: date
    label: str
    days_left: int


@dataclass(frozen=True)
class Upcoming:
    """One session or planned item coming up: its day, its time ("" all day), title and place."""

    day: date
    time: str
    title: str
    location: str


@dataclass
class DashboardData:
    """Everything the dashboard draws."""

    on: date
    frameworks: list[tuple[str, str]]  # (id, name) in the profile's order
    findings: list[Finding]
    deadlines: list[Deadline]
    weeks: list[tuple[date, float, float]]  # (Monday, CPD hours, placement hours)
    counts: dict[str, int] = field(default_factory=dict)
    sessions: list[Upcoming] = field(default_factory=list)
    review: list[tuple[str, str]] = field(default_factory=list)  # (style: "warning" or "", line)
    # From the cache without the ids of the records behind each finding: what reads their JSON
    # (``complete`` calls it; None if the cache has changed since). None when the findings are whole.
    pending: Callable[[], bytes | None] | None = field(default=None, repr=False, compare=False)

    def complete(self) -> None:
        """Give each finding the records behind it, if they were left out when the cache was read."""
        if self.pending is None:
            return
        raw, self.pending = self.pending(), None
        if raw is None:
            return
        behind = json.loads(raw)
        pairs = zip(self.findings, behind, strict=True)
        self.findings[:] = [replace(f, records=tuple(ids)) for f, ids in pairs]

    def to_json(self) -> dict[str, Any]:
        """The data as JSON-ready values (for the cache)."""
        return {
            "on": self.on.isoformat(),
            "frameworks": [list(f) for f in self.frameworks],
            "findings": [f.to_json() for f in self.findings],
            "deadlines": [[d.due.isoformat(), d.label, d.days_left] for d in self.deadlines],
            "weeks": [[w.isoformat(), a, p] for w, a, p in self.weeks],
            "counts": self.counts,
            "sessions": [[u.day.isoformat(), u.time, u.title, u.location] for u in self.sessions],
            "review": [list(line) for line in self.review],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DashboardData:
        """Rebuild from ``to_json``'s output."""
        from praxis_socialwork.rules.findings import Finding

        return cls(
            on=date.fromisoformat(data["on"]),
            frameworks=[(a, b) for a, b in data["frameworks"]],
            findings=[Finding.from_json(f) for f in data["findings"]],
            deadlines=[Deadline(date.fromisoformat(d), label, n) for d, label, n in data["deadlines"]],
            weeks=[(date.fromisoformat(w), a, p) for w, a, p in data["weeks"]],
            counts=dict(data.get("counts", {})),
            sessions=[Upcoming(date.fromisoformat(d), *rest) for d, *rest in data["sessions"]],
            review=[(style, line) for style, line in data.get("review", [])],
        )


def build(session: Session) -> DashboardData:
    """Work out the dashboard for the session's store as of its today."""
    on = session.today()
    archived = {p.name for p in session.placements() if p.archived}  # their findings are not shown
    findings = [f for f in session.findings(on) if not (f.placement and f.placement in archived)]
    names = session.catalogue.frameworks
    ids = session.framework_ids()
    frameworks = [(fid, names[fid].name if fid in names else fid) for fid in ids]
    return DashboardData(
        on=on,
        frameworks=frameworks,
        findings=findings,
        deadlines=deadlines(findings, on, session),
        sessions=next_sessions(session, on),
        weeks=weekly_hours(session, on),
        review=review_lines(session, on),
        counts={
            "activities": len(session.activities()),
            "placements": len(session.placements()),
            "days": len(session.days()),
            "reflections": len(session.reflections()),
        },
    )


def review_lines(session: Session, on: date) -> list[tuple[str, str]]:
    """What the student's practice educator has said, for the dashboard: changes asked for and
    records changed since sign-off (as warnings), then each current placement's verified days.
    Empty until there is a sign-off or a comment."""
    from praxis_socialwork.rules.review import NEEDS_ATTENTION, verified_totals

    if not session.signoffs() and not session.comments():
        return []
    book = session.review_book()
    lines: list[tuple[str, str]] = []
    for review in book.changes_requested():
        asked = review.changes_requested
        title = getattr(review.record, "title", "") or review.record.KIND
        when = getattr(review.record, "date", None)
        what = f"day {when:%d %b}" if review.record.KIND == "day" and when else f"'{title}'"
        lines.append(("warning", f"Changes asked for: {what} ({asked.by if asked else ''})"))
    flagged: dict[str, int] = {}
    for d in session.days():
        status = book.of(d).status
        if status in NEEDS_ATTENTION:
            flagged[status] = flagged.get(status, 0) + 1
    words = _flagged_words()
    for status, n in flagged.items():
        lines.append(("warning", f"{n} day{'s' if n != 1 else ''} {words[status]}"))
    for p in session.active_placements():
        if p.start and p.start <= on <= (p.planned_end or date.max):
            t = verified_totals(book, session.days(p.id))
            line = f"{p.name}: {t.days} of {t.days + t.unverified_days} days verified ({t.hours:g} h)"
            if t.recorded_days:
                line += f"; {t.recorded_days} signed off without a confirmed key"
            lines.append(("", line))
    return lines


def _flagged_words() -> dict[str, str]:
    """What the dashboard says of days whose sign-off needs the student's eye, by review status."""
    from praxis_socialwork.rules import review

    return {
        review.CHANGED: "changed since sign-off",
        review.BAD_SIGNATURE: "with a signature that does not match: not counted",
        review.KEY_CHANGED: "signed under your educator's name with another key: not counted",
        review.DOWNGRADED: "once key-signed, now without a key signature: not verified",
        review.UNCONFIRMED_KEY: "signed with a key you have not confirmed (Ctrl+P, keys: confirm)",
    }


def deadlines(findings: list[Finding], on: date, session: Session) -> list[Deadline]:
    """The next dates something is due (``rules.schedule.deadlines``: unmet requirements, placements'
    midpoints and ends, the ends worked out from each placement's plan), soonest first."""
    from praxis_socialwork.rules.schedule import deadlines as due_dates

    plans = placement_plans(session, on)
    return [
        Deadline(d.due, d.title, (d.due - on).days)
        for d in due_dates(findings, session.active_placements(), plans, on)
    ][:DEADLINES_SHOWN]


def placement_plans(session: Session, on: date) -> dict[str, PlacementPlan]:
    """Each placement's plan (working days still needed, bank holidays skipped) as of ``on``."""
    from praxis_socialwork.rules.placement_outlook import country_of
    from praxis_socialwork.rules.schedule import placement_plan

    country = country_of(session.profile())
    placements = session.active_placements()  # an archived placement has nothing more to plan
    return {p.id: placement_plan(p, session.days(p.id), country, on) for p in placements}


def next_sessions(session: Session, on: date, days: int = SESSION_DAYS) -> list[Upcoming]:
    """The sessions and planned items in the next ``days`` days, soonest first."""
    from praxis_socialwork.rules.schedule import occurrences

    found: list[Upcoming] = []
    last = on + timedelta(days=days)
    for plan in session.plans():
        for o in occurrences(plan, on, last):
            when = o.start.date() if isinstance(o.start, datetime) else o.start
            if when < on:
                continue
            time = o.start.strftime("%H:%M") if isinstance(o.start, datetime) else ""
            found.append(Upcoming(when, time, o.title, o.location))
    found.sort(key=lambda u: (u.day, u.time, u.title))
    return found[:SESSIONS_SHOWN]


def weekly_hours(session: Session, on: date, weeks: int = WEEKS_SHOWN) -> list[tuple[date, float, float]]:
    """Hours of completed CPD and of counted placement days in each of the last ``weeks`` weeks."""
    this_monday = on - timedelta(days=on.weekday())
    first = this_monday - timedelta(weeks=weeks - 1)
    cpd = [0.0] * weeks
    placement = [0.0] * weeks
    for a in session.activities():
        if a.date is not None and first <= a.date <= on and a.status == "complete" and a.hours:
            cpd[(a.date - first).days // 7] += a.hours
    for d in session.days():
        if d.date is not None and first <= d.date <= on and d.kind in COUNTED_DAY_KINDS:
            placement[(d.date - first).days // 7] += d.hours
    return [(first + timedelta(weeks=i), cpd[i], placement[i]) for i in range(weeks)]


def _framework_files() -> list[str]:
    """The user's own framework files, by name, size and time (a change there changes the findings)."""
    folder = config_dir() / "frameworks"
    try:
        return sorted(f"{e.name}:{e.stat().st_size}:{e.stat().st_mtime_ns}" for e in os.scandir(folder))
    except OSError:
        return []


class DashboardCache:
    """The last dashboard worked out for one store, kept in a file beside it."""

    def __init__(self, store_path: Path) -> None:
        self.store_path = store_path
        self.path = store_path.with_name(store_path.name + ".dashboard")

    def key(self, on: date) -> str:
        """What must be the same for a cached dashboard to be right: the store files, day, version."""
        parts = [__version__, str(CACHE_FORMAT), on.isoformat()]
        for p in (self.store_path, self.store_path.with_name(self.store_path.name + ".journal")):
            try:
                st = p.stat()
                parts.append(f"{st.st_size}:{st.st_mtime_ns}")
            except OSError:
                parts.append("-")
        parts += _framework_files()
        return "|".join(parts)

    def load(self, on: date, *, records: bool = True) -> DashboardData | None:
        """The cached dashboard if it is still right for the store as it is now, else None.

        With ``records=False`` the findings come without the records behind them, until
        ``DashboardData.complete``: on 100,000 records that is most of the file (13 MB of ids), and
        the dashboard can be drawn without them."""
        try:
            with self.path.open("rb") as f:
                head = f.readline()
                behind = f.read() if records else None
            data = json.loads(head)
            if data.get("key") != self.key(on):
                return None
            dashboard = DashboardData.from_json(data["data"])
            dashboard.pending = (lambda: behind) if behind is not None else partial(self._behind, head)
            if records:
                dashboard.complete()
            return dashboard
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _behind(self, head: bytes) -> bytes | None:
        """The second line of the cache, if its first is still ``head``; else None."""
        try:
            with self.path.open("rb") as f:
                return f.read() if f.readline() == head else None
        except OSError:
            return None

    def save(self, dashboard: DashboardData) -> None:
        """Keep ``dashboard`` for the store as it is now. Failing to write it is not an error.

        The file is two lines of JSON: the key and what the dashboard draws, then the ids of the
        records behind each finding (read only when wanted; JSON keeps a newline in text escaped)."""
        try:
            data = dashboard.to_json()
            behind = [f.pop("records", []) for f in data["findings"]]
            head = json.dumps({"key": self.key(dashboard.on), "data": data}, ensure_ascii=False)
            atomic_write(self.path, f"{head}\n{json.dumps(behind)}".encode())
        except Exception:  # noqa: BLE001 - a cache that cannot be written only costs speed
            pass
