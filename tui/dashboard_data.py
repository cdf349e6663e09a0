"""What the dashboard shows, worked out from the records; and a small cache of it for a fast start.

No Textual here. ``build`` asks the gap engine and adds up hours per week; ``DashboardCache`` keeps
the last result beside the store (owner-only), keyed by the store files' size and modification time,
the day, the frameworks and the Praxis version. The app paints the dashboard from the cache at once
and opens the store in the background; if anything differs, the cache is simply not used.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store import __version__, atomic_write, config_dir
from store.vocab import COUNTED_DAY_KINDS

if TYPE_CHECKING:
    from rules import Finding
    from tui.session import Session

WEEKS_SHOWN = 8
DEADLINES_SHOWN = 6
CACHE_FORMAT = 1


@dataclass(frozen=True)
class Deadline:
    """A date something is due, what it is, and how many days are left."""

    due: date
    label: str
    days_left: int


@dataclass
class DashboardData:
    """Everything the dashboard draws."""

    on: date
    frameworks: list[tuple[str, str]]  # (id, name) in the profile's order
    findings: list[Finding]
    deadlines: list[Deadline]
    weeks: list[tuple[date, float, float]]  # (Monday, CPD hours, placement hours)
    counts: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The data as JSON-ready values (for the cache)."""
        return {
            "on": self.on.isoformat(),
            "frameworks": [list(f) for f in self.frameworks],
            "findings": [f.to_json() for f in self.findings],
            "deadlines": [[d.due.isoformat(), d.label, d.days_left] for d in self.deadlines],
            "weeks": [[w.isoformat(), a, p] for w, a, p in self.weeks],
            "counts": self.counts,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DashboardData:
        """Rebuild from ``to_json``'s output."""
        from rules.findings import Finding

        return cls(
            on=date.fromisoformat(data["on"]),
            frameworks=[(a, b) for a, b in data["frameworks"]],
            findings=[Finding.from_json(f) for f in data["findings"]],
            deadlines=[Deadline(date.fromisoformat(d), label, n) for d, label, n in data["deadlines"]],
            weeks=[(date.fromisoformat(w), a, p) for w, a, p in data["weeks"]],
            counts=dict(data.get("counts", {})),
        )


def build(session: Session) -> DashboardData:
    """Work out the dashboard for the session's store as of its today."""
    on = session.today()
    findings = session.findings(on)
    names = session.catalogue.frameworks
    ids = session.framework_ids()
    frameworks = [(fid, names[fid].name if fid in names else fid) for fid in ids]
    return DashboardData(
        on=on,
        frameworks=frameworks,
        findings=findings,
        deadlines=deadlines(findings, dict(frameworks), on, session),
        weeks=weekly_hours(session, on),
        counts={
            "activities": len(session.activities()),
            "placements": len(session.placements()),
            "days": len(session.days()),
            "reflections": len(session.reflections()),
        },
    )


def deadlines(findings: list[Finding], names: dict[str, str], on: date, session: Session) -> list[Deadline]:
    """The next dates something is due: unmet requirements' due dates and placements' planned ends."""
    found: dict[tuple[date, str], Deadline] = {}
    for f in findings:
        if f.due is None or f.due < on or f.status in ("met", "info"):
            continue
        label = f"{_short(names.get(f.framework, f.framework))} · {f.title}"
        key = (f.due, f.framework)
        if key in found:  # one line per framework and date: "and 2 more"
            label = found[key].label.split(" (+")[0]
            more = sum(1 for g in findings if g.framework == f.framework and g.due == f.due
                       and g.status not in ("met", "info")) - 1  # fmt: skip
            label = f"{label} (+{more} more)"
        found[key] = Deadline(f.due, label, (f.due - on).days)
    for p in session.placements():
        end = p.planned_end
        if end is not None and end >= on and (p.start is None or p.start <= end):
            found[(end, p.id)] = Deadline(end, f"{p.name}: planned end", (end - on).days)
    return sorted(found.values(), key=lambda d: (d.due, d.label))[:DEADLINES_SHOWN]


def _short(name: str) -> str:
    """A framework's name without its subtitle ("Social Work England: CPD…" → "Social Work England")."""
    return name.split(":")[0].strip()


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

    def load(self, on: date) -> DashboardData | None:
        """The cached dashboard if it is still right for the store as it is now, else None."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("key") != self.key(on):
                return None
            return DashboardData.from_json(data["data"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, dashboard: DashboardData) -> None:
        """Keep ``dashboard`` for the store as it is now. Failing to write it is not an error."""
        try:
            payload = {"key": self.key(dashboard.on), "data": dashboard.to_json()}
            atomic_write(self.path, json.dumps(payload, ensure_ascii=False).encode())
        except Exception:  # noqa: BLE001 - a cache that cannot be written only costs speed
            pass
