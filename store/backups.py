"""Rotating backups of a store, kept in a ``backups`` folder beside it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson

from praxis_socialwork.store.clock import LONDON
from praxis_socialwork.store.files import atomic_copy, atomic_write

KEEP_NEWEST = 10
KEEP_DAILY_FOR_DAYS = 30
_NAME = re.compile(r"^(?P<stem>.+)-(?P<when>\d{8}T\d{6}Z)-(?P<reason>[a-z0-9-]+)\.json$")


@dataclass(frozen=True)
class Backup:
    """One backup file: where it is, when it was taken (UTC) and why."""

    path: Path
    taken: datetime
    reason: str
    size: int


class Backups:
    """The backups of one store: take, list, prune, and find the newest readable one."""

    def __init__(self, store_path: Path) -> None:
        self.store_path = store_path
        self.folder = store_path.parent / "backups"
        self.stem = store_path.stem

    def list(self) -> list[Backup]:
        """Return this store's backups, newest first."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.iterdir():
            m = _NAME.match(path.name)
            if not m or m["stem"] != self.stem:
                continue
            taken = datetime.strptime(m["when"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            found.append(Backup(path, taken, m["reason"], path.stat().st_size))
        return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)

    def taken_on(self, day: date) -> bool:
        """Whether a backup was taken on ``day`` (the UK day)."""
        return any(b.taken.astimezone(LONDON).date() == day for b in self.list())

    def take(self, data: bytes, reason: str, now: datetime) -> Path | None:
        """Save ``data`` as a new backup unless it equals the newest one; prune old ones.

        Returns the new backup's path, or None when nothing new needed keeping.
        """
        write = lambda path: atomic_write(path, data)  # noqa: E731
        return self._take(len(data), lambda: _digest(data), write, reason, now)

    def take_file(self, source: Path, reason: str, now: datetime) -> Path | None:
        """``take`` the bytes of the file ``source`` (the store's snapshot when it holds the whole store),
        copied and compared in pieces: a backup of a large store costs no memory."""
        write = lambda path: atomic_copy(source, path)  # noqa: E731
        return self._take(source.stat().st_size, lambda: _file_digest(source), write, reason, now)

    def _take(
        self, size: int, digest: Callable[[], str], write: Callable[[Path], None], reason: str, now: datetime
    ) -> Path | None:
        """A new backup of ``size`` bytes (``digest`` their SHA-256, ``write`` puts them at a path),
        unless the newest backup holds the same bytes; then prune."""
        existing = self.list()
        if existing and existing[0].size == size and _file_digest(existing[0].path) == digest():
            return None
        path = self._new_path(reason, now)
        write(path)
        self.prune(now)
        return path

    def _new_path(self, reason: str, now: datetime) -> Path:
        when = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = self.folder / f"{self.stem}-{when}-{reason}.json"
        n = 1
        while path.exists():
            n += 1
            path = self.folder / f"{self.stem}-{when}-{reason}-{n}.json"
        return path

    def prune(self, now: datetime) -> None:
        """Keep the newest backups and the newest one of each recent day; remove the rest."""
        backups = self.list()
        keep = {b.path for b in backups[:KEEP_NEWEST]}
        seen_days: set[date] = set()
        horizon = now.astimezone(UTC) - timedelta(days=KEEP_DAILY_FOR_DAYS)
        for b in backups:
            if b.taken >= horizon and b.taken.date() not in seen_days:
                seen_days.add(b.taken.date())
                keep.add(b.path)
        for b in backups:
            if b.path not in keep:
                b.path.unlink(missing_ok=True)

    def latest_good(self) -> Path | None:
        """Return the newest backup that reads as a store, or None."""
        for b in self.list():
            try:
                data = orjson.loads(b.path.read_bytes())
            except (OSError, ValueError):
                continue
            if isinstance(data, dict):
                return b.path
        return None


def _digest(data: bytes) -> str:
    import hashlib  # loads OpenSSL: only when a backup is taken

    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str:
    import hashlib

    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()
