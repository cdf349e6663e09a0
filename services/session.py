"""The app's hold on one open store: records kept in memory, the findings, and undo.

Screens never touch the repository; they ask the session, which saves through the repository,
keeps its in-memory lists in step (re-reading 10,000 records after each save would take a tenth of
a second), and remembers each change so it can be undone. No Textual here: the tests drive it
directly too.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from praxis_socialwork.store import (
    Activity,
    Clock,
    Comment,
    Placement,
    PlacementDay,
    Plan,
    PraxisError,
    Profile,
    Record,
    Reflection,
    Repository,
    SignOff,
    config_dir,
    today,
)
from praxis_socialwork.store.drafts import Drafts
from praxis_socialwork.store.record_lists import RECORD_KINDS, RecordLists
from praxis_socialwork.store.repository import SORT_KEYS

if TYPE_CHECKING:
    from praxis_socialwork.rules import Catalogue, Finding, Records
    from praxis_socialwork.rules.review import ReviewBook
    from praxis_socialwork.store.signing import Educator
    from praxis_socialwork.store.trust import NewKey, Trust

R = TypeVar("R", bound=Record)


REVIEW_KINDS = (SignOff, Comment)  # all that review mode saves

UNDO_LIMIT = 50


def describe(record: Record) -> str:
    """A few words naming a record for messages ("activity 'Reading on MCA'")."""
    if isinstance(record, PlacementDay):
        when = record.date.strftime("%a %-d %b %Y") if record.date else "no date"
        return f"placement day {when}"
    label = getattr(record, "title", "") or getattr(record, "name", "")
    return f"{record.KIND} '{label}'" if label else record.KIND


@dataclass(frozen=True)
class Change:
    """One saved change that undo can take back: each record it touched, as it was before and after
    (None: not there). A batch (a week's sign-offs, an import) is one change, undone in one go."""

    verb: str  # "added", "edited", "deleted", "signed off", "imported"
    pairs: tuple[tuple[Record | None, Record | None], ...]
    label: str = ""  # what it was done to, when that is not one record (a file's name)

    @classmethod
    def one(cls, verb: str, before: Record | None, after: Record | None) -> Change:
        """A change to one record."""
        return cls(verb, ((before, after),))

    def describe(self) -> str:
        """Say what the change was, in a few words."""
        n = len(self.pairs)
        count = f"{n} record{'s' if n != 1 else ''}"
        if self.label:
            return f"{self.verb} {self.label} ({count})"
        records = [after or before for before, after in self.pairs]
        if n != 1:
            places = [r for r in records if isinstance(r, Placement)]
            days = sum(1 for r in records if isinstance(r, PlacementDay))
            if len(places) == 1 and days == n - 1:  # a placement with its days
                return f"{self.verb} {describe(places[0])} and {days} day{'s' if days != 1 else ''}"
            if days == n:
                return f"{self.verb} {n} placement days"
            return f"{self.verb} {count}"
        record = records[0]
        assert record is not None
        return f"{self.verb} {describe(record)}"


# The order records are put back in (a placement before its days, days before the reflections on
# them, records before their sign-offs) and, reversed, taken away in.
_RANK = {Placement: 0, PlacementDay: 1, Activity: 1, Plan: 1, Reflection: 2, SignOff: 3, Comment: 3}


def _rank(record: Record) -> int:
    return _RANK.get(type(record), 1)


class Session(RecordLists):
    """An open store as the app sees it. Every method is safe to call from a worker thread."""

    def __init__(self, repo: Repository, clock: Clock, catalogue: Catalogue | None = None) -> None:
        self.repo = repo
        self.clock = clock
        self.lock = threading.RLock()
        self.drafts = Drafts(repo.path)
        self.version = 0  # grows with every change, so screens know when to refresh
        self._catalogue = catalogue
        self._lists: dict[type[Record], list[Any]] = {}
        self._profile: Profile | None | bool = False  # False: not read yet
        self._findings: tuple[int, date, list[Finding]] | None = None
        self._book: tuple[int, ReviewBook] | None = None
        self._trust: tuple[int, Trust] | None = None
        self.trust_problem = ""  # why the trust file could not be read ("" when it could)
        self._undo: list[Change] = []
        self._redo: list[Change] = []  # changes undone, newest last: redo does them again
        self._generation = repo.generation  # changes by other processes read in so far
        # Set in review mode: who signs off and comments; only sign-offs and comments are saved then.
        self.reviewer: Educator | None = None

    # -- what the store holds ----------------------------------------------------------------
    @property
    def read_only_reason(self) -> str | None:
        """Why this store cannot be changed, or None when it can."""
        return self.repo.read_only_reason

    def today(self) -> date:
        """Today's date in the UK, from the injected clock."""
        return today(self.clock)

    def profile(self) -> Profile | None:
        """The store's profile, or None before setup."""
        with self.lock:
            if self._profile is False:
                self._profile = self.repo.profile()
            return self._profile  # type: ignore[return-value]

    def all(self, kind: type[R]) -> list[R]:
        """Every record of ``kind`` in date order. The list is shared: do not change it."""
        with self.lock:
            found = self._lists.get(kind)
            if found is None:
                found = self._lists[kind] = self.repo.all(kind)
            return found

    # The lists by kind (activities() … every_record()) are RecordLists', over all().

    def active_placements(self) -> list[Placement]:
        """The placements not archived, by start date (those the Placements screen and dashboard show)."""
        return [p for p in self.all(Placement) if not p.archived]

    def review_book(self) -> ReviewBook:
        """Each record's sign-offs and comments, checked (kept until the next change)."""
        from praxis_socialwork.rules.review import ReviewBook

        with self.lock:
            if self._book is None or self._book[0] != self.version:
                book = ReviewBook(self.reviewable(), self.signoffs(), self.comments(), self.trust())
                self._book = (self.version, book)
            return self._book[1]

    def trust(self) -> Trust:
        """The signing keys the student confirmed (and, in review mode, the reviewer's own key), and
        the records once signed with a key. A trust file that cannot be read trusts nothing, and
        ``trust_problem`` says why."""
        with self.lock:
            if self._trust is None or self._trust[0] != self.version:
                from praxis_socialwork.store.trust import NO_TRUST

                try:
                    kept, self.trust_problem = self.repo.trust(), ""
                except PraxisError as exc:
                    kept, self.trust_problem = NO_TRUST, str(exc)
                self._trust = (self.version, kept.with_own(self.reviewer))
            return self._trust[1]

    def new_keys(self) -> list[NewKey]:
        """The keys that signed records here and are not confirmed as their signer's."""
        from praxis_socialwork.store.trust import new_keys

        return new_keys(self.signoffs(), self.trust())

    def pin_key(self, name: str, key: str) -> None:
        """Confirm ``key`` as ``name``'s signing key in this store: their signatures verify from now."""
        with self.lock:
            self.repo.pin_key(name, key)
            self._changed()

    def find(self, record_id: str) -> Record | None:
        """The record with ``record_id`` of any kind, or None."""
        for kind in RECORD_KINDS:
            for record in self.all(kind):
                if record.id == record_id:
                    return record
        return None

    def read_in_changes(self) -> bool:
        """Read in what another process saved since (a command run while the app is open); return
        whether there was anything. Cheap when there was not: a look at the files' sizes and times."""
        with self.lock:
            if not self.repo.changed_elsewhere() or not self.repo.read_in_changes():
                return False
            self._changed()
            return True

    def load_everything(self) -> None:
        """Read every kind now (from a worker thread at start-up, so screens open at once)."""
        self.profile()
        for kind in RECORD_KINDS:
            self.all(kind)

    # -- judging ------------------------------------------------------------------------------
    @property
    def catalogue(self) -> Catalogue:
        """The frameworks: bundled, the user's folder; loaded on first use."""
        with self.lock:
            if self._catalogue is None:
                from praxis_socialwork.rules import load_catalogue

                self._catalogue = load_catalogue([], config_dir() / "frameworks")
            return self._catalogue

    def framework_ids(self) -> list[str]:
        """The frameworks the profile follows."""
        profile = self.profile()
        return list(profile.frameworks) if profile else []

    def records(self) -> Records:
        """Everything the gap engine judges."""
        from praxis_socialwork.rules import Records

        return Records.read(self)

    def findings(self, on: date | None = None) -> list[Finding]:
        """The gap engine's findings for the profile's frameworks on ``on`` (default today)."""
        from praxis_socialwork.rules import evaluate_all

        on = on or self.today()
        with self.lock:
            cached = self._findings
            if cached is not None and cached[0] == self.version and cached[1] == on:
                return cached[2]
            found = evaluate_all(
                self.catalogue.frameworks, self.framework_ids(), self.records(), self.profile(), on
            )
            self._findings = (self.version, on, found)
            return found

    # -- changing -----------------------------------------------------------------------------
    def _allowed(self, record: Record) -> None:
        if self.reviewer is not None and not isinstance(record, REVIEW_KINDS):
            raise PraxisError(
                "In review mode only sign-offs and comments are saved: the student's records are "
                "theirs to change (comment, or ask for changes, instead)."
            )

    def add(self, record: R) -> R:
        """Validate and save a new record; it can be undone. Raises ``ValidationError``."""
        with self.lock:
            self._allowed(record)
            saved = self.repo.add(record)
            self._placed(saved)
            self._remember(Change.one("added", None, saved))
            return saved

    def update(self, record: R) -> R:
        """Validate and save changes to a record; it can be undone. Raises ``ValidationError``."""
        with self.lock:
            self._allowed(record)
            before = self.repo.get(type(record), record.id)
            saved = self.repo.update(record)
            if saved.sequence != before.sequence:
                self._placed(saved, replacing=before)
                self._remember(Change.one("edited", before, saved))
            return saved

    def delete(self, record: Record) -> None:
        """Delete a record; it can be undone. Raises ``ValidationError`` if it cannot go."""
        with self.lock:
            self._allowed(record)
            before = self.repo.get(type(record), record.id)
            self.repo.delete(type(record), record.id)
            self._placed(None, replacing=before)
            self._remember(Change.one("deleted", before, None))

    def add_many(self, records: list[R]) -> list[R]:
        """Validate and save new records of one kind together: all or none, and one undo takes them
        all back. Raises ``ValidationError`` (problems carry ``line``, the record's place, 1-based)."""
        if not records:
            return []
        with self.lock:
            for record in records:
                self._allowed(record)
            with self.repo.transaction():
                saved = self.repo.add_many(records)
            for record in saved:
                self._placed(record)
            self._remember(Change("added", tuple((None, r) for r in saved)))
            return saved

    def delete_placement(self, placement: Placement) -> list[PlacementDay]:
        """Delete a placement and every day logged in it, together (one undo puts all back).

        Sign-offs and comments on them are kept, so undo finds them whole. Returns the days deleted.
        """
        with self.lock:
            self._allowed(placement)
            before, days = self.repo.delete_placement(placement.id)
            for record in (*days, before):
                self._placed(None, replacing=record)
            self._remember(Change("deleted", tuple((r, None) for r in (before, *days))))
            return days

    def sign_off(self, records: list[Record], comment: str = "", *, use_key: bool = True) -> list[SignOff]:
        """Sign off ``records`` as they are now, as the reviewer, together (one undo takes them back).

        Each sign-off keeps the record's fields and their hash; with the reviewer's key (unless
        ``use_key`` is False) it is signed too. Raises ``PraxisError`` outside review mode.
        """
        from praxis_socialwork.store import stamp
        from praxis_socialwork.store.signing import sign_off_all

        reviewer = self.reviewer
        if reviewer is None:
            raise PraxisError("Only a practice educator reviewing (praxis review) signs off records.")
        if not records:
            raise PraxisError("Nothing to sign off.")
        with self.lock:
            made = sign_off_all(records, reviewer, stamp(self.clock), comment, use_key=use_key)
            saved = self.repo.add_many(made)
            for s in saved:
                self._placed(s)
            self._remember(Change("signed off", tuple((None, r) for r in saved)))
            return saved

    def add_comment(self, record: Record, text: str, status: str = "comment", parent_id: str = "") -> Comment:
        """Comment on ``record`` as the reviewer, or (outside review mode) as the student; undoable."""
        from praxis_socialwork.store import stamp
        from praxis_socialwork.store.vocab import STUDENT_ROLE

        if self.reviewer is not None:
            by, role = self.reviewer.name, self.reviewer.role
        else:
            profile = self.profile()
            by, role = (profile.name if profile else ""), STUDENT_ROLE
        comment = Comment(
            record_id=record.id,
            record_kind=record.KIND,
            parent_id=parent_id,
            by=by,
            role=role,
            at=stamp(self.clock),
            text=text.strip(),
            status=status,
        )
        return self.add(comment)

    def save_profile(self, profile: Profile) -> Profile:
        """Create or change the profile (setup, settings). Not undoable: it is not a record of work."""
        with self.lock:
            saved = self.repo.save_profile(profile)
            self._profile = saved
            self._changed()
            return saved

    def dismiss_missed(self, keys: list[str]) -> None:
        """Stop showing these missed periods (``rules.missed_key``): the person has dealt with them.
        Does nothing without a profile."""
        with self.lock:
            profile = self.profile()
            if profile is None:
                return
            self.save_profile(replace(profile, dismissed_missed=profile.with_dismissed(keys)))

    def mark_privacy_reviewed(self, keys: list[str]) -> None:
        """Keep confidentiality-check flags (by key) as reviewed on the profile, as
        ``praxis check-privacy --mark`` does. Does nothing without a profile."""
        with self.lock:
            profile = self.profile()
            if profile is None:
                return
            new = [k for k in dict.fromkeys(keys) if k not in profile.privacy_reviewed]
            if new:
                self.save_profile(replace(profile, privacy_reviewed=[*profile.privacy_reviewed, *new]))

    def can_undo(self) -> bool:
        """Whether there is a change to undo."""
        return bool(self._undo)

    def can_redo(self) -> bool:
        """Whether there is an undone change to do again."""
        return bool(self._redo)

    def undo(self) -> str:
        """Take back the newest change; return what was undone ("Undid: added activity 'X'").

        Raises ``PraxisError`` when there is nothing to undo or the store refuses.
        """
        return self._replay(forward=False)

    def redo(self) -> str:
        """Do again the change undo last took back; return what was redone ("Redid: added …").

        Raises ``PraxisError`` when there is nothing to redo or the store refuses. A new change
        clears what could be redone, as in any editor.
        """
        return self._replay(forward=True)

    def _replay(self, *, forward: bool) -> str:
        """Redo (``forward``) or undo the newest change waiting for it, moving it to the other list;
        it stays where it was if the store refuses."""
        with self.lock:
            source, target = (self._redo, self._undo) if forward else (self._undo, self._redo)
            if not source:
                raise PraxisError(f"Nothing to {'redo' if forward else 'undo'}.")
            change = source[-1]
            self._apply(change, forward=forward)
            source.pop()
            target.append(change)
            return f"{'Redid' if forward else 'Undid'}: {change.describe()}"

    def last_change(self) -> Change | None:
        """The newest change that undo would take back."""
        return self._undo[-1] if self._undo else None

    def _apply(self, change: Change, *, forward: bool) -> None:
        """Make the store hold what it held after ``change`` (``forward``) or before it: all of it, or
        (if the store refuses any record) none of it."""
        steps = [(before, after) if forward else (after, before) for before, after in change.pairs]
        going = sorted((old for old, new in steps if new is None and old), key=_rank, reverse=True)
        coming = sorted(((old, new) for old, new in steps if new is not None), key=lambda s: _rank(s[1]))
        placed: list[tuple[Record | None, Record | None]] = []
        with self.repo.transaction():
            for old in going:
                current = self.repo.get(type(old), old.id)
                self.repo.delete(type(current), current.id)
                placed.append((None, current))
            for old, new in coming:
                if old is None:
                    placed.append((self.repo.put_back(new), None))
                else:
                    current = self.repo.get(type(new), new.id)
                    placed.append((self.repo.update(replace(new, sequence=current.sequence)), current))
        for record, replacing in placed:
            self._placed(record, replacing=replacing)

    def import_file(self, path: Path) -> list[str]:
        """Import a bundle, calendar or CSV file (``exports.importing.import_file``); one undo takes the
        whole import back. Returns the lines saying what came in; raises ``PraxisError`` with nothing
        imported."""
        from praxis_socialwork.exports.importing import import_file

        with self.lock:
            if self.reviewer is not None:
                raise PraxisError("In review mode nothing is imported: the student's records are theirs.")
            before = {r.id: r for r in self.every_record()}
            lines = import_file(self.repo, path)
            self._lists.clear()  # read again: the import wrote through the repository
            self._profile = False
            after = {r.id: r for r in self.every_record()}
            pairs = tuple(
                (before.get(i), after.get(i)) for i in {**before, **after} if before.get(i) != after.get(i)
            )
            if pairs:
                self._remember(Change("imported", pairs, label=Path(path).name))
            self._changed()
            return lines

    # -- internals ----------------------------------------------------------------------------
    def _remember(self, change: Change) -> None:
        self._redo.clear()
        self._undo.append(change)
        del self._undo[:-UNDO_LIMIT]

    def _placed(self, record: Record | None, replacing: Record | None = None) -> None:
        """Keep the in-memory list of the record's kind in step with what was just saved."""
        kind = type(record or replacing)
        items = self._lists.get(kind)
        if items is not None:
            if replacing is not None:
                for i, item in enumerate(items):
                    if item.id == replacing.id:
                        del items[i]
                        break
            if record is not None:
                key = SORT_KEYS[kind]
                bisect.insort(items, record, key=key)
        self._changed()

    def _changed(self) -> None:
        self.version += 1
        self._findings = None
        if self.repo.generation != self._generation:
            # A save read in what another process (a command, while the app is open) had saved:
            # the lists kept here miss it, so they are read again when next asked for.
            self._generation = self.repo.generation
            self._lists.clear()
            self._profile = False
