"""The records the engine judges, and which of them count ("pieces that count")."""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

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

    @cached_property
    def pieces(self) -> Pieces:
        """The activities ready for ``pieces_that_count`` in any period (worked out once)."""
        return Pieces(self.activities)

    @cached_property
    def reflections_by_date(self) -> InDateOrder:
        """The reflections, held by date for the periods the engine asks about."""
        return InDateOrder(self.reflections)

    @cached_property
    def days_by_placement(self) -> dict[str, list[PlacementDay]]:
        """Each placement's days (by placement id), in the order of ``days``."""
        found: dict[str, list[PlacementDay]] = {}
        for d in self.days:
            found.setdefault(d.placement_id, []).append(d)
        return found


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


def _text_key(a: Activity) -> bytes | None:
    """Identify a piece by its words (what it was, what was learnt, the impact, the peer reflection),
    whatever its title and date: a copy with a new title is the same piece. A piece with fewer than
    ``MIN_WORDS`` words is identified by its title and words together; None for a piece with none.

    The key is a 128-bit BLAKE2 digest of those texts (each with its length, so no two different sets
    of texts run together alike): as exact as the texts for any store, at a fraction of their memory.
    """
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
    parts = (_title(a), *texts) if sum(t.count(" ") + 1 for t in texts if t) < MIN_WORDS else texts
    digest = hashlib.blake2b(digest_size=16)
    for text in parts:
        raw = text.encode("utf-8", "surrogatepass")
        digest.update(len(raw).to_bytes(8, "little"))
        digest.update(raw)
    return digest.digest()


def same_words(activity: Activity, others: Iterable[Activity]) -> Activity | None:
    """Return the first of ``others`` (not ``activity`` itself, by id) whose words make it the same
    piece as ``activity`` (see ``pieces_that_count``), or None."""
    key = _text_key(activity)
    if key is None:
        return None
    return next((o for o in others if o.id != activity.id and _text_key(o) == key), None)


def pieces_that_count(activities: Sequence[Activity], window: Window, on: date) -> list[Activity]:
    """Return the activities that count in ``window`` as of ``on``.

    Only completed activities dated in the period and not after ``on``; two identical pieces (the
    same date and title, or the same words whatever their titles) count once; a piece whose words
    repeat one from before the period does not count again. (``Pieces`` answers this for many
    periods of one set of activities; ``Records.pieces`` is the engine's.)
    """
    return Pieces(activities).that_count(window, on)


class InDateOrder:
    """Dated records held by date, so the ones in a range are found without looking at the rest.
    Records without a date are left out; a range comes back in the order the records were given."""

    def __init__(self, items: Iterable[Any]) -> None:
        held = sorted(
            ((day, n, x) for n, x in enumerate(items) if (day := getattr(x, "date", None)) is not None),
            key=lambda t: (t[0], t[1]),
        )
        self._dates = [t[0] for t in held]
        self._held = held

    def between(self, first: date, last: date) -> list[Any]:
        """The records dated from ``first`` to ``last`` (both included), in their given order."""
        if last < first:
            return []
        found = self._held[bisect_left(self._dates, first) : bisect_right(self._dates, last)]
        found.sort(key=lambda t: t[1])
        return [t[2] for t in found]


class Pieces:
    """The completed activities of one snapshot, ready to say which count in any period: each one's
    words worked out once, and the first date each set of words was used."""

    def __init__(self, activities: Iterable[Activity]) -> None:
        complete = [a for a in activities if a.status == "complete" and a.date is not None]
        self._by_date = InDateOrder(complete)
        self._words: dict[int, bytes | None] = {}
        self._first_used: dict[bytes, date] = {}
        for a in complete:
            key = self._words[id(a)] = _text_key(a)
            if key is not None:
                first = self._first_used.get(key)
                if first is None or a.date < first:  # type: ignore[operator]
                    self._first_used[key] = a.date  # type: ignore[assignment]

    def that_count(self, window: Window, on: date) -> list[Activity]:
        """``pieces_that_count`` for these activities."""
        start = window.start
        last = on if window.end is None else min(on, window.end)
        seen: set[object] = set()
        found = []
        for a in self._by_date.between(start, last):
            text = self._words[id(a)]
            if text is not None and self._first_used[text] < start:
                continue  # its words were used before the period
            keys = [("dated", a.date, _title(a))] + ([("text", text)] if text else [])
            if any(k in seen for k in keys):
                continue
            seen.update(keys)
            found.append(a)
        return found
