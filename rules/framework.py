"""What a framework file says, as typed objects: versions, periods, requirements, filters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from praxis_socialwork.store import vocab

PERIOD_KINDS = ("yearly", "registration", "rolling", "placement", "course")
COUNTED_FROM = ("registration", "first-post")
CHOSEN_BY = ("period", "registration", "period-start")
REQUIREMENT_KINDS = ("count", "hours", "days", "coverage", "distinct", "cadence", "quality")
RECORD_SETS = ("activities", "reflections", "days", "placements")
CONFIDENCE = ("H", "M", "U")
# A version `from` this day means its sources give no start date (rules/frameworks/FORMAT.md).
PLACEHOLDER_START = date(2000, 1, 1)


@dataclass(frozen=True)
class Filter:
    """Which records a requirement counts. Empty fields match everything."""

    status: tuple[str, ...] = ("complete",)
    types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    standards: str = ""
    peer_reflection: bool | None = None
    day_kinds: tuple[str, ...] = vocab.COUNTED_DAY_KINDS
    setting: tuple[str, ...] = ()
    placement_kind: tuple[str, ...] = ()
    verified: bool = False  # only records a practice educator's sign-off still verifies
    filled: tuple[str, ...] = ()  # activities: only those with every one of these fields written


@dataclass(frozen=True)
class Extension:
    """A registration period lengthened by a regulator's decision (Social Care Wales, Covid-19): the
    period current on ``current_on`` runs ``years``/``months`` longer, and ``credit`` (a share, 0–1)
    of an hours requirement in it is treated as done."""

    current_on: date
    years: int = 0
    months: int = 0
    credit: float = 0.0


@dataclass(frozen=True)
class Period:
    """How a version's periods are laid out (see FORMAT.md, "Periods")."""

    kind: str
    start: tuple[int, int] = (1, 1)  # yearly: (month, day)
    years: int = 0
    months: int = 0
    repeat: bool = True
    due_before_end_days: int = 0
    due_after_end_months: int = 0  # evidence is due this many months after the period ends
    counted_from: str = "registration"  # registration periods: "registration" or "first-post"
    joiners_owe_nothing_from: tuple[int, int] | None = None  # yearly: (month, day); see FORMAT.md
    extensions: tuple[Extension, ...] = ()


@dataclass(frozen=True)
class GapStep:
    """A cadence's allowed gap while the period is young: ``max_gap_days`` after a record dated before
    ``until_weeks``/``until_months`` from the period's start (no limit: for the rest of it)."""

    max_gap_days: int
    until_weeks: int = 0
    until_months: int = 0


@dataclass(frozen=True)
class With:
    """A count's "at least M of them with X", reported as its own finding."""

    id: str
    title: str
    need: float
    filter: Filter


@dataclass(frozen=True)
class Requirement:
    """One thing a version asks for."""

    id: str
    kind: str
    title: str
    need: float | str = 0
    unit: str = ""
    advisory: bool = False
    confidence: str = "H"
    note: str = ""
    records: str = "activities"
    filter: Filter = field(default_factory=Filter)
    caps: dict[str, float] = field(default_factory=dict)
    items: tuple[str, ...] = ()
    per_item: int = 1
    field_name: str = ""
    fields: tuple[str, ...] = ()
    max_gap_days: int = 0
    gap_steps: tuple[GapStep, ...] = ()  # a cadence whose allowed gap changes over the period
    with_: With | None = None
    period: Period | None = None  # its own period, instead of the version's


@dataclass(frozen=True)
class Version:
    """The rules in force between two dates."""

    id: str
    starts: date
    ends: date | None
    period: Period
    requirements: tuple[Requirement, ...]
    chosen_by: str = "period"
    confidence: str = "H"
    source: str = ""
    note: str = ""

    def in_force(self, day: date) -> bool:
        """Whether this version applies on ``day``."""
        return self.starts <= day and (self.ends is None or day <= self.ends)


@dataclass(frozen=True)
class PlacementDefault:
    """What a course usually asks of a placement of one kind (``first``, ``final``, ``skills``): its
    days, and the setting it is usually in ("" when the framework does not say). Setup's defaults."""

    kind: str
    days: int
    setting: str = ""


@dataclass(frozen=True)
class Framework:
    """A requirement framework: a regulator's, a course's, or one a person wrote."""

    id: str
    name: str
    audience: tuple[str, ...]
    versions: tuple[Version, ...]
    sources: tuple[str, ...] = ()
    country: str = ""
    notes: str = ""
    path: Path | None = None
    bundled: bool = True
    placements: tuple[PlacementDefault, ...] = ()  # in the order the file gives them
    missed: str = ""  # what to do when a period closes unmet (e.g. whom to contact)

    def version_on(self, day: date) -> Version | None:
        """Return the version in force on ``day``, or None if none is."""
        for version in self.versions:
            if version.in_force(day):
                return version
        return None
