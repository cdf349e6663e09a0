"""The records Praxis keeps: a profile, activities (CPD), placements, placement days, reflections.

Records are plain dataclasses. In the store file they are JSON documents with ISO 8601 dates;
``to_doc``/``from_doc`` convert. Every record has a UUID ``id`` (also its iCal UID), created and
updated timestamps, and a ``sequence`` that grows by one on each edit.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from typing import Any, ClassVar, Self

from praxis_socialwork.store import vocab


@dataclass(kw_only=True)
class Record:
    """What every record has: identity and edit history."""

    KIND: ClassVar[str] = ""
    TABLE: ClassVar[str] = ""
    DATE_FIELDS: ClassVar[tuple[str, ...]] = ()

    id: str = ""
    created: str = ""
    updated: str = ""
    sequence: int = 0
    # Keys found in the file that this version does not know; kept so nothing is lost.
    extra: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def to_doc(self) -> dict[str, Any]:
        """Return the record as a JSON-ready document (dates as ISO strings)."""
        doc: dict[str, Any] = {}
        for f in _field_names(type(self)):
            value = getattr(self, f)
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, list):
                value = list(value)
            elif isinstance(value, dict):
                value = dict(value)
            doc[f] = value
        doc.update(self.extra)
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Self:
        """Build a record from a stored document; unknown keys are kept in ``extra``."""
        names, defaults, factories, copied = _shape(cls)[1:]
        # Filling the instance's fields directly is several times faster than the generated
        # __init__, and a store is read whole at start-up; test_models checks both agree.
        record = object.__new__(cls)
        values = record.__dict__
        values.update(doc)
        extra: dict[str, Any] = {}
        if not names.issuperset(doc):
            extra = {k: doc[k] for k in doc.keys() - names}
            for key in extra:
                del values[key]
        if len(values) < len(names):  # an older or hand-made document: fill in the defaults
            for key, value in defaults.items():
                values.setdefault(key, value)
            for key, factory in factories:
                if key not in values:
                    values[key] = factory()
        for key in cls.DATE_FIELDS:
            value = values[key]
            if value.__class__ is str:
                values[key] = date.fromisoformat(value)
        for key in copied:
            value = values[key]
            if value.__class__ is list or value.__class__ is dict:
                values[key] = value.copy()  # records share nothing with the store
        values["extra"] = extra
        return record

    def content(self) -> dict[str, Any]:
        """Return the fields a person wrote, without identity or timestamps (for comparing)."""
        doc = self.to_doc()
        for key in ("id", "created", "updated", "sequence"):
            doc.pop(key, None)
        return doc


_Shape = tuple[tuple[str, ...], frozenset[str], dict[str, Any], tuple[tuple[str, Any], ...], tuple[str, ...]]
_SHAPES: dict[type, _Shape] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    return _shape(cls)[0]


def _shape(cls: type) -> _Shape:
    """A record class's stored fields: names in order and as a set, plain defaults, default
    factories, and the fields holding lists or dicts (copied on read, so records share nothing)."""
    shape = _SHAPES.get(cls)
    if shape is None:
        own = [f for f in fields(cls) if f.name != "extra"]
        names = tuple(f.name for f in own)
        defaults = {f.name: f.default for f in own if f.default is not MISSING}
        factories = tuple((f.name, f.default_factory) for f in own if f.default_factory is not MISSING)
        copied = tuple(f.name for f in own if str(f.type).startswith(("list", "dict")))
        shape = (names, frozenset(names), defaults, factories, copied)
        _SHAPES[cls] = shape
    return shape


@dataclass(kw_only=True)
class Profile(Record):
    """Who keeps this store and which requirement frameworks they follow."""

    KIND: ClassVar[str] = "profile"
    TABLE: ClassVar[str] = "profile"
    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("registered_on", "first_post_on")

    name: str = ""
    role: str = "practitioner"
    frameworks: list[str] = field(default_factory=list)
    registered_on: date | None = None
    first_post_on: date | None = None  # the first day in a first social work post (ASYE, NQSW year)
    country: str = "england"
    # Keys of confidentiality-check flags the person has looked at and kept (exports.privacy).
    privacy_reviewed: list[str] = field(default_factory=list)
    # Keys of missed periods the person has dismissed (``rules.engine.missed_key``).
    dismissed_missed: list[str] = field(default_factory=list)

    def with_dismissed(self, keys: list[str]) -> list[str]:
        """The dismissed missed periods with ``keys`` added, each once, in the order dismissed."""
        return list(dict.fromkeys([*self.dismissed_missed, *keys]))


@dataclass(kw_only=True)
class Activity(Record):
    """A piece of learning or CPD, with what was learnt and its impact on practice."""

    KIND: ClassVar[str] = "activity"
    TABLE: ClassVar[str] = "activities"
    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("date", "end_date")

    date: date | None = None
    end_date: date | None = None
    title: str = ""
    type: str = "other"
    hours: float | None = None
    provider: str = ""
    description: str = ""
    learning: str = ""
    impact: str = ""
    peer: str = ""
    peer_role: str = ""
    peer_reflection: str = ""
    standards: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    status: str = "complete"


@dataclass(kw_only=True)
class Placement(Record):
    """A practice placement: where, when, how many days it needs and who supervises it."""

    KIND: ClassVar[str] = "placement"
    TABLE: ClassVar[str] = "placements"
    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("start", "planned_end")

    name: str = ""
    agency: str = ""
    setting: str = "other"
    kind: str = "other"
    start: date | None = None
    planned_end: date | None = None
    required_days: int = 0
    weekdays: list[str] = field(default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"])
    hours_per_day: float = 7.5
    practice_educator: str = ""
    supervisor: str = ""
    # An archived placement keeps its records but is left off the Placements screen and dashboard.
    archived: bool = False

    def hours_for(self, kind: str) -> float:
        """The hours a day of ``kind`` takes when none are given: the usual day's, or 0 for a day that
        is not worked (an absence, sickness, a bank holiday)."""
        return 0.0 if kind in vocab.NO_HOURS_DAY_KINDS else self.hours_per_day


@dataclass(kw_only=True)
class PlacementDay(Record):
    """One day in a placement's register."""

    KIND: ClassVar[str] = "day"
    TABLE: ClassVar[str] = "days"
    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("date",)

    placement_id: str = ""
    date: date | None = None
    hours: float = 0.0
    kind: str = "practice"
    note: str = ""


