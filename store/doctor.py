"""A health check of a store: can it be read, is it private, are its records sound, what backups exist."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from store import validation
from store.backups import Backup, Backups
from store.clock import Clock, today
from store.errors import PraxisError, Problem
from store.locking import in_use
from store.migrations import SCHEMA_VERSION, stored_version
from store.models import Activity, Placement, PlacementDay, Reflection
from store.repository import Repository
from store.storage import journal_path_for


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
    if not bad:
        found.append(Finding("ok", "every record passes its checks"))
    return found
