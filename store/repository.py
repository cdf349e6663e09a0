"""The repository: open a store, read and write records, keep backups. The only user of TinyDB."""

from __future__ import annotations

import functools
import gc
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from praxis_socialwork.store.backups import Backup, Backups
from praxis_socialwork.store.clock import Clock, SystemClock, stamp, today
from praxis_socialwork.store.dates import format_uk
from praxis_socialwork.store.errors import (
    NotFoundError,
    PraxisError,
    Problem,
    StoreDamagedError,
    StoreReadOnlyError,
    StoreWriteError,
    ValidationError,
)
from praxis_socialwork.store.locking import WRITE_WAIT, StoreLock
from praxis_socialwork.store.migrations import (
    META_TABLE,
    MIGRATIONS,
    SCHEMA_VERSION,
    Migration,
    steps_needed,
    stored_version,
    with_version,
)
from praxis_socialwork.store.models import (
    Activity,
    Comment,
    Placement,
    PlacementDay,
    Plan,
    Profile,
    Record,
    Reflection,
    SignOff,
)
from praxis_socialwork.store.record_lists import RecordLists
from praxis_socialwork.store.storage import (
    JournalStorage,
    Op,
    Tables,
    decode_tables,
    journal_path_for,
)
from praxis_socialwork.store.text_clean import without_controls
from praxis_socialwork.store.version import __version__

if TYPE_CHECKING:
    from praxis_socialwork.store.trust import Pin, Trust

R = TypeVar("R", bound=Record)
P = ParamSpec("P")
T = TypeVar("T")


def _writes(method: Callable[Concatenate[Repository, P], T]) -> Callable[Concatenate[Repository, P], T]:
    """Run a write method in a write turn: holding the write lock, on the store as it is on disk."""

    @functools.wraps(method)
    def in_turn(self: Repository, *args: P.args, **kwargs: P.kwargs) -> T:
        with self._write_turn():
            return method(self, *args, **kwargs)

    return in_turn


# The order each kind of record is listed in (the app keeps its in-memory lists in the same order).
SORT_KEYS: dict[type, Any] = {
    Activity: lambda r: (r.date or date.min, r.title.lower()),
    Placement: lambda r: (r.start or date.min, r.name.lower()),
    PlacementDay: lambda r: (r.date or date.min, r.placement_id),
    Reflection: lambda r: (r.date or date.min, r.title.lower()),
    Plan: lambda r: (r.date or date.min, r.time, r.title.lower()),
    Profile: lambda r: r.created,
    SignOff: lambda r: (r.at, r.record_id),
    Comment: lambda r: (r.at, r.id),
}


