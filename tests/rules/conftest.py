"""Helpers for the rule engine's tests: records with fresh ids, and framework files written to a folder."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from praxis_socialwork import rules
from praxis_socialwork.store import Activity, Placement, PlacementDay, Profile, Reflection


def _id() -> str:
    return str(uuid.uuid4())


class Make:
    """Builds records the way a person would have logged them; every record gets its own id."""

    def activity(self, on: date, title: str, hours: float | None = 1.0, **fields: Any) -> Activity:
        """A completed piece; unless either is given, it says what was learnt and its impact, as a
        piece of CPD must (Social Work England) — pass ``learning=""`` to leave them out."""
        if "learning" not in fields and "impact" not in fields:
            fields |= {
                "learning": f"What {title} taught me",
                "impact": f"What I do differently after {title}",
            }
        return Activity(id=_id(), date=on, title=title, hours=hours, **fields)

    def peer_piece(self, on: date, title: str, hours: float = 1.0, **fields: Any) -> Activity:
        """A piece of CPD with a peer reflection: what was discussed, and with whom."""
        return self.activity(
            on, title, hours, peer="A. Colleague", peer_reflection=f"We talked over {title}", **fields
        )

    def reflection(self, on: date, title: str = "A reflection", **fields: Any) -> Reflection:
        return Reflection(id=_id(), date=on, title=title, **fields)

    def placement(self, name: str, start: date, required_days: int, **fields: Any) -> Placement:
        return Placement(id=_id(), name=name, start=start, required_days=required_days, **fields)

    def day(self, placement: Placement, on: date, kind: str = "practice") -> PlacementDay:
        return PlacementDay(id=_id(), placement_id=placement.id, date=on, hours=7.5, kind=kind)

    def days(self, placement: Placement, first: date, n: int, kind: str = "practice") -> list[PlacementDay]:
        """``n`` days on the placement's working weekdays, from ``first`` onwards."""
        pattern = {("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(d) for d in placement.weekdays}
        out, day = [], first
        while len(out) < n:
            if day.weekday() in pattern:
                out.append(self.day(placement, day, kind))
            day += timedelta(days=1)
        return out

    def profile(self, registered_on: date | None, *frameworks: str, role: str = "practitioner") -> Profile:
        return Profile(
            id=_id(), name="Test Person", role=role, frameworks=list(frameworks), registered_on=registered_on
        )


@pytest.fixture
def make() -> Make:
    return Make()


@pytest.fixture
def write_framework(tmp_path: Path) -> Callable[..., rules.Framework]:
    """Write a framework file (a header, one version, the given period and requirements) and load it."""
    counter = iter(range(1_000_000))

    def write(
        period: str, requirements: str, *, start: str = "2000-01-01", fid: str = "test"
    ) -> rules.Framework:
        text = (
            f'id = "{fid}"\nname = "A test framework"\naudience = ["practitioner", "student"]\n\n'
            f'[[versions]]\nid = "v1"\nfrom = {start}\nconfidence = "H"\n\n'
            f"[versions.period]\n{period.strip()}\n\n{requirements.strip()}\n"
        )
        path = tmp_path / f"framework-{next(counter)}.toml"
        path.write_text(text, encoding="utf-8")
        return rules.load_framework(path)

    return write


def by_requirement(findings: Iterable[rules.Finding]) -> dict[str, rules.Finding]:
    """Index the current period's findings by requirement id (only for frameworks with one period at a
    time; an earlier period not met is shown as well, and is left out here: see ``earlier``)."""
    out: dict[str, rules.Finding] = {}
    for f in current(findings):
        assert f.requirement not in out, f"two findings for {f.requirement}: use the list"
        out[f.requirement] = f
    return out


def current(findings: Iterable[rules.Finding]) -> list[rules.Finding]:
    """The findings about the current period: all but those about a period that ended before the
    latest one began."""
    found = list(findings)
    latest = max((f.period_start for f in found if f.period_start and not f.placement), default=None)
    return [
        f for f in found if f.placement or f.period_end is None or latest is None or f.period_end >= latest
    ]


def earlier(findings: Iterable[rules.Finding]) -> list[rules.Finding]:
    """The findings about an earlier period than the latest (a period closed unmet, still shown)."""
    found = list(findings)
    now = {id(f) for f in current(found)}
    return [f for f in found if id(f) not in now]


@pytest.fixture
def one() -> Callable[[Iterable[rules.Finding]], dict[str, rules.Finding]]:
    return by_requirement