@dataclass(kw_only=True)
class Reflection(Record):
    """A written reflection laid out by a reflective model's stages."""

    KIND: ClassVar[str] = "reflection"
    TABLE: ClassVar[str] = "reflections"
    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("date",)

    date: date | None = None
    title: str = ""
    model: str = "free"
    stages: dict[str, str] = field(default_factory=dict)
    theories: str = ""
    links: list[str] = field(default_factory=list)
    standards: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Plan(Record):
    """Something planned: a session that recurs (supervision, study days) or a one-off item.

    ``time`` is "HH:MM" in UK local time, or "" for an all-day item (then ``end_date``, if set, is
    its last day). ``rules`` holds RFC 5545 RRULE values ("FREQ=WEEKLY;COUNT=6"); several rules
    are one after another (the preset "weekly for 6 weeks, then fortnightly"). ``skipped`` lists
    the ISO dates of occurrences that will not happen; ``moved`` maps an occurrence's ISO date to
    its new ISO start ("2026-12-03T14:00", or a date for an all-day item). Items brought in from a
    calendar file keep that file's UID in ``source_uid`` (so importing it again updates them).
    """

    KIND: ClassVar[str] = "plan"
    TABLE: ClassVar[str] = "plans"
    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("date", "end_date")

    title: str = ""
    kind: str = "other"
    date: date | None = None
    time: str = ""
    minutes: int = 60
    end_date: date | None = None
    rules: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    moved: dict[str, str] = field(default_factory=dict)
    location: str = ""
    notes: str = ""
    placement_id: str = ""
    reminders: list[int] = field(default_factory=list)  # minutes before each occurrence
    source: str = ""
    source_uid: str = ""


@dataclass(kw_only=True)
class ReviewNote(Record):
    """What a practice educator's sign-off and a comment share: the record they are about, who
    wrote them in what role, and when (ISO 8601, UTC)."""

    record_id: str = ""
    record_kind: str = ""
    by: str = ""
    role: str = ""
    at: str = ""


@dataclass(kw_only=True)
class SignOff(ReviewNote):
    """A practice educator's confirmation of one record exactly as it was when signed.

    ``signed`` keeps the record's fields as signed and ``hash`` their SHA-256 (``store.signing``),
    so a later edit shows as "changed since sign-off" with the fields that changed. A sign-off made
    with a signing key carries the key (``public_key``) and an Ed25519 ``signature`` over the record's
    hash, who, role, when and the comment; editing any of them breaks it. Sign-offs made together
    (a week, a range) share a ``batch``.
    """

    KIND: ClassVar[str] = "signoff"
    TABLE: ClassVar[str] = "signoffs"

    comment: str = ""
    batch: str = ""
    signed: dict[str, Any] = field(default_factory=dict)
    hash: str = ""
    public_key: str = ""  # base64 of the raw Ed25519 public key ("" when signed without a key)
    signature: str = ""  # base64 Ed25519 signature over store.signing.statement(...)


@dataclass(kw_only=True)
class Comment(ReviewNote):
    """A comment on any record, in a thread (``parent_id`` is the comment it answers).

    ``status`` is ``comment``, ``changes-requested`` (the student is asked to change the record) or
    ``resolved`` (an earlier request is settled). Students' replies have the role ``student``.
    """

    KIND: ClassVar[str] = "comment"
    TABLE: ClassVar[str] = "comments"

    parent_id: str = ""
    text: str = ""
    status: str = "comment"


RECORD_TYPES: dict[str, type[Record]] = {
    cls.KIND: cls for cls in (Profile, Activity, Placement, PlacementDay, Reflection, Plan, SignOff, Comment)
}