class Repository(RecordLists):
    """An open store. Use ``Repository.open``; close it (or use ``with``) when done."""

    def __init__(
        self,
        path: Path,
        clock: Clock,
        storage: JournalStorage,
        lock: StoreLock | None,
        read_only_reason: str | None,
    ) -> None:
        self.path = path
        self.clock = clock
        self._storage = storage
        self._lock = lock
        self.read_only_reason = read_only_reason
        self.backups = Backups(path)
        self._index: dict[str, dict[str, int]] = {}
        self._next_doc: dict[str, int] = {}  # each table's next document number, as TinyDB numbers them
        self._day_keys: dict[tuple[str, str], str] | None = None
        self._placement_names: dict[str, set[str]] | None = None  # a placement's name (folded): ids
        self._backup_checked: date | None = None
        self._shared = False  # the app's way: the write lock taken for each save, not held throughout
        self._app_lock: StoreLock | None = None
        self._turns = 0  # write turns under way (they nest: a transaction's saves)
        self.generation = 0  # grows each time saves by another process are read in

    # -- opening and closing -----------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: Path | str,
        clock: Clock | None = None,
        *,
        read_only: bool = False,
        shared: bool = False,
        wait: float = 0.0,
        migrations: Sequence[Migration] = MIGRATIONS,
        schema_version: int = SCHEMA_VERSION,
    ) -> Repository:
        """Open (creating if needed) the store at ``path``.

        If another process holds the store (for ``wait`` seconds), it opens read-only and
        ``read_only_reason`` says so. ``shared`` is the app's way: the store stays open to other
        writers (commands), each save taking the write lock (waiting up to ``WRITE_WAIT`` seconds for
        another's save) and reading in what others saved first; a second ``shared`` copy is read-only.
        Raises ``StoreDamagedError`` (naming the latest good backup) for an unreadable store and
        ``StoreTooNewError`` for one written by a newer Praxis; neither changes the file. An older
        store is backed up, then migrated.
        """
        path = _store_file(Path(path).absolute())
        clock = clock or SystemClock()
        lock: StoreLock | None = None
        app_lock: StoreLock | None = None
        reason: str | None = "opened read-only" if read_only else None
        if not read_only and shared:
            app_lock = StoreLock(path, "open")
            if not app_lock.try_acquire():
                app_lock, read_only = None, True
                reason = (
                    f"Another copy of Praxis has {path} open, so this one is read-only. "
                    "Close the other copy to make changes here."
                )
        if not read_only:
            lock = StoreLock(path)
            if not lock.try_acquire(wait):
                lock, read_only = None, True
                reason = (
                    f"Another copy of Praxis is using {path}, so this one is read-only. "
                    "Close the other copy to make changes."
                )
        storage: JournalStorage | None = None
        try:
            storage = _read_storage(path)
            # Refuse a store from a newer Praxis before anything is written beside it.
            steps = steps_needed(stored_version(storage.read()), schema_version, migrations, str(path))
            if lock is not None:
                storage.start_writing()
            repo = cls(path, clock, storage, lock, reason)
            repo._bring_up_to_date(steps, schema_version)
        except BaseException:
            if storage is not None:
                storage.close()
            for held in (lock, app_lock):
                if held is not None:
                    held.release()
            raise
        if shared and lock is not None:
            repo._shared, repo._app_lock = True, app_lock
            lock.release()  # taken again for each save
        return repo

    def close(self) -> None:
        """Flush nothing (every save is already on disk), release the file and the lock."""
        self._storage.close()
        for held in (self._lock, self._app_lock):
            if held is not None:
                held.release()
        self._lock = self._app_lock = None

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def read_only(self) -> bool:
        """Whether this repository refuses writes."""
        return self._storage.read_only

    def _bring_up_to_date(self, steps: Sequence[Migration], target: int) -> None:
        tables = self._storage.read()
        if not self.path.exists() and not tables:
            if not self.read_only:
                self._storage.replace_all(with_version({}, target, __version__))
            return
        if not steps:
            return
        if self.read_only:
            raise StoreReadOnlyError(
                f"The store {self.path} needs upgrading to this version of Praxis, which needs the "
                "only copy open. Close the other copy and try again."
            )
        self.backups.take(self._storage.snapshot_bytes(), f"before-schema-{target}", self.clock.now())
        plain: Tables = {name: {k: dict(v) for k, v in t.items()} for name, t in tables.items()}
        for step in steps:
            plain = with_version(step.apply(plain), step.to_version, __version__)
        self._storage.replace_all(plain)

    # -- reading ----------------------------------------------------------------------------
    def profile(self) -> Profile | None:
        """Return the store's profile, or None before ``praxis init``."""
        found = self.all(Profile)
        return found[0] if found else None

    def all(self, kind: type[R]) -> list[R]:
        """Return every record of one kind, in date order."""
        return self._build(kind, self._storage.read().get(kind.TABLE, {}).values())

    def _build(self, kind: type[R], docs: Iterable[dict[str, Any]]) -> list[R]:
        # Creating thousands of records would set off the cycle collector again and again, and each
        # run walks every document in memory; none of these objects form cycles, so pause it.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return sorted((kind.from_doc(d) for d in docs), key=SORT_KEYS[kind])
        finally:
            if was_enabled:
                gc.enable()

    # The lists by kind (activities() … every_record()) are RecordLists', over all().

    def days(self, placement_id: str | None = None) -> list[PlacementDay]:
        """Placement days, oldest first; only one placement's given ``placement_id`` (building only
        those, not every day in the store)."""
        if placement_id is None:
            return self.all(PlacementDay)
        docs = self._storage.read().get(PlacementDay.TABLE, {}).values()
        return self._build(PlacementDay, (d for d in docs if d.get("placement_id") == placement_id))

    def get(self, kind: type[R], record_id: str) -> R:
        """Return the record of ``kind`` with ``record_id``, or raise ``NotFoundError``."""
        doc_id = self._ids(kind).get(record_id)
        if doc_id is None:
            raise NotFoundError(f"no {kind.KIND} with id {record_id}")
        return kind.from_doc(self._storage.read()[kind.TABLE][str(doc_id)])

    def find_placement(self, ref: str) -> Placement:
        """Return the placement ``ref`` names: its id, its name (any case), or a unique part of either.

        Raises ``NotFoundError`` listing the placements when none, or more than one, matches.
        """
        wanted = ref.strip().lower()
        placements = self.placements()
        for p in placements:
            if p.id == ref.strip() or p.name.strip().lower() == wanted:
                return p
        partial = [
            p for p in placements
            if wanted and (wanted in p.name.lower() or (len(wanted) >= 4 and p.id.startswith(wanted)))
        ]  # fmt: skip
        if len(partial) == 1:
            return partial[0]
        names = ", ".join(f"'{p.name}'" for p in (partial or placements))
        if partial:
            raise NotFoundError(f"'{ref}' could mean {names}; give more of the name")
        names = names or "none yet (add one with praxis placement add)"
        raise NotFoundError(f"no placement called '{ref}'; placements: {names}")

    def stats(self) -> dict[str, int]:
        """Return how many records of each kind the store holds."""
        tables = self._storage.read()
        return {
            kind.TABLE: len(tables.get(kind.TABLE, {}))
            for kind in (Activity, Placement, PlacementDay, Reflection)
        }

    # -- writing ----------------------------------------------------------------------------
    @_writes
    def add(self, record: R) -> R:
        """Validate and save a new record; return it with its id, timestamps and sequence 1.

        Raises ``ValidationError`` listing every problem; nothing is saved then.
        """
        self._writable()
        rec, problems = self._new(record, stamp(self.clock))
        if problems:
            raise ValidationError(problems)
        self._put(rec, None)
        return rec

    @_writes
    def add_many(self, records: Sequence[R]) -> list[R]:
        """Validate and save many new records of one kind at once: all of them, or none.

        Raises ``ValidationError`` whose problems carry ``line`` = the record's position (1-based).
        """
        self._writable()
        if not records:
            return []
        kind = type(records[0])
        ids = self._ids(kind)
        now = stamp(self.clock)
        ready: list[R] = []
        found: list[Problem] = []
        new_keys: set[tuple[str, str]] = set()  # two days for one placement and date in this batch
        given: dict[str, int] = {}  # ids given in this batch, and where first
        for n, record in enumerate(records, start=1):
            rec, problems = self._new(record, now)
            if record.id and given.setdefault(record.id, n) != n:
                problems.append(Problem("id", f"{record.id} is already given to record {given[record.id]}"))
            if isinstance(rec, PlacementDay) and rec.date is not None:
                key = _day_key(rec)
                if key in new_keys:
                    problems.append(Problem("date", f"{rec.date} is given twice for the same placement"))
                new_keys.add(key)
            found += [Problem(p.field, p.message, n, p.column) for p in problems]
            ready.append(rec)
        if found:
            raise ValidationError(found)
        self._before_write()
        doc_ids = self._new_doc_ids(kind.TABLE, len(ready))
        with self._noting_signatures(ready), self._storage.batch():
            self._storage.put(
                [(kind.TABLE, str(doc_id), r.to_doc()) for r, doc_id in zip(ready, doc_ids, strict=True)]
            )
        for rec, doc_id in zip(ready, doc_ids, strict=True):
            ids[rec.id] = doc_id
            self._remember(rec)
        return ready

    @_writes
    def update(self, record: R) -> R:
        """Validate and save changes to an existing record; return it as saved.

        The sequence grows by one and ``updated`` is set; if nothing changed, nothing is written.
        """
        self._writable()
        kind = type(record)
        current = self.get(kind, record.id)
        record = without_controls(record)
        if current.content() == record.content():
            return current
        rec = replace(record, created=current.created, sequence=current.sequence + 1)
        rec.updated = stamp(self.clock)
        self._validate(rec)
        self._put(rec, self._ids(kind)[rec.id])
        return rec

    @_writes
    def delete(self, kind: type[Record], record_id: str) -> None:
        """Remove a record. A placement with days logged is refused (delete its days first)."""
        self._writable()
        doc_id = self._ids(kind).get(record_id)
        if doc_id is None:
            raise NotFoundError(f"no {kind.KIND} with id {record_id}")
        if kind is Placement:
            logged = sum(1 for placement_id, _ in self._day_index() if placement_id == record_id)
            if logged:
                raise ValidationError(
                    [Problem("placement", f"it has {logged} days logged; delete or move them first")]
                )
        gone = self.get(kind, record_id)
        self._before_write()
        self._storage.put([(kind.TABLE, str(doc_id), None)])
        del self._ids(kind)[record_id]
        self._remember(None, forget=gone)

    def delete_placement(self, placement_id: str) -> tuple[Placement, list[PlacementDay]]:
        """Remove a placement and every day logged in it, together: all of them, or none.

        Sign-offs and comments on them are kept (putting the records back finds them whole). Returns
        the placement and the days as they were.
        """
        with self.transaction():
            placement = self.get(Placement, placement_id)
            days = self.days(placement_id)
            for day in days:
                self.delete(PlacementDay, day.id)
            self.delete(Placement, placement_id)
        return placement, days

    @_writes
    def put_back(self, record: R) -> R:
        """Save again a record that was deleted (undo): same id and created time, sequence + 1.

        Raises ``ValidationError`` if it no longer fits (its id is taken, its placement is gone).
        """
        self._writable()
        rec = replace(record, sequence=record.sequence + 1, updated=stamp(self.clock))
        problems = self.check(rec)
        if rec.id in self._ids(type(rec)):
            problems.append(Problem("id", f"another {rec.KIND} already has the id {rec.id}"))
        if problems:
            raise ValidationError(problems)
        self._put(rec, None)
        return rec

    @_writes
    def save_as_is(self, records: Sequence[Record]) -> None:
        """Save records exactly as given (id, created and updated times, sequence all kept): a new id
        is added, a known id is replaced. This is how a bundle's records come in.

        All of them or none: raises ``ValidationError`` whose problems carry ``line`` = the record's
        position in ``records`` (1-based). Kinds are saved in the order they first appear, each kind
        at once, and each record is checked against those saved before it: so placements must come
        before their days, and days and activities before reflections.
        """
        self._writable()
        found: list[Problem] = []
        by_kind: dict[type[Record], list[tuple[int, Record]]] = {}
        for n, rec in enumerate(records, start=1):
            by_kind.setdefault(type(rec), []).append((n, rec))
        with self.transaction():
            for kind, items in by_kind.items():
                ready: list[Record] = []
                days: set[tuple[str, str]] = set()  # the same placement and date twice in this batch
                given: dict[str, int] = {}  # an id twice in this batch: one record would vanish
                for n, rec in items:
                    rec = without_controls(rec)
                    problems = self.check(rec)
                    if given.setdefault(rec.id, n) != n:
                        problems.append(Problem("id", f"{rec.id} is already given to record {given[rec.id]}"))
                    if isinstance(rec, PlacementDay) and rec.date is not None:
                        if _day_key(rec) in days:
                            problems.append(
                                Problem("date", f"{rec.date} is given twice for the same placement")
                            )
                        days.add(_day_key(rec))
                    found += [Problem(p.field, p.message, n, p.column) for p in problems]
                    ready.append(rec)
                if not found:
                    self._put_many(kind, ready)
            if found:
                raise ValidationError(found)

    @_writes
    def save_profile(self, profile: Profile) -> Profile:
        """Create the profile, or update the one the store has; return it as saved."""
        current = self.profile()
        if current is None:
            return self.add(profile)
        return self.update(replace(profile, id=current.id))

    @contextmanager
    def transaction(self) -> Iterator[Repository]:
        """Make every write inside the block reach the disk together, or none of them."""
        with self._write_turn():
            self._writable()
            self._before_write()
            try:
                with self._storage.batch():
                    yield self
            except BaseException:
                self._forget_caches()
                raise

    # -- backups ----------------------------------------------------------------------------
    def list_backups(self) -> list[Backup]:
        """Return this store's backups, newest first."""
        return self.backups.list()

    def backup_now(self, reason: str = "manual") -> Path | None:
        """Save a backup of the store as it is now; None if the newest backup already equals it."""
        if self._storage.holds_snapshot():
            return self.backups.take_file(self.path, reason, self.clock.now())  # copied, not encoded
        return self.backups.take(self._storage.snapshot_bytes(), reason, self.clock.now())

    @_writes
    def compact(self) -> None:
        """Fold the journal into the snapshot file now."""
        self._writable()
        self._storage.compact()

    @property
    def storage(self) -> JournalStorage:
        """The storage under this repository (for health checks)."""
        return self._storage

    # -- internals --------------------------------------------------------------------------
    def _ids(self, kind: type[Record]) -> dict[str, int]:
        index = self._index.get(kind.TABLE)
        if index is None:
            table = self._storage.read().get(kind.TABLE, {})
            index = {doc["id"]: int(doc_id) for doc_id, doc in table.items() if "id" in doc}
            self._index[kind.TABLE] = index
        return index

    def _day_index(self) -> dict[tuple[str, str], str]:
        if self._day_keys is None:
            table = self._storage.read().get(PlacementDay.TABLE, {})
            self._day_keys = {
                (doc.get("placement_id", ""), doc.get("date") or ""): doc["id"] for doc in table.values()
            }
        return self._day_keys

    def _placement_name_index(self) -> dict[str, set[str]]:
        """Each placement name (stripped, any case) and the ids of the placements that carry it."""
        if self._placement_names is None:
            names: dict[str, set[str]] = {}
            for doc in self._storage.read().get(Placement.TABLE, {}).values():
                names.setdefault(_name_key(doc.get("name") or ""), set()).add(doc.get("id", ""))
            self._placement_names = names
        return self._placement_names

    def _remember(self, rec: Record | None, forget: Record | None = None) -> None:
        """Keep the day and placement-name indexes in step (the id index is kept by the writes):
        drop ``forget``'s keys, add ``rec``'s (either may be any record, or None)."""
        if self._day_keys is not None:
            if isinstance(forget, PlacementDay):
                self._day_keys.pop(_day_key(forget), None)
            if isinstance(rec, PlacementDay):
                self._day_keys[_day_key(rec)] = rec.id
        if self._placement_names is not None:
            if isinstance(forget, Placement):
                holders = self._placement_names.get(_name_key(forget.name))
                if holders is not None:
                    holders.discard(forget.id)
                    if not holders:
                        del self._placement_names[_name_key(forget.name)]
            if isinstance(rec, Placement):
                self._placement_names.setdefault(_name_key(rec.name), set()).add(rec.id)

    def _forget_caches(self) -> None:
        self._index.clear()
        self._next_doc.clear()  # another process may have used the next document number
        self._day_keys = None
        self._placement_names = None

    def _new_doc_ids(self, table: str, count: int) -> list[int]:
        """The next ``count`` document numbers of ``table``: after the highest in use, as TinyDB
        numbers them (so stock TinyDB can go on adding to a snapshot Praxis wrote)."""
        first = self._next_doc.get(table)
        if first is None:
            first = max(map(int, self._storage.read().get(table, {})), default=0) + 1
        self._next_doc[table] = first + count
        return list(range(first, first + count))

    @contextmanager
    def _write_turn(self) -> Iterator[None]:
        """Hold the write lock for the block (shared stores take it per save; others hold it)."""
        if not self._shared or self._turns or self.read_only or self._lock is None:
            self._turns += 1
            try:
                yield
            finally:
                self._turns -= 1
            return
        if not self._lock.try_acquire(WRITE_WAIT):
            raise StoreWriteError(
                f"Another copy of Praxis has been saving to {self.path} for {WRITE_WAIT:g} seconds; "
                "nothing was saved. Try again in a moment."
            )
        self._turns = 1
        try:
            self._read_in_others()
            yield
        finally:
            self._turns = 0
            self._lock.release()

    def changed_elsewhere(self) -> bool:
        """Whether another process has saved to the store since this one last read it (a quick check)."""
        return self._storage.changed_on_disk()

    def read_in_changes(self) -> bool:
        """Read in what other processes saved; return whether there was anything. Lists read after
        this include their records."""
        before = self.generation
        with self._write_turn() if self._shared and not self.read_only else _nothing():
            self._read_in_others()  # a write turn reads them in as it starts; a reader does it here
        return self.generation != before

    def _read_in_others(self) -> bool:
        if not self._storage.refresh():
            return False
        self._forget_caches()
        self.generation += 1
        return True

    def _writable(self) -> None:
        if self.read_only:
            raise StoreReadOnlyError(
                (self.read_only_reason or f"{self.path} is open read-only") + " Nothing was saved."
            )

    def _before_write(self) -> None:
        """Take the day's first backup before the day's first change."""
        day = today(self.clock)  # the UK day: a change at 00:30 in summer is the next day's first
        if self._backup_checked == day:
            return
        self._backup_checked = day
        if _has_records(self._storage.read()) and not self.backups.taken_on(day):
            self.backup_now("daily")

    def _new(self, record: R, now: str) -> tuple[R, list[Problem]]:
        """A copy of ``record`` ready to add (id, timestamps, sequence 1) and why it cannot be."""
        rec = replace(without_controls(record), created=now, updated=now, sequence=1)
        if not rec.id:
            rec.id = str(uuid.uuid4())
        problems = self.check(rec)
        if rec.id in self._ids(type(rec)):
            problems.append(Problem("id", f"another {rec.KIND} already has the id {rec.id}"))
        return rec, problems

    def check(self, rec: Record) -> list[Problem]:
        """Return every reason ``rec`` could not be saved now (its own fields and other records)."""
        from praxis_socialwork.store import validation  # only writes need it: reports start faster without

        return validation.problems(rec, today(self.clock)) + self._cross_problems(rec)

    def _validate(self, rec: Record) -> None:
        if found := self.check(rec):
            raise ValidationError(found)

    def _cross_problems(self, rec: Record) -> list[Problem]:
        found: list[Problem] = []
        if isinstance(rec, PlacementDay) and rec.placement_id:
            try:
                placement = self.get(Placement, rec.placement_id)
            except NotFoundError:
                return [Problem("placement", f"no placement with id {rec.placement_id}")]
            if rec.date is not None and placement.start is not None and rec.date < placement.start:
                found.append(
                    Problem("date", f"{rec.date} is before {placement.name} starts ({placement.start})")
                )
            other_id = self._day_index().get(_day_key(rec))
            if other_id is not None and other_id != rec.id:
                other = self.get(PlacementDay, other_id)
                found.append(
                    Problem(
                        "date",
                        f"{placement.name} already has a day logged on {format_uk(rec.date)} "
                        f"({other.hours:g} h, {other.kind})",
                    )
                )
        elif isinstance(rec, Placement):
            # The name index says in O(1) whether another placement has the name; only then are the
            # placements read, so the messages (and their order) are as they always were.
            holders = self._placement_name_index().get(_name_key(rec.name), set())
            if holders - {rec.id}:
                for other in self.placements():
                    if other.id != rec.id and _name_key(other.name) == _name_key(rec.name):
                        found.append(Problem("name", f"a placement called '{other.name}' already exists"))
        elif isinstance(rec, Reflection):
            # Look each link up in the id indexes kept with the store; never build a set of every id.
            activities, days = self._ids(Activity), self._ids(PlacementDay)
            for link in rec.links:
                if link not in activities and link not in days:
                    found.append(Problem("links", f"no activity or placement day with id {link}"))
        return found

    def _put_many(self, kind: type[Record], records: list[Record]) -> None:
        """Write records of one kind in one go: known ids replaced (keeping their doc ids), new added.

        One change to the table, not one per record: a 10,000-record bundle imports in about a second.
        """
        ids = self._ids(kind)
        known = [r for r in records if r.id in ids]
        previous = {r.id: self.get(kind, r.id) for r in known} if kind in (PlacementDay, Placement) else {}
        fresh = iter(self._new_doc_ids(kind.TABLE, len(records) - len(known)))
        doc_ids = [ids[r.id] if r.id in ids else next(fresh) for r in records]
        ops: list[Op] = [(kind.TABLE, str(d), r.to_doc()) for r, d in zip(records, doc_ids, strict=True)]
        with self._noting_signatures(records):
            self._storage.put(ops)
            for rec, doc_id in zip(records, doc_ids, strict=True):
                ids[rec.id] = doc_id
                self._remember(rec, forget=previous.get(rec.id))

    def _put(self, rec: Record, doc_id: int | None) -> None:
        doc = rec.to_doc()
        self._before_write()
        previous = self.get(type(rec), rec.id) if doc_id is not None else None
        try:
            with self._noting_signatures([rec]), self._storage.batch():
                if doc_id is None:
                    doc_id = self._new_doc_ids(rec.TABLE, 1)[0]
                self._storage.put([(rec.TABLE, str(doc_id), doc)])
                self._ids(type(rec))[rec.id] = doc_id
        except BaseException:
            # The storage took the change back (e.g. a full disk); the id index must forget it
            # too, or the record looks saved and retrying the same record is refused.
            self._forget_caches()
            raise
        self._remember(rec, forget=previous)

    @contextmanager
    def _noting_signatures(self, records: Sequence[Record]) -> Iterator[None]:
        """Around a write of ``records``: remember beside the store which records a good key signature
        covered (``store.trust``), so a later sign-off without a key, or none, shows as a downgrade.
        The trust file is read first, so a damaged one refuses the write before anything is saved."""
        signed = [r for r in records if isinstance(r, SignOff) and r.signature]
        if not signed:
            yield
            return
        from praxis_socialwork.store.trust import load_trust, note_key_signed

        trust = load_trust(self.path)
        yield
        note_key_signed(self.path, signed, trust)

    @_writes
    def pin_key(self, name: str, key: str) -> Pin:
        """Confirm ``key`` as ``name``'s signing key in this store (``store.trust``), holding the write
        lock so a command noting signatures at the same moment cannot lose the pin."""
        self._writable()
        from praxis_socialwork.store.trust import pin_key

        return pin_key(self.path, name, key, today(self.clock).isoformat())

    def trust(self) -> Trust:
        """The signing keys this store's owner confirmed, and the records once signed with a key."""
        from praxis_socialwork.store.trust import load_trust

        return load_trust(self.path)


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _name_key(name: str) -> str:
    """A placement's name as the check for a second placement of the same name compares it."""
    return name.strip().lower()


