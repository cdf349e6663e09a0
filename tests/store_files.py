"""Reading a store's files as they are on disk, for tests that show a refused command changed nothing."""

from __future__ import annotations

from pathlib import Path


def store_bytes(path: Path) -> dict[str, bytes]:
    """The store's file and journal as they are on disk (its lock left out)."""
    return {p.name: p.read_bytes() for p in path.parent.glob(path.name + "*") if not p.name.endswith(".lock")}
