"""A health check of a store: can it be read, is it private, are its records sound, what backups exist."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from praxis_socialwork.store import validation
from praxis_socialwork.store.backups import Backup, Backups
from praxis_socialwork.store.clock import Clock, today
from praxis_socialwork.store.errors import PraxisError, Problem
from praxis_socialwork.store.locking import in_use
from praxis_socialwork.store.migrations import SCHEMA_VERSION, stored_version
from praxis_socialwork.store.models import Activity, Placement, PlacementDay, Profile, Reflection
from praxis_socialwork.store.platform_calls import permission_bits_matter
from praxis_socialwork.store.repository import Repository
from praxis_socialwork.store.storage import journal_path_for


@dataclass(frozen=True)
class Finding:
    """One line of the check: ``ok``, ``warning`` or ``error``, and what was found."""

    level: str
    message: str


@dataclass(frozen=True)
class Checkup:
    """Everything ``examine`` found about a store."""

    path: Path
    findings: list[Finding]
    backups: list[Backup]

    @property
    def healthy(self) -> bool:
        """Whether nothing is in error (warnings allowed)."""
        return all(f.level != "error" for f in self.findings)


def _private(path: Path, what: str, found: list[Finding]) -> None:
    if not permission_bits_matter():
        return  # Windows: the folder's access list says who may read it, not the mode bits
    if path.exists() and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        found.append(Finding("warning", f"{what} {path} can be read by other users (praxis will tighten it)"))


def examine(path: Path, clock: Clock) -> Checkup:
    """Check the store at ``path`` without changing it and return what was found."""
    found: list[Finding] = []
    backups = Backups(path)
    if not path.exists():
        found.append(Finding("warning", f"no store at {path} yet (praxis init creates one)"))
        return Checkup(path, found, backups.list())
    journal = journal_path_for(path)
    size = path.stat().st_size + (journal.stat().st_size if journal.exists() else 0)
    found.append(Finding("ok", f"store {path} ({size / 1024:.0f} KiB)"))
    _private(path, "the store", found)
    _private(journal, "the journal", found)
    if in_use(path):
        found.append(Finding("ok", "another copy of Praxis has it open (checked read-only)"))
    try:
        repo = Repository.open(path, clock, read_only=True)
    except PraxisError as exc:
        found.append(Finding("error", str(exc)))
        return Checkup(path, found, backups.list())
    with repo:
        version = stored_version(repo.storage.read())
        found.append(Finding("ok", f"schema version {version} (this Praxis writes {SCHEMA_VERSION})"))
        counts = repo.stats()
        summary = ", ".join(f"{n} {name.replace('days', 'placement days')}" for name, n in counts.items())
        found.append(Finding("ok", summary))
        found += _record_findings(repo, clock)
    listed = backups.list()
    if listed:
        good = backups.latest_good()
        found.append(Finding("ok", f"{len(listed)} backups; newest readable: {good}"))
    else:
        found.append(Finding("warning", "no backups yet (one is taken before the first change each day)"))
    return Checkup(path, found, listed)


def _record_findings(repo: Repository, clock: Clock) -> list[Finding]:
    found: list[Finding] = []
    now = today(clock)
    placements = {p.id for p in repo.placements()}
    bad = 0
    for kind in (Activity, Placement, PlacementDay, Reflection):
        for record in repo.all(kind):
            problems = validation.problems(record, now)
            if isinstance(record, PlacementDay) and record.placement_id not in placements:
                problems.append(Problem("placement", "its placement is missing"))
            if problems:
                bad += 1
                label = getattr(record, "title", "") or getattr(record, "name", "") or record.id[:8]
                why = "; ".join(map(str, problems))
                found.append(Finding("warning", f"{record.KIND} '{label}' ({record.id[:8]}): {why}"))
    seen: dict[str, list[str]] = {}
    for record in [*repo.every_record(), *repo.all(Profile)]:
        seen.setdefault(record.id, []).append(record.KIND)
    for record_id, kinds in seen.items():
        if len(kinds) > 1:
            bad += 1
            why = f"{len(kinds)} records share the id {record_id} ({', '.join(kinds)})"
            found.append(Finding("error", f"{why}: exports and bundles cannot tell them apart"))
    if not bad:
        found.append(Finding("ok", "every record passes its checks"))
    return found


def salvage(path: Path, clock: Clock) -> list[str]:
    """Rebuild a damaged store from its snapshot (or, if that cannot be read, the latest good backup)
    and every intact line of its journal; return what was done, line by line.

    The files as they were are kept beside it (``….damaged-<time>``), never deleted. Refused while
    another copy of Praxis has the store open. Raises ``PraxisError`` when nothing can be read.
    """
    from datetime import UTC

    from praxis_socialwork.store.errors import StoreDamagedError, StoreReadOnlyError
    from praxis_socialwork.store.files import atomic_write
    from praxis_socialwork.store.locking import StoreLock
    from praxis_socialwork.store.storage import apply_ops, decode_tables, encode_tables, salvage_journal

    path = Path(path).absolute()
    journal = journal_path_for(path)
    if not path.exists() and not journal.exists():
        raise PraxisError(f"no store at {path} to salvage")
    app_lock, lock = StoreLock(path, "open"), StoreLock(path)
    if not app_lock.try_acquire() or not lock.try_acquire():
        app_lock.release()
        raise StoreReadOnlyError(f"Another copy of Praxis is using {path}; close it, then salvage.")
    said: list[str] = []
    try:
        raw = path.read_bytes() if path.exists() else b""
        try:
            if not raw.strip():
                raise StoreDamagedError(path, "the store file is empty or missing", None)
            tables = decode_tables(raw, path)
            said.append(f"Read the store file {path}.")
        except StoreDamagedError as exc:
            good = Backups(path).latest_good()
            if good is None:
                raise PraxisError(f"{exc.detail}, and there is no good backup to start from") from exc
            tables = decode_tables(good.read_bytes(), good)
            said.append(f"The store file could not be read ({exc.detail}); started from the backup {good}.")
        batches, damaged = salvage_journal(journal)
        for ops in batches:
            apply_ops(tables, ops)
        total = len(batches) + len(damaged)
        said.append(f"Replayed {len(batches)} of {total} journal lines.")
        if damaged:
            said.append(f"Journal lines {', '.join(map(str, damaged))} could not be read and were left out.")
        when = clock.now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        for old in (path, journal):
            if old.exists():
                aside = old.with_name(f"{old.name}.damaged-{when}")
                old.replace(aside)
                said.append(f"Kept {old.name} as it was in {aside}.")
        atomic_write(path, encode_tables(tables))
    finally:
        lock.release()
        app_lock.release()
    Repository.open(path, clock).close()  # brings it up to this version's schema, backing it up first
    said.append(f"Wrote the rebuilt store to {path}; praxis doctor checks it.")
    return said