def _day_key(day: PlacementDay) -> tuple[str, str]:
    """What makes a placement day unique: its placement and its date (as stored)."""
    return (day.placement_id, day.date.isoformat() if day.date else "")


def _has_records(tables: Tables) -> bool:
    """Whether a store holds anything worth backing up (more than its version note)."""
    return any(t for name, t in tables.items() if name != META_TABLE)


def _store_file(path: Path) -> Path:
    """The store file ``path`` names (a link followed once, so its journal, lock and backups sit beside
    the real file); refuses a folder, device, pipe or socket, and a journal or lock that is a link or
    not an ordinary file (Praxis never writes through them)."""
    from praxis_socialwork.store.files import regular_target

    path = regular_target(path, "store")
    for beside in (journal_path_for(path), path.with_name(path.name + ".lock")):
        if beside.is_symlink():
            raise PraxisError(f"{beside} is a link; Praxis will not write through it. Move it away.")
        regular_target(beside, "store's journal" if beside.name.endswith("journal") else "store's lock")
    return path


def _read_storage(path: Path) -> JournalStorage:
    try:
        _refuse_blank_snapshot(path)
        return JournalStorage(path)
    except StoreDamagedError as exc:
        raise StoreDamagedError(exc.path, exc.detail, Backups(path).latest_good()) from exc


