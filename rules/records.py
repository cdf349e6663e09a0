"""The records the engine judges, and which of them count ("pieces that count")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from praxis_socialwork.rules.framework import Filter
from praxis_socialwork.rules.periods import Window
from praxis_socialwork.store import (
    Activity,
    Comment,
    Placement,
    PlacementDay,
    Record,
    Reflection,
    SignOff,
)
from praxis_socialwork.store.record_lists import RecordLists
from praxis_socialwork.store.trust import NO_TRUST, Trust


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


_TITLES: dict[str, str] = {}


def _title(a: Activity) -> str:
    """An activity's title, normalised; remembered, as every period asks again."""
    key = _TITLES.get(a.title)
    if key is None:
        key = _TITLES[a.title] = _norm(a.title)
    return key


@dataclass
class Records:
    """Everything the engine may look at, by kind: the one snapshot of a store that the engine and the
    reports take (``Records.read``; the app's comes from its session)."""

    activities: list[Activity] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    days: list[PlacementDay] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)
    signoffs: list[SignOff] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    trust: Trust = NO_TRUST  # the signing keys confirmed as their signers' (``store.trust``)

    def __post_init__(self) -> None:
        self.placement_by_id = {p.id: p for p in self.placements}

    @classmethod
    def read(cls, repo: RecordLists) -> Records:
        """The records as they are now (a store's, or the app's session's), read once."""
        return cls(repo.activities(), repo.placements(), repo.days(), repo.reflections(), repo.signoffs(),
                   repo.comments(), repo.trust())  # fmt: skip

    @cached_property
    def verified(self) -> frozenset[str]:
        """The ids of the records a practice educator's sign-off still verifies (``rules.review``)."""
        if not self.signoffs:
            return frozenset()
        from praxis_socialwork.rules.review import ReviewBook

        every: list[Record] = [*self.days, *self.activities, *self.reflections, *self.placements]
        return ReviewBook(every, self.signoffs, self.comments, self.trust).verified_ids()


def matches(record: Record, f: Filter, records: Records) -> bool:
    """Whether one record passes a filter (drafts and planned activities never do)."""
    if isinstance(record, Activity):
        if record.status not in f.status or record.status != "complete":
            return False
        if f.types and record.type not in f.types:
            return False
        if f.peer_reflection is not None and f.peer_reflection != has_peer_reflection(record):
            return False
        if f.filled and not all(str(getattr(record, name, "") or "").strip() for name in f.filled):
            return False
    if f.verified and record.id not in records.verified:
        return False
    if isinstance(record, PlacementDay):
        if record.kind not in f.day_kinds:
            return False
        placement = records.placement_by_id.get(record.placement_id)
        if placement is None:
            return False
        if (f.setting and placement.setting not in f.setting) or (
            f.placement_kind and placement.kind not in f.placement_kind
        ):
            return False
    if isinstance(record, Placement):
        if (f.setting and record.setting not in f.setting) or (
            f.placement_kind and record.kind not in f.placement_kind
        ):
            return False
    if f.tags:
        tags = {t.strip().lower() for t in getattr(record, "tags", [])}
        if not tags & set(f.tags):
            return False
    if f.standards:
        if not any(code.startswith(f.standards) for code in getattr(record, "standards", [])):
            return False
    return True


def has_peer_reflection(activity: Activity) -> bool:
    """Whether an activity records a peer reflection: what was discussed, and with whom."""
    return bool(activity.peer_reflection.strip() and activity.peer.strip())


# Words that make a piece its own: fewer than this (e.g. "N/A" in one field), and the title must match
# too before two pieces are taken for one.
MIN_WORDS = 5


def _text_key(a: Activity) -> tuple[str, ...] | None:
    """Identify a piece by its words (what it was, what was learnt, the impact, the peer reflection),
    whatever its title and date: a copy with a new title is the same piece. A piece with fewer than
    ``MIN_WORDS`` words is identified by its title and words together; None for a piece with none."""
    # A reused piece is a copy: its words match once trimmed, whatever their case (cheaper than
    # normalising the spacing of every text, and every earlier piece is asked).
    texts = (
        a.description.strip().lower(),
        a.learning.strip().lower(),
        a.impact.strip().lower(),
        a.peer_reflection.strip().lower(),
    )
    if not any(texts):
        return None
    if sum(t.count(" ") + 1 for t in texts if t) < MIN_WORDS:
        return (_title(a), *texts)
    return texts


def same_words(activity: Activity, others: Iterable[Activity]) -> Activity | None:
    """Return the first of ``others`` (not ``activity`` itself, by id) whose words make it the same
    piece as ``activity`` (see ``pieces_that_count``), or None."""
    key = _text_key(activity)
    if key is None:
        return None
    return next((o for o in others if o.id != activity.id and _text_key(o) == key), None)


def pieces_that_count(activities: Iterable[Activity], window: Window, on: date) -> list[Activity]:
    """Return the activities that count in ``window`` as of ``on``.

    Only completed activities dated in the period and not after ``on``; two identical pieces (the
    same date and title, or the same words whatever their titles) count once; a piece whose words
    repeat one from before the period does not count again.
    """
    start = window.start
    last = on if window.end is None else min(on, window.end)
    candidates: list[Activity] = []
    earlier: list[Activity] = []
    for a in activities:
        day = a.date
        if day is None or a.status != "complete":
            continue
        if day < start:
            earlier.append(a)
        elif day <= last:
            candidates.append(a)
    used_before = {key for a in earlier if (key := _text_key(a)) is not None}
    seen: set[object] = set()
    found = []
    for a in candidates:
        text = _text_key(a)
        if text is not None and text in used_before:
            continue
        keys = [("dated", a.date, _title(a))] + ([("text", text)] if text else [])
        if any(k in seen for k in keys):
            continue
        seen.update(keys)
        found.append(a)
    return found
