"""A store's records listed kind by kind: the lists the repository (reading the file) and the app's
session (holding them in memory) both offer, each over its own ``all(kind)``."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from praxis_socialwork.store.models import (
    Activity,
    Comment,
    Placement,
    PlacementDay,
    Plan,
    Record,
    Reflection,
    SignOff,
)

R = TypeVar("R", bound=Record)

# Every kind of record but the profile, in the order ``every_record`` lists them.
RECORD_KINDS: tuple[type[Record], ...] = (
    Reflection,
    Activity,
    PlacementDay,
    Plan,
    Placement,
    SignOff,
    Comment,
)


if TYPE_CHECKING:
    from praxis_socialwork.store.trust import Trust


class RecordLists:
    """Each kind of record as a list, in date order, over ``all(kind)``, which a subclass provides."""

    def all(self, kind: type[R]) -> list[R]:
        """Every record of ``kind``, in date order."""
        raise NotImplementedError

    def trust(self) -> Trust:
        """The signing keys confirmed as their signers' (``store.trust``), which a subclass provides."""
        raise NotImplementedError

    def activities(self) -> list[Activity]:
        """Every activity, oldest first."""
        return self.all(Activity)

    def placements(self) -> list[Placement]:
        """Every placement, by start date."""
        return self.all(Placement)

    def days(self, placement_id: str | None = None) -> list[PlacementDay]:
        """Placement days, oldest first; only one placement's given ``placement_id``."""
        found = self.all(PlacementDay)
        return found if placement_id is None else [d for d in found if d.placement_id == placement_id]

    def reflections(self) -> list[Reflection]:
        """Every reflection, oldest first."""
        return self.all(Reflection)

    def plans(self) -> list[Plan]:
        """Every plan (recurring sessions, planned items), by first date."""
        return self.all(Plan)

    def signoffs(self) -> list[SignOff]:
        """Every practice educator's sign-off, oldest first."""
        return self.all(SignOff)

    def comments(self) -> list[Comment]:
        """Every comment, oldest first."""
        return self.all(Comment)

    def every_record(self) -> list[Record]:
        """Every record but the profile: reflections, activities, days, plans, placements, sign-offs,
        comments (each kind oldest first)."""
        return [r for kind in RECORD_KINDS for r in self.all(kind)]

    def reviewable(self) -> list[Record]:
        """The records a sign-off or a comment may be about: days, activities, reflections and
        placements (each kind oldest first), as ``rules.review.ReviewBook`` takes them."""
        return [*self.days(), *self.activities(), *self.reflections(), *self.placements()]


class BuiltOnce(RecordLists):
    """Another ``RecordLists``' records, each kind built the first time it is asked for and kept: for
    a command that reads the store more than once (a bundle and its confidentiality check)."""

    def __init__(self, source: RecordLists) -> None:
        self._source = source
        self._built: dict[type[Record], list[Record]] = {}

    def all(self, kind: type[R]) -> list[R]:
        """``source.all(kind)``, built once; each call gets its own list."""
        if kind not in self._built:
            self._built[kind] = self._source.all(kind)
        return list(self._built[kind])  # type: ignore[arg-type]

    def trust(self) -> Trust:
        """The source's trust."""
        return self._source.trust()