def _refuse_blank_snapshot(path: Path) -> None:
    """A store file that is missing or blank while its journal or backups are there has lost what it
    held: read as empty, the next save would make that loss permanent. Raise ``StoreDamagedError``."""
    try:
        blank = _blank(path)
    except FileNotFoundError:
        blank, missing = True, True
    else:
        missing = False
    if not blank:
        return
    journal = journal_path_for(path)
    kept = "its journal" if journal.exists() and journal.stat().st_size else ""
    if not kept and Backups(path).list():
        kept = "its backups"
    if kept:
        what = "is missing" if missing else "is empty"
        raise StoreDamagedError(path, f"the store file {what} but {kept} are still there", None)


def _blank(path: Path) -> bool:
    """Whether the file holds nothing but white space (read until it shows otherwise: a store's first
    bytes, not all of it)."""
    with open(path, "rb") as f:
        while chunk := f.read(1 << 16):
            if chunk.strip():
                return False
    return True


def restore_backup(path: Path | str, backup: Path | str, clock: Clock | None = None) -> Path | None:
    """Make the store at ``path`` hold what ``backup`` holds.

    The current store is backed up first; if it is damaged it is moved aside instead (never
    deleted) and that new name is returned. Refused while another copy holds the store.
    """
    from praxis_socialwork.store.files import regular_target

    path = _store_file(Path(path).absolute())
    backup = Path(backup)
    clock = clock or SystemClock()
    try:
        tables = decode_tables(regular_target(backup, "backup").read_bytes(), backup)
    except FileNotFoundError as exc:
        raise PraxisError(f"no backup at {backup} (praxis doctor lists the backups)") from exc
    except StoreDamagedError as exc:
        raise PraxisError(f"the backup {backup} is damaged too ({exc.detail}); choose another") from exc
    steps_needed(stored_version(tables), SCHEMA_VERSION, MIGRATIONS, str(backup))
    app_lock, lock = StoreLock(path, "open"), StoreLock(path)
    if not app_lock.try_acquire() or not lock.try_acquire(WRITE_WAIT):
        app_lock.release()
        raise StoreReadOnlyError(f"Another copy of Praxis is using {path}; close it, then restore.")
    moved: Path | None = None
    try:
        try:
            _refuse_blank_snapshot(path)
            storage = JournalStorage(path)
        except StoreDamagedError:
            when = clock.now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
            moved = path.with_name(f"{path.name}.damaged-{when}")
            if path.exists():
                path.replace(moved)
            journal = journal_path_for(path)
            if journal.exists():
                journal.replace(journal_path_for(moved))
            storage = JournalStorage(path)
        try:
            storage.start_writing()
            if _has_records(storage.read()):
                Backups(path).take(storage.snapshot_bytes(), "before-restore", clock.now())
            storage.replace_all(tables)
        finally:
            storage.close()
    finally:
        lock.release()
        app_lock.release()
    # Bring the restored store up to the current schema (this backs it up first if needed).
    Repository.open(path, clock).close()
    return moved
